//! A client's appointments (`/afspraken`, `/afspraken/:id`): the list (upcoming first), one
//! appointment in words, booking in a free slot of the team (slots within the policy's deadline
//! first), moving, cancelling with a reason, and "Zet in mijn agenda" (an `.ics` file).
//!
//! The decisions are `shared::journey::appointment`'s; every change goes through `sync` (booking is the
//! slot's holder and the appointment record, in one push). A booking whose claim lost (someone
//! else took the slot first) is cancelled on this device with the reason, by [`provide_lost_booking_watch`].

use crate::api_client::{get_free_slots, SyncFailure};
use crate::auth::{use_auth, Who};
use crate::clock::{now_local, now_ms};
use crate::files_on_device::{file_not_here_yet, known_files};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use crate::sync_store::{keep_free_slots, kept_free_slots, KeptFreeSlots};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::Value;
use shared::journey::appointment::{
    appointment_ics, appointments_of, booking_fields, booking_state, check_cancel_reason, deadline_for,
    lost_reason, order_by_deadline, refused_claims, Appointment, AppointmentKind, AppointmentStatus,
    BookingState, DeadlineFit, FreeSlot, MAX_CANCEL_REASON_CHARS,
};
use shared::journey::dossier::situation_of;
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::law::policy::embedded_policies;
use shared::role::Role;
use shared::sync::merge::Replica;
use shared::sync::record::{Owner, RecordKind, RecordRef};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// The client file of the signed-in client (a client's device holds only their own).
fn own_client_id(replica: &Replica) -> Option<String> {
    known_files(replica).into_iter().next().map(|(client_id, _)| client_id)
}

fn appointment_record(client_id: &str, id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Appointment,
        id: id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

pub(crate) fn slot_record(team_id: &str, id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Slot,
        id: id.to_owned(),
        owner: Owner::Team { team_id: team_id.to_owned() },
    }
}

/// The team of a slot this device knows (pulled slot planning), for releasing it.
fn team_of_slot(replica: &Replica, slot_id: &str) -> Option<String> {
    replica.fields.keys().find_map(|key| match &key.record.owner {
        Owner::Team { team_id } if key.record.kind == RecordKind::Slot && key.record.id == slot_id => {
            Some(team_id.clone())
        }
        _ => None,
    })
}

/// The booking state of every appointment of a client on this device.
fn state_of(replica: &Replica, refused: &[String], appointment: &Appointment) -> BookingState {
    let slot = appointment.slot_id.as_deref();
    let register = slot.and_then(|slot_id| {
        replica.fields.iter().find_map(|(key, register)| {
            (key.record.kind == RecordKind::Slot && key.record.id == slot_id && key.field == "holder")
                .then_some(register)
        })
    });
    // On a client's device the register holds only the client's own claims (the holder is not
    // theirs to read): there the worker's refusal of the claim is what says it lost.
    booking_state(appointment, register, slot.is_some_and(|slot_id| refused.iter().any(|r| r == slot_id)))
}

/// How an appointment stands, in words (never only by colour).
fn status_words(appointment: &Appointment, state: &BookingState, language: Language) -> Option<&'static str> {
    let not_booked = language.pick("Niet geboekt", "Not booked");
    match state {
        BookingState::Booked => None,
        BookingState::Lost => Some(not_booked),
        BookingState::Cancelled
            if appointment.cancel_reason.as_deref() == Some(lost_reason().nl.as_str()) =>
        {
            Some(not_booked)
        }
        BookingState::Cancelled => Some(language.pick("Afgezegd", "Cancelled")),
    }
}

/// The reason an appointment was cancelled: the client's own words, or the app's reason for a booking
/// that lost (stored in Dutch), in the current language.
fn cancel_reason_in(reason: &str, language: Language) -> String {
    let lost = lost_reason();
    if reason == lost.nl {
        lost.in_language(language).to_owned()
    } else {
        reason.to_owned()
    }
}

