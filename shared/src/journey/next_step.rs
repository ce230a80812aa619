//! The consulent's decisions on a client's next step, read from the synced `decision` records:
//! which route and instrument, from which day, why, who decided and when, and what the engine
//! advised at the time (so a decision against the advice shows as such). Newest first. And the
//! decision form's rules: which route it offers first, the instruments of a route, the check and
//! the fields of a new decision, and routes and instruments in words.

use crate::journey::coming_up::InstrumentSince;
use crate::journey::dossier::{answers_in, situation_for};
use crate::law::advice::{evaluate, RouteAdvice};
use crate::law::calendar::Date;
use crate::law::parameters::LegalParameters;
use crate::law::policy::embedded_policies;
use crate::law::policy::{PolicyProfile, RouteKind};
use crate::sync::merge::{FieldKey, Register, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};
use crate::text::{Explanation, Language};
use serde_json::Value;
use std::collections::BTreeMap;

/// One decision as the device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub record_id: String,
    pub route_id: Option<String>,
    pub instrument_id: Option<String>,
    pub starts_on: Option<Date>,
    pub reason: String,
    pub advised_route_id: Option<String>,
    /// Who wrote the reason (the login subject), and when (their clock, UTC ms).
    pub by: String,
    pub at_ms: u64,
}

impl Decided {
    /// The consulent chose another route than the engine advised.
    pub fn differs_from_advice(&self) -> bool {
        matches!((&self.route_id, &self.advised_route_id), (Some(route), Some(advised)) if route != advised)
    }

    /// The instrument the client is in since this decision, for `coming_up`.
    pub fn instrument_since(&self) -> Option<InstrumentSince> {
        Some(InstrumentSince { instrument_id: self.instrument_id.clone()?, since: self.starts_on? })
    }
}

/// Every decision on one client file, newest first. A decision without a reason is not one yet.
pub fn decisions_of(replica: &Replica, client_id: &str) -> Vec<Decided> {
    decisions_by_client(replica).remove(client_id).unwrap_or_default()
}

/// Every decision on this device, per client file, newest first: one pass over the replica, for
/// a caseload of many files.
pub fn decisions_by_client(replica: &Replica) -> BTreeMap<String, Vec<Decided>> {
    let mut by_client: BTreeMap<String, Vec<Decided>> = BTreeMap::new();
    for record in replica.records_of_kind(RecordKind::Decision).into_keys() {
        if let (Owner::Client { client_id }, Some(decided)) = (&record.owner, read(replica, &record)) {
            by_client.entry(client_id.clone()).or_default().push(decided);
        }
    }
    for decisions in by_client.values_mut() {
        decisions.sort_by(|a, b| b.at_ms.cmp(&a.at_ms).then_with(|| b.record_id.cmp(&a.record_id)));
    }
    by_client
}

fn read(replica: &Replica, record: &RecordRef) -> Option<Decided> {
    let write =
        |field: &str| match replica.fields.get(&FieldKey { record: record.clone(), field: field.to_owned() })
        {
            Some(Register::LastWriterWins { write }) if !write.value.is_null() => Some(write),
            _ => None,
        };
    let text = |field: &str| write(field).and_then(|w| w.value.as_str().map(str::to_owned));
    let reason = write("reason")?;
    Some(Decided {
        record_id: record.id.clone(),
        route_id: text("route_id"),
        instrument_id: text("instrument_id"),
        starts_on: text("starts_on").and_then(|day| Date::parse_iso(&day).ok()),
        reason: match &reason.value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        },
        advised_route_id: text("advised_route_id"),
        by: reason.author.clone(),
        at_ms: reason.hlc.wall_ms,
    })
}

/// What the engine advised, as a decision stores it beside the route chosen: a route of the policy,
/// or else the kind of advice (a crisis first, more assessment).
pub fn advised_route_id(advice: &RouteAdvice) -> String {
    advice.route_id.clone().unwrap_or_else(|| advice.route_kind.as_str())
}

/// What the engine advises on a client file as `replica` has it (the dossier and the klantfoto) on
/// `today`: the worker stores it beside every new decision (`advised_route_id`, author
/// `ENGINE_AUTHOR`), so that a device cannot put words in the engine's mouth. `None` while the file
/// names no municipality.
pub fn engine_advice_on(replica: &Replica, client_id: &str, today: Date) -> Option<String> {
    let situation = situation_for(replica, client_id, &answers_in(replica, client_id), today)?;
    let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
    evaluation.advice.as_ref().map(advised_route_id)
}

/// The route the decision form offers first: the advised one when it is a route of the policy,
/// else the policy's first route.
pub fn first_route_choice(policy: &PolicyProfile, advised_route_id: Option<&str>) -> String {
    advised_route_id
        .filter(|advised| policy.routes.iter().any(|route| route.id == *advised))
        .map_or_else(|| policy.routes[0].id.clone(), str::to_owned)
}

/// The instruments a route of the policy offers (none for a route it does not have).
pub fn instruments_of_route(policy: &PolicyProfile, route_id: &str) -> Vec<String> {
    policy
        .routes
        .iter()
        .find(|route| route.id == route_id)
        .map(|route| route.instruments.clone())
        .unwrap_or_default()
}

