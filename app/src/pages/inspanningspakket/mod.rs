//! The inspanningspakket tracker: what a new applicant does before the eligibility interview, as
//! the municipality's policy asks (Tilburg: 20 job applications, temp agencies, documents, report
//! back within 4 weeks). The client logs applications and agencies (`forms`) and ticks documents
//! (`lists`), offline too; progress bars, a countdown and a reminder
//! (`components::progress`); when everything is done, the way to book the
//! rechtmatigheidsgesprek. The consulent sees the same progress on the file.

mod forms;
mod lists;

use crate::components::progress::ProgressView;
use crate::file_outlook::progress_of;
use crate::files_on_device::{own_file, NoOwnFileYet};
use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use forms::{AgencyForm, ApplicationForm, EducationForm};
use leptos::prelude::*;
use lists::{ApplicationList, DocumentChecklist};
use shared::law::policy::embedded_policies;

/// `/inspanningspakket`: the client's own.
#[component]
pub fn InspanningspakketPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Tracker client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title=tr("Inspanningspakket", "Job search tasks")/> }.into_any(),
    }
}

#[component]
fn Tracker(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let state = Memo::new(move |_| {
        sync.replica.with(|replica| {
            client.with_value(|id| {
                progress_of(replica, id).map(|(policy, progress)| (policy.id.clone(), progress))
            })
        })
    });
    let content = move || match state.get() {
        Err(reason) => view! { <p>{move || reason.in_language(language.get()).to_owned()}</p> }.into_any(),
        Ok((policy_id, progress)) => {
            let policy =
                embedded_policies().iter().find(|p| p.id == policy_id).expect("the policy was found");
            let package = policy.inspanningspakket.as_ref().expect("the policy has a package");
            view! {
                <ProgressView progress=progress.clone()/>
                {progress.complete.then(|| view! {
                    <div class="card" role="status">
                        <p><strong>{tr(
                            "Alles gedaan! Maak nu een afspraak voor het rechtmatigheidsgesprek.",
                            "All done! Now make an appointment for the eligibility interview.",
                        )}</strong></p>
                        <a class="button" href="/afspraken">{tr("Afspraak maken", "Make an appointment")}</a>
                    </div>
                })}
                {progress.education.is_some().then(|| view! { <EducationForm client_id=client.get_value()/> })}
                <ApplicationForm client_id=client.get_value()/>
                <ApplicationList client_id=client.get_value()/>
                <AgencyForm client_id=client.get_value()/>
                <DocumentChecklist client_id=client.get_value() documents=package.documents.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <h1>{tr("Inspanningspakket", "Job search tasks")}</h1>
        <p>{tr(
            "Dit doet u voordat de gemeente beslist over uw uitkering. Alles wat u hier invult, wordt meteen bewaard, ook zonder internet.",
            "You do this before the municipality decides about your benefit. Everything you fill in here is saved at once, also offline.",
        )}</p>
        {content}
    }
}
