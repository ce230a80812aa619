//! What is coming up on a client file, for the consulent who keeps "regie": the end of the
//! zoektermijn (the four weeks a young applicant searches first), the policy's deadlines (report
//! back, the rechtmatigheidsgesprek), and the time limit of the instrument the client is in since the
//! consulent's decision (a leerwerkplek reaching 6 months, a traject reaching 2 years). Each with
//! the days left, soonest first; a date that passed less than [`SHOW_PASSED_DAYS`] ago still shows,
//! since it still needs doing.

use crate::law::advice::Evaluation;
use crate::law::calendar::Date;
use crate::law::policy::PolicyProfile;
use crate::text::{Explanation, Language};

/// A date that passed this many days ago or less is still shown.
pub const SHOW_PASSED_DAYS: i32 = 14;
/// Shown as "soon" (needs attention this week or next).
pub const SOON_DAYS: i32 = 14;

/// One thing coming up, with its day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComingUp {
    pub what: Explanation,
    pub due: Date,
    /// From today to `due` (negative: passed).
    pub days_left: i32,
}

impl ComingUp {
    pub fn is_soon(&self) -> bool {
        self.days_left <= SOON_DAYS
    }
}

/// The instrument a client is in, from the consulent's latest decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentSince {
    pub instrument_id: String,
    pub since: Date,
}

pub fn coming_up(
    evaluation: &Evaluation,
    policy: Option<&PolicyProfile>,
    instrument: Option<&InstrumentSince>,
    today: Date,
) -> Vec<ComingUp> {
    let mut items = Vec::new();
    let mut add = |what: Explanation, due: Date| {
        items.push(ComingUp { what, due, days_left: today.days_until(due) });
    };
    if let Some(period) = evaluation.eligibility.search_period {
        add(
            Explanation::new(
                "Einde zoektermijn (4 weken zoeken)",
                "End of the zoektermijn (4 weeks of searching)",
            ),
            period.ends,
        );
    }
    for deadline in evaluation.advice.iter().flat_map(|advice| &advice.deadlines) {
        if let Some(due) = deadline.due {
            add(deadline.label.clone(), due);
        }
    }
    let limited = instrument.and_then(|current| {
        let found = policy?.instruments.iter().find(|i| i.id == current.instrument_id)?;
        Some((found, found.max_months?, current.since))
    });
    if let Some((instrument, months, since)) = limited {
        add(
            Explanation::new(
                format!("{}: de {months} maanden zijn om", instrument.label.nl),
                format!("{}: the {months} months are up", instrument.label.en),
            ),
            since.plus_months(months),
        );
    }
    items.retain(|item| item.days_left >= -SHOW_PASSED_DAYS);
    items.sort_by_key(|item| item.due);
    items
}

