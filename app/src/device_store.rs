//! The device store: what this device knows, kept in IndexedDB so that it survives
//! a reload, going offline and closing the browser.
//!
//! Version 1 of the local schema has one object store, `profile`, with one record
//! under the key `me`. Later versions add stores in `upgrade` (never by deleting data).

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use shared::text::Explanation;

const DATABASE_NAME: &str = "naar-vermogen";
const SCHEMA_VERSION: u32 = 1;
const PROFILE_STORE: &str = "profile";
const PROFILE_KEY: &str = "me";

/// This device's own client file, as far as the skeleton knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceProfile {
    /// A random UUID made on this device (see `shared::client_id`).
    pub client_id: String,
    pub preferred_name: Option<String>,
    /// True while the worker has not yet accepted the saved preferred name.
    pub waiting_to_push: bool,
    /// Why the worker refused the last push, if it did. Kept until the next save.
    pub refusal: Option<Explanation>,
}

/// Reading or writing IndexedDB failed (for example: storage full, or private mode).
#[derive(Clone, Debug)]
pub struct StoreError(pub String);

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        StoreError(error.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError(error.to_string())
    }
}

async fn open() -> Result<Database, StoreError> {
    let database =
        Database::open(DATABASE_NAME).with_version(SCHEMA_VERSION).with_on_upgrade_needed(upgrade).await?;
    Ok(database)
}

/// Brings an older local schema up to [`SCHEMA_VERSION`], one step at a time.
fn upgrade(event: VersionChangeEvent, database: Database) -> indexed_db_futures::Result<()> {
    if event.old_version() < 1.0 {
        database.create_object_store(PROFILE_STORE).build()?;
    }
    Ok(())
}

/// The stored profile, or a new one (with a new client id) on a device that has none yet.
/// Reading and creating happen in one transaction, so two callers never make two profiles.
pub async fn load_profile() -> Result<DeviceProfile, StoreError> {
    let database = open().await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    let store = transaction.object_store(PROFILE_STORE)?;
    let stored: Option<DeviceProfile> = store.get(PROFILE_KEY).serde()?.await?;
    let profile = match stored {
        Some(profile) => profile,
        None => {
            let profile = DeviceProfile {
                client_id: new_client_id(),
                preferred_name: None,
                waiting_to_push: false,
                refusal: None,
            };
            store.put(&profile).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
            profile
        }
    };
    transaction.commit().await?;
    Ok(profile)
}

/// Records the worker's answer to a push of `pushed_name` (accepted: `refusal` is `None`), in one
/// transaction. If the user saved another name meanwhile, that newer name stays waiting.
pub async fn record_push_outcome(
    pushed_name: &str,
    refusal: Option<Explanation>,
) -> Result<DeviceProfile, StoreError> {
    let database = open().await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    let store = transaction.object_store(PROFILE_STORE)?;
    let stored: Option<DeviceProfile> = store.get(PROFILE_KEY).serde()?.await?;
    let mut profile =
        stored.ok_or_else(|| StoreError("the profile disappeared from this device".to_owned()))?;
    if profile.preferred_name.as_deref() == Some(pushed_name) {
        profile.waiting_to_push = false;
        profile.refusal = refusal;
        store.put(&profile).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
    }
    transaction.commit().await?;
    Ok(profile)
}

pub async fn save_profile(profile: &DeviceProfile) -> Result<(), StoreError> {
    let database = open().await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction.object_store(PROFILE_STORE)?.put(profile).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
    transaction.commit().await?;
    Ok(())
}

fn new_client_id() -> String {
    let window = web_sys::window().expect("the app runs in a browser window");
    window.crypto().expect("the browser has WebCrypto").random_uuid()
}
