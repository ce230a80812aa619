//! Criterion benchmark of the merge (issue 4): a device applies 1,000 operations it pulled (the
//! in-memory part of "converge on a second device"). Run with `cargo bench -p naar-vermogen-shared`.

use criterion::{criterion_group, criterion_main, Criterion};
use shared::sync::hlc::Hlc;
use shared::sync::merge::Replica;
use shared::sync::record::{Owner, RecordKind, RecordRef};
use shared::sync::sync_protocol::Operation;
use std::hint::black_box;

/// 100 client files, each with a name, 8 klantfoto scores and a note: 1,000 operations.
fn thousand_operations() -> Vec<Operation> {
    let domains = [
        "finances",
        "housing",
        "mental_health",
        "physical_health",
        "social_network",
        "addiction",
        "justice",
        "daily_activities",
    ];
    let mut operations = Vec::new();
    let mut wall_ms = 1_764_547_200_000;
    let mut next = |kind: RecordKind, client: &str, id: String, field: &str, value: serde_json::Value| {
        wall_ms += 1;
        Operation {
            op_id: format!("{:08x}-0000-4000-8000-{:012x}", wall_ms % 0xffff_ffff, wall_ms),
            record: RecordRef { kind, id, owner: Owner::Client { client_id: client.to_owned() } },
            field: field.to_owned(),
            value,
            hlc: Hlc { wall_ms, counter: 0, node: "tablet-1".to_owned() },
            author: "outreach-fatima".to_owned(),
            stored_as: None,
        }
    };
    for n in 0..100u32 {
        let client = format!("{n:08x}-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
        operations.push(next(RecordKind::Dossier, &client, client.clone(), "preferred_name", "Jan".into()));
        for domain in domains {
            operations.push(next(RecordKind::Klantfoto, &client, client.clone(), domain, 3.into()));
        }
        let note = format!("{n:08x}-0000-4b7c-8d9e-0f1a2b3c4d5e");
        operations.push(next(RecordKind::Note, &client, note, "text", "Huisbezoek.".into()));
    }
    operations
}

fn merge_a_thousand(c: &mut Criterion) {
    let operations = thousand_operations();
    c.bench_function("check and merge 1,000 pulled operations into an empty replica", |b| {
        b.iter(|| {
            let mut replica = Replica::default();
            for operation in black_box(&operations) {
                let rule = operation.check().unwrap().merge;
                replica.apply(operation, rule);
            }
            replica
        })
    });
}

criterion_group!(benches, merge_a_thousand);
criterion_main!(benches);
