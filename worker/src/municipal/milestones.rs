//! Which calls to the municipality a push causes, decided from the operations it stores:
//! - an aanvraag's `submitted_on` set → create its zaak, then add the applicant's rol to it;
//! - an appointment marked held (`held`, by the professional who held it) → a klantcontact in the
//!   Klantinteracties API, once per appointment, and only when the client has an aanvraag (its BSN;
//!   appointments held before the aanvraag go when it is filed);
//! - the klantfoto complete (every crisis question and life domain answered) → the zaak's status
//!   [`Milestone::KlantfotoSubmitted`] and the klantfoto as a document linked to the zaak;
//! - the inspanningspakket completed, the rechtmatigheidsgesprek held, the route decided (decided by
//!   `shared::journey::inspanningspakket` and `shared::journey`, as the app decides them) → that status.
//!
//! Each status once per client (its outbox key), only when the client has an aanvraag, and in the
//! order the client reached them (a client's rows go out in order). A push that submits an
//! aanvraag also enqueues the milestones its client reached before (in journey order). Every
//! milestone is reached by a push (an interview is held when a professional marks it so, never by
//! time passing), so the push that reaches it enqueues it.
//!
//! The outbox rows are statements in the push's own D1 batch: stored with the push, or not at all.
//!
//! The milestones and the outbox's actions are words of `shared::municipal` ([`Milestone`],
//! [`MunicipalAction`]); what reaches a milestone is decided here, by the rules in `shared`.

use super::outbox;
use crate::failure::Failure;
use crate::oplog;
use shared::journey::appointment::{appointments_of, AppointmentStatus};
use shared::journey::klantfoto::{Answers, KlantfotoSet};
use shared::law::local_time::LocalDateTime;
use shared::municipal::{Milestone, MunicipalAction};
use shared::sync::merge::{FieldView, Replica};
use shared::sync::record::{Owner, RecordKind};
use shared::sync::sync_protocol::Operation;
use std::collections::{BTreeMap, BTreeSet};
use worker::{D1Database, D1PreparedStatement};

/// The record kinds a change of which may reach `milestone` (besides the klantfoto's).
fn kinds_that_may_reach(milestone: Milestone) -> &'static [RecordKind] {
    match milestone {
        Milestone::KlantfotoSubmitted => &[],
        Milestone::InspanningspakketCompleted => &shared::journey::inspanningspakket::KINDS_READ,
        Milestone::RechtmatigheidsgesprekHeld => &[RecordKind::Appointment],
        Milestone::RouteDecided => &[RecordKind::Decision],
    }
}

/// Whether one client reached `milestone` (not the klantfoto's), by the rules in `shared`.
fn client_reached(milestone: Milestone, replica: &Replica, client_id: &str, now: LocalDateTime) -> bool {
    match milestone {
        Milestone::KlantfotoSubmitted => false,
        Milestone::InspanningspakketCompleted => {
            shared::journey::inspanningspakket::is_complete(replica, client_id, now.date)
        }
        Milestone::RechtmatigheidsgesprekHeld => {
            shared::journey::rechtmatigheidsgesprek_held(replica, client_id, now)
        }
        Milestone::RouteDecided => shared::journey::route_decided(replica, client_id),
    }
}

/// Now, in Dutch time.
fn now_in_the_netherlands() -> LocalDateTime {
    LocalDateTime::from_utc_ms(worker::Date::now().as_millis() as i64)
}

/// What the stored operations of one push mean for the municipality.
#[derive(Default)]
pub struct PushEvents {
    /// Whether held appointments become klantcontacten (`config::klantinteracties_is_on`).
    klantcontacten_on: bool,
    /// (client id, aanvraag id) of every aanvraag whose `submitted_on` this push set.
    submitted: Vec<(String, String)>,
    /// Klantfoto operations this push stores, by client.
    klantfoto: BTreeMap<String, Vec<Operation>>,
    /// (client id, appointment id) of every appointment this push marks as held (a klantcontact).
    held: Vec<(String, String)>,
    /// Operations of the kinds the other milestones read, by client.
    journey: BTreeMap<String, Vec<Operation>>,
}

