//! The crisis signal on a file (`shared::journey::home_visit`): a professional raises it during a
//! home visit, the consulent sees the file as urgent at once after sync, and clears it when solved.

use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use crate::sync_view::ReplacedNotice;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::dossier::dossier_of;
use shared::journey::home_visit::{check_crisis_signal, crisis_signal, CRISIS_SIGNAL};
use shared::sync::merge::FieldKey;

/// Raise or clear the crisis signal: the consulent sees the file as urgent at once after sync.
#[component]
pub fn CrisisSignal(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let current =
        Memo::new(move |_| sync.replica.with(|replica| client.with_value(|id| crisis_signal(replica, id))));
    let what = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let set = move |value: Value| {
        let record = dossier_of(&client.get_value());
        spawn_local(async move {
            match sync.change(record, CRISIS_SIGNAL, value).await {
                Ok(()) => {
                    error.set(None);
                    what.set(String::new());
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        match check_crisis_signal(&what.get_untracked()) {
            Ok(text) => set(Value::from(text)),
            Err(why) => error.set(Some(why)),
        }
    };
    let key = FieldKey { record: dossier_of(&client.get_value()), field: CRISIS_SIGNAL.to_owned() };
    view! {
        <section class="card" aria-labelledby="crisis-heading">
            <h2 id="crisis-heading">{tr("Crisis", "Crisis")}</h2>
            <ReplacedNotice key/>
            {move || match current.get() {
                Some(signal) => view! {
                    <p class="crisis-help" role="alert" id="crisis-signal">
                        {move || match language.get() {
                            Language::Dutch => format!("Crisis gemeld: {signal}"),
                            Language::English => format!("Crisis reported: {signal}"),
                        }}
                    </p>
                    <button type="button" on:click=move |_| set(Value::Null)>{tr("De crisis is opgelost", "The crisis is solved")}</button>
                }
                .into_any(),
                None => view! {
                    <form on:submit=on_submit novalidate>
                        <label for="crisis-what">{tr("Wat is er aan de hand?", "What is wrong?")}</label>
                        <input id="crisis-what" type="text" prop:value=move || what.get() on:input=move |e| what.set(event_target_value(&e))/>
                        <button type="submit">{tr("Crisis melden", "Report a crisis")}</button>
                    </form>
                }
                .into_any(),
            }}
            <p class="error" role="alert">{say(error)}</p>
        </section>
    }
}
