//! One call to the municipality's Zaken or Documenten API: a fresh HS256 JWT (`zgw_token.rs`) for
//! the person on whose behalf it is made, the headers the APIs ask (JSON, `Accept-Crs`/`Content-Crs`),
//! and the answer sorted into "may pass, try again" and "refused". Answers are never logged.
//!
//! Every call has its own time limit (`MUNICIPAL_API.call_timeout_ms`): a municipality that takes
//! the connection and then never answers costs one call that long (then it is aborted and counts
//! as "no answer, try again"), never the whole cron run or push.

use super::config::Municipality;
use super::zgw_token;
use futures_util::future::{select, Either};
use serde_json::Value;
use std::time::Duration;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

/// Why a call gave no usable answer.
pub enum CallFailure {
    /// No answer, 408, 425, 429 or 5xx: it may pass.
    TryAgain(String),
    /// Another 4xx (or an answer we cannot use): the other side refuses it as it is.
    Refused(String),
}

/// Which of the municipality's APIs.
#[derive(Clone, Copy)]
pub enum Api {
    Zaken,
    Documenten,
    /// Not a ZGW API: its token is `Authorization: Token …` (`klantcontact_delivery.rs`).
    Klantinteracties,
}

fn root(m: &Municipality, api: Api) -> &str {
    match api {
        Api::Zaken => &m.api.zaken_api,
        Api::Documenten => &m.api.documenten_api,
        Api::Klantinteracties => m.api.klantinteracties.as_ref().map_or("", |k| k.api.as_str()),
    }
}

/// The `Authorization` header: the ZGW APIs' JWT for `user`, or the Klantinteracties API's token.
fn authorization(m: &Municipality, api: Api, user: &str) -> String {
    match api {
        Api::Zaken | Api::Documenten => {
            let now_s = worker::Date::now().as_millis() / 1000;
            zgw_token::bearer(
                &m.api.client_id,
                &m.secret,
                user,
                &format!("{user} (via Naar Vermogen)"),
                now_s,
            )
        }
        Api::Klantinteracties => format!("Token {}", m.klantinteracties_token.as_deref().unwrap_or("")),
    }
}

/// `GET` of a URL one of the APIs gave us, only below a configured root (our JWT goes nowhere else).
pub async fn get(m: &Municipality, user: &str, url: &str) -> Result<Value, CallFailure> {
    for api in [Api::Zaken, Api::Documenten] {
        if let Some(path) = url.strip_prefix(root(m, api)).filter(|path| path.starts_with('/')) {
            return call(m, api, user, Method::Get, path, None).await;
        }
    }
    Err(CallFailure::Refused("Het zaaksysteem gaf een adres buiten de ingestelde API's.".into()))
}

/// `method` on `path_and_query` below `api`'s root, with `body` as JSON; made for `user` (the JWT's
/// `user_id`). The answer's JSON.
pub async fn call(
    m: &Municipality,
    api: Api,
    user: &str,
    method: Method,
    path_and_query: &str,
    body: Option<Value>,
) -> Result<Value, CallFailure> {
    let try_again = |why: String| CallFailure::TryAgain(why);
    let headers = Headers::new();
    let set = |name: &str, value: &str| headers.set(name, value).map_err(|e| try_again(e.to_string()));
    set("Authorization", &authorization(m, api, user))?;
    set("Accept", "application/json")?;
    set("Accept-Crs", "EPSG:4326")?;
    let mut init = RequestInit::new();
    init.with_method(method);
    if let Some(body) = body {
        set("Content-Type", "application/json")?;
        set("Content-Crs", "EPSG:4326")?;
        init.with_body(Some(body.to_string().into()));
    }
    init.with_headers(headers);
    let url = format!("{}{path_and_query}", root(m, api));
    let request = Request::new_with_init(&url, &init).map_err(|e| try_again(e.to_string()))?;
    let (status, text) = within_time_limit(request, m.api.call_timeout_ms).await?;
    match status {
        200..=299 => Ok(serde_json::from_str(&text).unwrap_or(Value::Null)),
        408 | 425 | 429 | 500..=599 => Err(try_again(format!("HTTP {status}: {text}"))),
        _ => Err(CallFailure::Refused(format!("HTTP {status}: {text}"))),
    }
}

/// Sends `request` and reads its whole answer, or gives up after `limit_ms` (the request is then
/// aborted): the status and the body's text.
async fn within_time_limit(request: Request, limit_ms: u32) -> Result<(u16, String), CallFailure> {
    let controller = AbortController::default();
    let signal = controller.signal();
    let exchange = Box::pin(async move {
        let mut response = Fetch::Request(request)
            .send_with_signal(&signal)
            .await
            .map_err(|_| CallFailure::TryAgain("Het zaaksysteem gaf geen antwoord.".into()))?;
        let text = response.text().await.unwrap_or_default();
        Ok((response.status_code(), text))
    });
    let timer = Box::pin(Delay::from(Duration::from_millis(u64::from(limit_ms))));
    match select(exchange, timer).await {
        Either::Left((answer, _)) => answer,
        Either::Right(((), _)) => {
            controller.abort();
            Err(CallFailure::TryAgain(format!(
                "Het zaaksysteem antwoordde niet binnen {} seconden; de oproep is afgebroken.",
                limit_ms.div_ceil(1000)
            )))
        }
    }
}
