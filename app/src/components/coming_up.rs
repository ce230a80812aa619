//! What is coming up on a client file, soonest first (`shared::journey::coming_up`); what is close is
//! marked in words, not only colour. On a file for the professionals.

use crate::file_outlook::outlook_of;
use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::coming_up::days_left_in_words;
use shared::law::local_time::date_in_words;

/// What is coming up on this file, soonest first; what is close is marked in words, not only colour.
#[component]
pub fn ComingUpList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let items = Memo::new(move |_| sync.replica.with(|replica| outlook_of(replica, &client_id).coming_up));
    view! {
        <section class="card" aria-labelledby="coming-up-heading">
            <h2 id="coming-up-heading">{tr("Wat komt eraan", "Coming up")}</h2>
            {move || {
                let language = language.get();
                let items = items.get();
                if items.is_empty() {
                    return view! { <p>{tr("Er staan geen termijnen open.", "No time limits are open.")}</p> }.into_any();
                }
                view! {
                    <ul id="coming-up">
                        {items.into_iter().map(|item| view! {
                            <li class:soon=item.is_soon()>
                                {item.is_soon().then(|| view! { <strong>{language.pick("Let op: ", "Note: ")}</strong> })}
                                {format!(
                                    "{}: {} ({})",
                                    item.what.in_language(language),
                                    date_in_words(item.due, language),
                                    days_left_in_words(item.days_left, language)
                                )}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
