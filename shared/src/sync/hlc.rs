//! Hybrid logical clocks: the timestamp every change carries, so that devices that were offline
//! can agree which of two changes to the same field came last.
//!
//! A hybrid logical clock is the device's wall-clock time in milliseconds, a counter for changes in
//! the same millisecond (or while the wall clock lags behind a time already seen), and the device id
//! as the final tie-breaker. Two clocks from different devices are never equal, so "last" is always
//! defined. As text (`000001764547200000-0000000003-<device>`) the order of the strings is the order
//! of the clocks, so D1 can sort and compare them as plain text.

use crate::text::Explanation;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The longest device id a clock may carry.
pub const MAX_NODE_LENGTH: usize = 64;

/// How far ahead of the server's clock a change may be stamped: ten minutes. A device whose clock
/// runs further ahead would win every conflict for as long as its clock is wrong.
pub const MAX_CLOCK_AHEAD_MS: u64 = 10 * 60 * 1000;

const WALL_DIGITS: usize = 18;
const COUNTER_DIGITS: usize = 10;

/// One hybrid logical clock reading. Ordered by wall time, then counter, then node.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since 1970-01-01 UTC, as the device's clock (or a later clock it saw) said.
    pub wall_ms: u64,
    pub counter: u32,
    /// The device (node) that made the reading.
    pub node: String,
}

/// Why a clock reading is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HlcError {
    /// The text is not `<18 digits>-<10 digits>-<device id>`.
    Malformed,
    /// The reading is more than [`MAX_CLOCK_AHEAD_MS`] ahead of the server's clock.
    TooFarAhead,
}

impl Hlc {
    /// The clock of a device that has not made or seen any change yet.
    pub fn start(node: &str) -> Hlc {
        Hlc { wall_ms: 0, counter: 0, node: node.to_owned() }
    }

    /// The reading for a new change on this device, made at `now_ms` by the device's wall clock.
    /// Always later than `self`, also when the wall clock went backwards.
    pub fn next(&self, now_ms: u64) -> Hlc {
        if now_ms > self.wall_ms {
            Hlc { wall_ms: now_ms, counter: 0, node: self.node.clone() }
        } else {
            Hlc { wall_ms: self.wall_ms, counter: self.counter.saturating_add(1), node: self.node.clone() }
        }
    }

    /// This device's clock after seeing a reading from another device: later than both.
    pub fn after_seeing(&self, seen: &Hlc, now_ms: u64) -> Hlc {
        let wall_ms = now_ms.max(self.wall_ms).max(seen.wall_ms);
        let counter = if wall_ms == self.wall_ms && wall_ms == seen.wall_ms {
            self.counter.max(seen.counter).saturating_add(1)
        } else if wall_ms == self.wall_ms {
            self.counter.saturating_add(1)
        } else if wall_ms == seen.wall_ms {
            seen.counter.saturating_add(1)
        } else {
            0
        };
        Hlc { wall_ms, counter, node: self.node.clone() }
    }

    /// Refuses a reading stamped too far ahead of the server's clock.
    pub fn check_not_ahead_of(&self, server_now_ms: u64) -> Result<(), HlcError> {
        if self.wall_ms > server_now_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
            Err(HlcError::TooFarAhead)
        } else {
            Ok(())
        }
    }

    pub fn parse(text: &str) -> Result<Hlc, HlcError> {
        let mut parts = text.splitn(3, '-');
        let (Some(wall), Some(counter), Some(node)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(HlcError::Malformed);
        };
        let digits =
            |part: &str, width: usize| part.len() == width && part.bytes().all(|b| b.is_ascii_digit());
        let node_is_plain = !node.is_empty()
            && node.len() <= MAX_NODE_LENGTH
            && node.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !digits(wall, WALL_DIGITS) || !digits(counter, COUNTER_DIGITS) || !node_is_plain {
            return Err(HlcError::Malformed);
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| HlcError::Malformed)?,
            counter: counter.parse().map_err(|_| HlcError::Malformed)?,
            node: node.to_owned(),
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:0w$}-{:0c$}-{}",
            self.wall_ms,
            self.counter,
            self.node,
            w = WALL_DIGITS,
            c = COUNTER_DIGITS
        )
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Hlc::parse(&text).map_err(|_| serde::de::Error::custom("not a hybrid logical clock reading"))
    }
}

