//! What an applicant logs for the inspanningspakket, and a professional beside it: job
//! applications, temp agencies, documents ready, the education duty, and the day the client reported
//! back. Each form's check and the fields it writes are decided here (before the catalogue checks
//! the values, whose messages name fields by their code), and the applications as the list shows
//! them, newest first.

use crate::journey::inspanningspakket::education_record;
use crate::law::calendar::Date;
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};
use crate::text::{Explanation, Language};
use serde_json::Value;

/// A field of a record to write, with its value.
pub type Fields = Vec<(&'static str, Value)>;

/// What to fill in first: for the first of a form's required texts (typed, nl, en) that is empty.
pub fn first_empty(required: &[(&str, &str, &str)]) -> Option<Explanation> {
    required
        .iter()
        .find(|(typed, _, _)| typed.trim().is_empty())
        .map(|(_, nl, en)| Explanation::new(*nl, *en))
}

/// A job application as the form has it (text, as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicationDraft {
    /// `YYYY-MM-DD`.
    pub applied_on: String,
    pub employer: String,
    pub job: String,
    /// `website`, `email`, `letter`, `phone` or `in_person`.
    pub how: String,
}

/// The fields of a new job application (waiting for an answer), or what to fill in first.
pub fn application_fields(draft: &ApplicationDraft) -> Result<Fields, Explanation> {
    let unfilled = first_empty(&[
        (
            &draft.employer,
            "Vul in bij welk bedrijf u solliciteerde.",
            "Fill in at which company you applied.",
        ),
        (&draft.job, "Vul in op welk werk u solliciteerde.", "Fill in which job you applied for."),
    ]);
    if let Some(explanation) = unfilled {
        return Err(explanation);
    }
    Ok(vec![
        ("applied_on", Value::from(draft.applied_on.clone())),
        ("employer", Value::from(draft.employer.trim())),
        ("job", Value::from(draft.job.trim())),
        ("how", Value::from(draft.how.clone())),
        ("outcome", Value::from("waiting")),
    ])
}

/// The fields of a new registration with a temp agency on `today`, or what to fill in.
pub fn agency_fields(typed_name: &str, today: Date) -> Result<Fields, Explanation> {
    let name = typed_name.trim();
    if let Some(explanation) = first_empty(&[(
        name,
        "Vul de naam van het uitzendbureau in.",
        "Fill in the name of the temp agency.",
    )]) {
        return Err(explanation);
    }
    Ok(vec![("agency", Value::from(name)), ("registered_on", Value::from(today.to_string()))])
}

/// The fields that mark the education duty ([`education_record`]) done on `today`, with what the
/// applicant looked into; or what to fill in.
pub fn education_fields(typed_note: &str, today: Date) -> Result<Fields, Explanation> {
    let note = typed_note.trim();
    if let Some(explanation) = first_empty(&[(
        note,
        "Schrijf op welke opleiding u heeft bekeken.",
        "Write down which education you looked into.",
    )]) {
        return Err(explanation);
    }
    Ok(vec![
        ("title", Value::from("Kijken naar een opleiding")),
        ("note", Value::from(note)),
        ("done_on", Value::from(today.to_string())),
    ])
}

/// What the applicant wrote down for the education duty so far (empty when nothing).
pub fn education_note(replica: &Replica, client_id: &str) -> String {
    text_in(replica, &education_record(client_id), "note")
}

/// The day a professional set as the day the client reported back (`YYYY-MM-DD`), or what to fill in.
pub fn check_reported_back(typed: &str) -> Result<String, Explanation> {
    match Date::parse_iso(typed) {
        Ok(_) => Ok(typed.to_owned()),
        Err(_) => Err(Explanation::new("Vul een datum in.", "Fill in a date.")),
    }
}

/// A text field of a record, or empty.
pub fn text_in(replica: &Replica, record: &RecordRef, field: &str) -> String {
    match replica.view(record, field) {
        Some(FieldView::Value(Value::String(text))) => text,
        _ => String::new(),
    }
}

/// The record that marks one of the policy's documents as ready (id `<client id>.<document id>`).
pub fn document_record(client_id: &str, document: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::DocumentReady,
        id: format!("{client_id}.{document}"),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// Whether the client ticked `document` as ready.
pub fn document_ready(replica: &Replica, client_id: &str, document: &str) -> bool {
    replica.view(&document_record(client_id, document), "ready") == Some(FieldView::Value(Value::Bool(true)))
}

/// One job application as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub applied_on: String,
    pub employer: String,
    pub job: String,
    pub outcome: String,
}

/// The client's job applications on this device, newest first.
pub fn applications_of(replica: &Replica, client_id: &str) -> Vec<Logged> {
    let owner = Owner::Client { client_id: client_id.to_owned() };
    let mut applications: Vec<Logged> = replica
        .records_of_kind(RecordKind::JobApplication)
        .into_iter()
        .filter(|(record, _)| record.owner == owner)
        .map(|(_, fields)| {
            let text = |name: &str| match fields.get(name) {
                Some(FieldView::Value(Value::String(text))) => text.clone(),
                _ => String::new(),
            };
            Logged {
                applied_on: text("applied_on"),
                employer: text("employer"),
                job: text("job"),
                outcome: text("outcome"),
            }
        })
        .collect();
    applications.sort_by(|a, b| b.applied_on.cmp(&a.applied_on));
    applications
}

