//! Checking returns: the rules, inspection of files, returns matched to roster units, completeness.

pub mod completeness;
pub mod identity;
pub mod inspect;
pub mod matching;
pub mod rules;

pub use completeness::{Completeness, Figures, Status, UnitStatus, completeness};
pub use identity::UnitIdentity;
pub use matching::{DateSource, MatchedBy, Matcher, Matching, Return, Unmatched, match_units};

#[cfg(test)]
mod tests;
