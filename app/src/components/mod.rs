//! Components that more than one page shows, one file per purpose, below the pages: a page imports
//! from here, never from another page.

pub mod audit_trail;
pub mod coming_up;
pub mod klantfoto_over_time;
pub mod preferred_name_form;
pub mod progress;
