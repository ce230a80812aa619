//! The records that devices and the worker keep in sync, field by field: a client's file
//! (dossier) with what hangs off it, and group work.
//!
//! Every change is made to one field of one record (see `sync_protocol::Operation`). This module
//! says which records and fields exist, who owns a record (a client's file, a group, a client in
//! a group, a team), which kind of data a field holds (the [`DataClass`] that `access` decides
//! on), how its value is checked, and how concurrent changes to it are merged (`merge`).
//!
//! Dutch domain words kept as names:
//! - *klantfoto*: the client's own picture of their situation across life domains (leefgebieden),
//!   scored 1 (acute problem) to 5 (fully self-reliant), after the Zelfredzaamheidsmatrix (ZRM).
//! - *inspanningspakket*: the job-search duties a new applicant carries out before the eligibility
//!   interview (for example 20 applications, register with temp agencies); one [`RecordKind::Duty`]
//!   per duty.
//! - *aanvraag*: an application for benefit (bijstand). Submitting one makes the worker open a
//!   *zaak* (case) for it in the municipality's case system (`worker/src/municipal/`).

use crate::calendar::Date;
use crate::client_id::looks_like_uuid_v4;
use crate::preferred_name::PreferredName;
use crate::text::Explanation;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The client's file itself: name and basic facts. Its id is the client id.
    Dossier,
    /// The klantfoto of a client file. Its id is the client id (one per file).
    Klantfoto,
    /// One duty of the inspanningspakket.
    Duty,
    /// An appointment of the client with someone of the municipality.
    Appointment,
    /// A professional's note in the client file (never shown to trainers or policy makers).
    Note,
    /// A training group (for example Sterk naar Werk).
    Group,
    /// One session (dagdeel) of a group.
    GroupSession,
    /// One participant's attendance at one session. Its id is `<session id>.<client id>`, so
    /// that two trainers ticking the same participant write the same record.
    Attendance,
    /// A participant's place in a group. Its id is `<group id>.<client id>`.
    Membership,
    /// A time slot a team offers for appointments; one client can book it.
    Slot,
    /// One job application (sollicitatie) logged for the inspanningspakket.
    JobApplication,
    /// A registration with a temp agency (uitzendbureau) for the inspanningspakket.
    AgencyRegistration,
    /// Whether one document (bewijsstuk) of the inspanningspakket is ready. Its id is
    /// `<client id>.<document id>`, so two devices ticking it write the same record.
    DocumentReady,
    /// How far a participant is with one end goal (eindterm) of their group's programme. Its id is
    /// `<group id>.<client id>.<end goal id>`, so two trainers write the same record.
    EndGoalProgress,
    /// The consulent's decision on a client's next step (a route of the policy and an instrument
    /// in it, from a day), with the reason and the route the engine advised beside it. One record
    /// per decision, so earlier decisions stay.
    Decision,
    /// An application (aanvraag) for benefit, with the applicant's BSN. Submitting it (its
    /// `submitted_on`) opens a zaak in the municipality's case system. A file may hold several.
    Aanvraag,
}

/// Who a record belongs to; decides who may see it (see `access`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Owner {
    /// The file of one client.
    Client { client_id: String },
    /// A group as a whole (its name, its sessions).
    Group { group_id: String },
    /// One client within one group (attendance, membership).
    GroupMember { group_id: String, client_id: String },
    /// A team of consulents and outreach workers (its appointment slots).
    Team { team_id: String },
}

impl Owner {
    /// The client file the record is about, if any (a client's own, or one member of a group).
    pub fn client_id(&self) -> Option<&str> {
        match self {
            Owner::Client { client_id } | Owner::GroupMember { client_id, .. } => Some(client_id),
            Owner::Group { .. } | Owner::Team { .. } => None,
        }
    }

    /// The training group the record is about, if any (the group itself, or one of its members).
    pub fn group_id(&self) -> Option<&str> {
        match self {
            Owner::Group { group_id } | Owner::GroupMember { group_id, .. } => Some(group_id),
            Owner::Client { .. } | Owner::Team { .. } => None,
        }
    }
}

