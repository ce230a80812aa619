//! Talks to the worker's JSON API (`/api/v1/`, same origin). Types come from `shared::api`.

use gloo::net::http::{Request, RequestBuilder};
use shared::api::{
    preferred_name_path, ApiError, AuthConfig, Me, PreferredNameChange, PreferredNameRecord,
    AUTH_CONFIG_PATH, ME_PATH,
};

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
    let request = with_session(Request::put(&preferred_name_path(client_id)))
        .await
        .json(&body)
        .map_err(|_| PushFailure::Unreachable)?;
    let response = request.send().await.map_err(|_| PushFailure::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|_| PushFailure::Unreachable);
    }
    match response.json::<ApiError>().await {
        Ok(error) if response.status() < 500 => Err(PushFailure::Refused(error)),
        _ => Err(PushFailure::Unreachable),
    }
}

/// Adds `Authorization: Bearer` when someone is logged in on this device.
async fn with_session(request: RequestBuilder) -> RequestBuilder {
    match crate::auth::access_token().await {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    }
}

/// Why `GET /api/v1/me` gave no answer.
pub enum MeFailure {
    Unreachable,
    /// The worker refused the token (401), with its reason.
    Refused(ApiError),
}

/// Who the worker says the bearer of `access_token` is.
pub async fn get_me(access_token: &str) -> Result<Me, MeFailure> {
    let response = Request::get(ME_PATH)
        .header("Authorization", &format!("Bearer {access_token}"))
        .send()
        .await
        .map_err(|_| MeFailure::Unreachable)?;
    if response.ok() {
        return response.json().await.map_err(|_| MeFailure::Unreachable);
    }
    match response.json::<ApiError>().await {
        Ok(error) if response.status() < 500 => Err(MeFailure::Refused(error)),
        _ => Err(MeFailure::Unreachable),
    }
}

/// The identity providers to log in with (public).
pub async fn get_auth_config() -> Result<AuthConfig, ()> {
    let response = Request::get(AUTH_CONFIG_PATH).send().await.map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    response.json().await.map_err(|_| ())
}
