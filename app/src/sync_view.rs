//! What the user sees of sync: the state line in the shell (in words, not only in colour), the
//! changes the worker refused with the reason, and the changes someone else's later change
//! replaced, with who did it.

use crate::sync::{use_sync, SyncStatus};
use leptos::prelude::*;
use shared::merge::FieldKey;

/// In the shell, on every screen.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let sync = use_sync();
    let text = move || match sync.status.get() {
        SyncStatus::Opening => "Gegevens op dit apparaat openen…".to_owned(),
        SyncStatus::Synced => "Alles is opgeslagen en verstuurd naar de gemeente.".to_owned(),
        SyncStatus::SavedOnDevice { waiting } => format!(
            "{} op dit apparaat opgeslagen. We sturen {} naar de gemeente zodra er internet is.",
            changes(waiting),
            if waiting == 1 { "hem" } else { "ze" }
        ),
        SyncStatus::Syncing => "Bezig met versturen…".to_owned(),
        SyncStatus::NeedsLogin { waiting } => {
            format!(
                "{} op dit apparaat opgeslagen. Log in om ze naar de gemeente te sturen.",
                changes(waiting)
            )
        }
        SyncStatus::NeedsAttention(reason) => format!("Let op: {}", reason.nl),
    };
    let class = move || match sync.status.get() {
        SyncStatus::Synced => "sync-state sync-state--done",
        SyncStatus::NeedsAttention(_) | SyncStatus::NeedsLogin { .. } => "sync-state sync-state--attention",
        _ => "sync-state sync-state--waiting",
    };
    let attention = move || {
        sync.attention.get().map(|message| {
            view! {
                <div id="sync-attention" class="notice notice--refused" role="alert">
                    <p>{message.nl}</p>
                    <button type="button" on:click=move |_| sync.attention.set(None)>"Gelezen"</button>
                </div>
            }
        })
    };
    view! {
        <p id="sync-state" class=class role="status">{text}</p>
        {attention}
    }
}

fn changes(count: usize) -> String {
    if count == 1 {
        "1 wijziging".to_owned()
    } else {
        format!("{count} wijzigingen")
    }
}

/// For one field: why a change made here is not (or no longer) its value.
#[component]
pub fn FieldNotices(key: FieldKey) -> impl IntoView {
    let sync = use_sync();
    let replaced_key = key.clone();
    let replaced = move || {
        let own = sync.own.get();
        sync.replica.with(|replica| replica.replaced(&own)).into_iter().find(|r| r.key == replaced_key).map(
            |r| {
                view! {
                    <p class="notice notice--replaced" role="status">
                        {format!(
                            "Uw wijziging ({}) is vervangen door een latere wijziging van {}: {}.",
                            shown(&r.own.value),
                            r.winner.author,
                            shown(&r.winner.value)
                        )}
                    </p>
                }
            },
        )
    };
    let refused = move || {
        sync.set_aside
            .get()
            .into_iter()
            .filter(|entry| entry.operation.record == key.record && entry.operation.field == key.field)
            .map(|entry| {
                let op_id = entry.operation.op_id.clone();
                view! {
                    <div class="notice notice--refused" role="alert">
                        <p>
                            {format!(
                                "Uw wijziging ({}) gaat niet door. {}",
                                shown(&entry.operation.value),
                                entry.reason.message.nl
                            )}
                        </p>
                        <button type="button" on:click=move |_| sync.forget_set_aside(op_id.clone())>
                            "Gelezen"
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        {replaced}
        {refused}
    }
}

/// A value as a person reads it.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => "leeg".to_owned(),
        other => other.to_string(),
    }
}
