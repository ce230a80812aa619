//! A new aanvraag: the BSN, checked with the 11-proof on the device before anything is stored, and
//! the day it is filed, today (`shared::journey::aanvraag::aanvraag_fields`). Saved on the device
//! first, sent to the municipality when there is a connection.

use crate::clock::today;
use crate::i18n::{say, tr, Explanation};
use crate::new_record::{changes_in, new_record};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::aanvraag::aanvraag_fields;
use shared::sync::record::RecordKind;

/// A new aanvraag: the BSN, checked on the device; the day it is filed is today.
#[component]
pub fn AanvraagForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let saved = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        saved.set(None);
        let fields = match aanvraag_fields(&typed.get_untracked(), today()) {
            Ok(fields) => fields,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        error.set(None);
        let changes = changes_in(&new_record(RecordKind::Aanvraag, &client_id), fields);
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    typed.set(String::new());
                    saved.set(Some(Explanation::new(
                        "Uw aanvraag is bewaard. Hij gaat naar de gemeente zodra er internet is.",
                        "Your application is saved. It goes to the municipality as soon as there is internet.",
                    )));
                }
                Err(why) => error.set(Some(why)),
            }
        });
    };
    view! {
        <form id="aanvraag-form" class="card" on:submit=on_submit novalidate>
            <h2>{tr("Nieuwe aanvraag", "New application")}</h2>
            <label for="bsn">{tr("Uw BSN (burgerservicenummer)", "Your BSN (citizen service number)")}</label>
            <p id="bsn-hint" class="hint">{tr(
                "9 cijfers. U vindt het op uw paspoort, ID-kaart of rijbewijs.",
                "9 digits. You can find it on your passport, ID card or driving licence.",
            )}</p>
            <input
                id="bsn"
                name="bsn"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                aria-describedby="bsn-hint bsn-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || typed.get()
                on:input=move |event| typed.set(event_target_value(&event))
            />
            <p id="bsn-error" class="error" role="alert">{say(error)}</p>
            <p id="aanvraag-saved" role="status">{say(saved)}</p>
            <button type="submit">{tr("Aanvraag versturen", "Send application")}</button>
        </form>
    }
}
