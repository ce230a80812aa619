//! On a client file, for the professionals: the decision on the next step
//! (`shared::journey::next_step`): the engine's advice with its reasons beside the consulent's
//! decision form, and the decisions so far. The outreach worker reads both; nothing here is shown to
//! trainers or policy makers (the worker never sends them these records).

use super::decision_form::DecisionForm;
use crate::auth::use_auth;
use crate::file_outlook::outlook_of;
use crate::i18n::{tr, use_language, Language};
use crate::permissions::may;
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::next_step::{advised_route_id, instrument_label, route_label, Decided};
use shared::law::advice::RouteAdvice;
use shared::law::local_time::date_in_words;
use shared::law::policy::{embedded_policies, PolicyProfile};
use shared::sync::access::{Access, Resource};
use shared::sync::record::DataClass;

/// The engine's advice and the consulent's decisions on the next step.
#[component]
pub fn NextStep(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let outlook = Memo::new(move |_| {
        sync.replica.with(|replica| {
            let outlook = client.with_value(|id| outlook_of(replica, id));
            (
                outlook.evaluation.and_then(|e| e.advice),
                outlook.policy.map(|p| p.id.clone()),
                outlook.decisions,
            )
        })
    });
    let may_decide = move || may(&auth.who.get(), Resource::Data(DataClass::Decisions), Access::Write);
    // Memos, so that a new decision (which changes the outlook) leaves the form and its message be.
    let policy_id = Memo::new(move |_| outlook.with(|(_, policy_id, _)| policy_id.clone()));
    let advised_route_id =
        Memo::new(move |_| outlook.with(|(advice, _, _)| advice.as_ref().map(advised_route_id)));
    let policy = move || policy_id.get().and_then(|id| embedded_policies().iter().find(|p| p.id == id));
    view! {
        <section class="card" aria-labelledby="next-step-heading">
            <h2 id="next-step-heading">{tr("De volgende stap", "The next step")}</h2>
            // On a wide screen the advice stands beside the form (`styles.css`), one column on a phone.
            <div class="advice-beside-decision">
            {move || engine_advice(outlook.get().0, may_decide(), language.get())}
            {move || match (may_decide(), policy(), advised_route_id.get()) {
                (true, Some(policy), advised_route_id) => view! {
                    <DecisionForm client_id=client.get_value() policy advised_route_id/>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            </div>
            <h3>{tr("Besluiten", "Decisions")}</h3>
            {move || decision_list(outlook.get().2, policy(), language.get())}
        </section>
    }
}

/// What the engine advises, with its reasons (open at the consulent's desk, beside the form).
fn engine_advice(advice: Option<RouteAdvice>, may_decide: bool, language: Language) -> AnyView {
    match advice {
        None => view! { <p>{tr(
            "De app kan nog niets adviseren: vul de gemeente van het dossier in.",
            "The app cannot advise yet: fill in the file's municipality.",
        )}</p> }.into_any(),
        Some(advice) => view! {
            <div id="engine-advice">
                <h3>{tr("Advies van de app", "The app's advice")}</h3>
                <p><strong>{advice.label.in_language(language).to_owned()}</strong></p>
                // At the consulent's desk the reasons stand open beside the form.
                <details open=may_decide>
                    <summary>{tr("Waarom?", "Why?")}</summary>
                    <ol>{advice.trace.iter().map(|step| view! { <li>{step.explanation.in_language(language).to_owned()}</li> }).collect_view()}</ol>
                </details>
            </div>
        }.into_any(),
    }
}

/// The decisions so far, newest first, each with the app's advice at the time.
fn decision_list(decisions: Vec<Decided>, policy: Option<&PolicyProfile>, language: Language) -> AnyView {
    if decisions.is_empty() {
        return view! { <p id="no-decisions">{tr("Er is nog geen besluit.", "There is no decision yet.")}</p> }.into_any();
    }
    view! {
        <ul id="decisions">
            {decisions.into_iter().map(|decided| decision_item(decided, policy, language)).collect_view()}
        </ul>
    }
    .into_any()
}

fn decision_item(decided: Decided, policy: Option<&PolicyProfile>, language: Language) -> impl IntoView {
    let route = |id: &Option<String>| route_label(policy, id.as_deref(), language);
    let from = decided.starts_on.map(|day| date_in_words(day, language)).unwrap_or_default();
    let instrument = decided.instrument_id.as_deref().map(|id| instrument_label(policy, id, language));
    view! {
        <li>
            <p><strong>{route(&decided.route_id)}</strong>
                {instrument.map(|label| format!(" · {label}"))}
                {(!from.is_empty()).then(|| format!(" · {} {from}", language.pick("vanaf", "from")))}
            </p>
            <p>{format!("{}: {}", language.pick("Reden", "Reason"), decided.reason)}</p>
            <p class="hint">{match language {
                Language::Dutch => format!("Besloten door {}. Advies van de app: {}.", decided.by, route(&decided.advised_route_id)),
                Language::English => format!("Decided by {}. The app's advice: {}.", decided.by, route(&decided.advised_route_id)),
            }}
            {decided.differs_from_advice().then(|| language.pick(" Dit besluit wijkt af van het advies.", " This decision differs from the advice."))}
            </p>
        </li>
    }
}
