//! The wire types of the municipal outbox view (`GET /api/v1/municipal-outbox`): the team's calls
//! to the municipality's case system (ZGW Zaken API) that have not gone through, with the reason,
//! and the zaken (cases) made for the team's clients with their last status. Shared by the worker
//! and the app's page `pages/municipal_outbox.rs`.
//!
//! Dutch words: *zaak* (a case in the municipality's case system), *aanvraag* (an application for
//! benefit; each one becomes a zaak), *identificatie* (the zaak's number there).

use serde::{Deserialize, Serialize};

/// One call that is waiting (`pending`) or was refused (`parked`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalCall {
    pub id: i64,
    pub client_id: String,
    /// `create_zaak`, `create_rol` or `set_status`.
    pub action: String,
    /// The aanvraag id, or the milestone of a status (`klantfoto_submitted`).
    pub subject: String,
    /// `pending` or `parked`.
    pub state: String,
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
    /// The last milestone sent as a status (`klantfoto_submitted`, `inspanningspakket_completed`,
    /// `rechtmatigheidsgesprek_held`, `route_decided`), if any.
    pub last_status: Option<String>,
    pub last_status_at: Option<String>,
    /// The day the municipality closed the zaak (its einddatum), once it has.
    pub closed_on: Option<String>,
    /// Every milestone sent to this zaak as a status, in the order they were set.
    #[serde(default)]
    pub statuses: Vec<String>,
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

/// The path of the view, and of retrying one parked call (`POST {path}/{id}/retry`).
pub const MUNICIPAL_OUTBOX_PATH: &str = "/api/v1/municipal-outbox";
