//! Sensitive data at rest on this device: sealed with AES-GCM (256 bits) under a WebCrypto key that
//! can never leave the browser (`extractable = false`), and unreadable once that key is forgotten.
//!
//! **Where the key lives.** In its own small IndexedDB database, `naar-vermogen-keys` (one store,
//! one record), stored as the `CryptoKey` object itself: IndexedDB keeps it by structured clone, so
//! its bytes are never exported, not even to this code. Apart from the data because:
//! - forgetting it (logout) is one delete, independent of the data database and its schema;
//! - the data database's schema and its `upgrade` steps are reworked (the outbox) without ever
//!   touching the key, and wiping the data does not need the key to be gone first or vice versa;
//! - an upgrade of the data database can never depend on the key database's version.
//!
//! **Format of sealed bytes**, version 1: `[1][12-byte IV][ciphertext with its 16-byte GCM tag]`.
//! The IV is fresh from `crypto.getRandomValues` for every seal. The version byte is also the
//! additional authenticated data, so changing it is detected like any other change.
//!
//! WebCrypto answers with Promises, and an IndexedDB transaction commits as soon as it waits for
//! anything else: callers seal and open *outside* their IndexedDB transactions.

use js_sys::{Array, Promise, Uint8Array};
use serde::de::{DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use shared::text::Explanation;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto};

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

const KEY_DATABASE: &str = "naar-vermogen-keys";
const KEY_DATABASE_VERSION: u32 = 1;
const KEY_STORE: &str = "keys";
const DEVICE_KEY: &str = "device";

const FORMAT_1: u8 = 1;
const IV_BYTES: usize = 12;
const TAG_BYTES: usize = 16;

/// Bytes sealed by [`seal`]: version, IV and ciphertext, as one byte string. Stored in IndexedDB
/// as a `Uint8Array`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedBytes(Vec<u8>);

/// Why sealing or opening failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceCryptoError {
    /// This browser offers no WebCrypto here (a very old browser, or a page not served over HTTPS).
    Unavailable,
    /// The key could not be read or stored (IndexedDB failed: storage full, private mode).
    KeyStore(String),
    /// This device has no key any more (removed at logout): what was sealed with it is lost.
    KeyForgotten,
    /// These bytes were changed or damaged, or sealed with another key.
    Unreadable,
    /// Sealed by an unknown (newer) format of the app.
    UnknownFormat(u8),
    /// WebCrypto refused to seal (not expected to happen).
    Crypto(String),
    /// The value could not be turned into JSON, or the opened JSON is not what was expected.
    Json(String),
}

impl DeviceCryptoError {
    /// What the user may read about it (Dutch B1 and English).
    pub fn explanation(&self) -> Explanation {
        match self {
            DeviceCryptoError::Unavailable => Explanation::new(
                "Deze browser kan uw gegevens niet veilig bewaren. Gebruik een nieuwere browser.",
                "This browser cannot keep your data safe. Use a newer browser.",
            ),
            DeviceCryptoError::KeyStore(_) | DeviceCryptoError::Crypto(_) => Explanation::new(
                "Uw gegevens konden niet veilig worden bewaard op dit apparaat. Maak ruimte vrij en probeer het opnieuw.",
                "Your data could not be stored safely on this device. Free up some space and try again.",
            ),
            DeviceCryptoError::KeyForgotten
            | DeviceCryptoError::Unreadable
            | DeviceCryptoError::UnknownFormat(_)
            | DeviceCryptoError::Json(_) => Explanation::new(
                "De gegevens op dit apparaat kunnen niet meer worden gelezen. Dat gebeurt na uitloggen.",
                "The data on this device can no longer be read. That happens after logging out.",
            ),
        }
    }
}

