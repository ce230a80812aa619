//! Failures of an API request, each turned into a JSON [`ApiError`] with an HTTP status.
//!
//! A handler returns `Err(Failure)`; nothing is written to storage on that path.
//! Internal errors are logged without request data (which may be personal) and
//! answered with a generic message.

use shared::api::ApiError;
use shared::text::Explanation;
use worker::Response;

#[derive(Debug)]
pub struct Failure {
    pub status: u16,
    pub error: ApiError,
    /// The `WWW-Authenticate` challenge of a 401 (RFC 6750), if any.
    pub challenge: Option<&'static str>,
    /// The `Retry-After` of a 429 (seconds), if any.
    pub retry_after_seconds: Option<u64>,
}

impl Failure {
    pub fn new(status: u16, error: ApiError) -> Failure {
        Failure { status, error, challenge: None, retry_after_seconds: None }
    }

    /// A 401 with its `WWW-Authenticate` challenge.
    pub fn unauthorized(error: ApiError, challenge: &'static str) -> Failure {
        Failure { status: 401, error, challenge: Some(challenge), retry_after_seconds: None }
    }

    /// A 429 with its `Retry-After` (RFC 9110 10.2.3): the same request fits after that many seconds.
    pub fn too_many_requests(error: ApiError, retry_after_seconds: u64) -> Failure {
        Failure { status: 429, error, challenge: None, retry_after_seconds: Some(retry_after_seconds) }
    }

    /// The deployment's configuration is unusable: logged by what is wrong (never its content),
    /// answered as a generic 500.
    pub fn misconfigured(what: &'static str) -> Failure {
        worker::console_error!("configuration error: {what}");
        internal()
    }

    pub fn not_found() -> Failure {
        Failure::new(
            404,
            ApiError::new(
                "not_found",
                None,
                Explanation::new(
                    "Dit adres bestaat niet in de API. Kijk of het pad klopt.",
                    "This address does not exist in the API. Check the path.",
                ),
            ),
        )
    }

    pub fn method_not_allowed() -> Failure {
        Failure::new(
            405,
            ApiError::new(
                "method_not_allowed",
                None,
                Explanation::new(
                    "Deze handeling kan niet op dit adres.",
                    "This method is not allowed on this address.",
                ),
            ),
        )
    }

    pub fn into_response(self) -> worker::Result<Response> {
        let mut response = Response::from_json(&self.error)?.with_status(self.status);
        if let Some(challenge) = self.challenge {
            response.headers_mut().set("WWW-Authenticate", challenge)?;
        }
        if let Some(seconds) = self.retry_after_seconds {
            response.headers_mut().set("Retry-After", &seconds.to_string())?;
        }
        Ok(response)
    }
}

/// Storage or runtime errors: logged by kind, answered as a 500 without details.
impl From<worker::Error> for Failure {
    fn from(error: worker::Error) -> Failure {
        worker::console_error!("internal error: {}", error_kind(&error));
        internal()
    }
}

fn internal() -> Failure {
    Failure::new(
        500,
        ApiError::new(
            "internal",
            None,
            Explanation::new(
                "Er ging iets mis bij ons. Uw gegevens staan nog op uw apparaat. Probeer het later opnieuw.",
                "Something went wrong on our side. Your data is still on your device. Please try again later.",
            ),
        ),
    )
}

/// The kind of error, without its message (a database message can quote personal data).
fn error_kind(error: &worker::Error) -> &'static str {
    match error {
        worker::Error::D1(_) => "database",
        worker::Error::SerdeJsonError(_) => "json",
        worker::Error::JsError(_) | worker::Error::Internal(_) => "javascript",
        _ => "other",
    }
}

/// Stored JSON that does not read back is an internal error, like a storage error.
impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Failure {
        Failure::from(worker::Error::from(error))
    }
}
