//! Route advice under a municipal policy: the route, the next step, the instruments with their
//! time limits, the deadlines that follow, and the wettelijk voorschot, with a trace.
//!
//! Two rules come before any policy: a crisis comes first, and a policy that selects on a
//! diagnosis result that is not known yet gives "more diagnosis needed", never a guess.

use crate::law::calendar::Date;
use crate::law::eligibility::{assess_eligibility, EligibilityResult};
use crate::law::norm::MonthlyNorm;
use crate::law::parameters::LegalParameters;
use crate::law::policy::{
    policy_on, DayCount, DeadlineStart, PolicyProfile, Route, RouteKind, SelectionInput,
};
use crate::law::situation::ClientSituation;
use crate::law::trace::{euros_en, euros_nl, Trace, TraceStep};
use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RouteAdvice {
    pub policy_id: String,
    pub route_kind: RouteKind,
    /// The policy's own route id; absent for the rules that come before any policy.
    pub route_id: Option<String>,
    pub label: Explanation,
    pub next_step: Explanation,
    pub instruments: Vec<InstrumentAdvice>,
    pub deadlines: Vec<Deadline>,
    pub legal_advance: Option<LegalAdvanceAdvice>,
    /// Whether the client may see this advice in their own app.
    pub show_to_client: bool,
    pub trace: Vec<TraceStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InstrumentAdvice {
    pub id: String,
    pub label: Explanation,
    pub max_months: Option<u32>,
    pub extensions: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    pub id: String,
    pub label: Explanation,
    /// Absent while the step it counts from has not happened yet.
    pub due: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LegalAdvanceAdvice {
    /// From this date the client has a right to the advance.
    pub from: Date,
    /// The advance per month, when the norm is known.
    pub monthly_amount_cents: Option<i64>,
}

/// Eligibility and route advice for one situation: what `POST /api/v1/evaluate` answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evaluation {
    pub eligibility: EligibilityResult,
    /// Absent when no policy applies; `advice_unavailable` says why.
    pub advice: Option<RouteAdvice>,
    pub advice_unavailable: Option<Explanation>,
}

/// Evaluates `situation` under the legal `parameters` and the policy of its municipality.
pub fn evaluate(
    situation: &ClientSituation,
    parameters: &LegalParameters,
    policies: &[PolicyProfile],
) -> Evaluation {
    let eligibility = assess_eligibility(situation, parameters);
    let policy = match (&situation.municipality, situation.application_date) {
        (Some(id), Some(date)) => policy_on(policies, id, date).ok_or_else(|| {
            Explanation::new(
                format!("Voor '{id}' is op {date} geen beleid bekend. Kies een van de gemeenten die Naar Vermogen kent."),
                format!("No policy is known for '{id}' on {date}. Choose one of the municipalities Naar Vermogen knows."),
            )
        }),
        _ => Err(Explanation::new(
            "Vul de gemeente en de datum van de aanvraag in om een route te zien.",
            "Fill in the municipality and the application date to see a route.",
        )),
    };
    match policy {
        Ok(policy) => {
            let advice = advise_route(situation, policy, eligibility.norm.as_ref());
            Evaluation { eligibility, advice: Some(advice), advice_unavailable: None }
        }
        Err(reason) => Evaluation { eligibility, advice: None, advice_unavailable: Some(reason) },
    }
}

/// The route under `policy` for `situation`. `norm` (from eligibility) sets the advance amount.
pub fn advise_route(
    situation: &ClientSituation,
    policy: &PolicyProfile,
    norm: Option<&MonthlyNorm>,
) -> RouteAdvice {
    let mut trace = Trace::default();
    let chosen = choose_route(situation, policy, &mut trace);
    let deadlines = deadlines(policy, situation, &mut trace);
    let legal_advance =
        situation.application_date.and_then(|date| legal_advance(policy, date, norm, &mut trace));
    let (route_kind, route_id, label, next_step, instruments) = chosen;
    RouteAdvice {
        policy_id: policy.id.clone(),
        route_kind,
        route_id,
        label,
        next_step,
        instruments,
        deadlines,
        legal_advance,
        show_to_client: policy.show_advice_to_client,
        trace: trace.into_steps(),
    }
}

type ChosenRoute = (RouteKind, Option<String>, Explanation, Explanation, Vec<InstrumentAdvice>);

/// What decides the route, before any words are made: the rule that applies and the input it read.
/// [`advise_route`] explains it; the simulation only counts its kind (so it stays fast).
pub enum Selection<'a> {
    /// A crisis answer is "no": the crisis comes first.
    Crisis,
    /// The policy's selection input (`field`) is not known, or falls in no band.
    MoreDiagnosis { field: &'static str, value: Option<u32> },
    /// The route whose band holds the input (`field` is empty for a policy that selects on nothing).
    Route { route: &'a Route, field: &'static str, value: u32 },
}

impl Selection<'_> {
    pub fn kind(&self) -> RouteKind {
        match self {
            Selection::Crisis => RouteKind::StabiliseCrisisFirst,
            Selection::MoreDiagnosis { .. } => RouteKind::MoreDiagnosisNeeded,
            Selection::Route { route, .. } => route.kind,
        }
    }
}

