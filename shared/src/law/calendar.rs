//! Calendar dates and Dutch working days, for deadlines such as "intake within 5 working days".
//!
//! A working day is a day that is not a Saturday, a Sunday or an "algemeen erkende feestdag"
//! of the Algemene termijnenwet (Atw): art. 3 lid 1 lists Nieuwjaarsdag, Tweede Paasdag,
//! Koningsdag, 5 mei (Bevrijdingsdag), Hemelvaartsdag, Tweede Pinksterdag and both Kerstdagen;
//! art. 3 lid 2 equates Goede Vrijdag; art. 3 lid 3 lets a decree equate more days
//! ([`DAYS_EQUATED_BY_DECREE`]). Easter is computed (Gregorian computus), never looked up.
//! A legal term in calendar days that ends on a non-working day runs on to the next working
//! day (Atw art. 1): [`Date::plus_calendar_days_under_the_atw`].
//!
//! Dates are plain civil dates (no time zone): a deadline is a day, not an instant.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The first and last year this calendar accepts (birth dates included). Holiday rules are
/// those in force since 2014 (Koningsdag); deadlines before that are not computed.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

/// A day in the Gregorian calendar, between [`FIRST_YEAR`] and [`LAST_YEAR`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// The days that the Algemene termijnenwet counts as public holidays (non-working days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicHoliday {
    NewYearsDay,
    GoodFriday,
    EasterMonday,
    KingsDay,
    LiberationDay,
    AscensionDay,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
    /// A day equated with a public holiday by a decree under Atw art. 3 lid 3.
    EquatedByDecree,
}

/// Days equated with a public holiday under Atw art. 3 lid 3, as (year, month, day).
/// Sources: "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december
/// 2024 en 30 mei 2025 met een algemeen erkende feestdag" and "Besluit gelijkstelling van
/// 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen
/// erkende feestdag" (Staatscourant). Add the next decree here when it is published.
pub const DAYS_EQUATED_BY_DECREE: &[(i32, u32, u32)] = &[
    (2023, 4, 28),
    (2023, 5, 19),
    (2024, 5, 10),
    (2024, 12, 27),
    (2025, 5, 30),
    (2026, 1, 2),
    (2026, 5, 15),
    (2027, 5, 7),
    (2028, 4, 28),
    (2028, 5, 26),
];

/// A date that does not exist or lies outside the supported years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDate {
    pub input: String,
}

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Date, InvalidDate> {
        let invalid = || InvalidDate { input: format!("{year:04}-{month:02}-{day:02}") };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return Err(invalid());
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(invalid());
        }
        Ok(Date { days: days_from_civil(year, month, day) })
    }

    /// Reads an ISO 8601 calendar date: `2026-11-26`.
    pub fn parse_iso(input: &str) -> Result<Date, InvalidDate> {
        let invalid = || InvalidDate { input: input.chars().take(40).collect() };
        let bytes = input.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !well_formed {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| input[range].parse::<u32>().map_err(|_| invalid());
        let year = i32::try_from(number(0..4)?).map_err(|_| invalid())?;
        Date::from_ymd(year, number(5..7)?, number(8..10)?).map_err(|_| invalid())
    }

    pub fn year(self) -> i32 {
        civil_from_days(self.days).0
    }

    pub fn month(self) -> u32 {
        civil_from_days(self.days).1
    }

    pub fn day(self) -> u32 {
        civil_from_days(self.days).2
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The date `days` calendar days later (or earlier, when negative).
    pub fn plus_days(self, days: i32) -> Date {
        Date { days: self.days + days }
    }

    /// The same day `months` later; a day the month does not have becomes its last day
    /// (31 August + 6 months is 28 or 29 February).
    pub fn plus_months(self, months: u32) -> Date {
        let month_index = self.month() as i64 - 1 + i64::from(months);
        let year = self.year() + (month_index / 12) as i32;
        let month = (month_index % 12) as u32 + 1;
        let day = self.day().min(days_in_month(year, month));
        Date { days: days_from_civil(year, month, day) }
    }

    /// Calendar days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.days - self.days
    }

    /// Whole months from `birth` to `self`: someone born on 12 May 1981 is 545 months old
    /// on 12 October 2026 and still 544 on 11 October. Zero when `birth` is later.
    pub fn whole_months_since(self, birth: Date) -> u32 {
        let (year, month, day) = civil_from_days(self.days);
        let (birth_year, birth_month, birth_day) = civil_from_days(birth.days);
        let months =
            (year - birth_year) * 12 + month as i32 - birth_month as i32 - i32::from(day < birth_day);
        months.max(0) as u32
    }

    /// The date `count` working days after `self`: "within 5 working days" of a Friday
    /// report ends on the next Friday, or later when a holiday falls in between.
    pub fn plus_working_days(self, count: u32) -> Date {
        let mut date = self;
        let mut remaining = count;
        while remaining > 0 {
            date = date.plus_days(1);
            if is_working_day(date) {
                remaining -= 1;
            }
        }
        date
    }

    /// The end of a legal term of `days` calendar days from `self`: if that day is not a
    /// working day, the term runs on to the next working day (Atw art. 1).
    pub fn plus_calendar_days_under_the_atw(self, days: u32) -> Date {
        let mut end = self.plus_days(days as i32);
        while !is_working_day(end) {
            end = end.plus_days(1);
        }
        end
    }
}

