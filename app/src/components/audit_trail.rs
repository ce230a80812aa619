//! Who read or changed a client file, when and from which device: the audit trail, fetched from the
//! worker when asked (online only: the trail is never copied to devices). On a file for the team's
//! consulent, and on the client's own home screen.

use crate::api_client::{get_audit_trail, SyncFailure};
use crate::auth::role_in;
use crate::i18n::{tr, use_language, Explanation, Language};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::AuditEntry;
use shared::role::Role;

/// For the team's consulent and the client: who read or changed this file, when, from which device
/// (online only: the trail is kept by the worker, never copied to devices).
#[component]
pub fn AuditTrail(client_id: String) -> impl IntoView {
    let language = use_language();
    let entries = RwSignal::new(None::<Result<Vec<AuditEntry>, Explanation>>);
    let show = move |_| {
        let client_id = client_id.clone();
        spawn_local(async move {
            let answer = get_audit_trail(&client_id).await.map_err(|failure| match failure {
                SyncFailure::Unreachable => Explanation::new(
                    "Dit kan alleen met internet. Probeer het later opnieuw.",
                    "This only works when you are online. Try again later.",
                ),
                SyncFailure::NotLoggedIn => {
                    Explanation::new("Log opnieuw in om dit te zien.", "Log in again to see this.")
                }
                SyncFailure::Refused(error) => error.message,
            });
            entries.set(Some(answer));
        });
    };
    view! {
        <section class="card" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{tr("Wie heeft dit dossier bekeken of gewijzigd?", "Who has seen or changed this file?")}</h2>
            <button type="button" on:click=show>{tr("Toon", "Show")}</button>
            {move || match (entries.get(), language.get()) {
                (None, _) => ().into_any(),
                (Some(Err(message)), language) => {
                    view! { <p class="error" role="alert">{message.in_language(language).to_owned()}</p> }.into_any()
                }
                (Some(Ok(entries)), language) => view! {
                    <table id="audit-trail">
                        <thead>
                            <tr>
                                <th>{language.pick("Wanneer", "When")}</th>
                                <th>{language.pick("Wie", "Who")}</th>
                                <th>{language.pick("Wat", "What")}</th>
                                <th>{language.pick("Apparaat", "Device")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {entries.into_iter().map(|entry| view! {
                                <tr>
                                    <td>{local_time(&entry.at, language)}</td>
                                    <td>{format!("{} ({})", entry.actor_subject, role_name(&entry.actor_role, language))}</td>
                                    <td>{format!("{}: {}", action_in(&entry.action, language), classes_in(&entry.what, language))}</td>
                                    <td>{entry.device.chars().take(8).collect::<String>()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
        </section>
    }
}

/// A UTC timestamp in this device's time, the Dutch way ("26-11-2026, 10:15:02") or the British
/// way ("26/11/2026, 10:15:02").
fn local_time(at: &str, language: Language) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
    if date.get_time().is_nan() {
        return at.to_owned();
    }
    date.to_locale_string(language.pick("nl-NL", "en-GB"), &wasm_bindgen::JsValue::UNDEFINED).into()
}

fn role_name(role: &str, language: Language) -> String {
    match Role::parse(role) {
        Some(known) => role_in(known, language).to_owned(),
        None => role.to_owned(),
    }
}

fn action_in(action: &str, language: Language) -> &str {
    match action {
        "read" => language.pick("bekeken", "seen"),
        "write" => language.pick("gewijzigd", "changed"),
        other => other,
    }
}

/// The data classes of an audit entry, as people say them.
fn classes_in(what: &str, language: Language) -> String {
    what.split(", ")
        .map(|class| {
            let (nl, en) = match class {
                "name" => ("naam", "name"),
                "details" => ("gegevens", "details"),
                "klantfoto" => ("klantfoto", "client profile"),
                "duties" => ("inspanningspakket", "job search tasks"),
                "appointments" => ("afspraken", "appointments"),
                "notes" => ("notities", "notes"),
                "group_planning" => ("groepsplanning", "group planning"),
                "attendance" => ("aanwezigheid", "attendance"),
                "membership" => ("groep", "group"),
                "slots" => ("tijdstippen", "times"),
                "slot_holder" => ("gekozen tijdstip", "chosen time"),
                "end_goals" => ("eindtermen", "end goals"),
                other => (other, other),
            };
            language.pick(nl, en)
        })
        .collect::<Vec<_>>()
        .join(", ")
}
