//! The merge of concurrent changes: one pure function, used by the worker (with authority) and by
//! every device (to show the merged state at once, also offline).
//!
//! Each field of each record has a [`Register`] that holds the writes that matter for its merge
//! rule (see `record::MergeRule`). Applying an operation only ever adds information, and the
//! result depends only on the set of operations applied, not on their order or on repeats: every
//! device that has seen the same operations shows the same state.
//!
//! - Last writer wins: the write with the latest clock is the value.
//! - Each author counts (attendance): every author's latest write is kept; when two trainers
//!   disagree the field is [`FieldView::Disputed`], showing both, instead of one silently winning.
//! - First claim wins (booking the last slot): claims and releases are settled in the order the
//!   worker stored them (`Operation::stored_as`), not by the devices' clocks, which a device can set
//!   to any year; a claim not stored yet comes after every stored one (among those, by clock). A
//!   claim on a taken place loses and its author is told why; only the holder can release.

use crate::sync::hlc::Hlc;
use crate::sync::record::{MergeRule, RecordKind, RecordRef};
use crate::sync::sync_protocol::Operation;
use crate::text::Explanation;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One write to a field, as the merge keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Write {
    pub op_id: String,
    pub hlc: Hlc,
    pub author: String,
    pub value: Value,
    /// Its place in the worker's log, once known (`Operation::stored_as`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_as: Option<u64>,
}

impl Write {
    pub fn from_operation(operation: &Operation) -> Write {
        Write {
            op_id: operation.op_id.clone(),
            hlc: operation.hlc.clone(),
            author: operation.author.clone(),
            value: operation.value.clone(),
            stored_as: operation.stored_as,
        }
    }

    /// The same write, apart from where it is stored.
    fn is_the_same_as(&self, other: &Write) -> bool {
        (&self.op_id, &self.hlc, &self.author, &self.value)
            == (&other.op_id, &other.hlc, &other.author, &other.value)
    }

    /// The order of claims: stored ones by their place in the worker's log, then those not stored
    /// yet (on this device) in clock order.
    fn claim_order(&self, other: &Write) -> Ordering {
        let place = |write: &Write| (write.stored_as.is_none(), write.stored_as);
        place(self).cmp(&place(other)).then_with(|| self.order(other))
    }

    /// The total order of writes: clock first; the op id and the value only break ties that
    /// honest devices never make, so that even those merge the same everywhere.
    fn order(&self, other: &Write) -> Ordering {
        (&self.hlc, &self.op_id)
            .cmp(&(&other.hlc, &other.op_id))
            .then_with(|| self.value.to_string().cmp(&other.value.to_string()))
    }
}

/// The merge state of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Register {
    LastWriterWins {
        write: Write,
    },
    EachAuthorCounts {
        by_author: BTreeMap<String, Write>,
    },
    /// Every claim and release, in the order of `Write::claim_order`, once each.
    FirstClaimWins {
        writes: Vec<Write>,
    },
}

/// What applying one operation did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The operation's value is now the field's value (for its author, under "each author counts").
    Applied,
    /// The same operation was applied before: nothing changed.
    AlreadyKnown,
    /// A write with a later clock stays the value.
    Superseded,
    /// The operation is kept (so every replica settles the same way) but does not take effect.
    Refused { code: &'static str, explanation: Explanation },
}

/// What a person sees in a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldView {
    Value(Value),
    /// Authors disagree; every author's value, by author.
    Disputed(Vec<(String, Value)>),
}

impl Register {
    /// A register holding just this operation.
    pub fn new(rule: MergeRule, operation: &Operation) -> (Register, MergeOutcome) {
        let write = Write::from_operation(operation);
        let register = match rule {
            MergeRule::LastWriterWins => Register::LastWriterWins { write },
            MergeRule::EachAuthorCounts => {
                Register::EachAuthorCounts { by_author: BTreeMap::from([(write.author.clone(), write)]) }
            }
            MergeRule::FirstClaimWins => Register::FirstClaimWins { writes: vec![write] },
        };
        let outcome = register.outcome_of(&operation.op_id);
        (register, outcome)
    }

