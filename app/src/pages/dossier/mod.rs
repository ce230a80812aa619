//! Client files (dossiers) for outreach workers and consulents: the caseload list (`list`), one file
//! (`file`) with what is coming up, the next step and the consulent's decisions (`next_step`,
//! `decision_form`), and what a professional keeps there during a home visit, offline as well: a
//! crisis signal, notes, the next appointment, the appointments that took place, and today's visits.
//!
//! Every change goes through `sync`: checked by `shared`, stored on the device, shown at once, sent
//! when there is a connection. Notes and the crisis signal are data class `notes`: never shown to the
//! client or a trainer.

mod crisis_signal;
mod decision_form;
pub mod file;
mod held_appointments;
pub mod list;
mod next_step;
mod notes;
mod plan_appointment;
mod todays_visits;
