//! The municipal sync's words and the wire types of its outbox view.
//!
//! The vocabulary, one enum per closed set of words, serialised as the words stored in D1 and sent
//! on the wire (`snake_case`), each with its words for people (Dutch first, English second):
//! - [`Milestone`]: a step in the client's journey that becomes a status of their zaak;
//! - [`MunicipalAction`]: what one outbox row asks of the municipality's systems;
//! - [`CallState`]: where an outbox row stands.
//!
//! [`readable_reason`] reads the zaak system's answer that the worker stores with a refused call.
//!
//! The view (`GET /api/v1/municipal-outbox`): the team's calls to the municipality's case system
//! (ZGW Zaken API) that have not gone through, with the reason, and the zaken (cases) made for the
//! team's clients with their last status. Shared by the worker (`municipal/`) and the app's page
//! `pages/municipal_outbox.rs`.
//!
//! Dutch words: *zaak* (a case in the municipality's case system), *aanvraag* (an application for
//! benefit; each one becomes a zaak), *identificatie* (the zaak's number there), *statustoelichting*
//! (the explanation of a status in the zaak system).

use crate::text::Language;
use serde::{Deserialize, Serialize};

/// A step in the client's journey that becomes a status of their zaak. Its name is the key of
/// `MUNICIPAL_API.statustypes` in the worker's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Every question of the klantfoto has an answer.
    KlantfotoSubmitted,
    /// The inspanningspakket is done (`shared::journey::inspanningspakket`).
    InspanningspakketCompleted,
    /// A professional marked the rechtmatigheidsgesprek held (`shared::journey`).
    RechtmatigheidsgesprekHeld,
    /// The consulent recorded a decision with a route (`shared::journey`).
    RouteDecided,
}

impl Milestone {
    /// In the order of the journey.
    pub const ALL: [Milestone; 4] = [
        Milestone::KlantfotoSubmitted,
        Milestone::InspanningspakketCompleted,
        Milestone::RechtmatigheidsgesprekHeld,
        Milestone::RouteDecided,
    ];

    /// Its name in D1, on the wire and in the configuration (`klantfoto_submitted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::KlantfotoSubmitted => "klantfoto_submitted",
            Milestone::InspanningspakketCompleted => "inspanningspakket_completed",
            Milestone::RechtmatigheidsgesprekHeld => "rechtmatigheidsgesprek_held",
            Milestone::RouteDecided => "route_decided",
        }
    }

    pub fn parse(name: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|milestone| milestone.as_str() == name)
    }

    /// The step in words, for the team's consulents: "Klantfoto ingevuld" / "Klantfoto filled in".
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            Milestone::KlantfotoSubmitted => ("Klantfoto ingevuld", "Klantfoto filled in"),
            Milestone::InspanningspakketCompleted => ("Inspanningspakket af", "Job search tasks done"),
            Milestone::RechtmatigheidsgesprekHeld => {
                ("Rechtmatigheidsgesprek gehouden", "Eligibility interview held")
            }
            Milestone::RouteDecided => ("Route besloten", "Route decided"),
        };
        language.pick(nl, en)
    }

    /// The status's `statustoelichting` in the zaak system (Dutch only, as the municipality works
    /// in Dutch; no personal data).
    pub fn statustoelichting(self) -> &'static str {
        match self {
            Milestone::KlantfotoSubmitted => "De klantfoto is ingevuld (Naar Vermogen).",
            Milestone::InspanningspakketCompleted => "Het inspanningspakket is af (Naar Vermogen).",
            Milestone::RechtmatigheidsgesprekHeld => {
                "Het rechtmatigheidsgesprek is gehouden (Naar Vermogen)."
            }
            Milestone::RouteDecided => "De consulent heeft de route besloten (Naar Vermogen).",
        }
    }
}

/// What one outbox row asks of the municipality's systems (the column `action` of
/// `municipal_outbox`; the migrations' `CHECK` lists the same words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MunicipalAction {
    /// Create the zaak of an aanvraag (`subject`: the aanvraag id).
    CreateZaak,
    /// Add the applicant's rol to the zaak of an aanvraag (`subject`: the aanvraag id).
    CreateRol,
    /// Set a status on the client's latest zaak (`subject`: the [`Milestone`]).
    SetStatus,
    /// Make a document in the Documenten API (`subject`: its kind, `klantfoto`).
    CreateDocument,
    /// Link that document to the client's latest zaak (`subject`: its kind).
    LinkDocument,
    /// A held appointment as a klantcontact in the Klantinteracties API (`subject`: the
    /// appointment id).
    CreateKlantcontact,
}

