//! One klantfoto question per screen: a crisis question (yes or no, with help at once for a "no")
//! or a life domain (a score of 1 to 5 with its words). Choosing an answer saves it at once. Built
//! inside the screen's reactive closure, so that they follow the answers and the language.

use crate::i18n::{tr, use_language};
use leptos::prelude::*;
use serde_json::Value;
use shared::journey::klantfoto::{Answers, KlantfotoSet};

/// Crisis question `index` of the set, with help and a number to call when the answer is "no".
pub fn crisis_question(
    index: usize,
    answers: Memo<Answers>,
    answer: impl Fn(String, Value) + Copy + Send + Sync + 'static,
) -> AnyView {
    let language = use_language().get();
    let crisis = &KlantfotoSet::embedded().crises[index];
    let given = answers.with(|a| a.crisis.get(&crisis.id).copied());
    let id = StoredValue::new(crisis.id.clone());
    let choose = move |value: bool| answer(id.get_value(), Value::Bool(value));
    view! {
        <fieldset class="question">
            <legend><h2>{crisis.question.in_language(language).to_owned()}</h2></legend>
            <Choice name="crisis" label=language.pick("Ja", "Yes").to_owned() checked=given == Some(true) on_choose=move || choose(true)/>
            <Choice name="crisis" label=language.pick("Nee", "No").to_owned() checked=given == Some(false) on_choose=move || choose(false)/>
        </fieldset>
        {(given == Some(false)).then(|| view! {
            <div class="crisis-help" role="alert">
                <p><strong>{tr("Wat kunt u nu doen?", "What can you do now?")}</strong></p>
                <p>{crisis.help.in_language(language).to_owned()}</p>
                <a class="button" href=format!("tel:{}", crisis.call.number)>{crisis.call.label.in_language(language).to_owned()}</a>
            </div>
        })}
    }
    .into_any()
}

/// Life domain `index` of the set: its name, its question, and the scores 1 to 5 with their words.
pub fn domain_question(
    index: usize,
    answers: Memo<Answers>,
    answer: impl Fn(String, Value) + Copy + Send + Sync + 'static,
) -> AnyView {
    let language = use_language().get();
    let set = KlantfotoSet::embedded();
    let domain = &set.domains[index];
    let given = answers.with(|a| a.scores.get(&domain.id).copied());
    let options = (1..=5u8)
        .map(|score| {
            let id = domain.id.clone();
            let words =
                set.scale_words(score).map(|w| w.in_language(language).to_owned()).unwrap_or_default();
            view! {
                <Choice
                    name="score"
                    label=format!("{score}. {words}")
                    checked=given == Some(score)
                    on_choose=move || answer(id.clone(), Value::from(score))
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="question">
            <legend>
                <h2>{domain.name.in_language(language).to_owned()}</h2>
                <span class="question-text">{domain.question.in_language(language).to_owned()}</span>
            </legend>
            {options}
        </fieldset>
    }
    .into_any()
}

/// One answer option: a large radio button with its words; choosing it saves at once.
#[component]
fn Choice(name: &'static str, label: String, checked: bool, on_choose: impl Fn() + 'static) -> impl IntoView {
    view! {
        <label class="choice">
            <input type="radio" name=name prop:checked=checked on:change=move |_| on_choose()/>
            <span>{label}</span>
        </label>
    }
}
