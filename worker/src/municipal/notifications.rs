//! `POST /api/v1/municipal/notifications`: the callback of the municipality's Notificaties API (ZGW).
//! When a zaak changes there, the Notificaties API posts a *notificatie* (`kanaal`, `hoofdObject`,
//! `resource`, `resourceUrl`, `actie`, `aanmaakdatum`, `kenmerken`) to the `callbackUrl` of our
//! *abonnement* (subscription), with the `auth` we gave when subscribing as its `Authorization`
//! header: `Bearer <MUNICIPAL_NOTIFICATIONS_TOKEN>` (a worker secret, never in the repository).
//!
//! A notification of kanaal `zaken` about a zaak we made (`hoofdObject`) makes the worker ask the
//! Zaken API about that zaak at once, exactly as polling does (`flow_back::ask_about`): a status the
//! municipality set, or the day it closed the zaak, becomes an operation of the aanvraag that devices
//! pull as usual. A notification is a hint, never the data itself: what is stored is what the Zaken
//! API says, so the same notification twice (or a forged one) changes nothing twice. Other kanalen,
//! and zaken we did not make, are answered 204 and ignored. When the Zaken API does not answer, the
//! zaak is asked about first at the next delivery run (202): nothing is dropped.
//!
//! A wrong or missing `Authorization` is 401 and changes nothing; a body that is not a notification
//! is 400 with the field and how to fix it.

use super::config;
use super::flow_back::{self, KnownZaak};
use crate::failure::Failure;
use crate::request_body::read_json;
use serde_json::Value;
use shared::api::ApiError;
use shared::text::Explanation;
use worker::{Env, Request, Response};

const DATABASE: &str = "DB";
/// The secret holding the token the Notificaties API sends (`Bearer <token>`).
const TOKEN_SECRET: &str = "MUNICIPAL_NOTIFICATIONS_TOKEN";

/// A notification as far as we use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub kanaal: String,
    /// The URL of the main object (for kanaal `zaken`: the zaak).
    pub hoofd_object: String,
    pub resource: String,
    pub actie: String,
}

impl Notification {
    /// Whether this says that a zaak (or its status, result, …) changed.
    pub fn is_about_a_zaak(&self) -> bool {
        self.kanaal == "zaken"
    }
}

pub async fn receive(request: &mut Request, env: &Env) -> Result<Response, Failure> {
    let Some(municipality) = config::from_env(env)? else { return Err(Failure::not_found()) };
    let expected = env
        .secret(TOKEN_SECRET)
        .map(|s| s.to_string())
        .ok()
        .filter(|token| token.len() >= 16)
        .ok_or_else(|| Failure::misconfigured("MUNICIPAL_NOTIFICATIONS_TOKEN missing or short"))?;
    let given = request.headers().get("Authorization")?.unwrap_or_default();
    if !same_bytes(given.as_bytes(), format!("Bearer {expected}").as_bytes()) {
        return Err(Failure::unauthorized(
            ApiError::new(
                "wrong_notification_token",
                Some("Authorization"),
                Explanation::new(
                    "Deze notificatie heeft niet het token van het abonnement. Stuur `Authorization: Bearer <token>` \
                     zoals bij het abonnement afgesproken.",
                    "This notification lacks the subscription's token. Send `Authorization: Bearer <token>` as \
                     agreed in the subscription.",
                ),
            ),
            "Bearer",
        ));
    }
    let body: Value = read_json(request).await?;
    let notification = check(&body).map_err(|error| Failure::new(400, error))?;
    if !notification.is_about_a_zaak() {
        return no_content();
    }
    let db = env.d1(DATABASE)?;
    let zaak: Option<KnownZaak> = db
        .prepare(
            "SELECT aanvraag_id, client_id, zaak_url, seen_status_url, closed_on FROM municipal_zaken \
             WHERE zaak_url = ?1",
        )
        .bind(&[notification.hoofd_object.as_str().into()])?
        .first(None)
        .await?;
    let Some(zaak) = zaak else { return no_content() };
    let now_ms = worker::Date::now().as_millis();
    match flow_back::ask_about(&db, &municipality, &zaak, now_ms).await? {
        Some(statements) => {
            db.batch(statements).await?;
            no_content()
        }
        None => {
            db.prepare("UPDATE municipal_zaken SET polled_at = 0 WHERE zaak_url = ?1")
                .bind(&[zaak.zaak_url.as_str().into()])?
                .run()
                .await?;
            Ok(Response::empty()?.with_status(202))
        }
    }
}

fn no_content() -> Result<Response, Failure> {
    Ok(Response::empty()?.with_status(204))
}

/// Compares two byte strings in time that does not depend on where they differ.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |difference, (x, y)| difference | (x ^ y)) == 0
}

