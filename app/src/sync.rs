//! Pushes what is waiting on the device to the worker, and says how far that got.
//!
//! Nothing is dropped: a change stays waiting until the worker accepts it; a refusal
//! is kept with its reason and shown until the user saves again.

use crate::api_client::{put_preferred_name, PushFailure};
use crate::device_store::{load_profile, record_push_outcome, DeviceProfile, StoreError};
use shared::text::Explanation;

/// What the user sees about their saved data.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// Nothing saved yet.
    Empty,
    /// Saved on this device, not yet with the municipality.
    SavedOnDevice,
    Syncing,
    Synced,
    /// The worker refused the change, or the device could not store it.
    NeedsAttention(Explanation),
}

impl SyncState {
    pub fn of(profile: &DeviceProfile) -> SyncState {
        match (&profile.preferred_name, &profile.refusal, profile.waiting_to_push) {
            (None, _, _) => SyncState::Empty,
            (_, Some(reason), _) => SyncState::NeedsAttention(reason.clone()),
            (_, None, true) => SyncState::SavedOnDevice,
            (_, None, false) => SyncState::Synced,
        }
    }
}

/// Pushes the stored preferred name if it is waiting and the browser is online.
/// The device store is the truth: this reads it, and returns it as it is afterwards.
pub async fn push_if_waiting() -> Result<DeviceProfile, StoreError> {
    let profile = load_profile().await?;
    let Some(name) = profile.preferred_name.clone() else { return Ok(profile) };
    if !profile.waiting_to_push || !browser_is_online() {
        return Ok(profile);
    }
    match put_preferred_name(&profile.client_id, &name).await {
        Ok(_) => record_push_outcome(&name, None).await,
        Err(PushFailure::Unreachable) => load_profile().await,
        Err(PushFailure::Refused(error)) => record_push_outcome(&name, Some(error.message)).await,
    }
}

fn browser_is_online() -> bool {
    web_sys::window().is_some_and(|window| window.navigator().on_line())
}
