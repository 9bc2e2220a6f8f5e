//! The campaign roster: the units expected to report, one pre-filled form per unit, and who has reported.
//!
//! API used by the commands (status, template --roster, and check/merge --roster):
//! - [`load`]`(path, &outline) -> Result<Roster>`: read a .xlsx/.xls/.ods/.csv roster; bad rows are kept
//!   in `Roster::problems` (with their row numbers), good rows in `Roster::units`.
//! - [`match_units`]`(&roster, &[Inspected]) -> Matching`: returns (and summary rows) → roster units;
//!   [`Matcher`] does the same chunk by chunk (bounded memory for thousands of returns).
//! - [`completeness`]`(&roster, &matching, as_of, deadline) -> Completeness`: status per unit and figures.
//! - [`render::table`] (= [`render::heading`] + [`render::units`] + [`render::notes`] + [`render::figures`]),
//!   [`render::json`] / [`render::json_value`]: terminal and JSON output of a `Completeness`.
//! - [`sheet::write`]`(&mut Worksheet, &Completeness)`: the "Tình hình nộp" sheet of a summary workbook.
//! - [`forms`]: one pre-filled, locked form per unit and the index files (`template --roster`).

mod columns;
pub mod forms;
mod index;
mod load;
mod matching;
pub mod names;
pub mod render;
pub mod sample;
pub mod sheet;
mod status;

pub use load::{Roster, RosterUnit, RowProblem, load, parse_rows};
pub use matching::{
    DateSource, MatchedBy, Matcher, Matching, Return, Unmatched, match_units, normalise_name,
};
pub use status::{Completeness, Figures, Status, UnitStatus, completeness};

#[cfg(test)]
mod tests;
