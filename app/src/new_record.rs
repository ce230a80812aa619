//! A new record in a client's file: a fresh random id (`sync_store::random_uuid`), owned by the
//! client. What the forms of the pages write into it is decided in `shared::journey`.

use crate::sync_store::random_uuid;
use shared::sync::record::{Owner, RecordKind, RecordRef};

/// A new record of `kind` in `client_id`'s file.
pub fn new_record(kind: RecordKind, client_id: &str) -> RecordRef {
    RecordRef { kind, id: random_uuid(), owner: Owner::Client { client_id: client_id.to_owned() } }
}

/// Each field with its value, all in `record`: one push, checked by `shared` before any is stored.
pub fn changes_in(
    record: &RecordRef,
    fields: impl IntoIterator<Item = (&'static str, serde_json::Value)>,
) -> Vec<(RecordRef, String, serde_json::Value)> {
    fields.into_iter().map(|(field, value)| (record.clone(), field.to_owned(), value)).collect()
}
