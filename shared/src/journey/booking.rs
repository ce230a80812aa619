//! What booking, moving and cancelling an appointment change: which fields of which records get
//! which values (the client's appointment record, and the `holder` of the team's slot it is booked
//! in: claimed by booking, released by moving away or cancelling). Pure decisions, so that the app
//! only hands the changes to `sync` (they leave in one push) and the rules have their tests here;
//! whether a claim won is [`booking_state`]'s, in `appointment`.

use crate::journey::appointment::{
    booking_fields, booking_state, lost_reason, Appointment, AppointmentKind, BookingState, FreeSlot,
};
use crate::sync::merge::Replica;
use crate::sync::record::{Owner, RecordKind, RecordRef};
use serde_json::Value;

/// One change of one field: the record, the field and its new value (`sync` makes it an operation).
pub type FieldChange = (RecordRef, String, Value);

/// The appointment record `id` in the file of `client_id`.
pub fn appointment_record(client_id: &str, id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Appointment,
        id: id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// The slot record `id` of the team `team_id`.
pub fn slot_record(team_id: &str, id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Slot,
        id: id.to_owned(),
        owner: Owner::Team { team_id: team_id.to_owned() },
    }
}

/// The team of a slot this side knows (pulled slot planning), for releasing it; `None` when the
/// replica holds no field of that slot.
pub fn team_of_slot(replica: &Replica, slot_id: &str) -> Option<String> {
    replica.fields.keys().find_map(|key| match &key.record.owner {
        Owner::Team { team_id } if key.record.kind == RecordKind::Slot && key.record.id == slot_id => {
            Some(team_id.clone())
        }
        _ => None,
    })
}

/// How an appointment in `replica` stands: [`booking_state`] with the slot's merged `holder`
/// register, and whether this device's claim on the slot was refused (`refused`: the slots of
/// [`refused_claims`](crate::journey::appointment::refused_claims)).
pub fn booking_state_in(replica: &Replica, refused: &[String], appointment: &Appointment) -> BookingState {
    let slot = appointment.slot_id.as_deref();
    let register = slot.and_then(|slot_id| {
        replica.fields.iter().find_map(|(key, register)| {
            (key.record.kind == RecordKind::Slot && key.record.id == slot_id && key.field == "holder")
                .then_some(register)
        })
    });
    // On a client's device the register holds only the client's own claims (the holder is not
    // theirs to read): there the worker's refusal of the claim is what says it lost.
    booking_state(appointment, register, slot.is_some_and(|slot_id| refused.iter().any(|r| r == slot_id)))
}

/// Booking a new appointment `new_id` for `client_id` in `slot` of `team_id`: the claim on the
/// slot first, then every field of [`booking_fields`].
pub fn book(
    client_id: &str,
    new_id: &str,
    slot: &FreeSlot,
    team_id: &str,
    kind: AppointmentKind,
) -> Vec<FieldChange> {
    claim(&appointment_record(client_id, new_id), client_id, slot, team_id, kind)
}

/// Moving `appointment` of `client_id` to `slot` of `team_id`: the old slot is released (when this
/// side knows its team), the new one claimed, the record gets the new slot's fields and keeps its
/// id, and a cancel reason it had is cleared (a booking that lost is booked again this way).
pub fn move_to(
    replica: &Replica,
    client_id: &str,
    appointment: &Appointment,
    slot: &FreeSlot,
    team_id: &str,
    kind: AppointmentKind,
) -> Vec<FieldChange> {
    let mut changes: Vec<FieldChange> = release(replica, appointment).into_iter().collect();
    changes.extend(claim(&appointment.record, client_id, slot, team_id, kind));
    if appointment.cancel_reason.is_some() {
        changes.push((appointment.record.clone(), "cancel_reason".to_owned(), Value::Null));
    }
    changes
}

/// Cancelling `appointment` with the client's (checked) `reason`: the record is cancelled with the
/// reason, and its slot released (when this side knows its team) so that someone else can book it.
pub fn cancel(replica: &Replica, appointment: &Appointment, reason: &str) -> Vec<FieldChange> {
    let mut changes = cancelled(appointment, reason);
    changes.extend(release(replica, appointment));
    changes
}

/// Cancelling an appointment whose booking lost, with [`lost_reason`] (stored in Dutch). Its slot
/// is not released: it is someone else's.
pub fn cancel_lost(appointment: &Appointment) -> Vec<FieldChange> {
    cancelled(appointment, &lost_reason().nl)
}

fn claim(
    record: &RecordRef,
    client_id: &str,
    slot: &FreeSlot,
    team_id: &str,
    kind: AppointmentKind,
) -> Vec<FieldChange> {
    let mut changes = vec![(slot_record(team_id, &slot.id), "holder".to_owned(), Value::from(client_id))];
    for (field, value) in booking_fields(slot, kind) {
        changes.push((record.clone(), field.to_owned(), value));
    }
    changes
}

