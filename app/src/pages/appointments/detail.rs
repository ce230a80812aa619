//! One appointment in words (`/afspraken/:id`): when, where, with whom, what to bring and how it
//! stands; while it is booked, "Zet in mijn agenda" (an `.ics` file made on the device), moving it
//! in another free slot and cancelling it.

use super::cancel_form::CancelForm;
use super::slot_picker::SlotPicker;
use super::standing::{cancel_reason_in, status_words};
use crate::clock::now_ms;
use crate::i18n::{tr, use_language, Explanation, Language};
use leptos::prelude::*;
use shared::journey::appointment::{appointment_ics, Appointment, BookingState};
use wasm_bindgen::JsCast;

#[component]
pub(super) fn AppointmentDetail(
    client_id: String,
    appointment: Appointment,
    state: BookingState,
    message: RwSignal<Option<(String, Explanation)>>,
) -> impl IntoView {
    let language = use_language();
    let planned = state == BookingState::Booked;
    let moving = RwSignal::new(false);
    let for_ics = appointment.clone();
    let download = move |_| download_ics(&for_ics, language.get_untracked());
    let for_cancel = appointment.clone();
    view! {
        <AppointmentFacts appointment=appointment.clone() state=state.clone()/>
        {
            let id = appointment.record.id.clone();
            (state != BookingState::Lost).then_some(move || message.get().filter(|(about, _)| *about == id).map(|(_, text)| view! {
                <p class="notice" role="status" id="appointment-message">{text.in_language(language.get()).to_owned()}</p>
            }))
        }
        <Show when=move || planned>
            <div class="actions">
                <button type="button" on:click=download.clone()>{tr("Zet in mijn agenda", "Add to my calendar")}</button>
                <button type="button" class="secondary" aria-expanded=move || moving.get().to_string()
                    on:click=move |_| moving.update(|m| *m = !*m)>{tr("Verzetten", "Move")}</button>
            </div>
        </Show>
        {
            let client_id = client_id.clone();
            let appointment = appointment.clone();
            move || (planned && moving.get()).then(|| view! {
                <section class="card" aria-labelledby="move-heading">
                    <h2 id="move-heading">{tr("Afspraak verzetten", "Move appointment")}</h2>
                    <SlotPicker client_id=client_id.clone() moving=Some(appointment.clone()) message/>
                </section>
            })
        }
        <Show when=move || planned>
            <CancelForm appointment=for_cancel.clone() message/>
        </Show>
    }
}

/// The heading, how the appointment stands (with the cancel reason), and its facts.
#[component]
fn AppointmentFacts(appointment: Appointment, state: BookingState) -> impl IntoView {
    let language = use_language();
    move || {
        let language = language.get();
        let status = status_words(&appointment, &state, language);
        let or = |value: &Option<String>, nl: &str, en: &str| {
            value.clone().unwrap_or_else(|| language.pick(nl, en).to_owned())
        };
        let ends = appointment.ends_at();
        view! {
            <h1>{appointment.title(language)}</h1>
            {status.map(|words| view! {
                <p class="notice notice--refused" id="appointment-status">
                    <strong>{words}</strong>
                    {appointment.cancel_reason.as_deref().map(|reason| {
                        format!(". {}: {}", language.pick("Reden", "Reason"), cancel_reason_in(reason, language))
                    })}
                </p>
            })}
            <dl class="appointment-detail">
                <dt>{language.pick("Wanneer", "When")}</dt>
                <dd id="appointment-when">{format!("{} ({} {:02}:{:02})", appointment.starts_at.in_words(language),
                    language.pick("tot", "until"), ends.hour(), ends.minute())}</dd>
                <dt>{language.pick("Waar", "Where")}</dt>
                <dd id="appointment-where">{or(&appointment.place, "Dat hoort u nog van de gemeente.", "The municipality will tell you.")}</dd>
                <dt>{language.pick("Met wie", "With whom")}</dt>
                <dd id="appointment-with">{or(&appointment.with_whom, "Een medewerker van de gemeente", "Someone who works at the municipality")}</dd>
                <dt>{language.pick("Wat neemt u mee", "What to bring")}</dt>
                <dd id="appointment-bring">{or(&appointment.what_to_bring,
                    "Uw identiteitsbewijs (paspoort, ID-kaart of rijbewijs).",
                    "Your proof of identity (passport, ID card or driving licence).")}</dd>
            </dl>
        }
    }
}

/// Downloads the appointment as `afspraak.ics` (a Blob, never through the network), in the app's language.
fn download_ics(appointment: &Appointment, language: Language) {
    let text = appointment_ics(appointment, now_ms() as i64, language);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|window| window.document());
    if let Some(link) = document
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(language.pick("afspraak.ics", "appointment.ics"));
        link.click();
    }
    // Revoked a little later: the browser reads the Blob after the click.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(10));
}
