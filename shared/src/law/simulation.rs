//! Simulation: the same anonymous caseload under every policy, counted per route kind. "What would
//! happen to these clients under each municipality's policy?" Used by the policy makers'
//! command-line tool and by the simulation screen of the app (in the browser, offline).
//!
//! Every client is routed under every policy given, whatever municipality the client lives in: the
//! point is to compare policies on the same people. Eligibility (which does not depend on the
//! policy) is counted once.

use crate::law::advice::select_route;
use crate::law::eligibility::{assess_eligibility, EligibilityOutcome};
use crate::law::parameters::LegalParameters;
use crate::law::policy::{PolicyProfile, RouteKind};
use crate::law::situation::ClientSituation;

/// The number of route kinds: one count per kind, in [`RouteKind::ALL`] order.
pub const KINDS: usize = RouteKind::ALL.len();

/// The result of one simulation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    /// The size of the caseload.
    pub clients: usize,
    pub eligibility: EligibilityCounts,
    /// One row per policy, in the order the policies were given.
    pub per_policy: Vec<PolicyCounts>,
}

/// How many clients of the caseload the eligibility check found eligible, not eligible, or short of
/// facts (the same under every policy: the law decides, not the municipality).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EligibilityCounts {
    pub eligible: usize,
    pub not_eligible: usize,
    pub needs_information: usize,
}

/// The clients per route kind under one policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyCounts {
    pub policy_id: String,
    pub policy_name: String,
    /// Per route kind, in [`RouteKind::ALL`] order.
    pub counts: [usize; KINDS],
}

impl PolicyCounts {
    pub fn count(&self, kind: RouteKind) -> usize {
        self.counts[slot(kind)]
    }

    /// The kind of route most clients get under this policy, with their number: the chart's
    /// summary. Among equal numbers the later kind in [`RouteKind::ALL`] order.
    pub fn largest(&self) -> (RouteKind, usize) {
        let (slot, count) = self.counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap_or((0, &0));
        (RouteKind::ALL[slot], *count)
    }

    /// Every client gets exactly one route: this equals the caseload's size.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

fn slot(kind: RouteKind) -> usize {
    RouteKind::ALL.iter().position(|k| *k == kind).expect("ALL lists every kind")
}

/// `part` of `whole` in tenths of a percent, rounded half up (0 when `whole` is 0): 1 of 3 is 333.
pub fn per_mille(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    ((part as u64 * 2000 + whole as u64) / (whole as u64 * 2)) as u32
}

/// A share as people write it: "33,3%" in Dutch, "33.3%" in English.
pub fn percent_text(per_mille: u32, language: crate::text::Language) -> String {
    let separator = language.pick(",", ".");
    format!("{}{separator}{}%", per_mille / 10, per_mille % 10)
}

/// Routes every client of `caseload` under every policy of `policies`.
pub fn simulate(
    caseload: &[ClientSituation],
    policies: &[PolicyProfile],
    parameters: &LegalParameters,
) -> Simulation {
    let mut per_policy: Vec<PolicyCounts> = policies
        .iter()
        .map(|policy| PolicyCounts {
            policy_id: policy.id.clone(),
            policy_name: policy.name.clone(),
            counts: [0; KINDS],
        })
        .collect();
    let mut eligibility = EligibilityCounts::default();
    for situation in caseload {
        let assessed = assess_eligibility(situation, parameters);
        match assessed.outcome {
            EligibilityOutcome::Eligible { .. } => eligibility.eligible += 1,
            EligibilityOutcome::NotEligible { .. } => eligibility.not_eligible += 1,
            EligibilityOutcome::NeedsInformation { .. } => eligibility.needs_information += 1,
        }
        for (policy, row) in policies.iter().zip(per_policy.iter_mut()) {
            // The rule only, without the words, deadlines and trace of `advise_route`: ten times faster.
            row.counts[slot(select_route(situation, policy).kind())] += 1;
        }
    }
    Simulation { clients: caseload.len(), eligibility, per_policy }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::policy::embedded_policies;
    use crate::law::test_support::fully_known_single_adult;

    #[test]
    fn every_policy_routes_every_client_exactly_once() {
        let mut in_crisis = fully_known_single_adult();
        in_crisis.crisis.place_to_sleep_tonight = Some(false);
        let mut diagnosed = fully_known_single_adult();
        diagnosed.diagnosis.loonwaarde_percent_wml = Some(40);
        diagnosed.diagnosis.months_to_labour_market = Some(9);
        let caseload = [fully_known_single_adult(), in_crisis, diagnosed];
        let simulation = simulate(&caseload, embedded_policies(), LegalParameters::embedded());
        assert_eq!(simulation.clients, 3);
        assert_eq!(simulation.per_policy.len(), embedded_policies().len());
        for row in &simulation.per_policy {
            assert_eq!(row.total(), 3, "{}", row.policy_id);
            assert_eq!(row.count(RouteKind::StabiliseCrisisFirst), 1, "{}", row.policy_id);
        }
        let weener =
            simulation.per_policy.iter().find(|r| r.policy_id == "s-hertogenbosch-weener-xl").unwrap();
        assert_eq!(weener.counts, [1, 1, 0, 0, 1, 0, 0]);
        let tilburg = simulation.per_policy.iter().find(|r| r.policy_id == "tilburg").unwrap();
        assert_eq!(tilburg.counts, [1, 1, 0, 1, 0, 0, 0]);
        assert_eq!(
            simulation.eligibility,
            EligibilityCounts { eligible: 3, not_eligible: 0, needs_information: 0 }
        );
    }

    #[test]
    fn the_simulation_counts_the_route_that_the_advice_gives() {
        let day = crate::law::test_support::date("2026-11-02");
        for situation in crate::journey::synthetic_caseload::synthetic_caseload(11, 500, day, "tilburg") {
            for policy in embedded_policies() {
                let kind = select_route(&situation, policy).kind();
                assert_eq!(
                    kind,
                    crate::law::advice::advise_route(&situation, policy, None).route_kind,
                    "{}",
                    policy.id
                );
            }
        }
    }

    #[test]
    fn an_empty_caseload_gives_zeros_and_no_division_by_zero() {
        let simulation = simulate(&[], embedded_policies(), LegalParameters::embedded());
        assert!(simulation.per_policy.iter().all(|row| row.total() == 0));
        assert_eq!(per_mille(0, 0), 0);
    }

    #[test]
    fn shares_are_rounded_to_tenths_of_a_percent() {
        use crate::text::Language;
        assert_eq!(per_mille(1, 3), 333);
        assert_eq!(per_mille(2, 3), 667);
        assert_eq!(per_mille(3, 3), 1000);
        assert_eq!(percent_text(333, Language::Dutch), "33,3%");
        assert_eq!(percent_text(1000, Language::English), "100.0%");
    }

    #[test]
    fn the_largest_group_is_the_kind_with_most_clients_and_the_later_kind_on_a_tie() {
        let row = |counts| PolicyCounts { policy_id: "p".into(), policy_name: "P".into(), counts };
        assert_eq!(row([1, 5, 0, 2, 0, 0, 0]).largest(), (RouteKind::ALL[1], 5));
        assert_eq!(row([3, 0, 0, 3, 0, 0, 1]).largest(), (RouteKind::ALL[3], 3));
        assert_eq!(row([0; KINDS]).largest(), (RouteKind::ALL[KINDS - 1], 0));
    }
}
