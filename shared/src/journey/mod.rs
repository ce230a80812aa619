//! The client journey: what happens to one client file, read from the synced records. The klantfoto,
//! the inspanningspakket, appointments and the slots they are booked in, consultation hours, group
//! schedules with attendance and end goals, the consulent's decisions on the next step, what is
//! coming up, and the steps the municipality hears about; and a synthetic caseload for simulations.
//!
//! Depends on the law engine (`crate::law`), the sync core (`crate::sync`) and the base modules:
//! never on the catalogue (`crate::catalogue`), which lists this layer's words in its table.

pub mod aanvraag;
pub mod appointment;
pub mod attendance;
pub mod booking;
pub mod caseload;
pub mod coming_up;
pub mod consultation_hour;
pub mod dossier;
pub mod group_work;
pub mod home_visit;
pub mod inspanningspakket;
pub mod inspanningspakket_log;
pub mod klantfoto;
pub mod next_step;
pub mod schedule;
pub mod steps;
pub mod synthetic_caseload;
#[cfg(test)]
mod test_support;

// `shared::journey::…` named these before the layers, when they were this whole module.
pub use steps::{rechtmatigheidsgesprek_held, route_decided};
