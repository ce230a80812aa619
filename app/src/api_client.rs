//! Talks to the worker's JSON API (`/api/v1/`, same origin). Types come from `shared::api`.

use gloo::net::http::Request;
use shared::api::{preferred_name_path, ApiError, PreferredNameChange, PreferredNameRecord};

/// Why a push did not succeed.
pub enum PushFailure {
    /// No answer at all (offline, server down): try again later.
    Unreachable,
    /// The worker answered and refused the change, with its reason.
    Refused(ApiError),
}

pub async fn put_preferred_name(
    client_id: &str,
    preferred_name: &str,
) -> Result<PreferredNameRecord, PushFailure> {
    let body = PreferredNameChange { preferred_name: preferred_name.to_owned() };
    let request =
        Request::put(&preferred_name_path(client_id)).json(&body).map_err(|_| PushFailure::Unreachable)?;
    let response = request.send().await.map_err(|_| PushFailure::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|_| PushFailure::Unreachable);
    }
    match response.json::<ApiError>().await {
        Ok(error) if response.status() < 500 => Err(PushFailure::Refused(error)),
        _ => Err(PushFailure::Unreachable),
    }
}
