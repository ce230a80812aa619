//! The form for one consultation hour: a day, from and until, minutes per appointment and the place.
//! `shared::journey::consultation_hour` cuts it into slots and says which slot records that makes;
//! they go to `sync` in one push.

use crate::clock::{now_local, today};
use crate::i18n::{say, tr, use_language, Explanation, Language};
use crate::sync::use_sync;
use crate::sync_store::random_uuid;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::journey::consultation_hour::{minutes_of, slot_changes, slots_in, ConsultationHour};
use shared::law::calendar::Date;

/// What is typed in the form.
#[derive(Clone, Copy)]
struct Fields {
    date: RwSignal<String>,
    from: RwSignal<String>,
    until: RwSignal<String>,
    minutes_each: RwSignal<String>,
    place: RwSignal<String>,
}

impl Fields {
    /// The consultation hour typed in, or what to fill in.
    fn hour(self) -> Result<ConsultationHour, Explanation> {
        let times = (minutes_of(&self.from.get_untracked()), minutes_of(&self.until.get_untracked()));
        let (Ok(day), (Some(from_minutes), Some(until_minutes)), Ok(minutes_each)) = (
            Date::parse_iso(&self.date.get_untracked()),
            times,
            self.minutes_each.get_untracked().trim().parse::<u32>(),
        ) else {
            return Err(Explanation::new(
                "Vul een datum, een begin- en eindtijd en het aantal minuten per afspraak in.",
                "Fill in a date, a start and end time and the number of minutes per appointment.",
            ));
        };
        Ok(ConsultationHour {
            date: day,
            from_minutes,
            until_minutes,
            minutes_each,
            place: self.place.get_untracked(),
        })
    }
}

#[component]
pub(super) fn ConsultationHourForm(team_id: String) -> impl IntoView {
    let sync = use_sync();
    let language = use_language();
    let team = StoredValue::new(team_id);
    let fields = Fields {
        date: RwSignal::new(today().plus_days(7).to_string()),
        from: RwSignal::new("09:00".to_owned()),
        until: RwSignal::new("12:00".to_owned()),
        minutes_each: RwSignal::new("30".to_owned()),
        place: RwSignal::new(String::new()),
    };
    let Fields { date, from, until, minutes_each, place } = fields;
    let error = RwSignal::new(None::<Explanation>);
    let made = RwSignal::new(None::<usize>);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        made.set(None);
        let starts = fields.hour().and_then(|hour| slots_in(&hour, now_local()).map(|starts| (hour, starts)));
        let (hour, starts) = match starts {
            Ok(made) => made,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        let changes = team.with_value(|team_id| slot_changes(team_id, &hour, &starts, random_uuid));
        let count = starts.len();
        spawn_local(async move {
            match sync.change_all(changes).await {
                Ok(()) => {
                    error.set(None);
                    made.set(Some(count));
                }
                Err(problem) => error.set(Some(problem)),
            }
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{tr("Spreekuur toevoegen", "Add a consultation hour")}</h2>
            <label for="hour-date">{tr("Datum", "Date")}</label>
            <input id="hour-date" type="date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e))/>
            <label for="hour-from">{tr("Van", "From")}</label>
            <input id="hour-from" type="time" prop:value=move || from.get() on:input=move |e| from.set(event_target_value(&e))/>
            <label for="hour-until">{tr("Tot", "Until")}</label>
            <input id="hour-until" type="time" prop:value=move || until.get() on:input=move |e| until.set(event_target_value(&e))/>
            <label for="hour-minutes">{tr("Minuten per afspraak", "Minutes per appointment")}</label>
            <input id="hour-minutes" type="number" inputmode="numeric" min="10" max="240" prop:value=move || minutes_each.get() on:input=move |e| minutes_each.set(event_target_value(&e))/>
            <label for="hour-place">{tr("Plaats", "Place")}</label>
            <input id="hour-place" type="text" prop:value=move || place.get() on:input=move |e| place.set(event_target_value(&e))/>
            <p class="error" role="alert">{say(error)}</p>
            <p class="notice" role="status" id="hours-made">{move || made.get().map(|count| match language.get() {
                Language::Dutch => format!("{count} tijden klaargezet. Cliënten kunnen ze boeken zodra ze verstuurd zijn."),
                Language::English => format!("{count} times set up. Clients can book them once they have been sent."),
            })}</p>
            <button type="submit">{tr("Tijden klaarzetten", "Set up times")}</button>
        </form>
    }
}
