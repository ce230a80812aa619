//! Who is in a group (issue 6), on the group's page: the team's consulent places a client of the
//! team's caseload in a group of the team, or takes them out; trainers see the result (the names on
//! their lists), never the caseload to choose from.
//!
//! A place in a group is a synced record (`membership`, status `member` or `left`), so this works
//! offline like every other change: stored on the device at once, sent when there is a connection.
//! The worker decides again (`shared::sync::access`: only when both the file and the group are the
//! team's) and audits the write; a refusal comes back under "Niet doorgegaan" with its reason.

use crate::files_on_device::known_files;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::attendance::{group_in, Participant};
use shared::journey::group_work::{membership_candidates, membership_change, placement_done, Placement};

/// The group's participants with a button each to take them out, and the form to place a client
/// of the team's caseload in the group.
#[component]
pub fn GroupMembers(group_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let group = StoredValue::new(group_id);
    let participants = Memo::new(move |_| {
        sync.replica.with(|replica| group.with_value(|id| group_in(replica, id).participants))
    });
    // The team's files on this device that are not in the group yet: (client id, what to call them).
    let candidates = Memo::new(move |_| {
        let in_group = participants.get();
        sync.replica.with(|replica| membership_candidates(&known_files(replica), &in_group))
    });
    let chosen = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Explanation>);
    let done = RwSignal::new(None::<Explanation>);
    let place = move |client_id: String, placement: Placement, name: String| {
        let (record, field, value) = group.with_value(|id| membership_change(id, &client_id, placement));
        spawn_local(async move {
            match sync.change(record, &field, value).await {
                Ok(()) => {
                    problem.set(None);
                    chosen.set(String::new());
                    done.set(Some(placement_done(&name, placement)));
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let client_id = chosen.get_untracked();
        let Some((_, name)) =
            candidates.with_untracked(|c| c.iter().find(|(id, _)| *id == client_id).cloned())
        else {
            problem.set(Some(Explanation::new(
                "Kies eerst wie u in de groep plaatst, bij 'Cliënt'.",
                "First choose whom to place in the group, under 'Client'.",
            )));
            return;
        };
        place(client_id, Placement::Member, name);
    };
    view! {
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">{tr("Deelnemers", "Participants")}</h2>
            {move || member_list(participants.get(), language, place)}
            {add_member_form(candidates, chosen, problem, done, on_submit)}
        </section>
    }
}

/// Who is in the group, each with a button to take them out.
fn member_list(
    participants: Vec<Participant>,
    language: RwSignal<Language>,
    place: impl Fn(String, Placement, String) + Copy + Send + Sync + 'static,
) -> AnyView {
    if participants.is_empty() {
        return view! { <p id="no-members">{tr("Er staat nog niemand in deze groep.", "Nobody is in this group yet.")}</p> }.into_any();
    }
    view! {
        <ul id="members" class="member-list">
            {participants.into_iter().map(|participant| {
                let name = participant.display_name();
                let label = {
                    let name = name.clone();
                    move || match language.get() {
                        Language::Dutch => format!("{name} uit de groep halen"),
                        Language::English => format!("Take {name} out of the group"),
                    }
                };
                let client_id = participant.client_id.clone();
                view! {
                    <li>
                        <span>{name.clone()}</span>
                        <button type="button" class="secondary" on:click=move |_| place(client_id.clone(), Placement::Left, name.clone())>{label}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

/// The form to place one of the team's clients (`candidates`: id and what to call them) in the group.
fn add_member_form(
    candidates: Memo<Vec<(String, String)>>,
    chosen: RwSignal<String>,
    problem: RwSignal<Option<Explanation>>,
    done: RwSignal<Option<Explanation>>,
    on_submit: impl FnMut(SubmitEvent) + Send + 'static,
) -> impl IntoView {
    view! {
        <form id="add-member" on:submit=on_submit novalidate>
            <h3>{tr("Iemand in de groep plaatsen", "Place someone in the group")}</h3>
            <label for="member-client">{tr("Cliënt", "Client")}</label>
            <p class="hint" id="member-client-hint">{tr(
                "Uit de dossiers van uw team. De trainers zien alleen de naam en de aanwezigheid.",
                "From your team's client files. The trainers see only the name and the attendance.",
            )}</p>
            <select id="member-client" aria-describedby="member-client-hint" prop:value=move || chosen.get() on:change=move |e| chosen.set(event_target_value(&e))>
                <option value="">{tr("(kies een cliënt)", "(choose a client)")}</option>
                {move || candidates.get().into_iter().map(|(client_id, label)| view! {
                    <option value=client_id>{label}</option>
                }).collect_view()}
            </select>
            <p class="error" role="alert">{say(problem)}</p>
            <p class="notice" role="status">{say(done)}</p>
            <button type="submit">{tr("In de groep plaatsen", "Place in the group")}</button>
        </form>
    }
}
