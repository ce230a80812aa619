//! The law engine's advice beside each new decision (`advised_route_id`, author `ENGINE_AUTHOR`).
//!
//! When a push starts a decision record, the worker evaluates the client file as it stands with
//! that push (the dossier and the klantfoto, on today's date in Amsterdam:
//! `shared::journey::next_step::engine_advice_on`) and stores the advice in the push's batch.
//! Devices never write it (`RecordKind::set_by_the_engine`), so a decision cannot carry an advice
//! the engine never gave. Its id derives from the decision's, so it is stored once.

use crate::failure::Failure;
use crate::oplog::{client_replica, derived_op_id, operation_insert};
use serde_json::Value;
use shared::journey::next_step::engine_advice_on;
use shared::law::local_time::LocalDateTime;
use shared::sync::hlc::Hlc;
use shared::sync::record::{DataClass, RecordKind, RecordRef, ENGINE_AUTHOR};
use shared::sync::sync_protocol::Operation;
use worker::{D1Database, D1PreparedStatement};

/// What the engine reads of a file.
const READ_BY_THE_ENGINE: [RecordKind; 2] = [RecordKind::Dossier, RecordKind::Klantfoto];

/// The statements that store the engine's advice beside each of `new_decisions`, reading each
/// file from the log and `pushed` (the push's operations, not stored yet). A file that names no
/// municipality gets no advice.
pub async fn statements(
    db: &D1Database,
    new_decisions: &[RecordRef],
    pushed: &[Operation],
    now_ms: u64,
) -> Result<Vec<D1PreparedStatement>, Failure> {
    let today = LocalDateTime::from_utc_ms(now_ms as i64).date;
    let mut statements = Vec::new();
    for decision in new_decisions {
        let Some(client_id) = decision.owner.client_id() else { continue };
        let of_the_file = pushed.iter().filter(|o| o.record.owner.client_id() == Some(client_id)).cloned();
        let replica = client_replica(db, client_id, &READ_BY_THE_ENGINE, of_the_file).await?;
        let Some(advice) = engine_advice_on(&replica, client_id, today) else { continue };
        let operation = Operation {
            op_id: derived_op_id(&format!("{}/advised_route_id", decision.id)),
            record: decision.clone(),
            field: "advised_route_id".to_owned(),
            value: Value::from(advice),
            hlc: Hlc { wall_ms: now_ms, counter: 0, node: ENGINE_AUTHOR.to_owned() },
            author: ENGINE_AUTHOR.to_owned(),
            stored_as: None,
        };
        let json = serde_json::to_string(&operation)?;
        statements.push(operation_insert(db, &operation, &json, DataClass::Decisions, "INSERT OR IGNORE")?);
    }
    Ok(statements)
}