/// An application's outcome in words (waiting for an answer when unknown).
pub fn outcome_in(outcome: &str, language: Language) -> &'static str {
    match outcome {
        "invited" => language.pick("uitgenodigd voor een gesprek", "invited for an interview"),
        "rejected" => language.pick("afgewezen", "turned down"),
        "hired" => language.pick("aangenomen", "hired"),
        _ => language.pick("wacht op antwoord", "waiting for an answer"),
    }
}

/// The days left to report back, in words ("nog 3 dagen", "dat is vandaag", "die dag is voorbij").
pub fn report_back_days_in_words(left: i32, language: Language) -> String {
    match (left, language) {
        (l, Language::Dutch) if l < 0 => "die dag is voorbij".to_owned(),
        (l, Language::English) if l < 0 => "that day has passed".to_owned(),
        (0, _) => language.pick("dat is vandaag", "that is today").to_owned(),
        (1, _) => language.pick("nog 1 dag", "1 day left").to_owned(),
        (l, Language::Dutch) => format!("nog {l} dagen"),
        (l, Language::English) => format!("{l} days left"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::test_support::{record, write};
    use crate::law::test_support::date;

    const CLIENT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    fn names(fields: &Fields) -> Vec<&'static str> {
        fields.iter().map(|(name, _)| *name).collect()
    }

    #[test]
    fn an_application_needs_a_company_and_a_job_and_waits_for_an_answer() {
        let draft = ApplicationDraft {
            applied_on: "2026-11-20".into(),
            employer: " Bakkerij Jansen ".into(),
            job: "Bakker".into(),
            how: "letter".into(),
        };
        let fields = application_fields(&draft).expect("a full application");
        assert_eq!(names(&fields), ["applied_on", "employer", "job", "how", "outcome"]);
        assert_eq!(fields[1].1, Value::from("Bakkerij Jansen"));
        assert_eq!(fields[4].1, Value::from("waiting"));
        let neither = ApplicationDraft { employer: " ".into(), job: String::new(), ..draft.clone() };
        assert_eq!(application_fields(&neither).unwrap_err().en, "Fill in at which company you applied.");
        let no_job = ApplicationDraft { job: String::new(), ..draft };
        assert_eq!(application_fields(&no_job).unwrap_err().en, "Fill in which job you applied for.");
    }

    #[test]
    fn an_agency_and_an_education_need_words_and_are_dated_today() {
        let today = date("2026-11-26");
        let agency = agency_fields(" Randstad ", today).unwrap();
        assert_eq!(
            agency,
            [("agency", Value::from("Randstad")), ("registered_on", Value::from("2026-11-26"))]
        );
        assert!(agency_fields("  ", today).is_err());
        let education = education_fields("ROC mbo-2 logistiek", today).unwrap();
        assert_eq!(names(&education), ["title", "note", "done_on"]);
        assert_eq!(education[2].1, Value::from("2026-11-26"));
        assert_eq!(
            education_fields("", today).unwrap_err().en,
            "Write down which education you looked into."
        );
    }

    #[test]
    fn reporting_back_needs_a_date() {
        assert_eq!(check_reported_back("2026-11-25"), Ok("2026-11-25".to_owned()));
        assert_eq!(check_reported_back("").unwrap_err().en, "Fill in a date.");
        assert!(check_reported_back("25-11-2026").is_err());
    }

    #[test]
    fn applications_come_newest_first_with_the_outcome_in_words() {
        let mut replica = Replica::default();
        for (id, on, outcome) in [("a1", "2026-11-03", "rejected"), ("a2", "2026-11-20", "waiting")] {
            let application = record(RecordKind::JobApplication, id, CLIENT);
            write(&mut replica, &application, "applied_on", Value::from(on), 1, CLIENT);
            write(&mut replica, &application, "outcome", Value::from(outcome), 1, CLIENT);
        }
        let other = record(RecordKind::JobApplication, "b1", "other");
        write(&mut replica, &other, "applied_on", Value::from("2026-11-25"), 1, "other");
        let days: Vec<String> = applications_of(&replica, CLIENT).into_iter().map(|a| a.applied_on).collect();
        assert_eq!(days, ["2026-11-20", "2026-11-03"]);
        assert_eq!(outcome_in("rejected", Language::Dutch), "afgewezen");
        assert_eq!(outcome_in("waiting", Language::English), "waiting for an answer");
    }

    #[test]
    fn a_document_is_ready_once_ticked_and_the_education_note_is_kept() {
        let mut replica = Replica::default();
        assert!(!document_ready(&replica, CLIENT, "income"));
        write(&mut replica, &document_record(CLIENT, "income"), "ready", Value::Bool(true), 1, CLIENT);
        assert!(document_ready(&replica, CLIENT, "income"));
        assert_eq!(document_record(CLIENT, "income").id, format!("{CLIENT}.income"));
        assert_eq!(education_note(&replica, CLIENT), "");
        write(&mut replica, &education_record(CLIENT), "note", Value::from("ROC"), 1, CLIENT);
        assert_eq!(education_note(&replica, CLIENT), "ROC");
    }

    #[test]
    fn the_days_to_report_back_in_words() {
        assert_eq!(report_back_days_in_words(-1, Language::Dutch), "die dag is voorbij");
        assert_eq!(report_back_days_in_words(0, Language::English), "that is today");
        assert_eq!(report_back_days_in_words(1, Language::Dutch), "nog 1 dag");
        assert_eq!(report_back_days_in_words(5, Language::English), "5 days left");
    }
}
