//! The Naar Vermogen progressive web app: Leptos, rendered in the browser (CSR).
//!
//! It must work with no network: every change is validated by `shared`, saved on the
//! device first (IndexedDB), and pushed to the worker when there is a connection.
//! The service worker (`public/sw.js`) makes the app itself load offline.

mod api_client;
mod app;
mod auth;
mod device_crypto;
mod device_store;
mod i18n;
mod pages;
mod permissions;
mod service_worker;
mod storage_health;
mod sync;
mod sync_store;
mod sync_view;

fn main() {
    console_error_panic_hook::set_once();
    // index.html's static shell gave the first paint (before this wasm had arrived); the app takes over.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("app-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
