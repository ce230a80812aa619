//! For policy makers (and anyone curious: policies hold no personal data): the municipalities'
//! policies in words (`/beleid`, `/beleid/:policy_id`), and the engine's simulation of an anonymous
//! caseload under every policy, as a table and a chart (`/beleid/simulatie`). Everything runs on
//! the device, also offline: the policies are built into the app, the simulation is
//! `shared::law::simulation`, the made-up caseload `shared::journey::synthetic_caseload`, a pasted or chosen
//! caseload file is read by `shared::law::caseload`. Nothing is sent anywhere.

use crate::auth::{use_auth, Who};
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Language};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::journey::synthetic_caseload::{synthetic_caseload, MAX_SIZE};
use shared::law::caseload::{read_caseload, CaseloadError, CaseloadFormat, CSV_COLUMNS};
use shared::law::parameters::LegalParameters;
use shared::law::policy::{
    embedded_policies, Band, DayCount, DeadlineStart, Instrument, PolicyProfile, RouteKind, SelectionInput,
};
use shared::law::simulation::{per_mille, percent_text, simulate, Simulation};
use shared::role::Role;
use shared::sync::access::{decide, Access, Decision, Relation, Resource};
use shared::text::Explanation;
use wasm_bindgen::JsCast;

/// In the main menu, for policy makers and consulents.
#[component]
pub fn PolicyLink() -> impl IntoView {
    let auth = use_auth();
    move || {
        matches!(auth.who.get(), Who::LoggedIn { role: Role::PolicyMaker | Role::Consulent, .. })
            .then(|| view! { <A href="/beleid">{tr("Beleid", "Policy")}</A> })
    }
}

/// May whoever uses this device read policies and simulate? `shared::sync::access` decides for a signed-in
/// person; policies and anonymous simulation hold no personal data, so they are public (like the
/// route advice) for whoever is not signed in.
fn refusal(who: &Who) -> Option<Explanation> {
    match who {
        Who::LoggedIn { role, .. } => {
            match decide(*role, Relation::default(), Resource::PoliciesAndSimulation, Access::Read) {
                Decision::Allowed => None,
                Decision::Denied(reason) => Some(reason),
            }
        }
        _ => None,
    }
}

/// The page, or the reason it may not be shown.
fn when_allowed<V: IntoView + 'static>(page: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let auth = use_auth();
    let language = use_language();
    move || match refusal(&auth.who.get()) {
        None => page().into_any(),
        Some(reason) => view! {
            <h1>{tr("Beleid", "Policy")}</h1>
            <p role="alert">{move || reason.in_language(language.get()).to_owned()}</p>
        }
        .into_any(),
    }
}

/// The version of each policy that is valid today (or its latest version).
fn current_policies() -> Vec<&'static PolicyProfile> {
    let day = today();
    let mut ids: Vec<&str> = embedded_policies().iter().map(|p| p.id.as_str()).collect();
    ids.dedup();
    ids.into_iter().filter_map(|id| current_policy(id, day)).collect()
}

fn current_policy(id: &str, day: shared::law::calendar::Date) -> Option<&'static PolicyProfile> {
    let versions = embedded_policies().iter().filter(|p| p.id == id);
    versions.clone().find(|p| p.is_valid_on(day)).or_else(|| versions.max_by_key(|p| p.valid_from))
}

fn validity(policy: &PolicyProfile, language: Language) -> String {
    match (policy.valid_until, language) {
        (None, Language::Dutch) => format!("Geldig vanaf {}.", policy.valid_from),
        (None, Language::English) => format!("Valid from {}.", policy.valid_from),
        (Some(until), Language::Dutch) => format!("Geldig van {} tot {until}.", policy.valid_from),
        (Some(until), Language::English) => format!("Valid from {} until {until}.", policy.valid_from),
    }
}

