//! Caseload administration by a team's consulents: who works with whom. These facts feed the
//! authorization decision (`scope.rs`), so they are not synced operations but plain rows,
//! changed here by a consulent for their own team, and by a push in two ways
//! (`shared::sync::push_admission`): a file's first operation starts it, and the member list follows
//! the merged memberships ([`statements_of_new_file`], [`member_list_update`]).
//!
//! - `POST /api/v1/groups` `{group_id, trainer_subjects}`: start a training group of the team.
//! - `PUT /api/v1/client-files/{client_id}/client-login` `{client_subject}`: link a client's login
//!   (a login linked to another file of the team moves here).
//! - `PUT /api/v1/client-files/{client_id}/outreach-worker` `{staff_subject}`: assign an outreach worker.

use crate::auth::Actor;
use crate::failure::Failure;
use crate::request_body::read_json;
use crate::scope::load_scope;
use serde::Deserialize;
use shared::api::ApiError;
use shared::client_id::ClientId;
use shared::sync::access::{decide, Access, Decision, Relation, Resource};
use shared::sync::push_admission::{Membership, NewClientFile};
use shared::sync::record::Owner;
use shared::text::Explanation;
use worker::{D1Database, D1PreparedStatement, Env, Request, Response};

const DATABASE: &str = "DB";
const MAX_SUBJECT_CHARS: usize = 255;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewGroup {
    group_id: String,
    trainer_subjects: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientLogin {
    client_subject: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutreachWorker {
    staff_subject: String,
}

pub async fn start_group(request: &mut Request, env: &Env, actor: &Actor) -> Result<Response, Failure> {
    let group: NewGroup = read_json(request).await?;
    let group_id = parse_id(&group.group_id, "group_id")?;
    for subject in &group.trainer_subjects {
        check_subject(subject, "trainer_subjects")?;
    }
    let Some(team_id) = actor.team_id.as_deref() else { return Err(forbidden(None)) };
    // A new group is started in the consulent's own team.
    require(actor, Relation { team_caseload: true, ..Relation::default() })?;
    let db = env.d1(DATABASE)?;
    let mut statements = vec![db
        .prepare(
            "INSERT INTO training_groups (group_id, team_id, created_at) \
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ON CONFLICT (group_id) DO NOTHING",
        )
        .bind(&[group_id.as_str().into(), team_id.into()])?];
    for subject in &group.trainer_subjects {
        statements.push(
            db.prepare(
                "INSERT OR IGNORE INTO group_trainers (group_id, trainer_subject) \
                 SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM training_groups WHERE group_id = ?1 AND team_id = ?3)",
            )
            .bind(&[group_id.as_str().into(), subject.as_str().into(), team_id.into()])?,
        );
    }
    db.batch(statements).await?;
    let owned: Option<serde_json::Value> = db
        .prepare("SELECT group_id FROM training_groups WHERE group_id = ?1 AND team_id = ?2")
        .bind(&[group_id.as_str().into(), team_id.into()])?
        .first(None)
        .await?;
    match owned {
        Some(_) => {
            Ok(Response::from_json(&serde_json::json!({ "group_id": group_id.as_str() }))?.with_status(201))
        }
        None => Err(forbidden(Some("group_id"))),
    }
}

pub async fn link_client_login(
    request: &mut Request,
    env: &Env,
    actor: &Actor,
    client_id: &str,
) -> Result<Response, Failure> {
    let client_id = parse_id(client_id, "client_id")?;
    let login: ClientLogin = read_json(request).await?;
    check_subject(&login.client_subject, "client_subject")?;
    require_team_file(env, actor, &client_id).await?;
    let db = env.d1(DATABASE)?;
    // A login belongs to one file. Linked to another file of this team, it moves (one transaction);
    // linked to a file of another team, the UNIQUE constraint refuses it and nothing changes.
    let unlink_elsewhere_in_team = db
        .prepare(
            "UPDATE client_files SET client_subject = NULL WHERE client_subject = ?2 AND client_id != ?1 \
             AND team_id = (SELECT team_id FROM client_files WHERE client_id = ?1)",
        )
        .bind(&[client_id.as_str().into(), login.client_subject.as_str().into()])?;
    let link_here = db
        .prepare("UPDATE client_files SET client_subject = ?2 WHERE client_id = ?1")
        .bind(&[client_id.as_str().into(), login.client_subject.as_str().into()])?;
    db.batch(vec![unlink_elsewhere_in_team, link_here]).await.map_err(|_| {
        Failure::new(
            409,
            ApiError::new(
                "login_already_linked",
                Some("client_subject"),
                Explanation::new(
                    "Deze inlog hoort al bij een dossier van een ander team.",
                    "This login already belongs to a client file of another team.",
                ),
            ),
        )
    })?;
    Ok(Response::empty()?.with_status(204))
}

pub async fn assign_outreach_worker(
    request: &mut Request,
    env: &Env,
    actor: &Actor,
    client_id: &str,
) -> Result<Response, Failure> {
    let client_id = parse_id(client_id, "client_id")?;
    let assignment: OutreachWorker = read_json(request).await?;
    check_subject(&assignment.staff_subject, "staff_subject")?;
    require_team_file(env, actor, &client_id).await?;
    env.d1(DATABASE)?
        .prepare("INSERT OR IGNORE INTO caseload_assignments (client_id, staff_subject) VALUES (?1, ?2)")
        .bind(&[client_id.as_str().into(), assignment.staff_subject.as_str().into()])?
        .run()
        .await?;
    Ok(Response::empty()?.with_status(204))
}

/// The statements that start a client file in a team (`created_by`: who pushed its first
/// operation), and put it in an outreach worker's caseload when they started it.
pub fn statements_of_new_file(
    db: &D1Database,
    file: &NewClientFile,
    created_by: &str,
) -> worker::Result<Vec<D1PreparedStatement>> {
    let mut statements = vec![db
        .prepare(
            "INSERT INTO client_files (client_id, team_id, client_subject, created_at, created_by) \
             VALUES (?1, ?2, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)",
        )
        .bind(&[file.client_id.as_str().into(), file.team_id.as_str().into(), created_by.into()])?];
    if file.in_own_caseload {
        statements.push(
            db.prepare("INSERT INTO caseload_assignments (client_id, staff_subject) VALUES (?1, ?2)")
                .bind(&[file.client_id.as_str().into(), created_by.into()])?,
        );
    }
    Ok(statements)
}

/// The statement that puts a client in a group's member list, or takes them out of it.
pub fn member_list_update(db: &D1Database, membership: &Membership) -> worker::Result<D1PreparedStatement> {
    let sql = if membership.is_member {
        "INSERT OR IGNORE INTO group_members (group_id, client_id) VALUES (?1, ?2)"
    } else {
        "DELETE FROM group_members WHERE group_id = ?1 AND client_id = ?2"
    };
    db.prepare(sql).bind(&[membership.group_id.as_str().into(), membership.client_id.as_str().into()])
}

/// The file must be in the consulent's team caseload.
async fn require_team_file(env: &Env, actor: &Actor, client_id: &ClientId) -> Result<(), Failure> {
    let scope = load_scope(&env.d1(DATABASE)?, actor).await?;
    let relation = scope.relation_to(&Owner::Client { client_id: client_id.as_str().to_owned() });
    require(actor, relation)
}

fn require(actor: &Actor, relation: Relation) -> Result<(), Failure> {
    match decide(actor.role, relation, Resource::CaseloadAdministration, Access::Write) {
        Decision::Allowed => Ok(()),
        Decision::Denied(why) => Err(Failure::new(403, ApiError::new("forbidden", None, why))),
    }
}

fn forbidden(field: Option<&str>) -> Failure {
    Failure::new(
        403,
        ApiError::new(
            "forbidden",
            field,
            Explanation::new(
                "U mag dit niet doen. Alleen een consulent van het team kan dit.",
                "You are not allowed to do this. Only a consulent of the team can.",
            ),
        ),
    )
}

fn parse_id(input: &str, field: &str) -> Result<ClientId, Failure> {
    ClientId::parse(input)
        .map_err(|error| Failure::new(400, ApiError::new(error.code(), Some(field), error.explanation())))
}

fn check_subject(subject: &str, field: &str) -> Result<(), Failure> {
    let length = subject.chars().count();
    if (1..=MAX_SUBJECT_CHARS).contains(&length) && !subject.chars().any(char::is_control) {
        return Ok(());
    }
    Err(Failure::new(
        422,
        ApiError::new(
            "invalid_subject",
            Some(field),
            Explanation::new(
                format!("Vul een inlognaam van 1 tot {MAX_SUBJECT_CHARS} tekens in."),
                format!("Fill in a login subject of 1 to {MAX_SUBJECT_CHARS} characters."),
            ),
        ),
    ))
}
