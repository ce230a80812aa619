//! Which of the two builds of this crate a device runs.
//!
//! - The **client's app** (the default build) has the screens of clients and of people who are not
//!   logged in. It is what a phone downloads first, so it leaves out every screen for staff.
//! - The **staff app** (feature `staff`, served from `/werk/`) has every screen.
//!
//! Both serve the same addresses, the same device store and the same session. The boot script
//! (made by `cargo xtask build`) starts the app this device last chose, from `localStorage`
//! key [`STORAGE_KEY`]; this module chooses it from who is logged in, and loads the page again in
//! the other app when it does not match, before anyone shows as logged in in the wrong one. The key holds no personal data, only `staff`.

/// The `localStorage` key the boot script reads; the value is [`STAFF`] or absent.
const STORAGE_KEY: &str = "naar-vermogen-app";
const STAFF: &str = "staff";

/// True in the staff build.
pub const THIS_IS_THE_STAFF_APP: bool = cfg!(feature = "staff");

/// The app someone needs (`crate::auth::Who::app_needed`); `None` while that is not known, and
/// then the device stays in this one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AppNeeded {
    Staff,
    Client,
}

/// True when `needed` is the other app than this one; the device then remembers that choice, and
/// the caller starts it with [`start_the_other_app_at`] instead of showing the person here.
pub fn the_other_app_is_needed_for(needed: Option<AppNeeded>) -> bool {
    let Some(needed) = needed else { return false };
    let staff = needed == AppNeeded::Staff;
    // Only when the choice is stored: a browser that refuses storage would start this same app
    // again, and again. There, staff see the client's app (its staff screens say so).
    remember(staff) && staff != THIS_IS_THE_STAFF_APP
}

/// Loads this page again, in the app this device chose.
pub fn start_the_other_app_here() {
    let _ = leptos::prelude::window().location().reload();
}

/// Loads `path` in the app this device chose (the page is replaced, not added to the history).
pub fn start_the_other_app_at(path: &str) {
    let _ = leptos::prelude::window().location().replace(path);
}

/// Remembers the client's app as this device's choice (at logout, before leaving the page).
pub fn forget_the_staff_app() {
    let _ = remember(false);
}

/// True when the device now holds the choice.
fn remember(staff: bool) -> bool {
    let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() else { return false };
    let _ = if staff { storage.set_item(STORAGE_KEY, STAFF) } else { storage.remove_item(STORAGE_KEY) };
    let stored = storage.get_item(STORAGE_KEY).ok().flatten();
    stored.as_deref() == staff.then_some(STAFF)
}
