//! For policy makers (and anyone curious: policies hold no personal data): the municipalities'
//! policies in words (`/beleid`, `/beleid/:policy_id`), and the engine's simulation of an anonymous
//! caseload under every policy, as a table and a chart (`/beleid/simulatie`). Everything runs on
//! the device, also offline: the policies are built into the app, the simulation is
//! `shared::law::simulation`, the made-up caseload `shared::journey::synthetic_caseload`, a pasted or chosen
//! caseload file is read by `shared::law::caseload`. Nothing is sent anywhere.
//!
//! The pages are here; what they show is beside them: one policy in words (`profile.rs`, its
//! sentences in `rule_words.rs`), the simulation's form (`simulation_form.rs`), its outcome as a
//! table (`comparison.rs`) and as a chart (`chart.rs`).

mod chart;
mod comparison;
mod profile;
mod rule_words;
mod simulation_form;

use crate::auth::{use_auth, Who};
use crate::clock::today;
use crate::i18n::{tr, use_language, Language};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::law::policy::{current_version, current_versions, embedded_policies, PolicyProfile};
use shared::role::Role;
use shared::sync::access::{decide, Access, Decision, Relation, Resource};
use shared::text::Explanation;

/// In the main menu, for policy makers and consulents.
#[component]
pub fn PolicyLink() -> impl IntoView {
    let auth = use_auth();
    move || {
        matches!(auth.who.get(), Who::LoggedIn { role: Role::PolicyMaker | Role::Consulent, .. })
            .then(|| view! { <A href="/beleid">{tr("Beleid", "Policy")}</A> })
    }
}

/// May whoever uses this device read policies and simulate? `shared::sync::access` decides for a signed-in
/// person; policies and anonymous simulation hold no personal data, so they are public (like the
/// route advice) for whoever is not signed in.
fn refusal(who: &Who) -> Option<Explanation> {
    match who {
        Who::LoggedIn { role, .. } => {
            match decide(*role, Relation::default(), Resource::PoliciesAndSimulation, Access::Read) {
                Decision::Allowed => None,
                Decision::Denied(reason) => Some(reason),
            }
        }
        _ => None,
    }
}

/// The page, or the reason it may not be shown.
fn when_allowed<V: IntoView + 'static>(page: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let auth = use_auth();
    let language = use_language();
    move || match refusal(&auth.who.get()) {
        None => page().into_any(),
        Some(reason) => view! {
            <h1>{tr("Beleid", "Policy")}</h1>
            <p role="alert">{move || reason.in_language(language.get()).to_owned()}</p>
        }
        .into_any(),
    }
}

/// The version of each policy that is valid today (or its latest version).
fn current_policies() -> Vec<&'static PolicyProfile> {
    current_versions(embedded_policies(), today())
}

fn validity(policy: &PolicyProfile, language: Language) -> String {
    match (policy.valid_until, language) {
        (None, Language::Dutch) => format!("Geldig vanaf {}.", policy.valid_from),
        (None, Language::English) => format!("Valid from {}.", policy.valid_from),
        (Some(until), Language::Dutch) => format!("Geldig van {} tot {until}.", policy.valid_from),
        (Some(until), Language::English) => format!("Valid from {} until {until}.", policy.valid_from),
    }
}

/// "Bron: …" / "Source: …": where in the seed documents a rule comes from (quotes stay as written).
fn source_line(source: &str, language: Language) -> impl IntoView {
    view! { <p class="source">{language.pick("Bron: ", "Source: ")}<span class="source-text">{source.to_owned()}</span></p> }
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let language = use_language();
    when_allowed(move || {
        let language = language.get();
        view! {
            <h1>{language.pick("Beleid van de gemeenten", "The municipalities' policies")}</h1>
            <p>{language.pick(
                "Elke gemeente kiest zelf wie welke hulp krijgt. Hier leest u het beleid dat in Naar Vermogen zit, met de bron van elke regel.",
                "Each municipality chooses who gets which help. Here you read the policies that Naar Vermogen knows, with the source of every rule.",
            )}</p>
            <p><A href="/beleid/simulatie" attr:class="button">{language.pick("Simulatie: dezelfde cliënten onder elk beleid", "Simulation: the same clients under each policy")}</A></p>
            <ul class="policy-list" id="policy-list">
                {current_policies().into_iter().map(|policy| view! {
                    <li class="card">
                        <h2><A href=format!("/beleid/{}", policy.id)>{policy.name.clone()}</A></h2>
                        <p>
                            {language.pick("Gemeente: ", "Municipality: ")}
                            <span class="municipalities">{policy.municipalities.join(", ")}</span>
                        </p>
                        <p>{validity(policy, language)}</p>
                        {source_line(&policy.source, language)}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let language = use_language();
    let params = use_params_map();
    when_allowed(move || {
        let language = language.get();
        let id = params.with(|p| p.get("policy_id").unwrap_or_default());
        match current_version(embedded_policies(), &id, today()) {
            Some(policy) => profile::policy_in_words(policy, language).into_any(),
            None => view! {
                <h1>{language.pick("Dit beleid bestaat niet", "This policy does not exist")}</h1>
                <p><A href="/beleid">{language.pick("Naar alle beleid", "To all policies")}</A></p>
            }
            .into_any(),
        }
    })
}

#[component]
pub fn SimulationPage() -> impl IntoView {
    when_allowed(simulation_form::simulation_page)
}
