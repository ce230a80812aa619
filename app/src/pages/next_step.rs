//! On a client file, for the professionals: what is coming up (`shared::journey::coming_up`), and the
//! decision on the next step (`shared::journey::next_step`): the engine's advice with its reasons beside the
//! consulent's decision, which the consulent records with a reason. The outreach worker reads both;
//! nothing here is shown to trainers or policy makers (the worker never sends them these records).

use crate::auth::use_auth;
use crate::clock::today;
use crate::files_on_device::{answers_in, situation_for};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::permissions::may;
use crate::sync::use_sync;
use crate::sync_store::random_uuid;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::coming_up::{coming_up, ComingUp};
use shared::journey::next_step::{decisions_of, Decided};
use shared::law::advice::{evaluate, Evaluation};
use shared::law::calendar::Date;
use shared::law::local_time::date_in_words;
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, policy_on, PolicyProfile, RouteKind};
use shared::sync::access::{Access, Resource};
use shared::sync::merge::Replica;
use shared::sync::record::{DataClass, Owner, RecordKind, RecordRef};

/// The engine's view of a file on this device, the policy that applies, and what is coming up.
pub struct FileOutlook {
    pub evaluation: Option<Evaluation>,
    pub policy: Option<&'static PolicyProfile>,
    pub coming_up: Vec<ComingUp>,
    pub decisions: Vec<Decided>,
}

pub fn outlook_of(replica: &Replica, client_id: &str) -> FileOutlook {
    outlook_with(replica, client_id, decisions_of(replica, client_id))
}

/// The same, with the file's decisions already read (the caseload reads them for every file at once).
pub fn outlook_with(replica: &Replica, client_id: &str, decisions: Vec<Decided>) -> FileOutlook {
    let situation = situation_for(replica, client_id, &answers_in(replica, client_id));
    let Some(situation) = situation else {
        return FileOutlook { evaluation: None, policy: None, coming_up: Vec::new(), decisions };
    };
    let today = today();
    let policy = situation.municipality.as_deref().and_then(|municipality| {
        policy_on(embedded_policies(), municipality, situation.application_date.unwrap_or(today))
    });
    let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
    let instrument = decisions.first().and_then(Decided::instrument_since);
    let coming_up = coming_up(&evaluation, policy, instrument.as_ref(), today);
    FileOutlook { evaluation: Some(evaluation), policy, coming_up, decisions }
}

/// "nog 4 dagen" / "4 days left", "vandaag", "3 dagen geleden".
pub fn days_left_in_words(days: i32, language: Language) -> String {
    match (days, language) {
        (0, _) => language.pick("vandaag", "today").to_owned(),
        (1, _) => language.pick("morgen", "tomorrow").to_owned(),
        (-1, _) => language.pick("gisteren", "yesterday").to_owned(),
        (d, Language::Dutch) if d < 0 => format!("{} dagen geleden", -d),
        (d, Language::English) if d < 0 => format!("{} days ago", -d),
        (d, Language::Dutch) => format!("nog {d} dagen"),
        (d, Language::English) => format!("{d} days left"),
    }
}

