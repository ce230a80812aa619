//! What the law engine and the municipality's policy say of a client file on this device, on
//! today's date: the evaluation, the policy that applies, what is coming up and the consulent's
//! decisions (`shared::journey::coming_up`, `next_step`); and the inspanningspakket's progress with
//! why there is none, in words. Read by the pages and components, decided in `shared`.

use crate::clock::today;
use crate::files_on_device::{answers_in, situation_for};
use crate::i18n::Explanation;
use shared::journey::coming_up::{coming_up, ComingUp};
use shared::journey::inspanningspakket::{progress_in, NoProgress, Progress};
use shared::journey::next_step::{decisions_of, Decided};
use shared::law::advice::{evaluate, Evaluation};
use shared::law::parameters::LegalParameters;
use shared::law::policy::{embedded_policies, policy_on, PolicyProfile};
use shared::sync::merge::Replica;

/// The engine's view of a file on this device, the policy that applies, and what is coming up.
pub struct FileOutlook {
    pub evaluation: Option<Evaluation>,
    pub policy: Option<&'static PolicyProfile>,
    pub coming_up: Vec<ComingUp>,
    pub decisions: Vec<Decided>,
}

pub fn outlook_of(replica: &Replica, client_id: &str) -> FileOutlook {
    outlook_with(replica, client_id, decisions_of(replica, client_id))
}

/// The same, with the file's decisions already read (the caseload reads them for every file at once).
pub fn outlook_with(replica: &Replica, client_id: &str, decisions: Vec<Decided>) -> FileOutlook {
    let situation = situation_for(replica, client_id, &answers_in(replica, client_id));
    let Some(situation) = situation else {
        return FileOutlook { evaluation: None, policy: None, coming_up: Vec::new(), decisions };
    };
    let today = today();
    let policy = situation.municipality.as_deref().and_then(|municipality| {
        policy_on(embedded_policies(), municipality, situation.application_date.unwrap_or(today))
    });
    let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
    let instrument = decisions.first().and_then(Decided::instrument_since);
    let coming_up = coming_up(&evaluation, policy, instrument.as_ref(), today);
    FileOutlook { evaluation: Some(evaluation), policy, coming_up, decisions }
}

/// The file's policy and inspanningspakket progress, or why there is none (decided in
/// `shared::journey::inspanningspakket`).
pub fn progress_of(
    replica: &Replica,
    client_id: &str,
) -> Result<(&'static PolicyProfile, Progress), Explanation> {
    progress_in(replica, client_id, today()).map_err(|why| match why {
        NoProgress::MunicipalityUnknown => Explanation::new(
            "Uw gemeente staat nog niet in uw dossier. Vraag uw consulent welke opdracht u heeft.",
            "Your municipality is not in your file yet. Ask your consultant what you need to do.",
        ),
        NoProgress::NoPackage => Explanation::new(
            "Uw gemeente heeft geen inspanningspakket in deze app.",
            "Your municipality has no job search tasks in this app.",
        ),
    })
}