/// Easter Sunday of `year` (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { days: days_from_civil(year, month as u32, day as u32) }
}

/// Which public holiday `date` is, if any.
pub fn public_holiday(date: Date) -> Option<PublicHoliday> {
    let year = date.year();
    let easter = easter_sunday(year);
    let fixed = |month, day| Date { days: days_from_civil(year, month, day) };
    let holidays = [
        (fixed(1, 1), PublicHoliday::NewYearsDay),
        (easter.plus_days(-2), PublicHoliday::GoodFriday),
        (easter.plus_days(1), PublicHoliday::EasterMonday),
        (kings_day(year), PublicHoliday::KingsDay),
        (fixed(5, 5), PublicHoliday::LiberationDay),
        (easter.plus_days(39), PublicHoliday::AscensionDay),
        (easter.plus_days(50), PublicHoliday::WhitMonday),
        (fixed(12, 25), PublicHoliday::ChristmasDay),
        (fixed(12, 26), PublicHoliday::BoxingDay),
    ];
    let by_law = holidays.iter().find(|(day, _)| *day == date).map(|(_, holiday)| *holiday);
    by_law.or_else(|| {
        let (year, month, day) = civil_from_days(date.days);
        DAYS_EQUATED_BY_DECREE.contains(&(year, month, day)).then_some(PublicHoliday::EquatedByDecree)
    })
}

/// Koningsdag: 27 April, or 26 April when the 27th is a Sunday (from 2014; before that
/// Koninginnedag: 30 April, or 29 April when the 30th is a Sunday).
fn kings_day(year: i32) -> Date {
    let (day, day_before) = if year >= 2014 { (27, 26) } else { (30, 29) };
    let date = Date { days: days_from_civil(year, 4, day) };
    if date.weekday() == Weekday::Sunday {
        Date { days: days_from_civil(year, 4, day_before) }
    } else {
        date
    }
}

pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && public_holiday(date).is_none()
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month as i32 + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (year, month, day) = civil_from_days(self.days);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl std::fmt::Display for InvalidDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a date between {FIRST_YEAR} and {LAST_YEAR}; write it as YYYY-MM-DD, for example 2026-11-26",
            self.input
        )
    }
}

