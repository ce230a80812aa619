//! Appointments of a client with the municipality, booked in the slots a team offers.
//!
//! Everything here is a pure decision, used by the worker (`GET /api/v1/slots/free`) and the app
//! (the appointment screens). Their times are Dutch local time (`law::local_time::LocalDateTime`).
//! - [`free_slots`]: which of a team's slots someone may see and book, merged from the operation log
//!   with `merge`; a client never learns who holds a slot, only whether it is free or theirs.
//! - [`booking_state`]: whether a booked appointment still holds its slot, or lost it to someone who
//!   claimed it first (the app then cancels it with [`lost_reason`]).
//! - [`deadline_for`] and [`order_by_deadline`]: the policy deadline of an appointment kind (by the
//!   engine of `advice`), and the slots within it first.
//! - [`appointment_ics`]: the appointment as an iCalendar file (RFC 5545) with two reminders.

use crate::law::advice::{advise_route, Deadline};
use crate::law::calendar::Date;
use crate::law::local_time::{utc_stamp, LocalDateTime, MS_PER_MINUTE};
use crate::law::policy::{policy_on, PolicyProfile};
use crate::law::situation::ClientSituation;
use crate::sync::merge::{FieldView, Register, Replica};
use crate::sync::record::{DataClass, FieldSpec, MergeRule, Owner, RecordKind, RecordRef, ValueRule};
use crate::sync::sync_protocol::Operation;
use crate::text::{Explanation, Language};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// `GET`: the slots of the caller's team that they may book (see [`free_slots`]).
pub const FREE_SLOTS_PATH: &str = "/api/v1/slots/free";
/// The longest reason for cancelling.
pub const MAX_CANCEL_REASON_CHARS: usize = 200;

// ---------------------------------------------------------------------------------------------
// Appointments

/// What an appointment is for; the kinds with a policy deadline name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentKind {
    /// The first interview after the online report (Tilburg: within 3 days).
    Meldingsgesprek,
    /// The intake (Alphen: integrale intake within 5 working days; IJmond: group intake).
    Intake,
    /// The interview that decides the right to benefit (Tilburg: within 2 weeks of reporting back).
    Rechtmatigheidsgesprek,
    /// An outreach worker's visit at the client's home (huisbezoek).
    HomeVisit,
    Other,
}

impl AppointmentKind {
    pub const ALL: [AppointmentKind; 5] = [
        AppointmentKind::Meldingsgesprek,
        AppointmentKind::Intake,
        AppointmentKind::Rechtmatigheidsgesprek,
        AppointmentKind::HomeVisit,
        AppointmentKind::Other,
    ];

    /// The words of the record field `kind`.
    pub const WORDS: &'static [&'static str] =
        &["meldingsgesprek", "intake", "rechtmatigheidsgesprek", "home_visit", "other"];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentKind::Meldingsgesprek => "meldingsgesprek",
            AppointmentKind::Intake => "intake",
            AppointmentKind::Rechtmatigheidsgesprek => "rechtmatigheidsgesprek",
            AppointmentKind::HomeVisit => "home_visit",
            AppointmentKind::Other => "other",
        }
    }

    pub fn parse(word: &str) -> Option<AppointmentKind> {
        AppointmentKind::ALL.into_iter().find(|kind| kind.as_str() == word)
    }

    /// What the appointment is called: "Intakegesprek" / "Intake interview".
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            AppointmentKind::Meldingsgesprek => ("Meldingsgesprek", "Reporting interview"),
            AppointmentKind::Intake => ("Intakegesprek", "Intake interview"),
            AppointmentKind::Rechtmatigheidsgesprek => ("Rechtmatigheidsgesprek", "Eligibility interview"),
            AppointmentKind::HomeVisit => ("Huisbezoek", "Home visit"),
            AppointmentKind::Other => ("Afspraak", "Appointment"),
        };
        language.pick(nl, en)
    }

    /// The ids of the policy deadlines (`[[deadline]]` in `shared/policies/*.toml`) that say by
    /// when an appointment of this kind must take place.
    pub fn deadline_ids(self) -> &'static [&'static str] {
        match self {
            AppointmentKind::Meldingsgesprek => &["meldingsgesprek"],
            AppointmentKind::Intake => &["integrale-intake", "groepsintake"],
            AppointmentKind::Rechtmatigheidsgesprek => &["rechtmatigheidsgesprek"],
            AppointmentKind::HomeVisit | AppointmentKind::Other => &[],
        }
    }
}

