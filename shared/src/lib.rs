//! The domain crate of Naar Vermogen.
//!
//! Everything that decides something lives here as a pure function, so that the
//! browser (app, compiled to WebAssembly) and the edge (worker, also WebAssembly)
//! decide in exactly the same way. This crate does no I/O: no network, no storage,
//! no clock. It builds for the native target (tests) and for `wasm32-unknown-unknown`.

pub mod access;
pub mod advice;
pub mod api;
pub mod appointment;
pub mod attendance;
pub mod bsn;
pub mod calendar;
pub mod caseload;
pub mod client_id;
pub mod coming_up;
pub mod consultation_hour;
pub mod data_file;
pub mod eligibility;
pub mod hlc;
pub mod inspanningspakket;
pub mod journey;
pub mod klantfoto;
pub mod merge;
pub mod municipal;
pub mod next_step;
/// The data files as JSON, made by `build.rs` (no TOML parser in the WebAssembly binaries).
pub mod embedded_data {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}
pub mod norm;
pub mod parameters;
pub mod policy;
pub mod preferred_name;
pub mod programme;
pub mod push_admission;
pub mod record;
pub mod role;
pub mod simulation;
pub mod situation;
pub mod storage_space;
pub mod sync_protocol;
pub mod synthetic_caseload;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod trace;
