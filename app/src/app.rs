//! The shell of the app: skip link, header with navigation and who is logged in, a warning when
//! the device is nearly full, the current page.

use crate::auth::{log_out, provide_auth, role_in, use_auth, Who};
use crate::i18n::{provide_language, tr, use_language, Language, LanguageSwitch};
use crate::pages::appointments::provide_lost_booking_watch;
use crate::pages::home::HomePage;
// Anyone may read the policies: they hold no personal data, and they explain the engine's advice.
use crate::pages::policy::PolicyLink;
use crate::screens_on_demand::OnDemand;
use crate::service_worker::{provide_app_update, AppUpdateNotice};
use crate::storage_health::{provide_storage_health, StorageWarning};
use crate::sync::provide_sync;
use crate::sync_view::SyncStatusLine;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use leptos_router::Lazy;
use shared::role::Role;

#[component]
pub fn App() -> impl IntoView {
    provide_language();
    provide_auth();
    provide_storage_health();
    provide_sync();
    provide_lost_booking_watch();
    provide_app_update();
    view! {
        <Router>
            // `target="_self"` (the default anyway) makes the router leave this link to the browser:
            // the router would only scroll, while the browser's own jump also moves the focus to <main>.
            <a class="skip-link" href="#main" target="_self">{tr("Naar de inhoud", "Skip to content")}</a>
            <header class="app-header">
                <p class="app-name">"Naar Vermogen"</p>
                <LanguageSwitch/>
                <nav aria-label=tr("Hoofdmenu", "Main menu")>
                    <A href="/">{tr("Start", "Home")}</A>
                    <StaffLinks/>
                    <GroupLinks/>
                    <ClientLinks/>
                    <LessUsedLinks/>
                    <AccountLink/>
                </nav>
                <WhoIsLoggedIn/>
            </header>
            <SessionExpired/>
            <main id="main" tabindex="-1">
                <AppUpdateNotice/>
                <StorageWarning/>
                <SyncStatusLine/>
                <Routes fallback=|| view! { <h1>{tr("Deze pagina bestaat niet", "This page does not exist")}</h1> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/advies") view={Lazy::<OnDemand<screens::Advice>>::new()}/>
                    <Route path=path!("/dossiers") view={Lazy::<OnDemand<screens::Dossiers>>::new()}/>
                    <Route path=path!("/afspraken") view={Lazy::<OnDemand<screens::Appointments>>::new()}/>
                    <Route path=path!("/spreekuren") view={Lazy::<OnDemand<screens::ConsultationHours>>::new()}/>
                    <Route path=path!("/afspraken/:id") view={Lazy::<OnDemand<screens::Appointment>>::new()}/>
                    <Route path=path!("/dossiers/:client_id") view={Lazy::<OnDemand<screens::Dossier>>::new()}/>
                    <Route path=path!("/dossiers/:client_id/klantfoto") view={Lazy::<OnDemand<screens::DossierKlantfoto>>::new()}/>
                    <Route path=path!("/dossiers/:client_id/aanvraag") view={Lazy::<OnDemand<screens::DossierAanvraag>>::new()}/>
                    <Route path=path!("/aanvraag") view={Lazy::<OnDemand<screens::OwnAanvraag>>::new()}/>
                    <Route path=path!("/klantfoto") view={Lazy::<OnDemand<screens::OwnKlantfoto>>::new()}/>
                    <Route path=path!("/inspanningspakket") view={Lazy::<OnDemand<screens::Inspanningspakket>>::new()}/>
                    <Route path=path!("/beleid") view={Lazy::<OnDemand<screens::Policies>>::new()}/>
                    <Route path=path!("/beleid/simulatie") view={Lazy::<OnDemand<screens::Simulation>>::new()}/>
                    <Route path=path!("/beleid/:policy_id") view={Lazy::<OnDemand<screens::Policy>>::new()}/>
                    <Route path=path!("/mijn-training") view={Lazy::<OnDemand<screens::OwnGroup>>::new()}/>
                    <Route path=path!("/groepen") view={Lazy::<OnDemand<screens::Groups>>::new()}/>
                    <Route path=path!("/groepen/:group_id") view={Lazy::<OnDemand<screens::Group>>::new()}/>
                    <Route path=path!("/groepen/:group_id/sessies/:session_id") view={Lazy::<OnDemand<screens::Session>>::new()}/>
                    <Route path=path!("/gemeente-koppeling") view={Lazy::<OnDemand<screens::MunicipalOutbox>>::new()}/>
                    <Route path=path!("/inloggen") view={Lazy::<OnDemand<screens::Login>>::new()}/>
                    <Route path=path!("/login/callback") view={Lazy::<OnDemand<screens::LoginCallback>>::new()}/>
                </Routes>
            </main>
        </Router>
    }
}

/// The screens fetched when first opened (see `screens_on_demand`); the start page comes with the app.
/// Screens used together are fetched together (the second name: their group), in a few larger files
/// rather than many small ones: a client's own file, the policies, the files, the groups. The login page
/// keeps to itself, since a new phone fetches it with the app (budget: 250 KB brotli for both).
mod screens {
    use crate::screens_on_demand::screen_on_demand;

    screen_on_demand!(Advice, advice, crate::pages::advice::AdvicePage);
    screen_on_demand!(Appointments, own_file, crate::pages::appointments::AppointmentsPage);
    screen_on_demand!(Appointment, own_file, crate::pages::appointments::AppointmentPage);
    screen_on_demand!(OwnAanvraag, own_file, crate::pages::aanvraag::OwnAanvraagPage);
    screen_on_demand!(OwnKlantfoto, own_file, crate::pages::klantfoto::OwnKlantfotoPage);
    screen_on_demand!(Inspanningspakket, own_file, crate::pages::inspanningspakket::InspanningspakketPage);
    screen_on_demand!(Policies, policies, crate::pages::policy::PoliciesPage);
    screen_on_demand!(Policy, policies, crate::pages::policy::PolicyPage);
    screen_on_demand!(OwnGroup, own_file, crate::pages::own_group::OwnGroupPage);
    screen_on_demand!(Login, login, crate::pages::login::LoginPage);
    screen_on_demand!(LoginCallback, login_callback, crate::pages::login::LoginCallbackPage);

    /// The staff screens: in the staff app only (see `app_choice`).
    #[cfg(feature = "staff")]
    mod for_staff {
        use crate::screens_on_demand::screen_on_demand;
        screen_on_demand!(Dossiers, files, crate::pages::dossier::list::DossiersPage);
        screen_on_demand!(ConsultationHours, files, crate::pages::consultation_hours::ConsultationHoursPage);
        screen_on_demand!(Dossier, files, crate::pages::dossier::file::DossierPage);
        screen_on_demand!(DossierKlantfoto, files, crate::pages::klantfoto::DossierKlantfotoPage);
        screen_on_demand!(DossierAanvraag, files, crate::pages::aanvraag::DossierAanvraagPage);
        screen_on_demand!(Simulation, simulation, crate::pages::policy::SimulationPage);
        screen_on_demand!(Groups, groups, crate::pages::groups::GroupsPage);
        screen_on_demand!(Group, groups, crate::pages::groups::GroupPage);
        screen_on_demand!(Session, groups, crate::pages::groups::SessionPage);
        screen_on_demand!(
            MunicipalOutbox,
            municipal_outbox,
            crate::pages::municipal_outbox::MunicipalOutboxPage
        );
    }
    #[cfg(feature = "staff")]
    pub use for_staff::*;

    /// In the client's app, every staff address shows one screen.
    #[cfg(not(feature = "staff"))]
    mod for_clients {
        use crate::screens_on_demand::screen_on_demand;
        screen_on_demand!(OnlyForStaff, only_for_staff, crate::app::OnlyInTheStaffApp);
        pub type Dossiers = OnlyForStaff;
        pub type ConsultationHours = OnlyForStaff;
        pub type Dossier = OnlyForStaff;
        pub type DossierKlantfoto = OnlyForStaff;
        pub type DossierAanvraag = OnlyForStaff;
        pub type Simulation = OnlyForStaff;
        pub type Groups = OnlyForStaff;
        pub type Group = OnlyForStaff;
        pub type Session = OnlyForStaff;
        pub type MunicipalOutbox = OnlyForStaff;
    }
    #[cfg(not(feature = "staff"))]
    pub use for_clients::*;
}

/// Outreach workers and consulents work in client files.
#[component]
fn StaffLinks() -> impl IntoView {
    let auth = use_auth();
    move || match auth.who.get() {
        Who::LoggedIn { role: Role::OutreachWorker, .. } => {
            Some(view! { <A href="/dossiers">{tr("Dossiers", "Client files")}</A> }.into_any())
        }
        Who::LoggedIn { role: Role::Consulent, .. } => {
            Some(view! { <A href="/dossiers">{tr("Dossiers", "Client files")}</A> }.into_any())
        }
        _ => None,
    }
}

/// The links used less often. A consulent has the most of them: on a phone they fold under "Meer"
/// (a disclosure button), so that the menu keeps to two rows; on a wider screen the button is hidden
/// and the links stand in the menu like the others (`styles.css`, `.nav-more`).
#[component]
fn LessUsedLinks() -> impl IntoView {
    let auth = use_auth();
    let open = RwSignal::new(false);
    let common = || {
        view! {
            <PolicyLink/>
            <A href="/advies">{tr("Route-advies", "Route advice")}</A>
        }
    };
    move || {
        match auth.who.get() {
        Who::LoggedIn { role: Role::Consulent, .. } => view! {
            <button type="button" class="nav-more-toggle" id="nav-more-toggle" aria-controls="nav-more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|open| *open = !*open)>
                {tr("Meer", "More")}<span aria-hidden="true">{move || if open.get() { " ▴" } else { " ▾" }}</span>
            </button>
            // A click on a link closes the fold again.
            <div id="nav-more" class="nav-more" class:open=move || open.get() on:click=move |_| open.set(false)>
                <A href="/spreekuren">{tr("Spreekuren", "Consultation hours")}</A>
                <A href="/gemeente-koppeling">{tr("Koppeling gemeente", "Municipal link")}</A>
                {common()}
            </div>
        }
        .into_any(),
        _ => common().into_any(),
    }
    }
}

/// Trainers run groups; the team's consulent follows them.
#[component]
fn GroupLinks() -> impl IntoView {
    let auth = use_auth();
    move || {
        matches!(auth.who.get(), Who::LoggedIn { role: Role::Trainer | Role::Consulent, .. })
            .then(|| view! { <A href="/groepen">{tr("Groepen", "Groups")}</A> })
    }
}

/// Clients see and book their appointments.
#[component]
fn ClientLinks() -> impl IntoView {
    let auth = use_auth();
    move || {
        matches!(auth.who.get(), Who::LoggedIn { role: Role::Client, .. })
            .then(|| view! { <A href="/afspraken">{tr("Afspraken", "Appointments")}</A> })
    }
}

/// "Inloggen" when nobody is logged in, "Uitloggen" when someone is.
#[component]
fn AccountLink() -> impl IntoView {
    let auth = use_auth();
    let leaving = RwSignal::new(false);
    let on_log_out = move |_| {
        leaving.set(true);
        spawn_local(log_out());
    };
    move || match auth.who.get() {
        Who::LoggedIn { .. } => view! {
            <button type="button" class="nav-button" disabled=move || leaving.get() on:click=on_log_out>
                {tr("Uitloggen", "Log out")}
            </button>
        }
        .into_any(),
        Who::Checking => ().into_any(),
        Who::LoggedOut | Who::Expired => {
            view! { <A href="/inloggen">{tr("Inloggen", "Log in")}</A> }.into_any()
        }
    }
}

#[component]
fn WhoIsLoggedIn() -> impl IntoView {
    let auth = use_auth();
    let language = use_language();
    // The line is always there (empty until someone is logged in), so that the page below does not
    // shift down once the login check is done.
    move || {
        match auth.who.get() {
        Who::LoggedIn { subject, role } => view! {
            <p class="who" id="who-is-logged-in">
                {move || match language.get() {
                    Language::Dutch => format!("Ingelogd als {subject} ({})", role_in(role, Language::Dutch)),
                    Language::English => format!("Logged in as {subject} ({})", role_in(role, Language::English)),
                }}
            </p>
        }
        .into_any(),
        _ => view! { <p class="who" aria-hidden="true">"\u{a0}"</p> }.into_any(),
    }
    }
}

/// In the client's app, a screen for staff: staff are sent to the staff app as soon as their login
/// is known, so this is what a client, or someone not logged in, sees at such an address.
#[cfg(not(feature = "staff"))]
#[component]
fn OnlyInTheStaffApp() -> impl IntoView {
    view! {
        <h1>{tr("Deze pagina is voor medewerkers", "This page is for staff")}</h1>
        <p role="alert">
            {tr(
                "Deze pagina is alleen voor medewerkers van de gemeente. Werkt u bij de gemeente? Log dan in.",
                "This page is only for municipal staff. Do you work for the municipality? Then log in.",
            )}
        </p>
    }
}

#[component]
fn SessionExpired() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Show when=move || auth.who.get() == Who::Expired>
            <p class="session-expired" role="alert">
                {tr("Uw sessie is verlopen. Log opnieuw in. ", "Your session has ended. Please log in again. ")}
                <a href="/inloggen">{tr("Inloggen", "Log in")}</a>
            </p>
        </Show>
    }
}
