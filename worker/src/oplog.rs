//! The operation log in D1: the one place in the worker that writes and reads the `operations`
//! table, and `records`, which keeps the owner of every record in it.
//!
//! The log is the truth: every current value is the merge (`shared::sync::merge`) of its operations,
//! whatever the order they arrived in. Writers: a push (`sync_push.rs`) and what flows back from
//! the municipality (`municipal/flow_back.rs`). Readers: the push's known state, a pull
//! (`sync_changes.rs`), the free slots (`slots.rs`) and the municipal connector (merged records).

use crate::failure::Failure;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::role::Role;
use shared::sync::merge::{FieldView, Replica};
use shared::sync::record::{DataClass, Owner, RecordKind, RecordRef};
use shared::sync::sync_protocol::{Change, Operation, MAX_PULL_PAGE_BYTES};
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

/// The statement that stores one operation in the log (`verb`: `INSERT`, or `INSERT OR IGNORE`
/// for operations the worker makes itself with ids derived from what they record).
pub fn operation_insert(
    db: &D1Database,
    operation: &Operation,
    operation_json: &str,
    class: DataClass,
    verb: &str,
) -> worker::Result<D1PreparedStatement> {
    let (client_id, group_id, team_id) = owner_columns(&operation.record.owner);
    db.prepare(format!(
        "{verb} INTO operations (op_id, operation_json, kind, record_id, field, data_class, client_id, \
         group_id, team_id, author, hlc, received_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
    ))
    .bind(&[
        operation.op_id.as_str().into(),
        operation_json.into(),
        operation.record.kind.as_str().into(),
        operation.record.id.as_str().into(),
        operation.field.as_str().into(),
        data_class_name(class).into(),
        client_id,
        group_id,
        team_id,
        operation.author.as_str().into(),
        operation.hlc.to_string().into(),
    ])
}

