//! Criterion benchmarks of the engine (targets from issue 3): one evaluation ≤ 5 µs natively,
//! policy loading ≤ 1 ms per file. Run with `cargo bench -p naar-vermogen-shared`.

use criterion::{criterion_group, criterion_main, Criterion};
use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, PolicyProfile};
use shared::law::situation::ClientSituation;
use std::hint::black_box;

const JAN: &str = include_str!("../tests/vectors/jan-weener-xl-loonwaarde-40.input.json");

fn one_evaluation(c: &mut Criterion) {
    let situation = ClientSituation::from_json(JAN).unwrap();
    let parameters = LegalParameters::embedded();
    let policies = embedded_policies();
    c.bench_function("evaluate one situation (eligibility + route advice)", |b| {
        b.iter(|| evaluate(black_box(&situation), parameters, policies))
    });
}

fn loading(c: &mut Criterion) {
    let text = include_str!("../policies/tilburg.toml");
    c.bench_function("load and check one policy file", |b| {
        b.iter(|| PolicyProfile::from_toml("tilburg.toml", black_box(text)).unwrap())
    });
    let parameters = include_str!("../parameters/participatiewet.toml");
    c.bench_function("load and check the legal parameters", |b| {
        b.iter(|| LegalParameters::from_toml("participatiewet.toml", black_box(parameters)).unwrap())
    });
}

criterion_group!(benches, one_evaluation, loading);
criterion_main!(benches);
