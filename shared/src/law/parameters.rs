//! The legal amounts of the Participatiewet (norms, asset limits) as dated data.
//!
//! The amounts live in `shared/parameters/participatiewet.toml`, never in code: they change
//! on 1 January and 1 July, and each period cites its source. A period is in force from its
//! `valid_from` until the next period's. The file is checked when loaded: unknown fields,
//! periods out of order, non-positive amounts and a kostendelersnorm formula that disagrees
//! with its own cross-checks are refused with the file, line and a fix.

use crate::data_file::{parse_json, parse_toml, DataFileError};
use crate::law::calendar::Date;
use serde::Deserialize;
use std::sync::OnceLock;

/// All dated legal amounts, ordered by `valid_from`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalParameters {
    pub schema_version: u32,
    pub currency: String,
    pub amount_unit: String,
    /// Vakantietoeslag included in the norms, in basis points of the benefit (480 = 4.8%).
    pub holiday_allowance_basis_points: u32,
    #[serde(rename = "period")]
    pub periods: Vec<ParameterPeriod>,
    pub kostendelersnorm: CostSharingRule,
    /// The AOW age by calendar year, ordered by `from_year`.
    pub pensionable_age: Vec<PensionableAge>,
    pub search_period: SearchPeriodRule,
}

/// The zoektermijn for young applicants (Participatiewet art. 41 lid 4).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchPeriodRule {
    pub younger_than_years: u32,
    pub weeks: u32,
    pub source: String,
}

/// The pensioengerechtigde leeftijd (AOW age) from a calendar year on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PensionableAge {
    pub from_year: i32,
    pub years: u32,
    pub months: u32,
    pub source: String,
}

/// The amounts in force from `valid_from` on. Money in euro cents per month, net, holiday
/// allowance included.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterPeriod {
    pub valid_from: Date,
    pub source: String,
    #[serde(default)]
    pub confirmed_by: Vec<String>,
    pub amounts_include_holiday_allowance: bool,
    pub single_21_to_aow_cents: i64,
    pub couple_21_to_aow_cents: i64,
    pub youth_single_18_to_20_cents: i64,
    pub youth_single_parent_18_to_20_cents: i64,
    pub youth_couple_both_18_to_20_cents: i64,
    pub youth_couple_both_18_to_20_with_children_cents: i64,
    pub youth_couple_one_18_to_20_other_21_plus_cents: i64,
    pub youth_couple_one_18_to_20_other_21_plus_with_children_cents: i64,
    pub youth_no_parental_support_supplement_cents: Option<i64>,
    pub cost_sharing_youth_spouse_with_children_cents: i64,
    pub cost_sharing_youth_spouse_without_children_cents: i64,
    pub single_aow_age_cents: i64,
    pub couple_both_aow_age_cents: i64,
    pub couple_one_aow_age_cents: i64,
    pub asset_limit_single_cents: i64,
    pub asset_limit_single_parent_cents: i64,
    pub asset_limit_couple_cents: i64,
    pub asset_limit_home_equity_cents: i64,
}

/// The kostendelersnorm (Participatiewet art. 22a): with A people of at least
/// `minimum_age_cost_sharer` sharing a home, each one's norm is (base + A × per_cost_sharer) / A
/// percent of the couple norm B.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostSharingRule {
    pub base_percentage: u32,
    pub per_cost_sharer_percentage: u32,
    pub minimum_age_cost_sharer: u32,
    pub reference_norm_field: String,
    pub reference_norm_field_one_spouse_aow_age: String,
    pub reference_norm_field_aow_age: String,
    pub source: String,
    #[serde(default)]
    pub formula_confirmed_by: Vec<String>,
    #[serde(default)]
    pub cross_check: Vec<CostSharingCrossCheck>,
}

/// A published percentage for a number of cost-sharers, to check the formula against.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostSharingCrossCheck {
    pub cost_sharers: u32,
    pub percent_of_reference_norm_basis_points: u32,
    pub source: String,
}

impl CostSharingRule {
    /// Each person's share of the reference norm, in basis points (1/100 of a percent),
    /// rounded down, for `people` cost-sharers (A). One person pays no cost-sharing.
    pub fn share_basis_points(&self, people: u32) -> u32 {
        let people = people.max(1);
        (self.base_percentage + people * self.per_cost_sharer_percentage) * 100 / people
    }
}