/// "Bron: …" / "Source: …": where in the seed documents a rule comes from (quotes stay as written).
fn source_line(source: &str, language: Language) -> impl IntoView {
    view! { <p class="source">{language.pick("Bron: ", "Source: ")}<span class="source-text">{source.to_owned()}</span></p> }
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let language = use_language();
    when_allowed(move || {
        let language = language.get();
        view! {
            <h1>{language.pick("Beleid van de gemeenten", "The municipalities' policies")}</h1>
            <p>{language.pick(
                "Elke gemeente kiest zelf wie welke hulp krijgt. Hier leest u het beleid dat in Naar Vermogen zit, met de bron van elke regel.",
                "Each municipality chooses who gets which help. Here you read the policies that Naar Vermogen knows, with the source of every rule.",
            )}</p>
            <p><A href="/beleid/simulatie" attr:class="button">{language.pick("Simulatie: dezelfde cliënten onder elk beleid", "Simulation: the same clients under each policy")}</A></p>
            <ul class="policy-list" id="policy-list">
                {current_policies().into_iter().map(|policy| view! {
                    <li class="card">
                        <h2><A href=format!("/beleid/{}", policy.id)>{policy.name.clone()}</A></h2>
                        <p>
                            {language.pick("Gemeente: ", "Municipality: ")}
                            <span class="municipalities">{policy.municipalities.join(", ")}</span>
                        </p>
                        <p>{validity(policy, language)}</p>
                        {source_line(&policy.source, language)}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let language = use_language();
    let params = use_params_map();
    when_allowed(move || {
        let language = language.get();
        let id = params.with(|p| p.get("policy_id").unwrap_or_default());
        match current_policy(&id, today()) {
            Some(policy) => policy_in_words(policy, language).into_any(),
            None => view! {
                <h1>{language.pick("Dit beleid bestaat niet", "This policy does not exist")}</h1>
                <p><A href="/beleid">{language.pick("Naar alle beleid", "To all policies")}</A></p>
            }
            .into_any(),
        }
    })
}

fn selection_words(input: SelectionInput, language: Language) -> &'static str {
    match input {
        SelectionInput::Loonwaarde => language.pick(
            "Op de loonwaarde: wat iemands werk waard is, in procenten van het minimumloon.",
            "On the wage value: what someone's work is worth, as a percentage of the minimum wage.",
        ),
        SelectionInput::MonthsToLabourMarket => language.pick(
            "Op de tijd tot werk: over hoeveel maanden iemand bij een gewone werkgever kan werken.",
            "On the time to work: in how many months someone can work at a regular employer.",
        ),
        SelectionInput::Nothing => language.pick(
            "Niet: iedereen zonder betaald werk volgt dezelfde route.",
            "It does not: everyone without paid work follows the same route.",
        ),
    }
}

/// Who gets a route, in words.
fn band_words(input: SelectionInput, band: Option<Band>, language: Language) -> String {
    match (input, band) {
        (SelectionInput::Loonwaarde, Some(Band { from, below: Some(below) })) => match language {
            Language::Dutch => format!("Loonwaarde van {from}% tot {below}% van het minimumloon."),
            Language::English => format!("Wage value from {from}% up to {below}% of the minimum wage."),
        },
        (SelectionInput::Loonwaarde, Some(Band { from, below: None })) => match language {
            Language::Dutch => format!("Loonwaarde van {from}% van het minimumloon of meer."),
            Language::English => format!("Wage value of {from}% of the minimum wage or more."),
        },
        (SelectionInput::MonthsToLabourMarket, Some(Band { from: 0, below: Some(below) })) => {
            match language {
                Language::Dutch => {
                    format!("Kan binnen {} maanden bij een gewone werkgever werken.", below - 1)
                }
                Language::English => format!("Can work at a regular employer within {} months.", below - 1),
            }
        }
        (SelectionInput::MonthsToLabourMarket, Some(Band { from, below: Some(below) })) => match language {
            Language::Dutch => {
                format!("Kan over {from} tot {} maanden bij een gewone werkgever werken.", below - 1)
            }
            Language::English => format!("Can work at a regular employer in {from} to {} months.", below - 1),
        },
        (SelectionInput::MonthsToLabourMarket, Some(Band { from, below: None })) => match language {
            Language::Dutch => {
                format!("Heeft {from} maanden of langer nodig voor werk bij een gewone werkgever.")
            }
            Language::English => format!("Needs {from} months or more before work at a regular employer."),
        },
        _ => language.pick("Iedereen zonder betaald werk.", "Everyone without paid work.").to_owned(),
    }
}

fn instrument_words(instrument: &Instrument, language: Language) -> String {
    let label = instrument.label.in_language(language);
    match (instrument.max_months, instrument.extensions, language) {
        (None, _, _) => label.to_owned(),
        (Some(months), 0, Language::Dutch) => format!("{label}: maximaal {months} maanden"),
        (Some(months), 0, Language::English) => format!("{label}: at most {months} months"),
        (Some(months), times, Language::Dutch) => {
            format!("{label}: maximaal {months} maanden, {times} keer te verlengen")
        }
        (Some(months), times, Language::English) => {
            format!("{label}: at most {months} months, {times} extension(s) possible")
        }
    }
}

fn policy_in_words(policy: &'static PolicyProfile, language: Language) -> impl IntoView {
    let words = move |text: &Explanation| text.in_language(language).to_owned();
    let routes = policy
        .routes
        .iter()
        .map(|route| {
            let instruments: Vec<String> = route
                .instruments
                .iter()
                .filter_map(|id| policy.instrument(id))
                .map(|i| instrument_words(i, language))
                .collect();
            view! {
                <section class="card route" aria-labelledby=format!("route-{}", route.id)>
                    <h3 id=format!("route-{}", route.id)>{words(&route.label)}</h3>
                    <p><strong>{language.pick("Voor wie: ", "Who: ")}</strong>{band_words(policy.selection_input, route.band, language)}</p>
                    <p><strong>{language.pick("Soort route: ", "Kind of route: ")}</strong>{words(&route.kind.label())}</p>
                    <p><strong>{language.pick("Wat er gebeurt: ", "What happens: ")}</strong>{words(&route.next_step)}</p>
                    {(!instruments.is_empty()).then(|| view! {
                        <p><strong>{language.pick("Voorzieningen:", "Instruments:")}</strong></p>
                        <ul>{instruments.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    })}
                    {source_line(&route.source, language)}
                </section>
            }
        })
        .collect_view();
    let instruments = policy
        .instruments
        .iter()
        .map(|instrument| view! { <li>{instrument_words(instrument, language)}{source_line(&instrument.source, language)}</li> })
        .collect_view();
    let deadlines = policy
        .deadlines
        .iter()
        .map(|rule| {
            let unit = match rule.count {
                DayCount::CalendarDays => language.pick("dagen", "days"),
                DayCount::WorkingDays => language.pick("werkdagen", "working days"),
            };
            let after = match rule.after {
                DeadlineStart::Application => {
                    language.pick("de aanvraag of melding", "the application or report")
                }
                DeadlineStart::ReportBack => language.pick("het terugmelden", "reporting back"),
                DeadlineStart::GroupIntake => language.pick("de groepsintake", "the group intake"),
            };
            let text = match language {
                Language::Dutch => format!("{}: binnen {} {unit} na {after}", rule.label.nl, rule.days),
                Language::English => format!("{}: within {} {unit} of {after}", rule.label.en, rule.days),
            };
            view! { <li>{text}{source_line(&rule.source, language)}</li> }
        })
        .collect_view();
    let package = policy.inspanningspakket.as_ref().map(|package| {
        let report_back = policy
            .deadlines
            .iter()
            .find(|d| d.id == package.report_back_deadline)
            .map(|d| words(&d.label))
            .unwrap_or_default();
        let education = package.look_into_education_under_age.map(|age| match language {
            Language::Dutch => format!("Wie jonger is dan {age}, kijkt ook naar een opleiding."),
            Language::English => format!("Anyone younger than {age} also looks into an education."),
        });
        view! {
            <h2>{language.pick("Inspanningspakket", "Job search tasks")}</h2>
            <ul>
                <li>{match language {
                    Language::Dutch => format!("{} sollicitaties", package.applications),
                    Language::English => format!("{} job applications", package.applications),
                }}</li>
                <li>{match language {
                    Language::Dutch => format!("Inschrijven bij {} uitzendbureaus", package.temp_agencies),
                    Language::English => format!("Register with {} temp agencies", package.temp_agencies),
                }}</li>
                <li>{report_back}</li>
                {education.map(|e| view! { <li>{e}</li> })}
            </ul>
            {(!package.documents.is_empty()).then(|| view! {
                <p>{language.pick("Bewijsstukken om mee te nemen:", "Documents to bring:")}</p>
                <ul>{package.documents.iter().map(|d| view! { <li>{words(&d.label)}</li> }).collect_view()}</ul>
            })}
            {source_line(&package.source, language)}
        }
    });
    let advance = policy.legal_advance.as_ref().map(|advance| {
        view! {
            <h2>{language.pick("Wettelijk voorschot", "Legal advance")}</h2>
            <p id="legal-advance">{match language {
                Language::Dutch => format!(
                    "Duurt de beslissing langer dan {} weken, dan krijgt de aanvrager een voorschot van {}% van de norm.",
                    advance.after_weeks, advance.percent_of_norm
                ),
                Language::English => format!(
                    "If the decision takes longer than {} weeks, the applicant gets an advance of {}% of the norm.",
                    advance.after_weeks, advance.percent_of_norm
                ),
            }}</p>
            {source_line(&advance.source, language)}
        }
    });
    let input_name = match policy.selection_input {
        SelectionInput::Loonwaarde => language.pick("de loonwaarde", "the wage value"),
        SelectionInput::MonthsToLabourMarket => language.pick("de tijd tot werk", "the time to work"),
        SelectionInput::Nothing => "",
    };
    view! {
        <h1>{policy.name.clone()}</h1>
        <p>{language.pick("Gemeente: ", "Municipality: ")}<span class="municipalities">{policy.municipalities.join(", ")}</span></p>
        <p>{validity(policy, language)}</p>
        {source_line(&policy.source, language)}
        <p>{if policy.show_advice_to_client {
            language.pick("Cliënten zien hun route-advies in hun eigen app.", "Clients see their route advice in their own app.")
        } else {
            language.pick("Cliënten zien hun route-advies niet zelf: de consulent bespreekt het met hen.", "Clients do not see their route advice themselves: the consultant discusses it with them.")
        }}</p>
        <h2>{language.pick("Hoe kiest dit beleid een route?", "How does this policy choose a route?")}</h2>
        <p id="selection-input">{selection_words(policy.selection_input, language)}</p>
        <p>{match (policy.selection_input, language) {
            (SelectionInput::Nothing, Language::Dutch) => "Eén regel gaat voor: bij een crisis (geen slaapplek, geen eten of niet veilig) eerst de crisis oplossen.".to_owned(),
            (SelectionInput::Nothing, Language::English) => "One rule comes first: in a crisis (no place to sleep, no food or not safe) solve the crisis first.".to_owned(),
            (_, Language::Dutch) => format!("Twee regels gaan voor: bij een crisis (geen slaapplek, geen eten of niet veilig) eerst de crisis oplossen; is {input_name} nog niet bekend, dan eerst meer onderzoek."),
            (_, Language::English) => format!("Two rules come first: in a crisis (no place to sleep, no food or not safe) solve the crisis first; while {input_name} is not known, more diagnosis first."),
        }}</p>
        <h2>{language.pick("Routes", "Routes")}</h2>
        {routes}
        {(!policy.instruments.is_empty()).then(|| view! {
            <h2>{language.pick("Voorzieningen en hun termijnen", "Instruments and their time limits")}</h2>
            <ul class="rules">{instruments}</ul>
        })}
        {(!policy.deadlines.is_empty()).then(|| view! {
            <h2>{language.pick("Termijnen", "Deadlines")}</h2>
            <ul class="rules" id="deadline-rules">{deadlines}</ul>
        })}
        {package}
        {advance}
        <p><A href="/beleid">{language.pick("Naar alle beleid", "To all policies")}</A></p>
        <p><A href="/beleid/simulatie">{language.pick("Naar de simulatie", "To the simulation")}</A></p>
    }
}

/// Which caseload to simulate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Synthetic,
    Own,
}

/// What was simulated, for the caption.
#[derive(Clone)]
struct Outcome {
    simulation: Simulation,
    synthetic: bool,
}

#[component]
pub fn SimulationPage() -> impl IntoView {
    when_allowed(simulation_page)
}

fn simulation_page() -> impl IntoView {
    let language = use_language();
    let choice = RwSignal::new(Choice::Synthetic);
    let size = RwSignal::new("1000".to_owned());
    let seed = RwSignal::new("2026".to_owned());
    let own_text = RwSignal::new(String::new());
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let error: RwSignal<Option<Explanation>> = RwSignal::new(None);
    let run = move || {
        let attempt = match choice.get_untracked() {
            Choice::Synthetic => synthetic(&size.get_untracked(), &seed.get_untracked()).map(|c| (c, true)),
            Choice::Own => own(&own_text.get_untracked()).map(|c| (c, false)),
        };
        match attempt {
            // A bad caseload changes nothing: the last result stays as it was.
            Err(reason) => error.set(Some(reason)),
            Ok((caseload, synthetic)) => {
                let simulation = simulate(&caseload, embedded_policies_today(), LegalParameters::embedded());
                error.set(None);
                outcome.set(Some(Outcome { simulation, synthetic }));
            }
        }
    };
    let on_file = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                Some(text) => own_text.set(text),
                None => error.set(Some(Explanation::new(
                    "Dit bestand kon niet worden gelezen. Kies een tekstbestand (CSV of JSONL).",
                    "This file could not be read. Choose a text file (CSV or JSONL).",
                ))),
            }
        });
    };
    let columns = CSV_COLUMNS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    view! {
        <h1>{tr("Simulatie: dezelfde cliënten onder elk beleid", "Simulation: the same clients under each policy")}</h1>
        <p>{tr(
            "Wat gebeurt er met dezelfde groep cliënten onder het beleid van elke gemeente? De berekening gebeurt op dit apparaat, ook zonder internet. Er gaat niets naar de server.",
            "What happens to the same group of clients under each municipality's policy? The calculation runs on this device, also offline. Nothing is sent to the server.",
        )}</p>
        <form class="card" id="simulation-form" novalidate on:submit=move |event| { event.prevent_default(); run(); }>
            <fieldset class="field">
                <legend>{tr("Welke cliënten?", "Which clients?")}</legend>
                <label class="choice">
                    <input type="radio" name="caseload" id="caseload-synthetic" prop:checked=move || choice.get() == Choice::Synthetic
                        on:change=move |_| choice.set(Choice::Synthetic)/>
                    {tr("Verzonnen cliënten: geen echte gegevens", "Made-up clients: no real data")}
                </label>
                <label class="choice">
                    <input type="radio" name="caseload" id="caseload-own" prop:checked=move || choice.get() == Choice::Own
                        on:change=move |_| choice.set(Choice::Own)/>
                    {tr("Een eigen bestand, zonder namen (CSV of JSONL)", "A file of your own, without names (CSV or JSONL)")}
                </label>
            </fieldset>
            <Show when=move || choice.get() == Choice::Synthetic>
                <div class="field">
                    <label for="caseload-size">{tr("Aantal cliënten", "Number of clients")}</label>
                    <p class="hint" id="caseload-size-hint">{move || match language.get() {
                        Language::Dutch => format!("1 tot en met {MAX_SIZE}."),
                        Language::English => format!("1 to {MAX_SIZE}."),
                    }}</p>
                    <input type="number" id="caseload-size" inputmode="numeric" min="1" max=MAX_SIZE.to_string() aria-describedby="caseload-size-hint"
                        prop:value=move || size.get() on:input=move |e| size.set(event_target_value(&e))/>
                </div>
                <div class="field">
                    <label for="caseload-seed">{tr("Startgetal", "Seed")}</label>
                    <p class="hint" id="caseload-seed-hint">{tr(
                        "Hetzelfde startgetal geeft dezelfde cliënten. Zo kunt u een simulatie herhalen.",
                        "The same seed gives the same clients, so that you can repeat a simulation.",
                    )}</p>
                    <input type="number" id="caseload-seed" inputmode="numeric" min="0" aria-describedby="caseload-seed-hint"
                        prop:value=move || seed.get() on:input=move |e| seed.set(event_target_value(&e))/>
                </div>
            </Show>
            <Show when=move || choice.get() == Choice::Own>
                <div class="field">
                    <label for="caseload-text">{tr("Cliënten: één per regel", "Clients: one per line")}</label>
                    <p class="hint" id="caseload-text-hint">
                        {tr(
                            "CSV met een kopregel, of één JSON-object per regel. Een leeg vak betekent: niet bekend. De kolommen zijn: ",
                            "CSV with a header row, or one JSON object per line. An empty cell means: not known. The columns are: ",
                        )}
                        <span class="column-names">{columns.clone()}</span>
                    </p>
                    <textarea id="caseload-text" rows="8" aria-describedby="caseload-text-hint"
                        prop:value=move || own_text.get() on:input=move |e| own_text.set(event_target_value(&e))></textarea>
                </div>
                <div class="field">
                    <label for="caseload-file">{tr("Of kies een bestand", "Or choose a file")}</label>
                    <input type="file" id="caseload-file" accept=".csv,.jsonl,.txt,text/csv" on:change=on_file/>
                </div>
            </Show>
            <p class="error" id="simulation-error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Simulatie starten", "Run the simulation")}</button>
        </form>
        {move || outcome.get().map(|outcome| view! { <SimulationResult outcome/> })}
    }
}

