//! How far a new applicant is with the inspanningspakket (the job-search duties before the
//! rechtmatigheidsgesprek, under the municipality's policy): applications logged, temp agencies
//! registered with, documents ready, the day to report back by and how many days are left, whether
//! to remind, and whether everything is done (then the eligibility interview can be booked).
//! The client and the consulent see the same progress, computed here from the same records, and
//! the worker decides with the same functions when the package is complete (the zaak's status
//! "inspanningspakket completed").

use crate::journey::dossier::situation_of;
use crate::law::calendar::Date;
use crate::law::policy::{embedded_policies, policy_on, Inspanningspakket, PolicyProfile};
use crate::sync::merge::{FieldView, Replica};
use crate::sync::record::{Owner, RecordKind, RecordRef};
use serde_json::Value;

/// Remind the applicant when this many days or fewer are left.
pub const REMIND_DAYS_BEFORE: i32 = 3;

/// What the applicant did so far, counted from the synced records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Done {
    pub applications: u32,
    pub temp_agencies: u32,
    /// Ids of the policy's documents ticked as ready.
    pub documents_ready: Vec<String>,
    /// The applicant wrote down which education they looked into (a duty for young applicants).
    pub looked_into_education: bool,
}

/// The progress as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub applications: (u32, u32),
    pub temp_agencies: (u32, u32),
    pub documents: (u32, u32),
    /// The last day to report back, once the application date is known.
    pub report_back_by: Option<Date>,
    /// Days from `today` to that day (negative: overdue).
    pub days_left: Option<i32>,
    /// The deadline is close (or passed) and not everything is done.
    pub remind: bool,
    /// Enough applications and agencies, every document ready, and (when asked) an education
    /// looked into.
    pub complete: bool,
    /// `Some` when the applicant is young enough that the policy also asks them to look into an
    /// education: whether they did.
    pub education: Option<bool>,
}

/// The progress under `policy`'s inspanningspakket, or `None` when the policy has none.
pub fn progress(
    policy: &PolicyProfile,
    done: &Done,
    application_date: Option<Date>,
    age: Option<u32>,
    today: Date,
) -> Option<Progress> {
    let package: &Inspanningspakket = policy.inspanningspakket.as_ref()?;
    let rule = policy.deadlines.iter().find(|rule| rule.id == package.report_back_deadline)?;
    let report_back_by = application_date.map(|date| rule.due_after(date));
    let days_left = report_back_by.map(|by| today.days_until(by));
    let documents_ready =
        package.documents.iter().filter(|document| done.documents_ready.contains(&document.id)).count()
            as u32;
    let asks_education =
        matches!((age, package.look_into_education_under_age), (Some(age), Some(limit)) if age < limit);
    let education = asks_education.then_some(done.looked_into_education);
    let complete = done.applications >= package.applications
        && done.temp_agencies >= package.temp_agencies
        && documents_ready as usize == package.documents.len()
        && education != Some(false);
    Some(Progress {
        applications: (done.applications.min(package.applications), package.applications),
        temp_agencies: (done.temp_agencies.min(package.temp_agencies), package.temp_agencies),
        documents: (documents_ready, package.documents.len() as u32),
        report_back_by,
        days_left,
        remind: !complete && days_left.is_some_and(|days| days <= REMIND_DAYS_BEFORE),
        complete,
        education,
    })
}

/// Why a file shows no progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoProgress {
    /// The dossier names no municipality yet.
    MunicipalityUnknown,
    /// The municipality's policy has no inspanningspakket.
    NoPackage,
}

/// The file's policy and progress on `today`, from the synced records of one client: the dossier
/// (municipality, application date, birth date) and what they logged ([`done_in`]).
pub fn progress_in(
    replica: &Replica,
    client_id: &str,
    today: Date,
) -> Result<(&'static PolicyProfile, Progress), NoProgress> {
    let situation = situation_of(replica, client_id);
    let municipality = situation.municipality.ok_or(NoProgress::MunicipalityUnknown)?;
    let application_date = situation.application_date;
    let policy = policy_on(embedded_policies(), &municipality, application_date.unwrap_or(today))
        .ok_or(NoProgress::NoPackage)?;
    let age = situation.birth_date.map(|birth| today.whole_months_since(birth) / 12);
    let done = done_in(replica, client_id);
    let progress = progress(policy, &done, application_date, age, today).ok_or(NoProgress::NoPackage)?;
    Ok((policy, progress))
}

