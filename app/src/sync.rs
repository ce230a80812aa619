//! Keeps this device and the worker in step. A change is made here first (stored in the outbox,
//! shown at once), pushed when there is a connection, and what others changed is pulled after the
//! cursor. Both go through `shared::sync::merge`, so every device shows the state the worker and every
//! other device converge to.
//!
//! Nothing is dropped silently: a change stays in the outbox until the worker stored it; a change
//! the worker refused is set aside with its reason and shown; a change that someone else's later
//! change replaced is shown with who replaced it (`Replica::replaced`). When the worker asks to
//! wait (a quota, `shared::sync::quotas`: 429 with `Retry-After`), the outbox stays as it is, the
//! state line says when the next try is, and no push leaves before then.

use crate::api_client::{pull_changes, push_operations, PushAnswer, SyncFailure};
use crate::auth::{use_auth, Who};
use crate::device_store::StoreError;
use crate::sync_store::{self, record_changes, record_pulled, record_push_answer, SetAside, SyncMeta};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use shared::sync::merge::{FieldKey, Replica, Write};
use shared::sync::record::{RecordKind, RecordRef};
use shared::sync::sync_protocol::{Change, Operation, OperationResult, PushOutcome, MAX_OPERATIONS_PER_PUSH};
use shared::text::Explanation;
use std::collections::BTreeMap;

/// What the user sees about sync, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// Reading what is stored on this device.
    Opening,
    /// Everything made here is with the municipality.
    Synced,
    /// Changes are kept on this device until there is a connection.
    SavedOnDevice {
        waiting: usize,
    },
    Syncing,
    /// Changes wait for a login (none yet, or the session ended).
    NeedsLogin {
        waiting: usize,
    },
    /// The worker asked to wait (a quota, 429 with `Retry-After`): the changes stay on this
    /// device and go again at `until_ms` (milliseconds since 1970, UTC).
    ServerAsksToWait {
        waiting: usize,
        until_ms: f64,
    },
    /// The device store failed, or the worker refused a request as a whole.
    NeedsAttention(Explanation),
}