/// The crisis questions answered "no".
fn crisis_fields(situation: &ClientSituation) -> impl Iterator<Item = &'static str> + '_ {
    let crisis = &situation.crisis;
    [
        ("crisis.place_to_sleep_tonight", crisis.place_to_sleep_tonight),
        ("crisis.food_today", crisis.food_today),
        ("crisis.safe_at_home", crisis.safe_at_home),
    ]
    .into_iter()
    .filter(|(_, answer)| *answer == Some(false))
    .map(|(field, _)| field)
}

/// The rule that chooses the route for `situation` under `policy`: crisis first, then the band that
/// holds the policy's selection input; no input (or no band) means more diagnosis, never a guess.
pub fn select_route<'a>(situation: &ClientSituation, policy: &'a PolicyProfile) -> Selection<'a> {
    if crisis_fields(situation).next().is_some() {
        return Selection::Crisis;
    }
    let (field, value) = match policy.selection_input {
        SelectionInput::Loonwaarde => {
            ("diagnosis.loonwaarde_percent_wml", situation.diagnosis.loonwaarde_percent_wml.map(u32::from))
        }
        SelectionInput::MonthsToLabourMarket => {
            ("diagnosis.months_to_labour_market", situation.diagnosis.months_to_labour_market.map(u32::from))
        }
        SelectionInput::Nothing => ("", Some(0)),
    };
    let route =
        value.and_then(|value| policy.routes.iter().find(|r| r.band.is_none_or(|band| band.contains(value))));
    match (value, route) {
        (Some(value), Some(route)) => Selection::Route { route, field, value },
        // No value, or (for a policy not checked by the loader) no band that holds it.
        _ => Selection::MoreDiagnosis { field, value },
    }
}

fn choose_route(situation: &ClientSituation, policy: &PolicyProfile, trace: &mut Trace) -> ChosenRoute {
    let (route, input_field, value) = match select_route(situation, policy) {
        Selection::Crisis => {
            let in_crisis: Vec<(&str, String)> =
                crisis_fields(situation).map(|field| (field, "false".to_owned())).collect();
            trace.record(
                "engine.crisis_first",
                "Naar Vermogen: crisis first (domain: triage)",
                &in_crisis,
                "Er is nu een crisis. Eerst zorgen we voor een slaapplek, eten en veiligheid. Daarna kijken we naar werk.".to_owned(),
                "There is a crisis now. First we arrange a place to sleep, food and safety. Then we look at work.".to_owned(),
            );
            return (
                RouteKind::StabiliseCrisisFirst,
                None,
                Explanation::new("Eerst de crisis oplossen", "Solve the crisis first"),
                Explanation::new(
                    "Vandaag nog: een consulent helpt u aan een slaapplek, eten en veiligheid.",
                    "Today: a consultant helps you find a place to sleep, food and safety.",
                ),
                Vec::new(),
            );
        }
        Selection::MoreDiagnosis { field: input_field, value } => {
            trace.record(
                "engine.more_diagnosis_needed",
                &policy.source,
                &[(input_field, value.map_or("unknown".to_owned(), |v| v.to_string()))],
                format!(
                    "{} kiest de route op {}. Dat is nog niet bekend, dus eerst meer onderzoek.",
                    policy.name,
                    input_nl(input_field)
                ),
                format!(
                    "{} chooses the route on {}. That is not known yet, so more diagnosis first.",
                    policy.name,
                    input_en(input_field)
                ),
            );
            return (
                RouteKind::MoreDiagnosisNeeded,
                None,
                Explanation::new("Eerst meer onderzoek", "More diagnosis first"),
                Explanation::new(
                    format!("Een consulent plant een onderzoek naar {}.", input_nl(input_field)),
                    format!("A consultant plans an assessment of {}.", input_en(input_field)),
                ),
                Vec::new(),
            );
        }
        Selection::Route { route, field, value } => (route, field, value),
    };
    let reads: Vec<(&str, String)> =
        if input_field.is_empty() { Vec::new() } else { vec![(input_field, value.to_string())] };
    trace.record(
        &format!("policy.{}.route.{}", policy.id, route.id),
        &format!("{}: {}", policy.name, route.source),
        &reads,
        format!("{} Route: {}.", band_sentence_nl(input_field, value), route.label.nl),
        format!("{} Route: {}.", band_sentence_en(input_field, value), route.label.en),
    );
    let instruments = route
        .instruments
        .iter()
        .filter_map(|id| policy.instrument(id))
        .map(|instrument| InstrumentAdvice {
            id: instrument.id.clone(),
            label: instrument.label.clone(),
            max_months: instrument.max_months,
            extensions: instrument.extensions,
        })
        .collect();
    (route.kind, Some(route.id.clone()), route.label.clone(), route.next_step.clone(), instruments)
}

