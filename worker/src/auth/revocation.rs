//! Whether a verified access token was revoked at logout: pure functions of the token's ids, the
//! revocations stored for them and the time. No I/O (the deny list in D1 is `deny_list.rs`), no
//! clock: unit-tested natively.
//!
//! - A logout revokes the token's **login session** at the identity provider (its `sid` claim,
//!   which brokers such as Keycloak put in access tokens and OpenID Connect back-channel logout
//!   names), so that every token of that session ends at once, also one refreshed meanwhile in
//!   another tab; a token without `sid` is revoked by **its own id** (`jti`, which RFC 9068 asks of
//!   every JWT access token).
//! - A token with neither (or with ids longer than [`MAX_ID_CHARS`]) is refused ([`TokenIds::of`]
//!   gives `None`): logout could not end its access, so accepting it would let it outlive logout.
//! - A revocation lasts until every token it revokes has expired ([`TokenIds::revocation`]), and
//!   then revokes nothing, whether or not its row was deleted yet.

use super::token::LEEWAY_SECONDS;
use serde::Deserialize;

/// Longer ids are not stored (and a token carrying only such ids is refused).
pub const MAX_ID_CHARS: usize = 255;

/// What a revocation names: a login session or one token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Kind {
    #[serde(rename = "sid")]
    Session,
    #[serde(rename = "jti")]
    Token,
}

impl Kind {
    /// As stored (`token_revocations.kind`): the claim's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Session => "sid",
            Kind::Token => "jti",
        }
    }
}

/// The claims of a verified token that revocation reads (`exp` is there: `verify` checked it).
#[derive(Deserialize)]
pub struct RevocationClaims {
    sid: Option<String>,
    jti: Option<String>,
    iat: Option<i64>,
    exp: i64,
}

/// What a verified token can be revoked by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenIds {
    pub issuer: String,
    /// `sid`: the login session at the provider.
    pub session: Option<String>,
    /// `jti`: this token.
    pub token: Option<String>,
    /// What a logout with this token revokes: the session if it names one, else the token.
    revoked_by: (Kind, String),
    issued_at: Option<i64>,
    expires_at: i64,
}

/// One revocation, as stored in `token_revocations`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Revocation {
    pub issuer: String,
    pub kind: Kind,
    pub token_id: String,
    /// Seconds since 1970: after this, every token it revokes has expired.
    pub expires_at: i64,
}

impl TokenIds {
    /// The ids of a token that `verify` accepted from `issuer`; `None` when it has no usable id
    /// (then the token is refused).
    pub fn of(issuer: &str, claims: RevocationClaims) -> Option<TokenIds> {
        let usable =
            |id: Option<String>| id.filter(|id| !id.is_empty() && id.chars().count() <= MAX_ID_CHARS);
        let (session, token) = (usable(claims.sid), usable(claims.jti));
        let revoked_by = match (&session, &token) {
            (Some(session), _) => (Kind::Session, session.clone()),
            (None, Some(token)) => (Kind::Token, token.clone()),
            (None, None) => return None,
        };
        Some(TokenIds {
            issuer: issuer.to_owned(),
            session,
            token,
            revoked_by,
            issued_at: claims.iat,
            expires_at: claims.exp,
        })
    }

    /// What a logout with this token stores at time `now`: its session if it names one, else the
    /// token. A token revocation lasts until the token expires; a session revocation until every
    /// token of the session made up to now has expired: now plus one token lifetime (the
    /// provider gives each the lifetime of this one, `exp - iat`), at least until this one expires.
    /// Both with the clock leeway that `verify` allows.
    pub fn revocation(&self, now: i64) -> Revocation {
        let (kind, token_id) = self.revoked_by.clone();
        let until = match kind {
            Kind::Session => {
                let lifetime =
                    self.issued_at.map_or(0, |issued| self.expires_at.saturating_sub(issued).max(0));
                self.expires_at.max(now.saturating_add(lifetime))
            }
            Kind::Token => self.expires_at,
        };
        Revocation {
            issuer: self.issuer.clone(),
            kind,
            token_id,
            expires_at: until.saturating_add(LEEWAY_SECONDS),
        }
    }
}

