//! Municipal policy profiles (beleidsprofielen) as dated data: one TOML file per municipality
//! in `shared/policies/`, each with a validity period, its routes, instruments, deadlines and
//! the wettelijk voorschot (legal advance). Every file in that folder is built in (as JSON, see
//! `build.rs`); `naar-vermogen-policy check-policy FILE` checks a file before it is added.
//!
//! Every policy's routes map onto one small common set of [`RouteKind`]s, so that policies can
//! be compared. A policy selects a route on one diagnosis input (loonwaarde bands, time to
//! market, or nothing); the loader checks that its routes cover that input without gaps or
//! overlaps, so that every client gets exactly one route.

use crate::data_file::{parse_json, parse_toml, DataFileError};
use crate::law::calendar::Date;
use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The common route kinds that every policy's routes map onto.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    /// A crisis (no place to sleep, no food, not safe) comes first.
    StabiliseCrisisFirst,
    /// The policy needs a diagnosis result that is not known yet.
    MoreDiagnosisNeeded,
    /// Can find regular work on their own (werk.nl, temp agencies).
    OwnStrengthToRegularWork,
    /// A traject (programme) towards paid work at a regular employer.
    TrajectToPaidWork,
    /// A learning/work place (leerwerkplek, leerwerkbedrijf) to build work skills.
    LearningWorkPlace,
    /// Sheltered work (beschut werk) or an alternative with lasting support.
    ShelteredWork,
    /// Paid work is not the goal now: social participation, day activities, volunteering.
    SocialParticipation,
}

impl RouteKind {
    pub const ALL: [RouteKind; 7] = [
        RouteKind::StabiliseCrisisFirst,
        RouteKind::MoreDiagnosisNeeded,
        RouteKind::OwnStrengthToRegularWork,
        RouteKind::TrajectToPaidWork,
        RouteKind::LearningWorkPlace,
        RouteKind::ShelteredWork,
        RouteKind::SocialParticipation,
    ];

    /// The kind in words: for an advice that names no route of the policy (a crisis first, more
    /// diagnosis needed), so that a decision can show what the engine advised.
    pub fn label(self) -> Explanation {
        let (nl, en) = match self {
            RouteKind::StabiliseCrisisFirst => ("Eerst de crisis oplossen", "Solve the crisis first"),
            RouteKind::MoreDiagnosisNeeded => ("Eerst meer onderzoek", "More assessment first"),
            RouteKind::OwnStrengthToRegularWork => ("Op eigen kracht naar werk", "To work on their own"),
            RouteKind::TrajectToPaidWork => ("Traject naar betaald werk", "Programme towards paid work"),
            RouteKind::LearningWorkPlace => ("Leerwerkplek", "Learning/work place"),
            RouteKind::ShelteredWork => ("Beschut werk", "Sheltered work"),
            RouteKind::SocialParticipation => ("Meedoen in de samenleving", "Taking part in society"),
        };
        Explanation::new(nl, en)
    }

    /// Its name in data (`more_diagnosis_needed`), and back.
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn parse(name: &str) -> Option<RouteKind> {
        serde_json::from_value(serde_json::Value::from(name)).ok()
    }
}

/// Which diagnosis result a policy selects its route on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelectionInput {
    /// Loonwaarde (% of the minimum wage, WML), in bands.
    Loonwaarde,
    /// Months until the client can do paid work at a regular employer.
    MonthsToLabourMarket,
    /// Everyone without work follows the same route.
    Nothing,
}

