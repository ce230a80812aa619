//! Attendance in group sessions, no-show, progress on end goals (eindtermen), and the signal to the
//! consulent after too many absences without a reason. Pure functions over the merged records
//! (`merge::Replica`), the same on a trainer's tablet, a consulent's desk and in tests.
//!
//! A trainer marks each participant per session (dagdeel) with one [`Mark`]. Attendance merges by
//! "each author counts" (`record::MergeRule::EachAuthorCounts`): when the two trainers of a group
//! give different marks, the mark is [`Tick::Disputed`] and shows both answers, until one of them
//! changes theirs.
//!
//! How we count (our rule, said on the screen too):
//! - no-show: absent with or without a reason; late is there;
//! - unexcused: absent without a reason; only these count towards the signal;
//! - a disputed mark counts for neither until the trainers agree (it is counted apart, so that
//!   nobody gets a signal because of a mark one of the two trainers does not give);
//! - the signal: `signal_after_unexcused_absences` of the group's programme (policy data).

use crate::journey::schedule::programme_by_ref;
use crate::law::calendar::Date;
use crate::law::programme::Programme;
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};
use crate::text::{Explanation, Language};
use serde_json::Value;

/// A trainer's mark for one participant in one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    Present,
    Late,
    AbsentWithReason,
    AbsentWithoutReason,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Present, Mark::Late, Mark::AbsentWithReason, Mark::AbsentWithoutReason];
    /// The stored values of the attendance record's `status`.
    pub const WORDS: &'static [&'static str] =
        &["present", "late", "absent_with_reason", "absent_without_reason"];

    pub fn as_str(self) -> &'static str {
        Mark::WORDS[self as usize]
    }

    pub fn parse(word: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|mark| mark.as_str() == word)
    }

    pub fn label(self) -> Explanation {
        let (nl, en) = match self {
            Mark::Present => ("Aanwezig", "Present"),
            Mark::Late => ("Te laat", "Late"),
            Mark::AbsentWithReason => ("Afwezig met reden", "Absent with reason"),
            Mark::AbsentWithoutReason => ("Afwezig zonder reden", "Absent without reason"),
        };
        Explanation::new(nl, en)
    }

    pub fn is_absent(self) -> bool {
        matches!(self, Mark::AbsentWithReason | Mark::AbsentWithoutReason)
    }
}

/// What the screen shows for one participant in one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tick {
    Unmarked,
    Marked(Mark),
    /// The trainers gave different marks: every trainer's own, by their login name.
    Disputed(Vec<(String, Mark)>),
}

impl Tick {
    pub fn from_view(view: Option<FieldView>) -> Tick {
        match view {
            Some(FieldView::Value(Value::String(word))) => {
                Mark::parse(&word).map_or(Tick::Unmarked, Tick::Marked)
            }
            Some(FieldView::Disputed(answers)) => Tick::Disputed(
                answers
                    .into_iter()
                    .filter_map(|(author, value)| Some((author, Mark::parse(value.as_str()?)?)))
                    .collect(),
            ),
            _ => Tick::Unmarked,
        }
    }
}

/// Said next to a disputed mark, and above the figures when one is disputed.
pub fn dispute_explanation() -> Explanation {
    Explanation::new(
        "De twee trainers gaven een ander antwoord. Beide antwoorden blijven staan tot één van u het aanpast. \
         Tot dan telt dit niet mee als afwezig en niet voor de melding aan de consulent.",
        "The two trainers gave different answers. Both answers stay until one of you changes theirs. \
         Until then this does not count as absent, nor for the signal to the consultant.",
    )
}

/// How far a participant is with one end goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Progress {
    NotStarted,
    WorkingOnIt,
    Reached,
}

