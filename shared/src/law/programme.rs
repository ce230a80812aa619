//! Group programmes (trainingen) as data in the policy file.
//!
//! A programme is a `[[programme]]` of a municipal policy: its phases (so many weeks, a session
//! (dagdeel, half-day) on these weekdays), the length of a session, its end goals (eindtermen) and
//! after how many unexcused absences the consulent gets a signal. IJmond's "Sterk naar Werk": 8 weeks,
//! weeks 1–4 three half-days a week, weeks 5–8 two (seed 001, L708).
//!
//! A group follows one; its schedule, and the group's reference to its programme, are the client
//! journey's (`journey::schedule`).

use crate::formats::{is_clock_time, is_plain_id};
use crate::text::Explanation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A group programme of a municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Lower-case letters, digits and `-`: with the policy id it names the programme.
    pub id: String,
    pub label: Explanation,
    /// The usual group size (for the trainers' information; nothing is refused on it).
    pub group_size: Option<GroupSize>,
    pub trainers_per_group: Option<u32>,
    /// When a session starts (`HH:MM`, Dutch time) unless the trainer chooses another time.
    pub session_starts_at: String,
    pub session_minutes: u32,
    /// After this many unexcused absences (absent without a reason) the consulent gets a signal.
    pub signal_after_unexcused_absences: u32,
    #[serde(rename = "phase")]
    pub phases: Vec<Phase>,
    #[serde(rename = "end_goal", default)]
    pub end_goals: Vec<EndGoal>,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSize {
    pub min: u32,
    pub max: u32,
}

/// A run of weeks with a session on each of `weekdays`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub weeks: u32,
    pub weekdays: Vec<SessionDay>,
    pub source: String,
}

/// The days of the working week a session can be planned on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionDay {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

impl SessionDay {
    /// Days after Monday.
    pub(crate) fn offset(self) -> i32 {
        self as i32
    }
}

/// An end goal (eindterm) each participant works towards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndGoal {
    /// Lower-case letters and `_`: part of the record id of a participant's progress.
    pub id: String,
    pub label: Explanation,
}

impl Programme {
    /// Sessions in total when no day has to be left out.
    pub fn session_count(&self) -> u32 {
        self.phases.iter().map(|phase| phase.weeks * phase.weekdays.len() as u32).sum()
    }

    pub fn weeks(&self) -> u32 {
        self.phases.iter().map(|phase| phase.weeks).sum()
    }

    pub fn end_goal(&self, id: &str) -> Option<&EndGoal> {
        self.end_goals.iter().find(|goal| goal.id == id)
    }

    /// Checks what serde cannot; the text to find the line by, and the message.
    pub(crate) fn check(&self) -> Result<(), (Option<String>, String)> {
        let anchor = Some(format!("id = \"{}\"", self.id));
        let fail = |message: String| Err((anchor.clone(), message));
        if self.id.is_empty()
            || !self.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return fail(format!("programme id `{}` must be lower-case letters, digits and `-`", self.id));
        }
        if !is_clock_time(&self.session_starts_at) {
            return fail(format!("programme `{}`: session_starts_at must be a time like \"09:30\"", self.id));
        }
        if !(5..=480).contains(&self.session_minutes) {
            return fail(format!("programme `{}`: session_minutes must be 5 to 480", self.id));
        }
        if self.signal_after_unexcused_absences == 0 {
            return fail(format!(
                "programme `{}`: signal_after_unexcused_absences must be 1 or more",
                self.id
            ));
        }
        if self.phases.is_empty() || self.phases.iter().any(|p| p.weeks == 0 || p.weekdays.is_empty()) {
            return fail(format!(
                "programme `{}` needs at least one [[programme.phase]], each with weeks ≥ 1 and a weekday",
                self.id
            ));
        }
        if self.phases.iter().any(|p| p.weekdays.windows(2).any(|pair| pair[0] >= pair[1])) {
            return fail(format!("programme `{}`: list each phase's weekdays once, Monday first", self.id));
        }
        if let Some(goal) = self.end_goals.iter().find(|goal| !is_plain_id(&goal.id)) {
            return fail(format!("end goal id `{}` must be 1 to 40 lower-case letters and `_`", goal.id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sterk_naar_werk() -> &'static Programme {
        let ijmond =
            crate::law::policy::embedded_policies().iter().find(|policy| policy.id == "ijmond-werkt");
        let programme =
            ijmond.and_then(|policy| policy.programmes.iter().find(|p| p.id == "sterk-naar-werk"));
        programme.expect("IJmond has Sterk naar Werk")
    }

    #[test]
    fn the_loader_refuses_a_programme_without_weekdays() {
        let mut programme = sterk_naar_werk().clone();
        programme.phases[0].weekdays.clear();
        assert!(programme.check().unwrap_err().1.contains("weekday"));
        let mut programme = sterk_naar_werk().clone();
        programme.session_starts_at = "9.30".into();
        assert!(programme.check().is_err());
    }
}
