//! Group work (issue 6), for trainers on a tablet or phone and for the team's consulent:
//! - `/groepen`: the groups on this device (a trainer's: the groups they run);
//! - `/groepen/:group_id`: the schedule (made here from the group's programme), no-show per session
//!   and per participant, the signals for the consulent, and progress on the end goals (eindtermen);
//! - `/groepen/:group_id/sessies/:session_id`: attendance in a few taps, one row per participant
//!   with four large buttons, offline too (`Sync::change`). When the two trainers disagree, both
//!   answers show, with what that means, until one of them changes theirs.
//!
//! A trainer sees the names of the participants and their attendance and progress; nothing of the
//! client file (the worker never sends it; `shared::sync::access` decides). The rules (what counts as
//! no-show, when the consulent gets a signal) are in `shared::journey::attendance`.

use crate::auth::{use_auth, Who};
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::pages::group_members::GroupMembers;
use crate::permissions::may;
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::{json, Value};
use shared::journey::attendance::{
    dispute_explanation, group_ids, group_in, group_record, group_records_known, group_signals,
    participant_counts, progress, session_counts, session_id_for, session_record, tick, AttendanceSignal,
    Group, Mark, Progress, Session, Tick,
};
use shared::journey::schedule::{all_programmes, programme_by_ref, schedule};
use shared::law::calendar::Date;
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::role::Role;
use shared::sync::access::{Access, Resource};
use shared::sync::merge::Replica;
use shared::sync::record::{DataClass, RecordRef};

fn may_do(class: DataClass) -> impl Fn() -> bool + Copy {
    let auth = use_auth();
    move || may(&auth.who.get(), Resource::Data(class), Access::Write)
}

fn group_name(group: &Group, language: Language) -> String {
    group
        .name
        .clone()
        .unwrap_or_else(|| language.pick("Groep zonder naam", "Group without a name").to_owned())
}

/// "Dagdeel 3: maandag 16 november 2026, 09:30".
fn session_title(session: &Session, language: Language) -> String {
    let when = session
        .starts_at
        .as_deref()
        .and_then(LocalDateTime::parse)
        .map(|at| at.in_words(language))
        .unwrap_or_default();
    match session.number {
        Some(number) => format!("{} {number}: {when}", language.pick("Dagdeel", "Session")),
        None => when,
    }
}

