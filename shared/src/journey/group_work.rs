//! What the group-work screens decide (issue 6), apart from their words: whose groups a device
//! shows, which fields the schedule form, the attendance buttons, the end-goal choice and the
//! consulent's "place in the group" write, which answer is a trainer's own in a disputed mark, who
//! of the team's files can still be placed in a group, and a group as its participant reads it.
//! The records and the counting are in [`crate::journey::attendance`].

use crate::journey::attendance::{
    attendance_record, end_goal_record, group_ids, group_record, group_records_known, membership_record,
    own_session_in_words, participant_counts, progress, session_id_for, session_record, tick, Counts, Group,
    Mark, Participant, Progress, Tick,
};
use crate::journey::schedule::{programme_by_ref, schedule};
use crate::law::calendar::Date;
use crate::law::local_time::LocalDateTime;
use crate::law::programme::Programme;
use crate::sync::merge::Replica;
use crate::sync::record::RecordRef;
use crate::text::{Explanation, Language};
use serde_json::{json, Value};

/// One field of one record to write: what `Sync::change_all` takes.
pub type FieldChange = (RecordRef, String, Value);

/// Is the group one of the signed-in person's own? A trainer's device holds only the groups they
/// run. A consulent's holds the own records (name, schedule) of the team's groups, and of another
/// team's group only the membership of a client of the team: that group is not theirs to run.
pub fn is_own_group(is_trainer: bool, replica: &Replica, group_id: &str) -> bool {
    group_records_known(replica, group_id) || is_trainer && group_ids(replica).iter().any(|id| id == group_id)
}

/// The changes that give a group its schedule: the programme (`<policy id>/<programme id>`) and
/// first day on the group, then per session its number, start (`<date>T<time>`), length and,
/// when one is given, its place. Or what to fill in first: the programme, the first day
/// (`YYYY-MM-DD`), the start time (`HH:MM`), in that order.
pub fn schedule_changes(
    group_id: &str,
    programme_ref: &str,
    first_day: &str,
    time_of_day: &str,
    place: &str,
) -> Result<Vec<FieldChange>, Explanation> {
    let Some(programme) = programme_by_ref(programme_ref) else {
        return Err(Explanation::new("Kies een training.", "Choose a training."));
    };
    let Ok(start) = Date::parse_iso(first_day) else {
        return Err(Explanation::new(
            "Vul de eerste dag van de training in.",
            "Fill in the first day of the training.",
        ));
    };
    if !crate::formats::is_clock_time(time_of_day) {
        return Err(Explanation::new(
            "Vul een begintijd in, bijvoorbeeld 09:30.",
            "Fill in a start time, for example 09:30.",
        ));
    }
    let group = group_record(group_id);
    let mut changes: Vec<FieldChange> = vec![
        (group.clone(), "programme".into(), json!(programme_ref)),
        (group, "starts_on".into(), json!(start.to_string())),
    ];
    let place = place.trim();
    for planned in schedule(programme, start).sessions {
        let session = session_record(group_id, &session_id_for(group_id, planned.number));
        changes.push((session.clone(), "number".into(), json!(planned.number)));
        changes.push((session.clone(), "starts_at".into(), json!(format!("{}T{time_of_day}", planned.date))));
        changes.push((session.clone(), "duration_minutes".into(), json!(programme.session_minutes)));
        if !place.is_empty() {
            changes.push((session, "place".into(), json!(place)));
        }
    }
    Ok(changes)
}

/// A trainer's mark for one participant in one session.
pub fn mark_change(group_id: &str, session_id: &str, client_id: &str, mark: Mark) -> FieldChange {
    (attendance_record(group_id, session_id, client_id), "status".into(), json!(mark.as_str()))
}

/// The mark the signed-in trainer (`me`, their login name) gave, for the pressed button: the mark
/// when there is one, their own answer when the trainers disagree, none when nobody marked yet.
pub fn own_mark(tick: &Tick, me: Option<&str>) -> Option<Mark> {
    match tick {
        Tick::Marked(mark) => Some(*mark),
        Tick::Disputed(answers) => {
            let me = me?;
            answers.iter().find(|(author, _)| author == me).map(|(_, mark)| *mark)
        }
        Tick::Unmarked => None,
    }
}

/// How far a participant is with one end goal, as a trainer chose it.
pub fn end_goal_change(group_id: &str, client_id: &str, goal_id: &str, level: Progress) -> FieldChange {
    (end_goal_record(group_id, client_id, goal_id), "level".into(), json!(level.as_str()))
}

