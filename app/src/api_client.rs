//! Talks to the worker's JSON API (`/api/v1/`, same origin): one function per call, with the
//! session's token, answering the JSON or why there is none ([`SyncFailure`]). Types and paths come
//! from `shared` (`api`, `sync_protocol`, `appointment`, `municipal`).

use gloo::net::http::{Request, RequestBuilder};
use serde::Deserialize;
use shared::api::{audit_trail_path, ApiError, AuditEntry};
use shared::journey::appointment::{FreeSlotsResponse, FREE_SLOTS_PATH};
use shared::municipal::{retry_path, MunicipalOutbox, MUNICIPAL_OUTBOX_PATH};
use shared::sync::sync_protocol::{
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
/// with the result of each operation. Or nothing stored because the push is over a quota
/// (`shared::sync::quotas`, 429): push the same again after `Retry-After` seconds.
pub enum PushAnswer {
    Stored(Vec<OperationResult>),
    NothingStored(Vec<OperationResult>),
    TryAgainAfter { seconds: u64 },
}

/// How long to wait when a 429 does not say (`Retry-After` missing or not in seconds).
const RETRY_AFTER_WHEN_NOT_SAID_SECONDS: u64 = 60;

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
        403 | 422 => match response.json::<RefusedPush>().await {
            Ok(refused) => Ok(PushAnswer::NothingStored(refused.results)),
            Err(_) => Err(SyncFailure::Unreachable),
        },
        429 => {
            let said = response.headers().get("Retry-After").and_then(|value| value.trim().parse().ok());
            Ok(PushAnswer::TryAgainAfter {
                seconds: said.unwrap_or(RETRY_AFTER_WHEN_NOT_SAID_SECONDS).max(1),
            })
        }
        _ => Err(failure(response).await),
    }
}

pub async fn pull_changes(after: u64, device_id: &str) -> Result<ChangesResponse, SyncFailure> {
    let request = with_session(Request::get(&changes_path(after, MAX_CHANGES_PER_PULL)))
        .await
        .header(DEVICE_HEADER, device_id);
    let response = request.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| SyncFailure::Unreachable),
        _ => Err(failure(response).await),
    }
}

/// Who read or changed a client file (consulents of the team, and the client).
pub async fn get_audit_trail(client_id: &str) -> Result<Vec<AuditEntry>, SyncFailure> {
    get_with_session(&audit_trail_path(client_id)).await
}

/// The slots of the team that the signed-in person may book (`shared::journey::appointment::free_slots`).
pub async fn get_free_slots() -> Result<FreeSlotsResponse, SyncFailure> {
    get_with_session(FREE_SLOTS_PATH).await
}

/// The team's calls to the municipality that did not go through yet, and its zaken (consulents).
pub async fn get_municipal_outbox() -> Result<MunicipalOutbox, SyncFailure> {
    get_with_session(MUNICIPAL_OUTBOX_PATH).await
}

/// Sends a call the municipality refused again (202: it waits to be sent, at once).
pub async fn send_municipal_call_again(call_id: i64) -> Result<(), SyncFailure> {
    let request = with_session(Request::post(&retry_path(call_id))).await;
    let response = request.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        202 => Ok(()),
        _ => Err(failure(response).await),
    }
}

/// `GET` with the session's token: the JSON answer, or why there is none.
async fn get_with_session<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, SyncFailure> {
    let response =
        with_session(Request::get(path)).await.send().await.map_err(|_| SyncFailure::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| SyncFailure::Unreachable),
        _ => Err(failure(response).await),
    }
}

/// Why an answer that is not the one asked for is no answer: 401, the worker's refusal (4xx) with
/// its reason, else unreachable (5xx: try again later).
async fn failure(response: gloo::net::http::Response) -> SyncFailure {
    match response.status() {
        401 => SyncFailure::NotLoggedIn,
        status if status < 500 => match response.json::<ApiError>().await {
            Ok(error) => SyncFailure::Refused(error),
            Err(_) => SyncFailure::Unreachable,
        },
        _ => SyncFailure::Unreachable,
    }
}

/// Adds `Authorization: Bearer` when someone is logged in on this device.
async fn with_session(request: RequestBuilder) -> RequestBuilder {
    match crate::auth::access_token().await {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    }
}
