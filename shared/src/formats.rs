//! The written forms of short values that more than one layer checks: a plain id (the policy names
//! a document or an end goal with one, a record id ends in one) and a clock time (`09:30`, a
//! programme's session start, a record's date and time).

/// An id made of 1 to 40 lower-case letters and `_` (a document of the inspanningspakket).
pub fn is_plain_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `HH:MM`, 00:00 to 23:59.
pub fn is_clock_time(time: &str) -> bool {
    let bytes = time.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && time[..2].parse::<u32>().is_ok_and(|hour| hour < 24)
        && time[3..].parse::<u32>().is_ok_and(|minute| minute < 60)
        && bytes.iter().enumerate().all(|(i, b)| i == 2 || b.is_ascii_digit())
}
