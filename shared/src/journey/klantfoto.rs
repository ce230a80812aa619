//! The klantfoto ("client photo"): the client's own picture of their situation, one question per
//! life domain (leefgebied), each answered on a scale of 5 steps from "things are going badly wrong"
//! to "I manage well on my own", after crisis questions that come first.
//!
//! The questions are data (`shared/klantfoto/domains.toml`, embedded as JSON by `build.rs`), so a
//! municipality can change the wording or the set. The answers are the fields of the `klantfoto`
//! record (the catalogue, `catalogue.rs`, takes its field list from here), synced like every other
//! change. This module decides what follows from the answers: which crisis needs help now, whether
//! the file is urgent, the order of the questions and where to resume, the summary in words, and the
//! radar chart's shape; and the screens' rules: the way back and on through the questions, the
//! progress, what an answer writes, and whether the client may see the engine's advice.

use crate::data_file::{parse_json, parse_toml, DataFileError};
use crate::law::advice::RouteAdvice;
use crate::law::calendar::Date;
use crate::law::local_time::LocalDateTime;
use crate::law::situation::{ClientSituation, CrisisAnswers, LifeDomainScore, HIGHEST_DOMAIN_SCORE};
use crate::role::Role;
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{DataClass, FieldSpec, MergeRule, RecordRef, ValueRule};
use crate::sync::sync_protocol::Operation;
use crate::text::Explanation;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The highest score: fully self-reliant (the law engine reads the scores).
pub const HIGHEST_SCORE: u8 = HIGHEST_DOMAIN_SCORE;
/// Scores up to this one need attention (acute, or not without help).
pub const NEEDS_ATTENTION_UP_TO: u8 = 2;
/// Scores from this one are going well.
pub const GOING_WELL_FROM: u8 = 4;

/// The field of the klantfoto record that marks it as filled in together with a professional.
pub const FILLED_IN_WITH: &str = "filled_in_with";

/// The set of questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KlantfotoSet {
    /// The words for each step of the scale, keys "1" to "5".
    pub scale: BTreeMap<String, Explanation>,
    #[serde(rename = "crisis")]
    pub crises: Vec<CrisisQuestion>,
    #[serde(rename = "domain")]
    pub domains: Vec<LifeDomain>,
}

/// A yes/no question where "no" means a crisis that needs help today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisQuestion {
    pub id: String,
    pub question: Explanation,
    /// What to do now, shown at once after a "no".
    pub help: Explanation,
    pub call: Call,
}

/// Whom to call: the words on the button and the number it dials.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    pub label: Explanation,
    /// Digits only, for a `tel:` link.
    pub number: String,
}

/// One life domain and its question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeDomain {
    pub id: String,
    pub name: Explanation,
    pub question: Explanation,
}

/// One screen of the klantfoto, in order: the crisis questions first, then the domains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Crisis(usize),
    Domain(usize),
    /// Every question answered (or skipped): the result.
    Summary,
}

/// The answers given so far (from the synced `klantfoto` record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// Domain id → score 1 to 5.
    pub scores: BTreeMap<String, u8>,
    /// Crisis question id → the answer (true = yes, all is well).
    pub crisis: BTreeMap<String, bool>,
}

/// The result in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary<'a> {
    pub needs_attention: Vec<&'a LifeDomain>,
    pub going_well: Vec<&'a LifeDomain>,
    pub not_answered: Vec<&'a LifeDomain>,
}

