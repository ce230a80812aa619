//! A client's appointments (`/afspraken`, `/afspraken/:id`): the list (upcoming first), one
//! appointment in words, booking in a free slot of the team (slots within the policy's deadline
//! first), moving, cancelling with a reason, and "Zet in mijn agenda" (an `.ics` file).
//!
//! The decisions are `shared::journey::appointment`'s, and what booking, moving and cancelling change
//! is `shared::journey::booking`'s; every change goes through `sync` (booking is the slot's holder and
//! the appointment record, in one push). A booking whose claim lost (someone else took the slot
//! first) is cancelled on this device with the reason, by [`provide_lost_booking_watch`].
//!
//! The pages are here; beside them the slot picker, the detail of one appointment, the cancel form,
//! how the appointments stand on this device, and the watch for bookings that lost.

mod cancel_form;
mod detail;
mod lost_booking_watch;
mod slot_picker;
mod standing;

use crate::auth::{use_auth, Who};
use crate::files_on_device::file_not_here_yet;
use crate::i18n::{tr, use_language, Explanation};
use crate::sync::use_sync;
use detail::AppointmentDetail;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
pub use lost_booking_watch::provide_lost_booking_watch;
use shared::journey::appointment::{Appointment, BookingState};
use shared::journey::booking::{appointment_record, booking_state_in};
use shared::role::Role;
use slot_picker::SlotPicker;
use standing::{appointments_with_state, own_client_id, refused_slots, status_words};

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
        let refused = refused_slots(sync);
        sync.replica.with(|replica| appointments_with_state(replica, &refused, &list_client))
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

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let sync = use_sync();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Lives as long as the page: the detail below is rebuilt whenever the appointment changes.
    let message = RwSignal::new(None::<(String, Explanation)>);
    let found = Memo::new(move |_| {
        let id = id();
        let refused = refused_slots(sync);
        sync.replica.with(|replica| {
            let client_id = own_client_id(replica)?;
            let appointment = Appointment::from_replica(replica, &appointment_record(&client_id, &id))?;
            let state = booking_state_in(replica, &refused, &appointment);
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
