//! The sync protocol between devices and the worker: operations, pushes and pulls.
//!
//! A device records every change as an [`Operation`] on one field of one record, keeps it in
//! its outbox, and pushes batches of them when it is online (`POST /api/v1/sync/push`). The worker
//! answers every operation with an [`OperationResult`]: applied, already known (a repeated push
//! changes nothing), superseded by a later change, or rejected with a reason the device shows.
//! Devices pull what changed since their cursor (`GET /api/v1/sync/changes?after=N`); both sides
//! merge with the same pure function (`merge`).

use crate::api::{ApiError, API_PREFIX};
use crate::client_id::looks_like_uuid_v4;
use crate::sync::hlc::Hlc;
use crate::sync::record::{check_field_value_against, FieldSpec, RecordError, RecordRef};
use crate::text::Explanation;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST`: push a batch of operations.
pub const PUSH_PATH: &str = "/api/v1/sync/push";
/// `GET ?after=<cursor>&limit=<n>`: the changes since a cursor.
pub const CHANGES_PATH: &str = "/api/v1/sync/changes";
/// The most operations one push may carry.
pub const MAX_OPERATIONS_PER_PUSH: usize = 500;
/// The largest push body: 500 operations of about 1 KB each, with room to spare.
pub const MAX_PUSH_BODY_BYTES: usize = 1024 * 1024;
/// The header a device names itself in on a pull (its clock's node id), for the audit log.
pub const DEVICE_HEADER: &str = "Naar-Vermogen-Device";
/// The most changes one pull returns (the device asks again while `more` is true).
pub const MAX_CHANGES_PER_PULL: usize = 5000;

/// One change to one field of one record, made on a device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Made on the device (UUID v4); pushing the same operation twice changes nothing.
    pub op_id: String,
    pub record: RecordRef,
    pub field: String,
    /// The new value; `null` clears the field.
    pub value: Value,
    /// When it was made; the clock's node is the device id.
    pub hlc: Hlc,
    /// The subject of the person who made it (from their login).
    pub author: String,
}

impl Operation {
    /// Checks the operation against the record model, given the fields of its record's kind
    /// (`RecordKind::fields`, the catalogue's table): ids, owner, field and value. Returns the
    /// field's spec (its data class and merge rule) when it fits. `Operation::check` (in
    /// `catalogue.rs`) looks the fields up itself.
    pub fn check_against(
        &self,
        fields_of_its_kind: &'static [FieldSpec],
    ) -> Result<&'static FieldSpec, RecordError> {
        if !looks_like_uuid_v4(&self.op_id) {
            return Err(RecordError {
                code: "invalid_op_id",
                field: "op_id",
                explanation: Explanation::new(
                    "Het nummer van deze wijziging klopt niet. Werk de app bij.",
                    "The id of this change is not valid. Update the app.",
                ),
            });
        }
        self.record.check()?;
        check_field_value_against(fields_of_its_kind, self.record.kind, &self.field, &self.value)
    }
}

/// Body of a push.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub operations: Vec<Operation>,
}

/// What became of one pushed operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationStatus {
    /// Stored, and it is the field's current value.
    Applied,
    /// Stored before (a repeated push): nothing changed.
    AlreadyKnown,
    /// Stored, but a change with a later clock is the current value.
    Superseded,
    /// Kept, but it does not take effect (a claim on a slot someone else took first); `reason`
    /// says why. The device shows the reason.
    Refused,
    /// Not stored; `reason` says why. Nothing of the push was stored; the device sets this one
    /// aside, shows the reason, and pushes the others again.
    Rejected,
    /// Fine, but not stored because another operation in the same push was rejected: push it
    /// again without the rejected one.
    NotStored,
}

/// The answer for one pushed operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationResult {
    pub op_id: String,
    pub status: OperationStatus,
    pub reason: Option<ApiError>,
}

/// Answer of a push (200, everything stored; or 403/422, nothing stored, with the error fields
/// of `ApiError` beside the results): one result per operation, in the order they were pushed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<OperationResult>,
}

/// One stored operation as a pull returns it, with its place in the server's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Position in the server's log; the cursor of the next pull is the last one seen.
    pub seq: u64,
    pub operation: Operation,
}

/// Answer of a pull.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesResponse {
    pub changes: Vec<Change>,
    /// Pass this as `after` next time.
    pub cursor: u64,
    /// More changes are waiting: pull again now.
    pub more: bool,
}

/// The path of a pull after `cursor`.
pub fn changes_path(after: u64, limit: usize) -> String {
    format!("{API_PREFIX}/sync/changes?after={after}&limit={limit}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::record::{Owner, RecordKind};
    use serde_json::json;

    fn operation(value: Value) -> Operation {
        let client_id = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e".to_owned();
        Operation {
            op_id: "5d6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e".to_owned(),
            record: RecordRef {
                kind: RecordKind::Dossier,
                id: client_id.clone(),
                owner: Owner::Client { client_id },
            },
            field: "preferred_name".to_owned(),
            value,
            hlc: Hlc::parse("000001764547200000-0000000000-tablet-1").unwrap(),
            author: "outreach-fatima".to_owned(),
        }
    }

    #[test]
    fn an_operation_reads_back_from_json_and_refuses_unknown_fields() {
        let op = operation(json!("Jan"));
        let text = serde_json::to_string(&op).unwrap();
        assert_eq!(serde_json::from_str::<Operation>(&text).unwrap(), op);
        let mut extra: Value = serde_json::from_str(&text).unwrap();
        extra["admin"] = json!(true);
        assert!(serde_json::from_value::<Operation>(extra).is_err());
        assert!(text.contains("\"hlc\":\"000001764547200000-0000000000-tablet-1\""));
    }

    #[test]
    fn an_operation_is_checked_against_the_record_model() {
        assert!(operation(json!("Jan")).check().is_ok());
        assert_eq!(operation(json!("")).check().unwrap_err().field, "value");
        let bad_id = Operation { op_id: "1".into(), ..operation(json!("Jan")) };
        assert_eq!(bad_id.check().unwrap_err().code, "invalid_op_id");
    }
}
