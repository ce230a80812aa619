//! The calls to the worker that come before a session, and the one after it: the identity providers
//! to log in with (`GET /api/v1/auth/config`, public), who the bearer of a fresh token is
//! (`GET /api/v1/me`), and ending a token's access at logout (`POST /api/v1/logout`).
//! Apart from `api_client`, which adds the session's token to every call, so that the session
//! (`auth`) can use these and `api_client` can use the session, with no circle between them.

use gloo::net::http::Request;
use shared::api::{ApiError, AuthConfig, Me, AUTH_CONFIG_PATH, LOGOUT_PATH, ME_PATH};

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

/// Asks the worker to end the access of `access_token` (and of its login session) now. Whether
/// it could is not the app's to act on: offline, or with the worker down, the token is no longer on
/// the device and is accepted until it expires (at most 15 minutes with the demo provider).
pub async fn end_access_at_worker(access_token: &str) {
    let request = Request::post(LOGOUT_PATH).header("Authorization", &format!("Bearer {access_token}"));
    let _ = request.send().await;
}
