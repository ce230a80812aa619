//! `/gemeente-koppeling`: for the team's consulents, what went to the municipality's zaak system
//! (the zaken (cases) made for the team's clients, with their last step and whether the
//! municipality closed them) and what did not go through yet: calls that wait (the system did not
//! answer; they are tried again by themselves) and calls the system refused, with its answer and a
//! button to send them again once the cause is fixed. Online only, through `api_client`; the worker
//! decides who may see it (`shared::sync::access`, `MunicipalOutbox`). The words of the steps, calls and
//! their states are `shared::municipal`'s; Dutch first, English second (`i18n`).
//!
//! Dutch words: *zaak* (a case in the municipality's system), *aanvraag* (an application for benefit).

use crate::api_client::{get_municipal_outbox, send_municipal_call_again, SyncFailure};
use crate::files_on_device::preferred_name;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::municipal::{readable_reason, CallState, MunicipalCall, MunicipalOutbox, MunicipalZaak};

#[component]
pub fn MunicipalOutboxPage() -> impl IntoView {
    let outbox = RwSignal::new(None::<MunicipalOutbox>);
    let problem = RwSignal::new(None::<Explanation>);
    let notice = RwSignal::new(None::<Explanation>);
    let load = move || {
        spawn_local(async move {
            match get_municipal_outbox().await {
                Ok(answer) => {
                    problem.set(None);
                    outbox.set(Some(answer));
                }
                Err(failure) => problem.set(Some(failure_in_words(failure))),
            }
        })
    };
    load();
    let send_again = move |id: i64| {
        spawn_local(async move {
            notice.set(Some(match send_municipal_call_again(id).await {
                Ok(()) => Explanation::new(
                    "Opnieuw verstuurd. Vernieuw over een paar seconden om te zien of het gelukt is.",
                    "Sent again. Refresh in a few seconds to see whether it went through.",
                ),
                Err(failure) => failure_in_words(failure),
            }));
            load();
        })
    };
    view! {
        <h1>{tr("Koppeling met de gemeente", "Link with the municipality")}</h1>
        <p>{tr(
            "Wat de app aan het zaaksysteem van de gemeente doorgeeft: een zaak per aanvraag, met de aanvrager en de stappen die zijn gezet.",
            "What the app passes on to the municipality's case system: a case per application, with the applicant and the steps taken.",
        )}</p>
        <button type="button" on:click=move |_| load()>{tr("Vernieuwen", "Refresh")}</button>
        {move || say(notice)().map(|message| view! { <p role="status" id="outbox-notice">{message}</p> })}
        {move || say(problem)().map(|message| view! { <p class="error" role="alert">{message}</p> })}
        {move || match outbox.get() {
            None if problem.get().is_none() => view! { <p>{tr("Bezig met laden…", "Loading…")}</p> }.into_any(),
            None => ().into_any(),
            Some(outbox) => view! { <OutboxView outbox=outbox send_again=send_again/> }.into_any(),
        }}
    }
}

