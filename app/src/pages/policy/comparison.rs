//! The simulation's outcome (`/beleid/simulatie`): eligibility, which the law decides the same under
//! every policy, then per policy the number and share of clients per kind of route, as a table
//! and as a chart (`chart.rs`).

use super::chart::chart;
use crate::i18n::{use_language, Language};
use leptos::prelude::*;
use shared::law::policy::RouteKind;
use shared::law::simulation::{per_mille, percent_text, Simulation};

/// What was simulated, for the caption.
#[derive(Clone)]
pub(super) struct Outcome {
    pub(super) simulation: Simulation,
    pub(super) synthetic: bool,
}

#[component]
pub(super) fn SimulationResult(outcome: Outcome) -> impl IntoView {
    let language = use_language();
    move || {
        let language = language.get();
        let simulation = &outcome.simulation;
        let caption = caption(&outcome, language);
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

/// "1000 verzonnen cliënten onder 3 beleidsprofielen: …": the table's caption.
fn caption(outcome: &Outcome, language: Language) -> String {
    let simulation = &outcome.simulation;
    match (outcome.synthetic, language) {
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
    }
}
