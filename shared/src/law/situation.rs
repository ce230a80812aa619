//! A client's situation: everything the engine may read to decide on eligibility and route.
//!
//! Every fact is optional: `None` means "not known yet", never "no". The engine answers
//! "needs information" and lists exactly which facts are missing, rather than guess.
//! The JSON form of this type is the contract of `POST /api/v1/evaluate` and of the policy
//! makers' command-line tool; its JSON Schema is `shared/schema/client-situation.schema.json`.

use crate::law::calendar::Date;
use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The highest score of a life domain in the klantfoto (5: fully self-reliant).
pub const HIGHEST_DOMAIN_SCORE: u8 = 5;

/// What is known of one client on one date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientSituation {
    /// The date of the application (aanvraag) or report (melding): the date the rules apply on.
    pub application_date: Option<Date>,
    pub birth_date: Option<Date>,
    /// The municipality of residence (woonplaats), by name (`Tilburg`) or by the id of its policy
    /// profile (`tilburg`).
    pub municipality: Option<String>,
    pub household: Option<Household>,
    /// Net monthly income of the household in euro cents (work, benefits, maintenance).
    pub monthly_income_cents: Option<i64>,
    /// Assets (vermogen) of the household in euro cents, after debts.
    pub assets_cents: Option<i64>,
    /// Receives, or could receive, study finance (studiefinanciering); excludes bijstand.
    pub receives_study_finance: Option<bool>,
    /// Is in detention (gedetineerd); excludes bijstand.
    pub in_detention: Option<bool>,
    /// Lives lawfully in the Netherlands (rechtmatig verblijf); required for bijstand.
    pub lawful_residence: Option<bool>,
    /// Has a start qualification (startkwalificatie: at least havo, vwo or mbo level 2).
    pub has_start_qualification: Option<bool>,
    /// The klantfoto: the client's own picture of their situation, one score per life domain.
    #[serde(default)]
    pub life_domains: Vec<LifeDomainScore>,
    #[serde(default)]
    pub crisis: CrisisAnswers,
    #[serde(default)]
    pub diagnosis: Diagnosis,
    #[serde(default)]
    pub milestones: Milestones,
}

/// Dates of steps already taken, from which later deadlines count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestones {
    /// The day the client reported back after the inspanningspakket (terugmelden).
    pub reported_back_on: Option<Date>,
    /// The day of the (group) intake.
    pub group_intake_on: Option<Date>,
}

/// Who shares the client's household and home.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Married or living together as a couple (gehuwd of samenwonend).
    pub has_partner: bool,
    pub partner_birth_date: Option<Date>,
    /// Children under 18 in the household.
    pub children_under_18: u8,
    /// The other people of 18 or older who live in the same home (medebewoners), not the
    /// partner. Those old enough count as kostendelers and lower the norm (kostendelersnorm).
    /// `None` when unknown, for example without a fixed address.
    pub housemates: Option<Vec<Housemate>>,
}

/// Someone who shares the client's home (medebewoner).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Housemate {
    pub birth_date: Option<Date>,
    /// Rents from, or lets to, the client on a commercial basis (commerciële huurrelatie):
    /// then not a kostendeler (Participatiewet art. 19a lid 1).
    #[serde(default)]
    pub commercial_tenancy: bool,
}

/// The klantfoto score of one life domain: 1 (acute problem) to 5 (fully self-reliant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifeDomainScore {
    /// The domain's id in the domain set, e.g. `income`, `housing`, `health`.
    pub domain: String,
    pub score: u8,
}

/// The crisis questions asked first. `Some(false)` on any of them is a crisis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrisisAnswers {
    /// Has a place to sleep tonight.
    pub place_to_sleep_tonight: Option<bool>,
    /// Can eat and drink today.
    pub food_today: Option<bool>,
    /// Is safe at home.
    pub safe_at_home: Option<bool>,
}

/// Results of diagnosis, where known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    /// Loonwaarde: the wage value of the client's work as a percentage of the legal minimum
    /// wage (WML), 0 to 100.
    pub loonwaarde_percent_wml: Option<u8>,
    /// Months until the client can do paid work at a regular employer (time to market).
    pub months_to_labour_market: Option<u16>,
    /// UWV indicated the client for the doelgroepregister (banenafspraak, garantiebaan).
    pub doelgroepregister_indication: Option<bool>,
}

/// One thing wrong with a situation: the field (a JSON path) and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SituationProblem {
    pub field: String,
    pub message: Explanation,
}

/// Why a situation could not be read or is not consistent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SituationError {
    /// Not valid JSON for this type, at a line and column.
    Unreadable { line: usize, column: usize, reason: String },
    /// Readable, but some values cannot be right.
    Inconsistent(Vec<SituationProblem>),
}

/// serde_json ends its messages with " at line L column C"; the line and column are kept apart.
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((reason, _)) => reason.to_owned(),
        None => message.to_owned(),
    }
}

