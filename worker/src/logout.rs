//! `POST /api/v1/logout`: ends the access of the token it is called with, at once. The app calls it
//! before it ends the login session at the identity provider; without it, the token would be
//! accepted until it expires. It revokes the token's whole login session when the token names one
//! (`auth::revocation`), so also a token refreshed meanwhile. 204; a token that is already revoked
//! gets the 401 of every other call.

use crate::auth::{authenticate_revocable, deny_list, now_seconds};
use crate::failure::Failure;
use worker::{Env, Request, Response};

pub async fn answer(request: &Request, env: &Env) -> Result<Response, Failure> {
    let (_actor, ids) = authenticate_revocable(request, env).await?;
    let now = now_seconds();
    deny_list::store(env, &ids.revocation(now), now).await?;
    Ok(Response::empty()?.with_status(204))
}
