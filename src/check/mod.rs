//! Checking returns: the rules, inspection of files, one unit identity, returns matched to roster
//! units, completeness, and the runs of `check` and `status` over paths.

pub mod completeness;
pub mod identity;
pub mod inspect;
pub mod matching;
pub mod peers;
pub mod rules;
pub mod run;

pub use completeness::{Completeness, Figures, Status, UnitStatus, completeness};
pub use identity::UnitIdentity;
pub use matching::{DateSource, MatchedBy, Matcher, Matching, Return, Unmatched, match_units};
pub use run::{Inspection, RosterDay, check_paths, status_paths};

#[cfg(test)]
mod tests;
