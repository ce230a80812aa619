//! An evaluation as text a person reads: the outcome, the route, the deadlines and every
//! step of the trace, in one language.

use shared::law::advice::Evaluation;
use shared::law::eligibility::EligibilityOutcome;
use shared::law::trace::{euros_en, euros_nl};
use shared::text::Language;
use std::fmt::Write;

pub fn evaluation(evaluation: &Evaluation, language: Language) -> String {
    let dutch = language == Language::Dutch;
    let euros = |cents| if dutch { euros_nl(cents) } else { euros_en(cents) };
    let mut out = String::new();
    let eligibility = &evaluation.eligibility;
    let _ = match &eligibility.outcome {
        EligibilityOutcome::Eligible { monthly_benefit_cents } => writeln!(
            out,
            "{} {}",
            if dutch { "Recht op bijstand:" } else { "Entitled to assistance:" },
            euros(*monthly_benefit_cents)
        ),
        EligibilityOutcome::NotEligible { reasons } => {
            let _ = writeln!(
                out,
                "{}",
                if dutch { "Geen recht op bijstand:" } else { "Not entitled to assistance:" }
            );
            reasons.iter().try_for_each(|reason| writeln!(out, "  - {}", reason.in_language(language)))
        }
        EligibilityOutcome::NeedsInformation { missing } => {
            let _ = writeln!(out, "{}", if dutch { "Nog nodig:" } else { "Still needed:" });
            missing.iter().try_for_each(|fact| {
                writeln!(out, "  - {} ({})", fact.question.in_language(language), fact.field)
            })
        }
    };
    if let Some(advice) = &evaluation.advice {
        let _ = writeln!(out, "Route: {}", advice.label.in_language(language));
        let _ = writeln!(
            out,
            "{} {}",
            if dutch { "Volgende stap:" } else { "Next step:" },
            advice.next_step.in_language(language)
        );
        for deadline in &advice.deadlines {
            let when = match (deadline.due, dutch) {
                (Some(due), true) => format!("Uiterlijk {due}"),
                (Some(due), false) => format!("By {due}"),
                (None, true) => "Datum volgt".to_owned(),
                (None, false) => "Date to follow".to_owned(),
            };
            let _ = writeln!(out, "  {when}: {}", deadline.label.in_language(language));
        }
    }
    if let Some(reason) = &evaluation.advice_unavailable {
        let _ = writeln!(out, "{}", reason.in_language(language));
    }
    let _ = writeln!(out, "{}", if dutch { "Waarom:" } else { "Why:" });
    let steps = eligibility.trace.iter().chain(evaluation.advice.iter().flat_map(|a| a.trace.iter()));
    for step in steps {
        let _ = writeln!(out, "  - {} [{}]", step.explanation.in_language(language), step.rule);
    }
    out
}
