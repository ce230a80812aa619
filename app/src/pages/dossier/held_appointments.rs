//! The professional says that an appointment took place (a home visit done): the appointment's
//! `held`, which the worker passes on to the municipality as a klantcontact (without notes). Which
//! appointments are offered is `shared::journey::home_visit::appointments_to_confirm`.

use crate::clock::today;
use crate::i18n::{say, tr, use_language, Explanation};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::home_visit::appointments_to_confirm;
use shared::sync::record::RecordRef;

/// The professional says that an appointment took place (a home visit done): the appointment's
/// `held`, which the worker passes on to the municipality as a klantcontact (without notes).
#[component]
pub fn HeldAppointments(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let appointments = Memo::new(move |_| {
        sync.replica.with(|replica| client.with_value(|id| appointments_to_confirm(replica, id, today())))
    });
    let error = RwSignal::new(None::<Explanation>);
    let mark_held = move |record: RecordRef| {
        spawn_local(async move {
            match sync.change(record, "held", Value::Bool(true)).await {
                Ok(()) => error.set(None),
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="held-heading">
            <h2 id="held-heading">{tr("Is de afspraak doorgegaan?", "Did the appointment take place?")}</h2>
            <p class="hint">{tr(
                "Een afspraak die is doorgegaan, geven we door aan de gemeente als contactmoment (zonder notities).",
                "An appointment that took place is passed on to the municipality as a contact moment (without notes).",
            )}</p>
            {move || {
                let appointments = appointments.get();
                if appointments.is_empty() {
                    return view! { <p>{tr("Er zijn geen afspraken van vandaag of eerder.", "There are no appointments of today or before.")}</p> }.into_any();
                }
                view! {
                    <ul id="held-appointments">
                        {appointments.into_iter().map(|appointment| {
                            let held = appointment.held;
                            let record = appointment.record.clone();
                            let what = move || format!("{}, {}", appointment.title(language.get()), appointment.starts_at.in_words(language.get()));
                            view! {
                                <li>
                                    <p>{what}</p>
                                    {if held {
                                        view! { <p class="notice">{tr("Is doorgegaan ✓", "Took place ✓")}</p> }.into_any()
                                    } else {
                                        view! { <button type="button" on:click=move |_| mark_held(record.clone())>{tr("Is doorgegaan", "Took place")}</button> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="error" role="alert">{say(error)}</p>
        </section>
    }
}