impl std::error::Error for InvalidDate {}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD, between 1900 and 2199."
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::date;

    #[test]
    fn round_trips_every_day_of_the_supported_range() {
        let mut day = date("1900-01-01");
        let last = date("2199-12-31");
        let mut previous = day;
        while day <= last {
            let text = day.to_string();
            assert_eq!(date(&text), day, "{text}");
            assert_eq!(Date::from_ymd(day.year(), day.month(), day.day()).unwrap(), day);
            if day != previous {
                assert_eq!(previous.days_until(day), 1);
            }
            previous = day;
            day = day.plus_days(1);
        }
    }

    #[test]
    fn counts_whole_months_of_age() {
        let birth = date("1981-05-12");
        assert_eq!(date("2026-10-12").whole_months_since(birth), 545);
        assert_eq!(date("2026-10-11").whole_months_since(birth), 544);
        assert_eq!(date("1981-05-12").whole_months_since(birth), 0);
        assert_eq!(date("1980-01-01").whole_months_since(birth), 0);
        // Born on 29 February: a month is complete on the same day number or later.
        assert_eq!(date("2025-02-28").whole_months_since(date("2004-02-29")), 251);
        assert_eq!(date("2025-03-01").whole_months_since(date("2004-02-29")), 252);
    }

    #[test]
    fn knows_weekdays() {
        assert_eq!(date("2000-01-01").days, 10_957, "days since 1970-01-01");
        assert_eq!(date("2026-11-26").weekday(), Weekday::Thursday);
        assert_eq!(date("2000-02-29").weekday(), Weekday::Tuesday);
    }

    #[test]
    fn refuses_impossible_or_malformed_dates_with_a_clear_message() {
        for bad in [
            "2026-02-29",
            "2100-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-5",
            "26-11-2026",
            "1899-12-31",
            "",
            "2026-11-26T10:00",
        ] {
            let error = Date::parse_iso(bad).unwrap_err();
            assert!(error.to_string().contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(Date::parse_iso("2024-02-29").is_ok());
        assert!(Date::parse_iso("2000-02-29").is_ok());
    }

    #[test]
    fn computes_easter_as_published() {
        for (year, easter) in [
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), date(easter), "{year}");
        }
    }

    #[test]
    fn lists_the_holidays_of_the_algemene_termijnenwet_for_2026() {
        let expected = [
            ("2026-01-01", PublicHoliday::NewYearsDay),
            ("2026-01-02", PublicHoliday::EquatedByDecree),
            ("2026-04-03", PublicHoliday::GoodFriday),
            ("2026-04-06", PublicHoliday::EasterMonday),
            ("2026-04-27", PublicHoliday::KingsDay),
            ("2026-05-05", PublicHoliday::LiberationDay),
            ("2026-05-14", PublicHoliday::AscensionDay),
            ("2026-05-15", PublicHoliday::EquatedByDecree),
            ("2026-05-25", PublicHoliday::WhitMonday),
            ("2026-12-25", PublicHoliday::ChristmasDay),
            ("2026-12-26", PublicHoliday::BoxingDay),
        ];
        let mut found = Vec::new();
        let mut day = date("2026-01-01");
        while day.year() == 2026 {
            if let Some(holiday) = public_holiday(day) {
                found.push((day.to_string(), holiday));
            }
            day = day.plus_days(1);
        }
        let expected: Vec<_> = expected.iter().map(|(d, h)| (d.to_string(), *h)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn moves_kings_day_to_saturday_when_the_27th_is_a_sunday() {
        assert_eq!(public_holiday(date("2025-04-26")), Some(PublicHoliday::KingsDay));
        assert_eq!(public_holiday(date("2025-04-27")), None);
    }

    #[test]
    fn counts_working_days_past_weekends_and_holidays() {
        // Thursday 26 November 2026 + 5 working days = Thursday 3 December.
        assert_eq!(date("2026-11-26").plus_working_days(5), date("2026-12-03"));
        // Reported on Tuesday 22 December 2026: Christmas (Fri 25) and Boxing Day (Sat) and the
        // weekend pass; 5 working days end on Wednesday 30 December.
        assert_eq!(date("2026-12-22").plus_working_days(5), date("2026-12-30"));
        // Thursday before Easter 2026: Good Friday, the weekend and Easter Monday pass.
        assert_eq!(date("2026-04-02").plus_working_days(1), date("2026-04-07"));
        assert_eq!(date("2026-04-02").plus_working_days(0), date("2026-04-02"));
        // Ascension 2026 (Thu 14 May) and the decree day after it (Fri 15 May).
        assert_eq!(date("2026-05-13").plus_working_days(1), date("2026-05-18"));
    }

    #[test]
    fn a_calendar_day_term_ending_on_a_non_working_day_runs_on_to_the_next_working_day() {
        // Application on Tuesday 24 November 2026 + 3 days = Friday 27 November: a working day.
        assert_eq!(date("2026-11-24").plus_calendar_days_under_the_atw(3), date("2026-11-27"));
        // Wednesday 25 November + 3 = Saturday 28 November: runs on to Monday 30 November.
        assert_eq!(date("2026-11-25").plus_calendar_days_under_the_atw(3), date("2026-11-30"));
        // Tuesday 23 December 2025 + 14 days = Tuesday 6 January 2026 (a working day).
        assert_eq!(date("2025-12-23").plus_calendar_days_under_the_atw(14), date("2026-01-06"));
        // Monday 29 December 2025 + 4 = Friday 2 January 2026, equated by decree: Monday 5 January.
        assert_eq!(date("2025-12-29").plus_calendar_days_under_the_atw(4), date("2026-01-05"));
    }

    #[test]
    fn deadlines_land_on_working_days_and_never_shrink() {
        let mut start = date("2025-12-01");
        while start < date("2027-02-01") {
            let mut previous = start;
            for count in 1..=15 {
                let deadline = start.plus_working_days(count);
                assert!(is_working_day(deadline), "{start} + {count}");
                assert!(deadline > previous, "{start} + {count}");
                assert!(start.days_until(deadline) >= count as i32);
                previous = deadline;
                let term = start.plus_calendar_days_under_the_atw(count);
                assert!(is_working_day(term), "{start} + {count} calendar days");
                assert!(start.days_until(term) >= count as i32);
            }
            start = start.plus_days(1);
        }
    }

    #[test]
    fn months_later_keep_the_day_or_take_the_last_one() {
        assert_eq!(date("2026-11-26").plus_months(6), date("2027-05-26"));
        assert_eq!(date("2026-11-26").plus_months(24), date("2028-11-26"));
        assert_eq!(date("2027-08-31").plus_months(6), date("2028-02-29"), "a leap year");
        assert_eq!(date("2026-08-31").plus_months(6), date("2027-02-28"));
        assert_eq!(date("2026-01-15").plus_months(0), date("2026-01-15"));
    }

    #[test]
    fn serialises_as_an_iso_string() {
        let json = serde_json::to_string(&date("2026-07-01")).unwrap();
        assert_eq!(json, "\"2026-07-01\"");
        let back: Date = serde_json::from_str(&json).unwrap();
        assert_eq!(back, date("2026-07-01"));
        let error = serde_json::from_str::<Date>("\"2026-02-30\"").unwrap_err();
        assert!(error.to_string().contains("YYYY-MM-DD"));
    }
}
