//! Command 2 of the README: every test, stopping at the first failing stage.
//!
//! 1. formatting and lints (`cargo fmt --check`, clippy with warnings as errors, native and wasm32);
//! 2. `cargo test` of the native crates (shared, xtask) and of the worker's pure modules;
//! 3. the release wasm builds of the app and the worker (as `cargo xtask run` makes them);
//! 4. the end-to-end tests (`tests/e2e/*.test.mjs`, node's test runner driving headless
//!    Chromium) against a `wrangler dev` on a free port with a fresh, empty D1, and the demo
//!    identity provider on another free port (its issuer and private JWKS path are passed as
//!    `OIDC_ISSUER` and `OIDC_PRIVATE_JWKS`), and the loopback municipality (Prism checking the
//!    published Zaken API, `MUNICIPAL_CONTROL` and `MUNICIPAL_API` for the contract tests).

use crate::setup::install_everything;
use crate::shell::{run, say};
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

pub fn run_all() -> Result<(), String> {
    let tools = install_everything()?;
    say("Test 1/4: formatting and lints");
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
    say("Test 2/4: native crates (cargo test), and the worker's pure modules natively");
    run(tools.command("cargo").arg("test"))?;
    run(tools.command("cargo").args(["test", "--package", "naar-vermogen-worker"]))?;
    say("Test 3/4: wasm release builds of the app and the worker");
    crate::build::build_all(&tools)?;
    say("Test 4/4: end to end in headless Chromium against wrangler dev");
    run_end_to_end(&tools, &end_to_end_test_files(&tools.root, &[])?)
}

/// `cargo xtask e2e [name…]`: builds, then runs only the end-to-end tests whose file names
/// contain one of the names (all of them without names). For working on one screen.
pub fn run_end_to_end_only(names: &[String]) -> Result<(), String> {
    let tools = install_everything()?;
    crate::build::build_all(&tools)?;
    run_end_to_end(&tools, &end_to_end_test_files(&tools.root, names)?)
}

fn run_end_to_end(tools: &crate::setup::Tools, files: &[String]) -> Result<(), String> {
    let edge = LocalEdge::start(tools, "e2e")?;
    let artifacts = tools.root.join("target/e2e-artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| e.to_string())?;
    let result = run(tools
        .command("node")
        .args(["--test", "--test-concurrency=1"])
        .args(files)
        .env("BASE_URL", edge.base_url())
        .env("OIDC_ISSUER", edge.identity.issuer())
        .env("OIDC_PRIVATE_JWKS", &edge.identity.private_jwks)
        .env("WRANGLER_RESTART_FILE", &edge.restart_file)
        .env("MUNICIPAL_CONTROL", edge.municipality.control_url())
        .env("MUNICIPAL_API", edge.municipality.worker_config_json())
        .env("CHROMIUM_PATH", "/usr/bin/chromium")
        .env("ARTIFACTS_DIR", &artifacts));
    drop(edge);
    result?;
    say(&format!("All tests passed. Screenshots: {}", artifacts.display()));
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
