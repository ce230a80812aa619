//! What the user sees of sync: the state line in the shell (in words, not only in colour; also
//! when the worker asks to wait, and until when), the
//! changes the worker refused with the reason, and the changes someone else's later change
//! replaced, with who did it.

use crate::i18n::{tr, use_language, Language};
use crate::sync::{use_sync, SyncStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::law::local_time::LocalDateTime;
use shared::sync::merge::FieldKey;

/// In the shell, on every screen.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let text = move || match (sync.status.get(), language.get()) {
        (SyncStatus::Opening, Language::Dutch) => "Gegevens op dit apparaat openen…".to_owned(),
        (SyncStatus::Opening, Language::English) => "Opening the data on this device…".to_owned(),
        (SyncStatus::Synced, Language::Dutch) => {
            "Alles is opgeslagen en verstuurd naar de gemeente.".to_owned()
        }
        (SyncStatus::Synced, Language::English) => {
            "Everything is saved and sent to the municipality.".to_owned()
        }
        (SyncStatus::SavedOnDevice { waiting }, Language::Dutch) => format!(
            "{} op dit apparaat opgeslagen. We sturen {} naar de gemeente zodra er internet is.",
            changes(waiting, Language::Dutch),
            if waiting == 1 { "hem" } else { "ze" }
        ),
        (SyncStatus::SavedOnDevice { waiting }, Language::English) => format!(
            "{} saved on this device. We send {} to the municipality as soon as you are online.",
            changes(waiting, Language::English),
            if waiting == 1 { "it" } else { "them" }
        ),
        (SyncStatus::Syncing, Language::Dutch) => "Bezig met versturen…".to_owned(),
        (SyncStatus::Syncing, Language::English) => "Sending…".to_owned(),
        (SyncStatus::NeedsLogin { waiting }, Language::Dutch) => format!(
            "{} op dit apparaat opgeslagen. Log in om ze naar de gemeente te sturen.",
            changes(waiting, Language::Dutch)
        ),
        (SyncStatus::NeedsLogin { waiting }, Language::English) => format!(
            "{} saved on this device. Log in to send them to the municipality.",
            changes(waiting, Language::English)
        ),
        (SyncStatus::ServerAsksToWait { waiting, until_ms }, Language::Dutch) => format!(
            "De server vraagt even te wachten. We proberen het {} opnieuw. {} veilig op dit apparaat.",
            at_time(until_ms, Language::Dutch),
            match waiting {
                1 => "1 wijziging staat".to_owned(),
                _ => format!("{} staan", changes(waiting, Language::Dutch)),
            }
        ),
        (SyncStatus::ServerAsksToWait { waiting, until_ms }, Language::English) => format!(
            "The server asks us to wait a moment. We try again {}. {} safe on this device.",
            at_time(until_ms, Language::English),
            match waiting {
                1 => "1 change is".to_owned(),
                _ => format!("{} are", changes(waiting, Language::English)),
            }
        ),
        (SyncStatus::NeedsAttention(reason), Language::Dutch) => format!("Let op: {}", reason.nl),
        (SyncStatus::NeedsAttention(reason), Language::English) => format!("Please note: {}", reason.en),
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
                    <p>{move || message.in_language(language.get()).to_owned()}</p>
                    <button type="button" on:click=move |_| sync.attention.set(None)>{tr("Gelezen", "Read")}</button>
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

/// "om 14:05" today, else "op woensdag 2 december 2026, 14:05" (Dutch local time).
fn at_time(utc_ms: f64, language: Language) -> String {
    let at = LocalDateTime::from_utc_ms(utc_ms as i64);
    let today = crate::clock::now_local().date;
    match (at.date == today, language) {
        (true, Language::Dutch) => format!("om {:02}:{:02}", at.hour(), at.minute()),
        (true, Language::English) => format!("at {:02}:{:02}", at.hour(), at.minute()),
        (false, Language::Dutch) => format!("op {}", at.in_words(language)),
        (false, Language::English) => format!("on {}", at.in_words(language)),
    }
}

fn changes(count: usize, language: Language) -> String {
    match (count, language) {
        (1, Language::Dutch) => "1 wijziging".to_owned(),
        (1, Language::English) => "1 change".to_owned(),
        (count, Language::Dutch) => format!("{count} wijzigingen"),
        (count, Language::English) => format!("{count} changes"),
    }
}

/// For one field: the change made here that someone else's later change replaced, and who did it.
#[component]
pub fn ReplacedNotice(key: FieldKey) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    move || {
        let own = sync.own.get();
        let language = language.get();
        sync.replica.with(|replica| replica.replaced(&own)).into_iter().find(|r| r.key == key).map(|r| {
            let (own, author, winner) =
                (shown(&r.own.value, language), r.winner.author, shown(&r.winner.value, language));
            view! {
                <p class="notice notice--replaced" role="status">
                    {match language {
                        Language::Dutch => format!(
                            "Uw wijziging ({own}) is vervangen door een latere wijziging van {author}: {winner}."
                        ),
                        Language::English => {
                            format!("Your change ({own}) was replaced by a later change by {author}: {winner}.")
                        }
                    }}
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
    let language = use_language();
    move || {
        let entries = sync.set_aside.get();
        let language = language.get();
        (!entries.is_empty()).then(|| {
            view! {
                <section id="set-aside" class="notice notice--refused" aria-labelledby="set-aside-heading">
                    <h2 id="set-aside-heading">{tr("Niet doorgegaan", "Did not go through")}</h2>
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
                                            {tr("Opnieuw proberen", "Try again")}
                                        </button>
                                    }
                                });
                                view! {
                                    <li>
                                        <p>
                                            {match language {
                                                Language::Dutch => format!(
                                                    "Uw wijziging van {}{} gaat niet door. {}",
                                                    field_in(&entry.operation.field, language),
                                                    value_in_brackets(&entry.operation, language),
                                                    entry.reason.message.nl
                                                ),
                                                Language::English => format!(
                                                    "Your change of {}{} does not go through. {}",
                                                    field_in(&entry.operation.field, language),
                                                    value_in_brackets(&entry.operation, language),
                                                    entry.reason.message.en
                                                ),
                                            }}
                                        </p>
                                        {retry}
                                        <button type="button" on:click=move |_| sync.forget_set_aside(op_id.clone())>
                                            {tr("Gelezen", "Read")}
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
fn field_in(field: &str, language: Language) -> String {
    let (nl, en) = match field {
        "preferred_name" => ("de roepnaam", "the name you want to be called by"),
        "holder" => ("het gekozen tijdstip", "the time you chose"),
        "status" => ("de status", "the status"),
        other => return format!("'{other}'"),
    };
    match language {
        Language::Dutch => nl.to_owned(),
        Language::English => en.to_owned(),
    }
}

/// The value of a change that did not go through, unless it means nothing to a person (the id a
/// slot was claimed with).
fn value_in_brackets(operation: &shared::sync::sync_protocol::Operation, language: Language) -> String {
    if operation.field == "holder" {
        String::new()
    } else {
        format!(" ({})", shown(&operation.value, language))
    }
}

/// A value as a person reads it.
fn shown(value: &serde_json::Value, language: Language) -> String {
    match (value, language) {
        (serde_json::Value::String(text), _) => text.clone(),
        (serde_json::Value::Null, Language::Dutch) => "leeg".to_owned(),
        (serde_json::Value::Null, Language::English) => "empty".to_owned(),
        (other, _) => other.to_string(),
    }
}
