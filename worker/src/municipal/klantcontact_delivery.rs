//! Delivers an outbox row `create_klantcontact`: a held appointment becomes one klantcontact in the
//! Klantinteracties API, linked to the client's partij and to their latest zaak.
//!
//! Steps, each safe to repeat:
//! 1. the client's partij: remembered in D1 (`municipal_partijen`), else found by BSN, else made
//!    (a lost answer to making it is found by BSN on the next attempt);
//! 2. a row tried before first looks up its klantcontact by our key (`referentienummer`) among the
//!    partij's klantcontacten, so a retry never makes a second one;
//! 3. `POST /maak-klantcontact` makes the klantcontact, its betrokkene and its onderwerpobject in one
//!    call (all or nothing at the other side).
//!
//! The BSN comes from the client's latest aanvraag (a klantcontact is only enqueued for a client
//! with one). Leaving for the municipality is audited: `appointments` always, `details` when the
//! BSN was sent.

use super::config::Municipality;
use super::klantcontacten::{self, ContactMoment};
use super::outbox::OutboxRow;
use super::zaken_client::{self, Api, CallFailure};
use crate::audit::{municipality_entry, AuditAction};
use crate::oplog;
use serde::Deserialize;
use serde_json::Value;
use shared::journey::appointment::{Appointment, AppointmentStatus};
use shared::sync::merge::FieldView;
use shared::sync::record::{Owner, RecordKind, RecordRef};
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement, Method};

const NOW_TEXT: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// Sends one row; on success, what to store besides marking it delivered.
pub async fn create(
    m: &Municipality,
    db: &D1Database,
    row: &OutboxRow,
) -> Result<Vec<D1PreparedStatement>, CallFailure> {
    let Some(api) = &m.api.klantinteracties else {
        return Err(refused("Er is geen Klantinteracties API ingesteld (MUNICIPAL_API.klantinteracties)."));
    };
    let Some(appointment) = held_appointment(db, &row.client_id, &row.subject).await? else {
        // Cancelled or no longer held since it was marked: there is no contact moment to pass on.
        return Ok(Vec::new());
    };
    let moment = ContactMoment::of_appointment(api, &row.subject, appointment.kind, appointment.starts_at);
    let mut bookkeeping = Vec::new();
    let (_, partij_uuid) = match remembered_partij(db, &row.client_id).await? {
        Some(partij) => partij,
        None => {
            let partij = find_or_make_partij(m, db, row).await?;
            bookkeeping.push(statement(
                db,
                &format!(
                    "INSERT OR IGNORE INTO municipal_partijen (client_id, partij_url, partij_uuid, created_at) \
                     VALUES (?1, ?2, ?3, {NOW_TEXT})"
                ),
                &[&row.client_id, &partij.0, &partij.1],
            )?);
            bookkeeping.push(audit(db, &row.client_id, "details")?);
            partij
        }
    };
    let mut klantcontact_url = None;
    if row.attempts > 0 {
        let query = klantcontacten::klantcontact_by_key(&partij_uuid, &moment.referentienummer);
        let found =
            zaken_client::call(m, Api::Klantinteracties, &row.acted_by, Method::Get, &query, None).await?;
        klantcontact_url = first_url(&found);
    }
    if klantcontact_url.is_none() {
        let zaak_url = latest_zaak(db, &row.client_id).await?;
        let body = klantcontacten::maak_klantcontact(
            &moment,
            &partij_uuid,
            zaak_url.as_deref().map(klantcontacten::uuid_of),
        );
        let path = "/maak-klantcontact";
        let made =
            zaken_client::call(m, Api::Klantinteracties, &row.acted_by, Method::Post, path, Some(body))
                .await?;
        klantcontact_url = made.pointer("/klantcontact/url").and_then(Value::as_str).map(str::to_owned);
    }
    let Some(klantcontact_url) = klantcontact_url else {
        return Err(refused("De Klantinteracties API gaf geen url van het klantcontact."));
    };
    bookkeeping.push(statement(
        db,
        &format!(
            "INSERT OR IGNORE INTO municipal_klantcontacten (appointment_id, client_id, klantcontact_url, created_at) \
             VALUES (?1, ?2, ?3, {NOW_TEXT})"
        ),
        &[&row.subject, &row.client_id, &klantcontact_url],
    )?);
    bookkeeping.push(audit(db, &row.client_id, "appointments")?);
    Ok(bookkeeping)
}

/// The appointment from the operation log, merged (`shared::journey::appointment`); `None` when it was
/// cancelled or is no longer marked held (then nothing is sent and the row is done: parking it
/// would hold up the client's later calls).
async fn held_appointment(
    db: &D1Database,
    client_id: &str,
    appointment_id: &str,
) -> Result<Option<Appointment>, CallFailure> {
    let replica = oplog::client_replica(db, client_id, &[RecordKind::Appointment], std::iter::empty())
        .await
        .map_err(|_| try_again("De afspraak kon niet worden gelezen."))?;
    let record = RecordRef {
        kind: RecordKind::Appointment,
        id: appointment_id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    };
    let Some(appointment) = Appointment::from_replica(&replica, &record) else {
        return Err(refused("Deze afspraak bestaat niet, of heeft geen geldige tijd (starts_at)."));
    };
    Ok((appointment.held && appointment.status == AppointmentStatus::Planned).then_some(appointment))
}

