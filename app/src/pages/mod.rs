//! One module per screen.

pub mod advice;
pub mod appointments;
pub mod dossier;
pub mod groups;
pub mod home;
pub mod inspanningspakket;
pub mod klantfoto;
pub mod login;