    /// Merges one more operation into this register.
    pub fn apply(&mut self, operation: &Operation) -> MergeOutcome {
        let incoming = Write::from_operation(operation);
        match self {
            Register::LastWriterWins { write } => keep_the_later(write, incoming),
            Register::EachAuthorCounts { by_author } => match by_author.get_mut(&incoming.author) {
                Some(write) => keep_the_later(write, incoming),
                None => {
                    by_author.insert(incoming.author.clone(), incoming);
                    MergeOutcome::Applied
                }
            },
            Register::FirstClaimWins { writes } => {
                if let Some(known) = writes.iter().position(|write| write.op_id == incoming.op_id) {
                    // Learning where a claim of this device was stored can move it behind others.
                    if writes[known].stored_as.is_none() && incoming.stored_as.is_some() {
                        writes.remove(known);
                        let place =
                            writes.partition_point(|write| write.claim_order(&incoming) == Ordering::Less);
                        writes.insert(place, incoming);
                    }
                    return MergeOutcome::AlreadyKnown;
                }
                let place = writes.partition_point(|write| write.claim_order(&incoming) == Ordering::Less);
                writes.insert(place, incoming);
                self.outcome_of(&operation.op_id)
            }
        }
    }

    /// The value to show.
    pub fn view(&self) -> FieldView {
        match self {
            Register::LastWriterWins { write } => FieldView::Value(write.value.clone()),
            Register::EachAuthorCounts { by_author } => {
                let given: Vec<(String, Value)> = by_author
                    .values()
                    .filter(|write| !write.value.is_null())
                    .map(|write| (write.author.clone(), write.value.clone()))
                    .collect();
                match given.first() {
                    None => FieldView::Value(Value::Null),
                    Some((_, first)) if given.iter().all(|(_, value)| value == first) => {
                        FieldView::Value(first.clone())
                    }
                    Some(_) => FieldView::Disputed(given),
                }
            }
            Register::FirstClaimWins { writes } => FieldView::Value(
                settle_claims(writes).holder.map_or(Value::Null, |write| write.value.clone()),
            ),
        }
    }

    /// How the operation with this id stands in the register now.
    fn outcome_of(&self, op_id: &str) -> MergeOutcome {
        match self {
            Register::FirstClaimWins { writes } => settle_claims(writes)
                .refused
                .into_iter()
                .find(|(refused, _)| refused.op_id == op_id)
                .map_or(MergeOutcome::Applied, |(_, why)| why),
            _ => MergeOutcome::Applied,
        }
    }
}

fn keep_the_later(current: &mut Write, incoming: Write) -> MergeOutcome {
    if current.is_the_same_as(&incoming) {
        current.stored_as = current.stored_as.or(incoming.stored_as);
        return MergeOutcome::AlreadyKnown;
    }
    if incoming.order(current) == Ordering::Greater {
        *current = incoming;
        MergeOutcome::Applied
    } else {
        MergeOutcome::Superseded
    }
}

struct Settlement<'a> {
    holder: Option<&'a Write>,
    refused: Vec<(&'a Write, MergeOutcome)>,
}

/// Plays claims (a value) and releases (`null`) in claim order: a claim on a free place takes it,
/// a claim on a taken place is refused, a release by the holder's author frees it, any other
/// release is refused.
fn settle_claims(writes: &[Write]) -> Settlement<'_> {
    let mut holder: Option<&Write> = None;
    let mut refused = Vec::new();
    for write in writes {
        match (holder, write.value.is_null()) {
            (None, false) => holder = Some(write),
            (Some(current), true) if current.author == write.author => holder = None,
            (Some(current), false) if current.value == write.value && current.author == write.author => {}
            (Some(_), false) => refused.push((write, taken())),
            (_, true) => refused.push((write, not_yours_to_release())),
        }
    }
    Settlement { holder, refused }
}

fn taken() -> MergeOutcome {
    MergeOutcome::Refused {
        code: "slot_taken",
        explanation: Explanation::new(
            "Iemand anders heeft dit tijdstip net eerder gekozen. Kies een ander tijdstip.",
            "Someone else chose this time just before you. Please choose another time.",
        ),
    }
}

fn not_yours_to_release() -> MergeOutcome {
    MergeOutcome::Refused {
        code: "slot_not_yours",
        explanation: Explanation::new(
            "U kunt dit tijdstip niet vrijgeven, want u heeft het niet gekozen.",
            "You cannot release this time, because you did not choose it.",
        ),
    }
}

