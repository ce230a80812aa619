//! Command 2 of the README: every test, stopping at the first failing stage.
//!
//! 1. formatting and lints (`cargo fmt --check`, clippy with warnings as errors, native and wasm32);
//! 2. `cargo test` of the native crates (shared, xtask) and of the worker's pure modules;
//! 3. the release wasm builds of the app and the worker (as `cargo xtask run` makes them);
//! 4. the end-to-end tests (`tests/e2e/*.test.mjs`, node's test runner driving headless
//!    Chromium) against a `wrangler dev` on a free port with a fresh, empty D1, and the demo
//!    identity provider on another free port (its issuer and private JWKS path are passed as
//!    `OIDC_ISSUER` and `OIDC_PRIVATE_JWKS`), and the loopback municipality (Prism checking the
//!    published Zaken API, `MUNICIPAL_CONTROL` and `MUNICIPAL_API` for the contract tests);
//! 5. the date-sensitive end-to-end tests again, at each of the dates that matter (`test_dates`),
//!    each date with a fresh stack whose clocks all read that date, beside stage 4: two runs go at
//!    once (`LANES`), and a lane that is done takes the next date.
//!
//! With `--date YYYY-MM-DD`, stage 4 runs the whole suite at that date and stage 5 is left out.

use crate::setup::{install_everything, Tools};
use crate::shell::{run, say};
use crate::test_dates::{date_sensitive, DateSensitiveTests, TestDate, THE_DATES_THAT_MATTER};
use crate::wrangler::LocalEdge;

const WASM_CLIPPY: &[&str] = &[
    "clippy",
    "--package",
    "naar-vermogen-app",
    "--package",
    "naar-vermogen-worker",
    "--target",
    "wasm32-unknown-unknown",
    // The staff app: every screen (the client's app is a part of it).
    "--features",
    "naar-vermogen-app/staff",
    "--",
    "-D",
    "warnings",
];

/// The native lints skip the two crates that only build for wasm32 (they are linted for wasm32 below).
const WASM_ONLY_CRATES: &[&str] = &["--exclude", "naar-vermogen-app", "--exclude", "naar-vermogen-worker"];

pub fn run_all(date: Option<TestDate>) -> Result<(), String> {
    let mut stages = Stages::default();
    stages.begin("set-up");
    let tools = install_everything()?;
    stages.begin("1/5 formatting and lints");
    run(tools.command("cargo").args(["fmt", "--all", "--check"]))?;
    run(tools
        .command("cargo")
        .args(["clippy", "--all-targets", "--workspace"])
        .args(WASM_ONLY_CRATES)
        .args(["--", "-D", "warnings"]))?;
    if tools.wasm_target_is_rustups() {
        run(tools.wasm_command("cargo").args(WASM_CLIPPY))?;
    } else {
        say("skip: clippy for wasm32 (Debian's rustc-web has no clippy); the native lints ran");
    }
    stages.begin("2/5 native crates (cargo test), and the worker's pure modules natively");
    run(tools.command("cargo").arg("test"))?;
    run(tools.command("cargo").args(["test", "--package", "naar-vermogen-worker"]))?;
    stages.begin("3/5 wasm release builds of the app and the worker");
    crate::build::build_all_and_report_sizes(&tools)?;
    let files = end_to_end_test_files(&tools.root, &[])?;
    if let Some(date) = date {
        stages.begin(&format!("4/5 end to end in headless Chromium against wrangler dev, at {}", date.date));
        run_end_to_end(&tools.living_at(&date)?, &files, Some(&date.date))?;
        stages.end();
        return Ok(());
    }
    stages.begin(
        "4-5/5 end to end in headless Chromium against wrangler dev, today and at the dates that matter",
    );
    today_and_at_the_dates_that_matter(&tools, &files, &date_sensitive(&files)?)?;
    stages.end();
    Ok(())
}

/// The stages of a test run and how long each took, printed at the end (a failing stage ends the
/// run before that: its output says enough).
#[derive(Default)]
struct Stages {
    done: Vec<(String, std::time::Duration)>,
    current: Option<(String, std::time::Instant)>,
}

impl Stages {
    fn begin(&mut self, name: &str) {
        self.finish_current();
        say(&format!("Test {name}"));
        self.current = Some((name.to_owned(), std::time::Instant::now()));
    }

