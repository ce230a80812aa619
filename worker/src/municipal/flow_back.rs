//! What the municipality's zaak system says flows back to the devices, as operations in the log
//! (author [`MUNICIPALITY_AUTHOR`], fields of the aanvraag that devices may read but never write,
//! `RecordKind::set_by_the_municipality`), so it reaches them through the normal sync:
//! - the zaak's number (`zaak_identificatie`) once the zaak is made;
//! - by polling after each delivery run, the least recently asked open zaken: a status the
//!   municipality set (`zaak_status`, its explanation) and the day it closed the zaak
//!   (`zaak_closed_on`, its einddatum).
//!
//! The Notificaties API's callback (`notifications.rs`) asks about one zaak the same way
//! ([`ask_about`]) as soon as the municipality says it changed.
//!
//! Each such operation has an id derived from what it records, so writing it twice stores it once;
//! each write is audited as the municipality's.

use super::config::Municipality;
use super::zaken_client::{self, CallFailure};
use crate::audit::{municipality_entry, AuditAction};
use crate::failure::Failure;
use crate::oplog::{derived_op_id, operation_insert};
use serde::Deserialize;
use serde_json::Value;
use shared::sync::hlc::Hlc;
use shared::sync::record::{DataClass, Owner, RecordKind, RecordRef, MUNICIPALITY_AUTHOR};
use shared::sync::sync_protocol::Operation;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

/// How many open zaken one run asks about.
const ZAKEN_PER_RUN: u32 = 50;
/// The JWT's user for questions no person asked.
const POLLING_USER: &str = "naar-vermogen";

/// The statements that store one value the zaak system gave for an aanvraag, and audit it.
pub fn statements(
    db: &D1Database,
    client_id: &str,
    aanvraag_id: &str,
    field: &str,
    value: &str,
) -> Result<Vec<D1PreparedStatement>, Failure> {
    let operation = Operation {
        op_id: derived_op_id(&format!("{aanvraag_id}/{field}/{value}")),
        record: RecordRef {
            kind: RecordKind::Aanvraag,
            id: aanvraag_id.to_owned(),
            owner: Owner::Client { client_id: client_id.to_owned() },
        },
        field: field.to_owned(),
        value: Value::from(value),
        hlc: Hlc {
            wall_ms: worker::Date::now().as_millis(),
            counter: 0,
            node: MUNICIPALITY_AUTHOR.to_owned(),
        },
        author: MUNICIPALITY_AUTHOR.to_owned(),
        stored_as: None,
    };
    let json = serde_json::to_string(&operation)?;
    Ok(vec![
        operation_insert(db, &operation, &json, DataClass::Details, "INSERT OR IGNORE")?,
        municipality_entry(db, AuditAction::Write, client_id, "details")?,
    ])
}

/// A zaak we made, as `municipal_zaken` remembers it.
#[derive(Deserialize)]
pub struct KnownZaak {
    pub aanvraag_id: String,
    pub client_id: String,
    pub zaak_url: String,
    pub seen_status_url: Option<String>,
    pub closed_on: Option<String>,
}

/// Asks the zaak system about the least recently asked open zaken and stores what changed.
/// Stops at the first question without an answer (the system is down: the outbox will retry).
pub async fn poll_open_zaken(db: &D1Database, m: &Municipality, now_ms: u64) -> Result<(), Failure> {
    let open: Vec<KnownZaak> = db
        .prepare(
            "SELECT aanvraag_id, client_id, zaak_url, seen_status_url, closed_on FROM municipal_zaken \
             WHERE closed_on IS NULL ORDER BY polled_at, rowid LIMIT ?1",
        )
        .bind(&[JsValue::from(ZAKEN_PER_RUN)])?
        .all()
        .await?
        .results()?;
    let mut batch = Vec::new();
    for zaak in open {
        let Some(statements) = ask_about(db, m, &zaak, now_ms).await? else { break };
        batch.extend(statements);
    }
    if !batch.is_empty() {
        db.batch(batch).await?;
    }
    Ok(())
}

/// Asks the zaak system about one zaak: the statements that store a status it set and the day it
/// closed the zaak (only what differs from what was seen before), and when we asked. `None` when
/// the zaak system did not answer.
pub async fn ask_about(
    db: &D1Database,
    m: &Municipality,
    zaak: &KnownZaak,
    now_ms: u64,
) -> Result<Option<Vec<D1PreparedStatement>>, Failure> {
    let mut batch = Vec::new();
    let Ok(answer) = zaken_client::get(m, POLLING_USER, &zaak.zaak_url).await else { return Ok(None) };
    let status_url = answer.get("status").and_then(Value::as_str).map(str::to_owned);
    if status_url.is_some() && status_url != zaak.seen_status_url {
        let explanation = match zaken_client::get(m, POLLING_USER, status_url.as_deref().unwrap_or("")).await
        {
            Ok(status) => status_text(&status),
            Err(CallFailure::TryAgain(_)) => return Ok(None),
            Err(CallFailure::Refused(_)) => "Status gewijzigd".to_owned(),
        };
        batch.extend(statements(db, &zaak.client_id, &zaak.aanvraag_id, "zaak_status", &explanation)?);
    }
    let closed_on = answer.get("einddatum").and_then(Value::as_str).map(str::to_owned);
    if let Some(closed_on) = closed_on.as_ref().filter(|day| Some(*day) != zaak.closed_on.as_ref()) {
        batch.extend(statements(db, &zaak.client_id, &zaak.aanvraag_id, "zaak_closed_on", closed_on)?);
    }
    batch.push(
        db.prepare(
            "UPDATE municipal_zaken SET seen_status_url = ?2, closed_on = ?3, polled_at = ?4 WHERE aanvraag_id = ?1",
        )
        .bind(&[
            zaak.aanvraag_id.as_str().into(),
            status_url.map_or(JsValue::NULL, JsValue::from),
            closed_on.map_or(JsValue::NULL, JsValue::from),
            JsValue::from(now_ms as f64),
        ])?,
    );
    Ok(Some(batch))
}

/// A status in words: its explanation, else "Status gewijzigd"; at most 200 characters.
fn status_text(status: &Value) -> String {
    let text = status.get("statustoelichting").and_then(Value::as_str).map(str::trim).unwrap_or("");
    let text = if text.is_empty() { "Status gewijzigd" } else { text };
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_in_words_is_its_explanation_without_control_characters() {
        assert_eq!(status_text(&serde_json::json!({"statustoelichting": " Toegekend\u{7} "})), "Toegekend");
        assert_eq!(status_text(&serde_json::json!({})), "Status gewijzigd");
    }
}
