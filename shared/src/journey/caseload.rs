//! A professional's caseload: every client file on the device with its name, whether it is urgent
//! (a crisis in the klantfoto, a domain at 1, or a crisis signal raised on a home visit), what comes
//! up first and whether absences are signalled; and the order the list shows them in, most pressing
//! first.

use crate::journey::coming_up::ComingUp;
use crate::journey::klantfoto::{Answers, KlantfotoSet};

/// One file in the caseload list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseloadFile {
    pub client_id: String,
    /// The name the client wants to be called by, if they gave one.
    pub name: Option<String>,
    pub urgent: bool,
    /// What comes up first on the file (`coming_up`, soonest first).
    pub next: Option<ComingUp>,
    /// A trainer signalled absences in a group training.
    pub absences: bool,
}

/// Urgent: the klantfoto says so (`KlantfotoSet::is_urgent`) or a professional raised a crisis signal.
pub fn is_urgent(set: &KlantfotoSet, answers: &Answers, crisis_signal: Option<&str>) -> bool {
    set.is_urgent(answers) || crisis_signal.is_some()
}

/// Most pressing first: urgent files and files with absences, then the soonest date coming up (a
/// file with nothing coming up last); files alike keep their order (by name).
pub fn most_pressing_first(files: &mut [CaseloadFile]) {
    files.sort_by_key(|file| {
        (!(file.urgent || file.absences), file.next.as_ref().map_or(i32::MAX, |item| item.days_left))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::test_support::date;
    use crate::text::Explanation;

    fn file(id: &str, urgent: bool, days_left: Option<i32>, absences: bool) -> CaseloadFile {
        CaseloadFile {
            client_id: id.to_owned(),
            name: Some(id.to_uppercase()),
            urgent,
            next: days_left.map(|days_left| ComingUp {
                what: Explanation::new("Terugmelden", "Report back"),
                due: date("2026-11-30"),
                days_left,
            }),
            absences,
        }
    }

    #[test]
    fn urgent_and_absent_first_then_the_soonest_then_the_name_order() {
        let mut files = vec![
            file("anna", false, None, false),
            file("bram", false, Some(20), false),
            file("cees", false, Some(3), false),
            file("dirk", true, Some(30), false),
            file("eva", false, Some(40), true),
            file("fien", false, None, false),
            file("gijs", false, Some(-2), false),
        ];
        most_pressing_first(&mut files);
        let order: Vec<&str> = files.iter().map(|f| f.client_id.as_str()).collect();
        assert_eq!(order, ["dirk", "eva", "gijs", "cees", "bram", "anna", "fien"]);
    }

    #[test]
    fn a_crisis_signal_alone_makes_a_file_urgent() {
        let set = KlantfotoSet::embedded();
        let calm = Answers::default();
        assert!(!is_urgent(set, &calm, None));
        assert!(is_urgent(set, &calm, Some("Geen slaapplek")));
        let mut badly = Answers::default();
        badly.scores.insert(set.domains[0].id.clone(), 1);
        assert!(is_urgent(set, &badly, None), "a domain at 1");
    }
}
