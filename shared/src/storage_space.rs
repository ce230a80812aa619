//! Is there still room on this device for the app to keep the user's work? The browser reports how
//! much of its storage quota is used (`navigator.storage.estimate()`); the app warns when little is left.
//!
//! Used by the app only. It lives here because it is a pure decision, and `shared` is where those
//! are unit-tested natively (the app crate is WebAssembly only).

/// Less free than this is low, however large the quota (50 MB: a few photos of documents).
pub const LOW_FREE_BYTES: u64 = 50 * 1024 * 1024;

/// Less free than this share of the quota is low (10 %). A browser's quota is itself a share of the
/// free disk, so a nearly used quota means a nearly full device.
pub const LOW_FREE_PERCENT: u64 = 10;

/// True when less than [`LOW_FREE_BYTES`] or less than [`LOW_FREE_PERCENT`] of the quota is free.
/// `usage` may exceed `quota` (the browser's figures are estimates): that is low too.
pub fn space_is_low(usage: u64, quota: u64) -> bool {
    let free = quota.saturating_sub(usage);
    free < LOW_FREE_BYTES || free < quota / 100 * LOW_FREE_PERCENT
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1024 * 1024;
    const GB: u64 = 1024 * MB;

    #[test]
    fn plenty_of_room_is_not_low() {
        assert!(!space_is_low(0, 10 * GB));
        assert!(!space_is_low(2 * GB, 10 * GB));
        assert!(!space_is_low(100 * MB, 300 * MB));
    }

    #[test]
    fn less_than_50_mb_free_is_low_even_in_a_small_quota() {
        assert!(space_is_low(0, 40 * MB), "a quota smaller than 50 MB is always low");
        assert!(space_is_low(251 * MB, 300 * MB));
        assert!(!space_is_low(250 * MB, 300 * MB), "exactly 50 MB free is enough");
    }

    #[test]
    fn less_than_a_tenth_of_a_large_quota_free_is_low() {
        assert!(space_is_low(91 * GB, 100 * GB));
        assert!(!space_is_low(90 * GB, 100 * GB), "exactly 10 % free is enough");
    }

    #[test]
    fn more_used_than_the_quota_is_low_and_does_not_overflow() {
        assert!(space_is_low(11 * GB, 10 * GB));
        assert!(space_is_low(u64::MAX, 0));
        assert!(!space_is_low(0, u64::MAX));
    }
}