impl HlcError {
    pub fn code(&self) -> &'static str {
        match self {
            HlcError::Malformed => "malformed_clock",
            HlcError::TooFarAhead => "clock_too_far_ahead",
        }
    }

    pub fn explanation(&self) -> Explanation {
        match self {
            HlcError::Malformed => Explanation::new(
                "De tijd bij deze wijziging klopt niet. Werk de app bij en probeer het opnieuw.",
                "The time stamp of this change is not valid. Update the app and try again.",
            ),
            HlcError::TooFarAhead => Explanation::new(
                "De klok van dit apparaat loopt voor. Zet de datum en tijd goed (automatisch instellen) en probeer het opnieuw.",
                "This device's clock is ahead. Set the date and time correctly (set automatically) and try again.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hlc(wall_ms: u64, counter: u32, node: &str) -> Hlc {
        Hlc { wall_ms, counter, node: node.to_owned() }
    }

    #[test]
    fn a_new_change_is_later_than_the_last_also_when_the_wall_clock_goes_back() {
        let clock = hlc(1_000, 4, "tablet");
        assert_eq!(clock.next(2_000), hlc(2_000, 0, "tablet"));
        assert_eq!(clock.next(1_000), hlc(1_000, 5, "tablet"));
        assert_eq!(clock.next(10), hlc(1_000, 5, "tablet"));
        assert!(clock.next(10) > clock);
    }

    #[test]
    fn after_seeing_another_device_the_clock_is_later_than_both() {
        for (own, seen, now) in [
            (hlc(5, 1, "a"), hlc(9, 3, "b"), 7),
            (hlc(9, 3, "a"), hlc(9, 7, "b"), 2),
            (hlc(9, 3, "a"), hlc(4, 7, "b"), 2),
            (hlc(1, 0, "a"), hlc(2, 0, "b"), 50),
        ] {
            let after = own.after_seeing(&seen, now);
            assert!(after > own && (after.wall_ms, after.counter) > (seen.wall_ms, seen.counter), "{after}");
            assert_eq!(after.node, "a");
        }
    }

    #[test]
    fn text_order_is_clock_order_and_reads_back() {
        let clocks = [
            hlc(99, 0, "b"),
            hlc(100, 0, "a"),
            hlc(100, 1, "a"),
            hlc(100, 1, "b"),
            hlc(999_999_999_999_999_999, 7, "a"),
        ];
        for pair in clocks.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].to_string() < pair[1].to_string(), "{} {}", pair[0], pair[1]);
        }
        for clock in clocks {
            assert_eq!(Hlc::parse(&clock.to_string()), Ok(clock));
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        for bad in [
            "",
            "1-2-a",
            "000000000000000100-0000000001-",
            "000000000000000100-0000000001-a b",
            "00000000000000010x-0000000001-a",
            "000000000000000100-000000001-a",
        ] {
            assert_eq!(Hlc::parse(bad), Err(HlcError::Malformed), "{bad}");
        }
        assert!(Hlc::parse(&format!("000000000000000100-0000000001-{}", "a".repeat(65))).is_err());
    }

    #[test]
    fn a_clock_far_ahead_of_the_server_is_refused() {
        let server_now = 1_764_547_200_000;
        assert_eq!(hlc(server_now + MAX_CLOCK_AHEAD_MS, 0, "a").check_not_ahead_of(server_now), Ok(()));
        assert_eq!(
            hlc(server_now + MAX_CLOCK_AHEAD_MS + 1, 0, "a").check_not_ahead_of(server_now),
            Err(HlcError::TooFarAhead)
        );
    }
}
