//! Will this device keep the user's work? On start the app asks the browser for persistent storage
//! (so that it does not wipe the device store when space runs out) and reads how much of its quota is
//! used. The shell warns when little room is left; the home page says, quietly, whether storage is
//! persistent. The decision "is that low?" is `shared::storage_space::space_is_low`.

use crate::i18n::{tr, use_language, Language};
use js_sys::Promise;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::storage_space::space_is_low;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// What the browser said about this device's storage. `None`: not known (yet).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageHealth {
    /// Did the browser grant persistent storage (`navigator.storage.persisted()` after `persist()`)?
    pub persisted: Option<bool>,
    /// Is little room left (from `navigator.storage.estimate()`)?
    pub space_low: Option<bool>,
}

/// Asks the browser once, and gives the answer to every component below (context).
pub fn provide_storage_health() {
    let health = RwSignal::new(StorageHealth::default());
    provide_context(health);
    spawn_local(async move {
        let Some(storage) = storage_manager() else { return };
        // The estimate first: `persist()` may wait for the user's answer to a prompt (Firefox).
        let space_low = ask(storage.estimate()).await.and_then(|estimate| {
            let estimate: StorageEstimate = estimate.unchecked_into();
            Some(space_is_low(bytes(estimate.get_usage())?, bytes(estimate.get_quota())?))
        });
        health.update(|h| h.space_low = space_low);
        let persisted = match ask(storage.persisted()).await.and_then(|v| v.as_bool()) {
            Some(false) => ask(storage.persist()).await.and_then(|v| v.as_bool()),
            already => already,
        };
        health.update(|h| h.persisted = persisted);
    });
}

/// `navigator.storage` is missing in old browsers and outside a secure context.
fn storage_manager() -> Option<StorageManager> {
    let storage = web_sys::window()?.navigator().storage();
    (!storage.is_undefined()).then_some(storage)
}

async fn ask(promise: Result<Promise, wasm_bindgen::JsValue>) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

fn bytes(value: Option<f64>) -> Option<u64> {
    value.filter(|v| v.is_finite() && *v >= 0.0).map(|v| v as u64)
}

fn storage_health() -> StorageHealth {
    use_context::<RwSignal<StorageHealth>>().map(|health| health.get()).unwrap_or_default()
}

/// In the shell: a warning when little room is left, nothing when all is fine or not known.
#[component]
pub fn StorageWarning() -> impl IntoView {
    move || {
        (storage_health().space_low == Some(true)).then(|| {
            view! {
                <p id="storage-warning" class="storage-warning" role="alert">
                    {tr(
                        "Er is bijna geen ruimte meer op dit apparaat. Maak ruimte vrij, anders kan de app uw werk niet bewaren.",
                        "There is almost no room left on this device. Free up some space, or the app cannot keep your work.",
                    )}
                </p>
            }
        })
    }
}

/// On the home page: one quiet line on whether the browser keeps the data for good.
#[component]
pub fn PersistenceLine() -> impl IntoView {
    let language = use_language();
    let text = move || {
        match (storage_health().persisted, language.get()) {
        (Some(true), Language::Dutch) => "Uw gegevens blijven op dit apparaat bewaard.",
        (Some(true), Language::English) => "Your data stays on this device.",
        (Some(false), Language::Dutch) => {
            "Deze browser mag uw gegevens wissen als het apparaat vol raakt. Zet de app op uw beginscherm, dan bewaart de browser ze beter."
        }
        (Some(false), Language::English) => {
            "This browser may delete your data when the device gets full. Add the app to your home screen, then the browser keeps it better."
        }
        (None, _) => "",
    }
    };
    view! { <p id="storage-persistence" class="hint">{text}</p> }
}
