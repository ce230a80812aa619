//! How much one person and one client file may push: the quotas, as data, and the one decision
//! "does this push fit, and if not, when may it come back" ([`admit`]).
//!
//! | quota | limit | answer when over it |
//! |---|---|---|
//! | operations per push | [`MAX_OPERATIONS_PER_PUSH`] (500) | 413 `too_many_operations`: waiting does not help, split the push |
//! | operations per person per minute | [`PER_PERSON_PER_MINUTE`] (2,000) | 429 `operations_per_person_per_minute` + `Retry-After` |
//! | operations per client file per day | [`PER_FILE_PER_DAY`] (1,000) | 429 `operations_per_file_per_day` + `Retry-After` |
//!
//! A push that is too large stays 413: a 429 promises that the same request fits later, and a push
//! of 501 never does. The device pushes at most 500 at a time, so it never sees the 413.
//!
//! The per-minute quota counts by the signed-in person (the operation's author, which admission
//! holds to the signed-in subject), not by the device's clock node: a device names its node itself,
//! so an attacker would take a new node for every push; a person cannot take a new login. The
//! two devices of one person (tablet and phone) share it, and the numbers leave room for that.
//!
//! Windows slide: the worker counts what the log stored in the last minute (in seconds) and the
//! last 24 hours (in hours), and the push fits when the stored count plus its new operations stays
//! within the limit. When it does not, the answer says when enough of the stored operations will
//! have left the window for this push to fit (rounded up to the end of their second or hour, so
//! a device that comes back then is never refused again by the same operations). Operations a
//! push repeats (already in the log) store nothing and do not count.
//!
//! Real use never meets these limits: an outreach worker's day of home visits (the klantfoto's
//! answers, a note, the next visit, some duties, about 30 operations a visit, 6 to 8 visits) is
//! 200 to 300 operations, pushed at once when the tablet is back online; a file's busiest day
//! (an intake with details, the klantfoto and an inspanningspakket of 20 job applications, from
//! the tablet, the client's phone and the consulent's desk) is about 150. The limits stop what
//! the security review did: 10 pushes of 500 maximum-size operations (9.3 MB) in 1.6 s.

use crate::api::ApiError;
use crate::sync::sync_protocol::MAX_OPERATIONS_PER_PUSH;
use crate::text::Explanation;
use std::collections::BTreeMap;

/// A quota on stored operations in a sliding window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    /// The name the error gives it (its `code`).
    pub name: &'static str,
    /// The most operations stored in one window.
    pub operations: u32,
    pub window_ms: u64,
    /// The worker counts the window in buckets of this length (D1 groups the log's `received_at`).
    pub bucket_ms: u64,
}

/// Per signed-in person, per minute: four full pushes back to back, so a tablet that was offline
/// for several working days (a day is 200 to 300 operations) sends its whole outbox without
/// waiting; a longer backlog goes over a few minutes, and nothing is lost. A second device of the
/// same person (the phone beside the tablet) fits in the same room.
pub const PER_PERSON_PER_MINUTE: Quota = Quota {
    name: "operations_per_person_per_minute",
    operations: 2_000,
    window_ms: 60_000,
    bucket_ms: 1_000,
};

/// Per client file, per 24 hours: six times a file's busiest day (about 150 operations), and two
/// full pushes, so that one full push on one file always fits in a fresh day. It bounds what
/// anyone (also a client, who writes only their own file) adds to one file, and so to the pulls
/// of everyone who reads it.
pub const PER_FILE_PER_DAY: Quota = Quota {
    name: "operations_per_file_per_day",
    operations: 1_000,
    window_ms: 24 * 60 * 60 * 1000,
    bucket_ms: 60 * 60 * 1000,
};

// A push the worker accepts by size must always fit once the windows are empty.
const _: () = assert!(MAX_OPERATIONS_PER_PUSH as u32 <= PER_PERSON_PER_MINUTE.operations);
const _: () = assert!(MAX_OPERATIONS_PER_PUSH as u32 <= PER_FILE_PER_DAY.operations);

