//! Notes on a file (`shared::journey::home_visit::notes_of`), newest first, and a form to add one:
//! data class `notes`, for the professionals only.

use crate::i18n::{say, tr, use_language, Explanation};
use crate::new_record::new_record;
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::journey::home_visit::{check_note, notes_of};
use shared::law::local_time::{date_in_words, LocalDateTime};
use shared::sync::record::RecordKind;

/// Notes on the file, newest first, and a form to add one.
#[component]
pub fn Notes(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let client = StoredValue::new(client_id);
    let notes =
        Memo::new(move |_| sync.replica.with(|replica| client.with_value(|id| notes_of(replica, id))));
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let note = match check_note(&text.get_untracked()) {
            Ok(note) => note,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let record = new_record(RecordKind::Note, &client.get_value());
        spawn_local(async move {
            match sync.change(record, "text", Value::from(note)).await {
                Ok(()) => {
                    error.set(None);
                    text.set(String::new());
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{tr("Notities", "Notes")}</h2>
            <form on:submit=on_submit novalidate>
                <label for="note-text">{tr("Nieuwe notitie", "New note")}</label>
                <textarea id="note-text" rows="3" prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
                <p class="error" role="alert">{say(error)}</p>
                <button type="submit">{tr("Notitie opslaan", "Save note")}</button>
            </form>
            <ul id="notes">
                {move || {
                    let language = language.get();
                    notes.get().into_iter().map(|note| {
                        let when = LocalDateTime::from_utc_ms(note.at_ms as i64);
                        view! {
                            <li>
                                <p>{note.text}</p>
                                <p class="hint">{format!("{} · {} {:02}:{:02}", note.by, date_in_words(when.date, language), when.hour(), when.minute())}</p>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
