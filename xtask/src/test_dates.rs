//! The end-to-end tests at chosen dates: one shifted clock for the whole test stack.
//!
//! A run at a date preloads `tests/clock/shifted_clock.c` (built here with the machine's C
//! compiler) into every process the run starts: the identity provider, wrangler and workerd, the
//! municipality's fakes, node's test runner and the Chromium it drives. They all read the same
//! wall clock, moved by one offset computed when the run starts; their monotonic clocks (timers,
//! timeouts) are untouched. Product code has no switch for it.
//!
//! `cargo xtask test` runs the whole suite today, and the tests that say they are date-sensitive
//! (a comment starting with [`DATE_SENSITIVE_MARKER`] right above the `test(…)`) at each of
//! [`THE_DATES_THAT_MATTER`]. `cargo xtask test --date 2027-03-28` runs the whole suite at one
//! date, to reproduce a failure.

use crate::shell::{run, say};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A test whose comment above it starts with this runs at every date below, not only today.
pub const DATE_SENSITIVE_MARKER: &str = "// Date-sensitive:";

/// The dates whose calendar rules a test run today would not meet, each with why it matters.
pub const THE_DATES_THAT_MATTER: &[(&str, &str)] = &[
    ("2026-12-04", "a Friday: a 28-day term ends on New Year's Day, across Christmas"),
    ("2026-12-31", "31 December: the year and its amounts change at midnight"),
    ("2027-01-04", "a Monday, the first working day of the year"),
    ("2027-03-25", "the Thursday before Easter: Good Friday and Easter Monday are not working days"),
    ("2027-03-28", "the last Sunday of March: summer time starts at 02:00 (and it is Easter)"),
    ("2027-05-05", "the day before Ascension, itself Liberation Day (5 May)"),
    ("2027-10-31", "the last Sunday of October: summer time ends at 03:00"),
];

/// The time of day a date's run starts: 08:00 UTC, 9:00 or 10:00 in Amsterdam, so that a run of a
/// few minutes stays within the day.
const START_OF_A_RUN_UTC: i64 = 8 * 3600;

/// A moment to run the tests at, and the offset from the real clock that puts the stack there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Unix seconds of the moment the run starts at.
    pub starts_at: i64,
}

impl TestDate {
    /// `YYYY-MM-DD`, for a run starting at 08:00 UTC that day.
    pub fn parse(text: &str) -> Result<TestDate, String> {
        let invalid = || {
            format!("`--date {text}` is not a date: give it as YYYY-MM-DD, for example `--date 2027-03-28`")
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else { return Err(invalid()) };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(invalid());
        }
        let number = |part: &str| part.parse::<i64>().map_err(|_| invalid());
        let (year, month, day) = (number(year)?, number(month)?, number(day)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(invalid());
        }
        let starts_at = days_from_civil(year, month, day) * 86_400 + START_OF_A_RUN_UTC;
        Ok(TestDate { date: text.to_owned(), starts_at })
    }

    /// How far the clock moves for a run starting now.
    pub fn offset_from_now(&self) -> i64 {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs() as i64);
        self.starts_at - now
    }
}

/// The date-sensitive tests of the given files: the files that have any, and the names of those
/// tests (each marked by a comment starting with [`DATE_SENSITIVE_MARKER`] right above its
/// `test("…"`). The other tests in those files are skipped at the dates, so a date-sensitive test
/// must not need one of them to have run before it.
pub fn date_sensitive(files: &[String]) -> Result<DateSensitiveTests, String> {
    let mut chosen = DateSensitiveTests::default();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let names = marked_test_names(&text).map_err(|problem| format!("{file}: {problem}"))?;
        if !names.is_empty() {
            chosen.files.push(file.clone());
            chosen.names.extend(names);
        }
    }
    Ok(chosen)
}

/// The tests to run at each of the dates that matter.
#[derive(Debug, Default, PartialEq)]
pub struct DateSensitiveTests {
    pub files: Vec<String>,
    pub names: Vec<String>,
}

impl DateSensitiveTests {
    /// node's `--test-name-pattern` that matches exactly these tests' names.
    pub fn name_pattern(&self) -> String {
        let names: Vec<String> = self.names.iter().map(|name| regex_escaped(name)).collect();
        format!("^(?:{})$", names.join("|"))
    }
}

/// The names of the tests marked date-sensitive in a test file's text. A marker is a comment line
/// starting with [`DATE_SENSITIVE_MARKER`]; more comment lines may follow it, then the `test(` line
/// with the name as its first argument, a string literal.
fn marked_test_names(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if !line.trim_start().starts_with(DATE_SENSITIVE_MARKER) {
            continue;
        }
        let misplaced = || {
            format!(
                "line {}: `{DATE_SENSITIVE_MARKER}` must stand right above the `test(\"…\"` it marks \
                 (only comment lines between them)",
                number + 1
            )
        };
        let test_line = lines
            .by_ref()
            .map(|(_, line)| line.trim_start())
            .find(|line| !line.starts_with("//"))
            .ok_or_else(misplaced)?;
        let name = test_line.strip_prefix("test(").and_then(string_literal_at_start).ok_or_else(misplaced)?;
        names.push(name);
    }
    Ok(names)
}

