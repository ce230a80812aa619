//! The shapes of the HTTP API between the app and the worker (JSON over `/api/v1/`).
//!
//! Both sides (de)serialise these same types, so a change here is a change of the
//! contract, checked by the compiler on both sides.

use crate::role::Role;
use crate::text::Explanation;
use serde::{Deserialize, Serialize};

/// Every API path starts with this.
pub const API_PREFIX: &str = "/api/v1";

/// The largest request body the worker reads. Larger bodies are refused with 413
/// while streaming, whatever `Content-Length` says.
pub const MAX_REQUEST_BODY_BYTES: usize = 16 * 1024;

/// The path of a client file's audit trail: who read or changed it.
pub fn audit_trail_path(client_id: &str) -> String {
    format!("{API_PREFIX}/client-files/{client_id}/audit")
}

/// One entry of a client file's audit trail, as `GET /api/v1/client-files/{id}/audit` lists it
/// (newest first). `what` names data classes, never values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    pub actor_subject: String,
    pub actor_role: String,
    /// `read` or `write`.
    pub action: String,
    pub what: String,
    pub device: String,
}

/// Answer of `GET /api/v1/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    /// The version of the worker: the crate version plus the commit it was built from.
    pub version: String,
}

/// The body of every error answer (4xx and 5xx): what is wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine-readable code, for example `too_long`.
    pub code: String,
    /// The request field the error is about, if any, for example `preferred_name`.
    pub field: Option<String>,
    /// The explanation for a person, in Dutch and English.
    pub message: Explanation,
}

impl ApiError {
    pub fn new(code: &str, field: Option<&str>, message: Explanation) -> ApiError {
        ApiError { code: code.to_owned(), field: field.map(str::to_owned), message }
    }
}

/// The path of `GET /api/v1/me`: who the bearer of the access token is.
pub const ME_PATH: &str = "/api/v1/me";

/// The path of `POST /api/v1/logout`: ends the access of the bearer's token (and of its login
/// session) at once, before the session ends at the identity provider.
pub const LOGOUT_PATH: &str = "/api/v1/logout";

/// The path of `GET /api/v1/auth/config`: how to log in (public, no token needed).
pub const AUTH_CONFIG_PATH: &str = "/api/v1/auth/config";

/// Answer of `GET /api/v1/me`: the verified subject and role of the access token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The identity provider's stable id for this person (never shown as a name).
    pub subject: String,
    pub role: Role,
}

/// Answer of `GET /api/v1/auth/config`: the identity providers the worker trusts, with what
/// the app needs to start an authorization-code login with PKCE at one of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthConfig {
    pub providers: Vec<LoginProvider>,
}

/// One identity provider the app can send a person to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginProvider {
    /// The exact `iss` of its tokens.
    pub issuer: String,
    /// The button text, for example "Inloggen met DigiD".
    pub label: Explanation,
    /// The roles this provider may grant (DigiD: clients only; the municipality: staff).
    pub roles: Vec<Role>,
    /// The app's public client id at this provider (no secret: PKCE instead).
    pub client_id: String,
    /// The scopes to ask for, space separated.
    pub scope: String,
    /// The resource indicator (RFC 8707) for the API; also the audience of its access tokens.
    pub resource: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    /// Where to end the session at the provider after logout, if it supports that.
    pub end_session_endpoint: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_serialises_with_both_languages() {
        let error = ApiError::new("empty", Some("preferred_name"), Explanation::new("nl", "en"));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["message"]["nl"], "nl");
        assert_eq!(json["field"], "preferred_name");
    }
}
