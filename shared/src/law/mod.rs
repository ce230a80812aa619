//! The law engine: what the Participatiewet and a municipality's policy decide for one client on one
//! date. The calendar of the Algemene termijnenwet and Dutch local time, the law's parameters with
//! their articles (`shared/parameters/`), the norms, eligibility, the dated policy profiles with
//! their routes, deadlines and group programmes (`shared/policies/`), the route advice with its
//! trace, and the simulation of a caseload under every policy. Its input is a
//! [`situation::ClientSituation`]: plain facts, not records.
//!
//! Depends on the base modules at the top of the crate only (`text`, `formats`, `data_file`, …):
//! never on the sync core (`crate::sync`), the client journey (`crate::journey`) or the catalogue.

pub mod advice;
pub mod advice_form;
pub mod calendar;
pub mod caseload;
pub mod eligibility;
pub mod local_time;
pub mod norm;
pub mod parameters;
pub mod policy;
pub mod programme;
pub mod simulation;
pub mod situation;
#[cfg(test)]
pub(crate) mod test_support;
pub mod trace;
