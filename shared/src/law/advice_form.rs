//! The route-advice form as typed: text, so that half-typed input never loses what was typed, read
//! as the situation the law engine decides on. What cannot be read is unknown (`None`), never a
//! guess: a date that is not one, an amount in euros that is not one, a "ja"/"nee" left open.

use crate::law::calendar::Date;
use crate::law::situation::{ClientSituation, CrisisAnswers, Diagnosis, Household, Housemate};

/// Every field of the form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdviceForm {
    pub municipality: String,
    pub application_date: String,
    pub birth_date: String,
    pub has_partner: bool,
    pub partner_birth_date: String,
    pub children: String,
    /// The birth date of each other adult in the home.
    pub housemates: Vec<String>,
    pub income_euros: String,
    pub assets_euros: String,
    /// `ja`, `nee`, or empty: not known.
    pub lawful_residence: String,
    pub in_detention: String,
    pub study_finance: String,
    pub place_to_sleep: String,
    /// Percent of the minimum wage (0 to 100).
    pub loonwaarde: String,
    pub months_to_work: String,
}

impl AdviceForm {
    /// The situation the engine reads.
    pub fn situation(&self) -> ClientSituation {
        let housemates = self
            .housemates
            .iter()
            .map(|birth| Housemate { birth_date: date(birth), commercial_tenancy: false })
            .collect();
        ClientSituation {
            application_date: date(&self.application_date),
            birth_date: date(&self.birth_date),
            municipality: Some(self.municipality.clone()).filter(|m| !m.is_empty()),
            household: Some(Household {
                has_partner: self.has_partner,
                partner_birth_date: date(&self.partner_birth_date),
                children_under_18: self.children.trim().parse().unwrap_or(0),
                housemates: Some(housemates),
            }),
            monthly_income_cents: cents(&self.income_euros),
            assets_cents: cents(&self.assets_euros),
            lawful_residence: yes_no(&self.lawful_residence),
            in_detention: yes_no(&self.in_detention),
            receives_study_finance: yes_no(&self.study_finance),
            crisis: CrisisAnswers {
                place_to_sleep_tonight: yes_no(&self.place_to_sleep),
                ..CrisisAnswers::default()
            },
            diagnosis: Diagnosis {
                loonwaarde_percent_wml: self.loonwaarde.trim().parse().ok().filter(|p| *p <= 100),
                months_to_labour_market: self.months_to_work.trim().parse().ok(),
                doelgroepregister_indication: None,
            },
            ..ClientSituation::default()
        }
    }
}

/// A typed ISO date, or unknown.
pub fn date(text: &str) -> Option<Date> {
    Date::parse_iso(text.trim()).ok()
}

/// "ja" or "nee"; anything else is unknown.
pub fn yes_no(text: &str) -> Option<bool> {
    match text {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => None,
    }
}

/// "1.234,56", "1234.56" or "1234" euros (a € and spaces allowed) as cents; anything else is unknown.
pub fn cents(text: &str) -> Option<i64> {
    let text = text.trim().replace(['€', ' '], "");
    let normalised = match (text.rfind(','), text.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => text.replace('.', "").replace(',', "."),
        (Some(_), None) => text.replace(',', "."),
        _ => text.replace(',', ""),
    };
    let (whole, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let fraction_cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(fraction_cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::date as day;

    #[test]
    fn amounts_in_euros_read_the_dutch_and_the_english_way() {
        assert_eq!(cents("1.234,56"), Some(123_456));
        assert_eq!(cents("1,234.56"), Some(123_456));
        assert_eq!(cents("1234.5"), Some(123_450));
        assert_eq!(cents("€ 1234"), Some(123_400));
        assert_eq!(cents("12,5"), Some(1_250));
        assert_eq!(cents(""), None);
        assert_eq!(cents("12.345"), None, "three decimals: not an amount");
        assert_eq!(cents("-5"), None);
        assert_eq!(cents("veel"), None);
    }

    #[test]
    fn what_cannot_be_read_is_unknown_never_a_guess() {
        let form = AdviceForm {
            municipality: "Tilburg".into(),
            application_date: " 2026-11-02 ".into(),
            birth_date: "02-11-1990".into(),
            children: "twee".into(),
            housemates: vec!["1960-01-01".into(), String::new()],
            income_euros: "300".into(),
            lawful_residence: "ja".into(),
            in_detention: "nee".into(),
            place_to_sleep: "misschien".into(),
            loonwaarde: "120".into(),
            months_to_work: "6".into(),
            ..AdviceForm::default()
        };
        let situation = form.situation();
        assert_eq!(situation.municipality.as_deref(), Some("Tilburg"));
        assert_eq!(situation.application_date, Some(day("2026-11-02")));
        assert_eq!(situation.birth_date, None);
        let household = situation.household.expect("a household");
        assert_eq!(household.children_under_18, 0);
        let births: Vec<Option<Date>> = household.housemates.unwrap().iter().map(|h| h.birth_date).collect();
        assert_eq!(births, [Some(day("1960-01-01")), None]);
        assert_eq!(situation.monthly_income_cents, Some(30_000));
        assert_eq!(situation.assets_cents, None);
        assert_eq!((situation.lawful_residence, situation.in_detention), (Some(true), Some(false)));
        assert_eq!(situation.crisis.place_to_sleep_tonight, None);
        assert_eq!(situation.diagnosis.loonwaarde_percent_wml, None, "more than 100%");
        assert_eq!(situation.diagnosis.months_to_labour_market, Some(6));
        assert_eq!(AdviceForm::default().situation().municipality, None);
    }
}