fn cancelled(appointment: &Appointment, reason: &str) -> Vec<FieldChange> {
    let record = &appointment.record;
    vec![
        (record.clone(), "status".to_owned(), Value::from("cancelled")),
        (record.clone(), "cancel_reason".to_owned(), Value::from(reason)),
    ]
}

/// The release of the appointment's slot, when it has one and this side knows the slot's team.
fn release(replica: &Replica, appointment: &Appointment) -> Option<FieldChange> {
    let slot_id = appointment.slot_id.as_deref()?;
    let team = team_of_slot(replica, slot_id)?;
    Some((slot_record(&team, slot_id), "holder".to_owned(), Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::appointment::{refused_claims, AppointmentStatus};
    use crate::law::local_time::LocalDateTime;
    use crate::sync::hlc::Hlc;
    use crate::sync::sync_protocol::Operation;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OTHER: &str = "1b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const APPOINTMENT: &str = "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OLD_SLOT: &str = "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const NEW_SLOT: &str = "4b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const TEAM: &str = "team-noord";

    fn slot(id: &str, place: Option<&str>) -> FreeSlot {
        FreeSlot {
            id: id.to_owned(),
            starts_at: "2026-12-01T09:30".to_owned(),
            duration_minutes: 45,
            place: place.map(str::to_owned),
            mine: false,
            free: true,
            holder: None,
        }
    }

    fn appointment(slot_id: Option<&str>, cancel_reason: Option<&str>) -> Appointment {
        Appointment {
            record: appointment_record(CLIENT, APPOINTMENT),
            starts_at: LocalDateTime::parse("2026-11-20T10:00").unwrap(),
            duration_minutes: 30,
            place: None,
            with_whom: None,
            what_to_bring: None,
            kind: Some(AppointmentKind::Meldingsgesprek),
            status: AppointmentStatus::Planned,
            slot_id: slot_id.map(str::to_owned),
            cancel_reason: cancel_reason.map(str::to_owned),
            held: false,
        }
    }

    fn operation(n: u32, record: RecordRef, field: &str, value: Value, wall_ms: u64) -> Operation {
        Operation {
            op_id: format!("{n:08x}-0000-4000-8000-000000000000"),
            record,
            field: field.to_owned(),
            value,
            hlc: Hlc { wall_ms, counter: 0, node: "device".to_owned() },
            author: "someone".to_owned(),
            stored_as: None,
        }
    }

    /// A replica that knows the slot planning of `TEAM`: the old slot and who claimed it.
    fn replica_knowing(holders: &[(&str, u64)]) -> Replica {
        let mut replica = Replica::default();
        let start = operation(1, slot_record(TEAM, OLD_SLOT), "starts_at", json!("2026-11-20T10:00"), 1);
        replica.apply(&start, start.check().unwrap().merge);
        for (n, (holder, wall_ms)) in holders.iter().enumerate() {
            let claim =
                operation(n as u32 + 2, slot_record(TEAM, OLD_SLOT), "holder", json!(holder), *wall_ms);
            replica.apply(&claim, claim.check().unwrap().merge);
        }
        replica
    }

    fn fields_of<'a>(changes: &'a [FieldChange], record: &RecordRef) -> Vec<(&'a str, &'a Value)> {
        changes
            .iter()
            .filter(|(r, _, _)| r == record)
            .map(|(_, field, value)| (field.as_str(), value))
            .collect()
    }

    #[test]
    fn booking_claims_the_slot_first_then_fills_a_new_appointment() {
        let changes =
            book(CLIENT, APPOINTMENT, &slot(NEW_SLOT, Some("Stadhuis")), TEAM, AppointmentKind::Intake);
        assert_eq!(changes[0], (slot_record(TEAM, NEW_SLOT), "holder".to_owned(), json!(CLIENT)));
        let record = appointment_record(CLIENT, APPOINTMENT);
        assert_eq!(
            fields_of(&changes, &record),
            [
                ("duration_minutes", &json!(45)),
                ("kind", &json!("intake")),
                ("place", &json!("Stadhuis")),
                ("slot_id", &json!(NEW_SLOT)),
                ("starts_at", &json!("2026-12-01T09:30")),
                ("status", &json!("planned")),
            ]
        );
        assert_eq!(changes.len(), 7, "nothing else: no release, no cancel reason");
        for (record, field, value) in &changes {
            let operation = operation(9, record.clone(), field, value.clone(), 1);
            assert!(operation.check().is_ok(), "{field} = {value} fits the catalogue");
        }
    }

    #[test]
    fn moving_releases_the_old_slot_claims_the_new_one_and_keeps_the_record() {
        let replica = replica_knowing(&[(CLIENT, 5)]);
        let moved = appointment(Some(OLD_SLOT), None);
        let changes =
            move_to(&replica, CLIENT, &moved, &slot(NEW_SLOT, None), TEAM, AppointmentKind::Meldingsgesprek);
        assert_eq!(changes[0], (slot_record(TEAM, OLD_SLOT), "holder".to_owned(), Value::Null));
        assert_eq!(changes[1], (slot_record(TEAM, NEW_SLOT), "holder".to_owned(), json!(CLIENT)));
        let fields = fields_of(&changes, &moved.record);
        assert!(fields.contains(&("slot_id", &json!(NEW_SLOT))));
        assert!(fields.iter().all(|(field, _)| *field != "place" && *field != "cancel_reason"), "{fields:?}");
        assert_eq!(changes.len(), 2 + 5);
    }

    #[test]
    fn moving_a_booking_that_lost_clears_its_reason_and_releases_nothing_unknown() {
        let lost = appointment(Some(OLD_SLOT), Some(&lost_reason().nl));
        let changes =
            move_to(&Replica::default(), CLIENT, &lost, &slot(NEW_SLOT, None), TEAM, AppointmentKind::Intake);
        assert_eq!(changes[0].0, slot_record(TEAM, NEW_SLOT), "the old slot's team is unknown here");
        assert_eq!(changes.last(), Some(&(lost.record.clone(), "cancel_reason".to_owned(), Value::Null)));
        assert_eq!(changes.iter().filter(|(_, _, value)| value.is_null()).count(), 1);
    }

    #[test]
    fn cancelling_gives_the_reason_and_releases_the_slot() {
        let replica = replica_knowing(&[(CLIENT, 5)]);
        let changes = cancel(&replica, &appointment(Some(OLD_SLOT), None), "Ik ben ziek");
        let record = appointment_record(CLIENT, APPOINTMENT);
        assert_eq!(
            changes,
            [
                (record.clone(), "status".to_owned(), json!("cancelled")),
                (record, "cancel_reason".to_owned(), json!("Ik ben ziek")),
                (slot_record(TEAM, OLD_SLOT), "holder".to_owned(), Value::Null),
            ]
        );
        assert_eq!(
            cancel(&replica, &appointment(None, None), "Ziek").len(),
            2,
            "no slot, nothing to release"
        );
        assert_eq!(cancel(&Replica::default(), &appointment(Some(OLD_SLOT), None), "Ziek").len(), 2);
    }

    #[test]
    fn a_booking_that_lost_is_cancelled_without_touching_the_slot() {
        let lost = appointment(Some(OLD_SLOT), None);
        let record = appointment_record(CLIENT, APPOINTMENT);
        assert_eq!(
            cancel_lost(&lost),
            [
                (record.clone(), "status".to_owned(), json!("cancelled")),
                (record, "cancel_reason".to_owned(), json!(lost_reason().nl)),
            ]
        );
    }

    #[test]
    fn the_state_in_a_replica_reads_the_holder_register_and_the_refused_claims() {
        let booked = appointment(Some(OLD_SLOT), None);
        assert_eq!(booking_state_in(&replica_knowing(&[(CLIENT, 5)]), &[], &booked), BookingState::Booked);
        let taken_first = replica_knowing(&[(CLIENT, 5), (OTHER, 3)]);
        assert_eq!(booking_state_in(&taken_first, &[], &booked), BookingState::Lost);
        let refused_claim = operation(7, slot_record(TEAM, OLD_SLOT), "holder", json!(CLIENT), 5);
        let refused = refused_claims([(&refused_claim, "slot_taken")]);
        assert_eq!(booking_state_in(&Replica::default(), &refused, &booked), BookingState::Lost);
        assert_eq!(booking_state_in(&Replica::default(), &[], &booked), BookingState::Booked);
    }

    #[test]
    fn the_team_of_a_slot_is_known_only_from_that_slot() {
        let replica = replica_knowing(&[]);
        assert_eq!(team_of_slot(&replica, OLD_SLOT).as_deref(), Some(TEAM));
        assert_eq!(team_of_slot(&replica, NEW_SLOT), None);
        let mut other_kind = Replica::default();
        let start =
            operation(1, appointment_record(CLIENT, OLD_SLOT), "starts_at", json!("2026-11-20T10:00"), 1);
        other_kind.apply(&start, start.check().unwrap().merge);
        assert_eq!(team_of_slot(&other_kind, OLD_SLOT), None, "an appointment with that id is no slot");
    }
}