/// Checks a notification's body against the Notificaties API's `Notificatie` (the fields we read,
/// and the required ones): the first problem as a 400 with its field.
pub fn check(body: &Value) -> Result<Notification, ApiError> {
    let Some(object) = body.as_object() else {
        return Err(invalid(
            "",
            "Stuur één notificatie als JSON-object.",
            "Send one notification as a JSON object.",
        ));
    };
    let text = |name: &str, max: usize| -> Result<String, ApiError> {
        match object.get(name) {
            Some(Value::String(text)) if !text.trim().is_empty() && text.chars().count() <= max => Ok(text.clone()),
            Some(Value::String(_)) => Err(invalid(
                name,
                &format!("{name} moet 1 tot {max} tekens zijn."),
                &format!("{name} must be 1 to {max} characters."),
            )),
            _ => Err(invalid(
                name,
                &format!("{name} ontbreekt of is geen tekst. Een notificatie heeft kanaal, hoofdObject, resource, resourceUrl, actie en aanmaakdatum."),
                &format!("{name} is missing or not text. A notification has kanaal, hoofdObject, resource, resourceUrl, actie and aanmaakdatum."),
            )),
        }
    };
    let url = |name: &str| -> Result<String, ApiError> {
        let value = text(name, 1000)?;
        if value.starts_with("https://") || value.starts_with("http://") {
            Ok(value)
        } else {
            Err(invalid(
                name,
                &format!("{name} moet een URL zijn (https://…)."),
                &format!("{name} must be a URL (https://…)."),
            ))
        }
    };
    let notification = Notification {
        kanaal: text("kanaal", 50)?,
        hoofd_object: url("hoofdObject")?,
        resource: text("resource", 100)?,
        actie: text("actie", 100)?,
    };
    url("resourceUrl")?;
    let aanmaakdatum = text("aanmaakdatum", 40)?;
    if !looks_like_a_date_time(&aanmaakdatum) {
        return Err(invalid(
            "aanmaakdatum",
            "aanmaakdatum moet een datum en tijd zijn, zoals 2026-11-26T09:30:00Z.",
            "aanmaakdatum must be a date and time, such as 2026-11-26T09:30:00Z.",
        ));
    }
    match object.get("kenmerken") {
        None | Some(Value::Null) => {}
        Some(Value::Object(kenmerken)) if kenmerken.values().all(Value::is_string) => {}
        Some(_) => {
            return Err(invalid(
                "kenmerken",
                "kenmerken moet een object zijn met tekst als waarden.",
                "kenmerken must be an object with text values.",
            ))
        }
    }
    Ok(notification)
}

/// `YYYY-MM-DDTHH:MM` at the start (seconds, fraction and zone may follow), with a real date.
fn looks_like_a_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() >= 16
        && bytes.get(10) == Some(&b'T')
        && text.get(..10).is_some_and(|day| shared::law::calendar::Date::parse_iso(day).is_ok())
        && bytes[11..16].iter().enumerate().all(|(i, b)| if i == 2 { *b == b':' } else { b.is_ascii_digit() })
}

fn invalid(field: &str, nl: &str, en: &str) -> ApiError {
    let field = (!field.is_empty()).then(|| field.to_owned());
    ApiError::new("invalid_notification", field.as_deref(), Explanation::new(nl, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good() -> Value {
        json!({
            "kanaal": "zaken",
            "hoofdObject": "https://zaken.example.nl/zaken/api/v1/zaken/1",
            "resource": "status",
            "resourceUrl": "https://zaken.example.nl/zaken/api/v1/statussen/2",
            "actie": "create",
            "aanmaakdatum": "2026-11-26T09:30:00.123Z",
            "kenmerken": { "bronorganisatie": "002220647" },
        })
    }

    #[test]
    fn a_notification_about_a_zaak_is_read() {
        let notification = check(&good()).unwrap();
        assert!(notification.is_about_a_zaak());
        assert_eq!(notification.hoofd_object, "https://zaken.example.nl/zaken/api/v1/zaken/1");
        let mut documenten = good();
        documenten["kanaal"] = json!("documenten");
        assert!(!check(&documenten).unwrap().is_about_a_zaak());
    }

    #[test]
    fn bad_notifications_are_refused_with_the_field() {
        let field_of = |change: &dyn Fn(&mut Value)| {
            let mut body = good();
            change(&mut body);
            check(&body).unwrap_err().field
        };
        assert_eq!(field_of(&|b| b["hoofdObject"] = json!("zaak 1")), Some("hoofdObject".into()));
        assert_eq!(field_of(&|b| b["kanaal"] = json!("")), Some("kanaal".into()));
        assert_eq!(field_of(&|b| b["kanaal"] = json!("k".repeat(51))), Some("kanaal".into()));
        assert_eq!(field_of(&|b| b["actie"] = json!(5)), Some("actie".into()));
        assert_eq!(field_of(&|b| b["aanmaakdatum"] = json!("gisteren")), Some("aanmaakdatum".into()));
        assert_eq!(
            field_of(&|b| b["aanmaakdatum"] = json!("2026-02-30T09:30:00Z")),
            Some("aanmaakdatum".into())
        );
        assert_eq!(field_of(&|b| b["kenmerken"] = json!({"a": 1})), Some("kenmerken".into()));
        assert_eq!(
            field_of(&|b| {
                b.as_object_mut().unwrap().remove("resourceUrl");
            }),
            Some("resourceUrl".into())
        );
        assert_eq!(check(&json!([1])).unwrap_err().code, "invalid_notification");
    }

    #[test]
    fn tokens_are_compared_whole() {
        assert!(same_bytes(b"Bearer abc", b"Bearer abc"));
        assert!(!same_bytes(b"Bearer abd", b"Bearer abc"));
        assert!(!same_bytes(b"Bearer ab", b"Bearer abc"));
    }
}
