//! The identity providers the worker trusts, read from the `OIDC_ISSUERS` variable (JSON).
//!
//! Each entry names the exact issuer, the audience its access tokens must carry for this API,
//! and the roles it may grant: in production the DigiD broker grants only `client` and the
//! municipality's identity provider only staff roles, so neither can make the other kind of
//! person. A token from any other issuer is refused before anything is fetched for it.

use serde::Deserialize;
use shared::role::Role;
use shared::text::Explanation;

/// The name of the variable in `wrangler.toml` (`[vars]`, `[env.production.vars]`) or `--var`.
pub const VARIABLE: &str = "OIDC_ISSUERS";

/// One trusted identity provider.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    /// Compared byte for byte with the token's `iss` (and with the discovery document's).
    pub issuer: String,
    /// The access token's `aud` must contain this; also the resource indicator the app asks for.
    pub audience: String,
    /// The roles this issuer may put in a token; any other role is refused.
    pub roles: Vec<Role>,
    /// The app's public client id at this issuer (for `GET /api/v1/auth/config`).
    pub client_id: String,
    /// The scopes the app asks for, space separated.
    #[serde(default = "default_scope")]
    pub scope: String,
    /// The text of the login button.
    pub label: Explanation,
}

fn default_scope() -> String {
    "openid".to_owned()
}

impl TrustedIssuer {
    pub fn may_grant(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Reads and checks the list. An unusable list is a configuration error: the worker then
/// refuses every token (it never falls back to trusting anything).
pub fn parse_trusted_issuers(json: &str) -> Result<Vec<TrustedIssuer>, String> {
    let issuers: Vec<TrustedIssuer> =
        serde_json::from_str(json).map_err(|e| format!("{VARIABLE} is not a valid list: {e}"))?;
    for (index, trusted) in issuers.iter().enumerate() {
        if !is_acceptable_issuer_url(&trusted.issuer) {
            return Err(format!(
                "{VARIABLE}[{index}]: the issuer must be an https URL (http only on 127.0.0.1 or localhost)"
            ));
        }
        if trusted.audience.is_empty() || trusted.client_id.is_empty() {
            return Err(format!("{VARIABLE}[{index}]: audience and client_id must not be empty"));
        }
        if trusted.roles.is_empty() {
            return Err(format!("{VARIABLE}[{index}]: an issuer that may grant no role is useless"));
        }
        if issuers[..index].iter().any(|earlier| earlier.issuer == trusted.issuer) {
            return Err(format!("{VARIABLE}[{index}]: the issuer appears twice"));
        }
    }
    Ok(issuers)
}

fn is_acceptable_issuer_url(url: &str) -> bool {
    let loopback = ["http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/"];
    let rest = url
        .strip_prefix("https://")
        .or_else(|| loopback.iter().any(|prefix| url.starts_with(prefix)).then(|| &url["http://".len()..]));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(issuer: &str, roles: &str) -> String {
        format!(
            r#"{{"issuer":"{issuer}","audience":"urn:naar-vermogen:api","roles":{roles},"client_id":"app",
                "label":{{"nl":"Inloggen","en":"Log in"}}}}"#
        )
    }

    #[test]
    fn a_broker_for_clients_and_an_idp_for_staff_are_read_with_their_roles() {
        let json = format!(
            "[{},{}]",
            entry("https://digid-broker.example", r#"["client"]"#),
            entry(
                "https://idp.gemeente.example",
                r#"["outreach_worker","trainer","consulent","policy_maker"]"#
            )
        );
        let issuers = parse_trusted_issuers(&json).unwrap();
        assert!(issuers[0].may_grant(Role::Client));
        assert!(!issuers[0].may_grant(Role::Consulent));
        assert!(!issuers[1].may_grant(Role::Client));
        assert_eq!(issuers[1].scope, "openid");
    }

    #[test]
    fn unsafe_or_sloppy_lists_are_refused() {
        let refused = [
            format!("[{}]", entry("http://idp.example", r#"["client"]"#)),
            format!("[{}]", entry("https://", r#"["client"]"#)),
            format!("[{}]", entry("https://idp.example", r#"[]"#)),
            format!("[{}]", entry("https://idp.example", r#"["admin"]"#)),
            format!("[{0},{0}]", entry("https://idp.example", r#"["client"]"#)),
            r#"[{"issuer":"https://idp.example"}]"#.to_owned(),
            "not json".to_owned(),
        ];
        for json in refused {
            assert!(parse_trusted_issuers(&json).is_err(), "accepted: {json}");
        }
        assert!(
            parse_trusted_issuers(&format!("[{}]", entry("http://127.0.0.1:9100", r#"["client"]"#))).is_ok()
        );
    }
}
