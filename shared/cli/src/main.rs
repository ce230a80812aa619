//! `naar-vermogen-policy`: the engine of `shared` on the command line, for policy makers.
//!
//!   naar-vermogen-policy evaluate [--text] [--lang nl|en] FILE|-
//!       one situation (JSON) → the evaluation with its trace, as JSON or readable text
//!   naar-vermogen-policy simulate [--csv] FILE.jsonl|FILE.csv|-
//!       a caseload (one situation per line, JSON or CSV with a header row) → for every policy, the number of clients per
//!       route kind: "what happens to the same clients under each municipality's policy?"
//!   naar-vermogen-policy check-policy FILE.toml
//!       checks a policy file as the engine loads it; errors name the file, line and fix
//!
//! Situations are anonymous: the tool reads only the facts the engine uses and writes nothing.

mod readable;
mod simulate;

use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, PolicyProfile};
use shared::law::situation::{ClientSituation, SituationError};
use shared::text::Language;
use std::io::Read;
use std::process::ExitCode;

const HELP: &str = "\
naar-vermogen-policy evaluate [--text] [--lang nl|en] FILE|-
naar-vermogen-policy simulate [--csv] FILE.jsonl|FILE.csv|-
naar-vermogen-policy check-policy FILE.toml
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("naar-vermogen-policy: {message}");
            ExitCode::from(2)
        }
    }
}

/// The command line, read.
struct Options {
    command: String,
    text: bool,
    csv: bool,
    language: Language,
    file: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options =
        Options { command: String::new(), text: false, csv: false, language: Language::Dutch, file: None };
    let mut words = args.iter();
    options.command = words.next().cloned().ok_or_else(|| format!("say what to do.\n{HELP}"))?;
    while let Some(word) = words.next() {
        match word.as_str() {
            "--text" => options.text = true,
            "--csv" => options.csv = true,
            "--lang" => {
                options.language = match words.next().map(String::as_str) {
                    Some("nl") => Language::Dutch,
                    Some("en") => Language::English,
                    other => return Err(format!("unknown language {other:?}; use --lang nl or --lang en")),
                }
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`.\n{HELP}")),
            _ if options.file.is_some() => return Err(format!("give one file only.\n{HELP}")),
            file => options.file = Some(file.to_owned()),
        }
    }
    Ok(options)
}

fn run(args: &[String]) -> Result<String, String> {
    let options = parse(args)?;
    match options.command.as_str() {
        "evaluate" => {
            let (name, text) = read_input(options.file.as_deref())?;
            let situation = ClientSituation::from_json(&text).map_err(|error| describe(&name, error))?;
            let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
            if options.text {
                Ok(readable::evaluation(&evaluation, options.language))
            } else {
                Ok(serde_json::to_string_pretty(&evaluation).map_err(|e| e.to_string())? + "\n")
            }
        }
        "simulate" => {
            let (name, text) = read_input(options.file.as_deref())?;
            let counts = simulate::caseload(&name, &text)?;
            Ok(if options.csv { simulate::as_csv(&counts) } else { simulate::as_table(&counts) })
        }
        "check-policy" => {
            let (name, text) = read_input(options.file.as_deref())?;
            let policy = PolicyProfile::from_toml(&name, &text).map_err(|error| error.to_string())?;
            Ok(format!(
                "{name}: policy `{}` is valid from {}, with {} routes, {} instruments and {} deadlines\n",
                policy.id,
                policy.valid_from,
                policy.routes.len(),
                policy.instruments.len(),
                policy.deadlines.len()
            ))
        }
        other => Err(format!("unknown command `{other}`.\n{HELP}")),
    }
}

/// Reads FILE, or standard input for `-`; returns a name for messages and the text.
fn read_input(file: Option<&str>) -> Result<(String, String), String> {
    match file {
        None => Err(format!("give a file, or - for standard input.\n{HELP}")),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("standard input: {e}"))?;
            Ok(("<stdin>".to_owned(), text))
        }
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Ok((path.to_owned(), text))
        }
    }
}

/// A situation error as `file:line:column: reason`, or one line per inconsistent field.
pub fn describe(name: &str, error: SituationError) -> String {
    match error {
        SituationError::Unreadable { line, column, reason } => format!("{name}:{line}:{column}: {reason}"),
        SituationError::Inconsistent(problems) => problems
            .iter()
            .map(|p| format!("{name}: {}: {}", p.field, p.message.en))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
