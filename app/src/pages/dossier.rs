//! Client files (dossiers): the caseload list for outreach workers and consulents, one file, and
//! the form for the name a client wants to be called by (also on the client's own home screen).
//!
//! Every change goes through `sync`: checked by `shared`, stored on the device, shown at once, sent
//! when there is a connection.

use crate::api_client::{get_audit_trail, SyncFailure};
use crate::auth::{role_in, use_auth, Who};
use crate::files_on_device::answers_in;
use crate::files_on_device::{known_files, preferred_name};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::pages::groups::ClientAttendanceSignals;
use crate::pages::home_visit::{
    crisis_signal, CrisisSignal, HeldAppointments, Notes, PlanAppointment, TodaysVisits,
};
use crate::pages::inspanningspakket::ProgressSummary;
use crate::pages::klantfoto::KlantfotoOverTime;
use crate::pages::next_step::{days_left_in_words, outlook_with, ComingUpList, NextStep};
use crate::permissions::may;
use crate::sync::use_sync;
use crate::sync_view::ReplacedNotice;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::AuditEntry;
use shared::journey::dossier::dossier_of;
use shared::journey::klantfoto::KlantfotoSet;
use shared::preferred_name::{PreferredName, MAX_CHARS};
use shared::role::Role;
use shared::sync::access::{Access, Resource};
use shared::sync::merge::FieldKey;
use shared::sync::record::DataClass;

