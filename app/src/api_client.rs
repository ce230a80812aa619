//! Talks to the worker's JSON API (`/api/v1/`, same origin). Types come from `shared::api`.

use gloo::net::http::{Request, RequestBuilder};
use serde::Deserialize;
use shared::api::{audit_trail_path, ApiError, AuditEntry, AuthConfig, Me, AUTH_CONFIG_PATH, ME_PATH};
use shared::appointment::{FreeSlotsResponse, FREE_SLOTS_PATH};
use shared::sync_protocol::{
    changes_path, ChangesResponse, Operation, OperationResult, PushRequest, PushResponse, DEVICE_HEADER,
    MAX_CHANGES_PER_PULL, PUSH_PATH,
};

/// Why a sync call gave no usable answer.
pub enum SyncFailure {
    /// No answer at all (offline, server down or restarting): try again later.
    Unreachable,
    /// The session is no longer accepted (401): log in again.
    NotLoggedIn,
    /// The worker refused the request as a whole, with its reason.
    Refused(ApiError),
}

/// What a push came to: every operation stored (200), or nothing stored (403/422); either way
/// with the result of each operation.
pub enum PushAnswer {
    Stored(Vec<OperationResult>),
    NothingStored(Vec<OperationResult>),
}

/// The part of a refused push's body the device needs (beside the error fields).
#[derive(Deserialize)]
struct RefusedPush {
    results: Vec<OperationResult>,
}

pub async fn push_operations(operations: &[Operation]) -> Result<PushAnswer, SyncFailure> {
    let body = PushRequest { operations: operations.to_vec() };
    let request =
        with_session(Request::post(PUSH_PATH)).await.json(&body).map_err(|_| SyncFailure::Unreachable)?;
    let response = request.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        200 => response
            .json::<PushResponse>()
            .await
            .map(|answer| PushAnswer::Stored(answer.results))
            .map_err(|_| SyncFailure::Unreachable),
        401 => Err(SyncFailure::NotLoggedIn),
        403 | 422 => match response.json::<RefusedPush>().await {
            Ok(refused) => Ok(PushAnswer::NothingStored(refused.results)),
            Err(_) => Err(SyncFailure::Unreachable),
        },
        status if status < 500 => Err(refusal(response).await),
        _ => Err(SyncFailure::Unreachable),
    }
}

pub async fn pull_changes(after: u64, device_id: &str) -> Result<ChangesResponse, SyncFailure> {
    let request = with_session(Request::get(&changes_path(after, MAX_CHANGES_PER_PULL)))
        .await
        .header(DEVICE_HEADER, device_id);
    let response = request.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| SyncFailure::Unreachable),
        401 => Err(SyncFailure::NotLoggedIn),
        status if status < 500 => Err(refusal(response).await),
        _ => Err(SyncFailure::Unreachable),
    }
}

/// Who read or changed a client file (consulents of the team, and the client).
pub async fn get_audit_trail(client_id: &str) -> Result<Vec<AuditEntry>, SyncFailure> {
    get_with_session(&audit_trail_path(client_id)).await
}

/// The slots of the team that the signed-in person may book (`shared::appointment::free_slots`).
pub async fn get_free_slots() -> Result<FreeSlotsResponse, SyncFailure> {
    get_with_session(FREE_SLOTS_PATH).await
}

/// `GET` with the session's token: the JSON answer, or why there is none.
async fn get_with_session<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, SyncFailure> {
    let response =
        with_session(Request::get(path)).await.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| SyncFailure::Unreachable),
        401 => Err(SyncFailure::NotLoggedIn),
        status if status < 500 => Err(refusal(response).await),
        _ => Err(SyncFailure::Unreachable),
    }
}

async fn refusal(response: gloo::net::http::Response) -> SyncFailure {
    match response.json::<ApiError>().await {
        Ok(error) => SyncFailure::Refused(error),
        Err(_) => SyncFailure::Unreachable,
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
