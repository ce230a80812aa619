//! The one place the app reads the clock. Every page asks here for "now" and "today", so that a
//! test that sets the browser's clock (Playwright's clock, `cargo xtask test --date`) moves every
//! screen at once, and no page keeps its own notion of the time.

use shared::law::calendar::Date;
use shared::law::local_time::LocalDateTime;

/// Milliseconds since 1970 (UTC), as the browser's clock reads them.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Now in Dutch local time (Europe/Amsterdam), whatever the device's time zone.
pub fn now_local() -> LocalDateTime {
    LocalDateTime::from_utc_ms(now_ms() as i64)
}

/// Today on this device's calendar.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .expect("the browser's date is a date")
}
