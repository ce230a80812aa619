//! Builds one of the two apps (`app/src/app_choice.rs`) from the app crate, in four steps:
//! cargo compiles it to wasm; `wasm-tools split` moves the code of the screens fetched on demand
//! (`app/src/screens_on_demand.rs`) into wasm files of their own, one per group of screens and one
//! per piece of code groups share, leaving the shell and the start page in the main one;
//! `wasm-tools bindgen web` writes the JavaScript that starts it; wasm-opt shrinks every wasm file
//! (`wasm_opt`, which remembers its results). The files land in one directory named after their content (`dist/app/3f2a…/`), so a
//! new version never has the address of an old one.

use crate::screen_files::{files_per_address, FilesPerAddress};
use crate::setup::Tools;
use crate::shell::{fingerprint, run};
use std::path::{Path, PathBuf};

/// Which of the two apps.
#[derive(Clone, Copy)]
pub enum App {
    /// The default build: what a phone downloads first.
    Client,
    /// The feature `staff`: every screen.
    Staff,
}

impl App {
    /// The directory under `dist/` its versions go in (`/werk/` is cached only on staff devices).
    pub fn directory(self) -> &'static str {
        match self {
            App::Client => "app",
            App::Staff => "werk",
        }
    }

    fn name(self) -> &'static str {
        match self {
            App::Client => "the client's app",
            App::Staff => "the staff app",
        }
    }
}

/// The script that starts the app (it imports `__wasm_split.js`, which fetches the screens' wasm
/// files), and the app's main wasm.
pub const APP_SCRIPT: &str = "app.js";
pub const APP_WASM: &str = "app_bg.wasm";

/// One app, built.
pub struct BuiltApp {
    /// The URL path of its directory, e.g. `/app/3f2a…/`.
    pub directory: String,
    /// The wasm files each address's screen needs (see `screen_files`).
    pub files_per_address: FilesPerAddress,
}

/// Builds `app` into `dist/<directory>/<fingerprint>/`.
pub fn build(tools: &Tools, app: App, dist: &Path) -> Result<BuiltApp, String> {
    crate::shell::say(&format!("Build: {} (cargo, wasm-tools split and bindgen, wasm-opt)", app.name()));
    let mut cargo = tools.app_command("cargo");
    cargo
        .args(["build", "--release", "--package", "naar-vermogen-app", "--bin", "naar-vermogen-app"])
        // Not the commit (only the worker names it, in /api/v1/health): a commit that leaves the
        // app's sources alone is built from the cache (`compiled_once`).
        .args(["--target", "wasm32-unknown-unknown"]);
    if let App::Staff = app {
        cargo.args(["--features", "staff"]);
    }
    let compiled = crate::compiled_once::compile_once(
        tools,
        &mut cargo,
        &["app", "shared"],
        &tools.cargo_target.join("wasm32-unknown-unknown/release/naar-vermogen-app.wasm"),
    )?;
    let work = tools.root.join("target/app-build").join(app.directory());
    fresh_directory(&work)?;
    run(tools.wasm_tools().arg("split").arg(&compiled).arg(&work).arg("app"))?;
    let split_main = work.join("app.wasm");
    run(tools.wasm_tools().args(["bindgen", "web"]).arg(&split_main).arg(&work).arg("app"))?;
    std::fs::remove_file(&split_main).map_err(|e| format!("{}: {e}", split_main.display()))?;
    let router = tools.root.join("app/src/app.rs");
    let files_per_address = files_per_address(
        &std::fs::read_to_string(&router).map_err(|e| format!("{}: {e}", router.display()))?,
        &std::fs::read_to_string(work.join("__wasm_split.js"))
            .map_err(|e| format!("__wasm_split.js: {e}"))?,
    )?;
    let wasm_files =
        files_in(&work)?.into_iter().filter(|path| path.extension().is_some_and(|ext| ext == "wasm"));
    crate::wasm_opt::optimise_all(tools, wasm_files.collect(), crate::wasm_opt::Optimisation::App)?;
    let version = move_to_its_version_directory(&work, &dist.join(app.directory()))?;
    Ok(BuiltApp { directory: format!("/{}/{version}/", app.directory()), files_per_address })
}

/// Moves the built files to `<into>/<fingerprint of them all>/`; returns the fingerprint.
fn move_to_its_version_directory(work: &Path, into: &Path) -> Result<String, String> {
    let mut files = files_in(work)?;
    files.sort();
    let mut contents = Vec::new();
    for file in &files {
        contents.extend(file.file_name().unwrap_or_default().as_encoded_bytes());
        contents.extend(std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    let version = fingerprint(&contents);
    let destination = into.join(&version);
    fresh_directory(&destination)?;
    for file in &files {
        let target = destination.join(file.file_name().unwrap_or_default());
        std::fs::rename(file, &target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(version)
}

pub fn fresh_directory(path: &Path) -> Result<(), String> {
    if path.exists() {
        std::fs::remove_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    std::fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    entries.map(|entry| entry.map(|entry| entry.path()).map_err(|e| e.to_string())).collect()
}
