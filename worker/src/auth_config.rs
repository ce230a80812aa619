//! `GET /api/v1/auth/config` (public): the identity providers the app can log in with, and
//! what it needs to start an authorization-code login with PKCE there. The app has no
//! build-time configuration: a deployment changes `OIDC_ISSUERS` only.

use crate::auth::discovery;
use crate::auth::trusted_issuers;
use crate::failure::Failure;
use shared::api::{ApiError, AuthConfig, LoginProvider};
use shared::text::Explanation;
use worker::{Env, Response};

pub async fn answer(env: &Env) -> Result<Response, Failure> {
    let mut providers = Vec::new();
    for trusted in trusted_issuers(env)? {
        let Ok(provider) = discovery::provider(&trusted).await else {
            worker::console_error!("auth: identity provider unreachable (discovery)");
            continue;
        };
        let metadata = &provider.metadata;
        providers.push(LoginProvider {
            issuer: trusted.issuer.clone(),
            label: trusted.label.clone(),
            roles: trusted.roles.clone(),
            client_id: trusted.client_id.clone(),
            scope: trusted.scope.clone(),
            resource: trusted.audience.clone(),
            authorization_endpoint: metadata.authorization_endpoint.clone(),
            token_endpoint: metadata.token_endpoint.clone(),
            end_session_endpoint: metadata.end_session_endpoint.clone(),
        });
    }
    if providers.is_empty() {
        return Err(Failure::new(
            503,
            ApiError::new(
                "identity_provider_unreachable",
                None,
                Explanation::new(
                    "Inloggen kan nu niet. Probeer het over een paar minuten opnieuw.",
                    "Logging in is not possible right now. Please try again in a few minutes.",
                ),
            ),
        ));
    }
    Ok(Response::from_json(&AuthConfig { providers })?)
}
