//! `GET /api/v1/slots/free`: the appointment slots of the caller's team that they may book.
//!
//! The slots are not stored as current state: the team's slot operations are read from the log and
//! merged with `shared::sync::merge` (in `shared::journey::appointment::free_slots`), so the answer agrees with
//! what every device converges to. A client gets the free slots of their file's team and the ones
//! they hold themself, never who holds the others (data class `slot_holder` is write-only for
//! clients); a consulent gets every slot of the team with its holder. Slot planning holds no
//! personal data and is not audited; the holder is only sent to those `shared::sync::access` lets read it.

use crate::auth::Actor;
use crate::failure::Failure;
use crate::oplog::team_slot_operations;
use crate::scope::load_scope;
use shared::api::ApiError;
use shared::journey::appointment::{free_slots, FreeSlotsResponse, SlotViewer};
use shared::law::local_time::LocalDateTime;
use shared::role::Role;
use shared::sync::access::{decide, Access, Decision, Resource};
use shared::sync::record::{DataClass, Owner};
use worker::{Env, Response};

const DATABASE: &str = "DB";

pub async fn free(env: &Env, actor: &Actor) -> Result<Response, Failure> {
    let db = env.d1(DATABASE)?;
    let scope = load_scope(&db, actor).await?;
    let Some(team_id) = scope.team_id.clone() else {
        // A client whose login is not linked to a file yet, or staff without a team.
        return Ok(Response::from_json(&FreeSlotsResponse { team_id: None, slots: Vec::new() })?);
    };
    let owner = Owner::Team { team_id: team_id.clone() };
    let relation = scope.relation_to(&owner);
    if let Decision::Denied(why) =
        decide(actor.role, relation, Resource::Data(DataClass::Slots), Access::Read)
    {
        return Err(Failure::new(403, ApiError::new("forbidden", None, why)));
    }
    let viewer = match (actor.role, &scope.own_client_id) {
        (Role::Client, Some(client_id)) => SlotViewer::Client { client_id: client_id.clone() },
        _ if decide(actor.role, relation, Resource::Data(DataClass::SlotHolder), Access::Read)
            .is_allowed() =>
        {
            SlotViewer::Staff
        }
        _ => return Ok(Response::from_json(&FreeSlotsResponse { team_id: None, slots: Vec::new() })?),
    };
    let operations = team_slot_operations(&db, &team_id).await?;
    let now = LocalDateTime::from_utc_ms(worker::Date::now().as_millis() as i64);
    Ok(Response::from_json(&FreeSlotsResponse {
        team_id: Some(team_id),
        slots: free_slots(&operations, now, &viewer),
    })?)
}
