//! The klantfoto's result: the radar chart, the scores in words, help for a crisis, the engine's
//! advice where the policy lets the client see it (`shared::journey::klantfoto::shows_advice`), the
//! klantfoto over time, and a way back to each answer.

use super::radar::RadarChart;
use crate::auth::{use_auth, Who};
use crate::components::klantfoto_over_time::KlantfotoOverTime;
use crate::files_on_device::{klantfoto_of, situation_for};
use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::journey::klantfoto::{filled_in_with, shows_advice, Answers, KlantfotoSet, LifeDomain, Step};
use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::role::Role;

/// The result: radar chart, the scores in words, crisis help, and the engine's advice.
#[component]
pub fn KlantfotoResult(
    client_id: String,
    answers: Memo<Answers>,
    on_change: impl Fn(Step) + Copy + 'static,
) -> impl IntoView {
    view! {
        <h2>{tr("Uw klantfoto", "Your client profile")}</h2>
        <FilledInTogether client_id=client_id.clone()/>
        <CrisisHelp answers/>
        <RadarChart answers/>
        <InWords answers/>
        <Advice client_id=client_id.clone() answers/>
        <KlantfotoOverTime client_id/>
        <h2>{tr("Antwoorden veranderen", "Change answers")}</h2>
        <ChangeAnswers answers on_change/>
        <p><A href="/">{tr("Klaar", "Done")}</A></p>
    }
}

/// Who the klantfoto was filled in together with, if a professional helped.
#[component]
fn FilledInTogether(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let record = klantfoto_of(&client_id);
    move || {
        let with = sync.replica.with(|replica| filled_in_with(replica, &record))?;
        Some(view! {
            <p id="filled-in-together">{move || match language.get() {
                Language::Dutch => format!("Samen ingevuld met {with}."),
                Language::English => format!("Filled in together with {with}."),
            }}</p>
        })
    }
}

/// Help for each crisis question answered "no".
#[component]
fn CrisisHelp(answers: Memo<Answers>) -> impl IntoView {
    let set = KlantfotoSet::embedded();
    let language = use_language();
    move || {
        let language = language.get();
        answers.with(|a| set.crises_needing_help(a).into_iter().cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|crisis| view! {
                <div class="crisis-help" role="alert">
                    <p>{crisis.help.in_language(language).to_owned()}</p>
                    <a class="button" href=format!("tel:{}", crisis.call.number)>{crisis.call.label.in_language(language).to_owned()}</a>
                </div>
            })
            .collect_view()
    }
}

/// The scores in words: where help is needed, what goes well, what is not filled in yet.
#[component]
fn InWords(answers: Memo<Answers>) -> impl IntoView {
    let set = KlantfotoSet::embedded();
    let language = use_language();
    move || {
        let language = language.get();
        answers.with(|a| {
            let summary = set.summary(a);
            let names = |domains: &[&LifeDomain]| {
                domains.iter().map(|d| d.name.in_language(language)).collect::<Vec<_>>().join(", ")
            };
            let line = |nl: &str, en: &str, domains: &[&LifeDomain]| {
                (!domains.is_empty()).then(|| {
                    let lead = match language {
                        Language::Dutch => nl,
                        Language::English => en,
                    };
                    view! { <li>{format!("{lead}: {}.", names(domains))}</li> }
                })
            };
            view! {
                <ul id="klantfoto-summary">
                    {line("Hier heeft u hulp nodig", "Here you need help", &summary.needs_attention)}
                    {line("Dit gaat goed", "This is going well", &summary.going_well)}
                    {line("Nog niet ingevuld", "Not filled in yet", &summary.not_answered)}
                </ul>
            }
        })
    }
}

/// The engine's advice on the next step, to a client only where the policy lets them see it.
#[component]
fn Advice(client_id: String, answers: Memo<Answers>) -> impl IntoView {
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    move || {
        let answers = answers.get();
        let situation = sync.replica.with(|replica| situation_for(replica, &client_id, &answers))?;
        let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
        let advice = evaluation.advice?;
        let is_client = matches!(auth.who.get(), Who::LoggedIn { role: Role::Client, .. });
        if !shows_advice(&advice, is_client) {
            return None;
        }
        let language = language.get();
        Some(view! {
            <section class="card" aria-labelledby="advice-heading">
                <h2 id="advice-heading">{tr("Wat is de volgende stap?", "What is the next step?")}</h2>
                <p><strong>{advice.label.in_language(language).to_owned()}</strong></p>
                <p>{advice.next_step.in_language(language).to_owned()}</p>
                <details>
                    <summary>{tr("Waarom?", "Why?")}</summary>
                    <ol>{advice.trace.iter().map(|step| view! { <li>{step.explanation.in_language(language).to_owned()}</li> }).collect_view()}</ol>
                </details>
            </section>
        })
    }
}

/// Each life domain with its score, a button to change it.
#[component]
fn ChangeAnswers(answers: Memo<Answers>, on_change: impl Fn(Step) + Copy + 'static) -> impl IntoView {
    let set = KlantfotoSet::embedded();
    let language = use_language();
    view! {
        <ul class="change-answers">
            {set.domains.iter().enumerate().map(|(i, domain)| {
                let score = move || answers.with(|a| a.scores.get(&domain.id).copied());
                view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| on_change(Step::Domain(i))>
                            {move || {
                                let name = domain.name.in_language(language.get());
                                match (score(), language.get()) {
                                    (Some(score), Language::Dutch) => format!("{name}: {score} van 5 — verander"),
                                    (Some(score), Language::English) => format!("{name}: {score} of 5 — change"),
                                    (None, Language::Dutch) => format!("{name}: nog niet ingevuld — vul in"),
                                    (None, Language::English) => format!("{name}: not filled in yet — fill in"),
                                }
                            }}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
