//! Push admission: whether the worker stores one pushed operation, and what storing it means.
//!
//! The worker loads what it knows about the operations of a push ([`Known`]: the log's copies,
//! record owners, client files, groups and the merge state of every field the push touches) and
//! who pushes ([`SignedIn`], their [`Scope`]); [`Admission::admit`] then decides per operation,
//! in the order pushed, each in the light of the ones before:
//!
//! | rule | refused with |
//! |---|---|
//! | the operation fits the record model (`Operation::check`) | the model's code |
//! | an op id already in the log is that very operation: then it is already known | `op_id_reused` |
//! | fields the municipality's zaak system sets are not written by devices | `set_by_the_municipality` |
//! | nor is the engine's advice beside a decision (the worker adds it) | `set_by_the_engine` |
//! | the author is the signed-in person | `author_is_not_you` |
//! | the clock is not ahead of the worker's (`now_ms`) | `clock_too_far_ahead` |
//! | a record keeps its owner | `record_belongs_elsewhere` |
//! | a new client file is started only by a consulent or outreach worker with a team (others hear `forbidden`, as for a file not theirs) | `unknown_client_file` |
//! | a group exists before anything is written in it | `unknown_group` |
//! | `access::decide` allows the write | `forbidden` (field `record`) |
//! | a client chooses a slot only for themself | `forbidden` (field `value`) |
//! | a client holds at most `record_rules::UPCOMING_SLOTS_A_CLIENT_MAY_HOLD` slots to come | `too_many_slots` |
//! | staff give a slot only to a client of their team | `holder_not_in_team` |
//!
//! What passes is merged (`merge`): applied, superseded, already known, or a claim that lost
//! (kept in the log, refused to its author). The answer says what to store ([`Admitted`]); the
//! worker writes it, all of a push in one batch, or nothing when one operation is refused.

use crate::api::ApiError;
use crate::role::Role;
use crate::sync::access::{decide, Access, Decision, Resource, Scope};
use crate::sync::merge::{FieldView, MergeOutcome, Replica};
use crate::sync::record::{DataClass, Owner, RecordKind};
use crate::sync::record_rules::{may_hold_another_slot, may_start, needs_membership, not_a_member};
use crate::sync::sync_protocol::{Operation, OperationStatus};
use crate::text::Explanation;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Who pushes, as their verified access token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub subject: String,
    pub role: Role,
    /// The team a staff member works in; `None` for clients.
    pub team_id: Option<String>,
}

/// What the worker already holds about the operations of one push.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    /// `op_id` → the operation as the log stores it (its JSON).
    pub stored: BTreeMap<String, String>,
    /// The owners of records that exist.
    pub owners: BTreeMap<(RecordKind, String), Owner>,
    /// Client files that exist.
    pub client_files: BTreeSet<String>,
    /// Training groups that exist.
    pub groups: BTreeSet<String>,
    /// Of the places in groups (group id, client id) the push touches, those that are members now.
    pub members: BTreeSet<(String, String)>,
    /// The merge state of every field the push touches.
    pub fields: Replica,
    /// When a client pushes: the slots of the days to come they hold now.
    pub slots_held: BTreeSet<String>,
}

/// What becomes of an admitted operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admitted {
    pub status: OperationStatus,
    /// Why a claim that lost does not take effect (status `Refused`).
    pub reason: Option<ApiError>,
    /// The client file this operation starts, if it is the file's first.
    pub starts_client_file: Option<NewClientFile>,
    /// What to store; `None` when the log has the operation already.
    pub store: Option<ToStore>,
}

/// A client file started offline (for example during a home visit) by its first operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewClientFile {
    pub client_id: String,
    /// The team of the one who starts it.
    pub team_id: String,
    /// Started by an outreach worker: the file goes into their caseload.
    pub in_own_caseload: bool,
}

/// An operation to add to the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToStore {
    /// The operation as the log stores it.
    pub operation_json: String,
    pub class: DataClass,
    /// The record is new: its owner is stored with it.
    pub new_record: bool,
}

/// A place in a group as the member list should show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub group_id: String,
    pub client_id: String,
    pub is_member: bool,
}

/// The admission of one push: what is known, growing with every operation admitted.
pub struct Admission {
    signed_in: SignedIn,
    scope: Scope,
    known: Known,
    now_ms: u64,
}

impl Admission {
    /// `now_ms`: the worker's clock, against which no operation may be ahead.
    pub fn new(signed_in: SignedIn, scope: Scope, known: Known, now_ms: u64) -> Admission {
        Admission { signed_in, scope, known, now_ms }
    }

