//! The tracker's forms: the education a young applicant looked into, a job application, a temp
//! agency. What each checks and writes is `shared::journey::inspanningspakket_log`; every change
//! goes through `sync`, saved on the device first.

use crate::clock::today;
use crate::i18n::{say, tr, Explanation};
use crate::new_record::{changes_in, new_record};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::inspanningspakket::education_record;
use shared::journey::inspanningspakket_log::{
    agency_fields, application_fields, education_fields, education_note, ApplicationDraft,
};
use shared::sync::record::RecordKind;

/// Young applicants also look into an education (Tilburg: under 27): they write down what they
/// looked into, which marks the duty done.
#[component]
pub fn EducationForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let record = StoredValue::new(education_record(&client_id));
    let note = RwSignal::new(sync.replica.with(|replica| education_note(replica, &client_id)));
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let fields = match education_fields(&note.get_untracked(), today()) {
            Ok(fields) => fields,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let changes = changes_in(&record.get_value(), fields);
        spawn_local(async move {
            error.set(sync.change_all(changes).await.err());
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Kijk ook naar een opleiding", "Also look into an education")}</h2>
            <p>{tr(
                "U bent jonger dan 27. Kijk daarom ook naar een opleiding die bij u past, zeker als u nog geen diploma op mbo-2-niveau of hoger heeft.",
                "You are younger than 27. So also look for an education that suits you, certainly if you do not have a diploma at MBO level 2 or higher yet.",
            )}</p>
            <label for="education-note">{tr("Welke opleiding heeft u bekeken?", "Which education did you look into?")}</label>
            <textarea id="education-note" rows="3" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
            <p class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Opleiding opslaan", "Save education")}</button>
        </form>
    }
}

#[component]
pub fn ApplicationForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let applied_on = RwSignal::new(today().to_string());
    let employer = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let how = RwSignal::new("website".to_owned());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let draft = ApplicationDraft {
            applied_on: applied_on.get_untracked(),
            employer: employer.get_untracked(),
            job: job.get_untracked(),
            how: how.get_untracked(),
        };
        let fields = match application_fields(&draft) {
            Ok(fields) => fields,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let record = new_record(RecordKind::JobApplication, &client.get_value());
        spawn_local(async move {
            // One push; shared checks every field before any of this application is stored.
            if let Err(reason) = sync.change_all(changes_in(&record, fields)).await {
                error.set(Some(reason));
                return;
            }
            error.set(None);
            employer.set(String::new());
            job.set(String::new());
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Sollicitatie toevoegen", "Add a job application")}</h2>
            <label for="applied-on">{tr("Datum", "Date")}</label>
            <input id="applied-on" type="date" prop:value=move || applied_on.get() on:input=move |e| applied_on.set(event_target_value(&e))/>
            <label for="employer">{tr("Bij welk bedrijf?", "At which company?")}</label>
            <input id="employer" type="text" autocomplete="organization" prop:value=move || employer.get() on:input=move |e| employer.set(event_target_value(&e))/>
            <label for="job">{tr("Welk werk?", "What job?")}</label>
            <input id="job" type="text" prop:value=move || job.get() on:input=move |e| job.set(event_target_value(&e))/>
            <label for="how">{tr("Hoe heeft u gesolliciteerd?", "How did you apply?")}</label>
            <select id="how" on:change=move |e| how.set(event_target_value(&e))>
                <option value="website" selected=true>{tr("Via een website", "On a website")}</option>
                <option value="email">{tr("Met een e-mail", "By email")}</option>
                <option value="letter">{tr("Met een brief", "By letter")}</option>
                <option value="phone">{tr("Gebeld", "By phone")}</option>
                <option value="in_person">{tr("Langs geweest", "In person")}</option>
            </select>
            <p class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Sollicitatie opslaan", "Save job application")}</button>
        </form>
    }
}

#[component]
pub fn AgencyForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let agency = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let fields = match agency_fields(&agency.get_untracked(), today()) {
            Ok(fields) => fields,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let record = new_record(RecordKind::AgencyRegistration, &client.get_value());
        spawn_local(async move {
            if let Err(reason) = sync.change_all(changes_in(&record, fields)).await {
                error.set(Some(reason));
                return;
            }
            error.set(None);
            agency.set(String::new());
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Ingeschreven bij een uitzendbureau", "Signed up with a temp agency")}</h2>
            <label for="agency">{tr("Naam van het uitzendbureau", "Name of the temp agency")}</label>
            <input id="agency" type="text" prop:value=move || agency.get() on:input=move |e| agency.set(event_target_value(&e))/>
            <p class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Opslaan", "Save")}</button>
        </form>
    }
}
