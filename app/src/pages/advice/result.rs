//! The route advice's outcome: eligibility with the norm, the route with its instruments and
//! deadlines, and every step of the engine's reasoning, in the language chosen.

use crate::i18n::Language;
use leptos::prelude::*;
use shared::law::advice::Evaluation;
use shared::law::eligibility::EligibilityOutcome;
use shared::law::trace::{euros_en, euros_nl};

pub fn result_view(evaluation: &Evaluation, language: Language) -> impl IntoView {
    let eligibility = &evaluation.eligibility;
    let words = |text: &shared::text::Explanation| text.in_language(language).to_owned();
    let outcome = match &eligibility.outcome {
        EligibilityOutcome::Eligible { monthly_benefit_cents } => view! {
            <p id="outcome" class="outcome outcome--yes">{match language {
                Language::Dutch => format!("Recht op bijstand: {} per maand", euros_nl(*monthly_benefit_cents)),
                Language::English => format!("Right to social assistance: {} per month", euros_en(*monthly_benefit_cents)),
            }}</p>
        }.into_any(),
        EligibilityOutcome::NotEligible { reasons } => view! {
            <p id="outcome" class="outcome outcome--no">{language.pick("Geen recht op bijstand", "No right to social assistance")}</p>
            <ul>{reasons.iter().map(|r| view! { <li>{words(r)}</li> }).collect_view()}</ul>
        }.into_any(),
        EligibilityOutcome::NeedsInformation { missing } => view! {
            <p id="outcome" class="outcome">{language.pick("Om te beslissen is nog nodig:", "To decide, we still need:")}</p>
            <ul>{missing.iter().map(|m| view! { <li>{words(&m.question)}</li> }).collect_view()}</ul>
        }.into_any(),
    };
    let advice = evaluation.advice.as_ref().map(|advice| {
        view! {
            <h3>"Route"</h3>
            <p id="route"><strong>{words(&advice.label)}</strong></p>
            <p>{words(&advice.next_step)}</p>
            <ul>
                {advice.instruments.iter().map(|i| view! {
                    <li>{match (i.max_months, language) {
                        (Some(months), Language::Dutch) => format!("{} (maximaal {months} maanden)", i.label.nl),
                        (Some(months), Language::English) => format!("{} (at most {months} months)", i.label.en),
                        (None, _) => words(&i.label),
                    }}</li>
                }).collect_view()}
            </ul>
            <ul id="deadlines">
                {advice.deadlines.iter().map(|d| {
                    let label = words(&d.label);
                    let text = match (d.due, language) {
                        (Some(due), Language::Dutch) => format!("{label}: uiterlijk {due}"),
                        (Some(due), Language::English) => format!("{label}: {due} at the latest"),
                        (None, Language::Dutch) => format!("{label}: de datum volgt na de stap ervoor"),
                        (None, Language::English) => format!("{label}: the date follows after the step before"),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        }
    });
    let unavailable = evaluation.advice_unavailable.as_ref().map(|reason| view! { <p>{words(reason)}</p> });
    let steps: Vec<String> = eligibility
        .trace
        .iter()
        .chain(evaluation.advice.iter().flat_map(|a| a.trace.iter()))
        .map(|step| words(&step.explanation))
        .collect();
    view! {
        {outcome}
        {advice}
        {unavailable}
        <details>
            <summary>{language.pick("Waarom? Alle stappen", "Why? All steps")}</summary>
            <ol id="trace">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </details>
    }
}
