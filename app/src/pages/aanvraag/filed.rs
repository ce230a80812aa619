//! The aanvragen filed so far (`shared::journey::aanvraag::aanvragen_of`), newest first, with what
//! the municipality made of them: the zaak's number, its status, the day it was closed.

use crate::i18n::{tr, use_language, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::aanvraag::{aanvragen_of, Filed};
use shared::law::local_time::date_in_words;

/// The aanvragen filed so far, with what the municipality made of them.
#[component]
pub fn FiledList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let filed = Memo::new(move |_| sync.replica.with(|replica| aanvragen_of(replica, &client_id)));
    move || {
        let filed = filed.get();
        if filed.is_empty() {
            return view! { <p id="no-aanvraag">{tr("U heeft nog geen aanvraag gedaan.", "You have not applied yet.")}</p> }
                .into_any();
        }
        view! {
            <section class="card" aria-labelledby="aanvragen-heading">
                <h2 id="aanvragen-heading">{tr("Uw aanvragen", "Your applications")}</h2>
                <ul id="aanvragen">
                    {filed.into_iter().map(|aanvraag| view! { <FiledItem aanvraag language/> }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}

#[component]
fn FiledItem(aanvraag: Filed, language: RwSignal<Language>) -> impl IntoView {
    let Filed { submitted_on, zaak_identificatie, zaak_status, zaak_closed_on, .. } = aanvraag;
    let when = move || match (submitted_on, language.get()) {
        (Some(day), language) => {
            format!("{} {}", language.pick("Aanvraag van", "Application of"), date_in_words(day, language))
        }
        (None, language) => language.pick("Aanvraag", "Application").to_owned(),
    };
    let number = move || {
        match (&zaak_identificatie, language.get()) {
        (Some(number), Language::Dutch) => format!("Zaaknummer bij de gemeente: {number}"),
        (Some(number), Language::English) => format!("Case number at the municipality: {number}"),
        (None, language) => language
            .pick(
                "Nog geen zaaknummer. Dat komt als de gemeente uw aanvraag heeft. Zonder internet wacht de aanvraag veilig op dit apparaat.",
                "No case number yet. It comes when the municipality has your application. Without internet the application waits safely on this device.",
            )
            .to_owned(),
    }
    };
    let status = move || {
        zaak_status.as_ref().map(|status| match language.get() {
            Language::Dutch => format!("Status bij de gemeente: {status}"),
            Language::English => format!("Status at the municipality: {status}"),
        })
    };
    let closed = move || {
        zaak_closed_on.map(|day| match language.get() {
            Language::Dutch => {
                format!("Afgesloten door de gemeente op {}.", date_in_words(day, Language::Dutch))
            }
            Language::English => {
                format!("Closed by the municipality on {}.", date_in_words(day, Language::English))
            }
        })
    };
    view! {
        <li class="aanvraag">
            <p><strong>{when}</strong></p>
            <p class="zaak-number">{number}</p>
            {move || status().map(|text| view! { <p class="zaak-status">{text}</p> })}
            {move || closed().map(|text| view! { <p>{text}</p> })}
        </li>
    }
}