/// The synced state of this device, shared by every screen.
#[derive(Clone, Copy)]
pub struct Sync {
    pub replica: RwSignal<Replica>,
    pub status: RwSignal<SyncStatus>,
    /// Changes the worker refused, with the reason.
    pub set_aside: RwSignal<Vec<SetAside>>,
    /// The latest change made on this device, per field.
    pub own: RwSignal<BTreeMap<FieldKey, Write>>,
    /// Something the user must read once (stored data could not be opened), until dismissed.
    pub attention: RwSignal<Option<Explanation>>,
    /// How many changes are being written to the device right now (an app update waits for them).
    pub storing: RwSignal<usize>,
    /// Every klantfoto answer this device knows, also the replaced ones: the klantfoto over time
    /// (`shared::journey::klantfoto::history`). The replica keeps only the latest.
    /// By op id, so that each is kept once however often it arrives.
    pub klantfoto_log: RwSignal<BTreeMap<String, Operation>>,
    outbox: RwSignal<Vec<Operation>>,
    meta: RwSignal<Option<SyncMeta>>,
    /// Who is logged in (from `auth`): changes carry their subject as author.
    who: RwSignal<Who>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    /// No push before this time (ms since 1970): the worker asked to wait until then.
    push_not_before: StoredValue<f64>,
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

/// Opens the device's synced state, then syncs: now, when the connection returns, when someone
/// logs in, and every 30 seconds while there is something to send.
pub fn provide_sync() {
    let auth = use_auth();
    let sync = Sync {
        replica: RwSignal::new(Replica::default()),
        status: RwSignal::new(SyncStatus::Opening),
        set_aside: RwSignal::new(Vec::new()),
        own: RwSignal::new(BTreeMap::new()),
        attention: RwSignal::new(None),
        storing: RwSignal::new(0),
        klantfoto_log: RwSignal::new(BTreeMap::new()),
        outbox: RwSignal::new(Vec::new()),
        meta: RwSignal::new(None),
        who: auth.who,
        running: StoredValue::new(false),
        again: StoredValue::new(false),
        push_not_before: StoredValue::new(0.0),
    };
    provide_context(sync);
    spawn_local(async move {
        match sync.load_from_device().await {
            Ok(()) => sync.sync_now(),
            Err(error) => sync.status.set(SyncStatus::NeedsAttention(store_failed(&error.0))),
        }
    });
    Effect::new(move |_| {
        if matches!(auth.who.get(), Who::LoggedIn { .. }) {
            sync.sync_now();
        }
    });
    let online = window_event_listener(leptos::ev::online, move |_| sync.sync_now());
    let interval = set_interval_with_handle(
        move || {
            if !sync.outbox.get_untracked().is_empty() {
                sync.sync_now();
            }
        },
        std::time::Duration::from_secs(30),
    )
    .ok();
    on_cleanup(move || {
        online.remove();
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

impl Sync {
    /// Builds the screen's state from what is stored: everything pulled and everything waiting,
    /// merged; set-aside changes take no part.
    async fn load_from_device(self) -> Result<(), StoreError> {
        let state = sync_store::load().await?;
        let mut replica = Replica::default();
        let mut own = BTreeMap::new();
        for operation in state.known.iter().chain(state.outbox.iter()) {
            merge(&mut replica, operation);
            remember_if_own(&mut own, operation, &state.meta.device_id);
        }
        self.replica.set(replica);
        self.own.set(own);
        self.klantfoto_log.set(BTreeMap::new());
        self.keep_klantfoto_answers(state.known.iter().chain(state.outbox.iter()));
        self.outbox.set(state.outbox);
        self.set_aside.set(state.set_aside);
        let device_clock = self.meta.get_untracked().map(|meta| meta.clock);
        let mut meta = state.meta;
        // The clock in memory may be ahead of the stored one (never behind): keep the later.
        if let Some(clock) = device_clock.filter(|clock| *clock > meta.clock) {
            meta.clock = clock;
        }
        self.meta.set(Some(meta));
        if let Some(unreadable) = state.unreadable.as_ref() {
            self.attention.set(Some(lost(unreadable)));
        }
        self.settle_status();
        Ok(())
    }

    /// Makes a change on this device: checked by `shared`, stored, shown, then sent when possible.
    /// A change that does not fit is refused here, with the reason, and nothing is stored.
    pub async fn change(self, record: RecordRef, field: &str, value: Value) -> Result<(), Explanation> {
        self.change_all(vec![(record, field.to_owned(), value)]).await
    }

    /// Makes several changes that belong together (booking: the slot's holder and the appointment),
    /// so that they leave in the same push. Every one is checked before any is stored: one that
    /// does not fit refuses them all.
    pub async fn change_all(self, changes: Vec<(RecordRef, String, Value)>) -> Result<(), Explanation> {
        let Who::LoggedIn { subject, .. } = self.who.get_untracked() else {
            return Err(Explanation::new(
                "Log eerst in. Dan kan de app uw wijziging aan de gemeente sturen.",
                "Log in first. Then the app can send your change to the municipality.",
            ));
        };
        let Some(mut meta) = self.meta.get_untracked() else {
            return Err(Explanation::new(
                "De app is nog bezig met openen. Probeer het zo opnieuw.",
                "The app is still opening. Try again in a moment.",
            ));
        };
        let mut operations = Vec::with_capacity(changes.len());
        for (record, field, value) in changes {
            meta.clock = meta.clock.next(now_ms());
            let operation = Operation {
                op_id: sync_store::random_uuid(),
                record,
                field,
                value,
                hlc: meta.clock.clone(),
                author: subject.clone(),
                stored_as: None,
            };
            operation.check().map_err(|problem| problem.explanation)?;
            operations.push(operation);
        }
        self.storing.update(|storing| *storing += 1);
        let stored = record_changes(&operations, &meta).await;
        self.storing.update(|storing| *storing -= 1);
        stored.map_err(|error| store_failed(&error.0))?;
        self.meta.set(Some(meta.clone()));
        self.show(&operations, &meta.device_id);
        self.outbox.update(|outbox| outbox.extend(operations));
        self.settle_status();
        self.sync_now();
        Ok(())
    }

    /// Merges operations into what the screens show, and remembers the ones made on this device.
    fn show(self, operations: &[Operation], device_id: &str) {
        self.keep_klantfoto_answers(operations.iter());
        self.replica.update(|replica| {
            for operation in operations {
                merge(replica, operation);
            }
        });
        self.own.update(|own| {
            for operation in operations {
                remember_if_own(own, operation, device_id);
            }
        });
    }

    /// Adds klantfoto answers to [`Sync::klantfoto_log`], each once.
    fn keep_klantfoto_answers<'a>(self, operations: impl Iterator<Item = &'a Operation>) {
        let answers: Vec<&Operation> =
            operations.filter(|operation| operation.record.kind == RecordKind::Klantfoto).collect();
        if answers.is_empty() {
            return;
        }
        self.klantfoto_log.update(|log| {
            for answer in answers {
                log.entry(answer.op_id.clone()).or_insert_with(|| answer.clone());
            }
        });
    }

    /// Pushes the outbox and pulls what changed, unless a round is already running (then that
    /// round goes once more).
    pub fn sync_now(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.one_round().await;
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    async fn one_round(self) {
        if self.meta.get_untracked().is_none() {
            return;
        }
        if !matches!(self.who.get_untracked(), Who::LoggedIn { .. }) {
            self.settle_status();
            return;
        }
        if !browser_is_online() {
            self.settle_status();
            return;
        }
        if (now_ms() as f64) < self.push_not_before.get_value() {
            // The worker asked to wait: the timer set then starts the next round.
            self.settle_status();
            return;
        }
        self.status.set(SyncStatus::Syncing);
        let outcome = match self.push_everything().await {
            Ok(Pushed::Everything) => self.pull_everything().await,
            Ok(Pushed::ServerAsksToWait { seconds }) => {
                self.wait_before_pushing(seconds);
                // Pulling is not limited: what others changed still arrives meanwhile.
                self.pull_everything().await
            }
            Err(failure) => Err(failure),
        };
        match outcome {
            Ok(()) => self.settle_status(),
            Err(SyncFailure::Unreachable) => self.settle_status(),
            Err(SyncFailure::NotLoggedIn) => {
                self.status.set(SyncStatus::NeedsLogin { waiting: self.outbox.get_untracked().len() })
            }
            Err(SyncFailure::Refused(error)) => self.status.set(SyncStatus::NeedsAttention(error.message)),
        }
    }

    /// No push until `seconds` from now, as the worker asked (its quotas): the outbox stays as it
    /// is, the state line says when the next try is, and a timer starts that round.
    fn wait_before_pushing(self, seconds: u64) {
        let wait = std::time::Duration::from_secs(seconds);
        self.push_not_before.set_value(crate::clock::now_ms() + wait.as_millis() as f64);
        set_timeout(move || self.sync_now(), wait);
    }

    /// Pushes the outbox in batches until it is empty or no further progress can be made, or
    /// until the worker asks to wait.
    async fn push_everything(self) -> Result<Pushed, SyncFailure> {
        loop {
            let batch: Vec<Operation> =
                self.outbox.get_untracked().into_iter().take(MAX_OPERATIONS_PER_PUSH).collect();
            if batch.is_empty() {
                return Ok(Pushed::Everything);
            }
            let (stored, refused) = match push_operations(&batch).await? {
                PushAnswer::Stored(results) => sort_push_answer(&batch, &results, true),
                PushAnswer::NothingStored(results) => sort_push_answer(&batch, &results, false),
                PushAnswer::TryAgainAfter { seconds } => return Ok(Pushed::ServerAsksToWait { seconds }),
            };
            if stored.is_empty() && refused.is_empty() {
                return Ok(Pushed::Everything);
            }
            record_push_answer(&stored, &refused)
                .await
                .map_err(|error| SyncFailure::Refused(store_failed_error(&error.0)))?;
            let done: Vec<&str> = stored
                .iter()
                .chain(refused.iter().map(|entry| &entry.operation))
                .map(|operation| operation.op_id.as_str())
                .collect();
            self.outbox.update(|outbox| outbox.retain(|operation| !done.contains(&operation.op_id.as_str())));
            if !refused.is_empty() {
                // A refused change no longer shows as if it had gone through.
                self.load_from_device()
                    .await
                    .map_err(|error| SyncFailure::Refused(store_failed_error(&error.0)))?;
            }
        }
    }

    /// Pulls pages after the cursor until there are no more, merging and storing each.
    async fn pull_everything(self) -> Result<(), SyncFailure> {
        loop {
            let Some(mut meta) = self.meta.get_untracked() else { return Ok(()) };
            let page = pull_changes(meta.cursor, &meta.device_id).await?;
            let operations: Vec<Operation> =
                page.changes.into_iter().map(Change::into_stored_operation).collect();
            for operation in &operations {
                meta.clock = meta.clock.after_seeing(&operation.hlc, now_ms());
            }
            meta.cursor = page.cursor;
            record_pulled(&operations, &meta)
                .await
                .map_err(|error| SyncFailure::Refused(store_failed_error(&error.0)))?;
            self.show(&operations, &meta.device_id);
            self.meta.set(Some(meta));
            if !page.more {
                return Ok(());
            }
        }
    }

    fn settle_status(self) {
        let waiting = self.outbox.get_untracked().len();
        let status = if waiting == 0 && !self.set_aside.get_untracked().is_empty() {
            SyncStatus::NeedsAttention(Explanation::new(
                "Niet alles is doorgegaan. Kijk hieronder bij 'Niet doorgegaan'.",
                "Not everything went through. See 'Did not go through' below.",
            ))
        } else if waiting == 0 {
            SyncStatus::Synced
        } else if !matches!(self.who.get_untracked(), Who::LoggedIn { .. }) {
            SyncStatus::NeedsLogin { waiting }
        } else if (now_ms() as f64) < self.push_not_before.get_value() {
            SyncStatus::ServerAsksToWait { waiting, until_ms: self.push_not_before.get_value() }
        } else {
            SyncStatus::SavedOnDevice { waiting }
        };
        self.status.set(status);
    }

    /// Makes a change that was refused because this device's clock ran ahead again, now that the
    /// clock is right: the device's clock is set back to the wall clock (the refused changes were
    /// never stored, so nothing stored is out of order), and the change is made anew.
    pub async fn retry_after_clock_fix(self, entry: SetAside) -> Result<(), Explanation> {
        let now = now_ms();
        if let Some(mut meta) = self.meta.get_untracked() {
            if meta.clock.wall_ms > now {
                meta.clock =
                    shared::sync::hlc::Hlc { wall_ms: now, counter: 0, node: meta.device_id.clone() };
                self.meta.set(Some(meta));
            }
        }
        let operation = entry.operation;
        self.change(operation.record, &operation.field, operation.value).await?;
        self.forget_set_aside(operation.op_id);
        Ok(())
    }

    /// Lets go of a refused change after the user has read why.
    pub fn forget_set_aside(self, op_id: String) {
        spawn_local(async move {
            if sync_store::forget_set_aside(&op_id).await.is_ok() {
                self.set_aside.update(|set_aside| set_aside.retain(|entry| entry.operation.op_id != op_id));
            }
        });
    }
}

/// How far a push of the outbox came.
enum Pushed {
    /// Everything that could go went (the outbox is empty, or holds what cannot go yet).
    Everything,
    /// The worker asked to wait this long before the next push (a quota).
    ServerAsksToWait { seconds: u64 },
}

/// Sorts the worker's answer by `shared`'s rule (`OperationResult::outcome`): what it stored leaves
/// the outbox; what it refused is set aside with the reason, so that the user sees why (a claim
/// that lost, such as a slot someone else took first, is both); the rest is pushed again.
fn sort_push_answer(
    batch: &[Operation],
    results: &[OperationResult],
    push_stored: bool,
) -> (Vec<Operation>, Vec<SetAside>) {
    let mut stored = Vec::new();
    let mut refused = Vec::new();
    for (operation, result) in batch.iter().zip(results) {
        let set_aside = |reason| SetAside { operation: operation.clone(), reason };
        match result.outcome(push_stored) {
            PushOutcome::Stored => stored.push(operation.clone()),
            PushOutcome::StoredButRefused(reason) => {
                stored.push(operation.clone());
                refused.push(set_aside(reason));
            }
            PushOutcome::Rejected(reason) => refused.push(set_aside(reason)),
            PushOutcome::PushAgain => {}
        }
    }
    (stored, refused)
}

fn merge(replica: &mut Replica, operation: &Operation) {
    if let Ok(spec) = operation.check() {
        replica.apply(operation, spec.merge);
    }
}

fn remember_if_own(own: &mut BTreeMap<FieldKey, Write>, operation: &Operation, device_id: &str) {
    if operation.hlc.node != device_id {
        return;
    }
    let key = FieldKey { record: operation.record.clone(), field: operation.field.clone() };
    let write = Write::from_operation(operation);
    if own.get(&key).is_none_or(|known| known.hlc < write.hlc) {
        own.insert(key, write);
    }
}

fn browser_is_online() -> bool {
    web_sys::window().is_some_and(|window| window.navigator().on_line())
}

fn now_ms() -> u64 {
    crate::clock::now_ms() as u64
}

/// Said once after stored data could not be opened: what happens now, and what was lost.
fn lost(unreadable: &sync_store::Unreadable) -> Explanation {
    let said = unreadable.problem.explanation();
    let count = unreadable.lost_changes;
    let (lost_nl, lost_en) = match count {
        0 => (String::new(), String::new()),
        1 => (
            " 1 wijziging die nog niet verstuurd was, is verloren.".to_owned(),
            " 1 change that was not sent yet is lost.".to_owned(),
        ),
        _ => (
            format!(" {count} wijzigingen die nog niet verstuurd waren, zijn verloren."),
            format!(" {count} changes that were not sent yet are lost."),
        ),
    };
    Explanation::new(
        format!("{} Wat bij de gemeente staat, halen we opnieuw op.{lost_nl}", said.nl),
        format!("{} What the municipality has is fetched again.{lost_en}", said.en),
    )
}

fn store_failed(detail: &Explanation) -> Explanation {
    Explanation::new(
        format!(
            "Opslaan op dit apparaat lukte niet ({}). Maak wat ruimte vrij en probeer het opnieuw.",
            detail.nl
        ),
        format!("Saving on this device failed ({}). Free up some space and try again.", detail.en),
    )
}

fn store_failed_error(detail: &Explanation) -> shared::api::ApiError {
    shared::api::ApiError::new("device_store_failed", None, store_failed(detail))
}
