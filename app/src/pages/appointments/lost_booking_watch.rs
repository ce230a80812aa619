//! On a client's device, an appointment whose claim on its slot lost (someone else took the slot
//! first) is cancelled with the reason (`shared::journey::booking::cancel_lost`), so that it shows as
//! not booked everywhere, also after the refused change is read. Started once by the app.

use super::standing::{appointments_with_state, own_client_id, refused_slots};
use crate::auth::{use_auth, Who};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::appointment::{Appointment, BookingState};
use shared::journey::booking::cancel_lost;
use shared::role::Role;
use std::collections::BTreeSet;

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
        let refused = refused_slots(sync);
        if refused.is_empty() {
            return;
        }
        let lost: Vec<Appointment> = sync.replica.with(|replica| {
            let Some(client_id) = own_client_id(replica) else { return Vec::new() };
            appointments_with_state(replica, &refused, &client_id)
                .into_iter()
                .filter(|(_, state)| *state == BookingState::Lost)
                .map(|(appointment, _)| appointment)
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
                let _ = sync.change_all(cancel_lost(&appointment)).await;
            });
        }
    });
}
