//! What the signed-in person may do with what is on this device, decided by `shared::sync::access::decide`:
//! the same function the worker enforces, so the app hides what the worker would refuse.
//!
//! Every record on this device came through the worker's read check, so the person relates to it as
//! their role's scope says: a client to their own file, their groups and their team; an outreach
//! worker to an assigned file; a consulent to a file or group of the team; a trainer to their group.

use crate::auth::Who;
use shared::role::Role;
use shared::sync::access::{decide, Access, Relation, Resource};

fn relation_on_this_device(role: Role) -> Relation {
    match role {
        Role::Client => {
            Relation { own_file: true, member_of_group: true, team_caseload: true, ..Relation::default() }
        }
        Role::OutreachWorker => Relation { assigned_caseload: true, ..Relation::default() },
        // A group on a consulent's device with its own records (name, schedule) is one of the team's;
        // the group pages offer to place a client only there (`pages/group_members.rs`).
        Role::Consulent => {
            Relation { team_caseload: true, team_file_in_team_group: true, ..Relation::default() }
        }
        Role::Trainer => Relation { trains_group: true, ..Relation::default() },
        Role::PolicyMaker => Relation::default(),
    }
}

/// May the signed-in person (if any) do this with a record on this device?
pub fn may(who: &Who, resource: Resource, access: Access) -> bool {
    match who {
        Who::LoggedIn { role, .. } => {
            decide(*role, relation_on_this_device(*role), resource, access).is_allowed()
        }
        _ => false,
    }
}