fn embedded_policies_today() -> &'static [PolicyProfile] {
    // Every embedded policy is valid today (a test in shared checks it); older versions would be
    // left out here once there are any.
    embedded_policies()
}

fn synthetic(size: &str, seed: &str) -> Result<Vec<shared::law::situation::ClientSituation>, Explanation> {
    let size: usize = size.trim().parse().ok().filter(|n| (1..=MAX_SIZE).contains(n)).ok_or_else(|| {
        Explanation::new(
            format!("Vul bij 'Aantal cliënten' een getal in van 1 tot en met {MAX_SIZE}."),
            format!("Under 'Number of clients', fill in a number from 1 to {MAX_SIZE}."),
        )
    })?;
    let seed: u64 = seed.trim().parse().map_err(|_| {
        Explanation::new(
            "Vul bij 'Startgetal' een heel getal in, 0 of meer.",
            "Under 'Seed', fill in a whole number, 0 or more.",
        )
    })?;
    let municipality = embedded_policies().first().map(|p| p.id.as_str()).unwrap_or_default();
    Ok(synthetic_caseload(seed, size, today(), municipality))
}

fn own(text: &str) -> Result<Vec<shared::law::situation::ClientSituation>, Explanation> {
    if text.trim().is_empty() {
        return Err(Explanation::new(
            "Plak eerst cliënten in het vak, of kies een bestand.",
            "First paste clients into the box, or choose a file.",
        ));
    }
    read_caseload(text, CaseloadFormat::guess(text)).map_err(|CaseloadError { line, message, .. }| {
        Explanation::new(
            format!(
                "Regel {line}: {}. Er is niets gesimuleerd; verbeter de regel en probeer het opnieuw.",
                message.nl
            ),
            format!("Line {line}: {}. Nothing was simulated; correct the line and try again.", message.en),
        )
    })
}

