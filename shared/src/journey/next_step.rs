//! The consulent's decisions on a client's next step, read from the synced `decision` records:
//! which route and instrument, from which day, why, who decided and when, and what the engine
//! advised at the time (so a decision against the advice shows as such). Newest first.

use crate::journey::coming_up::InstrumentSince;
use crate::law::calendar::Date;
use crate::sync::merge::{FieldKey, Register, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};
use serde_json::Value;
use std::collections::BTreeMap;

/// One decision as the device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub record_id: String,
    pub route_id: Option<String>,
    pub instrument_id: Option<String>,
    pub starts_on: Option<Date>,
    pub reason: String,
    pub advised_route_id: Option<String>,
    /// Who wrote the reason (the login subject), and when (their clock, UTC ms).
    pub by: String,
    pub at_ms: u64,
}

impl Decided {
    /// The consulent chose another route than the engine advised.
    pub fn differs_from_advice(&self) -> bool {
        matches!((&self.route_id, &self.advised_route_id), (Some(route), Some(advised)) if route != advised)
    }

    /// The instrument the client is in since this decision, for `coming_up`.
    pub fn instrument_since(&self) -> Option<InstrumentSince> {
        Some(InstrumentSince { instrument_id: self.instrument_id.clone()?, since: self.starts_on? })
    }
}

/// Every decision on one client file, newest first. A decision without a reason is not one yet.
pub fn decisions_of(replica: &Replica, client_id: &str) -> Vec<Decided> {
    decisions_by_client(replica).remove(client_id).unwrap_or_default()
}

/// Every decision on this device, per client file, newest first: one pass over the replica, for
/// a caseload of many files.
pub fn decisions_by_client(replica: &Replica) -> BTreeMap<String, Vec<Decided>> {
    let mut by_client: BTreeMap<String, Vec<Decided>> = BTreeMap::new();
    for record in replica.records_of_kind(RecordKind::Decision).into_keys() {
        if let (Owner::Client { client_id }, Some(decided)) = (&record.owner, read(replica, &record)) {
            by_client.entry(client_id.clone()).or_default().push(decided);
        }
    }
    for decisions in by_client.values_mut() {
        decisions.sort_by(|a, b| b.at_ms.cmp(&a.at_ms).then_with(|| b.record_id.cmp(&a.record_id)));
    }
    by_client
}

fn read(replica: &Replica, record: &RecordRef) -> Option<Decided> {
    let write =
        |field: &str| match replica.fields.get(&FieldKey { record: record.clone(), field: field.to_owned() })
        {
            Some(Register::LastWriterWins { write }) if !write.value.is_null() => Some(write),
            _ => None,
        };
    let text = |field: &str| write(field).and_then(|w| w.value.as_str().map(str::to_owned));
    let reason = write("reason")?;
    Some(Decided {
        record_id: record.id.clone(),
        route_id: text("route_id"),
        instrument_id: text("instrument_id"),
        starts_on: text("starts_on").and_then(|day| Date::parse_iso(&day).ok()),
        reason: match &reason.value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        },
        advised_route_id: text("advised_route_id"),
        by: reason.author.clone(),
        at_ms: reason.hlc.wall_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::date;
    use crate::sync::hlc::Hlc;
    use crate::sync::record::RecordRef;
    use crate::sync::sync_protocol::Operation;

    const CLIENT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    fn decide(replica: &mut Replica, id: &str, at_ms: u64, fields: &[(&str, &str)]) {
        let record = RecordRef {
            kind: RecordKind::Decision,
            id: id.into(),
            owner: Owner::Client { client_id: CLIENT.into() },
        };
        for (field, value) in fields {
            let operation = Operation {
                op_id: format!("{id}-{field}"),
                record: record.clone(),
                field: (*field).into(),
                value: Value::from(*value),
                hlc: Hlc { wall_ms: at_ms, counter: 0, node: "desk".into() },
                author: "consulent-sanne".into(),
            };
            let spec = RecordKind::Decision.field(field).expect("a field of a decision");
            replica.apply(&operation, spec.merge);
        }
    }

    #[test]
    fn decisions_come_newest_first_with_the_advice_beside_them() {
        let mut replica = Replica::default();
        decide(
            &mut replica,
            "a1b2c3d4-0001-4a5b-8c6d-7e8f9a0b1c2d",
            1_000,
            &[("route_id", "werkfit"), ("advised_route_id", "werkfit"), ("reason", "Eerst werkfit worden.")],
        );
        decide(
            &mut replica,
            "a1b2c3d4-0002-4a5b-8c6d-7e8f9a0b1c2d",
            2_000,
            &[
                ("route_id", "leerwerkplek"),
                ("instrument_id", "leerwerkplek"),
                ("starts_on", "2026-12-01"),
                ("advised_route_id", "werkfit"),
                ("reason", "Hij wil met zijn handen werken."),
            ],
        );
        decide(&mut replica, "a1b2c3d4-0003-4a5b-8c6d-7e8f9a0b1c2d", 3_000, &[("route_id", "half")]);
        let decisions = decisions_of(&replica, CLIENT);
        assert_eq!(decisions.len(), 2, "a decision without a reason is not one yet");
        assert_eq!(decisions[0].reason, "Hij wil met zijn handen werken.");
        assert!(decisions[0].differs_from_advice());
        assert!(!decisions[1].differs_from_advice());
        assert_eq!(decisions[0].by, "consulent-sanne");
        assert_eq!(
            decisions[0].instrument_since(),
            Some(InstrumentSince { instrument_id: "leerwerkplek".into(), since: date("2026-12-01") })
        );
        assert_eq!(decisions[1].instrument_since(), None);
        assert!(decisions_of(&replica, "another-client").is_empty());
    }
}
