//! The synced records on this device, kept in the device store (`device_store`): the outbox of
//! changes made here, the operations seen from the worker, the changes the worker refused (with
//! the reason), and this device's id, clock and pull cursor.
//!
//! Every operation holds personal data, so it is sealed (`device_crypto`) before it is stored:
//! one by one in the outbox and among the set-aside changes, a whole page at a time in `known`
//! (one pull page is one sealed value, so a caseload of thousands opens quickly). Sealing and
//! opening happen outside IndexedDB transactions; each write is one transaction.

use crate::device_crypto::{open_json, seal_json, DeviceCryptoError, SealedBytes};
use crate::device_store::{open, StoreError, KNOWN_STORE, OUTBOX_STORE, SET_ASIDE_STORE, SYNC_META_STORE};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use shared::api::ApiError;
use shared::sync::hlc::Hlc;
use shared::sync::sync_protocol::Operation;

const META_KEY: &str = "device";

/// This device's part in sync: not personal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncMeta {
    /// A random id made on this device: the node of its clock.
    pub device_id: String,
    /// The clock after the last change made or seen here.
    pub clock: Hlc,
    /// The worker's log position this device has pulled up to.
    pub cursor: u64,
}

/// A change the worker refused: kept, with the reason, until the user deals with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    pub operation: Operation,
    pub reason: ApiError,
}

/// Everything stored, opened.
pub struct DeviceState {
    pub meta: SyncMeta,
    pub known: Vec<Operation>,
    /// In the order they were made.
    pub outbox: Vec<Operation>,
    pub set_aside: Vec<SetAside>,
    /// Some stored data could not be opened (the key was forgotten, or bytes were damaged). What
    /// the worker has is pulled again; changes that were still waiting here are lost.
    pub unreadable: Option<Unreadable>,
}

/// What could not be opened, and what became of it.
pub struct Unreadable {
    pub problem: DeviceCryptoError,
    /// Changes made on this device, not yet sent, that could not be opened.
    pub lost_changes: usize,
}

/// Reads everything stored; makes this device's id and clock on first use. What cannot be opened
/// is removed, and the cursor goes back to the start so that everything is pulled again.
pub async fn load() -> Result<DeviceState, StoreError> {
    let database = open().await?;
    let transaction = database
        .transaction([SYNC_META_STORE, OUTBOX_STORE, KNOWN_STORE, SET_ASIDE_STORE])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let meta_store = transaction.object_store(SYNC_META_STORE)?;
    let meta = match meta_store.get(META_KEY).serde()?.await? {
        Some(meta) => meta,
        None => {
            let device_id = random_uuid();
            let meta = SyncMeta { clock: Hlc::start(&device_id), device_id, cursor: 0 };
            meta_store.put(&meta).with_key(META_KEY.to_owned()).serde()?.await?;
            meta
        }
    };
    let outbox: Vec<SealedBytes> = sealed_values(&transaction, OUTBOX_STORE).await?;
    let pages: Vec<SealedBytes> = sealed_values(&transaction, KNOWN_STORE).await?;
    let set_aside: Vec<SealedBytes> = sealed_values(&transaction, SET_ASIDE_STORE).await?;
    transaction.commit().await?;

    let mut state =
        DeviceState { meta, known: Vec::new(), outbox: Vec::new(), set_aside: Vec::new(), unreadable: None };
    let mut problem = None;
    for page in pages {
        match open_json::<Vec<Operation>>(&page).await {
            Ok(operations) => state.known.extend(operations),
            Err(error) => problem = Some(error),
        }
    }
    let mut lost_changes = 0;
    for sealed in outbox {
        match open_json::<Operation>(&sealed).await {
            Ok(operation) => state.outbox.push(operation),
            Err(error) => {
                lost_changes += 1;
                problem = Some(error);
            }
        }
    }
    state.outbox.sort_by(|a, b| a.hlc.cmp(&b.hlc));
    for sealed in set_aside {
        match open_json::<SetAside>(&sealed).await {
            Ok(entry) => state.set_aside.push(entry),
            Err(error) => problem = Some(error),
        }
    }
    if let Some(problem) = problem {
        start_again_from_what_is_readable(&mut state).await?;
        state.unreadable = Some(Unreadable { problem, lost_changes });
    }
    Ok(state)
}

/// Keeps only what could be opened: the readable outbox and set-aside changes are stored again
/// (under the current key), everything pulled is dropped and the cursor goes back to 0.
async fn start_again_from_what_is_readable(state: &mut DeviceState) -> Result<(), StoreError> {
    let mut outbox = Vec::with_capacity(state.outbox.len());
    for operation in &state.outbox {
        outbox.push((operation.op_id.clone(), seal_json(operation).await?));
    }
    let mut set_aside = Vec::with_capacity(state.set_aside.len());
    for entry in &state.set_aside {
        set_aside.push((entry.operation.op_id.clone(), seal_json(entry).await?));
    }
    state.known.clear();
    state.meta.cursor = 0;
    let database = open().await?;
    let transaction = database
        .transaction([SYNC_META_STORE, OUTBOX_STORE, KNOWN_STORE, SET_ASIDE_STORE])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    for (name, entries) in [(OUTBOX_STORE, &outbox), (SET_ASIDE_STORE, &set_aside)] {
        let store = transaction.object_store(name)?;
        store.clear()?.await?;
        for (op_id, sealed) in entries {
            store.put(sealed).with_key(op_id.clone()).serde()?.await?;
        }
    }
    transaction.object_store(KNOWN_STORE)?.clear()?.await?;
    transaction
        .object_store(SYNC_META_STORE)?
        .put(&state.meta)
        .with_key(META_KEY.to_owned())
        .serde()?
        .await?;
    transaction.commit().await?;
    Ok(())
}

