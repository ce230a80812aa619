//! The schedule of a group, made from its programme (`law::programme`, data in the policy file).
//!
//! [`schedule`] makes the session dates from a start date: a pure function, the same on the trainer's
//! tablet and anywhere else. Sessions fall on working days only (`calendar::is_working_day`: no
//! weekends, no public holidays of the Algemene termijnenwet). Our rule for a planned day that is not
//! a working day (a holiday, or before the start date): the session moves to the nearest free working
//! day of the same week, later days first; when the week has none, the session is left out, and the
//! schedule says why ([`Schedule::changes`]).
//!
//! A group refers to its programme as `<policy id>/<programme id>` (the group's `programme` field),
//! see [`programme_by_ref`].

use crate::law::calendar::{is_working_day, public_holiday, Date, PublicHoliday, Weekday};
use crate::law::programme::{Phase, Programme};
use crate::text::{Explanation, Language};

/// One session of a schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedSession {
    /// 1, 2, 3, … in date order.
    pub number: u32,
    /// The programme's week, from 1.
    pub week: u32,
    pub date: Date,
}

/// A schedule: the sessions, and every planned day that was moved or left out, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub sessions: Vec<PlannedSession>,
    pub changes: Vec<Explanation>,
}

/// The sessions of `programme` for a group that starts on `start` (week 1 is the week of `start`).
pub fn schedule(programme: &Programme, start: Date) -> Schedule {
    let first_monday = start.plus_days(-(start.weekday() as i32));
    let mut sessions: Vec<PlannedSession> = Vec::new();
    let mut changes = Vec::new();
    let mut week = 0;
    for phase in &programme.phases {
        for _ in 0..phase.weeks {
            week += 1;
            let monday = first_monday.plus_days(7 * (week as i32 - 1));
            let mut taken: Vec<Date> = Vec::new();
            for day in &phase.weekdays {
                let planned = monday.plus_days(day.offset());
                let usable = |date: Date, taken: &[Date]| {
                    date >= start && is_working_day(date) && !taken.contains(&date)
                };
                if usable(planned, &taken) {
                    taken.push(planned);
                    continue;
                }
                // Later days of the week first, then earlier ones.
                let offset = day.offset();
                let instead = (offset + 1..5)
                    .chain((0..offset).rev())
                    .map(|other| monday.plus_days(other))
                    .find(|date| usable(*date, &taken) && !phase_day(phase, monday, *date));
                let why = why_not(planned, start);
                let (nl, en) = (words(planned, Language::Dutch), words(planned, Language::English));
                match instead {
                    Some(date) => {
                        taken.push(date);
                        changes.push(Explanation::new(
                            format!(
                                "{nl} is geen lesdag ({}). Dat dagdeel is op {}.",
                                why.nl,
                                words(date, Language::Dutch)
                            ),
                            format!(
                                "{en} is not a session day ({}). That session is on {} instead.",
                                why.en,
                                words(date, Language::English)
                            ),
                        ));
                    }
                    None => changes.push(Explanation::new(
                        format!("{nl} is geen lesdag ({}). In die week is geen andere dag vrij. Dat dagdeel vervalt.", why.nl),
                        format!("{en} is not a session day ({}). No other day of that week is free. That session is left out.", why.en),
                    )),
                }
            }
            taken.sort();
            sessions.extend(taken.into_iter().map(|date| PlannedSession { number: 0, week, date }));
        }
    }
    for (index, session) in sessions.iter_mut().enumerate() {
        session.number = index as u32 + 1;
    }
    Schedule { sessions, changes }
}

fn words(date: Date, language: Language) -> String {
    crate::law::local_time::date_in_words(date, language)
}

/// A day the phase plans a session on itself (so another session does not move onto it).
fn phase_day(phase: &Phase, monday: Date, date: Date) -> bool {
    phase.weekdays.iter().any(|day| monday.plus_days(day.offset()) == date)
}

