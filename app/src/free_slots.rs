//! The free slots of the team (`GET /api/v1/slots/free`): the last answer kept on this device,
//! refreshed when online and after every sync round. Booking on `/afspraken` offers them; `/spreekuren`
//! learns the consulent's team from the same answer.

use crate::api_client::{get_free_slots, SyncFailure};
use crate::clock::now_ms;
use crate::i18n::Explanation;
use crate::sync::{use_sync, SyncStatus};
use crate::sync_store::{keep_free_slots, kept_free_slots, KeptFreeSlots};
use leptos::prelude::*;
use leptos::task::spawn_local;

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
            let syncing = sync.status.get() == SyncStatus::Syncing;
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
