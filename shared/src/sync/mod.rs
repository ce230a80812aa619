//! The sync core: how changes travel between devices and the worker and become one current value.
//! The records and their owners, the data classes that access is decided on, the generic field
//! specs with their value rules and merge rules (`record`), the hybrid logical clock (`hlc`), the
//! operations of a push and a pull (`sync_protocol`), the merge of operations into a replica
//! (`merge`) who may read or write what (`access`),
//! whether a pushed operation is admitted (`push_admission`), and how much one person and one
//! client file may push (`quotas`).
//!
//! Depends on the base modules and on the law's calendar (a field's date is checked as a `Date`):
//! never on the client journey (`crate::journey`), nor on its words. Which fields each kind of
//! record has, some with the journey's words, is the table of the catalogue (`crate::catalogue`),
//! above both.

pub mod access;
pub mod hlc;
pub mod merge;
pub mod push_admission;
pub mod quotas;
pub mod record;
pub mod record_rules;
pub mod sync_protocol;
