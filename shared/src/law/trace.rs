//! The explanation trace: every rule that fired, the facts it read, and a sentence in Dutch
//! (B1) and English that a consulent can show a client.

use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One rule that fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TraceStep {
    /// A stable id, for example `pw.art22a.kostendelersnorm`.
    pub rule: String,
    /// Where the rule comes from (an article of law, or a municipal policy file and rule).
    pub source: String,
    /// The facts the rule read, as field and value, for example `birth_date` = `1981-05-12`.
    pub reads: Vec<FactRead>,
    pub explanation: Explanation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FactRead {
    pub field: String,
    pub value: String,
}

/// Collects trace steps as rules fire, in order.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    steps: Vec<TraceStep>,
}

impl Trace {
    pub fn record(&mut self, rule: &str, source: &str, reads: &[(&str, String)], nl: String, en: String) {
        self.steps.push(TraceStep {
            rule: rule.to_owned(),
            source: source.to_owned(),
            reads: reads
                .iter()
                .map(|(field, value)| FactRead { field: (*field).to_owned(), value: value.clone() })
                .collect(),
            explanation: Explanation::new(nl, en),
        });
    }

    pub fn into_steps(self) -> Vec<TraceStep> {
        self.steps
    }
}

/// Euro cents as a person reads them in Dutch: `€ 1.401,50`.
pub fn euros_nl(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{sign}€ {grouped},{:02}", cents % 100)
}

/// Euro cents as a person reads them in English: `€1,401.50`.
pub fn euros_en(cents: i64) -> String {
    euros_nl(cents).replace("€ ", "€").replace('.', "_").replace(',', ".").replace('_', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_amounts_the_dutch_and_the_english_way() {
        assert_eq!(euros_nl(140_150), "€ 1.401,50");
        assert_eq!(euros_en(140_150), "€1,401.50");
        assert_eq!(euros_nl(5), "€ 0,05");
        assert_eq!(euros_nl(123_456_789), "€ 1.234.567,89");
        assert_eq!(euros_nl(-2_500), "-€ 25,00");
    }
}
