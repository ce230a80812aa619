//! Helpers for the unit tests of this crate (compiled only for tests).

use crate::law::calendar::Date;
use crate::law::situation::{ClientSituation, Household};

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

/// A small deterministic random generator (xorshift), so property tests need no extra dependency
/// and fail the same way every run.
pub struct TestRng(u64);

impl TestRng {
    pub fn new(seed: u64) -> TestRng {
        TestRng(0x9e37_79b9_7f4a_7c15 ^ seed.wrapping_mul(0x2545_f491_4f6c_dd1d))
    }

    /// A number from 0 up to (not including) `range`.
    pub fn below(&mut self, range: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % range
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i as u64 + 1) as usize);
        }
    }
}
