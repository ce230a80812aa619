//! The local edge: D1 migrations and demo data, and `wrangler dev` serving the PWA
//! and the API on one origin on 127.0.0.1, trusting the demo identity provider (`identity.rs`).

use crate::identity::IdentityProvider;
use crate::municipality::Municipality;
use crate::setup::{install_everything, Tools};
use crate::shell::{free_port, run, say, ServerProcess, SERVER_START_LIMIT};
use std::path::{Path, PathBuf};
use std::process::Command;

const DEFAULT_PORT: u16 = 8787;
const DATABASE_BINDING: &str = "DB";

/// Command 1 of the README: everything needed to use the product locally.
pub fn serve_product(port: Option<u16>) -> Result<(), String> {
    let tools = install_everything()?;
    crate::build::build_all(&tools)?;
    let state = tools.root.join(".wrangler/state");
    apply_migrations(&tools, &tools.root, &state)?;
    say("Demo data: loading worker/demo/demo.sql");
    run_wrangler_d1(
        &tools,
        &tools.root,
        &state,
        &["execute", DATABASE_BINDING, "--file", "worker/demo/demo.sql"],
    )?;
    let port = port.unwrap_or(DEFAULT_PORT);
    // Same process group as this command, so that Ctrl-C stops both servers too.
    let identity = IdentityProvider::start(&tools, &format!("http://127.0.0.1:{port}"), false)?;
    let mut server = DevServer::start(&tools, &tools.root, port, &state, &identity, None, false)?;
    server.wait_until_healthy()?;
    println!(
        "\n    Naar Vermogen runs at http://127.0.0.1:{port}/  (API: http://127.0.0.1:{port}/api/v1/health)"
    );
    println!(
        "    Log in as a demo user (worker/demo/users.json, e.g. consulent-sanne / demo-sanne) at the demo provider {}.",
        identity.issuer()
    );
    println!("    Stop it with Ctrl-C.\n");
    let status = server.process.child.wait().map_err(|e| e.to_string())?;
    Err(format!("wrangler dev stopped ({status})"))
}

/// Fails when wrangler wrote a debug log under `root`: it would hold the D1 answers of the run
/// (personal data) on the developer's disk.
pub fn wrote_no_debug_log(root: &Path) -> Result<(), String> {
    let directory = root.join(crate::setup::WRANGLER_DEBUG_LOG_DIRECTORY);
    let written: Vec<String> = std::fs::read_dir(&directory)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path().display().to_string()).collect())
        .unwrap_or_default();
    if written.is_empty() {
        return Ok(());
    }
    Err(format!(
        "wrangler wrote a debug log ({}): it holds D1's answers, with personal data. Delete it, and keep \
         WRANGLER_WRITE_LOGS=false in xtask/src/setup.rs (Tools::command).",
        written.join(", ")
    ))
}

/// Applies the migrations to the local D1 in `state`, with the `wrangler.toml` in `project`.
pub fn apply_migrations(tools: &Tools, project: &Path, state: &Path) -> Result<(), String> {
    say("D1: applying migrations (worker/migrations) to the local database");
    run_wrangler_d1(tools, project, state, &["migrations", "apply", DATABASE_BINDING])
}

fn run_wrangler_d1(tools: &Tools, project: &Path, state: &Path, args: &[&str]) -> Result<(), String> {
    let state = state.to_string_lossy();
    run(tools
        .wrangler()
        .current_dir(project)
        .arg("d1")
        .args(args)
        .args(["--local", "--persist-to", &state])
        // Non-interactive: apply without asking for confirmation.
        .env("CI", "true"))
}

/// A throw-away local edge for tests and benchmarks: an empty D1 with the migrations applied,
/// the demo identity provider and `wrangler dev`, each on a free loopback port, in their own
/// process groups. Dropping it stops both servers and removes the database.
pub struct LocalEdge {
    // Fields drop in this order: the servers stop before their database is removed.
    pub server: DevServer,
    pub identity: IdentityProvider,
    /// The municipality's zaak system on loopback (`municipality.rs`).
    pub municipality: Municipality,
    /// How to start this `wrangler dev` again, and the process group running it now (JSON, for
    /// the end-to-end test that kills and restarts it: `tests/e2e/wrangler-restart.test.mjs`).
    pub restart_file: PathBuf,
    _state: RemovedWhenDropped,
}

impl Drop for LocalEdge {
    /// A test may have replaced the `wrangler dev` it was given: stop the replacement too.
    fn drop(&mut self) {
        let Ok(recipe) = std::fs::read_to_string(&self.restart_file) else { return };
        let group = recipe.split("\"process_group\":").nth(1).and_then(|rest| {
            rest.trim_start()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|digits| digits.parse::<u32>().ok())
        });
        if let Some(group) = group.filter(|group| *group != self.server.process.child.id()) {
            let _ = std::process::Command::new("kill").args(["-KILL", "--", &format!("-{group}")]).status();
        }
    }
}