impl ClientSituation {
    /// Reads a situation from JSON and checks it; unknown fields are refused.
    pub fn from_json(json: &str) -> Result<ClientSituation, SituationError> {
        let situation: ClientSituation =
            serde_json::from_str(json).map_err(|error| SituationError::Unreadable {
                line: error.line(),
                column: error.column(),
                reason: without_position(&error.to_string()),
            })?;
        let problems = situation.problems();
        if problems.is_empty() {
            Ok(situation)
        } else {
            Err(SituationError::Inconsistent(problems))
        }
    }

    /// Values that cannot be right, each with its field and a fix. Empty when all is well.
    pub fn problems(&self) -> Vec<SituationProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, nl: String, en: String| {
            problems.push(SituationProblem { field: field.to_owned(), message: Explanation::new(nl, en) });
        };
        if let (Some(birth), Some(application)) = (self.birth_date, self.application_date) {
            if birth > application {
                problem(
                    "birth_date",
                    format!("De geboortedatum ({birth}) ligt na de datum van de aanvraag ({application})."),
                    format!("The birth date ({birth}) is after the application date ({application})."),
                );
            }
        }
        if self.monthly_income_cents.is_some_and(|income| income < 0) {
            problem(
                "monthly_income_cents",
                "Het inkomen kan niet negatief zijn. Vul 0 in als er geen inkomen is.".to_owned(),
                "Income cannot be negative. Fill in 0 when there is no income.".to_owned(),
            );
        }
        for (index, score) in self.life_domains.iter().enumerate() {
            if !(1..=HIGHEST_DOMAIN_SCORE).contains(&score.score) {
                problem(
                    &format!("life_domains[{index}].score"),
                    format!("De score van {} is {}; gebruik 1 tot en met 5.", score.domain, score.score),
                    format!("The score of {} is {}; use 1 to 5.", score.domain, score.score),
                );
            }
        }
        if self.diagnosis.loonwaarde_percent_wml.is_some_and(|p| p > 100) {
            problem(
                "diagnosis.loonwaarde_percent_wml",
                "De loonwaarde is een percentage van het minimumloon: 0 tot en met 100.".to_owned(),
                "The wage value is a percentage of the minimum wage: 0 to 100.".to_owned(),
            );
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN: &str = r#"{
        "application_date": "2026-11-02",
        "birth_date": "1981-05-12",
        "municipality": "tilburg",
        "household": { "has_partner": false, "children_under_18": 0, "housemates": null },
        "monthly_income_cents": 0,
        "life_domains": [ { "domain": "housing", "score": 1 }, { "domain": "income", "score": 1 } ],
        "crisis": { "place_to_sleep_tonight": false }
    }"#;

    #[test]
    fn reads_a_situation_and_keeps_unknown_facts_unknown() {
        let jan = ClientSituation::from_json(JAN).unwrap();
        assert_eq!(jan.birth_date, Some(Date::parse_iso("1981-05-12").unwrap()));
        assert_eq!(jan.household.as_ref().unwrap().housemates, None);
        assert_eq!(jan.assets_cents, None, "not given means not known");
        assert_eq!(jan.crisis.place_to_sleep_tonight, Some(false));
        assert_eq!(jan.diagnosis, Diagnosis::default());
        let again: ClientSituation = serde_json::from_str(&serde_json::to_string(&jan).unwrap()).unwrap();
        assert_eq!(again, jan);
    }

    #[test]
    fn refuses_an_unknown_field_and_says_where() {
        let error = ClientSituation::from_json("{\n  \"aplication_date\": \"2026-11-02\"\n}").unwrap_err();
        match error {
            SituationError::Unreadable { line, reason, .. } => {
                assert_eq!(line, 2);
                assert!(reason.contains("aplication_date"), "{reason}");
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn refuses_an_impossible_date_with_the_expected_format() {
        let error = ClientSituation::from_json(r#"{"birth_date": "1981-02-30"}"#).unwrap_err();
        assert!(
            matches!(error, SituationError::Unreadable { ref reason, .. } if reason.contains("YYYY-MM-DD"))
        );
    }

    #[test]
    fn lists_every_inconsistent_value_with_its_field() {
        let json = r#"{
            "application_date": "2026-11-02",
            "birth_date": "2027-01-01",
            "monthly_income_cents": -5,
            "life_domains": [ { "domain": "health", "score": 0 }, { "domain": "housing", "score": 3 } ],
            "diagnosis": { "loonwaarde_percent_wml": 130 }
        }"#;
        let SituationError::Inconsistent(problems) = ClientSituation::from_json(json).unwrap_err() else {
            panic!("expected Inconsistent");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "birth_date",
                "monthly_income_cents",
                "life_domains[0].score",
                "diagnosis.loonwaarde_percent_wml"
            ]
        );
        assert!(problems.iter().all(|p| !p.message.nl.is_empty() && !p.message.en.is_empty()));
    }

    /// The schema file is generated from the type; this fails when they drift apart.
    #[test]
    fn the_committed_json_schema_matches_the_type() {
        let schema = serde_json::to_string_pretty(&schemars::schema_for!(ClientSituation)).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/client-situation.schema.json");
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &schema).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == schema,
            "shared/schema/client-situation.schema.json is out of date: \
             run `UPDATE_SCHEMA=1 cargo test -p naar-vermogen-shared` and commit the file"
        );
    }
}
