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
}

impl Failure {
    pub fn new(status: u16, error: ApiError) -> Failure {
        Failure { status, error }
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
        Ok(Response::from_json(&self.error)?.with_status(self.status))
    }
}

/// Storage or runtime errors: logged by kind, answered as a 500 without details.
impl From<worker::Error> for Failure {
    fn from(error: worker::Error) -> Failure {
        worker::console_error!("internal error: {}", error_kind(&error));
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
