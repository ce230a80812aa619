//! Criterion benchmark of the simulation (issue 6): 1,000 synthetic clients under every embedded
//! policy, as the policy maker's simulation screen runs it. Run with
//! `cargo bench -p naar-vermogen-shared --bench simulation`.

use criterion::{criterion_group, criterion_main, Criterion};
use shared::journey::synthetic_caseload::synthetic_caseload;
use shared::law::calendar::Date;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::simulation::simulate;
use std::hint::black_box;

fn thousand_clients_under_every_policy(c: &mut Criterion) {
    let day = Date::parse_iso("2026-11-02").expect("a valid date");
    let caseload = synthetic_caseload(2026, 1_000, day, "tilburg");
    let policies = embedded_policies();
    let parameters = LegalParameters::embedded();
    let mut group = c.benchmark_group("simulation");
    group.sample_size(20);
    group.bench_function("make 1,000 synthetic clients", |b| {
        b.iter(|| synthetic_caseload(black_box(2026), 1_000, day, "tilburg"))
    });
    group.bench_function("simulate 1,000 synthetic clients under every policy", |b| {
        b.iter(|| simulate(black_box(&caseload), policies, parameters))
    });
    group.finish();
}

criterion_group!(benches, thousand_clients_under_every_policy);
criterion_main!(benches);