impl Progress {
    pub const ALL: [Progress; 3] = [Progress::NotStarted, Progress::WorkingOnIt, Progress::Reached];
    pub const WORDS: &'static [&'static str] = &["not_started", "working_on_it", "reached"];

    pub fn as_str(self) -> &'static str {
        Progress::WORDS[self as usize]
    }

    pub fn parse(word: &str) -> Option<Progress> {
        Progress::ALL.into_iter().find(|progress| progress.as_str() == word)
    }

    pub fn label(self) -> Explanation {
        let (nl, en) = match self {
            Progress::NotStarted => ("Nog niet begonnen", "Not started"),
            Progress::WorkingOnIt => ("Bezig", "Working on it"),
            Progress::Reached => ("Behaald", "Reached"),
        };
        Explanation::new(nl, en)
    }
}

// ---------------------------------------------------------------------------------------------
// The records

pub fn group_record(group_id: &str) -> RecordRef {
    RecordRef { kind: RecordKind::Group, id: group_id.to_owned(), owner: group_owner(group_id) }
}

pub fn session_record(group_id: &str, session_id: &str) -> RecordRef {
    RecordRef { kind: RecordKind::GroupSession, id: session_id.to_owned(), owner: group_owner(group_id) }
}

pub fn attendance_record(group_id: &str, session_id: &str, client_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Attendance,
        id: format!("{session_id}.{client_id}"),
        owner: member_owner(group_id, client_id),
    }
}

pub fn membership_record(group_id: &str, client_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Membership,
        id: format!("{group_id}.{client_id}"),
        owner: member_owner(group_id, client_id),
    }
}

pub fn end_goal_record(group_id: &str, client_id: &str, goal_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::EndGoalProgress,
        id: format!("{group_id}.{client_id}.{goal_id}"),
        owner: member_owner(group_id, client_id),
    }
}

/// The id of session `number` of a group: the same on every device, so that two trainers who both
/// make the schedule (offline) write the same sessions instead of two schedules. A UUID v4 made
/// from the group's id with the number in its first eight hex digits.
pub fn session_id_for(group_id: &str, number: u32) -> String {
    format!("{number:08x}{}", group_id.get(8..).unwrap_or_default())
}

fn group_owner(group_id: &str) -> Owner {
    Owner::Group { group_id: group_id.to_owned() }
}

fn member_owner(group_id: &str, client_id: &str) -> Owner {
    Owner::GroupMember { group_id: group_id.to_owned(), client_id: client_id.to_owned() }
}

// ---------------------------------------------------------------------------------------------
// Reading a group

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub number: Option<u32>,
    /// `YYYY-MM-DDTHH:MM`, Dutch time.
    pub starts_at: Option<String>,
    pub duration_minutes: Option<u32>,
    pub place: Option<String>,
}

impl Session {
    pub fn date(&self) -> Option<Date> {
        Date::parse_iso(self.starts_at.as_deref()?.get(..10)?).ok()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub client_id: String,
    pub name: Option<String>,
}

impl Participant {
    /// The name, or the start of the file's number while the name has not arrived.
    pub fn display_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| format!("#{}", self.client_id.get(..8).unwrap_or_default()))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: Option<String>,
    /// `<policy id>/<programme id>`, as stored.
    pub programme_ref: Option<String>,
    pub programme: Option<&'static Programme>,
    pub starts_on: Option<Date>,
    /// In date order (then by number).
    pub sessions: Vec<Session>,
    /// Current members, by name.
    pub participants: Vec<Participant>,
}

fn text(view: Option<FieldView>) -> Option<String> {
    match view {
        Some(FieldView::Value(Value::String(text))) => Some(text),
        _ => None,
    }
}

fn number(view: Option<FieldView>) -> Option<u32> {
    match view {
        Some(FieldView::Value(value)) => value.as_u64().map(|n| n as u32),
        _ => None,
    }
}

