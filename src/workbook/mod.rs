//! The workbook contract shared by the form writer, the summary writer and the reader: sheet names,
//! the marker, the key column, the summary's key row and the form layout.
//!
//! A form has the sheet units fill in ([`FORM_SHEET`]), with the hidden key column ([`KEY_COL`]) and
//! a defined name per input, and the hidden meta sheet ([`META_SHEET`]) with the [`MARKER`] in A1,
//! the kind ("form" or "summary") in B1, the campaign id in B2 and the version in B3. A summary has
//! the same meta sheet and a [`SUMMARY_DETAIL_SHEET`] whose hidden row [`SUMMARY_HEADER_ROW`] holds
//! the field keys (and [`FILE_KEY`], [`STATUS_KEY`]) above one row per unit.

pub mod layout;
pub mod numfmt;
pub mod outside;

pub use layout::KEY_COL;

/// The sheet units fill in.
pub const FORM_SHEET: &str = "Báo cáo";
/// The hidden sheet with the workbook's identity: A1 marker, B1 kind, B2 campaign, B3 version.
pub const META_SHEET: &str = "_soket";
/// The choice lists of list validations sit on the meta sheet, one list per column from D.
pub const LISTS_SHEET: &str = META_SHEET;
/// The first sheet of a feedback file: the issues the unit must fix.
pub const FIX_SHEET: &str = "Cần sửa";
/// Marker in A1 of the meta sheet.
pub const MARKER: &str = "sokết";

/// The summary's sheet with one row per merged unit, read back when a summary is merged again.
pub const SUMMARY_DETAIL_SHEET: &str = "Chi tiết";
/// 0-based row of the hidden key row of [`SUMMARY_DETAIL_SHEET`]; the labels are right below it.
pub const SUMMARY_HEADER_ROW: u32 = 2;
/// Key-row key of the column with the return file each unit came from.
pub const FILE_KEY: &str = "_file";
/// Key-row key of the column with the status the merge gave each unit ("ok", "warning", "error").
pub const STATUS_KEY: &str = "_status";
