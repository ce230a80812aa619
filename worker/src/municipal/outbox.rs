//! The outbox table `municipal_outbox` (migration 0004): every call to the municipality is a row
//! first. Enqueueing is idempotent (a unique key per intended effect); a client's rows are due
//! one after another in `id` order (a later row waits while an earlier one is pending or
//! parked); a failed attempt waits with exponential backoff; a refused one is parked with the
//! reason; nothing leaves the table: delivered rows stay as the record of what was sent.

use crate::failure::Failure;
use serde::Deserialize;
use shared::municipal::{Milestone, MunicipalAction};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

/// One row as delivery reads it.
#[derive(Clone, Debug, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub client_id: String,
    pub action: MunicipalAction,
    pub subject: String,
    pub acted_by: String,
    pub attempts: u32,
}

const NOW_TEXT: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// A row to enqueue.
pub struct NewRow<'a> {
    /// Unique per intended effect: enqueueing the same key twice stores one row.
    pub key: String,
    pub client_id: &'a str,
    pub action: MunicipalAction,
    pub subject: &'a str,
    pub acted_by: &'a str,
}

/// The statement that enqueues a row (nothing if its key is there already).
pub fn enqueue(db: &D1Database, row: &NewRow) -> Result<D1PreparedStatement, Failure> {
    insert(db, row, "")
}

/// Enqueues a milestone's status (and for the klantfoto its document and the document's link to
/// the zaak), once per client, and only for a client with an aanvraag whose zaak is or will be made
/// (they need a zaak; their rows wait behind the zaak's own rows).
pub fn enqueue_milestone_if_client_has_zaak(
    db: &D1Database,
    client_id: &str,
    milestone: Milestone,
    acted_by: &str,
) -> Result<Vec<D1PreparedStatement>, Failure> {
    let only_with_a_zaak =
        "WHERE EXISTS (SELECT 1 FROM municipal_outbox WHERE client_id = ?2 AND action = 'create_zaak')";
    let row = |key: String, action, subject| NewRow { key, client_id, action, subject, acted_by };
    let mut rows = vec![row(
        format!("status:{}:{client_id}", milestone.as_str()),
        MunicipalAction::SetStatus,
        milestone.as_str(),
    )];
    if milestone == Milestone::KlantfotoSubmitted {
        rows.push(row(
            format!("document:klantfoto:{client_id}"),
            MunicipalAction::CreateDocument,
            "klantfoto",
        ));
        rows.push(row(format!("link:klantfoto:{client_id}"), MunicipalAction::LinkDocument, "klantfoto"));
    }
    rows.iter().map(|row| insert(db, row, only_with_a_zaak)).collect()
}

/// Enqueues a klantcontact (or another call that needs the client's BSN and zaak), only for a
/// client with an aanvraag whose zaak is or will be made; it waits behind the zaak's own rows.
pub fn enqueue_if_client_has_zaak(db: &D1Database, row: &NewRow) -> Result<D1PreparedStatement, Failure> {
    insert(
        db,
        row,
        "WHERE EXISTS (SELECT 1 FROM municipal_outbox WHERE client_id = ?2 AND action = 'create_zaak')",
    )
}

/// Which of `client_ids` have an aanvraag whose zaak is or will be made (a `create_zaak` row):
/// only their milestones can become statuses.
pub async fn clients_with_a_zaak(db: &D1Database, client_ids: &[&str]) -> Result<Vec<String>, Failure> {
    #[derive(Deserialize)]
    struct Client {
        client_id: String,
    }
    if client_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<Client> = db
        .prepare(
            "SELECT DISTINCT client_id FROM municipal_outbox WHERE action = 'create_zaak' \
             AND client_id IN (SELECT value FROM json_each(?1))",
        )
        .bind(&[serde_json::to_string(client_ids)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|row| row.client_id).collect())
}

fn insert(db: &D1Database, row: &NewRow, condition: &str) -> Result<D1PreparedStatement, Failure> {
    Ok(db
        .prepare(format!(
            "INSERT OR IGNORE INTO municipal_outbox \
             (idempotency_key, client_id, action, subject, acted_by, created_at) \
             SELECT ?1, ?2, ?3, ?4, ?5, {NOW_TEXT} {condition}"
        ))
        .bind(&[
            row.key.as_str().into(),
            row.client_id.into(),
            row.action.as_str().into(),
            row.subject.into(),
            row.acted_by.into(),
        ])?)
}

/// Rows that may be sent now: pending, due, and the first undelivered row of their client.
pub async fn due(db: &D1Database, now_ms: u64, limit: u32) -> Result<Vec<OutboxRow>, Failure> {
    Ok(db
        .prepare(
            "SELECT id, client_id, action, subject, acted_by, attempts FROM municipal_outbox o \
             WHERE state = 'pending' AND next_attempt_at <= ?1 AND NOT EXISTS \
             (SELECT 1 FROM municipal_outbox e WHERE e.client_id = o.client_id AND e.id < o.id \
              AND e.state != 'delivered') \
             ORDER BY id LIMIT ?2",
        )
        .bind(&[JsValue::from(now_ms as f64), JsValue::from(limit)])?
        .all()
        .await?
        .results()?)
}