    /// Admits one operation, or says why it is refused (then nothing of the push is stored).
    pub fn admit(&mut self, operation: &Operation) -> Result<Admitted, ApiError> {
        let spec = operation
            .check()
            .map_err(|problem| ApiError::new(problem.code, Some(problem.field), problem.explanation))?;
        if operation.stored_as.is_some() {
            return Err(refusal(
                "stored_as_is_the_workers",
                "stored_as",
                "Waar een wijziging is opgeslagen, bepaalt de server. Werk de app bij.",
                "Where a change is stored is for the server to say. Update the app.",
            ));
        }
        let operation_json = serde_json::to_string(operation).expect("an operation serialises");
        if let Some(stored) = self.known.stored.get(&operation.op_id) {
            return if *stored == operation_json {
                Ok(Admitted::already_known(None))
            } else {
                Err(refusal(
                    "op_id_reused",
                    "op_id",
                    "Dit nummer is al gebruikt voor een andere wijziging. Werk de app bij.",
                    "This id was already used for another change. Update the app.",
                ))
            };
        }
        if operation.record.kind.set_by_the_municipality(&operation.field) {
            return Err(refusal(
                "set_by_the_municipality",
                "field",
                "Dit veld vult het zaaksysteem van de gemeente in; u kunt het niet wijzigen.",
                "The municipality's case system fills in this field; you cannot change it.",
            ));
        }
        if operation.record.kind.set_by_the_engine(&operation.field) {
            return Err(refusal(
                "set_by_the_engine",
                "field",
                "Het advies van de app zet de server bij het besluit, uit het dossier. Werk de app bij.",
                "The server adds the app's advice to the decision, from the file. Update the app.",
            ));
        }
        if operation.author != self.signed_in.subject {
            return Err(refusal(
                "author_is_not_you",
                "author",
                "Deze wijziging is door iemand anders gemaakt. Log in als die persoon om haar te versturen.",
                "This change was made by someone else. Log in as that person to send it.",
            ));
        }
        operation
            .hlc
            .check_not_ahead_of(self.now_ms)
            .map_err(|problem| ApiError::new(problem.code(), Some("hlc"), problem.explanation()))?;
        let record_key = (operation.record.kind, operation.record.id.clone());
        let new_record = match self.known.owners.get(&record_key) {
            Some(owner) if *owner != operation.record.owner => {
                return Err(refusal(
                    "record_belongs_elsewhere",
                    "record",
                    "Dit record hoort bij een ander dossier of een andere groep. Het kan niet verhuizen.",
                    "This record belongs to another file or group. It cannot move.",
                ))
            }
            Some(_) => false,
            None => true,
        };
        self.require_member(operation, spec.class)?;
        let starts_client_file = self.start_client_file_if_new(&operation.record.owner, spec.class)?;
        self.require_group_exists(&operation.record.owner)?;
        let relation = self.scope.relation_to(&operation.record.owner);
        if let Decision::Denied(why) =
            decide(self.signed_in.role, relation, Resource::Data(spec.class), Access::Write)
        {
            return Err(ApiError::new("forbidden", Some("record"), why));
        }
        if new_record {
            if let Decision::Denied(why) = may_start(self.signed_in.role, operation.record.kind) {
                return Err(ApiError::new("may_not_start_record", Some("record"), why));
            }
        }
        let claims_a_slot = self.signed_in.role == Role::Client && spec.class == DataClass::SlotHolder;
        if claims_a_slot {
            let own = self.scope.own_client_id.as_deref();
            if !(operation.value.is_null() || operation.value.as_str() == own) {
                return Err(ApiError::new(
                    "forbidden",
                    Some("value"),
                    Explanation::new(
                        "U kunt alleen voor uzelf een tijdstip kiezen.",
                        "You can only choose a time for yourself.",
                    ),
                ));
            }
            self.require_room_for_another_slot(operation)?;
        } else if spec.class == DataClass::SlotHolder {
            self.require_a_client_one_plans_for(operation)?;
        }

        let (status, reason) = match self.known.fields.apply(operation, spec.merge) {
            MergeOutcome::Applied => (OperationStatus::Applied, None),
            MergeOutcome::AlreadyKnown => return Ok(Admitted::already_known(starts_client_file)),
            MergeOutcome::Superseded => (OperationStatus::Superseded, None),
            // Kept in the log so that every device settles the claim the same way.
            MergeOutcome::Refused { code, explanation } => {
                (OperationStatus::Refused, Some(ApiError::new(code, Some("value"), explanation)))
            }
        };
        if claims_a_slot {
            self.note_slot_held(operation, status);
        }
        self.known.stored.insert(operation.op_id.clone(), operation_json.clone());
        if new_record {
            self.known.owners.insert(record_key, operation.record.owner.clone());
        }
        Ok(Admitted {
            status,
            reason,
            starts_client_file,
            store: Some(ToStore { operation_json, class: spec.class, new_record }),
        })
    }