impl PushEvents {
    /// Nothing noted yet; `klantcontacten_on`: whether held appointments become klantcontacten.
    pub fn new(klantcontacten_on: bool) -> PushEvents {
        PushEvents { klantcontacten_on, ..PushEvents::default() }
    }

    /// Notes an operation that this push stores (applied or superseded alike: the log keeps both).
    pub fn note(&mut self, operation: &Operation) {
        let Owner::Client { client_id } = &operation.record.owner else { return };
        match operation.record.kind {
            RecordKind::Aanvraag if operation.field == "submitted_on" && !operation.value.is_null() => {
                self.submitted.push((client_id.clone(), operation.record.id.clone()));
            }
            RecordKind::Klantfoto => {
                self.klantfoto.entry(client_id.clone()).or_default().push(operation.clone());
            }
            RecordKind::Appointment
                if self.klantcontacten_on
                    && operation.field == "held"
                    && operation.value == serde_json::Value::Bool(true) =>
            {
                self.held.push((client_id.clone(), operation.record.id.clone()));
            }
            _ => {}
        }
        // Outside the match, so that an arm above for the same kind (another use) does not hide it.
        let kind = operation.record.kind;
        if Milestone::ALL.iter().any(|milestone| kinds_that_may_reach(*milestone).contains(&kind)) {
            self.journey.entry(client_id.clone()).or_default().push(operation.clone());
        }
    }

    /// The outbox statements for this push, to run after its operations in the same batch.
    pub async fn outbox_statements(
        &self,
        db: &D1Database,
        acted_by: &str,
    ) -> Result<Vec<D1PreparedStatement>, Failure> {
        let mut statements = Vec::new();
        for (client_id, aanvraag_id) in &self.submitted {
            let zaak_and_rol = [("zaak", MunicipalAction::CreateZaak), ("rol", MunicipalAction::CreateRol)];
            for (key, action) in zaak_and_rol {
                let key = format!("{key}:{aanvraag_id}");
                let row = outbox::NewRow { key, client_id, action, subject: aanvraag_id, acted_by };
                statements.push(outbox::enqueue(db, &row)?);
            }
        }
        for (client_id, appointment_id) in &self.held {
            statements.push(enqueue_klantcontact(db, client_id, appointment_id, acted_by)?);
        }
        let with_new_aanvraag: BTreeSet<&str> =
            self.submitted.iter().map(|(client_id, _)| client_id.as_str()).collect();
        let completed_klantfotos = self.completed_klantfotos(db, &with_new_aanvraag).await?;
        let clients: BTreeSet<&str> = with_new_aanvraag
            .iter()
            .copied()
            .chain(self.journey.keys().map(String::as_str))
            .chain(completed_klantfotos.iter().map(String::as_str))
            .collect();
        let journey_clients: Vec<&str> = self.journey.keys().map(String::as_str).collect();
        let with_a_zaak: BTreeSet<String> =
            outbox::clients_with_a_zaak(db, &journey_clients).await?.into_iter().collect();
        let now = now_in_the_netherlands();
        for client_id in clients {
            let pushed = self.journey.get(client_id).map(Vec::as_slice).unwrap_or_default();
            let touched = |milestone: Milestone| {
                with_new_aanvraag.contains(client_id)
                    || pushed
                        .iter()
                        .any(|operation| kinds_that_may_reach(milestone).contains(&operation.record.kind))
            };
            let may_have_a_status = with_new_aanvraag.contains(client_id) || with_a_zaak.contains(client_id);
            let replica = if may_have_a_status {
                Some(oplog::client_replica(db, client_id, &journey_kinds(), pushed.iter().cloned()).await?)
            } else {
                None
            };
            if let Some(replica) = replica.as_ref().filter(|_| self.klantcontacten_on) {
                if with_new_aanvraag.contains(client_id) {
                    // Contact moments held before the aanvraag (no BSN to find the client's partij
                    // then) go now; one already sent keeps its row (the same key).
                    for appointment in appointments_of(replica, client_id, now) {
                        if appointment.held && appointment.status == AppointmentStatus::Planned {
                            statements.push(enqueue_klantcontact(
                                db,
                                client_id,
                                &appointment.record.id,
                                acted_by,
                            )?);
                        }
                    }
                }
            }
            for milestone in Milestone::ALL {
                let reached = match (milestone, &replica) {
                    (Milestone::KlantfotoSubmitted, _) => completed_klantfotos.contains(client_id),
                    (_, Some(replica)) => {
                        touched(milestone) && client_reached(milestone, replica, client_id, now)
                    }
                    (_, None) => false,
                };
                if reached {
                    statements.extend(outbox::enqueue_milestone_if_client_has_zaak(
                        db, client_id, milestone, acted_by,
                    )?);
                }
            }
        }
        Ok(statements)
    }

