//! The domain crate of Naar Vermogen.
//!
//! Everything that decides something lives here as a pure function, so that the
//! browser (app, compiled to WebAssembly) and the edge (worker, also WebAssembly)
//! decide in exactly the same way. This crate does no I/O: no network, no storage,
//! no clock. It builds for the native target (tests) and for `wasm32-unknown-unknown`.
//!
//! Three layers, one folder each, and the dependencies between them point one way:
//! - [`law`]: the law engine (calendar, parameters, policies, eligibility, advice, simulation);
//! - [`sync`]: the sync core (records, clocks, operations, merge, access); may use the law;
//! - [`journey`]: the client journey (klantfoto, appointments, groups, next step); may use both;
//! - [`catalogue`], above them: every record kind's fields, with the journey's words, and the checks
//!   that need them (`operation.check()`).
//!
//! The small modules at the top (`text`, `formats`, `data_file`, `bsn`, `client_id`, `role`, `api`,
//! …) are the base every layer may use; they use no layer. A test keeps the direction
//! (`xtask/src/layers.rs`, on every `cargo test`).

pub mod journey;
pub mod law;
pub mod sync;

pub mod catalogue;

pub mod api;
pub mod bsn;
pub mod client_id;
pub mod data_file;
/// The data files as JSON, made by `build.rs` (no TOML parser in the WebAssembly binaries).
pub mod embedded_data {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}
pub mod formats;
pub mod municipal;
pub mod preferred_name;
pub mod role;
pub mod storage_space;
pub mod text;
