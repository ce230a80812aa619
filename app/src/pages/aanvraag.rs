//! The application for benefit (aanvraag, issue 7): the client files it from the phone, or the
//! outreach worker with the client (`/aanvraag`, `/dossiers/:client_id/aanvraag`). The BSN is
//! checked with the 11-proof on the device (`shared::bsn`) before anything is stored; the aanvraag
//! is a record like every other one: saved on the device first, sent when there is a connection.
//! Once the municipality made a zaak (case) for it, its number, its status and the day it was
//! closed come back through the sync (fields only the worker writes,
//! `RecordKind::set_by_the_municipality`). The BSN itself is never shown again.

use crate::auth::use_auth;
use crate::clock::today;
use crate::files_on_device::{own_file, NoOwnFileYet};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::permissions::may;
use crate::sync::use_sync;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde_json::Value;
use shared::bsn::Bsn;
use shared::law::calendar::Date;
use shared::law::local_time::date_in_words;
use shared::sync::access::{Access, Resource};
use shared::sync::merge::{FieldView, Replica};
use shared::sync::record::{DataClass, Owner, RecordKind, RecordRef};

/// One aanvraag as the device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Filed {
    id: String,
    submitted_on: Option<Date>,
    zaak_identificatie: Option<String>,
    zaak_status: Option<String>,
    zaak_closed_on: Option<Date>,
}

/// The client's aanvragen on this device, newest first.
fn aanvragen_of(replica: &Replica, client_id: &str) -> Vec<Filed> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut filed: Vec<Filed> = replica
        .records_of_kind(RecordKind::Aanvraag)
        .into_iter()
        .filter(|(record, _)| record.owner == owner)
        .map(|(record, fields)| {
            let text = |name: &str| match fields.get(name) {
                Some(FieldView::Value(Value::String(text))) => Some(text.clone()),
                _ => None,
            };
            let date = |name: &str| text(name).and_then(|day| Date::parse_iso(&day).ok());
            Filed {
                id: record.id,
                submitted_on: date("submitted_on"),
                zaak_identificatie: text("zaak_identificatie"),
                zaak_status: text("zaak_status"),
                zaak_closed_on: date("zaak_closed_on"),
            }
        })
        .collect();
    filed.sort_by(|a, b| b.submitted_on.cmp(&a.submitted_on).then_with(|| a.id.cmp(&b.id)));
    filed
}

/// `/aanvraag`: the client's own.
#[component]
pub fn OwnAanvraagPage() -> impl IntoView {
    let sync = use_sync();
    let own = Memo::new(move |_| sync.replica.with(own_file));
    move || match own.get() {
        Some(client_id) => view! { <Aanvraag client_id/> }.into_any(),
        None => view! { <NoOwnFileYet title=tr("Bijstand aanvragen", "Apply for benefit")/> }.into_any(),
    }
}

/// `/dossiers/:client_id/aanvraag`: the outreach worker (or consulent) with the client.
#[component]
pub fn DossierAanvraagPage() -> impl IntoView {
    let params = use_params_map();
    let client_id = Memo::new(move |_| params.with(|p| p.get("client_id").unwrap_or_default()));
    move || view! { <Aanvraag client_id=client_id.get()/> }
}

#[component]
fn Aanvraag(client_id: String) -> impl IntoView {
    let auth = use_auth();
    let may_file = move || may(&auth.who.get(), Resource::Data(DataClass::Details), Access::Write);
    let form_client = client_id.clone();
    view! {
        <h1>{tr("Bijstand aanvragen", "Apply for benefit")}</h1>
        <p>{tr(
            "Hier vraagt u een bijstandsuitkering aan bij uw gemeente. De gemeente maakt er een zaak van. U ziet hier het nummer en hoe ver de gemeente is.",
            "Here you apply for benefit at your municipality. The municipality makes a case of it. You see its number here and how far the municipality is.",
        )}</p>
        <FiledList client_id/>
        {move || may_file().then(|| view! { <AanvraagForm client_id=form_client.clone()/> })}
    }
}

