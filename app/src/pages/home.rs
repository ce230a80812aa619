//! The home screen. A client sees their own file: the name they want to be called by, saved on
//! this device first and sent when there is a connection. Staff go on to their dossiers. Whoever
//! is not logged in is invited to.

use crate::auth::{use_auth, Who};
use crate::components::audit_trail::AuditTrail;
use crate::components::preferred_name_form::PreferredNameForm;
use crate::files_on_device::{own_file, preferred_name};
use crate::i18n::{tr, use_language, Language};
use crate::screens_on_demand::{part_on_demand, ScreenNotLoaded};
use crate::storage_health::PersistenceLine;
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::role::Role;

fn welcome() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr("Welkom", "Welcome")
}

fn intro() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(
        "Hier regelt u zaken voor werk en inkomen met uw gemeente. Ook als u even geen internet heeft.",
        "Here you arrange work and income matters with your municipality. Also when you are offline for a while.",
    )
}

/// Below a client's buttons: the name they want to be called by, and who has read their file. Its
/// code is fetched on demand (`screens_on_demand`), so that the login page does not carry it.
#[leptos::wasm_split::wasm_split(own_file_details, wasm_split_path = ::leptos::wasm_split, fallible)]
fn own_file_details(client_id: String) -> Result<AnyView, ScreenNotLoaded> {
    Ok(view! {
        <PreferredNameForm client_id=client_id.clone()/>
        <AuditTrail client_id/>
    }
    .into_any())
}

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let sync = use_sync();
    let language = use_language();
    // A client's device holds only their own file.
    let file = Memo::new(move |_| {
        sync.replica.with(|replica| own_file(replica).map(|id| (id.clone(), preferred_name(replica, &id))))
    });
    // A client in a group training reads their own attendance and end goals there.
    let in_a_group = Memo::new(move |_| {
        sync.replica.with(|replica| !shared::journey::attendance::group_ids(replica).is_empty())
    });
    let content = move || match auth.who.get() {
        Who::LoggedIn { role: Role::Client, .. } => {
            client_home(file.get().map(|(_, name)| name), in_a_group, language)
        }
        Who::LoggedIn { role: Role::PolicyMaker, .. } => view! {
            <h1>{welcome()}</h1>
            <p><A href="/beleid">{tr("Naar het beleid", "Go to the policies")}</A></p>
            <p><A href="/beleid/simulatie">{tr("Naar de simulatie", "Go to the simulation")}</A></p>
        }
        .into_any(),
        Who::LoggedIn { role: Role::Trainer, .. } => view! {
            <h1>{welcome()}</h1>
            <p><A href="/groepen">{tr("Naar de groepen", "Go to the groups")}</A></p>
        }
        .into_any(),
        Who::LoggedIn { .. } => view! {
            <h1>{welcome()}</h1>
            <p><A href="/dossiers">{tr("Naar de dossiers", "Go to the files")}</A></p>
        }
        .into_any(),
        Who::Checking => view! { <h1>{welcome()}</h1> }.into_any(),
        Who::LoggedOut | Who::Expired => view! {
            <h1>{welcome()}</h1>
            <p>{intro()}</p>
            <p><A href="/inloggen">{tr("Inloggen", "Log in")}</A></p>
        }
        .into_any(),
    };
    // Fetched on demand, it comes last on the page, so that nothing moves down when it arrives.
    let own_id = Memo::new(move |_| file.with(|file| file.as_ref().map(|(id, _)| id.clone())));
    let details = move || match (auth.who.get(), own_id.get()) {
        (Who::LoggedIn { role: Role::Client, .. }, Some(client_id)) => {
            Some(part_on_demand(own_file_details(client_id)))
        }
        _ => None,
    };
    view! {
        {content}
        <PersistenceLine/>
        {details}
    }
}

/// A client's home: their name, and the way to each part of their own file (a group training's only
/// when they are in one).
fn client_home(
    file: Option<Option<String>>,
    in_a_group: Memo<bool>,
    language: RwSignal<Language>,
) -> AnyView {
    match file {
        Some(name) => view! {
            <h1>{move || match (language.get(), &name) {
                (Language::Dutch, Some(name)) => format!("Welkom, {name}"),
                (Language::English, Some(name)) => format!("Welcome, {name}"),
                (Language::Dutch, None) => "Welkom".to_owned(),
                (Language::English, None) => "Welcome".to_owned(),
            }}</h1>
            <p>{intro()}</p>
            <p><A href="/klantfoto" attr:class="button">{tr("Klantfoto invullen", "Fill in your client profile")}</A></p>
            <p><A href="/inspanningspakket" attr:class="button">{tr("Mijn inspanningspakket", "My job search tasks")}</A></p>
            {move || in_a_group.get().then(|| view! {
                <p><A href="/mijn-training" attr:class="button">{tr("Mijn training", "My training")}</A></p>
            })}
            <p><A href="/aanvraag" attr:class="button">{tr("Bijstand aanvragen", "Apply for benefit")}</A></p>
        }
        .into_any(),
        None => view! {
            <h1>{welcome()}</h1>
            <p id="no-own-file">
                {tr(
                    "Uw dossier staat nog niet op dit apparaat. Heeft u internet? Dan komt het vanzelf. Lukt het niet, bel dan uw consulent.",
                    "Your file is not on this device yet. Are you online? Then it will come by itself. If it does not, call your consultant.",
                )}
            </p>
        }
        .into_any(),
    }
}
