//! Who is calling: OpenID Connect access tokens, verified at the edge.
//!
//! - `issuers`: which identity providers are trusted, for which roles (configuration).
//! - `keys`: an issuer's JWK set and the one key type accepted (P-256, ES256).
//! - `token`: the pure verification of one token → [`Actor`] or a [`TokenError`].
//! - `discovery`: fetching and caching each trusted issuer's metadata and keys.
//! - `revocation`: the pure decision whether a verified token was revoked at logout (by its login
//!   session `sid`, else its `jti`); a token with neither is refused, as logout could not end it.
//! - `deny_list`: the revocations in D1, read on every authenticated request, written at logout.
//!
//! [`authenticate`] puts them together for a request with `Authorization: Bearer <token>`: the
//! token is verified first (no storage is read for a token that is not genuine), then looked up
//! in the deny list. There is no other way in: no test switch, no default user.

pub mod deny_list;
pub mod discovery;
pub mod issuers;
pub mod keys;
pub mod revocation;
pub mod token;

use crate::failure::Failure;
use issuers::{parse_trusted_issuers, TrustedIssuer, VARIABLE};
use revocation::TokenIds;
use shared::api::ApiError;
use shared::text::Explanation;
pub use token::{Actor, TokenError};
use worker::{Date, Env, Request};

/// The trusted issuers from the environment. Missing or broken configuration is a server error
/// (logged without content), and no token is accepted.
pub fn trusted_issuers(env: &Env) -> Result<Vec<TrustedIssuer>, Failure> {
    let json = env.var(VARIABLE).map(|var| var.to_string()).unwrap_or_default();
    parse_trusted_issuers(&json).map_err(|_| Failure::misconfigured("auth configuration"))
}

/// The verified caller of this request, or a 401 (no, bad or revoked token) / 503 (issuer
/// unreachable).
pub async fn authenticate(request: &Request, env: &Env) -> Result<Actor, Failure> {
    Ok(authenticate_revocable(request, env).await?.0)
}

/// [`authenticate`], with the ids its token can be revoked by (for logout).
pub async fn authenticate_revocable(request: &Request, env: &Env) -> Result<(Actor, TokenIds), Failure> {
    let header = request.headers().get("Authorization").ok().flatten();
    let token = header.as_deref().and_then(bearer_token).ok_or_else(not_logged_in)?;
    let issuers = trusted_issuers(env)?;
    let claimed = token::claimed_issuer(token).map_err(refused)?;
    let trusted =
        issuers.iter().find(|i| i.issuer == claimed).ok_or_else(|| refused(TokenError::UntrustedIssuer))?;
    let now = now_seconds();
    let provider = discovery::provider(trusted).await.map_err(unreachable)?;
    let verdict = match token::verify(token, &provider.jwks, trusted, now) {
        Err(TokenError::UnknownKey) => match discovery::refetch_for_unknown_key(trusted).await {
            Ok(Some(fresh)) => token::verify(token, &fresh.jwks, trusted, now),
            Ok(None) => Err(TokenError::UnknownKey),
            Err(problem) => return Err(unreachable(problem)),
        },
        verdict => verdict,
    };
    let actor = verdict.map_err(refused)?;
    let ids = token::verified_claims(token)
        .ok()
        .and_then(|claims| TokenIds::of(&actor.issuer, claims))
        .ok_or_else(not_revocable)?;
    if revocation::is_revoked(&ids, &deny_list::revocations_for(env, &ids).await?, now) {
        return Err(logged_out());
    }
    Ok((actor, ids))
}

/// Seconds since 1970, the worker's clock.
pub fn now_seconds() -> i64 {
    (Date::now().as_millis() / 1000) as i64
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750).
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn not_logged_in() -> Failure {
    Failure::unauthorized(
        ApiError::new(
            "not_logged_in",
            None,
            Explanation::new(
                "U bent niet ingelogd. Log in en probeer het opnieuw.",
                "You are not logged in. Log in and try again.",
            ),
        ),
        "Bearer realm=\"naar-vermogen\"",
    )
}

fn refused(error: TokenError) -> Failure {
    // The kind only: the token itself and its claims may identify a person.
    worker::console_log!("auth: token refused ({})", error.kind());
    match error {
        TokenError::Expired => invalid_token(
            "session_expired",
            Explanation::new(
                "Uw sessie is verlopen. Log opnieuw in.",
                "Your session has expired. Please log in again.",
            ),
        ),
        _ => not_valid(),
    }
}

/// A genuine token without `sid` or `jti`: logout could not end its access (`revocation.rs`).
fn not_revocable() -> Failure {
    worker::console_log!("auth: token refused (no_token_id)");
    not_valid()
}

/// A token revoked at logout, or of a login session that ended with a logout.
fn logged_out() -> Failure {
    worker::console_log!("auth: token refused (revoked)");
    invalid_token(
        "logged_out",
        Explanation::new(
            "U bent uitgelogd. Log opnieuw in om verder te gaan.",
            "You have logged out. Log in again to continue.",
        ),
    )
}

fn not_valid() -> Failure {
    invalid_token(
        "invalid_token",
        Explanation::new(
            "Uw inloggegevens zijn niet geldig. Log opnieuw in.",
            "Your login is not valid. Please log in again.",
        ),
    )
}

/// A 401 for a token that was sent and refused (RFC 6750 `invalid_token`).
fn invalid_token(code: &str, message: Explanation) -> Failure {
    Failure::unauthorized(
        ApiError::new(code, None, message),
        "Bearer realm=\"naar-vermogen\", error=\"invalid_token\"",
    )
}

fn unreachable(problem: discovery::Unreachable) -> Failure {
    worker::console_error!("auth: identity provider unreachable ({})", problem.0);
    Failure::new(
        503,
        ApiError::new(
            "identity_provider_unreachable",
            None,
            Explanation::new(
                "We kunnen uw inloggegevens nu niet controleren. Probeer het over een paar minuten opnieuw.",
                "We cannot check your login right now. Please try again in a few minutes.",
            ),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn the_bearer_scheme_is_read_case_insensitively_and_nothing_else_is() {
        assert_eq!(bearer_token("Bearer abc.def.ghi"), Some("abc.def.ghi"));
        assert_eq!(bearer_token("bearer  abc"), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("abc"), None);
    }
}