/// The partij's URL and uuid remembered for this client.
async fn remembered_partij(
    db: &D1Database,
    client_id: &str,
) -> Result<Option<(String, String)>, CallFailure> {
    #[derive(Deserialize)]
    struct Partij {
        partij_url: String,
        partij_uuid: String,
    }
    let found: Option<Partij> = db
        .prepare("SELECT partij_url, partij_uuid FROM municipal_partijen WHERE client_id = ?1")
        .bind(&[client_id.into()])
        .map_err(|_| try_again("D1"))?
        .first(None)
        .await
        .map_err(|_| try_again("De partij kon niet worden gelezen."))?;
    Ok(found.map(|p| (p.partij_url, p.partij_uuid)))
}

/// The partij with the client's BSN at the municipality, made when there is none.
async fn find_or_make_partij(
    m: &Municipality,
    db: &D1Database,
    row: &OutboxRow,
) -> Result<(String, String), CallFailure> {
    let Some(bsn) = latest_bsn(db, &row.client_id).await? else {
        return Err(refused(
            "Het BSN van de cliënt ontbreekt bij de aanvraag. Vul het in en verstuur opnieuw.",
        ));
    };
    let query = klantcontacten::partij_by_bsn(&bsn);
    let found =
        zaken_client::call(m, Api::Klantinteracties, &row.acted_by, Method::Get, &query, None).await?;
    let partij = match found.pointer("/results/0").cloned() {
        Some(partij) => partij,
        None => {
            let body = klantcontacten::new_partij(&bsn);
            zaken_client::call(m, Api::Klantinteracties, &row.acted_by, Method::Post, "/partijen", Some(body))
                .await?
        }
    };
    match (partij.get("url").and_then(Value::as_str), partij.get("uuid").and_then(Value::as_str)) {
        (Some(url), Some(uuid)) => Ok((url.to_owned(), uuid.to_owned())),
        _ => Err(refused("De Klantinteracties API gaf geen url en uuid van de partij.")),
    }
}

/// The BSN of the client's latest aanvraag (the one whose zaak was enqueued last).
async fn latest_bsn(db: &D1Database, client_id: &str) -> Result<Option<String>, CallFailure> {
    #[derive(Deserialize)]
    struct Latest {
        subject: String,
    }
    let latest: Option<Latest> = db
        .prepare(
            "SELECT subject FROM municipal_outbox WHERE client_id = ?1 AND action = 'create_zaak' \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(&[client_id.into()])
        .map_err(|_| try_again("D1"))?
        .first(None)
        .await
        .map_err(|_| try_again("De aanvraag kon niet worden gelezen."))?;
    let Some(latest) = latest else { return Ok(None) };
    let aanvragen = oplog::merged_records(db, RecordKind::Aanvraag, &[&latest.subject], std::iter::empty())
        .await
        .map_err(|_| try_again("De aanvraag kon niet worden gelezen."))?;
    let bsn = aanvragen.into_values().next().and_then(|fields: BTreeMap<String, FieldView>| {
        match fields.get("bsn") {
            Some(FieldView::Value(Value::String(bsn))) => Some(bsn.clone()),
            _ => None,
        }
    });
    Ok(bsn.filter(|bsn| shared::bsn::Bsn::parse(bsn).is_ok()))
}

/// The URL of the client's latest zaak, if one was made.
async fn latest_zaak(db: &D1Database, client_id: &str) -> Result<Option<String>, CallFailure> {
    #[derive(Deserialize)]
    struct Zaak {
        zaak_url: String,
    }
    let zaak: Option<Zaak> = db
        .prepare(
            "SELECT zaak_url FROM municipal_zaken WHERE client_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1",
        )
        .bind(&[client_id.into()])
        .map_err(|_| try_again("D1"))?
        .first(None)
        .await
        .map_err(|_| try_again("De zaak kon niet worden gelezen."))?;
    Ok(zaak.map(|z| z.zaak_url))
}

fn first_url(list: &Value) -> Option<String> {
    list.pointer("/results/0/url").and_then(Value::as_str).map(str::to_owned)
}

fn statement(db: &D1Database, sql: &str, binds: &[&str]) -> Result<D1PreparedStatement, CallFailure> {
    let binds: Vec<wasm_bindgen::JsValue> = binds.iter().map(|b| (*b).into()).collect();
    db.prepare(sql).bind(&binds).map_err(|_| try_again("D1"))
}

/// The municipality read this class of the file's data (it left for the Klantinteracties API).
fn audit(db: &D1Database, client_id: &str, what: &str) -> Result<D1PreparedStatement, CallFailure> {
    municipality_entry(db, AuditAction::Read, client_id, what).map_err(|_| try_again("D1"))
}

fn refused(why: &str) -> CallFailure {
    CallFailure::Refused(why.to_owned())
}

fn try_again(why: &str) -> CallFailure {
    CallFailure::TryAgain(why.to_owned())
}
