//! Eligibility for bijstand (rechtmatigheid): the decision tree ("beslisboom") that a
//! consulent walks through, as one pure function.
//!
//! Every rule that fires is written to the trace. The outcome is one of three: eligible
//! (with the monthly norm and the benefit after income), not eligible (with every reason
//! found), or needs information (with exactly the facts that are missing). A definite
//! reason for "not eligible" wins over missing facts: more facts would not change it.

use crate::law::calendar::Date;
use crate::law::norm::{monthly_norm, MonthlyNorm, NormHousehold, MINIMUM_AGE_MONTHS};
use crate::law::parameters::{LegalParameters, ParameterPeriod};
use crate::law::situation::{ClientSituation, Household};
use crate::law::trace::{euros_en, euros_nl, Trace, TraceStep};
use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The answer of the eligibility check, with its explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EligibilityResult {
    pub outcome: EligibilityOutcome,
    /// The monthly norm, when the household facts were known.
    pub norm: Option<MonthlyNorm>,
    /// The zoektermijn for applicants younger than 27: four weeks of searching first.
    pub search_period: Option<SearchPeriod>,
    pub trace: Vec<TraceStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EligibilityOutcome {
    /// Entitled to bijstand: the norm minus the household's income, per month.
    Eligible { monthly_benefit_cents: i64 },
    /// Not entitled, for each of these reasons.
    NotEligible { reasons: Vec<Explanation> },
    /// These facts are needed before anything can be decided.
    NeedsInformation { missing: Vec<MissingFact> },
}

/// A fact the check needs, with the question to ask the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MissingFact {
    /// The field of [`ClientSituation`] (a JSON path), for example `household.housemates`.
    pub field: String,
    pub question: Explanation,
}

/// The four weeks in which a young applicant looks for work or education first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SearchPeriod {
    pub starts: Date,
    /// The last day of the search period; the application can be made after it.
    pub ends: Date,
}

const LAW: &str = "Participatiewet";

#[derive(Default)]
struct Assessment {
    trace: Trace,
    missing: Vec<MissingFact>,
    reasons_not_eligible: Vec<Explanation>,
}

impl Assessment {
    fn ask(&mut self, field: &str, nl: &str, en: &str) {
        self.missing.push(MissingFact { field: field.to_owned(), question: Explanation::new(nl, en) });
    }

    fn not_eligible(&mut self, rule: &str, source: &str, reads: &[(&str, String)], nl: String, en: String) {
        self.trace.record(rule, source, reads, nl.clone(), en.clone());
        self.reasons_not_eligible.push(Explanation::new(nl, en));
    }

    fn finish(
        mut self,
        norm: Option<MonthlyNorm>,
        income: Option<i64>,
        search_period: Option<SearchPeriod>,
    ) -> EligibilityResult {
        let outcome = if !self.reasons_not_eligible.is_empty() {
            EligibilityOutcome::NotEligible { reasons: self.reasons_not_eligible }
        } else if !self.missing.is_empty() {
            let fields: Vec<String> = self.missing.iter().map(|m| m.field.clone()).collect();
            self.trace.record(
                "engine.needs_information",
                "Naar Vermogen",
                &[("missing", fields.join(", "))],
                format!("Er ontbreken nog {} gegevens. Daarna kan de gemeente beslissen.", fields.len()),
                format!("{} facts are still missing. Then the municipality can decide.", fields.len()),
            );
            EligibilityOutcome::NeedsInformation { missing: self.missing }
        } else {
            match (&norm, income) {
                (Some(norm), Some(income)) => {
                    EligibilityOutcome::Eligible { monthly_benefit_cents: norm.amount_cents - income }
                }
                // Cannot happen (a missing norm or income always asks its question), but if it
                // did, asking beats guessing.
                _ => EligibilityOutcome::NeedsInformation {
                    missing: vec![MissingFact {
                        field: "household".to_owned(),
                        question: Explanation::new(
                            "De norm kon niet worden bepaald. Kijk de gegevens van het huishouden na.",
                            "The norm could not be determined. Check the household facts.",
                        ),
                    }],
                },
            }
        };
        EligibilityResult { outcome, norm, search_period, trace: self.trace.into_steps() }
    }
}

