//! Helpers for the unit tests of this crate (compiled only for tests).

use crate::calendar::Date;
use crate::situation::{ClientSituation, Household};

/// A date from ISO text; panics on a typo in a test.
pub fn date(iso: &str) -> Date {
    Date::parse_iso(iso).unwrap()
}

/// Someone of 42 living alone who applied on Monday 2 November 2026, with every fact the
/// eligibility check needs known: no income, no assets, lawful residence, no detention, no
/// study finance. Tests change the one fact they are about.
pub fn fully_known_single_adult() -> ClientSituation {
    ClientSituation {
        application_date: Some(date("2026-11-02")),
        birth_date: Some(date("1984-03-15")),
        household: Some(Household { housemates: Some(vec![]), ..Household::default() }),
        monthly_income_cents: Some(0),
        assets_cents: Some(0),
        receives_study_finance: Some(false),
        in_detention: Some(false),
        lawful_residence: Some(true),
        ..ClientSituation::default()
    }
}
