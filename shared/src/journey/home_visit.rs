//! What a professional keeps on a client file during a home visit: the crisis signal on the dossier,
//! notes (newest first), the next appointment they plan, and the appointments of today and before
//! that they confirm as held; and an outreach worker's visits of today over every file on the device.
//! Each form's check and the fields it writes are decided here, so the tablet and the tests agree.

use crate::journey::appointment::{Appointment, AppointmentStatus};
use crate::journey::dossier::dossier_of;
use crate::law::calendar::Date;
use crate::law::local_time::LocalDateTime;
use crate::sync::merge::{FieldView, Register, Replica};
use crate::sync::record::{Owner, RecordKind};
use crate::text::Explanation;
use serde_json::Value;

/// The field of the dossier record that holds the crisis signal.
pub const CRISIS_SIGNAL: &str = "crisis_signal";
/// A field of a record to write, with its value.
pub type Fields = Vec<(&'static str, Value)>;
/// How many appointments of today and before are offered to confirm as held.
pub const TO_CONFIRM: usize = 5;

/// The crisis signal on a file, if a professional raised one (a text; anything else is none).
pub fn crisis_signal(replica: &Replica, client_id: &str) -> Option<String> {
    match replica.view(&dossier_of(client_id), CRISIS_SIGNAL) {
        Some(FieldView::Value(Value::String(what))) => Some(what),
        _ => None,
    }
}

/// What is wrong, as typed: required, without the spaces around it.
pub fn check_crisis_signal(typed: &str) -> Result<String, Explanation> {
    required(typed, "Schrijf kort op wat er aan de hand is.", "Write down briefly what is wrong.")
}

/// A new note, as typed: required, without the spaces around it.
pub fn check_note(typed: &str) -> Result<String, Explanation> {
    required(typed, "Schrijf eerst een notitie.", "Write a note first.")
}

fn required(typed: &str, nl: &str, en: &str) -> Result<String, Explanation> {
    let text = typed.trim();
    if text.is_empty() {
        return Err(Explanation::new(nl, en));
    }
    Ok(text.to_owned())
}

/// A note as the device has it: who wrote it and when (their clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub by: String,
    pub at_ms: u64,
}

/// The notes on one file, newest first.
pub fn notes_of(replica: &Replica, client_id: &str) -> Vec<Note> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut notes: Vec<Note> = replica
        .fields
        .iter()
        .filter(|(key, _)| {
            key.record.kind == RecordKind::Note && key.record.owner == owner && key.field == "text"
        })
        .filter_map(|(_, register)| match register {
            Register::LastWriterWins { write } => Some(Note {
                text: write.value.as_str()?.to_owned(),
                by: write.author.clone(),
                at_ms: write.hlc.wall_ms,
            }),
            _ => None,
        })
        .collect();
    notes.sort_by_key(|note| std::cmp::Reverse(note.at_ms));
    notes
}

/// The next appointment as the planning form has it (text, as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppointmentPlan {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    pub place: String,
    /// `home_visit`, `intake` or `other`.
    pub kind: String,
    /// The one planning it (their login subject), who holds the appointment.
    pub with_whom: String,
}

/// The start and the fields of a new appointment record (an hour, planned), or what to fill in.
pub fn plan_appointment(plan: &AppointmentPlan) -> Result<(LocalDateTime, Fields), Explanation> {
    let Some(starts_at) = LocalDateTime::parse(&format!("{}T{}", plan.date, plan.time)) else {
        return Err(Explanation::new("Vul een datum en een tijd in.", "Fill in a date and a time."));
    };
    let place = required(
        &plan.place,
        "Vul in waar de afspraak is (bij een huisbezoek: bij de cliënt thuis).",
        "Fill in where the appointment is (for a home visit: at the client's home).",
    )?;
    let fields = vec![
        ("starts_at", Value::from(starts_at.to_string())),
        ("duration_minutes", Value::from(60)),
        ("place", Value::from(place)),
        ("with_whom", Value::from(plan.with_whom.clone())),
        ("kind", Value::from(plan.kind.clone())),
        ("status", Value::from("planned")),
    ];
    Ok((starts_at, fields))
}

/// The file's appointments of `today` and before that were not cancelled, latest first (at most
/// [`TO_CONFIRM`]), each marked held or not (`Appointment::held`).
pub fn appointments_to_confirm(replica: &Replica, client_id: &str, today: Date) -> Vec<Appointment> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut appointments: Vec<Appointment> = replica
        .records_of_kind(RecordKind::Appointment)
        .into_keys()
        .filter(|record| record.owner == owner)
        .filter_map(|record| Appointment::from_replica(replica, &record))
        .filter(|a| a.status == AppointmentStatus::Planned && a.starts_at.date <= today)
        .collect();
    appointments.sort_by_key(|a| std::cmp::Reverse(a.starts_at));
    appointments.truncate(TO_CONFIRM);
    appointments
}

/// One appointment of today on some file: when, whose file, where.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Visit {
    pub starts_at: LocalDateTime,
    pub client_id: String,
    pub place: String,
}