/// Planned or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppointmentStatus {
    Planned,
    Cancelled,
}

/// One appointment as this device or the worker has merged it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appointment {
    pub record: RecordRef,
    pub starts_at: LocalDateTime,
    pub duration_minutes: u32,
    pub place: Option<String>,
    pub with_whom: Option<String>,
    pub what_to_bring: Option<String>,
    pub kind: Option<AppointmentKind>,
    pub status: AppointmentStatus,
    pub slot_id: Option<String>,
    pub cancel_reason: Option<String>,
    /// A professional who was there marked it as taking place (`held`, data class notes: only
    /// staff devices and the worker know it). Time passing never makes an appointment held: the
    /// client may not have come.
    pub held: bool,
}

fn text_of(replica: &Replica, record: &RecordRef, field: &str) -> Option<String> {
    match replica.view(record, field) {
        Some(FieldView::Value(Value::String(text))) => Some(text),
        _ => None,
    }
}

fn number_of(replica: &Replica, record: &RecordRef, field: &str) -> Option<i64> {
    match replica.view(record, field) {
        Some(FieldView::Value(value)) => value.as_i64(),
        _ => None,
    }
}

impl Appointment {
    /// The appointment's fields from a replica; `None` while it has no valid start time.
    pub fn from_replica(replica: &Replica, record: &RecordRef) -> Option<Appointment> {
        let starts_at = LocalDateTime::parse(&text_of(replica, record, "starts_at")?)?;
        Some(Appointment {
            record: record.clone(),
            starts_at,
            duration_minutes: number_of(replica, record, "duration_minutes").unwrap_or(30).clamp(5, 480)
                as u32,
            place: text_of(replica, record, "place"),
            with_whom: text_of(replica, record, "with_whom"),
            what_to_bring: text_of(replica, record, "what_to_bring"),
            kind: text_of(replica, record, "kind").as_deref().and_then(AppointmentKind::parse),
            status: match text_of(replica, record, "status").as_deref() {
                Some("cancelled") => AppointmentStatus::Cancelled,
                _ => AppointmentStatus::Planned,
            },
            slot_id: text_of(replica, record, "slot_id"),
            cancel_reason: text_of(replica, record, "cancel_reason"),
            held: replica.view(record, "held") == Some(FieldView::Value(Value::Bool(true))),
        })
    }

    pub fn ends_at(&self) -> LocalDateTime {
        self.starts_at.plus_minutes(i64::from(self.duration_minutes))
    }

    pub fn title(&self, language: Language) -> &'static str {
        self.kind.unwrap_or(AppointmentKind::Other).label(language)
    }
}

/// The appointments of one client file in a replica: upcoming first (soonest first), then the
/// ones that are past (latest first).
pub fn appointments_of(replica: &Replica, client_id: &str, now: LocalDateTime) -> Vec<Appointment> {
    let mut records: Vec<&RecordRef> = replica
        .fields
        .keys()
        .map(|key| &key.record)
        .filter(|record| {
            record.kind == RecordKind::Appointment
                && record.owner == Owner::Client { client_id: client_id.to_owned() }
        })
        .collect();
    records.dedup();
    let mut appointments: Vec<Appointment> =
        records.into_iter().filter_map(|record| Appointment::from_replica(replica, record)).collect();
    appointments.sort_by(|a, b| {
        let (a_past, b_past) = (a.ends_at() < now, b.ends_at() < now);
        a_past.cmp(&b_past).then_with(|| {
            if a_past {
                b.starts_at.cmp(&a.starts_at)
            } else {
                a.starts_at.cmp(&b.starts_at)
            }
        })
    });
    appointments
}

/// Checks a reason for cancelling: required, at most [`MAX_CANCEL_REASON_CHARS`] characters.
pub fn check_cancel_reason(reason: &str) -> Result<String, Explanation> {
    let reason = reason.trim();
    let length = reason.chars().count();
    if reason.is_empty() {
        Err(Explanation::new(
            "Schrijf op waarom u de afspraak afzegt. Dan weet uw consulent dat.",
            "Write down why you cancel the appointment, so that your consultant knows.",
        ))
    } else if length > MAX_CANCEL_REASON_CHARS {
        Err(Explanation::new(
            format!("Uw reden is {length} tekens lang. Maak hem korter: hoogstens {MAX_CANCEL_REASON_CHARS} tekens."),
            format!("Your reason is {length} characters long. Make it shorter: at most {MAX_CANCEL_REASON_CHARS}."),
        ))
    } else if reason.chars().any(|c| c.is_control() && c != '\n') {
        Err(Explanation::new(
            "Er staat een onzichtbaar teken in uw reden. Typ hem opnieuw.",
            "Your reason contains an invisible character. Type it again.",
        ))
    } else {
        Ok(reason.to_owned())
    }
}

