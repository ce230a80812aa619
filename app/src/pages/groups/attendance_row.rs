//! One participant on the session page: their name, what was marked (both answers, with what that
//! means, when the two trainers disagree) and four large buttons, the pressed one this trainer's own
//! answer (`shared::journey::group_work::own_mark`). A press is stored on the device at once.

use super::may_do;
use crate::auth::{use_auth, Who};
use crate::i18n::{say, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::attendance::{dispute_explanation, tick, Mark, Tick};
use shared::journey::group_work::{mark_change, own_mark};
use shared::sync::record::DataClass;

/// One participant: four large buttons; the pressed one is this trainer's own answer.
#[component]
pub(super) fn AttendanceRow(
    group_id: String,
    session_id: String,
    client_id: String,
    name: String,
    row: usize,
) -> impl IntoView {
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    let may_mark = may_do(DataClass::Attendance);
    let problem = RwSignal::new(None::<Explanation>);
    let ids = (group_id.clone(), session_id.clone(), client_id.clone());
    let current =
        Memo::new(move |_| sync.replica.with(|replica| tick(replica, &group_id, &session_id, &client_id)));
    let me = move || match auth.who.get() {
        Who::LoggedIn { subject, .. } => Some(subject),
        _ => None,
    };
    let mine = move || own_mark(&current.get(), me().as_deref());
    let legend_id = format!("participant-{row}");
    let status_id = format!("participant-{row}-status");
    let described_by = status_id.clone();
    view! {
        <fieldset class="attendance-row" aria-describedby=described_by>
            <legend id=legend_id>{name}</legend>
            <p id=status_id class="attendance-status">{move || status_in_words(&current.get(), language.get())}</p>
            {move || may_mark().then(|| mark_buttons(&ids, mine, problem))}
            <p class="error" role="alert">{say(problem)}</p>
        </fieldset>
    }
}

/// "Te laat.", or "Niet eens: pieter: Aanwezig; sanne: Te laat. …".
fn status_in_words(tick: &Tick, language: Language) -> String {
    match tick {
        Tick::Unmarked => language.pick("Nog niet ingevuld.", "Not filled in yet.").to_owned(),
        Tick::Marked(mark) => format!("{}.", mark.label().in_language(language)),
        Tick::Disputed(answers) => {
            let said = answers
                .iter()
                .map(|(author, mark)| format!("{author}: {}", mark.label().in_language(language)))
                .collect::<Vec<_>>()
                .join("; ");
            format!(
                "{} {said}. {}",
                language.pick("Niet eens:", "Disagree:"),
                dispute_explanation().in_language(language)
            )
        }
    }
}

/// The four buttons, for whoever may mark attendance.
fn mark_buttons(
    (group_id, session_id, client_id): &(String, String, String),
    mine: impl Fn() -> Option<Mark> + Copy + Send + Sync + 'static,
    problem: RwSignal<Option<Explanation>>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    view! {
        <div class="mark-buttons">
            {Mark::ALL.into_iter().map(|mark| {
                let change = mark_change(group_id, session_id, client_id, mark);
                let on_click = move |_| {
                    let (record, field, value) = change.clone();
                    spawn_local(async move {
                        match sync.change(record, &field, value).await {
                            Ok(()) => problem.set(None),
                            Err(why) => problem.set(Some(why)),
                        }
                    });
                };
                view! {
                    <button type="button" class="mark" data-mark=mark.as_str()
                        aria-pressed=move || if mine() == Some(mark) { "true" } else { "false" }
                        on:click=on_click>
                        {move || mark.label().in_language(language.get()).to_owned()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
