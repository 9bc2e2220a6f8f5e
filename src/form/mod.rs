//! Outline → form workbook: the Excel form units fill in (also re-used, pre-filled, for roster forms and feedback).

pub mod describe;
mod fixlist;
mod index;
mod names;
mod paging;
pub mod per_unit;
mod style;
mod write;

use crate::outline::Outline;
use crate::record::Values;
use anyhow::Result;
use std::collections::BTreeMap;

pub use crate::workbook::layout::defined_name;
pub use crate::workbook::{FIX_SHEET, FORM_SHEET, KEY_COL, META_SHEET};
pub use fixlist::FixRow;
pub use write::write_identity;

/// A highlighted input with its note (feedback files).
#[derive(Debug, Clone)]
pub struct Mark {
    pub error: bool,
    pub message: String,
}

/// What to put in a generated form besides the empty layout.
#[derive(Default)]
pub struct FormOptions<'a> {
    /// Values written into the inputs.
    pub values: Values,
    /// Keys of inputs that are pre-filled and locked (unit code, name… from the roster).
    pub locked: Vec<String>,
    /// Inputs to highlight with a note.
    pub marks: BTreeMap<String, Mark>,
    /// When set, a first sheet "Cần sửa" lists these issues.
    pub fix_list: Option<&'a [FixRow]>,
    /// Whose return the "Cần sửa" sheet is about (unit, code, date, file), printed under its title.
    pub fix_about: Vec<String>,
    /// What the unit wrote outside the form's cells, listed after the issues on "Cần sửa":
    /// (cell in the unit's file, text).
    pub fix_extra: Vec<(String, String)>,
    /// Notes on inputs that are not marks (no colour): where the unit wrote something below them.
    pub notes: BTreeMap<String, String>,
}

/// The empty form of the outline.
pub fn blank(o: &Outline) -> Result<Vec<u8>> {
    build(o, &FormOptions::default())
}

/// A form with values, locks, marks and an optional fix list.
pub fn build(o: &Outline, opts: &FormOptions) -> Result<Vec<u8>> {
    write::build(o, opts)
}