/// Walks the decision tree for `situation` with the legal amounts of `parameters`.
pub fn assess_eligibility(situation: &ClientSituation, parameters: &LegalParameters) -> EligibilityResult {
    let mut assessment = Assessment::default();
    let Some(date) = situation.application_date else {
        assessment.ask(
            "application_date",
            "Op welke datum heeft u zich gemeld of bijstand aangevraagd?",
            "On which date did you report or apply for assistance?",
        );
        return assessment.finish(None, None, None);
    };
    let (Some(period), Some(pensionable_age_months)) =
        (parameters.in_force_on(date), parameters.pensionable_age_months_on(date))
    else {
        assessment.ask(
            "application_date",
            "Voor deze datum kent Naar Vermogen de bedragen van de wet niet. Kijk of de datum klopt.",
            "Naar Vermogen does not know the legal amounts for this date. Check that the date is right.",
        );
        return assessment.finish(None, None, None);
    };

    let age_months = check_age(situation, date, &mut assessment);
    check_exclusions(situation, &mut assessment);
    let norm = age_months.and_then(|age| {
        let household = situation.household.as_ref().or_else(|| {
            assessment.ask(
                "household",
                "Woont u samen met een partner? Heeft u kinderen onder de 18?",
                "Do you live with a partner? Do you have children under 18?",
            );
            None
        })?;
        let norm_household = norm_household(
            household,
            age_months.unwrap_or(age),
            date,
            pensionable_age_months,
            parameters,
            &mut assessment,
        )?;
        Some(monthly_norm(&norm_household, period, &parameters.kostendelersnorm, &mut assessment.trace))
    });
    check_assets(situation, period, &mut assessment);
    check_income(situation, norm.as_ref(), &mut assessment);
    let search_period = age_months.and_then(|age| search_period(age, date, parameters, &mut assessment));
    assessment.finish(norm, situation.monthly_income_cents, search_period)
}

fn check_age(situation: &ClientSituation, date: Date, assessment: &mut Assessment) -> Option<u32> {
    let Some(birth_date) = situation.birth_date else {
        assessment.ask("birth_date", "Wat is uw geboortedatum?", "What is your date of birth?");
        return None;
    };
    let age_months = date.whole_months_since(birth_date);
    let reads = [("birth_date", birth_date.to_string()), ("application_date", date.to_string())];
    if age_months < MINIMUM_AGE_MONTHS {
        assessment.not_eligible(
            "pw.minimum_age",
            LAW,
            &reads,
            format!("U bent {} jaar. Bijstand is voor mensen van 18 jaar of ouder.", age_months / 12),
            format!("You are {}. Assistance is for people aged 18 or older.", age_months / 12),
        );
        return None;
    }
    assessment.trace.record(
        "pw.age",
        LAW,
        &reads,
        format!("Op de dag van de aanvraag bent u {} jaar.", age_months / 12),
        format!("On the day of the application you are {}.", age_months / 12),
    );
    Some(age_months)
}

/// A yes/no fact that excludes bijstand when it has one particular answer.
struct ExcludingFact {
    field: &'static str,
    answer: Option<bool>,
    excluding_answer: bool,
    question: (&'static str, &'static str),
    rule: &'static str,
    source: &'static str,
    reason: (&'static str, &'static str),
}