/// Which field of which record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey {
    pub record: RecordRef,
    pub field: String,
}

/// Every field a device or the worker knows, merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replica {
    pub fields: BTreeMap<FieldKey, Register>,
}

/// A change made on this device that a later change by someone else replaced: the device shows
/// both, so that the losing side of a conflict sees why its value is gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub key: FieldKey,
    pub own: Write,
    pub winner: Write,
}

impl Replica {
    /// What to show in one field, if anything is known about it.
    pub fn view(&self, record: &RecordRef, field: &str) -> Option<FieldView> {
        self.fields.get(&FieldKey { record: record.clone(), field: field.to_owned() }).map(Register::view)
    }

    /// Every record of `kind`, with what to show in each of its known fields.
    pub fn records_of_kind(&self, kind: RecordKind) -> BTreeMap<RecordRef, BTreeMap<String, FieldView>> {
        let mut records: BTreeMap<RecordRef, BTreeMap<String, FieldView>> = BTreeMap::new();
        for (key, register) in self.fields.iter().filter(|(key, _)| key.record.kind == kind) {
            records.entry(key.record.clone()).or_default().insert(key.field.clone(), register.view());
        }
        records
    }

    /// Of the latest own write per field (`own`), those that a write of another author replaced
    /// (last-writer-wins fields; disputes and claims show in the field itself).
    pub fn replaced(&self, own: &BTreeMap<FieldKey, Write>) -> Vec<Replaced> {
        own.iter()
            .filter_map(|(key, own)| match self.fields.get(key) {
                Some(Register::LastWriterWins { write })
                    if write.op_id != own.op_id && write.author != own.author =>
                {
                    Some(Replaced { key: key.clone(), own: own.clone(), winner: write.clone() })
                }
                _ => None,
            })
            .collect()
    }

