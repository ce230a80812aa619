//! The device store: what this device knows, kept in IndexedDB so that it survives
//! a reload, going offline and closing the browser.
//!
//! Version 1 of the local schema has one object store, `profile`, with one record
//! under the key `me`. Later versions add stores in `upgrade` (never by deleting data).
//!
//! Version 2: the personal part of the profile (the preferred name) is kept sealed
//! (`device_crypto`); the sync bookkeeping (client id, waiting, refusal) stays readable, so
//! that a push outcome is recorded without the key. All sealing and opening happens outside
//! IndexedDB transactions (see `StoredProfile`, `seal_version_1_record`).

use crate::device_crypto::{open_json, seal_json, DeviceCryptoError, SealedBytes};
use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use shared::text::Explanation;

const DATABASE_NAME: &str = "naar-vermogen";
const SCHEMA_VERSION: u32 = 2;
const PROFILE_STORE: &str = "profile";
const PROFILE_KEY: &str = "me";

/// This device's own client file, as far as the skeleton knows it (opened: the name in the clear).
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceProfile {
    /// A random UUID made on this device (see `shared::client_id`).
    pub client_id: String,
    pub preferred_name: Option<String>,
    /// True while the worker has not yet accepted the saved preferred name.
    pub waiting_to_push: bool,
    /// Why the worker refused the last push, if it did. Kept until the next save.
    pub refusal: Option<Explanation>,
    /// The saved personal part could not be opened (key forgotten at logout, or damaged bytes):
    /// `preferred_name` is then `None`, and the next save replaces the unreadable part.
    pub unreadable: Option<DeviceCryptoError>,
}

/// The profile record as stored (schema version 2).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredProfile {
    client_id: String,
    waiting_to_push: bool,
    refusal: Option<Explanation>,
    /// [`Personal`] as JSON, sealed; `None` while no name is saved.
    #[serde(default)]
    personal: Option<SealedBytes>,
    /// Only in a record of schema version 1: the name in the clear. Read to seal it, never written.
    #[serde(default, skip_serializing)]
    preferred_name: Option<String>,
}