fn input_nl(field: &str) -> &'static str {
    match field {
        "diagnosis.loonwaarde_percent_wml" => {
            "uw loonwaarde (wat uw werk waard is, vergeleken met het minimumloon)"
        }
        _ => "hoe lang het duurt voordat u bij een gewone werkgever kunt werken",
    }
}

fn input_en(field: &str) -> &'static str {
    match field {
        "diagnosis.loonwaarde_percent_wml" => {
            "your wage value (what your work is worth compared to the minimum wage)"
        }
        _ => "how long it takes before you can work at a regular employer",
    }
}

fn band_sentence_nl(field: &str, value: u32) -> String {
    match field {
        "diagnosis.loonwaarde_percent_wml" => format!("Uw loonwaarde is {value}% van het minimumloon."),
        "diagnosis.months_to_labour_market" => {
            format!("Over ongeveer {value} maanden kunt u bij een gewone werkgever werken.")
        }
        _ => "Iedereen zonder werk volgt dezelfde route.".to_owned(),
    }
}

fn band_sentence_en(field: &str, value: u32) -> String {
    match field {
        "diagnosis.loonwaarde_percent_wml" => format!("Your wage value is {value}% of the minimum wage."),
        "diagnosis.months_to_labour_market" => {
            format!("In about {value} months you can work at a regular employer.")
        }
        _ => "Everyone without work follows the same route.".to_owned(),
    }
}

fn deadlines(policy: &PolicyProfile, situation: &ClientSituation, trace: &mut Trace) -> Vec<Deadline> {
    policy
        .deadlines
        .iter()
        .map(|rule| {
            let (field, start, nl_start, en_start) = match rule.after {
                DeadlineStart::Application => {
                    ("application_date", situation.application_date, "de aanvraag", "the application")
                }
                DeadlineStart::ReportBack => (
                    "milestones.reported_back_on",
                    situation.milestones.reported_back_on,
                    "het terugmelden",
                    "reporting back",
                ),
                DeadlineStart::GroupIntake => (
                    "milestones.group_intake_on",
                    situation.milestones.group_intake_on,
                    "de intake",
                    "the intake",
                ),
            };
            let (nl_unit, en_unit) = match rule.count {
                DayCount::CalendarDays => ("dagen", "days"),
                DayCount::WorkingDays => ("werkdagen", "working days"),
            };
            let due = start.map(|start| rule.due_after(start));
            let (nl_due, en_due) = match due {
                Some(due) => (format!("uiterlijk {due}"), format!("by {due} at the latest")),
                None => (
                    "de datum volgt als die stap gezet is".to_owned(),
                    "the date follows once that step is taken".to_owned(),
                ),
            };
            trace.record(
                &format!("policy.{}.deadline.{}", policy.id, rule.id),
                &format!("{}: {}", policy.name, rule.source),
                &[(field, start.map_or("unknown".to_owned(), |d| d.to_string()))],
                format!("{}: binnen {} {nl_unit} na {nl_start}, {nl_due}.", rule.label.nl, rule.days),
                format!("{}: within {} {en_unit} of {en_start}, {en_due}.", rule.label.en, rule.days),
            );
            Deadline { id: rule.id.clone(), label: rule.label.clone(), due }
        })
        .collect()
}