/// What is coming up on this file, soonest first; what is close is marked in words, not only colour.
#[component]
pub fn ComingUpList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let items = Memo::new(move |_| sync.replica.with(|replica| outlook_of(replica, &client_id).coming_up));
    view! {
        <section class="card" aria-labelledby="coming-up-heading">
            <h2 id="coming-up-heading">{tr("Wat komt eraan", "Coming up")}</h2>
            {move || {
                let language = language.get();
                let items = items.get();
                if items.is_empty() {
                    return view! { <p>{tr("Er staan geen termijnen open.", "No time limits are open.")}</p> }.into_any();
                }
                view! {
                    <ul id="coming-up">
                        {items.into_iter().map(|item| view! {
                            <li class:soon=item.is_soon()>
                                {item.is_soon().then(|| view! { <strong>{language.pick("Let op: ", "Note: ")}</strong> })}
                                {format!(
                                    "{}: {} ({})",
                                    item.what.in_language(language),
                                    date_in_words(item.due, language),
                                    days_left_in_words(item.days_left, language)
                                )}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

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
    // What the engine advised: a route of the policy, or else the kind of advice (a crisis first,
    // more assessment), stored beside the decision.
    let advised_route_id = Memo::new(move |_| {
        outlook.with(|(advice, _, _)| {
            advice.as_ref().map(|a| a.route_id.clone().unwrap_or_else(|| a.route_kind.as_str()))
        })
    });
    let policy = move || policy_id.get().and_then(|id| embedded_policies().iter().find(|p| p.id == id));
    view! {
        <section class="card" aria-labelledby="next-step-heading">
            <h2 id="next-step-heading">{tr("De volgende stap", "The next step")}</h2>
            // On a wide screen the advice stands beside the form (`styles.css`), one column on a phone.
            <div class="advice-beside-decision">
            {move || {
                let language = language.get();
                match outlook.get().0 {
                    None => view! { <p>{tr(
                        "De app kan nog niets adviseren: vul de gemeente van het dossier in.",
                        "The app cannot advise yet: fill in the file's municipality.",
                    )}</p> }.into_any(),
                    Some(advice) => view! {
                        <div id="engine-advice">
                            <h3>{tr("Advies van de app", "The app's advice")}</h3>
                            <p><strong>{advice.label.in_language(language).to_owned()}</strong></p>
                            // At the consulent's desk the reasons stand open beside the form.
                            <details open=may_decide()>
                                <summary>{tr("Waarom?", "Why?")}</summary>
                                <ol>{advice.trace.iter().map(|step| view! { <li>{step.explanation.in_language(language).to_owned()}</li> }).collect_view()}</ol>
                            </details>
                        </div>
                    }.into_any(),
                }
            }}
            {move || match (may_decide(), policy(), advised_route_id.get()) {
                (true, Some(policy), advised_route_id) => view! {
                    <DecisionForm client_id=client.get_value() policy advised_route_id/>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            </div>
            <h3>{tr("Besluiten", "Decisions")}</h3>
            {move || {
                let language = language.get();
                let decisions = outlook.get().2;
                if decisions.is_empty() {
                    return view! { <p id="no-decisions">{tr("Er is nog geen besluit.", "There is no decision yet.")}</p> }.into_any();
                }
                let policy = policy();
                let route = |id: &Option<String>| label_of_route(policy, id.as_deref(), language);
                view! {
                    <ul id="decisions">
                        {decisions.into_iter().map(|decided| {
                            let from = decided.starts_on.map(|day| date_in_words(day, language)).unwrap_or_default();
                            let instrument = decided.instrument_id.as_deref().map(|id| label_of_instrument(policy, id, language));
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
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// A route of the policy in words; an advice that names no route is its kind in words.
fn label_of_route(policy: Option<&PolicyProfile>, id: Option<&str>, language: Language) -> String {
    let Some(id) = id else { return language.pick("geen", "none").to_owned() };
    if let Some(route) = policy.and_then(|p| p.routes.iter().find(|route| route.id == id)) {
        return route.label.in_language(language).to_owned();
    }
    RouteKind::parse(id).map_or_else(|| id.to_owned(), |kind| kind.label().in_language(language).to_owned())
}

fn label_of_instrument(policy: Option<&PolicyProfile>, id: &str, language: Language) -> String {
    policy
        .and_then(|p| p.instruments.iter().find(|instrument| instrument.id == id))
        .map_or_else(|| id.to_owned(), |instrument| instrument.label.in_language(language).to_owned())
}

/// The consulent records the decision: a route of the policy (the advised one first), an
/// instrument of that route, from which day, and why (required).
#[component]
fn DecisionForm(
    client_id: String,
    policy: &'static PolicyProfile,
    advised_route_id: Option<String>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let advised = StoredValue::new(advised_route_id.clone());
    let advised_is_a_route =
        advised_route_id.as_ref().is_some_and(|id| policy.routes.iter().any(|r| &r.id == id));
    let first_choice = if advised_is_a_route { advised_route_id.clone() } else { None };
    let route = RwSignal::new(first_choice.unwrap_or_else(|| policy.routes[0].id.clone()));
    let instrument = RwSignal::new(String::new());
    let starts_on = RwSignal::new(today().to_string());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let saved = RwSignal::new(false);
    let instruments_of_route = move || {
        policy.routes.iter().find(|r| r.id == route.get()).map(|r| r.instruments.clone()).unwrap_or_default()
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let why = reason.get_untracked().trim().to_owned();
        if why.is_empty() {
            error.set(Some(Explanation::new(
                "Schrijf op waarom u dit besluit neemt.",
                "Write down why you make this decision.",
            )));
            return;
        }
        if Date::parse_iso(&starts_on.get_untracked()).is_err() {
            error.set(Some(Explanation::new(
                "Vul in vanaf welke dag het geldt.",
                "Fill in from which day it applies.",
            )));
            return;
        }
        let record = RecordRef {
            kind: RecordKind::Decision,
            id: random_uuid(),
            owner: Owner::Client { client_id: client.get_value() },
        };
        let mut fields = vec![
            ("route_id", Value::from(route.get_untracked())),
            ("starts_on", Value::from(starts_on.get_untracked())),
            ("reason", Value::from(why)),
        ];
        if !instrument.get_untracked().is_empty() {
            fields.push(("instrument_id", Value::from(instrument.get_untracked())));
        }
        if let Some(advised) = advised.get_value() {
            fields.push(("advised_route_id", Value::from(advised)));
        }
        let changes =
            fields.into_iter().map(|(field, value)| (record.clone(), field.to_owned(), value)).collect();
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    error.set(None);
                    reason.set(String::new());
                    saved.set(true);
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form id="decision-form" on:submit=on_submit novalidate>
            <h3>{tr("Besluit vastleggen", "Record a decision")}</h3>
            <label for="decision-route">{tr("Route", "Route")}</label>
            <select id="decision-route" on:change=move |e| { route.set(event_target_value(&e)); instrument.set(String::new()); }>
                {policy.routes.iter().map(|r| {
                    let id = r.id.clone();
                    let selected = id == route.get_untracked();
                    view! { <option value=id selected=selected>{move || r.label.in_language(language.get()).to_owned()}</option> }
                }).collect_view()}
            </select>
            <label for="decision-instrument">{tr("Instrument", "Instrument")}</label>
            <select id="decision-instrument" prop:value=move || instrument.get() on:change=move |e| instrument.set(event_target_value(&e))>
                <option value="">{tr("(geen)", "(none)")}</option>
                {move || instruments_of_route().into_iter().map(|id| {
                    let label = label_of_instrument(Some(policy), &id, language.get());
                    view! { <option value=id>{label}</option> }
                }).collect_view()}
            </select>
            <label for="decision-starts-on">{tr("Vanaf", "From")}</label>
            <input id="decision-starts-on" type="date" prop:value=move || starts_on.get() on:input=move |e| starts_on.set(event_target_value(&e))/>
            <label for="decision-reason">{tr("Waarom?", "Why?")}</label>
            <textarea id="decision-reason" rows="3" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
            <p class="error" role="alert">{say(error)}</p>
            <p class="notice" role="status">{move || saved.get().then(|| language.get().pick("Het besluit is vastgelegd.", "The decision is recorded."))}</p>
            <button type="submit">{tr("Besluit vastleggen", "Record the decision")}</button>
        </form>
    }
}
