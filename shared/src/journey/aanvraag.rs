//! The application for benefit (aanvraag) as the device has it: what a new one writes (the BSN,
//! checked with the 11-proof, and the day it is filed), and the client's aanvragen with what the
//! municipality made of them (the zaak's number, status and the day it was closed, fields only the
//! worker writes), newest first. The BSN itself is never read back.

use crate::bsn::Bsn;
use crate::law::calendar::Date;
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind};
use crate::text::Explanation;
use serde_json::Value;

/// One aanvraag as the device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filed {
    pub id: String,
    pub submitted_on: Option<Date>,
    pub zaak_identificatie: Option<String>,
    pub zaak_status: Option<String>,
    pub zaak_closed_on: Option<Date>,
}

/// The client's aanvragen on this device, newest first (then by id).
pub fn aanvragen_of(replica: &Replica, client_id: &str) -> Vec<Filed> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut filed: Vec<Filed> = replica
        .records_of_kind(RecordKind::Aanvraag)
        .into_iter()
        .filter(|(record, _)| record.owner == owner)
        .map(|(record, fields)| {
            let text = |name: &str| match fields.get(name) {
                Some(FieldView::Value(Value::String(text))) => Some(text.clone()),
                _ => None,
            };
            let date = |name: &str| text(name).and_then(|day| Date::parse_iso(&day).ok());
            Filed {
                id: record.id,
                submitted_on: date("submitted_on"),
                zaak_identificatie: text("zaak_identificatie"),
                zaak_status: text("zaak_status"),
                zaak_closed_on: date("zaak_closed_on"),
            }
        })
        .collect();
    filed.sort_by(|a, b| b.submitted_on.cmp(&a.submitted_on).then_with(|| a.id.cmp(&b.id)));
    filed
}

/// The fields of a new aanvraag filed on `today`, or why the typed BSN is not one.
pub fn aanvraag_fields(typed_bsn: &str, today: Date) -> Result<Vec<(&'static str, Value)>, Explanation> {
    let bsn = Bsn::from_typed(typed_bsn)?;
    Ok(vec![("bsn", Value::from(bsn.as_str())), ("submitted_on", Value::from(today.to_string()))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::test_support::{record, write};
    use crate::law::test_support::date;

    const CLIENT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    #[test]
    fn a_new_aanvraag_writes_a_checked_bsn_and_today() {
        let fields = aanvraag_fields(" 111222333 ", date("2026-11-26")).expect("a valid BSN");
        assert_eq!(fields, [("bsn", Value::from("111222333")), ("submitted_on", Value::from("2026-11-26"))]);
        assert!(aanvraag_fields("111222334", date("2026-11-26")).is_err(), "fails the 11-proof");
        assert!(aanvraag_fields("", date("2026-11-26")).is_err());
    }

    #[test]
    fn aanvragen_come_newest_first_with_the_zaak_the_municipality_made() {
        let mut replica = Replica::default();
        let old = record(RecordKind::Aanvraag, "b-old", CLIENT);
        write(&mut replica, &old, "submitted_on", Value::from("2026-10-01"), 1, CLIENT);
        write(&mut replica, &old, "zaak_identificatie", Value::from("ZAAK-1"), 2, "worker");
        write(&mut replica, &old, "zaak_closed_on", Value::from("2026-10-20"), 3, "worker");
        let new = record(RecordKind::Aanvraag, "a-new", CLIENT);
        write(&mut replica, &new, "submitted_on", Value::from("2026-11-20"), 4, CLIENT);
        write(
            &mut replica,
            &record(RecordKind::Aanvraag, "x", "other"),
            "submitted_on",
            Value::from("2026-11-21"),
            5,
            "other",
        );
        let filed = aanvragen_of(&replica, CLIENT);
        assert_eq!(filed.len(), 2);
        assert_eq!(filed[0].id, "a-new");
        assert_eq!(filed[0].zaak_identificatie, None);
        assert_eq!(filed[1].zaak_identificatie.as_deref(), Some("ZAAK-1"));
        assert_eq!(filed[1].zaak_closed_on, Some(date("2026-10-20")));
    }
}
