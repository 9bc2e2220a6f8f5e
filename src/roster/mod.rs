//! The campaign roster: loading the units expected to report (and a made-up sample roster).
//!
//! [`load`]`(path, &outline) -> Result<Roster>` reads a .xlsx/.xls/.ods/.csv roster; bad rows are kept
//! in `Roster::problems` (with their row numbers), good rows in `Roster::units`. Matching returns to
//! these units and completeness live in `check`, the per-unit forms in `form`.

mod columns;
mod load;
pub mod sample;

pub use load::{Roster, RosterUnit, RowProblem, load, parse_rows};

/// The roster's column headers as this crate writes them (sample roster, index of the per-unit forms).
pub const HEADERS: [&str; 7] = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại hình",
    "Công đoàn cấp trên",
    "Người liên hệ",
    "Điện thoại",
    "Thư điện tử",
];

#[cfg(test)]
pub(crate) mod tests;
