//! Who may read and write what: the authorization decision, one pure function.
//!
//! The worker calls [`decide`] on every read and write, with the facts it looked up about how the
//! signed-in person relates to the record's owner ([`Relation`]); the app calls it with the facts
//! it has, to hide what cannot be done. Each role sees only what it needs:
//! - client: their own file (never professionals' notes), their own groups' planning and attendance;
//! - outreach worker: the files of their assigned caseload, and their clients' attendance;
//! - trainer: for their own groups only the planning, the names of the participants and
//!   attendance; never klantfoto, income, duties, appointments or notes;
//! - consulent: the files of the team's caseload, group membership, and the audit trail;
//! - policy maker: policies and anonymous simulation only, no personal data at all.
//!
//! Policies hold no personal data: every role may read them (the advice screens need them).
//! Nobody writes the audit trail through the API: the worker appends to it itself.

use crate::record::DataClass;
use crate::role::Role;
use crate::text::Explanation;

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
    /// the team's own (its appointment slots).
    pub team_caseload: bool,
    /// The signed-in trainer runs the record's group, or a group the client is a member of.
    pub trains_group: bool,
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
                    || resource == Resource::Data(DataClass::Membership))
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
        // Booking or releasing a slot of their team is a write; who else booked is never shown
        // to a client (the worker sends clients only whether a slot is free).
        DataClass::Slots => relation.team_caseload,
        DataClass::GroupPlanning => relation.member_of_group && access == Access::Read,
        DataClass::Attendance | DataClass::Membership => relation.own_file && access == Access::Read,
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
            | DataClass::Slots,
        ) => true,
        Resource::Data(DataClass::Attendance | DataClass::Membership | DataClass::GroupPlanning) => {
            access == Access::Read
        }
        Resource::AuditTrail | Resource::PoliciesAndSimulation => false,
    }
}

fn trainer_may(resource: Resource, access: Access) -> bool {
    match resource {
        Resource::Data(DataClass::GroupPlanning | DataClass::Attendance) => true,
        Resource::Data(DataClass::Name | DataClass::Membership) => access == Access::Read,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Access::{Read, Write};

    const ALL_CLASSES: [DataClass; 10] = [
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
    ];

    fn every_relation() -> Vec<Relation> {
        (0..32u8)
            .map(|bits| Relation {
                own_file: bits & 1 != 0,
                member_of_group: bits & 2 != 0,
                assigned_caseload: bits & 4 != 0,
                team_caseload: bits & 8 != 0,
                trains_group: bits & 16 != 0,
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
                DataClass::Name | DataClass::GroupPlanning | DataClass::Attendance | DataClass::Membership
            );
            assert_eq!(allowed(Role::Trainer, own_group, class, Read), expected_read, "{class:?}");
            let expected_write = matches!(class, DataClass::GroupPlanning | DataClass::Attendance);
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
        assert!(decide(Role::Consulent, team, Resource::AuditTrail, Read).is_allowed());
        assert!(!decide(Role::OutreachWorker, assigned, Resource::AuditTrail, Read).is_allowed());
        assert!(
            !decide(Role::Consulent, team, Resource::AuditTrail, Write).is_allowed(),
            "the trail is append-only"
        );
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
