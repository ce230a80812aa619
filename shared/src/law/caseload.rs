//! A caseload as text: one anonymous client situation per line, as JSON lines (JSONL) or as CSV with
//! a header row. Read by the policy makers' command-line tool and by the simulation screen in the
//! app. The first bad line stops the reading with its line number: a simulation over part of a
//! caseload would mislead.
//!
//! CSV, for policy makers who keep a caseload in a spreadsheet: a header row naming the columns (any
//! order, any subset of [`CSV_COLUMNS`]), then one client per row. An empty cell means "not known".
//! Each row becomes the JSON of a [`ClientSituation`], so the same checks apply as for JSONL.

use crate::law::situation::{ClientSituation, SituationError};
use crate::text::Explanation;
use serde_json::{json, Map, Value};

/// A caseload pasted or chosen on the simulation screen, in its guessed format; or what to tell the
/// person when there is nothing, or a line is wrong (then nothing is simulated).
pub fn read_pasted_caseload(text: &str) -> Result<Vec<ClientSituation>, Explanation> {
    if text.trim().is_empty() {
        return Err(Explanation::new(
            "Plak eerst cliënten in het vak, of kies een bestand.",
            "First paste clients into the box, or choose a file.",
        ));
    }
    read_caseload(text, CaseloadFormat::guess(text)).map_err(|CaseloadError { line, message, .. }| {
        Explanation::new(
            format!(
                "Regel {line}: {}. Er is niets gesimuleerd; verbeter de regel en probeer het opnieuw.",
                message.nl
            ),
            format!("Line {line}: {}. Nothing was simulated; correct the line and try again.", message.en),
        )
    })
}

/// How a caseload is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseloadFormat {
    /// One JSON object per line; blank lines are skipped.
    JsonLines,
    /// A header row, then one client per row.
    Csv,
}

impl CaseloadFormat {
    /// JSON lines when the first line that is not blank starts with `{`, CSV otherwise.
    pub fn guess(text: &str) -> CaseloadFormat {
        match text.lines().map(str::trim).find(|line| !line.is_empty()) {
            Some(line) if line.starts_with('{') => CaseloadFormat::JsonLines,
            _ => CaseloadFormat::Csv,
        }
    }
}

/// Why a caseload could not be read: the line (counted from 1, blank lines included), where on
/// the line if known, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseloadError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: Explanation,
}

impl CaseloadError {
    fn at(line: usize, nl: String, en: String) -> CaseloadError {
        CaseloadError { line, column: None, message: Explanation::new(nl, en) }
    }

    /// `name:line[:column]: reason` (in English), as compilers say it.
    pub fn describe(&self, name: &str) -> String {
        match self.column {
            Some(column) => format!("{name}:{}:{column}: {}", self.line, self.message.en),
            None => format!("{name}:{}: {}", self.line, self.message.en),
        }
    }
}

/// Reads every client of a caseload, or the first error.
pub fn read_caseload(text: &str, format: CaseloadFormat) -> Result<Vec<ClientSituation>, CaseloadError> {
    let rows = match format {
        CaseloadFormat::JsonLines => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| (index + 1, line.to_owned()))
            .collect(),
        CaseloadFormat::Csv => csv_rows_as_json(text)?,
    };
    let from_csv = format == CaseloadFormat::Csv;
    rows.into_iter()
        .map(|(line, json)| {
            ClientSituation::from_json(&json).map_err(|error| situation_error(line, error, from_csv))
        })
        .collect()
}

