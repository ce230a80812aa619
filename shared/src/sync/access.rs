//! Who may read and write what: the authorization decision, one pure function.
//!
//! The worker calls [`decide`] on every read and write, with the facts it looked up about how the
//! signed-in person relates to the record's owner ([`Relation`]); the app calls it with the facts
//! it has, to hide what cannot be done. Each role sees only what it needs:
//! - client: their own file (never professionals' notes), their own groups' planning and attendance;
//! - outreach worker: the files of their assigned caseload, and their clients' attendance;
//! - trainer: for their own groups only the planning, the names of the participants,
//!   attendance and progress on the programme's end goals (eindtermen); never klantfoto, income,
//!   duties, appointments or notes;
//! - consulent: the files of the team's caseload, the team's groups and their members, and the
//!   audit trail;
//! - policy maker: policies and anonymous simulation only, no personal data at all.
//!
//! Policies hold no personal data: every role may read them (the advice screens need them).
//! Nobody writes the audit trail through the API: the worker appends to it itself.

use crate::role::Role;
use crate::sync::record::{DataClass, Owner};
use crate::text::Explanation;
use std::collections::BTreeSet;

/// Reading or writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// What the data is about, beyond the fields of records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// A field of a record, by its data class.
    Data(DataClass),
    /// The audit trail of a client file: who read or changed it.
    AuditTrail,
    /// Municipal policy profiles and anonymous simulation (no personal data).
    PoliciesAndSimulation,
    /// Who works with whom: linking a client's login to their file, assigning outreach workers,
    /// starting training groups and naming their trainers. Consulents, for their team.
    CaseloadAdministration,
    /// The team's calls to the municipality's systems (zaken, statuses) and the ones the other
    /// side refused, with the reason, so that someone can fix the cause and send them again.
    /// Consulents, for their team (the owner is the team).
    MunicipalOutbox,
}

/// How the signed-in person relates to the record's owner: facts the worker looks up (caseload
/// assignments, teams, group trainers and members). Every fact is false unless looked up as true.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relation {
    /// The record is about the signed-in client themself.
    pub own_file: bool,
    /// The signed-in client is a member of the record's group.
    pub member_of_group: bool,
    /// The client file is in the signed-in outreach worker's assigned caseload.
    pub assigned_caseload: bool,
    /// The client file is in the caseload of the signed-in consulent's team, or the record is
    /// the team's own (its appointment slots, its training groups).
    pub team_caseload: bool,
    /// The signed-in trainer runs the record's group, or a group the client is a member of.
    pub trains_group: bool,
    /// The client file and the group are both of the signed-in consulent's team: only then may the
    /// consulent place the client in the group or take them out of it (a team places its own
    /// clients in its own groups, never another team's).
    pub team_file_in_team_group: bool,
}

/// What the worker looked up about the signed-in person: the client files, groups and team they
/// relate to. [`Scope::relation_to`] turns it into the [`Relation`] to one record's owner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// The client file of a signed-in client.
    pub own_client_id: Option<String>,
    /// The groups a signed-in client is a member of.
    pub member_of_groups: BTreeSet<String>,
    /// The client files assigned to a signed-in outreach worker.
    pub assigned_client_ids: BTreeSet<String>,
    /// The team of a signed-in staff member, or of a client's file.
    pub team_id: Option<String>,
    /// The client files in a signed-in consulent's team caseload.
    pub team_client_ids: BTreeSet<String>,
    /// The training groups a signed-in consulent's team organises.
    pub team_group_ids: BTreeSet<String>,
    /// The groups a signed-in trainer runs.
    pub trained_group_ids: BTreeSet<String>,
    /// The members of those groups.
    pub trained_client_ids: BTreeSet<String>,
}

