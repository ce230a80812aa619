//! `/spreekuren`: a consulent sets how many appointments the team offers, by cutting a consultation
//! hour (spreekuur) into slots (`shared::journey::consultation_hour`). Clients book them on `/afspraken`; a
//! slot holds one appointment, so the number of slots is the capacity. Works offline: the slots are
//! made on this device and leave with the next sync, all of one consultation hour in one push.
//!
//! The page and the team's slots are here; the form for a consultation hour is beside it.

mod hour_form;

use crate::auth::{use_auth, Who};
use crate::clock::now_local;
use crate::free_slots::FreeSlots;
use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use hour_form::ConsultationHourForm;
use leptos::prelude::*;
use shared::journey::consultation_hour::{team_slots, TeamSlot};
use shared::law::local_time::{short_date, LocalDateTime};
use shared::role::Role;

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
    let language = use_language();
    let free_slots = FreeSlots::new();
    // The team: from the slots answer of the worker (it knows the consulent's team), kept on the device.
    // A memo, so that the form (and what is typed in it) stays when the answer is refreshed.
    let team = Memo::new(move |_| free_slots.kept.get().and_then(|kept| kept.answer.team_id));
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
        <TeamSlots/>
    }
}

/// The team's slots still to come, and how many of them are free.
#[component]
fn TeamSlots() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let slots = Memo::new(move |_| sync.replica.with(team_slots));
    let upcoming = move || {
        let now = now_local().to_string();
        slots.get().into_iter().filter(|slot| slot.starts_at > now).collect::<Vec<TeamSlot>>()
    };
    move || {
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
    }
}
