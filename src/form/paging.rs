//! Where the printed form's pages break: a heading stays with what follows it, a short table and
//! the signature block stay whole, a long table starts with its header and two rows.

use crate::workbook::layout::{Layout, Line};
use std::collections::BTreeMap;

/// The form's print scale: its columns fit the width of a portrait A4 page (LibreOffice fits them
/// at 72 %; a fixed scale lets the breaks below be placed).
pub const SCALE: u16 = 71;
/// Height in points of a row given no height (the workbook's default, 20 pixels).
pub const DEFAULT_ROW: f64 = 15.0;
/// Points of rows a page holds at [`SCALE`]: A4 (842 pt) less the margins (1.2 in) and the
/// footer's room, with 5 % kept free for the spreadsheet's own rounding.
fn page_room() -> f64 {
    (842.0 - 86.4 - 30.0) / (f64::from(SCALE) / 100.0) * 0.95
}

/// The rows before which a page must break (0-based), given the height of the rows that have one.
pub fn breaks(lay: &Layout, heights: &BTreeMap<u32, f64>) -> Vec<u32> {
    let room = page_room();
    let row_h = |r: u32| heights.get(&r).copied().unwrap_or(DEFAULT_ROW);
    // every line's height: its rows up to the next line's
    let lines = &lay.lines;
    let h: Vec<f64> = lines
        .iter()
        .enumerate()
        .map(|(i, (r, _))| {
            let end = lines.get(i + 1).map_or(lay.last_row + 1, |n| n.0);
            (*r..end.max(r + 1)).map(row_h).sum()
        })
        .collect();
    let span = |i: usize, k: usize| h[i..(i + k).min(h.len())].iter().sum::<f64>();
    // how many lines, from each one, must share its page
    let keep: Vec<usize> = (0..lines.len())
        .map(|i| keep(lines, i, &span, room))
        .collect();
    let mut out = Vec::new();
    let mut used = 0.0;
    for i in 0..lines.len() {
        let block = span(i, keep[i]);
        if used > 0.0 && used + block > room {
            out.push(lines[i].0);
            used = 0.0;
        }
        used += h[i];
        // a line taller than what is left breaks where the spreadsheet breaks it
        while used > room {
            used -= room;
        }
    }
    out
}

/// Lines from `i` that stay on one page.
fn keep(lines: &[(u32, Line)], i: usize, span: &dyn Fn(usize, usize) -> f64, room: f64) -> usize {
    let at = |j: usize| lines.get(j).map(|l| &l.1);
    match &lines[i].1 {
        Line::TableHeader(_) => {
            let rows = (i + 1..lines.len())
                .take_while(|&j| matches!(at(j), Some(Line::TableRow(..))))
                .count();
            let note = usize::from(matches!(at(i + 1 + rows), Some(Line::Note(_))));
            let whole = 1 + rows + note;
            if span(i, whole) <= room / 2.0 {
                whole
            } else {
                1 + rows.min(2)
            }
        }
        Line::SectionTitle(_) | Line::Heading(_) | Line::MultiLabel(_) => {
            let notes = (i + 1..lines.len())
                .take_while(|&j| matches!(at(j), Some(Line::Note(_))))
                .count();
            let next = i + 1 + notes;
            match at(next) {
                Some(Line::TableHeader(_)) => 1 + notes + keep(lines, next, span, room),
                Some(_) => 2 + notes,
                None => 1 + notes,
            }
        }
        Line::SignatureTop => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::Outline;

    #[test]
    fn headings_tables_and_the_signature_are_not_split() {
        let o = Outline::embedded();
        let lay = crate::workbook::layout::layout(&o);
        // every row 40 pt: a page holds 24 rows at 71 %
        let heights: BTreeMap<u32, f64> = (0..=lay.last_row).map(|r| (r, 40.0)).collect();
        let breaks = breaks(&lay, &heights);
        assert!(!breaks.is_empty());
        let line_at = |r: u32| lay.lines.iter().position(|l| l.0 == r).expect("a line");
        for b in &breaks {
            let i = line_at(*b);
            // the line before a break is never a heading, a section title or a table header
            assert!(
                !matches!(
                    lay.lines[i - 1].1,
                    Line::SectionTitle(_) | Line::Heading(_) | Line::TableHeader(_)
                ),
                "break before row {b} leaves {:?} alone",
                lay.lines[i - 1].1
            );
            // a page never starts inside the first two rows of a table or inside the signature
            assert!(!matches!(lay.lines[i].1, Line::SignatureName), "row {b}");
            if let Line::TableRow(n, _) = lay.lines[i].1 {
                assert!(n > 2, "a page starts at row {n} of a table");
            }
        }
        // pages hold no more than the room
        let mut starts = vec![0];
        starts.extend(&breaks);
        starts.push(lay.last_row + 1);
        for w in starts.windows(2) {
            let rows = f64::from(w[1] - w[0]);
            assert!(rows * 40.0 <= page_room() + 40.0 * 4.0, "{w:?}");
        }
    }

    #[test]
    fn a_short_form_needs_no_break() {
        let o = Outline::embedded();
        let lay = crate::workbook::layout::layout(&o);
        let heights: BTreeMap<u32, f64> = (0..=lay.last_row).map(|r| (r, 1.0)).collect();
        assert_eq!(breaks(&lay, &heights), Vec::<u32>::new());
    }
}
