//! Dutch local time (Europe/Amsterdam), to the minute: [`LocalDateTime`] (`YYYY-MM-DDTHH:MM`, as
//! records store it), to UTC and back across summer time, and dates and times in words ("dinsdag 1
//! december 2026, 09:30" / "Tuesday 1 December 2026, 09:30"). Appointments, consultation hours,
//! group sessions and the klantfoto's history all read their times through it.

use crate::law::calendar::{Date, Weekday};
use crate::text::Language;
use std::fmt;

/// A wall-clock time in the Netherlands (Europe/Amsterdam), to the minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub date: Date,
    /// Minutes since midnight.
    pub minutes: u32,
}

/// Milliseconds in a minute: UTC instants come in milliseconds since the Unix epoch.
pub const MS_PER_MINUTE: i64 = 60_000;
const MINUTES_PER_DAY: i64 = 24 * 60;

impl LocalDateTime {
    /// Reads `YYYY-MM-DDTHH:MM`.
    pub fn parse(text: &str) -> Option<LocalDateTime> {
        let (date, time) = text.split_once('T')?;
        let date = Date::parse_iso(date).ok()?;
        let (hour, minute) = time.split_once(':')?;
        if hour.len() != 2 || minute.len() != 2 {
            return None;
        }
        let hour: u32 = hour.parse().ok().filter(|hour| *hour < 24)?;
        let minute: u32 = minute.parse().ok().filter(|minute| *minute < 60)?;
        Some(LocalDateTime { date, minutes: hour * 60 + minute })
    }

    pub fn hour(self) -> u32 {
        self.minutes / 60
    }

    pub fn minute(self) -> u32 {
        self.minutes % 60
    }

    /// Minutes since 1970-01-01 00:00 of this wall clock (not UTC).
    fn wall_minutes(self) -> i64 {
        i64::from(epoch().days_until(self.date)) * MINUTES_PER_DAY + i64::from(self.minutes)
    }

    fn from_wall_minutes(minutes: i64) -> LocalDateTime {
        let days = minutes.div_euclid(MINUTES_PER_DAY);
        LocalDateTime {
            date: epoch().plus_days(days as i32),
            minutes: minutes.rem_euclid(MINUTES_PER_DAY) as u32,
        }
    }

    pub fn plus_minutes(self, minutes: i64) -> LocalDateTime {
        LocalDateTime::from_wall_minutes(self.wall_minutes() + minutes)
    }

    /// The Dutch time at a UTC instant (milliseconds since the Unix epoch).
    pub fn from_utc_ms(utc_ms: i64) -> LocalDateTime {
        let utc_minutes = utc_ms.div_euclid(MS_PER_MINUTE);
        LocalDateTime::from_wall_minutes(utc_minutes + amsterdam_offset_minutes(utc_minutes))
    }

    /// The UTC instant of this Dutch time, in minutes since the Unix epoch. In the hour that does
    /// not exist (the clock jumps from 02:00 to 03:00 in March) it counts as winter time; in the
    /// hour that happens twice (October) the first one is meant.
    pub fn to_utc_minutes(self) -> i64 {
        let summer = self.wall_minutes() - 120;
        if amsterdam_offset_minutes(summer) == 120 {
            summer
        } else {
            self.wall_minutes() - 60
        }
    }

    /// In words: "dinsdag 1 december 2026, 09:30" / "Tuesday 1 December 2026, 09:30".
    pub fn in_words(self, language: Language) -> String {
        format!("{}, {:02}:{:02}", date_in_words(self.date, language), self.hour(), self.minute())
    }
}

impl fmt::Display for LocalDateTime {
    /// `YYYY-MM-DDTHH:MM`, as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}", self.date, self.hour(), self.minute())
    }
}

fn epoch() -> Date {
    Date::from_ymd(1970, 1, 1).expect("1970-01-01 exists")
}

/// The last Sunday of a month, at 01:00 UTC, in minutes since the Unix epoch: when summer time
/// starts (March) and ends (October) in the European Union.
fn last_sunday_01_utc(year: i32, month: u32) -> i64 {
    let mut day = Date::from_ymd(year, month, 31).expect("March and October have 31 days");
    while day.weekday() != Weekday::Sunday {
        day = day.plus_days(-1);
    }
    i64::from(epoch().days_until(day)) * MINUTES_PER_DAY + 60
}

/// +60 minutes in winter (CET), +120 in summer (CEST), at a UTC instant.
fn amsterdam_offset_minutes(utc_minutes: i64) -> i64 {
    let year = epoch().plus_days(utc_minutes.div_euclid(MINUTES_PER_DAY) as i32).year();
    if (last_sunday_01_utc(year, 3)..last_sunday_01_utc(year, 10)).contains(&utc_minutes) {
        120
    } else {
        60
    }
}

/// A day of the week as people say it: "maandag" / "Monday".
pub fn weekday_in(weekday: Weekday, language: Language) -> &'static str {
    let (nl, en) = match weekday {
        Weekday::Monday => ("maandag", "Monday"),
        Weekday::Tuesday => ("dinsdag", "Tuesday"),
        Weekday::Wednesday => ("woensdag", "Wednesday"),
        Weekday::Thursday => ("donderdag", "Thursday"),
        Weekday::Friday => ("vrijdag", "Friday"),
        Weekday::Saturday => ("zaterdag", "Saturday"),
        Weekday::Sunday => ("zondag", "Sunday"),
    };
    language.pick(nl, en)
}

