//! Which calls to the municipality a push causes, decided from the operations it stores:
//! - an aanvraag's `submitted_on` set → create its zaak, then add the applicant's rol to it;
//! - an appointment marked held (`held`, by the professional who held it) → a klantcontact in the
//!   Klantinteracties API, once per appointment, and only when the client has an aanvraag (its BSN);
//! - the klantfoto complete (every crisis question and life domain answered) → the zaak's status
//!   [`Milestone::KlantfotoSubmitted`] and the klantfoto as a document linked to the zaak, once per
//!   client, and only when the client has an aanvraag.
//!
//! The outbox rows are statements in the push's own D1 batch: stored with the push, or not at all.

use super::{outbox, stored};
use crate::failure::Failure;
use shared::klantfoto::{Answers, KlantfotoSet, Step};
use shared::merge::FieldView;
use shared::record::{Owner, RecordKind};
use shared::sync_protocol::Operation;
use std::collections::BTreeMap;
use worker::{D1Database, D1PreparedStatement};

/// A step in the client's journey that becomes a status of their zaak. Its name is the key of
/// `MUNICIPAL_API.statustypes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    KlantfotoSubmitted,
}

impl Milestone {
    pub const ALL: [Milestone; 1] = [Milestone::KlantfotoSubmitted];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::KlantfotoSubmitted => "klantfoto_submitted",
        }
    }

    pub fn parse(name: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The status's `statustoelichting` in the zaak system (Dutch, no personal data).
    pub fn explanation(self) -> &'static str {
        match self {
            Milestone::KlantfotoSubmitted => "De klantfoto is ingevuld (Naar Vermogen).",
        }
    }
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
    }

    /// The outbox statements for this push, to run after its operations in the same batch.
    pub async fn outbox_statements(
        &self,
        db: &D1Database,
        acted_by: &str,
    ) -> Result<Vec<D1PreparedStatement>, Failure> {
        let mut statements = Vec::new();
        for (client_id, aanvraag_id) in &self.submitted {
            for (key, action) in [("zaak", outbox::Action::CreateZaak), ("rol", outbox::Action::CreateRol)] {
                let key = format!("{key}:{aanvraag_id}");
                let row = outbox::NewRow { key, client_id, action, subject: aanvraag_id, acted_by };
                statements.push(outbox::enqueue(db, &row)?);
            }
        }
        for (client_id, appointment_id) in &self.held {
            let key = format!("klantcontact:{appointment_id}");
            let action = outbox::Action::CreateKlantcontact;
            let row = outbox::NewRow { key, client_id, action, subject: appointment_id, acted_by };
            statements.push(outbox::enqueue_if_client_has_zaak(db, &row)?);
        }
        for client_id in self.completed_klantfotos(db).await? {
            let milestone = Milestone::KlantfotoSubmitted;
            statements
                .extend(outbox::enqueue_milestone_if_client_has_zaak(db, &client_id, milestone, acted_by)?);
        }
        Ok(statements)
    }

    /// Clients whose klantfoto is complete once this push is stored.
    async fn completed_klantfotos(&self, db: &D1Database) -> Result<Vec<String>, Failure> {
        if self.klantfoto.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = self.klantfoto.keys().map(String::as_str).collect();
        let pushed = self.klantfoto.values().flatten().cloned();
        let records = stored::merged_records(db, RecordKind::Klantfoto, &ids, pushed).await?;
        Ok(records
            .into_iter()
            .filter(|(_, fields)| klantfoto_is_complete(fields))
            .map(|(record, _)| record.id)
            .collect())
    }
}

/// Every question of the klantfoto has an answer (a value that is not cleared); who filled it in
/// with the client is no question.
pub fn klantfoto_is_complete(fields: &BTreeMap<String, FieldView>) -> bool {
    let set = KlantfotoSet::embedded();
    let mut answers = Answers::default();
    for (question_id, view) in fields {
        if let FieldView::Value(value) = view {
            answers.take(set, question_id, value);
        }
    }
    set.first_unanswered(&answers) == Step::Summary
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

    #[test]
    fn milestones_are_named_as_in_the_configuration() {
        for milestone in Milestone::ALL {
            assert_eq!(Milestone::parse(milestone.as_str()), Some(milestone));
        }
    }
}
