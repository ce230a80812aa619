//! The shell of the app: skip link, header with navigation, a warning when the device is nearly full,
//! the current page.

use crate::pages::advice::AdvicePage;
use crate::pages::home::HomePage;
use crate::storage_health::{provide_storage_health, StorageWarning};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_storage_health();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Naar de inhoud"</a>
            <header class="app-header">
                <p class="app-name">"Naar Vermogen"</p>
                <nav aria-label="Hoofdmenu">
                    <A href="/">"Start"</A>
                    <A href="/advies">"Route-advies"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <StorageWarning/>
                <Routes fallback=|| view! { <h1>"Deze pagina bestaat niet"</h1> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/advies") view=AdvicePage/>
                </Routes>
            </main>
        </Router>
    }
}