impl KlantfotoSet {
    /// The set built into this version of the app and the worker.
    pub fn embedded() -> &'static KlantfotoSet {
        static SET: OnceLock<KlantfotoSet> = OnceLock::new();
        SET.get_or_init(|| {
            let (file, json) = crate::embedded_data::KLANTFOTO_AS_JSON;
            KlantfotoSet::from_json(file, json).unwrap_or_else(|error| panic!("{error}"))
        })
    }

    pub fn from_json(file: &str, json: &str) -> Result<KlantfotoSet, DataFileError> {
        let set: KlantfotoSet = parse_json(file, json)?;
        set.check().map_err(|(message, _)| DataFileError::at(file, json, None, message))?;
        Ok(set)
    }

    /// Reads the TOML as people write it; a problem names the line of the id it is about.
    pub fn from_toml(file: &str, text: &str) -> Result<KlantfotoSet, DataFileError> {
        let set: KlantfotoSet = parse_toml(file, text)?;
        set.check().map_err(|(message, anchor)| DataFileError::at(file, text, anchor.as_deref(), message))?;
        Ok(set)
    }

    /// The scale has exactly the steps 1 to 5; ids are unique, plain, and crisis ids say so.
    /// A problem comes with the text to find its line by.
    fn check(&self) -> Result<(), (String, Option<String>)> {
        let steps: Vec<&str> = self.scale.keys().map(String::as_str).collect();
        if steps != ["1", "2", "3", "4", "5"] {
            let message =
                format!("the scale must have the steps 1 to 5, found {steps:?}; add or remove steps");
            return Err((message, Some("[scale]".to_owned())));
        }
        let mut seen = std::collections::BTreeSet::new();
        let ids = self
            .crises
            .iter()
            .map(|c| (c.id.as_str(), true))
            .chain(self.domains.iter().map(|d| (d.id.as_str(), false)));
        for (id, is_crisis) in ids {
            let anchor = Some(format!("id = \"{id}\""));
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return Err((format!("the id `{id}` must be lower-case letters and `_` only"), anchor));
            }
            if is_crisis != id.starts_with("crisis_") {
                let message = format!("the id `{id}`: crisis questions start with `crisis_`, domains do not");
                return Err((message, anchor));
            }
            if !seen.insert(id) {
                return Err((format!("the id `{id}` is used twice; give each question its own id"), anchor));
            }
        }
        if self.domains.is_empty() {
            return Err(("there are no domains; add at least one [[domain]]".to_owned(), None));
        }
        Ok(())
    }

    /// The fields of the `klantfoto` record: a yes/no per crisis question, a score per domain.
    pub fn field_specs(&self) -> Vec<FieldSpec> {
        let leak = |id: &str| -> &'static str { Box::leak(id.to_owned().into_boxed_str()) };
        let yes_or_no = self.crises.iter().map(|c| (leak(&c.id), ValueRule::YesOrNo));
        let scores = self
            .domains
            .iter()
            .map(|d| (leak(&d.id), ValueRule::Number { min: 1, max: i64::from(HIGHEST_SCORE) }));
        // Who filled it in with the client (a professional's login subject), when it was done together.
        let together = std::iter::once((FILLED_IN_WITH, ValueRule::Text { max_chars: 120 }));
        yes_or_no
            .chain(scores)
            .chain(together)
            .map(|(name, value)| FieldSpec {
                name,
                class: DataClass::Klantfoto,
                value,
                merge: MergeRule::LastWriterWins,
            })
            .collect()
    }

    pub fn steps(&self) -> Vec<Step> {
        (0..self.crises.len()).map(Step::Crisis).chain((0..self.domains.len()).map(Step::Domain)).collect()
    }

    /// Every question answered: the klantfoto is complete (submitted, for the municipality).
    pub fn is_complete(&self, answers: &Answers) -> bool {
        self.first_unanswered(answers) == Step::Summary
    }

    /// Where to resume: the first question without an answer, or the summary.
    pub fn first_unanswered(&self, answers: &Answers) -> Step {
        self.steps()
            .into_iter()
            .find(|step| match step {
                Step::Crisis(i) => !answers.crisis.contains_key(&self.crises[*i].id),
                Step::Domain(i) => !answers.scores.contains_key(&self.domains[*i].id),
                Step::Summary => false,
            })
            .unwrap_or(Step::Summary)
    }

    /// The crisis questions answered "no": each needs help today.
    pub fn crises_needing_help(&self, answers: &Answers) -> Vec<&CrisisQuestion> {
        self.crises.iter().filter(|c| answers.crisis.get(&c.id) == Some(&false)).collect()
    }

    /// Urgent: a crisis answer, or a domain where things are going badly wrong (score 1).
    pub fn is_urgent(&self, answers: &Answers) -> bool {
        !self.crises_needing_help(answers).is_empty() || answers.scores.values().any(|score| *score == 1)
    }

    pub fn summary(&self, answers: &Answers) -> Summary<'_> {
        let mut summary =
            Summary { needs_attention: Vec::new(), going_well: Vec::new(), not_answered: Vec::new() };
        for domain in &self.domains {
            match answers.scores.get(&domain.id) {
                None => summary.not_answered.push(domain),
                Some(score) if *score <= NEEDS_ATTENTION_UP_TO => summary.needs_attention.push(domain),
                Some(score) if *score >= GOING_WELL_FROM => summary.going_well.push(domain),
                Some(_) => {}
            }
        }
        summary
    }

    /// The words for a score, or `None` for a score off the scale.
    pub fn scale_words(&self, score: u8) -> Option<&Explanation> {
        self.scale.get(&score.to_string())
    }
}

