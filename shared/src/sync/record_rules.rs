//! Rules that depend on the record itself, beside the role × data class table of `access.rs`. The
//! worker asks them for every pushed operation (`push_admission`); a device need not, since it only
//! makes changes that keep them.
//!
//! - Appointment slots (`RecordKind::Slot`) are offered by staff: a client may claim a slot that
//!   exists, never start one (a claim on an id nobody offered would make a slot of the team that
//!   has only a holder).
//! - A client holds at most [`UPCOMING_SLOTS_A_CLIENT_MAY_HOLD`] slots of the days to come
//!   ([`may_hold_another_slot`]): one client cannot take every time of the team's hours.
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

/// How many slots of the days to come a client may hold at once: the conversation they booked and
/// the next one it leads to (a meldingsgesprek and then the intake, as in Alphen's and Tilburg's
/// policies); every other appointment the consulent plans. Moving a booking releases the old slot
/// first (`journey::booking::move_to`), so it never counts twice.
pub const UPCOMING_SLOTS_A_CLIENT_MAY_HOLD: usize = 2;

/// May a client who holds `held` slots of the days to come claim one more?
pub fn may_hold_another_slot(held: usize) -> Decision {
    if held < UPCOMING_SLOTS_A_CLIENT_MAY_HOLD {
        return Decision::Allowed;
    }
    Decision::Denied(Explanation::new(
        format!(
            "U heeft al {held} tijden gekozen; meer dan {UPCOMING_SLOTS_A_CLIENT_MAY_HOLD} kan niet. Zeg eerst een afspraak af of verzet hem."
        ),
        format!(
            "You have chosen {held} times already; more than {UPCOMING_SLOTS_A_CLIENT_MAY_HOLD} is not possible. Cancel or move an appointment first."
        ),
    ))
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
    fn a_client_holds_at_most_two_slots_to_come() {
        assert!(may_hold_another_slot(0).is_allowed() && may_hold_another_slot(1).is_allowed());
        let Decision::Denied(why) = may_hold_another_slot(2) else { panic!("a third slot") };
        assert!(why.nl.contains("al 2 tijden") && why.en.contains("more than 2"), "{why:?}");
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