fn check_exclusions(situation: &ClientSituation, assessment: &mut Assessment) {
    let facts = [
        ExcludingFact {
            field: "lawful_residence",
            answer: situation.lawful_residence,
            excluding_answer: false,
            question: (
                "Woont u rechtmatig in Nederland? Bijvoorbeeld met de Nederlandse nationaliteit of een verblijfsvergunning.",
                "Do you live lawfully in the Netherlands? For example as a Dutch national or with a residence permit.",
            ),
            rule: "pw.art11.lawful_residence",
            source: "Participatiewet art. 11",
            reason: (
                "Bijstand is alleen voor mensen die rechtmatig in Nederland wonen.",
                "Assistance is only for people who live lawfully in the Netherlands.",
            ),
        },
        ExcludingFact {
            field: "in_detention",
            answer: situation.in_detention,
            excluding_answer: true,
            question: ("Zit u op dit moment in detentie?", "Are you in detention at the moment?"),
            rule: "pw.art13.detention",
            source: "Participatiewet art. 13",
            reason: (
                "Tijdens detentie is er geen recht op bijstand.",
                "There is no right to assistance during detention.",
            ),
        },
        ExcludingFact {
            field: "receives_study_finance",
            answer: situation.receives_study_finance,
            excluding_answer: true,
            question: (
                "Krijgt u studiefinanciering, of zou u die kunnen krijgen?",
                "Do you receive study finance, or could you receive it?",
            ),
            rule: "pw.art13.study_finance",
            source: "Participatiewet art. 13",
            reason: (
                "Wie studiefinanciering kan krijgen, heeft geen recht op bijstand voor de kosten van levensonderhoud.",
                "Someone who can receive study finance has no right to assistance for living costs.",
            ),
        },
    ];
    for fact in facts {
        match fact.answer {
            None => assessment.ask(fact.field, fact.question.0, fact.question.1),
            Some(answer) if answer == fact.excluding_answer => assessment.not_eligible(
                fact.rule,
                fact.source,
                &[(fact.field, answer.to_string())],
                fact.reason.0.to_owned(),
                fact.reason.1.to_owned(),
            ),
            Some(_) => {}
        }
    }
}

/// The household facts the norm needs, or `None` (with the questions asked) when some are unknown.
fn norm_household(
    household: &Household,
    age_months: u32,
    date: Date,
    pensionable_age_months: u32,
    parameters: &LegalParameters,
    assessment: &mut Assessment,
) -> Option<NormHousehold> {
    let partner_age_months = if household.has_partner {
        match household.partner_birth_date {
            Some(birth) => Some(date.whole_months_since(birth)),
            None => {
                assessment.ask(
                    "household.partner_birth_date",
                    "Wat is de geboortedatum van uw partner?",
                    "What is your partner's date of birth?",
                );
                return None;
            }
        }
    } else {
        None
    };
    let Some(housemates) = &household.housemates else {
        assessment.ask(
            "household.housemates",
            "Wonen er nog andere volwassenen in uw huis? Zo ja: wat is hun geboortedatum?",
            "Do other adults live in your home? If so: what are their dates of birth?",
        );
        return None;
    };
    let minimum_age_months = parameters.kostendelersnorm.minimum_age_cost_sharer * 12;
    let mut cost_sharers = 0;
    let mut all_known = true;
    for (index, housemate) in housemates.iter().enumerate() {
        match housemate.birth_date {
            None => {
                all_known = false;
                assessment.ask(
                    &format!("household.housemates[{index}].birth_date"),
                    "Wat is de geboortedatum van deze huisgenoot?",
                    "What is this housemate's date of birth?",
                );
            }
            Some(birth) => {
                if date.whole_months_since(birth) >= minimum_age_months && !housemate.commercial_tenancy {
                    cost_sharers += 1;
                }
            }
        }
    }
    all_known.then_some(NormHousehold {
        client_age_months: age_months,
        partner_age_months,
        has_children: household.children_under_18 > 0,
        cost_sharers,
        pensionable_age_months,
    })
}

