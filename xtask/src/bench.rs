//! `cargo xtask bench`: the speed benchmarks with their targets (not part of `cargo xtask test`:
//! they measure, they do not pass or fail on a number).
//!
//! 1. The sync benchmarks (`tests/bench/sync.bench.mjs`) against the release worker in a fresh
//!    local edge: push 1,000 offline operations and converge on a second device; the first pull
//!    of a 10,000-file caseload. Figures in `target/bench-sync.json`.
//! 2. The criterion benchmarks of the shared crate (`cargo bench -p naar-vermogen-shared`):
//!    the engine and the merge.

use crate::setup::install_everything;
use crate::shell::{run, say};
use crate::wrangler::LocalEdge;

pub fn run_benchmarks() -> Result<(), String> {
    let tools = install_everything()?;
    crate::build::build_all(&tools)?;
    say("Bench 1/2: sync over loopback against wrangler dev");
    let edge = LocalEdge::start(&tools, "bench")?;
    run(tools.command("node").arg("tests/bench/sync.bench.mjs").env("BASE_URL", edge.base_url()))?;
    drop(edge);
    say("Bench 2/2: criterion benchmarks of the shared crate");
    run(tools.command("cargo").args(["bench", "--package", "naar-vermogen-shared"]))
}
