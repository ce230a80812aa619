//! The application for benefit (aanvraag, issue 7): the client files it from the phone, or the
//! outreach worker with the client (`/aanvraag`, `/dossiers/:client_id/aanvraag`). The BSN is
//! checked with the 11-proof on the device (`shared::bsn`) before anything is stored; the aanvraag
//! is a record like every other one: saved on the device first, sent when there is a connection.
//! Once the municipality made a zaak (case) for it, its number, its status and the day it was
//! closed come back through the sync (fields only the worker writes,
//! `RecordKind::set_by_the_municipality`). The BSN itself is never shown again.

mod filed;
mod form;

use crate::auth::use_auth;
use crate::files_on_device::{own_file, NoOwnFileYet};
use crate::i18n::tr;
use crate::permissions::may;
use crate::sync::use_sync;
use filed::FiledList;
use form::AanvraagForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::sync::access::{Access, Resource};
use shared::sync::record::DataClass;

/// `/aanvraag`: the client's own.
#[component]
pub fn OwnAanvraagPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Aanvraag client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title=tr("Bijstand aanvragen", "Apply for benefit")/> }.into_any(),
    }
}

/// `/dossiers/:client_id/aanvraag`: the outreach worker (or consulent) with the client.
#[component]
pub fn DossierAanvraagPage() -> impl IntoView {
    let params = use_params_map();
    let client_id = Memo::new(move |_| params.with(|p| p.get("client_id").unwrap_or_default()));
    move || view! { <Aanvraag client_id=client_id.get()/> }
}

#[component]
fn Aanvraag(client_id: String) -> impl IntoView {
    let auth = use_auth();
    let may_file = move || may(&auth.who.get(), Resource::Data(DataClass::Details), Access::Write);
    let form_client = client_id.clone();
    view! {
        <h1>{tr("Bijstand aanvragen", "Apply for benefit")}</h1>
        <p>{tr(
            "Hier vraagt u een bijstandsuitkering aan bij uw gemeente. De gemeente maakt er een zaak van. U ziet hier het nummer en hoe ver de gemeente is.",
            "Here you apply for benefit at your municipality. The municipality makes a case of it. You see its number here and how far the municipality is.",
        )}</p>
        <FiledList client_id/>
        {move || may_file().then(|| view! { <AanvraagForm client_id=form_client.clone()/> })}
    }
}
