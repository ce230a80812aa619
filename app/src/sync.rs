//! Pushes what is waiting on the device to the worker, and says how far that got.
//!
//! Nothing is dropped: a change stays waiting until the worker accepts it; a refusal
//! is kept with its reason and shown until the user saves again.

use crate::api_client::{put_preferred_name, PushFailure};
use crate::device_store::{load_profile, save_profile, DeviceProfile, StoreError};
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

/// Pushes the preferred name if it is waiting and the browser is online.
/// Returns the profile as it is now stored on the device.
pub async fn push_if_waiting(profile: DeviceProfile) -> Result<DeviceProfile, StoreError> {
    let Some(name) = profile.preferred_name.clone() else { return Ok(profile) };
    if !profile.waiting_to_push || !browser_is_online() {
        return Ok(profile);
    }
    let outcome = put_preferred_name(&profile.client_id, &name).await;
    // The user may have saved another name while the push was under way: read the
    // store again and only mark the name that was actually pushed.
    let mut current = load_profile().await?;
    if current.preferred_name.as_deref() != Some(name.as_str()) {
        return Ok(current);
    }
    match outcome {
        Ok(_) => {
            current.waiting_to_push = false;
            current.refusal = None;
        }
        Err(PushFailure::Unreachable) => return Ok(current),
        Err(PushFailure::Refused(error)) => {
            current.waiting_to_push = false;
            current.refusal = Some(error.message);
        }
    }
    save_profile(&current).await?;
    Ok(current)
}

fn browser_is_online() -> bool {
    web_sys::window().is_some_and(|window| window.navigator().on_line())
}