// ---------------------------------------------------------------------------------------------
// Booking: did the claim on the slot win?

/// Whether an appointment holds its slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookingState {
    /// Planned and, as far as this side knows, the slot is the client's.
    Booked,
    /// Cancelled (by the client, a consulent, or because the booking lost).
    Cancelled,
    /// Still planned, but someone else claimed the slot first: not booked. Show why, and cancel
    /// it with [`lost_reason`].
    Lost,
}

/// The rule for "this booking lost". A planned appointment booked in a slot lost it when
/// - the slot's merged `holder` register (as the worker and staff devices see it) holds another
///   client, or
/// - this device's claim on that slot came back refused because it was taken (`claim_refused`:
///   a client's device never sees the holder register itself, only its own claim's fate).
pub fn booking_state(
    appointment: &Appointment,
    slot_holder: Option<&Register>,
    claim_refused: bool,
) -> BookingState {
    if appointment.status == AppointmentStatus::Cancelled {
        return BookingState::Cancelled;
    }
    let Some(_) = &appointment.slot_id else { return BookingState::Booked };
    let client_id = match &appointment.record.owner {
        Owner::Client { client_id } => client_id.as_str(),
        _ => return BookingState::Booked,
    };
    let held_by_other = slot_holder.is_some_and(|register| match register.view() {
        FieldView::Value(Value::String(holder)) => holder != client_id,
        _ => false,
    });
    if held_by_other || claim_refused {
        BookingState::Lost
    } else {
        BookingState::Booked
    }
}

/// The reason stored with an appointment that is cancelled because its booking lost.
pub fn lost_reason() -> Explanation {
    Explanation::new(
        "Niet geboekt: iemand anders had dit tijdstip net eerder gekozen. Kies een ander tijdstip.",
        "Not booked: someone else chose this time just before you. Choose another time.",
    )
}

/// The slots whose claim by this device was refused because someone else had taken them, from
/// the changes set aside (operation and refusal code).
pub fn refused_claims<'a>(set_aside: impl IntoIterator<Item = (&'a Operation, &'a str)>) -> Vec<String> {
    set_aside
        .into_iter()
        .filter(|(operation, code)| {
            *code == "slot_taken"
                && operation.record.kind == RecordKind::Slot
                && operation.field == "holder"
                && !operation.value.is_null()
        })
        .map(|(operation, _)| operation.record.id.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Free slots

/// One slot as `GET /api/v1/slots/free` answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    pub id: String,
    pub starts_at: String,
    pub duration_minutes: u32,
    pub place: Option<String>,
    /// The caller (a client) holds it.
    pub mine: bool,
    /// Nobody holds it.
    pub free: bool,
    /// Who holds it: only for staff who may read it, never in a client's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// The answer of `GET /api/v1/slots/free`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlotsResponse {
    /// The team whose slots these are (a slot record's owner), or `None` when the caller has none.
    pub team_id: Option<String>,
    pub slots: Vec<FreeSlot>,
}

/// Who asks for free slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlotViewer {
    /// A client: sees free slots and their own, never who holds the others.
    Client { client_id: String },
    /// A consulent of the team: sees every slot and who holds it.
    Staff,
}

/// The fields of a slot (`RecordKind::Slot`): when, how long and where, and who holds it, where the
/// first claim wins. The catalogue's table (`catalogue.rs`) lists them with every other kind's
/// fields; they are written here because [`free_slots`] checks a team's slot operations against
/// them, and the journey does not reach up to the catalogue.
pub const SLOT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        name: "starts_at",
        class: DataClass::Slots,
        value: ValueRule::LocalDateTime,
        merge: MergeRule::LastWriterWins,
    },
    FieldSpec {
        name: "duration_minutes",
        class: DataClass::Slots,
        value: ValueRule::Number { min: 5, max: 8 * 60 },
        merge: MergeRule::LastWriterWins,
    },
    FieldSpec {
        name: "place",
        class: DataClass::Slots,
        value: ValueRule::Text { max_chars: 200 },
        merge: MergeRule::LastWriterWins,
    },
    FieldSpec {
        name: "holder",
        class: DataClass::SlotHolder,
        value: ValueRule::ClientId,
        merge: MergeRule::FirstClaimWins,
    },
];