fn check_assets(situation: &ClientSituation, period: &ParameterPeriod, assessment: &mut Assessment) {
    let Some(assets) = situation.assets_cents else {
        assessment.ask(
            "assets_cents",
            "Hoeveel geld en bezit heeft u (samen), min uw schulden? Bijvoorbeeld spaargeld of een auto.",
            "How much money and property do you (together) have, minus your debts? For example savings or a car.",
        );
        return;
    };
    let Some(household) = &situation.household else { return };
    let (limit, whose) = if household.has_partner {
        (period.asset_limit_couple_cents, ("samen met uw partner", "together with your partner"))
    } else if household.children_under_18 > 0 {
        (period.asset_limit_single_parent_cents, ("als alleenstaande ouder", "as a single parent"))
    } else {
        (period.asset_limit_single_cents, ("als alleenstaande", "as a single person"))
    };
    let reads = [("assets_cents", assets.to_string()), ("asset_limit_cents", limit.to_string())];
    if assets > limit {
        assessment.not_eligible(
            "pw.art34.assets_above_limit",
            "Participatiewet art. 34",
            &reads,
            format!(
                "Uw vermogen ({}) is hoger dan de grens {} ({}). Gebruik eerst dat geld.",
                euros_nl(assets),
                whose.0,
                euros_nl(limit)
            ),
            format!(
                "Your assets ({}) are above the limit {} ({}). Use that money first.",
                euros_en(assets),
                whose.1,
                euros_en(limit)
            ),
        );
    } else {
        assessment.trace.record(
            "pw.art34.assets_within_limit",
            "Participatiewet art. 34",
            &reads,
            format!("Uw vermogen ({}) is niet hoger dan de grens ({}).", euros_nl(assets), euros_nl(limit)),
            format!("Your assets ({}) are not above the limit ({}).", euros_en(assets), euros_en(limit)),
        );
    }
}

fn check_income(situation: &ClientSituation, norm: Option<&MonthlyNorm>, assessment: &mut Assessment) {
    let Some(income) = situation.monthly_income_cents else {
        assessment.ask(
            "monthly_income_cents",
            "Hoeveel inkomen heeft u (samen) per maand, netto? Vul 0 in als u geen inkomen heeft.",
            "How much net income do you (together) have a month? Fill in 0 if you have none.",
        );
        return;
    };
    let Some(norm) = norm else { return };
    let reads = [("monthly_income_cents", income.to_string()), ("norm_cents", norm.amount_cents.to_string())];
    if income >= norm.amount_cents {
        assessment.not_eligible(
            "pw.art31.income_at_or_above_norm",
            "Participatiewet art. 31-32",
            &reads,
            format!(
                "Uw inkomen ({}) is niet lager dan uw norm ({}). Dan is er geen bijstand nodig.",
                euros_nl(income),
                euros_nl(norm.amount_cents)
            ),
            format!(
                "Your income ({}) is not below your norm ({}). No assistance is then needed.",
                euros_en(income),
                euros_en(norm.amount_cents)
            ),
        );
    } else {
        let benefit = norm.amount_cents - income;
        assessment.trace.record(
            "pw.art31.benefit_tops_up_income",
            "Participatiewet art. 31-32",
            &reads,
            format!("De bijstand vult uw inkomen aan tot de norm: {} per maand.", euros_nl(benefit)),
            format!("Assistance tops up your income to the norm: {} a month.", euros_en(benefit)),
        );
    }
}

