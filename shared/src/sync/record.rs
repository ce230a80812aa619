//! The records that devices and the worker keep in sync, field by field: a client's file
//! (dossier) with what hangs off it, and group work.
//!
//! Every change is made to one field of one record (see `sync_protocol::Operation`). This module
//! says which kinds of record exist, who owns a record (a client's file, a group, a client in a
//! group, a team), the kinds of data a field can hold (the [`DataClass`] that `access` decides
//! on), how a value is checked ([`ValueRule`]), and how concurrent changes are merged
//! ([`MergeRule`], see `merge`). Which fields each kind has is the catalogue's table
//! (`catalogue.rs`), above the sync core, since some fields allow the client journey's words.
//!
//! Dutch domain words kept as names:
//! - *klantfoto*: the client's own picture of their situation across life domains (leefgebieden),
//!   scored 1 (acute problem) to 5 (fully self-reliant), after the Zelfredzaamheidsmatrix (ZRM).
//! - *inspanningspakket*: the job-search duties a new applicant carries out before the eligibility
//!   interview (for example 20 applications, register with temp agencies); one [`RecordKind::Duty`]
//!   per duty.
//! - *aanvraag*: an application for benefit (bijstand). Submitting one makes the worker open a
//!   *zaak* (case) for it in the municipality's case system (`worker/src/municipal/`).

use crate::client_id::looks_like_uuid_v4;
use crate::formats::{is_clock_time, is_plain_id};
use crate::law::calendar::Date;
use crate::law::local_time::{LocalDateTime, MS_PER_MINUTE};
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
    /// The first claim the worker stored on a free place wins; later claims are refused with a
    /// reason; the holder can release it (booking the last slot).
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
    /// A date `YYYY-MM-DD` that has passed: up to the day the change was made (in Amsterdam, by the operation's clock, which the worker does not let run ahead:
    /// `Operation::check`). A birth date.
    PastDate,
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

/// The author of the operations the worker makes from what the municipality's zaak system says.
pub const MUNICIPALITY_AUTHOR: &str = "gemeente";

