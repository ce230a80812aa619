//! The catalogue of records: which fields each kind of record has, with the kind of data each one
//! holds (`DataClass`, what access decides on), how its value is checked (`ValueRule`) and how
//! concurrent changes to it merge (`MergeRule`); and the checks that need this table:
//! [`RecordKind::fields`], [`RecordKind::field`], [`check_field_value`] and [`Operation::check`].
//!
//! It sits above the sync core and the client journey and brings the two together. The sync core
//! has the generic types and checks (`sync::record`, `sync::sync_protocol`); the journey has the words
//! some fields allow (appointment kinds, attendance marks, progress on end goals, the klantfoto's
//! questions). Neither knows this table; only the slot's fields are written in the journey
//! (`appointment::SLOT_FIELDS`), which checks a team's slot operations against them itself. The
//! checks are inherent methods of the sync core's types, so every caller still writes
//! `operation.check()` and `kind.field(name)`.

use crate::journey::appointment::{AppointmentKind, SLOT_FIELDS};
use crate::journey::attendance::{Mark, Progress};
use crate::journey::klantfoto::KlantfotoSet;
use crate::sync::record::{
    check_field_value_against, DataClass, FieldSpec, MergeRule, RecordError, RecordKind, ValueRule,
};
use crate::sync::sync_protocol::Operation;
use serde_json::Value;

const fn field(name: &'static str, class: DataClass, value: ValueRule) -> FieldSpec {
    FieldSpec { name, class, value, merge: MergeRule::LastWriterWins }
}

const MINUTES: ValueRule = ValueRule::Number { min: 5, max: 8 * 60 };

const DOSSIER_FIELDS: &[FieldSpec] = &[
    field("preferred_name", DataClass::Name, ValueRule::PreferredName),
    field("birth_date", DataClass::Details, ValueRule::PastDate),
    field("municipality", DataClass::Details, ValueRule::Text { max_chars: 80 }),
    field("application_date", DataClass::Details, ValueRule::Date),
    // The day the client reported back after the inspanningspakket (terugmelden): the
    // rechtmatigheidsgesprek is due within the policy's days after it.
    field("reported_back_on", DataClass::Details, ValueRule::Date),
    // A professional's signal that the client is in crisis now (what is wrong, in words); cleared
    // when it is solved. Kept with the notes: never shown to the client or a trainer.
    field("crisis_signal", DataClass::Notes, ValueRule::Text { max_chars: 500 }),
];

/// The klantfoto's fields come from its set of questions (`journey/klantfoto.rs`, data), made once.
fn klantfoto_fields() -> &'static [FieldSpec] {
    static FIELDS: std::sync::OnceLock<Vec<FieldSpec>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| KlantfotoSet::embedded().field_specs())
}

const DUTY_FIELDS: &[FieldSpec] = &[
    field("title", DataClass::Duties, ValueRule::Text { max_chars: 200 }),
    field("due_on", DataClass::Duties, ValueRule::Date),
    field("done_on", DataClass::Duties, ValueRule::Date),
    field("note", DataClass::Duties, ValueRule::Text { max_chars: 1000 }),
];

const APPOINTMENT_FIELDS: &[FieldSpec] = &[
    field("starts_at", DataClass::Appointments, ValueRule::LocalDateTime),
    field("duration_minutes", DataClass::Appointments, MINUTES),
    field("place", DataClass::Appointments, ValueRule::Text { max_chars: 200 }),
    field("with_whom", DataClass::Appointments, ValueRule::Text { max_chars: 120 }),
    field("status", DataClass::Appointments, ValueRule::OneOf(&["planned", "cancelled"])),
    // Issue 5, appointments: what to bring, the slot it was booked in, why it was cancelled, its kind.
    field("what_to_bring", DataClass::Appointments, ValueRule::Text { max_chars: 1000 }),
    field("slot_id", DataClass::Appointments, ValueRule::RecordId),
    field("cancel_reason", DataClass::Appointments, ValueRule::Text { max_chars: 200 }),
    field("kind", DataClass::Appointments, ValueRule::OneOf(AppointmentKind::WORDS)),
    // Issue 7: the professional who held the appointment (a home visit done, an interview that took
    // place) says so; that makes it a klantcontact at the municipality. Class `notes`: only the
    // team's outreach workers and consulents write and read it.
    field("held", DataClass::Notes, ValueRule::YesOrNo),
];

const NOTE_FIELDS: &[FieldSpec] = &[field("text", DataClass::Notes, ValueRule::Text { max_chars: 4000 })];

