//! Simulation: the same caseload under every policy, counted per route kind.

use crate::describe;
use shared::advice::advise_route;
use shared::eligibility::assess_eligibility;
use shared::parameters::LegalParameters;
use shared::policy::{embedded_policies, RouteKind};
use shared::situation::ClientSituation;

/// Per policy id: the number of clients per route kind (in [`RouteKind::ALL`] order).
pub struct Counts {
    pub clients: usize,
    pub per_policy: Vec<(String, [usize; 7])>,
}

/// Reads a caseload, as CSV when `name` ends in `.csv` (see `csv_caseload`), else as JSONL
/// (blank lines skipped), and routes every client under every policy. A bad line stops the
/// simulation with its line number: a partial count would mislead.
pub fn caseload(name: &str, text: &str) -> Result<Counts, String> {
    let rows: Vec<(usize, String)> = if name.ends_with(".csv") {
        crate::csv_caseload::rows_as_json(name, text)?
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| (i + 1, line.to_owned()))
            .collect()
    };
    let policies = embedded_policies();
    let parameters = LegalParameters::embedded();
    let mut per_policy: Vec<(String, [usize; 7])> = policies.iter().map(|p| (p.id.clone(), [0; 7])).collect();
    let mut clients = 0;
    for (line_number, json) in rows {
        let situation = ClientSituation::from_json(&json)
            .map_err(|error| describe(&format!("{name}:{line_number}"), error))?;
        let norm = assess_eligibility(&situation, parameters).norm;
        for (policy, (_, counts)) in policies.iter().zip(per_policy.iter_mut()) {
            let kind = advise_route(&situation, policy, norm.as_ref()).route_kind;
            let slot = RouteKind::ALL.iter().position(|k| *k == kind).expect("ALL lists every kind");
            counts[slot] += 1;
        }
        clients += 1;
    }
    Ok(Counts { clients, per_policy })
}

fn kind_name(kind: RouteKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn as_csv(counts: &Counts) -> String {
    let mut out = String::from("policy");
    for kind in RouteKind::ALL {
        out.push(',');
        out.push_str(&kind_name(kind));
    }
    out.push('\n');
    for (policy, row) in &counts.per_policy {
        out.push_str(policy);
        for count in row {
            out.push_str(&format!(",{count}"));
        }
        out.push('\n');
    }
    out
}

pub fn as_table(counts: &Counts) -> String {
    let width = counts.per_policy.iter().map(|(policy, _)| policy.len() + 2).max().unwrap_or(0);
    let mut out = format!("{} clients under {} policies\n", counts.clients, counts.per_policy.len());
    out.push_str(&format!("{:<30}", "route kind"));
    for (policy, _) in &counts.per_policy {
        out.push_str(&format!("{policy:>width$}"));
    }
    out.push('\n');
    for (slot, kind) in RouteKind::ALL.iter().enumerate() {
        out.push_str(&format!("{:<30}", kind_name(*kind)));
        for (_, row) in &counts.per_policy {
            out.push_str(&format!("{:>width$}", row[slot]));
        }
        out.push('\n');
    }
    out
}
