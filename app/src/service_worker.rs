//! The app's service worker (`public/sw.js`): registered at start so that the app loads with no
//! network, and updated safely.
//!
//! A new version is downloaded and cached in the background, then waits. The app says so and the
//! person chooses the moment ("Nu bijwerken"); the button waits until every change being made is
//! stored on the device. Changes are always stored on the device (the outbox) before anything else,
//! so what has not been sent yet survives the reload and is sent by the new version. Nothing is
//! swapped under someone's hands while they fill in a form.

use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message `public/sw.js` takes as "take over now".
const TAKE_OVER_NOW: &str = "skip-waiting";
/// A tablet may keep the app open for days: look for a new version this often (and when the
/// connection returns).
const LOOK_FOR_UPDATES_EVERY_MS: i32 = 60 * 60 * 1000;

/// Whether a new version of the app is downloaded and waiting for the person to choose the moment.
#[derive(Clone, Copy)]
pub struct AppUpdate {
    pub waiting: RwSignal<bool>,
    applying: RwSignal<bool>,
}

fn service_workers() -> Option<ServiceWorkerContainer> {
    Some(web_sys::window()?.navigator().service_worker())
}

/// Registers the service worker and watches for new versions.
pub fn provide_app_update() {
    let update = AppUpdate { waiting: RwSignal::new(false), applying: RwSignal::new(false) };
    provide_context(update);
    let Some(container) = service_workers() else { return };
    spawn_local(async move {
        match JsFuture::from(container.register("/sw.js")).await {
            Ok(registration) => watch_for_new_versions(registration.unchecked_into(), update),
            Err(error) => web_sys::console::warn_2(&"Service worker not registered:".into(), &error),
        }
    });
}

/// A new version counts as waiting once it is installed while an older one controls this page
/// (the very first install has nothing to replace and takes over at once).
fn watch_for_new_versions(registration: ServiceWorkerRegistration, update: AppUpdate) {
    let an_older_version_runs =
        || service_workers().is_some_and(|container| container.controller().is_some());
    if registration.waiting().is_some() && an_older_version_runs() {
        update.waiting.set(true);
    }
    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = watched.installing() else { return };
        let worker = installing.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && an_older_version_runs() {
                update.waiting.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    let look_for_update = Closure::<dyn FnMut()>::new(move || drop(registration.update()));
    if let Some(window) = web_sys::window() {
        let callback = look_for_update.as_ref().unchecked_ref();
        let _ = window.add_event_listener_with_callback("online", callback);
        let _ = window
            .set_interval_with_callback_and_timeout_and_arguments_0(callback, LOOK_FOR_UPDATES_EVERY_MS);
    }
    look_for_update.forget();
}

impl AppUpdate {
    /// Lets the waiting version take over, then reloads the page into it.
    fn apply(self) {
        self.applying.set(true);
        let Some(container) = service_workers() else { return };
        spawn_local(async move {
            let waiting = match JsFuture::from(container.get_registration()).await {
                Ok(registration) => {
                    registration.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting())
                }
                Err(_) => None,
            };
            let reload = || drop(web_sys::window().map(|window| window.location().reload()));
            let Some(waiting) = waiting else {
                reload();
                return;
            };
            let on_new_version = Closure::<dyn FnMut()>::new(reload);
            container.set_oncontrollerchange(Some(on_new_version.as_ref().unchecked_ref()));
            on_new_version.forget();
            if waiting.post_message(&JsValue::from_str(TAKE_OVER_NOW)).is_err() {
                self.applying.set(false);
            }
        });
    }
}

/// In the shell: "there is a new version", with what happens to the changes not sent yet.
#[component]
pub fn AppUpdateNotice() -> impl IntoView {
    let update = expect_context::<AppUpdate>();
    let sync = use_sync();
    let language = use_language();
    let busy = move || sync.storing.get() > 0 || update.applying.get();
    view! {
        <Show when=move || update.waiting.get()>
            <div id="app-update" class="notice notice--update" role="status">
                <p>{tr("Er is een nieuwe versie van de app.", "There is a new version of the app.")}</p>
                <p>
                    {tr(
                        "Wat u op dit apparaat heeft opgeslagen, blijft bewaard. Wat nog niet is verstuurd, verstuurt de nieuwe versie.",
                        "What you saved on this device is kept. The new version sends what has not been sent yet.",
                    )}
                </p>
                <button type="button" disabled=busy on:click=move |_| update.apply()>
                    {move || if busy() { language.get().pick("Even wachten…", "One moment…") } else { language.get().pick("Nu bijwerken", "Update now") }}
                </button>
            </div>
        </Show>
    }
}