    fn end(&mut self) {
        self.finish_current();
        let total: std::time::Duration = self.done.iter().map(|(_, took)| *took).sum();
        say(&format!("All tests passed in {}:", minutes_and_seconds(total)));
        for (name, took) in &self.done {
            println!("    {:>7}  {name}", minutes_and_seconds(*took));
        }
    }

    fn finish_current(&mut self) {
        if let Some((name, started)) = self.current.take() {
            self.done.push((name, started.elapsed()));
        }
    }
}

fn minutes_and_seconds(duration: std::time::Duration) -> String {
    let seconds = duration.as_secs();
    format!("{}m{:02}s", seconds / 60, seconds % 60)
}

/// How many end-to-end runs go at once, each on a stack of its own: most of a run is waiting on the
/// browser, so two share a 2-core machine's cores well; each more adds load to every step's bound
/// (`WAIT_AT_MOST_MS` in tests/e2e/browser.mjs).
const LANES: usize = 2;

/// Today's whole suite (its output shown here) and the `date_sensitive` tests at each of the dates
/// that matter, `LANES` runs at a time: a lane that is done takes the next date. Every run
/// goes on when another fails; the error names what failed and how to run a failed date again.
fn today_and_at_the_dates_that_matter(
    tools: &Tools,
    files: &[String],
    date_sensitive: &DateSensitiveTests,
) -> Result<(), String> {
    // Built before the lanes start, so that two of them never build it at once.
    crate::test_dates::shifted_clock_library(&tools.root)?;
    let runs: Vec<Option<(&str, &str)>> =
        std::iter::once(None).chain(THE_DATES_THAT_MATTER.iter().copied().map(Some)).collect();
    let queue = std::sync::Mutex::new(runs.into_iter());
    let next = || queue.lock().ok().and_then(|mut runs| runs.next());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..LANES {
            scope.spawn(|| {
                while let Some(run) = next() {
                    let result = match run {
                        None => run_end_to_end(tools, files, None),
                        Some(date) => run_at(tools, date_sensitive, date),
                    };
                    if let (Err(error), Ok(mut failures)) = (result, failures.lock()) {
                        failures.push((run.map(|(date, _)| date), error));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_default();
    failures.sort();
    let failed_dates: Vec<&str> = failures.iter().filter_map(|(date, _)| *date).collect();
    let today = failures.iter().find(|(date, _)| date.is_none()).map(|(_, error)| error.clone());
    let at_the_dates = failed_dates.first().map(|first| {
        format!(
            "the date-sensitive end-to-end tests failed at {}. Run the whole suite at one of these dates \
             with `cargo xtask test --date {first}`, or only the failing file with `cargo xtask e2e --date {first} <name>`.",
            failed_dates.join(", ")
        )
    });
    match (today, at_the_dates) {
        (None, None) => Ok(()),
        (today, dates) => Err(today.into_iter().chain(dates).collect::<Vec<_>>().join("\n\n")),
    }
}

/// The date-sensitive tests at one of the dates that matter; the output goes to
/// `target/e2e-dates/<date>.log`, and a failure names the failing tests.
fn run_at(tools: &Tools, tests: &DateSensitiveTests, (text, why): (&str, &str)) -> Result<(), String> {
    let log = tools.root.join(format!("target/e2e-dates/{text}.log"));
    say(&format!("End to end at {text} ({why}): output in {}", log.display()));
    let date = TestDate::parse(text)?;
    let only = Some(tests.name_pattern());
    match run_end_to_end_into(&tools.living_at(&date)?, &tests.files, Some(text), only, Shown::OnlyInTheLog) {
        Ok(()) => {
            say(&format!("Passed at {text}"));
            Ok(())
        }
        Err(error) => {
            say(&format!("Failed at {text}: {error}"));
            Err(error)
        }
    }
}

/// From node's TAP output: each failing test with what it says about its failure.
fn failing_tests_in(tap: &str) -> String {
    let mut failing = Vec::new();
    let mut in_a_failure = false;
    for line in tap.lines() {
        if line.starts_with("not ok ") {
            in_a_failure = true;
        } else if line.starts_with("ok ") || line.starts_with("# Subtest") || line.starts_with("1..") {
            in_a_failure = false;
        }
        if in_a_failure {
            failing.push(line);
        }
    }
    failing.join("\n")
}

/// `cargo xtask e2e [--date YYYY-MM-DD] [name…]`: builds, then runs only the end-to-end tests whose
/// file names contain one of the names (all of them without names), today or at the date. For
/// working on one screen, or reproducing a failure at a date.
pub fn run_end_to_end_only(date: Option<TestDate>, names: &[String]) -> Result<(), String> {
    let tools = install_everything()?;
    crate::build::build_all(&tools)?;
    let files = end_to_end_test_files(&tools.root, names)?;
    match date {
        Some(date) => run_end_to_end(&tools.living_at(&date)?, &files, Some(&date.date)),
        None => run_end_to_end(&tools, &files, None),
    }
}

/// Every test of `files`, today or at `date` (whose clock `tools` then lives at), shown here.
fn run_end_to_end(tools: &Tools, files: &[String], date: Option<&str>) -> Result<(), String> {
    run_end_to_end_into(tools, files, date, None, Shown::AlsoHere)
}

/// Where an end-to-end run's output goes besides its log.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    AlsoHere,
    OnlyInTheLog,
}

/// The end-to-end tests on a fresh local edge. Node's TAP output goes to a log
/// (`target/e2e-today.log`, or `target/e2e-dates/<date>.log` for a run at a `date`, which also has a
/// database and a directory of screenshots of its own) and, when `shown` says so, to this terminal.
/// With `only`, the tests whose names that pattern matches. A failure names the failing tests with
/// their errors, so that the end of a long run says what broke.
fn run_end_to_end_into(
    tools: &Tools,
    files: &[String],
    date: Option<&str>,
    only: Option<String>,
    shown: Shown,
) -> Result<(), String> {
    let log = tools.root.join(match date {
        Some(date) => format!("target/e2e-dates/{date}.log"),
        None => "target/e2e-today.log".to_owned(),
    });
    let all_artifacts = tools.root.join("target/e2e-artifacts");
    let artifacts = date.map_or(all_artifacts.clone(), |date| all_artifacts.join(date));
    for folder in [&artifacts, &log.parent().expect("the log is in target/").to_path_buf()] {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let edge = LocalEdge::start(tools, &date.map_or("e2e".to_owned(), |date| format!("e2e-{date}")))?;
    let mut node = tools.command("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=tap"])
        .arg(format!("--test-reporter-destination={}", log.display()));
    if let Some(pattern) = only {
        node.arg(format!("--test-name-pattern={pattern}"));
    }
    if shown == Shown::AlsoHere {
        node.args(["--test-reporter=tap", "--test-reporter-destination=stdout"]);
    } else {
        node.stdout(std::process::Stdio::null());
    }
    let result = run(node
        .args(files)
        .env("BASE_URL", edge.base_url())
        .env("OIDC_ISSUER", edge.identity.issuer())
        .env("OIDC_PRIVATE_JWKS", &edge.identity.private_jwks)
        .env("WRANGLER_RESTART_FILE", &edge.restart_file)
        .env("MUNICIPAL_CONTROL", edge.municipality.control_url())
        .env("MUNICIPAL_API", edge.municipality.worker_config_json())
        .env("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
        .env("ARTIFACTS_DIR", &artifacts));
    drop(edge);
    crate::wrangler::wrote_no_debug_log(&tools.root)?;
    if let Err(error) = result {
        let output = std::fs::read_to_string(&log).unwrap_or_default();
        return Err(format!(
            "{error}; the failing tests (all output in {}):\n{}",
            log.display(),
            failing_tests_in(&output)
        ));
    }
    say(&format!("End-to-end tests passed. Screenshots: {}", artifacts.display()));
    Ok(())
}

fn end_to_end_test_files(root: &std::path::Path, names: &[String]) -> Result<Vec<String>, String> {
    let dir = root.join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        // Matched on the file name only: the checkout's own path may contain a name too.
        .filter(|path| {
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            names.is_empty() || names.iter().any(|name| file.contains(name.as_str()))
        })
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no end-to-end tests in tests/e2e match {names:?}"));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::failing_tests_in;

    #[test]
    fn a_date_that_failed_shows_its_failing_tests_with_their_errors_and_nothing_else() {
        let tap = "# Subtest: books a slot\nok 1 - books a slot\n  ---\n  duration_ms: 3\n  ...\n\
                   # Subtest: reports back\nnot ok 2 - reports back\n  ---\n  error: 'nog 5 dagen'\n  ...\n\
                   # Subtest: cancels\nok 3 - cancels\n1..3\n# pass 2\n# fail 1\n";
        assert_eq!(failing_tests_in(tap), "not ok 2 - reports back\n  ---\n  error: 'nog 5 dagen'\n  ...");
        assert_eq!(failing_tests_in("ok 1 - fine\n1..1\n"), "");
    }
}
