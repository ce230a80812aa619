//! `/gemeente-koppeling`: for the team's consulents, what went to the municipality's zaak system
//! (the zaken (cases) made for the team's clients, with their last step and whether the
//! municipality closed them) and what did not go through yet: calls that wait (the system did not
//! answer; they are tried again by themselves) and calls the system refused, with its answer and a
//! button to send them again once the cause is fixed. Online only, through `api_client`; the worker
//! decides who may see it (`shared::access`, `MunicipalOutbox`). Dutch first, English second (`i18n`).
//!
//! Dutch words: *zaak* (a case in the municipality's system), *aanvraag* (an application for benefit).

use crate::api_client::{get_municipal_outbox, send_municipal_call_again, SyncFailure};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::pages::dossier::preferred_name;
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::municipal::{readable_reason, MunicipalCall, MunicipalOutbox};

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
    let retry = move |id: i64| {
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
            Some(outbox) => view! { <OutboxView outbox=outbox retry=retry/> }.into_any(),
        }}
    }
}

#[component]
fn OutboxView(outbox: MunicipalOutbox, retry: impl Fn(i64) + Copy + Send + Sync + 'static) -> impl IntoView {
    let language = use_language();
    let replica = use_sync().replica;
    let name = move |client_id: &str| {
        replica
            .with_untracked(|replica| preferred_name(replica, client_id))
            .unwrap_or_else(|| language.get_untracked().pick("cliënt", "client").to_owned())
    };
    let (parked, waiting): (Vec<MunicipalCall>, Vec<MunicipalCall>) =
        outbox.calls.into_iter().partition(|call| call.state == "parked");
    let (delivered, pending, refused) = (outbox.delivered, outbox.pending, outbox.parked);
    view! {
        <p id="outbox-counts">
            {move || match language.get() {
                Language::Dutch => format!("Doorgegeven: {delivered}. Wacht op de gemeente: {pending}. Geweigerd: {refused}."),
                Language::English => format!("Passed on: {delivered}. Waiting for the municipality: {pending}. Refused: {refused}."),
            }}
        </p>
        <section class="card" aria-labelledby="parked-heading">
            <h2 id="parked-heading">{tr("Geweigerd door het zaaksysteem", "Refused by the case system")}</h2>
            {if parked.is_empty() {
                view! { <p>{tr("Niets geweigerd.", "Nothing refused.")}</p> }.into_any()
            } else {
                view! {
                    <ul id="parked-calls">
                        {parked.into_iter().map(|call| {
                            let id = call.id;
                            let who = name(&call.client_id);
                            let action = call.action.clone();
                            let reason = readable_reason(&call.last_error.unwrap_or_default());
                            view! {
                                <li>
                                    <p><strong>{move || format!("{} {} {}", action_in_words(&action, language.get()), language.get().pick("voor", "for"), who)}</strong></p>
                                    <p>{tr("Reden: ", "Reason: ")} {reason}</p>
                                    <button type="button" on:click=move |_| retry(id)>{tr("Opnieuw versturen", "Send again")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">{tr("Wacht op de gemeente", "Waiting for the municipality")}</h2>
            <p>{tr("Deze gaan vanzelf opnieuw; er gaat niets verloren.", "These are sent again by themselves; nothing is lost.")}</p>
            <ul id="waiting-calls">
                {waiting.into_iter().map(|call| {
                    let who = name(&call.client_id);
                    view! {
                        <li>{move || match language.get() {
                            Language::Dutch => format!("{} voor {who} ({} keer geprobeerd)", action_in_words(&call.action, Language::Dutch), call.attempts),
                            Language::English => format!("{} for {who} (tried {} times)", action_in_words(&call.action, Language::English), call.attempts),
                        }}</li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="zaken-heading">
            <h2 id="zaken-heading">{tr("Zaken bij de gemeente", "Cases at the municipality")}</h2>
            <ul id="municipal-zaken">
                {outbox.zaken.into_iter().map(|zaak| {
                    let who = name(&zaak.client_id);
                    let step = zaak.last_status.clone();
                    let statuses = zaak.statuses.clone();
                    let closed_on = zaak.closed_on.clone();
                    view! {
                        <li>
                            <p><strong>{who}</strong>{tr(" — zaak ", " — case ")}<Breakable text=zaak.identificatie/></p>
                            <p>{tr("Laatste stap: ", "Last step: ")}{move || status_in_words(step.as_deref(), language.get())}</p>
                            {(!statuses.is_empty()).then(|| view! {
                                <p>{tr("Doorgegeven stappen:", "Steps passed on:")}</p>
                                <ol class="zaak-statuses">
                                    {statuses.iter().map(|status| {
                                        let status = status.clone();
                                        view! { <li>{move || status_in_words(Some(&status), language.get())}</li> }
                                    }).collect_view()}
                                </ol>
                            })}
                            <p>{move || match (&closed_on, language.get()) {
                                (Some(day), Language::Dutch) => format!("Afgesloten door de gemeente op {day}."),
                                (Some(day), Language::English) => format!("Closed by the municipality on {day}."),
                                (None, language) => language.pick("Nog open.", "Still open.").to_owned(),
                            }}</p>
                        </li>
                    }
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

fn action_in_words(action: &str, language: Language) -> &'static str {
    match action {
        "create_zaak" => language.pick("Zaak aanmaken", "Create the case"),
        "create_rol" => language.pick("Aanvrager aan de zaak koppelen", "Add the applicant to the case"),
        "set_status" => language.pick("Stap doorgeven", "Pass on a step"),
        "create_document" => {
            language.pick("Klantfoto als document opslaan", "Store the klantfoto as a document")
        }
        "link_document" => language.pick("Document aan de zaak koppelen", "Add the document to the case"),
        "create_klantcontact" => language.pick("Contactmoment doorgeven", "Pass on a contact moment"),
        _ => language.pick("Oproep", "Call"),
    }
}

fn status_in_words(milestone: Option<&str>, language: Language) -> &'static str {
    match milestone {
        Some("klantfoto_submitted") => language.pick("Klantfoto ingevuld", "Klantfoto filled in"),
        Some("inspanningspakket_completed") => language.pick("Inspanningspakket af", "Job search tasks done"),
        Some("rechtmatigheidsgesprek_held") => {
            language.pick("Rechtmatigheidsgesprek gehouden", "Eligibility interview held")
        }
        Some("route_decided") => language.pick("Route besloten", "Route decided"),
        Some(_) => language.pick("Stap doorgegeven", "Step passed on"),
        None => language.pick("Aanvraag ontvangen", "Application received"),
    }
}

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
