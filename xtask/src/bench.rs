//! `cargo xtask bench`: the speed benchmarks with their targets (not part of `cargo xtask test`:
//! they measure, they do not pass or fail on a number).
//!
//! 1. The sync benchmarks (`tests/bench/sync.bench.mjs`) against the release worker in a fresh
//!    local edge: push 1,000 offline operations and converge on a second device; the first pull
//!    of a 10,000-file caseload. Figures in `target/bench-sync.json`. Then the municipal outbox
//!    (`tests/bench/municipal-outbox.bench.mjs`): 1,000 calls enqueued while the loopback zaak
//!    system is down, drained when it is back (deliveries/s, retries; target ≥ 100/s), in
//!    `target/bench-municipal-outbox.json`. Then the cost of checking who calls
//!    (`tests/bench/auth-rate.bench.mjs`): authenticated `GET /api/v1/me` and an empty pull per second,
//!    in `target/bench-auth-rate.json`.
//! 2. The app in Debian's Chromium against a fresh local edge: Lighthouse with mobile emulation on
//!    the public pages (`tests/bench/lighthouse.mjs`, `target/lighthouse.json`), and a client's repeat
//!    visit with no network (`tests/bench/offline-repeat.bench.mjs`, `target/offline-repeat.json`).
//! 3. The criterion benchmarks of the shared crate (`cargo bench -p naar-vermogen-shared`):
//!    the engine and the merge.

use crate::setup::install_everything;
use crate::shell::{run, say};
use crate::wrangler::LocalEdge;

pub fn run_benchmarks() -> Result<(), String> {
    let tools = install_everything()?;
    crate::build::build_all(&tools)?;
    say("Bench 1/3: sync over loopback against wrangler dev, the municipal outbox's throughput, authenticated requests per second");
    let edge = LocalEdge::start(&tools, "bench")?;
    run(tools.command("node").arg("tests/bench/sync.bench.mjs").env("BASE_URL", edge.base_url()))?;
    run(tools
        .command("node")
        .arg("tests/bench/municipal-outbox.bench.mjs")
        .env("BASE_URL", edge.base_url())
        .env("MUNICIPAL_CONTROL", edge.municipality.control_url())
        .env("MUNICIPAL_API", edge.municipality.worker_config_json()))?;
    run(tools.command("node").arg("tests/bench/auth-rate.bench.mjs").env("BASE_URL", edge.base_url()))?;
    drop(edge);
    say("Bench 2/3: the app in Chromium: Lighthouse (mobile) and a repeat visit with no network");
    let edge = LocalEdge::start(&tools, "bench-app")?;
    for script in ["tests/bench/lighthouse.mjs", "tests/bench/offline-repeat.bench.mjs"] {
        run(tools
            .command("node")
            .arg(script)
            .env("BASE_URL", edge.base_url())
            .env("OIDC_ISSUER", edge.identity.issuer())
            .env("CHROMIUM_PATH", "/usr/bin/chromium"))?;
    }
    drop(edge);
    say("Bench 3/3: criterion benchmarks of the shared crate");
    run(tools.command("cargo").args(["bench", "--package", "naar-vermogen-shared"]))
}