#[component]
fn SimulationResult(outcome: Outcome) -> impl IntoView {
    let language = use_language();
    move || {
        let language = language.get();
        let simulation = &outcome.simulation;
        let caption = match (outcome.synthetic, language) {
            (true, Language::Dutch) => format!(
                "{} verzonnen cliënten onder {} beleidsprofielen: aantal en aandeel per soort route",
                simulation.clients,
                simulation.per_policy.len()
            ),
            (true, Language::English) => format!(
                "{} made-up clients under {} policies: number and share per kind of route",
                simulation.clients,
                simulation.per_policy.len()
            ),
            (false, Language::Dutch) => format!(
                "{} cliënten uit uw bestand onder {} beleidsprofielen: aantal en aandeel per soort route",
                simulation.clients,
                simulation.per_policy.len()
            ),
            (false, Language::English) => format!(
                "{} clients from your file under {} policies: number and share per kind of route",
                simulation.clients,
                simulation.per_policy.len()
            ),
        };
        let eligibility = simulation.eligibility;
        view! {
            <section aria-labelledby="simulation-result-title" id="simulation-result">
                <h2 id="simulation-result-title">{language.pick("Uitkomst", "Outcome")}</h2>
                <p id="simulation-eligibility">{match language {
                    Language::Dutch => format!(
                        "Recht op bijstand: {}. Geen recht: {}. Gegevens ontbreken: {}. Dit is onder elk beleid gelijk: dat bepaalt de wet.",
                        eligibility.eligible, eligibility.not_eligible, eligibility.needs_information
                    ),
                    Language::English => format!(
                        "Right to social assistance: {}. No right: {}. Facts missing: {}. This is the same under every policy: the law decides it.",
                        eligibility.eligible, eligibility.not_eligible, eligibility.needs_information
                    ),
                }}</p>
                <h3 id="simulation-table-title">{language.pick("Tabel", "Table")}</h3>
                <div class="table-scroll" role="region" aria-labelledby="simulation-table-title" tabindex="0">
                    <table id="simulation-table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{language.pick("Beleid", "Policy")}</th>
                                {RouteKind::ALL.iter().map(|kind| view! { <th scope="col">{kind.label().in_language(language).to_owned()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {simulation.per_policy.iter().map(|row| view! {
                                <tr>
                                    <th scope="row">{row.policy_name.clone()}</th>
                                    {row.counts.iter().map(|count| view! {
                                        <td>{count.to_string()}<br/><span class="share">{percent_text(per_mille(*count, row.total()), language)}</span></td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h3>{language.pick("Grafiek", "Chart")}</h3>
                {chart(simulation, language)}
            </section>
        }
    }
}

/// Each kind's fill: a pattern, not a colour alone, so that the bars can be told apart in black and
/// white and by people who do not see colours; the legend shows the same patterns with their names.
const PATTERNS: [&str; 7] = [
    // crisis: cross-hatch
    "M0,0 L8,8 M8,0 L0,8",
    // more diagnosis: dots (drawn as tiny squares)
    "M3,3 h2 v2 h-2 Z",
    // own strength: none (light fill only)
    "",
    // traject: diagonal lines
    "M0,8 L8,0",
    // learning/work place: horizontal lines
    "M0,4 H8",
    // sheltered work: vertical lines
    "M4,0 V8",
    // social participation: the other diagonal
    "M0,0 L8,8",
];
const FILLS: [&str; 7] = ["#f6d7d2", "#e8e8e8", "#ffffff", "#d6e6f5", "#e4f0d8", "#efe3f5", "#fbedc9"];

fn pattern_defs() -> impl IntoView {
    view! {
        <defs>
            {(0..PATTERNS.len()).map(|i| view! {
                <pattern id=format!("route-pattern-{i}") width="8" height="8" patternUnits="userSpaceOnUse">
                    <rect width="8" height="8" fill=FILLS[i]/>
                    <path d=PATTERNS[i] stroke="#083a66" stroke-width="1.2" fill="#083a66"/>
                </pattern>
            }).collect_view()}
        </defs>
    }
}

/// A 100% bar per policy, split by route kind; shares of 8% or more are written on the bar. The
/// chart's description says the largest group per policy; every number is in the table above.
fn chart(simulation: &Simulation, language: Language) -> impl IntoView {
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 64.0;
    let height = ROW * simulation.per_policy.len() as f64 + 8.0;
    let description: Vec<String> = simulation
        .per_policy
        .iter()
        .map(|row| {
            let (slot, count) = row.counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap_or((0, &0));
            let kind = RouteKind::ALL[slot].label().in_language(language).to_owned();
            let share = percent_text(per_mille(*count, row.total()), language);
            match language {
                Language::Dutch => format!("{}: de grootste groep is {kind} ({share})", row.policy_name),
                Language::English => format!("{}: the largest group is {kind} ({share})", row.policy_name),
            }
        })
        .collect();
    let title = language.pick(
        "Staafgrafiek: per beleid hoe de cliënten over de soorten route verdeeld zijn",
        "Bar chart: per policy, how the clients are spread over the kinds of route",
    );
    let desc = match language {
        Language::Dutch => format!("{}. Alle getallen staan ook in de tabel.", description.join("; ")),
        Language::English => format!("{}. Every number is also in the table.", description.join("; ")),
    };
    let bars = simulation
        .per_policy
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let y = ROW * index as f64;
            let total = row.total().max(1) as f64;
            let mut x = 0.0;
            let segments = row
                .counts
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(slot, count)| {
                    let width = WIDTH * *count as f64 / total;
                    let start = x;
                    x += width;
                    let share = per_mille(*count, row.total());
                    let label = (share >= 80).then(|| {
                        let text = percent_text(share, language);
                        view! {
                            <rect class="chart-chip" x=start + width / 2.0 - 27.0 y=y + 29.0 width="54" height="22" rx="4"/>
                            <text class="chart-share" x=start + width / 2.0 y=y + 45.0 text-anchor="middle">{text}</text>
                        }
                    });
                    view! {
                        <rect x=start y=y + 24.0 width=width height="32" fill=format!("url(#route-pattern-{slot})") stroke="#083a66" stroke-width="1"/>
                        {label}
                    }
                })
                .collect_view();
            view! {
                <text class="chart-label" x="0" y=y + 17.0>{row.policy_name.clone()}</text>
                {segments}
            }
        })
        .collect_view();
    view! {
        <svg class="simulation-chart" id="simulation-chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="chart-title chart-desc">
            <title id="chart-title">{title}</title>
            <desc id="chart-desc">{desc}</desc>
            {pattern_defs()}
            {bars}
        </svg>
        <ul class="chart-legend" id="chart-legend">
            {RouteKind::ALL.iter().enumerate().map(|(slot, kind)| view! {
                <li>
                    <svg width="32" height="20" viewBox="0 0 32 20" aria-hidden="true" focusable="false">
                        <rect width="32" height="20" fill=format!("url(#route-pattern-{slot})") stroke="#083a66"/>
                    </svg>
                    {kind.label().in_language(language).to_owned()}
                </li>
            }).collect_view()}
        </ul>
    }
}
