//! The inspanningspakket tracker: what a new applicant does before the eligibility interview, as
//! the municipality's policy asks (Tilburg: 20 job applications, temp agencies, documents, report
//! back within 4 weeks). The client logs applications and agencies and ticks documents, offline too;
//! progress bars, a countdown and a reminder; when everything is done, the way to book the
//! rechtmatigheidsgesprek. The consulent sees the same progress on the file (`ProgressSummary`).

use crate::clock::today;
use crate::files_on_device::{own_file, NoOwnFileYet};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::inspanningspakket::{education_record, progress_in, NoProgress, Progress};
use shared::law::local_time::date_in_words;
use shared::law::policy::{embedded_policies, PolicyProfile};
use shared::sync::merge::{FieldView, Replica};
use shared::sync::record::{Owner, RecordKind, RecordRef};

/// The file's policy and progress, or why there is none (decided in `shared::journey::inspanningspakket`).
fn progress_of(
    replica: &Replica,
    client_id: &str,
) -> Result<(&'static PolicyProfile, Progress), Explanation> {
    progress_in(replica, client_id, today()).map_err(|why| match why {
        NoProgress::MunicipalityUnknown => Explanation::new(
            "Uw gemeente staat nog niet in uw dossier. Vraag uw consulent welke opdracht u heeft.",
            "Your municipality is not in your file yet. Ask your consultant what you need to do.",
        ),
        NoProgress::NoPackage => Explanation::new(
            "Uw gemeente heeft geen inspanningspakket in deze app.",
            "Your municipality has no job search tasks in this app.",
        ),
    })
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
        None => view! { <NoOwnFileYet title=tr("Inspanningspakket", "Job search tasks")/> }.into_any(),
    }
}