/// How many of the programme's end goals the participant has reached.
pub fn reached_end_goals(replica: &Replica, group_id: &str, client_id: &str, programme: &Programme) -> usize {
    programme
        .end_goals
        .iter()
        .filter(|goal| progress(replica, group_id, client_id, &goal.id) == Some(Progress::Reached))
        .count()
}

/// A client's place in a group: in it, or taken out (the attendance so far stays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Member,
    Left,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Member => "member",
            Placement::Left => "left",
        }
    }
}

/// The consulent places a client in a group, or takes them out.
pub fn membership_change(group_id: &str, client_id: &str, placement: Placement) -> FieldChange {
    (membership_record(group_id, client_id), "status".into(), json!(placement.as_str()))
}

/// Said once the change is stored, with the name as the list shows it.
pub fn placement_done(name: &str, placement: Placement) -> Explanation {
    match placement {
        Placement::Member => Explanation::new(
            format!("{name} staat nu in de groep. De trainers zien de naam op hun lijst."),
            format!("{name} is in the group now. The trainers see the name on their list."),
        ),
        Placement::Left => Explanation::new(
            format!("{name} staat niet meer in de groep. De aanwezigheid tot nu toe blijft bewaard."),
            format!("{name} is no longer in the group. The attendance so far is kept."),
        ),
    }
}

/// The files (client id, name) that are not in the group yet, in the files' order, each with what
/// to call them: the name, with the start of the file's number when another file has the same
/// name (or has no name either).
pub fn membership_candidates(
    files: &[(String, Option<String>)],
    participants: &[Participant],
) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(client_id, _)| !participants.iter().any(|p| &p.client_id == client_id))
        .map(|(client_id, name)| {
            let participant = Participant { client_id: client_id.clone(), name: name.clone() };
            let same_name = files.iter().filter(|(_, other)| other == name).count() > 1;
            let label = if same_name {
                format!("{} (#{})", participant.display_name(), client_id.get(..8).unwrap_or_default())
            } else {
                participant.display_name()
            };
            (client_id.clone(), label)
        })
        .collect()
}

/// One group as its participant reads it (`/mijn-training`).
#[derive(Clone, Debug, PartialEq)]
pub struct OwnGroup {
    pub name: Explanation,
    pub counts: Counts,
    /// After how many absences without a reason the consulent gets a signal.
    pub signal_after: Option<u32>,
    /// When, and what was marked.
    pub sessions: Vec<(Explanation, Explanation)>,
    /// End goal, and how far.
    pub end_goals: Vec<(Explanation, Explanation)>,
}

