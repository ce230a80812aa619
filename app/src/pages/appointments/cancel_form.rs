//! Cancelling an appointment with a reason (required, checked by
//! `shared::journey::appointment::check_cancel_reason`); what that changes, the slot's release
//! included, is `shared::journey::booking::cancel`'s.

use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::appointment::{check_cancel_reason, Appointment, MAX_CANCEL_REASON_CHARS};
use shared::journey::booking::cancel;

#[component]
pub(super) fn CancelForm(
    appointment: Appointment,
    message: RwSignal<Option<(String, Explanation)>>,
) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let checked = match check_cancel_reason(&reason.get_untracked()) {
            Ok(checked) => checked,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        error.set(None);
        let appointment = appointment.clone();
        spawn_local(async move {
            let changes = sync.replica.with_untracked(|replica| cancel(replica, &appointment, &checked));
            match sync.change_all(changes).await {
                Ok(()) => message.set(Some((
                    appointment.record.id.clone(),
                    Explanation::new("Uw afspraak is afgezegd.", "Your appointment is cancelled."),
                ))),
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Afspraak afzeggen", "Cancel appointment")}</h2>
            <label for="cancel-reason">{tr("Waarom zegt u af?", "Why do you cancel?")}</label>
            <p id="cancel-reason-hint" class="hint">{move || match language.get() {
                Language::Dutch => format!("Verplicht. Hoogstens {MAX_CANCEL_REASON_CHARS} tekens."),
                Language::English => format!("Required. At most {MAX_CANCEL_REASON_CHARS} characters."),
            }}</p>
            <textarea id="cancel-reason" rows="3" aria-describedby="cancel-reason-hint cancel-reason-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || reason.get()
                on:input=move |event| reason.set(event_target_value(&event))></textarea>
            <p id="cancel-reason-error" class="error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Afspraak afzeggen", "Cancel appointment")}</button>
        </form>
    }
}
