//! `POST /api/v1/sync/push`: a device pushes a batch of operations from its outbox.
//!
//! Every operation goes through the same steps as on the device: the record model
//! (`Operation::check`), the author is the signed-in person, the clock is not ahead, the record
//! keeps its owner, the authorization decision (`shared::access::decide`), then the merge
//! (`shared::merge`). A push is all or nothing: when one operation is refused, nothing is stored
//! (one D1 batch is one transaction) and the answer says which operation and why, so the device
//! can set that one aside, show it, and push the rest again. A repeated push changes nothing.

use crate::audit::{audit_entry, classes_in_words, AuditAction};
use crate::auth::Actor;
use crate::failure::Failure;
use crate::municipal::milestones::PushEvents;
use crate::oplog::operation_insert;
use crate::request_body::read_json_of_at_most;
use crate::scope::load_scope;
use serde::{Deserialize, Serialize};
use shared::access::{decide, Access, Decision, Resource, Scope};
use shared::api::ApiError;
use shared::merge::{FieldKey, FieldView, MergeOutcome, Register};
use shared::record::{DataClass, FieldSpec, Owner, RecordKind, RecordRef};
use shared::role::Role;
use shared::sync_protocol::{
    Operation, OperationResult, OperationStatus, PushRequest, PushResponse, MAX_OPERATIONS_PER_PUSH,
    MAX_PUSH_BODY_BYTES,
};
use shared::text::Explanation;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use wasm_bindgen::JsValue;
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
    if push.operations.len() > MAX_OPERATIONS_PER_PUSH {
        return Err(Failure::new(
            413,
            ApiError::new(
                "too_many_operations",
                Some("operations"),
                Explanation::new(
                    format!("Stuur hoogstens {MAX_OPERATIONS_PER_PUSH} wijzigingen tegelijk."),
                    format!("Send at most {MAX_OPERATIONS_PER_PUSH} changes at once."),
                ),
            ),
        ));
    }
    let db = env.d1(DATABASE)?;
    let scope = load_scope(&db, actor).await?;
    let known = KnownState::load(&db, &push.operations).await?;
    let municipal_sync = crate::municipal::config::is_on(env);
    let mut batch = PushBatch {
        db: &db,
        actor,
        scope,
        known,
        statements: Vec::new(),
        written: BTreeMap::new(),
        municipal: municipal_sync
            .then(|| PushEvents::new(crate::municipal::config::klantinteracties_is_on(env))),
    };
    let results: Vec<OperationResult> =
        push.operations.iter().map(|operation| batch.admit(operation)).collect();
    let refused: Vec<&OperationResult> =
        results.iter().filter(|result| result.status == OperationStatus::Rejected).collect();
    if let Some(first) = refused.first() {
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
                format!(
                    "{} change(s) were refused; nothing was stored. {}",
                    refused.len(),
                    reason.message.en
                ),
            ),
            results: results.iter().map(|result| result.clone().in_a_push_that_stored_nothing()).collect(),
        };
        return Ok(Response::from_json(&body)?.with_status(if forbidden { 403 } else { 422 }));
    }
    if batch.finish().await? {
        ctx.wait_until(crate::municipal::delivery::deliver_due(env.clone()));
    }
    Ok(Response::from_json(&PushResponse { results })?)
}

/// What the log already holds about the operations of this push.
struct KnownState {
    /// `op_id` → the operation as stored.
    stored: HashMap<String, String>,
    /// Owners of existing records.
    owners: HashMap<(RecordKind, String), Owner>,
    /// Client files that exist.
    client_files: BTreeSet<String>,
    /// Training groups that exist.
    groups: BTreeSet<String>,
    /// The merge state of every field this push touches.
    registers: HashMap<FieldKey, Register>,
}

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
struct ValueRow {
    value: String,
}