/// The group `group` as the client `client_id` reads it on `today`: its name (or its programme's),
/// their counts up to today, every session with its mark in plain words, their end goals.
pub fn own_group(replica: &Replica, group: &Group, client_id: &str, today: Date) -> OwnGroup {
    let name = match (&group.name, group.programme) {
        (Some(name), _) => Explanation::new(name.clone(), name.clone()),
        (None, Some(programme)) => programme.label.clone(),
        (None, None) => Explanation::new("Uw groep", "Your group"),
    };
    let sessions = group
        .sessions
        .iter()
        .map(|session| {
            let when = session.starts_at.as_deref().and_then(LocalDateTime::parse);
            let when = Explanation::new(
                when.map(|at| at.in_words(Language::Dutch)).unwrap_or_default(),
                when.map(|at| at.in_words(Language::English)).unwrap_or_default(),
            );
            let past = session.date().is_some_and(|date| date <= today);
            (when, own_session_in_words(&tick(replica, &group.id, &session.id, client_id), past))
        })
        .collect();
    let end_goals = group
        .programme
        .map(|programme| {
            programme
                .end_goals
                .iter()
                .map(|goal| {
                    let level =
                        progress(replica, &group.id, client_id, &goal.id).unwrap_or(Progress::NotStarted);
                    (goal.label.clone(), level.label())
                })
                .collect()
        })
        .unwrap_or_default();
    OwnGroup {
        name,
        counts: participant_counts(replica, group, client_id, today),
        signal_after: group.programme.map(|programme| programme.signal_after_unexcused_absences),
        sessions,
        end_goals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::attendance::group_in;
    use crate::sync::hlc::Hlc;
    use crate::sync::sync_protocol::Operation;

    const GROUP: &str = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    const OTHER_GROUP: &str = "9f8e7d6c-5b4a-4d3c-8b2a-1f0e9d8c7b6a";
    const ANNA: &str = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const PROGRAMME: &str = "ijmond-werkt/sterk-naar-werk";

    /// A device that got `changes`, in order, each from the consulent's device.
    fn device_with(changes: Vec<FieldChange>) -> Replica {
        let mut replica = Replica::default();
        for (n, (record, field, value)) in changes.into_iter().enumerate() {
            let operation = Operation {
                op_id: format!("{:08x}-0000-4000-8000-000000000000", n + 1),
                record,
                field,
                value,
                hlc: Hlc { wall_ms: 5_000 + n as u64, counter: 0, node: "tablet".into() },
                author: "consulent".into(),
                stored_as: None,
            };
            let spec = operation.check().expect("the changes fit the record model");
            replica.apply(&operation, spec.merge);
        }
        replica
    }

    fn scheduled(place: &str) -> Vec<FieldChange> {
        schedule_changes(GROUP, PROGRAMME, "2026-11-02", "09:30", place).expect("a complete form")
    }

    #[test]
    fn the_schedule_form_is_refused_with_the_first_thing_to_fill_in() {
        let refusal =
            |programme, day, time| schedule_changes(GROUP, programme, day, time, "").unwrap_err().en;
        assert_eq!(refusal("", "", ""), "Choose a training.");
        assert_eq!(refusal("ijmond-werkt/no-such-programme", "2026-11-02", "09:30"), "Choose a training.");
        assert_eq!(refusal(PROGRAMME, "2-11-2026", "09:30"), "Fill in the first day of the training.");
        assert_eq!(refusal(PROGRAMME, "2026-11-02", "9.30"), "Fill in a start time, for example 09:30.");
    }

    #[test]
    fn the_schedule_form_writes_the_programme_and_every_session_which_read_back_as_the_group() {
        let changes = scheduled("  Wijkcentrum De Brug ");
        let fields: Vec<&str> = changes.iter().take(6).map(|(_, field, _)| field.as_str()).collect();
        assert_eq!(fields, ["programme", "starts_on", "number", "starts_at", "duration_minutes", "place"]);
        let group = group_in(&device_with(changes.clone()), GROUP);
        assert_eq!(group.programme_ref.as_deref(), Some(PROGRAMME));
        assert_eq!(group.starts_on, Date::parse_iso("2026-11-02").ok());
        let programme = programme_by_ref(PROGRAMME).unwrap();
        let planned = schedule(programme, Date::parse_iso("2026-11-02").unwrap()).sessions;
        assert_eq!(changes.len(), 2 + 4 * planned.len());
        assert_eq!(group.sessions.len(), planned.len());
        let first = &group.sessions[0];
        assert_eq!(first.starts_at.as_deref(), Some(format!("{}T09:30", planned[0].date).as_str()));
        assert_eq!(first.place.as_deref(), Some("Wijkcentrum De Brug"));
        // Without a place, no place is written.
        let without = scheduled("   ");
        assert_eq!(without.len(), 2 + 3 * planned.len());
        assert!(without.iter().all(|(_, field, _)| field != "place"));
    }

    #[test]
    fn a_trainer_sees_every_group_on_the_device_a_consulent_only_those_whose_records_are_there() {
        let membership_only = device_with(vec![membership_change(OTHER_GROUP, ANNA, Placement::Member)]);
        assert!(!is_own_group(false, &membership_only, OTHER_GROUP), "another team's group");
        assert!(is_own_group(true, &membership_only, OTHER_GROUP), "a trainer's device holds their groups");
        assert!(!is_own_group(true, &membership_only, GROUP), "not on the device at all");
        let team_group = device_with(scheduled(""));
        assert!(is_own_group(false, &team_group, GROUP));
    }

    #[test]
    fn the_pressed_button_is_the_mark_or_in_a_dispute_the_signed_in_trainers_own_answer() {
        let disputed = Tick::Disputed(vec![("pieter".into(), Mark::Present), ("sanne".into(), Mark::Late)]);
        assert_eq!(own_mark(&disputed, Some("sanne")), Some(Mark::Late));
        assert_eq!(own_mark(&disputed, Some("pieter")), Some(Mark::Present));
        assert_eq!(own_mark(&disputed, Some("consulent")), None);
        assert_eq!(own_mark(&disputed, None), None);
        assert_eq!(own_mark(&Tick::Marked(Mark::AbsentWithReason), None), Some(Mark::AbsentWithReason));
        assert_eq!(own_mark(&Tick::Unmarked, Some("pieter")), None);
    }

    #[test]
    fn marks_end_goals_and_places_are_written_as_the_group_reads_them() {
        let session = session_id_for(GROUP, 1);
        let mut changes = scheduled("");
        changes.push(membership_change(GROUP, ANNA, Placement::Member));
        changes.push(mark_change(GROUP, &session, ANNA, Mark::Late));
        let programme = programme_by_ref(PROGRAMME).unwrap();
        let goals: Vec<&str> = programme.end_goals.iter().map(|goal| goal.id.as_str()).collect();
        changes.push(end_goal_change(GROUP, ANNA, goals[0], Progress::Reached));
        changes.push(end_goal_change(GROUP, ANNA, goals[1], Progress::WorkingOnIt));
        let replica = device_with(changes);
        assert_eq!(tick(&replica, GROUP, &session, ANNA), Tick::Marked(Mark::Late));
        assert_eq!(reached_end_goals(&replica, GROUP, ANNA, programme), 1);
        assert_eq!(group_in(&replica, GROUP).participants.len(), 1);
        let taken_out = device_with(vec![
            membership_change(GROUP, ANNA, Placement::Member),
            membership_change(GROUP, ANNA, Placement::Left),
        ]);
        assert!(group_in(&taken_out, GROUP).participants.is_empty());
        assert!(placement_done("Anna", Placement::Left).en.starts_with("Anna is no longer in the group."));
        assert!(placement_done("Anna", Placement::Member).nl.starts_with("Anna staat nu in de groep."));
    }

    #[test]
    fn candidates_leave_out_the_members_and_tell_apart_files_with_the_same_name() {
        let file = |id: &str, name: Option<&str>| (id.to_owned(), name.map(str::to_owned));
        let files = [
            file("aaaaaaaa-1", Some("Anna")),
            file("bbbbbbbb-2", Some("Bram")),
            file("cccccccc-3", Some("Bram")),
            file("dddddddd-4", None),
            file("eeeeeeee-5", Some("Eva")),
        ];
        let members = [Participant { client_id: "eeeeeeee-5".into(), name: Some("Eva".into()) }];
        let labels: Vec<String> =
            membership_candidates(&files, &members).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["Anna", "Bram (#bbbbbbbb)", "Bram (#cccccccc)", "#dddddddd"]);
        let nameless = [file("dddddddd-4", None), file("ffffffff-6", None)];
        let labels: Vec<String> = membership_candidates(&nameless, &[]).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["#dddddddd (#dddddddd)", "#ffffffff (#ffffffff)"]);
    }

    #[test]
    fn a_participant_reads_their_group_with_past_and_coming_sessions_and_their_end_goals() {
        let mut changes = scheduled("");
        changes.push(membership_change(GROUP, ANNA, Placement::Member));
        changes.push(mark_change(GROUP, &session_id_for(GROUP, 1), ANNA, Mark::AbsentWithoutReason));
        let replica = device_with(changes);
        let group = group_in(&replica, GROUP);
        let second_day = group.sessions[1].date().unwrap();
        let own = own_group(&replica, &group, ANNA, second_day);
        let programme = programme_by_ref(PROGRAMME).unwrap();
        assert_eq!(own.name, programme.label, "a group without a name is called by its programme");
        assert_eq!((own.counts.absent_without_reason, own.counts.unmarked), (1, 1));
        assert_eq!(own.signal_after, Some(programme.signal_after_unexcused_absences));
        let words: Vec<&str> = own.sessions.iter().take(3).map(|(_, what)| what.en.as_str()).collect();
        assert_eq!(
            words,
            ["You were not there, without a reason.", "Not filled in yet.", "This session is still to come."]
        );
        assert_eq!(own.end_goals.len(), programme.end_goals.len());
        assert!(own.end_goals.iter().all(|(_, level)| *level == Progress::NotStarted.label()));
        let named =
            group_in(&device_with(vec![(group_record(GROUP), "name".into(), json!("Groep 7"))]), GROUP);
        assert_eq!(own_group(&replica, &named, ANNA, second_day).name.nl, "Groep 7");
    }
}
