//! `/spreekuren`: a consulent sets how many appointments the team offers, by cutting a consultation
//! hour (spreekuur) into slots (`shared::journey::consultation_hour`). Clients book them on `/afspraken`; a
//! slot holds one appointment, so the number of slots is the capacity. Works offline: the slots are
//! made on this device and leave with the next sync, all of one consultation hour in one push.

use crate::auth::{use_auth, Who};
use crate::clock::now_local;
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::pages::appointments::{slot_record, FreeSlots};
use crate::sync::use_sync;
use crate::sync_store::random_uuid;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::consultation_hour::{slots_in, ConsultationHour};
use shared::law::calendar::Date;
use shared::law::local_time::{short_date, LocalDateTime};
use shared::role::Role;
use shared::sync::merge::FieldView;
use shared::sync::record::{Owner, RecordKind};

/// One slot of the team as this device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TeamSlot {
    starts_at: String,
    place: String,
    booked: bool,
}

#[component]
pub fn ConsultationHoursPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <h1>{tr("Spreekuren", "Consultation hours")}</h1>
        {move || match auth.who.get() {
            Who::LoggedIn { role: Role::Consulent, .. } => view! { <ConsultationHours/> }.into_any(),
            _ => view! {
                <p>{tr(
                    "Alleen een consulent zet spreekuren klaar.",
                    "Only a consultant sets up consultation hours.",
                )}</p>
            }
            .into_any(),
        }}
    }
}

