//! The device store: the IndexedDB database `naar-vermogen` and its versioned local schema, so
//! that what this device knows survives a reload, going offline, closing the browser and an app
//! update. `sync_store` reads and writes the records in it.
//!
//! Schema versions, upgraded step by step in [`upgrade`]:
//! 1. `profile`: the walking skeleton's one record (a device-made client id and a preferred name).
//! 2. the profile's personal part sealed (`device_crypto`).
//! 3. the synced records (issue 4): `outbox` (changes made here, waiting to be pushed, by op id),
//!    `known` (pages of operations this device has seen, sealed, in the order they came),
//!    `set_aside` (changes the worker refused, with the reason, by op id) and `sync_meta` (this
//!    device's id, clock and pull cursor). The skeleton's `profile` is removed: it held a client
//!    id no server ever knew, and it was never deployed.

use crate::device_crypto::DeviceCryptoError;
use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use shared::text::Explanation;

pub const DATABASE_NAME: &str = "naar-vermogen";
const SCHEMA_VERSION: u32 = 3;
const PROFILE_STORE: &str = "profile";
pub const OUTBOX_STORE: &str = "outbox";
pub const KNOWN_STORE: &str = "known";
pub const SET_ASIDE_STORE: &str = "set_aside";
pub const SYNC_META_STORE: &str = "sync_meta";

/// Reading or writing IndexedDB failed (for example: storage full, or private mode). The detail in
/// both languages (the browser's own words are the same in both).
#[derive(Clone, Debug)]
pub struct StoreError(pub Explanation);

impl StoreError {
    fn from_browser(detail: String) -> StoreError {
        StoreError(Explanation::new(detail.clone(), detail))
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        StoreError::from_browser(error.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::from_browser(error.to_string())
    }
}

impl From<DeviceCryptoError> for StoreError {
    fn from(error: DeviceCryptoError) -> Self {
        StoreError(error.explanation())
    }
}

pub async fn open() -> Result<Database, StoreError> {
    Ok(Database::open(DATABASE_NAME).with_version(SCHEMA_VERSION).with_on_upgrade_needed(upgrade).await?)
}

/// Brings an older local schema up to [`SCHEMA_VERSION`], one step at a time.
fn upgrade(event: VersionChangeEvent, database: Database) -> indexed_db_futures::Result<()> {
    let old = event.old_version();
    if old < 3.0 {
        if old >= 1.0 {
            database.delete_object_store(PROFILE_STORE)?;
        }
        database.create_object_store(OUTBOX_STORE).build()?;
        database.create_object_store(KNOWN_STORE).with_auto_increment(true).build()?;
        database.create_object_store(SET_ASIDE_STORE).build()?;
        database.create_object_store(SYNC_META_STORE).build()?;
    }
    Ok(())
}
