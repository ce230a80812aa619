//! The tracker's lists: the job applications logged so far, newest first, and the policy's
//! documents to tick as ready (`shared::journey::inspanningspakket_log`).

use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::inspanningspakket_log::{
    applications_of, document_ready, document_record, outcome_in, Logged,
};
use shared::law::policy::RequiredDocument;

#[component]
pub fn ApplicationList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let rows = move || {
        let language = language.get();
        sync.replica
            .with(|replica| applications_of(replica, &client_id))
            .into_iter()
            .map(|Logged { applied_on, employer, job, outcome }| {
                (applied_on, employer, job, outcome_in(&outcome, language).to_owned())
            })
            .collect::<Vec<_>>()
    };
    view! {
        <h2>{tr("Uw sollicitaties", "Your job applications")}</h2>
        <ul id="applications">
            {move || rows().into_iter().map(|(on, employer, job, outcome)| view! {
                <li>{match language.get() {
                    Language::Dutch => format!("{on}: {job} bij {employer} ({outcome})"),
                    Language::English => format!("{on}: {job} at {employer} ({outcome})"),
                }}</li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn DocumentChecklist(client_id: String, documents: Vec<RequiredDocument>) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let ready = move |document: &str| {
        sync.replica.with(|replica| document_ready(replica, &client.get_value(), document))
    };
    view! {
        <fieldset class="card field">
            <legend><h2>{tr("Bewijsstukken voor het gesprek", "Documents for the interview")}</h2></legend>
            <p class="hint">{tr("Vink aan wat u al klaar heeft liggen.", "Tick what you already have ready.")}</p>
            {documents.into_iter().map(|document| {
                let id = StoredValue::new(document.id.clone());
                view! {
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            prop:checked=move || ready(&id.get_value())
                            on:change=move |e| {
                                let checked = event_target_checked(&e);
                                let record = document_record(&client.get_value(), &id.get_value());
                                spawn_local(async move {
                                    let _ = sync.change(record, "ready", Value::Bool(checked)).await;
                                });
                            }
                        />
                        {move || document.label.in_language(language.get()).to_owned()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