impl fmt::Display for DeviceCryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviceCryptoError::Unavailable => write!(f, "WebCrypto is not available"),
            DeviceCryptoError::KeyStore(detail) => write!(f, "the device key store failed: {detail}"),
            DeviceCryptoError::KeyForgotten => write!(f, "this device has no key any more"),
            DeviceCryptoError::Unreadable => {
                write!(f, "the sealed bytes were changed or sealed with another key")
            }
            DeviceCryptoError::UnknownFormat(version) => write!(f, "unknown sealed format {version}"),
            DeviceCryptoError::Crypto(detail) => write!(f, "WebCrypto failed: {detail}"),
            DeviceCryptoError::Json(detail) => write!(f, "JSON: {detail}"),
        }
    }
}

/// Seals `plain` under this device's key, making the key first if there is none.
pub async fn seal(plain: &[u8]) -> Result<SealedBytes, DeviceCryptoError> {
    let key = device_key_or_new().await?;
    let mut iv = [0u8; IV_BYTES];
    crypto()?
        .get_random_values_with_u8_array(&mut iv)
        .map_err(|e| DeviceCryptoError::Crypto(describe(&e)))?;
    let header = [FORMAT_1];
    let params = gcm_params(&iv, &header);
    let promise = subtle()?.encrypt_with_object_and_buffer_source(&params, &key, &Uint8Array::from(plain));
    let ciphertext = settle(promise).await.map_err(|e| DeviceCryptoError::Crypto(describe(&e)))?;
    let ciphertext = Uint8Array::new(&ciphertext).to_vec();
    let mut bytes = Vec::with_capacity(header.len() + IV_BYTES + ciphertext.len());
    bytes.extend_from_slice(&header);
    bytes.extend_from_slice(&iv);
    bytes.extend_from_slice(&ciphertext);
    Ok(SealedBytes(bytes))
}

/// Opens bytes made by [`seal`] on this device, with the key it has now.
pub async fn open(sealed: &SealedBytes) -> Result<Vec<u8>, DeviceCryptoError> {
    let (&version, rest) = sealed.0.split_first().ok_or(DeviceCryptoError::Unreadable)?;
    if version != FORMAT_1 {
        return Err(DeviceCryptoError::UnknownFormat(version));
    }
    if rest.len() < IV_BYTES + TAG_BYTES {
        return Err(DeviceCryptoError::Unreadable);
    }
    let (iv, ciphertext) = rest.split_at(IV_BYTES);
    let key = stored_key().await?.ok_or(DeviceCryptoError::KeyForgotten)?;
    let params = gcm_params(iv, &[version]);
    let promise =
        subtle()?.decrypt_with_object_and_buffer_source(&params, &key, &Uint8Array::from(ciphertext));
    // AES-GCM rejects (OperationError) whenever the tag does not match: changed bytes or another key.
    let plain = settle(promise).await.map_err(|_| DeviceCryptoError::Unreadable)?;
    Ok(Uint8Array::new(&plain).to_vec())
}

/// Seals `value` as JSON.
pub async fn seal_json<T: Serialize>(value: &T) -> Result<SealedBytes, DeviceCryptoError> {
    let json = serde_json::to_vec(value).map_err(|e| DeviceCryptoError::Json(e.to_string()))?;
    seal(&json).await
}

/// Opens bytes sealed by [`seal_json`].
pub async fn open_json<T: DeserializeOwned>(sealed: &SealedBytes) -> Result<T, DeviceCryptoError> {
    let json = open(sealed).await?;
    serde_json::from_slice(&json).map_err(|e| DeviceCryptoError::Json(e.to_string()))
}

/// Deletes this device's key (at logout). Everything sealed with it can no longer be opened; the
/// next [`seal`] makes a new key.
pub async fn forget_key() -> Result<(), DeviceCryptoError> {
    let database = key_database().await?;
    let result = async {
        let transaction = database.transaction(KEY_STORE).with_mode(TransactionMode::Readwrite).build()?;
        transaction.object_store(KEY_STORE)?.delete(DEVICE_KEY).primitive()?.await?;
        transaction.commit().await
    }
    .await;
    database.close();
    result.map_err(key_store_failed)
}

