//! The request bodies the worker sends to the Zaken API 1.5 and the Documenten API 1.4 (VNG
//! Realisatie; the contracts are `zaken-api.openapi.yaml` and `documenten-api.openapi.yaml`), as
//! pure functions: a *zaak* for an aanvraag, the applicant's *rol*, a *status*, the klantfoto as an
//! *enkelvoudig informatieobject* (document) and its link to the zaak. The contract tests check
//! every body against the published specifications.

use super::config::MunicipalApi;
use serde_json::{json, Value};

/// The `identificatie` of the zaak made for an aanvraag: unique per organisation, made from the
/// aanvraag's random id (never personal data), at most 40 characters as the API allows. It is
/// how a retry finds a zaak an earlier, unanswered attempt may have made.
pub fn identificatie(aanvraag_id: &str) -> String {
    format!("NV-{aanvraag_id}")
}

/// `POST /zaken`: the zaak of an aanvraag submitted on `submitted_on` (YYYY-MM-DD).
pub fn new_zaak(api: &MunicipalApi, aanvraag_id: &str, submitted_on: &str, today: &str) -> Value {
    json!({
        "identificatie": identificatie(aanvraag_id),
        "bronorganisatie": api.organisation_rsin,
        "verantwoordelijkeOrganisatie": api.organisation_rsin,
        "zaaktype": api.zaaktype,
        "omschrijving": "Aanvraag bijstand (Participatiewet)",
        "registratiedatum": today,
        "startdatum": submitted_on,
    })
}

/// `POST /rollen`: the client as applicant (natuurlijk persoon, identified by BSN).
pub fn applicant_rol(api: &MunicipalApi, zaak_url: &str, bsn: &str) -> Value {
    json!({
        "zaak": zaak_url,
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": api.roltype_applicant,
        "roltoelichting": "Aanvrager",
        "betrokkeneIdentificatie": { "inpBsn": bsn },
    })
}

/// `POST /statussen`: the zaak reached `statustype` at `at` (RFC 3339, UTC).
pub fn status(zaak_url: &str, statustype: &str, at: &str, explanation: &str) -> Value {
    json!({
        "zaak": zaak_url,
        "statustype": statustype,
        "datumStatusGezet": at,
        "statustoelichting": explanation,
    })
}

/// The `identificatie` of a client's klantfoto document (no personal data; at most 40 characters).
pub fn klantfoto_identificatie(client_id: &str) -> String {
    format!("KF-{client_id}")
}

/// `POST /enkelvoudiginformatieobjecten`: the klantfoto's answers (`content`, JSON) as a confidential
/// document of the configured informatieobjecttype.
pub fn klantfoto_document(api: &MunicipalApi, client_id: &str, content: &[u8], today: &str) -> Value {
    use base64ct::{Base64, Encoding};
    json!({
        "identificatie": klantfoto_identificatie(client_id),
        "bronorganisatie": api.organisation_rsin,
        "creatiedatum": today,
        "titel": "Klantfoto",
        "auteur": "Naar Vermogen (ingevuld door of met de cliënt)",
        "taal": "dut",
        "vertrouwelijkheidaanduiding": "vertrouwelijk",
        "formaat": "application/json",
        "bestandsnaam": "klantfoto.json",
        "inhoud": Base64::encode_string(content),
        "bestandsomvang": content.len(),
        "informatieobjecttype": api.informatieobjecttype_klantfoto,
    })
}

/// `POST /zaakinformatieobjecten`: the document belongs to the zaak.
pub fn zaak_document(zaak_url: &str, document_url: &str) -> Value {
    json!({ "zaak": zaak_url, "informatieobject": document_url, "titel": "Klantfoto" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn api() -> MunicipalApi {
        MunicipalApi {
            zaken_api: "https://z.example.nl/zaken/api/v1".into(),
            client_id: "naar-vermogen".into(),
            organisation_rsin: "002220647".into(),
            zaaktype: "https://c.example.nl/zaaktypen/1".into(),
            roltype_applicant: "https://c.example.nl/roltypen/1".into(),
            statustypes: BTreeMap::new(),
            documenten_api: "https://d.example.nl/documenten/api/v1".into(),
            informatieobjecttype_klantfoto: "https://c.example.nl/informatieobjecttypen/1".into(),
            klantinteracties: None,
            call_timeout_ms: 10_000,
        }
    }

    #[test]
    fn the_identificatie_fits_the_api_and_carries_no_personal_data() {
        let id = identificatie("0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
        assert!(id.len() <= 40, "{}", id.len());
        assert_eq!(id, "NV-0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e");
    }

    #[test]
    fn a_zaak_names_the_configured_zaaktype_and_organisation() {
        let zaak = new_zaak(&api(), "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e", "2026-11-20", "2026-11-26");
        assert_eq!(zaak["zaaktype"], "https://c.example.nl/zaaktypen/1");
        assert_eq!(zaak["bronorganisatie"], "002220647");
        assert_eq!(zaak["startdatum"], "2026-11-20");
        let rol = applicant_rol(&api(), "https://z.example.nl/zaken/api/v1/zaken/1", "999993653");
        assert_eq!(rol["betrokkeneIdentificatie"]["inpBsn"], "999993653");
        assert_eq!(rol["roltype"], "https://c.example.nl/roltypen/1");
    }

    #[test]
    fn the_klantfoto_document_carries_its_content_in_base64_and_its_size() {
        let document = klantfoto_document(
            &api(),
            "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e",
            br#"{"housing":2}"#,
            "2026-11-26",
        );
        assert_eq!(document["inhoud"], "eyJob3VzaW5nIjoyfQ==");
        assert_eq!(document["bestandsomvang"], 13);
        assert!(document["identificatie"].as_str().unwrap().len() <= 40);
    }
}