    /// Merges an operation that passed `Operation::check`; `rule` is its field's merge rule.
    pub fn apply(&mut self, operation: &Operation, rule: MergeRule) -> MergeOutcome {
        let key = FieldKey { record: operation.record.clone(), field: operation.field.clone() };
        match self.fields.get_mut(&key) {
            Some(register) => register.apply(operation),
            None => {
                let (register, outcome) = Register::new(rule, operation);
                self.fields.insert(key, register);
                outcome
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::TestRng;
    use crate::sync::record::Owner;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const GROUP: &str = "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const SESSION: &str = "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const TEAM: &str = "4b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    fn record(kind: RecordKind) -> RecordRef {
        let client_id = CLIENT.to_owned();
        match kind {
            RecordKind::Dossier | RecordKind::Klantfoto => {
                RecordRef { kind, id: client_id.clone(), owner: Owner::Client { client_id } }
            }
            RecordKind::Attendance => RecordRef {
                kind,
                id: format!("{SESSION}.{CLIENT}"),
                owner: Owner::GroupMember { group_id: GROUP.to_owned(), client_id },
            },
            _ => RecordRef { kind, id: SESSION.to_owned(), owner: Owner::Team { team_id: TEAM.to_owned() } },
        }
    }

    fn op(n: u32, kind: RecordKind, field: &str, value: Value, wall_ms: u64, device: &str) -> Operation {
        Operation {
            op_id: format!("{n:08x}-0000-4000-8000-000000000000"),
            record: record(kind),
            field: field.to_owned(),
            value,
            hlc: Hlc { wall_ms, counter: 0, node: device.to_owned() },
            author: format!("author-of-{device}"),
            stored_as: None,
        }
    }

    fn apply_all(operations: &[Operation]) -> (Replica, Vec<MergeOutcome>) {
        let mut replica = Replica::default();
        let outcomes = operations
            .iter()
            .map(|operation| {
                let rule = operation.check().expect("test operations fit the model").merge;
                replica.apply(operation, rule)
            })
            .collect();
        (replica, outcomes)
    }

    fn view(replica: &Replica, kind: RecordKind, field: &str) -> FieldView {
        replica.fields[&FieldKey { record: record(kind), field: field.to_owned() }].view()
    }

    #[test]
    fn the_later_clock_wins_whatever_arrives_first() {
        let tablet = op(1, RecordKind::Dossier, "preferred_name", json!("Jan"), 2_000, "tablet");
        let phone = op(2, RecordKind::Dossier, "preferred_name", json!("Johan"), 1_000, "phone");
        let (replica, outcomes) = apply_all(&[phone.clone(), tablet.clone()]);
        assert_eq!(outcomes, [MergeOutcome::Applied, MergeOutcome::Applied]);
        assert_eq!(view(&replica, RecordKind::Dossier, "preferred_name"), FieldView::Value(json!("Jan")));
        let (replica, outcomes) = apply_all(&[tablet.clone(), phone, tablet]);
        assert_eq!(outcomes, [MergeOutcome::Applied, MergeOutcome::Superseded, MergeOutcome::AlreadyKnown]);
        assert_eq!(view(&replica, RecordKind::Dossier, "preferred_name"), FieldView::Value(json!("Jan")));
    }

    #[test]
    fn two_trainers_who_disagree_both_show_until_one_corrects() {
        let pieter = op(1, RecordKind::Attendance, "status", json!("present"), 1_000, "pieter");
        let sanne = op(2, RecordKind::Attendance, "status", json!("absent_without_reason"), 2_000, "sanne");
        let (replica, _) = apply_all(&[pieter.clone(), sanne.clone()]);
        assert_eq!(
            view(&replica, RecordKind::Attendance, "status"),
            FieldView::Disputed(vec![
                ("author-of-pieter".into(), json!("present")),
                ("author-of-sanne".into(), json!("absent_without_reason"))
            ])
        );
        let sanne_corrects = op(3, RecordKind::Attendance, "status", json!("present"), 3_000, "sanne");
        let (replica, _) = apply_all(&[sanne_corrects, sanne, pieter]);
        assert_eq!(view(&replica, RecordKind::Attendance, "status"), FieldView::Value(json!("present")));
    }

    #[test]
    fn the_first_claim_on_the_last_slot_wins_and_the_other_is_told_why() {
        let first = op(1, RecordKind::Slot, "holder", json!(CLIENT), 1_000, "phone");
        let other_client = "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        let second = op(2, RecordKind::Slot, "holder", json!(other_client), 2_000, "tablet");
        for order in [[first.clone(), second.clone()], [second.clone(), first.clone()]] {
            let (replica, _) = apply_all(&order);
            assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(json!(CLIENT)));
            let mut replica = replica;
            let again = replica.apply(&second, MergeRule::FirstClaimWins);
            assert_eq!(again, MergeOutcome::AlreadyKnown);
        }
        let (_, outcomes) = apply_all(&[first.clone(), second.clone()]);
        assert!(matches!(&outcomes[1], MergeOutcome::Refused { code: "slot_taken", .. }));
        // Only the holder can release it.
        let foreign_release = op(5, RecordKind::Slot, "holder", Value::Null, 1_500, "tablet");
        let (replica, outcomes) = apply_all(&[first.clone(), foreign_release]);
        assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(json!(CLIENT)));
        assert!(matches!(&outcomes[1], MergeOutcome::Refused { code: "slot_not_yours", .. }));
        // The holder releases it; then a later claim takes it.
        let release = op(3, RecordKind::Slot, "holder", Value::Null, 3_000, "phone");
        let third = op(4, RecordKind::Slot, "holder", json!(other_client), 4_000, "tablet");
        let (replica, outcomes) = apply_all(&[third, release, second, first]);
        assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(json!(other_client)));
        assert_eq!(outcomes[3], MergeOutcome::Applied, "the first claim takes the slot when it arrives last");
    }

    #[test]
    fn a_claim_stored_later_loses_whatever_clock_its_device_gave_it() {
        let other_client = "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        let stored = |operation: Operation, seq| Operation { stored_as: Some(seq), ..operation };
        // Fenna holds the slot; Jan's phone, its clock set to 2001, claims it afterwards.
        let fennas =
            stored(op(1, RecordKind::Slot, "holder", json!(other_client), 1_800_000_000_000, "fenna"), 10);
        let jans = stored(op(2, RecordKind::Slot, "holder", json!(CLIENT), 978_307_200_000, "jan"), 11);
        let fenna_releases =
            stored(op(3, RecordKind::Slot, "holder", Value::Null, 1_800_000_001_000, "fenna"), 12);
        for delivery in [[fennas.clone(), jans.clone()], [jans.clone(), fennas.clone()]] {
            let (replica, _) = apply_all(&delivery);
            assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(json!(other_client)));
        }
        let (replica, outcomes) = apply_all(&[fennas, jans, fenna_releases]);
        assert!(matches!(&outcomes[1], MergeOutcome::Refused { code: "slot_taken", .. }));
        assert_eq!(outcomes[2], MergeOutcome::Applied, "the holder can release it");
        assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(Value::Null));
    }

    #[test]
    fn a_claim_not_stored_yet_shows_as_held_until_an_earlier_stored_claim_arrives() {
        let other_client = "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        let mine = op(1, RecordKind::Slot, "holder", json!(CLIENT), 1_000, "phone");
        let theirs = Operation {
            stored_as: Some(7),
            ..op(2, RecordKind::Slot, "holder", json!(other_client), 5_000, "tablet")
        };
        let (mut replica, outcomes) = apply_all(std::slice::from_ref(&mine));
        assert_eq!(outcomes, [MergeOutcome::Applied]);
        assert!(matches!(replica.apply(&theirs, MergeRule::FirstClaimWins), MergeOutcome::Applied));
        assert_eq!(view(&replica, RecordKind::Slot, "holder"), FieldView::Value(json!(other_client)));
        // The pull brings mine back, stored after theirs: it stays refused, and known once.
        let mine_stored = Operation { stored_as: Some(8), ..mine };
        assert_eq!(replica.apply(&mine_stored, MergeRule::FirstClaimWins), MergeOutcome::AlreadyKnown);
        let (everywhere, _) = apply_all(&[theirs, mine_stored]);
        assert_eq!(replica, everywhere, "the phone ends where every other device does");
    }

    #[test]
    fn records_of_one_kind_come_with_all_their_fields() {
        let name = op(1, RecordKind::Dossier, "preferred_name", json!("Jan"), 1_000, "tablet");
        // A birth date before these test clocks (January 1970).
        let birth = op(2, RecordKind::Dossier, "birth_date", json!("1965-03-15"), 1_001, "tablet");
        let housing = op(3, RecordKind::Klantfoto, "housing", json!(2), 1_002, "tablet");
        let (replica, _) = apply_all(&[name, birth, housing]);
        let dossiers = replica.records_of_kind(RecordKind::Dossier);
        assert_eq!(dossiers.len(), 1);
        let fields = dossiers.values().next().unwrap();
        assert_eq!(fields["preferred_name"], FieldView::Value(json!("Jan")));
        assert_eq!(fields.len(), 2, "only the dossier's own fields");
    }

    #[test]
    fn the_losing_side_of_a_conflict_learns_who_replaced_its_change() {
        let tablet = op(1, RecordKind::Dossier, "preferred_name", json!("Jan"), 1_000, "tablet");
        let phone = op(2, RecordKind::Dossier, "preferred_name", json!("Johan"), 2_000, "phone");
        let (replica, _) = apply_all(&[tablet.clone(), phone.clone()]);
        let key = FieldKey { record: record(RecordKind::Dossier), field: "preferred_name".into() };
        let tablets_own = BTreeMap::from([(key.clone(), Write::from_operation(&tablet))]);
        let replaced = replica.replaced(&tablets_own);
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced[0].winner.author, "author-of-phone");
        assert_eq!(replaced[0].winner.value, json!("Johan"));
        let phones_own = BTreeMap::from([(key, Write::from_operation(&phone))]);
        assert!(replica.replaced(&phones_own).is_empty(), "the winner has nothing to be told");
    }

    /// Random operations from three devices on fields with each merge rule, stored by the worker
    /// in the order made (`stored_as`), with clocks that are sometimes far behind or ahead.
    fn random_operations(rng: &mut TestRng, count: u32) -> Vec<Operation> {
        let devices = ["tablet", "phone", "laptop"];
        let other_client = "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        (0..count)
            .map(|n| {
                let device = devices[rng.below(3) as usize];
                let wall_ms = match rng.below(6) {
                    0 => rng.below(1_000),
                    1 => 1_000_000 + rng.below(1_000_000),
                    _ => 1_000 + rng.below(50),
                };
                let operation = match rng.below(5) {
                    0 => op(
                        n,
                        RecordKind::Dossier,
                        "preferred_name",
                        json!(["Jan", "Johan", "J"][rng.below(3) as usize]),
                        wall_ms,
                        device,
                    ),
                    1 => op(
                        n,
                        RecordKind::Klantfoto,
                        "housing",
                        if rng.below(5) == 0 { Value::Null } else { json!(1 + rng.below(5)) },
                        wall_ms,
                        device,
                    ),
                    2 => op(
                        n,
                        RecordKind::Attendance,
                        "status",
                        json!(
                            ["present", "late", "absent_with_reason", "absent_without_reason"]
                                [rng.below(4) as usize]
                        ),
                        wall_ms,
                        device,
                    ),
                    _ => op(
                        n,
                        RecordKind::Slot,
                        "holder",
                        [json!(CLIENT), json!(other_client), Value::Null][rng.below(3) as usize].clone(),
                        wall_ms,
                        device,
                    ),
                };
                Operation { stored_as: Some(u64::from(n) + 1), ..operation }
            })
            .collect()
    }

    /// The operation as its own device knows it before the worker said where it stored it.
    fn not_stored_yet(operation: &Operation) -> Operation {
        Operation { stored_as: None, ..operation.clone() }
    }

    #[test]
    fn the_merge_does_not_depend_on_order_or_repetition_of_delivery() {
        let mut rng = TestRng::new(7);
        for round in 0..2_000 {
            let count = 1 + rng.below(12) as u32;
            let operations = random_operations(&mut rng, count);
            let (reference, _) = apply_all(&operations);
            // Three devices receive them shuffled, some twice.
            for _ in 0..3 {
                let mut delivery = operations.clone();
                for _ in 0..rng.below(4) {
                    delivery.push(operations[rng.below(operations.len() as u64) as usize].clone());
                }
                rng.shuffle(&mut delivery);
                let (replica, _) = apply_all(&delivery);
                assert_eq!(replica, reference, "round {round}: {delivery:#?}");
            }
        }
    }

    #[test]
    fn devices_that_sync_in_pieces_converge() {
        let mut rng = TestRng::new(11);
        for _ in 0..500 {
            let operations = random_operations(&mut rng, 20);
            let (reference, _) = apply_all(&operations);
            // Each device starts with its own share, not stored yet, then pulls everything (its own
            // share too, now stored) in random batches.
            let mut devices: Vec<Replica> = (0..3).map(|_| Replica::default()).collect();
            let mut pending: Vec<Vec<&Operation>> = vec![Vec::new(); 3];
            for operation in &operations {
                let owner = rng.below(3) as usize;
                devices[owner].apply(&not_stored_yet(operation), operation.check().unwrap().merge);
                for queue in pending.iter_mut() {
                    queue.push(operation);
                }
            }
            for (device, queue) in pending.iter_mut().enumerate() {
                rng.shuffle(queue);
                for operation in queue.iter() {
                    devices[device].apply(operation, operation.check().unwrap().merge);
                }
            }
            for device in devices {
                assert_eq!(device, reference);
            }
        }
    }

    #[test]
    fn last_writer_wins_keeps_the_latest_clock_and_the_first_stored_claim_holds() {
        let mut rng = TestRng::new(3);
        for _ in 0..1_000 {
            let operations = random_operations(&mut rng, 15);
            let (replica, _) = apply_all(&operations);
            let latest_name = operations
                .iter()
                .filter(|o| o.field == "preferred_name")
                .max_by(|a, b| Write::from_operation(a).order(&Write::from_operation(b)));
            if let Some(latest) = latest_name {
                assert_eq!(
                    view(&replica, RecordKind::Dossier, "preferred_name"),
                    FieldView::Value(latest.value.clone())
                );
            }
            let claims: Vec<&Operation> = operations.iter().filter(|o| o.field == "holder").collect();
            if let Some(earliest) = claims.iter().min_by_key(|claim| claim.stored_as) {
                if !earliest.value.is_null() && claims.iter().all(|c| !c.value.is_null()) {
                    assert_eq!(
                        view(&replica, RecordKind::Slot, "holder"),
                        FieldView::Value(earliest.value.clone())
                    );
                }
            }
        }
    }
}