/// What kind of data a field holds; the unit of the authorization decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataClass {
    /// The name a client is called by: trainers see it for their groups.
    Name,
    /// Facts of the file: birth date, municipality, application date.
    Details,
    /// The klantfoto's life-domain scores and crisis answers: special-category data.
    Klantfoto,
    /// The inspanningspakket.
    Duties,
    Appointments,
    /// Professionals' notes.
    Notes,
    /// Groups and their sessions.
    GroupPlanning,
    Attendance,
    Membership,
    /// A team's appointment slots: when and where.
    Slots,
    /// Who booked a slot: a client may book or release, but never see who else booked.
    SlotHolder,
    /// Progress on the end goals (eindtermen) of a group programme: trainers write it, the client
    /// and their consulent and outreach worker read it.
    EndGoals,
    /// The consulent's decisions on the next step: the consulent makes them, the client and the
    /// outreach worker read them.
    Decisions,
}

/// How concurrent changes to a field are merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeRule {
    /// The change with the latest clock wins.
    LastWriterWins,
    /// Every author keeps their own latest value; when authors disagree the field is shown as
    /// disputed with every author's value, instead of one silently winning (attendance).
    EachAuthorCounts,
    /// The first claim (by clock) on a free place wins; later claims are refused with a reason;
    /// the holder can release it (booking the last slot).
    FirstClaimWins,
}

/// How a field's value is checked. `null` (cleared) is accepted for every field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueRule {
    /// Text of 1 to `max_chars` characters, without control characters other than new lines.
    Text {
        max_chars: usize,
    },
    /// A preferred name, checked by `PreferredName::parse`, as stored (trimmed).
    PreferredName,
    /// A date `YYYY-MM-DD`.
    Date,
    /// A local date and time `YYYY-MM-DDTHH:MM` (Dutch time).
    LocalDateTime,
    /// A whole number between `min` and `max`.
    Number {
        min: i64,
        max: i64,
    },
    YesOrNo,
    /// One of the listed words.
    OneOf(&'static [&'static str]),
    /// The id of a client file (lower-case UUID v4).
    ClientId,
    /// The id of another record (lower-case UUID v4), for example the slot an appointment is in.
    RecordId,
    /// A BSN: nine digits that pass the 11-proof (`bsn::Bsn`).
    Bsn,
}

/// What a field is: its data class, value check and merge rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub class: DataClass,
    pub value: ValueRule,
    pub merge: MergeRule,
}

const fn field(name: &'static str, class: DataClass, value: ValueRule) -> FieldSpec {
    FieldSpec { name, class, value, merge: MergeRule::LastWriterWins }
}

const MINUTES: ValueRule = ValueRule::Number { min: 5, max: 8 * 60 };

const DOSSIER_FIELDS: &[FieldSpec] = &[
    field("preferred_name", DataClass::Name, ValueRule::PreferredName),
    field("birth_date", DataClass::Details, ValueRule::Date),
    field("municipality", DataClass::Details, ValueRule::Text { max_chars: 80 }),
    field("application_date", DataClass::Details, ValueRule::Date),
    // The day the client reported back after the inspanningspakket (terugmelden): the
    // rechtmatigheidsgesprek is due within the policy's days after it.
    field("reported_back_on", DataClass::Details, ValueRule::Date),
    // A professional's signal that the client is in crisis now (what is wrong, in words); cleared
    // when it is solved. Kept with the notes: never shown to the client or a trainer.
    field("crisis_signal", DataClass::Notes, ValueRule::Text { max_chars: 500 }),
];

