//! Progress on the programme's end goals (eindtermen), per participant: a trainer chooses the level
//! of each goal, others read it. What a choice writes is `shared::journey::group_work::end_goal_change`.

use super::may_do;
use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::attendance::{progress, Group, Participant, Progress};
use shared::journey::group_work::{end_goal_change, reached_end_goals};
use shared::law::programme::{EndGoal, Programme};
use shared::sync::record::DataClass;

/// Progress on the programme's end goals, per participant: trainers choose, others read.
#[component]
pub(super) fn EndGoals(group: Group) -> impl IntoView {
    let Some(programme) = group.programme else { return ().into_any() };
    let group_id = group.id.clone();
    view! {
        <section aria-labelledby="end-goals-heading">
            <h2 id="end-goals-heading">{tr("Eindtermen", "End goals")}</h2>
            {group.participants.into_iter().enumerate().map(|(row, participant)| {
                participant_goals(programme, group_id.clone(), row, participant)
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// One participant's goals, folded: "Anna: 2 van 5 behaald".
fn participant_goals(
    programme: &'static Programme,
    group_id: String,
    row: usize,
    participant: Participant,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client_id = participant.client_id.clone();
    let reached = {
        let (group_id, client_id) = (group_id.clone(), client_id.clone());
        move || sync.replica.with(|replica| reached_end_goals(replica, &group_id, &client_id, programme))
    };
    let total = programme.end_goals.len();
    let name = participant.display_name();
    view! {
        <details class="end-goals">
            <summary>{move || match language.get() {
                Language::Dutch => format!("{name}: {} van {total} behaald", reached()),
                Language::English => format!("{name}: {} of {total} reached", reached()),
            }}</summary>
            {programme.end_goals.iter().enumerate().map(|(column, goal)| {
                goal_level(goal, format!("goal-{row}-{column}"), group_id.clone(), client_id.clone())
            }).collect_view()}
        </details>
    }
}

/// One goal's level: a choice for whoever may write end goals, a sentence for the others.
fn goal_level(goal: &'static EndGoal, id: String, group_id: String, client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let may_write = may_do(DataClass::EndGoals);
    let goal_id = goal.id.clone();
    let current = {
        let (group_id, client_id, goal_id) = (group_id.clone(), client_id.clone(), goal_id.clone());
        move || sync.replica.with(|replica| progress(replica, &group_id, &client_id, &goal_id))
    };
    let label = move || goal.label.in_language(language.get()).to_owned();
    if !may_write() {
        return view! {
            <p>
                <strong>{label}</strong>": "
                {move || current().unwrap_or(Progress::NotStarted).label().in_language(language.get()).to_owned()}
            </p>
        }
        .into_any();
    }
    let on_change = move |event| {
        let Some(level) = Progress::parse(&event_target_value(&event)) else { return };
        let (record, field, value) = end_goal_change(&group_id, &client_id, &goal_id, level);
        spawn_local(async move {
            let _ = sync.change(record, &field, value).await;
        });
    };
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id on:change=on_change>
            {Progress::ALL.into_iter().map(|level| {
                let current = current.clone();
                view! {
                    <option value=level.as_str() selected=move || current().unwrap_or(Progress::NotStarted) == level>
                        {move || level.label().in_language(language.get()).to_owned()}
                    </option>
                }
            }).collect_view()}
        </select>
    }
    .into_any()
}
