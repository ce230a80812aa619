//! Route advice ("Route-advies"): fill in a situation and see at once, also offline, what the
//! engine of `shared` decides: eligibility with the norm, the route under the municipality's
//! policy, deadlines, and why. The worker's `POST /api/v1/evaluate` gives the same answer.

mod fields;
mod result;

use crate::clock::today;
use crate::i18n::{tr, use_language, Language};
use fields::{SelectField, TextField, YesNoField};
use leptos::prelude::*;
use result::result_view;
use shared::law::advice::evaluate;
use shared::law::advice_form::AdviceForm;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::situation::ClientSituation;

/// The form as typed: text, so that half-typed input never loses what was typed.
#[derive(Clone, Copy)]
struct Form {
    municipality: RwSignal<String>,
    application_date: RwSignal<String>,
    birth_date: RwSignal<String>,
    has_partner: RwSignal<bool>,
    partner_birth_date: RwSignal<String>,
    children: RwSignal<String>,
    housemates: RwSignal<Vec<String>>,
    income_euros: RwSignal<String>,
    assets_euros: RwSignal<String>,
    lawful_residence: RwSignal<String>,
    in_detention: RwSignal<String>,
    study_finance: RwSignal<String>,
    place_to_sleep: RwSignal<String>,
    loonwaarde: RwSignal<String>,
    months_to_work: RwSignal<String>,
}

impl Form {
    fn new() -> Form {
        Form {
            municipality: RwSignal::new(String::new()),
            application_date: RwSignal::new(today().to_string()),
            birth_date: RwSignal::new(String::new()),
            has_partner: RwSignal::new(false),
            partner_birth_date: RwSignal::new(String::new()),
            children: RwSignal::new("0".to_owned()),
            housemates: RwSignal::new(Vec::new()),
            income_euros: RwSignal::new(String::new()),
            assets_euros: RwSignal::new(String::new()),
            lawful_residence: RwSignal::new(String::new()),
            in_detention: RwSignal::new(String::new()),
            study_finance: RwSignal::new(String::new()),
            place_to_sleep: RwSignal::new(String::new()),
            loonwaarde: RwSignal::new(String::new()),
            months_to_work: RwSignal::new(String::new()),
        }
    }

    /// The form as typed (`shared::law::advice_form`), read as the situation the engine decides on.
    fn situation(&self) -> ClientSituation {
        AdviceForm {
            municipality: self.municipality.get(),
            application_date: self.application_date.get(),
            birth_date: self.birth_date.get(),
            has_partner: self.has_partner.get(),
            partner_birth_date: self.partner_birth_date.get(),
            children: self.children.get(),
            housemates: self.housemates.get(),
            income_euros: self.income_euros.get(),
            assets_euros: self.assets_euros.get(),
            lawful_residence: self.lawful_residence.get(),
            in_detention: self.in_detention.get(),
            study_finance: self.study_finance.get(),
            place_to_sleep: self.place_to_sleep.get(),
            loonwaarde: self.loonwaarde.get(),
            months_to_work: self.months_to_work.get(),
        }
        .situation()
    }
}

#[component]
pub fn AdvicePage() -> impl IntoView {
    let language = use_language();
    let form = Form::new();
    let evaluation =
        Memo::new(move |_| evaluate(&form.situation(), LegalParameters::embedded(), embedded_policies()));
    let housemate_indices = move || (0..form.housemates.get().len()).collect::<Vec<usize>>();
    view! {
        <h1>{tr("Route-advies", "Route advice")}</h1>
        <p>{tr(
            "Vul in wat u weet. Het advies verandert meteen, ook zonder internet. Laat leeg wat u niet weet.",
            "Fill in what you know. The advice changes at once, also offline. Leave empty what you do not know.",
        )}</p>
        <form class="card advice-form" on:submit=|event| event.prevent_default()>
            <SelectField label=tr("Gemeente", "Municipality") id="municipality" value=form.municipality
                options=embedded_policies().iter().map(|p| (p.id.clone(), p.name.clone())).collect()/>
            <TextField label=tr("Datum van de aanvraag", "Date of the application") id="application-date" kind="date" value=form.application_date/>
            <TextField label=tr("Geboortedatum", "Date of birth") id="birth-date" kind="date" value=form.birth_date/>
            <div class="field">
                <label class="checkbox">
                    <input type="checkbox" id="has-partner" prop:checked=move || form.has_partner.get()
                        on:change=move |event| form.has_partner.set(event_target_checked(&event))/>
                    {tr("Ik woon samen met een partner", "I live together with a partner")}
                </label>
            </div>
            <Show when=move || form.has_partner.get()>
                <TextField label=tr("Geboortedatum van uw partner", "Date of birth of your partner") id="partner-birth-date" kind="date" value=form.partner_birth_date/>
            </Show>
            <TextField label=tr("Aantal kinderen onder de 18", "Number of children under 18") id="children" kind="number" value=form.children/>
            <fieldset class="field">
                <legend>{tr("Andere volwassenen in uw huis", "Other adults in your home")}</legend>
                <For each=housemate_indices key=|index| *index let:index>
                    <label for=format!("housemate-{index}")>{move || match language.get() {
                        Language::Dutch => format!("Geboortedatum huisgenoot {}", index + 1),
                        Language::English => format!("Date of birth of housemate {}", index + 1),
                    }}</label>
                    <input type="date" id=format!("housemate-{index}")
                        prop:value=move || form.housemates.get().get(index).cloned().unwrap_or_default()
                        on:input=move |event| form.housemates.update(|h| if let Some(slot) = h.get_mut(index) { *slot = event_target_value(&event) })/>
                </For>
                <button type="button" class="secondary" on:click=move |_| form.housemates.update(|h| h.push(String::new()))>
                    {tr("Huisgenoot toevoegen", "Add a housemate")}
                </button>
            </fieldset>
            <TextField label=tr("Inkomen per maand, netto (euro)", "Income per month, net (euros)") id="income" kind="text" value=form.income_euros/>
            <TextField label=tr("Spaargeld en bezit, min schulden (euro)", "Savings and property, minus debts (euros)") id="assets" kind="text" value=form.assets_euros/>
            <YesNoField label=tr("Woont u rechtmatig in Nederland?", "Do you live in the Netherlands lawfully?") id="lawful-residence" value=form.lawful_residence/>
            <YesNoField label=tr("Zit u nu in detentie?", "Are you in detention now?") id="in-detention" value=form.in_detention/>
            <YesNoField label=tr("Krijgt u studiefinanciering?", "Do you get student finance?") id="study-finance" value=form.study_finance/>
            <YesNoField label=tr("Heeft u vannacht een slaapplek?", "Do you have a place to sleep tonight?") id="place-to-sleep" value=form.place_to_sleep/>
            <TextField label=tr("Loonwaarde (% van het minimumloon), als die bekend is", "Wage value (% of the minimum wage), if it is known") id="loonwaarde" kind="number" value=form.loonwaarde/>
            <TextField label=tr("Over hoeveel maanden kunt u bij een gewone werkgever werken?", "In how many months can you work for a regular employer?") id="months-to-work" kind="number" value=form.months_to_work/>
        </form>
        <section class="card advice-result" aria-live="polite" aria-labelledby="advice-result-title">
            <h2 id="advice-result-title">{tr("Uitkomst", "Outcome")}</h2>
            {move || result_view(&evaluation.get(), language.get())}
        </section>
    }
}
