//! The province summary: returns and earlier summaries → one set of units, their duplicates and aggregates, and the workbook.
//!
//! `merge::collect` decides which units count (errors, duplicates), `aggregate` computes every figure
//! the outline asks for, `terminal` prints the short report, `write` builds the summary workbook.

pub mod aggregate;
pub mod dedup;
pub mod fields;
pub mod merge;
pub mod terminal;
pub mod units;
pub mod write;

pub use merge::{FileEntry, Merge, collect};
pub use units::{Disposition, Unit};
