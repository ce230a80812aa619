//! The audit log: every read and write of personal data, append-only (D1 triggers refuse
//! changes and deletions). Who, in which role, which client file, what (data classes, never
//! values), when, from which device. `GET /api/v1/client-files/{client_id}/audit` shows a
//! file's trail to its team's consulents and to the client themself.

use crate::auth::Actor;
use crate::failure::Failure;
use crate::scope::load_scope;
use shared::api::{ApiError, AuditEntry};
use shared::client_id::ClientId;
use shared::sync::access::{decide, Access, Decision, Resource};
use shared::sync::record::DataClass;
use std::collections::BTreeSet;
use worker::{D1Database, D1PreparedStatement, Env, Response};

const DATABASE: &str = "DB";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Read,
    Write,
}

/// The statement that appends one entry; run it in the same batch as the write it records.
pub fn audit_entry(
    db: &D1Database,
    actor: &Actor,
    action: AuditAction,
    client_id: &str,
    what: &str,
    device: &str,
) -> Result<D1PreparedStatement, Failure> {
    entry(db, &actor.subject, actor.role.as_str(), action, client_id, what, device)
}

/// What an entry says was read or written: the data classes by their names in the log, never values.
pub fn classes_in_words(classes: &BTreeSet<DataClass>) -> String {
    classes.iter().map(|class| crate::oplog::data_class_name(*class)).collect::<Vec<_>>().join(", ")
}

/// An entry for what no signed-in person did: the municipality's zaak system receiving a file's
/// data (read) or the worker storing what that system says (write), as "gemeente", role
/// "municipality", device "worker".
pub fn municipality_entry(
    db: &D1Database,
    action: AuditAction,
    client_id: &str,
    what: &str,
) -> Result<D1PreparedStatement, Failure> {
    let subject = shared::sync::record::MUNICIPALITY_AUTHOR;
    entry(db, subject, "municipality", action, client_id, what, "worker")
}

fn entry(
    db: &D1Database,
    subject: &str,
    role: &str,
    action: AuditAction,
    client_id: &str,
    what: &str,
    device: &str,
) -> Result<D1PreparedStatement, Failure> {
    let action = match action {
        AuditAction::Read => "read",
        AuditAction::Write => "write",
    };
    Ok(db
        .prepare(
            "INSERT INTO audit_log (at, actor_subject, actor_role, action, client_id, what, device) \
             VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            subject.into(),
            role.into(),
            action.into(),
            client_id.into(),
            what.into(),
            device.chars().take(64).collect::<String>().into(),
        ])?)
}

/// `GET /api/v1/client-files/{client_id}/audit`: who read or changed this file, newest first.
pub async fn trail(env: &Env, actor: &Actor, client_id: &str) -> Result<Response, Failure> {
    let client_id = ClientId::parse(client_id).map_err(|error| {
        Failure::new(400, ApiError::new(error.code(), Some("client_id"), error.explanation()))
    })?;
    let db = env.d1(DATABASE)?;
    let scope = load_scope(&db, actor).await?;
    let owner = shared::sync::record::Owner::Client { client_id: client_id.as_str().to_owned() };
    if let Decision::Denied(why) =
        decide(actor.role, scope.relation_to(&owner), Resource::AuditTrail, Access::Read)
    {
        return Err(Failure::new(403, ApiError::new("forbidden", None, why)));
    }
    let entries: Vec<AuditEntry> = db
        .prepare(
            "SELECT at, actor_subject, actor_role, action, what, device FROM audit_log \
             WHERE client_id = ?1 ORDER BY entry DESC LIMIT 500",
        )
        .bind(&[client_id.as_str().into()])?
        .all()
        .await?
        .results()?;
    Ok(Response::from_json(&entries)?)
}