impl Scope {
    pub fn relation_to(&self, owner: &Owner) -> Relation {
        let to_client = |client_id: &String| Relation {
            own_file: self.own_client_id.as_ref() == Some(client_id),
            assigned_caseload: self.assigned_client_ids.contains(client_id),
            team_caseload: self.team_client_ids.contains(client_id),
            trains_group: self.trained_client_ids.contains(client_id),
            member_of_group: false,
            team_file_in_team_group: false,
        };
        match owner {
            Owner::Client { client_id } => to_client(client_id),
            Owner::Group { group_id } => Relation {
                member_of_group: self.member_of_groups.contains(group_id),
                trains_group: self.trained_group_ids.contains(group_id),
                team_caseload: self.team_group_ids.contains(group_id),
                ..Relation::default()
            },
            // Attendance and membership: a trainer only for this very group, not for another
            // group the same client is in.
            Owner::GroupMember { group_id, client_id } => Relation {
                member_of_group: self.member_of_groups.contains(group_id),
                trains_group: self.trained_group_ids.contains(group_id),
                team_caseload: self.team_client_ids.contains(client_id)
                    || self.team_group_ids.contains(group_id),
                team_file_in_team_group: self.team_client_ids.contains(client_id)
                    && self.team_group_ids.contains(group_id),
                ..to_client(client_id)
            },
            Owner::Team { team_id } => {
                Relation { team_caseload: self.team_id.as_ref() == Some(team_id), ..Relation::default() }
            }
        }
    }
}

/// The answer: allowed, or denied with the reason to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Denied(Explanation),
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        *self == Decision::Allowed
    }
}

/// May a person with `role`, related to the record's owner as `relation`, get `access` to
/// `resource`?
pub fn decide(role: Role, relation: Relation, resource: Resource, access: Access) -> Decision {
    let allowed = match role {
        Role::Client => client_may(relation, resource, access),
        Role::OutreachWorker => relation.assigned_caseload && caseworker_may(resource, access),
        Role::Consulent => {
            relation.team_caseload
                && (caseworker_may(resource, access)
                    || resource == Resource::AuditTrail && access == Access::Read
                    || resource == Resource::CaseloadAdministration
                    || resource == Resource::MunicipalOutbox
                    || resource == Resource::Data(DataClass::GroupPlanning)
                    || resource == Resource::Data(DataClass::Membership)
                        && (access == Access::Read || relation.team_file_in_team_group)
                    || resource == Resource::Data(DataClass::Decisions))
        }
        Role::Trainer => relation.trains_group && trainer_may(resource, access),
        Role::PolicyMaker => resource == Resource::PoliciesAndSimulation && access == Access::Read,
    };
    if allowed || resource == Resource::PoliciesAndSimulation && access == Access::Read {
        Decision::Allowed
    } else {
        Decision::Denied(Explanation::new(
            "U mag dit niet zien of wijzigen. Denkt u dat dit niet klopt? Vraag het uw contactpersoon bij de gemeente.",
            "You are not allowed to see or change this. If you think this is wrong, ask your contact at the municipality.",
        ))
    }
}

fn client_may(relation: Relation, resource: Resource, access: Access) -> bool {
    let Resource::Data(class) = resource else {
        // Clients may see who looked at their own file (AVG, right of access).
        return resource == Resource::AuditTrail && access == Access::Read && relation.own_file;
    };
    match class {
        DataClass::Name
        | DataClass::Details
        | DataClass::Klantfoto
        | DataClass::Duties
        | DataClass::Appointments => relation.own_file,
        // A client sees their team's slots and may book or release one, but never sees who
        // else booked (the worker tells clients only whether a slot is free).
        DataClass::Slots => relation.team_caseload && access == Access::Read,
        DataClass::SlotHolder => relation.team_caseload && access == Access::Write,
        DataClass::GroupPlanning => relation.member_of_group && access == Access::Read,
        DataClass::Attendance | DataClass::Membership | DataClass::EndGoals | DataClass::Decisions => {
            relation.own_file && access == Access::Read
        }
        DataClass::Notes => false,
    }
}

