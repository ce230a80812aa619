//! Sends the outbox to the Zaken API: after every push that enqueued something (`ctx.wait_until`)
//! and every minute from the cron trigger (`wrangler.toml` `[triggers]`), one run at a time (a
//! lease in D1).
//!
//! A run takes the due rows (the first undelivered row of each client, so a client's calls go out
//! in order). It sends the oldest one alone first: when the municipality does not answer, the run
//! stops there, so a system that is down gets one probe per run, not the whole queue. Otherwise it
//! sends the rest together (they belong to different clients) and takes the next due rows, for at
//! most [`RUN_BUDGET_MS`].
//!
//! Exactly once against an API without idempotency keys: each row has one effect (a zaak, a rol,
//! a status) with a key we choose (the zaak's `identificatie`; the roltype among the zaak's
//! rollen; the statustype of the zaak's current status). A row's attempt is counted in D1 before
//! it is sent, so a row that was tried before (and may have had its effect without our hearing
//! the answer, or without our storing it) first looks that effect up and only creates it when it
//! is not there.
//!
//! Outcomes: 2xx → delivered; no answer, 408, 425, 429 or 5xx → tried again after the backoff;
//! another 4xx → parked with the other side's answer (shown to the team's consulents). Nothing is
//! logged but the kind of failure (answers can quote personal data).

use super::config::{self, Municipality};
use super::outbox::{self, OutboxRow};
use super::zaken_client::{self, Api, CallFailure};
use super::{flow_back, klantcontact_delivery, zaken};
use crate::audit::{municipality_entry, AuditAction};
use crate::failure::Failure;
use crate::oplog;
use futures_util::future::join_all;
use serde::Deserialize;
use serde_json::Value;
use shared::municipal::{Milestone, MunicipalAction};
use shared::sync::merge::FieldView;
use shared::sync::record::RecordKind;
use std::collections::HashMap;
use worker::{D1Database, D1PreparedStatement, Env, Method};

const DATABASE: &str = "DB";
/// A run stops taking new rows after this long (a `wait_until` may last 30 s).
pub const RUN_BUDGET_MS: u64 = 20_000;
const LEASE_MS: u64 = 60_000;
const ROWS_PER_ROUND: u32 = 50;

impl From<CallFailure> for Outcome {
    fn from(failure: CallFailure) -> Outcome {
        match failure {
            CallFailure::TryAgain(why) => Outcome::TryAgain(why),
            CallFailure::Refused(why) => Outcome::Refused(why),
        }
    }
}

/// What one attempt came to.
enum Outcome {
    /// Done; with what to store about it besides marking the row (the zaak's URL and number, its
    /// last status).
    Delivered(Vec<D1PreparedStatement>),
    /// May pass: try again later (the reason is stored).
    TryAgain(String),
    /// Refused by the other side: park it (the reason is stored).
    Refused(String),
}

/// Sends what is due, if municipal sync is configured and no other run is busy.
pub async fn deliver_due(env: Env) {
    if let Err(failure) = run(&env).await {
        worker::console_error!("municipal outbox run failed ({})", failure.error.code);
    }
}

async fn run(env: &Env) -> Result<(), Failure> {
    let Some(municipality) = config::from_env(env)? else { return Ok(()) };
    let db = env.d1(DATABASE)?;
    let holder = format!("run-{}", js_sys::Math::random());
    let started = now_ms();
    if !outbox::take_lease(&db, &holder, started, LEASE_MS).await? {
        return Ok(());
    }
    let mut result = deliver_rounds(&db, &municipality, started).await;
    if matches!(result, Ok(true)) {
        result = flow_back::poll_open_zaken(&db, &municipality, now_ms()).await.map(|()| true);
    }
    outbox::release_lease(&db, &holder).await?;
    result.map(|_| ())
}

/// Rounds of due rows: the run's first row alone (the probe), then whole rounds at once. Each
/// round reads what its rows need in two queries and stores every outcome in one batch. `true`
/// when everything due went out and time is left (then the run asks about open zaken).
async fn deliver_rounds(db: &D1Database, municipality: &Municipality, started: u64) -> Result<bool, Failure> {
    let mut probed = false;
    while now_ms() - started < RUN_BUDGET_MS {
        let rows = outbox::due(db, now_ms(), if probed { ROWS_PER_ROUND } else { 1 }).await?;
        if rows.is_empty() {
            return Ok(true);
        }
        probed = true;
        outbox::count_attempts(db, &rows).await?;
        let round = Round::load(db, &rows).await?;
        let outcomes = join_all(rows.iter().map(|row| attempt(municipality, &round, row))).await;
        let mut statements = Vec::new();
        let mut answered = true;
        for (row, outcome) in rows.iter().zip(outcomes) {
            answered &= !matches!(outcome, Outcome::TryAgain(_));
            statements.extend(outcome_statements(db, row, outcome)?);
        }
        db.batch(statements).await?;
        if !answered {
            return Ok(false);
        }
    }
    Ok(false)
}

