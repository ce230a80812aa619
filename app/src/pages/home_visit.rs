//! What an outreach worker (or consulent) does on a client file during a home visit, offline as
//! well: notes, a crisis signal, and the next appointment. Every change goes through `sync`, so it
//! is stored on the tablet first and sent when there is a connection. Notes and the crisis signal
//! are data class `notes`: never shown to the client or a trainer.

use crate::auth::{use_auth, Who};
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use crate::sync_store::random_uuid;
use crate::sync_view::ReplacedNotice;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::appointment::{Appointment, AppointmentStatus};
use shared::journey::dossier::dossier_of;
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::sync::merge::{FieldKey, FieldView, Register, Replica};
use shared::sync::record::{Owner, RecordKind, RecordRef};

/// The crisis signal on a file, if a professional raised one.
pub fn crisis_signal(replica: &Replica, client_id: &str) -> Option<String> {
    match replica.view(&dossier_of(client_id), "crisis_signal") {
        Some(FieldView::Value(Value::String(what))) => Some(what),
        _ => None,
    }
}

/// A note as the device has it: who wrote it and when (their clock), newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Note {
    text: String,
    by: String,
    at_ms: u64,
}

fn notes_of(replica: &Replica, client_id: &str) -> Vec<Note> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut notes: Vec<Note> = replica
        .fields
        .iter()
        .filter(|(key, _)| {
            key.record.kind == RecordKind::Note && key.record.owner == owner && key.field == "text"
        })
        .filter_map(|(_, register)| match register {
            Register::LastWriterWins { write } => Some(Note {
                text: write.value.as_str()?.to_owned(),
                by: write.author.clone(),
                at_ms: write.hlc.wall_ms,
            }),
            _ => None,
        })
        .collect();
    notes.sort_by_key(|note| std::cmp::Reverse(note.at_ms));
    notes
}

fn record_of(kind: RecordKind, client_id: &str) -> RecordRef {
    RecordRef { kind, id: random_uuid(), owner: Owner::Client { client_id: client_id.to_owned() } }
}