const GROUP_FIELDS: &[FieldSpec] = &[
    field("name", DataClass::GroupPlanning, ValueRule::Text { max_chars: 120 }),
    // Issue 6: the programme the group follows (`<policy id>/<programme id>`, see
    // `journey::schedule::programme_by_ref`) and the day it starts.
    field("programme", DataClass::GroupPlanning, ValueRule::Text { max_chars: 81 }),
    field("starts_on", DataClass::GroupPlanning, ValueRule::Date),
];

const GROUP_SESSION_FIELDS: &[FieldSpec] = &[
    // Issue 6: the session's place in the schedule (1, 2, 3, …).
    field("number", DataClass::GroupPlanning, ValueRule::Number { min: 1, max: 500 }),
    field("starts_at", DataClass::GroupPlanning, ValueRule::LocalDateTime),
    field("duration_minutes", DataClass::GroupPlanning, MINUTES),
    field("place", DataClass::GroupPlanning, ValueRule::Text { max_chars: 200 }),
];

const ATTENDANCE_FIELDS: &[FieldSpec] = &[FieldSpec {
    name: "status",
    class: DataClass::Attendance,
    value: ValueRule::OneOf(Mark::WORDS),
    merge: MergeRule::EachAuthorCounts,
}];

const END_GOAL_PROGRESS_FIELDS: &[FieldSpec] =
    &[field("level", DataClass::EndGoals, ValueRule::OneOf(Progress::WORDS))];

const MEMBERSHIP_FIELDS: &[FieldSpec] =
    &[field("status", DataClass::Membership, ValueRule::OneOf(&["member", "left"]))];

const JOB_APPLICATION_FIELDS: &[FieldSpec] = &[
    field("applied_on", DataClass::Duties, ValueRule::Date),
    field("employer", DataClass::Duties, ValueRule::Text { max_chars: 120 }),
    field("job", DataClass::Duties, ValueRule::Text { max_chars: 120 }),
    field("how", DataClass::Duties, ValueRule::OneOf(&["letter", "email", "website", "phone", "in_person"])),
    field("outcome", DataClass::Duties, ValueRule::OneOf(&["waiting", "invited", "rejected", "hired"])),
];

const AGENCY_REGISTRATION_FIELDS: &[FieldSpec] = &[
    field("agency", DataClass::Duties, ValueRule::Text { max_chars: 120 }),
    field("registered_on", DataClass::Duties, ValueRule::Date),
];

const DOCUMENT_READY_FIELDS: &[FieldSpec] = &[field("ready", DataClass::Duties, ValueRule::YesOrNo)];

const DECISION_FIELDS: &[FieldSpec] = &[
    field("route_id", DataClass::Decisions, ValueRule::Text { max_chars: 80 }),
    field("instrument_id", DataClass::Decisions, ValueRule::Text { max_chars: 80 }),
    field("starts_on", DataClass::Decisions, ValueRule::Date),
    field("reason", DataClass::Decisions, ValueRule::Text { max_chars: 2000 }),
    // What the engine advised when the decision was made, to show beside it.
    field("advised_route_id", DataClass::Decisions, ValueRule::Text { max_chars: 80 }),
];

const AANVRAAG_FIELDS: &[FieldSpec] = &[
    field("bsn", DataClass::Details, ValueRule::Bsn),
    field("submitted_on", DataClass::Details, ValueRule::Date),
    // Set by the worker from the municipality's zaak system only (`set_by_the_municipality`).
    field("zaak_identificatie", DataClass::Details, ValueRule::Text { max_chars: 40 }),
    field("zaak_status", DataClass::Details, ValueRule::Text { max_chars: 200 }),
    field("zaak_closed_on", DataClass::Details, ValueRule::Date),
];

impl RecordKind {
    /// The fields of records of this kind.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            RecordKind::Dossier => DOSSIER_FIELDS,
            RecordKind::Klantfoto => klantfoto_fields(),
            RecordKind::Duty => DUTY_FIELDS,
            RecordKind::Appointment => APPOINTMENT_FIELDS,
            RecordKind::Note => NOTE_FIELDS,
            RecordKind::Group => GROUP_FIELDS,
            RecordKind::GroupSession => GROUP_SESSION_FIELDS,
            RecordKind::Attendance => ATTENDANCE_FIELDS,
            RecordKind::Membership => MEMBERSHIP_FIELDS,
            // In journey/appointment.rs: `free_slots` checks a team's slot operations against them.
            RecordKind::Slot => SLOT_FIELDS,
            RecordKind::JobApplication => JOB_APPLICATION_FIELDS,
            RecordKind::AgencyRegistration => AGENCY_REGISTRATION_FIELDS,
            RecordKind::DocumentReady => DOCUMENT_READY_FIELDS,
            RecordKind::EndGoalProgress => END_GOAL_PROGRESS_FIELDS,
            RecordKind::Decision => DECISION_FIELDS,
            RecordKind::Aanvraag => AANVRAAG_FIELDS,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|spec| spec.name == name)
    }
}

