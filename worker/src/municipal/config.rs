//! The municipality this deployment syncs with, as data: the `MUNICIPAL_API` variable (JSON,
//! `wrangler.toml` or `--var`) and the `MUNICIPAL_API_SECRET` secret (`wrangler secret put`; in
//! local runs a `--var` made up at start). Empty `MUNICIPAL_API`: no municipal sync (nothing is
//! enqueued). A configuration that does not parse is reported by field, never by its content.

use serde::Deserialize;
use shared::municipal::Milestone;
use std::collections::BTreeMap;

/// Where and as whom the worker calls the municipality's ZGW APIs.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MunicipalApi {
    /// The Zaken API's root, e.g. `https://zaken.gemeente.nl/zaken/api/v1` (no trailing slash).
    pub zaken_api: String,
    /// The Documenten API's root, e.g. `https://documenten.gemeente.nl/documenten/api/v1`.
    pub documenten_api: String,
    /// Our client id at the municipality (the JWT's `iss` and `client_id`).
    pub client_id: String,
    /// The RSIN of the municipality (9 digits): `bronorganisatie` and `verantwoordelijkeOrganisatie`.
    pub organisation_rsin: String,
    /// The zaaktype of a benefit application (Catalogi API URL).
    pub zaaktype: String,
    /// The roltype of the applicant (Catalogi API URL).
    pub roltype_applicant: String,
    /// Milestone (`shared::municipal::Milestone` name) → statustype URL. A milestone without one is not sent.
    pub statustypes: BTreeMap<String, String>,
    /// The informatieobjecttype of a submitted klantfoto (Catalogi API URL).
    pub informatieobjecttype_klantfoto: String,
    /// The Klantinteracties API (Open Klant), where held appointments become klantcontacten;
    /// absent: no klantcontacten are sent.
    #[serde(default)]
    pub klantinteracties: Option<KlantinteractiesApi>,
    /// How long one call may take, answer included, before it is aborted and tried again later
    /// (milliseconds, 1,000 to 25,000; default 10,000). A hung municipality never holds a run
    /// longer than this per call.
    #[serde(default = "default_call_timeout_ms")]
    pub call_timeout_ms: u32,
}

fn default_call_timeout_ms() -> u32 {
    10_000
}

/// Where contact moments go: the Klantinteracties API's root and the *kanaal* (the channel through
/// which the contact happened, as the municipality names it) per kind of contact. Its token is the
/// secret `KLANTINTERACTIES_API_TOKEN`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KlantinteractiesApi {
    /// E.g. `https://klanten.gemeente.nl/klantinteracties/api/v1` (no trailing slash).
    pub api: String,
    /// The kanaal of a home visit (e.g. `huisbezoek`), at most 50 characters.
    pub kanaal_home_visit: String,
    /// The kanaal of any other appointment held (e.g. `balie`), at most 50 characters.
    pub kanaal_appointment: String,
}

/// The configuration with its secrets.
#[derive(Clone, Debug)]
pub struct Municipality {
    pub api: MunicipalApi,
    pub secret: String,
    /// The Klantinteracties API's token (`Authorization: Token …`), when that API is configured.
    pub klantinteracties_token: Option<String>,
}

/// Reads `MUNICIPAL_API` (empty: `Ok(None)`).
pub fn parse(text: &str) -> Result<Option<MunicipalApi>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let api: MunicipalApi = serde_json::from_str(text)
        .map_err(|e| format!("MUNICIPAL_API does not parse at column {}", e.column()))?;
    let klantinteracties = api.klantinteracties.as_ref().map(|k| ("klantinteracties.api", &k.api));
    let roots = [("zaken_api", &api.zaken_api), ("documenten_api", &api.documenten_api)];
    for (name, root) in roots.into_iter().chain(klantinteracties) {
        if !(root.starts_with("https://") || root.starts_with("http://127.0.0.1:")) {
            return Err(format!("MUNICIPAL_API.{name} must be https (or loopback http for local tests)"));
        }
        if root.ends_with('/') {
            return Err(format!("MUNICIPAL_API.{name} must not end with /"));
        }
    }
    if api.organisation_rsin.len() != 9 || !api.organisation_rsin.bytes().all(|b| b.is_ascii_digit()) {
        return Err("MUNICIPAL_API.organisation_rsin must be 9 digits".into());
    }
    if let Some(k) = &api.klantinteracties {
        for (name, kanaal) in
            [("kanaal_home_visit", &k.kanaal_home_visit), ("kanaal_appointment", &k.kanaal_appointment)]
        {
            if kanaal.trim().is_empty() || kanaal.chars().count() > 50 {
                return Err(format!("MUNICIPAL_API.klantinteracties.{name} must be 1 to 50 characters"));
            }
        }
    }
    if let Some(unknown) = api.statustypes.keys().find(|name| Milestone::parse(name).is_none()) {
        let known: Vec<&str> = Milestone::ALL.iter().map(|milestone| milestone.as_str()).collect();
        return Err(format!(
            "MUNICIPAL_API.statustypes names an unknown milestone {unknown:?}; the milestones are {}",
            known.join(", ")
        ));
    }
    if !(1_000..=25_000).contains(&api.call_timeout_ms) {
        return Err("MUNICIPAL_API.call_timeout_ms must be between 1000 and 25000".into());
    }
    if api.client_id.is_empty() {
        return Err("MUNICIPAL_API.client_id is empty".into());
    }
    Ok(Some(api))
}

