//! The policy makers' tool, run as a person would run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const TOOL: &str = env!("CARGO_BIN_EXE_naar-vermogen-policy");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(TOOL)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn evaluate_prints_the_same_json_as_the_test_vector() {
    let input = format!("{VECTORS}/jan-tilburg.input.json");
    let output = run(&["evaluate", &input], "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let expected = std::fs::read_to_string(format!("{VECTORS}/jan-tilburg.expected.json")).unwrap();
    assert_eq!(text(&output.stdout), expected);
}

#[test]
fn evaluate_explains_in_readable_dutch_and_english() {
    let situation = std::fs::read_to_string(format!("{VECTORS}/jan-tilburg.input.json")).unwrap();
    let dutch = text(&run(&["evaluate", "--text", "-"], &situation).stdout);
    assert!(dutch.contains("Recht op bijstand: € 1.419,46"), "{dutch}");
    assert!(dutch.contains("Uiterlijk 2026-11-05: Meldingsgesprek"), "{dutch}");
    assert!(dutch.contains("[pw.art21.single]"), "{dutch}");
    let english = text(&run(&["evaluate", "--text", "--lang", "en", "-"], &situation).stdout);
    assert!(english.contains("Entitled to assistance: €1,419.46"), "{english}");
}

#[test]
fn a_bad_situation_is_refused_with_file_line_and_column() {
    let output = run(&["evaluate", "-"], "{\n  \"birth_date\": \"1984-02-30\"\n}");
    assert_eq!(output.status.code(), Some(2));
    let error = text(&output.stderr);
    assert!(error.starts_with("naar-vermogen-policy: <stdin>:"), "{error}");
    assert!(error.contains("YYYY-MM-DD"), "{error}");
}

#[test]
fn simulate_counts_every_client_under_every_policy() {
    let mut caseload = String::new();
    for name in [
        "jan-tilburg",
        "jan-tilburg-within-12-months",
        "jan-weener-xl-loonwaarde-40",
        "no-place-to-sleep-tonight",
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{VECTORS}/{name}.input.json")).unwrap())
                .unwrap();
        caseload.push_str(&json.to_string());
        caseload.push_str("\n\n");
    }
    let output = run(&["simulate", "--csv", "-"], &caseload);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "policy,stabilise_crisis_first,more_diagnosis_needed,own_strength_to_regular_work,traject_to_paid_work,learning_work_place,sheltered_work,social_participation"
    );
    // Weener XL: crisis 1; no loonwaarde for the two Tilburg Jans → diagnosis 2; 40% → Aan de slag,
    // a learning/work place, 1.
    assert!(lines.contains(&"s-hertogenbosch-weener-xl,1,2,0,0,1,0,0"), "{csv}");
    // Tilburg: crisis 1; no time to market for two → diagnosis 2; 9 months → traject 1.
    assert!(lines.contains(&"tilburg,1,2,0,1,0,0,0"), "{csv}");
    let table = text(&run(&["simulate", "-"], &caseload).stdout);
    // The policies that select on nothing give every client (but the one in crisis) their one route.
    assert!(lines.contains(&"ijmond-werkt,1,0,0,3,0,0,0"), "{csv}");
    assert!(lines.contains(&"ferm-werk-basis-arbeidsmarkt,1,0,0,0,0,3,0"), "{csv}");
    assert!(table.starts_with("4 clients under 8 policies"), "{table}");
}

#[test]
fn simulate_stops_at_a_bad_line_and_names_it() {
    let output = run(&["simulate", "-"], "{}\n{\"unknown\": 1}\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("<stdin>:2:10:"), "{}", text(&output.stderr));
}

#[test]
fn unknown_options_and_commands_are_refused_with_help() {
    for args in
        [&["evaluate", "--txt", "x"][..], &["simulat"][..], &[][..], &["evaluate", "--lang", "de", "-"][..]]
    {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}

#[test]
fn check_policy_accepts_a_good_file_and_names_the_line_of_a_bad_one() {
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies/tilburg.toml");
    let output = run(&["check-policy", good], "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("policy `tilburg` is valid from 2015-01-01"));
    let bad = std::fs::read_to_string(good).unwrap().replace("band = { from = 13 }", "band = { from = 14 }");
    let output = run(&["check-policy", "-"], &bad);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("<stdin>:"), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("a gap"), "{}", text(&output.stderr));
}

fn write_temp(name: &str, content: &str) -> String {
    let path = std::env::temp_dir().join(format!("naar-vermogen-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn simulate_reads_a_csv_caseload_with_a_header() {
    let csv = "\
application_date,birth_date,has_partner,housemate_birth_dates,monthly_income_cents,assets_cents,lawful_residence,in_detention,receives_study_finance,place_to_sleep_tonight,loonwaarde_percent_wml,months_to_labour_market
2026-11-02,1984-03-15,nee,,0,0,ja,nee,nee,ja,,
2026-11-02,1984-03-15,nee,\"1950-01-01; 1960-05-05\",0,0,ja,nee,nee,ja,40,9
2026-11-26,2004-07-01,,,,,,,,nee,,
";
    let file = write_temp("caseload.csv", csv);
    let output = run(&["simulate", "--csv", &file], "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.lines().any(|l| l == "tilburg,1,1,0,1,0,0,0"), "{out}");
    assert!(out.lines().any(|l| l == "s-hertogenbosch-weener-xl,1,1,0,0,1,0,0"), "{out}");
}

#[test]
fn a_csv_caseload_with_an_unknown_column_or_a_bad_cell_is_refused_with_its_line() {
    let file = write_temp("unknown-column.csv", "birth_date,shoe_size\n1984-03-15,44\n");
    let error = text(&run(&["simulate", &file], "").stderr);
    assert!(error.contains("unknown-column.csv:1: unknown column `shoe_size`"), "{error}");
    assert!(error.contains("months_to_labour_market"), "the message lists the known columns: {error}");
    let file = write_temp("bad-cell.csv", "birth_date,monthly_income_cents\n1984-03-15,0\n1984-03-15,veel\n");
    let error = text(&run(&["simulate", &file], "").stderr);
    assert!(
        error.contains("bad-cell.csv:3: `veel` in monthly_income_cents is not a whole number"),
        "{error}"
    );
    let file = write_temp("bad-date.csv", "birth_date\n1984-02-30\n");
    let error = text(&run(&["simulate", &file], "").stderr);
    assert!(error.contains("bad-date.csv:2:") && error.contains("YYYY-MM-DD"), "{error}");
}