    /// Clients whose klantfoto is complete once this push is stored: among those whose klantfoto
    /// this push changes, and those who submit an aanvraag (they may have completed it before).
    async fn completed_klantfotos(
        &self,
        db: &D1Database,
        with_new_aanvraag: &BTreeSet<&str>,
    ) -> Result<BTreeSet<String>, Failure> {
        let ids: BTreeSet<&str> =
            self.klantfoto.keys().map(String::as_str).chain(with_new_aanvraag.iter().copied()).collect();
        if ids.is_empty() {
            return Ok(BTreeSet::new());
        }
        let ids: Vec<&str> = ids.into_iter().collect();
        let pushed = self.klantfoto.values().flatten().cloned();
        let records = oplog::merged_records(db, RecordKind::Klantfoto, &ids, pushed).await?;
        Ok(records
            .into_iter()
            .filter(|(_, fields)| klantfoto_is_complete(fields))
            .map(|(record, _)| record.id)
            .collect())
    }
}

/// A held appointment's klantcontact, once per appointment (its key), for a client with a zaak.
fn enqueue_klantcontact(
    db: &D1Database,
    client_id: &str,
    appointment_id: &str,
    acted_by: &str,
) -> Result<D1PreparedStatement, Failure> {
    let key = format!("klantcontact:{appointment_id}");
    let action = MunicipalAction::CreateKlantcontact;
    outbox::enqueue_if_client_has_zaak(
        db,
        &outbox::NewRow { key, client_id, action, subject: appointment_id, acted_by },
    )
}

/// Every record kind the milestones after the klantfoto read.
fn journey_kinds() -> Vec<RecordKind> {
    let mut kinds: Vec<RecordKind> =
        Milestone::ALL.iter().flat_map(|m| kinds_that_may_reach(*m)).copied().collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Every question of the klantfoto has an answer (a value that is not cleared); who filled it in
/// with the client is no question.
pub fn klantfoto_is_complete(fields: &BTreeMap<String, FieldView>) -> bool {
    let set = KlantfotoSet::embedded();
    set.is_complete(&Answers::from_fields(set, fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every answer (crisis questions yes, domains 3), without the first `leave_out`.
    fn answers(leave_out: usize) -> BTreeMap<String, FieldView> {
        let set = KlantfotoSet::embedded();
        let crises = set.crises.iter().map(|c| (c.id.clone(), json!(true)));
        let domains = set.domains.iter().map(|d| (d.id.clone(), json!(3)));
        crises.chain(domains).skip(leave_out).map(|(id, value)| (id, FieldView::Value(value))).collect()
    }

    #[test]
    fn a_klantfoto_is_submitted_when_every_question_has_an_answer() {
        assert!(klantfoto_is_complete(&answers(0)));
        assert!(!klantfoto_is_complete(&answers(1)));
        let mut cleared = answers(0);
        let first = RecordKind::Klantfoto.fields()[0].name.to_owned();
        cleared.insert(first, FieldView::Value(serde_json::Value::Null));
        assert!(!klantfoto_is_complete(&cleared));
        let mut together = answers(0);
        together.insert("filled_in_with".into(), FieldView::Value(json!("outreach-fatima")));
        assert!(klantfoto_is_complete(&together), "who filled it in with the client is no question");
    }
}
