//! `GET /api/v1/me`: who the bearer of the access token is (subject and role), as verified.

use crate::auth::authenticate;
use crate::failure::Failure;
use shared::api::Me;
use worker::{Env, Request, Response};

pub async fn answer(request: &Request, env: &Env) -> Result<Response, Failure> {
    let actor = authenticate(request, env).await?;
    Ok(Response::from_json(&Me { subject: actor.subject, role: actor.role })?)
}
