//! How far a new applicant is with the inspanningspakket (the job-search duties before the
//! rechtmatigheidsgesprek, under the municipality's policy): applications logged, temp agencies
//! registered with, documents ready, the day to report back by and how many days are left, whether
//! to remind, and whether everything is done (then the eligibility interview can be booked).
//! The client and the consulent see the same progress, computed here from the same records.

use crate::calendar::Date;
use crate::policy::{Inspanningspakket, PolicyProfile};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::embedded_policies;
    use crate::test_support::date;

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
}