/// A route of the policy in words; an advice that names no route is its kind in words.
pub fn route_label(policy: Option<&PolicyProfile>, id: Option<&str>, language: Language) -> String {
    let Some(id) = id else { return language.pick("geen", "none").to_owned() };
    if let Some(route) = policy.and_then(|p| p.routes.iter().find(|route| route.id == id)) {
        return route.label.in_language(language).to_owned();
    }
    RouteKind::parse(id).map_or_else(|| id.to_owned(), |kind| kind.label().in_language(language).to_owned())
}

/// An instrument of the policy in words (its id when the policy does not know it).
pub fn instrument_label(policy: Option<&PolicyProfile>, id: &str, language: Language) -> String {
    policy
        .and_then(|p| p.instruments.iter().find(|instrument| instrument.id == id))
        .map_or_else(|| id.to_owned(), |instrument| instrument.label.in_language(language).to_owned())
}

/// A decision as the consulent filled in the form (text, as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionDraft {
    pub route_id: String,
    /// Empty: no instrument.
    pub instrument_id: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub reason: String,
}

/// The fields of a new decision record, or what to fill in first: a reason (required), and the day
/// it applies from.
pub fn decision_fields(draft: &DecisionDraft) -> Result<Vec<(&'static str, Value)>, Explanation> {
    let reason = draft.reason.trim();
    if reason.is_empty() {
        return Err(Explanation::new(
            "Schrijf op waarom u dit besluit neemt.",
            "Write down why you make this decision.",
        ));
    }
    if Date::parse_iso(&draft.starts_on).is_err() {
        return Err(Explanation::new(
            "Vul in vanaf welke dag het geldt.",
            "Fill in from which day it applies.",
        ));
    }
    let mut fields = vec![
        ("route_id", Value::from(draft.route_id.clone())),
        ("starts_on", Value::from(draft.starts_on.clone())),
        ("reason", Value::from(reason)),
    ];
    if !draft.instrument_id.is_empty() {
        fields.push(("instrument_id", Value::from(draft.instrument_id.clone())));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::date;
    use crate::sync::hlc::Hlc;
    use crate::sync::record::RecordRef;
    use crate::sync::sync_protocol::Operation;

    const CLIENT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    fn decide(replica: &mut Replica, id: &str, at_ms: u64, fields: &[(&str, &str)]) {
        let record = RecordRef {
            kind: RecordKind::Decision,
            id: id.into(),
            owner: Owner::Client { client_id: CLIENT.into() },
        };
        for (field, value) in fields {
            let operation = Operation {
                op_id: format!("{id}-{field}"),
                record: record.clone(),
                field: (*field).into(),
                value: Value::from(*value),
                hlc: Hlc { wall_ms: at_ms, counter: 0, node: "desk".into() },
                author: "consulent-sanne".into(),
                stored_as: None,
            };
            let spec = RecordKind::Decision.field(field).expect("a field of a decision");
            replica.apply(&operation, spec.merge);
        }
    }

    /// Sets `field` of `record` in `replica`, as a pulled operation would.
    fn put(replica: &mut Replica, record: RecordRef, field: &str, value: Value) {
        let spec = record.kind.field(field).expect("a field of the kind");
        let operation = Operation {
            op_id: format!("{}-{field}", record.id),
            record,
            field: field.into(),
            value,
            hlc: Hlc { wall_ms: 1_000, counter: 0, node: "tablet".into() },
            author: "outreach-fatima".into(),
            stored_as: None,
        };
        replica.apply(&operation, spec.merge);
    }

    #[test]
    fn the_engine_advises_from_the_file_as_it_stands() {
        use crate::journey::dossier::{dossier_of, klantfoto_of};
        let today = date("2026-12-01");
        let mut replica = Replica::default();
        assert_eq!(engine_advice_on(&replica, CLIENT, today), None, "no municipality yet");
        put(&mut replica, dossier_of(CLIENT), "municipality", Value::from("Tilburg"));
        let calm =
            engine_advice_on(&replica, CLIENT, today).expect("an advice once the municipality is known");
        put(&mut replica, klantfoto_of(CLIENT), "crisis_safe_at_home", Value::from(false));
        let crisis = RouteKind::StabiliseCrisisFirst.as_str();
        assert_eq!(engine_advice_on(&replica, CLIENT, today), Some(crisis.clone()), "the klantfoto counts");
        assert_ne!(calm, crisis);
    }

    #[test]
    fn decisions_come_newest_first_with_the_advice_beside_them() {
        let mut replica = Replica::default();
        decide(
            &mut replica,
            "a1b2c3d4-0001-4a5b-8c6d-7e8f9a0b1c2d",
            1_000,
            &[("route_id", "werkfit"), ("advised_route_id", "werkfit"), ("reason", "Eerst werkfit worden.")],
        );
        decide(
            &mut replica,
            "a1b2c3d4-0002-4a5b-8c6d-7e8f9a0b1c2d",
            2_000,
            &[
                ("route_id", "leerwerkplek"),
                ("instrument_id", "leerwerkplek"),
                ("starts_on", "2026-12-01"),
                ("advised_route_id", "werkfit"),
                ("reason", "Hij wil met zijn handen werken."),
            ],
        );
        decide(&mut replica, "a1b2c3d4-0003-4a5b-8c6d-7e8f9a0b1c2d", 3_000, &[("route_id", "half")]);
        let decisions = decisions_of(&replica, CLIENT);
        assert_eq!(decisions.len(), 2, "a decision without a reason is not one yet");
        assert_eq!(decisions[0].reason, "Hij wil met zijn handen werken.");
        assert!(decisions[0].differs_from_advice());
        assert!(!decisions[1].differs_from_advice());
        assert_eq!(decisions[0].by, "consulent-sanne");
        assert_eq!(
            decisions[0].instrument_since(),
            Some(InstrumentSince { instrument_id: "leerwerkplek".into(), since: date("2026-12-01") })
        );
        assert_eq!(decisions[1].instrument_since(), None);
        assert!(decisions_of(&replica, "another-client").is_empty());
    }

    fn policy(id: &str) -> &'static PolicyProfile {
        crate::law::policy::embedded_policies().iter().find(|p| p.id == id).expect("an embedded policy")
    }

    #[test]
    fn the_form_offers_the_advised_route_first_when_the_policy_has_it() {
        let tilburg = policy("tilburg");
        let last = tilburg.routes.last().expect("routes").id.clone();
        assert_eq!(first_route_choice(tilburg, Some(&last)), last);
        assert_eq!(first_route_choice(tilburg, Some("more_diagnosis_needed")), tilburg.routes[0].id);
        assert_eq!(first_route_choice(tilburg, None), tilburg.routes[0].id);
    }

    #[test]
    fn an_advice_without_a_route_of_the_policy_is_stored_and_shown_as_its_kind() {
        use crate::law::advice::evaluate;
        use crate::law::parameters::LegalParameters;
        use crate::law::situation::{ClientSituation, CrisisAnswers};
        let situation = ClientSituation {
            municipality: Some("Tilburg".into()),
            application_date: Some(date("2026-11-02")),
            birth_date: Some(date("1980-01-01")),
            crisis: CrisisAnswers { place_to_sleep_tonight: Some(false), ..CrisisAnswers::default() },
            ..ClientSituation::default()
        };
        let evaluation =
            evaluate(&situation, LegalParameters::embedded(), crate::law::policy::embedded_policies());
        let advice = evaluation.advice.expect("an advice");
        assert_eq!(advice.route_id, None, "a crisis comes before any policy");
        assert_eq!(advised_route_id(&advice), "stabilise_crisis_first");
        let profile = policy("tilburg");
        let tilburg = Some(profile);
        assert_eq!(
            route_label(tilburg, Some("stabilise_crisis_first"), Language::Dutch),
            "Eerst de crisis oplossen"
        );
        assert_eq!(route_label(tilburg, None, Language::English), "none");
        assert_eq!(route_label(tilburg, Some("no-such"), Language::English), "no-such");
        let route = &profile.routes[0];
        assert_eq!(route_label(tilburg, Some(&route.id), Language::English), route.label.en);
    }

    #[test]
    fn instruments_follow_the_route_and_read_in_words() {
        let weener = policy("s-hertogenbosch-weener-xl");
        let route =
            weener.routes.iter().find(|r| !r.instruments.is_empty()).expect("a route with instruments");
        assert_eq!(instruments_of_route(weener, &route.id), route.instruments);
        assert!(instruments_of_route(weener, "no-such").is_empty());
        let instrument = &weener.instruments[0];
        assert_eq!(instrument_label(Some(weener), &instrument.id, Language::Dutch), instrument.label.nl);
        assert_eq!(instrument_label(None, "unknown", Language::Dutch), "unknown");
    }

    #[test]
    fn a_decision_needs_a_reason_and_a_day_and_writes_only_what_was_chosen() {
        let draft = DecisionDraft {
            route_id: "werkfit".into(),
            instrument_id: String::new(),
            starts_on: "2026-12-01".into(),
            reason: "  Eerst werkfit worden. ".into(),
        };
        let fields = decision_fields(&draft).expect("a full decision");
        let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["route_id", "starts_on", "reason"]);
        assert_eq!(fields[2].1, Value::from("Eerst werkfit worden."));
        let full = DecisionDraft { instrument_id: "leerwerkplek".into(), ..draft.clone() };
        let names: Vec<&str> = decision_fields(&full).unwrap().iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            ["route_id", "starts_on", "reason", "instrument_id"],
            "the advice is the worker's to add"
        );
        let no_reason = DecisionDraft { reason: " ".into(), ..draft.clone() };
        assert_eq!(decision_fields(&no_reason).unwrap_err().en, "Write down why you make this decision.");
        let no_day = DecisionDraft { starts_on: String::new(), ..draft };
        assert_eq!(decision_fields(&no_day).unwrap_err().en, "Fill in from which day it applies.");
    }
}