/// Whether the token with `ids` is revoked at time `now` by one of `stored` (which may hold other
/// issuers' and expired revocations: they revoke nothing).
pub fn is_revoked(ids: &TokenIds, stored: &[Revocation], now: i64) -> bool {
    stored.iter().any(|revocation| {
        let named = match revocation.kind {
            Kind::Session => ids.session.as_deref(),
            Kind::Token => ids.token.as_deref(),
        };
        revocation.issuer == ids.issuer
            && named == Some(revocation.token_id.as_str())
            && revocation.expires_at >= now
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;
    const ISSUER: &str = "https://idp.gemeente.example";

    fn ids(claims: serde_json::Value) -> Option<TokenIds> {
        TokenIds::of(ISSUER, serde_json::from_value(claims).unwrap())
    }

    /// A token of session `s1` with id `t1`, made 5 minutes ago with a lifetime of 15 minutes.
    fn token() -> TokenIds {
        ids(json!({ "sid": "s1", "jti": "t1", "iat": NOW - 300, "exp": NOW + 600 })).unwrap()
    }

    #[test]
    fn a_token_without_a_session_or_token_id_cannot_be_revoked_and_is_refused() {
        for claims in [
            json!({ "exp": NOW }),
            json!({ "sid": "", "jti": "", "exp": NOW }),
            json!({ "jti": "x".repeat(MAX_ID_CHARS + 1), "exp": NOW }),
        ] {
            assert_eq!(ids(claims.clone()), None, "{claims}");
        }
        assert!(ids(json!({ "jti": "x".repeat(MAX_ID_CHARS), "exp": NOW })).is_some());
        assert!(ids(json!({ "sid": "s1", "exp": NOW })).is_some());
    }

    #[test]
    fn logout_revokes_the_session_when_the_token_names_one_else_the_token() {
        let by_session = token().revocation(NOW);
        assert_eq!((by_session.kind, by_session.token_id.as_str()), (Kind::Session, "s1"));
        let by_token = ids(json!({ "jti": "t1", "exp": NOW + 600 })).unwrap().revocation(NOW);
        assert_eq!((by_token.kind, by_token.token_id.as_str()), (Kind::Token, "t1"));
        assert_eq!(by_token.issuer, ISSUER);
    }

    #[test]
    fn a_revocation_lasts_until_the_tokens_it_revokes_have_expired() {
        let by_token = ids(json!({ "jti": "t1", "exp": NOW + 600 })).unwrap().revocation(NOW);
        assert_eq!(by_token.expires_at, NOW + 600 + LEEWAY_SECONDS);
        // A token of the session made just before logout lives one lifetime (15 minutes) from now.
        assert_eq!(token().revocation(NOW).expires_at, NOW + 900 + LEEWAY_SECONDS);
        // Without `iat`, at least as long as the token presented.
        let no_iat = ids(json!({ "sid": "s1", "exp": NOW + 600 })).unwrap();
        assert_eq!(no_iat.revocation(NOW).expires_at, NOW + 600 + LEEWAY_SECONDS);
    }

    #[test]
    fn every_token_of_a_revoked_session_is_revoked_and_no_other() {
        let revoked = [token().revocation(NOW)];
        assert!(is_revoked(&token(), &revoked, NOW));
        let refreshed = ids(json!({ "sid": "s1", "jti": "t2", "iat": NOW, "exp": NOW + 900 })).unwrap();
        assert!(is_revoked(&refreshed, &revoked, NOW + 60), "a later token of the same session");
        let other_session = ids(json!({ "sid": "s2", "jti": "t1", "exp": NOW + 900 })).unwrap();
        assert!(!is_revoked(&other_session, &revoked, NOW), "the session's id is not a token id");
        let other_issuer = TokenIds { issuer: "https://digid.example".into(), ..token() };
        assert!(!is_revoked(&other_issuer, &revoked, NOW));
    }

    #[test]
    fn a_revoked_token_id_revokes_that_token_only() {
        let revoked = [ids(json!({ "jti": "t1", "exp": NOW + 600 })).unwrap().revocation(NOW)];
        assert!(is_revoked(&token(), &revoked, NOW), "the same jti, whatever its session");
        let other = ids(json!({ "sid": "s1", "jti": "t2", "exp": NOW + 600 })).unwrap();
        assert!(!is_revoked(&other, &revoked, NOW));
    }

    #[test]
    fn an_expired_revocation_revokes_nothing_and_none_stored_means_not_revoked() {
        let revocation = token().revocation(NOW);
        let until = revocation.expires_at;
        assert!(is_revoked(&token(), std::slice::from_ref(&revocation), until));
        assert!(!is_revoked(&token(), &[revocation], until + 1));
        assert!(!is_revoked(&token(), &[], NOW));
    }

    #[test]
    fn stored_rows_read_back_by_their_claim_names() {
        let row: Revocation = serde_json::from_value(
            json!({ "issuer": ISSUER, "kind": "sid", "token_id": "s1", "expires_at": NOW }),
        )
        .unwrap();
        assert_eq!(row.kind, Kind::Session);
        assert_eq!(Kind::Session.as_str(), "sid");
        assert_eq!(Kind::Token.as_str(), "jti");
        assert!(serde_json::from_value::<Revocation>(
            json!({ "issuer": ISSUER, "kind": "sub", "token_id": "s1", "expires_at": NOW })
        )
        .is_err());
    }
}
