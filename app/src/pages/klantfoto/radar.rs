//! The radar chart of the klantfoto's life domains, drawn in SVG from
//! `shared::journey::klantfoto::radar_corners`, with the same scores in words for screen readers.

use crate::i18n::{use_language, Language};
use leptos::prelude::*;
use shared::journey::klantfoto::{label_lines, radar_corners, svg_points as points, Answers, KlantfotoSet};

/// The radar chart of the life domains: a shape with one spoke per domain, labelled with the
/// domain's name and the score as a number, so that nothing depends on colour. Screen readers get
/// the same scores as a list (`klantfoto-summary` and the list of answers).
#[component]
pub fn RadarChart(answers: Memo<Answers>) -> impl IntoView {
    const SIZE: f64 = 320.0;
    const CENTER: f64 = SIZE / 2.0;
    const RADIUS: f64 = 105.0;
    let set = KlantfotoSet::embedded();
    let language = use_language();
    let scores = move || {
        answers.with(|a| set.domains.iter().map(|d| a.scores.get(&d.id).copied()).collect::<Vec<_>>())
    };
    let rings = (1..=5u8)
        .map(|level| {
            let ring = radar_corners(&vec![Some(level); set.domains.len()], CENTER, RADIUS);
            view! { <polygon class="radar-ring" points=points(&ring)/> }
        })
        .collect_view();
    let spokes = radar_corners(&vec![Some(5); set.domains.len()], CENTER, RADIUS);
    let labels = radar_corners(&vec![Some(5); set.domains.len()], CENTER, RADIUS + 28.0);
    let description = move || {
        let language = language.get();
        let parts: Vec<String> = set
            .domains
            .iter()
            .zip(scores())
            .map(|(d, s)| {
                let name = d.name.in_language(language);
                match (s, language) {
                    (Some(s), Language::Dutch) => format!("{name} {s} van 5"),
                    (Some(s), Language::English) => format!("{name} {s} of 5"),
                    (None, Language::Dutch) => format!("{name} niet ingevuld"),
                    (None, Language::English) => format!("{name} not filled in"),
                }
            })
            .collect();
        match language {
            Language::Dutch => format!("Spinnenweb van uw klantfoto: {}.", parts.join(", ")),
            Language::English => format!("Spider chart of your client profile: {}.", parts.join(", ")),
        }
    };
    view! {
        <svg class="radar" viewBox=format!("-75 -5 {} {}", SIZE + 150.0, SIZE + 20.0) role="img" aria-labelledby="radar-title">
            <title id="radar-title">{description}</title>
            {rings}
            {spokes.iter().map(|(x, y)| view! { <line class="radar-spoke" x1=CENTER y1=CENTER x2=*x y2=*y/> }).collect_view()}
            <polygon class="radar-shape" points=move || points(&radar_corners(&scores(), CENTER, RADIUS))/>
            {set.domains.iter().zip(labels).enumerate().map(|(i, (domain, (x, y)))| {
                let score = move || scores()[i].map_or("–".to_owned(), |s| s.to_string());
                let lines = move || label_lines(domain.name.in_language(language.get()));
                // Labels left of the centre end at their spoke, those right of it start there, so
                // that neighbours at the bottom do not run into each other.
                let anchor = if x < CENTER - 10.0 { "end" } else if x > CENTER + 10.0 { "start" } else { "middle" };
                view! {
                    <text class="radar-label" x=x y=y text-anchor=anchor>
                        {move || lines().0}
                        // A second line starts under the first; a one-line name keeps its score beside it.
                        <tspan
                            x=move || (!lines().1.is_empty()).then_some(x)
                            dy=move || (!lines().1.is_empty()).then_some("1.1em")
                        >
                            {move || lines().1}
                            " "
                            <tspan class="radar-score">{score}</tspan>
                        </tspan>
                    </text>
                }
            }).collect_view()}
        </svg>
    }
}
