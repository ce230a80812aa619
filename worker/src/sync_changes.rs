//! `GET /api/v1/sync/changes?after=<cursor>&limit=<n>`: the operations a device may see that
//! were stored after its cursor, oldest first.
//!
//! The query selects the operations about the person's client files, groups and team; then
//! every one passes `shared::access::decide` for reading before it is sent (a trainer gets the
//! names of their participants, never their klantfoto). Every client file read is audited, in
//! the same request, before the answer leaves. Someone who joins a group also gets what joining
//! lets them read that lies before their cursor (`stored_before_joining`).

use crate::audit::{audit_entry, AuditAction};
use crate::auth::Actor;
use crate::failure::Failure;
use crate::scope::load_scope;
use crate::sync_push::data_class_name;
use serde::Deserialize;
use shared::access::{decide, Access, Resource};
use shared::api::ApiError;
use shared::record::{DataClass, Owner, RecordKind};
use shared::role::Role;
use shared::sync_protocol::{Change, ChangesResponse, Operation, DEVICE_HEADER, MAX_CHANGES_PER_PULL};
use shared::text::Explanation;
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsValue;
use worker::{Env, Request, Response};

const DATABASE: &str = "DB";
const DEFAULT_LIMIT: usize = 1000;

#[derive(Deserialize)]
struct Row {
    seq: f64,
    operation_json: String,
}