/// Sends one row.
async fn attempt(municipality: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    match row.action {
        MunicipalAction::CreateZaak => create_zaak(municipality, round, row).await,
        MunicipalAction::CreateRol => create_rol(municipality, round, row).await,
        MunicipalAction::SetStatus => set_status(municipality, round, row).await,
        MunicipalAction::CreateDocument => create_document(municipality, round, row).await,
        MunicipalAction::LinkDocument => link_document(municipality, round, row).await,
        MunicipalAction::CreateKlantcontact => klantcontact_delivery::create(municipality, round.db, row)
            .await
            .map_or_else(Outcome::from, Outcome::Delivered),
    }
}

/// What to store about one attempt.
fn outcome_statements(
    db: &D1Database,
    row: &OutboxRow,
    outcome: Outcome,
) -> Result<Vec<D1PreparedStatement>, Failure> {
    Ok(match outcome {
        Outcome::Delivered(bookkeeping) => {
            bookkeeping.into_iter().chain([outbox::mark_delivered(db, row.id)?]).collect()
        }
        Outcome::TryAgain(why) => {
            worker::console_error!("municipal call not answered; will try again");
            vec![outbox::mark_retry(db, row, now_ms(), &why)?]
        }
        Outcome::Refused(why) => {
            worker::console_error!("municipal call refused; parked");
            vec![outbox::mark_parked(db, row, &why)?]
        }
    })
}