/// One municipality's policy, valid from `valid_from` until (not including) `valid_until`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyProfile {
    pub id: String,
    pub name: String,
    pub municipalities: Vec<String>,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    /// Where the policy is described (document, section, lines).
    pub source: String,
    /// Whether a client may see the route advice and its explanation in their own app.
    pub show_advice_to_client: bool,
    pub selection_input: SelectionInput,
    #[serde(rename = "route")]
    pub routes: Vec<Route>,
    #[serde(rename = "instrument", default)]
    pub instruments: Vec<Instrument>,
    #[serde(rename = "deadline", default)]
    pub deadlines: Vec<DeadlineRule>,
    pub legal_advance: Option<LegalAdvance>,
    /// What a new applicant does before the eligibility interview, where the policy has it.
    pub inspanningspakket: Option<Inspanningspakket>,
    /// Group programmes (trainingen) the municipality runs, such as IJmond's Sterk naar Werk.
    #[serde(rename = "programme", default)]
    pub programmes: Vec<crate::law::programme::Programme>,
}

/// The inspanningspakket: the job-search duties a new applicant carries out before the
/// rechtmatigheidsgesprek (eligibility interview), with the deadline to report back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inspanningspakket {
    /// How many job applications (sollicitaties).
    pub applications: u32,
    /// With how many temp agencies (uitzendbureaus) to register.
    pub temp_agencies: u32,
    /// The `[[deadline]]` by which the applicant reports back.
    pub report_back_deadline: String,
    /// Applicants younger than this also look into an education (opleiding).
    pub look_into_education_under_age: Option<u32>,
    /// The documents (bewijsstukken) to bring to the rechtmatigheidsgesprek.
    #[serde(rename = "document", default)]
    pub documents: Vec<RequiredDocument>,
    pub source: String,
}

/// One document to bring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredDocument {
    /// Lower-case letters and `_`: part of the record id of the client's tick.
    pub id: String,
    pub label: Explanation,
}

/// A route of this policy, chosen when its band contains the client's selection input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub kind: RouteKind,
    pub label: Explanation,
    pub next_step: Explanation,
    /// The band of the selection input: `from` included, `below` excluded. Loonwaarde in %,
    /// months to labour market in months. Absent for a policy that selects on nothing.
    pub band: Option<Band>,
    #[serde(default)]
    pub instruments: Vec<String>,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: u32,
    /// Exclusive upper bound; absent means no upper bound.
    pub below: Option<u32>,
}

impl Band {
    pub fn contains(&self, value: u32) -> bool {
        value >= self.from && self.below.is_none_or(|below| value < below)
    }
}

/// A time-limited instrument (voorziening), such as a leerwerkplek of at most 6 months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    pub label: Explanation,
    pub max_months: Option<u32>,
    #[serde(default)]
    pub extensions: u32,
    pub source: String,
}

/// How a deadline counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Calendar days; a term ending on a non-working day runs on (Algemene termijnenwet art. 1).
    CalendarDays,
    WorkingDays,
}

/// The step a deadline counts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStart {
    /// The date of the application or report (melding): the default.
    #[default]
    Application,
    /// The day the client reported back after the inspanningspakket (terugmelden).
    ReportBack,
    /// The day of the (group) intake.
    GroupIntake,
}

/// A deadline that follows from the application or a later step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    pub id: String,
    pub label: Explanation,
    #[serde(default)]
    pub after: DeadlineStart,
    pub days: u32,
    pub count: DayCount,
    pub source: String,
}

impl DeadlineRule {
    /// The last day, counted from the day of the step it follows.
    pub fn due_after(&self, start: Date) -> Date {
        match self.count {
            DayCount::CalendarDays => start.plus_calendar_days_under_the_atw(self.days),
            DayCount::WorkingDays => start.plus_working_days(self.days),
        }
    }
}

/// The wettelijk voorschot: an advance on the benefit when the decision takes long.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalAdvance {
    pub after_weeks: u32,
    pub percent_of_norm: u32,
    pub source: String,
}

