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
use crate::sync::record::{
    check_field_value_against, check_not_after_the_day_made, FieldSpec, RecordError, RecordRef,
};
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
/// The most bytes of operations one pull returns (always at least one operation), whatever its
/// `limit`: 5,000 maximum-size operations would be a 10 MB answer, and the worker's WebAssembly
/// memory, grown to build it, never shrinks again. The device asks again while `more` is true.
pub const MAX_PULL_PAGE_BYTES: usize = 1024 * 1024;

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
    /// Its place in the worker's log ([`Change::seq`]) once stored: known to the worker and, after
    /// a pull, to the device; never sent by a device (a push with it is refused). Who claimed a
    /// place first is settled by it, so a device's clock cannot put its claim before another's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_as: Option<u64>,
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
        let spec = check_field_value_against(fields_of_its_kind, self.record.kind, &self.field, &self.value)?;
        check_not_after_the_day_made(spec, &self.value, self.hlc.wall_ms)?;
        Ok(spec)
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

impl OperationResult {
    /// What this result comes to in a push that was stored as a whole (`push_stored`) or not at
    /// all: the one rule the worker answers by and the device acts on.
    pub fn outcome(&self, push_stored: bool) -> PushOutcome {
        match (push_stored, self.status, &self.reason) {
            (true, OperationStatus::Refused, Some(reason)) => PushOutcome::StoredButRefused(reason.clone()),
            (true, _, _) | (false, OperationStatus::AlreadyKnown, _) => PushOutcome::Stored,
            (false, OperationStatus::Rejected, Some(reason)) => PushOutcome::Rejected(reason.clone()),
            (false, _, _) => PushOutcome::PushAgain,
        }
    }

    /// The result as the worker answers it when its push stored nothing: an operation that was
    /// fine is [`OperationStatus::NotStored`] (without a reason), to be pushed again.
    pub fn in_a_push_that_stored_nothing(self) -> OperationResult {
        match self.outcome(false) {
            PushOutcome::PushAgain => {
                OperationResult { status: OperationStatus::NotStored, reason: None, ..self }
            }
            PushOutcome::Stored | PushOutcome::StoredButRefused(_) | PushOutcome::Rejected(_) => self,
        }
    }
}

/// What one pushed operation comes to, once the worker answered its push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushOutcome {
    /// Stored, now or before: the device lets go of it.
    Stored,
    /// Stored, but it does not take effect (a claim that lost): the device lets go of it and
    /// sets it aside with the reason, so that the person sees why.
    StoredButRefused(ApiError),
    /// Not stored, with the reason: the device sets it aside and shows why.
    Rejected(ApiError),
    /// Not stored because another operation of the push was rejected: the device pushes it again.
    PushAgain,
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

impl Change {
    /// The operation with its place in the worker's log, as the device keeps it.
    pub fn into_stored_operation(self) -> Operation {
        Operation { stored_as: Some(self.seq), ..self.operation }
    }
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
            stored_as: None,
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
    fn a_birth_date_is_a_day_that_had_come_when_the_change_was_made() {
        // 1 December 2025, 00:00 UTC: 01:00 in Amsterdam.
        const MIDNIGHT_UTC: u64 = 1_764_547_200_000;
        let birth_date = |day: &str, wall_ms: u64| {
            let mut op = operation(json!(day));
            op.field = "birth_date".to_owned();
            op.hlc.wall_ms = wall_ms;
            op.check().map(|_| ()).map_err(|problem| (problem.code, problem.explanation.en))
        };
        assert_eq!(birth_date("1984-03-15", MIDNIGHT_UTC), Ok(()));
        assert_eq!(birth_date("2025-12-01", MIDNIGHT_UTC), Ok(()), "born today");
        let (code, why) = birth_date("2199-12-31", MIDNIGHT_UTC).unwrap_err();
        assert_eq!(code, "invalid_value");
        assert!(why.contains("after today (2025-12-01)"), "{why}");
        assert!(birth_date("2025-12-02", MIDNIGHT_UTC).is_err(), "tomorrow");
        // Amsterdam's day counts: 23:30 UTC on 30 November is 00:30 on 1 December there.
        assert_eq!(birth_date("2025-12-01", MIDNIGHT_UTC - 30 * 60_000), Ok(()));
        assert!(birth_date("2025-12-01", MIDNIGHT_UTC - 90 * 60_000).is_err());
        // A clock beyond the calendar is the worker's to refuse (too far ahead); no panic here.
        assert_eq!(birth_date("2199-12-31", u64::MAX), Ok(()));
    }

    fn reason(code: &str) -> ApiError {
        ApiError::new(code, Some("value"), Explanation::new("nl", "en"))
    }

    fn result(status: OperationStatus, code: Option<&str>) -> OperationResult {
        OperationResult {
            op_id: "5d6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e".to_owned(),
            status,
            reason: code.map(reason),
        }
    }

    #[test]
    fn in_a_stored_push_everything_is_stored_and_a_claim_that_lost_is_also_set_aside() {
        use OperationStatus::*;
        for status in [Applied, AlreadyKnown, Superseded] {
            assert_eq!(result(status, None).outcome(true), PushOutcome::Stored, "{status:?}");
        }
        assert_eq!(
            result(Refused, Some("slot_taken")).outcome(true),
            PushOutcome::StoredButRefused(reason("slot_taken"))
        );
    }

    #[test]
    fn in_a_push_that_stored_nothing_the_rejected_are_set_aside_the_known_stay_known_the_rest_goes_again() {
        use OperationStatus::*;
        assert_eq!(
            result(Rejected, Some("forbidden")).outcome(false),
            PushOutcome::Rejected(reason("forbidden"))
        );
        assert_eq!(result(AlreadyKnown, None).outcome(false), PushOutcome::Stored);
        for status in [Applied, Superseded, NotStored] {
            assert_eq!(result(status, None).outcome(false), PushOutcome::PushAgain, "{status:?}");
        }
        assert_eq!(result(Refused, Some("slot_taken")).outcome(false), PushOutcome::PushAgain);
    }

    #[test]
    fn the_worker_answers_not_stored_for_what_goes_again_and_keeps_the_rest() {
        use OperationStatus::*;
        for (status, reason, answered) in [
            (Applied, None, NotStored),
            (Superseded, None, NotStored),
            (Refused, Some("slot_taken"), NotStored),
            (AlreadyKnown, None, AlreadyKnown),
            (Rejected, Some("forbidden"), Rejected),
        ] {
            let answer = result(status, reason).in_a_push_that_stored_nothing();
            assert_eq!(answer.status, answered, "{status:?}");
            let kept_reason = if answered == NotStored { None } else { reason };
            assert_eq!(answer.reason.map(|reason| reason.code), kept_reason.map(str::to_owned), "{status:?}");
        }
    }

    #[test]
    fn an_operation_is_checked_against_the_record_model() {
        assert!(operation(json!("Jan")).check().is_ok());
        assert_eq!(operation(json!("")).check().unwrap_err().field, "value");
        let bad_id = Operation { op_id: "1".into(), ..operation(json!("Jan")) };
        assert_eq!(bad_id.check().unwrap_err().code, "invalid_op_id");
    }
}
