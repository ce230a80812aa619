//! Builds the page (`public/`: its static files and styles), the two apps (`app_build`) and the
//! worker (`worker_build`) in release mode, fills in the service worker's precache list, and reports
//! the sizes that travel to users.

use crate::app_build::{self, App, BuiltApp, APP_SCRIPT, APP_WASM};
use crate::setup::Tools;
use crate::shell::{fingerprint, output_of, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

const SIZE_REPORT_SCRIPT: &str = include_str!("size_report.mjs");

/// The page, both apps and the worker, then the size report (`cargo xtask build` and `test`).
pub fn build_all_and_report_sizes(tools: &Tools) -> Result<(), String> {
    build_all(tools)?;
    report_sizes(tools)
}

/// The page, both apps and the worker (`cargo xtask run` serves them without the size report).
pub fn build_all(tools: &Tools) -> Result<(), String> {
    let commit = current_commit(&tools.root);
    crate::kept_results::forget_unused_results(&tools.cache);
    build_app(tools)?;
    crate::worker_build::build(tools, &commit)
}

fn current_commit(root: &Path) -> String {
    output_of(Command::new("git").current_dir(root).args(["rev-parse", "--short=12", "HEAD"]))
        .map(|sha| sha.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn build_app(tools: &Tools) -> Result<(), String> {
    let dist = tools.root.join("dist");
    copy_the_page(&tools.root.join("public"), &dist)?;
    let client_app = app_build::build(tools, App::Client, &dist)?;
    let staff_app = app_build::build(tools, App::Staff, &dist)?;
    point_the_page_at(&dist, &client_app, &staff_app)?;
    write_screen_files_for_the_size_report(&tools.root, &client_app)?;
    fill_in_service_worker(&dist)
}

/// `target/screen-files.json`: the client's app's files per address, which `size_report.mjs` adds up.
fn write_screen_files_for_the_size_report(root: &Path, client_app: &BuiltApp) -> Result<(), String> {
    let path = root.join("target/screen-files.json");
    std::fs::write(&path, json_of(&client_app.files_per_address)?)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where `public/index.html` names its style sheet.
const STYLES_PLACEHOLDER: &str = "/__STYLES__";

/// A fresh `dist/` with everything in `public/`; the style sheet is named after its content
/// (`styles-<fingerprint>.css`), so that a browser never keeps an old one under a new page.
fn copy_the_page(public: &Path, dist: &Path) -> Result<(), String> {
    say("Build: the page, its styles and static files (public/ into dist/)");
    crate::app_build::fresh_directory(dist)?;
    copy_directory(public, dist)?;
    let styles = read(&dist.join("styles.css"))?;
    let styles_file = format!("styles-{}.css", fingerprint(styles.as_bytes()));
    std::fs::rename(dist.join("styles.css"), dist.join(&styles_file)).map_err(|e| e.to_string())?;
    let index = dist.join("index.html");
    let html = read(&index)?;
    if !html.contains(STYLES_PLACEHOLDER) {
        return Err(format!("public/index.html has no {STYLES_PLACEHOLDER} placeholder for its style sheet"));
    }
    std::fs::write(&index, html.replace(STYLES_PLACEHOLDER, &format!("/{styles_file}")))
        .map_err(|e| e.to_string())
}

fn copy_directory(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_directory(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// Where `public/index.html` names the client's app directory (its preload links).
const CLIENT_APP_PLACEHOLDER: &str = "/__CLIENT_APP__/";
/// Where `public/index.html` names the boot script.
const BOOT_SCRIPT_PLACEHOLDER: &str = "/__BOOT_SCRIPT__";

/// Fills in the page's placeholders: the client's app it preloads, and the boot script, a file
/// named after its content (the Content-Security-Policy in `public/_headers` allows no inline
/// scripts).
fn point_the_page_at(dist: &Path, client_app: &BuiltApp, staff_app: &BuiltApp) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = read(&index)?;
    for placeholder in [CLIENT_APP_PLACEHOLDER, BOOT_SCRIPT_PLACEHOLDER] {
        if !html.contains(placeholder) {
            return Err(format!(
                "dist/index.html has no {placeholder} placeholder: is public/index.html intact?"
            ));
        }
    }
    let script = boot_script(client_app, staff_app)?;
    let file_name = format!("boot-{}.js", fingerprint(script.as_bytes()));
    std::fs::write(dist.join(&file_name), script).map_err(|e| e.to_string())?;
    let filled = html
        .replace(CLIENT_APP_PLACEHOLDER, &client_app.directory)
        .replace(BOOT_SCRIPT_PLACEHOLDER, &format!("/{file_name}"));
    std::fs::write(&index, filled).map_err(|e| e.to_string())
}

/// The boot script: starts the app this device last chose, from its directory, and at once fetches
/// the files of the screen at this address (the app would ask for them only once it has started).
fn boot_script(client_app: &BuiltApp, staff_app: &BuiltApp) -> Result<String, String> {
    let (client, staff) = (&client_app.directory, &staff_app.directory);
    let client_screens = json_of(&client_app.files_per_address)?;
    let staff_screens = json_of(&staff_app.files_per_address)?;
    Ok(format!(
        r#"// Starts the app this device runs: the staff app once staff have logged in here, else the client's
// (which a phone downloads first). app/src/app_choice.rs makes the choice; made by `cargo xtask build`.
let staff = false;
try {{
  staff = localStorage.getItem("naar-vermogen-app") === "staff";
}} catch {{
  // No storage: the client's app.
}}
const app = staff ? "{staff}" : "{client}";
// The wasm files of each address's screen (xtask/src/screen_files.rs), fetched now rather than once
// the app has started; the address with the most fixed segments wins, as in the router.
const screens = staff ? {staff_screens} : {client_screens};
const segments = location.pathname.split("/").filter(Boolean);
let screen = {{ files: [], fixed: -1 }};
for (const [address, files] of Object.entries(screens)) {{
  const parts = address.split("/").filter(Boolean);
  const matches = parts.length === segments.length && parts.every((part, i) => part.startsWith(":") || part === segments[i]);
  const fixed = parts.filter((part) => !part.startsWith(":")).length;
  if (matches && fixed > screen.fixed) screen = {{ files, fixed }};
}}
for (const file of screen.files) {{
  const link = Object.assign(document.createElement("link"), {{ rel: "preload", href: app + file, as: "fetch", type: "application/wasm", crossOrigin: "anonymous" }});
  document.head.append(link);
}}
const bindings = await import(app + "{APP_SCRIPT}");
await bindings.default({{ module_or_path: app + "{APP_WASM}" }});
"#
    ))
}

/// `{"/advies": ["split_advice.wasm", …], …}`: addresses and file names are plain (checked), so
/// they need no escaping.
fn json_of(files_per_address: &crate::screen_files::FilesPerAddress) -> Result<String, String> {
    let plain = |text: &str| text.chars().all(|c| c.is_ascii_alphanumeric() || "/:_-.".contains(c));
    let mut entries = Vec::new();
    for (address, files) in files_per_address {
        if !plain(address) || !files.iter().all(|file| plain(file)) {
            return Err(format!(
                "the address {address} or its files hold characters a boot script cannot take"
            ));
        }
        let files: Vec<String> = files.iter().map(|file| format!("\"{file}\"")).collect();
        entries.push(format!("\"{address}\": [{}]", files.join(", ")));
    }
    Ok(format!("{{{}}}", entries.join(", ")))
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
        if url.starts_with(&format!("/{}/", App::Staff.directory())) {
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

    fn built(directory: &str, address: &str, file: &str) -> BuiltApp {
        let files_per_address = [(address.to_owned(), vec![file.to_owned()])].into_iter().collect();
        BuiltApp { directory: directory.to_owned(), files_per_address }
    }

    #[test]
    fn the_boot_script_starts_the_app_the_device_chose() {
        let script = boot_script(
            &built("/app/2/", "/advies", "split_advice.wasm"),
            &built("/werk/1/", "/x", "y.wasm"),
        )
        .unwrap();
        assert!(script.contains(r#"const app = staff ? "/werk/1/" : "/app/2/";"#));
        assert!(script.contains(r#"await import(app + "app.js")"#));
        assert!(script.contains(r#"module_or_path: app + "app_bg.wasm""#));
        assert!(script.contains(r#"localStorage.getItem("naar-vermogen-app") === "staff""#));
        assert!(script
            .contains(r#"const screens = staff ? {"/x": ["y.wasm"]} : {"/advies": ["split_advice.wasm"]};"#));
        assert!(
            boot_script(&built("/app/2/", "/a\"b", "c.wasm"), &built("/werk/1/", "/x", "y.wasm")).is_err()
        );
    }

    #[test]
    fn a_page_without_its_placeholders_is_an_error_not_a_silent_pass() {
        let dist = std::env::temp_dir().join(format!("xtask-build-test-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<head></head>").unwrap();
        let refused =
            point_the_page_at(&dist, &built("/app/2/", "/a", "b.wasm"), &built("/werk/1/", "/a", "b.wasm"));
        std::fs::remove_dir_all(&dist).unwrap();
        assert!(refused.unwrap_err().contains("__CLIENT_APP__"));
    }
}
