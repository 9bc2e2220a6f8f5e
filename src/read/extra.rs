//! What the unit wrote on the form's sheet outside the form (rows it inserted or added below), so a
//! feedback file can give it back instead of losing it.

use super::locate::fold_label;
use super::sheet::Sheets;
use super::{CellRef, FoundBy, RawCell};
use crate::outline::Outline;
use crate::value::{Raw, format_vi};
use crate::workbook::layout::{self, KEY_COL};
use std::collections::{BTreeMap, HashSet};

/// Cells kept at most; a unit that pasted a whole table under the form gets a count for the rest.
const MAX_CELLS: usize = 60;
/// Characters kept of one cell.
const MAX_CHARS: usize = 1_000;

/// One cell the unit wrote outside the form's inputs and printed texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// Where it is in the unit's file.
    pub at: CellRef,
    /// What it shows, as text ("1.234" for a number).
    pub text: String,
    /// The field whose row is the nearest above it, if any: the place it belongs to in the form.
    pub after: Option<String>,
}

/// The unit's own cells on the sheet holding the form's inputs. Looked for only when the unit's rows
/// no longer sit where the form put them (rows inserted or deleted) or something is written below
/// the form's last row: an untouched form costs one pass over the positions of its inputs.
pub(crate) fn extras(
    cache: &mut Sheets,
    o: &Outline,
    cells: &BTreeMap<String, RawCell>,
) -> Result<Vec<Extra>, String> {
    let lay = layout::layout(o);
    // (row in the unit's file, row in the form, key) of inputs found by their name or key token.
    let mut anchors: BTreeMap<String, Vec<(u32, u32, &str)>> = BTreeMap::new();
    for (key, c) in cells {
        if !matches!(c.by, FoundBy::Name | FoundBy::KeyColumn) {
            continue;
        }
        if let Some((row, _)) = o.field_index(key).and_then(|i| lay.cell_of(i)) {
            anchors
                .entry(c.at.sheet.clone())
                .or_default()
                .push((c.at.row, row, key));
        }
    }
    let Some((sheet_name, mut anchors)) = anchors.into_iter().max_by_key(|(_, a)| a.len()) else {
        return Ok(Vec::new());
    };
    anchors.sort();
    let shifted = anchors.iter().any(|(theirs, ours, _)| theirs != ours);
    let (last_theirs, last_ours, _) = anchors[anchors.len() - 1];
    // The form's last row, where it now is in the unit's file.
    let end = (i64::from(lay.last_row) + i64::from(last_theirs) - i64::from(last_ours)).max(0);
    let Some(sheet) = cache.sheet(&sheet_name)? else {
        return Ok(Vec::new());
    };
    let anchor_rows: HashSet<u32> = anchors.iter().map(|a| a.0).collect();
    let written = |d: &calamine::Data| !matches!(super::to_raw(d), Raw::Empty);
    let below = sheet
        .iter()
        .any(|(r, c, d)| i64::from(r) > end && c != u32::from(KEY_COL) && written(d));
    if !shifted && !below {
        return Ok(Vec::new());
    }
    let printed: HashSet<String> = layout::printed_texts(o, &lay)
        .iter()
        .map(|t| fold_label(t))
        .collect();
    // The unit's rows that hold no input, with their written cells.
    let mut rows: BTreeMap<u32, Vec<(u32, Raw)>> = BTreeMap::new();
    for (r, c, d) in sheet.iter() {
        if anchor_rows.contains(&r) || c == u32::from(KEY_COL) || !written(d) {
            continue;
        }
        rows.entry(r).or_default().push((c, super::to_raw(d)));
    }
    let mut out = Vec::new();
    let mut left = 0;
    for (r, row) in rows {
        let form_row = row
            .iter()
            .any(|(_, raw)| matches!(raw, Raw::Text(t) if printed.contains(&fold_label(t))));
        if form_row {
            continue;
        }
        let after = anchors
            .iter()
            .take_while(|a| a.0 < r)
            .last()
            .map(|a| a.2.to_string());
        for (c, raw) in row {
            if out.len() == MAX_CELLS {
                left += 1;
                continue;
            }
            out.push(Extra {
                at: CellRef {
                    sheet: sheet_name.clone(),
                    row: r,
                    col: c,
                },
                text: show(&raw),
                after: after.clone(),
            });
        }
    }
    if left > 0
        && let Some(last) = out.last().cloned()
    {
        out.push(Extra {
            text: format!("… và {} ô khác", format_vi(left as f64)),
            ..last
        });
    }
    Ok(out)
}

fn show(raw: &Raw) -> String {
    let t = match raw {
        Raw::Empty => String::new(),
        Raw::Text(t) => t.trim().to_string(),
        Raw::Number(n) => format_vi(*n),
        Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
        Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Raw::Error(e) => e.clone(),
    };
    if t.chars().count() > MAX_CHARS {
        let cut: String = t.chars().take(MAX_CHARS).collect();
        format!("{cut}…")
    } else {
        t
    }
}
