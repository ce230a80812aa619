//! `POST /api/v1/sync/push`: a device pushes a batch of operations from its outbox.
//!
//! This handler reads the request, loads what is known about its operations (the log through
//! `oplog.rs`, the signed-in person's scope and which files and groups exist through `scope.rs`),
//! asks `shared::sync::push_admission` about every operation in turn (the record model, author, clock,
//! owner, access, merge: the same rules as on the device), writes one batch and answers. A push
//! is all or nothing: when one operation is refused, nothing is stored (one D1 batch is one
//! transaction) and the answer says which operation and why, so the device can set that one
//! aside, show it, and push the rest again (`OperationResult::outcome`). A repeated push changes
//! nothing. The batch also starts new client files, keeps the member lists, enqueues what the
//! municipality must hear (`municipal::milestones`) and audits every write. Before admission, a
//! push must fit the quotas (`quotas.rs`: 413 above 500 operations, 429 over a quota).

use crate::audit::{audit_entry, classes_in_words, AuditAction};
use crate::auth::Actor;
use crate::caseload::{member_list_update, statements_of_new_file};
use crate::failure::Failure;
use crate::municipal::milestones::PushEvents;
use crate::oplog;
use crate::request_body::read_json_of_at_most;
use crate::scope::{current_members, existing_client_files, existing_groups, load_scope};
use serde::Serialize;
use shared::api::ApiError;
use shared::journey::appointment::{free_slots, SlotViewer};
use shared::law::local_time::LocalDateTime;
use shared::sync::access::Scope;
use shared::sync::push_admission::{Admission, Admitted, Known, Membership, SignedIn};
use shared::sync::quotas::check_push_size;
use shared::sync::record::{DataClass, Owner, RecordKind, RecordRef};
use shared::sync::sync_protocol::{
    Operation, OperationResult, OperationStatus, PushRequest, PushResponse, MAX_PUSH_BODY_BYTES,
};
use shared::text::Explanation;
use std::collections::{BTreeMap, BTreeSet};
use worker::{Context, D1Database, D1PreparedStatement, Env, Request, Response};

const DATABASE: &str = "DB";

/// The answer when a push is refused: the usual error fields plus every operation's result.
#[derive(Serialize)]
struct PushRefused {
    code: String,
    field: Option<String>,
    message: Explanation,
    results: Vec<OperationResult>,
}

pub async fn push(
    request: &mut Request,
    env: &Env,
    ctx: &Context,
    actor: &Actor,
) -> Result<Response, Failure> {
    let push: PushRequest = read_json_of_at_most(request, MAX_PUSH_BODY_BYTES).await?;
    check_push_size(push.operations.len()).map_err(|error| Failure::new(413, error))?;
    let db = env.d1(DATABASE)?;
    let signed_in =
        SignedIn { subject: actor.subject.clone(), role: actor.role, team_id: actor.team_id.clone() };
    let scope = load_scope(&db, actor).await?;
    let known = load_known(&db, &scope, &push.operations).await?;
    // Quotas, before admission: a push over one is refused (429, `Retry-After`), nothing stored.
    let now_ms = worker::Date::now().as_millis();
    crate::quotas::enforce(&db, actor, &push.operations, &known.stored, now_ms).await?;
    let mut admission = Admission::new(signed_in, scope, known, now_ms);
    let municipal = crate::municipal::config::is_on(env)
        .then(|| PushEvents::new(crate::municipal::config::klantinteracties_is_on(env)));
    let mut batch = PushBatch {
        db: &db,
        actor,
        statements: Vec::new(),
        written: BTreeMap::new(),
        new_decisions: Vec::new(),
        municipal,
    };
    let results: Vec<OperationResult> = push
        .operations
        .iter()
        .map(|operation| {
            let admitted = admission.admit(operation).and_then(|admitted| batch.add(operation, admitted));
            match admitted {
                Ok(Admitted { status, reason, .. }) => {
                    OperationResult { op_id: operation.op_id.clone(), status, reason }
                }
                Err(reason) => OperationResult {
                    op_id: operation.op_id.clone(),
                    status: OperationStatus::Rejected,
                    reason: Some(reason),
                },
            }
        })
        .collect();
    if let Some((status, refused)) = answer_when_refused(&results) {
        return Ok(Response::from_json(&refused)?.with_status(status));
    }
    if batch.finish(admission.memberships(), &push.operations, now_ms).await? {
        ctx.wait_until(crate::municipal::delivery::deliver_due(env.clone()));
    }
    Ok(Response::from_json(&PushResponse { results })?)
}

/// The answer to a push of which one or more operations were rejected, so nothing is stored:
/// 403 when one was forbidden, else 422, with the first reason and every operation's result.
fn answer_when_refused(results: &[OperationResult]) -> Option<(u16, PushRefused)> {
    let refused: Vec<&OperationResult> =
        results.iter().filter(|result| result.status == OperationStatus::Rejected).collect();
    let first = refused.first()?;
    let forbidden =
        refused.iter().any(|result| result.reason.as_ref().is_some_and(|r| r.code == "forbidden"));
    let reason = first.reason.clone().expect("a rejected result has a reason");
    let body = PushRefused {
        code: reason.code,
        field: reason.field,
        message: Explanation::new(
            format!(
                "{} wijziging(en) zijn geweigerd; er is niets opgeslagen. {}",
                refused.len(),
                reason.message.nl
            ),
            format!("{} change(s) were refused; nothing was stored. {}", refused.len(), reason.message.en),
        ),
        results: results.iter().map(|result| result.clone().in_a_push_that_stored_nothing()).collect(),
    };
    Some((if forbidden { 403 } else { 422 }, body))
}

