//! What the build keeps between runs and clones, each result under the fingerprint of its inputs
//! in a folder of the build's cache (`Tools::cache`): wasm-opt's results (`wasm_opt`) and cargo's
//! wasm (`compiled_once`). A result no build used for a week is removed when a build starts.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// wasm-opt's results (`wasm_opt`), under the build's cache.
pub const WASM_OPT_FOLDER: &str = "wasm-opt";
/// cargo's wasm (`compiled_once`), under the build's cache.
pub const COMPILED_FOLDER: &str = "compiled";
const FOLDERS: &[&str] = &[WASM_OPT_FOLDER, COMPILED_FOLDER];

/// Results not used for this long are removed when a build starts.
const KEPT_UNUSED_FOR: Duration = Duration::from_secs(7 * 24 * 3600);

/// Whether `kept` is there; touched when it is, so that a result in use is never removed as unused.
pub fn is_kept(kept: &Path) -> bool {
    if !kept.exists() {
        return false;
    }
    let _ = std::fs::File::options().append(true).open(kept).and_then(|f| f.set_modified(SystemTime::now()));
    true
}

/// Keeps a copy of `file` as `kept`, written under another name first: a build stopped half-way
/// leaves no half-written result.
pub fn keep(file: &Path, kept: &Path) -> Result<(), String> {
    let partial = kept.with_extension("partial");
    kept.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::copy(file, &partial))
        .and_then(|_| std::fs::rename(&partial, kept))
        .map_err(|e| format!("{}: {e}", kept.display()))
}

/// Removes the results no build has used for a week.
pub fn forget_unused_results(cache: &Path) {
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(cache.join(folder)) else { continue };
        for entry in entries.flatten() {
            let unused_for = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            if unused_for.is_some_and(|age| age > KEPT_UNUSED_FOR) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