/// The planned appointments of `today` in every file on this device, by time (then by file): an
/// outreach worker's visits. One pass over the appointments, not one per file.
pub fn todays_visits(replica: &Replica, today: Date) -> Vec<Visit> {
    let mut visits: Vec<Visit> = replica
        .records_of_kind(RecordKind::Appointment)
        .into_keys()
        .filter_map(|record| Appointment::from_replica(replica, &record))
        .filter(|a| a.starts_at.date == today && a.status == AppointmentStatus::Planned)
        .filter_map(|a| {
            let Owner::Client { client_id } = &a.record.owner else { return None };
            Some(Visit {
                starts_at: a.starts_at,
                client_id: client_id.clone(),
                place: a.place.unwrap_or_default(),
            })
        })
        .collect();
    visits.sort();
    visits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::test_support::{record, write};
    use crate::law::test_support::date;

    const CLIENT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    fn appointment(replica: &mut Replica, id: &str, client: &str, starts_at: &str, status: &str) {
        let appointment = record(RecordKind::Appointment, id, client);
        write(replica, &appointment, "starts_at", Value::from(starts_at), 1, "sanne");
        write(replica, &appointment, "status", Value::from(status), 1, "sanne");
        write(replica, &appointment, "place", Value::from(format!("Place of {id}")), 1, "sanne");
    }

    #[test]
    fn a_crisis_signal_is_a_text_on_the_dossier_and_cleared_by_null() {
        let mut replica = Replica::default();
        assert_eq!(crisis_signal(&replica, CLIENT), None);
        write(&mut replica, &dossier_of(CLIENT), CRISIS_SIGNAL, Value::from("Geen eten in huis"), 1, "sanne");
        assert_eq!(crisis_signal(&replica, CLIENT).as_deref(), Some("Geen eten in huis"));
        assert_eq!(crisis_signal(&replica, "another-client"), None);
        write(&mut replica, &dossier_of(CLIENT), CRISIS_SIGNAL, Value::Null, 2, "sanne");
        assert_eq!(crisis_signal(&replica, CLIENT), None, "solved");
    }

    #[test]
    fn a_crisis_signal_and_a_note_need_words() {
        assert_eq!(check_crisis_signal("  Geen slaapplek "), Ok("Geen slaapplek".to_owned()));
        assert!(check_crisis_signal("   ").is_err());
        assert_eq!(check_note("\nBelt morgen terug\n"), Ok("Belt morgen terug".to_owned()));
        assert_eq!(check_note("").unwrap_err().en, "Write a note first.");
    }

    #[test]
    fn notes_come_newest_first_with_their_author() {
        let mut replica = Replica::default();
        write(
            &mut replica,
            &record(RecordKind::Note, "n1", CLIENT),
            "text",
            Value::from("Eerste"),
            1_000,
            "sanne",
        );
        write(
            &mut replica,
            &record(RecordKind::Note, "n2", CLIENT),
            "text",
            Value::from("Tweede"),
            2_000,
            "ahmed",
        );
        write(
            &mut replica,
            &record(RecordKind::Note, "n3", "other"),
            "text",
            Value::from("Ander"),
            3_000,
            "sanne",
        );
        let notes = notes_of(&replica, CLIENT);
        let texts: Vec<(&str, &str)> = notes.iter().map(|n| (n.text.as_str(), n.by.as_str())).collect();
        assert_eq!(texts, [("Tweede", "ahmed"), ("Eerste", "sanne")]);
    }

    #[test]
    fn a_planned_appointment_needs_a_time_and_a_place_and_lasts_an_hour() {
        let plan = AppointmentPlan {
            date: "2026-12-03".into(),
            time: "10:00".into(),
            place: "  Thuis, Hoofdstraat 1 ".into(),
            kind: "home_visit".into(),
            with_whom: "sanne".into(),
        };
        let (starts_at, fields) = plan_appointment(&plan).expect("a full plan");
        assert_eq!(starts_at.to_string(), "2026-12-03T10:00");
        let field = |name: &str| fields.iter().find(|(f, _)| *f == name).map(|(_, v)| v.clone());
        assert_eq!(field("place"), Some(Value::from("Thuis, Hoofdstraat 1")));
        assert_eq!(field("duration_minutes"), Some(Value::from(60)));
        assert_eq!(field("status"), Some(Value::from("planned")));
        assert_eq!(field("kind"), Some(Value::from("home_visit")));
        assert_eq!(field("with_whom"), Some(Value::from("sanne")));
        let no_time = AppointmentPlan { time: String::new(), ..plan.clone() };
        assert_eq!(plan_appointment(&no_time).unwrap_err().en, "Fill in a date and a time.");
        let no_place = AppointmentPlan { place: " ".into(), ..plan };
        assert!(plan_appointment(&no_place).unwrap_err().en.starts_with("Fill in where"));
    }

    #[test]
    fn appointments_to_confirm_are_todays_and_earlier_latest_first_at_most_five() {
        let mut replica = Replica::default();
        for day in 1..=7 {
            appointment(
                &mut replica,
                &format!("a{day}"),
                CLIENT,
                &format!("2026-11-0{day}T09:00"),
                "planned",
            );
        }
        appointment(&mut replica, "cancelled", CLIENT, "2026-11-05T11:00", "cancelled");
        appointment(&mut replica, "other", "other", "2026-11-05T11:00", "planned");
        let ids: Vec<String> = appointments_to_confirm(&replica, CLIENT, date("2026-11-06"))
            .into_iter()
            .map(|a| a.record.id)
            .collect();
        assert_eq!(ids, ["a6", "a5", "a4", "a3", "a2"]);
    }

    #[test]
    fn todays_visits_cover_every_file_by_time() {
        let mut replica = Replica::default();
        appointment(&mut replica, "late", "b-client", "2026-11-06T14:00", "planned");
        appointment(&mut replica, "early", "c-client", "2026-11-06T09:30", "planned");
        appointment(&mut replica, "tomorrow", "a-client", "2026-11-07T09:00", "planned");
        appointment(&mut replica, "off", "a-client", "2026-11-06T08:00", "cancelled");
        let visits = todays_visits(&replica, date("2026-11-06"));
        let seen: Vec<(&str, &str)> =
            visits.iter().map(|v| (v.client_id.as_str(), v.place.as_str())).collect();
        assert_eq!(seen, [("c-client", "Place of early"), ("b-client", "Place of late")]);
    }
}