/// The klantfoto's fields come from its set of questions (`klantfoto.rs`, data), made once.
fn klantfoto_fields() -> &'static [FieldSpec] {
    static FIELDS: std::sync::OnceLock<Vec<FieldSpec>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| crate::klantfoto::KlantfotoSet::embedded().field_specs())
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
    field("kind", DataClass::Appointments, ValueRule::OneOf(crate::appointment::AppointmentKind::WORDS)),
    // Issue 7: the professional who held the appointment (a home visit done, an interview that took
    // place) says so; that makes it a klantcontact at the municipality. Class `notes`: only the
    // team's outreach workers and consulents write and read it.
    field("held", DataClass::Notes, ValueRule::YesOrNo),
];

const NOTE_FIELDS: &[FieldSpec] = &[field("text", DataClass::Notes, ValueRule::Text { max_chars: 4000 })];

const GROUP_FIELDS: &[FieldSpec] = &[
    field("name", DataClass::GroupPlanning, ValueRule::Text { max_chars: 120 }),
    // Issue 6: the programme the group follows (`<policy id>/<programme id>`, see
    // `programme::programme_by_ref`) and the day it starts.
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
    value: ValueRule::OneOf(crate::attendance::Mark::WORDS),
    merge: MergeRule::EachAuthorCounts,
}];

const END_GOAL_PROGRESS_FIELDS: &[FieldSpec] =
    &[field("level", DataClass::EndGoals, ValueRule::OneOf(crate::attendance::Progress::WORDS))];

const MEMBERSHIP_FIELDS: &[FieldSpec] =
    &[field("status", DataClass::Membership, ValueRule::OneOf(&["member", "left"]))];

const SLOT_FIELDS: &[FieldSpec] = &[
    field("starts_at", DataClass::Slots, ValueRule::LocalDateTime),
    field("duration_minutes", DataClass::Slots, MINUTES),
    field("place", DataClass::Slots, ValueRule::Text { max_chars: 200 }),
    FieldSpec {
        name: "holder",
        class: DataClass::SlotHolder,
        value: ValueRule::ClientId,
        merge: MergeRule::FirstClaimWins,
    },
];

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

/// The author of the operations the worker makes from what the municipality's zaak system says.
pub const MUNICIPALITY_AUTHOR: &str = "gemeente";

impl RecordKind {
    pub const ALL: [RecordKind; 16] = [
        RecordKind::Dossier,
        RecordKind::Klantfoto,
        RecordKind::Duty,
        RecordKind::Appointment,
        RecordKind::Note,
        RecordKind::Group,
        RecordKind::GroupSession,
        RecordKind::Attendance,
        RecordKind::Membership,
        RecordKind::Slot,
        RecordKind::JobApplication,
        RecordKind::AgencyRegistration,
        RecordKind::DocumentReady,
        RecordKind::EndGoalProgress,
        RecordKind::Decision,
        RecordKind::Aanvraag,
    ];

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

    /// Fields that only the municipality's zaak system sets (through the worker): the zaak's
    /// number, its status and when it was closed. A device may read them, never write them.
    pub fn set_by_the_municipality(self, field: &str) -> bool {
        self == RecordKind::Aanvraag && field.starts_with("zaak_")
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Dossier => "dossier",
            RecordKind::Klantfoto => "klantfoto",
            RecordKind::Duty => "duty",
            RecordKind::Appointment => "appointment",
            RecordKind::Note => "note",
            RecordKind::Group => "group",
            RecordKind::GroupSession => "group_session",
            RecordKind::Attendance => "attendance",
            RecordKind::Membership => "membership",
            RecordKind::Slot => "slot",
            RecordKind::JobApplication => "job_application",
            RecordKind::AgencyRegistration => "agency_registration",
            RecordKind::DocumentReady => "document_ready",
            RecordKind::EndGoalProgress => "end_goal_progress",
            RecordKind::Decision => "decision",
            RecordKind::Aanvraag => "aanvraag",
        }
    }

    pub fn parse(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One record: its kind, its id and its owner.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
    pub owner: Owner,
}

/// A change that does not fit the record model. Says what is wrong, where and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    pub code: &'static str,
    /// The part of the operation that is wrong: `record.id`, `record.owner`, `field` or `value`.
    pub field: &'static str,
    pub explanation: Explanation,
}

