//! Route advice ("Route-advies"): fill in a situation and see at once, also offline, what the
//! engine of `shared` decides: eligibility with the norm, the route under the municipality's
//! policy, deadlines, and why. The worker's `POST /api/v1/evaluate` gives the same answer.

use crate::clock::today;
use crate::i18n::{tr, use_language, Language};
use leptos::prelude::*;
use shared::law::advice::{evaluate, Evaluation};
use shared::law::calendar::Date;
use shared::law::eligibility::EligibilityOutcome;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::situation::{ClientSituation, CrisisAnswers, Diagnosis, Household, Housemate};
use shared::law::trace::{euros_en, euros_nl};

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

    /// The situation the engine reads: what cannot be read is unknown (`None`), never a guess.
    fn situation(&self) -> ClientSituation {
        let housemates = self
            .housemates
            .get()
            .iter()
            .map(|birth| Housemate { birth_date: date(birth), commercial_tenancy: false })
            .collect();
        ClientSituation {
            application_date: date(&self.application_date.get()),
            birth_date: date(&self.birth_date.get()),
            municipality: Some(self.municipality.get()).filter(|m| !m.is_empty()),
            household: Some(Household {
                has_partner: self.has_partner.get(),
                partner_birth_date: date(&self.partner_birth_date.get()),
                children_under_18: self.children.get().trim().parse().unwrap_or(0),
                housemates: Some(housemates),
            }),
            monthly_income_cents: cents(&self.income_euros.get()),
            assets_cents: cents(&self.assets_euros.get()),
            lawful_residence: yes_no(&self.lawful_residence.get()),
            in_detention: yes_no(&self.in_detention.get()),
            receives_study_finance: yes_no(&self.study_finance.get()),
            crisis: CrisisAnswers {
                place_to_sleep_tonight: yes_no(&self.place_to_sleep.get()),
                ..CrisisAnswers::default()
            },
            diagnosis: Diagnosis {
                loonwaarde_percent_wml: self.loonwaarde.get().trim().parse().ok().filter(|p| *p <= 100),
                months_to_labour_market: self.months_to_work.get().trim().parse().ok(),
                doelgroepregister_indication: None,
            },
            ..ClientSituation::default()
        }
    }
}

fn date(text: &str) -> Option<Date> {
    Date::parse_iso(text.trim()).ok()
}

fn yes_no(text: &str) -> Option<bool> {
    match text {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => None,
    }
}

/// "1.234,56", "1234.56" or "1234" euros as cents; anything else is unknown.
fn cents(text: &str) -> Option<i64> {
    let text = text.trim().replace(['€', ' '], "");
    let normalised = match (text.rfind(','), text.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => text.replace('.', "").replace(',', "."),
        (Some(_), None) => text.replace(',', "."),
        _ => text.replace(',', ""),
    };
    let (whole, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let fraction_cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(fraction_cents)
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

fn result_view(evaluation: &Evaluation, language: Language) -> impl IntoView {
    let eligibility = &evaluation.eligibility;
    let words = |text: &shared::text::Explanation| text.in_language(language).to_owned();
    let outcome = match &eligibility.outcome {
        EligibilityOutcome::Eligible { monthly_benefit_cents } => view! {
            <p id="outcome" class="outcome outcome--yes">{match language {
                Language::Dutch => format!("Recht op bijstand: {} per maand", euros_nl(*monthly_benefit_cents)),
                Language::English => format!("Right to social assistance: {} per month", euros_en(*monthly_benefit_cents)),
            }}</p>
        }.into_any(),
        EligibilityOutcome::NotEligible { reasons } => view! {
            <p id="outcome" class="outcome outcome--no">{language.pick("Geen recht op bijstand", "No right to social assistance")}</p>
            <ul>{reasons.iter().map(|r| view! { <li>{words(r)}</li> }).collect_view()}</ul>
        }.into_any(),
        EligibilityOutcome::NeedsInformation { missing } => view! {
            <p id="outcome" class="outcome">{language.pick("Om te beslissen is nog nodig:", "To decide, we still need:")}</p>
            <ul>{missing.iter().map(|m| view! { <li>{words(&m.question)}</li> }).collect_view()}</ul>
        }.into_any(),
    };
    let advice = evaluation.advice.as_ref().map(|advice| {
        view! {
            <h3>"Route"</h3>
            <p id="route"><strong>{words(&advice.label)}</strong></p>
            <p>{words(&advice.next_step)}</p>
            <ul>
                {advice.instruments.iter().map(|i| view! {
                    <li>{match (i.max_months, language) {
                        (Some(months), Language::Dutch) => format!("{} (maximaal {months} maanden)", i.label.nl),
                        (Some(months), Language::English) => format!("{} (at most {months} months)", i.label.en),
                        (None, _) => words(&i.label),
                    }}</li>
                }).collect_view()}
            </ul>
            <ul id="deadlines">
                {advice.deadlines.iter().map(|d| {
                    let label = words(&d.label);
                    let text = match (d.due, language) {
                        (Some(due), Language::Dutch) => format!("{label}: uiterlijk {due}"),
                        (Some(due), Language::English) => format!("{label}: {due} at the latest"),
                        (None, Language::Dutch) => format!("{label}: de datum volgt na de stap ervoor"),
                        (None, Language::English) => format!("{label}: the date follows after the step before"),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        }
    });
    let unavailable = evaluation.advice_unavailable.as_ref().map(|reason| view! { <p>{words(reason)}</p> });
    let steps: Vec<String> = eligibility
        .trace
        .iter()
        .chain(evaluation.advice.iter().flat_map(|a| a.trace.iter()))
        .map(|step| words(&step.explanation))
        .collect();
    view! {
        {outcome}
        {advice}
        {unavailable}
        <details>
            <summary>{language.pick("Waarom? Alle stappen", "Why? All steps")}</summary>
            <ol id="trace">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
        </details>
    }
}

#[component]
fn TextField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type=kind id=id inputmode=if kind == "number" { "numeric" } else { "text" }
                prop:value=move || value.get() on:input=move |event| value.set(event_target_value(&event))/>
        </div>
    }
}

#[component]
fn YesNoField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let language = use_language();
    // Rebuilt when the language changes; the chosen value is kept in `value`.
    move || {
        let options = vec![
            ("ja".to_owned(), language.get().pick("Ja", "Yes").to_owned()),
            ("nee".to_owned(), language.get().pick("Nee", "No").to_owned()),
        ];
        view! { <SelectField label id value options/> }
    }
}

#[component]
fn SelectField(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    id: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| value.set(event_target_value(&event))>
                <option value="" selected=move || value.get().is_empty()>{tr("Weet ik niet / kies", "I do not know / choose")}</option>
                {options.into_iter().map(|(key, text)| {
                    let selected_key = key.clone();
                    view! { <option value=key selected=move || value.get() == selected_key>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