fn legal_advance(
    policy: &PolicyProfile,
    application_date: Date,
    norm: Option<&MonthlyNorm>,
    trace: &mut Trace,
) -> Option<LegalAdvanceAdvice> {
    let rule = policy.legal_advance.as_ref()?;
    let from = application_date.plus_days(7 * rule.after_weeks as i32);
    let amount = norm.map(|norm| norm.amount_cents * i64::from(rule.percent_of_norm) / 100);
    let (amount_nl, amount_en) = match amount {
        Some(amount) => (
            format!(" Het voorschot is {} per maand.", euros_nl(amount)),
            format!(" The advance is {} a month.", euros_en(amount)),
        ),
        None => (String::new(), String::new()),
    };
    trace.record(
        &format!("policy.{}.legal_advance", policy.id),
        &format!("{}: {}", policy.name, rule.source),
        &[("application_date", application_date.to_string()), ("percent_of_norm", rule.percent_of_norm.to_string())],
        format!(
            "Duurt de beslissing langer dan {} weken, dan heeft u vanaf {from} recht op een voorschot van {}% van uw norm.{amount_nl}",
            rule.after_weeks, rule.percent_of_norm
        ),
        format!(
            "If the decision takes longer than {} weeks, you have a right to an advance of {}% of your norm from {from}.{amount_en}",
            rule.after_weeks, rule.percent_of_norm
        ),
    );
    Some(LegalAdvanceAdvice { from, monthly_amount_cents: amount })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::policy::embedded_policies;
    use crate::law::situation::{CrisisAnswers, Diagnosis};
    use crate::law::test_support::{date, fully_known_single_adult};

    /// Jan as seed 001 gives him (L110): a man older than 27, relationship ended, had to leave
    /// his girlfriend's house, no income, little work experience, no start qualification.
    /// The seed gives no birth date or dates; these are chosen to fit ("ouder dan 27").
    fn jan(municipality: &str) -> ClientSituation {
        ClientSituation {
            municipality: Some(municipality.to_owned()),
            has_start_qualification: Some(false),
            ..fully_known_single_adult()
        }
    }

    fn evaluate_jan(situation: &ClientSituation) -> Evaluation {
        evaluate(situation, LegalParameters::embedded(), embedded_policies())
    }

    #[test]
    fn weener_xl_sends_jan_with_a_loonwaarde_of_about_40_percent_to_aan_de_slag_for_6_months() {
        // W4: «De resultaten van de quick leiden tot de voorlopige conclusie dat Jan een loonwaarde
        // heeft van rond de 40%.» (L363) «Besloten wordt dat Jan de eerstvolgende maandag begint bij
        // de afdeling 'Aan de slag' voor maximaal 6 maanden.» (L363)
        let mut situation = jan("s-hertogenbosch-weener-xl");
        situation.diagnosis = Diagnosis { loonwaarde_percent_wml: Some(40), ..Diagnosis::default() };
        let advice = evaluate_jan(&situation).advice.unwrap();
        // «Doel is observatie, werkritme opdoen» (L363): work on Weener XL's own floor.
        assert_eq!(advice.route_kind, RouteKind::LearningWorkPlace);
        assert_eq!(advice.route_id.as_deref(), Some("aan-de-slag"));
        let aan_de_slag = advice.instruments.iter().find(|i| i.id == "aan-de-slag").unwrap();
        assert_eq!(aan_de_slag.max_months, Some(6));
        assert!(advice.trace.iter().any(|s| s
            .reads
            .iter()
            .any(|r| r.field == "diagnosis.loonwaarde_percent_wml" && r.value == "40")));
    }

    #[test]
    fn weener_xl_bands_follow_the_seed() {
        // «0-30%», «30 tot 80%», «80% en meer» (L316); below 30% → Werk en Participatie (L316, L320).
        let kind_for = |loonwaarde| {
            let mut situation = jan("s-hertogenbosch-weener-xl");
            situation.diagnosis.loonwaarde_percent_wml = Some(loonwaarde);
            evaluate_jan(&situation).advice.unwrap().route_id.unwrap()
        };
        assert_eq!(kind_for(0), "werk-en-participatie");
        assert_eq!(kind_for(29), "werk-en-participatie");
        assert_eq!(kind_for(30), "aan-de-slag");
        assert_eq!(kind_for(79), "aan-de-slag");
        assert_eq!(kind_for(80), "aan-de-slag-intensief");
        assert_eq!(kind_for(100), "aan-de-slag-intensief");
    }

    #[test]
    fn without_a_loonwaarde_weener_xl_asks_for_diagnosis_instead_of_guessing() {
        let advice = evaluate_jan(&jan("s-hertogenbosch-weener-xl")).advice.unwrap();
        assert_eq!(advice.route_kind, RouteKind::MoreDiagnosisNeeded);
        assert_eq!(advice.route_id, None);
    }

    #[test]
    fn tilburg_leaves_jans_route_open_until_time_to_market_is_judged() {
        // TIL-11: «binnen 12 maanden» decides; the seed leaves Jan's judgement open (L615-L619).
        let evaluation = evaluate_jan(&jan("tilburg"));
        let advice = evaluation.advice.unwrap();
        assert_eq!(advice.route_kind, RouteKind::MoreDiagnosisNeeded);
        // Meldingsgesprek within 3 days (L528): Monday 2 November 2026 + 3 = Thursday 5 November.
        let due = |id: &str| advice.deadlines.iter().find(|d| d.id == id).unwrap().due.unwrap();
        assert_eq!(due("meldingsgesprek"), date("2026-11-05"));
        // Report back within 4 weeks (L530-L533): 30 November 2026, a Monday.
        assert_eq!(due("terugmelden-inspanningspakket"), date("2026-11-30"));
        // Wettelijk voorschot after 4 weeks, 90% of his norm (L536, L606): 90% of € 1.419,46.
        let advance = advice.legal_advance.unwrap();
        assert_eq!(advance.from, date("2026-11-30"));
        assert_eq!(advance.monthly_amount_cents, Some(127_751));
        assert_eq!(
            evaluation.eligibility.outcome,
            crate::law::eligibility::EligibilityOutcome::Eligible { monthly_benefit_cents: 141_946 }
        );
    }

    #[test]
    fn later_deadlines_count_from_the_step_they_follow() {
        // TIL-06: the rechtmatigheidsgesprek within 2 weeks of reporting back (L536).
        let mut situation = jan("tilburg");
        let due = |situation: &ClientSituation, id: &str| {
            evaluate_jan(situation).advice.unwrap().deadlines.into_iter().find(|d| d.id == id).unwrap().due
        };
        assert_eq!(due(&situation, "rechtmatigheidsgesprek"), None, "not reported back yet: no date");
        situation.milestones.reported_back_on = Some(date("2026-11-27"));
        // Friday 27 November + 14 days = Friday 11 December 2026.
        assert_eq!(due(&situation, "rechtmatigheidsgesprek"), Some(date("2026-12-11")));
        // IJM-10: the trainer talk «5 werkdagen later» than the group intake (L696), past Christmas.
        let mut situation = jan("ijmond-werkt");
        situation.milestones.group_intake_on = Some(date("2026-12-22"));
        assert_eq!(due(&situation, "kennismaking-trainer"), Some(date("2026-12-30")));
    }

    #[test]
    fn tilburg_routes_on_twelve_months_to_the_labour_market() {
        let route_for = |months| {
            let mut situation = jan("tilburg");
            situation.diagnosis.months_to_labour_market = Some(months);
            let advice = evaluate_jan(&situation).advice.unwrap();
            (advice.route_kind, advice.route_id.unwrap())
        };
        assert_eq!(route_for(0), (RouteKind::TrajectToPaidWork, "re-integratietraject".to_owned()));
        assert_eq!(route_for(12), (RouteKind::TrajectToPaidWork, "re-integratietraject".to_owned()));
        assert_eq!(route_for(13), (RouteKind::SocialParticipation, "sociale-participatie".to_owned()));
    }

    #[test]
    fn alphen_leaves_jans_group_open_and_sets_the_intake_within_5_working_days() {
        // ALP-09: groups by distance to the labour market; the seed never places Jan in a group.
        // ALP-04: «binnen 5 werkdagen» (L154): Monday 2 November 2026 → Monday 9 November.
        let advice = evaluate_jan(&jan("alphen-aan-den-rijn")).advice.unwrap();
        assert_eq!(advice.route_kind, RouteKind::MoreDiagnosisNeeded);
        assert_eq!(advice.deadlines[0].id, "integrale-intake");
        assert_eq!(advice.deadlines[0].due, Some(date("2026-11-09")));
        // Placeable within 0-2 years (L249) → the re-integration traject with the leerwerkplek
        // of at most 6 months and one extension (L250).
        let mut placeable = jan("alphen-aan-den-rijn");
        placeable.diagnosis.months_to_labour_market = Some(18);
        let advice = evaluate_jan(&placeable).advice.unwrap();
        assert_eq!(advice.route_id.as_deref(), Some("re-integratietraject"));
        let leerwerkplek = advice.instruments.iter().find(|i| i.id == "leerwerkplek").unwrap();
        assert_eq!((leerwerkplek.max_months, leerwerkplek.extensions), (Some(6), 1));
    }

    #[test]
    fn sudwest_fryslan_sends_jan_between_40_and_80_percent_to_pastiel() {
        // SWF-04: «40 tot 80%» → Pastiel (L433); Jan is «onder de 80% … boven de 40%» (L470, L474).
        let route_for = |loonwaarde| {
            let mut situation = jan("sudwest-fryslan");
            situation.diagnosis.loonwaarde_percent_wml = Some(loonwaarde);
            let advice = evaluate_jan(&situation).advice.unwrap();
            (advice.route_kind, advice.route_id.unwrap())
        };
        assert_eq!(route_for(55), (RouteKind::TrajectToPaidWork, "pastiel".to_owned()));
        assert_eq!(
            route_for(39).0,
            RouteKind::SocialParticipation,
            "SWF-05: 0-40% → day activities via the Wmo"
        );
        assert_eq!(
            route_for(80).0,
            RouteKind::OwnStrengthToRegularWork,
            "SWF-03: 80% and more → own strength"
        );
    }

    #[test]
    fn ijmond_puts_everyone_without_work_in_the_group_programme() {
        // IJM-02: «heb je betaald werk of niet? Als het antwoord 'nee' is, dan doe je mee» (L648);
        // Jan ends in the leerwerkbedrijf for 2 years (L736), an instrument of that programme.
        let advice = evaluate_jan(&jan("ijmond-werkt")).advice.unwrap();
        assert_eq!(advice.route_id.as_deref(), Some("groepsprogramma"));
        assert!(advice.instruments.iter().any(|i| i.id == "leerwerkbedrijf" && i.max_months == Some(24)));
        // IJM-06: group intake «veelal binnen 1 week» (L677): 2 November 2026 + 7 days.
        assert_eq!(advice.deadlines[0].due, Some(date("2026-11-09")));
    }

    #[test]
    fn every_embedded_policy_gives_advice_with_a_trace() {
        for policy in embedded_policies() {
            let mut situation = jan(&policy.id);
            situation.diagnosis.loonwaarde_percent_wml = Some(50);
            situation.diagnosis.months_to_labour_market = Some(6);
            let evaluation = evaluate_jan(&situation);
            let advice = evaluation.advice.unwrap_or_else(|| panic!("{}", policy.id));
            assert!(!advice.trace.is_empty(), "{}", policy.id);
            assert_ne!(advice.route_kind, RouteKind::MoreDiagnosisNeeded, "{}", policy.id);
        }
    }

    /// How close a route kind is to regular work, for comparing policies (higher is closer).
    fn closeness_to_regular_work(kind: RouteKind) -> u8 {
        match kind {
            RouteKind::SocialParticipation => 0,
            RouteKind::ShelteredWork => 1,
            RouteKind::LearningWorkPlace => 2,
            RouteKind::TrajectToPaidWork => 3,
            RouteKind::OwnStrengthToRegularWork => 4,
            RouteKind::StabiliseCrisisFirst | RouteKind::MoreDiagnosisNeeded => {
                unreachable!("not a band route")
            }
        }
    }

    #[test]
    fn a_better_diagnosis_never_gives_a_route_further_from_regular_work() {
        for policy in embedded_policies() {
            let mut previous: Option<u8> = None;
            let values: Vec<u16> = match policy.selection_input {
                SelectionInput::Loonwaarde => (0..=100).collect(),
                // More months to the labour market is a worse prognosis: walk from far to near.
                SelectionInput::MonthsToLabourMarket => (0..=60).rev().collect(),
                SelectionInput::Nothing => continue,
            };
            for value in values {
                let mut situation = jan(&policy.id);
                situation.diagnosis.loonwaarde_percent_wml = Some(value.min(100) as u8);
                situation.diagnosis.months_to_labour_market = Some(value);
                let kind = advise_route(&situation, policy, None).route_kind;
                let closeness = closeness_to_regular_work(kind);
                assert!(previous.is_none_or(|p| closeness >= p), "{} at {value}: {kind:?}", policy.id);
                previous = Some(closeness);
            }
        }
    }

    #[test]
    fn in_band_policies_a_higher_loonwaarde_never_gives_a_lower_band() {
        let band_policies =
            embedded_policies().iter().filter(|p| p.selection_input == SelectionInput::Loonwaarde);
        let mut checked = 0;
        for policy in band_policies {
            let band_start_for = |loonwaarde: u8| {
                let mut situation = jan(&policy.id);
                situation.diagnosis.loonwaarde_percent_wml = Some(loonwaarde);
                let route_id = advise_route(&situation, policy, None).route_id.unwrap();
                let route = policy.routes.iter().find(|r| r.id == route_id).unwrap();
                route.band.unwrap().from
            };
            for lower in 0..=100u8 {
                for higher in lower..=100u8 {
                    assert!(
                        band_start_for(higher) >= band_start_for(lower),
                        "{}: {higher}% gives a lower band than {lower}%",
                        policy.id
                    );
                }
            }
            checked += 1;
        }
        assert!(checked >= 3, "Weener XL, Súdwest-Fryslân and Purmerend select on loonwaarde");
    }

    #[test]
    fn every_route_kind_is_reachable() {
        let mut reached = std::collections::BTreeSet::new();
        for policy in embedded_policies() {
            let mut unknown = jan(&policy.id);
            unknown.diagnosis = Diagnosis::default();
            let mut in_crisis = jan(&policy.id);
            in_crisis.crisis.safe_at_home = Some(false);
            let diagnosed = (0..=100u8).map(|value| {
                let mut situation = jan(&policy.id);
                situation.diagnosis.loonwaarde_percent_wml = Some(value);
                situation.diagnosis.months_to_labour_market = Some(u16::from(value));
                situation
            });
            for situation in [unknown, in_crisis].into_iter().chain(diagnosed) {
                reached.insert(advise_route(&situation, policy, None).route_kind);
            }
        }
        assert_eq!(
            reached,
            RouteKind::ALL.into_iter().collect(),
            "some route kind is reached by no policy and no situation"
        );
    }

    #[test]
    fn a_crisis_comes_before_any_policy() {
        for municipality in ["tilburg", "s-hertogenbosch-weener-xl"] {
            let mut situation = jan(municipality);
            situation.crisis =
                CrisisAnswers { place_to_sleep_tonight: Some(false), ..CrisisAnswers::default() };
            situation.diagnosis.loonwaarde_percent_wml = Some(90);
            situation.diagnosis.months_to_labour_market = Some(1);
            let advice = evaluate_jan(&situation).advice.unwrap();
            assert_eq!(advice.route_kind, RouteKind::StabiliseCrisisFirst, "{municipality}");
            assert_eq!(advice.trace[0].rule, "engine.crisis_first");
        }
    }

    #[test]
    fn an_unknown_municipality_gets_a_clear_reason_instead_of_advice() {
        let evaluation = evaluate_jan(&jan("atlantis"));
        assert_eq!(evaluation.advice, None);
        assert!(evaluation.advice_unavailable.unwrap().nl.contains("atlantis"));
    }

    #[test]
    fn the_same_situation_gives_the_same_json_every_time() {
        let mut situation = jan("tilburg");
        situation.diagnosis.months_to_labour_market = Some(6);
        let first = serde_json::to_string(&evaluate_jan(&situation)).unwrap();
        for _ in 0..10 {
            assert_eq!(serde_json::to_string(&evaluate_jan(&situation)).unwrap(), first);
        }
    }
}