pub async fn changes(request: &Request, env: &Env, actor: &Actor) -> Result<Response, Failure> {
    let (after, limit) = read_cursor_and_limit(request)?;
    let device = request.headers().get(DEVICE_HEADER)?.unwrap_or_else(|| "unknown".to_owned());
    let db = env.d1(DATABASE)?;
    let scope = load_scope(&db, actor).await?;
    let subject = JsValue::from(actor.subject.as_str());
    let team = JsValue::from(actor.team_id.as_deref().unwrap_or(""));
    let (filter, binds): (&str, Vec<JsValue>) = match (actor.role, &scope.own_client_id) {
        (Role::Client, Some(client_id)) => (
            "client_id = ?3 OR group_id IN (SELECT group_id FROM group_members WHERE client_id = ?3) \
             OR team_id = (SELECT team_id FROM client_files WHERE client_id = ?3)",
            vec![client_id.as_str().into()],
        ),
        (Role::OutreachWorker, _) => (
            "client_id IN (SELECT client_id FROM caseload_assignments WHERE staff_subject = ?3)",
            vec![subject],
        ),
        (Role::Consulent, _) => (
            "client_id IN (SELECT client_id FROM client_files WHERE team_id = ?3) OR team_id = ?3 \
             OR group_id IN (SELECT group_id FROM training_groups WHERE team_id = ?3)",
            vec![team],
        ),
        (Role::Trainer, _) => (
            "group_id IN (SELECT group_id FROM group_trainers WHERE trainer_subject = ?3) \
             OR (data_class = 'name' AND client_id IN (SELECT m.client_id FROM group_members m \
                 JOIN group_trainers t ON t.group_id = m.group_id WHERE t.trainer_subject = ?3))",
            vec![subject],
        ),
        // A client whose login is not linked to a file yet, and policy makers: no personal data.
        (Role::Client, None) | (Role::PolicyMaker, _) => {
            return Ok(Response::from_json(&ChangesResponse {
                changes: Vec::new(),
                cursor: after,
                more: false,
            })?)
        }
    };
    let sql = format!(
        "SELECT seq, operation_json FROM operations WHERE seq > ?1 AND ({filter}) ORDER BY seq LIMIT ?2"
    );
    let mut all_binds = vec![JsValue::from(after as f64), JsValue::from(limit as f64)];
    all_binds.extend(binds);
    let rows: Vec<Row> = db.prepare(sql).bind(&all_binds)?.all().await?.results()?;
    let more = rows.len() == limit;
    let cursor = rows.last().map_or(after, |row| row.seq as u64);

    let mut changes = Vec::with_capacity(rows.len());
    let mut read: BTreeMap<String, BTreeSet<DataClass>> = BTreeMap::new();
    let mut readable = |row: Row, changes: &mut Vec<Change>| -> Result<(), Failure> {
        let operation: Operation = serde_json::from_str(&row.operation_json)?;
        let Some(spec) = operation.record.kind.field(&operation.field) else { return Ok(()) };
        let relation = scope.relation_to(&operation.record.owner);
        if !decide(actor.role, relation, Resource::Data(spec.class), Access::Read).is_allowed() {
            return Ok(());
        }
        if let Owner::Client { client_id } | Owner::GroupMember { client_id, .. } = &operation.record.owner {
            read.entry(client_id.clone()).or_default().insert(spec.class);
        }
        changes.push(Change { seq: row.seq as u64, operation });
        Ok(())
    };
    for row in rows {
        readable(row, &mut changes)?;
    }
    let mut earlier = Vec::new();
    for row in stored_before_joining(&db, actor.role, after, &changes).await? {
        readable(row, &mut earlier)?;
    }
    // Oldest first, as the log has them; a device merges them in any order.
    earlier.append(&mut changes);
    let changes = earlier;
    let audits = read
        .iter()
        .map(|(client_id, classes)| {
            let what = classes.iter().map(|class| data_class_name(*class)).collect::<Vec<_>>().join(", ");
            audit_entry(&db, actor, AuditAction::Read, client_id, &what, &device)
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    if !audits.is_empty() {
        db.batch(audits).await?;
    }
    Ok(Response::from_json(&ChangesResponse { changes, cursor, more })?)
}

/// Someone who joins a group may read what was stored before their cursor: a trainer the new
/// participant's name, a client the group's name and schedule. The cursor alone would never send
/// those again, so when a page holds a membership ("member") the caller may read, the earlier
/// operations it opens up come along (each still passes `decide` for reading, and is audited).
async fn stored_before_joining(
    db: &worker::D1Database,
    role: Role,
    after: u64,
    changes: &[Change],
) -> Result<Vec<Row>, Failure> {
    let joined: Vec<(&str, &str)> = changes
        .iter()
        .filter(|change| {
            change.operation.record.kind == RecordKind::Membership
                && change.operation.value.as_str() == Some("member")
        })
        .filter_map(|change| match &change.operation.record.owner {
            Owner::GroupMember { group_id, client_id } => Some((group_id.as_str(), client_id.as_str())),
            _ => None,
        })
        .collect();
    if after == 0 || joined.is_empty() {
        return Ok(Vec::new());
    }
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
    Ok(db.prepare(sql).bind(&[JsValue::from(after as f64), ids.into()])?.all().await?.results()?)
}

fn read_cursor_and_limit(request: &Request) -> Result<(u64, usize), Failure> {
    let url = request.url()?;
    let mut after = 0;
    let mut limit = DEFAULT_LIMIT;
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "after" => after = value.parse().map_err(|_| bad_parameter("after"))?,
            "limit" => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|limit| (1..=MAX_CHANGES_PER_PULL).contains(limit))
                    .ok_or_else(|| bad_parameter("limit"))?
            }
            _ => return Err(bad_parameter(&name)),
        }
    }
    Ok((after, limit))
}

fn bad_parameter(name: &str) -> Failure {
    let name: String = name.chars().take(40).collect();
    Failure::new(
        400,
        ApiError::new(
            "bad_query_parameter",
            Some(&name),
            Explanation::new(
                format!(
                    "De parameter '{name}' klopt niet. Gebruik after=<getal> en limit=1 tot en met {MAX_CHANGES_PER_PULL}."
                ),
                format!("The parameter '{name}' is not valid. Use after=<number> and limit=1 to {MAX_CHANGES_PER_PULL}."),
            ),
        ),
    )
}