impl PolicyProfile {
    /// Reads and checks one policy file. `file` is only used in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<PolicyProfile, DataFileError> {
        let policy: PolicyProfile = parse_toml(file, text)?;
        policy
            .check()
            .map_err(|(anchor, message)| DataFileError::at(file, text, anchor.as_deref(), message))?;
        Ok(policy)
    }

    /// Reads and checks the JSON form that `build.rs` makes of a policy file.
    pub fn from_json(file: &str, json: &str) -> Result<PolicyProfile, DataFileError> {
        let policy: PolicyProfile = parse_json(file, json)?;
        policy.check().map_err(|(_, message)| DataFileError::at(file, json, None, message))?;
        Ok(policy)
    }

    pub fn is_valid_on(&self, date: Date) -> bool {
        self.valid_from <= date && self.valid_until.is_none_or(|until| date < until)
    }

    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|instrument| instrument.id == id)
    }

    /// Checks what serde cannot: returns the text to find the line by, and the message.
    fn check(&self) -> Result<(), (Option<String>, String)> {
        if self.valid_until.is_some_and(|until| until <= self.valid_from) {
            return Err((
                Some("valid_until".to_owned()),
                format!(
                    "valid_until must be after valid_from ({}); remove it or move it later",
                    self.valid_from
                ),
            ));
        }
        if self.routes.is_empty() {
            return Err((None, "the policy has no [[route]]; add at least one".to_owned()));
        }
        if let Some(package) = &self.inspanningspakket {
            if !self.deadlines.iter().any(|rule| rule.id == package.report_back_deadline) {
                return Err((
                    Some("report_back_deadline".to_owned()),
                    format!(
                        "the inspanningspakket reports back by deadline `{}`, which has no [[deadline]]; add it or fix the id",
                        package.report_back_deadline
                    ),
                ));
            }
            if let Some(document) = package.documents.iter().find(|d| !crate::formats::is_plain_id(&d.id)) {
                return Err((
                    Some(format!("id = \"{}\"", document.id)),
                    format!("document id `{}` must be 1 to 40 lower-case letters and `_`", document.id),
                ));
            }
        }
        for programme in &self.programmes {
            programme.check()?;
        }
        for route in &self.routes {
            let anchor = Some(format!("id = \"{}\"", route.id));
            for instrument in &route.instruments {
                if self.instrument(instrument).is_none() {
                    return Err((
                        anchor,
                        format!("route `{}` names instrument `{instrument}`, which has no [[instrument]]; add it or fix the id", route.id),
                    ));
                }
            }
            match (self.selection_input, route.band) {
                (SelectionInput::Nothing, Some(_)) => {
                    return Err((
                        anchor,
                        format!(
                            "route `{}` has a band, but the policy selects on nothing; remove the band",
                            route.id
                        ),
                    ))
                }
                (SelectionInput::Loonwaarde | SelectionInput::MonthsToLabourMarket, None) => {
                    return Err((
                        anchor,
                        format!(
                            "route `{}` has no band; give it `band = {{ from = …, below = … }}`",
                            route.id
                        ),
                    ))
                }
                _ => {}
            }
        }
        self.check_bands_cover_the_input()
    }

    /// The bands, sorted, must start at 0, touch each other, and end open (loonwaarde: at or above 101).
    fn check_bands_cover_the_input(&self) -> Result<(), (Option<String>, String)> {
        match self.selection_input {
            SelectionInput::Nothing => {
                if self.routes.len() > 1 {
                    return Err((None, "a policy that selects on nothing has exactly one route".to_owned()));
                }
                return Ok(());
            }
            SelectionInput::Loonwaarde | SelectionInput::MonthsToLabourMarket => {}
        }
        let mut bands: Vec<(&Route, Band)> =
            self.routes.iter().filter_map(|r| r.band.map(|b| (r, b))).collect();
        bands.sort_by_key(|(_, band)| band.from);
        let mut expected_from = 0;
        for (route, band) in &bands {
            let anchor = Some(format!("id = \"{}\"", route.id));
            if band.from != expected_from {
                let problem = if band.from > expected_from { "a gap" } else { "an overlap" };
                return Err((
                    anchor,
                    format!(
                        "route `{}`: its band starts at {} but the previous band ends at {expected_from}: {problem}; make the bands touch",
                        route.id, band.from
                    ),
                ));
            }
            match band.below {
                Some(below) if below <= band.from => {
                    return Err((anchor, format!("route `{}`: `below` must be more than `from`", route.id)));
                }
                Some(below) => expected_from = below,
                None => expected_from = u32::MAX,
            }
        }
        let covered = match self.selection_input {
            SelectionInput::Loonwaarde => expected_from > 100,
            _ => expected_from == u32::MAX,
        };
        if !covered {
            return Err((
                None,
                format!("the bands end at {expected_from}; leave `below` out of the last band so that every value has a route"),
            ));
        }
        Ok(())
    }
}