/// How many calls went through, wait or were refused; then the refused calls, the waiting ones and
/// the zaken.
#[component]
fn OutboxView(
    outbox: MunicipalOutbox,
    send_again: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let language = use_language();
    let counts = [
        (CallState::Delivered, outbox.delivered),
        (CallState::Pending, outbox.pending),
        (CallState::Parked, outbox.parked),
    ];
    let (parked, waiting): (Vec<MunicipalCall>, Vec<MunicipalCall>) =
        outbox.calls.into_iter().partition(|call| call.state == CallState::Parked);
    view! {
        <p id="outbox-counts">
            {move || counts.map(|(state, count)| format!("{}: {count}.", state.label(language.get()))).join(" ")}
        </p>
        <section class="card" aria-labelledby="parked-heading">
            <h2 id="parked-heading">{tr("Geweigerd door het zaaksysteem", "Refused by the case system")}</h2>
            {if parked.is_empty() {
                view! { <p>{tr("Niets geweigerd.", "Nothing refused.")}</p> }.into_any()
            } else {
                let parked = parked.into_iter().map(|call| view! { <ParkedCall call=call send_again=send_again/> });
                view! { <ul id="parked-calls">{parked.collect_view()}</ul> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">{move || CallState::Pending.label(language.get())}</h2>
            <p>{tr("Deze gaan vanzelf opnieuw; er gaat niets verloren.", "These are sent again by themselves; nothing is lost.")}</p>
            <ul id="waiting-calls">{waiting.into_iter().map(|call| view! { <WaitingCall call=call/> }).collect_view()}</ul>
        </section>
        <section class="card" aria-labelledby="zaken-heading">
            <h2 id="zaken-heading">{tr("Zaken bij de gemeente", "Cases at the municipality")}</h2>
            <ul id="municipal-zaken">{outbox.zaken.into_iter().map(|zaak| view! { <Zaak zaak=zaak/> }).collect_view()}</ul>
        </section>
    }
}

/// A call the zaak system refused: what, for whom, its answer, and a button to send it again.
#[component]
fn ParkedCall(call: MunicipalCall, send_again: impl Fn(i64) + Copy + Send + Sync + 'static) -> impl IntoView {
    let language = use_language();
    let (id, action, who) = (call.id, call.action, client_name(&call.client_id));
    let reason = readable_reason(&call.last_error.unwrap_or_default());
    view! {
        <li>
            <p><strong>{move || format!("{} {} {who}", action.label(language.get()), language.get().pick("voor", "for"))}</strong></p>
            <p>{tr("Reden: ", "Reason: ")} {reason}</p>
            <button type="button" on:click=move |_| send_again(id)>{tr("Opnieuw versturen", "Send again")}</button>
        </li>
    }
}

/// A call that waits for the municipality, and how often it was tried.
#[component]
fn WaitingCall(call: MunicipalCall) -> impl IntoView {
    let language = use_language();
    let (action, attempts, who) = (call.action, call.attempts, client_name(&call.client_id));
    view! {
        <li>{move || match language.get() {
            Language::Dutch => format!("{} voor {who} ({attempts} keer geprobeerd)", action.label(Language::Dutch)),
            Language::English => format!("{} for {who} (tried {attempts} times)", action.label(Language::English)),
        }}</li>
    }
}

/// A zaak: for whom, its number, its last step, every step passed on, and whether it is closed.
#[component]
fn Zaak(zaak: MunicipalZaak) -> impl IntoView {
    let language = use_language();
    let MunicipalZaak { client_id, identificatie, last_status, closed_on, statuses, .. } = zaak;
    let last_step = move || match last_status {
        Some(milestone) => milestone.label(language.get()),
        None => language.get().pick("Aanvraag ontvangen", "Application received"),
    };
    view! {
        <li>
            <p><strong>{client_name(&client_id)}</strong>{tr(" — zaak ", " — case ")}<Breakable text=identificatie/></p>
            <p>{tr("Laatste stap: ", "Last step: ")}{last_step}</p>
            {(!statuses.is_empty()).then(|| view! {
                <p>{tr("Doorgegeven stappen:", "Steps passed on:")}</p>
                <ol class="zaak-statuses">
                    {statuses.into_iter().map(|step| view! { <li>{move || step.label(language.get())}</li> }).collect_view()}
                </ol>
            })}
            <p>{move || match (&closed_on, language.get()) {
                (Some(day), Language::Dutch) => format!("Afgesloten door de gemeente op {day}."),
                (Some(day), Language::English) => format!("Closed by the municipality on {day}."),
                (None, language) => language.pick("Nog open.", "Still open.").to_owned(),
            }}</p>
        </li>
    }
}

/// A long number without spaces (`NV-<uuid>`) that may wrap after each `-` on a narrow screen.
#[component]
fn Breakable(text: String) -> impl IntoView {
    let parts: Vec<String> = text.split_inclusive('-').map(str::to_owned).collect();
    parts.into_iter().map(|part| view! { {part}<wbr/> }).collect_view()
}

/// The client's preferred name as this device knows it, else "cliënt".
fn client_name(client_id: &str) -> String {
    let replica = use_sync().replica;
    replica
        .with_untracked(|replica| preferred_name(replica, client_id))
        .unwrap_or_else(|| use_language().get_untracked().pick("cliënt", "client").to_owned())
}

/// What the page says when the worker gave no usable answer.
fn failure_in_words(failure: SyncFailure) -> Explanation {
    match failure {
        SyncFailure::Unreachable => Explanation::new(
            "Dit kan alleen met internet. Probeer het later opnieuw.",
            "This needs an internet connection. Please try again later.",
        ),
        SyncFailure::NotLoggedIn => {
            Explanation::new("Log in als consulent om dit te zien.", "Log in as a consulent to see this.")
        }
        SyncFailure::Refused(error) => error.message,
    }
}
