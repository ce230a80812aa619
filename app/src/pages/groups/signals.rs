//! The signals for the consulent: participants absent without a reason as often as the policy says,
//! for one group (on its page) or for one client (in the client file, `pages/dossier.rs`).

use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::attendance::{group_signals, AttendanceSignal};

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
