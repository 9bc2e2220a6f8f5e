//! Reading an earlier summary: every unit row of its "Chi tiết" sheet, so roll-ups count each unit once.
//!
//! Contract with the summary writer: sheet "Chi tiết" has a hidden row of field keys
//! (plus `_file` and `_status`), the visible label header right below it, then one row per unit.

use super::locate::Cache;
use super::refs::CellRef;
use super::{FoundBy, RawCell, UnitCells, to_raw};
use crate::outline::Outline;
use crate::workbook::{FILE_KEY, STATUS_KEY, SUMMARY_DETAIL_SHEET};
use calamine::Data;
use std::collections::BTreeMap;

/// Rows of a summary read at most (the national federation has ~130,000 CĐCS).
const MAX_ROWS: u32 = 500_000;

pub(crate) fn read_rows(cache: &mut Cache, o: &Outline) -> Result<Vec<UnitCells>, String> {
    let sheet = cache
        .book
        .sheet_names()
        .into_iter()
        .find(|s| s == SUMMARY_DETAIL_SHEET)
        .ok_or_else(|| {
            format!(
                "tệp tổng hợp thiếu trang “{SUMMARY_DETAIL_SHEET}”: không đọc được danh sách đơn vị"
            )
        })?;
    let range = cache
        .range(&sheet)
        .ok_or("không đọc được trang “Chi tiết” của tệp tổng hợp")?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, c1) = range.end().unwrap_or((0, 0));
    // Find the key row: the first row with at least three outline keys.
    let mut header: Option<(u32, BTreeMap<u32, String>)> = None;
    for row in r0..=r1.min(r0 + 20) {
        let mut cols = BTreeMap::new();
        for col in c0..=c1 {
            if let Some(Data::String(k)) = range.get_value((row, col))
                && let Some(key) = known_key(o, k)
            {
                cols.insert(col, key);
            }
        }
        if cols.len() >= 3 {
            header = Some((row, cols));
            break;
        }
    }
    let (hrow, cols) = header
        .ok_or("tệp tổng hợp không còn hàng khóa ẩn ở trang “Chi tiết”: không ghép được các cột")?;
    let mut units = Vec::new();
    for row in (hrow + 2)..=r1.min(hrow + 2 + MAX_ROWS) {
        let mut u = UnitCells::default();
        let mut any = false;
        for (&col, key) in &cols {
            let d = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
            if d != Data::Empty {
                any = true;
            }
            match key.as_str() {
                FILE_KEY => u.origin = text_of(&d),
                STATUS_KEY => u.prior_status = text_of(&d),
                _ => {
                    let at = CellRef {
                        sheet: sheet.clone(),
                        row,
                        col,
                    };
                    u.cells.insert(
                        key.clone(),
                        RawCell {
                            raw: to_raw(&d),
                            at,
                            by: FoundBy::SummaryRow,
                        },
                    );
                }
            }
        }
        if any {
            units.push(u);
        }
    }
    Ok(units)
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

fn text_of(d: &Data) -> Option<String> {
    match d {
        Data::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}
