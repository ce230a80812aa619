//! The klantfoto over time: one column per day on which an answer changed (the latest four), one row
//! per life domain (`shared::journey::klantfoto::history`). On the klantfoto's result and on a file
//! for the professionals.

use crate::files_on_device::klantfoto_of;
use crate::i18n::{tr, use_language};
use crate::sync::use_sync;
use leptos::prelude::*;
use shared::journey::klantfoto::{history, KlantfotoSet};
use shared::law::local_time::short_date;

/// The klantfoto over time: one column per day on which an answer changed (the latest four), one
/// row per life domain, so a client and their caseworkers see what got better or worse. Earlier
/// answers are kept in the log; nothing is shown until there is more than one day.
#[component]
pub fn KlantfotoOverTime(client_id: String) -> impl IntoView {
    const DAYS_SHOWN: usize = 4;
    let set = KlantfotoSet::embedded();
    let sync = use_sync();
    let language = use_language();
    let record = klantfoto_of(&client_id);
    let snapshots = Memo::new(move |_| {
        sync.klantfoto_log.with(|log| {
            let answers: Vec<_> = log.values().filter(|op| op.record == record).cloned().collect();
            let history = history(set, &answers);
            history[history.len().saturating_sub(DAYS_SHOWN)..].to_vec()
        })
    });
    move || {
        let snapshots = snapshots.get();
        (snapshots.len() > 1).then(|| {
            let language = language.get();
            let score_in_words = |score: Option<&u8>| match score {
                Some(score) => score.to_string(),
                None => "–".to_owned(),
            };
            view! {
                <div class="card">
                    <h2 id="over-time-heading">{tr("Door de tijd", "Over time")}</h2>
                    <div class="table-scroll" role="region" aria-labelledby="over-time-heading" tabindex="0">
                        <table id="klantfoto-over-time">
                            <caption>{tr(
                                "Scores van 1 (het gaat nu echt mis) tot 5 (het lukt goed zelf), per dag dat er iets veranderde.",
                                "Scores from 1 (things are going badly wrong) to 5 (I manage well on my own), per day something changed.",
                            )}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr("Leefgebied", "Life domain")}</th>
                                    {snapshots.iter().map(|snapshot| view! {
                                        <th scope="col">{short_date(snapshot.date, language)}</th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {set.domains.iter().map(|domain| view! {
                                    <tr>
                                        <th scope="row">{domain.name.in_language(language).to_owned()}</th>
                                        {snapshots.iter().map(|snapshot| view! {
                                            <td>{score_in_words(snapshot.answers.scores.get(&domain.id))}</td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        })
    }
}