fn why_not(date: Date, start: Date) -> Explanation {
    if date < start {
        return Explanation::new("voor de startdatum", "before the start date");
    }
    match public_holiday(date) {
        Some(holiday) => holiday_name(holiday),
        None => match date.weekday() {
            Weekday::Saturday | Weekday::Sunday => Explanation::new("weekend", "weekend"),
            _ => Explanation::new("geen werkdag", "not a working day"),
        },
    }
}

/// A public holiday as people call it.
pub fn holiday_name(holiday: PublicHoliday) -> Explanation {
    let (nl, en) = match holiday {
        PublicHoliday::NewYearsDay => ("Nieuwjaarsdag", "New Year's Day"),
        PublicHoliday::GoodFriday => ("Goede Vrijdag", "Good Friday"),
        PublicHoliday::EasterMonday => ("Tweede Paasdag", "Easter Monday"),
        PublicHoliday::KingsDay => ("Koningsdag", "King's Day"),
        PublicHoliday::LiberationDay => ("Bevrijdingsdag", "Liberation Day"),
        PublicHoliday::AscensionDay => ("Hemelvaartsdag", "Ascension Day"),
        PublicHoliday::WhitMonday => ("Tweede Pinksterdag", "Whit Monday"),
        PublicHoliday::ChristmasDay => ("Eerste Kerstdag", "Christmas Day"),
        PublicHoliday::BoxingDay => ("Tweede Kerstdag", "Boxing Day"),
        PublicHoliday::EquatedByDecree => ("een vrije dag volgens de wet", "a day off by law"),
    };
    Explanation::new(nl, en)
}

/// The programme a group refers to as `<policy id>/<programme id>`, in any version of that policy.
pub fn programme_by_ref(reference: &str) -> Option<&'static Programme> {
    let (policy_id, programme_id) = reference.split_once('/')?;
    crate::law::policy::embedded_policies()
        .iter()
        .filter(|policy| policy.id == policy_id)
        .flat_map(|policy| policy.programmes.iter())
        .find(|programme| programme.id == programme_id)
}