impl LegalParameters {
    /// The parameters built into this binary (checked by the tests, so this cannot fail at run time).
    pub fn embedded() -> &'static LegalParameters {
        static PARSED: OnceLock<LegalParameters> = OnceLock::new();
        PARSED.get_or_init(|| {
            let (file, json) = crate::embedded_data::PARAMETERS_AS_JSON;
            LegalParameters::from_json(file, json)
                .unwrap_or_else(|error| panic!("the embedded parameter file is invalid: {error}"))
        })
    }

    /// Reads and checks the JSON form that `build.rs` makes of a parameter file.
    pub fn from_json(file: &str, json: &str) -> Result<LegalParameters, DataFileError> {
        let parameters: LegalParameters = parse_json(file, json)?;
        parameters.check().map_err(|message| DataFileError::at(file, json, None, message))?;
        Ok(parameters)
    }

    /// Reads and checks a parameter file. `file` is only used in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<LegalParameters, DataFileError> {
        let parameters: LegalParameters = parse_toml(file, text)?;
        parameters.check().map_err(|message| DataFileError::at(file, text, None, message))?;
        Ok(parameters)
    }

    /// The AOW age in months that applies in the year of `date`, or `None` before the first row.
    pub fn pensionable_age_months_on(&self, date: Date) -> Option<u32> {
        let year = date.year();
        let row = self.pensionable_age.iter().rev().find(|row| row.from_year <= year)?;
        Some(row.years * 12 + row.months)
    }

    /// The period in force on `date`, or `None` before the first period.
    pub fn in_force_on(&self, date: Date) -> Option<&ParameterPeriod> {
        self.periods.iter().rev().find(|period| period.valid_from <= date)
    }

    fn check(&self) -> Result<(), String> {
        if self.periods.is_empty() {
            return Err("the file has no [[period]]; add one with valid_from and the amounts".to_owned());
        }
        for pair in self.periods.windows(2) {
            if pair[0].valid_from >= pair[1].valid_from {
                return Err(format!(
                    "period valid_from {} comes after or on {}; order the [[period]] tables by date, each date once",
                    pair[0].valid_from, pair[1].valid_from
                ));
            }
        }
        for period in &self.periods {
            if let Some((field, amount)) = period.amounts().into_iter().find(|(_, amount)| *amount <= 0) {
                return Err(format!(
                    "period {}: {field} is {amount}; amounts are positive euro cents",
                    period.valid_from
                ));
            }
            for field in [
                &self.kostendelersnorm.reference_norm_field,
                &self.kostendelersnorm.reference_norm_field_one_spouse_aow_age,
                &self.kostendelersnorm.reference_norm_field_aow_age,
            ] {
                if period.amount(field).is_none() {
                    return Err(format!(
                        "kostendelersnorm names `{field}`, which is not an amount of a period; use one of the period's *_cents fields"
                    ));
                }
            }
        }
        if self.pensionable_age.is_empty()
            || self.pensionable_age.windows(2).any(|pair| pair[0].from_year >= pair[1].from_year)
        {
            return Err(
                "[[pensionable_age]] needs at least one row, ordered by from_year, each year once".to_owned()
            );
        }
        for check in &self.kostendelersnorm.cross_check {
            let computed = self.kostendelersnorm.share_basis_points(check.cost_sharers);
            if computed != check.percent_of_reference_norm_basis_points {
                return Err(format!(
                    "kostendelersnorm: for {} cost-sharers the formula gives {computed} basis points, \
                     the cross-check says {}; fix the percentages or the cross-check",
                    check.cost_sharers, check.percent_of_reference_norm_basis_points
                ));
            }
        }
        Ok(())
    }
}

impl ParameterPeriod {
    /// Every amount of the period by its field name.
    pub fn amounts(&self) -> Vec<(&'static str, i64)> {
        let mut amounts = vec![
            ("single_21_to_aow_cents", self.single_21_to_aow_cents),
            ("couple_21_to_aow_cents", self.couple_21_to_aow_cents),
            ("youth_single_18_to_20_cents", self.youth_single_18_to_20_cents),
            ("youth_single_parent_18_to_20_cents", self.youth_single_parent_18_to_20_cents),
            ("youth_couple_both_18_to_20_cents", self.youth_couple_both_18_to_20_cents),
            (
                "youth_couple_both_18_to_20_with_children_cents",
                self.youth_couple_both_18_to_20_with_children_cents,
            ),
            (
                "youth_couple_one_18_to_20_other_21_plus_cents",
                self.youth_couple_one_18_to_20_other_21_plus_cents,
            ),
            (
                "youth_couple_one_18_to_20_other_21_plus_with_children_cents",
                self.youth_couple_one_18_to_20_other_21_plus_with_children_cents,
            ),
            (
                "cost_sharing_youth_spouse_with_children_cents",
                self.cost_sharing_youth_spouse_with_children_cents,
            ),
            (
                "cost_sharing_youth_spouse_without_children_cents",
                self.cost_sharing_youth_spouse_without_children_cents,
            ),
            ("single_aow_age_cents", self.single_aow_age_cents),
            ("couple_both_aow_age_cents", self.couple_both_aow_age_cents),
            ("couple_one_aow_age_cents", self.couple_one_aow_age_cents),
            ("asset_limit_single_cents", self.asset_limit_single_cents),
            ("asset_limit_single_parent_cents", self.asset_limit_single_parent_cents),
            ("asset_limit_couple_cents", self.asset_limit_couple_cents),
            ("asset_limit_home_equity_cents", self.asset_limit_home_equity_cents),
        ];
        if let Some(supplement) = self.youth_no_parental_support_supplement_cents {
            amounts.push(("youth_no_parental_support_supplement_cents", supplement));
        }
        amounts
    }