/// All policies built into this binary, checked one by one and as a set (the tests guarantee
/// that they load, so this cannot fail at run time).
pub fn embedded_policies() -> &'static [PolicyProfile] {
    static PARSED: std::sync::OnceLock<Vec<PolicyProfile>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        let policies: Vec<PolicyProfile> = crate::embedded_data::POLICIES_AS_JSON
            .iter()
            .map(|(file, json)| {
                PolicyProfile::from_json(file, json)
                    .unwrap_or_else(|error| panic!("an embedded policy file is invalid: {error}"))
            })
            .collect();
        check_versions(&policies)
            .unwrap_or_else(|error| panic!("the embedded policies do not fit together: {error}"));
        policies
    })
}

/// The versions of one policy (files with the same `id`) must follow each other without a gap
/// or an overlap: each version but the last ends (`valid_until`) on the day the next begins.
pub fn check_versions(policies: &[PolicyProfile]) -> Result<(), String> {
    let mut ids: Vec<&str> = policies.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let mut versions: Vec<&PolicyProfile> = policies.iter().filter(|p| p.id == id).collect();
        versions.sort_by_key(|p| p.valid_from);
        for pair in versions.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            match earlier.valid_until {
                Some(until) if until == later.valid_from => {}
                Some(until) if until < later.valid_from => {
                    return Err(format!(
                        "policy `{id}`: no version is valid from {until} until {}: a gap; let the earlier version run until {}",
                        later.valid_from, later.valid_from
                    ))
                }
                _ => {
                    return Err(format!(
                        "policy `{id}`: the version from {} overlaps the version from {}; set valid_until = \"{}\" on the earlier one",
                        earlier.valid_from, later.valid_from, later.valid_from
                    ))
                }
            }
        }
    }
    Ok(())
}

/// The policy with `id` that is valid on `date`.
/// The policy valid on `date` for a municipality, named by its policy id (`tilburg`) or as people
/// write it (`Tilburg`, `'s-Hertogenbosch`), in any case.
pub fn policy_on<'a>(
    policies: &'a [PolicyProfile],
    municipality: &str,
    date: Date,
) -> Option<&'a PolicyProfile> {
    // Ids first, without allocating: simulate evaluates a caseload a million times.
    if let Some(policy) = policies.iter().find(|policy| policy.id == municipality && policy.is_valid_on(date))
    {
        return Some(policy);
    }
    let wanted = municipality.trim().to_lowercase();
    policies.iter().find(|policy| {
        (policy.id == wanted || policy.municipalities.iter().any(|name| name.to_lowercase() == wanted))
            && policy.is_valid_on(date)
    })
}

/// The version of policy `id` that is valid on `day`, or else its latest version (by `valid_from`).
pub fn current_version<'a>(policies: &'a [PolicyProfile], id: &str, day: Date) -> Option<&'a PolicyProfile> {
    let versions = policies.iter().filter(|p| p.id == id);
    versions.clone().find(|p| p.is_valid_on(day)).or_else(|| versions.max_by_key(|p| p.valid_from))
}

