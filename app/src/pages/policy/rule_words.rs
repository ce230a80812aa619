//! The sentences that tell one policy's rules in words: on what the policy chooses a route, who gets
//! each route, an instrument with its time limit, a deadline with where it starts, and the rules
//! that come before the choice. Quotes from the policy documents stay as the policy has them.

use crate::i18n::Language;
use shared::law::policy::{Band, DayCount, DeadlineRule, DeadlineStart, Instrument, SelectionInput};

pub(super) fn selection_words(input: SelectionInput, language: Language) -> &'static str {
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
pub(super) fn band_words(input: SelectionInput, band: Option<Band>, language: Language) -> String {
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

pub(super) fn instrument_words(instrument: &Instrument, language: Language) -> String {
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

/// "Termijn: binnen 5 werkdagen na de aanvraag of melding".
pub(super) fn deadline_words(rule: &DeadlineRule, language: Language) -> String {
    let unit = match rule.count {
        DayCount::CalendarDays => language.pick("dagen", "days"),
        DayCount::WorkingDays => language.pick("werkdagen", "working days"),
    };
    let after = match rule.after {
        DeadlineStart::Application => language.pick("de aanvraag of melding", "the application or report"),
        DeadlineStart::ReportBack => language.pick("het terugmelden", "reporting back"),
        DeadlineStart::GroupIntake => language.pick("de groepsintake", "the group intake"),
    };
    match language {
        Language::Dutch => format!("{}: binnen {} {unit} na {after}", rule.label.nl, rule.days),
        Language::English => format!("{}: within {} {unit} of {after}", rule.label.en, rule.days),
    }
}

/// The rules that come before the policy's own choice: a crisis first, and, when the policy chooses
/// on something, more diagnosis while that is not known.
pub(super) fn rules_that_come_first(input: SelectionInput, language: Language) -> String {
    let input_name = match input {
        SelectionInput::Loonwaarde => language.pick("de loonwaarde", "the wage value"),
        SelectionInput::MonthsToLabourMarket => language.pick("de tijd tot werk", "the time to work"),
        SelectionInput::Nothing => "",
    };
    match (input, language) {
        (SelectionInput::Nothing, Language::Dutch) => "Eén regel gaat voor: bij een crisis (geen slaapplek, geen eten of niet veilig) eerst de crisis oplossen.".to_owned(),
        (SelectionInput::Nothing, Language::English) => "One rule comes first: in a crisis (no place to sleep, no food or not safe) solve the crisis first.".to_owned(),
        (_, Language::Dutch) => format!("Twee regels gaan voor: bij een crisis (geen slaapplek, geen eten of niet veilig) eerst de crisis oplossen; is {input_name} nog niet bekend, dan eerst meer onderzoek."),
        (_, Language::English) => format!("Two rules come first: in a crisis (no place to sleep, no food or not safe) solve the crisis first; while {input_name} is not known, more diagnosis first."),
    }
}
