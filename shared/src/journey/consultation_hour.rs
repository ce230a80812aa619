//! A consultation hour (spreekuur) cut into appointment slots: how a municipality's team sets how
//! many appointments it offers. Each slot holds one appointment (`shared::journey::appointment`: the first
//! claim wins), so the number of slots is the capacity.

use crate::law::calendar::Date;
use crate::law::local_time::LocalDateTime;
use crate::text::Explanation;

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
}