/// Raise or clear the crisis signal: the consulent sees the file as urgent at once after sync.
#[component]
pub fn CrisisSignal(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let current =
        Memo::new(move |_| sync.replica.with(|replica| client.with_value(|id| crisis_signal(replica, id))));
    let what = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let set = move |value: Value| {
        let record = dossier_of(&client.get_value());
        spawn_local(async move {
            match sync.change(record, "crisis_signal", value).await {
                Ok(()) => {
                    error.set(None);
                    what.set(String::new());
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let text = what.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some(Explanation::new(
                "Schrijf kort op wat er aan de hand is.",
                "Write down briefly what is wrong.",
            )));
            return;
        }
        set(Value::from(text));
    };
    let key = FieldKey { record: dossier_of(&client.get_value()), field: "crisis_signal".to_owned() };
    view! {
        <section class="card" aria-labelledby="crisis-heading">
            <h2 id="crisis-heading">{tr("Crisis", "Crisis")}</h2>
            <ReplacedNotice key/>
            {move || match current.get() {
                Some(signal) => view! {
                    <p class="crisis-help" role="alert" id="crisis-signal">
                        {move || match language.get() {
                            Language::Dutch => format!("Crisis gemeld: {signal}"),
                            Language::English => format!("Crisis reported: {signal}"),
                        }}
                    </p>
                    <button type="button" on:click=move |_| set(Value::Null)>{tr("De crisis is opgelost", "The crisis is solved")}</button>
                }
                .into_any(),
                None => view! {
                    <form on:submit=on_submit novalidate>
                        <label for="crisis-what">{tr("Wat is er aan de hand?", "What is wrong?")}</label>
                        <input id="crisis-what" type="text" prop:value=move || what.get() on:input=move |e| what.set(event_target_value(&e))/>
                        <button type="submit">{tr("Crisis melden", "Report a crisis")}</button>
                    </form>
                }
                .into_any(),
            }}
            <p class="error" role="alert">{say(error)}</p>
        </section>
    }
}

/// Notes on the file, newest first, and a form to add one.
#[component]
pub fn Notes(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let notes =
        Memo::new(move |_| sync.replica.with(|replica| client.with_value(|id| notes_of(replica, id))));
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let note = text.get_untracked().trim().to_owned();
        if note.is_empty() {
            error.set(Some(Explanation::new("Schrijf eerst een notitie.", "Write a note first.")));
            return;
        }
        let record = record_of(RecordKind::Note, &client.get_value());
        spawn_local(async move {
            match sync.change(record, "text", Value::from(note)).await {
                Ok(()) => {
                    error.set(None);
                    text.set(String::new());
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{tr("Notities", "Notes")}</h2>
            <form on:submit=on_submit novalidate>
                <label for="note-text">{tr("Nieuwe notitie", "New note")}</label>
                <textarea id="note-text" rows="3" prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                <p class="error" role="alert">{say(error)}</p>
                <button type="submit">{tr("Notitie opslaan", "Save note")}</button>
            </form>
            <ul id="notes">
                {move || {
                    let language = language.get();
                    notes.get().into_iter().map(|note| {
                        let when = LocalDateTime::from_utc_ms(note.at_ms as i64);
                        view! {
                            <li>
                                <p>{note.text}</p>
                                <p class="hint">{format!("{} · {} {:02}:{:02}", note.by, date_in_words(when.date, language), when.hour(), when.minute())}</p>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// Plans the next appointment with the client (a home visit by default), with the one planning it.
#[component]
pub fn PlanAppointment(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let date = RwSignal::new(today().plus_days(7).to_string());
    let time = RwSignal::new("10:00".to_owned());
    let kind = RwSignal::new("home_visit".to_owned());
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let planned = RwSignal::new(None::<LocalDateTime>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        planned.set(None);
        let Some(starts_at) =
            LocalDateTime::parse(&format!("{}T{}", date.get_untracked(), time.get_untracked()))
        else {
            error.set(Some(Explanation::new("Vul een datum en een tijd in.", "Fill in a date and a time.")));
            return;
        };
        let where_ = place.get_untracked().trim().to_owned();
        if where_.is_empty() {
            error.set(Some(Explanation::new(
                "Vul in waar de afspraak is (bij een huisbezoek: bij de cliënt thuis).",
                "Fill in where the appointment is (for a home visit: at the client's home).",
            )));
            return;
        }
        let with_whom = match auth.who.get_untracked() {
            Who::LoggedIn { subject, .. } => subject,
            _ => String::new(),
        };
        let record = record_of(RecordKind::Appointment, &client.get_value());
        let changes = [
            ("starts_at", Value::from(starts_at.to_string())),
            ("duration_minutes", Value::from(60)),
            ("place", Value::from(where_)),
            ("with_whom", Value::from(with_whom)),
            ("kind", Value::from(kind.get_untracked())),
            ("status", Value::from("planned")),
        ]
        .into_iter()
        .map(|(field, value)| (record.clone(), field.to_owned(), value))
        .collect();
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    error.set(None);
                    planned.set(Some(starts_at));
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form class="card" id="plan-appointment" on:submit=on_submit novalidate>
            <h2>{tr("Volgende afspraak plannen", "Plan the next appointment")}</h2>
            <label for="plan-kind">{tr("Soort afspraak", "Kind of appointment")}</label>
            <select id="plan-kind" on:change=move |e| kind.set(event_target_value(&e))>
                <option value="home_visit" selected=true>{tr("Huisbezoek", "Home visit")}</option>
                <option value="intake">{tr("Intakegesprek", "Intake interview")}</option>
                <option value="other">{tr("Andere afspraak", "Other appointment")}</option>
            </select>
            <label for="plan-date">{tr("Datum", "Date")}</label>
            <input id="plan-date" type="date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e))/>
            <label for="plan-time">{tr("Tijd", "Time")}</label>
            <input id="plan-time" type="time" prop:value=move || time.get() on:input=move |e| time.set(event_target_value(&e))/>
            <label for="plan-place">{tr("Waar?", "Where?")}</label>
            <input id="plan-place" type="text" prop:value=move || place.get() on:input=move |e| place.set(event_target_value(&e))/>
            <p class="error" role="alert">{say(error)}</p>
            <p class="notice" role="status" id="planned">{move || planned.get().map(|at| match language.get() {
                Language::Dutch => format!("Gepland: {} om {:02}:{:02}.", date_in_words(at.date, Language::Dutch), at.hour(), at.minute()),
                Language::English => format!("Planned: {} at {:02}:{:02}.", date_in_words(at.date, Language::English), at.hour(), at.minute()),
            })}</p>
            <button type="submit">{tr("Afspraak plannen", "Plan the appointment")}</button>
        </form>
    }
}

/// The file's appointments of today and before that were not cancelled, latest first (at most 5),
/// each marked held or not (`Appointment::held`: what the professional who held it says).
fn appointments_to_confirm(replica: &Replica, client_id: &str) -> Vec<Appointment> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let today = today();
    let mut appointments: Vec<Appointment> = replica
        .records_of_kind(RecordKind::Appointment)
        .into_keys()
        .filter(|record| record.owner == owner)
        .filter_map(|record| Appointment::from_replica(replica, &record))
        .filter(|a| a.status == AppointmentStatus::Planned && a.starts_at.date <= today)
        .collect();
    appointments.sort_by_key(|a| std::cmp::Reverse(a.starts_at));
    appointments.truncate(5);
    appointments
}

/// The professional says that an appointment took place (a home visit done): the appointment's
/// `held`, which the worker passes on to the municipality as a klantcontact (without notes).
#[component]
pub fn HeldAppointments(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let appointments = Memo::new(move |_| {
        sync.replica.with(|replica| client.with_value(|id| appointments_to_confirm(replica, id)))
    });
    let error = RwSignal::new(None::<Explanation>);
    let mark_held = move |record: RecordRef| {
        spawn_local(async move {
            match sync.change(record, "held", Value::Bool(true)).await {
                Ok(()) => error.set(None),
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="held-heading">
            <h2 id="held-heading">{tr("Is de afspraak doorgegaan?", "Did the appointment take place?")}</h2>
            <p class="hint">{tr(
                "Een afspraak die is doorgegaan, geven we door aan de gemeente als contactmoment (zonder notities).",
                "An appointment that took place is passed on to the municipality as a contact moment (without notes).",
            )}</p>
            {move || {
                let appointments = appointments.get();
                if appointments.is_empty() {
                    return view! { <p>{tr("Er zijn geen afspraken van vandaag of eerder.", "There are no appointments of today or before.")}</p> }.into_any();
                }
                view! {
                    <ul id="held-appointments">
                        {appointments.into_iter().map(|appointment| {
                            let held = appointment.held;
                            let record = appointment.record.clone();
                            let what = move || format!("{}, {}", appointment.title(language.get()), appointment.starts_at.in_words(language.get()));
                            view! {
                                <li>
                                    <p>{what}</p>
                                    {if held {
                                        view! { <p class="notice">{tr("Is doorgegaan ✓", "Took place ✓")}</p> }.into_any()
                                    } else {
                                        view! { <button type="button" on:click=move |_| mark_held(record.clone())>{tr("Is doorgegaan", "Took place")}</button> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="error" role="alert">{say(error)}</p>
        </section>
    }
}

/// The appointments of today in every file on this device, by time: an outreach worker's visits.
#[component]
pub fn TodaysVisits() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let visits = Memo::new(move |_| {
        let today = today();
        sync.replica.with(|replica| {
            // One pass over the appointments on this device, not one per file.
            let mut visits: Vec<(LocalDateTime, String, String, String)> = replica
                .records_of_kind(RecordKind::Appointment)
                .into_keys()
                .filter_map(|record| Appointment::from_replica(replica, &record))
                .filter(|a| a.starts_at.date == today && a.status == AppointmentStatus::Planned)
                .filter_map(|a| {
                    let Owner::Client { client_id } = &a.record.owner else { return None };
                    let name = crate::files_on_device::preferred_name(replica, client_id).unwrap_or_default();
                    Some((a.starts_at, client_id.clone(), name, a.place.unwrap_or_default()))
                })
                .collect();
            visits.sort();
            visits
        })
    });
    view! {
        <section class="card" aria-labelledby="today-heading">
            <h2 id="today-heading">{tr("Vandaag", "Today")}</h2>
            {move || {
                let visits = visits.get();
                if visits.is_empty() {
                    return view! { <p>{tr("Vandaag staan er geen afspraken.", "There are no appointments today.")}</p> }.into_any();
                }
                let language = language.get();
                view! {
                    <ul id="todays-visits">
                        {visits.into_iter().map(|(at, client_id, name, place)| view! {
                            <li>
                                <a href=format!("/dossiers/{client_id}")>{format!("{:02}:{:02} {name}", at.hour(), at.minute())}</a>
                                {(!place.is_empty()).then(|| format!(" · {place}"))}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="hint">{language.pick(
                        "Deze dossiers staan op dit apparaat: u kunt ze ook zonder internet openen.",
                        "These files are on this device: you can open them without internet too.",
                    )}</p>
                }
                .into_any()
            }}
        </section>
    }
}
