//! The klantfoto screens: one question per screen (crisis questions first), a progress bar, every
//! answer saved at once on the device (`sync`), resume where the client left off, and the result:
//! a radar chart of the life domains, the same scores in words, help for a crisis, and the engine's
//! advice where the policy lets the client see it.
//!
//! A client fills it in on `/klantfoto` (their own file); an outreach worker fills it in with the
//! client on `/dossiers/:client_id/klantfoto`.

use crate::auth::{use_auth, Who};
use crate::files_on_device::{answers_in, klantfoto_of, own_file, situation_for, NoOwnFileYet};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::Value;
use shared::journey::klantfoto::{history, radar_corners, Answers, KlantfotoSet, Step, FILLED_IN_WITH};
use shared::law::advice::evaluate;
use shared::law::local_time::short_date;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::role::Role;
use shared::sync::merge::FieldView;

/// `/klantfoto`: the client's own.
#[component]
pub fn OwnKlantfotoPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Klantfoto client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title=tr("Klantfoto", "Client profile")/> }.into_any(),
    }
}

/// `/dossiers/:client_id/klantfoto`: filled in with the client.
#[component]
pub fn DossierKlantfotoPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let client_id = params.with(|p| p.get("client_id").unwrap_or_default());
        view! { <Klantfoto client_id/> }
    }
}

