//! Reading an earlier summary: every unit row of its "Chi tiết" sheet, so roll-ups count each unit
//! once. The sheet is streamed row by row (`worksheet_cells_reader` for an xlsx) and only the cells of
//! the key columns of unit rows are kept, so memory grows with the units kept, not with the sheet.
//!
//! Contract with the summary writer (`crate::workbook`): the sheet has a hidden row of field keys
//! (plus `_file` and `_status`), the visible label header right below it, then one row per unit.
//! Rows come in order in every file a spreadsheet program writes, so a unit row is complete when the
//! next row starts (a row met again later would be read as another unit); the key row is looked for
//! among the first rows that come.

use super::book::Book;
use super::guard::Budget;
use super::refs::CellRef;
use super::sheet::text_len;
use super::{FoundBy, RawCell, UnitCells, to_raw};
use crate::outline::Outline;
use crate::workbook::{FILE_KEY, STATUS_KEY, SUMMARY_DETAIL_SHEET};
use calamine::{Data, DataRef, DataType};
use std::collections::BTreeMap;

/// Rows of a summary read at most (a national roll-up has ~130,000 units).
const MAX_ROWS: u32 = 500_000;
/// The key row is among this many rows after the first filled one.
const KEY_ROW_WITHIN: u32 = 20;
/// Outline keys a row needs to be the key row.
const KEY_ROW_KEYS: usize = 3;

/// Give every unit row of the summary to `each`, in row order, as soon as the row is complete.
pub(crate) fn read_rows(
    book: &mut Book,
    o: &Outline,
    each: &mut dyn FnMut(UnitCells),
) -> Result<(), String> {
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|s| s == SUMMARY_DETAIL_SHEET)
        .ok_or_else(|| {
            format!(
                "tệp tổng hợp thiếu trang “{SUMMARY_DETAIL_SHEET}”: không đọc được danh sách đơn vị"
            )
        })?;
    let mut rows = Rows {
        o,
        sheet: &sheet,
        first: u32::MAX,
        row: u32::MAX,
        candidates: BTreeMap::new(),
        header: None,
        unit: None,
        each,
        budget: Budget::default(),
        failed: None,
    };
    let found = book.cells(&sheet, |r, c, v| rows.cell(r, c, v))?;
    if !found {
        return Err(format!(
            "không đọc được trang “{SUMMARY_DETAIL_SHEET}” của tệp tổng hợp"
        ));
    }
    rows.finish()
}

/// The stream's state: the key row once found, and the unit rows kept so far.
struct Rows<'a> {
    o: &'a Outline,
    sheet: &'a str,
    /// Row of the first filled cell, and of the cell last seen.
    first: u32,
    row: u32,
    /// Rows that may be the key row: column → key, for the cells that hold an outline key.
    candidates: BTreeMap<u32, BTreeMap<u32, String>>,
    header: Option<(u32, BTreeMap<u32, String>)>,
    /// The unit row being read; given to `each` once the next row starts.
    unit: Option<(u32, UnitCells)>,
    each: &'a mut dyn FnMut(UnitCells),
    budget: Budget,
    failed: Option<String>,
}

impl Rows<'_> {
    /// Take one cell; false stops the stream (a limit was reached).
    fn cell(&mut self, r: u32, c: u32, v: &DataRef) -> bool {
        self.first = self.first.min(r);
        if r != self.row {
            self.row = r;
            self.flush();
            if self.header.is_none() {
                // every row before this one is complete: the first with enough keys is the key row
                self.header = self.key_row(|row| row < r);
            }
        }
        let Some((hrow, cols)) = &self.header else {
            if r <= self.first.saturating_add(KEY_ROW_WITHIN)
                && let Some(key) = v.get_string().and_then(|t| known_key(self.o, t))
            {
                self.candidates.entry(r).or_default().insert(c, key);
            }
            return true;
        };
        let Some(key) = cols.get(&c) else {
            return true;
        };
        let first = hrow.saturating_add(2);
        if r < first || r - first > MAX_ROWS {
            return true;
        }
        if self.budget.text(self.sheet, text_len(v)).is_err() {
            self.failed = Some(self.budget.text_message(self.sheet));
            return false;
        }
        let u = &mut self.unit.get_or_insert_with(|| (r, UnitCells::default())).1;
        match key.as_str() {
            FILE_KEY => u.origin = text(v),
            STATUS_KEY => u.prior_status = text(v),
            _ => {
                u.cells.insert(
                    key.clone(),
                    RawCell {
                        raw: to_raw(&Data::from(v.clone())),
                        at: CellRef {
                            sheet: self.sheet.to_string(),
                            row: r,
                            col: c,
                        },
                        by: FoundBy::SummaryRow,
                    },
                );
            }
        }
        true
    }

    /// The first candidate row accepted by `complete` with enough keys.
    fn key_row(&mut self, complete: impl Fn(u32) -> bool) -> Option<(u32, BTreeMap<u32, String>)> {
        let row = *self
            .candidates
            .iter()
            .find(|(r, cols)| complete(**r) && cols.len() >= KEY_ROW_KEYS)?
            .0;
        let cols = self.candidates.remove(&row)?;
        self.candidates.clear();
        Some((row, cols))
    }

    /// Give the unit row read so far to `each`, with every key column (empty where the row has no
    /// value).
    fn flush(&mut self) {
        let (Some((row, mut u)), Some((_, cols))) = (self.unit.take(), &self.header) else {
            return;
        };
        for (&col, key) in cols {
            if key != FILE_KEY && key != STATUS_KEY && !u.cells.contains_key(key) {
                let at = CellRef {
                    sheet: self.sheet.to_string(),
                    row,
                    col,
                };
                let by = FoundBy::SummaryRow;
                let raw = to_raw(&Data::Empty);
                u.cells.insert(key.clone(), RawCell { raw, at, by });
            }
        }
        (self.each)(u);
    }

    fn finish(mut self) -> Result<(), String> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        if self.header.is_none() {
            self.header = self.key_row(|_| true);
        }
        if self.header.is_none() {
            return Err(
                "tệp tổng hợp không còn hàng khóa ẩn ở trang “Chi tiết”: không ghép được các cột"
                    .into(),
            );
        }
        self.flush();
        Ok(())
    }
}

/// A text cell's trimmed text, None when blank or not text.
fn text(v: &DataRef) -> Option<String> {
    v.get_string()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// A key of the key row as written, or as LibreOffice shows it after a re-save: it decodes `_xHH_`
/// into a control character, so `propaganda_mang_xa_hoi` comes back as "propaganda_mang\nhoi".
fn known_key(o: &Outline, cell: &str) -> Option<String> {
    if o.field(cell).is_some() || cell == FILE_KEY || cell == STATUS_KEY {
        return Some(cell.to_string());
    }
    if !cell.chars().any(char::is_control) {
        return None;
    }
    o.fields
        .iter()
        .find(|f| libreoffice_decoded(&f.key) == cell)
        .map(|f| f.key.clone())
}

/// `key` with every `_xHH_` that names a control character replaced by that character.
fn libreoffice_decoded(key: &str) -> String {
    let mut out = String::new();
    let mut rest = key;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let hex: String = after.chars().take_while(char::is_ascii_hexdigit).collect();
        let code = u32::from_str_radix(&hex, 16).ok().filter(|v| *v < 0x20);
        match (
            code.and_then(char::from_u32),
            after[hex.len()..].starts_with('_'),
        ) {
            (Some(c), true) => {
                out.push(c);
                rest = &after[hex.len() + 1..];
            }
            _ => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
