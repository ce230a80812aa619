//! A consultation hour (spreekuur) cut into appointment slots: how a municipality's team sets how
//! many appointments it offers. Each slot holds one appointment (`shared::journey::appointment`: the first
//! claim wins), so the number of slots is the capacity. Also the slot records a consultation hour
//! becomes ([`slot_changes`]) and the team's slots as a device has them ([`team_slots`]).

use crate::journey::booking::{slot_record, FieldChange};
use crate::law::calendar::Date;
use crate::law::local_time::LocalDateTime;
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind};
use crate::text::Explanation;
use serde_json::Value;

/// At most this many slots are made at once (a day of 15-minute slots is 32).
pub const MAX_SLOTS_AT_ONCE: usize = 40;
/// The shortest and the longest appointment a slot can hold, in minutes.
pub const MINUTES_EACH: std::ops::RangeInclusive<u32> = 10..=240;
pub const MAX_PLACE_CHARS: usize = 200;

/// What a consulent fills in: a day, from and until (minutes since midnight, Dutch time), how
/// long each appointment lasts, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsultationHour {
    pub date: Date,
    pub from_minutes: u32,
    pub until_minutes: u32,
    pub minutes_each: u32,
    pub place: String,
}

/// The start of each slot, back to back from `from` until `until` (a last piece too short for an
/// appointment is left out), or what to fix. Slots must start after `now`.
pub fn slots_in(hour: &ConsultationHour, now: LocalDateTime) -> Result<Vec<LocalDateTime>, Explanation> {
    let place = hour.place.trim();
    if place.is_empty() || place.chars().count() > MAX_PLACE_CHARS {
        return Err(Explanation::new(
            format!("Vul bij 'Plaats' in waar de afspraken zijn (hoogstens {MAX_PLACE_CHARS} tekens)."),
            format!(
                "Under 'Place', fill in where the appointments are (at most {MAX_PLACE_CHARS} characters)."
            ),
        ));
    }
    if !MINUTES_EACH.contains(&hour.minutes_each) {
        return Err(Explanation::new(
            format!(
                "Een afspraak duurt {} tot {} minuten. Pas 'Minuten per afspraak' aan.",
                MINUTES_EACH.start(),
                MINUTES_EACH.end()
            ),
            format!(
                "An appointment lasts {} to {} minutes. Change 'Minutes per appointment'.",
                MINUTES_EACH.start(),
                MINUTES_EACH.end()
            ),
        ));
    }
    if hour.until_minutes <= hour.from_minutes || hour.until_minutes > 24 * 60 {
        return Err(Explanation::new(
            "De eindtijd moet na de begintijd liggen, op dezelfde dag.",
            "The end time must be after the start time, on the same day.",
        ));
    }
    let count = ((hour.until_minutes - hour.from_minutes) / hour.minutes_each) as usize;
    if count == 0 {
        return Err(Explanation::new(
            "Tussen begin- en eindtijd past geen hele afspraak. Maak de tijd langer of de afspraak korter.",
            "No whole appointment fits between the start and end time. Make the time longer or the appointment shorter.",
        ));
    }
    if count > MAX_SLOTS_AT_ONCE {
        return Err(Explanation::new(
            format!("Dat zijn {count} momenten. Maak er hoogstens {MAX_SLOTS_AT_ONCE} tegelijk."),
            format!("That is {count} slots. Make at most {MAX_SLOTS_AT_ONCE} at once."),
        ));
    }
    let first = LocalDateTime { date: hour.date, minutes: hour.from_minutes };
    if first <= now {
        return Err(Explanation::new(
            "Dit moment is al voorbij. Kies een dag en tijd in de toekomst.",
            "This time has passed. Choose a day and time in the future.",
        ));
    }
    Ok((0..count).map(|i| first.plus_minutes(i as i64 * i64::from(hour.minutes_each))).collect())
}

/// "HH:MM" (as a time field gives it) as minutes since midnight; `None` when it is no time of day.
pub fn minutes_of(time: &str) -> Option<u32> {
    let (hour, minute) = time.split_once(':')?;
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour < 24 && minute < 60).then_some(hour * 60 + minute)
}

/// The changes that set up `hour`'s slots (`starts`, from [`slots_in`]) for `team_id`: for each a
/// new slot record (named by `new_id`) with its start, its length and the place, trimmed.
pub fn slot_changes(
    team_id: &str,
    hour: &ConsultationHour,
    starts: &[LocalDateTime],
    mut new_id: impl FnMut() -> String,
) -> Vec<FieldChange> {
    let place = hour.place.trim();
    starts
        .iter()
        .flat_map(|starts_at| {
            let record = slot_record(team_id, &new_id());
            [
                (record.clone(), "starts_at".to_owned(), Value::from(starts_at.to_string())),
                (record.clone(), "duration_minutes".to_owned(), Value::from(hour.minutes_each)),
                (record, "place".to_owned(), Value::from(place)),
            ]
        })
        .collect()
}

/// One slot of a team as a device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamSlot {
    pub starts_at: String,
    pub place: String,
    pub booked: bool,
}