/// Operations the log stored in one bucket of a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    /// The start of the bucket, in milliseconds since the Unix epoch.
    pub bucket_start_ms: u64,
    pub operations: u32,
}

/// What a push would add, counting only the operations the log does not have yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushLoad {
    /// All of them: the signed-in person's.
    pub operations: u32,
    /// Client file id → the ones about that file.
    pub per_file: BTreeMap<String, u32>,
}

/// What the log stored in the windows that [`PushLoad`] is measured against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// The signed-in person's operations in the last minute, per second.
    pub person: Vec<Stored>,
    /// Client file id → its operations in the last day, per hour (files with none are left out).
    pub per_file: BTreeMap<String, Vec<Stored>>,
}

/// A push that does not fit: which quota, and when it fits again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverQuota {
    pub quota: Quota,
    /// How long to wait before pushing again (the `Retry-After` header), at least 1.
    pub retry_after_seconds: u64,
}

/// The answer to a push with more operations than one push may carry (413).
pub fn check_push_size(operations: usize) -> Result<(), ApiError> {
    if operations <= MAX_OPERATIONS_PER_PUSH {
        return Ok(());
    }
    Err(ApiError::new(
        "too_many_operations",
        Some("operations"),
        Explanation::new(
            format!("Stuur hoogstens {MAX_OPERATIONS_PER_PUSH} wijzigingen tegelijk."),
            format!("Send at most {MAX_OPERATIONS_PER_PUSH} changes at once."),
        ),
    ))
}

/// Whether a push fits every quota at `now_ms`. When it does not, the quota that frees up last
/// is named, with the wait after which the whole push fits (if nothing else is stored meanwhile).
pub fn admit(push: &PushLoad, usage: &Usage, now_ms: u64) -> Result<(), OverQuota> {
    let person = std::iter::once((PER_PERSON_PER_MINUTE, push.operations, usage.person.as_slice()));
    let files = push.per_file.iter().map(|(client_id, adding)| {
        let stored = usage.per_file.get(client_id).map_or(&[][..], Vec::as_slice);
        (PER_FILE_PER_DAY, *adding, stored)
    });
    person
        .chain(files)
        .filter_map(|(quota, adding, stored)| {
            let fits_at = fits_from(quota, adding, stored, now_ms);
            (fits_at > now_ms)
                .then(|| OverQuota { quota, retry_after_seconds: (fits_at - now_ms).div_ceil(1000) })
        })
        .max_by_key(|over| over.retry_after_seconds)
        .map_or(Ok(()), Err)
}

/// When `adding` more operations fit in the quota's window (`now_ms`: now): the end of the bucket
/// whose leaving the window frees enough room.
fn fits_from(quota: Quota, adding: u32, stored: &[Stored], now_ms: u64) -> u64 {
    let leaves_at = |bucket: &Stored| bucket.bucket_start_ms + quota.bucket_ms + quota.window_ms;
    let mut in_window: Vec<&Stored> = stored.iter().filter(|bucket| leaves_at(bucket) > now_ms).collect();
    in_window.sort_by_key(|bucket| bucket.bucket_start_ms);
    let mut count: u64 = in_window.iter().map(|bucket| u64::from(bucket.operations)).sum();
    let room = u64::from(quota.operations);
    if count + u64::from(adding) <= room {
        return now_ms;
    }
    for bucket in in_window {
        count -= u64::from(bucket.operations);
        if count + u64::from(adding) <= room {
            return leaves_at(bucket);
        }
    }
    // More than the quota in one push never fits; `check_push_size` keeps every push below every
    // quota (the assertions above), so this is a whole window from now, never reached.
    now_ms + quota.window_ms
}

