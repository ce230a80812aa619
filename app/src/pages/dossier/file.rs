//! `/dossiers/:client_id`: one client file, for the professionals: the client's name and the name
//! they want to be called by, the klantfoto and the aanvraag filled in together, and below it each
//! part of the file that the one logged in may see.

use super::crisis_signal::CrisisSignal;
use super::held_appointments::HeldAppointments;
use super::next_step::NextStep;
use super::notes::Notes;
use super::plan_appointment::PlanAppointment;
use crate::auth::use_auth;
use crate::components::audit_trail::AuditTrail;
use crate::components::coming_up::ComingUpList;
use crate::components::klantfoto_over_time::KlantfotoOverTime;
use crate::components::preferred_name_form::PreferredNameForm;
use crate::components::progress::ProgressSummary;
use crate::files_on_device::preferred_name;
use crate::i18n::{tr, use_language};
use crate::pages::groups::ClientAttendanceSignals;
use crate::permissions::may;
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::sync::access::{Access, Resource};
use shared::sync::record::DataClass;

#[component]
pub fn DossierPage() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let params = use_params_map();
    let client_id = move || params.with(|p| p.get("client_id").unwrap_or_default());
    let heading = move || {
        sync.replica
            .with(|replica| preferred_name(replica, &client_id()))
            .unwrap_or_else(|| language.get().pick("Dossier", "Client file").to_owned())
    };
    let auth = use_auth();
    let may_see_trail = move || may(&auth.who.get(), Resource::AuditTrail, Access::Read);
    let may_keep_notes = move || may(&auth.who.get(), Resource::Data(DataClass::Notes), Access::Write);
    view! {
        <p><A href="/dossiers">{tr("← Alle dossiers", "← All client files")}</A></p>
        <h1>{heading}</h1>
        {move || view! { <PreferredNameForm client_id=client_id()/> }}
        <p><A href=move || format!("/dossiers/{}/klantfoto", client_id())>{tr("Klantfoto (samen met de cliënt)", "Client profile (together with the client)")}</A></p>
        <p><A href=move || format!("/dossiers/{}/aanvraag", client_id())>{tr("Bijstand aanvragen (samen met de cliënt)", "Apply for benefit (together with the client)")}</A></p>
        {move || may_keep_notes().then(|| view! { <CrisisSignal client_id=client_id()/> })}
        {move || view! { <ComingUpList client_id=client_id()/> }}
        {move || view! { <NextStep client_id=client_id()/> }}
        {move || view! { <ProgressSummary client_id=client_id()/> }}
        {move || view! { <ClientAttendanceSignals client_id=client_id()/> }}
        {move || view! { <KlantfotoOverTime client_id=client_id()/> }}
        {move || may_keep_notes().then(|| view! { <HeldAppointments client_id=client_id()/> })}
        {move || may_keep_notes().then(|| view! { <PlanAppointment client_id=client_id()/> })}
        {move || may_keep_notes().then(|| view! { <Notes client_id=client_id()/> })}
        {move || may_see_trail().then(|| view! { <AuditTrail client_id=client_id()/> })}
    }
}