/// A team's slots from its operations (in any order), merged with `merge`: those from `now` on,
/// by start time. A client gets only the free ones and their own; staff get all with the holder.
pub fn free_slots(operations: &[Operation], now: LocalDateTime, viewer: &SlotViewer) -> Vec<FreeSlot> {
    let mut replica = Replica::default();
    for operation in operations.iter().filter(|operation| operation.record.kind == RecordKind::Slot) {
        if let Ok(spec) = operation.check_against(SLOT_FIELDS) {
            replica.apply(operation, spec.merge);
        }
    }
    let mut records: Vec<&RecordRef> = replica.fields.keys().map(|key| &key.record).collect();
    records.dedup();
    let mut slots: Vec<(LocalDateTime, FreeSlot)> = records
        .into_iter()
        .filter_map(|record| {
            let starts_at = LocalDateTime::parse(&text_of(&replica, record, "starts_at")?)?;
            if starts_at < now {
                return None;
            }
            let holder = text_of(&replica, record, "holder");
            let mine =
                matches!(viewer, SlotViewer::Client { client_id } if holder.as_deref() == Some(client_id));
            let free = holder.is_none();
            let slot = FreeSlot {
                id: record.id.clone(),
                starts_at: starts_at.to_string(),
                duration_minutes: number_of(&replica, record, "duration_minutes").unwrap_or(30).clamp(5, 480)
                    as u32,
                place: text_of(&replica, record, "place"),
                mine,
                free,
                holder: match viewer {
                    SlotViewer::Staff => holder,
                    SlotViewer::Client { .. } => None,
                },
            };
            match viewer {
                SlotViewer::Client { .. } if !(free || mine) => None,
                _ => Some((starts_at, slot)),
            }
        })
        .collect();
    slots.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    slots.into_iter().map(|(_, slot)| slot).collect()
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// The policy deadline for an appointment of `kind` for the client in `situation`, computed by
/// the engine (`advice::advise_route`); `None` when the policy has none for this kind or its start
/// (application date, reporting back) is not known.
pub fn deadline_for(
    kind: AppointmentKind,
    policies: &[PolicyProfile],
    situation: &ClientSituation,
) -> Option<Deadline> {
    let policy = policy_on(policies, situation.municipality.as_deref()?, situation.application_date?)?;
    advise_route(situation, policy, None)
        .deadlines
        .into_iter()
        .find(|deadline| kind.deadline_ids().contains(&deadline.id.as_str()) && deadline.due.is_some())
}

/// Whether a slot is within a deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineFit {
    Within,
    After,
    /// No deadline applies.
    NoDeadline,
}

/// Slots within the deadline first, then the others; by start time within each group.
pub fn order_by_deadline(slots: &[FreeSlot], due: Option<Date>) -> Vec<(FreeSlot, DeadlineFit)> {
    let mut ordered: Vec<(FreeSlot, DeadlineFit)> = slots
        .iter()
        .map(|slot| {
            let fit = match (due, LocalDateTime::parse(&slot.starts_at)) {
                (Some(due), Some(starts_at)) if starts_at.date <= due => DeadlineFit::Within,
                (Some(_), _) => DeadlineFit::After,
                (None, _) => DeadlineFit::NoDeadline,
            };
            (slot.clone(), fit)
        })
        .collect();
    ordered.sort_by(|a, b| {
        (a.1 == DeadlineFit::After, &a.0.starts_at, &a.0.id).cmp(&(
            b.1 == DeadlineFit::After,
            &b.0.starts_at,
            &b.0.id,
        ))
    });
    ordered
}

// ---------------------------------------------------------------------------------------------
// iCalendar

/// Escapes TEXT (RFC 5545 3.3.11): backslash, semicolon, comma and new lines.
pub fn ics_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// Folds one content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character; each
/// continuation starts with a space. Ends every line with CRLF.
pub fn ics_fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > 75 {
            folded.push_str("\r\n ");
            octets = 1;
        }
        folded.push(c);
        octets += c.len_utf8();
    }
    folded.push_str("\r\n");
    folded
}

