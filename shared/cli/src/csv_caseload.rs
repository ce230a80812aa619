//! A caseload as CSV, for policy makers who keep it in a spreadsheet: one client per row, a
//! header row naming the columns (any order, any subset). An empty cell means "not known".
//! Each row becomes the JSON of a `ClientSituation`, so the same checks apply as for JSONL.

use serde_json::{json, Map, Value};

/// The columns a caseload CSV may have, and where each goes in the situation.
const COLUMNS: &[(&str, Kind)] = &[
    ("application_date", Kind::Text(&["application_date"])),
    ("birth_date", Kind::Text(&["birth_date"])),
    ("has_partner", Kind::Flag(&["household", "has_partner"])),
    ("partner_birth_date", Kind::Text(&["household", "partner_birth_date"])),
    ("children_under_18", Kind::Number(&["household", "children_under_18"])),
    ("housemate_birth_dates", Kind::Dates(&["household", "housemates"])),
    ("monthly_income_cents", Kind::Number(&["monthly_income_cents"])),
    ("assets_cents", Kind::Number(&["assets_cents"])),
    ("receives_study_finance", Kind::Flag(&["receives_study_finance"])),
    ("in_detention", Kind::Flag(&["in_detention"])),
    ("lawful_residence", Kind::Flag(&["lawful_residence"])),
    ("has_start_qualification", Kind::Flag(&["has_start_qualification"])),
    ("place_to_sleep_tonight", Kind::Flag(&["crisis", "place_to_sleep_tonight"])),
    ("food_today", Kind::Flag(&["crisis", "food_today"])),
    ("safe_at_home", Kind::Flag(&["crisis", "safe_at_home"])),
    ("loonwaarde_percent_wml", Kind::Number(&["diagnosis", "loonwaarde_percent_wml"])),
    ("months_to_labour_market", Kind::Number(&["diagnosis", "months_to_labour_market"])),
    ("doelgroepregister_indication", Kind::Flag(&["diagnosis", "doelgroepregister_indication"])),
];

#[derive(Clone, Copy)]
enum Kind {
    Text(&'static [&'static str]),
    Number(&'static [&'static str]),
    /// `true`/`false`, `ja`/`nee` or `yes`/`no`.
    Flag(&'static [&'static str]),
    /// Dates separated by `;`: one housemate each.
    Dates(&'static [&'static str]),
}

/// The rows as JSON lines, with their line numbers; the first error names its line and column.
pub fn rows_as_json(name: &str, text: &str) -> Result<Vec<(usize, String)>, String> {
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    let Some((_, header)) = lines.next() else { return Ok(Vec::new()) };
    let columns: Vec<Kind> = split_row(header)
        .iter()
        .map(|column| {
            COLUMNS.iter().find(|(known, _)| known == column).map(|(_, kind)| *kind).ok_or_else(|| {
                let known: Vec<&str> = COLUMNS.iter().map(|(known, _)| *known).collect();
                format!("{name}:1: unknown column `{column}`; the columns are: {}", known.join(", "))
            })
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for (index, line) in lines {
        let cells = split_row(line);
        if cells.len() != columns.len() {
            return Err(format!(
                "{name}:{}: {} cells, but the header has {} columns",
                index + 1,
                cells.len(),
                columns.len()
            ));
        }
        let mut situation = Value::Object(Map::new());
        let mut household_given = false;
        for (cell, kind) in cells.iter().zip(&columns) {
            if cell.is_empty() {
                continue;
            }
            let (path, value) =
                cell_value(kind, cell).map_err(|reason| format!("{name}:{}: {reason}", index + 1))?;
            household_given |= path[0] == "household";
            insert(&mut situation, path, value);
        }
        if household_given {
            // A household needs its required fields; unknown housemates stay unknown.
            let household = situation["household"].as_object_mut().expect("inserted as an object");
            household.entry("has_partner").or_insert(json!(false));
            household.entry("children_under_18").or_insert(json!(0));
        }
        rows.push((index + 1, situation.to_string()));
    }
    Ok(rows)
}

fn cell_value(kind: &Kind, cell: &str) -> Result<(&'static [&'static str], Value), String> {
    Ok(match kind {
        Kind::Text(path) => (path, json!(cell)),
        Kind::Number(path) => {
            let number: i64 =
                cell.parse().map_err(|_| format!("`{cell}` in {} is not a whole number", path.join(".")))?;
            (path, json!(number))
        }
        Kind::Flag(path) => {
            let flag = match cell.to_ascii_lowercase().as_str() {
                "true" | "ja" | "yes" => true,
                "false" | "nee" | "no" => false,
                _ => return Err(format!("`{cell}` in {} is not ja/nee (or true/false)", path.join("."))),
            };
            (path, json!(flag))
        }
        Kind::Dates(path) => {
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
