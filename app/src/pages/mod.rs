//! One module per screen.

pub mod aanvraag;
pub mod advice;
pub mod appointments;
pub mod consultation_hours;
pub mod dossier;
pub mod group_members;
pub mod groups;
pub mod home;
pub mod inspanningspakket;
pub mod klantfoto;
pub mod login;
pub mod municipal_outbox;
pub mod own_group;
pub mod policy;
