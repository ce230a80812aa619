//! wasm-opt (npm's binaryen) over the built wasm files, on every core, remembering each result: a
//! file wasm-opt has seen before, with the same settings, is taken from the build's cache
//! instead of optimised again. A second build with nothing changed runs no wasm-opt at all, and a
//! change to one screen optimises only the files that changed.

use crate::setup::Tools;
use crate::shell::{fingerprint, run, say};
use std::path::{Path, PathBuf};

/// The wasm features Rust's wasm32 target uses, which wasm-opt must be told of.
const RUST_WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

#[derive(Clone, Copy)]
pub enum Optimisation {
    /// The app: for size (`-Oz`), without the producers and features sections.
    App,
    /// The worker, as worker-build does it: `-O`, with exception handling, keeping function names
    /// (they name the function in a trap's stack trace).
    Worker,
}

impl Optimisation {
    fn arguments(self) -> Vec<&'static str> {
        let mut arguments = RUST_WASM_FEATURES.to_vec();
        match self {
            Optimisation::App => {
                arguments.extend(["-Oz", "--strip-producers", "--strip-target-features"]);
            }
            Optimisation::Worker => arguments.extend(["-O", "--enable-exception-handling", "--debuginfo"]),
        }
        arguments
    }
}

/// Optimises every file in place, the biggest first, one wasm-opt per core, and says how many
/// results came from the cache (with nothing changed, all of them; after a change to one screen,
/// all but the files that screen's code is in).
pub fn optimise_all(tools: &Tools, mut files: Vec<PathBuf>, how: Optimisation) -> Result<(), String> {
    files.sort_by_key(|file| std::fs::metadata(file).map_or(0, |metadata| metadata.len()));
    let all = files.len();
    let optimised = std::sync::atomic::AtomicUsize::new(0);
    let queue = std::sync::Mutex::new(files); // the biggest first, from the end
    let next = || {
        queue.lock().map_err(|_| "wasm-opt: a worker thread failed".to_owned()).map(|mut files| files.pop())
    };
    let cores = std::thread::available_parallelism().map_or(2, |cores| cores.get());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope.spawn(|| {
                    while let Some(file) = next()? {
                        if optimise(tools, &file, how)? == Outcome::Optimised {
                            optimised.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                    Ok::<(), String>(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker.join().map_err(|_| "wasm-opt: a worker thread panicked".to_owned())?
        })
    })?;
    let optimised = optimised.into_inner();
    say(&format!("wasm-opt: {all} files, {optimised} optimised, {} from the cache", all - optimised));
    Ok(())
}

#[derive(PartialEq)]
enum Outcome {
    Optimised,
    FromTheCache,
}

fn optimise(tools: &Tools, wasm: &Path, how: Optimisation) -> Result<Outcome, String> {
    let arguments = how.arguments();
    let input = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let cached = tools
        .cache
        .join(crate::kept_results::WASM_OPT_FOLDER)
        .join(format!("{}.wasm", cache_key(&input, &arguments)));
    if crate::kept_results::is_kept(&cached) {
        return std::fs::copy(&cached, wasm)
            .map(|_| Outcome::FromTheCache)
            .map_err(|e| format!("{}: {e}", wasm.display()));
    }
    run(tools.command("wasm-opt").args(&arguments).arg("--output").arg(wasm).arg(wasm))?;
    crate::kept_results::keep(wasm, &cached).map(|()| Outcome::Optimised)
}

/// The input's bytes, wasm-opt's settings and binaryen's version.
fn cache_key(input: &[u8], arguments: &[&str]) -> String {
    let mut key = input.to_vec();
    key.extend(arguments.join(" ").as_bytes());
    key.extend(NPM_TOOL_VERSIONS.as_bytes());
    fingerprint(&key)
}

/// The npm tools' versions, binaryen's among them: a new binaryen changes every cache key.
const NPM_TOOL_VERSIONS: &str = include_str!("../../package.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_result_belongs_to_its_input_and_its_settings() {
        let app = Optimisation::App.arguments();
        let worker = Optimisation::Worker.arguments();
        assert_eq!(cache_key(b"\0asm", &app), cache_key(b"\0asm", &app));
        assert_ne!(cache_key(b"\0asm", &app), cache_key(b"\0asm!", &app));
        assert_ne!(cache_key(b"\0asm", &app), cache_key(b"\0asm", &worker));
    }
}
