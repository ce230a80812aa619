//! `GET /api/v1/sync/changes?after=<cursor>&limit=<n>`: the operations a device may see that
//! were stored after its cursor, oldest first: at most `limit`, and about
//! `MAX_PULL_PAGE_BYTES` (1 MB), so that no pull grows the worker's memory by more.
//!
//! The query selects the operations about the person's client files, groups and team; then
//! every one passes `shared::sync::access::decide` for reading before it is sent (a trainer gets the
//! names of their participants, never their klantfoto). Every client file read is audited, in
//! the same request, before the answer leaves. Someone who joins a group also gets what joining
//! lets them read that lies before their cursor (`stored_before_joining`).

use crate::audit::{audit_entry, classes_in_words, AuditAction};
use crate::auth::Actor;
use crate::failure::Failure;
use crate::oplog::{self, Puller};
use crate::scope::load_scope;
use shared::api::ApiError;
use shared::role::Role;
use shared::sync::access::{decide, Access, Resource};
use shared::sync::record::{DataClass, Owner, RecordKind};
use shared::sync::sync_protocol::{Change, ChangesResponse, DEVICE_HEADER, MAX_CHANGES_PER_PULL};
use shared::text::Explanation;
use std::collections::{BTreeMap, BTreeSet};
use worker::{Env, Request, Response};

const DATABASE: &str = "DB";
const DEFAULT_LIMIT: usize = 1000;

pub async fn changes(request: &Request, env: &Env, actor: &Actor) -> Result<Response, Failure> {
    let (after, limit) = read_cursor_and_limit(request)?;
    let device = request.headers().get(DEVICE_HEADER)?.unwrap_or_else(|| "unknown".to_owned());
    let db = env.d1(DATABASE)?;
    let scope = load_scope(&db, actor).await?;
    let puller = match (actor.role, &scope.own_client_id) {
        (Role::Client, Some(client_id)) => Puller::Client { client_id },
        (Role::OutreachWorker, _) => Puller::OutreachWorker { subject: &actor.subject },
        (Role::Consulent, _) => Puller::Consulent { team_id: actor.team_id.as_deref().unwrap_or("") },
        (Role::Trainer, _) => Puller::Trainer { subject: &actor.subject },
        // A client whose login is not linked to a file yet, and policy makers: no personal data.
        (Role::Client, None) | (Role::PolicyMaker, _) => {
            return Ok(Response::from_json(&ChangesResponse {
                changes: Vec::new(),
                cursor: after,
                more: false,
            })?)
        }
    };
    let (page, more) = oplog::changes_after(&db, puller, after, limit).await?;
    let cursor = page.last().map_or(after, |change| change.seq);

    let mut read: BTreeMap<String, BTreeSet<DataClass>> = BTreeMap::new();
    let mut readable = |changes: Vec<Change>| -> Vec<Change> {
        changes
            .into_iter()
            .filter(|change| {
                let operation = &change.operation;
                let Some(spec) = operation.record.kind.field(&operation.field) else { return false };
                let relation = scope.relation_to(&operation.record.owner);
                if !decide(actor.role, relation, Resource::Data(spec.class), Access::Read).is_allowed() {
                    return false;
                }
                if let Some(client_id) = operation.record.owner.client_id() {
                    read.entry(client_id.to_owned()).or_default().insert(spec.class);
                }
                true
            })
            .collect()
    };
    let mut changes = readable(page);
    let mut earlier = readable(stored_before_joining(&db, actor.role, after, &changes).await?);
    // Oldest first, as the log has them; a device merges them in any order.
    earlier.append(&mut changes);
    let changes = earlier;
    let audits = read
        .iter()
        .map(|(client_id, classes)| {
            audit_entry(&db, actor, AuditAction::Read, client_id, &classes_in_words(classes), &device)
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
) -> Result<Vec<Change>, Failure> {
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
    oplog::stored_before_joining(db, role, after, &joined).await
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
