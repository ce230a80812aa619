//! `/mijn-training` (issue 6), for a client on their phone: their own group training in plain words.
//! Per group: how often they were there, late or away; every session with what the trainers marked
//! for them; how far they are with each end goal (eindterm) of the programme; and when the consulent
//! gets a signal. Offline too: it is read from the device.
//!
//! Only the client's own marks are on this device (the worker sends a client their own attendance,
//! membership and end goals, and the group's name and schedule; never other participants' names or
//! marks). When the trainers disagree on a mark, the client reads that it is being checked, not who
//! said what (`shared::journey::attendance::own_session_in_words`). What a group comes to for its
//! participant is `shared::journey::group_work::own_group`.

use crate::clock::today;
use crate::files_on_device::{own_file, NoOwnFileYet};
use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::attendance::{group_ids, group_in, Counts};
use shared::journey::group_work::own_group;

/// "U was er 5 keer. U was 1 keer te laat. …": the counts up to today, in sentences.
fn counts_in_words(counts: &Counts, language: Language) -> String {
    match language {
        Language::Dutch => format!(
            "U was er {} keer. U was {} keer te laat. U was {} keer afwezig met een reden en {} keer zonder reden.",
            counts.present, counts.late, counts.absent_with_reason, counts.absent_without_reason
        ),
        Language::English => format!(
            "You were there {} times. You were late {} times. You were absent {} times with a reason and {} times without a reason.",
            counts.present, counts.late, counts.absent_with_reason, counts.absent_without_reason
        ),
    }
}

#[component]
pub fn OwnGroupPage() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let groups = Memo::new(move |_| {
        sync.replica.with(|replica| {
            own_file(replica).map(|client_id| {
                group_ids(replica)
                    .iter()
                    .map(|group_id| own_group(replica, &group_in(replica, group_id), &client_id, today()))
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        let Some(groups) = groups.get() else {
            return view! { <NoOwnFileYet title=tr("Mijn training", "My training")/> }.into_any();
        };
        let language = language.get();
        view! {
            <h1>{language.pick("Mijn training", "My training")}</h1>
            {groups.is_empty().then(|| view! {
                <p id="no-own-group">{language.pick(
                    "U zit nog niet in een groep. Uw consulent vertelt u wanneer dat zo is.",
                    "You are not in a group yet. Your consultant will tell you when you are.",
                )}</p>
            })}
            {groups.into_iter().enumerate().map(|(number, group)| {
                let heading = format!("own-group-{number}");
                let labelled_by = heading.clone();
                view! {
                    <section class="own-group" aria-labelledby=labelled_by>
                        <h2 id=heading>{group.name.in_language(language).to_owned()}</h2>
                        <p class="own-counts">{counts_in_words(&group.counts, language)}</p>
                        {group.signal_after.map(|after| view! {
                            <p class="hint">{match language {
                                Language::Dutch => format!("Bent u {after} keer afwezig zonder reden? Dan krijgt uw consulent een bericht. Bent u ziek of kunt u niet komen? Zeg het op tijd tegen de trainer."),
                                Language::English => format!("Are you absent {after} times without a reason? Then your consultant gets a message. Are you ill or unable to come? Tell the trainer in time."),
                            }}</p>
                        })}
                        <h3>{language.pick("Uw lessen", "Your sessions")}</h3>
                        <ul class="own-sessions">
                            {group.sessions.into_iter().map(|(when, what)| view! {
                                <li><strong>{when.in_language(language).to_owned()}</strong>": "{what.in_language(language).to_owned()}</li>
                            }).collect_view()}
                        </ul>
                        {(!group.end_goals.is_empty()).then(|| view! {
                            <h3>{language.pick("Wat u leert (eindtermen)", "What you learn (end goals)")}</h3>
                            <ul class="own-end-goals">
                                {group.end_goals.iter().map(|(goal, level)| view! {
                                    <li>{goal.in_language(language).to_owned()}": "<strong>{level.in_language(language).to_owned()}</strong></li>
                                }).collect_view()}
                            </ul>
                        })}
                    </section>
                }
            }).collect_view()}
        }
        .into_any()
    }
}