/// What is known about the operations of this push: six queries whatever its size (seven when a
/// client claims a slot).
async fn load_known(db: &D1Database, scope: &Scope, operations: &[Operation]) -> Result<Known, Failure> {
    let client_ids: Vec<&str> = operations.iter().filter_map(|o| o.record.owner.client_id()).collect();
    let group_ids: Vec<&str> = operations.iter().filter_map(|o| o.record.owner.group_id()).collect();
    let places: Vec<(&str, &str)> = operations
        .iter()
        .filter_map(|o| match &o.record.owner {
            Owner::GroupMember { group_id, client_id } => Some((group_id.as_str(), client_id.as_str())),
            _ => None,
        })
        .collect();
    Ok(Known {
        stored: oplog::stored_by_op_id(db, operations).await?,
        owners: oplog::owners_of(db, operations).await?,
        fields: oplog::fields_of(db, operations).await?,
        client_files: existing_client_files(db, &client_ids).await?,
        groups: existing_groups(db, &group_ids).await?,
        members: current_members(db, &places).await?,
        slots_held: slots_held_by_the_client(db, scope, operations).await?,
    })
}

/// When a client pushes a slot's holder: the slots of the days to come of their team they hold now
/// (merged from the log, as `GET /api/v1/slots/free` shows them); else none, without a query.
async fn slots_held_by_the_client(
    db: &D1Database,
    scope: &Scope,
    operations: &[Operation],
) -> Result<BTreeSet<String>, Failure> {
    let (Some(client_id), Some(team_id)) = (&scope.own_client_id, &scope.team_id) else {
        return Ok(BTreeSet::new());
    };
    if !operations.iter().any(|operation| operation.record.kind == RecordKind::Slot) {
        return Ok(BTreeSet::new());
    }
    let slot_operations = oplog::team_slot_operations(db, team_id).await?;
    let now = LocalDateTime::from_utc_ms(worker::Date::now().as_millis() as i64);
    let viewer = SlotViewer::Client { client_id: client_id.clone() };
    Ok(free_slots(&slot_operations, now, &viewer)
        .into_iter()
        .filter(|slot| slot.mine)
        .map(|slot| slot.id)
        .collect())
}

/// The statements of one push, built while admitting its operations.
struct PushBatch<'a> {
    db: &'a D1Database,
    actor: &'a Actor,
    statements: Vec<D1PreparedStatement>,
    /// Client file → what this push writes in it, for the audit log.
    written: BTreeMap<String, Written>,
    /// Decision records this push starts: the engine's advice goes beside them (`engine_advice`).
    new_decisions: Vec<RecordRef>,
    /// What the stored operations mean for the municipality (`None`: municipal sync is off).
    municipal: Option<PushEvents>,
}

/// What one push writes in one client file, and from which device.
struct Written {
    classes: BTreeSet<DataClass>,
    device: String,
}

impl PushBatch<'_> {
    /// Adds what storing an admitted operation takes: the file it starts, its record's owner when
    /// the record is new, the operation itself; and notes it for the municipality and the audit.
    fn add(&mut self, operation: &Operation, admitted: Admitted) -> Result<Admitted, ApiError> {
        let could_not_bind = |_| internal_refusal();
        if let Some(file) = &admitted.starts_client_file {
            let statements = statements_of_new_file(self.db, file, &self.actor.subject);
            self.statements.extend(statements.map_err(could_not_bind)?);
        }
        let Some(store) = &admitted.store else { return Ok(admitted) };
        if store.new_record {
            self.statements.push(oplog::record_insert(self.db, &operation.record).map_err(could_not_bind)?);
            if operation.record.kind == RecordKind::Decision {
                self.new_decisions.push(operation.record.clone());
            }
        }
        let insert =
            oplog::operation_insert(self.db, operation, &store.operation_json, store.class, "INSERT");
        self.statements.push(insert.map_err(could_not_bind)?);
        if let Some(events) = &mut self.municipal {
            events.note(operation);
        }
        if let Some(client_id) = operation.record.owner.client_id() {
            let written = self
                .written
                .entry(client_id.to_owned())
                .or_insert_with(|| Written { classes: BTreeSet::new(), device: operation.hlc.node.clone() });
            written.classes.insert(store.class);
        }
        Ok(admitted)
    }

    /// Membership changes update the member list; the engine's advice goes beside new decisions;
    /// calls to the municipality are enqueued; writes are audited; then everything is stored in one
    /// transaction. `true` when the batch may have enqueued a call to the municipality.
    async fn finish(
        mut self,
        memberships: Vec<Membership>,
        pushed: &[Operation],
        now_ms: u64,
    ) -> Result<bool, Failure> {
        for membership in &memberships {
            let statement =
                member_list_update(self.db, membership).map_err(|_| Failure::new(500, internal_refusal()))?;
            self.statements.push(statement);
        }
        self.statements
            .extend(crate::engine_advice::statements(self.db, &self.new_decisions, pushed, now_ms).await?);
        let mut enqueued = false;
        if let Some(events) = self.municipal.take() {
            let outbox = events.outbox_statements(self.db, &self.actor.subject).await?;
            enqueued = !outbox.is_empty();
            self.statements.extend(outbox);
        }
        for (client_id, written) in std::mem::take(&mut self.written) {
            let what = classes_in_words(&written.classes);
            let statement =
                audit_entry(self.db, self.actor, AuditAction::Write, &client_id, &what, &written.device)?;
            self.statements.push(statement);
        }
        if !self.statements.is_empty() {
            self.db.batch(self.statements).await?;
        }
        Ok(enqueued)
    }
}

fn internal_refusal() -> ApiError {
    ApiError::new(
        "internal",
        Some("record"),
        Explanation::new(
            "Er ging iets mis bij ons. Uw wijziging staat nog op uw apparaat.",
            "Something went wrong on our side. Your change is still on your device.",
        ),
    )
}
