//! `/groepen/:group_id/sessies/:session_id`: one session's attendance, one row per participant
//! (`attendance_row.rs`), with the session's counts. Two trainers may tick it at once: while the
//! page is open it fetches the other's marks now and then.

use super::attendance_row::AttendanceRow;
use super::figures::how_we_count;
use super::{group_name, session_title};
use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::journey::attendance::{group_in, session_counts};

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