/// A month (1 to 12) as people say it: "maart" / "March".
pub fn month_in(month: u32, language: Language) -> &'static str {
    const MONTHS: [(&str, &str); 12] = [
        ("januari", "January"),
        ("februari", "February"),
        ("maart", "March"),
        ("april", "April"),
        ("mei", "May"),
        ("juni", "June"),
        ("juli", "July"),
        ("augustus", "August"),
        ("september", "September"),
        ("oktober", "October"),
        ("november", "November"),
        ("december", "December"),
    ];
    let (nl, en) = MONTHS[(month.clamp(1, 12) - 1) as usize];
    language.pick(nl, en)
}

/// A date in words: "maandag 30 november 2026" / "Monday 30 November 2026".
pub fn date_in_words(date: Date, language: Language) -> String {
    format!(
        "{} {} {} {}",
        weekday_in(date.weekday(), language),
        date.day(),
        month_in(date.month(), language),
        date.year()
    )
}

/// A date in short words, for narrow columns: "12 nov 2026" / "12 Nov 2026".
pub fn short_date(date: Date, language: Language) -> String {
    const DUTCH: [&str; 12] =
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    const ENGLISH: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = language.pick(DUTCH, ENGLISH)[date.month() as usize - 1];
    format!("{} {month} {}", date.day(), date.year())
}

/// A UTC instant (minutes since the Unix epoch, and seconds) as iCalendar writes it (RFC 5545 3.3.5,
/// the basic form of ISO 8601): `20261201T083000Z`.
pub fn utc_stamp(utc_minutes: i64, seconds: i64) -> String {
    let local = LocalDateTime::from_wall_minutes(utc_minutes);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        local.date.year(),
        local.date.month(),
        local.date.day(),
        local.hour(),
        local.minute(),
        seconds
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> LocalDateTime {
        LocalDateTime::parse(text).unwrap()
    }

    #[test]
    fn dutch_time_converts_to_utc_across_summer_time() {
        // Winter: UTC+1; summer: UTC+2. 2026: summer time from 29 March to 25 October.
        assert_eq!(utc_stamp(at("2026-12-01T09:30").to_utc_minutes(), 0), "20261201T083000Z");
        assert_eq!(utc_stamp(at("2026-07-01T09:30").to_utc_minutes(), 0), "20260701T073000Z");
        assert_eq!(utc_stamp(at("2026-03-29T01:59").to_utc_minutes(), 0), "20260329T005900Z");
        assert_eq!(utc_stamp(at("2026-03-29T03:00").to_utc_minutes(), 0), "20260329T010000Z");
        assert_eq!(utc_stamp(at("2026-10-25T03:00").to_utc_minutes(), 0), "20261025T020000Z");
        // And back: 1 December 2026 08:30 UTC is 09:30 in Amsterdam.
        let utc_ms = at("2026-12-01T09:30").to_utc_minutes() * MS_PER_MINUTE;
        assert_eq!(LocalDateTime::from_utc_ms(utc_ms), at("2026-12-01T09:30"));
        assert_eq!(
            LocalDateTime::from_utc_ms(at("2026-07-01T23:30").to_utc_minutes() * MS_PER_MINUTE).to_string(),
            "2026-07-01T23:30"
        );
    }

    #[test]
    fn short_dates_fit_a_narrow_column_in_both_languages() {
        let date = Date::parse_iso("2027-03-04").unwrap();
        assert_eq!(short_date(date, Language::Dutch), "4 mrt 2027");
        assert_eq!(short_date(date, Language::English), "4 Mar 2027");
        assert_eq!(short_date(Date::parse_iso("2026-12-31").unwrap(), Language::Dutch), "31 dec 2026");
    }

    #[test]
    fn dates_read_in_dutch_and_english_words() {
        assert_eq!(at("2026-12-01T09:30").in_words(Language::Dutch), "dinsdag 1 december 2026, 09:30");
        assert_eq!(at("2027-03-14T14:05").in_words(Language::Dutch), "zondag 14 maart 2027, 14:05");
        assert_eq!(at("2026-12-01T09:30").in_words(Language::English), "Tuesday 1 December 2026, 09:30");
        assert_eq!(at("2027-03-14T14:05").in_words(Language::English), "Sunday 14 March 2027, 14:05");
        let monday = Date::from_ymd(2026, 11, 30).unwrap();
        assert_eq!(date_in_words(monday, Language::Dutch), "maandag 30 november 2026");
        assert_eq!(date_in_words(monday, Language::English), "Monday 30 November 2026");
        // Every day and month has its own word in both languages.
        let days: std::collections::BTreeSet<_> =
            (0..7).map(|n| weekday_in(monday.plus_days(n).weekday(), Language::English)).collect();
        assert_eq!(days.len(), 7);
        let months: std::collections::BTreeSet<_> =
            (1..=12).map(|m| month_in(m, Language::English)).collect();
        assert_eq!(months.len(), 12);
        assert_eq!(month_in(5, Language::Dutch), "mei");
        assert_eq!(LocalDateTime::parse("2026-12-01T9:30"), None);
        assert_eq!(LocalDateTime::parse("2026-12-01T24:00"), None);
    }
}
