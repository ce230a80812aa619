//! The shell of the app: skip link, header, the current page.

use crate::pages::home::HomePage;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Naar de inhoud"</a>
        <header class="app-header">
            <p class="app-name">"Naar Vermogen"</p>
        </header>
        <main id="main" tabindex="-1">
            <HomePage/>
        </main>
    }
}
