//! What the worker learns from a trusted issuer over the network: its discovery document
//! (`/.well-known/openid-configuration`) and the JWK set at its `jwks_uri`.
//!
//! Kept per isolate for [`FRESH_FOR_MS`]; a token with an unknown `kid` (the issuer rotated its
//! keys) makes one refetch, at most once per [`REFETCH_AT_MOST_EVERY_MS`], so that made-up `kid`s
//! cannot make the worker hammer the issuer. Only configured issuers are ever fetched: the issuer
//! a token claims is looked up in the trusted list first.

use super::issuers::TrustedIssuer;
use super::keys::Jwks;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use worker::{Date, Fetch, Url};

const FRESH_FOR_MS: u64 = 10 * 60 * 1000;
const REFETCH_AT_MOST_EVERY_MS: u64 = 30 * 1000;

/// The parts of the discovery document the worker and the app use.
#[derive(Clone, Debug, Deserialize)]
pub struct ProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub end_session_endpoint: Option<String>,
    pub jwks_uri: String,
}

/// An issuer's metadata with its keys, as fetched at one moment.
pub struct Provider {
    pub metadata: ProviderMetadata,
    pub jwks: Jwks,
    fetched_at_ms: u64,
}

/// The issuer could not be asked (down, or it answered nonsense): the kind, for the log.
#[derive(Debug)]
pub struct Unreachable(pub &'static str);

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<Provider>>> = RefCell::new(HashMap::new());
}

/// The issuer's metadata and keys, from the cache while fresh.
pub async fn provider(trusted: &TrustedIssuer) -> Result<Rc<Provider>, Unreachable> {
    let now = Date::now().as_millis();
    match cached(trusted) {
        Some(provider) if now.saturating_sub(provider.fetched_at_ms) < FRESH_FOR_MS => Ok(provider),
        _ => fetch_and_keep(trusted, now).await,
    }
}

/// Fetches again after a token named a `kid` the cached keys do not have. `None` when the
/// cache was refreshed too recently to try again.
pub async fn refetch_for_unknown_key(trusted: &TrustedIssuer) -> Result<Option<Rc<Provider>>, Unreachable> {
    let now = Date::now().as_millis();
    if cached(trusted).is_some_and(|p| now.saturating_sub(p.fetched_at_ms) < REFETCH_AT_MOST_EVERY_MS) {
        return Ok(None);
    }
    fetch_and_keep(trusted, now).await.map(Some)
}

fn cached(trusted: &TrustedIssuer) -> Option<Rc<Provider>> {
    CACHE.with(|cache| cache.borrow().get(&trusted.issuer).cloned())
}

async fn fetch_and_keep(trusted: &TrustedIssuer, now: u64) -> Result<Rc<Provider>, Unreachable> {
    let discovery = format!("{}/.well-known/openid-configuration", trusted.issuer.trim_end_matches('/'));
    let metadata: ProviderMetadata = get_json(&discovery).await?;
    // OpenID Connect Discovery 1.0, section 4.3: the document must name the same issuer.
    if metadata.issuer != trusted.issuer {
        return Err(Unreachable("discovery names another issuer"));
    }
    let jwks: Jwks = get_json(&metadata.jwks_uri).await?;
    let provider = Rc::new(Provider { metadata, jwks, fetched_at_ms: now });
    CACHE.with(|cache| cache.borrow_mut().insert(trusted.issuer.clone(), provider.clone()));
    Ok(provider)
}

async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, Unreachable> {
    let url = Url::parse(url).map_err(|_| Unreachable("bad url"))?;
    let mut response = Fetch::Url(url).send().await.map_err(|_| Unreachable("no answer"))?;
    if response.status_code() != 200 {
        return Err(Unreachable("answer not 200"));
    }
    response.json().await.map_err(|_| Unreachable("not the expected json"))
}
