//! The request bodies and queries the worker sends to the Klantinteracties API 0.9 (VNG; Open Klant
//! is its reference implementation; the contract is `klantinteracties-api.openapi.yaml`), as pure
//! functions. Dutch words kept as names:
//! - *klantcontact*: one contact moment between the municipality and a resident (here: an
//!   appointment that was held, a home visit done);
//! - *partij*: the resident as a party, identified by BSN (`partijIdentificator` of the BRP);
//! - *betrokkene*: the partij's part in one klantcontact (here rol `klant`);
//! - *onderwerpobject*: what the contact was about (here the client's zaak);
//! - *kanaal*: how the contact happened (configured per municipality).
//!
//! What a klantcontact carries is kept to what the municipality needs: the kind of contact as its
//! subject ("Huisbezoek"), the kanaal, when it took place, and the links. Never a note's text, a
//! name, an address or the BSN (the BSN is only in the partij, which the municipality already has or
//! which is made once).

use super::config::KlantinteractiesApi;
use serde_json::{json, Value};
use shared::journey::appointment::AppointmentKind;
use shared::law::calendar::Date;
use shared::law::local_time::LocalDateTime;
use shared::text::Language;

/// The contact moment as the municipality gets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactMoment {
    pub kanaal: String,
    /// The kind of appointment in Dutch: "Huisbezoek", "Intakegesprek", …
    pub onderwerp: &'static str,
    /// RFC 3339 in UTC.
    pub plaatsgevonden_op: String,
    pub referentienummer: String,
}

impl ContactMoment {
    /// The contact moment of an appointment of `kind` (none: "Afspraak") that started at `starts_at`.
    pub fn of_appointment(
        api: &KlantinteractiesApi,
        appointment_id: &str,
        kind: Option<AppointmentKind>,
        starts_at: LocalDateTime,
    ) -> ContactMoment {
        let kind = kind.unwrap_or(AppointmentKind::Other);
        let kanaal =
            if kind == AppointmentKind::HomeVisit { &api.kanaal_home_visit } else { &api.kanaal_appointment };
        ContactMoment {
            kanaal: kanaal.clone(),
            onderwerp: kind.label(Language::Dutch),
            plaatsgevonden_op: utc_rfc3339(starts_at),
            referentienummer: referentienummer(appointment_id),
        }
    }
}

/// Our key of the klantcontact of an appointment: the first 10 hex digits of its random id (the
/// API allows 10 characters). A retry looks the klantcontact up by this key among the client's
/// partij's klantcontacten, where two appointments sharing it are as good as impossible (40 bits).
pub fn referentienummer(appointment_id: &str) -> String {
    appointment_id.chars().filter(char::is_ascii_hexdigit).take(10).collect()
}

/// `GET` query: the partij with this BSN (the API's only way to find a person; this goes to the
/// municipality's API only, never into our logs or our own URLs).
pub fn partij_by_bsn(bsn: &str) -> String {
    format!(
        "/partijen?partijIdentificator__codeRegister=brp&partijIdentificator__codeSoortObjectId=bsn\
         &partijIdentificator__objectId={bsn}"
    )
}

/// `POST /partijen`: the client as a person known by BSN, nothing else about them.
pub fn new_partij(bsn: &str) -> Value {
    json!({
        "soortPartij": "persoon",
        "indicatieActief": true,
        "partijIdentificatie": { "contactnaam": null },
        "partijIdentificatoren": [{
            "partijIdentificator": {
                "codeObjecttype": "natuurlijk_persoon",
                "codeSoortObjectId": "bsn",
                "objectId": bsn,
                "codeRegister": "brp",
            }
        }],
    })
}

/// `GET` query: the klantcontacten of a partij with our key (a retry after no answer).
pub fn klantcontact_by_key(partij_uuid: &str, referentienummer: &str) -> String {
    format!(
        "/klantcontacten?hadBetrokkene__wasPartij__uuid={partij_uuid}&referentienummer={referentienummer}"
    )
}

