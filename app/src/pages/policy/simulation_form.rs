//! The simulation's form (`/beleid/simulatie`): made-up clients of a chosen number and seed, or a
//! caseload of one's own (pasted, or a chosen CSV or JSONL file). Reading and checking them is
//! `shared` (`read_size_and_seed`, `read_pasted_caseload`); a bad caseload leaves the last outcome
//! as it was.

use super::comparison::{Outcome, SimulationResult};
use crate::clock::today;
use crate::i18n::{say, tr, use_language, Language};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::synthetic_caseload::{read_size_and_seed, synthetic_caseload, MAX_SIZE};
use shared::law::caseload::{read_pasted_caseload, CSV_COLUMNS};
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, PolicyProfile};
use shared::law::simulation::simulate;
use shared::law::situation::ClientSituation;
use shared::text::Explanation;
use wasm_bindgen::JsCast;

/// Which caseload to simulate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Synthetic,
    Own,
}

pub(super) fn simulation_page() -> impl IntoView {
    let choice = RwSignal::new(Choice::Synthetic);
    let size = RwSignal::new("1000".to_owned());
    let seed = RwSignal::new("2026".to_owned());
    let own_text = RwSignal::new(String::new());
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let error: RwSignal<Option<Explanation>> = RwSignal::new(None);
    let run = move || {
        let attempt = match choice.get_untracked() {
            Choice::Synthetic => synthetic(&size.get_untracked(), &seed.get_untracked()).map(|c| (c, true)),
            Choice::Own => read_pasted_caseload(&own_text.get_untracked()).map(|c| (c, false)),
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
            <Show when=move || choice.get() == Choice::Synthetic>{synthetic_fields(size, seed)}</Show>
            <Show when=move || choice.get() == Choice::Own>{own_fields(own_text, error)}</Show>
            <p class="error" id="simulation-error" role="alert">{say(error)}</p>
            <button type="submit">{tr("Simulatie starten", "Run the simulation")}</button>
        </form>
        {move || outcome.get().map(|outcome| view! { <SimulationResult outcome/> })}
    }
}

/// How many made-up clients, and the seed that makes them.
fn synthetic_fields(size: RwSignal<String>, seed: RwSignal<String>) -> impl IntoView {
    let language = use_language();
    view! {
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
    }
}

/// A caseload of one's own: pasted into the box, or read from a chosen file into it.
fn own_fields(own_text: RwSignal<String>, error: RwSignal<Option<Explanation>>) -> impl IntoView {
    let columns = CSV_COLUMNS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
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
    view! {
        <div class="field">
            <label for="caseload-text">{tr("Cliënten: één per regel", "Clients: one per line")}</label>
            <p class="hint" id="caseload-text-hint">
                {tr(
                    "CSV met een kopregel, of één JSON-object per regel. Een leeg vak betekent: niet bekend. De kolommen zijn: ",
                    "CSV with a header row, or one JSON object per line. An empty cell means: not known. The columns are: ",
                )}
                <span class="column-names">{columns}</span>
            </p>
            <textarea id="caseload-text" rows="8" aria-describedby="caseload-text-hint"
                prop:value=move || own_text.get() on:input=move |e| own_text.set(event_target_value(&e))></textarea>
        </div>
        <div class="field">
            <label for="caseload-file">{tr("Of kies een bestand", "Or choose a file")}</label>
            <input type="file" id="caseload-file" accept=".csv,.jsonl,.txt,text/csv" on:change=on_file/>
        </div>
    }
}

fn embedded_policies_today() -> &'static [PolicyProfile] {
    // Every embedded policy is valid today (a test in shared checks it); older versions would be
    // left out here once there are any.
    embedded_policies()
}

/// The made-up clients, all applying today in the first policy's municipality.
fn synthetic(size: &str, seed: &str) -> Result<Vec<ClientSituation>, Explanation> {
    let (size, seed) = read_size_and_seed(size, seed)?;
    let municipality = embedded_policies().first().map(|p| p.id.as_str()).unwrap_or_default();
    Ok(synthetic_caseload(seed, size, today(), municipality))
}