/// Outreach workers and consulents work on client files as a whole.
fn caseworker_may(resource: Resource, access: Access) -> bool {
    match resource {
        Resource::Data(
            DataClass::Name
            | DataClass::Details
            | DataClass::Klantfoto
            | DataClass::Duties
            | DataClass::Appointments
            | DataClass::Notes
            | DataClass::Slots
            | DataClass::SlotHolder,
        ) => true,
        // The consulent decides the next step (see `decide`); the outreach worker reads it.
        Resource::Data(
            DataClass::Attendance
            | DataClass::Membership
            | DataClass::GroupPlanning
            | DataClass::EndGoals
            | DataClass::Decisions,
        ) => access == Access::Read,
        Resource::AuditTrail
        | Resource::PoliciesAndSimulation
        | Resource::CaseloadAdministration
        | Resource::MunicipalOutbox => false,
    }
}

fn trainer_may(resource: Resource, access: Access) -> bool {
    match resource {
        Resource::Data(DataClass::GroupPlanning | DataClass::Attendance | DataClass::EndGoals) => true,
        Resource::Data(DataClass::Name | DataClass::Membership) => access == Access::Read,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Access::{Read, Write};

    const ALL_CLASSES: [DataClass; 13] = [
        DataClass::Name,
        DataClass::Details,
        DataClass::Klantfoto,
        DataClass::Duties,
        DataClass::Appointments,
        DataClass::Notes,
        DataClass::GroupPlanning,
        DataClass::Attendance,
        DataClass::Membership,
        DataClass::Slots,
        DataClass::SlotHolder,
        DataClass::EndGoals,
        DataClass::Decisions,
    ];

    fn every_relation() -> Vec<Relation> {
        (0..64u8)
            .map(|bits| Relation {
                own_file: bits & 1 != 0,
                member_of_group: bits & 2 != 0,
                assigned_caseload: bits & 4 != 0,
                team_caseload: bits & 8 != 0,
                trains_group: bits & 16 != 0,
                team_file_in_team_group: bits & 32 != 0,
            })
            .collect()
    }

    fn allowed(role: Role, relation: Relation, class: DataClass, access: Access) -> bool {
        decide(role, relation, Resource::Data(class), access).is_allowed()
    }

    #[test]
    fn without_any_relation_nobody_gets_personal_data() {
        for role in Role::ALL {
            for class in ALL_CLASSES {
                for access in [Read, Write] {
                    assert!(
                        !allowed(role, Relation::default(), class, access),
                        "{role:?} {class:?} {access:?}"
                    );
                }
            }
            assert!(!decide(role, Relation::default(), Resource::AuditTrail, Read).is_allowed());
        }
    }

    #[test]
    fn a_trainer_sees_names_and_attendance_of_own_groups_and_nothing_else() {
        let own_group = Relation { trains_group: true, ..Relation::default() };
        for class in ALL_CLASSES {
            let expected_read = matches!(
                class,
                DataClass::Name
                    | DataClass::GroupPlanning
                    | DataClass::Attendance
                    | DataClass::Membership
                    | DataClass::EndGoals
            );
            assert_eq!(allowed(Role::Trainer, own_group, class, Read), expected_read, "{class:?}");
            let expected_write =
                matches!(class, DataClass::GroupPlanning | DataClass::Attendance | DataClass::EndGoals);
            assert_eq!(allowed(Role::Trainer, own_group, class, Write), expected_write, "{class:?}");
        }
        // Whatever else is true, a trainer never reads klantfoto, details or notes.
        for relation in every_relation() {
            for class in [DataClass::Klantfoto, DataClass::Details, DataClass::Notes, DataClass::Duties] {
                assert!(!allowed(Role::Trainer, relation, class, Read), "{relation:?} {class:?}");
            }
        }
    }

    #[test]
    fn the_consulent_decides_the_next_step_the_client_and_outreach_worker_read_it() {
        let decisions = Resource::Data(DataClass::Decisions);
        let team = Relation { team_caseload: true, ..Relation::default() };
        assert!(decide(Role::Consulent, team, decisions, Write).is_allowed());
        let assigned = Relation { assigned_caseload: true, ..Relation::default() };
        assert!(decide(Role::OutreachWorker, assigned, decisions, Read).is_allowed());
        assert!(!decide(Role::OutreachWorker, assigned, decisions, Write).is_allowed());
        let own = Relation { own_file: true, ..Relation::default() };
        assert!(decide(Role::Client, own, decisions, Read).is_allowed());
        assert!(!decide(Role::Client, own, decisions, Write).is_allowed());
        for relation in every_relation() {
            assert!(!decide(Role::Trainer, relation, decisions, Read).is_allowed());
        }
    }

    #[test]
    fn a_policy_maker_never_gets_personal_data() {
        for relation in every_relation() {
            for class in ALL_CLASSES {
                assert!(!allowed(Role::PolicyMaker, relation, class, Read));
            }
            assert!(!decide(Role::PolicyMaker, relation, Resource::AuditTrail, Read).is_allowed());
            assert!(decide(Role::PolicyMaker, relation, Resource::PoliciesAndSimulation, Read).is_allowed());
            assert!(!decide(Role::PolicyMaker, relation, Resource::PoliciesAndSimulation, Write).is_allowed());
        }
    }

    #[test]
    fn a_client_reads_and_writes_their_own_file_but_never_notes() {
        let own = Relation { own_file: true, ..Relation::default() };
        for class in [
            DataClass::Name,
            DataClass::Details,
            DataClass::Klantfoto,
            DataClass::Duties,
            DataClass::Appointments,
        ] {
            assert!(
                allowed(Role::Client, own, class, Read) && allowed(Role::Client, own, class, Write),
                "{class:?}"
            );
        }
        assert!(!allowed(Role::Client, own, DataClass::Notes, Read));
        assert!(allowed(Role::Client, own, DataClass::Attendance, Read));
        assert!(
            !allowed(Role::Client, own, DataClass::Attendance, Write),
            "a client cannot tick their own attendance"
        );
        assert!(decide(Role::Client, own, Resource::AuditTrail, Read).is_allowed());
        let someone_else = Relation { own_file: false, ..own };
        assert!(!allowed(Role::Client, someone_else, DataClass::Name, Read));
    }

    #[test]
    fn caseworkers_need_their_caseload_and_only_consulents_read_the_audit_trail() {
        let assigned = Relation { assigned_caseload: true, ..Relation::default() };
        let team = Relation { team_caseload: true, ..Relation::default() };
        for class in [DataClass::Klantfoto, DataClass::Notes, DataClass::Details] {
            assert!(allowed(Role::OutreachWorker, assigned, class, Write));
            assert!(!allowed(Role::OutreachWorker, team, class, Read), "team is not enough for outreach");
            assert!(allowed(Role::Consulent, team, class, Write));
            assert!(!allowed(Role::Consulent, assigned, class, Read), "assignment is an outreach fact");
        }
        assert!(!allowed(Role::OutreachWorker, assigned, DataClass::Attendance, Write));
        // End goals: the trainers write them; the caseworkers and the client only read them.
        for (role, relation) in [(Role::OutreachWorker, assigned), (Role::Consulent, team)] {
            assert!(allowed(role, relation, DataClass::EndGoals, Read), "{role:?}");
            assert!(!allowed(role, relation, DataClass::EndGoals, Write), "{role:?}");
        }
        let own = Relation { own_file: true, ..Relation::default() };
        assert!(allowed(Role::Client, own, DataClass::EndGoals, Read));
        assert!(!allowed(Role::Client, own, DataClass::EndGoals, Write));
        assert!(decide(Role::Consulent, team, Resource::AuditTrail, Read).is_allowed());
        assert!(!decide(Role::OutreachWorker, assigned, Resource::AuditTrail, Read).is_allowed());
        assert!(
            !decide(Role::Consulent, team, Resource::AuditTrail, Write).is_allowed(),
            "the trail is append-only"
        );
    }

    #[test]
    fn only_the_teams_consulents_see_and_retry_the_calls_to_the_municipality() {
        let team = Relation { team_caseload: true, ..Relation::default() };
        for access in [Read, Write] {
            assert!(decide(Role::Consulent, team, Resource::MunicipalOutbox, access).is_allowed());
            assert!(
                !decide(Role::Consulent, Relation::default(), Resource::MunicipalOutbox, access).is_allowed()
            );
        }
        for role in [Role::Client, Role::OutreachWorker, Role::Trainer, Role::PolicyMaker] {
            for relation in every_relation() {
                assert!(
                    !decide(role, relation, Resource::MunicipalOutbox, Read).is_allowed(),
                    "{role:?} {relation:?}"
                );
            }
        }
    }

    #[test]
    fn a_trainer_ticks_attendance_only_in_the_groups_they_run() {
        let scope = Scope {
            trained_group_ids: BTreeSet::from(["group-a".to_owned()]),
            trained_client_ids: BTreeSet::from(["jan".to_owned()]),
            ..Scope::default()
        };
        let in_group = |group: &str| Owner::GroupMember { group_id: group.into(), client_id: "jan".into() };
        let attendance = Resource::Data(DataClass::Attendance);
        assert!(
            decide(Role::Trainer, scope.relation_to(&in_group("group-a")), attendance, Write).is_allowed()
        );
        assert!(
            !decide(Role::Trainer, scope.relation_to(&in_group("group-b")), attendance, Write).is_allowed()
        );
        let jans_file = Owner::Client { client_id: "jan".into() };
        let name = Resource::Data(DataClass::Name);
        assert!(decide(Role::Trainer, scope.relation_to(&jans_file), name, Read).is_allowed());
        let klantfoto = Resource::Data(DataClass::Klantfoto);
        assert!(!decide(Role::Trainer, scope.relation_to(&jans_file), klantfoto, Read).is_allowed());
    }

    #[test]
    fn only_a_consulent_places_a_client_of_the_team_in_a_group_of_the_team() {
        let scope = Scope {
            team_id: Some("team-noord".into()),
            team_client_ids: BTreeSet::from(["jan".to_owned()]),
            team_group_ids: BTreeSet::from(["group-noord".to_owned()]),
            ..Scope::default()
        };
        let place = |group: &str, client: &str| {
            let owner = Owner::GroupMember { group_id: group.into(), client_id: client.into() };
            decide(Role::Consulent, scope.relation_to(&owner), Resource::Data(DataClass::Membership), Write)
                .is_allowed()
        };
        assert!(place("group-noord", "jan"));
        assert!(!place("group-zuid", "jan"), "the team's client into another team's group");
        assert!(!place("group-noord", "piet"), "another team's client into the team's group");
        // Reading stays as it was: the consulent of either side follows the client's attendance.
        let jan_elsewhere = Owner::GroupMember { group_id: "group-zuid".into(), client_id: "jan".into() };
        let membership = Resource::Data(DataClass::Membership);
        assert!(decide(Role::Consulent, scope.relation_to(&jan_elsewhere), membership, Read).is_allowed());
        // Nobody else places anyone, whatever else is true.
        for role in [Role::Client, Role::OutreachWorker, Role::Trainer, Role::PolicyMaker] {
            for relation in every_relation() {
                assert!(!decide(role, relation, membership, Write).is_allowed(), "{role:?} {relation:?}");
            }
        }
    }

    #[test]
    fn a_client_relates_only_to_their_own_file_groups_and_team() {
        let scope = Scope {
            own_client_id: Some("jan".into()),
            member_of_groups: BTreeSet::from(["group-a".to_owned()]),
            team_id: Some("team-1".into()),
            ..Scope::default()
        };
        assert!(scope.relation_to(&Owner::Client { client_id: "jan".into() }).own_file);
        assert_eq!(scope.relation_to(&Owner::Client { client_id: "piet".into() }), Relation::default());
        assert!(scope.relation_to(&Owner::Group { group_id: "group-a".into() }).member_of_group);
        assert!(scope.relation_to(&Owner::Team { team_id: "team-1".into() }).team_caseload);
        assert!(!scope.relation_to(&Owner::Team { team_id: "team-2".into() }).team_caseload);
    }

    #[test]
    fn a_denial_says_what_to_do() {
        let Decision::Denied(why) =
            decide(Role::Trainer, Relation::default(), Resource::Data(DataClass::Notes), Read)
        else {
            panic!("a trainer without a relation must be denied");
        };
        assert!(why.nl.contains("contactpersoon") && why.en.contains("ask"));
    }
}