impl KnownState {
    /// Four queries for the whole push, whatever its size (ids passed as one JSON array).
    async fn load(db: &D1Database, operations: &[Operation]) -> Result<KnownState, Failure> {
        let op_ids: Vec<&str> = operations.iter().map(|o| o.op_id.as_str()).collect();
        let records: Vec<(&str, &str)> =
            operations.iter().map(|o| (o.record.kind.as_str(), o.record.id.as_str())).collect();
        let fields: Vec<(&str, &str, &str)> = operations
            .iter()
            .map(|o| (o.record.kind.as_str(), o.record.id.as_str(), o.field.as_str()))
            .collect();
        let client_ids: Vec<&str> =
            operations.iter().filter_map(|o| owner_client_id(&o.record.owner)).collect();
        let group_ids: Vec<&str> =
            operations.iter().filter_map(|o| owner_group_id(&o.record.owner)).collect();

        let stored: Vec<StoredRow> = query(
            db,
            "SELECT op_id, operation_json FROM operations WHERE op_id IN (SELECT value FROM json_each(?1))",
            &op_ids,
        )
        .await?;
        let owner_rows: Vec<OwnerRow> = query(
            db,
            "SELECT kind, record_id, owner_json FROM records WHERE (kind, record_id) IN \
             (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))",
            &records,
        )
        .await?;
        let field_rows: Vec<StoredRow> = query(
            db,
            "SELECT op_id, operation_json FROM operations WHERE (kind, record_id, field) IN \
             (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') \
              FROM json_each(?1)) ORDER BY seq",
            &fields,
        )
        .await?;
        let files: Vec<ValueRow> = query(
            db,
            "SELECT client_id AS value FROM client_files WHERE client_id IN (SELECT value FROM json_each(?1))",
            &client_ids,
        )
        .await?;
        let groups: Vec<ValueRow> = query(
            db,
            "SELECT group_id AS value FROM training_groups WHERE group_id IN (SELECT value FROM json_each(?1))",
            &group_ids,
        )
        .await?;

        let mut owners = HashMap::new();
        for row in owner_rows {
            if let (Some(kind), Ok(owner)) =
                (RecordKind::parse(&row.kind), serde_json::from_str(&row.owner_json))
            {
                owners.insert((kind, row.record_id), owner);
            }
        }
        let mut registers: HashMap<FieldKey, Register> = HashMap::new();
        for row in field_rows {
            let operation: Operation = serde_json::from_str(&row.operation_json)?;
            let Some(spec) = operation.record.kind.field(&operation.field) else { continue };
            merge_into(&mut registers, &operation, spec);
        }
        Ok(KnownState {
            stored: stored.into_iter().map(|row| (row.op_id, row.operation_json)).collect(),
            owners,
            client_files: files.into_iter().map(|row| row.value).collect(),
            groups: groups.into_iter().map(|row| row.value).collect(),
            registers,
        })
    }
}

async fn query<T: for<'de> Deserialize<'de>, P: Serialize>(
    db: &D1Database,
    sql: &str,
    ids: &[P],
) -> Result<Vec<T>, Failure> {
    let ids = serde_json::to_string(ids)?;
    Ok(db.prepare(sql).bind(&[ids.into()])?.all().await?.results()?)
}

fn merge_into(
    registers: &mut HashMap<FieldKey, Register>,
    operation: &Operation,
    spec: &FieldSpec,
) -> MergeOutcome {
    let key = FieldKey { record: operation.record.clone(), field: operation.field.clone() };
    match registers.get_mut(&key) {
        Some(register) => register.apply(operation),
        None => {
            let (register, outcome) = Register::new(spec.merge, operation);
            registers.insert(key, register);
            outcome
        }
    }
}

fn owner_client_id(owner: &Owner) -> Option<&str> {
    match owner {
        Owner::Client { client_id } | Owner::GroupMember { client_id, .. } => Some(client_id),
        _ => None,
    }
}

fn owner_group_id(owner: &Owner) -> Option<&str> {
    match owner {
        Owner::Group { group_id } | Owner::GroupMember { group_id, .. } => Some(group_id),
        _ => None,
    }
}

/// The statements of one push, built while admitting its operations.
struct PushBatch<'a> {
    db: &'a D1Database,
    actor: &'a Actor,
    scope: Scope,
    known: KnownState,
    statements: Vec<D1PreparedStatement>,
    /// Client file → what this push writes in it, for the audit log.
    written: BTreeMap<String, Written>,
    /// What the stored operations mean for the municipality (`None`: municipal sync is off).
    municipal: Option<PushEvents>,
}

/// What one push writes in one client file, and from which device.
struct Written {
    classes: BTreeSet<DataClass>,
    device: String,
}