/// "nog 4 dagen" / "4 days left", "vandaag", "morgen", "3 dagen geleden".
pub fn days_left_in_words(days: i32, language: Language) -> String {
    match (days, language) {
        (0, _) => language.pick("vandaag", "today").to_owned(),
        (1, _) => language.pick("morgen", "tomorrow").to_owned(),
        (-1, _) => language.pick("gisteren", "yesterday").to_owned(),
        (d, Language::Dutch) if d < 0 => format!("{} dagen geleden", -d),
        (d, Language::English) if d < 0 => format!("{} days ago", -d),
        (d, Language::Dutch) => format!("nog {d} dagen"),
        (d, Language::English) => format!("{d} days left"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::advice::evaluate;
    use crate::law::parameters::LegalParameters;
    use crate::law::policy::embedded_policies;
    use crate::law::situation::ClientSituation;
    use crate::law::test_support::date;

    fn policy(id: &str) -> &'static PolicyProfile {
        embedded_policies().iter().find(|p| p.id == id).unwrap()
    }

    fn applicant(municipality: &str, applied: &str, born: &str) -> Evaluation {
        let situation = ClientSituation {
            municipality: Some(municipality.into()),
            application_date: Some(date(applied)),
            birth_date: Some(date(born)),
            ..ClientSituation::default()
        };
        evaluate(&situation, LegalParameters::embedded(), embedded_policies())
    }

    #[test]
    fn tilburg_report_back_and_a_young_applicants_zoektermijn_soonest_first() {
        let evaluation = applicant("Tilburg", "2026-11-02", "2004-05-01");
        let items = coming_up(&evaluation, Some(policy("tilburg")), None, date("2026-11-26"));
        let days: Vec<(i32, &str)> = items.iter().map(|i| (i.days_left, i.what.nl.as_str())).collect();
        assert!(
            days.iter().any(|(_, what)| what.starts_with("Terugmelden")),
            "Tilburg's report-back deadline: {days:?}"
        );
        assert!(days.iter().any(|(_, what)| what.starts_with("Einde zoektermijn")), "{days:?}");
        assert!(items.windows(2).all(|pair| pair[0].due <= pair[1].due), "soonest first: {days:?}");
        let report_back = items.iter().find(|i| i.what.nl.starts_with("Terugmelden")).unwrap();
        assert_eq!(report_back.due, date("2026-11-30"), "2 November + 28 days");
        assert_eq!(report_back.days_left, 4);
        assert!(report_back.is_soon());
    }

    #[test]
    fn an_instrument_reaching_its_limit_counts_from_the_decision() {
        let evaluation = applicant("'s-Hertogenbosch", "2026-01-05", "1980-01-01");
        let weener = policy("s-hertogenbosch-weener-xl");
        let limited =
            weener.instruments.iter().find(|i| i.max_months == Some(6)).expect("a 6-month instrument");
        let since = InstrumentSince { instrument_id: limited.id.clone(), since: date("2026-06-01") };
        let items = coming_up(&evaluation, Some(weener), Some(&since), date("2026-11-26"));
        let limit = items.iter().find(|i| i.what.nl.contains("de 6 maanden zijn om")).expect("the 6 months");
        assert_eq!(limit.due, date("2026-12-01"));
        assert_eq!(limit.days_left, 5);
        let unknown = InstrumentSince { instrument_id: "no-such".into(), since: date("2026-06-01") };
        assert!(!coming_up(&evaluation, Some(weener), Some(&unknown), date("2026-11-26"))
            .iter()
            .any(|i| i.what.nl.contains("maanden zijn om")));
    }

    #[test]
    fn once_the_client_reported_back_the_rechtmatigheidsgesprek_is_due_within_14_days() {
        let mut situation = ClientSituation {
            municipality: Some("Tilburg".into()),
            application_date: Some(date("2026-11-02")),
            birth_date: Some(date("1980-01-01")),
            ..ClientSituation::default()
        };
        let interview = |situation: &ClientSituation| {
            let evaluation = evaluate(situation, LegalParameters::embedded(), embedded_policies());
            coming_up(&evaluation, Some(policy("tilburg")), None, date("2026-11-26"))
                .into_iter()
                .find(|item| item.what.nl.starts_with("Rechtmatigheidsgesprek"))
        };
        assert_eq!(interview(&situation), None, "no date before the client reported back");
        situation.milestones.reported_back_on = Some(date("2026-11-25"));
        let due = interview(&situation).expect("due once reported back");
        assert_eq!(due.due, date("2026-12-09"), "TIL-06: within 2 weeks of reporting back");
        assert_eq!(due.days_left, 13);
    }

    #[test]
    fn long_passed_dates_drop_off_recent_ones_stay() {
        let evaluation = applicant("Tilburg", "2026-11-02", "1980-01-01");
        let tilburg = Some(policy("tilburg"));
        let report_back = |today: &str| {
            coming_up(&evaluation, tilburg, None, date(today))
                .into_iter()
                .find(|i| i.what.nl.starts_with("Terugmelden"))
        };
        assert_eq!(report_back("2026-12-10").map(|i| i.days_left), Some(-10), "passed, still to do");
        assert_eq!(report_back("2026-12-20"), None, "three weeks past: gone");
    }

    #[test]
    fn days_left_in_words_name_the_near_days_and_count_the_others() {
        let both =
            |days| (days_left_in_words(days, Language::Dutch), days_left_in_words(days, Language::English));
        assert_eq!(both(0), ("vandaag".into(), "today".into()));
        assert_eq!(both(1), ("morgen".into(), "tomorrow".into()));
        assert_eq!(both(-1), ("gisteren".into(), "yesterday".into()));
        assert_eq!(both(4), ("nog 4 dagen".into(), "4 days left".into()));
        assert_eq!(both(-3), ("3 dagen geleden".into(), "3 days ago".into()));
    }
}
