//! The klantfoto screens: one question per screen (crisis questions first), a progress bar, every
//! answer saved at once on the device (`sync`), resume where the client left off, and the result
//! (`result`): a radar chart of the life domains (`radar`), the same scores in words, help for a
//! crisis, and the engine's advice where the policy lets the client see it. The way through the
//! questions and what an answer writes are decided in `shared::journey::klantfoto`.
//!
//! A client fills it in on `/klantfoto` (their own file); an outreach worker fills it in with the
//! client on `/dossiers/:client_id/klantfoto`.

mod questions;
mod radar;
mod result;

use crate::auth::{use_auth, Who};
use crate::files_on_device::{answers_in, klantfoto_of, own_file, NoOwnFileYet};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use questions::{crisis_question, domain_question};
use result::KlantfotoResult;
use serde_json::Value;
use shared::journey::klantfoto::{answer_fields, progress_at, step_after, KlantfotoSet, Step};

/// `/klantfoto`: the client's own.
#[component]
pub fn OwnKlantfotoPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Klantfoto client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title=tr("Klantfoto", "Client profile")/> }.into_any(),
    }
}

/// `/dossiers/:client_id/klantfoto`: filled in with the client.
#[component]
pub fn DossierKlantfotoPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let client_id = params.with(|p| p.get("client_id").unwrap_or_default());
        view! { <Klantfoto client_id/> }
    }
}

#[component]
fn Klantfoto(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let set = KlantfotoSet::embedded();
    let steps = StoredValue::new(set.steps());
    let answers = {
        let client_id = client_id.clone();
        Memo::new(move |_| sync.replica.with(|replica| answers_in(replica, &client_id)))
    };
    // Resume where the client left off.
    let step = RwSignal::new(set.first_unanswered(&answers.get_untracked()));
    let save_error = RwSignal::new(None::<Explanation>);
    // Changing one answer from the overview: then the way on leads back to the overview.
    let changing_one = RwSignal::new(false);

    let record = StoredValue::new(klantfoto_of(&client_id));
    let auth = use_auth();
    let answer = move |field: String, value: Value| {
        // A professional answering on this device fills it in together with the client: say who.
        let who = auth.who.get_untracked();
        let answered_by = match &who {
            Who::LoggedIn { subject, role } => Some((*role, subject.as_str())),
            _ => None,
        };
        let fields = answer_fields(&field, value, answered_by);
        let record = record.get_value();
        let changes = fields.into_iter().map(|(field, value)| (record.clone(), field, value)).collect();
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => save_error.set(None),
                Err(reason) => save_error.set(Some(reason)),
            }
        });
    };
    let screen = move || match step.get() {
        Step::Crisis(i) => crisis_question(i, answers, answer),
        Step::Domain(i) => domain_question(i, answers, answer),
        Step::Summary => {
            view! { <KlantfotoResult client_id=client_id.clone() answers=answers on_change=move |s| {
                changing_one.set(true);
                step.set(s);
            }/> }
            .into_any()
        }
    };
    view! {
        <h1>{tr("Klantfoto", "Client profile")}</h1>
        <p class="hint">{tr(
            "Uw antwoorden worden meteen bewaard, ook zonder internet. U kunt later verder gaan of iets veranderen.",
            "Your answers are saved at once, also offline. You can go on later or change something.",
        )}</p>
        <Progress steps step/>
        {screen}
        <p class="error" role="alert">{say(save_error)}</p>
        <StepButtons steps step changing_one/>
    }
}

/// "Question 3 of 14" and a progress bar, while a question is shown.
#[component]
fn Progress(steps: StoredValue<Vec<Step>>, step: RwSignal<Step>) -> impl IntoView {
    let language = use_language();
    move || {
        let (done, total) = steps.with_value(|steps| progress_at(steps, step.get()));
        (step.get() != Step::Summary).then(|| view! {
            <p id="klantfoto-progress-text">{move || match language.get() {
                Language::Dutch => format!("Vraag {done} van {total}"),
                Language::English => format!("Question {done} of {total}"),
            }}</p>
            <progress id="klantfoto-progress" max=total value=done aria-labelledby="klantfoto-progress-text"></progress>
        })
    }
}

/// Previous and next (or back to the overview, when one answer is being changed from it).
#[component]
fn StepButtons(
    steps: StoredValue<Vec<Step>>,
    step: RwSignal<Step>,
    changing_one: RwSignal<bool>,
) -> impl IntoView {
    let go = move |offset: isize| {
        step.set(steps.with_value(|steps| step_after(steps, step.get_untracked(), offset)))
    };
    let is_first = move || steps.with_value(|steps| steps.first() == Some(&step.get()));
    move || {
        (step.get() != Step::Summary).then(|| view! {
        <div class="step-buttons">
            <button type="button" class="secondary" on:click=move |_| go(-1) disabled=is_first>{tr("Vorige", "Previous")}</button>
            {move || if changing_one.get() {
                view! {
                    <button type="button" on:click=move |_| {
                        changing_one.set(false);
                        step.set(Step::Summary);
                    }>{tr("Terug naar het overzicht", "Back to the overview")}</button>
                }.into_any()
            } else {
                view! { <button type="button" on:click=move |_| go(1)>{tr("Volgende", "Next")}</button> }.into_any()
            }}
        </div>
    })
    }
}