impl PushBatch<'_> {
    fn admit(&mut self, operation: &Operation) -> OperationResult {
        match self.try_admit(operation) {
            Ok((status, reason)) => OperationResult { op_id: operation.op_id.clone(), status, reason },
            Err(reason) => OperationResult {
                op_id: operation.op_id.clone(),
                status: OperationStatus::Rejected,
                reason: Some(reason),
            },
        }
    }

    /// The operation's status (and, for a claim that lost, why), or why it is rejected.
    fn try_admit(&mut self, operation: &Operation) -> Result<(OperationStatus, Option<ApiError>), ApiError> {
        let spec = operation
            .check()
            .map_err(|problem| ApiError::new(problem.code, Some(problem.field), problem.explanation))?;
        let operation_json = serde_json::to_string(operation).expect("an operation serialises");
        if let Some(stored) = self.known.stored.get(&operation.op_id) {
            return if *stored == operation_json {
                Ok((OperationStatus::AlreadyKnown, None))
            } else {
                Err(refusal(
                    "op_id_reused",
                    "op_id",
                    "Dit nummer is al gebruikt voor een andere wijziging. Werk de app bij.",
                    "This id was already used for another change. Update the app.",
                ))
            };
        }
        if operation.record.kind.set_by_the_municipality(&operation.field) {
            return Err(refusal(
                "set_by_the_municipality",
                "field",
                "Dit veld vult het zaaksysteem van de gemeente in; u kunt het niet wijzigen.",
                "The municipality's case system fills in this field; you cannot change it.",
            ));
        }
        if operation.author != self.actor.subject {
            return Err(refusal(
                "author_is_not_you",
                "author",
                "Deze wijziging is door iemand anders gemaakt. Log in als die persoon om haar te versturen.",
                "This change was made by someone else. Log in as that person to send it.",
            ));
        }
        operation
            .hlc
            .check_not_ahead_of(now_ms())
            .map_err(|problem| ApiError::new(problem.code(), Some("hlc"), problem.explanation()))?;
        let record_key = (operation.record.kind, operation.record.id.clone());
        let new_record = match self.known.owners.get(&record_key) {
            Some(owner) if *owner != operation.record.owner => {
                return Err(refusal(
                    "record_belongs_elsewhere",
                    "record",
                    "Dit record hoort bij een ander dossier of een andere groep. Het kan niet verhuizen.",
                    "This record belongs to another file or group. It cannot move.",
                ))
            }
            Some(_) => false,
            None => true,
        };
        self.start_client_file_if_new(&operation.record)?;
        self.require_group_exists(&operation.record.owner)?;
        let relation = self.scope.relation_to(&operation.record.owner);
        if let Decision::Denied(why) =
            decide(self.actor.role, relation, Resource::Data(spec.class), Access::Write)
        {
            return Err(ApiError::new("forbidden", Some("record"), why));
        }
        if self.actor.role == Role::Client && spec.class == DataClass::SlotHolder {
            let own = self.scope.own_client_id.as_deref();
            if !(operation.value.is_null() || operation.value.as_str() == own) {
                return Err(ApiError::new(
                    "forbidden",
                    Some("value"),
                    Explanation::new(
                        "U kunt alleen voor uzelf een tijdstip kiezen.",
                        "You can only choose a time for yourself.",
                    ),
                ));
            }
        }

        let (status, reason) = match merge_into(&mut self.known.registers, operation, spec) {
            MergeOutcome::Applied => (OperationStatus::Applied, None),
            MergeOutcome::AlreadyKnown => return Ok((OperationStatus::AlreadyKnown, None)),
            MergeOutcome::Superseded => (OperationStatus::Superseded, None),
            // Kept in the log so that every device settles the claim the same way.
            MergeOutcome::Refused { code, explanation } => {
                (OperationStatus::Refused, Some(ApiError::new(code, Some("value"), explanation)))
            }
        };
        self.known.stored.insert(operation.op_id.clone(), operation_json.clone());
        if new_record {
            self.known.owners.insert(record_key, operation.record.owner.clone());
            self.add(
                "INSERT INTO records (kind, record_id, owner_json) VALUES (?1, ?2, ?3)",
                &[
                    operation.record.kind.as_str().into(),
                    operation.record.id.as_str().into(),
                    serde_json::to_string(&operation.record.owner).expect("an owner serialises").into(),
                ],
            )?;
        }
        let statement = operation_insert(self.db, operation, &operation_json, spec.class, "INSERT")
            .map_err(|_| internal_refusal())?;
        self.statements.push(statement);
        if let Some(events) = &mut self.municipal {
            events.note(operation);
        }
        if let Some(client_id) = owner_client_id(&operation.record.owner) {
            let written = self
                .written
                .entry(client_id.to_owned())
                .or_insert_with(|| Written { classes: BTreeSet::new(), device: operation.hlc.node.clone() });
            written.classes.insert(spec.class);
        }
        Ok((status, reason))
    }

    /// An outreach worker or consulent may start a new client file offline (for example during
    /// a home visit): its first operation creates the file in their team, and an outreach
    /// worker gets it in their caseload.
    fn start_client_file_if_new(&mut self, record: &RecordRef) -> Result<(), ApiError> {
        let Some(client_id) = owner_client_id(&record.owner) else { return Ok(()) };
        if self.known.client_files.contains(client_id) {
            return Ok(());
        }
        let may_start = matches!(self.actor.role, Role::OutreachWorker | Role::Consulent)
            && matches!(record.owner, Owner::Client { .. });
        let (true, Some(team_id)) = (may_start, self.actor.team_id.clone()) else {
            return Err(refusal(
                "unknown_client_file",
                "record",
                "Dit dossier bestaat niet. Een consulent of outreachmedewerker kan het aanmaken.",
                "This client file does not exist. A consulent or outreach worker can create it.",
            ));
        };
        self.add(
            "INSERT INTO client_files (client_id, team_id, client_subject, created_at, created_by) \
             VALUES (?1, ?2, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)",
            &[client_id.into(), team_id.as_str().into(), self.actor.subject.as_str().into()],
        )?;
        self.known.client_files.insert(client_id.to_owned());
        match self.actor.role {
            Role::OutreachWorker => {
                self.add(
                    "INSERT INTO caseload_assignments (client_id, staff_subject) VALUES (?1, ?2)",
                    &[client_id.into(), self.actor.subject.as_str().into()],
                )?;
                self.scope.assigned_client_ids.insert(client_id.to_owned());
            }
            _ => {
                self.scope.team_client_ids.insert(client_id.to_owned());
            }
        }
        Ok(())
    }

    fn require_group_exists(&self, owner: &Owner) -> Result<(), ApiError> {
        match owner_group_id(owner) {
            Some(group_id) if !self.known.groups.contains(group_id) => Err(refusal(
                "unknown_group",
                "record",
                "Deze groep bestaat niet. Een consulent kan haar aanmaken.",
                "This group does not exist. A consulent can create it.",
            )),
            _ => Ok(()),
        }
    }

    fn add(&mut self, sql: &str, binds: &[JsValue]) -> Result<(), ApiError> {
        let statement = self.db.prepare(sql).bind(binds).map_err(|_| internal_refusal())?;
        self.statements.push(statement);
        Ok(())
    }

    /// Membership changes update the derived member list; calls to the municipality are
    /// enqueued; writes are audited; then everything is stored in one transaction. `true` when
    /// the batch may have enqueued a call to the municipality.
    async fn finish(mut self) -> Result<bool, Failure> {
        let memberships: Vec<(String, String, bool)> = self
            .known
            .registers
            .iter()
            .filter(|(key, _)| key.record.kind == RecordKind::Membership)
            .filter_map(|(key, register)| match &key.record.owner {
                Owner::GroupMember { group_id, client_id } => Some((
                    group_id.clone(),
                    client_id.clone(),
                    register.view() == FieldView::Value(serde_json::Value::from("member")),
                )),
                _ => None,
            })
            .collect();
        for (group_id, client_id, is_member) in memberships {
            let sql = if is_member {
                "INSERT OR IGNORE INTO group_members (group_id, client_id) VALUES (?1, ?2)"
            } else {
                "DELETE FROM group_members WHERE group_id = ?1 AND client_id = ?2"
            };
            self.add(sql, &[group_id.into(), client_id.into()])
                .map_err(|reason| Failure::new(500, reason))?;
        }
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

fn refusal(code: &str, field: &str, nl: &str, en: &str) -> ApiError {
    ApiError::new(code, Some(field), Explanation::new(nl, en))
}

fn internal_refusal() -> ApiError {
    refusal(
        "internal",
        "record",
        "Er ging iets mis bij ons. Uw wijziging staat nog op uw apparaat.",
        "Something went wrong on our side. Your change is still on your device.",
    )
}

fn now_ms() -> u64 {
    worker::Date::now().as_millis()
}