/// The JavaScript string literal (`"…"`, `'…'` or a template without `${`) at the start of `text`.
fn string_literal_at_start(text: &str) -> Option<String> {
    let mut characters = text.chars();
    let quote = characters.next().filter(|quote| ['"', '\'', '`'].contains(quote))?;
    let mut literal = String::new();
    while let Some(character) = characters.next() {
        match character {
            '\\' => literal.push(characters.next()?),
            '$' if quote == '`' && characters.clone().next() == Some('{') => return None,
            end if end == quote => return Some(literal),
            other => literal.push(other),
        }
    }
    None
}

/// `text` with every character a regular expression gives a meaning escaped.
fn regex_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(character) {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

/// The preloaded library that shifts the clock, built from `tests/clock/shifted_clock.c` when the
/// source is newer than the library (a second, with the C compiler every Rust machine has).
pub fn shifted_clock_library(root: &Path) -> Result<PathBuf, String> {
    let source = root.join("tests/clock/shifted_clock.c");
    let library = root.join("target/shifted-clock/libshifted_clock.so");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(&library).is_some() && modified(&library) >= modified(&source) {
        return Ok(library);
    }
    say("build: the shifted clock for the end-to-end tests at chosen dates (tests/clock/shifted_clock.c)");
    std::fs::create_dir_all(library.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    run(std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&library)
        .arg(&source))?;
    Ok(library)
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_starts_its_run_at_eight_in_the_morning_utc() {
        // `date -u -d 2027-03-28T08:00:00Z +%s`
        assert_eq!(TestDate::parse("2027-03-28").unwrap().starts_at, 1_806_220_800);
        assert_eq!(TestDate::parse("2024-02-29").unwrap().starts_at, 1_709_193_600);
        assert_eq!(TestDate::parse("1970-01-01").unwrap().starts_at, 8 * 3600);
    }

    #[test]
    fn a_date_that_does_not_exist_is_refused_with_the_form_to_use() {
        for wrong in ["2027-02-29", "2027-13-01", "28-03-2027", "2027-3-28", "tomorrow", "2027-03-28T10:00"] {
            let refused = TestDate::parse(wrong).unwrap_err();
            assert!(refused.contains("YYYY-MM-DD"), "{wrong}: {refused}");
        }
    }

    #[test]
    fn the_dates_that_matter_are_real_dates_in_order() {
        let dates: Vec<TestDate> =
            THE_DATES_THAT_MATTER.iter().map(|(date, _)| TestDate::parse(date).unwrap()).collect();
        assert!(dates.windows(2).all(|pair| pair[0].starts_at < pair[1].starts_at));
    }

    #[test]
    fn only_the_tests_marked_right_above_are_date_sensitive() {
        let text = r#"// Date-sensitive: in passing, at the top of a file, this marks nothing.
import { test } from "node:test";
test("not marked", () => {});
// Date-sensitive: the deadline moves past weekends.
// A second comment line.
test("the deadline (28 days) \"moves\"", async () => {});
  // Date-sensitive: indented, and with single quotes.
  test('it\'s today', () => {});
"#;
        assert_eq!(
            marked_test_names(text.split_once('\n').unwrap().1).unwrap(),
            ["the deadline (28 days) \"moves\"", "it's today"]
        );
        let refused = marked_test_names(text).unwrap_err();
        assert!(refused.starts_with("line 1: `// Date-sensitive:` must stand right above"), "{refused}");
    }

    #[test]
    fn a_marker_without_a_test_under_it_is_refused() {
        for text in [
            "// Date-sensitive: x\n",
            "// Date-sensitive: x\nconst y = 1;\n",
            "// Date-sensitive: x\ntest(name, f);\n",
        ] {
            assert!(marked_test_names(text).is_err(), "{text}");
        }
    }

    #[test]
    fn every_marker_in_the_suite_stands_above_a_test() {
        let folder = crate::shell::project_root().join("tests/e2e");
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path().to_string_lossy().into_owned())
            .filter(|path| path.ends_with(".test.mjs"))
            .collect();
        files.sort();
        let chosen = date_sensitive(&files).unwrap();
        assert!(chosen.names.len() >= chosen.files.len() && !chosen.files.is_empty(), "{chosen:?}");
    }

    #[test]
    fn the_name_pattern_matches_the_marked_names_exactly() {
        let tests = DateSensitiveTests {
            files: vec![],
            names: vec!["a (b) c?".to_owned(), "on a phone from 320 to 414 px; 'Meer'".to_owned()],
        };
        assert_eq!(tests.name_pattern(), r"^(?:a \(b\) c\?|on a phone from 320 to 414 px; 'Meer')$");
    }
}