fn crypto() -> Result<web_sys::Crypto, DeviceCryptoError> {
    web_sys::window()
        .ok_or(DeviceCryptoError::Unavailable)?
        .crypto()
        .map_err(|_| DeviceCryptoError::Unavailable)
}

/// `crypto.subtle` is `undefined` outside a secure context (HTTPS or localhost).
fn subtle() -> Result<SubtleCrypto, DeviceCryptoError> {
    let subtle = crypto()?.subtle();
    if subtle.is_undefined() {
        return Err(DeviceCryptoError::Unavailable);
    }
    Ok(subtle)
}

fn gcm_params(iv: &[u8], additional_data: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(additional_data));
    params
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}

fn key_store_failed(error: impl fmt::Display) -> DeviceCryptoError {
    DeviceCryptoError::KeyStore(error.to_string())
}

async fn key_database() -> Result<Database, DeviceCryptoError> {
    Database::open(KEY_DATABASE)
        .with_version(KEY_DATABASE_VERSION)
        .with_on_upgrade_needed(|event, database| {
            if event.old_version() < 1.0 {
                database.create_object_store(KEY_STORE).build()?;
            }
            Ok(())
        })
        .await
        .map_err(key_store_failed)
}

async fn stored_key() -> Result<Option<CryptoKey>, DeviceCryptoError> {
    let database = key_database().await?;
    let read = async {
        let transaction = database.transaction(KEY_STORE).build()?;
        let stored: Option<JsValue> =
            transaction.object_store(KEY_STORE)?.get(DEVICE_KEY).primitive()?.await?;
        Ok::<_, indexed_db_futures::error::Error>(stored)
    }
    .await;
    database.close();
    read.map_err(key_store_failed)?.map(as_crypto_key).transpose()
}

fn as_crypto_key(value: JsValue) -> Result<CryptoKey, DeviceCryptoError> {
    value
        .dyn_into::<CryptoKey>()
        .map_err(|_| DeviceCryptoError::KeyStore("the stored key is not a CryptoKey".into()))
}

/// The stored key, or a new one. Two callers that both find none (two tabs, or two seals at once)
/// both generate one, but the first to store it wins and both use that: nothing is ever sealed
/// under a key that is then overwritten.
async fn device_key_or_new() -> Result<CryptoKey, DeviceCryptoError> {
    if let Some(key) = stored_key().await? {
        return Ok(key);
    }
    let fresh = generate_key().await?;
    let database = key_database().await?;
    let kept = async {
        let transaction = database.transaction(KEY_STORE).with_mode(TransactionMode::Readwrite).build()?;
        let store = transaction.object_store(KEY_STORE)?;
        let existing: Option<JsValue> = store.get(DEVICE_KEY).primitive()?.await?;
        let kept = match existing {
            Some(existing) => existing,
            None => {
                let fresh = JsValue::from(fresh);
                store.put(fresh.clone()).with_key(DEVICE_KEY).primitive()?.await?;
                fresh
            }
        };
        transaction.commit().await?;
        Ok::<_, indexed_db_futures::error::Error>(kept)
    }
    .await;
    database.close();
    as_crypto_key(kept.map_err(key_store_failed)?)
}

/// A new AES-GCM 256-bit key for encrypt and decrypt only, that can never be exported.
async fn generate_key() -> Result<CryptoKey, DeviceCryptoError> {
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let promise = subtle()?.generate_key_with_object(&AesKeyGenParams::new("AES-GCM", 256), false, &usages);
    let key = settle(promise).await.map_err(|e| DeviceCryptoError::Crypto(describe(&e)))?;
    key.dyn_into::<CryptoKey>().map_err(|_| DeviceCryptoError::Crypto("generateKey gave no CryptoKey".into()))
}

impl Serialize for SealedBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for SealedBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = SealedBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("sealed bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<SealedBytes, E> {
                Ok(SealedBytes(bytes.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<SealedBytes, E> {
                Ok(SealedBytes(bytes))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SealedBytes, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(byte) = seq.next_element()? {
                    bytes.push(byte);
                }
                Ok(SealedBytes(bytes))
            }
        }
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}
