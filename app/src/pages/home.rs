//! The home screen: a greeting and the walking skeleton's one form, the preferred name.
//!
//! Flow: validate with `shared` → save on the device → push when online. The sync
//! state is always visible, in words (not only in colour).

use crate::device_store::{load_profile, save_profile, DeviceProfile};
use crate::storage_health::PersistenceLine;
use crate::sync::{push_if_waiting, SyncState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::preferred_name::{PreferredName, MAX_CHARS};

#[component]
pub fn HomePage() -> impl IntoView {
    let input = RwSignal::new(String::new());
    let input_error = RwSignal::new(None::<String>);
    let profile = RwSignal::new(None::<DeviceProfile>);
    let sync_state = RwSignal::new(SyncState::Empty);

    // Pushes whatever is waiting, then shows the device store as it is afterwards.
    let push = move || {
        spawn_local(async move {
            if profile.get_untracked().is_some_and(|p| p.waiting_to_push) {
                sync_state.set(SyncState::Syncing);
            }
            match push_if_waiting().await {
                Ok(now) => {
                    sync_state.set(SyncState::of(&now));
                    profile.set(Some(now));
                }
                Err(error) => input_error.set(Some(device_store_failed(&error.0))),
            }
        })
    };

    spawn_local(async move {
        match load_profile().await {
            Ok(stored) => {
                // Never overwrite what the user already typed while the store was opening.
                if input.get_untracked().is_empty() {
                    input.set(stored.preferred_name.clone().unwrap_or_default());
                }
                sync_state.set(SyncState::of(&stored));
                profile.set(Some(stored));
                push();
            }
            Err(error) => input_error.set(Some(device_store_failed(&error.0))),
        }
    });

    // Push as soon as the connection comes back (removed again when the page unmounts).
    let online_listener = window_event_listener(leptos::ev::online, move |_| {
        push();
    });
    on_cleanup(move || online_listener.remove());

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let name = match PreferredName::parse(&input.get_untracked()) {
            Ok(name) => name,
            Err(error) => {
                input_error.set(Some(error.explanation().nl));
                return;
            }
        };
        input_error.set(None);
        let Some(mut changed) = profile.get_untracked() else { return };
        changed.preferred_name = Some(name.as_str().to_owned());
        changed.waiting_to_push = true;
        changed.refusal = None;
        changed.unreadable = None;
        input.set(name.as_str().to_owned());
        spawn_local(async move {
            match save_profile(&changed).await {
                Ok(()) => {
                    sync_state.set(SyncState::SavedOnDevice);
                    profile.set(Some(changed));
                    push();
                }
                Err(error) => input_error.set(Some(device_store_failed(&error.0))),
            }
        });
    };

    let greeting = move || match profile.get().and_then(|p| p.preferred_name) {
        Some(name) => format!("Welkom, {name}"),
        None => "Welkom".to_owned(),
    };

    // The saved name could not be opened (its key was removed at logout, or it was damaged).
    let unreadable = move || profile.get().and_then(|p| p.unreadable).map(|error| error.explanation().nl);

    view! {
        <h1>{greeting}</h1>
        <p>"Hier regelt u zaken voor werk en inkomen met uw gemeente. Ook als u even geen internet heeft."</p>
        <p id="device-data-unreadable" class="notice" role="status">{unreadable}</p>
        <form class="card" on:submit=on_submit novalidate>
            <label for="preferred-name">"Hoe wilt u genoemd worden?"</label>
            <p id="preferred-name-hint" class="hint">
                {format!("Bijvoorbeeld uw voornaam. Alleen letters, niet meer dan {MAX_CHARS} tekens.")}
            </p>
            <input
                id="preferred-name"
                name="preferred-name"
                type="text"
                autocomplete="nickname"
                aria-describedby="preferred-name-hint preferred-name-error"
                aria-invalid=move || if input_error.get().is_some() { "true" } else { "false" }
                prop:value=move || input.get()
                on:input=move |event| input.set(event_target_value(&event))
            />
            <p id="preferred-name-error" class="error" role="alert">
                {move || input_error.get()}
            </p>
            // Enabled once the device store is open, so that a save is never lost.
            <button type="submit" disabled=move || profile.get().is_none()>"Opslaan"</button>
        </form>
        <p id="sync-state" class=move || sync_state_class(&sync_state.get()) role="status">
            {move || sync_state_text(&sync_state.get())}
        </p>
        <PersistenceLine/>
    }
}

fn device_store_failed(detail: &str) -> String {
    format!("Opslaan op dit apparaat lukte niet ({detail}). Maak wat ruimte vrij en probeer het opnieuw.")
}

fn sync_state_text(state: &SyncState) -> String {
    match state {
        SyncState::Empty => String::new(),
        SyncState::SavedOnDevice => {
            "Opgeslagen op dit apparaat. We sturen het naar de gemeente zodra u internet heeft.".to_owned()
        }
        SyncState::Syncing => "Bezig met versturen…".to_owned(),
        SyncState::Synced => "Opgeslagen en verstuurd naar de gemeente.".to_owned(),
        SyncState::NeedsAttention(reason) => {
            format!("Let op: de gemeente heeft dit niet opgeslagen. {}", reason.nl)
        }
    }
}

fn sync_state_class(state: &SyncState) -> &'static str {
    match state {
        SyncState::Empty => "sync-state",
        SyncState::SavedOnDevice | SyncState::Syncing => "sync-state sync-state--waiting",
        SyncState::Synced => "sync-state sync-state--done",
        SyncState::NeedsAttention(_) => "sync-state sync-state--attention",
    }
}