#[component]
fn Klantfoto(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let set = KlantfotoSet::embedded();
    let steps = StoredValue::new(set.steps());
    let total = set.steps().len();
    let answers = {
        let client_id = client_id.clone();
        Memo::new(move |_| sync.replica.with(|replica| answers_in(replica, &client_id)))
    };
    // Resume where the client left off.
    let step = RwSignal::new(set.first_unanswered(&answers.get_untracked()));
    let save_error = RwSignal::new(None::<Explanation>);
    // Changing one answer from the overview: then the way on leads back to the overview.
    let changing_one = RwSignal::new(false);

    let record = StoredValue::new(klantfoto_of(&client_id));
    let auth = use_auth();
    let answer = move |field: String, value: Value| {
        let record = record.get_value();
        let mut changes = vec![(record.clone(), field, value)];
        // A professional answering on this device fills it in together with the client: say who.
        if let Who::LoggedIn { subject, role } = auth.who.get_untracked() {
            if role != Role::Client {
                changes.push((record, FILLED_IN_WITH.to_owned(), Value::from(subject)));
            }
        }
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => save_error.set(None),
                Err(reason) => save_error.set(Some(reason)),
            }
        });
    };
    let position = move |current: Step| steps.with_value(|steps| steps.iter().position(|s| *s == current));
    let go = move |offset: isize| {
        let next = steps.with_value(|steps| match position(step.get_untracked()) {
            Some(i) => {
                i.checked_add_signed(offset).and_then(|j| steps.get(j).copied()).unwrap_or(Step::Summary)
            }
            None if offset < 0 => *steps.last().expect("there are questions"),
            None => Step::Summary,
        });
        step.set(next);
    };

    let screen = {
        let client_id = client_id.clone();
        move || match step.get() {
            Step::Crisis(i) => {
                let language = language.get();
                let crisis = &set.crises[i];
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
            Step::Domain(i) => {
                let language = language.get();
                let domain = &set.domains[i];
                let given = answers.with(|a| a.scores.get(&domain.id).copied());
                let options = (1..=5u8)
                    .map(|score| {
                        let id = domain.id.clone();
                        let words = set
                            .scale_words(score)
                            .map(|w| w.in_language(language).to_owned())
                            .unwrap_or_default();
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
            Step::Summary => {
                view! { <KlantfotoResult client_id=client_id.clone() answers=answers on_change=move |s| {
                    changing_one.set(true);
                    step.set(s);
                }/> }
                .into_any()
            }
        }
    };

    let progress = move || {
        let done = match step.get() {
            Step::Summary => total,
            current => position(current).unwrap_or(0) + 1,
        };
        (done, total)
    };
    view! {
        <h1>{tr("Klantfoto", "Client profile")}</h1>
        <p class="hint">{tr(
            "Uw antwoorden worden meteen bewaard, ook zonder internet. U kunt later verder gaan of iets veranderen.",
            "Your answers are saved at once, also offline. You can go on later or change something.",
        )}</p>
        {move || {
            let (done, total) = progress();
            (step.get() != Step::Summary).then(|| view! {
                <p id="klantfoto-progress-text">{move || match language.get() {
                    Language::Dutch => format!("Vraag {done} van {total}"),
                    Language::English => format!("Question {done} of {total}"),
                }}</p>
                <progress id="klantfoto-progress" max=total value=done aria-labelledby="klantfoto-progress-text"></progress>
            })
        }}
        {screen}
        <p class="error" role="alert">{say(save_error)}</p>
        {move || (step.get() != Step::Summary).then(|| view! {
            <div class="step-buttons">
                <button type="button" class="secondary" on:click=move |_| go(-1) disabled=move || position(step.get()) == Some(0)>{tr("Vorige", "Previous")}</button>
                {move || if changing_one.get() {
                    view! {
                        <button type="button" on:click=move |_| {
                            changing_one.set(false);
                            step.set(Step::Summary);
                        }>{tr("Terug naar het overzicht", "Back to the overview")}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" on:click=move |_| go(1)>{tr("Volgende", "Next")}</button> }.into_any()
                }}
            </div>
        })}
    }
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

/// The result: radar chart, the scores in words, crisis help, and the engine's advice.
#[component]
fn KlantfotoResult(
    client_id: String,
    answers: Memo<Answers>,
    on_change: impl Fn(Step) + Copy + 'static,
) -> impl IntoView {
    let set = KlantfotoSet::embedded();
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    let over_time = view! { <KlantfotoOverTime client_id=client_id.clone()/> };
    let record = klantfoto_of(&client_id);
    let crises = move || {
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
    };
    let words = move || {
        let language = language.get();
        answers.with(|a| {
            let summary = set.summary(a);
            let names = |domains: &[&shared::journey::klantfoto::LifeDomain]| {
                domains.iter().map(|d| d.name.in_language(language)).collect::<Vec<_>>().join(", ")
            };
            let line = |nl: &str, en: &str, domains: &[&shared::journey::klantfoto::LifeDomain]| {
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
    };
    let advice = move || {
        let answers = answers.get();
        let situation = sync.replica.with(|replica| situation_for(replica, &client_id, &answers))?;
        let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
        let advice = evaluation.advice?;
        let is_client = matches!(auth.who.get(), Who::LoggedIn { role: Role::Client, .. });
        if is_client && !advice.show_to_client {
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
    };
    let together = move || {
        let with = sync.replica.with(|replica| match replica.view(&record, FILLED_IN_WITH) {
            Some(FieldView::Value(Value::String(subject))) => Some(subject),
            _ => None,
        })?;
        Some(view! {
            <p id="filled-in-together">{move || match language.get() {
                Language::Dutch => format!("Samen ingevuld met {with}."),
                Language::English => format!("Filled in together with {with}."),
            }}</p>
        })
    };
    view! {
        <h2>{tr("Uw klantfoto", "Your client profile")}</h2>
        {together}
        {crises}
        <RadarChart answers/>
        {words}
        {advice}
        {over_time}
        <h2>{tr("Antwoorden veranderen", "Change answers")}</h2>
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
        <p><A href="/">{tr("Klaar", "Done")}</A></p>
    }
}

/// The klantfoto over time: one column per day on which an answer changed (the latest four), one
/// row per life domain, so a client and their caseworkers see what got better or worse. Earlier
/// answers are kept in the log; nothing is shown until there is more than one day.
#[component]
pub fn KlantfotoOverTime(client_id: String) -> impl IntoView {
    const DAYS_SHOWN: usize = 4;
    let set = KlantfotoSet::embedded();
    let sync = use_sync();
    let language = use_language();
    let record = klantfoto_of(&client_id);
    let snapshots = Memo::new(move |_| {
        sync.klantfoto_log.with(|log| {
            let answers: Vec<_> = log.values().filter(|op| op.record == record).cloned().collect();
            let history = history(set, &answers);
            history[history.len().saturating_sub(DAYS_SHOWN)..].to_vec()
        })
    });
    move || {
        let snapshots = snapshots.get();
        (snapshots.len() > 1).then(|| {
            let language = language.get();
            let score_in_words = |score: Option<&u8>| match score {
                Some(score) => score.to_string(),
                None => "–".to_owned(),
            };
            view! {
                <div class="card">
                    <h2 id="over-time-heading">{tr("Door de tijd", "Over time")}</h2>
                    <div class="table-scroll" role="region" aria-labelledby="over-time-heading" tabindex="0">
                        <table id="klantfoto-over-time">
                            <caption>{tr(
                                "Scores van 1 (het gaat nu echt mis) tot 5 (het lukt goed zelf), per dag dat er iets veranderde.",
                                "Scores from 1 (things are going badly wrong) to 5 (I manage well on my own), per day something changed.",
                            )}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr("Leefgebied", "Life domain")}</th>
                                    {snapshots.iter().map(|snapshot| view! {
                                        <th scope="col">{short_date(snapshot.date, language)}</th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {set.domains.iter().map(|domain| view! {
                                    <tr>
                                        <th scope="row">{domain.name.in_language(language).to_owned()}</th>
                                        {snapshots.iter().map(|snapshot| view! {
                                            <td>{score_in_words(snapshot.answers.scores.get(&domain.id))}</td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        })
    }
}

/// The radar chart of the life domains: a shape with one spoke per domain, labelled with the
/// domain's name and the score as a number, so that nothing depends on colour. Screen readers get
/// the same scores as a list (`klantfoto-summary` and the list of answers).
#[component]
fn RadarChart(answers: Memo<Answers>) -> impl IntoView {
    const SIZE: f64 = 320.0;
    const CENTER: f64 = SIZE / 2.0;
    const RADIUS: f64 = 105.0;
    let set = KlantfotoSet::embedded();
    let language = use_language();
    let scores = move || {
        answers.with(|a| set.domains.iter().map(|d| a.scores.get(&d.id).copied()).collect::<Vec<_>>())
    };
    let rings = (1..=5u8)
        .map(|level| {
            let ring = radar_corners(&vec![Some(level); set.domains.len()], CENTER, RADIUS);
            view! { <polygon class="radar-ring" points=points(&ring)/> }
        })
        .collect_view();
    let spokes = radar_corners(&vec![Some(5); set.domains.len()], CENTER, RADIUS);
    let labels = radar_corners(&vec![Some(5); set.domains.len()], CENTER, RADIUS + 28.0);
    let description = move || {
        let language = language.get();
        let parts: Vec<String> = set
            .domains
            .iter()
            .zip(scores())
            .map(|(d, s)| {
                let name = d.name.in_language(language);
                match (s, language) {
                    (Some(s), Language::Dutch) => format!("{name} {s} van 5"),
                    (Some(s), Language::English) => format!("{name} {s} of 5"),
                    (None, Language::Dutch) => format!("{name} niet ingevuld"),
                    (None, Language::English) => format!("{name} not filled in"),
                }
            })
            .collect();
        match language {
            Language::Dutch => format!("Spinnenweb van uw klantfoto: {}.", parts.join(", ")),
            Language::English => format!("Spider chart of your client profile: {}.", parts.join(", ")),
        }
    };
    view! {
        <svg class="radar" viewBox=format!("-75 -5 {} {}", SIZE + 150.0, SIZE + 20.0) role="img" aria-labelledby="radar-title">
            <title id="radar-title">{description}</title>
            {rings}
            {spokes.iter().map(|(x, y)| view! { <line class="radar-spoke" x1=CENTER y1=CENTER x2=*x y2=*y/> }).collect_view()}
            <polygon class="radar-shape" points=move || points(&radar_corners(&scores(), CENTER, RADIUS))/>
            {set.domains.iter().zip(labels).enumerate().map(|(i, (domain, (x, y)))| {
                let score = move || scores()[i].map_or("–".to_owned(), |s| s.to_string());
                let lines = move || label_lines(domain.name.in_language(language.get()));
                // Labels left of the centre end at their spoke, those right of it start there, so
                // that neighbours at the bottom do not run into each other.
                let anchor = if x < CENTER - 10.0 { "end" } else if x > CENTER + 10.0 { "start" } else { "middle" };
                view! {
                    <text class="radar-label" x=x y=y text-anchor=anchor>
                        {move || lines().0}
                        // A second line starts under the first; a one-line name keeps its score beside it.
                        <tspan
                            x=move || (!lines().1.is_empty()).then_some(x)
                            dy=move || (!lines().1.is_empty()).then_some("1.1em")
                        >
                            {move || lines().1}
                            " "
                            <tspan class="radar-score">{score}</tspan>
                        </tspan>
                    </text>
                }
            }).collect_view()}
        </svg>
    }
}

/// A domain's name on one or two lines: names longer than 12 characters break at the space
/// nearest their middle.
fn label_lines(name: &str) -> (String, String) {
    const ONE_LINE: usize = 12;
    if name.chars().count() <= ONE_LINE {
        return (name.to_owned(), String::new());
    }
    let middle = name.len() / 2;
    let split = name.match_indices(' ').map(|(at, _)| at).min_by_key(|at| at.abs_diff(middle));
    match split {
        Some(at) => (name[..at].to_owned(), name[at + 1..].to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

fn points(corners: &[(f64, f64)]) -> String {
    corners.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
}
