//! Any text given as the legal parameter file is refused with an error or loaded; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::law::parameters::LegalParameters;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = LegalParameters::from_toml("fuzz.toml", text);
    }
});