/// Whether the client did everything their policy's inspanningspakket asks, on `today`.
pub fn is_complete(replica: &Replica, client_id: &str, today: Date) -> bool {
    progress_in(replica, client_id, today).is_ok_and(|(_, progress)| progress.complete)
}

/// What this client logged, counted from the synced records: job applications, temp agencies,
/// documents ticked as ready (record id `<client id>.<document id>`), the education duty done.
pub fn done_in(replica: &Replica, client_id: &str) -> Done {
    let owned = |record: &RecordRef| record.owner == Owner::Client { client_id: client_id.to_owned() };
    let count = |kind| replica.records_of_kind(kind).keys().filter(|record| owned(record)).count() as u32;
    let documents_ready = replica
        .records_of_kind(RecordKind::DocumentReady)
        .into_iter()
        .filter(|(record, fields)| {
            owned(record) && fields.get("ready") == Some(&FieldView::Value(Value::Bool(true)))
        })
        .filter_map(|(record, _)| record.id.split_once('.').map(|(_, document)| document.to_owned()))
        .collect();
    let looked_into_education = matches!(
        replica.view(&education_record(client_id), "done_on"),
        Some(FieldView::Value(Value::String(_)))
    );
    Done {
        applications: count(RecordKind::JobApplication),
        temp_agencies: count(RecordKind::AgencyRegistration),
        documents_ready,
        looked_into_education,
    }
}

/// The duty "look into an education" of a young applicant: one per client file, done once it has
/// a `done_on` date, with what they looked into as its note.
pub fn education_record(client_id: &str) -> RecordRef {
    RecordRef {
        kind: RecordKind::Duty,
        id: format!("{client_id}.look_into_education"),
        owner: Owner::Client { client_id: client_id.to_owned() },
    }
}

