//! Simulation on the command line: a caseload file under every policy, counted per route kind.
//! The reading and the counting are `shared::law::caseload` and `shared::law::simulation`, the same code as
//! the app's simulation screen.

use shared::law::caseload::{read_caseload, CaseloadFormat};
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, RouteKind};
use shared::law::simulation::{simulate, Simulation};

/// Reads a caseload, as CSV when `name` ends in `.csv`, else as JSONL (blank lines skipped), and
/// routes every client under every policy. A bad line stops the simulation with its line number: a
/// partial count would mislead.
pub fn caseload(name: &str, text: &str) -> Result<Simulation, String> {
    let format = if name.ends_with(".csv") { CaseloadFormat::Csv } else { CaseloadFormat::JsonLines };
    let caseload = read_caseload(text, format).map_err(|error| error.describe(name))?;
    Ok(simulate(&caseload, embedded_policies(), LegalParameters::embedded()))
}

pub fn as_csv(simulation: &Simulation) -> String {
    let mut out = String::from("policy");
    for kind in RouteKind::ALL {
        out.push(',');
        out.push_str(&kind.as_str());
    }
    out.push('\n');
    for row in &simulation.per_policy {
        out.push_str(&row.policy_id);
        for count in row.counts {
            out.push_str(&format!(",{count}"));
        }
        out.push('\n');
    }
    out
}

pub fn as_table(simulation: &Simulation) -> String {
    let width = simulation.per_policy.iter().map(|row| row.policy_id.len() + 2).max().unwrap_or(0);
    let mut out = format!("{} clients under {} policies\n", simulation.clients, simulation.per_policy.len());
    out.push_str(&format!("{:<30}", "route kind"));
    for row in &simulation.per_policy {
        out.push_str(&format!("{:>width$}", row.policy_id));
    }
    out.push('\n');
    for (slot, kind) in RouteKind::ALL.iter().enumerate() {
        out.push_str(&format!("{:<30}", kind.as_str()));
        for row in &simulation.per_policy {
            out.push_str(&format!("{:>width$}", row.counts[slot]));
        }
        out.push('\n');
    }
    out
}