/// The appointment as an `.ics` file: one VEVENT (times in UTC) with a reminder one day and one
/// hour before, its words in `language`. `now_utc_ms` is the DTSTAMP.
pub fn appointment_ics(appointment: &Appointment, now_utc_ms: i64, language: Language) -> String {
    let start = appointment.starts_at.to_utc_minutes();
    let end = start + i64::from(appointment.duration_minutes);
    let title = appointment.title(language);
    let when = appointment.starts_at.in_words(language);
    let summary = language.pick(format!("{title} met de gemeente"), format!("{title} with the municipality"));
    let mut description = Vec::new();
    if let Some(with_whom) = &appointment.with_whom {
        description.push(language.pick(format!("Met: {with_whom}"), format!("With: {with_whom}")));
    }
    if let Some(what) = &appointment.what_to_bring {
        description.push(language.pick(format!("Neem mee: {what}"), format!("Bring: {what}")));
    }
    description.push(language.pick(format!("Wanneer: {when}"), format!("When: {when}")));
    let reminder = language.pick(format!("Herinnering: {summary}"), format!("Reminder: {summary}"));
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Naar Vermogen//Afspraken//NL".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@naar-vermogen", appointment.record.id),
        format!(
            "DTSTAMP:{}",
            utc_stamp(now_utc_ms.div_euclid(MS_PER_MINUTE), now_utc_ms.rem_euclid(MS_PER_MINUTE) / 1000)
        ),
        format!("DTSTART:{}", utc_stamp(start, 0)),
        format!("DTEND:{}", utc_stamp(end, 0)),
        format!("SUMMARY:{}", ics_escape(&summary)),
    ];
    if let Some(place) = &appointment.place {
        lines.push(format!("LOCATION:{}", ics_escape(place)));
    }
    lines.push(format!("DESCRIPTION:{}", ics_escape(&description.join("\n"))));
    lines.push(
        match appointment.status {
            AppointmentStatus::Planned => "STATUS:CONFIRMED",
            AppointmentStatus::Cancelled => "STATUS:CANCELLED",
        }
        .to_owned(),
    );
    for trigger in ["-P1D", "-PT1H"] {
        lines.push("BEGIN:VALARM".to_owned());
        lines.push("ACTION:DISPLAY".to_owned());
        lines.push(format!("TRIGGER:{trigger}"));
        lines.push(format!("DESCRIPTION:{}", ics_escape(&reminder)));
        lines.push("END:VALARM".to_owned());
    }
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| ics_fold(line)).collect()
}

