//! The client files (dossiers) this device holds, as the pages read them: which files, whose name,
//! the client's own file on a client's phone, the klantfoto answers and the situation the law engine
//! needs. Helpers shared by the pages live here, below them, not in one page.

use crate::clock::today;
use crate::i18n::tr;
use leptos::prelude::*;
use shared::journey::dossier::dossier_of;
pub use shared::journey::dossier::{answers_in, klantfoto_of};
use shared::journey::klantfoto::Answers;
use shared::law::situation::ClientSituation;
use shared::sync::merge::{FieldView, Replica};
use shared::sync::record::RecordKind;

/// The client files this device knows, by id, with the name if there is one, sorted by name.
pub fn known_files(replica: &Replica) -> Vec<(String, Option<String>)> {
    let mut files: Vec<(String, Option<String>)> = replica
        .fields
        .keys()
        .filter(|key| key.record.kind == RecordKind::Dossier)
        .map(|key| key.record.id.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|client_id| {
            let name = preferred_name(replica, &client_id);
            (client_id, name)
        })
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

/// A client's device holds only their own file: its id, once it has arrived.
pub fn own_file(replica: &Replica) -> Option<String> {
    known_files(replica).into_iter().next().map(|(client_id, _)| client_id)
}

/// The name the client wants to be called by, if they gave one.
pub fn preferred_name(replica: &Replica, client_id: &str) -> Option<String> {
    match replica.view(&dossier_of(client_id), "preferred_name") {
        Some(FieldView::Value(serde_json::Value::String(name))) => Some(name),
        _ => None,
    }
}

/// Until the client's own file has arrived on this device.
#[component]
pub fn NoOwnFileYet(title: impl Fn() -> &'static str + Copy + Send + Sync + 'static) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        <p>{file_not_here_yet()}</p>
    }
}

/// Said to a client whose own file has not arrived on this device yet.
pub fn file_not_here_yet() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(
        "Uw dossier staat nog niet op dit apparaat. Heeft u internet? Dan komt het vanzelf.",
        "Your file is not on this device yet. Are you online? Then it will come by itself.",
    )
}

/// The situation the engine needs on this device, today (`shared::journey::dossier::situation_for`).
pub fn situation_for(replica: &Replica, client_id: &str, answers: &Answers) -> Option<ClientSituation> {
    shared::journey::dossier::situation_for(replica, client_id, answers, today())
}