/// On a client's device: an appointment whose claim on its slot lost is cancelled, with the
/// reason, so that it shows as not booked everywhere (also after the refused change is read).
pub fn provide_lost_booking_watch() {
    let sync = use_sync();
    let auth = use_auth();
    let done = StoredValue::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        if !matches!(auth.who.get(), Who::LoggedIn { role: Role::Client, .. }) {
            return;
        }
        let set_aside = sync.set_aside.get();
        let refused =
            refused_claims(set_aside.iter().map(|entry| (&entry.operation, entry.reason.code.as_str())));
        if refused.is_empty() {
            return;
        }
        let lost: Vec<Appointment> = sync.replica.with(|replica| {
            let Some(client_id) = own_client_id(replica) else { return Vec::new() };
            appointments_of(replica, &client_id, now_local())
                .into_iter()
                .filter(|appointment| state_of(replica, &refused, appointment) == BookingState::Lost)
                .collect()
        });
        for appointment in lost {
            if done.with_value(|done| done.contains(&appointment.record.id)) {
                continue;
            }
            done.update_value(|done| {
                done.insert(appointment.record.id.clone());
            });
            spawn_local(async move {
                let record = appointment.record;
                let _ = sync
                    .change_all(vec![
                        (record.clone(), "status".to_owned(), Value::from("cancelled")),
                        (record, "cancel_reason".to_owned(), Value::from(lost_reason().nl)),
                    ])
                    .await;
            });
        }
    });
}

/// The free slots: the last answer kept on this device, refreshed when online.
#[derive(Clone, Copy)]
pub(crate) struct FreeSlots {
    pub(crate) kept: RwSignal<Option<KeptFreeSlots>>,
    pub(crate) problem: RwSignal<Option<Explanation>>,
}

impl FreeSlots {
    pub(crate) fn new() -> FreeSlots {
        let slots = FreeSlots { kept: RwSignal::new(None), problem: RwSignal::new(None) };
        spawn_local(async move {
            if let Some(kept) = kept_free_slots().await {
                if slots.kept.get_untracked().is_none() {
                    slots.kept.set(Some(kept));
                }
            }
            slots.refresh();
        });
        let sync = use_sync();
        // After every sync round (a booking, also one that lost, changes them), ask again.
        Effect::new(move |previous: Option<bool>| {
            let syncing = sync.status.get() == crate::sync::SyncStatus::Syncing;
            if !syncing && previous == Some(true) {
                slots.refresh();
            }
            syncing
        });
        slots
    }

    fn refresh(self) {
        spawn_local(async move {
            match get_free_slots().await {
                Ok(answer) => {
                    let kept = KeptFreeSlots { fetched_at_ms: now_ms(), answer };
                    let _ = keep_free_slots(&kept).await;
                    self.kept.set(Some(kept));
                    self.problem.set(None);
                }
                Err(SyncFailure::Unreachable) => self.problem.set(Some(Explanation::new(
                    "Geen verbinding: u ziet de tijdstippen van de laatste keer dat er internet was.",
                    "No connection: you see the times from the last time you were online.",
                ))),
                Err(SyncFailure::NotLoggedIn) => self.problem.set(Some(Explanation::new(
                    "Log opnieuw in om de vrije tijdstippen te zien.",
                    "Log in again to see the free times.",
                ))),
                Err(SyncFailure::Refused(error)) => self.problem.set(Some(error.message)),
            }
        });
    }
}

fn appointments_heading() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr("Afspraken", "Appointments")
}

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let auth = use_auth();
    let sync = use_sync();
    let client_id = Memo::new(move |_| sync.replica.with(own_client_id));
    move || match (auth.who.get(), client_id.get()) {
        (Who::LoggedIn { role: Role::Client, .. }, Some(client_id)) => {
            view! { <ClientAppointments client_id/> }.into_any()
        }
        (Who::LoggedIn { role: Role::Client, .. }, None) => view! {
            <h1>{appointments_heading()}</h1>
            <p>{file_not_here_yet()}</p>
        }
        .into_any(),
        _ => view! {
            <h1>{appointments_heading()}</h1>
            <p>{tr(
                "Hier ziet een cliënt zijn afspraken met de gemeente. Log in als cliënt.",
                "Here a client sees their appointments with the municipality. Log in as a client.",
            )}</p>
        }
        .into_any(),
    }
}