fn error(code: &'static str, field: &'static str, nl: String, en: String) -> RecordError {
    RecordError { code, field, explanation: Explanation::new(nl, en) }
}

impl RecordRef {
    /// Checks that the id has the form the kind asks for and that the owner fits the record.
    pub fn check(&self) -> Result<(), RecordError> {
        let owner_fits = match (&self.owner, self.kind) {
            (Owner::Client { client_id }, RecordKind::Dossier | RecordKind::Klantfoto) => {
                looks_like_uuid_v4(client_id) && self.id == *client_id
            }
            // A duty is one of its own (a UUID), or one the policy names, once per file
            // ("<client id>.<name>", like the inspanningspakket's "look into an education").
            (Owner::Client { client_id }, RecordKind::Duty) => {
                looks_like_uuid_v4(client_id)
                    && (looks_like_uuid_v4(&self.id) || is_named_for(&self.id, client_id))
            }
            (
                Owner::Client { client_id },
                RecordKind::Decision
                | RecordKind::Appointment
                | RecordKind::Note
                | RecordKind::JobApplication
                | RecordKind::AgencyRegistration
                | RecordKind::Aanvraag,
            ) => looks_like_uuid_v4(client_id) && looks_like_uuid_v4(&self.id),
            (Owner::Group { group_id }, RecordKind::Group) => {
                looks_like_uuid_v4(group_id) && self.id == *group_id
            }
            (Owner::Group { group_id }, RecordKind::GroupSession) => {
                looks_like_uuid_v4(group_id) && looks_like_uuid_v4(&self.id)
            }
            (Owner::GroupMember { group_id, client_id }, RecordKind::Attendance) => {
                looks_like_uuid_v4(group_id)
                    && self.id.split_once('.').is_some_and(|(session, client)| {
                        looks_like_uuid_v4(session) && client == client_id && looks_like_uuid_v4(client)
                    })
            }
            (Owner::GroupMember { group_id, client_id }, RecordKind::Membership) => {
                looks_like_uuid_v4(client_id)
                    && self.id == format!("{group_id}.{client_id}")
                    && looks_like_uuid_v4(group_id)
            }
            (Owner::GroupMember { group_id, client_id }, RecordKind::EndGoalProgress) => {
                looks_like_uuid_v4(group_id)
                    && looks_like_uuid_v4(client_id)
                    && self.id.strip_prefix(&format!("{group_id}.{client_id}.")).is_some_and(is_plain_id)
            }
            (Owner::Client { client_id }, RecordKind::DocumentReady) => {
                looks_like_uuid_v4(client_id) && is_named_for(&self.id, client_id)
            }
            (Owner::Team { team_id }, RecordKind::Slot) => {
                is_team_id(team_id) && looks_like_uuid_v4(&self.id)
            }
            _ => false,
        };
        if owner_fits {
            Ok(())
        } else {
            Err(error(
                "record_does_not_fit_owner",
                "record",
                format!(
                    "Het nummer of de eigenaar van dit {}-record klopt niet. Werk de app bij.",
                    self.kind.as_str()
                ),
                format!(
                    "The id or owner of this {} record is not valid. Update the app.",
                    self.kind.as_str()
                ),
            ))
        }
    }
}

/// Checks that `field` exists on records of `kind` and that `value` fits it.
pub fn check_field_value(
    kind: RecordKind,
    field: &str,
    value: &Value,
) -> Result<&'static FieldSpec, RecordError> {
    let Some(spec) = kind.field(field) else {
        let known: Vec<&str> = kind.fields().iter().map(|spec| spec.name).collect();
        return Err(error(
            "unknown_field",
            "field",
            format!(
                "Het veld '{}' bestaat niet bij {}. Wel: {}.",
                short(field),
                kind.as_str(),
                known.join(", ")
            ),
            format!(
                "There is no field '{}' on {}. Known: {}.",
                short(field),
                kind.as_str(),
                known.join(", ")
            ),
        ));
    };
    if value.is_null() {
        return Ok(spec);
    }
    match check_value(spec.value, value) {
        Ok(()) => Ok(spec),
        Err((nl, en)) => Err(error(
            "invalid_value",
            "value",
            format!("De waarde voor '{}' klopt niet: {nl}", spec.name),
            format!("The value for '{}' is not valid: {en}", spec.name),
        )),
    }
}

