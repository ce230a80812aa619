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
//!
//! The pages are here; beside them: the schedule form (`schedule_form.rs`), the figures per session
//! and per participant (`figures.rs`), the signals (`signals.rs`), the end goals (`end_goals.rs`),
//! the session page (`session.rs`) with one row per participant (`attendance_row.rs`). What the
//! forms write is `shared::journey::group_work`.

mod attendance_row;
mod end_goals;
mod figures;
mod schedule_form;
mod session;
mod signals;

// Other pages and the router name these here (the session page: the staff app's router only).
#[cfg_attr(not(feature = "staff"), allow(unused_imports))]
pub use session::SessionPage;
pub use signals::{ClientAttendanceSignals, SignalList};

use crate::auth::{use_auth, Who};
use crate::i18n::{tr, use_language, Language};
use crate::pages::group_members::GroupMembers;
use crate::permissions::may;
use crate::sync::use_sync;
use end_goals::EndGoals;
use figures::{ParticipantTable, ScheduleTable};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use schedule_form::ScheduleForm;
use shared::journey::attendance::{group_ids, group_in, Group, Session};
use shared::law::local_time::LocalDateTime;
use shared::role::Role;
use shared::sync::access::{Access, Resource};
use shared::sync::merge::Replica;
use shared::sync::record::DataClass;

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

/// Is the group one of the signed-in person's own (`shared::journey::group_work::is_own_group`)?
fn is_own_group(who: &Who, replica: &Replica, group_id: &str) -> bool {
    let is_trainer = matches!(who, Who::LoggedIn { role: Role::Trainer, .. });
    shared::journey::group_work::is_own_group(is_trainer, replica, group_id)
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