#[component]
pub fn DossiersPage() -> impl IntoView {
    let auth = use_auth();
    let sync = use_sync();
    let language = use_language();
    // Each file with its name, whether it is urgent, what comes up first and whether absences are
    // signalled. Decisions and signals are read for all files in one pass each (a caseload can be large).
    let files = Memo::new(move |_| {
        sync.replica.with(|replica| {
            let mut decisions = shared::journey::next_step::decisions_by_client(replica);
            let signalled: std::collections::BTreeSet<String> =
                shared::journey::attendance::all_attendance_signals(replica)
                    .into_iter()
                    .map(|signal| signal.client_id)
                    .collect();
            known_files(replica)
                .into_iter()
                .map(|(client_id, name)| {
                    let urgent = KlantfotoSet::embedded().is_urgent(&answers_in(replica, &client_id))
                        || crisis_signal(replica, &client_id).is_some();
                    let own_decisions = decisions.remove(&client_id).unwrap_or_default();
                    let next = outlook_with(replica, &client_id, own_decisions).coming_up.into_iter().next();
                    let absences = signalled.contains(&client_id);
                    (client_id, name, urgent, next, absences)
                })
                .collect::<Vec<_>>()
        })
    });
    // Most pressing first: urgent files, then the soonest date coming up, then by name.
    let files = Memo::new(move |_| {
        files.with(|files| {
            let mut files = files.clone();
            files.sort_by_key(|(_, _, urgent, next, absences)| {
                (!(*urgent || *absences), next.as_ref().map_or(i32::MAX, |item| item.days_left))
            });
            files
        })
    });
    view! {
        <h1>{tr("Dossiers", "Client files")}</h1>
        <TodaysVisits/>
        <p>{tr(
            "De dossiers op dit apparaat. Ook zonder internet kunt u ze openen en aanvullen.",
            "The client files on this device. You can open them and add to them, also offline.",
        )}</p>
        {move || {
            let files = files.get();
            let language = language.get();
            let who = auth.who.get();
            if matches!(who, Who::LoggedIn { .. }) && !may(&who, Resource::Data(DataClass::Name), Access::Read) {
                // A policy maker: no client data at all (nor is any on this device).
                view! { <p id="no-files" role="alert">{tr(
                    "U mag geen dossiers zien. Beleidsmakers zien het beleid en de simulatie, zonder gegevens van cliënten.",
                    "You may not see client files. Policy makers see the policies and the simulation, without clients' data.",
                )}</p> }.into_any()
            } else if files.is_empty() {
                view! { <p id="no-files">{tr("Er staan nog geen dossiers op dit apparaat.", "There are no client files on this device yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="file-list">
                        {files
                            .into_iter()
                            .map(|(client_id, name, urgent, next, absences)| {
                                let href = format!("/dossiers/{client_id}");
                                let name = name.unwrap_or_else(|| language.pick("(nog geen naam)", "(no name yet)").to_owned());
                                let next = next.map(|item| format!(
                                    "{}: {}",
                                    item.what.in_language(language),
                                    days_left_in_words(item.days_left, language)
                                ));
                                view! {
                                    <li>
                                        <A href=href>{name}</A>
                                        {urgent.then(|| view! { <strong class="urgent">{language.pick(" Spoed", " Urgent")}</strong> })}
                                        {absences.then(|| view! { <strong class="urgent">{language.pick(" Verzuim", " Absences")}</strong> })}
                                        {next.map(|text| view! { <span class="next-deadline">{text}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}

#[component]
pub fn DossierPage() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let params = use_params_map();
    let client_id = move || params.with(|p| p.get("client_id").unwrap_or_default());
    let heading = move || {
        sync.replica
            .with(|replica| preferred_name(replica, &client_id()))
            .unwrap_or_else(|| language.get().pick("Dossier", "Client file").to_owned())
    };
    let auth = use_auth();
    let may_see_trail = move || may(&auth.who.get(), Resource::AuditTrail, Access::Read);
    let may_keep_notes = move || may(&auth.who.get(), Resource::Data(DataClass::Notes), Access::Write);
    view! {
        <p><A href="/dossiers">{tr("← Alle dossiers", "← All client files")}</A></p>
        <h1>{heading}</h1>
        {move || view! { <PreferredNameForm client_id=client_id()/> }}
        <p><A href=move || format!("/dossiers/{}/klantfoto", client_id())>{tr("Klantfoto (samen met de cliënt)", "Client profile (together with the client)")}</A></p>
        <p><A href=move || format!("/dossiers/{}/aanvraag", client_id())>{tr("Bijstand aanvragen (samen met de cliënt)", "Apply for benefit (together with the client)")}</A></p>
        {move || may_keep_notes().then(|| view! { <CrisisSignal client_id=client_id()/> })}
        {move || view! { <ComingUpList client_id=client_id()/> }}
        {move || view! { <NextStep client_id=client_id()/> }}
        {move || view! { <ProgressSummary client_id=client_id()/> }}
        {move || view! { <ClientAttendanceSignals client_id=client_id()/> }}
        {move || view! { <KlantfotoOverTime client_id=client_id()/> }}
        {move || may_keep_notes().then(|| view! { <HeldAppointments client_id=client_id()/> })}
        {move || may_keep_notes().then(|| view! { <PlanAppointment client_id=client_id()/> })}
        {move || may_keep_notes().then(|| view! { <Notes client_id=client_id()/> })}
        {move || may_see_trail().then(|| view! { <AuditTrail client_id=client_id()/> })}
    }
}

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

/// The name a client wants to be called by, in their file: a form for whoever may change it, the
/// name only for whoever may just read it.
#[component]
pub fn PreferredNameForm(client_id: String) -> impl IntoView {
    let auth = use_auth();
    let may_change = move || may(&auth.who.get(), Resource::Data(DataClass::Name), Access::Write);
    move || {
        if may_change() {
            view! { <PreferredNameEditor client_id=client_id.clone()/> }.into_any()
        } else {
            let sync = use_sync();
            let client_id = client_id.clone();
            let name = move || sync.replica.with(|replica| preferred_name(replica, &client_id));
            view! { <p id="preferred-name-read-only">{move || name().unwrap_or_default()}</p> }.into_any()
        }
    }
}

#[component]
fn PreferredNameEditor(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let record = dossier_of(&client_id);
    let stored = {
        let client_id = client_id.clone();
        Memo::new(move |_| sync.replica.with(|replica| preferred_name(replica, &client_id)))
    };
    let input = RwSignal::new(stored.get_untracked().unwrap_or_default());
    let input_error = RwSignal::new(None::<Explanation>);
    // Follow the stored name (a pull may bring a newer one) unless the user is typing.
    let typing = RwSignal::new(false);
    Effect::new(move |_| {
        let now = stored.get().unwrap_or_default();
        if !typing.get_untracked() {
            input.set(now);
        }
    });

    let submit_record = record.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = match PreferredName::parse(&input.get_untracked()) {
            Ok(name) => name,
            Err(error) => {
                input_error.set(Some(error.explanation()));
                return;
            }
        };
        input_error.set(None);
        input.set(name.as_str().to_owned());
        let record = submit_record.clone();
        spawn_local(async move {
            match sync.change(record, "preferred_name", name.as_str().into()).await {
                Ok(()) => typing.set(false),
                Err(reason) => input_error.set(Some(reason)),
            }
        });
    };

    view! {
        <form class="card" on:submit=on_submit novalidate>
            <label for="preferred-name">{tr("Hoe wilt u genoemd worden?", "What name do you want to be called by?")}</label>
            <p id="preferred-name-hint" class="hint">
                {move || match language.get() {
                    Language::Dutch => format!("Bijvoorbeeld uw voornaam. Alleen letters, niet meer dan {MAX_CHARS} tekens."),
                    Language::English => format!("For example your first name. Only letters, no more than {MAX_CHARS} characters."),
                }}
            </p>
            <input
                id="preferred-name"
                name="preferred-name"
                type="text"
                autocomplete="nickname"
                aria-describedby="preferred-name-hint preferred-name-error"
                aria-invalid=move || if input_error.get().is_some() { "true" } else { "false" }
                prop:value=move || input.get()
                on:input=move |event| {
                    typing.set(true);
                    input.set(event_target_value(&event));
                }
            />
            <p id="preferred-name-error" class="error" role="alert">
                {say(input_error)}
            </p>
            <button type="submit">{tr("Opslaan", "Save")}</button>
        </form>
        <ReplacedNotice key=FieldKey { record, field: "preferred_name".to_owned() }/>
    }
}
