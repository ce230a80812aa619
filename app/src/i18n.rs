//! The language of the interface: Dutch (B1) first, English second, chosen by the user.
//!
//! The choice is a signal in context ([`provide_language`] in `App`, [`use_language`] anywhere below),
//! set on `<html lang>`. Once someone switches, it is remembered on this device in `localStorage`
//! (key [`STORAGE_KEY`]: only "nl" or "en", no personal data; the session itself is never there).
//! Switching re-renders every text at once: no reload, nothing typed is lost (form state lives in
//! signals, not in the texts).
//!
//! The convention: both languages stand side by side where the text is used, no key files.
//! - A fixed text: `{tr("Opslaan", "Save")}` in a view (also as an attribute value:
//!   `aria-label=tr("Hoofdmenu", "Main menu")`).
//! - A formatted text: a closure that matches on the language,
//!   `move || match language.get() { Language::Dutch => format!(…), Language::English => format!(…) }`.
//! - Where the language is already read: `language.pick("Ja", "Yes")` (`shared::text::Language::pick`).
//! - A text from `shared` (an [`Explanation`], with `nl` and `en`): `explanation.in_language(language.get())`.
//!   Messages kept in a signal are kept as an `Explanation`, so that they switch language too; [`say`]
//!   shows one.

use leptos::prelude::*;
pub use shared::text::{Explanation, Language};

/// Where the choice is remembered on the device.
pub const STORAGE_KEY: &str = "naar-vermogen-language";

/// Reads the remembered choice (Dutch when there is none), gives it to every component below and
/// keeps `<html lang>` in step with it.
pub fn provide_language() {
    let language = RwSignal::new(remembered().unwrap_or_default());
    provide_context(language);
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code(language.get()));
        }
    });
}

/// The user's choice: shown at once, and remembered on this device (only once someone chooses, so
/// that `localStorage` stays empty for whoever never does).
fn choose(language: RwSignal<Language>, chosen: Language) {
    language.set(chosen);
    if let Some(storage) = window().local_storage().ok().flatten() {
        // A browser that refuses storage (private mode, full) only forgets the choice.
        let _ = storage.set_item(STORAGE_KEY, code(chosen));
    }
}

/// The language of the interface, as a signal: read it in a closure to follow a switch.
pub fn use_language() -> RwSignal<Language> {
    expect_context::<RwSignal<Language>>()
}

/// A fixed text in both languages; the closure gives the one of the current language.
pub fn tr(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let language = use_language();
    move || language.get().pick(nl, en)
}

/// A message kept in a signal (an error, a notice), in the current language; nothing while there is none.
pub fn say(
    message: RwSignal<Option<Explanation>>,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let language = use_language();
    move || message.get().map(|message| message.in_language(language.get()).to_owned())
}

/// The code of a language in `lang` attributes and in the remembered choice.
pub fn code(language: Language) -> &'static str {
    match language {
        Language::Dutch => "nl",
        Language::English => "en",
    }
}

fn remembered() -> Option<Language> {
    let stored = window().local_storage().ok().flatten()?.get_item(STORAGE_KEY).ok().flatten()?;
    match stored.as_str() {
        "nl" => Some(Language::Dutch),
        "en" => Some(Language::English),
        _ => None,
    }
}

/// In the header: "English" while the app is in Dutch, "Nederlands" while it is in English, each
/// word in its own language (`lang`), so that a screen reader says it right.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = use_language();
    let other = move || match language.get() {
        Language::Dutch => Language::English,
        Language::English => Language::Dutch,
    };
    view! {
        <button type="button" class="language-switch" id="language-switch" on:click=move |_| choose(language, other())>
            <span lang=move || code(other())>
                {move || match other() {
                    Language::English => "English",
                    Language::Dutch => "Nederlands",
                }}
            </span>
        </button>
    }
}
