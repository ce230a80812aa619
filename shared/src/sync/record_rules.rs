//! Rules that depend on the record itself, beside the role × data class table of `access.rs`. The
//! worker asks them for every pushed operation (`push_admission`); a device need not, since it only
//! makes changes that keep them.
//!
//! - Appointment slots (`RecordKind::Slot`) are offered by staff: a client may claim a slot that
//!   exists, never start one (a claim on an id nobody offered would make a slot of the team that
//!   has only a holder).
//! - Attendance and progress on the end goals (eindtermen) are only for members of the group
//!   ([`needs_membership`]): a trainer of the group cannot write them for someone else's client.
//! - Ids that carry meaning fit the owner they are made from (`RecordRef::check`): a session's id
//!   is made from its group's, an attendance's from its session and client, so nobody can take
//!   another group's ids first.

use crate::role::Role;
use crate::sync::access::Decision;
use crate::sync::record::RecordKind;
use crate::text::Explanation;

/// May a person with `role` start a new record of `kind` (its first operation)?
pub fn may_start(role: Role, kind: RecordKind) -> Decision {
    match (role, kind) {
        (Role::Client, RecordKind::Slot) => Decision::Denied(Explanation::new(
            "Dit tijdstip bestaat niet (meer). Kies een tijdstip uit de lijst met vrije tijden.",
            "This time does not exist (any more). Please choose a time from the list of free times.",
        )),
        _ => Decision::Allowed,
    }
}

/// Records about a client's place in a group that exist only while the client is a member.
pub fn needs_membership(kind: RecordKind) -> bool {
    matches!(kind, RecordKind::Attendance | RecordKind::EndGoalProgress)
}

/// Why a record about a place in a group was refused: the same answer whether or not the client
/// file exists, so that it tells nothing about other files.
pub fn not_a_member() -> Explanation {
    Explanation::new(
        "Deze deelnemer zit niet in deze groep. Vraag de consulent om hem of haar aan de groep toe te voegen.",
        "This participant is not in this group. Ask the consulent to add them to the group.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_start_slots() {
        for role in Role::ALL {
            assert_eq!(
                may_start(role, RecordKind::Slot).is_allowed(),
                role != Role::Client,
                "{role:?} starting a slot"
            );
        }
    }

    #[test]
    fn attendance_and_end_goals_need_a_member_and_the_membership_itself_does_not() {
        assert!(needs_membership(RecordKind::Attendance) && needs_membership(RecordKind::EndGoalProgress));
        assert!(!needs_membership(RecordKind::Membership), "the consulent makes someone a member");
        assert!(!needs_membership(RecordKind::GroupSession));
    }

    #[test]
    fn a_client_starts_the_records_of_their_own_journey() {
        for kind in
            [RecordKind::Dossier, RecordKind::Klantfoto, RecordKind::Appointment, RecordKind::Aanvraag]
        {
            assert!(may_start(Role::Client, kind).is_allowed(), "{kind:?}");
        }
    }
}
