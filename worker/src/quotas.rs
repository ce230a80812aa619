//! The quotas of a push (`shared::sync::quotas`): this module loads what the log stored in their
//! windows and asks `shared` whether the push fits. When it does not, the push is answered 429
//! with `Retry-After` (seconds) and the error naming the quota, before admission: nothing of it is
//! stored. Operations that a push repeats (already in the log) store nothing and do not count.

use crate::auth::Actor;
use crate::failure::Failure;
use serde::Deserialize;
use shared::sync::quotas::{admit, PushLoad, Quota, Stored, Usage, PER_FILE_PER_DAY, PER_PERSON_PER_MINUTE};
use shared::sync::sync_protocol::Operation;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;
use worker::D1Database;

#[derive(Deserialize)]
struct BucketRow {
    client_id: Option<String>,
    bucket: f64,
    operations: f64,
}

/// Refuses the push (429) when its new operations do not fit the signed-in person's quota per
/// minute or a client file's quota per day. `stored`: the pushed operations the log has already.
pub async fn enforce(
    db: &D1Database,
    actor: &Actor,
    operations: &[Operation],
    stored: &BTreeMap<String, String>,
    now_ms: u64,
) -> Result<(), Failure> {
    let mut push = PushLoad::default();
    for operation in operations.iter().filter(|operation| !stored.contains_key(&operation.op_id)) {
        push.operations += 1;
        if let Some(client_id) = operation.record.owner.client_id() {
            *push.per_file.entry(client_id.to_owned()).or_default() += 1;
        }
    }
    if push.operations == 0 {
        return Ok(());
    }
    let mut usage = Usage::default();
    for row in
        buckets(db, PER_PERSON_PER_MINUTE, "author = ?1", actor.subject.as_str().into(), now_ms).await?
    {
        usage.person.push(stored_in(PER_PERSON_PER_MINUTE, &row));
    }
    if !push.per_file.is_empty() {
        let files = serde_json::to_string(&push.per_file.keys().collect::<Vec<_>>())?;
        let filter = "client_id IN (SELECT value FROM json_each(?1))";
        for row in buckets(db, PER_FILE_PER_DAY, filter, files.into(), now_ms).await? {
            let bucket = stored_in(PER_FILE_PER_DAY, &row);
            usage.per_file.entry(row.client_id.unwrap_or_default()).or_default().push(bucket);
        }
    }
    admit(&push, &usage, now_ms)
        .map_err(|over| Failure::too_many_requests(over.error(), over.retry_after_seconds))
}

/// The operations `filter` selects in the quota's window, counted per bucket (and client file).
async fn buckets(
    db: &D1Database,
    quota: Quota,
    filter: &str,
    bind: JsValue,
    now_ms: u64,
) -> Result<Vec<BucketRow>, Failure> {
    let sql = format!(
        "SELECT client_id, CAST(strftime('%s', received_at) AS INTEGER) / ?3 AS bucket, count(*) AS operations \
         FROM operations WHERE {filter} \
         AND received_at >= strftime('%Y-%m-%dT%H:%M:%fZ', ?2, 'unixepoch') GROUP BY client_id, bucket"
    );
    let window_start_seconds = now_ms.saturating_sub(quota.window_ms) as f64 / 1000.0;
    let bucket_seconds = (quota.bucket_ms / 1000) as f64;
    let binds = [bind, window_start_seconds.into(), bucket_seconds.into()];
    Ok(db.prepare(sql).bind(&binds)?.all().await?.results()?)
}

fn stored_in(quota: Quota, row: &BucketRow) -> Stored {
    Stored { bucket_start_ms: row.bucket as u64 * quota.bucket_ms, operations: row.operations as u32 }
}
