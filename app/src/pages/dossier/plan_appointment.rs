//! Plans the next appointment with the client (a home visit by default), held by the one planning
//! it; what the form checks and writes is `shared::journey::home_visit::plan_appointment`.

use crate::auth::{use_auth, Who};
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::new_record::{changes_in, new_record};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::home_visit::{plan_appointment, AppointmentPlan};
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::sync::record::RecordKind;

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
        let with_whom = match auth.who.get_untracked() {
            Who::LoggedIn { subject, .. } => subject,
            _ => String::new(),
        };
        let plan = AppointmentPlan {
            date: date.get_untracked(),
            time: time.get_untracked(),
            place: place.get_untracked(),
            kind: kind.get_untracked(),
            with_whom,
        };
        let (starts_at, fields) = match plan_appointment(&plan) {
            Ok(planned) => planned,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let changes = changes_in(&new_record(RecordKind::Appointment, &client.get_value()), fields);
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