/// The klantfoto as it stood at the end of a day on which an answer changed (Dutch calendar day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub date: Date,
    pub answers: Answers,
    /// Who gave the answers of that day (their login subjects): the client, or a professional
    /// filling it in with them.
    pub answered_by: BTreeSet<String>,
}

impl Answers {
    /// Takes one answer: a yes/no for a crisis question, a score on the scale for a domain; `null`
    /// clears it. Returns whether the field is one of the set's questions with a fitting value.
    pub fn take(&mut self, set: &KlantfotoSet, question_id: &str, value: &Value) -> bool {
        if set.crises.iter().any(|c| c.id == question_id) {
            match value {
                Value::Bool(answer) => drop(self.crisis.insert(question_id.to_owned(), *answer)),
                Value::Null => drop(self.crisis.remove(question_id)),
                _ => return false,
            }
            return true;
        }
        if set.domains.iter().any(|d| d.id == question_id) {
            match value.as_u64().filter(|score| (1..=u64::from(HIGHEST_SCORE)).contains(score)) {
                Some(score) => drop(self.scores.insert(question_id.to_owned(), score as u8)),
                None if value.is_null() => drop(self.scores.remove(question_id)),
                None => return false,
            }
            return true;
        }
        false
    }

    /// The answers among a klantfoto record's merged fields (a field that is no question, such as
    /// who filled it in with the client, or a value that does not fit, is no answer). The app and
    /// the worker read a klantfoto this one way.
    pub fn from_fields<'a>(
        set: &KlantfotoSet,
        fields: impl IntoIterator<Item = (&'a String, &'a FieldView)>,
    ) -> Answers {
        let mut answers = Answers::default();
        for (question_id, view) in fields {
            if let FieldView::Value(value) = view {
                answers.take(set, question_id, value);
            }
        }
        answers
    }

    /// Puts the answers into a situation for the engine (`advice::evaluate`): the scores as life
    /// domains, the crisis answers by their question.
    pub fn apply_to(&self, situation: &mut ClientSituation) {
        situation.life_domains = self
            .scores
            .iter()
            .map(|(domain, score)| LifeDomainScore { domain: domain.clone(), score: *score })
            .collect();
        let answer = |id: &str| self.crisis.get(id).copied();
        situation.crisis = CrisisAnswers {
            place_to_sleep_tonight: answer("crisis_place_to_sleep_tonight"),
            food_today: answer("crisis_food_today"),
            safe_at_home: answer("crisis_safe_at_home"),
        };
    }
}

