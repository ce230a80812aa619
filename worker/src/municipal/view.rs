//! The team's view of its calls to the municipality, for its consulents (`shared::sync::access`,
//! `Resource::MunicipalOutbox`, owner: the team):
//! - `GET /api/v1/municipal-outbox`: waiting and refused calls with the reason, and the zaken made
//!   for the team's clients with their last status. A reason can quote what was sent, so every
//!   client file shown is audited as read (`municipal_outbox`).
//! - `POST /api/v1/municipal-outbox/{id}/retry`: sends a parked call again (after the cause was
//!   fixed), at once.

use super::{delivery, outbox};
use crate::audit::{audit_entry, AuditAction};
use crate::auth::Actor;
use crate::failure::Failure;
use shared::api::ApiError;
use shared::municipal::{CallState, Milestone, MunicipalCall, MunicipalOutbox, MunicipalZaak};
use shared::sync::access::{decide, Access, Decision, Resource, Scope};
use shared::sync::record::Owner;
use shared::sync::sync_protocol::DEVICE_HEADER;
use shared::text::Explanation;
use std::collections::BTreeSet;
use worker::{Context, D1Database, Env, Request, Response};

const DATABASE: &str = "DB";

pub async fn show(request: &Request, env: &Env, actor: &Actor) -> Result<Response, Failure> {
    let team_id = require_team_consulent(actor, Access::Read)?;
    let db = env.d1(DATABASE)?;
    let calls: Vec<MunicipalCall> = db
        .prepare(
            "SELECT o.id, o.client_id, o.action, o.subject, o.state, o.attempts, o.last_error, o.created_at \
             FROM municipal_outbox o JOIN client_files f ON f.client_id = o.client_id \
             WHERE f.team_id = ?1 AND o.state != 'delivered' ORDER BY o.id LIMIT 200",
        )
        .bind(&[team_id.as_str().into()])?
        .all()
        .await?
        .results()?;
    let zaken: Vec<MunicipalZaak> = db
        .prepare(
            "SELECT z.client_id, z.aanvraag_id, z.identificatie, z.zaak_url, z.last_status, z.last_status_at, \
             z.closed_on \
             FROM municipal_zaken z JOIN client_files f ON f.client_id = z.client_id \
             WHERE f.team_id = ?1 ORDER BY z.created_at DESC, z.rowid DESC LIMIT 200",
        )
        .bind(&[team_id.as_str().into()])?
        .all()
        .await?
        .results()?;
    let zaken = with_their_statuses(&db, zaken).await?;
    #[derive(serde::Deserialize)]
    struct Counts {
        pending: Option<f64>,
        parked: Option<f64>,
        delivered: Option<f64>,
    }
    let counts: Option<Counts> = db
        .prepare(
            "SELECT SUM(o.state = 'pending') AS pending, SUM(o.state = 'parked') AS parked, \
             SUM(o.state = 'delivered') AS delivered \
             FROM municipal_outbox o JOIN client_files f ON f.client_id = o.client_id WHERE f.team_id = ?1",
        )
        .bind(&[team_id.as_str().into()])?
        .first(None)
        .await?;
    let device = request.headers().get(DEVICE_HEADER)?.unwrap_or_else(|| "unknown".to_owned());
    let shown: BTreeSet<&str> = calls
        .iter()
        .map(|c| c.client_id.as_str())
        .chain(zaken.iter().map(|z| z.client_id.as_str()))
        .collect();
    let audits = shown
        .into_iter()
        .map(|client_id| audit_entry(&db, actor, AuditAction::Read, client_id, "municipal_outbox", &device))
        .collect::<Result<Vec<_>, Failure>>()?;
    if !audits.is_empty() {
        db.batch(audits).await?;
    }
    let count = |value: Option<f64>| value.unwrap_or(0.0) as u32;
    let counts = counts.unwrap_or(Counts { pending: None, parked: None, delivered: None });
    Ok(Response::from_json(&MunicipalOutbox {
        calls,
        zaken,
        pending: count(counts.pending),
        parked: count(counts.parked),
        delivered: count(counts.delivered),
    })?)
}

