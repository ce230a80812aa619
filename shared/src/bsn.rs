//! The BSN (burgerservicenummer): the citizen service number that identifies a person to the
//! municipality, here only to name the client as the *rol* (party) on the *zaak* (case) the
//! worker creates in the municipality's case system. Special personal data: it never appears in a
//! URL or a log line, and only the client and their caseworkers may read it (`access`, class
//! `Details`).
//!
//! A BSN is nine digits that pass the "elfproef" (11-proof): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
//! multiple of 11 (and not 0).

use crate::text::Explanation;

/// A checked BSN: nine digits that pass the 11-proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bsn(String);

impl Bsn {
    pub fn parse(input: &str) -> Result<Bsn, Explanation> {
        let digits: Vec<u32> = input.chars().filter_map(|c| c.to_digit(10)).collect();
        if input.len() != 9 || digits.len() != 9 {
            return Err(Explanation::new(
                "een BSN bestaat uit precies 9 cijfers.",
                "a BSN is exactly 9 digits.",
            ));
        }
        let sum: i64 = digits
            .iter()
            .enumerate()
            .map(|(i, digit)| {
                let weight = if i == 8 { -1 } else { 9 - i as i64 };
                weight * i64::from(*digit)
            })
            .sum();
        if sum == 0 || sum % 11 != 0 {
            return Err(Explanation::new(
                "dit BSN bestaat niet (de elfproef klopt niet). Kijk het nummer na.",
                "this BSN does not exist (the 11-proof fails). Check the number.",
            ));
        }
        Ok(Bsn(input.to_owned()))
    }

    /// A BSN as a person types it in a form: the spaces and dots people write in it are taken
    /// out, then it is checked; the refusal is a whole sentence saying what is wrong and how to
    /// fix it.
    pub fn from_typed(typed: &str) -> Result<Bsn, Explanation> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
        if digits.is_empty() {
            return Err(Explanation::new(
                "Vul uw BSN in. U vindt het op uw paspoort, ID-kaart of rijbewijs.",
                "Fill in your BSN. You can find it on your passport, ID card or driving licence.",
            ));
        }
        Bsn::parse(&digits).map_err(|why| {
            Explanation::new(
                format!("Het BSN klopt niet: {}", why.nl),
                format!("The BSN is not right: {}", why.en),
            )
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Bsn;

    #[test]
    fn numbers_that_pass_the_eleven_proof_are_accepted() {
        // Test BSNs published for software testing (they pass the 11-proof).
        for bsn in ["999993653", "111222333", "123456782"] {
            assert_eq!(Bsn::parse(bsn).unwrap().as_str(), bsn);
        }
    }

    #[test]
    fn numbers_that_fail_the_eleven_proof_or_the_form_are_refused() {
        for bsn in ["999993654", "123456789", "000000000", "12345678", "1234567820", "12345678a", " 99999365"]
        {
            assert!(Bsn::parse(bsn).is_err(), "{bsn} should be refused");
        }
    }

    #[test]
    fn a_typed_bsn_may_have_spaces_and_dots_and_is_refused_in_a_whole_sentence() {
        assert_eq!(Bsn::from_typed("1234 56 782").unwrap().as_str(), "123456782");
        assert_eq!(Bsn::from_typed("123.456.782").unwrap().as_str(), "123456782");
        let wrong = Bsn::from_typed("123456781").unwrap_err();
        assert_eq!(
            wrong.nl,
            "Het BSN klopt niet: dit BSN bestaat niet (de elfproef klopt niet). Kijk het nummer na."
        );
        assert!(Bsn::from_typed("12345678").unwrap_err().nl.contains("9 cijfers"));
        assert!(Bsn::from_typed(" ").unwrap_err().nl.starts_with("Vul uw BSN in"));
        assert!(Bsn::from_typed("12345678a").is_err(), "a letter is no digit");
    }
}
