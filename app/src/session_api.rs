//! The two calls to the worker that come before a session: the identity providers to log in with
//! (`GET /api/v1/auth/config`, public) and who the bearer of a fresh token is (`GET /api/v1/me`).
//! Apart from `api_client`, which adds the session's token to every call, so that the session
//! (`auth`) can use these and `api_client` can use the session, with no circle between them.

use gloo::net::http::Request;
use shared::api::{ApiError, AuthConfig, Me, AUTH_CONFIG_PATH, ME_PATH};

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