/// The current version ([`current_version`]) of each policy, in the order the policies are listed
/// (the versions of one policy stand together).
pub fn current_versions(policies: &[PolicyProfile], day: Date) -> Vec<&PolicyProfile> {
    let mut ids: Vec<&str> = policies.iter().map(|p| p.id.as_str()).collect();
    ids.dedup();
    ids.into_iter().filter_map(|id| current_version(policies, id, day)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TILBURG: &str = include_str!("../../policies/tilburg.toml");

    fn load(text: &str) -> Result<PolicyProfile, DataFileError> {
        PolicyProfile::from_toml("policies/test.toml", text)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    fn dated(id: &str, from: &str, until: Option<&str>) -> PolicyProfile {
        let mut policy = load(TILBURG).unwrap();
        policy.id = id.to_owned();
        policy.valid_from = Date::parse_iso(from).unwrap();
        policy.valid_until = until.map(|day| Date::parse_iso(day).unwrap());
        policy
    }

    #[test]
    fn the_current_version_is_the_one_valid_that_day_or_else_the_latest() {
        let day = |text| Date::parse_iso(text).unwrap();
        let policies = [
            dated("tilburg", "2024-01-01", Some("2025-01-01")),
            dated("tilburg", "2025-01-01", Some("2026-01-01")),
            dated("breda", "2023-01-01", None),
        ];
        let valid_from = |policy: Option<&PolicyProfile>| policy.map(|p| p.valid_from);
        assert_eq!(
            valid_from(current_version(&policies, "tilburg", day("2024-06-01"))),
            Some(day("2024-01-01"))
        );
        assert_eq!(
            valid_from(current_version(&policies, "tilburg", day("2025-06-01"))),
            Some(day("2025-01-01"))
        );
        // None valid (before the first, after the last): the latest.
        assert_eq!(
            valid_from(current_version(&policies, "tilburg", day("2023-06-01"))),
            Some(day("2025-01-01"))
        );
        assert_eq!(
            valid_from(current_version(&policies, "tilburg", day("2027-06-01"))),
            Some(day("2025-01-01"))
        );
        assert_eq!(current_version(&policies, "utrecht", day("2025-06-01")), None);
        let current: Vec<(&str, Date)> = current_versions(&policies, day("2024-06-01"))
            .into_iter()
            .map(|p| (p.id.as_str(), p.valid_from))
            .collect();
        assert_eq!(current, [("tilburg", day("2024-01-01")), ("breda", day("2023-01-01"))]);
    }

    #[test]
    fn every_route_kind_has_words_and_a_name_that_reads_back() {
        for kind in RouteKind::ALL {
            assert_eq!(RouteKind::parse(&kind.as_str()), Some(kind));
            assert!(!kind.label().nl.is_empty() && !kind.label().en.is_empty());
        }
        assert_eq!(RouteKind::MoreDiagnosisNeeded.as_str(), "more_diagnosis_needed");
        assert_eq!(RouteKind::parse("a-route-id"), None);
    }

    #[test]
    fn the_json_made_at_build_time_reads_the_same_as_every_toml_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.retain(|path| path.extension().is_some_and(|e| e == "toml"));
        files.sort();
        assert_eq!(files.len(), crate::embedded_data::POLICIES_AS_JSON.len());
        for (path, (_, json)) in files.iter().zip(crate::embedded_data::POLICIES_AS_JSON) {
            let from_toml =
                PolicyProfile::from_toml("toml", &std::fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(PolicyProfile::from_json("json", json).unwrap(), from_toml, "{}", path.display());
        }
    }

    #[test]
    fn every_embedded_policy_loads_and_is_valid_today() {
        let policies = embedded_policies();
        assert_eq!(policies.len(), 8);
        let today = Date::parse_iso("2026-11-26").unwrap();
        for policy in policies {
            assert!(policy.is_valid_on(today), "{}", policy.id);
            assert!(policy.routes.iter().all(|route| !route.source.is_empty()));
        }
    }

    #[test]
    fn an_unknown_field_is_refused_with_file_and_line() {
        let text = TILBURG.replacen("show_advice_to_client", "show_advice_to_clients", 1);
        let error = load(&text).unwrap_err();
        assert_eq!(error.line, Some(line_of(&text, "show_advice_to_clients")));
        assert!(error.to_string().starts_with("policies/test.toml:"), "{error}");
        assert!(error.message.contains("show_advice_to_clients"), "{error}");
    }

    #[test]
    fn a_route_without_a_kind_is_refused() {
        let text = TILBURG.replacen("kind = \"social_participation\"\n", "", 1);
        let error = load(&text).unwrap_err();
        assert!(error.message.contains("kind"), "{error}");
    }

    #[test]
    fn a_gap_between_bands_is_refused_at_the_route() {
        let text = TILBURG.replacen("band = { from = 13 }", "band = { from = 14 }", 1);
        let error = load(&text).unwrap_err();
        assert!(error.message.contains("a gap"), "{error}");
        assert_eq!(error.line, Some(line_of(&text, "id = \"sociale-participatie\"")));
    }

    #[test]
    fn an_overlap_between_bands_is_refused() {
        let text = TILBURG.replacen("band = { from = 13 }", "band = { from = 12 }", 1);
        assert!(load(&text).unwrap_err().message.contains("an overlap"));
    }

    #[test]
    fn bands_must_leave_no_value_without_a_route() {
        let text = TILBURG.replacen("band = { from = 13 }", "band = { from = 13, below = 60 }", 1);
        assert!(load(&text).unwrap_err().message.contains("leave `below` out"));
    }

    #[test]
    fn an_unknown_instrument_is_refused() {
        let text = TILBURG.replacen(
            "instruments = [\"tilburgs-alternatief\"]",
            "instruments = [\"leerwerkplek\"]",
            1,
        );
        let error = load(&text).unwrap_err();
        assert!(error.message.contains("`leerwerkplek`"), "{error}");
    }

    fn version(from: &str, until: Option<&str>) -> PolicyProfile {
        let mut policy = load(TILBURG).unwrap();
        policy.valid_from = Date::parse_iso(from).unwrap();
        policy.valid_until = until.map(|u| Date::parse_iso(u).unwrap());
        policy
    }

    #[test]
    fn a_municipality_is_found_by_policy_id_or_by_its_name_in_any_case() {
        let day = Date::parse_iso("2026-11-02").unwrap();
        let id_of = |name: &str| policy_on(embedded_policies(), name, day).map(|p| p.id.as_str());
        assert_eq!(id_of("tilburg"), Some("tilburg"));
        assert_eq!(id_of("Tilburg"), Some("tilburg"));
        assert_eq!(id_of("'s-Hertogenbosch"), Some("s-hertogenbosch-weener-xl"));
        assert_eq!(id_of(" VELSEN "), Some("ijmond-werkt"));
        assert_eq!(id_of("Atlantis"), None);
    }

    #[test]
    fn versions_of_a_policy_must_follow_each_other_without_gap_or_overlap() {
        let touching = [version("2015-01-01", Some("2026-01-01")), version("2026-01-01", None)];
        assert_eq!(check_versions(&touching), Ok(()));
        let gap = [version("2015-01-01", Some("2025-07-01")), version("2026-01-01", None)];
        assert!(check_versions(&gap).unwrap_err().contains("a gap"));
        let overlap = [version("2015-01-01", None), version("2026-01-01", None)];
        assert!(check_versions(&overlap).unwrap_err().contains("overlaps"));
        let both_valid_on = |policies: &[PolicyProfile], day: &str| {
            policy_on(policies, "tilburg", Date::parse_iso(day).unwrap()).map(|p| p.valid_from.to_string())
        };
        assert_eq!(both_valid_on(&touching, "2025-12-31").as_deref(), Some("2015-01-01"));
        assert_eq!(both_valid_on(&touching, "2026-01-01").as_deref(), Some("2026-01-01"));
    }

    #[test]
    fn a_validity_period_that_ends_before_it_starts_is_refused() {
        let text = TILBURG.replacen(
            "valid_from = \"2015-01-01\"",
            "valid_from = \"2015-01-01\"\nvalid_until = \"2014-01-01\"",
            1,
        );
        let error = load(&text).unwrap_err();
        assert!(error.message.contains("valid_until"), "{error}");
        assert_eq!(error.line, Some(line_of(&text, "valid_until")));
    }
}
