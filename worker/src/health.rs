//! `GET /api/v1/health`: is the worker up, and which build is it.

use crate::failure::Failure;
use shared::api::Health;
use worker::Response;

/// The version of this build: crate version plus the commit, set by `cargo xtask` at build time.
pub fn build_version() -> String {
    let commit = option_env!("NAAR_VERMOGEN_COMMIT").unwrap_or("unknown");
    format!("{}+{}", env!("CARGO_PKG_VERSION"), commit)
}

pub fn answer() -> Result<Response, Failure> {
    let health = Health { status: "ok".to_owned(), version: build_version() };
    Ok(Response::from_json(&health)?)
}
