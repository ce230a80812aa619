//! The inspanningspakket's progress in numbers and words (`shared::journey::inspanningspakket`): on
//! the client's tracker, and on a file for the professionals, with the day the client reported back.

use crate::file_outlook::progress_of;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::dossier::dossier_of;
use shared::journey::inspanningspakket::Progress;
use shared::journey::inspanningspakket_log::{check_reported_back, report_back_days_in_words, text_in};
use shared::law::local_time::date_in_words;

/// The progress in numbers and words: bars, the day to report back by, a reminder.
#[component]
pub fn ProgressView(progress: Progress) -> impl IntoView {
    let language = use_language();
    let bar = move |id: &'static str, (done, of): (u32, u32), nl: &'static str, en: &'static str| {
        let text = move || match language.get() {
            Language::Dutch => format!("{done} van {of} {nl}"),
            Language::English => format!("{done} of {of} {en}"),
        };
        view! {
            <p id=id>{text}</p>
            <progress max=of value=done aria-labelledby=id></progress>
        }
    };
    view! {
        {progress.remind.then(|| view! {
            <p class="crisis-help" role="alert">
                {tr(
                    "Let op: de datum om u terug te melden komt dichtbij. Doe wat nog open staat, of bel de gemeente als het niet lukt.",
                    "Please note: the date to report back is coming close. Do what is still open, or call the municipality if you cannot.",
                )}
            </p>
        })}
        <ReportBackBy progress=progress.clone()/>
        {bar("applications-progress", progress.applications, "sollicitaties", "job applications")}
        {bar("agencies-progress", progress.temp_agencies, "uitzendbureaus", "temp agencies")}
        {bar("documents-progress", progress.documents, "bewijsstukken klaar", "documents ready")}
        {progress.education.map(|done| view! {
            <p id="education-progress">
                {if done {
                    tr("Opleiding bekeken: gedaan.", "Looked into an education: done.")
                } else {
                    tr("Opleiding bekeken: nog niet gedaan.", "Looked into an education: not done yet.")
                }}
            </p>
        })}
    }
}

/// The last day to report back to the municipality, with the days left, once it is known.
#[component]
fn ReportBackBy(progress: Progress) -> impl IntoView {
    let language = use_language();
    progress.report_back_by.map(|by| {
        let left = progress.days_left.unwrap_or(0);
        let text = move || {
            let language = language.get();
            let days = report_back_days_in_words(left, language);
            let date = date_in_words(by, language);
            match language {
                Language::Dutch => format!("Terugmelden bij de gemeente: uiterlijk {date} ({days})."),
                Language::English => {
                    format!("Report back to the municipality: {date} at the latest ({days}).")
                }
            }
        };
        view! { <p id="report-back-by"><strong>{text}</strong></p> }
    })
}

/// For the consulent on the file: the same progress.
#[component]
pub fn ProgressSummary(client_id: String) -> impl IntoView {
    let sync = use_sync();
    move || {
        sync.replica.with(|replica| progress_of(replica, &client_id)).ok().map(|(_, progress)| {
            view! {
                <section class="card" aria-labelledby="package-heading">
                    <h2 id="package-heading">{tr("Inspanningspakket", "Job search tasks")}</h2>
                    <ProgressView progress/>
                    <ReportedBack client_id=client_id.clone()/>
                </section>
            }
        })
    }
}

/// The day the client reported back (terugmelden), set by a professional: from it the
/// rechtmatigheidsgesprek's deadline follows (`coming_up`).
#[component]
fn ReportedBack(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let record = StoredValue::new(dossier_of(&client_id));
    let stored =
        move || sync.replica.with(|replica| text_in(replica, &record.get_value(), "reported_back_on"));
    let day = RwSignal::new(stored());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let chosen = match check_reported_back(&day.get_untracked()) {
            Ok(chosen) => chosen,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let record = record.get_value();
        spawn_local(async move {
            error.set(sync.change(record, "reported_back_on", Value::from(chosen)).await.err());
        });
    };
    view! {
        <form id="reported-back" on:submit=on_submit novalidate>
            <label for="reported-back-on">{tr("Teruggemeld op", "Reported back on")}</label>
            <input id="reported-back-on" type="date" prop:value=move || day.get() on:input=move |e| day.set(event_target_value(&e))/>
            <p class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Terugmelding opslaan", "Save reporting back")}</button>
        </form>
    }
}