    pub fn amount(&self, field: &str) -> Option<i64> {
        self.amounts().into_iter().find(|(name, _)| *name == field).map(|(_, amount)| amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data_file::line_of;
    use crate::law::test_support::date;

    const EMBEDDED_FILE_NAME: &str = "shared/parameters/participatiewet.toml";
    const EMBEDDED_FILE: &str = include_str!("../../parameters/participatiewet.toml");

    #[test]
    fn the_json_made_at_build_time_reads_the_same_as_the_toml() {
        let (_, json) = crate::embedded_data::PARAMETERS_AS_JSON;
        assert_eq!(
            LegalParameters::from_json("json", json).unwrap(),
            LegalParameters::from_toml(EMBEDDED_FILE_NAME, EMBEDDED_FILE).unwrap()
        );
    }

    #[test]
    fn the_embedded_file_is_valid_and_cites_a_source_for_every_period() {
        let parameters = LegalParameters::from_toml(EMBEDDED_FILE_NAME, EMBEDDED_FILE).unwrap();
        assert!(parameters.periods.len() >= 2);
        assert!(parameters.periods.iter().all(|p| p.source.contains("http")));
        assert!(!parameters.kostendelersnorm.source.is_empty());
    }

    #[test]
    fn picks_the_period_in_force_on_a_date() {
        let parameters = LegalParameters::embedded();
        assert_eq!(parameters.in_force_on(date("2026-06-30")).unwrap().valid_from, date("2026-01-01"));
        assert_eq!(parameters.in_force_on(date("2026-07-01")).unwrap().valid_from, date("2026-07-01"));
        assert_eq!(parameters.in_force_on(date("2026-01-01")).unwrap().single_21_to_aow_cents, 140_150);
        assert!(parameters.in_force_on(date("2020-01-01")).is_none());
        assert_eq!(parameters.pensionable_age_months_on(date("2026-11-26")), Some(67 * 12));
        assert_eq!(parameters.pensionable_age_months_on(date("2028-01-01")), Some(67 * 12 + 3));
    }

    #[test]
    fn the_kostendelersnorm_formula_gives_the_published_shares() {
        let rule = &LegalParameters::embedded().kostendelersnorm;
        assert_eq!(rule.share_basis_points(1), 7000, "alone: the single norm is 70% of the couple norm");
        assert_eq!(rule.share_basis_points(2), 5000);
        assert_eq!(rule.share_basis_points(3), 4333);
        assert_eq!(rule.share_basis_points(4), 4000);
        let mut previous = u32::MAX;
        for people in 1..=12 {
            let share = rule.share_basis_points(people);
            assert!(share <= previous, "a share never rises when a cost-sharer is added");
            assert!(share > 3000, "the share never drops to the marginal 30%");
            previous = share;
        }
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_line() {
        let text = EMBEDDED_FILE.replacen("single_21_to_aow_cents", "single_21_to_aov_cents", 1);
        let expected_line = line_of(&text, text.find("single_21_to_aov_cents").unwrap());
        let error = LegalParameters::from_toml("norms.toml", &text).unwrap_err();
        assert_eq!(error.line, Some(expected_line));
        assert!(error.message.contains("single_21_to_aov_cents"), "{}", error.message);
        assert!(error.to_string().starts_with(&format!("norms.toml:{expected_line}: ")));
    }

    #[test]
    fn periods_out_of_order_are_refused() {
        let text = EMBEDDED_FILE.replacen("valid_from = \"2026-07-01\"", "valid_from = \"2025-12-01\"", 1);
        let error = LegalParameters::from_toml("norms.toml", &text).unwrap_err();
        assert!(error.message.contains("order the [[period]] tables"), "{}", error.message);
    }

    #[test]
    fn a_formula_that_disagrees_with_its_cross_check_is_refused() {
        let text =
            EMBEDDED_FILE.replacen("per_cost_sharer_percentage = 30", "per_cost_sharer_percentage = 31", 1);
        let error = LegalParameters::from_toml("norms.toml", &text).unwrap_err();
        assert!(error.message.contains("cross-check"), "{}", error.message);
    }

    #[test]
    fn a_non_positive_amount_is_refused() {
        let text =
            EMBEDDED_FILE.replacen("asset_limit_couple_cents = 1600000", "asset_limit_couple_cents = 0", 1);
        let error = LegalParameters::from_toml("norms.toml", &text).unwrap_err();
        assert!(error.message.contains("asset_limit_couple_cents is 0"), "{}", error.message);
    }
}