/// What is sealed: the personal data of the profile.
#[derive(Serialize, Deserialize)]
struct Personal {
    preferred_name: String,
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

impl From<DeviceCryptoError> for StoreError {
    fn from(error: DeviceCryptoError) -> Self {
        StoreError(error.explanation().nl)
    }
}

async fn open() -> Result<Database, StoreError> {
    let database =
        Database::open(DATABASE_NAME).with_version(SCHEMA_VERSION).with_on_upgrade_needed(upgrade).await?;
    seal_version_1_record(&database).await?;
    Ok(database)
}

/// Brings an older local schema up to [`SCHEMA_VERSION`], one step at a time.
fn upgrade(event: VersionChangeEvent, database: Database) -> indexed_db_futures::Result<()> {
    if event.old_version() < 1.0 {
        database.create_object_store(PROFILE_STORE).build()?;
    }
    // Version 2 seals the personal part of the profile. The conversion of a version 1 record cannot
    // run in this upgrade: WebCrypto answers with a Promise, and an IndexedDB transaction (this one
    // too) commits as soon as it waits for anything else. So `open` converts it right after this
    // step, before anything reads the profile. The version still goes up so that an app of version 1
    // (an old tab, an old cached copy) can no longer open the store and write the name in the clear.
    Ok(())
}

/// Schema step 1 → 2, the part that needs WebCrypto: a record with the name in the clear is sealed.
/// It is written back only if the record did not change meanwhile; a no-op on a version 2 record.
async fn seal_version_1_record(database: &Database) -> Result<(), StoreError> {
    let Some(found) = read_stored(database).await? else { return Ok(()) };
    let Some(name) = found.preferred_name.clone() else { return Ok(()) };
    let personal = seal_json(&Personal { preferred_name: name.clone() }).await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    let store = transaction.object_store(PROFILE_STORE)?;
    let now: Option<StoredProfile> = store.get(PROFILE_KEY).serde()?.await?;
    if let Some(mut record) = now.filter(|now| now.preferred_name.as_deref() == Some(name.as_str())) {
        record.preferred_name = None;
        record.personal = Some(personal);
        store.put(&record).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
    }
    transaction.commit().await?;
    Ok(())
}

async fn read_stored(database: &Database) -> Result<Option<StoredProfile>, StoreError> {
    let transaction = database.transaction(PROFILE_STORE).build()?;
    let stored: Option<StoredProfile> =
        transaction.object_store(PROFILE_STORE)?.get(PROFILE_KEY).serde()?.await?;
    Ok(stored)
}

/// Opens the sealed part. A part that cannot be opened is reported in the profile, not as an error:
/// the user can still use the app and save the name again.
async fn opened(stored: StoredProfile) -> DeviceProfile {
    let (preferred_name, unreadable) = match &stored.personal {
        None => (None, None),
        Some(sealed) => match open_json::<Personal>(sealed).await {
            Ok(personal) => (Some(personal.preferred_name), None),
            Err(error) => (None, Some(error)),
        },
    };
    DeviceProfile {
        client_id: stored.client_id,
        preferred_name,
        waiting_to_push: stored.waiting_to_push,
        refusal: stored.refusal,
        unreadable,
    }
}

/// The stored profile, or a new one (with a new client id) on a device that has none yet.
/// Reading and creating happen in one transaction, so two callers never make two profiles.
pub async fn load_profile() -> Result<DeviceProfile, StoreError> {
    let database = open().await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    let store = transaction.object_store(PROFILE_STORE)?;
    let stored: Option<StoredProfile> = store.get(PROFILE_KEY).serde()?.await?;
    let stored = match stored {
        Some(stored) => stored,
        None => {
            let stored = StoredProfile {
                client_id: new_client_id(),
                waiting_to_push: false,
                refusal: None,
                personal: None,
                preferred_name: None,
            };
            store.put(&stored).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
            stored
        }
    };
    transaction.commit().await?;
    Ok(opened(stored).await)
}

/// Records the worker's answer to a push of `pushed_name` (accepted: `refusal` is `None`), in one
/// transaction. If the user saved another name meanwhile, that newer name stays waiting.
pub async fn record_push_outcome(
    pushed_name: &str,
    refusal: Option<Explanation>,
) -> Result<DeviceProfile, StoreError> {
    let database = open().await?;
    // Opening needs WebCrypto, so it happens before the writing transaction: which sealed bytes hold
    // the pushed name? Every seal has a fresh IV, so a newer save never has the same bytes.
    let before = read_stored(&database)
        .await?
        .ok_or_else(|| StoreError("the profile disappeared from this device".to_owned()))?;
    let pushed_bytes = before.personal.clone();
    if opened(before).await.preferred_name.as_deref() != Some(pushed_name) {
        return load_profile().await;
    }
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    let store = transaction.object_store(PROFILE_STORE)?;
    let stored: Option<StoredProfile> = store.get(PROFILE_KEY).serde()?.await?;
    let mut record =
        stored.ok_or_else(|| StoreError("the profile disappeared from this device".to_owned()))?;
    if record.personal == pushed_bytes {
        record.waiting_to_push = false;
        record.refusal = refusal;
        store.put(&record).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
    }
    transaction.commit().await?;
    Ok(opened(record).await)
}

/// Seals the personal part, then stores the profile in one transaction.
pub async fn save_profile(profile: &DeviceProfile) -> Result<(), StoreError> {
    let personal = match &profile.preferred_name {
        Some(name) => Some(seal_json(&Personal { preferred_name: name.clone() }).await?),
        None => None,
    };
    let stored = StoredProfile {
        client_id: profile.client_id.clone(),
        waiting_to_push: profile.waiting_to_push,
        refusal: profile.refusal.clone(),
        personal,
        preferred_name: None,
    };
    let database = open().await?;
    let transaction = database.transaction(PROFILE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction.object_store(PROFILE_STORE)?.put(&stored).with_key(PROFILE_KEY.to_owned()).serde()?.await?;
    transaction.commit().await?;
    Ok(())
}

fn new_client_id() -> String {
    let window = web_sys::window().expect("the app runs in a browser window");
    window.crypto().expect("the browser has WebCrypto").random_uuid()
}
