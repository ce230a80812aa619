//! Builds the app (trunk) and the worker (worker-build) in release mode, fills in the
//! service worker's precache list, and reports the sizes that travel to users.

use crate::setup::Tools;
use crate::shell::{fingerprint, output_of, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

const SIZE_REPORT_SCRIPT: &str = include_str!("size_report.mjs");

pub fn build_all(tools: &Tools) -> Result<(), String> {
    let commit = current_commit(&tools.root);
    build_app(tools, &commit)?;
    build_worker(tools, &commit)?;
    report_sizes(tools)
}

fn current_commit(root: &Path) -> String {
    output_of(Command::new("git").current_dir(root).args(["rev-parse", "--short=12", "HEAD"]))
        .map(|sha| sha.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn build_app(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the app (trunk, release)");
    run(tools.command("trunk").args(["build", "--release", "--offline"]).env("NAAR_VERMOGEN_COMMIT", commit))?;
    fill_in_service_worker(&tools.root.join("dist"))
}

fn build_worker(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the worker (worker-build, release)");
    run(tools
        .command("worker-build")
        .current_dir(tools.root.join("worker"))
        .arg("--release")
        .env("NAAR_VERMOGEN_COMMIT", commit))
}

/// Writes the list of files to cache, and a version that changes with their content,
/// into `dist/sw.js`. `index.html` is cached as `/`, the URL the assets server uses for it.
fn fill_in_service_worker(dist: &Path) -> Result<(), String> {
    let mut files = files_under(dist)?;
    files.sort();
    let mut contents = Vec::new();
    let mut urls = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(dist).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
        if relative == "sw.js" || relative == "_headers" {
            continue;
        }
        contents.extend(relative.as_bytes());
        contents.extend(std::fs::read(file).map_err(|e| e.to_string())?);
        urls.push(if relative == "index.html" { "/".to_owned() } else { format!("/{relative}") });
    }
    let list = urls.iter().map(|url| format!("\"{url}\"")).collect::<Vec<_>>().join(", ");
    let service_worker = dist.join("sw.js");
    let template = std::fs::read_to_string(&service_worker).map_err(|e| format!("dist/sw.js: {e}"))?;
    if !template.contains("__PRECACHE_URLS__") {
        return Err("dist/sw.js has no __PRECACHE_URLS__ placeholder: is public/sw.js intact?".to_owned());
    }
    let filled = template
        .replace("\"__BUILD_VERSION__\"", &format!("\"{}\"", fingerprint(&contents)))
        .replace("__PRECACHE_URLS__", &format!("[{list}]"));
    std::fs::write(&service_worker, filled).map_err(|e| e.to_string())
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Raw, gzip and brotli sizes of what a phone downloads, and of the worker's wasm.
fn report_sizes(tools: &Tools) -> Result<(), String> {
    say("Sizes");
    run(tools.command("node").args(["--input-type=module", "-e", SIZE_REPORT_SCRIPT]))
}