/// The author of the operations the worker makes from the law engine's advice.
pub const ENGINE_AUTHOR: &str = "naar-vermogen";

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

    /// Fields that only the municipality's zaak system sets (through the worker): the zaak's
    /// number, its status and when it was closed. A device may read them, never write them.
    pub fn set_by_the_municipality(self, field: &str) -> bool {
        self == RecordKind::Aanvraag && field.starts_with("zaak_")
    }

    /// Fields the worker writes from the law engine (author [`ENGINE_AUTHOR`]), never a device: what
    /// the engine advised beside a decision.
    pub fn set_by_the_engine(self, field: &str) -> bool {
        self == RecordKind::Decision && field == "advised_route_id"
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
            // A session's id is made from its group's (`journey::attendance::session_id_for`), an
            // attendance's from its session and client: nobody can take another group's ids first.
            (Owner::Group { group_id }, RecordKind::GroupSession) => {
                looks_like_uuid_v4(group_id) && is_session_of(&self.id, group_id)
            }
            (Owner::GroupMember { group_id, client_id }, RecordKind::Attendance) => {
                looks_like_uuid_v4(group_id)
                    && self.id.split_once('.').is_some_and(|(session, client)| {
                        is_session_of(session, group_id) && client == client_id && looks_like_uuid_v4(client)
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

/// Checks that `field` is one of `fields_of_the_kind` (the fields of records of `kind`, from the
/// catalogue's table) and that `value` fits it.
pub fn check_field_value_against(
    fields_of_the_kind: &'static [FieldSpec],
    kind: RecordKind,
    field: &str,
    value: &Value,
) -> Result<&'static FieldSpec, RecordError> {
    let Some(spec) = fields_of_the_kind.iter().find(|spec| spec.name == field) else {
        let known: Vec<&str> = fields_of_the_kind.iter().map(|spec| spec.name).collect();
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
    check_value(spec.value, value).map(|()| spec).map_err(|why| invalid_value(spec, why))
}

/// Checks that a [`ValueRule::PastDate`] value (already checked as a date) is not after the day
/// the change was made, at `made_at_utc_ms` (in Amsterdam); other values pass.
pub fn check_not_after_the_day_made(
    spec: &FieldSpec,
    value: &Value,
    made_at_utc_ms: u64,
) -> Result<(), RecordError> {
    let Some(day) = value.as_str().and_then(|text| Date::parse_iso(text).ok()) else { return Ok(()) };
    let day_starts_ms = LocalDateTime { date: day, minutes: 0 }.to_utc_minutes() * MS_PER_MINUTE;
    let made_at_ms = i64::try_from(made_at_utc_ms).unwrap_or(i64::MAX);
    if spec.value != ValueRule::PastDate || day_starts_ms <= made_at_ms {
        return Ok(());
    }
    // Before `day` (at most 2199): a date the calendar can hold.
    let today = LocalDateTime::from_utc_ms(made_at_ms).date;
    Err(invalid_value(
        spec,
        (
            format!("deze datum ligt na vandaag ({today}). Vul een datum in die al geweest is."),
            format!("this date is after today ({today}). Enter a date that has passed."),
        ),
    ))
}

fn invalid_value(spec: &FieldSpec, (nl, en): (String, String)) -> RecordError {
    error(
        "invalid_value",
        "value",
        format!("De waarde voor '{}' klopt niet: {nl}", spec.name),
        format!("The value for '{}' is not valid: {en}", spec.name),
    )
}

/// A session id of the group: a UUID v4 that is the group's id apart from its first eight hex
/// digits (the session's number).
fn is_session_of(session_id: &str, group_id: &str) -> bool {
    looks_like_uuid_v4(session_id) && session_id.get(8..) == group_id.get(8..)
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
            } else if text.chars().any(|c| (c.is_control() && c != '\n') || is_direction_override(c)) {
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
        ValueRule::Date | ValueRule::PastDate => Date::parse_iso(text()?)
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

/// Unicode's explicit direction embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
/// U+2069): invisible, they make text show in another order than it is (a note reading "€ 50" that
/// is "05 €"; CVE-2021-42574). No keyboard types them. The marks U+200E and U+200F, which Arabic and
/// Hebrew text needs, stay allowed.
fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A team id as the staff identity provider names teams: 1 to 64 letters, digits, `-` or `_`.
pub fn is_team_id(team_id: &str) -> bool {
    (1..=64).contains(&team_id.len())
        && team_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
    fn a_session_and_its_attendance_carry_their_groups_id_so_another_group_cannot_take_them() {
        let group = OTHER;
        let other_group = "2c6c2d3e-5f5a-4b7c-8d9e-0f1a2b3c4d5e";
        let session = |number: u32, of: &str| format!("{number:08x}{}", &of[8..]);
        let session_record = |id: String, of: &str| RecordRef {
            kind: RecordKind::GroupSession,
            id,
            owner: Owner::Group { group_id: of.to_owned() },
        };
        assert!(session_record(session(3, group), group).check().is_ok());
        assert!(
            session_record(session(3, group), other_group).check().is_err(),
            "registered under another group"
        );
        assert!(
            session_record("4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a".to_owned(), group).check().is_err(),
            "an id not made from the group's"
        );
        let attendance = |session_id: String, of: &str| RecordRef {
            kind: RecordKind::Attendance,
            id: format!("{session_id}.{CLIENT}"),
            owner: Owner::GroupMember { group_id: of.to_owned(), client_id: CLIENT.to_owned() },
        };
        assert!(attendance(session(3, group), group).check().is_ok());
        assert!(attendance(session(3, group), other_group).check().is_err());
    }

    #[test]
    fn record_kinds_read_back_from_their_names() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
    }
}
