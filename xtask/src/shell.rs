//! Running other programs: one place that prints what runs and turns failures into messages, and
//! the local servers xtask starts (stopped when dropped) with the free ports they listen on.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The top of the repository (the folder with the workspace `Cargo.toml`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

pub fn say(message: &str) {
    println!("==> {message}");
}

/// Runs `command` to the end with inherited output; an error says which command failed.
pub fn run(command: &mut Command) -> Result<(), String> {
    println!("    $ {}", describe(command));
    let status = command.status().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs `command` and returns its standard output, or `None` if it cannot start or fails.
pub fn output_of(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs `command`, killing it if it takes longer than `limit`. Returns whether it succeeded.
pub fn run_with_time_limit(command: &mut Command, limit: Duration) -> bool {
    println!("    $ {} (at most {} s)", describe(command), limit.as_secs());
    let Ok(mut child) = command.spawn() else { return false };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Stops a child that was started in its own process group, with all its children.
pub fn stop_process_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).stderr(Stdio::null()).status();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
    let _ = child.wait();
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| shortened(&a.to_string_lossy())));
    words.join(" ")
}

/// Long arguments (an inline script) are shown by their first line only.
fn shortened(argument: &str) -> String {
    match argument.lines().next() {
        Some(first) if first.len() < argument.len() => format!("'{first} …'"),
        _ => argument.to_owned(),
    }
}

/// A short, stable fingerprint of some bytes (64-bit FNV-1a, hex): to tell versions apart, not for security.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// How long a server may take to answer after it started. On a loaded machine (a build beside the
/// tests) a start takes many times its usual few seconds: the wait is for the server to answer or
/// exit, and this bound only says when a server that does neither is broken.
pub const SERVER_START_LIMIT: Duration = Duration::from_secs(180);

/// A server started by xtask, stopped when dropped (with its children, when it has its own
/// process group; otherwise it shares ours, so that Ctrl-C reaches it).
pub struct ServerProcess {
    pub child: Child,
    own_process_group: bool,
}

impl ServerProcess {
    pub fn spawn(command: &mut Command, own_process_group: bool) -> std::io::Result<ServerProcess> {
        if own_process_group {
            command.process_group(0);
        }
        Ok(ServerProcess { child: command.spawn()?, own_process_group })
    }

    /// Waits until `GET path` on 127.0.0.1:port answers 200. `Err(Some(status))` if the server
    /// exited first, `Err(None)` if it did not answer within [`SERVER_START_LIMIT`].
    pub fn wait_until_ok(&mut self, port: u16, path: &str) -> Result<(), Option<ExitStatus>> {
        let started = Instant::now();
        while started.elapsed() < SERVER_START_LIMIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(Some(status));
            }
            if answers_ok(port, path) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(None)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.own_process_group {
            stop_process_group(&mut self.child);
        } else {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `GET path` on 127.0.0.1:port answers 200.
fn answers_ok(port: u16, path: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}

/// A port that was free a moment ago (the OS picks it).
pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}