fn search_period(
    age_months: u32,
    date: Date,
    parameters: &LegalParameters,
    assessment: &mut Assessment,
) -> Option<SearchPeriod> {
    let rule = &parameters.search_period;
    if age_months >= rule.younger_than_years * 12 {
        return None;
    }
    let ends = date.plus_days(7 * rule.weeks as i32);
    assessment.trace.record(
        "pw.art41.zoektermijn",
        "Participatiewet art. 41 lid 4",
        &[("age_months", age_months.to_string()), ("application_date", date.to_string())],
        format!(
            "U bent jonger dan {} jaar. U zoekt eerst {} weken zelf naar werk of een opleiding, tot en met {ends}. \
             Daarna kunt u de aanvraag doen.",
            rule.younger_than_years, rule.weeks
        ),
        format!(
            "You are younger than {}. You first look for work or education yourself for {} weeks, up to and \
             including {ends}. Then you can apply.",
            rule.younger_than_years, rule.weeks
        ),
    );
    Some(SearchPeriod { starts: date, ends })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::situation::Housemate;
    use crate::law::test_support::{date, fully_known_single_adult, TestRng};

    fn assess(situation: &ClientSituation) -> EligibilityResult {
        assess_eligibility(situation, LegalParameters::embedded())
    }

    fn missing_fields(result: &EligibilityResult) -> Vec<String> {
        match &result.outcome {
            EligibilityOutcome::NeedsInformation { missing } => {
                missing.iter().map(|m| m.field.clone()).collect()
            }
            other => panic!("expected NeedsInformation, got {other:?}"),
        }
    }

    #[test]
    fn a_fully_known_single_adult_without_income_gets_the_single_norm() {
        let result = assess(&fully_known_single_adult());
        assert_eq!(result.outcome, EligibilityOutcome::Eligible { monthly_benefit_cents: 141_946 });
        assert_eq!(result.norm.unwrap().parameters_valid_from, date("2026-07-01"));
        assert_eq!(result.search_period, None);
        let rules: Vec<&str> = result.trace.iter().map(|s| s.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["pw.age", "pw.art21.single", "pw.art34.assets_within_limit", "pw.art31.benefit_tops_up_income"]
        );
    }

    #[test]
    fn income_is_topped_up_to_the_norm() {
        let mut situation = fully_known_single_adult();
        situation.monthly_income_cents = Some(40_000);
        assert_eq!(
            assess(&situation).outcome,
            EligibilityOutcome::Eligible { monthly_benefit_cents: 101_946 }
        );
        situation.monthly_income_cents = Some(141_946);
        assert!(matches!(assess(&situation).outcome, EligibilityOutcome::NotEligible { .. }));
    }

    #[test]
    fn lists_exactly_the_missing_facts() {
        let situation =
            ClientSituation { application_date: Some(date("2026-11-02")), ..ClientSituation::default() };
        assert_eq!(
            missing_fields(&assess(&situation)),
            [
                "birth_date",
                "lawful_residence",
                "in_detention",
                "receives_study_finance",
                "assets_cents",
                "monthly_income_cents"
            ]
        );
        let mut situation = fully_known_single_adult();
        situation.household = Some(Household {
            has_partner: true,
            housemates: Some(vec![
                Housemate::default(),
                Housemate { birth_date: Some(date("1960-01-01")), ..Housemate::default() },
            ]),
            ..Household::default()
        });
        assert_eq!(missing_fields(&assess(&situation)), ["household.partner_birth_date"]);
        situation.household.as_mut().unwrap().partner_birth_date = Some(date("1985-01-01"));
        assert_eq!(missing_fields(&assess(&situation)), ["household.housemates[0].birth_date"]);
    }

    #[test]
    fn without_an_application_date_nothing_else_can_be_decided() {
        assert_eq!(missing_fields(&assess(&ClientSituation::default())), ["application_date"]);
        let mut old = fully_known_single_adult();
        old.application_date = Some(date("2019-01-01"));
        assert_eq!(missing_fields(&assess(&old)), ["application_date"]);
    }

    #[test]
    fn a_definite_exclusion_wins_over_missing_facts() {
        let situation = ClientSituation {
            application_date: Some(date("2026-11-02")),
            in_detention: Some(true),
            lawful_residence: Some(false),
            ..ClientSituation::default()
        };
        match assess(&situation).outcome {
            EligibilityOutcome::NotEligible { reasons } => assert_eq!(reasons.len(), 2),
            other => panic!("expected NotEligible, got {other:?}"),
        }
    }

    #[test]
    fn assets_above_the_limit_exclude_and_at_the_limit_do_not() {
        let mut situation = fully_known_single_adult();
        situation.assets_cents = Some(800_000);
        assert!(matches!(assess(&situation).outcome, EligibilityOutcome::Eligible { .. }));
        situation.assets_cents = Some(800_001);
        let result = assess(&situation);
        let EligibilityOutcome::NotEligible { reasons } = result.outcome else {
            panic!("expected NotEligible")
        };
        assert!(
            reasons[0].nl.contains("€ 8.000,01") && reasons[0].nl.contains("€ 8.000,00"),
            "{}",
            reasons[0].nl
        );
    }

    #[test]
    fn only_housemates_of_27_or_older_without_a_commercial_tenancy_share_costs() {
        let mut situation = fully_known_single_adult();
        let housemate = |birth: &str, commercial| Housemate {
            birth_date: Some(date(birth)),
            commercial_tenancy: commercial,
        };
        situation.household.as_mut().unwrap().housemates = Some(vec![
            housemate("2000-01-01", false), // 26: does not count
            housemate("1990-01-01", true),  // commercial tenancy: does not count
            housemate("1950-01-01", false), // counts
        ]);
        let norm = assess(&situation).norm.unwrap();
        assert_eq!(norm.people_sharing_costs, 2);
        assert_eq!(norm.amount_cents, 101_390, "50% of the couple norm from 1 July 2026 (€ 2.027,79)");
    }

    #[test]
    fn under_27_gets_a_four_week_search_period() {
        let mut situation = fully_known_single_adult();
        situation.birth_date = Some(date("2003-02-01"));
        let result = assess(&situation);
        assert_eq!(
            result.search_period,
            Some(SearchPeriod { starts: date("2026-11-02"), ends: date("2026-11-30") })
        );
        assert!(result
            .trace
            .iter()
            .any(|s| s.rule == "pw.art41.zoektermijn" && s.explanation.nl.contains("2026-11-30")));
    }

    #[test]
    fn under_18_is_not_eligible() {
        let mut situation = fully_known_single_adult();
        situation.birth_date = Some(date("2009-01-01"));
        assert!(matches!(assess(&situation).outcome, EligibilityOutcome::NotEligible { .. }));
    }

    /// Situations made from a small deterministic generator (no test-only dependency).
    fn generated_situations(count: usize) -> Vec<ClientSituation> {
        let mut rng = TestRng::new(0);
        let mut next = move |range: u64| rng.below(range);
        // Mostly the usual answer, sometimes the other one, sometimes unknown.
        let fact = |roll: u64, usual: bool| match roll {
            0 => None,
            1 => Some(!usual),
            _ => Some(usual),
        };
        (0..count)
            .map(|_| {
                let day = |next: &mut dyn FnMut(u64) -> u64, from: i32, span: u64| {
                    Date::from_ymd(from + next(span) as i32, 1 + next(12) as u32, 1 + next(28) as u32)
                        .unwrap()
                };
                let housemates = match next(3) {
                    0 => None,
                    _ => Some(
                        (0..next(4))
                            .map(|_| Housemate {
                                birth_date: (next(10) > 0).then(|| day(&mut next, 1940, 70)),
                                commercial_tenancy: next(4) == 0,
                            })
                            .collect(),
                    ),
                };
                ClientSituation {
                    application_date: (next(10) > 0).then(|| day(&mut next, 2025, 3)),
                    birth_date: (next(10) > 0).then(|| day(&mut next, 1940, 75)),
                    household: (next(6) > 0).then(|| Household {
                        has_partner: next(2) == 0,
                        partner_birth_date: (next(4) > 0).then(|| day(&mut next, 1940, 70)),
                        children_under_18: next(3) as u8,
                        housemates,
                    }),
                    monthly_income_cents: (next(8) > 0).then(|| {
                        if next(2) == 0 {
                            0
                        } else {
                            next(250_000) as i64
                        }
                    }),
                    assets_cents: (next(8) > 0).then(|| next(2_500_000) as i64 - 500_000),
                    receives_study_finance: fact(next(20), false),
                    in_detention: fact(next(20), false),
                    lawful_residence: fact(next(20), true),
                    ..ClientSituation::default()
                }
            })
            .collect()
    }

    #[test]
    fn every_result_is_deterministic_explained_and_consistent() {
        let mut seen = [0usize; 3];
        for situation in generated_situations(5_000) {
            let result = assess(&situation);
            assert_eq!(result, assess(&situation), "the same situation gives the same result");
            assert!(!result.trace.is_empty(), "every result has a trace: {situation:?}");
            match &result.outcome {
                EligibilityOutcome::Eligible { monthly_benefit_cents } => {
                    seen[0] += 1;
                    assert!(*monthly_benefit_cents > 0);
                    assert!(result.norm.is_some());
                }
                EligibilityOutcome::NotEligible { reasons } => {
                    seen[1] += 1;
                    assert!(!reasons.is_empty());
                }
                EligibilityOutcome::NeedsInformation { missing } => {
                    seen[2] += 1;
                    assert!(!missing.is_empty());
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 100), "the generator reaches every outcome: {seen:?}");
    }
}
