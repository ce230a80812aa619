//! The consulent records the decision on the next step: a route of the policy (the advised one
//! first), an instrument of that route, from which day, and why (required). What it offers, checks
//! and writes is `shared::journey::next_step`; the engine's advice beside it is the worker's to add
//! (`worker/src/engine_advice.rs`).

use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation};
use crate::new_record::{changes_in, new_record};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::next_step::{
    decision_fields, first_route_choice, instrument_label, instruments_of_route, DecisionDraft,
};
use shared::law::policy::PolicyProfile;
use shared::sync::record::RecordKind;

/// The consulent records the decision: a route of the policy (the advised one first), an
/// instrument of that route, from which day, and why (required).
#[component]
pub fn DecisionForm(
    client_id: String,
    policy: &'static PolicyProfile,
    advised_route_id: Option<String>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let route = RwSignal::new(first_route_choice(policy, advised_route_id.as_deref()));
    let instrument = RwSignal::new(String::new());
    let starts_on = RwSignal::new(today().to_string());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let saved = RwSignal::new(false);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let draft = DecisionDraft {
            route_id: route.get_untracked(),
            instrument_id: instrument.get_untracked(),
            starts_on: starts_on.get_untracked(),
            reason: reason.get_untracked(),
        };
        let fields = match decision_fields(&draft) {
            Ok(fields) => fields,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let changes = changes_in(&new_record(RecordKind::Decision, &client.get_value()), fields);
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
            <RouteAndInstrument policy route instrument/>
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

/// The route of the policy and an instrument of that route (none when the route changes).
#[component]
fn RouteAndInstrument(
    policy: &'static PolicyProfile,
    route: RwSignal<String>,
    instrument: RwSignal<String>,
) -> impl IntoView {
    let language = use_language();
    view! {
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
            {move || instruments_of_route(policy, &route.get()).into_iter().map(|id| {
                let label = instrument_label(Some(policy), &id, language.get());
                view! { <option value=id>{label}</option> }
            }).collect_view()}
        </select>
    }
}