/// `<client id>.<plain name>`: a record a client file has once, named by the policy.
fn is_named_for(id: &str, client_id: &str) -> bool {
    id.split_once('.').is_some_and(|(client, name)| client == client_id && is_plain_id(name))
}

/// Field names from a device are echoed in errors: never more than 40 characters of them.
fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

fn check_value(rule: ValueRule, value: &Value) -> Result<(), (String, String)> {
    let text = || value.as_str().ok_or(("het moet tekst zijn.".to_owned(), "it must be text.".to_owned()));
    match rule {
        ValueRule::Text { max_chars } => {
            let text = text()?;
            let length = text.chars().count();
            if text.trim().is_empty() {
                Err((
                    "het is leeg. Vul iets in, of wis het veld.".into(),
                    "it is empty. Fill it in, or clear the field.".into(),
                ))
            } else if length > max_chars {
                Err((
                    format!("het is {length} tekens lang; het mag hoogstens {max_chars} tekens zijn."),
                    format!("it is {length} characters long; at most {max_chars} are allowed."),
                ))
            } else if text.chars().any(|c| c.is_control() && c != '\n') {
                Err((
                    "er staat een onzichtbaar teken in. Typ de tekst opnieuw.".into(),
                    "it contains an invisible character. Type the text again.".into(),
                ))
            } else {
                Ok(())
            }
        }
        ValueRule::PreferredName => {
            let text = text()?;
            match PreferredName::parse(text) {
                Ok(name) if name.as_str() == text => Ok(()),
                Ok(_) => Err((
                    "er staan spaties aan het begin of eind.".into(),
                    "it starts or ends with spaces.".into(),
                )),
                Err(problem) => {
                    let explanation = problem.explanation();
                    Err((explanation.nl, explanation.en))
                }
            }
        }
        ValueRule::Date => Date::parse_iso(text()?)
            .map(|_| ())
            .map_err(|_| ("gebruik een datum als 2026-11-26.".into(), "use a date like 2026-11-26.".into())),
        ValueRule::LocalDateTime => {
            let ok = text()?
                .split_once('T')
                .is_some_and(|(date, time)| Date::parse_iso(date).is_ok() && is_clock_time(time));
            if ok {
                Ok(())
            } else {
                Err((
                    "gebruik een datum en tijd als 2026-11-26T14:30.".into(),
                    "use a date and time like 2026-11-26T14:30.".into(),
                ))
            }
        }
        ValueRule::Number { min, max } => match value.as_i64() {
            Some(number) if (min..=max).contains(&number) => Ok(()),
            _ => Err((
                format!("kies een heel getal van {min} tot en met {max}."),
                format!("choose a whole number from {min} to {max}."),
            )),
        },
        ValueRule::YesOrNo => {
            value.as_bool().map(|_| ()).ok_or(("kies ja of nee.".into(), "choose yes or no.".into()))
        }
        ValueRule::OneOf(words) => match value.as_str() {
            Some(word) if words.contains(&word) => Ok(()),
            _ => Err((
                format!("kies een van: {}.", words.join(", ")),
                format!("choose one of: {}.", words.join(", ")),
            )),
        },
        ValueRule::ClientId => {
            if looks_like_uuid_v4(text()?) {
                Ok(())
            } else {
                Err(("dit is geen dossiernummer.".into(), "this is not a client file id.".into()))
            }
        }
        ValueRule::RecordId => {
            if looks_like_uuid_v4(text()?) {
                Ok(())
            } else {
                Err(("dit is geen geldig nummer.".into(), "this is not a valid id.".into()))
            }
        }
        ValueRule::Bsn => crate::bsn::Bsn::parse(text()?).map(|_| ()).map_err(|why| (why.nl, why.en)),
    }
}

