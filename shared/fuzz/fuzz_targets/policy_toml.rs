//! Any text given as a policy file is refused with an error (file, line, message) or loaded;
//! it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::law::policy::PolicyProfile;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = PolicyProfile::from_toml("fuzz.toml", text);
    }
});
