//! Looks up how the signed-in person relates to client files, groups and teams (their
//! [`Scope`]), for the authorization decision in `shared::sync::access`. One scope per request. Also
//! which of some client files and groups exist, for a push's admission (`shared::sync::push_admission`).

use crate::auth::Actor;
use crate::failure::Failure;
use serde::Deserialize;
use shared::role::Role;
use shared::sync::access::Scope;
use std::collections::BTreeSet;
use wasm_bindgen::JsValue;
use worker::D1Database;

pub async fn load_scope(db: &D1Database, actor: &Actor) -> Result<Scope, Failure> {
    let mut scope = Scope::default();
    match actor.role {
        Role::Client => {
            let own_file = strings(
                db,
                "SELECT client_id AS value FROM client_files WHERE client_subject = ?1",
                &actor.subject,
            )
            .await?;
            if let Some(client_id) = own_file.into_iter().next() {
                scope.team_id =
                    strings(db, "SELECT team_id AS value FROM client_files WHERE client_id = ?1", &client_id)
                        .await?
                        .into_iter()
                        .next();
                scope.member_of_groups = strings(
                    db,
                    "SELECT group_id AS value FROM group_members WHERE client_id = ?1",
                    &client_id,
                )
                .await?;
                scope.own_client_id = Some(client_id);
            }
        }
        Role::OutreachWorker => {
            scope.team_id = actor.team_id.clone();
            scope.assigned_client_ids = strings(
                db,
                "SELECT client_id AS value FROM caseload_assignments WHERE staff_subject = ?1",
                &actor.subject,
            )
            .await?;
        }
        Role::Consulent => {
            if let Some(team_id) = &actor.team_id {
                scope.team_client_ids =
                    strings(db, "SELECT client_id AS value FROM client_files WHERE team_id = ?1", team_id)
                        .await?;
                scope.team_group_ids =
                    strings(db, "SELECT group_id AS value FROM training_groups WHERE team_id = ?1", team_id)
                        .await?;
                scope.team_id = Some(team_id.clone());
            }
        }
        Role::Trainer => {
            scope.trained_group_ids = strings(
                db,
                "SELECT group_id AS value FROM group_trainers WHERE trainer_subject = ?1",
                &actor.subject,
            )
            .await?;
            scope.trained_client_ids = strings(
                db,
                "SELECT DISTINCT m.client_id AS value FROM group_members m \
                 JOIN group_trainers t ON t.group_id = m.group_id WHERE t.trainer_subject = ?1",
                &actor.subject,
            )
            .await?;
        }
        Role::PolicyMaker => {}
    }
    Ok(scope)
}

#[derive(Deserialize)]
struct Value {
    value: String,
}

/// The `value` column of every row of a query with one parameter.
async fn strings(db: &D1Database, sql: &str, parameter: &str) -> Result<BTreeSet<String>, Failure> {
    let rows: Vec<Value> = db.prepare(sql).bind(&[JsValue::from(parameter)])?.all().await?.results()?;
    Ok(rows.into_iter().map(|row| row.value).collect())
}

/// Of these client files, those that exist.
pub async fn existing_client_files(
    db: &D1Database,
    client_ids: &[&str],
) -> Result<BTreeSet<String>, Failure> {
    existing(
        db,
        "SELECT client_id AS value FROM client_files WHERE client_id IN (SELECT value FROM json_each(?1))",
        client_ids,
    )
    .await
}

/// Of these training groups, those that exist.
pub async fn existing_groups(db: &D1Database, group_ids: &[&str]) -> Result<BTreeSet<String>, Failure> {
    existing(
        db,
        "SELECT group_id AS value FROM training_groups WHERE group_id IN (SELECT value FROM json_each(?1))",
        group_ids,
    )
    .await
}

/// Of these places in groups (group id, client id), those whose client is a member now.
pub async fn current_members(
    db: &D1Database,
    places: &[(&str, &str)],
) -> Result<BTreeSet<(String, String)>, Failure> {
    #[derive(Deserialize)]
    struct Member {
        group_id: String,
        client_id: String,
    }
    if places.is_empty() {
        return Ok(BTreeSet::new());
    }
    let rows: Vec<Member> = db
        .prepare(
            "SELECT group_id, client_id FROM group_members WHERE (group_id, client_id) IN \
             (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))",
        )
        .bind(&[serde_json::to_string(places)?.into()])?
        .all()
        .await?
        .results()?;
    Ok(rows.into_iter().map(|row| (row.group_id, row.client_id)).collect())
}

/// The `value` column of every row of a query with a list of ids (one JSON array, `?1`).
async fn existing(db: &D1Database, sql: &str, ids: &[&str]) -> Result<BTreeSet<String>, Failure> {
    let ids = serde_json::to_string(ids)?;
    let rows: Vec<Value> = db.prepare(sql).bind(&[ids.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(|row| row.value).collect())
}