fn situation_error(line: usize, error: SituationError, from_csv: bool) -> CaseloadError {
    match error {
        // A row of a CSV file was turned into JSON: the JSON's column says nothing about the file.
        SituationError::Unreadable { column, reason, .. } => CaseloadError {
            line,
            column: (!from_csv).then_some(column),
            message: Explanation::new(format!("deze regel klopt niet: {reason}"), reason),
        },
        SituationError::Inconsistent(problems) => {
            let join = |pick: fn(&Explanation) -> &str| {
                problems
                    .iter()
                    .map(|p| format!("{}: {}", p.field, pick(&p.message)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            CaseloadError::at(line, join(|m| &m.nl), join(|m| &m.en))
        }
    }
}

/// The columns a caseload CSV may have, and where each goes in the situation.
pub const CSV_COLUMNS: &[(&str, CellKind)] = &[
    ("application_date", CellKind::Text(&["application_date"])),
    ("birth_date", CellKind::Text(&["birth_date"])),
    ("has_partner", CellKind::Flag(&["household", "has_partner"])),
    ("partner_birth_date", CellKind::Text(&["household", "partner_birth_date"])),
    ("children_under_18", CellKind::Number(&["household", "children_under_18"])),
    ("housemate_birth_dates", CellKind::Dates(&["household", "housemates"])),
    ("monthly_income_cents", CellKind::Number(&["monthly_income_cents"])),
    ("assets_cents", CellKind::Number(&["assets_cents"])),
    ("receives_study_finance", CellKind::Flag(&["receives_study_finance"])),
    ("in_detention", CellKind::Flag(&["in_detention"])),
    ("lawful_residence", CellKind::Flag(&["lawful_residence"])),
    ("has_start_qualification", CellKind::Flag(&["has_start_qualification"])),
    ("place_to_sleep_tonight", CellKind::Flag(&["crisis", "place_to_sleep_tonight"])),
    ("food_today", CellKind::Flag(&["crisis", "food_today"])),
    ("safe_at_home", CellKind::Flag(&["crisis", "safe_at_home"])),
    ("loonwaarde_percent_wml", CellKind::Number(&["diagnosis", "loonwaarde_percent_wml"])),
    ("months_to_labour_market", CellKind::Number(&["diagnosis", "months_to_labour_market"])),
    ("doelgroepregister_indication", CellKind::Flag(&["diagnosis", "doelgroepregister_indication"])),
];

/// What a CSV cell holds, and the path of its field in the situation's JSON.
#[derive(Clone, Copy, Debug)]
pub enum CellKind {
    Text(&'static [&'static str]),
    Number(&'static [&'static str]),
    /// `true`/`false`, `ja`/`nee` or `yes`/`no`.
    Flag(&'static [&'static str]),
    /// Dates separated by `;`: one housemate each.
    Dates(&'static [&'static str]),
}