/// Checks that `field` exists on records of `kind` and that `value` fits it.
pub fn check_field_value(
    kind: RecordKind,
    field: &str,
    value: &Value,
) -> Result<&'static FieldSpec, RecordError> {
    check_field_value_against(kind.fields(), kind, field, value)
}

impl Operation {
    /// Checks the operation against the record model: ids, owner, field and value. Returns the
    /// field's spec (its data class and merge rule) when it fits.
    pub fn check(&self) -> Result<&'static FieldSpec, RecordError> {
        self.check_against(self.record.kind.fields())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    #[test]
    fn every_klantfoto_life_domain_is_a_score_field() {
        for domain in &crate::journey::klantfoto::KlantfotoSet::embedded().domains {
            let spec = RecordKind::Klantfoto.field(&domain.id).unwrap();
            assert_eq!(spec.value, ValueRule::Number { min: 1, max: 5 }, "{}", domain.id);
        }
    }

    #[test]
    fn values_are_checked_by_their_field() {
        let ok = [
            (RecordKind::Dossier, "preferred_name", json!("Jan")),
            (RecordKind::Dossier, "birth_date", json!("1984-03-15")),
            (RecordKind::Klantfoto, "housing", json!(2)),
            (RecordKind::Klantfoto, "crisis_food_today", json!(true)),
            (RecordKind::Appointment, "starts_at", json!("2026-11-27T09:30")),
            (RecordKind::Attendance, "status", json!("present")),
            (RecordKind::Attendance, "status", json!("absent_without_reason")),
            (RecordKind::EndGoalProgress, "level", json!("reached")),
            (RecordKind::GroupSession, "number", json!(20)),
            (RecordKind::Group, "starts_on", json!("2026-11-30")),
            (RecordKind::Slot, "holder", json!(CLIENT)),
            (RecordKind::Note, "text", json!(null)),
            (RecordKind::Aanvraag, "bsn", json!("999993653")),
            (RecordKind::Aanvraag, "submitted_on", json!("2026-11-26")),
            (RecordKind::Aanvraag, "zaak_closed_on", json!("2026-12-01")),
            // Arabic with its right-to-left mark (U+200F), as a phone keyboard types it.
            (RecordKind::Note, "text", json!("\u{200F}مرحبا، موعد الساعة 10")),
        ];
        for (kind, field, value) in ok {
            assert!(check_field_value(kind, field, &value).is_ok(), "{field} {value}");
        }
        let bad = [
            (RecordKind::Dossier, "preferred_name", json!(" Jan")),
            (RecordKind::Dossier, "preferred_name", json!("<script>")),
            (RecordKind::Dossier, "birth_date", json!("15-03-1984")),
            (RecordKind::Klantfoto, "housing", json!(6)),
            (RecordKind::Klantfoto, "housing", json!("2")),
            (RecordKind::Appointment, "starts_at", json!("2026-11-27T24:00")),
            (RecordKind::Appointment, "status", json!("maybe")),
            (RecordKind::Note, "text", json!("x".repeat(4001))),
            (RecordKind::Note, "text", json!("   ")),
            (RecordKind::Note, "text", json!("bell\u{7}")),
            // The right-to-left override shows "€ 05" for what is "50 €" (Trojan Source).
            (RecordKind::Note, "text", json!("Betaald: \u{202E}€ 05")),
            (RecordKind::Note, "text", json!("isolate \u{2067}x\u{2069}")),
            (RecordKind::Slot, "holder", json!("jan")),
            (RecordKind::Attendance, "status", json!("excused")),
            (RecordKind::EndGoalProgress, "level", json!("done")),
            (RecordKind::Aanvraag, "bsn", json!("999993654")),
            (RecordKind::Aanvraag, "bsn", json!(999993653)),
        ];
        for (kind, field, value) in bad {
            let problem = check_field_value(kind, field, &value).unwrap_err();
            assert_eq!(problem.field, "value", "{field} {value}");
            assert!(problem.explanation.nl.contains(field), "{}", problem.explanation.nl);
        }
        let unknown = check_field_value(RecordKind::Note, "income", &json!(1)).unwrap_err();
        assert_eq!((unknown.code, unknown.field), ("unknown_field", "field"));
        assert!(unknown.explanation.en.contains("Known: text"));
    }

    #[test]
    fn who_booked_a_slot_is_its_own_data_class() {
        assert_eq!(RecordKind::Slot.field("holder").unwrap().class, DataClass::SlotHolder);
        assert_eq!(RecordKind::Slot.field("place").unwrap().class, DataClass::Slots);
    }
}
