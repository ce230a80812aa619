//! An outreach worker's visits of today: the appointments of today in every file on this device, by
//! time (`shared::journey::home_visit::todays_visits`), each a link to its file.

use crate::clock::today;
use crate::files_on_device::preferred_name;
use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::home_visit::{todays_visits, Visit};

/// The appointments of today in every file on this device, by time: an outreach worker's visits.
#[component]
pub fn TodaysVisits() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let visits = Memo::new(move |_| {
        let today = today();
        sync.replica.with(|replica| {
            todays_visits(replica, today)
                .into_iter()
                .map(|visit| {
                    let name = preferred_name(replica, &visit.client_id).unwrap_or_default();
                    (visit, name)
                })
                .collect::<Vec<(Visit, String)>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="today-heading">
            <h2 id="today-heading">{tr("Vandaag", "Today")}</h2>
            {move || {
                let visits = visits.get();
                if visits.is_empty() {
                    return view! { <p>{tr("Vandaag staan er geen afspraken.", "There are no appointments today.")}</p> }.into_any();
                }
                let language = language.get();
                view! {
                    <ul id="todays-visits">
                        {visits.into_iter().map(|(Visit { starts_at: at, client_id, place }, name)| view! {
                            <li>
                                <a href=format!("/dossiers/{client_id}")>{format!("{:02}:{:02} {name}", at.hour(), at.minute())}</a>
                                {(!place.is_empty()).then(|| format!(" · {place}"))}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="hint">{language.pick(
                        "Deze dossiers staan op dit apparaat: u kunt ze ook zonder internet openen.",
                        "These files are on this device: you can open them without internet too.",
                    )}</p>
                }
                .into_any()
            }}
        </section>
    }
}
