//! Registers `public/sw.js`, which caches the app so that it loads with no network.

use wasm_bindgen_futures::{spawn_local, JsFuture};

pub fn register() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    spawn_local(async move {
        if let Err(error) = JsFuture::from(container.register("/sw.js")).await {
            web_sys::console::warn_2(&"Service worker not registered:".into(), &error);
        }
    });
}
