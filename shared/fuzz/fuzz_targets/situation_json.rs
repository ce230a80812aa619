//! Any text given as a client situation is refused with an error or accepted; it never panics,
//! and an accepted situation can always be evaluated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::situation::ClientSituation;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(situation) = ClientSituation::from_json(text) {
            let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
            assert!(!evaluation.eligibility.trace.is_empty());
        }
    }
});