#[component]
fn ConsultationHours() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let free_slots = FreeSlots::new();
    // The team: from the slots answer of the worker (it knows the consulent's team), kept on the device.
    // A memo, so that the form (and what is typed in it) stays when the answer is refreshed.
    let team = Memo::new(move |_| free_slots.kept.get().and_then(|kept| kept.answer.team_id));
    let slots = Memo::new(move |_| {
        sync.replica.with(|replica| {
            let mut slots: Vec<TeamSlot> = replica
                .records_of_kind(RecordKind::Slot)
                .into_iter()
                .filter(|(record, _)| matches!(record.owner, Owner::Team { .. }))
                .filter_map(|(_, fields)| {
                    let text = |name: &str| match fields.get(name) {
                        Some(FieldView::Value(Value::String(text))) => Some(text.clone()),
                        _ => None,
                    };
                    Some(TeamSlot {
                        starts_at: text("starts_at")?,
                        place: text("place").unwrap_or_default(),
                        booked: text("holder").is_some(),
                    })
                })
                .collect();
            slots.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
            slots
        })
    });
    let upcoming = move || {
        let now = now_local().to_string();
        slots.get().into_iter().filter(|slot| slot.starts_at > now).collect::<Vec<_>>()
    };
    view! {
        <p>{tr(
            "Zet hier tijden klaar waarop cliënten een afspraak kunnen maken. Elk tijdstip is voor één afspraak.",
            "Set up times here at which clients can make an appointment. Each time is for one appointment.",
        )}</p>
        {move || match team.get() {
            Some(team_id) => view! { <ConsultationHourForm team_id/> }.into_any(),
            None => view! {
                <p class="notice" role="status">{move || {
                    free_slots.problem.get().map_or_else(
                        || language.get().pick("Uw team wordt opgezocht…", "Looking up your team…").to_owned(),
                        |problem| problem.in_language(language.get()).to_owned(),
                    )
                }}</p>
            }
            .into_any(),
        }}
        <h2>{tr("Tijden die klaarstaan", "Times set up")}</h2>
        {move || {
            let upcoming = upcoming();
            if upcoming.is_empty() {
                return view! { <p id="team-slots">{tr("Er staan nog geen tijden klaar.", "No times are set up yet.")}</p> }.into_any();
            }
            let language = language.get();
            let free = upcoming.iter().filter(|slot| !slot.booked).count();
            let total = upcoming.len();
            view! {
                <p id="team-slots-count">{match language {
                    Language::Dutch => format!("{free} van de {total} tijden zijn nog vrij."),
                    Language::English => format!("{free} of the {total} times are still free."),
                }}</p>
                <ul id="team-slots">
                    {upcoming.into_iter().map(|slot| {
                        let when = LocalDateTime::parse(&slot.starts_at).map_or(slot.starts_at.clone(), |at| {
                            format!("{} {:02}:{:02}", short_date(at.date, language), at.hour(), at.minute())
                        });
                        let state = if slot.booked { language.pick("geboekt", "booked") } else { language.pick("vrij", "free") };
                        view! { <li>{format!("{when}, {}: {state}", slot.place)}</li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// "HH:MM" as minutes since midnight.
fn minutes_of(time: &str) -> Option<u32> {
    let (hour, minute) = time.split_once(':')?;
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour < 24 && minute < 60).then_some(hour * 60 + minute)
}

#[component]
fn ConsultationHourForm(team_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let team = StoredValue::new(team_id);
    let date = RwSignal::new(today().plus_days(7).to_string());
    let from = RwSignal::new("09:00".to_owned());
    let until = RwSignal::new("12:00".to_owned());
    let minutes_each = RwSignal::new("30".to_owned());
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let made = RwSignal::new(None::<usize>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        made.set(None);
        let times = (minutes_of(&from.get_untracked()), minutes_of(&until.get_untracked()));
        let (Ok(day), (Some(from_minutes), Some(until_minutes)), Ok(minutes_each)) = (
            Date::parse_iso(&date.get_untracked()),
            times,
            minutes_each.get_untracked().trim().parse::<u32>(),
        ) else {
            error.set(Some(Explanation::new(
                "Vul een datum, een begin- en eindtijd en het aantal minuten per afspraak in.",
                "Fill in a date, a start and end time and the number of minutes per appointment.",
            )));
            return;
        };
        let hour = ConsultationHour {
            date: day,
            from_minutes,
            until_minutes,
            minutes_each,
            place: place.get_untracked(),
        };
        let starts = match slots_in(&hour, now_local()) {
            Ok(starts) => starts,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        let team_id = team.get_value();
        let place = hour.place.trim().to_owned();
        let changes = starts
            .iter()
            .flat_map(|starts_at| {
                let record = slot_record(&team_id, &random_uuid());
                [
                    (record.clone(), "starts_at".to_owned(), Value::from(starts_at.to_string())),
                    (record.clone(), "duration_minutes".to_owned(), Value::from(minutes_each)),
                    (record, "place".to_owned(), Value::from(place.clone())),
                ]
            })
            .collect();
        let count = starts.len();
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    error.set(None);
                    made.set(Some(count));
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Spreekuur toevoegen", "Add a consultation hour")}</h2>
            <label for="hour-date">{tr("Datum", "Date")}</label>
            <input id="hour-date" type="date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e))/>
            <label for="hour-from">{tr("Van", "From")}</label>
            <input id="hour-from" type="time" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e))/>
            <label for="hour-until">{tr("Tot", "Until")}</label>
            <input id="hour-until" type="time" prop:value=move || until.get() on:input=move |e| until.set(event_target_value(&e))/>
            <label for="hour-minutes">{tr("Minuten per afspraak", "Minutes per appointment")}</label>
            <input id="hour-minutes" type="number" inputmode="numeric" min="10" max="240" prop:value=move || minutes_each.get() on:input=move |e| minutes_each.set(event_target_value(&e))/>
            <label for="hour-place">{tr("Plaats", "Place")}</label>
            <input id="hour-place" type="text" prop:value=move || place.get() on:input=move |e| place.set(event_target_value(&e))/>
            <p class="error" role="alert">{say(error)}</p>
            <p class="notice" role="status" id="hours-made">{move || made.get().map(|count| match language.get() {
                Language::Dutch => format!("{count} tijden klaargezet. Cliënten kunnen ze boeken zodra ze verstuurd zijn."),
                Language::English => format!("{count} times set up. Clients can book them once they have been sent."),
            })}</p>
            <button type="submit">{tr("Tijden klaarzetten", "Set up times")}</button>
        </form>
    }
}