    /// An outreach worker or consulent may start a new client file offline: its first operation
    /// creates the file in their team, and an outreach worker gets it in their caseload.
    /// Whoever may not start a file hears what they would hear for a file that is not theirs, so
    /// that no answer tells whether a file exists.
    fn start_client_file_if_new(
        &mut self,
        owner: &Owner,
        class: DataClass,
    ) -> Result<Option<NewClientFile>, ApiError> {
        let Some(client_id) = owner.client_id() else { return Ok(None) };
        if self.known.client_files.contains(client_id) {
            return Ok(None);
        }
        let may_start = matches!(self.signed_in.role, Role::OutreachWorker | Role::Consulent)
            && matches!(owner, Owner::Client { .. });
        let (true, Some(team_id)) = (may_start, self.signed_in.team_id.clone()) else {
            let relation = self.scope.relation_to(owner);
            if let Decision::Denied(why) =
                decide(self.signed_in.role, relation, Resource::Data(class), Access::Write)
            {
                return Err(ApiError::new("forbidden", Some("record"), why));
            }
            return Err(refusal(
                "unknown_client_file",
                "record",
                "Dit dossier bestaat niet. Een consulent of outreachmedewerker kan het aanmaken.",
                "This client file does not exist. A consulent or outreach worker can create it.",
            ));
        };
        self.known.client_files.insert(client_id.to_owned());
        let in_own_caseload = self.signed_in.role == Role::OutreachWorker;
        if in_own_caseload {
            self.scope.assigned_client_ids.insert(client_id.to_owned());
        } else {
            self.scope.team_client_ids.insert(client_id.to_owned());
        }
        Ok(Some(NewClientFile { client_id: client_id.to_owned(), team_id, in_own_caseload }))
    }

    /// Attendance and end-goal progress only for a member of the group (`record_rules`; nobody
    /// may write both a membership and attendance, so a push never makes the member it marks).
    /// Checked before the client file's existence, so that the answer does not tell whether a file
    /// exists.
    fn require_member(&self, operation: &Operation, class: DataClass) -> Result<(), ApiError> {
        let Owner::GroupMember { group_id, client_id } = &operation.record.owner else { return Ok(()) };
        if !needs_membership(operation.record.kind) {
            return Ok(());
        }
        // Only someone who may write in the group learns who is not in it.
        let relation = self.scope.relation_to(&operation.record.owner);
        if let Decision::Denied(why) =
            decide(self.signed_in.role, relation, Resource::Data(class), Access::Write)
        {
            return Err(ApiError::new("forbidden", Some("record"), why));
        }
        if self.known.members.contains(&(group_id.clone(), client_id.clone())) {
            Ok(())
        } else {
            Err(ApiError::new("not_a_member", Some("record"), not_a_member()))
        }
    }

    /// A client's claim on a slot they do not hold yet fits [`may_hold_another_slot`].
    fn require_room_for_another_slot(&self, operation: &Operation) -> Result<(), ApiError> {
        if operation.value.is_null() || self.known.slots_held.contains(&operation.record.id) {
            return Ok(());
        }
        match may_hold_another_slot(self.known.slots_held.len()) {
            Decision::Allowed => Ok(()),
            Decision::Denied(why) => Err(ApiError::new("too_many_slots", Some("value"), why)),
        }
    }

    /// Staff book a slot only for a client whose appointments they may plan (a client of their
    /// team), with the same answer for a file of another team and for no file at all.
    fn require_a_client_one_plans_for(&self, operation: &Operation) -> Result<(), ApiError> {
        let Some(client_id) = operation.value.as_str() else { return Ok(()) };
        let relation = self.scope.relation_to(&Owner::Client { client_id: client_id.to_owned() });
        match decide(self.signed_in.role, relation, Resource::Data(DataClass::Appointments), Access::Write) {
            Decision::Allowed => Ok(()),
            Decision::Denied(_) => Err(refusal(
                "holder_not_in_team",
                "value",
                "U kunt dit tijdstip alleen geven aan een cliënt van uw team.",
                "You can only give this time to a client of your team.",
            )),
        }
    }

    /// After a client's claim or release: the slots they hold from now on.
    fn note_slot_held(&mut self, operation: &Operation, status: OperationStatus) {
        if operation.value.is_null() {
            self.known.slots_held.remove(&operation.record.id);
        } else if status == OperationStatus::Applied {
            self.known.slots_held.insert(operation.record.id.clone());
        }
    }

    fn require_group_exists(&self, owner: &Owner) -> Result<(), ApiError> {
        match owner.group_id() {
            Some(group_id) if !self.known.groups.contains(group_id) => Err(refusal(
                "unknown_group",
                "record",
                "Deze groep bestaat niet. Een consulent kan haar aanmaken.",
                "This group does not exist. A consulent can create it.",
            )),
            _ => Ok(()),
        }
    }

    /// Every place in a group this push touches, as the member list should show it now.
    pub fn memberships(&self) -> Vec<Membership> {
        self.known
            .fields
            .fields
            .iter()
            .filter(|(key, _)| key.record.kind == RecordKind::Membership)
            .filter_map(|(key, register)| match &key.record.owner {
                Owner::GroupMember { group_id, client_id } => Some(Membership {
                    group_id: group_id.clone(),
                    client_id: client_id.clone(),
                    is_member: register.view() == FieldView::Value(Value::from("member")),
                }),
                _ => None,
            })
            .collect()
    }
}