/// The klantfoto over time, from the writes to one client's klantfoto record (any order, the same
/// write twice counts once): one snapshot per Dutch calendar day on which an answer changed, oldest
/// first, each with every answer as it stood at the end of that day. Writes are taken in clock
/// order, so the last snapshot agrees with the merged record (last writer wins).
pub fn history(set: &KlantfotoSet, writes: &[Operation]) -> Vec<Snapshot> {
    let mut ordered: Vec<&Operation> = writes.iter().collect();
    ordered.sort_by(|a, b| a.hlc.cmp(&b.hlc));
    ordered.dedup_by(|a, b| a.op_id == b.op_id);
    let mut answers = Answers::default();
    let mut snapshots: Vec<Snapshot> = Vec::new();
    for write in ordered {
        if !answers.take(set, &write.field, &write.value) {
            continue;
        }
        let date = LocalDateTime::from_utc_ms(write.hlc.wall_ms as i64).date;
        match snapshots.last_mut() {
            Some(last) if last.date == date => {
                last.answers = answers.clone();
                last.answered_by.insert(write.author.clone());
            }
            _ => snapshots.push(Snapshot {
                date,
                answers: answers.clone(),
                answered_by: BTreeSet::from([write.author.clone()]),
            }),
        }
    }
    snapshots
}

