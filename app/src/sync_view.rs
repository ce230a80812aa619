//! What the user sees of sync: the state line in the shell (in words, not only in colour), the
//! changes the worker refused with the reason, and the changes someone else's later change
//! replaced, with who did it.

use crate::sync::{use_sync, SyncStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
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
        <SetAsideChanges/>
    }
}

fn changes(count: usize) -> String {
    if count == 1 {
        "1 wijziging".to_owned()
    } else {
        format!("{count} wijzigingen")
    }
}

/// For one field: the change made here that someone else's later change replaced, and who did it.
#[component]
pub fn ReplacedNotice(key: FieldKey) -> impl IntoView {
    let sync = use_sync();
    move || {
        let own = sync.own.get();
        sync.replica.with(|replica| replica.replaced(&own)).into_iter().find(|r| r.key == key).map(|r| {
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
        })
    }
}

/// In the shell, on every screen: every change that did not go through, with the reason, until
/// the user has read it. Whatever field it was, it is never dropped silently.
#[component]
pub fn SetAsideChanges() -> impl IntoView {
    let sync = use_sync();
    move || {
        let entries = sync.set_aside.get();
        (!entries.is_empty()).then(|| {
            view! {
                <section id="set-aside" class="notice notice--refused" aria-labelledby="set-aside-heading">
                    <h2 id="set-aside-heading">"Niet doorgegaan"</h2>
                    <ul>
                        {entries
                            .into_iter()
                            .map(|entry| {
                                let op_id = entry.operation.op_id.clone();
                                let retry = (entry.reason.code == "clock_too_far_ahead").then(|| {
                                    let entry = entry.clone();
                                    view! {
                                        <button
                                            type="button"
                                            on:click=move |_| {
                                                let entry = entry.clone();
                                                spawn_local(async move {
                                                    let _ = sync.retry_after_clock_fix(entry).await;
                                                });
                                            }
                                        >
                                            "Opnieuw proberen"
                                        </button>
                                    }
                                });
                                view! {
                                    <li>
                                        <p>
                                            {format!(
                                                "Uw wijziging van {}{} gaat niet door. {}",
                                                field_in_dutch(&entry.operation.field),
                                                value_in_brackets(&entry.operation),
                                                entry.reason.message.nl
                                            )}
                                        </p>
                                        {retry}
                                        <button type="button" on:click=move |_| sync.forget_set_aside(op_id.clone())>
                                            "Gelezen"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// A field's name as people say it (falls back to the field's own name).
fn field_in_dutch(field: &str) -> String {
    match field {
        "preferred_name" => "de roepnaam".to_owned(),
        "holder" => "het gekozen tijdstip".to_owned(),
        "status" => "de status".to_owned(),
        other => format!("'{other}'"),
    }
}

/// The value of a change that did not go through, unless it means nothing to a person (the id a
/// slot was claimed with).
fn value_in_brackets(operation: &shared::sync_protocol::Operation) -> String {
    if operation.field == "holder" {
        String::new()
    } else {
        format!(" ({})", shown(&operation.value))
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