/// Counts an attempt of each row before it is sent (`attempts` then says "may have had its
/// effect": the next attempt looks the effect up first).
pub async fn count_attempts(db: &D1Database, rows: &[OutboxRow]) -> Result<(), Failure> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    db.prepare(
        "UPDATE municipal_outbox SET attempts = attempts + 1 WHERE id IN (SELECT value FROM json_each(?1))",
    )
    .bind(&[serde_json::to_string(&ids)?.into()])?
    .run()
    .await?;
    Ok(())
}

pub fn mark_delivered(db: &D1Database, id: i64) -> Result<D1PreparedStatement, Failure> {
    Ok(db
        .prepare(format!(
            "UPDATE municipal_outbox SET state = 'delivered', last_error = NULL, \
             delivered_at = {NOW_TEXT} WHERE id = ?1"
        ))
        .bind(&[JsValue::from(id as f64)])?)
}

/// A failure that may pass (no answer, 5xx, 429): try again after the backoff (`row` as read
/// before this attempt was counted).
pub fn mark_retry(
    db: &D1Database,
    row: &OutboxRow,
    now_ms: u64,
    error: &str,
) -> Result<D1PreparedStatement, Failure> {
    let attempts = row.attempts + 1;
    Ok(db
        .prepare(
            "UPDATE municipal_outbox SET next_attempt_at = ?2, last_error = ?3 WHERE id = ?1 AND state = 'pending'",
        )
        .bind(&[
            JsValue::from(row.id as f64),
            JsValue::from((now_ms + backoff_ms(attempts)) as f64),
            shorten(error).into(),
        ])?)
}

/// The other side refused the call (4xx): park it with the reason until someone sends it again.
pub fn mark_parked(db: &D1Database, row: &OutboxRow, error: &str) -> Result<D1PreparedStatement, Failure> {
    Ok(db
        .prepare("UPDATE municipal_outbox SET state = 'parked', last_error = ?2 WHERE id = ?1")
        .bind(&[JsValue::from(row.id as f64), shorten(error).into()])?)
}

/// Sends a parked row again: pending, due now. Only rows of the team's files (checked by the
/// caller); `true` when a parked row was found.
pub async fn retry_parked(db: &D1Database, id: i64, team_id: &str) -> Result<bool, Failure> {
    #[derive(Deserialize)]
    struct Changed {
        id: f64,
    }
    let changed: Option<Changed> = db
        .prepare(
            "UPDATE municipal_outbox SET state = 'pending', next_attempt_at = 0 WHERE id = ?1 \
             AND state = 'parked' AND client_id IN (SELECT client_id FROM client_files WHERE team_id = ?2) \
             RETURNING id",
        )
        .bind(&[JsValue::from(id as f64), team_id.into()])?
        .first(None)
        .await?;
    Ok(changed.is_some_and(|row| row.id as i64 == id))
}

/// Milliseconds to wait after the `attempts`-th failed attempt: 2 s, 4 s, 8 s, … at most 15 min.
pub fn backoff_ms(attempts: u32) -> u64 {
    const FIRST_MS: u64 = 2_000;
    const MOST_MS: u64 = 15 * 60 * 1000;
    FIRST_MS.saturating_mul(1u64 << attempts.saturating_sub(1).min(20)).min(MOST_MS)
}

/// Takes the one delivery lease for `for_ms` if nobody holds it; `true` when taken.
pub async fn take_lease(db: &D1Database, holder: &str, now_ms: u64, for_ms: u64) -> Result<bool, Failure> {
    let taken: Option<serde_json::Value> = db
        .prepare(
            "UPDATE municipal_delivery_lease SET holder = ?1, until_ms = ?2 WHERE id = 1 AND until_ms < ?3 \
             RETURNING holder",
        )
        .bind(&[holder.into(), JsValue::from((now_ms + for_ms) as f64), JsValue::from(now_ms as f64)])?
        .first(None)
        .await?;
    Ok(taken.is_some())
}

pub async fn release_lease(db: &D1Database, holder: &str) -> Result<(), Failure> {
    db.prepare("UPDATE municipal_delivery_lease SET until_ms = 0 WHERE id = 1 AND holder = ?1")
        .bind(&[holder.into()])?
        .run()
        .await?;
    Ok(())
}

/// The reason as stored: at most 2,000 characters.
fn shorten(error: &str) -> String {
    error.chars().take(2000).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_two_seconds_up_to_a_quarter_of_an_hour() {
        assert_eq!(backoff_ms(1), 2_000);
        assert_eq!(backoff_ms(2), 4_000);
        assert_eq!(backoff_ms(5), 32_000);
        assert_eq!(backoff_ms(10), 900_000);
        assert_eq!(backoff_ms(u32::MAX), 900_000);
    }
}