async fn create_zaak(m: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    let Some(submitted_on) = round.aanvraag(&row.subject).submitted_on else {
        return Outcome::Refused("De aanvraag heeft geen datum van indienen (submitted_on).".into());
    };
    let identificatie = zaken::identificatie(&row.subject);
    let body = || zaken::new_zaak(&m.api, &row.subject, &submitted_on, &today());
    let zaak_url = match find_or_create(m, Api::Zaken, row, "/zaken", &identificatie, body).await {
        Ok(url) => url,
        Err(outcome) => return outcome,
    };
    let link = round
        .db
        .prepare(
            "INSERT OR IGNORE INTO municipal_zaken (aanvraag_id, client_id, zaak_url, identificatie, created_at) \
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        )
        .bind(&[row.subject.as_str().into(), row.client_id.as_str().into(), zaak_url.into(), identificatie.as_str().into()]);
    let number =
        flow_back::statements(round.db, &row.client_id, &row.subject, "zaak_identificatie", &identificatie);
    match (link, number) {
        (Ok(link), Ok(number)) => Outcome::Delivered([link].into_iter().chain(number).collect()),
        _ => Outcome::TryAgain("De zaak is gemaakt maar kon niet worden vastgelegd.".into()),
    }
}

/// The URL of the object in `collection` with our `identificatie`: looked up first when the row
/// was tried before (an earlier attempt may have made it), else made with `body`.
async fn find_or_create(
    m: &Municipality,
    api: Api,
    row: &OutboxRow,
    collection: &str,
    identificatie: &str,
    body: impl FnOnce() -> Value,
) -> Result<String, Outcome> {
    if row.attempts > 0 {
        let query =
            format!("{collection}?bronorganisatie={}&identificatie={identificatie}", m.api.organisation_rsin);
        let found = zaken_client::call(m, api, &row.acted_by, Method::Get, &query, None).await?;
        if let Some(url) = first_url(&found) {
            return Ok(url);
        }
    }
    let created = zaken_client::call(m, api, &row.acted_by, Method::Post, collection, Some(body())).await?;
    match created.get("url").and_then(Value::as_str) {
        Some(url) => Ok(url.to_owned()),
        None => Err(Outcome::Refused("Het zaaksysteem gaf geen url van wat het maakte.".into())),
    }
}

async fn create_rol(m: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    let Some(zaak_url) = round.zaak_by_aanvraag.get(&row.subject) else {
        return Outcome::Refused("Er is (nog) geen zaak voor deze aanvraag.".into());
    };
    let aanvraag = round.aanvraag(&row.subject);
    let Some(bsn) = aanvraag.bsn.filter(|bsn| shared::bsn::Bsn::parse(bsn).is_ok()) else {
        return Outcome::Refused(
            "Het BSN van de aanvrager ontbreekt bij de aanvraag. Vul het in en verstuur opnieuw.".into(),
        );
    };
    if row.attempts > 0 {
        match rol_exists(m, row, zaak_url).await {
            Ok(true) => return Outcome::Delivered(disclosed(round.db, &row.client_id)),
            Ok(false) => {}
            Err(failure) => return failure.into(),
        }
    }
    let body = zaken::applicant_rol(&m.api, zaak_url, &bsn);
    match zaken_client::call(m, Api::Zaken, &row.acted_by, Method::Post, "/rollen", Some(body)).await {
        Ok(_) => Outcome::Delivered(disclosed(round.db, &row.client_id)),
        Err(failure) => failure.into(),
    }
}

/// The audit entry of personal data leaving for the zaak system: the municipality read the file's
/// details (the BSN) or its klantfoto.
fn disclosed(db: &D1Database, client_id: &str) -> Vec<D1PreparedStatement> {
    disclosed_class(db, client_id, "details")
}

fn disclosed_class(db: &D1Database, client_id: &str, what: &str) -> Vec<D1PreparedStatement> {
    municipality_entry(db, AuditAction::Read, client_id, what).into_iter().collect()
}

/// The klantfoto (every answer, as JSON) as a document in the Documenten API.
async fn create_document(m: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    let Some(answers) = round.klantfotos.get(&row.client_id) else {
        return Outcome::Refused("Deze cliënt heeft geen klantfoto.".into());
    };
    let identificatie = zaken::klantfoto_identificatie(&row.client_id);
    let body = || {
        let content = serde_json::to_vec(answers).unwrap_or_default();
        zaken::klantfoto_document(&m.api, &row.client_id, &content, &today())
    };
    let path = "/enkelvoudiginformatieobjecten";
    let document_url = match find_or_create(m, Api::Documenten, row, path, &identificatie, body).await {
        Ok(url) => url,
        Err(outcome) => return outcome,
    };
    let stored = round
        .db
        .prepare(
            "INSERT OR IGNORE INTO municipal_documents (client_id, kind, document_url, identificatie, created_at) \
             VALUES (?1, 'klantfoto', ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        )
        .bind(&[row.client_id.as_str().into(), document_url.into(), identificatie.into()]);
    match stored {
        Ok(stored) => Outcome::Delivered(
            [stored].into_iter().chain(disclosed_class(round.db, &row.client_id, "klantfoto")).collect(),
        ),
        Err(_) => Outcome::TryAgain("Het document is gemaakt maar kon niet worden vastgelegd.".into()),
    }
}

/// The klantfoto document belongs to the client's latest zaak.
async fn link_document(m: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    let (Some(zaak_url), Some(document_url)) =
        (round.latest_zaak_by_client.get(&row.client_id), round.document_by_client.get(&row.client_id))
    else {
        return Outcome::Refused("Er is (nog) geen zaak of geen document om te koppelen.".into());
    };
    if row.attempts > 0 {
        match document_linked(m, row, zaak_url, document_url).await {
            Ok(true) => return Outcome::Delivered(Vec::new()),
            Ok(false) => {}
            Err(failure) => return failure.into(),
        }
    }
    let body = zaken::zaak_document(zaak_url, document_url);
    match zaken_client::call(
        m,
        Api::Zaken,
        &row.acted_by,
        Method::Post,
        "/zaakinformatieobjecten",
        Some(body),
    )
    .await
    {
        Ok(_) => Outcome::Delivered(Vec::new()),
        Err(failure) => failure.into(),
    }
}

/// Whether the zaak lists the document already (a retry after no answer), read from the zaak's
/// `zaakinformatieobjecten`.
async fn document_linked(
    m: &Municipality,
    row: &OutboxRow,
    zaak_url: &str,
    document_url: &str,
) -> Result<bool, CallFailure> {
    let zaak = zaken_client::get(m, &row.acted_by, zaak_url).await?;
    let links = zaak.get("zaakinformatieobjecten").and_then(Value::as_array).cloned().unwrap_or_default();
    for link_url in links.iter().filter_map(Value::as_str) {
        let link = zaken_client::get(m, &row.acted_by, link_url).await?;
        if link.get("informatieobject").and_then(Value::as_str) == Some(document_url) {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn set_status(m: &Municipality, round: &Round<'_>, row: &OutboxRow) -> Outcome {
    let Some(milestone) = Milestone::parse(&row.subject) else {
        return Outcome::Refused(format!("Onbekende mijlpaal {}.", row.subject));
    };
    let Some(statustype) = m.api.statustypes.get(milestone.as_str()) else {
        return Outcome::Refused(format!(
            "Er is geen statustype ingesteld voor {} (MUNICIPAL_API.statustypes).",
            milestone.as_str()
        ));
    };
    let Some(zaak_url) = round.latest_zaak_by_client.get(&row.client_id) else {
        return Outcome::Refused("Deze cliënt heeft nog geen zaak.".into());
    };
    // Our own status, so that asking about the zaak later does not report it as the municipality's.
    let mut own_status_url = None;
    if row.attempts > 0 {
        match our_status(m, row, zaak_url, statustype).await {
            Ok(found) => own_status_url = found,
            Err(failure) => return failure.into(),
        }
    }
    if own_status_url.is_none() {
        let body = zaken::status(zaak_url, statustype, &now_rfc3339(), milestone.statustoelichting());
        match zaken_client::call(m, Api::Zaken, &row.acted_by, Method::Post, "/statussen", Some(body)).await {
            Ok(created) => own_status_url = created.get("url").and_then(Value::as_str).map(str::to_owned),
            Err(failure) => return failure.into(),
        }
    }
    let shown = round
        .db
        .prepare(
            "UPDATE municipal_zaken SET last_status = ?2, seen_status_url = COALESCE(?3, seen_status_url), \
             last_status_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE zaak_url = ?1",
        )
        .bind(&[
            zaak_url.as_str().into(),
            milestone.as_str().into(),
            own_status_url.map_or(wasm_bindgen::JsValue::NULL, wasm_bindgen::JsValue::from),
        ]);
    Outcome::Delivered(shown.into_iter().collect())
}

/// Whether the zaak has a rol of the applicant's roltype already (a retry after no answer).
/// The Zaken API 1.5.1 specification types the `zaak` filter of `GET /rollen` as an integer, so the
/// rollen are read from the zaak itself.
async fn rol_exists(m: &Municipality, row: &OutboxRow, zaak_url: &str) -> Result<bool, CallFailure> {
    let zaak = zaken_client::get(m, &row.acted_by, zaak_url).await?;
    let rollen = zaak.get("rollen").and_then(Value::as_array).cloned().unwrap_or_default();
    for rol_url in rollen.iter().filter_map(Value::as_str) {
        let rol = zaken_client::get(m, &row.acted_by, rol_url).await?;
        if rol.get("roltype").and_then(Value::as_str) == Some(m.api.roltype_applicant.as_str()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The URL of a status of `statustype` on the zaak, if an earlier attempt set it (a retry after no
/// answer). Not the zaak's current status: the municipality may have set another one since. The
/// Zaken API 1.5.1 specification types the `zaak` filter of `GET /statussen` as an integer, so the
/// statussen are asked by `statustype` (a filter it types as a URL) and matched on `zaak` here,
/// page by page.
async fn our_status(
    m: &Municipality,
    row: &OutboxRow,
    zaak_url: &str,
    statustype: &str,
) -> Result<Option<String>, CallFailure> {
    let query = format!("/statussen?statustype={}", String::from(js_sys::encode_uri_component(statustype)));
    let mut page = zaken_client::call(m, Api::Zaken, &row.acted_by, Method::Get, &query, None).await?;
    loop {
        let results = page.get("results").and_then(Value::as_array).cloned().unwrap_or_default();
        let ours = results.iter().find(|status| status.get("zaak").and_then(Value::as_str) == Some(zaak_url));
        if let Some(url) = ours.and_then(|status| status.get("url")).and_then(Value::as_str) {
            return Ok(Some(url.to_owned()));
        }
        match page.get("next").and_then(Value::as_str) {
            Some(next) => page = zaken_client::get(m, &row.acted_by, next).await?,
            None => return Ok(None),
        }
    }
}

/// The first result's `url` of a paginated list answer.
fn first_url(list: &Value) -> Option<String> {
    list.get("results")?.as_array()?.first()?.get("url")?.as_str().map(str::to_owned)
}

/// The merged fields of an aanvraag, from the operation log.
#[derive(Clone, Default)]
struct Aanvraag {
    bsn: Option<String>,
    submitted_on: Option<String>,
}

/// What the rows of one round need from D1, read in a few queries.
struct Round<'a> {
    db: &'a D1Database,
    aanvragen: HashMap<String, Aanvraag>,
    zaak_by_aanvraag: HashMap<String, String>,
    latest_zaak_by_client: HashMap<String, String>,
    /// The klantfoto's answers (question id → answer) of clients with a document to make.
    klantfotos: HashMap<String, serde_json::Map<String, Value>>,
    /// The klantfoto document of clients with a document to link.
    document_by_client: HashMap<String, String>,
}

impl<'a> Round<'a> {
    async fn load(db: &'a D1Database, rows: &[OutboxRow]) -> Result<Round<'a>, Failure> {
        #[derive(Deserialize)]
        struct ZaakRow {
            aanvraag_id: String,
            client_id: String,
            zaak_url: String,
        }
        let aanvraag_ids: Vec<&str> = rows
            .iter()
            .filter(|row| row.action != MunicipalAction::SetStatus)
            .map(|row| row.subject.as_str())
            .collect();
        let client_ids: Vec<&str> = rows.iter().map(|row| row.client_id.as_str()).collect();
        let zaken: Vec<ZaakRow> = db
            .prepare(
                "SELECT aanvraag_id, client_id, zaak_url FROM municipal_zaken \
                 WHERE client_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, rowid",
            )
            .bind(&[serde_json::to_string(&client_ids)?.into()])?
            .all()
            .await?
            .results()?;
        let aanvragen = oplog::merged_records(db, RecordKind::Aanvraag, &aanvraag_ids, std::iter::empty())
            .await?
            .into_iter()
            .map(|(record, fields)| {
                let text = |name: &str| match fields.get(name) {
                    Some(FieldView::Value(Value::String(text))) => Some(text.clone()),
                    _ => None,
                };
                (record.id, Aanvraag { bsn: text("bsn"), submitted_on: text("submitted_on") })
            })
            .collect();
        let document_clients: Vec<&str> = rows
            .iter()
            .filter(|row| row.action == MunicipalAction::CreateDocument)
            .map(|row| row.client_id.as_str())
            .collect();
        let klantfotos = if document_clients.is_empty() {
            HashMap::new()
        } else {
            oplog::merged_records(db, RecordKind::Klantfoto, &document_clients, std::iter::empty())
                .await?
                .into_iter()
                .map(|(record, fields)| {
                    let answers = fields
                        .into_iter()
                        .filter_map(|(question, view)| match view {
                            FieldView::Value(answer) if !answer.is_null() => Some((question, answer)),
                            _ => None,
                        })
                        .collect();
                    (record.id, answers)
                })
                .collect()
        };
        #[derive(Deserialize)]
        struct DocumentRow {
            client_id: String,
            document_url: String,
        }
        let documents: Vec<DocumentRow> = db
            .prepare(
                "SELECT client_id, document_url FROM municipal_documents WHERE kind = 'klantfoto' \
                 AND client_id IN (SELECT value FROM json_each(?1))",
            )
            .bind(&[serde_json::to_string(&client_ids)?.into()])?
            .all()
            .await?
            .results()?;
        let document_by_client = documents.into_iter().map(|d| (d.client_id, d.document_url)).collect();
        let mut zaak_by_aanvraag = HashMap::new();
        let mut latest_zaak_by_client = HashMap::new();
        for zaak in zaken {
            // Oldest first: the last one written per client is its latest zaak.
            latest_zaak_by_client.insert(zaak.client_id, zaak.zaak_url.clone());
            zaak_by_aanvraag.insert(zaak.aanvraag_id, zaak.zaak_url);
        }
        Ok(Round { db, aanvragen, zaak_by_aanvraag, latest_zaak_by_client, klantfotos, document_by_client })
    }

    fn aanvraag(&self, aanvraag_id: &str) -> Aanvraag {
        self.aanvragen.get(aanvraag_id).cloned().unwrap_or_default()
    }
}

fn now_ms() -> u64 {
    worker::Date::now().as_millis()
}

/// Now as RFC 3339 (UTC), e.g. `2026-11-26T09:30:00.000Z`.
fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Today (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    now_rfc3339().chars().take(10).collect()
}