/// The slots of teams in `replica` that have a start, by start time; booked when someone holds it.
pub fn team_slots(replica: &Replica) -> Vec<TeamSlot> {
    let mut slots: Vec<TeamSlot> = replica
        .records_of_kind(RecordKind::Slot)
        .into_iter()
        .filter(|(record, _)| matches!(record.owner, Owner::Team { .. }))
        .filter_map(|(_, fields)| {
            let text = |name: &str| match fields.get(name) {
                Some(FieldView::Value(Value::String(text))) => Some(text.clone()),
                _ => None,
            };
            Some(TeamSlot {
                starts_at: text("starts_at")?,
                place: text("place").unwrap_or_default(),
                booked: text("holder").is_some(),
            })
        })
        .collect();
    slots.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> LocalDateTime {
        LocalDateTime::parse(text).unwrap()
    }

    fn morning() -> ConsultationHour {
        ConsultationHour {
            date: Date::parse_iso("2026-12-01").unwrap(),
            from_minutes: 9 * 60,
            until_minutes: 12 * 60 + 10,
            minutes_each: 30,
            place: " Stadskantoor, balie 3 ".into(),
        }
    }

    #[test]
    fn a_morning_becomes_back_to_back_slots_and_a_short_rest_is_left_out() {
        let slots = slots_in(&morning(), at("2026-11-26T08:00")).unwrap();
        assert_eq!(slots.len(), 6);
        assert_eq!(slots[0], at("2026-12-01T09:00"));
        assert_eq!(slots[5], at("2026-12-01T11:30"));
    }

    #[test]
    fn what_does_not_fit_is_refused_with_what_to_fix() {
        let now = at("2026-11-26T08:00");
        let refused = |change: fn(&mut ConsultationHour)| {
            let mut hour = morning();
            change(&mut hour);
            slots_in(&hour, now).unwrap_err().nl
        };
        assert!(refused(|h| h.place = "  ".into()).contains("Plaats"));
        assert!(refused(|h| h.minutes_each = 5).contains("Minuten per afspraak"));
        assert!(refused(|h| h.until_minutes = h.from_minutes).contains("na de begintijd"));
        assert!(refused(|h| h.until_minutes = h.from_minutes + 20).contains("geen hele afspraak"));
        assert!(refused(|h| {
            h.minutes_each = 10;
            h.from_minutes = 8 * 60;
            h.until_minutes = 17 * 60;
        })
        .contains("hoogstens 40"));
        assert!(refused(|h| h.date = Date::parse_iso("2026-11-20").unwrap()).contains("voorbij"));
    }

    #[test]
    fn a_time_of_day_is_read_as_minutes_since_midnight() {
        assert_eq!(minutes_of("09:30"), Some(570));
        assert_eq!(minutes_of("0:00"), Some(0));
        assert_eq!(minutes_of("23:59"), Some(23 * 60 + 59));
        for wrong in ["24:00", "12:60", "12", "", "aa:bb", "-1:10"] {
            assert_eq!(minutes_of(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn each_start_becomes_a_new_slot_record_of_the_team() {
        let hour = morning();
        let starts = slots_in(&hour, at("2026-11-26T08:00")).unwrap();
        let mut n = 0;
        let changes = slot_changes("team-noord", &hour, &starts[..2], || {
            n += 1;
            format!("{n}b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e")
        });
        let first = slot_record("team-noord", "1b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
        let second = slot_record("team-noord", "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
        assert_eq!(
            changes,
            [
                (first.clone(), "starts_at".to_owned(), Value::from("2026-12-01T09:00")),
                (first.clone(), "duration_minutes".to_owned(), Value::from(30)),
                (first, "place".to_owned(), Value::from("Stadskantoor, balie 3")),
                (second.clone(), "starts_at".to_owned(), Value::from("2026-12-01T09:30")),
                (second.clone(), "duration_minutes".to_owned(), Value::from(30)),
                (second, "place".to_owned(), Value::from("Stadskantoor, balie 3")),
            ]
        );
    }

    #[test]
    fn the_team_slots_are_by_start_and_booked_when_held() {
        use crate::sync::hlc::Hlc;
        use crate::sync::sync_protocol::Operation;
        let mut replica = Replica::default();
        let mut n = 0;
        let mut set = |id: &str, owner: Owner, field: &str, value: &str| {
            n += 1;
            let operation = Operation {
                op_id: format!("{n:08x}-0000-4000-8000-000000000000"),
                record: crate::sync::record::RecordRef { kind: RecordKind::Slot, id: id.to_owned(), owner },
                field: field.to_owned(),
                value: Value::from(value),
                hlc: Hlc { wall_ms: 1, counter: 0, node: "device".to_owned() },
                author: "consulent-sanne".to_owned(),
                stored_as: None,
            };
            replica.apply(&operation, operation.check().unwrap().merge);
        };
        let team = || Owner::Team { team_id: "team-noord".into() };
        let (late, early, no_start) = (
            "1b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
            "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
            "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
        );
        set(late, team(), "starts_at", "2026-12-02T10:00");
        set(late, team(), "place", "Stadhuis");
        set(late, team(), "holder", "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
        set(early, team(), "starts_at", "2026-12-01T09:00");
        set(no_start, team(), "place", "Stadhuis");
        let slots = team_slots(&replica);
        assert_eq!(
            slots,
            [
                TeamSlot { starts_at: "2026-12-01T09:00".into(), place: String::new(), booked: false },
                TeamSlot { starts_at: "2026-12-02T10:00".into(), place: "Stadhuis".into(), booked: true },
            ]
        );
    }
}
