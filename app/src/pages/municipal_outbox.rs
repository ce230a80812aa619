//! `/gemeente-koppeling`: for the team's consulents, what went to the municipality's zaak system
//! (the zaken (cases) made for the team's clients, with their last status) and what did not go
//! through yet: calls that wait (the system did not answer, they are tried again by themselves)
//! and calls the system refused, with its answer and a button to send them again once the cause
//! is fixed. Online only; the worker decides who may see it (`shared::access`, `MunicipalOutbox`).
//!
//! Dutch words: *zaak* (a case in the municipality's system), *aanvraag* (an application for benefit).

use crate::auth::access_token;
use crate::pages::dossier::preferred_name;
use crate::sync::use_sync;
use gloo::net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::ApiError;
use shared::municipal::{MunicipalCall, MunicipalOutbox, MUNICIPAL_OUTBOX_PATH};

#[component]
pub fn MunicipalOutboxPage() -> impl IntoView {
    let outbox = RwSignal::new(None::<Result<MunicipalOutbox, String>>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            outbox.set(Some(fetch_outbox().await));
        })
    };
    load();
    let retry = move |id: i64| {
        spawn_local(async move {
            let message = match send_again(id).await {
                Ok(()) => "Opnieuw verstuurd. Vernieuw over een paar seconden om te zien of het gelukt is."
                    .to_owned(),
                Err(message) => message,
            };
            notice.set(Some(message));
            load();
        })
    };
    view! {
        <h1>"Koppeling met de gemeente"</h1>
        <p>"Wat de app aan het zaaksysteem van de gemeente doorgeeft: een zaak per aanvraag, met de aanvrager en de stappen die zijn gezet."</p>
        <button type="button" on:click=move |_| load()>"Vernieuwen"</button>
        {move || notice.get().map(|message| view! { <p role="status" id="outbox-notice">{message}</p> })}
        {move || match outbox.get() {
            None => view! { <p>"Bezig met laden…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(outbox)) => view! { <OutboxView outbox=outbox retry=retry/> }.into_any(),
        }}
    }
}