/// The record kinds [`progress_in`] reads: a change to one of them may complete the package.
pub const KINDS_READ: [RecordKind; 5] = [
    RecordKind::Dossier,
    RecordKind::JobApplication,
    RecordKind::AgencyRegistration,
    RecordKind::DocumentReady,
    RecordKind::Duty,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::policy::embedded_policies;
    use crate::law::test_support::date;

    fn tilburg() -> &'static PolicyProfile {
        embedded_policies().iter().find(|p| p.id == "tilburg").unwrap()
    }

    fn all_documents() -> Vec<String> {
        tilburg().inspanningspakket.as_ref().unwrap().documents.iter().map(|d| d.id.clone()).collect()
    }

    #[test]
    fn tilburg_asks_20_applications_2_agencies_and_reporting_back_within_4_weeks() {
        // «20 sollicitaties», «diverse uitzendbureaus», «Na uiterlijk 4 weken» (seed 001, L530-L532).
        let done = Done {
            applications: 3,
            temp_agencies: 1,
            documents_ready: vec!["income".into(), "assets".into()],
            looked_into_education: false,
        };
        let progress =
            progress(tilburg(), &done, Some(date("2026-11-02")), Some(42), date("2026-11-26")).unwrap();
        assert_eq!(progress.applications, (3, 20));
        assert_eq!(progress.temp_agencies, (1, 2));
        assert_eq!(progress.documents, (2, 5));
        assert_eq!(progress.report_back_by, Some(date("2026-11-30")), "2 November + 28 days");
        assert_eq!(progress.days_left, Some(4));
        assert!(!progress.remind && !progress.complete);
        assert_eq!(progress.education, None, "42 is not asked to look into an education");
    }

    #[test]
    fn close_to_the_deadline_with_work_left_the_applicant_is_reminded() {
        let done =
            Done { applications: 19, temp_agencies: 2, documents_ready: all_documents(), ..Done::default() };
        let progress =
            progress(tilburg(), &done, Some(date("2026-11-02")), Some(42), date("2026-11-27")).unwrap();
        assert_eq!(progress.days_left, Some(3));
        assert!(progress.remind);
        let all = Done { applications: 25, ..done };
        let finished =
            super::progress(tilburg(), &all, Some(date("2026-11-02")), Some(42), date("2026-11-27")).unwrap();
        assert!(finished.complete && !finished.remind, "done: no reminder, book the interview");
        assert_eq!(finished.applications, (20, 20), "more than asked counts as done");
    }

    #[test]
    fn under_27_also_looks_into_an_education_and_other_policies_have_no_package() {
        let progress = progress(tilburg(), &Done::default(), None, Some(23), date("2026-11-26")).unwrap();
        assert_eq!(progress.education, Some(false));
        let everything_but_education =
            Done { applications: 20, temp_agencies: 2, documents_ready: all_documents(), ..Done::default() };
        let young =
            |done: &Done| super::progress(tilburg(), done, None, Some(23), date("2026-11-26")).unwrap();
        assert!(!young(&everything_but_education).complete, "under 27, the education is part of the package");
        let everything = Done { looked_into_education: true, ..everything_but_education };
        assert!(young(&everything).complete && young(&everything).education == Some(true));
        assert_eq!(progress.report_back_by, None, "no date before the application date is known");
        let weener = embedded_policies().iter().find(|p| p.id == "s-hertogenbosch-weener-xl").unwrap();
        assert_eq!(super::progress(weener, &Done::default(), None, None, date("2026-11-26")), None);
    }

    #[test]
    fn the_package_is_complete_from_the_synced_records_of_one_file() {
        use crate::sync::hlc::Hlc;
        use crate::sync::sync_protocol::Operation;
        const CLIENT: &str = "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e";
        let mut replica = Replica::default();
        let mut count = 0;
        let mut write = |replica: &mut Replica, kind: RecordKind, id: String, field: &str, value: Value| {
            count += 1;
            let record = RecordRef { kind, id, owner: Owner::Client { client_id: CLIENT.into() } };
            let operation = Operation {
                op_id: format!("op-{count}"),
                record,
                field: field.into(),
                value,
                hlc: Hlc { wall_ms: count, counter: 0, node: "d".into() },
                author: "client-jan".into(),
                stored_as: None,
            };
            replica.apply(&operation, kind.field(field).unwrap().merge);
        };
        let today = date("2026-11-26");
        assert_eq!(progress_in(&replica, CLIENT, today).unwrap_err(), NoProgress::MunicipalityUnknown);
        for (field, value) in
            [("municipality", "Tilburg"), ("application_date", "2026-11-02"), ("birth_date", "1984-05-01")]
        {
            write(&mut replica, RecordKind::Dossier, CLIENT.into(), field, Value::from(value));
        }
        for n in 0..20 {
            write(
                &mut replica,
                RecordKind::JobApplication,
                format!("job-{n}"),
                "employer",
                Value::from("Bakker"),
            );
        }
        write(
            &mut replica,
            RecordKind::AgencyRegistration,
            "agency-1".into(),
            "agency",
            Value::from("Randstad"),
        );
        for document in all_documents() {
            write(
                &mut replica,
                RecordKind::DocumentReady,
                format!("{CLIENT}.{document}"),
                "ready",
                Value::Bool(true),
            );
        }
        assert!(!is_complete(&replica, CLIENT, today), "one temp agency of two");
        write(
            &mut replica,
            RecordKind::AgencyRegistration,
            "agency-2".into(),
            "agency",
            Value::from("Tempo-Team"),
        );
        assert!(is_complete(&replica, CLIENT, today));
        assert_eq!(done_in(&replica, CLIENT).applications, 20);
        write(
            &mut replica,
            RecordKind::DocumentReady,
            format!("{CLIENT}.income"),
            "ready",
            Value::Bool(false),
        );
        assert!(!is_complete(&replica, CLIENT, today), "a document no longer ready");
    }
}
