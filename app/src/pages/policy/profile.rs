//! One policy in words (`/beleid/:policy_id`): how it chooses a route, each route as a card, its
//! instruments and deadlines, the inspanningspakket and the legal advance, each with its source.

use super::rule_words::{
    band_words, deadline_words, instrument_words, rules_that_come_first, selection_words,
};
use super::{source_line, validity};
use crate::i18n::Language;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::law::policy::{Inspanningspakket, LegalAdvance, PolicyProfile, Route};
use shared::text::Explanation;

pub(super) fn policy_in_words(policy: &'static PolicyProfile, language: Language) -> impl IntoView {
    let routes = policy.routes.iter().map(|route| route_card(policy, route, language)).collect_view();
    let instruments = policy
        .instruments
        .iter()
        .map(|instrument| view! { <li>{instrument_words(instrument, language)}{source_line(&instrument.source, language)}</li> })
        .collect_view();
    let deadlines = policy
        .deadlines
        .iter()
        .map(|rule| view! { <li>{deadline_words(rule, language)}{source_line(&rule.source, language)}</li> })
        .collect_view();
    let package = policy.inspanningspakket.as_ref().map(|package| package_section(policy, package, language));
    let advance = policy.legal_advance.as_ref().map(|advance| advance_section(advance, language));
    view! {
        <h1>{policy.name.clone()}</h1>
        <p>{language.pick("Gemeente: ", "Municipality: ")}<span class="municipalities">{policy.municipalities.join(", ")}</span></p>
        <p>{validity(policy, language)}</p>
        {source_line(&policy.source, language)}
        <p>{if policy.show_advice_to_client {
            language.pick("Cliënten zien hun route-advies in hun eigen app.", "Clients see their route advice in their own app.")
        } else {
            language.pick("Cliënten zien hun route-advies niet zelf: de consulent bespreekt het met hen.", "Clients do not see their route advice themselves: the consultant discusses it with them.")
        }}</p>
        <h2>{language.pick("Hoe kiest dit beleid een route?", "How does this policy choose a route?")}</h2>
        <p id="selection-input">{selection_words(policy.selection_input, language)}</p>
        <p>{rules_that_come_first(policy.selection_input, language)}</p>
        <h2>{language.pick("Routes", "Routes")}</h2>
        {routes}
        {(!policy.instruments.is_empty()).then(|| view! {
            <h2>{language.pick("Voorzieningen en hun termijnen", "Instruments and their time limits")}</h2>
            <ul class="rules">{instruments}</ul>
        })}
        {(!policy.deadlines.is_empty()).then(|| view! {
            <h2>{language.pick("Termijnen", "Deadlines")}</h2>
            <ul class="rules" id="deadline-rules">{deadlines}</ul>
        })}
        {package}
        {advance}
        <p><A href="/beleid">{language.pick("Naar alle beleid", "To all policies")}</A></p>
        <p><A href="/beleid/simulatie">{language.pick("Naar de simulatie", "To the simulation")}</A></p>
    }
}

/// One route: for whom, what kind, what happens, with which instruments.
fn route_card(policy: &'static PolicyProfile, route: &'static Route, language: Language) -> impl IntoView {
    let words = move |text: &Explanation| text.in_language(language).to_owned();
    let instruments: Vec<String> = route
        .instruments
        .iter()
        .filter_map(|id| policy.instrument(id))
        .map(|i| instrument_words(i, language))
        .collect();
    view! {
        <section class="card route" aria-labelledby=format!("route-{}", route.id)>
            <h3 id=format!("route-{}", route.id)>{words(&route.label)}</h3>
            <p><strong>{language.pick("Voor wie: ", "Who: ")}</strong>{band_words(policy.selection_input, route.band, language)}</p>
            <p><strong>{language.pick("Soort route: ", "Kind of route: ")}</strong>{words(&route.kind.label())}</p>
            <p><strong>{language.pick("Wat er gebeurt: ", "What happens: ")}</strong>{words(&route.next_step)}</p>
            {(!instruments.is_empty()).then(|| view! {
                <p><strong>{language.pick("Voorzieningen:", "Instruments:")}</strong></p>
                <ul>{instruments.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            })}
            {source_line(&route.source, language)}
        </section>
    }
}

/// The job search tasks the policy asks, and the documents to bring.
fn package_section(
    policy: &'static PolicyProfile,
    package: &'static Inspanningspakket,
    language: Language,
) -> impl IntoView {
    let words = move |text: &Explanation| text.in_language(language).to_owned();
    let report_back = policy
        .deadlines
        .iter()
        .find(|d| d.id == package.report_back_deadline)
        .map(|d| words(&d.label))
        .unwrap_or_default();
    let education = package.look_into_education_under_age.map(|age| match language {
        Language::Dutch => format!("Wie jonger is dan {age}, kijkt ook naar een opleiding."),
        Language::English => format!("Anyone younger than {age} also looks into an education."),
    });
    view! {
        <h2>{language.pick("Inspanningspakket", "Job search tasks")}</h2>
        <ul>
            <li>{match language {
                Language::Dutch => format!("{} sollicitaties", package.applications),
                Language::English => format!("{} job applications", package.applications),
            }}</li>
            <li>{match language {
                Language::Dutch => format!("Inschrijven bij {} uitzendbureaus", package.temp_agencies),
                Language::English => format!("Register with {} temp agencies", package.temp_agencies),
            }}</li>
            <li>{report_back}</li>
            {education.map(|e| view! { <li>{e}</li> })}
        </ul>
        {(!package.documents.is_empty()).then(|| view! {
            <p>{language.pick("Bewijsstukken om mee te nemen:", "Documents to bring:")}</p>
            <ul>{package.documents.iter().map(|d| view! { <li>{words(&d.label)}</li> }).collect_view()}</ul>
        })}
        {source_line(&package.source, language)}
    }
}

/// The advance the law gives when the decision takes too long.
fn advance_section(advance: &'static LegalAdvance, language: Language) -> impl IntoView {
    view! {
        <h2>{language.pick("Wettelijk voorschot", "Legal advance")}</h2>
        <p id="legal-advance">{match language {
            Language::Dutch => format!(
                "Duurt de beslissing langer dan {} weken, dan krijgt de aanvrager een voorschot van {}% van de norm.",
                advance.after_weeks, advance.percent_of_norm
            ),
            Language::English => format!(
                "If the decision takes longer than {} weeks, the applicant gets an advance of {}% of the norm.",
                advance.after_weeks, advance.percent_of_norm
            ),
        }}</p>
        {source_line(&advance.source, language)}
    }
}