/// An id made of 1 to 40 lower-case letters and `_` (a document of the inspanningspakket).
pub fn is_plain_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// A team id as the staff identity provider names teams: 1 to 64 letters, digits, `-` or `_`.
pub fn is_team_id(team_id: &str) -> bool {
    (1..=64).contains(&team_id.len())
        && team_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `HH:MM`, 00:00 to 23:59.
pub fn is_clock_time(time: &str) -> bool {
    let bytes = time.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && time[..2].parse::<u32>().is_ok_and(|hour| hour < 24)
        && time[3..].parse::<u32>().is_ok_and(|minute| minute < 60)
        && bytes.iter().enumerate().all(|(i, b)| i == 2 || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OTHER: &str = "1b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    fn client_record(kind: RecordKind, id: &str) -> RecordRef {
        RecordRef { kind, id: id.to_owned(), owner: Owner::Client { client_id: CLIENT.to_owned() } }
    }

    #[test]
    fn every_klantfoto_life_domain_is_a_score_field() {
        for domain in &crate::klantfoto::KlantfotoSet::embedded().domains {
            let spec = RecordKind::Klantfoto.field(&domain.id).unwrap();
            assert_eq!(spec.value, ValueRule::Number { min: 1, max: 5 }, "{}", domain.id);
        }
    }

    #[test]
    fn a_record_must_fit_its_owner() {
        assert!(client_record(RecordKind::Dossier, CLIENT).check().is_ok());
        assert!(
            client_record(RecordKind::Dossier, OTHER).check().is_err(),
            "a dossier's id is its client id"
        );
        assert!(client_record(RecordKind::Note, OTHER).check().is_ok());
        assert!(client_record(RecordKind::Aanvraag, OTHER).check().is_ok(), "a file may hold several");
        assert!(
            client_record(RecordKind::Attendance, OTHER).check().is_err(),
            "attendance belongs to a group member"
        );
        let attendance = RecordRef {
            kind: RecordKind::Attendance,
            id: format!("{OTHER}.{CLIENT}"),
            owner: Owner::GroupMember { group_id: OTHER.to_owned(), client_id: CLIENT.to_owned() },
        };
        assert!(attendance.check().is_ok());
        let someone_else = RecordRef { id: format!("{OTHER}.{OTHER}"), ..attendance };
        assert!(someone_else.check().is_err(), "the id names the same client as the owner");
        let slot = |team: &str| RecordRef {
            kind: RecordKind::Slot,
            id: OTHER.to_owned(),
            owner: Owner::Team { team_id: team.to_owned() },
        };
        assert!(slot("team-noord").check().is_ok());
        assert!(slot("team noord").check().is_err());
        let duty = |id: String| RecordRef {
            kind: RecordKind::Duty,
            id,
            owner: Owner::Client { client_id: CLIENT.to_owned() },
        };
        assert!(duty(OTHER.to_owned()).check().is_ok(), "a duty of its own");
        assert!(duty(format!("{CLIENT}.look_into_education")).check().is_ok(), "a duty the policy names");
        assert!(duty(format!("{OTHER}.look_into_education")).check().is_err(), "named for another file");
        assert!(duty(format!("{CLIENT}.look into")).check().is_err(), "not a plain name");
        let progress = |id: String| RecordRef {
            kind: RecordKind::EndGoalProgress,
            id,
            owner: Owner::GroupMember { group_id: OTHER.to_owned(), client_id: CLIENT.to_owned() },
        };
        assert!(progress(format!("{OTHER}.{CLIENT}.cv")).check().is_ok());
        assert!(progress(format!("{CLIENT}.{OTHER}.cv")).check().is_err(), "group first, then client");
        assert!(progress(format!("{OTHER}.{CLIENT}.")).check().is_err(), "an end goal id");
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

    #[test]
    fn record_kinds_read_back_from_their_names() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
    }
}
