//! The monthly bijstand norm of a household on a date (Participatiewet art. 20, 21, 22, 22a).
//!
//! The amounts come from the dated parameters; this module only chooses which amount applies
//! and applies the kostendelersnorm: with A people who share the costs of one home, each one's
//! norm is (40% + A × 30%) / A of the couple norm (the percentages are data too).

use crate::law::calendar::Date;
use crate::law::parameters::{CostSharingRule, ParameterPeriod};
use crate::law::trace::{euros_en, euros_nl, Trace};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the norm depends on, already derived from the situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormHousehold {
    pub client_age_months: u32,
    /// The partner's age, for a married or cohabiting couple.
    pub partner_age_months: Option<u32>,
    pub has_children: bool,
    /// Housemates who count as kostendelers (old enough, no commercial tenancy).
    pub cost_sharers: u32,
    /// The AOW age in months on the date of the norm.
    pub pensionable_age_months: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdType {
    Single,
    SingleParent,
    Couple,
}

/// The norm that applies, per month, net, holiday allowance included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MonthlyNorm {
    pub amount_cents: i64,
    pub household_type: HouseholdType,
    /// A in the kostendelersnorm: the people who share the costs of the home (1 when alone).
    pub people_sharing_costs: u32,
    /// The parameter period the amount comes from.
    pub parameters_valid_from: Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AgeBand {
    /// 18, 19 or 20 years old: the youth norms of art. 20; no kostendelersnorm.
    Youth,
    /// 21 years up to the AOW age: art. 21.
    Adult,
    /// The AOW age or older: art. 22.
    Pension,
}

/// Algemene bijstand is for people of 18 or older.
pub const MINIMUM_AGE_MONTHS: u32 = 18 * 12;
const ADULT_FROM_MONTHS: u32 = 21 * 12;

fn age_band(age_months: u32, pensionable_age_months: u32) -> AgeBand {
    if age_months >= pensionable_age_months {
        AgeBand::Pension
    } else if age_months >= ADULT_FROM_MONTHS {
        AgeBand::Adult
    } else {
        AgeBand::Youth
    }
}

/// The norm of one person of a home where `people` share the costs, as a share of `reference`
/// (the couple norm), rounded half up to the cent.
pub fn cost_sharing_amount(rule: &CostSharingRule, reference_cents: i64, people: u32) -> i64 {
    let people = i64::from(people.max(1));
    let numerator = reference_cents
        * (i64::from(rule.base_percentage) + people * i64::from(rule.per_cost_sharer_percentage));
    let denominator = 100 * people;
    (2 * numerator + denominator) / (2 * denominator)
}

fn reference(period: &ParameterPeriod, field: &str) -> i64 {
    period.amount(field).expect("reference norm fields are checked when the parameters are loaded")
}

/// Chooses the norm for `household` under `period`, and says why in `trace`.
/// The client must be 18 or older (eligibility checks that first).
pub fn monthly_norm(
    household: &NormHousehold,
    period: &ParameterPeriod,
    rule: &CostSharingRule,
    trace: &mut Trace,
) -> MonthlyNorm {
    let band = |age| age_band(age, household.pensionable_age_months);
    let client = band(household.client_age_months);
    let sharers = household.cost_sharers;
    let (household_type, people, amount, rule_id, nl, en) = match household.partner_age_months.map(band) {
        None => {
            let household_type =
                if household.has_children { HouseholdType::SingleParent } else { HouseholdType::Single };
            let people = 1 + sharers;
            match client {
                AgeBand::Youth => {
                    let amount = if household.has_children {
                        period.youth_single_parent_18_to_20_cents
                    } else {
                        period.youth_single_18_to_20_cents
                    };
                    (household_type, 1, amount, "pw.art20.youth_single", "U bent 18, 19 of 20 jaar. Dan geldt de jongerennorm.", "You are 18, 19 or 20. The youth norm applies.")
                }
                AgeBand::Adult if people == 1 => (household_type, 1, period.single_21_to_aow_cents, "pw.art21.single", "U woont zonder partner en zonder andere volwassenen die de kosten delen.", "You live without a partner and without other adults who share the costs."),
                AgeBand::Adult => (household_type, people, cost_sharing_amount(rule, reference(period, &rule.reference_norm_field), people), "pw.art22a.kostendelersnorm", "U deelt de kosten van uw huis met andere volwassenen. Dan is de norm lager (kostendelersnorm).", "You share the costs of your home with other adults. The norm is then lower (cost-sharers' norm)."),
                AgeBand::Pension if people == 1 => (household_type, 1, period.single_aow_age_cents, "pw.art22.single_aow_age", "U heeft de AOW-leeftijd. Dan geldt de norm voor AOW-leeftijd.", "You have reached the state pension age. The norm for that age applies."),
                AgeBand::Pension => (household_type, people, cost_sharing_amount(rule, reference(period, &rule.reference_norm_field_aow_age), people), "pw.art22a.kostendelersnorm_aow_age", "U heeft de AOW-leeftijd en deelt de kosten van uw huis met andere volwassenen (kostendelersnorm).", "You have reached the state pension age and share the costs of your home with other adults (cost-sharers' norm)."),
            }
        }
        Some(partner) => {
            let couple = HouseholdType::Couple;
            let children = household.has_children;
            let people = 2 + sharers;
            match (client, partner) {
                (AgeBand::Adult, AgeBand::Adult) if sharers == 0 => (couple, 2, period.couple_21_to_aow_cents, "pw.art21.couple", "U woont samen met uw partner, zonder andere volwassenen die de kosten delen.", "You live with your partner, without other adults who share the costs."),
                (AgeBand::Adult, AgeBand::Adult) => (couple, people, 2 * cost_sharing_amount(rule, reference(period, &rule.reference_norm_field), people), "pw.art22a.kostendelersnorm_couple", "U en uw partner delen de kosten van uw huis met andere volwassenen. Dan is de norm lager (kostendelersnorm).", "You and your partner share the costs of your home with other adults. The norm is then lower (cost-sharers' norm)."),
                (AgeBand::Youth, AgeBand::Youth) => (couple, 2, if children { period.youth_couple_both_18_to_20_with_children_cents } else { period.youth_couple_both_18_to_20_cents }, "pw.art20.youth_couple", "U en uw partner zijn allebei 18, 19 of 20 jaar. Dan geldt de jongerennorm voor partners.", "You and your partner are both 18, 19 or 20. The youth norm for couples applies."),
                (AgeBand::Youth, AgeBand::Adult) | (AgeBand::Adult, AgeBand::Youth) if sharers == 0 => (couple, 2, if children { period.youth_couple_one_18_to_20_other_21_plus_with_children_cents } else { period.youth_couple_one_18_to_20_other_21_plus_cents }, "pw.art20.youth_and_adult_couple", "Een van u is 18, 19 of 20 jaar, de ander 21 of ouder.", "One of you is 18, 19 or 20, the other 21 or older."),
                (AgeBand::Youth, AgeBand::Adult) | (AgeBand::Adult, AgeBand::Youth) => {
                    let young_spouse = if children { period.cost_sharing_youth_spouse_with_children_cents } else { period.cost_sharing_youth_spouse_without_children_cents };
                    let older_spouse = cost_sharing_amount(rule, reference(period, &rule.reference_norm_field), 1 + sharers);
                    (couple, 1 + sharers, young_spouse + older_spouse, "pw.art22a.lid3.youth_spouse_with_cost_sharers", "Een van u is 18, 19 of 20 jaar en u deelt de kosten met andere volwassenen. De partner van 21 of ouder krijgt de kostendelersnorm, met een vast bedrag erbij voor de jonge partner.", "One of you is 18, 19 or 20 and you share the costs with other adults. The partner aged 21 or older gets the cost-sharers' norm, plus a fixed amount for the young partner.")
                }
                (AgeBand::Pension, AgeBand::Pension) if sharers == 0 => (couple, 2, period.couple_both_aow_age_cents, "pw.art22.couple_aow_age", "U en uw partner hebben allebei de AOW-leeftijd.", "You and your partner have both reached the state pension age."),
                (AgeBand::Pension, AgeBand::Pension) => (couple, people, 2 * cost_sharing_amount(rule, reference(period, &rule.reference_norm_field_aow_age), people), "pw.art22a.kostendelersnorm_couple_aow_age", "U en uw partner hebben de AOW-leeftijd en delen de kosten met andere volwassenen (kostendelersnorm).", "You and your partner have reached the state pension age and share the costs with other adults (cost-sharers' norm)."),
                (AgeBand::Pension, _) | (_, AgeBand::Pension) if sharers == 0 => (couple, 2, period.couple_one_aow_age_cents, "pw.art22.couple_one_aow_age", "Een van u heeft de AOW-leeftijd, de ander nog niet.", "One of you has reached the state pension age, the other has not."),
                (AgeBand::Pension, _) | (_, AgeBand::Pension) => (couple, people, 2 * cost_sharing_amount(rule, reference(period, &rule.reference_norm_field_one_spouse_aow_age), people), "pw.art22a.kostendelersnorm_couple_one_aow_age", "Een van u heeft de AOW-leeftijd en u deelt de kosten met andere volwassenen (kostendelersnorm).", "One of you has reached the state pension age and you share the costs with other adults (cost-sharers' norm)."),
            }
        }
    };
    trace.record(
        rule_id,
        "Participatiewet art. 20-22a",
        &[
            ("age_months", household.client_age_months.to_string()),
            ("partner_age_months", household.partner_age_months.map_or("-".to_owned(), |a| a.to_string())),
            ("has_children", household.has_children.to_string()),
            ("cost_sharers", sharers.to_string()),
            ("parameters_valid_from", period.valid_from.to_string()),
        ],
        format!("{nl} Uw norm is {} per maand (bedragen vanaf {}).", euros_nl(amount), period.valid_from),
        format!("{en} Your norm is {} a month (amounts from {}).", euros_en(amount), period.valid_from),
    );
    MonthlyNorm {
        amount_cents: amount,
        household_type,
        people_sharing_costs: people,
        parameters_valid_from: period.valid_from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::parameters::LegalParameters;

    fn norm_on(date: &str, household: NormHousehold) -> MonthlyNorm {
        let parameters = LegalParameters::embedded();
        let period = parameters.in_force_on(Date::parse_iso(date).unwrap()).unwrap();
        monthly_norm(&household, period, &parameters.kostendelersnorm, &mut Trace::default())
    }

    fn household(
        age_years: u32,
        partner_years: Option<u32>,
        children: bool,
        cost_sharers: u32,
    ) -> NormHousehold {
        NormHousehold {
            client_age_months: age_years * 12,
            partner_age_months: partner_years.map(|y| y * 12),
            has_children: children,
            cost_sharers,
            pensionable_age_months: 67 * 12,
        }
    }

    #[test]
    fn takes_the_table_amounts_without_cost_sharers() {
        assert_eq!(norm_on("2026-03-01", household(44, None, false, 0)).amount_cents, 140_150);
        assert_eq!(
            norm_on("2026-03-01", household(44, None, true, 0)).household_type,
            HouseholdType::SingleParent
        );
        assert_eq!(norm_on("2026-03-01", household(44, Some(40), false, 0)).amount_cents, 200_213);
        assert_eq!(norm_on("2026-03-01", household(19, None, false, 0)).amount_cents, 34_599);
        assert_eq!(norm_on("2026-03-01", household(19, Some(23), true, 0)).amount_cents, 174_749);
        assert_eq!(norm_on("2026-03-01", household(68, None, false, 0)).amount_cents, 156_469);
        assert_eq!(norm_on("2026-08-01", household(44, None, false, 0)).amount_cents, 141_946);
    }

    #[test]
    fn applies_the_kostendelersnorm_to_the_couple_norm() {
        // A = 2: 50% of € 2.002,13 = € 1.001,07 (rounded half up).
        let two = norm_on("2026-03-01", household(44, None, false, 1));
        assert_eq!((two.amount_cents, two.people_sharing_costs), (100_107, 2));
        // A = 3: 43,33% → € 867,59; A = 4: 40% → € 800,85.
        assert_eq!(norm_on("2026-03-01", household(44, None, false, 2)).amount_cents, 86_759);
        assert_eq!(norm_on("2026-03-01", household(44, None, false, 3)).amount_cents, 80_085);
        // A couple with one adult child at home: A = 3, twice 43,33%.
        assert_eq!(norm_on("2026-03-01", household(50, Some(50), false, 1)).amount_cents, 2 * 86_759);
        // Youth norms are not lowered by housemates.
        assert_eq!(norm_on("2026-03-01", household(19, None, false, 3)).amount_cents, 34_599);
    }

    #[test]
    fn the_norm_never_rises_when_a_cost_sharer_is_added() {
        for date in ["2025-08-01", "2026-03-01", "2026-08-01"] {
            for age in [18, 20, 21, 35, 66, 67, 80] {
                for partner in [None, Some(19), Some(30), Some(70)] {
                    for children in [false, true] {
                        let mut previous = i64::MAX;
                        for sharers in 0..8 {
                            let norm = norm_on(date, household(age, partner, children, sharers));
                            assert!(norm.amount_cents > 0);
                            assert!(
                                norm.amount_cents <= previous,
                                "{date} age {age} partner {partner:?} children {children} sharers {sharers}"
                            );
                            previous = norm.amount_cents;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn explains_the_norm_in_both_languages_with_the_amount() {
        let parameters = LegalParameters::embedded();
        let period = parameters.in_force_on(Date::parse_iso("2026-03-01").unwrap()).unwrap();
        let mut trace = Trace::default();
        monthly_norm(&household(44, None, false, 1), period, &parameters.kostendelersnorm, &mut trace);
        let steps = trace.into_steps();
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].rule, "pw.art22a.kostendelersnorm");
        assert!(steps[0].explanation.nl.contains("€ 1.001,07"), "{}", steps[0].explanation.nl);
        assert!(steps[0].explanation.en.contains("€1,001.07"), "{}", steps[0].explanation.en);
    }
}
