//! The name a client wants to be called by, in their file: a form for whoever may change it, the
//! name only for whoever may just read it. On a file for the professionals, and on the client's own
//! home screen. Checked by `shared::preferred_name`, stored through `sync`.

use crate::auth::use_auth;
use crate::files_on_device::preferred_name;
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::permissions::may;
use crate::sync::use_sync;
use crate::sync_view::ReplacedNotice;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::dossier::dossier_of;
use shared::preferred_name::{PreferredName, MAX_CHARS};
use shared::sync::access::{Access, Resource};
use shared::sync::merge::FieldKey;
use shared::sync::record::DataClass;

/// The name a client wants to be called by, in their file: a form for whoever may change it, the
/// name only for whoever may just read it.
#[component]
pub fn PreferredNameForm(client_id: String) -> impl IntoView {
    let auth = use_auth();
    let may_change = move || may(&auth.who.get(), Resource::Data(DataClass::Name), Access::Write);
    move || {
        if may_change() {
            view! { <PreferredNameEditor client_id=client_id.clone()/> }.into_any()
        } else {
            let sync = use_sync();
            let client_id = client_id.clone();
            let name = move || sync.replica.with(|replica| preferred_name(replica, &client_id));
            view! { <p id="preferred-name-read-only">{move || name().unwrap_or_default()}</p> }.into_any()
        }
    }
}

#[component]
fn PreferredNameEditor(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let record = dossier_of(&client_id);
    let stored = {
        let client_id = client_id.clone();
        Memo::new(move |_| sync.replica.with(|replica| preferred_name(replica, &client_id)))
    };
    let input = RwSignal::new(stored.get_untracked().unwrap_or_default());
    let input_error = RwSignal::new(None::<Explanation>);
    // Follow the stored name (a pull may bring a newer one) unless the user is typing.
    let typing = RwSignal::new(false);
    Effect::new(move |_| {
        let now = stored.get().unwrap_or_default();
        if !typing.get_untracked() {
            input.set(now);
        }
    });

    let submit_record = record.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = match PreferredName::parse(&input.get_untracked()) {
            Ok(name) => name,
            Err(error) => {
                input_error.set(Some(error.explanation()));
                return;
            }
        };
        input_error.set(None);
        input.set(name.as_str().to_owned());
        let record = submit_record.clone();
        spawn_local(async move {
            match sync.change(record, "preferred_name", name.as_str().into()).await {
                Ok(()) => typing.set(false),
                Err(reason) => input_error.set(Some(reason)),
            }
        });
    };

    view! {
        <form class="card" on:submit=on_submit novalidate>
            <label for="preferred-name">{tr("Hoe wilt u genoemd worden?", "What name do you want to be called by?")}</label>
            <p id="preferred-name-hint" class="hint">
                {move || match language.get() {
                    Language::Dutch => format!("Bijvoorbeeld uw voornaam. Alleen letters, niet meer dan {MAX_CHARS} tekens."),
                    Language::English => format!("For example your first name. Only letters, no more than {MAX_CHARS} characters."),
                }}
            </p>
            <input
                id="preferred-name"
                name="preferred-name"
                type="text"
                autocomplete="nickname"
                aria-describedby="preferred-name-hint preferred-name-error"
                aria-invalid=move || if input_error.get().is_some() { "true" } else { "false" }
                prop:value=move || input.get()
                on:input=move |event| {
                    typing.set(true);
                    input.set(event_target_value(&event));
                }
            />
            <p id="preferred-name-error" class="error" role="alert">
                {say(input_error)}
            </p>
            <button type="submit">{tr("Opslaan", "Save")}</button>
        </form>
        <ReplacedNotice key=FieldKey { record, field: "preferred_name".to_owned() }/>
    }
}
