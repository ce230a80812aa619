//! Choosing a kind of appointment and a free slot of the team, then booking it (or moving an
//! appointment there). The slots within the policy's deadline for that kind come first
//! (`shared::journey::appointment::order_by_deadline`); what booking and moving change is
//! `shared::journey::booking`'s, handed to `sync` in one push.

use crate::clock::now_local;
use crate::free_slots::FreeSlots;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::{use_sync, Sync};
use crate::sync_store::random_uuid;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::appointment::{
    appointments_of, deadline_for, order_by_deadline, Appointment, AppointmentKind, AppointmentStatus,
    DeadlineFit, FreeSlot,
};
use shared::journey::booking::{book, move_to};
use shared::journey::dossier::situation_of;
use shared::law::advice::Deadline;
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::law::policy::embedded_policies;
use std::collections::BTreeSet;

/// What one picker holds; `message` belongs to the page (the picker is rebuilt when the booking shows).
#[derive(Clone, Copy)]
struct Picker {
    kind: RwSignal<AppointmentKind>,
    chosen: RwSignal<Option<String>>,
    error: RwSignal<Option<Explanation>>,
    message: RwSignal<Option<(String, Explanation)>>,
}

/// Chooses a kind and a free slot, then books (or, with `moving`, moves that appointment there).
#[component]
/// `message` belongs to the page: the picker itself is rebuilt when the booking shows.
pub(super) fn SlotPicker(
    client_id: String,
    moving: Option<Appointment>,
    message: RwSignal<Option<(String, Explanation)>>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let slots = FreeSlots::new();
    let initial_kind = moving.as_ref().and_then(|a| a.kind).unwrap_or(AppointmentKind::Meldingsgesprek);
    let picker = Picker {
        kind: RwSignal::new(initial_kind),
        chosen: RwSignal::new(None),
        error: RwSignal::new(None),
        message,
    };
    let id_prefix = if moving.is_some() { "move" } else { "book" };
    let deadline_client = client_id.clone();
    let deadline = Memo::new(move |_| {
        let situation = sync.replica.with(|replica| situation_of(replica, &deadline_client));
        deadline_for(picker.kind.get(), embedded_policies(), &situation)
    });
    let offered = offered_slots(sync, slots, client_id.clone(), deadline);
    let moving_for_submit = moving.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(slot_id) = picker.chosen.get_untracked() else {
            picker.error.set(Some(Explanation::new("Kies eerst een tijdstip.", "Choose a time first.")));
            return;
        };
        let Some(kept) = slots.kept.get_untracked() else { return };
        let Some(team_id) = kept.answer.team_id.clone() else { return };
        let Some(slot) = kept.answer.slots.iter().find(|slot| slot.id == slot_id).cloned() else { return };
        picker.error.set(None);
        let kind = picker.kind.get_untracked();
        spawn_local(book_in(sync, picker, client_id.clone(), moving_for_submit.clone(), slot, team_id, kind));
    };
    view! {
        <form on:submit=on_submit novalidate>
            <Show when=move || moving.is_none()>
                <KindChoice id_prefix kind=picker.kind/>
            </Show>
            <DeadlineHint id_prefix deadline/>
            {move || slots.kept.get().map(|kept| {
                let language = language.get();
                let at = LocalDateTime::from_utc_ms(kept.fetched_at_ms as i64).in_words(language);
                view! {
                    <p class="hint">{match language {
                        Language::Dutch => format!("Vrije tijdstippen, laatst bijgewerkt {at}."),
                        Language::English => format!("Free times, last updated {at}."),
                    }}</p>
                }
            })}
            {move || say(slots.problem)().map(|problem| view! { <p class="notice" role="status">{problem}</p> })}
            <SlotChoice id_prefix offered chosen=picker.chosen/>
            <p class="error" role="alert">{say(picker.error)}</p>
            <button type="submit">{if id_prefix == "move" {
                tr("Afspraak verzetten", "Move appointment")
            } else {
                tr("Afspraak maken", "Make an appointment")
            }}</button>
        </form>
    }
}

/// The free slots to offer, within the deadline first; not the slots of the client's own planned
/// appointments.
fn offered_slots(
    sync: Sync,
    slots: FreeSlots,
    client_id: String,
    deadline: Memo<Option<Deadline>>,
) -> Memo<Vec<(FreeSlot, DeadlineFit)>> {
    let used = Memo::new(move |_| {
        sync.replica.with(|replica| {
            appointments_of(replica, &client_id, now_local())
                .into_iter()
                .filter(|a| a.status == AppointmentStatus::Planned)
                .filter_map(|a| a.slot_id)
                .collect::<BTreeSet<String>>()
        })
    });
    Memo::new(move |_| {
        let used = used.get();
        let free: Vec<FreeSlot> = slots
            .kept
            .get()
            .map(|kept| kept.answer.slots)
            .unwrap_or_default()
            .into_iter()
            .filter(|slot| slot.free && !used.contains(&slot.id))
            .collect();
        order_by_deadline(&free, deadline.get().and_then(|d| d.due))
    })
}