/// The rows as JSON, with their line numbers; the first error names its line.
fn csv_rows_as_json(text: &str) -> Result<Vec<(usize, String)>, CaseloadError> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    let Some((header_index, header)) = lines.next() else { return Ok(Vec::new()) };
    let columns: Vec<CellKind> = split_row(header)
        .iter()
        .map(|column| {
            CSV_COLUMNS.iter().find(|(known, _)| known == column).map(|(_, kind)| *kind).ok_or_else(|| {
                let known = CSV_COLUMNS.iter().map(|(known, _)| *known).collect::<Vec<_>>().join(", ");
                CaseloadError::at(
                    header_index + 1,
                    format!("onbekende kolom `{column}`; de kolommen zijn: {known}"),
                    format!("unknown column `{column}`; the columns are: {known}"),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for (index, line) in lines {
        let line_number = index + 1;
        let cells = split_row(line);
        if cells.len() != columns.len() {
            return Err(CaseloadError::at(
                line_number,
                format!("{} cellen, maar de kopregel heeft {} kolommen", cells.len(), columns.len()),
                format!("{} cells, but the header has {} columns", cells.len(), columns.len()),
            ));
        }
        let mut situation = Value::Object(Map::new());
        let mut household_given = false;
        for (cell, kind) in cells.iter().zip(&columns) {
            if cell.is_empty() {
                continue;
            }
            let (path, value) =
                cell_value(kind, cell).map_err(|(nl, en)| CaseloadError::at(line_number, nl, en))?;
            household_given |= path[0] == "household";
            insert(&mut situation, path, value);
        }
        if household_given {
            // A household needs its required fields; unknown housemates stay unknown.
            let household = situation["household"].as_object_mut().expect("inserted as an object");
            household.entry("has_partner").or_insert(json!(false));
            household.entry("children_under_18").or_insert(json!(0));
        }
        rows.push((line_number, situation.to_string()));
    }
    Ok(rows)
}

type CellResult = Result<(&'static [&'static str], Value), (String, String)>;

fn cell_value(kind: &CellKind, cell: &str) -> CellResult {
    Ok(match kind {
        CellKind::Text(path) => (path, json!(cell)),
        CellKind::Number(path) => {
            let number: i64 = cell.parse().map_err(|_| {
                let field = path.join(".");
                (
                    format!("`{cell}` in {field} is geen geheel getal"),
                    format!("`{cell}` in {field} is not a whole number"),
                )
            })?;
            (path, json!(number))
        }
        CellKind::Flag(path) => {
            let flag = match cell.to_ascii_lowercase().as_str() {
                "true" | "ja" | "yes" => true,
                "false" | "nee" | "no" => false,
                _ => {
                    let field = path.join(".");
                    return Err((
                        format!("`{cell}` in {field} is niet ja of nee (of true/false)"),
                        format!("`{cell}` in {field} is not ja/nee (or true/false)"),
                    ));
                }
            };
            (path, json!(flag))
        }
        CellKind::Dates(path) => {
            let housemates: Vec<Value> = cell
                .split(';')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| json!({ "birth_date": d }))
                .collect();
            (path, Value::Array(housemates))
        }
    })
}

fn insert(situation: &mut Value, path: &[&str], value: Value) {
    let mut place = situation;
    for key in &path[..path.len() - 1] {
        place =
            place.as_object_mut().expect("objects all the way down").entry(*key).or_insert_with(|| json!({}));
    }
    place.as_object_mut().expect("objects all the way down").insert(path[path.len() - 1].to_owned(), value);
}

/// Splits one row on commas; a cell in double quotes may hold commas, `""` is a quote.
fn split_row(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\
birth_date,monthly_income_cents,has_partner,housemate_birth_dates,loonwaarde_percent_wml
1984-03-15,0,nee,\"1950-01-01; 1960-05-05\",40

1990-01-01,,ja,,
";

    #[test]
    fn a_csv_caseload_becomes_situations_with_unknown_cells_unknown() {
        let caseload = read_caseload(CSV, CaseloadFormat::guess(CSV)).unwrap();
        assert_eq!(caseload.len(), 2);
        assert_eq!(caseload[0].household.as_ref().unwrap().housemates.as_ref().unwrap().len(), 2);
        assert_eq!(caseload[0].diagnosis.loonwaarde_percent_wml, Some(40));
        assert_eq!(caseload[1].monthly_income_cents, None);
        assert!(caseload[1].household.as_ref().unwrap().has_partner);
    }

    #[test]
    fn a_bad_csv_line_is_refused_with_its_number_counting_blank_lines() {
        let text = format!("{CSV}1991-02-02,veel,nee,,\n");
        let error = read_caseload(&text, CaseloadFormat::Csv).unwrap_err();
        assert_eq!(error.line, 5);
        assert_eq!(
            error.describe("caseload.csv"),
            "caseload.csv:5: `veel` in monthly_income_cents is not a whole number"
        );
        assert!(error.message.nl.contains("geen geheel getal"), "{}", error.message.nl);
        let bad_date = read_caseload("birth_date\n\n1984-02-30\n", CaseloadFormat::Csv).unwrap_err();
        assert_eq!((bad_date.line, bad_date.column), (3, None));
        assert!(bad_date.message.en.contains("YYYY-MM-DD"), "{}", bad_date.message.en);
        let too_few = read_caseload("birth_date,has_partner\n1984-03-15\n", CaseloadFormat::Csv).unwrap_err();
        assert_eq!(too_few.line, 2);
        let unknown = read_caseload("\nshoe_size\n44\n", CaseloadFormat::Csv).unwrap_err();
        assert_eq!(unknown.line, 2);
        assert!(unknown.message.en.contains("unknown column `shoe_size`"));
    }

    #[test]
    fn a_bad_json_line_is_refused_with_its_line_and_column() {
        let text = "{}\n\n{\"unknown\": 1}\n";
        assert_eq!(CaseloadFormat::guess(text), CaseloadFormat::JsonLines);
        let error = read_caseload(text, CaseloadFormat::JsonLines).unwrap_err();
        assert_eq!((error.line, error.column), (3, Some(10)), "line 3 of the file, column 10 of that line");
        let inconsistent =
            read_caseload("{\"diagnosis\": {\"loonwaarde_percent_wml\": 130}}", CaseloadFormat::JsonLines)
                .unwrap_err();
        assert!(inconsistent.message.en.starts_with("diagnosis.loonwaarde_percent_wml: "));
    }

    #[test]
    fn a_pasted_caseload_is_read_in_its_guessed_format_or_refused_in_words() {
        assert_eq!(read_pasted_caseload(CSV).unwrap().len(), 2);
        assert_eq!(read_pasted_caseload("{}\n{}\n").unwrap().len(), 2);
        let empty = read_pasted_caseload(" \n\t\n").unwrap_err();
        assert_eq!(empty.en, "First paste clients into the box, or choose a file.");
        let bad = read_pasted_caseload(&format!("{CSV}1991-02-02,veel,nee,,\n")).unwrap_err();
        assert_eq!(
            bad.en,
            "Line 5: `veel` in monthly_income_cents is not a whole number. Nothing was simulated; correct the line and try again."
        );
        assert!(bad.nl.starts_with("Regel 5: ") && bad.nl.ends_with("probeer het opnieuw."), "{}", bad.nl);
    }
}