impl MunicipalAction {
    pub const ALL: [MunicipalAction; 6] = [
        MunicipalAction::CreateZaak,
        MunicipalAction::CreateRol,
        MunicipalAction::SetStatus,
        MunicipalAction::CreateDocument,
        MunicipalAction::LinkDocument,
        MunicipalAction::CreateKlantcontact,
    ];

    /// Its name in D1 and on the wire (`create_zaak`).
    pub fn as_str(self) -> &'static str {
        match self {
            MunicipalAction::CreateZaak => "create_zaak",
            MunicipalAction::CreateRol => "create_rol",
            MunicipalAction::SetStatus => "set_status",
            MunicipalAction::CreateDocument => "create_document",
            MunicipalAction::LinkDocument => "link_document",
            MunicipalAction::CreateKlantcontact => "create_klantcontact",
        }
    }

    pub fn parse(name: &str) -> Option<MunicipalAction> {
        MunicipalAction::ALL.into_iter().find(|action| action.as_str() == name)
    }

    /// The call in words, for the team's consulents: "Zaak aanmaken" / "Create the case".
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            MunicipalAction::CreateZaak => ("Zaak aanmaken", "Create the case"),
            MunicipalAction::CreateRol => ("Aanvrager aan de zaak koppelen", "Add the applicant to the case"),
            MunicipalAction::SetStatus => ("Stap doorgeven", "Pass on a step"),
            MunicipalAction::CreateDocument => {
                ("Klantfoto als document opslaan", "Store the klantfoto as a document")
            }
            MunicipalAction::LinkDocument => {
                ("Document aan de zaak koppelen", "Add the document to the case")
            }
            MunicipalAction::CreateKlantcontact => ("Contactmoment doorgeven", "Pass on a contact moment"),
        };
        language.pick(nl, en)
    }
}

/// Where an outbox row stands (the column `state` of `municipal_outbox`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// Not delivered yet: due now, or waiting for its backoff or for the client's earlier rows.
    Pending,
    /// Done; the row stays as the record of what was sent.
    Delivered,
    /// Refused by the other side; waits until a consulent sends it again.
    Parked,
}

impl CallState {
    pub const ALL: [CallState; 3] = [CallState::Pending, CallState::Delivered, CallState::Parked];

    /// Its name in D1 and on the wire (`pending`).
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Pending => "pending",
            CallState::Delivered => "delivered",
            CallState::Parked => "parked",
        }
    }

    pub fn parse(name: &str) -> Option<CallState> {
        CallState::ALL.into_iter().find(|state| state.as_str() == name)
    }

    /// The state in words, for the team's consulents: "Geweigerd" / "Refused".
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            CallState::Pending => ("Wacht op de gemeente", "Waiting for the municipality"),
            CallState::Delivered => ("Doorgegeven", "Passed on"),
            CallState::Parked => ("Geweigerd", "Refused"),
        };
        language.pick(nl, en)
    }
}

/// One call that is waiting ([`CallState::Pending`]) or was refused ([`CallState::Parked`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalCall {
    pub id: i64,
    pub client_id: String,
    pub action: MunicipalAction,
    /// The aanvraag id, the milestone of a status (`klantfoto_submitted`), the document's kind or
    /// the appointment id (see [`MunicipalAction`]).
    pub subject: String,
    pub state: CallState,
    pub attempts: u32,
    /// Why the last attempt failed: the other side's answer, shortened.
    pub last_error: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// A zaak made for one of the team's clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalZaak {
    pub client_id: String,
    pub aanvraag_id: String,
    pub identificatie: String,
    pub zaak_url: String,
    /// The last milestone sent as a status, if any.
    pub last_status: Option<Milestone>,
    pub last_status_at: Option<String>,
    /// The day the municipality closed the zaak (its einddatum), once it has.
    pub closed_on: Option<String>,
    /// Every milestone sent to this zaak as a status, in the order they were set.
    #[serde(default)]
    pub statuses: Vec<Milestone>,
}

