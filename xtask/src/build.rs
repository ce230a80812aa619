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
    run(tools
        .wasm_command("trunk")
        .args(["build", "--release", "--offline"])
        .env("NAAR_VERMOGEN_COMMIT", commit))?;
    let dist = tools.root.join("dist");
    move_boot_script_to_a_file(&dist)?;
    fill_in_service_worker(&dist)
}

/// trunk starts the app with an inline `<script type="module">`. The Content-Security-Policy
/// (`public/_headers`) allows no inline scripts, so move it to its own file with a content hash.
fn move_boot_script_to_a_file(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("dist/index.html: {e}"))?;
    let (script, rewritten, file_name) = split_off_boot_script(&html)?;
    std::fs::write(dist.join(file_name), script).map_err(|e| e.to_string())?;
    std::fs::write(&index, rewritten).map_err(|e| e.to_string())
}

/// Returns the inline boot script, the page that loads it from a file instead, and that file's name.
fn split_off_boot_script(html: &str) -> Result<(String, String, String), String> {
    const OPENING: &str = "<script type=\"module\">";
    const CLOSING: &str = "</script>";
    let start = html
        .find(OPENING)
        .ok_or("dist/index.html has no inline module script: did trunk change how it boots the app?")?;
    let body_start = start + OPENING.len();
    let body_end = body_start
        + html[body_start..].find(CLOSING).ok_or("dist/index.html: the boot script is not closed")?;
    let script = html[body_start..body_end].to_owned();
    let file_name = format!("boot-{}.js", fingerprint(script.as_bytes()));
    let tag = format!("<script type=\"module\" src=\"/{file_name}\"></script>");
    let rewritten = format!("{}{tag}{}", &html[..start], &html[body_end + CLOSING.len()..]);
    Ok((script, rewritten, file_name))
}

fn build_worker(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the worker (worker-build, release)");
    run(tools
        .wasm_command("worker-build")
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
        let relative =
            file.strip_prefix(dist).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_script_moves_to_a_file_named_by_its_content() {
        let html =
            "<head><script type=\"module\">import init from '/app.js'; await init();</script><link></head>";
        let (script, rewritten, file_name) = split_off_boot_script(html).unwrap();
        assert_eq!(script, "import init from '/app.js'; await init();");
        assert_eq!(file_name, format!("boot-{}.js", fingerprint(script.as_bytes())));
        assert_eq!(
            rewritten,
            format!("<head><script type=\"module\" src=\"/{file_name}\"></script><link></head>")
        );
    }

    #[test]
    fn a_page_without_a_boot_script_is_an_error_not_a_silent_pass() {
        assert!(split_off_boot_script("<head></head>").is_err());
        assert!(split_off_boot_script("<script type=\"module\">never closed").is_err());
    }
}
