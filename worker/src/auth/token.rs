//! Verifying an access token: a pure function of the token, the issuer's keys, what we trust
//! of that issuer, and the time. No I/O, no clock: unit-tested natively (`cargo test -p
//! naar-vermogen-worker`).
//!
//! Accepted is exactly: a compact JWS with `alg` ES256 and a `kid` found in the issuer's JWK set,
//! a valid P-256 signature, `iss` equal to the trusted issuer, `aud` containing its audience,
//! `exp` not passed and `nbf`/`iat` not in the future (each with at most [`LEEWAY_SECONDS`]), a
//! subject, and a `role` that is a known [`Role`] this issuer may grant. Everything else is refused.

use super::issuers::TrustedIssuer;
use super::keys::Jwks;
use base64ct::{Base64UrlUnpadded, Encoding};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::Signature;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use shared::role::Role;
use shared::sync::record::is_team_id;

/// How far the clocks of the issuer and the worker may differ.
pub const LEEWAY_SECONDS: i64 = 60;
/// Longer "tokens" are refused before any decoding.
const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// Who is calling, as a verified token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub subject: String,
    pub role: Role,
    pub issuer: String,
    /// The team a staff member works in (the `team` claim, from the municipality's identity
    /// provider); `None` for clients.
    pub team_id: Option<String>,
}

/// Why a token is refused. Only the kind is ever logged, never the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts of JSON, or too long.
    Malformed,
    /// `alg` is not ES256 (`none`, HS256, RS256, ...), or the header asks for extensions (`crit`).
    UnsupportedAlgorithm,
    /// No usable key with this `kid` in the issuer's JWK set (after one refetch: refused).
    UnknownKey,
    BadSignature,
    Expired,
    NotYetValid,
    UntrustedIssuer,
    WrongAudience,
    MissingSubject,
    /// The `role` claim is missing or not one of the five roles.
    UnknownRole,
    /// A known role that this issuer may not grant (a DigiD token saying `consulent`).
    RoleNotAllowed,
}

impl TokenError {
    pub fn kind(self) -> &'static str {
        match self {
            TokenError::Malformed => "malformed",
            TokenError::UnsupportedAlgorithm => "unsupported_algorithm",
            TokenError::UnknownKey => "unknown_key",
            TokenError::BadSignature => "bad_signature",
            TokenError::Expired => "expired",
            TokenError::NotYetValid => "not_yet_valid",
            TokenError::UntrustedIssuer => "untrusted_issuer",
            TokenError::WrongAudience => "wrong_audience",
            TokenError::MissingSubject => "missing_subject",
            TokenError::UnknownRole => "unknown_role",
            TokenError::RoleNotAllowed => "role_not_allowed",
        }
    }
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
    crit: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<Audience>,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    role: Option<String>,
    team: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, wanted: &str) -> bool {
        match self {
            Audience::One(audience) => audience == wanted,
            Audience::Many(audiences) => audiences.iter().any(|audience| audience == wanted),
        }
    }
}

struct Parts<'a> {
    signed: &'a str,
    header: &'a str,
    payload: &'a str,
    signature: &'a str,
}

fn split(token: &str) -> Result<Parts<'_>, TokenError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::Malformed);
    }
    let mut pieces = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (pieces.next(), pieces.next(), pieces.next(), pieces.next())
    else {
        return Err(TokenError::Malformed);
    };
    let signed = &token[..header.len() + 1 + payload.len()];
    Ok(Parts { signed, header, payload, signature })
}

fn decode_json<T: DeserializeOwned>(part: &str) -> Result<T, TokenError> {
    let bytes = Base64UrlUnpadded::decode_vec(part).map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| TokenError::Malformed)
}

/// The `iss` a token claims, read *without* checking anything: only to pick which trusted
/// issuer's keys to verify it with. Never use it for anything else.
pub fn claimed_issuer(token: &str) -> Result<String, TokenError> {
    let claims: Claims = decode_json(split(token)?.payload)?;
    claims.iss.ok_or(TokenError::UntrustedIssuer)
}

