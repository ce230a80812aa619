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

/// The staff app is built here, then its files move to `dist/werk/` (see `app/src/app_choice.rs`).
const STAFF_BUILD_DIST: &str = "target/staff-dist";
const STAFF_URL_PATH: &str = "/werk/";

fn build_app(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the client's app (trunk, release)");
    run(tools
        .app_command("trunk")
        .args(["build", "--release", "--offline"])
        .env("NAAR_VERMOGEN_COMMIT", commit))?;
    say("Build: the staff app (trunk, release, feature `staff`)");
    run(tools
        .app_command("trunk")
        .args(["build", "public/staff.html", "--release", "--offline", "--dist", STAFF_BUILD_DIST])
        .args(["--public-url", STAFF_URL_PATH])
        .env("NAAR_VERMOGEN_COMMIT", commit))?;
    let dist = tools.root.join("dist");
    let staff_page = read(&tools.root.join(STAFF_BUILD_DIST).join("index.html"))?;
    let staff_app = AppFiles::started_by(&split_off_boot_script(&staff_page)?.0)?;
    move_staff_app_files(&tools.root.join(STAFF_BUILD_DIST), &dist.join("werk"))?;
    write_boot_script(&dist, &staff_app)?;
    fill_in_service_worker(&dist)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Everything trunk made for the staff app except its page: the script and the wasm.
fn move_staff_app_files(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_owned();
        if name != "index.html" {
            std::fs::rename(&path, to.join(&name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The two files that make one app: the wasm-bindgen script and its wasm.
#[derive(Debug, PartialEq)]
struct AppFiles {
    script: String,
    wasm: String,
}

impl AppFiles {
    /// Reads them from trunk's boot script (`import init, * as bindings from '<script>';` and
    /// `init({ module_or_path: '<wasm>' })`).
    fn started_by(boot_script: &str) -> Result<AppFiles, String> {
        let quoted_after = |marker: &str| {
            let start = boot_script.find(marker)? + marker.len();
            let end = start + boot_script[start..].find('\'')?;
            Some(boot_script[start..end].to_owned())
        };
        match (quoted_after(" from '"), quoted_after("module_or_path: '")) {
            (Some(script), Some(wasm)) => Ok(AppFiles { script, wasm }),
            _ => Err(format!(
                "trunk's boot script has changed; cannot find the app's script and wasm in:\n{boot_script}"
            )),
        }
    }
}

/// trunk starts the app with an inline `<script type="module">`. The Content-Security-Policy
/// (`public/_headers`) allows no inline scripts, so the page loads a boot script from a file with a
/// content hash instead: ours, which starts the app this device runs (`app/src/app_choice.rs`).
fn write_boot_script(dist: &Path, staff_app: &AppFiles) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = read(&index)?;
    let (trunks_script, rewritten) = split_off_boot_script(&html)?;
    let client_app = AppFiles::started_by(&trunks_script)?;
    let script = boot_script(&client_app, staff_app);
    let file_name = format!("boot-{}.js", fingerprint(script.as_bytes()));
    std::fs::write(dist.join(&file_name), script).map_err(|e| e.to_string())?;
    let rewritten = rewritten.replace(BOOT_SCRIPT_PLACEHOLDER, &file_name);
    std::fs::write(&index, rewritten).map_err(|e| e.to_string())
}

const BOOT_SCRIPT_PLACEHOLDER: &str = "__BOOT_SCRIPT__";

/// The boot script: what trunk's does, for the app this device last chose.
fn boot_script(client_app: &AppFiles, staff_app: &AppFiles) -> String {
    format!(
        r#"// Starts the app this device runs: the staff app once staff have logged in here, else the client's
// (which a phone downloads first). app/src/app_choice.rs makes the choice; made by `cargo xtask build`.
let staff = false;
try {{
  staff = localStorage.getItem("naar-vermogen-app") === "staff";
}} catch {{
  // No storage: the client's app.
}}
const app = staff ? {{ script: "{}", wasm: "{}" }} : {{ script: "{}", wasm: "{}" }};
const bindings = await import(app.script);
const wasm = await bindings.default({{ module_or_path: app.wasm }});
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {{ detail: {{ wasm }} }}));
"#,
        staff_app.script, staff_app.wasm, client_app.script, client_app.wasm
    )
}

/// Returns the inline boot script, and the page that loads a boot script from a file instead (named
/// [`BOOT_SCRIPT_PLACEHOLDER`] until that file is written).
fn split_off_boot_script(html: &str) -> Result<(String, String), String> {
    const OPENING: &str = "<script type=\"module\">";
    const CLOSING: &str = "</script>";
    let start = html
        .find(OPENING)
        .ok_or("the page trunk made has no inline module script: did trunk change how it boots the app?")?;
    let body_start = start + OPENING.len();
    let body_end = body_start
        + html[body_start..].find(CLOSING).ok_or("the page trunk made: the boot script is not closed")?;
    let script = html[body_start..body_end].to_owned();
    let tag = format!("<script type=\"module\" src=\"/{BOOT_SCRIPT_PLACEHOLDER}\"></script>");
    let rewritten = format!("{}{tag}{}", &html[..start], &html[body_end + CLOSING.len()..]);
    Ok((script, rewritten))
}

fn build_worker(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the worker (worker-build, release)");
    run(tools
        .wasm_command("worker-build")
        .current_dir(tools.root.join("worker"))
        .arg("--release")
        .env("NAAR_VERMOGEN_COMMIT", commit))
}

/// Writes the lists of files to cache, and a version that changes with their content, into
/// `dist/sw.js`: the client's app for every device, the staff app (`werk/`) apart, for the devices
/// that have used it. `index.html` is cached as `/`, the URL the assets server uses for it.
fn fill_in_service_worker(dist: &Path) -> Result<(), String> {
    let mut files = files_under(dist)?;
    files.sort();
    let mut contents = Vec::new();
    let (mut every_device, mut staff_devices) = (Vec::new(), Vec::new());
    for file in &files {
        let relative =
            file.strip_prefix(dist).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
        if relative == "sw.js" || relative == "_headers" {
            continue;
        }
        contents.extend(relative.as_bytes());
        contents.extend(std::fs::read(file).map_err(|e| e.to_string())?);
        let url = if relative == "index.html" { "/".to_owned() } else { format!("/{relative}") };
        if url.starts_with(STAFF_URL_PATH) {
            staff_devices.push(url)
        } else {
            every_device.push(url)
        }
    }
    let list = |urls: &[String]| {
        format!("[{}]", urls.iter().map(|url| format!("\"{url}\"")).collect::<Vec<_>>().join(", "))
    };
    let service_worker = dist.join("sw.js");
    let template = read(&service_worker)?;
    for placeholder in ["__PRECACHE_URLS__", "__STAFF_APP_URLS__"] {
        if !template.contains(placeholder) {
            return Err(format!("dist/sw.js has no {placeholder} placeholder: is public/sw.js intact?"));
        }
    }
    let filled = template
        .replace("\"__BUILD_VERSION__\"", &format!("\"{}\"", fingerprint(&contents)))
        .replace("__PRECACHE_URLS__", &list(&every_device))
        .replace("__STAFF_APP_URLS__", &list(&staff_devices));
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
    fn trunks_inline_boot_script_is_taken_out_of_the_page() {
        let html =
            "<head><script type=\"module\">import init from '/app.js'; await init();</script><link></head>";
        let (script, rewritten) = split_off_boot_script(html).unwrap();
        assert_eq!(script, "import init from '/app.js'; await init();");
        assert_eq!(
            rewritten,
            "<head><script type=\"module\" src=\"/__BOOT_SCRIPT__\"></script><link></head>"
        );
    }

    #[test]
    fn the_boot_script_starts_the_app_the_device_chose() {
        let trunks = "\nimport init, * as bindings from '/werk/app-1.js';\nconst wasm = await init({ module_or_path: '/werk/app-1_bg.wasm' });\n";
        let staff = AppFiles::started_by(trunks).unwrap();
        assert_eq!(staff, AppFiles { script: "/werk/app-1.js".into(), wasm: "/werk/app-1_bg.wasm".into() });
        let client = AppFiles { script: "/app-2.js".into(), wasm: "/app-2_bg.wasm".into() };
        let script = boot_script(&client, &staff);
        assert!(script.contains(r#"staff ? { script: "/werk/app-1.js", wasm: "/werk/app-1_bg.wasm" } : { script: "/app-2.js", wasm: "/app-2_bg.wasm" }"#));
        assert!(script.contains(r#"localStorage.getItem("naar-vermogen-app") === "staff""#));
        assert!(AppFiles::started_by("import init from somewhere").is_err());
    }

    #[test]
    fn a_page_without_a_boot_script_is_an_error_not_a_silent_pass() {
        assert!(split_off_boot_script("<head></head>").is_err());
        assert!(split_off_boot_script("<script type=\"module\">never closed").is_err());
    }
}