/// Whether municipal sync is on (`MUNICIPAL_API` is not empty). Pushes enqueue calls when it is,
/// even if the configuration is broken: delivery then waits (and says why in the log) until it is
/// fixed, and nothing is lost meanwhile.
pub fn is_on(env: &worker::Env) -> bool {
    env.var("MUNICIPAL_API").is_ok_and(|v| !v.to_string().trim().is_empty())
}

/// Whether held appointments are passed on as klantcontacten (`MUNICIPAL_API.klantinteracties` is
/// set). Pushes enqueue no klantcontact otherwise: such a row could only be parked, and a parked row
/// holds up the client's later calls.
pub fn klantinteracties_is_on(env: &worker::Env) -> bool {
    let text = env.var("MUNICIPAL_API").map(|v| v.to_string()).unwrap_or_default();
    parse(&text).is_ok_and(|api| api.is_some_and(|api| api.klantinteracties.is_some()))
}

/// The deployment's municipality, or `None` when municipal sync is off.
pub fn from_env(env: &worker::Env) -> Result<Option<Municipality>, crate::failure::Failure> {
    let text = env.var("MUNICIPAL_API").map(|v| v.to_string()).unwrap_or_default();
    let Some(api) = parse(&text).map_err(|_| crate::failure::Failure::misconfigured("MUNICIPAL_API"))? else {
        return Ok(None);
    };
    let secret = env
        .secret("MUNICIPAL_API_SECRET")
        .map(|s| s.to_string())
        .map_err(|_| crate::failure::Failure::misconfigured("MUNICIPAL_API_SECRET missing"))?;
    if secret.len() < 16 {
        return Err(crate::failure::Failure::misconfigured("MUNICIPAL_API_SECRET shorter than 16"));
    }
    let klantinteracties_token = match &api.klantinteracties {
        None => None,
        Some(_) => Some(
            env.secret("KLANTINTERACTIES_API_TOKEN")
                .map(|s| s.to_string())
                .ok()
                .filter(|token| token.len() >= 16)
                .ok_or_else(|| {
                    crate::failure::Failure::misconfigured("KLANTINTERACTIES_API_TOKEN missing or short")
                })?,
        ),
    };
    Ok(Some(Municipality { api, secret, klantinteracties_token }))
}

#[cfg(test)]
mod tests {
    use super::parse;

    const GOOD: &str = r#"{"zaken_api":"https://zaken.example.nl/zaken/api/v1",
        "documenten_api":"https://documenten.example.nl/documenten/api/v1","client_id":"naar-vermogen",
        "organisation_rsin":"002220647","zaaktype":"https://c.example.nl/zaaktypen/1",
        "roltype_applicant":"https://c.example.nl/roltypen/1",
        "statustypes":{"klantfoto_submitted":"https://c.example.nl/statustypen/1"},
        "informatieobjecttype_klantfoto":"https://c.example.nl/informatieobjecttypen/1"}"#;

    #[test]
    fn an_empty_variable_means_no_municipal_sync() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("  ").unwrap(), None);
    }

    #[test]
    fn a_complete_configuration_is_read() {
        let api = parse(GOOD).unwrap().unwrap();
        assert_eq!(api.organisation_rsin, "002220647");
        assert_eq!(api.statustypes.len(), 1);
        assert_eq!(api.call_timeout_ms, 10_000, "ten seconds per call unless configured");
    }

    #[test]
    fn the_klantinteracties_api_is_optional_and_checked_when_given() {
        assert_eq!(parse(GOOD).unwrap().unwrap().klantinteracties, None);
        let with = GOOD.replacen(
            '{',
            r#"{"klantinteracties":{"api":"https://klanten.example.nl/klantinteracties/api/v1",
                "kanaal_home_visit":"huisbezoek","kanaal_appointment":"balie"},"#,
            1,
        );
        assert_eq!(parse(&with).unwrap().unwrap().klantinteracties.unwrap().kanaal_home_visit, "huisbezoek");
        assert!(parse(&with.replace("https://klanten", "http://klanten"))
            .unwrap_err()
            .contains("klantinteracties.api"));
        assert!(parse(&with.replace("\"balie\"", "\"\"")).unwrap_err().contains("kanaal_appointment"));
    }

    #[test]
    fn bad_configurations_are_refused_by_field() {
        assert!(parse(&GOOD.replace("https://zaken", "http://zaken")).unwrap_err().contains("zaken_api"));
        assert!(parse(&GOOD.replace("002220647", "2220647")).unwrap_err().contains("organisation_rsin"));
        assert!(parse(&GOOD.replace("\"client_id\"", "\"clientid\"")).is_err());
        assert!(parse(&GOOD.replace("zaken/api/v1\"", "zaken/api/v1/\"")).is_err());
        assert!(parse(&GOOD.replace("https://documenten", "http://documenten"))
            .unwrap_err()
            .contains("documenten_api"));
        let timeout = |ms: &str| {
            parse(&GOOD.replace("\"client_id\"", &format!("\"call_timeout_ms\":{ms},\"client_id\"")))
        };
        assert_eq!(timeout("3000").unwrap().unwrap().call_timeout_ms, 3000);
        assert!(timeout("0").unwrap_err().contains("call_timeout_ms"), "no time limit is no option");
        assert!(timeout("60000").unwrap_err().contains("call_timeout_ms"));
        let typo = parse(&GOOD.replace("\"klantfoto_submitted\"", "\"klantfoto_submited\""));
        assert!(
            typo.unwrap_err().contains("unknown milestone \"klantfoto_submited\""),
            "a typo is never silently unused"
        );
    }
}