/// The ids of the groups this device knows (a trainer's device: their own groups).
pub fn group_ids(replica: &Replica) -> Vec<String> {
    let mut ids: Vec<String> = replica
        .fields
        .keys()
        .filter_map(|key| match &key.record.owner {
            Owner::Group { group_id } | Owner::GroupMember { group_id, .. } => Some(group_id.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// One group as this device knows it.
pub fn group_in(replica: &Replica, group_id: &str) -> Group {
    let group = group_record(group_id);
    let programme_ref = text(replica.view(&group, "programme"));
    let mut sessions: Vec<Session> = replica
        .records_of_kind(RecordKind::GroupSession)
        .into_iter()
        .filter(|(record, _)| record.owner == group_owner(group_id))
        .map(|(record, mut fields)| Session {
            number: number(fields.remove("number")),
            starts_at: text(fields.remove("starts_at")),
            duration_minutes: number(fields.remove("duration_minutes")),
            place: text(fields.remove("place")),
            id: record.id,
        })
        .collect();
    sessions.sort_by(|a, b| (&a.starts_at, a.number, &a.id).cmp(&(&b.starts_at, b.number, &b.id)));
    let mut participants: Vec<Participant> = replica
        .records_of_kind(RecordKind::Membership)
        .into_iter()
        .filter_map(|(record, fields)| match (record.owner, fields.get("status")) {
            (
                Owner::GroupMember { group_id: of, client_id },
                Some(FieldView::Value(Value::String(status))),
            ) if of == group_id && status == "member" => Some(client_id),
            _ => None,
        })
        .map(|client_id| Participant { name: name_of(replica, &client_id), client_id })
        .collect();
    participants.sort_by_key(|p| (p.name.clone().unwrap_or_default().to_lowercase(), p.client_id.clone()));
    Group {
        id: group_id.to_owned(),
        name: text(replica.view(&group, "name")),
        programme: programme_ref.as_deref().and_then(programme_by_ref),
        programme_ref,
        starts_on: text(replica.view(&group, "starts_on")).and_then(|d| Date::parse_iso(&d).ok()),
        sessions,
        participants,
    }
}

fn name_of(replica: &Replica, client_id: &str) -> Option<String> {
    let dossier = RecordRef {
        kind: RecordKind::Dossier,
        id: client_id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    };
    text(replica.view(&dossier, "preferred_name"))
}

/// Whether this device holds the group's own records (its name, programme or sessions), not only a
/// membership or the marks of someone in it. A consulent's device holds them for the team's groups only.
pub fn group_records_known(replica: &Replica, group_id: &str) -> bool {
    let owner = group_owner(group_id);
    replica.fields.keys().any(|key| key.record.owner == owner)
}

/// What a participant reads about one of their own sessions, in plain words. A mark the trainers
/// disagree on is "being checked": the participant is not shown who said what.
pub fn own_session_in_words(tick: &Tick, session_is_past: bool) -> Explanation {
    let (nl, en) = match tick {
        Tick::Marked(Mark::Present) => ("U was er.", "You were there."),
        Tick::Marked(Mark::Late) => ("U was te laat.", "You were late."),
        Tick::Marked(Mark::AbsentWithReason) => {
            ("U was er niet. U had een reden.", "You were not there. You had a reason.")
        }
        Tick::Marked(Mark::AbsentWithoutReason) => {
            ("U was er niet, zonder reden.", "You were not there, without a reason.")
        }
        Tick::Disputed(_) => ("De trainers kijken dit nog na.", "The trainers are still checking this."),
        Tick::Unmarked if session_is_past => ("Nog niet ingevuld.", "Not filled in yet."),
        Tick::Unmarked => ("Deze les komt nog.", "This session is still to come."),
    };
    Explanation::new(nl, en)
}

pub fn tick(replica: &Replica, group_id: &str, session_id: &str, client_id: &str) -> Tick {
    Tick::from_view(replica.view(&attendance_record(group_id, session_id, client_id), "status"))
}

pub fn progress(replica: &Replica, group_id: &str, client_id: &str, goal_id: &str) -> Option<Progress> {
    text(replica.view(&end_goal_record(group_id, client_id, goal_id), "level"))
        .and_then(|w| Progress::parse(&w))
}

// ---------------------------------------------------------------------------------------------
// Counting

/// Marks counted over participants (one session) or over sessions (one participant).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub present: u32,
    pub late: u32,
    pub absent_with_reason: u32,
    pub absent_without_reason: u32,
    /// Not counted as anything else until the trainers agree.
    pub disputed: u32,
    pub unmarked: u32,
}

impl Counts {
    /// Absent, with or without a reason.
    pub fn no_show(&self) -> u32 {
        self.absent_with_reason + self.absent_without_reason
    }

    /// Absent without a reason: what the signal counts.
    pub fn unexcused(&self) -> u32 {
        self.absent_without_reason
    }

    pub fn add(&mut self, tick: &Tick) {
        match tick {
            Tick::Unmarked => self.unmarked += 1,
            Tick::Disputed(_) => self.disputed += 1,
            Tick::Marked(Mark::Present) => self.present += 1,
            Tick::Marked(Mark::Late) => self.late += 1,
            Tick::Marked(Mark::AbsentWithReason) => self.absent_with_reason += 1,
            Tick::Marked(Mark::AbsentWithoutReason) => self.absent_without_reason += 1,
        }
    }
}

/// One session: every current participant's mark.
pub fn session_counts(replica: &Replica, group: &Group, session_id: &str) -> Counts {
    let mut counts = Counts::default();
    for participant in &group.participants {
        counts.add(&tick(replica, &group.id, session_id, &participant.client_id));
    }
    counts
}

/// One participant over the group's sessions up to and including `today` (a later session counts
/// only once it is marked).
pub fn participant_counts(replica: &Replica, group: &Group, client_id: &str, today: Date) -> Counts {
    let mut counts = Counts::default();
    for session in &group.sessions {
        let tick = tick(replica, &group.id, &session.id, client_id);
        let past = session.date().is_some_and(|date| date <= today);
        if past || tick != Tick::Unmarked {
            counts.add(&tick);
        }
    }
    counts
}

// ---------------------------------------------------------------------------------------------
// Signals to the consulent

/// "This participant was absent without a reason as often as the policy allows": for the consulent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceSignal {
    pub group_id: String,
    pub client_id: String,
    /// Absences without a reason (settled marks only).
    pub unexcused: u32,
    /// The programme's `signal_after_unexcused_absences`.
    pub threshold: u32,
    /// The sessions (days) of those absences.
    pub dates: Vec<Date>,
    /// Marks the trainers disagree on (not counted).
    pub disputed: u32,
    pub explanation: Explanation,
}

/// The signals about one group: every participant with at least the programme's number of
/// absences without a reason. None when the group has no (known) programme.
pub fn group_signals(replica: &Replica, group_id: &str) -> Vec<AttendanceSignal> {
    let group = group_in(replica, group_id);
    let Some(programme) = group.programme else { return Vec::new() };
    let threshold = programme.signal_after_unexcused_absences;
    let group_name =
        group.name.clone().or_else(|| group.programme.map(|p| p.label.nl.clone())).unwrap_or_default();
    group
        .participants
        .iter()
        .filter_map(|participant| {
            let mut dates = Vec::new();
            let mut disputed = 0;
            for session in &group.sessions {
                match tick(replica, group_id, &session.id, &participant.client_id) {
                    Tick::Marked(Mark::AbsentWithoutReason) => dates.extend(session.date()),
                    Tick::Disputed(_) => disputed += 1,
                    _ => {}
                }
            }
            let unexcused = dates.len() as u32;
            (unexcused >= threshold).then(|| AttendanceSignal {
                group_id: group_id.to_owned(),
                client_id: participant.client_id.clone(),
                unexcused,
                threshold,
                explanation: signal_explanation(
                    &participant.display_name(),
                    &group_name,
                    unexcused,
                    threshold,
                    &dates,
                    disputed,
                ),
                dates,
                disputed,
            })
        })
        .collect()
}

/// The consulent's signals about one client, over every group they are in (for the client file).
pub fn attendance_signals(replica: &Replica, client_id: &str) -> Vec<AttendanceSignal> {
    group_ids(replica)
        .iter()
        .flat_map(|group_id| group_signals(replica, group_id))
        .filter(|signal| signal.client_id == client_id)
        .collect()
}

/// Every signal this device can see (a consulent's: the team's groups).
pub fn all_attendance_signals(replica: &Replica) -> Vec<AttendanceSignal> {
    group_ids(replica).iter().flat_map(|group_id| group_signals(replica, group_id)).collect()
}

fn signal_explanation(
    name: &str,
    group: &str,
    unexcused: u32,
    threshold: u32,
    dates: &[Date],
    disputed: u32,
) -> Explanation {
    let days = |language: Language| {
        dates.iter().map(|d| crate::law::local_time::short_date(*d, language)).collect::<Vec<_>>().join(", ")
    };
    let (disputed_nl, disputed_en) = match disputed {
        0 => (String::new(), String::new()),
        n => (
            format!(" Over {n} keer zijn de trainers het nog niet eens; dat telt nog niet mee."),
            format!(" The trainers do not agree yet on {n} more; those do not count yet."),
        ),
    };
    Explanation::new(
        format!(
            "{name} was {unexcused} keer afwezig zonder reden bij {group} ({}). Vanaf {threshold} keer krijgt de consulent een melding.{disputed_nl}",
            days(Language::Dutch)
        ),
        format!(
            "{name} was absent without a reason {unexcused} times at {group} ({}). From {threshold} times on, the consultant gets a signal.{disputed_en}",
            days(Language::English)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::Hlc;
    use crate::sync::sync_protocol::Operation;
    use serde_json::json;

    const GROUP: &str = "7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
    const JAN: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const FENNA: &str = "5d1e8f3a-2b4c-4d6e-9f8a-1b2c3d4e5f60";

    struct Log {
        replica: Replica,
        n: u64,
    }

    impl Log {
        fn new() -> Log {
            let mut log = Log { replica: Replica::default(), n: 0 };
            log.put("consulent", group_record(GROUP), "name", json!("Groep 12"));
            log.put("consulent", group_record(GROUP), "programme", json!("ijmond-werkt/sterk-naar-werk"));
            for (client, name) in [(JAN, "Jan"), (FENNA, "Fenna")] {
                log.put("consulent", membership_record(GROUP, client), "status", json!("member"));
                let dossier = RecordRef {
                    kind: RecordKind::Dossier,
                    id: client.into(),
                    owner: Owner::Client { client_id: client.into() },
                };
                log.put("consulent", dossier, "preferred_name", json!(name));
            }
            for number in 1..=5 {
                let session = session_record(GROUP, &session_id_for(GROUP, number));
                log.put("pieter", session.clone(), "number", json!(number));
                log.put("pieter", session, "starts_at", json!(format!("2026-11-{:02}T09:30", number + 1)));
            }
            log
        }

        fn put(&mut self, author: &str, record: RecordRef, field: &str, value: Value) {
            self.n += 1;
            let operation = Operation {
                op_id: format!("{:08x}-0000-4000-8000-000000000000", self.n),
                record,
                field: field.into(),
                value,
                hlc: Hlc { wall_ms: 1_000 + self.n, counter: 0, node: format!("device-of-{author}") },
                author: author.into(),
                stored_as: None,
            };
            let spec = operation.check().expect("test operations fit the model");
            self.replica.apply(&operation, spec.merge);
        }

        fn mark(&mut self, author: &str, number: u32, client: &str, mark: Mark) {
            let record = attendance_record(GROUP, &session_id_for(GROUP, number), client);
            self.put(author, record, "status", json!(mark.as_str()));
        }
    }

    fn day(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn session_ids_are_the_same_on_every_device_and_fit_the_record_model() {
        let id = session_id_for(GROUP, 12);
        assert_eq!(id, "0000000c-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
        assert!(session_record(GROUP, &id).check().is_ok());
        assert!(attendance_record(GROUP, &id, JAN).check().is_ok());
        assert!(end_goal_record(GROUP, JAN, "job_search").check().is_ok());
        assert!(membership_record(GROUP, JAN).check().is_ok());
    }

    #[test]
    fn a_group_reads_with_its_sessions_in_order_and_its_participants_by_name() {
        let log = Log::new();
        let group = group_in(&log.replica, GROUP);
        assert_eq!(group.name.as_deref(), Some("Groep 12"));
        assert_eq!(group.programme.map(|p| p.id.as_str()), Some("sterk-naar-werk"));
        assert_eq!(group.sessions.len(), 5);
        assert_eq!(group.sessions[0].date(), Some(day("2026-11-02")));
        let names: Vec<String> = group.participants.iter().map(Participant::display_name).collect();
        assert_eq!(names, ["Fenna", "Jan"]);
        assert_eq!(group_ids(&log.replica), [GROUP]);
    }

    #[test]
    fn no_show_counts_absences_with_and_without_a_reason_per_session_and_per_participant() {
        let mut log = Log::new();
        log.mark("pieter", 1, JAN, Mark::Present);
        log.mark("pieter", 1, FENNA, Mark::AbsentWithReason);
        log.mark("pieter", 2, JAN, Mark::Late);
        log.mark("pieter", 2, FENNA, Mark::AbsentWithoutReason);
        let group = group_in(&log.replica, GROUP);
        let first = session_counts(&log.replica, &group, &session_id_for(GROUP, 1));
        assert_eq!((first.present, first.no_show(), first.unmarked), (1, 1, 0));
        let second = session_counts(&log.replica, &group, &session_id_for(GROUP, 2));
        assert_eq!((second.late, second.no_show(), second.unexcused()), (1, 1, 1));
        // Up to 3 November: sessions 1 and 2 (and session 3, on 4 November, not yet).
        let fenna = participant_counts(&log.replica, &group, FENNA, day("2026-11-03"));
        assert_eq!((fenna.no_show(), fenna.unexcused(), fenna.unmarked), (2, 1, 0));
        let jan = participant_counts(&log.replica, &group, JAN, day("2026-11-04"));
        assert_eq!((jan.no_show(), jan.present, jan.late, jan.unmarked), (0, 1, 1, 1));
    }

    #[test]
    fn the_signal_comes_at_the_policys_number_of_unexcused_absences() {
        let threshold =
            programme_by_ref("ijmond-werkt/sterk-naar-werk").unwrap().signal_after_unexcused_absences;
        assert_eq!(threshold, 3);
        let mut log = Log::new();
        log.mark("pieter", 1, JAN, Mark::AbsentWithoutReason);
        log.mark("pieter", 2, JAN, Mark::AbsentWithReason);
        log.mark("pieter", 3, JAN, Mark::AbsentWithoutReason);
        log.mark("pieter", 1, FENNA, Mark::AbsentWithoutReason);
        assert!(attendance_signals(&log.replica, JAN).is_empty(), "2 unexcused, 1 excused: no signal yet");
        log.mark("pieter", 4, JAN, Mark::AbsentWithoutReason);
        let signals = attendance_signals(&log.replica, JAN);
        assert_eq!(signals.len(), 1);
        let signal = &signals[0];
        assert_eq!((signal.unexcused, signal.threshold), (3, 3));
        assert_eq!(signal.dates, [day("2026-11-02"), day("2026-11-04"), day("2026-11-05")]);
        assert!(
            signal.explanation.nl.starts_with("Jan was 3 keer afwezig zonder reden bij Groep 12"),
            "{}",
            signal.explanation.nl
        );
        assert!(
            signal.explanation.en.contains("2 Nov 2026, 4 Nov 2026, 5 Nov 2026"),
            "{}",
            signal.explanation.en
        );
        assert!(attendance_signals(&log.replica, FENNA).is_empty());
        assert_eq!(all_attendance_signals(&log.replica).len(), 1);
        // A group without a programme has no threshold, so no signal.
        log.put("consulent", group_record(GROUP), "programme", json!("nowhere/nothing"));
        assert!(attendance_signals(&log.replica, JAN).is_empty());
    }

    #[test]
    fn a_disputed_mark_shows_both_answers_and_counts_for_nothing_until_resolved() {
        let mut log = Log::new();
        for number in 1..=2 {
            log.mark("pieter", number, JAN, Mark::AbsentWithoutReason);
        }
        log.mark("pieter", 3, JAN, Mark::AbsentWithoutReason);
        log.mark("ilse", 3, JAN, Mark::Present);
        let third = session_id_for(GROUP, 3);
        assert_eq!(
            tick(&log.replica, GROUP, &third, JAN),
            Tick::Disputed(vec![
                ("ilse".into(), Mark::Present),
                ("pieter".into(), Mark::AbsentWithoutReason)
            ])
        );
        let group = group_in(&log.replica, GROUP);
        let counts = session_counts(&log.replica, &group, &third);
        assert_eq!((counts.disputed, counts.no_show(), counts.present), (1, 0, 0));
        assert!(
            attendance_signals(&log.replica, JAN).is_empty(),
            "the disputed third absence does not count"
        );
        // Ilse agrees with Pieter: now it counts, and the signal comes.
        log.mark("ilse", 3, JAN, Mark::AbsentWithoutReason);
        assert_eq!(tick(&log.replica, GROUP, &third, JAN), Tick::Marked(Mark::AbsentWithoutReason));
        assert_eq!(attendance_signals(&log.replica, JAN).len(), 1);
        // Agreeing trainers are one mark, not two.
        log.mark("ilse", 1, JAN, Mark::AbsentWithoutReason);
        assert_eq!(attendance_signals(&log.replica, JAN)[0].unexcused, 3);
    }

    #[test]
    fn a_participant_reads_their_own_marks_in_words_and_never_who_disagreed() {
        let disputed = Tick::Disputed(vec![
            ("ilse".into(), Mark::Present),
            ("pieter".into(), Mark::AbsentWithoutReason),
        ]);
        let said = own_session_in_words(&disputed, true);
        assert_eq!(said.nl, "De trainers kijken dit nog na.");
        for text in [&said.nl, &said.en] {
            assert!(!text.contains("ilse") && !text.contains("pieter") && !text.contains("zonder"), "{text}");
        }
        assert_eq!(own_session_in_words(&Tick::Marked(Mark::Late), true).nl, "U was te laat.");
        assert_eq!(own_session_in_words(&Tick::Unmarked, true).nl, "Nog niet ingevuld.");
        assert_eq!(own_session_in_words(&Tick::Unmarked, false).en, "This session is still to come.");
    }

    #[test]
    fn a_group_is_the_devices_own_only_with_its_own_records() {
        let mut log = Log { replica: Replica::default(), n: 0 };
        log.put("consulent", membership_record(GROUP, JAN), "status", json!("member"));
        assert!(!group_records_known(&log.replica, GROUP), "a membership alone: another team's group");
        assert!(group_records_known(&Log::new().replica, GROUP));
    }

    #[test]
    fn end_goal_progress_is_read_per_participant_and_goal() {
        let mut log = Log::new();
        log.put("pieter", end_goal_record(GROUP, JAN, "job_search"), "level", json!("working_on_it"));
        log.put("ilse", end_goal_record(GROUP, JAN, "job_search"), "level", json!("reached"));
        assert_eq!(
            progress(&log.replica, GROUP, JAN, "job_search"),
            Some(Progress::Reached),
            "the later wins"
        );
        assert_eq!(progress(&log.replica, GROUP, FENNA, "job_search"), None);
    }

    #[test]
    fn every_mark_and_progress_word_is_a_value_the_record_model_accepts() {
        for mark in Mark::ALL {
            assert_eq!(Mark::parse(mark.as_str()), Some(mark));
            assert!(crate::catalogue::check_field_value(
                RecordKind::Attendance,
                "status",
                &json!(mark.as_str())
            )
            .is_ok());
        }
        for level in Progress::ALL {
            assert_eq!(Progress::parse(level.as_str()), Some(level));
        }
        assert!(dispute_explanation().nl.contains("telt dit niet mee als afwezig"));
    }
}
