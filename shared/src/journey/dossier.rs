//! The client's file itself as it is synced (the `dossier` record, its id the client id), and what
//! it says of the client's situation: the law engine's input, read from the sync core's replica.

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
