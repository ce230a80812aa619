//! One module per screen.

pub mod advice;
pub mod home;
pub mod login;