/// Is the group one of the signed-in person's own? A trainer's device holds only the groups they
/// run. A consulent's holds the own records (name, schedule) of the team's groups, and of another
/// team's group only the membership of a client of the team: that group is not theirs to run.
fn is_own_group(who: &Who, replica: &Replica, group_id: &str) -> bool {
    group_records_known(replica, group_id)
        || matches!(who, Who::LoggedIn { role: Role::Trainer, .. })
            && group_ids(replica).iter().any(|id| id == group_id)
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let sync = use_sync();
    let auth = use_auth();
    let language = use_language();
    let groups = Memo::new(move |_| {
        let who = auth.who.get();
        sync.replica.with(|replica| {
            group_ids(replica)
                .into_iter()
                .filter(|id| is_own_group(&who, replica, id))
                .map(|id| group_in(replica, &id))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h1>{tr("Groepen", "Groups")}</h1>
        <p>{tr(
            "De groepen op dit apparaat. Ook zonder internet kunt u de aanwezigheid bijhouden.",
            "The groups on this device. You can keep track of attendance, also offline.",
        )}</p>
        {move || {
            let groups = groups.get();
            let language = language.get();
            if groups.is_empty() {
                view! { <p id="no-groups">{language.pick("Er staan nog geen groepen op dit apparaat.", "There are no groups on this device yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="file-list" id="group-list">
                        {groups.into_iter().map(|group| {
                            let href = format!("/groepen/{}", group.id);
                            let count = group.participants.len();
                            let about = match language {
                                Language::Dutch => format!(" ({count} deelnemers, {} dagdelen)", group.sessions.len()),
                                Language::English => format!(" ({count} participants, {} sessions)", group.sessions.len()),
                            };
                            view! { <li><A href=href>{group_name(&group, language)}</A>{about}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let params = use_params_map();
    let group_id = move || params.with(|p| p.get("group_id").unwrap_or_default());
    let group = Memo::new(move |_| sync.replica.with(|replica| group_in(replica, &group_id())));
    // Someone else's group, or one that has not arrived yet: no forms.
    let auth = use_auth();
    let known =
        Memo::new(move |_| sync.replica.with(|replica| is_own_group(&auth.who.get(), replica, &group_id())));
    let may_plan = may_do(DataClass::GroupPlanning);
    let may_place = may_do(DataClass::Membership);
    view! {
        <p><A href="/groepen">{tr("← Alle groepen", "← All groups")}</A></p>
        <h1>{move || group_name(&group.get(), language.get())}</h1>
        {move || group.get().programme.map(|programme| view! {
            <p id="group-programme">{move || programme.label.in_language(language.get()).to_owned()}</p>
        })}
        {move || (!known.get()).then(|| view! {
            <p id="group-not-here" role="alert">{tr(
                "Deze groep staat niet op dit apparaat. Het is geen groep van u of uw team, of hij is er nog niet. Heeft u internet? Dan komt een groep van u vanzelf.",
                "This group is not on this device. It is not a group of yours or your team's, or it has not arrived yet. Are you online? Then a group of yours will come by itself.",
            )}</p>
        })}
        {move || (known.get() && may_place()).then(|| view! { <GroupMembers group_id=group_id()/> })}
        {move || {
            let group = group.get();
            if !known.get() {
                ().into_any()
            } else if group.sessions.is_empty() {
                if may_plan() {
                    view! { <ScheduleForm group_id=group.id.clone()/> }.into_any()
                } else {
                    view! { <p id="no-schedule">{tr("Deze groep heeft nog geen rooster.", "This group has no schedule yet.")}</p> }.into_any()
                }
            } else {
                view! {
                    <SignalList group_id=group.id.clone()/>
                    <ScheduleTable group=group.clone()/>
                    <ParticipantTable group=group.clone()/>
                    <EndGoals group/>
                }.into_any()
            }
        }}
    }
}

/// Makes the group's sessions from a programme (policy data) and a start date.
#[component]
fn ScheduleForm(group_id: String) -> impl IntoView {
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
        let Some(programme) = programme_by_ref(&chosen.get_untracked()) else {
            problem.set(Some(Explanation::new("Kies een training.", "Choose a training.")));
            return;
        };
        let Ok(start_date) = Date::parse_iso(&start.get_untracked()) else {
            problem.set(Some(Explanation::new(
                "Vul de eerste dag van de training in.",
                "Fill in the first day of the training.",
            )));
            return;
        };
        let time_of_day = time.get_untracked();
        if !shared::formats::is_clock_time(&time_of_day) {
            problem.set(Some(Explanation::new(
                "Vul een begintijd in, bijvoorbeeld 09:30.",
                "Fill in a start time, for example 09:30.",
            )));
            return;
        }
        problem.set(None);
        let group = group_record(&group_id);
        let mut changes: Vec<(RecordRef, String, Value)> = vec![
            (group.clone(), "programme".into(), json!(chosen.get_untracked())),
            (group, "starts_on".into(), json!(start_date.to_string())),
        ];
        let place = place.get_untracked().trim().to_owned();
        for planned in schedule(programme, start_date).sessions {
            let session = session_record(&group_id, &session_id_for(&group_id, planned.number));
            changes.push((session.clone(), "number".into(), json!(planned.number)));
            changes.push((
                session.clone(),
                "starts_at".into(),
                json!(format!("{}T{time_of_day}", planned.date)),
            ));
            changes.push((session.clone(), "duration_minutes".into(), json!(programme.session_minutes)));
            if !place.is_empty() {
                changes.push((session, "place".into(), json!(place)));
            }
        }
        spawn_local(async move {
            if let Err(why) = sync.change_all(changes).await {
                problem.set(Some(why));
            }
        });
    };
    let changes_preview = move || {
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
                {programmes.into_iter().map(|(reference, programme)| {
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
                }).collect_view()}
            </select>
            <label for="starts-on">{tr("Eerste dag", "First day")}</label>
            <input id="starts-on" type="date" prop:value=move || start.get() on:input=move |e| start.set(event_target_value(&e))/>
            <label for="starts-at">{tr("Begintijd", "Start time")}</label>
            <input id="starts-at" type="text" inputmode="numeric" autocomplete="off" prop:value=move || time.get() on:input=move |e| time.set(event_target_value(&e))/>
            <label for="session-place">{tr("Plaats (mag leeg blijven)", "Place (may stay empty)")}</label>
            <input id="session-place" type="text" autocomplete="off" prop:value=move || place.get() on:input=move |e| place.set(event_target_value(&e))/>
            {changes_preview}
            <p class="error" role="alert">{say(problem)}</p>
            <button type="submit">{tr("Maak het rooster", "Make the schedule")}</button>
        </form>
    }
}

/// Said above the figures: what counts as absent, and how a disagreement counts.
fn how_we_count() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(
        "Afwezig telt afwezig met en zonder reden. Te laat telt als aanwezig. \"Niet eens\": de twee trainers gaven een ander antwoord; dat telt pas mee als zij het eens zijn.",
        "Absent counts absent with and without a reason. Late counts as there. \"Disagree\": the two trainers gave different answers; that only counts once they agree.",
    )
}

#[component]
fn ScheduleTable(group: Group) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let group = StoredValue::new(group);
    view! {
        <section aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">{tr("Rooster en afwezigheid per dagdeel", "Schedule and absence per session")}</h2>
            <p class="hint">{how_we_count()}</p>
            <div class="table-scroll" role="group" aria-labelledby="schedule-heading" tabindex="0">
                <table id="schedule" class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{tr("Dagdeel", "Session")}</th>
                            <th scope="col">{tr("Afwezig", "Absent")}</th>
                            <th scope="col">{tr("Niet eens", "Disagree")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let language = language.get();
                            sync.replica.with(|replica| {
                                group.with_value(|group| {
                                    group.sessions.iter().map(|session| {
                                        let counts = session_counts(replica, group, &session.id);
                                        let href = format!("/groepen/{}/sessies/{}", group.id, session.id);
                                        let title = session_title(session, language);
                                        view! {
                                            <tr>
                                                <th scope="row"><A href=href>{title}</A></th>
                                                <td>{counts.no_show()}</td>
                                                <td>{counts.disputed}</td>
                                            </tr>
                                        }
                                    }).collect_view()
                                })
                            })
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ParticipantTable(group: Group) -> impl IntoView {
    let sync = use_sync();
    let group = StoredValue::new(group);
    view! {
        <section aria-labelledby="participants-heading">
            <h2 id="participants-heading">{tr("Afwezigheid per deelnemer", "Absence per participant")}</h2>
            <p class="hint">{tr("Tot en met vandaag.", "Up to and including today.")}</p>
            // Scrolls sideways inside itself on a narrow phone: reachable with the keyboard.
            <div class="table-scroll" role="group" aria-labelledby="participants-heading" tabindex="0">
                <table id="participants" class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{tr("Naam", "Name")}</th>
                            <th scope="col">{tr("Afwezig", "Absent")}</th>
                            <th scope="col">{tr("Zonder reden", "Without reason")}</th>
                            <th scope="col">{tr("Te laat", "Late")}</th>
                            <th scope="col">{tr("Niet eens", "Disagree")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let today = today();
                            sync.replica.with(|replica| {
                                group.with_value(|group| {
                                    group.participants.iter().map(|participant| {
                                        let counts = participant_counts(replica, group, &participant.client_id, today);
                                        view! {
                                            <tr>
                                                <th scope="row">{participant.display_name()}</th>
                                                <td>{counts.no_show()}</td>
                                                <td>{counts.unexcused()}</td>
                                                <td>{counts.late}</td>
                                                <td>{counts.disputed}</td>
                                            </tr>
                                        }
                                    }).collect_view()
                                })
                            })
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The signals the consulent gets: participants absent without a reason as often as the policy says.
#[component]
pub fn SignalList(group_id: String) -> impl IntoView {
    let sync = use_sync();
    let signals = Memo::new(move |_| sync.replica.with(|replica| group_signals(replica, &group_id)));
    view! { <Signals signals=signals/> }
}

/// The signals about one client (for the consulent's client file): `shared::journey::attendance::attendance_signals`.
#[component]
pub fn ClientAttendanceSignals(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let signals = Memo::new(move |_| {
        sync.replica.with(|replica| shared::journey::attendance::attendance_signals(replica, &client_id))
    });
    view! { <Signals signals=signals/> }
}

#[component]
fn Signals(signals: Memo<Vec<AttendanceSignal>>) -> impl IntoView {
    let language = use_language();
    move || {
        let signals = signals.get();
        (!signals.is_empty()).then(|| {
            view! {
                <section class="card signals" aria-labelledby="signals-heading">
                    <h2 id="signals-heading">{tr("Melding aan de consulent", "Signal to the consultant")}</h2>
                    <ul id="attendance-signals">
                        {signals.into_iter().map(|signal| view! {
                            <li>{move || signal.explanation.in_language(language.get()).to_owned()}</li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Progress on the programme's end goals, per participant: trainers choose, others read.
#[component]
fn EndGoals(group: Group) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let may_write = may_do(DataClass::EndGoals);
    let Some(programme) = group.programme else { return ().into_any() };
    let group_id = group.id.clone();
    view! {
        <section aria-labelledby="end-goals-heading">
            <h2 id="end-goals-heading">{tr("Eindtermen", "End goals")}</h2>
            {group.participants.into_iter().enumerate().map(|(row, participant)| {
                let group_id = group_id.clone();
                let client_id = participant.client_id.clone();
                let reached = {
                    let (group_id, client_id) = (group_id.clone(), client_id.clone());
                    move || sync.replica.with(|replica| {
                        programme.end_goals.iter()
                            .filter(|goal| progress(replica, &group_id, &client_id, &goal.id) == Some(Progress::Reached))
                            .count()
                    })
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
                            let id = format!("goal-{row}-{column}");
                            let record = shared::journey::attendance::end_goal_record(&group_id, &client_id, &goal.id);
                            let (group_id, client_id, goal_id) = (group_id.clone(), client_id.clone(), goal.id.clone());
                            let current = move || sync.replica.with(|replica| progress(replica, &group_id, &client_id, &goal_id));
                            let label = move || goal.label.in_language(language.get()).to_owned();
                            if may_write() {
                                let on_change = move |event| {
                                    let value = event_target_value(&event);
                                    let record = record.clone();
                                    spawn_local(async move {
                                        let _ = sync.change(record, "level", json!(value)).await;
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
                                }.into_any()
                            } else {
                                view! {
                                    <p>
                                        <strong>{label}</strong>": "
                                        {move || current().unwrap_or(Progress::NotStarted).label().in_language(language.get()).to_owned()}
                                    </p>
                                }.into_any()
                            }
                        }).collect_view()}
                    </details>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
pub fn SessionPage() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let params = use_params_map();
    let group_id = move || params.with(|p| p.get("group_id").unwrap_or_default());
    let session_id = move || params.with(|p| p.get("session_id").unwrap_or_default());
    let group = Memo::new(move |_| sync.replica.with(|replica| group_in(replica, &group_id())));
    let session = move || group.get().sessions.into_iter().find(|session| session.id == session_id());
    let counts = move || sync.replica.with(|replica| session_counts(replica, &group.get(), &session_id()));
    // Two trainers tick the same session: while it is open, fetch the other's marks now and then.
    let interval = set_interval_with_handle(move || sync.sync_now(), std::time::Duration::from_secs(15)).ok();
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
    });
    view! {
        <p><A href=move || format!("/groepen/{}", group_id())>{move || match language.get() {
            Language::Dutch => format!("← {}", group_name(&group.get(), Language::Dutch)),
            Language::English => format!("← {}", group_name(&group.get(), Language::English)),
        }}</A></p>
        <h1>{move || session().map(|s| session_title(&s, language.get())).unwrap_or_else(|| language.get().pick("Dagdeel", "Session").to_owned())}</h1>
        {move || session().and_then(|s| s.place).map(|place| view! { <p id="session-place-text">{place}</p> })}
        <p id="session-counts" aria-live="polite">{move || {
            let counts = counts();
            match language.get() {
                Language::Dutch => format!(
                    "Aanwezig {}, te laat {}, afwezig {} (zonder reden {}), niet eens {}, nog niet ingevuld {}.",
                    counts.present, counts.late, counts.no_show(), counts.unexcused(), counts.disputed, counts.unmarked
                ),
                Language::English => format!(
                    "Present {}, late {}, absent {} (without reason {}), disagree {}, not filled in yet {}.",
                    counts.present, counts.late, counts.no_show(), counts.unexcused(), counts.disputed, counts.unmarked
                ),
            }
        }}</p>
        <p class="hint">{how_we_count()}</p>
        <button type="button" class="secondary" id="fetch-latest" on:click=move |_| sync.sync_now()>
            {tr("Haal de laatste stand op", "Get the latest marks")}
        </button>
        {move || {
            let group = group.get();
            let session_id = session_id();
            group.participants.into_iter().enumerate().map(|(row, participant)| {
                view! { <AttendanceRow group_id=group.id.clone() session_id=session_id.clone() client_id=participant.client_id.clone() name=participant.display_name() row/> }
            }).collect_view()
        }}
    }
}

/// One participant: four large buttons; the pressed one is this trainer's own answer.
#[component]
fn AttendanceRow(
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
    let record = shared::journey::attendance::attendance_record(&group_id, &session_id, &client_id);
    let current =
        Memo::new(move |_| sync.replica.with(|replica| tick(replica, &group_id, &session_id, &client_id)));
    let me = move || match auth.who.get() {
        Who::LoggedIn { subject, .. } => Some(subject),
        _ => None,
    };
    let mine = move || match current.get() {
        Tick::Marked(mark) => Some(mark),
        Tick::Disputed(answers) => {
            let me = me()?;
            answers.into_iter().find(|(author, _)| *author == me).map(|(_, mark)| mark)
        }
        Tick::Unmarked => None,
    };
    let legend_id = format!("participant-{row}");
    let status_id = format!("participant-{row}-status");
    let described_by = status_id.clone();
    view! {
        <fieldset class="attendance-row" aria-describedby=described_by>
            <legend id=legend_id>{name}</legend>
            <p id=status_id class="attendance-status">{move || {
                let language = language.get();
                match current.get() {
                    Tick::Unmarked => language.pick("Nog niet ingevuld.", "Not filled in yet.").to_owned(),
                    Tick::Marked(mark) => format!("{}.", mark.label().in_language(language)),
                    Tick::Disputed(answers) => {
                        let said = answers.iter()
                            .map(|(author, mark)| format!("{author}: {}", mark.label().in_language(language)))
                            .collect::<Vec<_>>()
                            .join("; ");
                        format!("{} {said}. {}", language.pick("Niet eens:", "Disagree:"), dispute_explanation().in_language(language))
                    }
                }
            }}</p>
            {move || may_mark().then(|| {
                let record = record.clone();
                view! {
                    <div class="mark-buttons">
                        {Mark::ALL.into_iter().map(|mark| {
                            let record = record.clone();
                            let on_click = move |_| {
                                let record = record.clone();
                                spawn_local(async move {
                                    match sync.change(record, "status", json!(mark.as_str())).await {
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
            })}
            <p class="error" role="alert">{say(problem)}</p>
        </fieldset>
    }
}
