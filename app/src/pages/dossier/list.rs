//! `/dossiers`: the client files on this device, most pressing first
//! (`shared::journey::caseload`), with today's visits above them.

use super::todays_visits::TodaysVisits;
use crate::auth::{use_auth, Who};
use crate::file_outlook::outlook_with;
use crate::files_on_device::{answers_in, known_files};
use crate::i18n::{tr, use_language, Language};
use crate::permissions::may;
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::journey::attendance::all_attendance_signals;
use shared::journey::caseload::{is_urgent, most_pressing_first, CaseloadFile};
use shared::journey::coming_up::days_left_in_words;
use shared::journey::home_visit::crisis_signal;
use shared::journey::klantfoto::KlantfotoSet;
use shared::journey::next_step::decisions_by_client;
use shared::sync::access::{Access, Resource};
use shared::sync::merge::Replica;
use shared::sync::record::DataClass;

/// Each file with its name, whether it is urgent, what comes up first and whether absences are
/// signalled, most pressing first. Decisions and signals are read for all files in one pass each (a
/// caseload can be large).
fn caseload(replica: &Replica) -> Vec<CaseloadFile> {
    let mut decisions = decisions_by_client(replica);
    let signalled: std::collections::BTreeSet<String> =
        all_attendance_signals(replica).into_iter().map(|signal| signal.client_id).collect();
    let mut files: Vec<CaseloadFile> = known_files(replica)
        .into_iter()
        .map(|(client_id, name)| {
            let answers = answers_in(replica, &client_id);
            let urgent =
                is_urgent(KlantfotoSet::embedded(), &answers, crisis_signal(replica, &client_id).as_deref());
            let own_decisions = decisions.remove(&client_id).unwrap_or_default();
            let next = outlook_with(replica, &client_id, own_decisions).coming_up.into_iter().next();
            let absences = signalled.contains(&client_id);
            CaseloadFile { client_id, name, urgent, next, absences }
        })
        .collect();
    most_pressing_first(&mut files);
    files
}

#[component]
pub fn DossiersPage() -> impl IntoView {
    let auth = use_auth();
    let sync = use_sync();
    let language = use_language();
    let files = Memo::new(move |_| sync.replica.with(caseload));
    view! {
        <h1>{tr("Dossiers", "Client files")}</h1>
        <TodaysVisits/>
        <p>{tr(
            "De dossiers op dit apparaat. Ook zonder internet kunt u ze openen en aanvullen.",
            "The client files on this device. You can open them and add to them, also offline.",
        )}</p>
        {move || {
            let files = files.get();
            let language = language.get();
            let who = auth.who.get();
            if matches!(who, Who::LoggedIn { .. }) && !may(&who, Resource::Data(DataClass::Name), Access::Read) {
                // A policy maker: no client data at all (nor is any on this device).
                view! { <p id="no-files" role="alert">{tr(
                    "U mag geen dossiers zien. Beleidsmakers zien het beleid en de simulatie, zonder gegevens van cliënten.",
                    "You may not see client files. Policy makers see the policies and the simulation, without clients' data.",
                )}</p> }.into_any()
            } else if files.is_empty() {
                view! { <p id="no-files">{tr("Er staan nog geen dossiers op dit apparaat.", "There are no client files on this device yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="file-list">
                        {files.into_iter().map(|file| file_row(file, language)).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}

/// One file in the list: its name as a link, urgent and absences in words, what comes up first.
fn file_row(file: CaseloadFile, language: Language) -> impl IntoView {
    let CaseloadFile { client_id, name, urgent, next, absences } = file;
    let href = format!("/dossiers/{client_id}");
    let name = name.unwrap_or_else(|| language.pick("(nog geen naam)", "(no name yet)").to_owned());
    let next = next.map(|item| {
        format!("{}: {}", item.what.in_language(language), days_left_in_words(item.days_left, language))
    });
    view! {
        <li>
            <A href=href>{name}</A>
            {urgent.then(|| view! { <strong class="urgent">{language.pick(" Spoed", " Urgent")}</strong> })}
            {absences.then(|| view! { <strong class="urgent">{language.pick(" Verzuim", " Absences")}</strong> })}
            {next.map(|text| view! { <span class="next-deadline">{text}</span> })}
        </li>
    }
}