impl OverQuota {
    /// The error the worker answers with (429), naming the quota and its number.
    pub fn error(&self) -> ApiError {
        let limit = self.quota.operations;
        let seconds = self.retry_after_seconds;
        let wait_nl = in_words_nl(seconds);
        let wait_en = in_words_en(seconds);
        let (field, nl, en) = if self.quota == PER_FILE_PER_DAY {
            (
                "record",
                format!(
                    "Er zijn vandaag te veel wijzigingen in één dossier gestuurd: hoogstens {limit} per dossier per dag. \
                     Er is niets opgeslagen. Uw wijzigingen staan nog op uw apparaat. Probeer het over {wait_nl} opnieuw."
                ),
                format!(
                    "Too many changes were sent for one file today: at most {limit} per file per day. \
                     Nothing was stored. Your changes are still on your device. Try again in {wait_en}."
                ),
            )
        } else {
            (
                "operations",
                format!(
                    "Er zijn in korte tijd te veel wijzigingen gestuurd: hoogstens {limit} per persoon per minuut. \
                     Er is niets opgeslagen. Uw wijzigingen staan nog op uw apparaat. Probeer het over {wait_nl} opnieuw."
                ),
                format!(
                    "Too many changes were sent in a short time: at most {limit} per person per minute. \
                     Nothing was stored. Your changes are still on your device. Try again in {wait_en}."
                ),
            )
        };
        ApiError::new(self.quota.name, Some(field), Explanation::new(nl, en))
    }
}

fn in_words_nl(seconds: u64) -> String {
    match seconds {
        1 => "1 seconde".to_owned(),
        2..=119 => format!("{seconds} seconden"),
        _ => format!("{} minuten", seconds.div_ceil(60)),
    }
}