/// Every programme of every built-in policy, with its reference (`<policy id>/<programme id>`).
pub fn all_programmes() -> Vec<(String, &'static Programme)> {
    let mut all: Vec<(String, &'static Programme)> = Vec::new();
    for policy in crate::law::policy::embedded_policies() {
        for programme in &policy.programmes {
            let reference = format!("{}/{}", policy.id, programme.id);
            if !all.iter().any(|(known, _)| *known == reference) {
                all.push((reference, programme));
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::programme::SessionDay;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn sterk_naar_werk() -> &'static Programme {
        programme_by_ref("ijmond-werkt/sterk-naar-werk").expect("IJmond has Sterk naar Werk")
    }

    #[test]
    fn sterk_naar_werk_is_eight_weeks_of_three_then_two_half_days() {
        let programme = sterk_naar_werk();
        assert_eq!(programme.weeks(), 8);
        assert_eq!(programme.session_count(), 4 * 3 + 4 * 2);
        assert!(programme.signal_after_unexcused_absences >= 1);
        assert!(!programme.end_goals.is_empty());
        assert_eq!(all_programmes().iter().filter(|(r, _)| r == "ijmond-werkt/sterk-naar-werk").count(), 1);
    }

    #[test]
    fn a_schedule_without_holidays_has_every_session_on_its_weekday() {
        // 2 November 2026 is a Monday; no holidays until Christmas.
        let plan = schedule(sterk_naar_werk(), date("2026-11-02"));
        assert_eq!(plan.sessions.len(), 20);
        assert!(plan.changes.is_empty(), "{:?}", plan.changes);
        let days: Vec<String> = plan.sessions.iter().take(4).map(|s| s.date.to_string()).collect();
        assert_eq!(days, ["2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09"]);
        assert_eq!(plan.sessions[12].week, 5, "week 5 starts the second phase");
        assert_eq!(plan.sessions.last().unwrap().date, date("2026-12-24"));
        assert!(plan.sessions.windows(2).all(|pair| pair[0].date < pair[1].date));
        assert_eq!(plan.sessions.iter().map(|s| s.number).collect::<Vec<_>>(), (1..=20).collect::<Vec<_>>());
    }

    #[test]
    fn a_session_on_a_holiday_moves_to_a_free_working_day_of_that_week() {
        // 13 April 2026 is a Monday. Monday 27 April 2026 is King's Day: week 3's Monday session moves
        // to Tuesday 28 April. Thursday 14 May is Ascension Day and Friday 15 May a day off by decree:
        // week 5's Thursday session moves back to Wednesday 13 May.
        let plan = schedule(sterk_naar_werk(), date("2026-04-13"));
        assert_eq!(plan.sessions.len(), 20);
        let week3: Vec<String> =
            plan.sessions.iter().filter(|s| s.week == 3).map(|s| s.date.to_string()).collect();
        assert_eq!(week3, ["2026-04-28", "2026-04-29", "2026-05-01"]);
        assert!(plan.sessions.iter().all(|s| is_working_day(s.date)));
        let week5: Vec<String> =
            plan.sessions.iter().filter(|s| s.week == 5).map(|s| s.date.to_string()).collect();
        assert_eq!(week5, ["2026-05-12", "2026-05-13"]);
        assert_eq!(plan.changes.len(), 2, "{:?}", plan.changes);
        assert!(plan.changes[0].nl.contains("Koningsdag"), "{:?}", plan.changes);
        assert!(plan.changes[0].en.contains("Tuesday 28 April 2026"), "{:?}", plan.changes);
        assert!(plan.changes[1].nl.contains("Hemelvaartsdag"), "{:?}", plan.changes);
    }

    #[test]
    fn a_start_in_the_middle_of_a_week_fills_that_week_from_the_start_date_on() {
        // Wednesday 4 November 2026: Monday's session of week 1 moves to Thursday.
        let plan = schedule(sterk_naar_werk(), date("2026-11-04"));
        let week1: Vec<String> =
            plan.sessions.iter().filter(|s| s.week == 1).map(|s| s.date.to_string()).collect();
        assert_eq!(week1, ["2026-11-04", "2026-11-05", "2026-11-06"]);
        assert!(plan.sessions.iter().all(|s| s.date >= date("2026-11-04")));
        assert!(plan.changes[0].en.contains("before the start date"));
    }

    #[test]
    fn a_session_is_left_out_when_the_week_has_no_free_working_day() {
        let mut programme = sterk_naar_werk().clone();
        programme.phases = vec![Phase {
            weeks: 1,
            weekdays: vec![
                SessionDay::Monday,
                SessionDay::Tuesday,
                SessionDay::Wednesday,
                SessionDay::Thursday,
                SessionDay::Friday,
            ],
            source: "test".into(),
        }];
        // Christmas week 2026: Friday 25 December is a holiday, every other day is taken.
        let plan = schedule(&programme, date("2026-12-21"));
        assert_eq!(plan.sessions.len(), 4);
        assert!(plan.changes[0].nl.contains("vervalt") && plan.changes[0].nl.contains("Eerste Kerstdag"));
    }

    #[test]
    fn the_demo_groups_schedule_is_the_one_this_function_makes() {
        let demo = include_str!("../../../worker/demo/demo.sql");
        let group = "7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
        for session in schedule(sterk_naar_werk(), date("2026-11-16")).sessions {
            let id = crate::journey::attendance::session_id_for(group, session.number);
            let starts_at = format!(
                r#""id":"{id}","owner":{{"kind":"group","group_id":"{group}"}}}},"field":"starts_at","value":"{}T09:30""#,
                session.date
            );
            assert!(
                demo.contains(&starts_at),
                "worker/demo/demo.sql lacks session {}: {starts_at}",
                session.number
            );
        }
    }
}
