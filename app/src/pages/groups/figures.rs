//! The group's figures up to today: absence and disagreements per session (each session a link to
//! its attendance page) and per participant. The counting is `shared::journey::attendance`.

use super::session_title;
use crate::clock::today;
use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::journey::attendance::{participant_counts, session_counts, Group};

/// Said above the figures: what counts as absent, and how a disagreement counts.
pub(super) fn how_we_count() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(
        "Afwezig telt afwezig met en zonder reden. Te laat telt als aanwezig. \"Niet eens\": de twee trainers gaven een ander antwoord; dat telt pas mee als zij het eens zijn.",
        "Absent counts absent with and without a reason. Late counts as there. \"Disagree\": the two trainers gave different answers; that only counts once they agree.",
    )
}

#[component]
pub(super) fn ScheduleTable(group: Group) -> impl IntoView {
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
pub(super) fn ParticipantTable(group: Group) -> impl IntoView {
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
