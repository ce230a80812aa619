//! The simulation's chart: per policy a 100% bar split by kind of route, each kind with a pattern
//! as well as a colour (told apart in black and white too), a legend, and a description that says
//! the largest group per policy (`PolicyCounts::largest`) for whoever does not see the bars.

use crate::i18n::Language;
use leptos::prelude::*;
use shared::law::policy::RouteKind;
use shared::law::simulation::{per_mille, percent_text, PolicyCounts, Simulation};

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

/// The chart's width and the height of one policy's row, in the SVG's units.
const WIDTH: f64 = 600.0;
const ROW: f64 = 64.0;

/// A 100% bar per policy, split by route kind; shares of 8% or more are written on the bar. The
/// chart's description says the largest group per policy; every number is in the table above.
pub(super) fn chart(simulation: &Simulation, language: Language) -> impl IntoView {
    let height = ROW * simulation.per_policy.len() as f64 + 8.0;
    let title = language.pick(
        "Staafgrafiek: per beleid hoe de cliënten over de soorten route verdeeld zijn",
        "Bar chart: per policy, how the clients are spread over the kinds of route",
    );
    let bars =
        simulation.per_policy.iter().enumerate().map(|(index, row)| bar(index, row, language)).collect_view();
    view! {
        <svg class="simulation-chart" id="simulation-chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="chart-title chart-desc">
            <title id="chart-title">{title}</title>
            <desc id="chart-desc">{description(simulation, language)}</desc>
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

/// "Tilburg: de grootste groep is … (41,2%); …. Alle getallen staan ook in de tabel."
fn description(simulation: &Simulation, language: Language) -> String {
    let description: Vec<String> = simulation
        .per_policy
        .iter()
        .map(|row| {
            let (kind, count) = row.largest();
            let kind = kind.label().in_language(language).to_owned();
            let share = percent_text(per_mille(count, row.total()), language);
            match language {
                Language::Dutch => format!("{}: de grootste groep is {kind} ({share})", row.policy_name),
                Language::English => format!("{}: the largest group is {kind} ({share})", row.policy_name),
            }
        })
        .collect();
    match language {
        Language::Dutch => format!("{}. Alle getallen staan ook in de tabel.", description.join("; ")),
        Language::English => format!("{}. Every number is also in the table.", description.join("; ")),
    }
}

/// One policy's row: its name, and its bar with a segment per kind of route that has clients.
fn bar(index: usize, row: &PolicyCounts, language: Language) -> impl IntoView {
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
}