/// The corners of the radar chart's shape: one per domain, clockwise from the top, at a distance
/// from `center` proportional to the score (0 for no answer). For an SVG of `2 * radius` wide.
pub fn radar_corners(scores: &[Option<u8>], center: f64, radius: f64) -> Vec<(f64, f64)> {
    let count = scores.len().max(1) as f64;
    scores
        .iter()
        .enumerate()
        .map(|(i, score)| {
            let angle = std::f64::consts::TAU * i as f64 / count - std::f64::consts::FRAC_PI_2;
            let length = radius * f64::from(score.unwrap_or(0)) / f64::from(HIGHEST_SCORE);
            (round(center + length * angle.cos()), round(center + length * angle.sin()))
        })
        .collect()
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The corners as an SVG polygon's `points`.
pub fn svg_points(corners: &[(f64, f64)]) -> String {
    corners.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
}

/// A domain's name on one or two lines of the radar chart: names longer than 12 characters break
/// at the space nearest their middle.
pub fn label_lines(name: &str) -> (String, String) {
    const ONE_LINE: usize = 12;
    if name.chars().count() <= ONE_LINE {
        return (name.to_owned(), String::new());
    }
    let middle = name.len() / 2;
    let split = name.match_indices(' ').map(|(at, _)| at).min_by_key(|at| at.abs_diff(middle));
    match split {
        Some(at) => (name[..at].to_owned(), name[at + 1..].to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

/// Where "previous" (`offset` -1) or "next" (+1) leads from `current` among `steps`: past the last
/// question to the summary, from the summary back to the last question.
pub fn step_after(steps: &[Step], current: Step, offset: isize) -> Step {
    match steps.iter().position(|step| *step == current) {
        Some(i) => i.checked_add_signed(offset).and_then(|j| steps.get(j).copied()).unwrap_or(Step::Summary),
        None if offset < 0 => steps.last().copied().unwrap_or(Step::Summary),
        None => Step::Summary,
    }
}

/// "Question `done` of `total`" at `current`: every question done at the summary.
pub fn progress_at(steps: &[Step], current: Step) -> (usize, usize) {
    let total = steps.len();
    let done = match current {
        Step::Summary => total,
        current => steps.iter().position(|step| *step == current).unwrap_or(0) + 1,
    };
    (done, total)
}

/// The fields one answer writes: the answer, and, when a professional answers on their device
/// (`answered_by`: their role and login subject), that it was filled in together with them.
pub fn answer_fields(
    question_id: &str,
    value: Value,
    answered_by: Option<(Role, &str)>,
) -> Vec<(String, Value)> {
    let mut fields = vec![(question_id.to_owned(), value)];
    if let Some((_, subject)) = answered_by.filter(|(role, _)| *role != Role::Client) {
        fields.push((FILLED_IN_WITH.to_owned(), Value::from(subject)));
    }
    fields
}

/// The professional the klantfoto (`record`) was filled in together with, if any.
pub fn filled_in_with(replica: &Replica, record: &RecordRef) -> Option<String> {
    match replica.view(record, FILLED_IN_WITH) {
        Some(FieldView::Value(Value::String(subject))) => Some(subject),
        _ => None,
    }
}

/// Whether the engine's advice shows on the klantfoto's result: to a client only where the policy
/// lets the client see it, to professionals always.
pub fn shows_advice(advice: &RouteAdvice, viewer_is_client: bool) -> bool {
    !viewer_is_client || advice.show_to_client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> &'static KlantfotoSet {
        KlantfotoSet::embedded()
    }

    #[test]
    fn the_default_set_follows_the_zrm_with_crisis_questions_first() {
        assert_eq!(set().domains.len(), 11);
        assert_eq!(set().crises.len(), 3);
        assert_eq!(set().steps()[0], Step::Crisis(0));
        assert_eq!(set().steps().len(), 14);
        let toml = include_str!("../../klantfoto/domains.toml");
        assert_eq!(
            &KlantfotoSet::from_toml("domains.toml", toml).unwrap(),
            set(),
            "TOML and embedded JSON agree"
        );
    }

    #[test]
    fn a_broken_set_is_refused_with_what_to_fix() {
        let toml = include_str!("../../klantfoto/domains.toml");
        let twice = toml.replace("id = \"justice\"", "id = \"housing\"");
        assert!(KlantfotoSet::from_toml("x.toml", &twice).unwrap_err().to_string().contains("used twice"));
        let no_step =
            toml.replace("5 = { nl = \"Het lukt mij goed zelf\", en = \"I manage well on my own\" }\n", "");
        assert!(KlantfotoSet::from_toml("x.toml", &no_step)
            .unwrap_err()
            .to_string()
            .contains("steps 1 to 5"));
        let unknown = toml.replace("[scale]", "colour = \"red\"\n[scale]");
        assert!(KlantfotoSet::from_toml("x.toml", &unknown).is_err());
    }

    fn write(field: &str, value: Value, day: &str, minute: u32, author: &str) -> Operation {
        let at = LocalDateTime::parse(&format!("{day}T10:{minute:02}")).unwrap();
        Operation {
            op_id: format!("{field}-{day}-{minute}-{author}"),
            record: crate::sync::record::RecordRef {
                kind: crate::sync::record::RecordKind::Klantfoto,
                id: "c1".into(),
                owner: crate::sync::record::Owner::Client { client_id: "c1".into() },
            },
            field: field.into(),
            value,
            hlc: crate::sync::hlc::Hlc {
                wall_ms: at.to_utc_minutes() as u64 * 60_000,
                counter: 0,
                node: "d".into(),
            },
            author: author.into(),
            stored_as: None,
        }
    }

    #[test]
    fn the_history_keeps_each_day_an_answer_changed_with_who_answered() {
        let writes = vec![
            write("housing", 2.into(), "2026-11-02", 1, "client-jan"),
            write("crisis_food_today", false.into(), "2026-11-02", 2, "client-jan"),
            write("housing", 3.into(), "2026-11-02", 3, "client-jan"),
            // Filled in together two weeks later: a changed answer and a new one.
            write("housing", 4.into(), "2026-11-16", 5, "outreach-fatima"),
            write("finances", 1.into(), "2026-11-16", 6, "client-jan"),
            write("crisis_food_today", Value::Null, "2026-11-16", 7, "outreach-fatima"),
        ];
        let mut shuffled = writes.clone();
        shuffled.reverse();
        shuffled.push(writes[0].clone());
        let history = history(set(), &shuffled);
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].date, Date::parse_iso("2026-11-02").unwrap());
        assert_eq!(history[0].answers.scores, BTreeMap::from([("housing".to_owned(), 3)]));
        assert_eq!(history[0].answers.crisis, BTreeMap::from([("crisis_food_today".to_owned(), false)]));
        assert_eq!(history[0].answered_by, BTreeSet::from(["client-jan".to_owned()]));
        assert_eq!(
            history[1].answers.scores,
            BTreeMap::from([("housing".to_owned(), 4), ("finances".to_owned(), 1)])
        );
        assert!(history[1].answers.crisis.is_empty(), "a cleared answer is gone from that day on");
        assert_eq!(history[1].answered_by.len(), 2);
    }

    #[test]
    fn the_history_skips_writes_that_are_no_answer() {
        let writes = vec![
            write("housing", 9.into(), "2026-11-02", 1, "client-jan"),
            write("no_such_question", 3.into(), "2026-11-02", 2, "client-jan"),
            write("crisis_food_today", 3.into(), "2026-11-02", 3, "client-jan"),
        ];
        assert!(history(set(), &writes).is_empty());
    }

    #[test]
    fn resume_at_the_first_question_without_an_answer() {
        let mut answers = Answers::default();
        assert_eq!(set().first_unanswered(&answers), Step::Crisis(0));
        for crisis in &set().crises {
            answers.crisis.insert(crisis.id.clone(), true);
        }
        answers.scores.insert("finances".into(), 2);
        assert_eq!(set().first_unanswered(&answers), Step::Domain(1));
        for domain in &set().domains {
            answers.scores.insert(domain.id.clone(), 3);
        }
        assert_eq!(set().first_unanswered(&answers), Step::Summary);
    }

    #[test]
    fn a_crisis_answer_needs_help_now_and_makes_the_file_urgent() {
        let mut answers = Answers::default();
        answers.crisis.insert("crisis_place_to_sleep_tonight".into(), true);
        assert!(!set().is_urgent(&answers));
        answers.crisis.insert("crisis_safe_at_home".into(), false);
        let help = set().crises_needing_help(&answers);
        assert_eq!(help.len(), 1);
        assert!(help[0].help.nl.contains("112") && help[0].call.number == "08002000");
        assert!(set().is_urgent(&answers));
        let acute = Answers { scores: BTreeMap::from([("housing".into(), 1)]), ..Answers::default() };
        assert!(set().is_urgent(&acute), "a score of 1 is urgent too");
    }

    #[test]
    fn the_summary_sorts_domains_by_how_they_go() {
        let answers = Answers {
            scores: BTreeMap::from([
                ("finances".into(), 1),
                ("housing".into(), 2),
                ("justice".into(), 5),
                ("addiction".into(), 3),
            ]),
            ..Answers::default()
        };
        let summary = set().summary(&answers);
        let ids = |domains: &[&LifeDomain]| domains.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&summary.needs_attention), ["finances", "housing"]);
        assert_eq!(ids(&summary.going_well), ["justice"]);
        assert_eq!(summary.not_answered.len(), 11 - 4);
    }

    #[test]
    fn the_radar_chart_puts_each_score_on_its_own_spoke() {
        let corners = radar_corners(&[Some(5), Some(5), Some(5), Some(5)], 100.0, 80.0);
        assert_eq!(corners, vec![(100.0, 20.0), (180.0, 100.0), (100.0, 180.0), (20.0, 100.0)]);
        let unanswered = radar_corners(&[None, Some(1)], 50.0, 50.0);
        assert_eq!(unanswered[0], (50.0, 50.0), "no answer sits at the centre");
        assert_eq!(unanswered[1], (50.0, 60.0));
    }

    #[test]
    fn the_answers_feed_the_engine_and_a_crisis_comes_first() {
        let answers = Answers {
            scores: BTreeMap::from([("housing".into(), 2)]),
            crisis: BTreeMap::from([("crisis_place_to_sleep_tonight".into(), false)]),
        };
        let mut situation = ClientSituation {
            municipality: Some("Tilburg".to_owned()),
            application_date: crate::law::calendar::Date::parse_iso("2026-11-02").ok(),
            ..ClientSituation::default()
        };
        answers.apply_to(&mut situation);
        assert_eq!(situation.crisis.place_to_sleep_tonight, Some(false));
        let evaluation = crate::law::advice::evaluate(
            &situation,
            crate::law::parameters::LegalParameters::embedded(),
            crate::law::policy::embedded_policies(),
        );
        assert_eq!(
            evaluation.advice.unwrap().route_kind,
            crate::law::policy::RouteKind::StabiliseCrisisFirst
        );
    }

    #[test]
    fn every_answer_is_a_field_of_the_klantfoto_record() {
        let specs = set().field_specs();
        assert_eq!(specs.len(), 15, "14 answers and who filled it in with the client");
        assert!(specs.iter().any(|spec| spec.name == FILLED_IN_WITH));
        assert!(specs.iter().all(|spec| spec.class == DataClass::Klantfoto));
        let housing = specs.iter().find(|s| s.name == "housing").unwrap();
        assert_eq!(housing.value, ValueRule::Number { min: 1, max: 5 });
    }

    #[test]
    fn previous_and_next_walk_the_questions_and_end_at_the_summary() {
        let steps = set().steps();
        let last = *steps.last().unwrap();
        assert_eq!(step_after(&steps, Step::Crisis(0), 1), Step::Crisis(1));
        assert_eq!(step_after(&steps, Step::Crisis(0), -1), Step::Summary, "before the first: nowhere");
        assert_eq!(step_after(&steps, Step::Crisis(2), 1), Step::Domain(0));
        assert_eq!(step_after(&steps, last, 1), Step::Summary);
        assert_eq!(step_after(&steps, Step::Summary, -1), last);
        assert_eq!(step_after(&steps, Step::Summary, 1), Step::Summary);
    }

    #[test]
    fn progress_counts_the_question_shown_and_all_at_the_summary() {
        let steps = set().steps();
        assert_eq!(progress_at(&steps, Step::Crisis(0)), (1, 14));
        assert_eq!(progress_at(&steps, Step::Domain(0)), (4, 14));
        assert_eq!(progress_at(&steps, Step::Summary), (14, 14));
    }

    #[test]
    fn a_professional_answering_marks_the_klantfoto_as_filled_in_together() {
        let own = answer_fields("housing", Value::from(3), Some((Role::Client, "client-jan")));
        assert_eq!(own, [("housing".to_owned(), Value::from(3))]);
        let together = answer_fields("housing", Value::from(3), Some((Role::OutreachWorker, "sanne")));
        assert_eq!(together[1], (FILLED_IN_WITH.to_owned(), Value::from("sanne")));
        assert_eq!(answer_fields("housing", Value::from(3), None).len(), 1, "not logged in");
    }

    #[test]
    fn long_domain_names_break_near_their_middle() {
        assert_eq!(label_lines("Financiën"), ("Financiën".to_owned(), String::new()));
        assert_eq!(label_lines("Huiselijke relaties"), ("Huiselijke".to_owned(), "relaties".to_owned()));
        assert_eq!(label_lines("Geestelijkegezondheid"), ("Geestelijkegezondheid".to_owned(), String::new()));
        assert_eq!(svg_points(&[(1.0, 2.5), (3.0, 4.0)]), "1,2.5 3,4");
    }

    #[test]
    fn a_client_sees_the_advice_only_where_the_policy_lets_them() {
        use crate::law::policy::RouteKind;
        let mut advice = RouteAdvice {
            policy_id: "tilburg".into(),
            route_kind: RouteKind::TrajectToPaidWork,
            route_id: None,
            label: Explanation::new("a", "a"),
            next_step: Explanation::new("b", "b"),
            instruments: Vec::new(),
            deadlines: Vec::new(),
            legal_advance: None,
            show_to_client: false,
            trace: Vec::new(),
        };
        assert!(!shows_advice(&advice, true));
        assert!(shows_advice(&advice, false), "professionals always");
        advice.show_to_client = true;
        assert!(shows_advice(&advice, true));
    }
}