/// A UUID v4-shaped id derived from `key` (SHA-256), the same for the same key.
pub fn derived_op_id(key: &str) -> String {
    let mut bytes: [u8; 16] = Sha256::digest(key.as_bytes())[..16].try_into().expect("16 of 32 bytes");
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The statement that stores the owner of a record the log has no operation of yet.
pub fn record_insert(db: &D1Database, record: &RecordRef) -> worker::Result<D1PreparedStatement> {
    db.prepare("INSERT INTO records (kind, record_id, owner_json) VALUES (?1, ?2, ?3)").bind(&[
        record.kind.as_str().into(),
        record.id.as_str().into(),
        serde_json::to_string(&record.owner).expect("an owner serialises").into(),
    ])
}

fn owner_columns(owner: &Owner) -> (JsValue, JsValue, JsValue) {
    let text = |value: &str| JsValue::from(value);
    match owner {
        Owner::Client { client_id } => (text(client_id), JsValue::NULL, JsValue::NULL),
        Owner::Group { group_id } => (JsValue::NULL, text(group_id), JsValue::NULL),
        Owner::GroupMember { group_id, client_id } => (text(client_id), text(group_id), JsValue::NULL),
        Owner::Team { team_id } => (JsValue::NULL, JsValue::NULL, text(team_id)),
    }
}

/// The data class as stored in the log (its JSON name).
pub fn data_class_name(class: DataClass) -> String {
    serde_json::to_value(class).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

/// One stored operation, as D1 answers it.
#[derive(Deserialize)]
struct StoredRow {
    op_id: String,
    operation_json: String,
}

#[derive(Deserialize)]
struct OwnerRow {
    kind: String,
    record_id: String,
    owner_json: String,
}

#[derive(Deserialize)]
struct ChangeRow {
    seq: f64,
    operation_json: String,
}

/// `op_id` → the operation as stored, for the pushed operations the log has already.
pub async fn stored_by_op_id(
    db: &D1Database,
    operations: &[Operation],
) -> Result<BTreeMap<String, String>, Failure> {
    let op_ids: Vec<&str> = operations.iter().map(|o| o.op_id.as_str()).collect();
    let rows: Vec<StoredRow> = with_ids(
        db,
        "SELECT op_id, operation_json FROM operations WHERE op_id IN (SELECT value FROM json_each(?1))",
        &op_ids,
    )
    .await?;
    Ok(rows.into_iter().map(|row| (row.op_id, row.operation_json)).collect())
}

/// The owners of the records of the pushed operations that exist.
pub async fn owners_of(
    db: &D1Database,
    operations: &[Operation],
) -> Result<BTreeMap<(RecordKind, String), Owner>, Failure> {
    let records: Vec<(&str, &str)> =
        operations.iter().map(|o| (o.record.kind.as_str(), o.record.id.as_str())).collect();
    let rows: Vec<OwnerRow> = with_ids(
        db,
        "SELECT kind, record_id, owner_json FROM records WHERE (kind, record_id) IN \
         (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))",
        &records,
    )
    .await?;
    let mut owners = BTreeMap::new();
    for row in rows {
        if let (Some(kind), Ok(owner)) = (RecordKind::parse(&row.kind), serde_json::from_str(&row.owner_json))
        {
            owners.insert((kind, row.record_id), owner);
        }
    }
    Ok(owners)
}

/// Every field the pushed operations touch, merged from the log (each operation with its place in
/// it, which settles claims).
pub async fn fields_of(db: &D1Database, operations: &[Operation]) -> Result<Replica, Failure> {
    let fields: Vec<(&str, &str, &str)> =
        operations.iter().map(|o| (o.record.kind.as_str(), o.record.id.as_str(), o.field.as_str())).collect();
    let rows: Vec<ChangeRow> = with_ids(
        db,
        "SELECT seq, operation_json FROM operations WHERE (kind, record_id, field) IN \
         (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') \
          FROM json_each(?1)) ORDER BY seq",
        &fields,
    )
    .await?;
    let mut replica = Replica::default();
    for operation in stored_operations(rows)? {
        let Some(spec) = operation.record.kind.field(&operation.field) else { continue };
        replica.apply(&operation, spec.merge);
    }
    Ok(replica)
}

/// One query for a list of ids of any length (passed as one JSON array, `?1`).
async fn with_ids<T: for<'de> Deserialize<'de>, P: Serialize>(
    db: &D1Database,
    sql: &str,
    ids: &[P],
) -> Result<Vec<T>, Failure> {
    let ids = serde_json::to_string(ids)?;
    Ok(db.prepare(sql).bind(&[ids.into()])?.all().await?.results()?)
}

/// Who pulls, as the log's columns select what concerns them.
pub enum Puller<'a> {
    /// A client whose login is linked to this file.
    Client {
        client_id: &'a str,
    },
    OutreachWorker {
        subject: &'a str,
    },
    Consulent {
        team_id: &'a str,
    },
    Trainer {
        subject: &'a str,
    },
}

/// The operations stored after `after` about the puller's client files, groups and team, oldest
/// first, at most `limit` and about [`MAX_PULL_PAGE_BYTES`] (each still passes
/// `shared::sync::access::decide` before it is sent), and whether more may follow. The bytes are
/// counted by D1, so a page of large operations never reaches the worker's memory whole.
pub async fn changes_after(
    db: &D1Database,
    puller: Puller<'_>,
    after: u64,
    limit: usize,
) -> Result<(Vec<Change>, bool), Failure> {
    let (filter, bind): (&str, &str) = match puller {
        Puller::Client { client_id } => (
            "client_id = ?3 OR group_id IN (SELECT group_id FROM group_members WHERE client_id = ?3) \
             OR team_id = (SELECT team_id FROM client_files WHERE client_id = ?3)",
            client_id,
        ),
        Puller::OutreachWorker { subject } => {
            ("client_id IN (SELECT client_id FROM caseload_assignments WHERE staff_subject = ?3)", subject)
        }
        Puller::Consulent { team_id } => (
            "client_id IN (SELECT client_id FROM client_files WHERE team_id = ?3) OR team_id = ?3 \
             OR group_id IN (SELECT group_id FROM training_groups WHERE team_id = ?3)",
            team_id,
        ),
        Puller::Trainer { subject } => (
            "group_id IN (SELECT group_id FROM group_trainers WHERE trainer_subject = ?3) \
             OR (data_class = 'name' AND client_id IN (SELECT m.client_id FROM group_members m \
                 JOIN group_trainers t ON t.group_id = m.group_id WHERE t.trainer_subject = ?3))",
            subject,
        ),
    };
    // `before`: the bytes of the page's earlier operations; `candidates`: the rows `limit` allows.
    let sql = format!(
        "SELECT o.seq AS seq, o.operation_json AS operation_json, p.candidates AS candidates FROM (SELECT seq, \
           sum(size) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before, \
           count(*) OVER () AS candidates \
           FROM (SELECT seq, length(CAST(operation_json AS BLOB)) AS size FROM operations \
                 WHERE seq > ?1 AND ({filter}) ORDER BY seq LIMIT ?2)) AS p \
         JOIN operations AS o ON o.seq = p.seq WHERE p.before IS NULL OR p.before < ?4 ORDER BY o.seq"
    );
    let binds = [
        JsValue::from(after as f64),
        JsValue::from(limit as f64),
        JsValue::from(bind),
        JsValue::from(MAX_PULL_PAGE_BYTES as f64),
    ];
    let rows: Vec<PageRow> = db.prepare(sql).bind(&binds)?.all().await?.results()?;
    let candidates = rows.first().map_or(0, |row| row.candidates as usize);
    let more = candidates == limit || rows.len() < candidates;
    let rows = rows.into_iter().map(|row| ChangeRow { seq: row.seq, operation_json: row.operation_json });
    Ok((changes(rows.collect())?, more))
}

#[derive(Deserialize)]
struct PageRow {
    seq: f64,
    operation_json: String,
    candidates: f64,
}

/// What joining groups opens up that was stored up to `after`: for a trainer the names of the
/// clients who joined, for a client the groups' own records. `joined`: (group id, client id).
pub async fn stored_before_joining(
    db: &D1Database,
    role: Role,
    after: u64,
    joined: &[(&str, &str)],
) -> Result<Vec<Change>, Failure> {
    let (sql, ids): (&str, Vec<&str>) = match role {
        Role::Trainer => (
            "SELECT seq, operation_json FROM operations WHERE seq <= ?1 AND data_class = 'name' \
             AND client_id IN (SELECT value FROM json_each(?2)) ORDER BY seq",
            joined.iter().map(|(_, client_id)| *client_id).collect(),
        ),
        Role::Client => (
            "SELECT seq, operation_json FROM operations WHERE seq <= ?1 AND client_id IS NULL \
             AND group_id IN (SELECT value FROM json_each(?2)) ORDER BY seq",
            joined.iter().map(|(group_id, _)| *group_id).collect(),
        ),
        // Consulents and outreach workers pull by client file or team, which membership does not change.
        Role::Consulent | Role::OutreachWorker | Role::PolicyMaker => return Ok(Vec::new()),
    };
    let ids = serde_json::to_string(&ids)?;
    let rows: Vec<ChangeRow> =
        db.prepare(sql).bind(&[JsValue::from(after as f64), ids.into()])?.all().await?.results()?;
    changes(rows)
}

fn changes(rows: Vec<ChangeRow>) -> Result<Vec<Change>, Failure> {
    rows.into_iter()
        .map(|row| Ok(Change { seq: row.seq as u64, operation: serde_json::from_str(&row.operation_json)? }))
        .collect()
}

/// The operations of `rows`, each with its place in the log (`Operation::stored_as`).
fn stored_operations(rows: Vec<ChangeRow>) -> Result<Vec<Operation>, Failure> {
    Ok(changes(rows)?.into_iter().map(Change::into_stored_operation).collect())
}

/// Every operation on the slots of a team, oldest first.
pub async fn team_slot_operations(db: &D1Database, team_id: &str) -> Result<Vec<Operation>, Failure> {
    let rows: Vec<ChangeRow> = db
        .prepare(
            "SELECT seq, operation_json FROM operations WHERE team_id = ?1 AND kind = 'slot' ORDER BY seq",
        )
        .bind(&[JsValue::from(team_id)])?
        .all()
        .await?
        .results()?;
    stored_operations(rows)
}

/// Every record of `kind` among `record_ids`, with its merged fields (plus operations not stored
/// yet, such as those of the push being admitted). The municipal connector reads aanvragen and
/// klantfotos this way.
pub async fn merged_records(
    db: &D1Database,
    kind: RecordKind,
    record_ids: &[&str],
    not_yet_stored: impl Iterator<Item = Operation>,
) -> Result<BTreeMap<RecordRef, BTreeMap<String, FieldView>>, Failure> {
    let rows: Vec<ChangeRow> = db
        .prepare(
            "SELECT seq, operation_json FROM operations WHERE kind = ?1 \
             AND record_id IN (SELECT value FROM json_each(?2))",
        )
        .bind(&[kind.as_str().into(), serde_json::to_string(record_ids)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(merged(stored_operations(rows)?, not_yet_stored, &[kind]).records_of_kind(kind))
}

/// One client file's records of `kinds`, merged into a replica (plus `not_yet_stored`), for the
/// journey's decisions in `shared::journey` and `shared::journey::inspanningspakket`.
pub async fn client_replica(
    db: &D1Database,
    client_id: &str,
    kinds: &[RecordKind],
    not_yet_stored: impl Iterator<Item = Operation>,
) -> Result<Replica, Failure> {
    let kind_names: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    let rows: Vec<ChangeRow> = db
        .prepare(
            "SELECT seq, operation_json FROM operations WHERE client_id = ?1 \
             AND kind IN (SELECT value FROM json_each(?2))",
        )
        .bind(&[client_id.into(), serde_json::to_string(&kind_names)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(merged(stored_operations(rows)?, not_yet_stored, kinds))
}

/// The stored operations, then those not stored yet, of `kinds` merged into one replica.
fn merged(
    stored: Vec<Operation>,
    not_yet_stored: impl Iterator<Item = Operation>,
    kinds: &[RecordKind],
) -> Replica {
    let mut replica = Replica::default();
    for operation in stored.into_iter().chain(not_yet_stored) {
        let kind = operation.record.kind;
        if let Some(spec) = kinds.contains(&kind).then(|| kind.field(&operation.field)).flatten() {
            replica.apply(&operation, spec.merge);
        }
    }
    replica
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_uuid_v4_shaped_and_stable() {
        let id = derived_op_id("a/zaak_status/Toegekend");
        assert_eq!(id, derived_op_id("a/zaak_status/Toegekend"));
        assert_ne!(id, derived_op_id("a/zaak_status/Afgewezen"));
        let operation_like = shared::client_id::ClientId::parse(&id);
        assert!(operation_like.is_ok(), "{id}");
    }
}
