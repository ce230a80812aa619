//! The project's wasm compiled once per content. Cargo keeps each clone's own crates apart by their
//! path, so every new clone (CI's, a worktree) compiled the app twice and the worker again: 6½
//! minutes of a warm `cargo xtask test` (measured 3 Dec 2026), for wasm identical to the one the
//! last clone made. Here a wasm build is keyed by what it reads (the sources of its crates, the
//! workspace's Cargo files, the compiler's version, and cargo's command with its settings); a build
//! whose key was compiled before takes that result from the build's cache instead of running cargo.
//!
//! The sources are the files git lists in those folders (committed or not, except what
//! `.gitignore` leaves out), read as they are now, so an uncommitted change is a new key. Outside
//! a git checkout nothing is cached and cargo runs as always.

use crate::setup::Tools;
use crate::shell::{fingerprint, output_of, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Workspace files every crate's build reads besides its own folder.
const WORKSPACE_FILES: &[&str] = &["Cargo.toml", "Cargo.lock", ".cargo/config.toml"];

/// Settings from this process's environment that change what cargo makes (the command's own
/// settings are in the key anyway).
const BUILD_SETTINGS: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTC",
    "RUSTC_WRAPPER",
    "RUSTUP_TOOLCHAIN",
];

/// Runs `cargo` (a build of the `folders`' crates that writes `compiled`), unless the same sources
/// were compiled with the same command before: returns where the wasm is, in the cache or at `compiled`.
pub fn compile_once(
    tools: &Tools,
    cargo: &mut Command,
    folders: &[&str],
    compiled: &Path,
) -> Result<PathBuf, String> {
    let Some(key) = key_of_the_build(&tools.root, folders, cargo) else {
        run(cargo)?;
        return Ok(compiled.to_owned());
    };
    let cached = tools.cache.join(crate::kept_results::COMPILED_FOLDER).join(format!("{key}.wasm"));
    if crate::kept_results::is_kept(&cached) {
        say(&format!(
            "skip: cargo build of {} (these sources were compiled before: {key})",
            folders.join(", ")
        ));
        return Ok(cached);
    }
    run(cargo)?;
    crate::kept_results::keep(compiled, &cached)?;
    Ok(compiled.to_owned())
}

/// The fingerprint of everything the build reads, or `None` outside a git checkout.
fn key_of_the_build(root: &Path, folders: &[&str], cargo: &Command) -> Option<String> {
    let listed = output_of(
        Command::new("git")
            .current_dir(root)
            .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"])
            .args(folders)
            .args(WORKSPACE_FILES),
    )?;
    let mut files: Vec<&str> = listed.split('\0').filter(|file| !file.is_empty()).collect();
    files.sort_unstable();
    files.dedup();
    let mut key = Vec::new();
    for file in files {
        // A file git knows but that was deleted is simply not read.
        if let Ok(bytes) = std::fs::read(root.join(file)) {
            key.extend(file.as_bytes());
            key.push(0);
            key.extend(fingerprint(&bytes).as_bytes());
        }
    }
    key.extend(the_command_without_its_paths(cargo).as_bytes());
    key.extend(output_of(rustc_of(cargo).arg("-vV"))?.as_bytes());
    Some(fingerprint(&key))
}

/// Cargo's arguments and settings, and the build settings of this environment; not `PATH` or the
/// folder it runs in, which name the clone.
fn the_command_without_its_paths(cargo: &Command) -> String {
    let mut text: Vec<String> = cargo.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect();
    for (name, value) in cargo.get_envs() {
        if name != "PATH" {
            text.push(format!("{}={}", name.to_string_lossy(), value.unwrap_or_default().to_string_lossy()));
        }
    }
    for name in BUILD_SETTINGS {
        if let Some(value) = std::env::var_os(name) {
            text.push(format!("outside {name}={}", value.to_string_lossy()));
        }
    }
    text.join("\n")
}

/// rustc as `cargo` would run it (the same toolchain setting).
fn rustc_of(cargo: &Command) -> Command {
    let mut rustc = Command::new("rustc");
    for (name, value) in cargo.get_envs() {
        match value {
            Some(value) => rustc.env(name, value),
            None => rustc.env_remove(name),
        };
    }
    rustc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checkout with one crate folder, and a file `.gitignore` leaves out.
    fn checkout(name: &str, source: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-compiled-once-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("app/src")).unwrap();
        std::fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(root.join("app/src/lib.rs"), source).unwrap();
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        std::fs::create_dir_all(root.join("app/build")).unwrap();
        std::fs::write(root.join("app/build/out.js"), name).unwrap();
        assert!(Command::new("git").current_dir(&root).args(["init", "-q"]).status().unwrap().success());
        root
    }

    /// As `Tools::command` makes it: the clone's tools first on `PATH`.
    fn cargo_build(root: &Path, features: &str) -> Command {
        let mut cargo = Command::new("cargo");
        let path = format!("{}:{}", root.join("node_modules/.bin").display(), std::env::var("PATH").unwrap());
        cargo.args(["build", "--features", features]).env("PATH", path);
        cargo
    }

    #[test]
    fn two_clones_of_the_same_sources_share_a_build_and_a_change_to_a_source_or_a_setting_does_not() {
        let first = checkout("first", "pub fn a() {}");
        let second = checkout("second", "pub fn a() {}");
        let key = |root: &Path, features: &str| {
            key_of_the_build(root, &["app"], &cargo_build(root, features)).unwrap()
        };
        assert_eq!(
            key(&first, "staff"),
            key(&second, "staff"),
            "the clone's path (also on PATH) and ignored files are no input"
        );
        assert_ne!(key(&first, "staff"), key(&first, "client"), "another cargo argument is another build");
        std::fs::write(second.join("app/src/lib.rs"), "pub fn b() {}").unwrap();
        assert_ne!(key(&first, "staff"), key(&second, "staff"), "an uncommitted change is a new build");
        std::fs::write(second.join("app/src/lib.rs"), "pub fn a() {}").unwrap();
        std::fs::write(second.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        assert_ne!(key(&first, "staff"), key(&second, "staff"), "the workspace's Cargo files are read too");
        for root in [first, second] {
            std::fs::remove_dir_all(root).unwrap();
        }
    }

    #[test]
    fn outside_a_git_checkout_there_is_no_key() {
        let root = std::env::temp_dir().join(format!("xtask-compiled-once-{}-no-git", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        assert_eq!(key_of_the_build(&root, &["app"], &cargo_build(&root, "staff")), None);
        std::fs::remove_dir_all(root).unwrap();
    }
}
