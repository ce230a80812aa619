//! The Naar Vermogen edge worker: the JSON API under `/api/v1/`.
//!
//! Static files (the PWA) never reach this code: `wrangler.toml` serves them from
//! the assets directory and sends only `/api/*` here. Every answer is JSON; every
//! failure is an [`ApiError`](shared::api::ApiError) with a 4xx or 5xx status.
//! Decisions (validation now; authorization and merge later) come from `shared`.

mod audit;
mod auth;
mod auth_config;
mod caseload;
mod engine_advice;
mod evaluate;
mod failure;
mod health;
mod logout;
mod me;
mod municipal;
mod oplog;
mod quotas;
mod request_body;
mod scope;
mod slots;
mod sync_changes;
mod sync_push;

use failure::Failure;
use shared::api::API_PREFIX;
use worker::{event, Context, Env, Method, Request, Response, Result, ScheduleContext, ScheduledEvent};

#[event(fetch)]
async fn fetch(mut request: Request, env: Env, ctx: Context) -> Result<Response> {
    let answer = route(&mut request, &env, &ctx).await;
    let response = match answer {
        Ok(response) => response,
        Err(failure) => failure.into_response()?,
    };
    with_api_headers(response)
}

/// The cron trigger (`wrangler.toml` `[triggers]`): sends the municipal outbox's due calls.
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    municipal::delivery::deliver_due(env).await;
}

/// Picks the handler for a method and path. Unknown paths are 404, known paths
/// with another method are 405.
async fn route(request: &mut Request, env: &Env, ctx: &Context) -> std::result::Result<Response, Failure> {
    let path = request.path();
    let Some(rest) = path.strip_prefix(API_PREFIX).and_then(|rest| rest.strip_prefix('/')) else {
        return Err(Failure::not_found());
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match (request.method(), segments.as_slice()) {
        (Method::Get, ["health"]) => health::answer(),
        (Method::Get, ["me"]) => me::answer(request, env).await,
        (Method::Get, ["auth", "config"]) => auth_config::answer(env).await,
        (Method::Post, ["logout"]) => logout::answer(request, env).await,
        (Method::Post, ["evaluate"]) => evaluate::answer(request).await,
        (Method::Post, ["sync", "push"]) => {
            let actor = auth::authenticate(request, env).await?;
            sync_push::push(request, env, ctx, &actor).await
        }
        (Method::Get, ["sync", "changes"]) => {
            let actor = auth::authenticate(request, env).await?;
            sync_changes::changes(request, env, &actor).await
        }
        (Method::Get, ["client-files", client_id, "audit"]) => {
            let actor = auth::authenticate(request, env).await?;
            audit::trail(env, &actor, client_id).await
        }
        (Method::Put, ["client-files", client_id, "client-login"]) => {
            let actor = auth::authenticate(request, env).await?;
            caseload::link_client_login(request, env, &actor, client_id).await
        }
        (Method::Put, ["client-files", client_id, "outreach-worker"]) => {
            let actor = auth::authenticate(request, env).await?;
            caseload::assign_outreach_worker(request, env, &actor, client_id).await
        }
        (Method::Get, ["slots", "free"]) => {
            let actor = auth::authenticate(request, env).await?;
            slots::free(env, &actor).await
        }
        (Method::Get, ["municipal-outbox"]) => {
            let actor = auth::authenticate(request, env).await?;
            municipal::view::show(request, env, &actor).await
        }
        (Method::Post, ["municipal-outbox", id, "retry"]) => {
            let actor = auth::authenticate(request, env).await?;
            municipal::view::retry(env, ctx, &actor, id).await
        }
        (Method::Post, ["municipal", "notifications"]) => {
            municipal::notifications::receive(request, env).await
        }
        (Method::Post, ["groups"]) => {
            let actor = auth::authenticate(request, env).await?;
            caseload::start_group(request, env, &actor).await
        }
        (
            _,
            ["health"]
            | ["me"]
            | ["auth", "config"]
            | ["logout"]
            | ["evaluate"]
            | ["sync", "push" | "changes"]
            | ["client-files", _, "audit" | "client-login" | "outreach-worker"]
            | ["groups"]
            | ["slots", "free"]
            | ["municipal-outbox"]
            | ["municipal-outbox", _, "retry"]
            | ["municipal", "notifications"],
        ) => Err(Failure::method_not_allowed()),
        _ => Err(Failure::not_found()),
    }
}

/// API answers hold personal data: never cached, never sniffed, never framed.
fn with_api_headers(mut response: Response) -> Result<Response> {
    let headers = response.headers_mut();
    headers.set("Cache-Control", "no-store")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")?;
    Ok(response)
}
