//! For the journey's tests: a replica with writes in it, as a device has them after a sync.

use crate::sync::hlc::Hlc;
use crate::sync::merge::Replica;
use crate::sync::record::{MergeRule, Owner, RecordKind, RecordRef};
use crate::sync::sync_protocol::Operation;
use serde_json::Value;

/// A record of `kind` with `id` in `client_id`'s file.
pub fn record(kind: RecordKind, id: &str, client_id: &str) -> RecordRef {
    RecordRef { kind, id: id.to_owned(), owner: Owner::Client { client_id: client_id.to_owned() } }
}

/// `author` wrote `value` into `field` of `record` at `at_ms` (their clock).
pub fn write(replica: &mut Replica, record: &RecordRef, field: &str, value: Value, at_ms: u64, author: &str) {
    let operation = Operation {
        op_id: format!("{}-{field}-{at_ms}", record.id),
        record: record.clone(),
        field: field.to_owned(),
        value,
        hlc: Hlc { wall_ms: at_ms, counter: 0, node: "device".into() },
        author: author.to_owned(),
        stored_as: None,
    };
    replica.apply(&operation, MergeRule::LastWriterWins);
}
