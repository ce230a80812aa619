//! The client's file itself as it is synced (the `dossier` record, its id the client id), and what
//! it says of the client's situation: the law engine's input, read from the sync core's replica
//! (with the klantfoto's answers), the same on the device and in the worker.

use crate::journey::klantfoto::{Answers, KlantfotoSet};
use crate::law::calendar::Date;
use crate::law::situation::{ClientSituation, Milestones};
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};

/// The record of a client file itself (kind `dossier`, its id the client id).
pub fn dossier_of(client_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Dossier,
        id: client_id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// What the synced dossier record says of a client's situation (municipality, application date,
/// birth date, the day they reported back): the same reading on the device and in the worker.
pub fn situation_of(replica: &Replica, client_id: &str) -> ClientSituation {
    let text = |field: &str| match replica.view(&dossier_of(client_id), field) {
        Some(FieldView::Value(serde_json::Value::String(text))) => Some(text),
        _ => None,
    };
    let date = |field: &str| text(field).and_then(|d| Date::parse_iso(&d).ok());
    ClientSituation {
        municipality: text("municipality"),
        application_date: date("application_date"),
        birth_date: date("birth_date"),
        milestones: Milestones { reported_back_on: date("reported_back_on"), ..Default::default() },
        ..Default::default()
    }
}

/// The record of a client's klantfoto (the self-assessment of their life domains).
pub fn klantfoto_of(client_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Klantfoto,
        id: client_id.to_owned(),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// The klantfoto answers of one client file as `replica` has them.
pub fn answers_in(replica: &Replica, client_id: &str) -> Answers {
    let set = KlantfotoSet::embedded();
    let record = klantfoto_of(client_id);
    let question_ids = set.crises.iter().map(|c| &c.id).chain(set.domains.iter().map(|d| &d.id));
    let fields: Vec<(String, FieldView)> =
        question_ids.filter_map(|id| Some((id.clone(), replica.view(&record, id)?))).collect();
    Answers::from_fields(set, fields.iter().map(|(id, view)| (id, view)))
}

/// The situation the engine needs: the dossier's facts and the klantfoto `answers`; without an
/// application date yet, `today`. `None` while the dossier names no municipality.
pub fn situation_for(
    replica: &Replica,
    client_id: &str,
    answers: &Answers,
    today: Date,
) -> Option<ClientSituation> {
    let mut situation = situation_of(replica, client_id);
    situation.municipality.as_ref()?;
    situation.application_date.get_or_insert(today);
    answers.apply_to(&mut situation);
    Some(situation)
}