impl Admitted {
    fn already_known(starts_client_file: Option<NewClientFile>) -> Admitted {
        Admitted { status: OperationStatus::AlreadyKnown, reason: None, starts_client_file, store: None }
    }
}

fn refusal(code: &str, field: &str, nl: &str, en: &str) -> ApiError {
    ApiError::new(code, Some(field), Explanation::new(nl, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::{Hlc, MAX_CLOCK_AHEAD_MS};
    use crate::sync::record::RecordRef;
    use serde_json::json;

    const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const OTHER_CLIENT: &str = "9b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const GROUP: &str = "2b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const SLOT: &str = "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const AANVRAAG: &str = "5b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
    const TEAM: &str = "team-noord";
    const NOW: u64 = 1_764_547_200_000;

    fn signed_in(subject: &str, role: Role) -> SignedIn {
        let team_id = (role != Role::Client).then(|| TEAM.to_owned());
        SignedIn { subject: subject.to_owned(), role, team_id }
    }

    fn fatima() -> SignedIn {
        signed_in("outreach-fatima", Role::OutreachWorker)
    }

    fn sanne() -> SignedIn {
        signed_in("consulent-sanne", Role::Consulent)
    }

    fn jan() -> SignedIn {
        signed_in("client-jan", Role::Client)
    }

    /// Fatima has Jan's file in her caseload.
    fn fatimas_scope() -> Scope {
        Scope { assigned_client_ids: BTreeSet::from([CLIENT.to_owned()]), ..Scope::default() }
    }

    /// Sanne's team has Jan's file and the group.
    fn sannes_scope() -> Scope {
        Scope {
            team_id: Some(TEAM.to_owned()),
            team_client_ids: BTreeSet::from([CLIENT.to_owned()]),
            team_group_ids: BTreeSet::from([GROUP.to_owned()]),
            ..Scope::default()
        }
    }

    /// Sanne's team also has [`OTHER_CLIENT`]'s file (Fenna's).
    fn sannes_scope_with_fenna() -> Scope {
        let mut scope = sannes_scope();
        scope.team_client_ids.insert(OTHER_CLIENT.to_owned());
        scope
    }

    /// Trainer Pieter trains [`GROUP`], with [`CLIENT`] in it.
    fn pieters_scope() -> Scope {
        Scope {
            trained_group_ids: BTreeSet::from([GROUP.to_owned()]),
            trained_client_ids: BTreeSet::from([CLIENT.to_owned()]),
            ..Scope::default()
        }
    }

    fn jans_scope() -> Scope {
        Scope { own_client_id: Some(CLIENT.to_owned()), team_id: Some(TEAM.to_owned()), ..Scope::default() }
    }

    /// Jan's file and the group exist.
    fn known() -> Known {
        Known {
            client_files: BTreeSet::from([CLIENT.to_owned()]),
            groups: BTreeSet::from([GROUP.to_owned()]),
            ..Known::default()
        }
    }

    /// What is known, and the log has this operation already.
    fn known_with_stored(operation: &Operation) -> Known {
        let json = serde_json::to_string(operation).unwrap();
        Known { stored: BTreeMap::from([(operation.op_id.clone(), json)]), ..known() }
    }

    fn dossier(client_id: &str) -> RecordRef {
        RecordRef {
            kind: RecordKind::Dossier,
            id: client_id.to_owned(),
            owner: Owner::Client { client_id: client_id.to_owned() },
        }
    }

    fn slot() -> RecordRef {
        RecordRef {
            kind: RecordKind::Slot,
            id: SLOT.to_owned(),
            owner: Owner::Team { team_id: TEAM.to_owned() },
        }
    }

    fn membership() -> RecordRef {
        RecordRef {
            kind: RecordKind::Membership,
            id: format!("{GROUP}.{CLIENT}"),
            owner: Owner::GroupMember { group_id: GROUP.to_owned(), client_id: CLIENT.to_owned() },
        }
    }

    /// Operation number `n`, made by `by` a second before [`NOW`] plus `n` ms.
    fn op(n: u32, record: RecordRef, field: &str, value: Value, by: &SignedIn) -> Operation {
        Operation {
            op_id: format!("{n:08x}-0000-4000-8000-000000000000"),
            record,
            field: field.to_owned(),
            value,
            hlc: Hlc { wall_ms: NOW - 1_000 + u64::from(n), counter: 0, node: "tablet-1".to_owned() },
            author: by.subject.clone(),
            stored_as: None,
        }
    }

    fn name(n: u32, client_id: &str, by: &SignedIn) -> Operation {
        op(n, dossier(client_id), "preferred_name", json!("Jan"), by)
    }

    fn admission(who: SignedIn, scope: Scope, known: Known) -> Admission {
        Admission::new(who, scope, known, NOW)
    }

    fn refused_code(result: Result<Admitted, ApiError>) -> String {
        result.expect_err("refused").code
    }

    /// The status of an admitted operation, or the code it is refused with.
    fn status(admission: &mut Admission, operation: &Operation) -> Result<OperationStatus, String> {
        admission.admit(operation).map(|admitted| admitted.status).map_err(|refused| refused.code)
    }

    #[test]
    fn an_operation_in_the_caseload_is_applied_and_stored_with_its_new_record() {
        let mut admission = admission(fatima(), fatimas_scope(), known());
        let admitted = admission.admit(&name(1, CLIENT, &fatima())).unwrap();
        assert_eq!(admitted.status, OperationStatus::Applied);
        assert_eq!(admitted.reason, None);
        assert_eq!(admitted.starts_client_file, None);
        let store = admitted.store.expect("stored");
        assert_eq!(store.class, DataClass::Name);
        assert!(store.new_record);
        assert_eq!(store.operation_json, serde_json::to_string(&name(1, CLIENT, &fatima())).unwrap());
        let birth_date = op(2, dossier(CLIENT), "birth_date", json!("1984-03-15"), &fatima());
        let second = admission.admit(&birth_date).unwrap().store.expect("stored");
        assert!(!second.new_record, "the push made the record already");
    }

    #[test]
    fn an_operation_that_does_not_fit_the_record_model_is_refused_with_the_models_reason() {
        let mut admission = admission(fatima(), fatimas_scope(), known());
        let empty_name = op(1, dossier(CLIENT), "preferred_name", json!(""), &fatima());
        let refused = admission.admit(&empty_name).unwrap_err();
        assert_eq!(refused.field.as_deref(), Some("value"));
        assert_eq!(refused, {
            let problem = empty_name.check().unwrap_err();
            ApiError::new(problem.code, Some(problem.field), problem.explanation)
        });
    }

    #[test]
    fn a_repeated_push_is_already_known_even_where_its_author_may_no_longer_write() {
        let operation = name(1, CLIENT, &fatima());
        // Fatima no longer has the file in her caseload.
        let mut admission = admission(fatima(), Scope::default(), known_with_stored(&operation));
        let admitted = admission.admit(&operation).unwrap();
        assert_eq!(admitted.status, OperationStatus::AlreadyKnown);
        assert_eq!(admitted.store, None);
    }

    #[test]
    fn an_op_id_already_used_for_another_change_is_refused() {
        let stored = name(1, CLIENT, &fatima());
        let mut admission = admission(fatima(), fatimas_scope(), known_with_stored(&stored));
        let other = Operation { value: json!("Johan"), ..stored };
        assert_eq!(refused_code(admission.admit(&other)), "op_id_reused");
    }

    #[test]
    fn an_op_id_is_stored_once_in_one_push_too() {
        let mut admission = admission(fatima(), fatimas_scope(), known());
        let operation = name(1, CLIENT, &fatima());
        assert!(admission.admit(&operation).unwrap().store.is_some());
        let again = admission.admit(&operation).unwrap();
        assert_eq!((again.status, again.store), (OperationStatus::AlreadyKnown, None));
        let reused = Operation {
            value: json!("Johan"),
            hlc: Hlc { wall_ms: NOW, ..operation.hlc.clone() },
            ..operation
        };
        assert_eq!(refused_code(admission.admit(&reused)), "op_id_reused");
    }

    #[test]
    fn devices_never_write_what_the_municipalitys_zaak_system_sets() {
        let aanvraag = RecordRef {
            kind: RecordKind::Aanvraag,
            id: AANVRAAG.to_owned(),
            owner: Owner::Client { client_id: CLIENT.to_owned() },
        };
        let mut admission = admission(sanne(), sannes_scope(), known());
        let submitted = op(1, aanvraag.clone(), "submitted_on", json!("2026-01-05"), &sanne());
        assert_eq!(admission.admit(&submitted).unwrap().status, OperationStatus::Applied);
        let status = op(2, aanvraag, "zaak_status", json!("Toegekend"), &sanne());
        assert_eq!(refused_code(admission.admit(&status)), "set_by_the_municipality");
    }

    #[test]
    fn devices_never_write_the_engines_advice_beside_a_decision() {
        let decision = RecordRef {
            kind: RecordKind::Decision,
            id: AANVRAAG.to_owned(),
            owner: Owner::Client { client_id: CLIENT.to_owned() },
        };
        let mut admission = admission(sanne(), sannes_scope(), known());
        let route = op(1, decision.clone(), "route_id", json!("werkfit"), &sanne());
        assert_eq!(admission.admit(&route).unwrap().status, OperationStatus::Applied);
        let advice = op(2, decision, "advised_route_id", json!("werkfit"), &sanne());
        assert_eq!(refused_code(admission.admit(&advice)), "set_by_the_engine");
    }

    #[test]
    fn only_the_author_pushes_their_own_change() {
        let mut admission = admission(fatima(), fatimas_scope(), known());
        let by_sanne = name(1, CLIENT, &sanne());
        let refused = admission.admit(&by_sanne).unwrap_err();
        assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("author_is_not_you", Some("author")));
    }

    #[test]
    fn a_clock_ahead_of_the_workers_now_is_refused() {
        let ahead = Operation {
            hlc: Hlc { wall_ms: NOW + MAX_CLOCK_AHEAD_MS + 1, counter: 0, node: "tablet-1".to_owned() },
            ..name(1, CLIENT, &fatima())
        };
        let refused = admission(fatima(), fatimas_scope(), known()).admit(&ahead).unwrap_err();
        assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("clock_too_far_ahead", Some("hlc")));
        // "Now" is the caller's: a second later the same change is in time.
        let mut a_second_later = Admission::new(fatima(), fatimas_scope(), known(), NOW + 1_000);
        assert_eq!(status(&mut a_second_later, &ahead), Ok(OperationStatus::Applied));
    }

    #[test]
    fn a_record_keeps_its_owner() {
        let slot_in_team = RecordRef { owner: Owner::Team { team_id: "team-zuid".to_owned() }, ..slot() };
        let known = Known {
            owners: BTreeMap::from([((RecordKind::Slot, SLOT.to_owned()), slot_in_team.owner.clone())]),
            ..known()
        };
        let mut admission = admission(sanne(), sannes_scope(), known);
        let moved = op(1, slot(), "place", json!("Stadskantoor"), &sanne());
        assert_eq!(refused_code(admission.admit(&moved)), "record_belongs_elsewhere");
        // Also for a record this push makes: the next operation cannot move it.
        let mut admission = self::admission(sanne(), sannes_scope(), self::known());
        assert!(admission.admit(&op(2, slot(), "place", json!("Stadskantoor"), &sanne())).is_ok());
        let elsewhere = RecordRef { owner: Owner::Team { team_id: "team-zuid".to_owned() }, ..slot() };
        let moved = op(3, elsewhere, "place", json!("Wijkcentrum"), &sanne());
        assert_eq!(refused_code(admission.admit(&moved)), "record_belongs_elsewhere");
    }

    #[test]
    fn an_outreach_worker_with_a_team_starts_a_file_in_their_own_caseload() {
        let mut admission = admission(fatima(), Scope::default(), Known::default());
        let first = admission.admit(&name(1, OTHER_CLIENT, &fatima())).unwrap();
        assert_eq!(first.status, OperationStatus::Applied);
        assert_eq!(
            first.starts_client_file,
            Some(NewClientFile {
                client_id: OTHER_CLIENT.to_owned(),
                team_id: TEAM.to_owned(),
                in_own_caseload: true
            })
        );
        let birth_date = op(2, dossier(OTHER_CLIENT), "birth_date", json!("1984-03-15"), &fatima());
        assert_eq!(admission.admit(&birth_date).unwrap().starts_client_file, None, "started once");
        let without_team = SignedIn { team_id: None, ..fatima() };
        let refused = self::admission(without_team.clone(), Scope::default(), Known::default()).admit(&name(
            3,
            OTHER_CLIENT,
            &without_team,
        ));
        assert_eq!(refused_code(refused), "forbidden", "as for any file not theirs");
    }

    #[test]
    fn a_consulent_starts_a_file_in_the_team_and_nobody_else_starts_one() {
        let mut admission = admission(sanne(), Scope::default(), Known::default());
        let first = admission.admit(&name(1, OTHER_CLIENT, &sanne())).unwrap();
        assert_eq!(first.status, OperationStatus::Applied);
        assert_eq!(first.starts_client_file.map(|file| file.in_own_caseload), Some(false));
        // The others hear what they hear for a file that exists but is not theirs.
        let trainer = signed_in("trainer-pieter", Role::Trainer);
        for who in [trainer, jan()] {
            let with_other_file =
                Known { client_files: BTreeSet::from([OTHER_CLIENT.to_owned()]), ..known() };
            for known in [Known::default(), with_other_file] {
                let refused =
                    self::admission(who.clone(), jans_scope(), known).admit(&name(2, OTHER_CLIENT, &who));
                assert_eq!(refused_code(refused), "forbidden", "{:?}", who.role);
            }
        }
        // A file is never started by placing its client in a group.
        let group_only = Known { groups: BTreeSet::from([GROUP.to_owned()]), ..Known::default() };
        let refused = self::admission(sanne(), sannes_scope(), group_only).admit(&op(
            3,
            membership(),
            "status",
            json!("member"),
            &sanne(),
        ));
        assert_eq!(refused_code(refused), "unknown_client_file");
    }

    #[test]
    fn nothing_is_written_in_a_group_that_does_not_exist() {
        let group = RecordRef {
            kind: RecordKind::Group,
            id: GROUP.to_owned(),
            owner: Owner::Group { group_id: GROUP.to_owned() },
        };
        let no_group = Known { groups: BTreeSet::new(), ..known() };
        let mut admission = admission(sanne(), sannes_scope(), no_group);
        let refused = admission.admit(&op(1, group, "name", json!("Sterk naar Werk"), &sanne()));
        assert_eq!(refused_code(refused), "unknown_group");
    }

    #[test]
    fn a_trainer_marks_attendance_for_members_only_and_never_learns_whether_a_file_exists() {
        let pieter = signed_in("trainer-pieter", Role::Trainer);
        let scope = pieters_scope();
        let session = format!("00000001{}", &GROUP[8..]);
        let attendance = |n, client_id: &str| {
            let place = Owner::GroupMember { group_id: GROUP.to_owned(), client_id: client_id.to_owned() };
            let record = RecordRef {
                kind: RecordKind::Attendance,
                id: format!("{session}.{client_id}"),
                owner: place,
            };
            op(n, record, "status", json!("present"), &pieter)
        };
        let members = BTreeSet::from([(GROUP.to_owned(), CLIENT.to_owned())]);
        let mut admission = admission(pieter.clone(), scope.clone(), Known { members, ..known() });
        assert_eq!(status(&mut admission, &attendance(1, CLIENT)), Ok(OperationStatus::Applied));
        // Another team's client (the file exists) and a file that does not exist: the same answer.
        let with_other_file = Known { client_files: BTreeSet::from([OTHER_CLIENT.to_owned()]), ..known() };
        let mut admission = self::admission(pieter.clone(), scope.clone(), with_other_file);
        assert_eq!(status(&mut admission, &attendance(2, OTHER_CLIENT)), Err("not_a_member".to_owned()));
        let nobody = "1c6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        assert_eq!(status(&mut admission, &attendance(3, nobody)), Err("not_a_member".to_owned()));
    }

    #[test]
    fn what_the_role_may_not_write_is_forbidden() {
        let trainer = signed_in("trainer-pieter", Role::Trainer);
        let scope = pieters_scope();
        let klantfoto = RecordRef { kind: RecordKind::Klantfoto, ..dossier(CLIENT) };
        let refused = admission(trainer.clone(), scope, known()).admit(&op(
            1,
            klantfoto,
            "housing",
            json!(2),
            &trainer,
        ));
        let refused = refused.unwrap_err();
        assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("forbidden", Some("record")));
    }

    #[test]
    fn a_client_chooses_a_slot_for_themself_only() {
        let mut admission = admission(jan(), jans_scope(), slot_offered());
        let for_someone_else = op(1, slot(), "holder", json!(OTHER_CLIENT), &jan());
        let refused = admission.admit(&for_someone_else).unwrap_err();
        assert_eq!((refused.code.as_str(), refused.field.as_deref()), ("forbidden", Some("value")));
        let own = op(2, slot(), "holder", json!(CLIENT), &jan());
        assert_eq!(status(&mut admission, &own), Ok(OperationStatus::Applied));
        let release = op(3, slot(), "holder", Value::Null, &jan());
        assert_eq!(status(&mut admission, &release), Ok(OperationStatus::Applied));
        // A consulent books a slot for a client.
        let booked = op(4, slot(), "holder", json!(OTHER_CLIENT), &sanne());
        assert_eq!(
            status(&mut self::admission(sanne(), sannes_scope_with_fenna(), known()), &booked),
            Ok(OperationStatus::Applied)
        );
    }

    #[test]
    fn staff_give_a_slot_only_to_a_client_of_their_team() {
        let mut admission = admission(sanne(), sannes_scope(), slot_offered());
        for elsewhere in [OTHER_CLIENT, "7b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e"] {
            let refused = admission.admit(&op(1, slot(), "holder", json!(elsewhere), &sanne())).unwrap_err();
            assert_eq!(
                (refused.code.as_str(), refused.field.as_deref()),
                ("holder_not_in_team", Some("value"))
            );
        }
        assert_eq!(
            status(&mut admission, &op(2, slot(), "holder", json!(CLIENT), &sanne())),
            Ok(OperationStatus::Applied)
        );
    }

    #[test]
    fn a_client_claims_a_slot_that_exists_but_never_starts_one() {
        let mut admission = admission(jan(), jans_scope(), known());
        let claim = op(1, slot(), "holder", json!(CLIENT), &jan());
        let refused = admission.admit(&claim).unwrap_err();
        assert_eq!(
            (refused.code.as_str(), refused.field.as_deref()),
            ("may_not_start_record", Some("record"))
        );
        assert_eq!(
            status(&mut self::admission(jan(), jans_scope(), slot_offered()), &claim),
            Ok(OperationStatus::Applied)
        );
    }

    #[test]
    fn a_client_holds_two_slots_to_come_and_moves_by_releasing_one() {
        let slots = ["3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d51", "3b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d52", SLOT];
        let slot_of = |id: &str| RecordRef { id: id.to_owned(), ..slot() };
        let owners = slots.iter().map(|id| ((RecordKind::Slot, (*id).to_owned()), slot().owner)).collect();
        let held_first = Known { owners, slots_held: BTreeSet::from([slots[0].to_owned()]), ..known() };
        let mut admission = admission(jan(), jans_scope(), held_first);
        let claim = |n: u32, id: &str| op(n, slot_of(id), "holder", json!(CLIENT), &jan());
        assert_eq!(status(&mut admission, &claim(1, slots[1])), Ok(OperationStatus::Applied));
        let third = admission.admit(&claim(2, slots[2])).unwrap_err();
        assert_eq!((third.code.as_str(), third.field.as_deref()), ("too_many_slots", Some("value")));
        assert_eq!(
            status(&mut admission, &claim(3, slots[0])),
            Ok(OperationStatus::Applied),
            "claiming again a slot held counts once"
        );
        // Moving: the old slot released first, then the new one claimed, in one push.
        let release = op(4, slot_of(slots[0]), "holder", Value::Null, &jan());
        assert_eq!(status(&mut admission, &release), Ok(OperationStatus::Applied));
        assert_eq!(status(&mut admission, &claim(5, slots[2])), Ok(OperationStatus::Applied));
        // Staff book for clients without this limit.
        let mut sannes = self::admission(sanne(), sannes_scope(), admission.known.clone());
        let booked = op(6, slot_of(slots[0]), "holder", json!(CLIENT), &sanne());
        assert_eq!(status(&mut sannes, &booked), Ok(OperationStatus::Applied));
    }

    /// What the worker knows once the team offered [`slot`].
    fn slot_offered() -> Known {
        Known { owners: BTreeMap::from([((RecordKind::Slot, SLOT.to_owned()), slot().owner)]), ..known() }
    }

    #[test]
    fn a_client_who_may_not_plan_slots_is_told_so_first() {
        let starts_at = op(1, slot(), "starts_at", json!("2031-03-04T10:00"), &jan());
        let refused = admission(jan(), jans_scope(), known()).admit(&starts_at).unwrap_err();
        assert_eq!(refused.code, "forbidden");
    }

    #[test]
    fn a_device_cannot_say_where_its_change_is_stored() {
        let placed = Operation { stored_as: Some(1), ..name(1, CLIENT, &fatima()) };
        let refused = admission(fatima(), fatimas_scope(), known()).admit(&placed).unwrap_err();
        assert_eq!(
            (refused.code.as_str(), refused.field.as_deref()),
            ("stored_as_is_the_workers", Some("stored_as"))
        );
    }

    #[test]
    fn a_claim_that_lost_is_stored_and_its_author_told_why() {
        let mut admission = admission(sanne(), sannes_scope_with_fenna(), known());
        assert!(admission.admit(&op(1, slot(), "holder", json!(OTHER_CLIENT), &sanne())).is_ok());
        let mut jans = self::admission(jan(), jans_scope(), admission.known.clone());
        let lost = jans.admit(&op(2, slot(), "holder", json!(CLIENT), &jan())).unwrap();
        assert_eq!(lost.status, OperationStatus::Refused);
        let reason = lost.reason.expect("told why");
        assert_eq!((reason.code.as_str(), reason.field.as_deref()), ("slot_taken", Some("value")));
        assert!(lost.store.is_some(), "kept in the log, so that every device settles the claim the same way");
    }

    #[test]
    fn an_earlier_change_is_stored_but_superseded_by_a_later_one() {
        let mut admission = admission(fatima(), fatimas_scope(), known());
        let later = Operation { value: json!("Johan"), ..name(2, CLIENT, &fatima()) };
        assert_eq!(status(&mut admission, &later), Ok(OperationStatus::Applied));
        let earlier = admission.admit(&name(1, CLIENT, &fatima())).unwrap();
        assert_eq!(earlier.status, OperationStatus::Superseded);
        assert!(earlier.store.is_some());
    }

    #[test]
    fn the_member_list_follows_the_merged_membership() {
        let mut admission = admission(sanne(), sannes_scope(), known());
        let member = |is_member| {
            vec![Membership { group_id: GROUP.to_owned(), client_id: CLIENT.to_owned(), is_member }]
        };
        admission.admit(&op(1, membership(), "status", json!("member"), &sanne())).unwrap();
        assert_eq!(admission.memberships(), member(true));
        admission.admit(&op(2, membership(), "status", json!("left"), &sanne())).unwrap();
        assert_eq!(admission.memberships(), member(false));
        admission.admit(&name(3, CLIENT, &sanne())).unwrap();
        assert_eq!(admission.memberships(), member(false), "only memberships are in the member list");
    }
}