/// The claims of a token that [`verify`] accepted, read again as `T`, for what [`Actor`] does not
/// hold (its ids for revocation, `auth::revocation`). Never for a token `verify` did not accept.
pub fn verified_claims<T: DeserializeOwned>(token: &str) -> Result<T, TokenError> {
    decode_json(split(token)?.payload)
}

/// Verifies `token` against the keys and the configuration of one trusted issuer at time `now`
/// (seconds since 1970). The signature is checked before any claim is believed.
pub fn verify(token: &str, jwks: &Jwks, trusted: &TrustedIssuer, now: i64) -> Result<Actor, TokenError> {
    let parts = split(token)?;
    let header: Header = decode_json(parts.header)?;
    if header.alg != "ES256" || header.crit.is_some() {
        return Err(TokenError::UnsupportedAlgorithm);
    }
    let key = header.kid.as_deref().and_then(|kid| jwks.es256_key(kid)).ok_or(TokenError::UnknownKey)?;
    let signature_bytes =
        Base64UrlUnpadded::decode_vec(parts.signature).map_err(|_| TokenError::BadSignature)?;
    let signature = Signature::from_slice(&signature_bytes).map_err(|_| TokenError::BadSignature)?;
    key.verify(parts.signed.as_bytes(), &signature).map_err(|_| TokenError::BadSignature)?;

    let claims: Claims = decode_json(parts.payload)?;
    if claims.iss.as_deref() != Some(trusted.issuer.as_str()) {
        return Err(TokenError::UntrustedIssuer);
    }
    if !claims.aud.is_some_and(|aud| aud.contains(&trusted.audience)) {
        return Err(TokenError::WrongAudience);
    }
    let expires = claims.exp.ok_or(TokenError::Expired)?;
    if now > expires.saturating_add(LEEWAY_SECONDS) {
        return Err(TokenError::Expired);
    }
    let earliest = [claims.nbf, claims.iat].into_iter().flatten().max();
    if earliest.is_some_and(|earliest| earliest > now.saturating_add(LEEWAY_SECONDS)) {
        return Err(TokenError::NotYetValid);
    }
    let subject = claims.sub.filter(|sub| !sub.is_empty()).ok_or(TokenError::MissingSubject)?;
    let role = claims.role.as_deref().and_then(Role::parse).ok_or(TokenError::UnknownRole)?;
    if !trusted.may_grant(role) {
        return Err(TokenError::RoleNotAllowed);
    }
    let team_id = match claims.team {
        Some(team) if is_team_id(&team) && role.is_staff() => Some(team),
        Some(_) => return Err(TokenError::Malformed),
        None => None,
    };
    Ok(Actor { subject, role, issuer: trusted.issuer.clone(), team_id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Signer;
    use p256::ecdsa::SigningKey;
    use serde_json::{json, Value};
    use shared::text::Explanation;

    const NOW: i64 = 1_800_000_000;
    const ISSUER: &str = "https://idp.gemeente.example";
    const AUDIENCE: &str = "urn:naar-vermogen:api";

    fn signing_key(seed: u8) -> SigningKey {
        SigningKey::from_slice(&[seed; 32]).unwrap()
    }

    fn jwks_of(key: &SigningKey, kid: &str) -> Jwks {
        let point = key.verifying_key().to_encoded_point(false);
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "kid": kid, "alg": "ES256", "use": "sig",
            "x": Base64UrlUnpadded::encode_string(point.x().unwrap()),
            "y": Base64UrlUnpadded::encode_string(point.y().unwrap()),
        });
        serde_json::from_value(
            json!({ "keys": [jwk, { "kty": "RSA", "kid": "rsa", "n": "AQAB", "e": "AQAB" }] }),
        )
        .unwrap()
    }

    fn staff_idp() -> TrustedIssuer {
        TrustedIssuer {
            issuer: ISSUER.to_owned(),
            audience: AUDIENCE.to_owned(),
            roles: vec![Role::OutreachWorker, Role::Trainer, Role::Consulent, Role::PolicyMaker],
            client_id: "naar-vermogen-app".to_owned(),
            scope: "openid api".to_owned(),
            label: Explanation::new("Inloggen", "Log in"),
        }
    }

    fn claims() -> Value {
        json!({ "iss": ISSUER, "sub": "consulent-sanne", "aud": AUDIENCE, "iat": NOW - 10, "exp": NOW + 900, "role": "consulent" })
    }

    fn b64(value: &Value) -> String {
        Base64UrlUnpadded::encode_string(value.to_string().as_bytes())
    }

    fn sign(header: Value, claims: Value, key: &SigningKey) -> String {
        let signed = format!("{}.{}", b64(&header), b64(&claims));
        let signature: Signature = key.sign(signed.as_bytes());
        format!("{signed}.{}", Base64UrlUnpadded::encode_string(&signature.to_bytes()))
    }

    fn es256(claims: Value) -> String {
        sign(json!({ "alg": "ES256", "kid": "k1", "typ": "at+jwt" }), claims, &signing_key(7))
    }

    fn check(token: &str) -> Result<Actor, TokenError> {
        verify(token, &jwks_of(&signing_key(7), "k1"), &staff_idp(), NOW)
    }

    fn with(changes: Value) -> Value {
        let mut claims = claims();
        for (name, value) in changes.as_object().unwrap() {
            if value.is_null() {
                claims.as_object_mut().unwrap().remove(name);
            } else {
                claims[name] = value.clone();
            }
        }
        claims
    }

    #[test]
    fn a_genuine_token_gives_the_actor() {
        let actor = check(&es256(claims())).unwrap();
        assert_eq!(
            actor,
            Actor {
                subject: "consulent-sanne".into(),
                role: Role::Consulent,
                issuer: ISSUER.into(),
                team_id: None
            }
        );
        assert_eq!(claimed_issuer(&es256(claims())).unwrap(), ISSUER);
        let listed_audience = with(json!({ "aud": ["other", AUDIENCE] }));
        assert!(check(&es256(listed_audience)).is_ok());
    }

    #[test]
    fn a_staff_member_brings_their_team_and_a_bad_team_claim_is_refused() {
        let actor = check(&es256(with(json!({ "team": "team-noord" })))).unwrap();
        assert_eq!(actor.team_id.as_deref(), Some("team-noord"));
        for bad in [json!(""), json!("team noord"), json!("x".repeat(65)), json!(7)] {
            assert!(check(&es256(with(json!({ "team": bad })))).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_token_signed_with_another_key_is_forged() {
        let forged = sign(json!({ "alg": "ES256", "kid": "k1" }), claims(), &signing_key(8));
        assert_eq!(check(&forged), Err(TokenError::BadSignature));
    }

    #[test]
    fn changing_any_claim_after_signing_breaks_the_signature() {
        let token = es256(claims());
        let parts: Vec<&str> = token.split('.').collect();
        let promoted = b64(&with(json!({ "role": "policy_maker" })));
        assert_eq!(check(&format!("{}.{promoted}.{}", parts[0], parts[2])), Err(TokenError::BadSignature));
        assert_eq!(check(&format!("{}.{}.", parts[0], parts[1])), Err(TokenError::BadSignature));
    }

    /// A signature's high-S twin (s → n − s) verifies too: ECDSA allows both, and signers built on
    /// OpenSSL or WebCrypto (node's `jose` in the demo provider, Keycloak) make either at random, so
    /// refusing one form would refuse about half of all genuine tokens. It is harmless because
    /// nothing here keys on a token's text: the actor and the revocation ids (`sid`, `jti`:
    /// `revocation.rs`) come from the claims, which the twin shares.
    #[test]
    fn a_signatures_high_s_twin_is_the_same_token_to_us() {
        let token = es256(with(json!({ "sid": "session-1", "jti": "token-1" })));
        let (signed, signature) = token.rsplit_once('.').unwrap();
        let signature = Signature::from_slice(&Base64UrlUnpadded::decode_vec(signature).unwrap()).unwrap();
        let (r, s) = signature.split_scalars();
        let twin = Signature::from_scalars(r, -s).unwrap();
        let twin_token = format!("{signed}.{}", Base64UrlUnpadded::encode_string(&twin.to_bytes()));
        assert_ne!(twin_token, token);
        assert_eq!(check(&twin_token), check(&token));
        assert!(check(&token).is_ok());
        let ids = |token: &str| {
            verified_claims::<Value>(token).map(|claims| (claims["sid"].clone(), claims["jti"].clone()))
        };
        assert_eq!(ids(&twin_token), ids(&token), "revoking one revokes both");
    }

    #[test]
    fn only_es256_is_accepted() {
        for alg in ["none", "HS256", "RS256", "ES384", "es256"] {
            let token = sign(json!({ "alg": alg, "kid": "k1" }), claims(), &signing_key(7));
            assert_eq!(check(&token), Err(TokenError::UnsupportedAlgorithm), "{alg}");
        }
        let unsigned = format!("{}.{}.", b64(&json!({ "alg": "none" })), b64(&claims()));
        assert_eq!(check(&unsigned), Err(TokenError::UnsupportedAlgorithm));
        let critical =
            sign(json!({ "alg": "ES256", "kid": "k1", "crit": ["b64"] }), claims(), &signing_key(7));
        assert_eq!(check(&critical), Err(TokenError::UnsupportedAlgorithm));
    }

    #[test]
    fn the_key_is_found_by_kid_only() {
        let key = signing_key(7);
        for header in [
            json!({ "alg": "ES256" }),
            json!({ "alg": "ES256", "kid": "k2" }),
            json!({ "alg": "ES256", "kid": "rsa" }),
        ] {
            assert_eq!(check(&sign(header, claims(), &key)), Err(TokenError::UnknownKey));
        }
    }

    #[test]
    fn time_is_checked_with_at_most_a_minute_of_leeway() {
        let at = |exp: i64| check(&es256(with(json!({ "exp": exp }))));
        assert!(at(NOW - 60).is_ok());
        assert_eq!(at(NOW - 61), Err(TokenError::Expired));
        assert_eq!(check(&es256(with(json!({ "exp": null })))), Err(TokenError::Expired));
        assert!(check(&es256(with(json!({ "nbf": NOW + 60 })))).is_ok());
        assert_eq!(check(&es256(with(json!({ "nbf": NOW + 61 })))), Err(TokenError::NotYetValid));
        assert_eq!(check(&es256(with(json!({ "iat": NOW + 61 })))), Err(TokenError::NotYetValid));
    }

    #[test]
    fn issuer_audience_subject_and_role_must_all_fit() {
        let refused = [
            (json!({ "iss": "https://idp.gemeente.example/" }), TokenError::UntrustedIssuer),
            (json!({ "iss": null }), TokenError::UntrustedIssuer),
            (json!({ "aud": "naar-vermogen-app" }), TokenError::WrongAudience),
            (json!({ "aud": null }), TokenError::WrongAudience),
            (json!({ "sub": "" }), TokenError::MissingSubject),
            (json!({ "role": "admin" }), TokenError::UnknownRole),
            (json!({ "role": null }), TokenError::UnknownRole),
            (json!({ "role": "client" }), TokenError::RoleNotAllowed),
        ];
        for (change, error) in refused {
            assert_eq!(check(&es256(with(change.clone()))), Err(error), "{change}");
        }
    }

    #[test]
    fn garbage_is_malformed() {
        for token in ["", "abc", "a.b", "a.b.c.d", "!!.??.##", &"a".repeat(9000)] {
            assert_eq!(check(token), Err(TokenError::Malformed), "{token}");
        }
    }
}