/// A stack's own project folder in its `state`: a copy of `wrangler.toml` beside links to the
/// built `worker/` and `dist/`, so that its wrangler commands write a `.wrangler/` of their own.
/// wrangler sweeps the temporary folders in `.wrangler/tmp` that are a day old by its own clock, and
/// a stack at a chosen date runs a month or a year ahead: in a shared `.wrangler/` it removed the
/// bundle of the stack beside it, whose `wrangler dev` then answered nothing (seen 3 Dec 2026).
fn project_of_its_own(tools: &Tools, state: &Path) -> Result<PathBuf, String> {
    let project = state.join("project");
    std::fs::create_dir_all(&project).map_err(|e| format!("{}: {e}", project.display()))?;
    let config = project.join("wrangler.toml");
    std::fs::copy(tools.root.join("wrangler.toml"), &config)
        .map_err(|e| format!("{}: {e}", config.display()))?;
    for folder in ["worker", "dist"] {
        std::os::unix::fs::symlink(tools.root.join(folder), project.join(folder))
            .map_err(|e| format!("{}: {e}", project.join(folder).display()))?;
    }
    Ok(project)
}

/// A directory that is deleted when this value is dropped.
pub struct RemovedWhenDropped(pub PathBuf);

impl Drop for RemovedWhenDropped {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl LocalEdge {
    pub fn start(tools: &Tools, purpose: &str) -> Result<LocalEdge, String> {
        let state = std::env::temp_dir().join(format!("naar-vermogen-{purpose}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&state);
        let project = project_of_its_own(tools, &state)?;
        apply_migrations(tools, &project, &state)?;
        let port = free_port()?;
        let identity = IdentityProvider::start(tools, &format!("http://127.0.0.1:{port}"), true)?;
        let municipality = Municipality::start(tools)?;
        let mut server =
            DevServer::start(tools, &project, port, &state, &identity, Some(&municipality), true)?;
        server.wait_until_healthy()?;
        let restart_file = state.join("wrangler-restart.json");
        std::fs::write(&restart_file, server.restart_recipe()).map_err(|e| e.to_string())?;
        Ok(LocalEdge { server, identity, municipality, restart_file, _state: RemovedWhenDropped(state) })
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.server.port)
    }
}

/// A running `wrangler dev`, stopped when dropped.
pub struct DevServer {
    pub port: u16,
    pub process: ServerProcess,
    /// The program, arguments, environment and directory it was started with.
    started_with: Command,
}

impl DevServer {
    /// Starts `wrangler dev` on `127.0.0.1:port` with the `wrangler.toml` in `project` and its local data in `state`, trusting the
    /// tokens of `identity` only, syncing with `municipality` if given (with `--test-scheduled`, so
    /// that `GET /__scheduled` runs the cron trigger). With `own_process_group`, it (and the workerd
    /// it starts) can be stopped as one.
    pub fn start(
        tools: &Tools,
        project: &Path,
        port: u16,
        state: &Path,
        identity: &IdentityProvider,
        municipality: Option<&Municipality>,
        own_process_group: bool,
    ) -> Result<DevServer, String> {
        say(&format!("Starting wrangler dev on 127.0.0.1:{port}"));
        let mut command = tools.wrangler();
        command.current_dir(project).args([
            "dev",
            "--ip",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            // Its own devtools port: two servers at once would otherwise both take 9229.
            "--inspector-port",
            &free_port()?.to_string(),
            "--persist-to",
            &state.to_string_lossy(),
            "--show-interactive-dev-session=false",
            "--log-level",
            "warn",
            "--var",
            &format!("OIDC_ISSUERS:{}", identity.trusted_issuers_json()),
        ]);
        if let Some(municipality) = municipality {
            command.arg("--test-scheduled").args(municipality.wrangler_vars());
        }
        let process = ServerProcess::spawn(&mut command, own_process_group)
            .map_err(|e| format!("could not start wrangler dev: {e}"))?;
        Ok(DevServer { port, process, started_with: command })
    }

    /// JSON: how to start this server again (`program`, `args`, `env`, `cwd`) and the process group
    /// that runs it now (`process_group`).
    pub fn restart_recipe(&self) -> String {
        let command = &self.started_with;
        let text = |value: &std::ffi::OsStr| json_string(&value.to_string_lossy());
        let args: Vec<String> = command.get_args().map(text).collect();
        let env: Vec<String> = command
            .get_envs()
            .filter_map(|(name, value)| Some(format!("{}:{}", text(name), text(value?))))
            .collect();
        let cwd = command.get_current_dir().map(|dir| text(dir.as_os_str())).unwrap_or_else(|| "null".into());
        format!(
            "{{\"program\":{},\"args\":[{}],\"env\":{{{}}},\"cwd\":{cwd},\"port\":{},\"process_group\":{}}}\n",
            text(command.get_program()),
            args.join(","),
            env.join(","),
            self.port,
            self.process.child.id()
        )
    }

    /// Waits until `GET /api/v1/health` answers 200, or fails after [`SERVER_START_LIMIT`].
    pub fn wait_until_healthy(&mut self) -> Result<(), String> {
        match self.process.wait_until_ok(self.port, "/api/v1/health") {
            Ok(()) => Ok(()),
            Err(Some(status)) => Err(format!(
                "wrangler dev exited before it was ready ({status}). If port {} is in use, \
                 pick another: `cargo xtask run --port 9000`.",
                self.port
            )),
            Err(None) => Err(format!(
                "wrangler dev did not answer on port {} within {} s",
                self.port,
                SERVER_START_LIMIT.as_secs()
            )),
        }
    }
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(json_string(r#"OIDC_ISSUERS:[{"issuer":"x"}]"#), r#""OIDC_ISSUERS:[{\"issuer\":\"x\"}]""#);
        assert_eq!(json_string("a\\b\nc"), r#""a\\b\u000ac""#);
    }
}
