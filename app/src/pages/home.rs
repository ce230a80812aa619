//! The home screen. A client sees their own file: the name they want to be called by, saved on
//! this device first and sent when there is a connection. Staff go on to their dossiers. Whoever
//! is not logged in is invited to.

use crate::auth::{use_auth, Who};
use crate::pages::dossier::{own_file, preferred_name, AuditTrail, PreferredNameForm};
use crate::storage_health::PersistenceLine;
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::role::Role;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let sync = use_sync();
    // A client's device holds only their own file.
    let file = Memo::new(move |_| {
        sync.replica.with(|replica| own_file(replica).map(|id| (id.clone(), preferred_name(replica, &id))))
    });
    let content = move || {
        match auth.who.get() {
        Who::LoggedIn { role: Role::Client, .. } => match file.get() {
            Some((client_id, name)) => view! {
                <h1>{name.map_or_else(|| "Welkom".to_owned(), |name| format!("Welkom, {name}"))}</h1>
                <p>"Hier regelt u zaken voor werk en inkomen met uw gemeente. Ook als u even geen internet heeft."</p>
                <p><A href="/klantfoto" attr:class="button">"Klantfoto invullen"</A></p>
                <p><A href="/inspanningspakket" attr:class="button">"Mijn inspanningspakket"</A></p>
                <PreferredNameForm client_id=client_id.clone()/>
                <AuditTrail client_id/>
            }
            .into_any(),
            None => view! {
                <h1>"Welkom"</h1>
                <p id="no-own-file">
                    "Uw dossier staat nog niet op dit apparaat. Heeft u internet? Dan komt het vanzelf. Lukt het niet, bel dan uw consulent."
                </p>
            }
            .into_any(),
        },
        Who::LoggedIn { .. } => view! {
            <h1>"Welkom"</h1>
            <p><A href="/dossiers">"Naar de dossiers"</A></p>
        }
        .into_any(),
        Who::Checking => view! { <h1>"Welkom"</h1> }.into_any(),
        Who::LoggedOut | Who::Expired => view! {
            <h1>"Welkom"</h1>
            <p>"Hier regelt u zaken voor werk en inkomen met uw gemeente. Ook als u even geen internet heeft."</p>
            <p><A href="/inloggen">"Inloggen"</A></p>
        }
        .into_any(),
    }
    };
    view! {
        {content}
        <PersistenceLine/>
    }
}
