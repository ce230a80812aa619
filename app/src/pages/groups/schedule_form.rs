//! The form that gives a group without sessions its schedule: a training (a programme of the
//! municipality's policy), the first day, the start time and a place. A preview says how many
//! sessions that makes and which days were moved; the changes it writes are
//! `shared::journey::group_work::schedule_changes`.

use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::group_work::schedule_changes;
use shared::journey::schedule::{all_programmes, programme_by_ref, schedule};
use shared::law::calendar::Date;
use shared::law::local_time::date_in_words;

/// Makes the group's sessions from a programme (policy data) and a start date.
#[component]
pub(super) fn ScheduleForm(group_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let programmes = all_programmes();
    let chosen =
        RwSignal::new(programmes.first().map(|(reference, _)| reference.clone()).unwrap_or_default());
    let start = RwSignal::new(String::new());
    let time = RwSignal::new(
        programmes.first().map(|(_, programme)| programme.session_starts_at.clone()).unwrap_or_default(),
    );
    let place = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let changes = match schedule_changes(
            &group_id,
            &chosen.get_untracked(),
            &start.get_untracked(),
            &time.get_untracked(),
            &place.get_untracked(),
        ) {
            Ok(changes) => changes,
            Err(why) => return problem.set(Some(why)),
        };
        problem.set(None);
        spawn_local(async move {
            if let Err(why) = sync.change_all(changes).await {
                problem.set(Some(why));
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Rooster maken", "Make the schedule")}</h2>
            <p class="hint">{tr(
                "De app maakt de dagdelen uit de training van de gemeente. Alleen op werkdagen: niet in het weekend en niet op feestdagen.",
                "The app makes the sessions from the municipality's training. On working days only: not at weekends and not on public holidays.",
            )}</p>
            <label for="programme">{tr("Training", "Training")}</label>
            <select id="programme" on:change=move |event| chosen.set(event_target_value(&event))>
                {programme_options(chosen, language)}
            </select>
            <label for="starts-on">{tr("Eerste dag", "First day")}</label>
            <input id="starts-on" type="date" prop:value=move || start.get() on:input=move |e| start.set(event_target_value(&e))/>
            <label for="starts-at">{tr("Begintijd", "Start time")}</label>
            <input id="starts-at" type="text" inputmode="numeric" autocomplete="off" prop:value=move || time.get() on:input=move |e| time.set(event_target_value(&e))/>
            <label for="session-place">{tr("Plaats (mag leeg blijven)", "Place (may stay empty)")}</label>
            <input id="session-place" type="text" autocomplete="off" prop:value=move || place.get() on:input=move |e| place.set(event_target_value(&e))/>
            {move || schedule_preview(chosen, start, language)}
            <p class="error" role="alert">{say(problem)}</p>
            <button type="submit">{tr("Maak het rooster", "Make the schedule")}</button>
        </form>
    }
}

/// Every training of every policy, with its length in weeks.
fn programme_options(chosen: RwSignal<String>, language: RwSignal<Language>) -> impl IntoView {
    all_programmes()
        .into_iter()
        .map(|(reference, programme)| {
            let selected = reference.clone();
            view! {
                <option value=reference.clone() selected=move || chosen.get() == selected>
                    {move || {
                        let language = language.get();
                        match language {
                            Language::Dutch => format!("{} ({} weken)", programme.label.nl, programme.weeks()),
                            Language::English => format!("{} ({} weeks)", programme.label.en, programme.weeks()),
                        }
                    }}
                </option>
            }
        })
        .collect_view()
}

/// How many sessions, from when to when, and which planned days were moved or left out.
fn schedule_preview(
    chosen: RwSignal<String>,
    start: RwSignal<String>,
    language: RwSignal<Language>,
) -> Option<impl IntoView> {
    let programme = programme_by_ref(&chosen.get())?;
    let start = Date::parse_iso(&start.get()).ok()?;
    let plan = schedule(programme, start);
    let language = language.get();
    let (Some(first), Some(last)) = (plan.sessions.first(), plan.sessions.last()) else { return None };
    let summary = match language {
        Language::Dutch => format!(
            "{} dagdelen, van {} tot en met {}.",
            plan.sessions.len(),
            date_in_words(first.date, language),
            date_in_words(last.date, language)
        ),
        Language::English => format!(
            "{} sessions, from {} to {}.",
            plan.sessions.len(),
            date_in_words(first.date, language),
            date_in_words(last.date, language)
        ),
    };
    Some(view! {
        <div id="schedule-preview" aria-live="polite">
            <p>{summary}</p>
            <ul>{plan.changes.into_iter().map(|change| view! { <li>{change.in_language(language).to_owned()}</li> }).collect_view()}</ul>
        </div>
    })
}