/// `POST /maak-klantcontact`: the klantcontact, the client as its betrokkene (rol `klant`), and
/// the zaak it was about (when the client has one), made together.
pub fn maak_klantcontact(moment: &ContactMoment, partij_uuid: &str, zaak_uuid: Option<&str>) -> Value {
    let mut body = json!({
        "klantcontact": {
            "kanaal": moment.kanaal,
            "onderwerp": moment.onderwerp,
            "referentienummer": moment.referentienummer,
            "taal": "dut",
            "vertrouwelijk": true,
            "indicatieContactGelukt": true,
            "plaatsgevondenOp": moment.plaatsgevonden_op,
        },
        "betrokkene": {
            "wasPartij": { "uuid": partij_uuid },
            "rol": "klant",
            "initiator": false,
        },
    });
    if let Some(zaak_uuid) = zaak_uuid {
        body["onderwerpobject"] = json!({
            "onderwerpobjectidentificator": {
                "objectId": zaak_uuid,
                "codeObjecttype": "zgw-Zaak",
                "codeRegister": "openzaak",
                "codeSoortObjectId": "uuid",
            }
        });
    }
    body
}

/// The last path segment of a URL the API gave (a zaak's or partij's uuid).
pub fn uuid_of(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// A Dutch wall-clock time as RFC 3339 in UTC: `2026-11-26T08:30:00Z`.
fn utc_rfc3339(at: LocalDateTime) -> String {
    let minutes = at.to_utc_minutes();
    let epoch = Date::from_ymd(1970, 1, 1).expect("1970-01-01 exists");
    let date = epoch.plus_days(minutes.div_euclid(24 * 60) as i32);
    let minute_of_day = minutes.rem_euclid(24 * 60);
    format!("{date}T{:02}:{:02}:00Z", minute_of_day / 60, minute_of_day % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> KlantinteractiesApi {
        KlantinteractiesApi {
            api: "https://k.example.nl/klantinteracties/api/v1".into(),
            kanaal_home_visit: "huisbezoek".into(),
            kanaal_appointment: "balie".into(),
        }
    }

    const APPOINTMENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";

    #[test]
    fn a_home_visit_is_a_klantcontact_with_its_kanaal_a_short_subject_and_utc_time() {
        let at = LocalDateTime::parse("2026-11-26T09:30").unwrap();
        let moment = ContactMoment::of_appointment(&api(), APPOINTMENT, Some(AppointmentKind::HomeVisit), at);
        assert_eq!(moment.kanaal, "huisbezoek");
        assert_eq!(moment.onderwerp, "Huisbezoek");
        assert_eq!(moment.plaatsgevonden_op, "2026-11-26T08:30:00Z", "winter time is UTC+1");
        let summer = LocalDateTime::parse("2026-07-01T00:30").unwrap();
        let moment = ContactMoment::of_appointment(&api(), APPOINTMENT, None, summer);
        assert_eq!((moment.kanaal.as_str(), moment.onderwerp), ("balie", "Afspraak"));
        assert_eq!(moment.plaatsgevonden_op, "2026-06-30T22:30:00Z", "summer time is UTC+2, the day before");
    }

    #[test]
    fn the_key_fits_the_api_and_is_the_same_for_the_same_appointment() {
        assert_eq!(referentienummer(APPOINTMENT), "0b6c2d3e4f");
        assert!(referentienummer(APPOINTMENT).len() <= 10);
    }

    #[test]
    fn the_klantcontact_links_the_partij_and_the_zaak_and_carries_no_personal_data() {
        let at = LocalDateTime::parse("2026-11-26T09:30").unwrap();
        let moment = ContactMoment::of_appointment(&api(), APPOINTMENT, Some(AppointmentKind::HomeVisit), at);
        let body = maak_klantcontact(&moment, "partij-uuid", Some("zaak-uuid"));
        assert_eq!(body["betrokkene"]["wasPartij"]["uuid"], "partij-uuid");
        assert_eq!(body["betrokkene"]["rol"], "klant");
        assert_eq!(body["onderwerpobject"]["onderwerpobjectidentificator"]["objectId"], "zaak-uuid");
        assert!(body["klantcontact"].get("inhoud").is_none(), "no text of notes");
        let without_zaak = maak_klantcontact(&moment, "partij-uuid", None);
        assert!(without_zaak.get("onderwerpobject").is_none());
        assert_eq!(uuid_of("https://z.example.nl/zaken/api/v1/zaken/abc-1"), "abc-1");
    }

    #[test]
    fn the_partij_is_known_by_bsn_only() {
        let partij = new_partij("999993653");
        let identificator = &partij["partijIdentificatoren"][0]["partijIdentificator"];
        assert_eq!(identificator["objectId"], "999993653");
        assert_eq!(identificator["codeSoortObjectId"], "bsn");
        assert_eq!(partij["partijIdentificatie"]["contactnaam"], Value::Null);
    }
}
