//! Records as the operation log holds them: the stored operations of some records of one kind,
//! merged with `shared::merge` (plus operations not stored yet, such as those of the push being
//! admitted). The municipal connector reads aanvragen, klantfotos and a client's journey this way.

use crate::failure::Failure;
use serde::Deserialize;
use shared::merge::{FieldView, Replica};
use shared::record::{RecordKind, RecordRef};
use shared::sync_protocol::Operation;
use std::collections::BTreeMap;
use worker::D1Database;

/// One stored operation, as D1 answers it.
#[derive(Deserialize)]
struct Row {
    operation_json: String,
}

/// Every record of `kind` among `record_ids`, with its merged fields.
pub async fn merged_records(
    db: &D1Database,
    kind: RecordKind,
    record_ids: &[&str],
    not_yet_stored: impl Iterator<Item = Operation>,
) -> Result<BTreeMap<RecordRef, BTreeMap<String, FieldView>>, Failure> {
    let rows: Vec<Row> = db
        .prepare(
            "SELECT operation_json FROM operations WHERE kind = ?1 \
             AND record_id IN (SELECT value FROM json_each(?2))",
        )
        .bind(&[kind.as_str().into(), serde_json::to_string(record_ids)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(merged(&rows, not_yet_stored, &[kind]).records_of_kind(kind))
}

/// One client file's records of `kinds`, merged into a replica (plus `not_yet_stored`), for the
/// journey's decisions in `shared::journey` and `shared::inspanningspakket`.
pub async fn client_replica(
    db: &D1Database,
    client_id: &str,
    kinds: &[RecordKind],
    not_yet_stored: impl Iterator<Item = Operation>,
) -> Result<Replica, Failure> {
    let kind_names: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    let rows: Vec<Row> = db
        .prepare(
            "SELECT operation_json FROM operations WHERE client_id = ?1 \
             AND kind IN (SELECT value FROM json_each(?2))",
        )
        .bind(&[client_id.into(), serde_json::to_string(&kind_names)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(merged(&rows, not_yet_stored, kinds))
}

/// The stored operations, then those not stored yet, of `kinds` merged into one replica.
fn merged(rows: &[Row], not_yet_stored: impl Iterator<Item = Operation>, kinds: &[RecordKind]) -> Replica {
    let mut replica = Replica::default();
    let stored = rows.iter().filter_map(|row| serde_json::from_str::<Operation>(&row.operation_json).ok());
    for operation in stored.chain(not_yet_stored) {
        let kind = operation.record.kind;
        if let Some(spec) = kinds.contains(&kind).then(|| kind.field(&operation.field)).flatten() {
            replica.apply(&operation, spec.merge);
        }
    }
    replica
}