#[component]
fn Tracker(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let state = Memo::new(move |_| {
        sync.replica.with(|replica| {
            client.with_value(|id| {
                progress_of(replica, id).map(|(policy, progress)| (policy.id.clone(), progress))
            })
        })
    });
    let content = move || match state.get() {
        Err(reason) => view! { <p>{move || reason.in_language(language.get()).to_owned()}</p> }.into_any(),
        Ok((policy_id, progress)) => {
            let policy =
                embedded_policies().iter().find(|p| p.id == policy_id).expect("the policy was found");
            let package = policy.inspanningspakket.as_ref().expect("the policy has a package");
            view! {
                <ProgressView progress=progress.clone()/>
                {progress.complete.then(|| view! {
                    <div class="card" role="status">
                        <p><strong>{tr(
                            "Alles gedaan! Maak nu een afspraak voor het rechtmatigheidsgesprek.",
                            "All done! Now make an appointment for the eligibility interview.",
                        )}</strong></p>
                        <a class="button" href="/afspraken">{tr("Afspraak maken", "Make an appointment")}</a>
                    </div>
                })}
                {progress.education.is_some().then(|| view! { <EducationForm client_id=client.get_value()/> })}
                <ApplicationForm client_id=client.get_value()/>
                <ApplicationList client_id=client.get_value()/>
                <AgencyForm client_id=client.get_value()/>
                <DocumentChecklist client_id=client.get_value() documents=package.documents.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <h1>{tr("Inspanningspakket", "Job search tasks")}</h1>
        <p>{tr(
            "Dit doet u voordat de gemeente beslist over uw uitkering. Alles wat u hier invult, wordt meteen bewaard, ook zonder internet.",
            "You do this before the municipality decides about your benefit. Everything you fill in here is saved at once, also offline.",
        )}</p>
        {content}
    }
}

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
    let deadline = progress.report_back_by.map(|by| {
        let left = progress.days_left.unwrap_or(0);
        let text = move || {
            let language = language.get();
            let days = match (left, language) {
                (l, Language::Dutch) if l < 0 => "die dag is voorbij".to_owned(),
                (l, Language::English) if l < 0 => "that day has passed".to_owned(),
                (0, _) => language.pick("dat is vandaag", "that is today").to_owned(),
                (1, _) => language.pick("nog 1 dag", "1 day left").to_owned(),
                (l, Language::Dutch) => format!("nog {l} dagen"),
                (l, Language::English) => format!("{l} days left"),
            };
            let date = date_in_words(by, language);
            match language {
                Language::Dutch => format!("Terugmelden bij de gemeente: uiterlijk {date} ({days})."),
                Language::English => {
                    format!("Report back to the municipality: {date} at the latest ({days}).")
                }
            }
        };
        view! { <p id="report-back-by"><strong>{text}</strong></p> }
    });
    view! {
        {progress.remind.then(|| view! {
            <p class="crisis-help" role="alert">
                {tr(
                    "Let op: de datum om u terug te melden komt dichtbij. Doe wat nog open staat, of bel de gemeente als het niet lukt.",
                    "Please note: the date to report back is coming close. Do what is still open, or call the municipality if you cannot.",
                )}
            </p>
        })}
        {deadline}
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

/// Young applicants also look into an education (Tilburg: under 27): they write down what they
/// looked into, which marks the duty done.
#[component]
fn EducationForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let record = StoredValue::new(education_record(&client_id));
    let stored_note = move || {
        sync.replica.with(|replica| match replica.view(&record.get_value(), "note") {
            Some(FieldView::Value(Value::String(note))) => note,
            _ => String::new(),
        })
    };
    let note = RwSignal::new(stored_note());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let text = note.get_untracked().trim().to_owned();
        let unfilled = first_empty(&[(
            text.clone(),
            "Schrijf op welke opleiding u heeft bekeken.",
            "Write down which education you looked into.",
        )]);
        if unfilled.is_some() {
            error.set(unfilled);
            return;
        }
        let record = record.get_value();
        spawn_local(async move {
            let changes = vec![
                (record.clone(), "title".to_owned(), Value::from("Kijken naar een opleiding")),
                (record.clone(), "note".to_owned(), Value::from(text)),
                (record, "done_on".to_owned(), Value::from(today().to_string())),
            ];
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
    let record = StoredValue::new(shared::journey::dossier::dossier_of(&client_id));
    let stored = move || {
        sync.replica.with(|replica| match replica.view(&record.get_value(), "reported_back_on") {
            Some(FieldView::Value(Value::String(day))) => day,
            _ => String::new(),
        })
    };
    let day = RwSignal::new(stored());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let chosen = day.get_untracked();
        if shared::law::calendar::Date::parse_iso(&chosen).is_err() {
            error.set(Some(Explanation::new("Vul een datum in.", "Fill in a date.")));
            return;
        }
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

/// What to fill in first, for the first of a form's required texts that is empty (before `shared`
/// checks the values, whose messages name fields by their code).
fn first_empty(required: &[(String, &str, &str)]) -> Option<Explanation> {
    required
        .iter()
        .find(|(value, _, _)| value.trim().is_empty())
        .map(|(_, nl, en)| Explanation::new(*nl, *en))
}

#[component]
fn ApplicationForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let applied_on = RwSignal::new(today().to_string());
    let employer = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let how = RwSignal::new("website".to_owned());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let unfilled = first_empty(&[
            (
                employer.get_untracked(),
                "Vul in bij welk bedrijf u solliciteerde.",
                "Fill in at which company you applied.",
            ),
            (
                job.get_untracked(),
                "Vul in op welk werk u solliciteerde.",
                "Fill in which job you applied for.",
            ),
        ]);
        if unfilled.is_some() {
            error.set(unfilled);
            return;
        }
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
fn ApplicationList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let rows = move || {
        let language = language.get();
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
                        outcome_in(&text("outcome"), language).to_owned(),
                    )
                })
                .collect()
        });
        applications.sort_by(|a, b| b.0.cmp(&a.0));
        applications
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

fn outcome_in(outcome: &str, language: Language) -> &'static str {
    match outcome {
        "invited" => language.pick("uitgenodigd voor een gesprek", "invited for an interview"),
        "rejected" => language.pick("afgewezen", "turned down"),
        "hired" => language.pick("aangenomen", "hired"),
        _ => language.pick("wacht op antwoord", "waiting for an answer"),
    }
}

#[component]
fn AgencyForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let client = StoredValue::new(client_id);
    let agency = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = agency.get_untracked().trim().to_owned();
        let unfilled = first_empty(&[(
            name.clone(),
            "Vul de naam van het uitzendbureau in.",
            "Fill in the name of the temp agency.",
        )]);
        if unfilled.is_some() {
            error.set(unfilled);
            return;
        }
        let record = new_record(RecordKind::AgencyRegistration, &client.get_value());
        spawn_local(async move {
            let changes = vec![
                (record.clone(), "agency".to_owned(), Value::from(name)),
                (record, "registered_on".to_owned(), Value::from(today().to_string())),
            ];
            if let Err(reason) = sync.change_all(changes).await {
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

#[component]
fn DocumentChecklist(
    client_id: String,
    documents: Vec<shared::law::policy::RequiredDocument>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let ready = move |document: &str| {
        let record = document_record(&client.get_value(), document);
        sync.replica.with(|replica| replica.view(&record, "ready"))
            == Some(FieldView::Value(Value::Bool(true)))
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

fn document_record(client_id: &str, document: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::DocumentReady,
        id: format!("{client_id}.{document}"),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}