#[component]
fn OutboxView(outbox: MunicipalOutbox, retry: impl Fn(i64) + Copy + Send + Sync + 'static) -> impl IntoView {
    let replica = use_sync().replica;
    let name = move |client_id: &str| {
        replica
            .with_untracked(|replica| preferred_name(replica, client_id))
            .unwrap_or_else(|| "cliënt".to_owned())
    };
    let (parked, waiting): (Vec<MunicipalCall>, Vec<MunicipalCall>) =
        outbox.calls.into_iter().partition(|call| call.state == "parked");
    view! {
        <p id="outbox-counts">
            {format!(
                "Doorgegeven: {}. Wacht op de gemeente: {}. Geweigerd: {}.",
                outbox.delivered, outbox.pending, outbox.parked
            )}
        </p>
        <section class="card" aria-labelledby="parked-heading">
            <h2 id="parked-heading">"Geweigerd door het zaaksysteem"</h2>
            {if parked.is_empty() {
                view! { <p>"Niets geweigerd."</p> }.into_any()
            } else {
                view! {
                    <ul id="parked-calls">
                        {parked.into_iter().map(|call| {
                            let id = call.id;
                            view! {
                                <li>
                                    <p><strong>{format!("{} voor {}", action_in_dutch(&call.action), name(&call.client_id))}</strong></p>
                                    <p>"Reden: " {readable_reason(&call.last_error.unwrap_or_default())}</p>
                                    <button type="button" on:click=move |_| retry(id)>"Opnieuw versturen"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">"Wacht op de gemeente"</h2>
            <p>"Deze gaan vanzelf opnieuw; er gaat niets verloren."</p>
            <ul id="waiting-calls">
                {waiting.into_iter().map(|call| view! {
                    <li>{format!("{} voor {} ({} keer geprobeerd)", action_in_dutch(&call.action), name(&call.client_id), call.attempts)}</li>
                }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="zaken-heading">
            <h2 id="zaken-heading">"Zaken bij de gemeente"</h2>
            <ul id="municipal-zaken">
                {outbox.zaken.into_iter().map(|zaak| view! {
                    <li>
                        <p><strong>{name(&zaak.client_id)}</strong>" — zaak " <Breakable text=zaak.identificatie/></p>
                        <p>"Laatste stap: " {zaak.last_status.as_deref().map(status_in_dutch).unwrap_or("Aanvraag ontvangen")}</p>
                        <p>{match zaak.closed_on {
                            Some(day) => format!("Afgesloten door de gemeente op {day}."),
                            None => "Nog open.".to_owned(),
                        }}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A long number without spaces (`NV-<uuid>`) that may wrap after each `-` on a narrow screen.
#[component]
fn Breakable(text: String) -> impl IntoView {
    let parts: Vec<String> = text.split_inclusive('-').map(str::to_owned).collect();
    parts.into_iter().map(|part| view! { {part}<wbr/> }).collect_view()
}

/// The zaak system's answer in words: `HTTP 400: {…}` with a ValidatieFout becomes
/// "HTTP 400 — zaaktype: Het zaaktype is niet gepubliceerd…"; other answers their `detail` or `title`.
fn readable_reason(reason: &str) -> String {
    let Some((status, body)) = reason.split_once(": ") else { return reason.to_owned() };
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(body) else { return reason.to_owned() };
    let text = |value: &serde_json::Value, key: &str| {
        value.get(key).and_then(|v| v.as_str()).unwrap_or("").to_owned()
    };
    let params: Vec<String> = answer
        .get("invalidParams")
        .and_then(|params| params.as_array())
        .map(|params| params.iter().map(|p| format!("{}: {}", text(p, "name"), text(p, "reason"))).collect())
        .unwrap_or_default();
    let words = if !params.is_empty() {
        params.join("; ")
    } else if !text(&answer, "detail").is_empty() {
        text(&answer, "detail")
    } else {
        text(&answer, "title")
    };
    format!("{status} — {words}")
}

fn action_in_dutch(action: &str) -> &'static str {
    match action {
        "create_zaak" => "Zaak aanmaken",
        "create_rol" => "Aanvrager aan de zaak koppelen",
        "set_status" => "Stap doorgeven",
        _ => "Oproep",
    }
}

fn status_in_dutch(milestone: &str) -> &'static str {
    match milestone {
        "klantfoto_submitted" => "Klantfoto ingevuld",
        _ => "Stap doorgegeven",
    }
}

async fn fetch_outbox() -> Result<MunicipalOutbox, String> {
    let response =
        with_token(Request::get(MUNICIPAL_OUTBOX_PATH)).await?.send().await.map_err(|_| offline())?;
    match response.status() {
        200 => response.json().await.map_err(|_| offline()),
        _ => Err(refusal(response).await),
    }
}

async fn send_again(id: i64) -> Result<(), String> {
    let path = format!("{MUNICIPAL_OUTBOX_PATH}/{id}/retry");
    let response = with_token(Request::post(&path)).await?.send().await.map_err(|_| offline())?;
    match response.status() {
        202 => Ok(()),
        _ => Err(refusal(response).await),
    }
}

async fn with_token(
    request: gloo::net::http::RequestBuilder,
) -> Result<gloo::net::http::RequestBuilder, String> {
    match access_token().await {
        Some(token) => Ok(request.header("Authorization", &format!("Bearer {token}"))),
        None => Err("Log in als consulent om dit te zien.".to_owned()),
    }
}

async fn refusal(response: gloo::net::http::Response) -> String {
    match response.json::<ApiError>().await {
        Ok(error) => error.message.nl,
        Err(_) => offline(),
    }
}

fn offline() -> String {
    "Dit kan alleen met internet. Probeer het later opnieuw.".to_owned()
}
