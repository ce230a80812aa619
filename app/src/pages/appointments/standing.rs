//! How the client's appointments stand on this device: the client's own file, each appointment
//! with its booking state (`shared::journey::booking::booking_state_in`, with the claims the worker
//! refused), and that state and a cancel reason in words. Shared by the list, the detail and the
//! watch for bookings that lost.

use crate::clock::now_local;
use crate::files_on_device::known_files;
use crate::i18n::Language;
use crate::sync::Sync;
use leptos::prelude::*;
use shared::journey::appointment::{appointments_of, lost_reason, refused_claims, Appointment, BookingState};
use shared::journey::booking::booking_state_in;
use shared::sync::merge::Replica;

/// The client file of the signed-in client (a client's device holds only their own).
pub(super) fn own_client_id(replica: &Replica) -> Option<String> {
    known_files(replica).into_iter().next().map(|(client_id, _)| client_id)
}

/// The slots whose claim by this device the worker refused because they were taken (tracked).
pub(super) fn refused_slots(sync: Sync) -> Vec<String> {
    sync.set_aside
        .with(|set_aside| refused_claims(set_aside.iter().map(|e| (&e.operation, e.reason.code.as_str()))))
}

/// The appointments of `client_id` on this device (upcoming first), each with how it stands.
pub(super) fn appointments_with_state(
    replica: &Replica,
    refused: &[String],
    client_id: &str,
) -> Vec<(Appointment, BookingState)> {
    appointments_of(replica, client_id, now_local())
        .into_iter()
        .map(|appointment| {
            let state = booking_state_in(replica, refused, &appointment);
            (appointment, state)
        })
        .collect()
}

/// How an appointment stands, in words (never only by colour).
pub(super) fn status_words(
    appointment: &Appointment,
    state: &BookingState,
    language: Language,
) -> Option<&'static str> {
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
pub(super) fn cancel_reason_in(reason: &str, language: Language) -> String {
    let lost = lost_reason();
    if reason == lost.nl {
        lost.in_language(language).to_owned()
    } else {
        reason.to_owned()
    }
}