fn in_words_en(seconds: u64) -> String {
    match seconds {
        1 => "1 second".to_owned(),
        2..=119 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_764_547_200_000;
    const FILE: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OTHER_FILE: &str = "5d1e8f3a-2b4c-4d6e-9f8a-1b2c3d4e5f60";

    fn load(operations: u32, per_file: &[(&str, u32)]) -> PushLoad {
        PushLoad {
            operations,
            per_file: per_file.iter().map(|(file, count)| ((*file).to_owned(), *count)).collect(),
        }
    }

    fn stored(bucket_start_ms: u64, operations: u32) -> Stored {
        Stored { bucket_start_ms, operations }
    }

    fn person_stored(buckets: Vec<Stored>) -> Usage {
        Usage { person: buckets, per_file: BTreeMap::new() }
    }

    #[test]
    fn a_push_of_500_fits_and_501_is_too_large_whatever_the_windows_say() {
        assert!(check_push_size(500).is_ok());
        let error = check_push_size(501).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("too_many_operations", Some("operations"))
        );
        assert!(error.message.nl.contains("500") && error.message.en.contains("500"));
    }

    #[test]
    fn a_days_offline_work_of_an_outreach_worker_always_fits() {
        // 300 operations about 8 files, just after another 1,500 of the same person in this minute
        // (the other device), and 400 in each file earlier today.
        let per_file: Vec<(&str, u32)> = vec![(FILE, 40), (OTHER_FILE, 40)];
        let mut usage = person_stored(vec![stored(NOW - 5_000, 1_500)]);
        usage.per_file.insert(FILE.to_owned(), vec![stored(NOW - 3 * 3_600_000, 400)]);
        assert_eq!(admit(&load(300, &per_file), &usage, NOW), Ok(()));
        assert_eq!(admit(&load(500, &[(FILE, 500)]), &Usage::default(), NOW), Ok(()));
    }

    #[test]
    fn four_full_pushes_in_a_minute_fit_and_the_fifth_waits_until_the_first_has_left_the_window() {
        let buckets = vec![stored(NOW - 3_000, 500), stored(NOW - 2_000, 500), stored(NOW - 1_000, 1_000)];
        let over = admit(&load(500, &[]), &person_stored(buckets.clone()), NOW).unwrap_err();
        assert_eq!(over.quota, PER_PERSON_PER_MINUTE);
        // The bucket of NOW - 3 s leaves the window at NOW - 3 s + 1 s + 60 s.
        assert_eq!(over.retry_after_seconds, 58);
        // Then it fits.
        assert_eq!(admit(&load(500, &[]), &person_stored(buckets.clone()), NOW + 58_000), Ok(()));
        // Just before, not yet.
        assert!(admit(&load(500, &[]), &person_stored(buckets.clone()), NOW + 57_999).is_err());
        // A smaller push fits as far as there is room.
        assert_eq!(admit(&load(0, &[]), &person_stored(buckets), NOW), Ok(()));
    }

    #[test]
    fn the_wait_frees_exactly_as_many_of_the_oldest_as_the_push_needs() {
        let buckets = vec![stored(NOW - 50_000, 100), stored(NOW - 40_000, 100), stored(NOW - 1_000, 1_800)];
        // 2,000 stored, 150 to add: both older buckets must leave (100 is not enough).
        let over = admit(&load(150, &[]), &person_stored(buckets), NOW).unwrap_err();
        assert_eq!(over.retry_after_seconds, 21);
    }

    #[test]
    fn what_left_the_window_does_not_count() {
        let old = vec![stored(NOW - 61_000, 2_000)];
        assert_eq!(admit(&load(500, &[]), &person_stored(old), NOW), Ok(()));
        let mut usage = Usage::default();
        usage.per_file.insert(FILE.to_owned(), vec![stored(NOW - 25 * 3_600_000, 1_000)]);
        assert_eq!(admit(&load(1, &[(FILE, 1)]), &usage, NOW), Ok(()));
    }

    #[test]
    fn a_full_file_waits_for_its_oldest_hour_and_other_files_do_not_count_against_it() {
        let mut usage = Usage::default();
        usage
            .per_file
            .insert(FILE.to_owned(), vec![stored(NOW - 20 * 3_600_000, 600), stored(NOW - 3_600_000, 400)]);
        usage.per_file.insert(OTHER_FILE.to_owned(), vec![stored(NOW - 3_600_000, 999)]);
        assert_eq!(admit(&load(1, &[(OTHER_FILE, 1)]), &usage, NOW), Ok(()));
        let over = admit(&load(2, &[(OTHER_FILE, 1), (FILE, 1)]), &usage, NOW).unwrap_err();
        assert_eq!(over.quota, PER_FILE_PER_DAY);
        // The oldest hour leaves 20 h - 1 h - 24 h from now: in 5 hours.
        assert_eq!(over.retry_after_seconds, 5 * 3_600);
        let error = over.error();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("operations_per_file_per_day", Some("record"))
        );
        assert!(error.message.nl.contains("hoogstens 1000 per dossier per dag"), "{}", error.message.nl);
        assert!(error.message.en.contains("at most 1000 per file per day"), "{}", error.message.en);
        assert!(error.message.nl.contains("over 300 minuten"), "{}", error.message.nl);
    }

    #[test]
    fn when_two_quotas_are_full_the_answer_names_the_one_that_frees_up_last() {
        let mut usage = person_stored(vec![stored(NOW - 1_000, 2_000)]);
        usage.per_file.insert(FILE.to_owned(), vec![stored(NOW - 3_600_000, 1_000)]);
        let over = admit(&load(1, &[(FILE, 1)]), &usage, NOW).unwrap_err();
        assert_eq!(over.quota, PER_FILE_PER_DAY);
        let over = admit(&load(1, &[(OTHER_FILE, 1)]), &usage, NOW).unwrap_err();
        assert_eq!(over.quota, PER_PERSON_PER_MINUTE);
        assert_eq!(over.retry_after_seconds, 60);
        let error = over.error();
        assert_eq!(
            (error.code.as_str(), error.field.as_deref()),
            ("operations_per_person_per_minute", Some("operations"))
        );
        assert!(error.message.nl.contains("hoogstens 2000 per persoon per minuut"), "{}", error.message.nl);
        assert!(error.message.nl.contains("over 60 seconden"), "{}", error.message.nl);
        assert!(error.message.en.contains("Try again in 60 seconds"), "{}", error.message.en);
    }

    #[test]
    fn the_wait_is_at_least_a_second() {
        // The bucket leaves the window 1 ms from now.
        let buckets = vec![stored(NOW - 60_999, 2_000)];
        let over = admit(&load(1, &[]), &person_stored(buckets), NOW).unwrap_err();
        assert_eq!(over.retry_after_seconds, 1);
        assert!(over.error().message.nl.contains("over 1 seconde"));
    }
}