/// The whole view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalOutbox {
    /// Waiting and refused calls, oldest first (at most 200).
    pub calls: Vec<MunicipalCall>,
    /// The team's zaken, newest first (at most 200).
    pub zaken: Vec<MunicipalZaak>,
    pub pending: u32,
    pub parked: u32,
    pub delivered: u32,
}

/// The path of the view.
pub const MUNICIPAL_OUTBOX_PATH: &str = "/api/v1/municipal-outbox";

/// The path that sends one parked call again (`POST`).
pub fn retry_path(call_id: i64) -> String {
    format!("{MUNICIPAL_OUTBOX_PATH}/{call_id}/retry")
}

/// A call's `last_error` in words: the worker stores the zaak system's answer as
/// `HTTP 400: {…}`; with a ValidatieFout that becomes "HTTP 400 — zaaktype: Het zaaktype is niet
/// gepubliceerd…", other answers their `detail` or `title` (the system's own words, as it gave
/// them); anything else stays as it is.
pub fn readable_reason(reason: &str) -> String {
    let Some((status, body)) = reason.split_once(": ") else { return reason.to_owned() };
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(body) else { return reason.to_owned() };
    let text = |value: &serde_json::Value, key: &str| {
        value.get(key).and_then(|v| v.as_str()).unwrap_or("").to_owned()
    };
    let params: Vec<String> = answer
        .get("invalidParams")
        .and_then(|params| params.as_array())
        .map(|params| params.iter().map(|p| format!("{}: {}", text(p, "name"), text(p, "reason"))).collect())
        .unwrap_or_default();
    let words = if !params.is_empty() {
        params.join("; ")
    } else if !text(&answer, "detail").is_empty() {
        text(&answer, "detail")
    } else {
        text(&answer, "title")
    };
    format!("{status} — {words}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every value of `all`, in that order, against its word in `words`: it serialises to its word,
    /// reads back from it, and `as_str` and `parse` agree with serde.
    fn are_named<T, const N: usize>(
        words: [(T, &str); N],
        all: [T; N],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) where
        T: Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
    {
        assert_eq!(words.map(|(value, _)| value), all, "every one, in the order of ALL");
        for (value, word) in words {
            assert_eq!(serde_json::to_value(value).unwrap(), json!(word), "{value:?} on the wire");
            assert_eq!(serde_json::from_value::<T>(json!(word)).unwrap(), value, "{word} read back");
            assert_eq!(as_str(value), word, "{value:?} in D1");
            assert_eq!(parse(word), Some(value), "{word} parsed");
        }
    }

    #[test]
    fn milestones_keep_the_words_stored_in_d1_and_named_in_the_configuration() {
        let words = [
            (Milestone::KlantfotoSubmitted, "klantfoto_submitted"),
            (Milestone::InspanningspakketCompleted, "inspanningspakket_completed"),
            (Milestone::RechtmatigheidsgesprekHeld, "rechtmatigheidsgesprek_held"),
            (Milestone::RouteDecided, "route_decided"),
        ];
        are_named(words, Milestone::ALL, Milestone::as_str, Milestone::parse);
    }

    #[test]
    fn actions_and_call_states_keep_the_words_the_outbox_table_allows() {
        let actions = [
            (MunicipalAction::CreateZaak, "create_zaak"),
            (MunicipalAction::CreateRol, "create_rol"),
            (MunicipalAction::SetStatus, "set_status"),
            (MunicipalAction::CreateDocument, "create_document"),
            (MunicipalAction::LinkDocument, "link_document"),
            (MunicipalAction::CreateKlantcontact, "create_klantcontact"),
        ];
        are_named(actions, MunicipalAction::ALL, MunicipalAction::as_str, MunicipalAction::parse);
        let states = [
            (CallState::Pending, "pending"),
            (CallState::Delivered, "delivered"),
            (CallState::Parked, "parked"),
        ];
        are_named(states, CallState::ALL, CallState::as_str, CallState::parse);
    }

    #[test]
    fn an_unknown_word_is_no_milestone_action_or_state() {
        assert_eq!(Milestone::parse("klantfoto_submited"), None);
        assert_eq!(MunicipalAction::parse("Create_zaak"), None);
        assert_eq!(CallState::parse(""), None);
        assert!(serde_json::from_value::<Milestone>(json!("KlantfotoSubmitted")).is_err());
    }

    #[test]
    fn the_view_reads_as_the_worker_sent_it_before_the_words_were_typed() {
        let sent = json!({
            "calls": [{
                "id": 7, "client_id": "c", "action": "set_status", "subject": "route_decided",
                "state": "parked", "attempts": 2, "last_error": "HTTP 400: {}",
                "created_at": "2026-11-26T09:30:00.000Z"
            }],
            "zaken": [{
                "client_id": "c", "aanvraag_id": "a", "identificatie": "NV-a", "zaak_url": "https://z/1",
                "last_status": "klantfoto_submitted", "last_status_at": null, "closed_on": null,
                "statuses": ["klantfoto_submitted"]
            }, {
                "client_id": "c", "aanvraag_id": "b", "identificatie": "NV-b", "zaak_url": "https://z/2",
                "last_status": null, "last_status_at": null, "closed_on": "2026-12-01"
            }],
            "pending": 0, "parked": 1, "delivered": 3
        });
        let view: MunicipalOutbox = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(view.calls[0].action, MunicipalAction::SetStatus);
        assert_eq!(view.calls[0].state, CallState::Parked);
        assert_eq!(view.zaken[0].last_status, Some(Milestone::KlantfotoSubmitted));
        assert_eq!(view.zaken[0].statuses, [Milestone::KlantfotoSubmitted]);
        assert_eq!(view.zaken[1].statuses, [], "a zaak without the statuses field has none");
        let mut again = serde_json::to_value(&view).unwrap();
        again["zaken"][1].as_object_mut().unwrap().remove("statuses");
        assert_eq!(again, sent, "written back word for word");
    }

    #[test]
    fn every_word_has_dutch_and_english_words_for_people() {
        let labels = Milestone::ALL
            .map(|milestone| (milestone.label(Language::Dutch), milestone.label(Language::English)))
            .into_iter()
            .chain(
                MunicipalAction::ALL
                    .map(|action| (action.label(Language::Dutch), action.label(Language::English))),
            )
            .chain(
                CallState::ALL.map(|state| (state.label(Language::Dutch), state.label(Language::English))),
            );
        for (nl, en) in labels {
            assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{nl} / {en}");
        }
        assert_eq!(Milestone::RouteDecided.label(Language::Dutch), "Route besloten");
        assert_eq!(MunicipalAction::CreateZaak.label(Language::English), "Create the case");
        assert_eq!(CallState::Parked.label(Language::Dutch), "Geweigerd");
    }

    #[test]
    fn a_status_explains_itself_to_the_zaak_system_in_dutch() {
        for milestone in Milestone::ALL {
            assert!(milestone.statustoelichting().ends_with("(Naar Vermogen)."), "{milestone:?}");
        }
    }

    #[test]
    fn a_refusal_reads_as_the_zaak_systems_own_words() {
        let validation = r#"HTTP 400: {"title":"Invalid input.","invalidParams":[{"name":"zaaktype","code":"not-published","reason":"Het zaaktype is niet gepubliceerd."}]}"#;
        assert_eq!(readable_reason(validation), "HTTP 400 — zaaktype: Het zaaktype is niet gepubliceerd.");
        let two = r#"HTTP 400: {"invalidParams":[{"name":"a","reason":"x"},{"name":"b","reason":"y"}]}"#;
        assert_eq!(readable_reason(two), "HTTP 400 — a: x; b: y");
        assert_eq!(
            readable_reason(r#"HTTP 403: {"title":"Forbidden","detail":"No rights."}"#),
            "HTTP 403 — No rights."
        );
        assert_eq!(readable_reason(r#"HTTP 404: {"title":"Not found."}"#), "HTTP 404 — Not found.");
    }

    #[test]
    fn a_reason_that_is_no_answer_of_the_zaak_system_stays_as_it_is() {
        for reason in
            ["", "timeout", "HTTP 502: <html>Bad gateway</html>", "Deze cliënt heeft nog geen zaak."]
        {
            assert_eq!(readable_reason(reason), reason);
        }
    }

    #[test]
    fn a_parked_call_is_sent_again_at_its_own_path() {
        assert_eq!(retry_path(42), "/api/v1/municipal-outbox/42/retry");
    }
}