/// Books `slot` (or moves `moving` there) and says so on the page, or why not.
async fn book_in(
    sync: Sync,
    picker: Picker,
    client_id: String,
    moving: Option<Appointment>,
    slot: FreeSlot,
    team_id: String,
    kind: AppointmentKind,
) {
    let (record_id, changes) = match &moving {
        Some(appointment) => {
            let changes = sync
                .replica
                .with_untracked(|replica| move_to(replica, &client_id, appointment, &slot, &team_id, kind));
            (appointment.record.id.clone(), changes)
        }
        None => {
            let id = random_uuid();
            let changes = book(&client_id, &id, &slot, &team_id, kind);
            (id, changes)
        }
    };
    match sync.change_all(changes).await {
        Ok(()) => {
            picker.chosen.set(None);
            picker.message.set(Some((record_id, booked_message(&slot, moving.is_some()))));
        }
        Err(reason) => picker.error.set(Some(reason)),
    }
}

/// "Your appointment is made (or moved)", with the slot's time in words.
fn booked_message(slot: &FreeSlot, moved: bool) -> Explanation {
    let when =
        |language| LocalDateTime::parse(&slot.starts_at).map(|t| t.in_words(language)).unwrap_or_default();
    let (nl, en) = (when(Language::Dutch), when(Language::English));
    if moved {
        Explanation::new(
            format!("Uw afspraak is verzet naar {nl}."),
            format!("Your appointment is moved to {en}."),
        )
    } else {
        Explanation::new(format!("Uw afspraak is gemaakt: {nl}."), format!("Your appointment is made: {en}."))
    }
}

#[component]
fn KindChoice(id_prefix: &'static str, kind: RwSignal<AppointmentKind>) -> impl IntoView {
    let language = use_language();
    let kind_id = format!("{id_prefix}-kind");
    view! {
        <div class="field">
            <label for=kind_id.clone()>{tr("Waarvoor is de afspraak?", "What is the appointment for?")}</label>
            <select id=kind_id on:change=move |event| {
                if let Some(parsed) = AppointmentKind::parse(&event_target_value(&event)) {
                    kind.set(parsed);
                }
            }>
                {AppointmentKind::ALL.into_iter().map(|option| view! {
                    <option value=option.as_str() selected=move || kind.get() == option>{move || option.label(language.get())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The deadline of the chosen kind by the municipality's policy, when it has one.
#[component]
fn DeadlineHint(id_prefix: &'static str, deadline: Memo<Option<Deadline>>) -> impl IntoView {
    let language = use_language();
    move || {
        deadline.get().and_then(|d| d.due.map(|due| (d, due))).map(|(d, due)| {
        let language = language.get();
        let (label, by) = (d.label.in_language(language), date_in_words(due, language));
        view! {
            <p class="hint" id=format!("{id_prefix}-deadline")>
                {match language {
                    Language::Dutch => format!("{label}: volgens de regels van uw gemeente uiterlijk {by}. Tijdstippen binnen die termijn staan bovenaan."),
                    Language::English => format!("{label}: by the rules of your municipality, {by} at the latest. Times within that period are at the top."),
                }}
            </p>
        }
    })
    }
}

/// The free slots as radio buttons, each with its time, length, place and whether it is within the deadline.
#[component]
fn SlotChoice(
    id_prefix: &'static str,
    offered: Memo<Vec<(FreeSlot, DeadlineFit)>>,
    chosen: RwSignal<Option<String>>,
) -> impl IntoView {
    let language = use_language();
    view! {
        <fieldset class="field slot-choice">
            <legend>{tr("Kies een tijdstip", "Choose a time")}</legend>
            {move || {
                let offered = offered.get();
                let language = language.get();
                if offered.is_empty() {
                    view! { <p>{tr(
                        "Er zijn nu geen vrije tijdstippen. Probeer het later opnieuw, of bel uw consulent.",
                        "There are no free times now. Try again later, or call your consultant.",
                    )}</p> }.into_any()
                } else {
                    offered.into_iter().map(|(slot, fit)| {
                        let id = format!("{id_prefix}-slot-{}", slot.id);
                        let value = slot.id.clone();
                        let checked_id = slot.id.clone();
                        let label = slot_label(&slot, fit, language);
                        view! {
                            <label class="slot-option">
                                <input type="radio" name=format!("{id_prefix}-slot") id=id value=value
                                    prop:checked=move || chosen.get().as_deref() == Some(checked_id.as_str())
                                    on:change=move |event| chosen.set(Some(event_target_value(&event)))/>
                                {label}
                            </label>
                        }
                    }).collect_view().into_any()
                }
            }}
        </fieldset>
    }
}

/// A slot in words: when, how long, where, and whether it is within the deadline.
fn slot_label(slot: &FreeSlot, fit: DeadlineFit, language: Language) -> String {
    let when =
        LocalDateTime::parse(&slot.starts_at).map(|t| t.in_words(language)).unwrap_or(slot.starts_at.clone());
    let fit_words = match fit {
        DeadlineFit::Within => language.pick(" · Binnen de termijn", " · Within the period"),
        DeadlineFit::After => language.pick(" · Na de termijn", " · After the period"),
        DeadlineFit::NoDeadline => "",
    };
    format!(
        "{when} · {} {}{}{fit_words}",
        slot.duration_minutes,
        language.pick("minuten", "minutes"),
        slot.place.as_ref().map(|p| format!(" · {p}")).unwrap_or_default()
    )
}
