//! The Naar Vermogen progressive web app: Leptos, rendered in the browser (CSR).
//!
//! It must work with no network: every change is validated by `shared`, saved on the
//! device first (IndexedDB), and pushed to the worker when there is a connection.
//! The service worker (`public/sw.js`) makes the app itself load offline.
//!
//! The release build aborts on a panic at once, with no message (see `xtask`'s
//! `Tools::app_command`): a panic is a bug that no user can act on, and its text and source
//! locations cost the phone download. Errors users can act on are values, shown in words.

// The client's app leaves out the staff screens (see `app_choice`), so much of their code is unused
// there; clippy checks the staff build (every screen) for code that is truly dead.
#![cfg_attr(not(feature = "staff"), allow(dead_code))]

mod api_client;
mod app;
mod app_choice;
mod auth;
mod clock;
mod components;
mod device_crypto;
mod device_store;
mod file_outlook;
mod files_on_device;
mod free_slots;
mod i18n;
mod new_record;
mod pages;
mod permissions;
mod screens_on_demand;
mod service_worker;
mod session_api;
mod storage_health;
mod sync;
mod sync_store;
mod sync_view;

fn main() {
    // index.html's static shell gave the first paint (before this wasm had arrived); the app takes over.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("app-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
