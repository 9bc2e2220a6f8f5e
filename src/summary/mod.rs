//! The province summary: returns and earlier summaries → one set of units, their duplicates and aggregates, and the workbook.
//!
//! `merge::collect` decides which units count (errors, duplicates), `aggregate` computes every figure
//! the outline asks for, `terminal` prints the short report, `write` builds the summary workbook.

pub mod aggregate;
pub mod dedup;
pub mod document;
pub mod fields;
pub mod merge;
pub mod run;
pub mod terminal;
pub mod units;
pub mod write;

#[cfg(test)]
mod tests;

pub use merge::{FileEntry, Merge, collect};
pub use run::{MergeJob, Merged, merge_paths, read_paths};
pub use units::{Disposition, Unit};
