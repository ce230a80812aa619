//! The route advice form's fields: a text (or date, or number), a yes/no, and a choice with
//! "I do not know" first, each with its label.

use crate::i18n::{tr, use_language};
use leptos::prelude::*;

#[component]
pub fn TextField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type=kind id=id inputmode=if kind == "number" { "numeric" } else { "text" }
                prop:value=move || value.get() on:input=move |event| value.set(event_target_value(&event))/>
        </div>
    }
}

#[component]
pub fn YesNoField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let language = use_language();
    // Rebuilt when the language changes; the chosen value is kept in `value`.
    move || {
        let options = vec![
            ("ja".to_owned(), language.get().pick("Ja", "Yes").to_owned()),
            ("nee".to_owned(), language.get().pick("Nee", "No").to_owned()),
        ];
        view! { <SelectField label id value options/> }
    }
}

#[component]
pub fn SelectField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| value.set(event_target_value(&event))>
                <option value="" selected=move || value.get().is_empty()>{tr("Weet ik niet / kies", "I do not know / choose")}</option>
                {options.into_iter().map(|(key, text)| {
                    let selected_key = key.clone();
                    view! { <option value=key selected=move || value.get() == selected_key>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