/// The aanvragen filed so far, with what the municipality made of them.
#[component]
fn FiledList(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let filed = Memo::new(move |_| sync.replica.with(|replica| aanvragen_of(replica, &client_id)));
    move || {
        let filed = filed.get();
        if filed.is_empty() {
            return view! { <p id="no-aanvraag">{tr("U heeft nog geen aanvraag gedaan.", "You have not applied yet.")}</p> }
                .into_any();
        }
        view! {
            <section class="card" aria-labelledby="aanvragen-heading">
                <h2 id="aanvragen-heading">{tr("Uw aanvragen", "Your applications")}</h2>
                <ul id="aanvragen">
                    {filed.into_iter().map(|aanvraag| view! { <FiledItem aanvraag language/> }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}

#[component]
fn FiledItem(aanvraag: Filed, language: RwSignal<Language>) -> impl IntoView {
    let Filed { submitted_on, zaak_identificatie, zaak_status, zaak_closed_on, .. } = aanvraag;
    let when = move || match (submitted_on, language.get()) {
        (Some(day), language) => {
            format!("{} {}", language.pick("Aanvraag van", "Application of"), date_in_words(day, language))
        }
        (None, language) => language.pick("Aanvraag", "Application").to_owned(),
    };
    let number = move || {
        match (&zaak_identificatie, language.get()) {
        (Some(number), Language::Dutch) => format!("Zaaknummer bij de gemeente: {number}"),
        (Some(number), Language::English) => format!("Case number at the municipality: {number}"),
        (None, language) => language
            .pick(
                "Nog geen zaaknummer. Dat komt als de gemeente uw aanvraag heeft. Zonder internet wacht de aanvraag veilig op dit apparaat.",
                "No case number yet. It comes when the municipality has your application. Without internet the application waits safely on this device.",
            )
            .to_owned(),
    }
    };
    let status = move || {
        zaak_status.as_ref().map(|status| match language.get() {
            Language::Dutch => format!("Status bij de gemeente: {status}"),
            Language::English => format!("Status at the municipality: {status}"),
        })
    };
    let closed = move || {
        zaak_closed_on.map(|day| match language.get() {
            Language::Dutch => {
                format!("Afgesloten door de gemeente op {}.", date_in_words(day, Language::Dutch))
            }
            Language::English => {
                format!("Closed by the municipality on {}.", date_in_words(day, Language::English))
            }
        })
    };
    view! {
        <li class="aanvraag">
            <p><strong>{when}</strong></p>
            <p class="zaak-number">{number}</p>
            {move || status().map(|text| view! { <p class="zaak-status">{text}</p> })}
            {move || closed().map(|text| view! { <p>{text}</p> })}
        </li>
    }
}

/// A new aanvraag: the BSN, checked on the device; the day it is filed is today.
#[component]
fn AanvraagForm(client_id: String) -> impl IntoView {
    let sync = use_sync();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Explanation>);
    let saved = RwSignal::new(None::<Explanation>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        saved.set(None);
        let bsn = match Bsn::from_typed(&typed.get_untracked()) {
            Ok(bsn) => bsn,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        error.set(None);
        let record = RecordRef {
            kind: RecordKind::Aanvraag,
            id: crate::sync_store::random_uuid(),
            owner: Owner::Client { client_id: client_id.clone() },
        };
        let changes = vec![
            (record.clone(), "bsn".to_owned(), Value::from(bsn.as_str())),
            (record, "submitted_on".to_owned(), Value::from(today().to_string())),
        ];
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    typed.set(String::new());
                    saved.set(Some(Explanation::new(
                        "Uw aanvraag is bewaard. Hij gaat naar de gemeente zodra er internet is.",
                        "Your application is saved. It goes to the municipality as soon as there is internet.",
                    )));
                }
                Err(why) => error.set(Some(why)),
            }
        });
    };
    view! {
        <form id="aanvraag-form" class="card" on:submit=on_submit novalidate>
            <h2>{tr("Nieuwe aanvraag", "New application")}</h2>
            <label for="bsn">{tr("Uw BSN (burgerservicenummer)", "Your BSN (citizen service number)")}</label>
            <p id="bsn-hint" class="hint">{tr(
                "9 cijfers. U vindt het op uw paspoort, ID-kaart of rijbewijs.",
                "9 digits. You can find it on your passport, ID card or driving licence.",
            )}</p>
            <input
                id="bsn"
                name="bsn"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                aria-describedby="bsn-hint bsn-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || typed.get()
                on:input=move |event| typed.set(event_target_value(&event))
            />
            <p id="bsn-error" class="error" role="alert">{say(error)}</p>
            <p id="aanvraag-saved" role="status">{say(saved)}</p>
            <button type="submit">{tr("Aanvraag versturen", "Send application")}</button>
        </form>
    }
}
