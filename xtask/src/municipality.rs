//! The municipality's zaak system on loopback for tests and benchmarks:
//! `tests/municipal/municipality.mjs` (Prism checking every request and answer against the
//! published Zaken, Documenten and Klantinteracties APIs, in front of a small stateful fake) on free
//! ports, with made-up secrets (the ZGW secret, the Klantinteracties token, the Notificaties token).
//! `LocalEdge` starts it before `wrangler dev` and tells the worker about it with
//! `--var MUNICIPAL_API:...`, `--var MUNICIPAL_API_SECRET:...`, `--var KLANTINTERACTIES_API_TOKEN:...`
//! and `--var MUNICIPAL_NOTIFICATIONS_TOKEN:...`; dropping it stops it.

use crate::setup::Tools;
use crate::shell::say;
use crate::shell::{free_port, ServerProcess, SERVER_START_LIMIT};
use std::io::Read;

/// The zaaktype, roltype and statustype of the local configuration: catalogue URLs as a
/// municipality publishes them (never called; the zaak system only checks that it knows them).
const CATALOGI: &str = "https://catalogi.gemeente.example/catalogi/api/v1";
const ZAAKTYPE: &str = "zaaktypen/6c5e2c1e-8a4f-4e3b-9a55-2f6d1c0b7a10";
const ROLTYPE: &str = "roltypen/0f3b9f5e-1d2c-4b8a-9c7e-5a4d3b2c1e00";
const KLANTFOTO_STATUSTYPE: &str = "statustypen/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
const INSPANNINGSPAKKET_STATUSTYPE: &str = "statustypen/b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";
const RECHTMATIGHEIDSGESPREK_STATUSTYPE: &str = "statustypen/c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f";
const ROUTE_STATUSTYPE: &str = "statustypen/d4e5f6a7-b8c9-4d0e-9f2a-3b4c5d6e7f80";
/// The time limit per call: short, so that the test of a hung municipality is quick; long enough
/// for Prism on a busy machine.
const CALL_TIMEOUT_MS: u32 = 5_000;
const KLANTFOTO_INFORMATIEOBJECTTYPE: &str = "informatieobjecttypen/5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";

/// A running loopback municipality, stopped when dropped.
pub struct Municipality {
    pub zaken_port: u16,
    pub documenten_port: u16,
    pub klantinteracties_port: u16,
    pub control_port: u16,
    secret: String,
    klantinteracties_token: String,
    notifications_token: String,
    _process: ServerProcess,
}

impl Municipality {
    pub fn start(tools: &Tools) -> Result<Municipality, String> {
        let zaken_port = free_port()?;
        let documenten_port = free_port()?;
        let klantinteracties_port = free_port()?;
        let control_port = free_port()?;
        let secret = random_secret()?;
        let klantinteracties_token = random_secret()?;
        let notifications_token = random_secret()?;
        say(&format!(
            "Starting the loopback municipality (Prism + fake): Zaken API on 127.0.0.1:{zaken_port}, \
             Documenten API on {documenten_port}, Klantinteracties API on {klantinteracties_port}, \
             control {control_port}"
        ));
        let mut command = tools.command("node");
        command.arg(tools.root.join("tests/municipal/municipality.mjs")).args([
            "--prism-port",
            &zaken_port.to_string(),
            "--documenten-port",
            &documenten_port.to_string(),
            "--klantinteracties-port",
            &klantinteracties_port.to_string(),
            "--control-port",
            &control_port.to_string(),
            "--secret",
            &secret,
            "--klantinteracties-token",
            &klantinteracties_token,
            "--notifications-token",
            &notifications_token,
            "--zaaktype",
            &format!("{CATALOGI}/{ZAAKTYPE}"),
        ]);
        let mut process = ServerProcess::spawn(&mut command, true)
            .map_err(|e| format!("could not start the loopback municipality: {e}"))?;
        match process.wait_until_ok(control_port, "/state") {
            Ok(()) => Ok(Municipality {
                zaken_port,
                documenten_port,
                klantinteracties_port,
                control_port,
                secret,
                klantinteracties_token,
                notifications_token,
                _process: process,
            }),
            Err(Some(status)) => {
                Err(format!("the loopback municipality exited before it was ready ({status})"))
            }
            Err(None) => Err(format!(
                "the loopback municipality did not start within {} s",
                SERVER_START_LIMIT.as_secs()
            )),
        }
    }

    /// The worker's `MUNICIPAL_API` for this municipality: a statustype per milestone.
    pub fn worker_config_json(&self) -> String {
        let statustypes = format!(
            r#"{{"klantfoto_submitted":"{CATALOGI}/{KLANTFOTO_STATUSTYPE}","inspanningspakket_completed":"{CATALOGI}/{INSPANNINGSPAKKET_STATUSTYPE}","rechtmatigheidsgesprek_held":"{CATALOGI}/{RECHTMATIGHEIDSGESPREK_STATUSTYPE}","route_decided":"{CATALOGI}/{ROUTE_STATUSTYPE}"}}"#
        );
        format!(
            r#"{{"zaken_api":"http://127.0.0.1:{}","documenten_api":"http://127.0.0.1:{}","client_id":"naar-vermogen-local","organisation_rsin":"002220647","zaaktype":"{CATALOGI}/{ZAAKTYPE}","roltype_applicant":"{CATALOGI}/{ROLTYPE}","statustypes":{statustypes},"informatieobjecttype_klantfoto":"{CATALOGI}/{KLANTFOTO_INFORMATIEOBJECTTYPE}","call_timeout_ms":{CALL_TIMEOUT_MS},"klantinteracties":{{"api":"http://127.0.0.1:{}","kanaal_home_visit":"huisbezoek","kanaal_appointment":"balie"}}}}"#,
            self.zaken_port, self.documenten_port, self.klantinteracties_port
        )
    }

    /// The `--var` arguments that point the worker at this municipality.
    pub fn wrangler_vars(&self) -> [String; 8] {
        [
            "--var".into(),
            format!("MUNICIPAL_API:{}", self.worker_config_json()),
            "--var".into(),
            format!("MUNICIPAL_API_SECRET:{}", self.secret),
            "--var".into(),
            format!("KLANTINTERACTIES_API_TOKEN:{}", self.klantinteracties_token),
            "--var".into(),
            format!("MUNICIPAL_NOTIFICATIONS_TOKEN:{}", self.notifications_token),
        ]
    }

    pub fn control_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.control_port)
    }
}

/// 32 random bytes as hex, made up for this run only.
fn random_secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut file| file.read_exact(&mut bytes))
        .map_err(|e| format!("no random bytes for the local secret: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