#[component]
fn ClientAppointments(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let list_client = client_id.clone();
    let appointments = Memo::new(move |_| {
        let refused = sync.set_aside.with(|set_aside| {
            refused_claims(set_aside.iter().map(|e| (&e.operation, e.reason.code.as_str())))
        });
        sync.replica.with(|replica| {
            appointments_of(replica, &list_client, now_local())
                .into_iter()
                .map(|appointment| {
                    let state = state_of(replica, &refused, &appointment);
                    (appointment, state)
                })
                .collect::<Vec<_>>()
        })
    });
    let booked = RwSignal::new(None::<(String, Explanation)>);
    view! {
        <h1>{appointments_heading()}</h1>
        {move || {
            let list = appointments.get();
            let language = language.get();
            if list.is_empty() {
                view! { <p id="no-appointments">{tr("U heeft nog geen afspraken.", "You have no appointments yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="appointment-list" id="appointment-list">
                        {list
                            .into_iter()
                            .map(|(appointment, state)| {
                                let href = format!("/afspraken/{}", appointment.record.id);
                                let status = status_words(&appointment, &state, language);
                                let class = if status.is_some() { "appointment appointment--off" } else { "appointment" };
                                view! {
                                    <li class=class>
                                        <A href=href>
                                            <strong>{appointment.title(language)}</strong>
                                            {status.map(|words| view! { <span class="badge">{format!(" ({words})")}</span> })}
                                            <br/>
                                            {appointment.starts_at.in_words(language)}
                                            {appointment.place.clone().map(|place| view! { <br/>{place} })}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        // Said only while the booking stands: one that lost shows as "Niet geboekt" in the list.
        {move || booked.get().filter(|(id, _)| {
            appointments.with(|list| list.iter().any(|(a, state)| a.record.id == *id && *state == BookingState::Booked))
        }).map(|(_, message)| view! { <p class="notice" role="status" id="booked">{message.in_language(language.get()).to_owned()}</p> })}
        <section class="card" aria-labelledby="book-heading">
            <h2 id="book-heading">{tr("Nieuwe afspraak maken", "Make a new appointment")}</h2>
            <SlotPicker client_id=client_id.clone() moving=None message=booked/>
        </section>
    }
}

/// Chooses a kind and a free slot, then books (or, with `moving`, moves that appointment there).
#[component]
/// `message` belongs to the page: the picker itself is rebuilt when the booking shows.
fn SlotPicker(
    client_id: String,
    moving: Option<Appointment>,
    message: RwSignal<Option<(String, Explanation)>>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let slots = FreeSlots::new();
    let initial_kind = moving.as_ref().and_then(|a| a.kind).unwrap_or(AppointmentKind::Meldingsgesprek);
    let kind = RwSignal::new(initial_kind);
    let chosen = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Explanation>);
    let id_prefix = if moving.is_some() { "move" } else { "book" };
    let deadline_client = client_id.clone();
    let deadline = Memo::new(move |_| {
        let situation = sync.replica.with(|replica| situation_of(replica, &deadline_client));
        deadline_for(kind.get(), embedded_policies(), &situation)
    });
    let used_client = client_id.clone();
    // Slots of my own planned appointments are not offered again.
    let used = Memo::new(move |_| {
        sync.replica.with(|replica| {
            appointments_of(replica, &used_client, now_local())
                .into_iter()
                .filter(|a| a.status == AppointmentStatus::Planned)
                .filter_map(|a| a.slot_id)
                .collect::<BTreeSet<String>>()
        })
    });
    let offered = Memo::new(move |_| {
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
    });
    let moving_for_submit = moving.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(slot_id) = chosen.get_untracked() else {
            error.set(Some(Explanation::new("Kies eerst een tijdstip.", "Choose a time first.")));
            return;
        };
        let Some(kept) = slots.kept.get_untracked() else { return };
        let Some(team_id) = kept.answer.team_id.clone() else { return };
        let Some(slot) = kept.answer.slots.iter().find(|slot| slot.id == slot_id).cloned() else { return };
        error.set(None);
        let client_id = client_id.clone();
        let moving = moving_for_submit.clone();
        let kind = kind.get_untracked();
        spawn_local(async move {
            let own_client = Value::from(client_id.clone());
            let mut changes = Vec::new();
            let record = match &moving {
                Some(appointment) => {
                    if let Some(old_slot) = &appointment.slot_id {
                        if let Some(team) = sync.replica.with_untracked(|r| team_of_slot(r, old_slot)) {
                            changes.push((slot_record(&team, old_slot), "holder".to_owned(), Value::Null));
                        }
                    }
                    appointment.record.clone()
                }
                None => appointment_record(&client_id, &crate::sync_store::random_uuid()),
            };
            let record_id = record.id.clone();
            changes.push((slot_record(&team_id, &slot.id), "holder".to_owned(), own_client));
            for (field, value) in booking_fields(&slot, kind) {
                changes.push((record.clone(), field.to_owned(), value));
            }
            if moving.as_ref().is_some_and(|a| a.cancel_reason.is_some()) {
                changes.push((record.clone(), "cancel_reason".to_owned(), Value::Null));
            }
            match sync.change_all(changes).await {
                Ok(()) => {
                    chosen.set(None);
                    let when = |language| {
                        LocalDateTime::parse(&slot.starts_at)
                            .map(|t| t.in_words(language))
                            .unwrap_or_default()
                    };
                    let (nl, en) = (when(Language::Dutch), when(Language::English));
                    message.set(Some((
                        record_id,
                        if moving.is_some() {
                            Explanation::new(
                                format!("Uw afspraak is verzet naar {nl}."),
                                format!("Your appointment is moved to {en}."),
                            )
                        } else {
                            Explanation::new(
                                format!("Uw afspraak is gemaakt: {nl}."),
                                format!("Your appointment is made: {en}."),
                            )
                        },
                    )));
                }
                Err(reason) => error.set(Some(reason)),
            }
        });
    };
    let kind_id = format!("{id_prefix}-kind");
    let kind_id_for = kind_id.clone();
    view! {
        <form on:submit=on_submit novalidate>
            <Show when=move || moving.is_none()>
                <div class="field">
                    <label for=kind_id_for.clone()>{tr("Waarvoor is de afspraak?", "What is the appointment for?")}</label>
                    <select id=kind_id.clone() on:change=move |event| {
                        if let Some(parsed) = AppointmentKind::parse(&event_target_value(&event)) {
                            kind.set(parsed);
                        }
                    }>
                        {AppointmentKind::ALL.into_iter().map(|option| view! {
                            <option value=option.as_str() selected=move || kind.get() == option>{move || option.label(language.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            {move || deadline.get().and_then(|d| d.due.map(|due| (d, due))).map(|(d, due)| {
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
            })}
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
                            let when = LocalDateTime::parse(&slot.starts_at).map(|t| t.in_words(language)).unwrap_or(slot.starts_at.clone());
                            let fit_words = match fit {
                                DeadlineFit::Within => language.pick(" · Binnen de termijn", " · Within the period"),
                                DeadlineFit::After => language.pick(" · Na de termijn", " · After the period"),
                                DeadlineFit::NoDeadline => "",
                            };
                            let label = format!("{when} · {} {}{}{fit_words}", slot.duration_minutes,
                                language.pick("minuten", "minutes"),
                                slot.place.as_ref().map(|p| format!(" · {p}")).unwrap_or_default());
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
            <p class="error" role="alert">{say(error)}</p>
            <button type="submit">{if id_prefix == "move" {
                tr("Afspraak verzetten", "Move appointment")
            } else {
                tr("Afspraak maken", "Make an appointment")
            }}</button>
        </form>
    }
}

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let sync = use_sync();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Lives as long as the page: the detail below is rebuilt whenever the appointment changes.
    let message = RwSignal::new(None::<(String, Explanation)>);
    let found = Memo::new(move |_| {
        let id = id();
        let refused = sync.set_aside.with(|set_aside| {
            refused_claims(set_aside.iter().map(|e| (&e.operation, e.reason.code.as_str())))
        });
        sync.replica.with(|replica| {
            let client_id = own_client_id(replica)?;
            let appointment = Appointment::from_replica(replica, &appointment_record(&client_id, &id))?;
            let state = state_of(replica, &refused, &appointment);
            Some((client_id, appointment, state))
        })
    });
    view! {
        <p><A href="/afspraken">{tr("← Alle afspraken", "← All appointments")}</A></p>
        {move || match found.get() {
            None => view! {
                <h1>{tr("Afspraak", "Appointment")}</h1>
                <p>{tr("Deze afspraak staat niet op dit apparaat.", "This appointment is not on this device.")}</p>
            }.into_any(),
            Some((client_id, appointment, state)) => view! { <AppointmentDetail client_id appointment state message/> }.into_any(),
        }}
    }
}

#[component]
fn AppointmentDetail(
    client_id: String,
    appointment: Appointment,
    state: BookingState,
    message: RwSignal<Option<(String, Explanation)>>,
) -> impl IntoView {
    let language = use_language();
    let planned = state == BookingState::Booked;
    let moving = RwSignal::new(false);
    let for_ics = appointment.clone();
    let download = move |_| download_ics(&for_ics, language.get_untracked());
    let for_cancel = appointment.clone();
    view! {
        {
            let appointment = appointment.clone();
            let state = state.clone();
            move || {
                let language = language.get();
                let status = status_words(&appointment, &state, language);
                let or = |value: &Option<String>, nl: &str, en: &str| {
                    value.clone().unwrap_or_else(|| language.pick(nl, en).to_owned())
                };
                let ends = appointment.ends_at();
                view! {
                    <h1>{appointment.title(language)}</h1>
                    {status.map(|words| view! {
                        <p class="notice notice--refused" id="appointment-status">
                            <strong>{words}</strong>
                            {appointment.cancel_reason.as_deref().map(|reason| {
                                format!(". {}: {}", language.pick("Reden", "Reason"), cancel_reason_in(reason, language))
                            })}
                        </p>
                    })}
                    <dl class="appointment-detail">
                        <dt>{language.pick("Wanneer", "When")}</dt>
                        <dd id="appointment-when">{format!("{} ({} {:02}:{:02})", appointment.starts_at.in_words(language),
                            language.pick("tot", "until"), ends.hour(), ends.minute())}</dd>
                        <dt>{language.pick("Waar", "Where")}</dt>
                        <dd id="appointment-where">{or(&appointment.place, "Dat hoort u nog van de gemeente.", "The municipality will tell you.")}</dd>
                        <dt>{language.pick("Met wie", "With whom")}</dt>
                        <dd id="appointment-with">{or(&appointment.with_whom, "Een medewerker van de gemeente", "Someone who works at the municipality")}</dd>
                        <dt>{language.pick("Wat neemt u mee", "What to bring")}</dt>
                        <dd id="appointment-bring">{or(&appointment.what_to_bring,
                            "Uw identiteitsbewijs (paspoort, ID-kaart of rijbewijs).",
                            "Your proof of identity (passport, ID card or driving licence).")}</dd>
                    </dl>
                }
            }
        }
        {
            let id = appointment.record.id.clone();
            (state != BookingState::Lost).then_some(move || message.get().filter(|(about, _)| *about == id).map(|(_, text)| view! {
                <p class="notice" role="status" id="appointment-message">{text.in_language(language.get()).to_owned()}</p>
            }))
        }
        <Show when=move || planned>
            <div class="actions">
                <button type="button" on:click=download.clone()>{tr("Zet in mijn agenda", "Add to my calendar")}</button>
                <button type="button" class="secondary" aria-expanded=move || moving.get().to_string()
                    on:click=move |_| moving.update(|m| *m = !*m)>{tr("Verzetten", "Move")}</button>
            </div>
        </Show>
        {
            let client_id = client_id.clone();
            let appointment = appointment.clone();
            move || (planned && moving.get()).then(|| view! {
                <section class="card" aria-labelledby="move-heading">
                    <h2 id="move-heading">{tr("Afspraak verzetten", "Move appointment")}</h2>
                    <SlotPicker client_id=client_id.clone() moving=Some(appointment.clone()) message/>
                </section>
            })
        }
        <Show when=move || planned>
            <CancelForm appointment=for_cancel.clone() message/>
        </Show>
    }
}

#[component]
fn CancelForm(appointment: Appointment, message: RwSignal<Option<(String, Explanation)>>) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let checked = match check_cancel_reason(&reason.get_untracked()) {
            Ok(checked) => checked,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        error.set(None);
        let appointment = appointment.clone();
        spawn_local(async move {
            let record = appointment.record.clone();
            let mut changes = vec![
                (record.clone(), "status".to_owned(), Value::from("cancelled")),
                (record, "cancel_reason".to_owned(), Value::from(checked)),
            ];
            if let Some(slot_id) = &appointment.slot_id {
                if let Some(team) = sync.replica.with_untracked(|r| team_of_slot(r, slot_id)) {
                    changes.push((slot_record(&team, slot_id), "holder".to_owned(), Value::Null));
                }
            }
            match sync.change_all(changes).await {
                Ok(()) => message.set(Some((
                    appointment.record.id.clone(),
                    Explanation::new("Uw afspraak is afgezegd.", "Your appointment is cancelled."),
                ))),
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Afspraak afzeggen", "Cancel appointment")}</h2>
            <label for="cancel-reason">{tr("Waarom zegt u af?", "Why do you cancel?")}</label>
            <p id="cancel-reason-hint" class="hint">{move || match language.get() {
                Language::Dutch => format!("Verplicht. Hoogstens {MAX_CANCEL_REASON_CHARS} tekens."),
                Language::English => format!("Required. At most {MAX_CANCEL_REASON_CHARS} characters."),
            }}</p>
            <textarea id="cancel-reason" rows="3" aria-describedby="cancel-reason-hint cancel-reason-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || reason.get()
                on:input=move |event| reason.set(event_target_value(&event))></textarea>
            <p id="cancel-reason-error" class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Afspraak afzeggen", "Cancel appointment")}</button>
        </form>
    }
}

/// Downloads the appointment as `afspraak.ics` (a Blob, never through the network), in the app's language.
fn download_ics(appointment: &Appointment, language: Language) {
    let text = appointment_ics(appointment, now_ms() as i64, language);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|window| window.document());
    if let Some(link) = document
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(language.pick("afspraak.ics", "appointment.ics"));
        link.click();
    }
    // Revoked a little later: the browser reads the Blob after the click.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(10));
}
