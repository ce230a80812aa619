//! The inspanningspakket tracker: what a new applicant does before the eligibility interview, as
//! the municipality's policy asks (Tilburg: 20 job applications, temp agencies, documents, report
//! back within 4 weeks). The client logs applications and agencies and ticks documents, offline too;
//! progress bars, a countdown and a reminder; when everything is done, the way to book the
//! rechtmatigheidsgesprek. The consulent sees the same progress on the file (`ProgressSummary`).

use crate::pages::dossier::{own_file, situation_of, today, NoOwnFileYet};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::appointment::{month_in_dutch, weekday_in_dutch};
use shared::calendar::Date;
use shared::inspanningspakket::{progress, Done, Progress};
use shared::merge::{FieldView, Replica};
use shared::policy::{embedded_policies, policy_on, PolicyProfile};
use shared::record::{Owner, RecordKind, RecordRef};

/// The file's policy and progress, or why there is none.
fn progress_of(
    replica: &Replica,
    client_id: &str,
) -> Result<(&'static PolicyProfile, Progress), &'static str> {
    let situation = situation_of(replica, client_id);
    let today = today();
    let municipality = situation
        .municipality
        .ok_or("Uw gemeente staat nog niet in uw dossier. Vraag uw consulent welke opdracht u heeft.")?;
    let application_date = situation.application_date;
    let policy = policy_on(embedded_policies(), &municipality, application_date.unwrap_or(today))
        .ok_or("Uw gemeente heeft geen inspanningspakket in deze app.")?;
    let age = situation.birth_date.map(|birth| today.whole_months_since(birth) / 12);
    let done = done_in(replica, client_id);
    let progress = progress(policy, &done, application_date, age, today)
        .ok_or("Uw gemeente heeft geen inspanningspakket in deze app.")?;
    Ok((policy, progress))
}

/// What this client logged, counted from the records on this device.
fn done_in(replica: &Replica, client_id: &str) -> Done {
    let owned = |record: &RecordRef| record.owner == Owner::Client { client_id: client_id.to_owned() };
    let count = |kind| replica.records_of_kind(kind).keys().filter(|record| owned(record)).count() as u32;
    let documents_ready = replica
        .records_of_kind(RecordKind::DocumentReady)
        .into_iter()
        .filter(|(record, fields)| {
            owned(record) && fields.get("ready") == Some(&FieldView::Value(Value::Bool(true)))
        })
        .filter_map(|(record, _)| record.id.split_once('.').map(|(_, document)| document.to_owned()))
        .collect();
    Done {
        applications: count(RecordKind::JobApplication),
        temp_agencies: count(RecordKind::AgencyRegistration),
        documents_ready,
    }
}

fn new_record(kind: RecordKind, client_id: &str) -> RecordRef {
    RecordRef {
        kind,
        id: crate::sync_store::random_uuid(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// `/inspanningspakket`: the client's own.
#[component]
pub fn InspanningspakketPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Tracker client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title="Inspanningspakket"/> }.into_any(),
    }
}

#[component]
fn Tracker(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let state = Memo::new(move |_| {
        sync.replica.with(|replica| {
            client.with_value(|id| {
                progress_of(replica, id).map(|(policy, progress)| (policy.id.clone(), progress))
            })
        })
    });
    let content = move || match state.get() {
        Err(reason) => view! { <p>{reason}</p> }.into_any(),
        Ok((policy_id, progress)) => {
            let policy =
                embedded_policies().iter().find(|p| p.id == policy_id).expect("the policy was found");
            let package = policy.inspanningspakket.as_ref().expect("the policy has a package");
            view! {
                <ProgressView progress=progress.clone()/>
                {progress.complete.then(|| view! {
                    <div class="card" role="status">
                        <p><strong>"Alles gedaan! Maak nu een afspraak voor het rechtmatigheidsgesprek."</strong></p>
                        <a class="button" href="/afspraken">"Afspraak maken"</a>
                    </div>
                })}
                {progress.look_into_education.then(|| view! {
                    <p class="notice">"U bent jonger dan 27. Kijk ook naar een opleiding die bij u past, zeker als u nog geen diploma op mbo-2-niveau of hoger heeft."</p>
                })}
                <ApplicationForm client_id=client.get_value()/>
                <ApplicationList client_id=client.get_value()/>
                <AgencyForm client_id=client.get_value()/>
                <DocumentChecklist client_id=client.get_value() documents=package.documents.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <h1>"Inspanningspakket"</h1>
        <p>"Dit doet u voordat de gemeente beslist over uw uitkering. Alles wat u hier invult, wordt meteen bewaard, ook zonder internet."</p>
        {content}
    }
}

/// The progress in numbers and words: bars, the day to report back by, a reminder.
#[component]
pub fn ProgressView(progress: Progress) -> impl IntoView {
    let bar = |id: &'static str, (done, of): (u32, u32), what: &str| {
        let text = format!("{done} van {of} {what}");
        view! {
            <p id=id>{text.clone()}</p>
            <progress max=of value=done aria-labelledby=id></progress>
        }
    };
    let deadline = progress.report_back_by.map(|by| {
        let left = progress.days_left.unwrap_or(0);
        let days = match left {
            l if l < 0 => "die dag is voorbij".to_owned(),
            0 => "dat is vandaag".to_owned(),
            1 => "nog 1 dag".to_owned(),
            l => format!("nog {l} dagen"),
        };
        view! { <p id="report-back-by"><strong>{format!("Terugmelden bij de gemeente: uiterlijk {} ({days}).", in_words(by))}</strong></p> }
    });
    view! {
        {progress.remind.then(|| view! {
            <p class="crisis-help" role="alert">
                "Let op: de datum om u terug te melden komt dichtbij. Doe wat nog open staat, of bel de gemeente als het niet lukt."
            </p>
        })}
        {deadline}
        {bar("applications-progress", progress.applications, "sollicitaties")}
        {bar("agencies-progress", progress.temp_agencies, "uitzendbureaus")}
        {bar("documents-progress", progress.documents, "bewijsstukken klaar")}
    }
}

/// For the consulent on the file: the same progress.
#[component]
pub fn ProgressSummary(client_id: String) -> impl IntoView {
    let sync = use_sync();
    move || {
        sync.replica.with(|replica| progress_of(replica, &client_id)).ok().map(|(_, progress)| {
            view! {
                <section class="card" aria-labelledby="package-heading">
                    <h2 id="package-heading">"Inspanningspakket"</h2>
                    <ProgressView progress/>
                </section>
            }
        })
    }
}

/// "maandag 30 november 2026"
fn in_words(date: Date) -> String {
    format!(
        "{} {} {} {}",
        weekday_in_dutch(date.weekday()),
        date.day(),
        month_in_dutch(date.month()),
        date.year()
    )
}

#[component]
fn ApplicationForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let applied_on = RwSignal::new(today().to_string());
    let employer = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let how = RwSignal::new("website".to_owned());
    let error = RwSignal::new(None::<String>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let record = new_record(RecordKind::JobApplication, &client.get_value());
        let fields = [
            ("applied_on", Value::from(applied_on.get_untracked())),
            ("employer", Value::from(employer.get_untracked().trim())),
            ("job", Value::from(job.get_untracked().trim())),
            ("how", Value::from(how.get_untracked())),
            ("outcome", Value::from("waiting")),
        ];
        spawn_local(async move {
            // One push; shared checks every field before any of this application is stored.
            let changes =
                fields.into_iter().map(|(field, value)| (record.clone(), field.to_owned(), value)).collect();
            if let Err(reason) = sync.change_all(changes).await {
                error.set(Some(reason.nl));
                return;
            }
            error.set(None);
            employer.set(String::new());
            job.set(String::new());
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>"Sollicitatie toevoegen"</h2>
            <label for="applied-on">"Datum"</label>
            <input id="applied-on" type="date" prop:value=move || applied_on.get() on:input=move |e| applied_on.set(event_target_value(&e))/>
            <label for="employer">"Bij welk bedrijf?"</label>
            <input id="employer" type="text" autocomplete="organization" prop:value=move || employer.get() on:input=move |e| employer.set(event_target_value(&e))/>
            <label for="job">"Welk werk?"</label>
            <input id="job" type="text" prop:value=move || job.get() on:input=move |e| job.set(event_target_value(&e))/>
            <label for="how">"Hoe heeft u gesolliciteerd?"</label>
            <select id="how" on:change=move |e| how.set(event_target_value(&e))>
                <option value="website" selected=true>"Via een website"</option>
                <option value="email">"Met een e-mail"</option>
                <option value="letter">"Met een brief"</option>
                <option value="phone">"Gebeld"</option>
                <option value="in_person">"Langs geweest"</option>
            </select>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit">"Sollicitatie opslaan"</button>
        </form>
    }
}

#[component]
fn ApplicationList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let rows = move || {
        let owner = Owner::Client { client_id: client_id.clone() };
        let mut applications: Vec<(String, String, String, String)> = sync.replica.with(|replica| {
            replica
                .records_of_kind(RecordKind::JobApplication)
                .into_iter()
                .filter(|(record, _)| record.owner == owner)
                .map(|(_, fields)| {
                    let text = |name: &str| match fields.get(name) {
                        Some(FieldView::Value(Value::String(text))) => text.clone(),
                        _ => String::new(),
                    };
                    (
                        text("applied_on"),
                        text("employer"),
                        text("job"),
                        outcome_in_dutch(&text("outcome")).to_owned(),
                    )
                })
                .collect()
        });
        applications.sort_by(|a, b| b.0.cmp(&a.0));
        applications
    };
    view! {
        <h2>"Uw sollicitaties"</h2>
        <ul id="applications">
            {move || rows().into_iter().map(|(on, employer, job, outcome)| view! {
                <li>{format!("{on}: {job} bij {employer} ({outcome})")}</li>
            }).collect_view()}
        </ul>
    }
}

fn outcome_in_dutch(outcome: &str) -> &str {
    match outcome {
        "invited" => "uitgenodigd voor een gesprek",
        "rejected" => "afgewezen",
        "hired" => "aangenomen",
        _ => "wacht op antwoord",
    }
}

#[component]
fn AgencyForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let agency = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = agency.get_untracked().trim().to_owned();
        let record = new_record(RecordKind::AgencyRegistration, &client.get_value());
        spawn_local(async move {
            let changes = vec![
                (record.clone(), "agency".to_owned(), Value::from(name)),
                (record, "registered_on".to_owned(), Value::from(today().to_string())),
            ];
            if let Err(reason) = sync.change_all(changes).await {
                error.set(Some(reason.nl));
                return;
            }
            error.set(None);
            agency.set(String::new());
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>"Ingeschreven bij een uitzendbureau"</h2>
            <label for="agency">"Naam van het uitzendbureau"</label>
            <input id="agency" type="text" prop:value=move || agency.get() on:input=move |e| agency.set(event_target_value(&e))/>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit">"Opslaan"</button>
        </form>
    }
}

#[component]
fn DocumentChecklist(client_id: String, documents: Vec<shared::policy::RequiredDocument>) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let ready = move |document: &str| {
        let record = document_record(&client.get_value(), document);
        sync.replica.with(|replica| replica.view(&record, "ready"))
            == Some(FieldView::Value(Value::Bool(true)))
    };
    view! {
        <fieldset class="card field">
            <legend><h2>"Bewijsstukken voor het gesprek"</h2></legend>
            <p class="hint">"Vink aan wat u al klaar heeft liggen."</p>
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
                        {document.label.nl.clone()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn document_record(client_id: &str, document: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::DocumentReady,
        id: format!("{client_id}.{document}"),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}
