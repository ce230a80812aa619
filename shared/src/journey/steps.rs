//! The steps of a client's journey that the municipality hears about as statuses of their zaak
//! (issue 7), decided from the synced records of one client file, the same way on a device and in
//! the worker:
//! - *inspanningspakket completed*: `inspanningspakket::is_complete` (the policy's job-search
//!   duties all done);
//! - *rechtmatigheidsgesprek held* ([`rechtmatigheidsgesprek_held`]): the interview that decides the
//!   right to benefit took place;
//! - *route decided* ([`route_decided`]): the consulent recorded a decision on the next step with a
//!   route (`next_step`).
//!
//! (*Klantfoto submitted* is every question answered, `klantfoto::KlantfotoSet::first_unanswered`.)

use crate::journey::appointment::{appointments_of, AppointmentKind, AppointmentStatus};
use crate::journey::next_step::decisions_of;
use crate::law::local_time::LocalDateTime;
use crate::sync::merge::Replica;

/// The rechtmatigheidsgesprek (eligibility interview) was held: an appointment of that kind, not
/// cancelled, that a professional marked as held (`Appointment::held`, the same mark that makes a
/// klantcontact). This is what a municipality means by "held": the interview took place, not that
/// it was booked, that its time passed (the client may not have come) or that the client reported
/// back (`reported_back_on`, which only starts its deadline).
pub fn rechtmatigheidsgesprek_held(replica: &Replica, client_id: &str, now: LocalDateTime) -> bool {
    appointments_of(replica, client_id, now).iter().any(|appointment| {
        appointment.kind == Some(AppointmentKind::Rechtmatigheidsgesprek)
            && appointment.status == AppointmentStatus::Planned
            && appointment.held
    })
}

/// The consulent decided the client's route: a decision (with its reason, else it is not one yet)
/// that names a route.
pub fn route_decided(replica: &Replica, client_id: &str) -> bool {
    decisions_of(replica, client_id).iter().any(|decision| decision.route_id.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::Hlc;
    use crate::sync::record::{Owner, RecordKind, RecordRef};
    use crate::sync::sync_protocol::Operation;
    use serde_json::{json, Value};

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    fn record(kind: RecordKind, id: &str) -> RecordRef {
        RecordRef { kind, id: id.into(), owner: Owner::Client { client_id: CLIENT.into() } }
    }

    /// Writes a field, each write later than the one before.
    fn write(replica: &mut Replica, record: &RecordRef, field: &str, value: Value) {
        static CLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let wall_ms = CLOCK.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let operation = Operation {
            op_id: format!("{}-{field}-{wall_ms}", record.id),
            record: record.clone(),
            field: field.into(),
            value,
            hlc: Hlc { wall_ms, counter: 0, node: "d".into() },
            author: "consulent-sanne".into(),
            stored_as: None,
        };
        replica.apply(&operation, record.kind.field(field).unwrap().merge);
    }

    fn interview(replica: &mut Replica, starts_at: &str) -> RecordRef {
        let appointment = record(RecordKind::Appointment, "a1");
        write(replica, &appointment, "starts_at", json!(starts_at));
        write(replica, &appointment, "duration_minutes", json!(45));
        write(replica, &appointment, "kind", json!("rechtmatigheidsgesprek"));
        write(replica, &appointment, "status", json!("planned"));
        appointment
    }

    fn at(text: &str) -> LocalDateTime {
        LocalDateTime::parse(text).unwrap()
    }

    #[test]
    fn the_interview_is_held_when_a_professional_says_so_never_by_time_and_never_when_cancelled() {
        let mut replica = Replica::default();
        assert!(!rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-01T12:00")));
        let appointment = interview(&mut replica, "2026-12-01T09:30");
        assert!(!rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-01T09:30")), "booked is not held");
        assert!(
            !rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-08T10:15")),
            "its time passed, but the client may not have come"
        );
        write(&mut replica, &appointment, "held", json!(true));
        assert!(rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-01T10:15")));
        write(&mut replica, &appointment, "status", json!("cancelled"));
        assert!(
            !rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-02T10:00")),
            "cancelled: not held"
        );
    }

    #[test]
    fn another_kind_of_appointment_is_no_rechtmatigheidsgesprek() {
        let mut replica = Replica::default();
        let appointment = interview(&mut replica, "2026-12-01T09:30");
        write(&mut replica, &appointment, "held", json!(true));
        write(&mut replica, &appointment, "kind", json!("intake"));
        assert!(!rechtmatigheidsgesprek_held(&replica, CLIENT, at("2026-12-02T10:00")));
    }

    #[test]
    fn a_route_is_decided_by_a_decision_with_a_reason_and_a_route() {
        let mut replica = Replica::default();
        let decision = record(RecordKind::Decision, "d1");
        write(&mut replica, &decision, "route_id", json!("werk"));
        assert!(!route_decided(&replica, CLIENT), "no reason yet: not a decision");
        write(&mut replica, &decision, "reason", json!("Wil snel aan het werk."));
        assert!(route_decided(&replica, CLIENT));
        write(&mut replica, &decision, "route_id", Value::Null);
        assert!(!route_decided(&replica, CLIENT), "a decision without a route decides no route");
    }
}
