//! The local identity provider: `worker/demo/oidc-provider.mjs` (npm `oidc-provider`) on a free
//! loopback port, with the demo users of `worker/demo/users.json`. Started before `wrangler dev`
//! by `run` and `test`, stopped with them. The worker is told to trust it (and only it) through
//! `--var OIDC_ISSUERS:...`.

use crate::setup::Tools;
use crate::shell::say;
use crate::shell::{free_port, ServerProcess, SERVER_START_LIMIT};
use std::path::PathBuf;

/// The app's client id at the demo provider and the API's resource indicator (= audience).
const CLIENT_ID: &str = "naar-vermogen-app";
const API_RESOURCE: &str = "urn:naar-vermogen:api";
const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// A running demo provider, stopped (and its key file removed) when dropped.
pub struct IdentityProvider {
    pub port: u16,
    /// The private JWKS it signs with (for tests that sign tokens the worker must refuse).
    pub private_jwks: PathBuf,
    process: ServerProcess,
}

impl IdentityProvider {
    /// Starts the provider for an app served at `app_origin` and waits until its discovery
    /// document answers. With `own_process_group`, it is stopped as a group.
    pub fn start(
        tools: &Tools,
        app_origin: &str,
        own_process_group: bool,
    ) -> Result<IdentityProvider, String> {
        let port = free_port()?;
        let private_jwks =
            std::env::temp_dir().join(format!("naar-vermogen-oidc-keys-{}-{port}.json", std::process::id()));
        say(&format!("Starting the demo identity provider (oidc-provider) on 127.0.0.1:{port}"));
        let mut command = tools.command("node");
        command.arg(tools.root.join("worker/demo/oidc-provider.mjs")).args([
            "--port",
            &port.to_string(),
            "--app-origin",
            app_origin,
            "--private-jwks",
            &private_jwks.to_string_lossy(),
        ]);
        let process = ServerProcess::spawn(&mut command, own_process_group)
            .map_err(|e| format!("could not start the identity provider: {e}"))?;
        let mut provider = IdentityProvider { port, private_jwks, process };
        provider.wait_until_ready()?;
        Ok(provider)
    }

    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The worker's `OIDC_ISSUERS`: this provider, for every role (locally one provider plays
    /// both the DigiD broker and the municipality's identity provider).
    pub fn trusted_issuers_json(&self) -> String {
        format!(
            r#"[{{"issuer":"{}","audience":"{API_RESOURCE}","roles":["client","outreach_worker","trainer","consulent","policy_maker"],"client_id":"{CLIENT_ID}","scope":"openid api","label":{{"nl":"Inloggen (demo)","en":"Log in (demo)"}}}}]"#,
            self.issuer()
        )
    }

    fn wait_until_ready(&mut self) -> Result<(), String> {
        match self.process.wait_until_ok(self.port, DISCOVERY_PATH) {
            Ok(()) => Ok(()),
            Err(Some(status)) => Err(format!("the identity provider exited before it was ready ({status})")),
            Err(None) => Err(format!(
                "the identity provider did not answer on port {} within {} s",
                self.port,
                SERVER_START_LIMIT.as_secs()
            )),
        }
    }
}

impl Drop for IdentityProvider {
    fn drop(&mut self) {
        // The process stops when `process` is dropped; its keys go now.
        let _ = std::fs::remove_file(&self.private_jwks);
    }
}