async fn sealed_values(
    transaction: &indexed_db_futures::transaction::Transaction<'_>,
    store: &str,
) -> Result<Vec<SealedBytes>, StoreError> {
    let values = transaction.object_store(store)?.get_all().serde()?.await?;
    Ok(values.collect::<Result<Vec<SealedBytes>, _>>()?)
}

/// Stores changes made on this device in the outbox, with the clock that stamped the last one:
/// all of them in one transaction, so changes that belong together are never half stored.
pub async fn record_changes(operations: &[Operation], meta: &SyncMeta) -> Result<(), StoreError> {
    let mut sealed = Vec::with_capacity(operations.len());
    for operation in operations {
        sealed.push((operation.op_id.clone(), seal_json(operation).await?));
    }
    let database = open().await?;
    let transaction = database
        .transaction([OUTBOX_STORE, SYNC_META_STORE])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let outbox = transaction.object_store(OUTBOX_STORE)?;
    for (op_id, sealed) in sealed {
        outbox.put(&sealed).with_key(op_id).serde()?.await?;
    }
    transaction.object_store(SYNC_META_STORE)?.put(meta).with_key(META_KEY.to_owned()).serde()?.await?;
    transaction.commit().await?;
    Ok(())
}

/// Records the worker's answer to a push: `stored` operations leave the outbox for `known`,
/// `refused` ones leave it for `set_aside`. What is in neither stays in the outbox.
pub async fn record_push_answer(stored: &[Operation], refused: &[SetAside]) -> Result<(), StoreError> {
    let page = if stored.is_empty() { None } else { Some(seal_json(&stored).await?) };
    let mut set_aside = Vec::with_capacity(refused.len());
    for entry in refused {
        set_aside.push((entry.operation.op_id.clone(), seal_json(entry).await?));
    }
    let database = open().await?;
    let transaction = database
        .transaction([OUTBOX_STORE, KNOWN_STORE, SET_ASIDE_STORE])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let outbox = transaction.object_store(OUTBOX_STORE)?;
    for operation in stored {
        outbox.delete(operation.op_id.clone()).await?;
    }
    for entry in refused {
        outbox.delete(entry.operation.op_id.clone()).await?;
    }
    if let Some(page) = page {
        transaction.object_store(KNOWN_STORE)?.add(&page).serde()?.await?;
    }
    let set_aside_store = transaction.object_store(SET_ASIDE_STORE)?;
    for (op_id, sealed) in set_aside {
        set_aside_store.put(&sealed).with_key(op_id).serde()?.await?;
    }
    transaction.commit().await?;
    Ok(())
}

/// Stores one pulled page and the cursor and clock after it, together.
pub async fn record_pulled(operations: &[Operation], meta: &SyncMeta) -> Result<(), StoreError> {
    let page = if operations.is_empty() { None } else { Some(seal_json(&operations).await?) };
    let database = open().await?;
    let transaction =
        database.transaction([KNOWN_STORE, SYNC_META_STORE]).with_mode(TransactionMode::Readwrite).build()?;
    if let Some(page) = page {
        transaction.object_store(KNOWN_STORE)?.add(&page).serde()?.await?;
    }
    transaction.object_store(SYNC_META_STORE)?.put(meta).with_key(META_KEY.to_owned()).serde()?.await?;
    transaction.commit().await?;
    Ok(())
}

/// The user has read why a change was refused and lets it go.
pub async fn forget_set_aside(op_id: &str) -> Result<(), StoreError> {
    let database = open().await?;
    let transaction = database.transaction(SET_ASIDE_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction.object_store(SET_ASIDE_STORE)?.delete(op_id.to_owned()).await?;
    transaction.commit().await?;
    Ok(())
}

pub fn random_uuid() -> String {
    let window = web_sys::window().expect("the app runs in a browser window");
    window.crypto().expect("the browser has WebCrypto").random_uuid()
}

const FREE_SLOTS_KEY: &str = "free_slots";

/// The last answer of `GET /api/v1/slots/free`, with when it was fetched (UTC ms), so that the
/// slots can be shown offline as "laatst bijgewerkt …".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptFreeSlots {
    pub fetched_at_ms: f64,
    pub answer: shared::journey::appointment::FreeSlotsResponse,
}

/// Keeps the last free-slots answer beside the sync bookkeeping (sealed: it says which slot is
/// the client's own).
pub async fn keep_free_slots(kept: &KeptFreeSlots) -> Result<(), StoreError> {
    let sealed = seal_json(kept).await?;
    let database = open().await?;
    let transaction = database.transaction(SYNC_META_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction
        .object_store(SYNC_META_STORE)?
        .put(&sealed)
        .with_key(FREE_SLOTS_KEY.to_owned())
        .serde()?
        .await?;
    transaction.commit().await?;
    Ok(())
}

/// The free-slots answer kept on this device, if any could be opened.
pub async fn kept_free_slots() -> Option<KeptFreeSlots> {
    let database = open().await.ok()?;
    let transaction = database.transaction(SYNC_META_STORE).build().ok()?;
    let sealed: Option<SealedBytes> =
        transaction.object_store(SYNC_META_STORE).ok()?.get(FREE_SLOTS_KEY).serde().ok()?.await.ok()?;
    open_json(&sealed?).await.ok()
}
