//! Test vectors: situations in `tests/vectors/*.input.json` and the evaluation the engine gives
//! for each, in `*.expected.json`. This test checks the native side; the end-to-end tests send
//! the same inputs to the worker (WebAssembly) and compare its answers with the same files, so
//! a difference between native and wasm32 fails a test.
//! `UPDATE_VECTORS=1 cargo test -p naar-vermogen-shared --test vectors` rewrites the expected files.

use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::situation::ClientSituation;
use std::path::Path;

#[test]
fn every_vector_evaluates_to_its_expected_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".input.json"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 4, "expected the test vectors in {}", dir.display());
    let mut out_of_date = Vec::new();
    for input in inputs {
        let situation = ClientSituation::from_json(&std::fs::read_to_string(&input).unwrap())
            .unwrap_or_else(|error| panic!("{}: {error:?}", input.display()));
        let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
        let json = serde_json::to_string_pretty(&evaluation).unwrap() + "\n";
        let expected = input
            .with_file_name(input.file_name().unwrap().to_string_lossy().replace(".input.", ".expected."));
        if std::env::var_os("UPDATE_VECTORS").is_some() {
            std::fs::write(&expected, &json).unwrap();
        }
        if std::fs::read_to_string(&expected).unwrap_or_default() != json {
            out_of_date.push(expected.display().to_string());
        }
    }
    assert!(
        out_of_date.is_empty(),
        "these expected files differ from what the engine gives now: {out_of_date:?}. If the change is intended, \
         run `UPDATE_VECTORS=1 cargo test -p naar-vermogen-shared --test vectors` and review the diff"
    );
}