/// Each zaak with the milestones sent to it as statuses, in order: the delivered status rows of its
/// client from the zaak's creation until the client's next zaak (a status goes to the client's
/// latest zaak).
async fn with_their_statuses(
    db: &D1Database,
    zaken: Vec<MunicipalZaak>,
) -> Result<Vec<MunicipalZaak>, Failure> {
    #[derive(serde::Deserialize)]
    struct Statuses {
        aanvraag_id: String,
        statuses_json: String,
    }
    let aanvraag_ids: Vec<&str> = zaken.iter().map(|zaak| zaak.aanvraag_id.as_str()).collect();
    let rows: Vec<Statuses> = db
        .prepare(
            "SELECT z.aanvraag_id, (SELECT json_group_array(subject) FROM ( \
               SELECT s.subject FROM municipal_outbox s WHERE s.client_id = z.client_id \
               AND s.action = 'set_status' AND s.state = 'delivered' AND s.delivered_at >= z.created_at \
               AND NOT EXISTS (SELECT 1 FROM municipal_zaken n WHERE n.client_id = z.client_id \
                 AND n.created_at > z.created_at AND n.created_at <= s.delivered_at) \
               ORDER BY s.delivered_at, s.id)) AS statuses_json \
             FROM municipal_zaken z WHERE z.aanvraag_id IN (SELECT value FROM json_each(?1))",
        )
        .bind(&[serde_json::to_string(&aanvraag_ids)?.into()])?
        .all()
        .await?
        .results()?;
    let mut by_aanvraag: std::collections::HashMap<String, Vec<Milestone>> = rows
        .into_iter()
        .map(|row| (row.aanvraag_id, serde_json::from_str(&row.statuses_json).unwrap_or_default()))
        .collect();
    Ok(zaken
        .into_iter()
        .map(|zaak| MunicipalZaak {
            statuses: by_aanvraag.remove(&zaak.aanvraag_id).unwrap_or_default(),
            ..zaak
        })
        .collect())
}

pub async fn retry(env: &Env, ctx: &Context, actor: &Actor, id: &str) -> Result<Response, Failure> {
    let team_id = require_team_consulent(actor, Access::Write)?;
    let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or_else(|| {
        Failure::new(
            400,
            ApiError::new(
                "invalid_id",
                Some("id"),
                Explanation::new("Dit is geen nummer van een oproep.", "This is not the number of a call."),
            ),
        )
    })?;
    let db = env.d1(DATABASE)?;
    if !outbox::retry_parked(&db, id, &team_id).await? {
        return Err(Failure::new(
            404,
            ApiError::new(
                "no_parked_call",
                Some("id"),
                Explanation::new(
                    "Er is geen geweigerde oproep met dit nummer in uw team.",
                    "There is no refused call with this number in your team.",
                ),
            ),
        ));
    }
    ctx.wait_until(delivery::deliver_due(env.clone()));
    Ok(Response::from_json(&serde_json::json!({ "id": id, "state": CallState::Pending }))?.with_status(202))
}

/// The consulent's team, when `access` allows it (`shared::sync::access::decide`).
fn require_team_consulent(actor: &Actor, access: Access) -> Result<String, Failure> {
    let team_id = actor.team_id.clone().unwrap_or_default();
    let scope = Scope { team_id: actor.team_id.clone(), ..Scope::default() };
    let relation = scope.relation_to(&Owner::Team { team_id: team_id.clone() });
    match decide(actor.role, relation, Resource::MunicipalOutbox, access) {
        Decision::Allowed if !team_id.is_empty() => Ok(team_id),
        Decision::Allowed => Err(Failure::new(403, ApiError::new("forbidden", None, no_team()))),
        Decision::Denied(why) => Err(Failure::new(403, ApiError::new("forbidden", None, why))),
    }
}

fn no_team() -> Explanation {
    Explanation::new("U hoort bij geen team.", "You are not in a team.")
}
