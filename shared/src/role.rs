//! The roles a signed-in person can have. The identity provider puts one role in the access
//! token; the worker reads it from the verified token and `shared::sync::access` decides what that
//! role may read and write.

use serde::{Deserialize, Serialize};

/// A role in the Participatiewet work, as the identity provider states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Someone who applied for or receives support; sees and edits their own file only.
    Client,
    /// Outreach worker (outreachend medewerker): visits clients at home; their assigned caseload.
    OutreachWorker,
    /// Runs group sessions: names and attendance of their own groups, nothing else.
    Trainer,
    /// Consulent or casemanager: the team's caseload and its decisions.
    Consulent,
    /// Policy maker (beleidsmaker): policy profiles and anonymous simulation, no personal data.
    PolicyMaker,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Client, Role::OutreachWorker, Role::Trainer, Role::Consulent, Role::PolicyMaker];

    /// The role's name in tokens and JSON (`outreach_worker`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::OutreachWorker => "outreach_worker",
            Role::Trainer => "trainer",
            Role::Consulent => "consulent",
            Role::PolicyMaker => "policy_maker",
        }
    }

    /// Reads a role name from a token claim; `None` for anything else.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// Whether the role is municipal staff (signs in with the municipality's identity provider)
    /// rather than a client (signs in with DigiD through a broker).
    pub fn is_staff(self) -> bool {
        self != Role::Client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_own_name_and_from_json() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("admin"), None);
        assert_eq!(Role::parse("Client"), None);
    }
}