/// Every field of the appointment record and its new value, for booking it in `slot`.
pub fn booking_fields(slot: &FreeSlot, kind: AppointmentKind) -> BTreeMap<&'static str, Value> {
    let mut fields = BTreeMap::from([
        ("starts_at", Value::from(slot.starts_at.clone())),
        ("duration_minutes", Value::from(slot.duration_minutes)),
        ("slot_id", Value::from(slot.id.clone())),
        ("status", Value::from("planned")),
        ("kind", Value::from(kind.as_str())),
    ]);
    if let Some(place) = &slot.place {
        fields.insert("place", Value::from(place.clone()));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::check_field_value;
    use crate::law::policy::embedded_policies;
    use crate::sync::hlc::Hlc;
    use crate::sync::merge::MergeOutcome;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OTHER: &str = "1b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const APPOINTMENT: &str = "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const SLOT: &str = "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const SLOT_2: &str = "4b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    fn at(text: &str) -> LocalDateTime {
        LocalDateTime::parse(text).unwrap()
    }

    fn slot_record(id: &str) -> RecordRef {
        RecordRef {
            kind: RecordKind::Slot,
            id: id.to_owned(),
            owner: Owner::Team { team_id: "team-noord".into() },
        }
    }

    fn appointment_record() -> RecordRef {
        RecordRef {
            kind: RecordKind::Appointment,
            id: APPOINTMENT.to_owned(),
            owner: Owner::Client { client_id: CLIENT.to_owned() },
        }
    }

    fn op(n: u32, record: RecordRef, field: &str, value: Value, wall_ms: u64, author: &str) -> Operation {
        Operation {
            op_id: format!("{n:08x}-0000-4000-8000-000000000000"),
            record,
            field: field.to_owned(),
            value,
            hlc: Hlc { wall_ms, counter: 0, node: format!("device-of-{author}") },
            author: author.to_owned(),
            stored_as: None,
        }
    }

    fn slot_ops(n: u32, id: &str, starts_at: &str) -> Vec<Operation> {
        vec![
            op(n, slot_record(id), "starts_at", json!(starts_at), 1, "consulent-sanne"),
            op(n + 1, slot_record(id), "duration_minutes", json!(45), 1, "consulent-sanne"),
            op(n + 2, slot_record(id), "place", json!("Stadhuis, balie 3"), 1, "consulent-sanne"),
        ]
    }

    fn appointment(fields: &[(&str, Value)]) -> Appointment {
        let mut replica = Replica::default();
        for (n, (field, value)) in fields.iter().enumerate() {
            let operation = op(n as u32 + 100, appointment_record(), field, value.clone(), 5, "client-daan");
            let spec = operation.check().unwrap();
            replica.apply(&operation, spec.merge);
        }
        Appointment::from_replica(&replica, &appointment_record()).unwrap()
    }

    #[test]
    fn the_new_appointment_fields_are_appointments_data() {
        use crate::sync::record::DataClass;
        for field in ["what_to_bring", "slot_id", "cancel_reason", "kind"] {
            assert_eq!(
                RecordKind::Appointment.field(field).unwrap().class,
                DataClass::Appointments,
                "{field}"
            );
        }
        for word in AppointmentKind::WORDS {
            assert!(check_field_value(RecordKind::Appointment, "kind", &json!(word)).is_ok());
            assert!(AppointmentKind::parse(word).is_some());
        }
        assert!(check_field_value(RecordKind::Appointment, "kind", &json!("koffie")).is_err());
        assert!(check_field_value(RecordKind::Appointment, "slot_id", &json!(SLOT)).is_ok());
        assert!(check_field_value(RecordKind::Appointment, "slot_id", &json!("slot-1")).is_err());
        assert!(check_field_value(RecordKind::Appointment, "cancel_reason", &json!("x".repeat(201))).is_err());
    }

    #[test]
    fn a_cancel_reason_is_required_and_short() {
        assert!(check_cancel_reason("  ").is_err());
        assert!(check_cancel_reason(&"a".repeat(201)).is_err());
        assert_eq!(check_cancel_reason(" Ik ben ziek ").unwrap(), "Ik ben ziek");
    }

    #[test]
    fn a_client_sees_free_slots_and_their_own_but_never_who_holds_the_others() {
        let mut operations = slot_ops(1, SLOT, "2026-12-01T09:30");
        operations.extend(slot_ops(10, SLOT_2, "2026-12-02T10:00"));
        operations.extend(slot_ops(20, "5b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e", "2026-11-01T10:00"));
        operations.extend(slot_ops(30, "6b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e", "2026-12-03T10:00"));
        operations.push(op(40, slot_record(SLOT_2), "holder", json!(OTHER), 10, "client-eva"));
        operations.push(op(
            41,
            slot_record("6b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e"),
            "holder",
            json!(CLIENT),
            11,
            "client-daan",
        ));
        let now = at("2026-11-30T12:00");
        let client = free_slots(&operations, now, &SlotViewer::Client { client_id: CLIENT.into() });
        let ids: Vec<(&str, bool)> = client.iter().map(|slot| (slot.id.as_str(), slot.mine)).collect();
        assert_eq!(
            ids,
            [(SLOT, false), ("6b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e", true)],
            "no past slot, no taken slot"
        );
        assert!(client.iter().all(|slot| slot.holder.is_none()));
        let text = serde_json::to_string(&client).unwrap();
        assert!(!text.contains(OTHER) && !text.contains("holder"), "{text}");
        assert_eq!(client[0].place.as_deref(), Some("Stadhuis, balie 3"));
        assert_eq!(client[0].duration_minutes, 45);

        let staff = free_slots(&operations, now, &SlotViewer::Staff);
        assert_eq!(staff.len(), 3);
        assert_eq!(staff[1].holder.as_deref(), Some(OTHER));
        assert!(!staff[1].free);
    }

    #[test]
    fn a_booking_that_lost_the_slot_is_not_booked() {
        let booked = appointment(&[
            ("starts_at", json!("2026-12-01T09:30")),
            ("slot_id", json!(SLOT)),
            ("status", json!("planned")),
        ]);
        // The worker's (or a consulent's) view: both claims in the register, the earlier wins.
        let mine = op(1, slot_record(SLOT), "holder", json!(CLIENT), 20, "client-daan");
        let theirs = op(2, slot_record(SLOT), "holder", json!(OTHER), 10, "client-eva");
        let (mut register, _) = Register::new(crate::sync::record::MergeRule::FirstClaimWins, &mine);
        assert!(matches!(register.apply(&theirs), MergeOutcome::Applied));
        assert_eq!(booking_state(&booked, Some(&register), false), BookingState::Lost);
        let (only_mine, _) = Register::new(crate::sync::record::MergeRule::FirstClaimWins, &mine);
        assert_eq!(booking_state(&booked, Some(&only_mine), false), BookingState::Booked);
        // The client's device: no register, but its claim came back refused.
        assert_eq!(booking_state(&booked, None, false), BookingState::Booked);
        assert_eq!(booking_state(&booked, None, true), BookingState::Lost);
        let refused = refused_claims([(&mine, "slot_taken"), (&theirs, "slot_not_yours")]);
        assert_eq!(refused, [SLOT]);
        // Once cancelled it is cancelled, whatever the slot.
        let cancelled = appointment(&[
            ("starts_at", json!("2026-12-01T09:30")),
            ("slot_id", json!(SLOT)),
            ("status", json!("cancelled")),
        ]);
        assert_eq!(booking_state(&cancelled, Some(&register), true), BookingState::Cancelled);
        assert!(lost_reason().nl.chars().count() <= MAX_CANCEL_REASON_CHARS);
    }

    #[test]
    fn appointments_list_upcoming_first() {
        let mut replica = Replica::default();
        let ids = [
            "7b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
            "8b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
            "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
        ];
        for (n, (id, starts_at)) in
            ids.iter().zip(["2026-11-01T09:00", "2026-12-10T09:00", "2026-12-05T09:00"]).enumerate()
        {
            let record = RecordRef { id: (*id).to_owned(), ..appointment_record() };
            replica.apply(
                &op(n as u32, record, "starts_at", json!(starts_at), 1, "client-daan"),
                crate::sync::record::MergeRule::LastWriterWins,
            );
        }
        let list = appointments_of(&replica, CLIENT, at("2026-11-30T12:00"));
        let order: Vec<&str> = list.iter().map(|a| a.record.id.as_str()).collect();
        assert_eq!(order, [ids[2], ids[1], ids[0]]);
        assert!(appointments_of(&replica, OTHER, at("2026-11-30T12:00")).is_empty());
    }

    fn situation(municipality: &str, application: &str) -> ClientSituation {
        ClientSituation {
            municipality: Some(municipality.to_owned()),
            application_date: Some(Date::parse_iso(application).unwrap()),
            ..ClientSituation::default()
        }
    }

    #[test]
    fn deadlines_come_from_the_policy_engine() {
        let policies = embedded_policies();
        // Tilburg: meldingsgesprek within 3 calendar days (running on past the weekend).
        // Friday 27 November 2026 + 3 days = Monday 30 November.
        let tilburg =
            deadline_for(AppointmentKind::Meldingsgesprek, policies, &situation("Tilburg", "2026-11-27"));
        assert_eq!(tilburg.unwrap().due, Some(Date::parse_iso("2026-11-30").unwrap()));
        // Alphen: integrale intake within 5 working days: Friday 27 Nov → Friday 4 December.
        let alphen =
            deadline_for(AppointmentKind::Intake, policies, &situation("alphen-aan-den-rijn", "2026-11-27"));
        assert_eq!(alphen.unwrap().due, Some(Date::parse_iso("2026-12-04").unwrap()));
        assert_eq!(deadline_for(AppointmentKind::Other, policies, &situation("Tilburg", "2026-11-27")), None);
        assert_eq!(
            deadline_for(AppointmentKind::Intake, policies, &situation("Tilburg", "2026-11-27")),
            None
        );
        assert_eq!(
            deadline_for(AppointmentKind::Meldingsgesprek, policies, &situation("Atlantis", "2026-11-27")),
            None
        );
    }

    #[test]
    fn every_deadline_an_appointment_kind_names_exists_in_a_policy() {
        let policies = embedded_policies();
        for kind in AppointmentKind::ALL {
            for id in kind.deadline_ids() {
                assert!(
                    policies.iter().any(|policy| policy.deadlines.iter().any(|rule| rule.id == *id)),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn slots_within_the_deadline_come_first() {
        let slot = |id: &str, starts_at: &str| FreeSlot {
            id: id.to_owned(),
            starts_at: starts_at.to_owned(),
            duration_minutes: 30,
            place: None,
            mine: false,
            free: true,
            holder: None,
        };
        let slots = [
            slot("a", "2026-12-01T09:00"),
            slot("b", "2026-11-30T16:00"),
            slot("c", "2026-11-30T09:00"),
            slot("d", "2026-12-07T09:00"),
        ];
        let ordered = order_by_deadline(&slots, Some(Date::parse_iso("2026-11-30").unwrap()));
        let order: Vec<(&str, DeadlineFit)> =
            ordered.iter().map(|(slot, fit)| (slot.id.as_str(), *fit)).collect();
        assert_eq!(
            order,
            [
                ("c", DeadlineFit::Within),
                ("b", DeadlineFit::Within),
                ("a", DeadlineFit::After),
                ("d", DeadlineFit::After)
            ]
        );
        let without = order_by_deadline(&slots, None);
        assert!(without.iter().all(|(_, fit)| *fit == DeadlineFit::NoDeadline));
        assert_eq!(without[0].0.id, "c");
    }

    #[test]
    fn text_is_escaped_for_icalendar() {
        assert_eq!(ics_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "é".repeat(60));
        let folded = ics_fold(&line);
        assert!(folded.ends_with("\r\n"));
        for part in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(ics_fold("SHORT"), "SHORT\r\n");
    }

    #[test]
    fn an_appointment_becomes_an_ics_file_with_two_reminders() {
        let booked = appointment(&[
            ("starts_at", json!("2026-12-01T09:30")),
            ("duration_minutes", json!(45)),
            ("place", json!("Stadhuis, Stadhuisplein 1; balie 3")),
            ("with_whom", json!("Sanne de Vries")),
            ("what_to_bring", json!("Uw identiteitsbewijs, loonstroken van de laatste 3 maanden en bankafschriften van uw rekening")),
            ("kind", json!("meldingsgesprek")),
        ]);
        let ics = appointment_ics(
            &booked,
            at("2026-11-28T10:15").to_utc_minutes() * MS_PER_MINUTE + 7_000,
            Language::Dutch,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count(), "every line ends in CRLF");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("\r\nUID:{APPOINTMENT}@naar-vermogen\r\n")));
        assert!(unfolded.contains("\r\nDTSTAMP:20261128T091507Z\r\n"));
        assert!(unfolded.contains("\r\nDTSTART:20261201T083000Z\r\n"));
        assert!(unfolded.contains("\r\nDTEND:20261201T091500Z\r\n"));
        assert!(unfolded.contains("\r\nSUMMARY:Meldingsgesprek met de gemeente\r\n"));
        assert!(unfolded.contains("\r\nLOCATION:Stadhuis\\, Stadhuisplein 1\\; balie 3\r\n"));
        assert!(unfolded
            .contains("\r\nDESCRIPTION:Met: Sanne de Vries\\nNeem mee: Uw identiteitsbewijs\\, loonstroken"));
        assert_eq!(unfolded.matches("BEGIN:VALARM").count(), 2);
        assert!(unfolded.contains("TRIGGER:-P1D\r\n") && unfolded.contains("TRIGGER:-PT1H\r\n"));
        assert!(ics.contains("\r\n "), "the long description is folded");
        assert!(unfolded.contains("\\nWanneer: dinsdag 1 december 2026\\, 09:30\r\n"));
        assert!(unfolded.contains("\r\nDESCRIPTION:Herinnering: Meldingsgesprek met de gemeente\r\n"));
    }

    #[test]
    fn the_ics_file_speaks_english_when_the_app_does() {
        let booked = appointment(&[
            ("starts_at", json!("2026-12-01T09:30")),
            ("duration_minutes", json!(45)),
            ("with_whom", json!("Sanne de Vries")),
            ("what_to_bring", json!("Your ID")),
            ("kind", json!("intake")),
        ]);
        let ics = appointment_ics(&booked, 0, Language::English);
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("\r\nSUMMARY:Intake interview with the municipality\r\n"), "{unfolded}");
        assert!(unfolded.contains(
            "\r\nDESCRIPTION:With: Sanne de Vries\\nBring: Your ID\\nWhen: Tuesday 1 December 2026\\, 09:30\r\n"
        ));
        assert!(unfolded.contains("\r\nDESCRIPTION:Reminder: Intake interview with the municipality\r\n"));
        assert!(
            !unfolded.contains("gemeente") && !unfolded.contains("Neem mee"),
            "no Dutch left: {unfolded}"
        );
        // The times do not depend on the language.
        assert!(unfolded.contains("\r\nDTSTART:20261201T083000Z\r\n"));
    }

    #[test]
    fn every_appointment_kind_has_a_name_in_both_languages() {
        for kind in AppointmentKind::ALL {
            assert!(!kind.label(Language::Dutch).is_empty());
            assert_ne!(kind.label(Language::Dutch), kind.label(Language::English), "{kind:?}");
        }
    }
}
