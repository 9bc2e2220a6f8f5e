//! What a unit wrote on the form's sheet outside the form: cells of rows that hold no input and
//! none of the texts the form prints (rows the unit inserted, notes added below the form).

use super::layout::{Layout, Line, MULTI_HINT, SIGN_HINT, layout};
use crate::outline::{Outline, Role};
use crate::value::{Raw, fold_label, format_vi};
use std::collections::{BTreeMap, HashSet};

/// Cells kept at most; a unit that pasted a whole table under the form gets a count for the rest.
const MAX_CELLS: usize = 60;
/// Characters kept of one cell.
const MAX_CHARS: usize = 1_000;

/// One cell the unit wrote outside the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Outside {
    /// Where it is in the unit's file (sheet, 0-based row and column).
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    /// What it shows, as text ("1.234" for a number).
    pub text: String,
    /// The input whose row is the nearest above it, if any: where it sits in the form.
    pub after: Option<String>,
}

/// The cells outside the form, given where inputs were found in the unit's file (`anchors`: row
/// and key of each input found by its name or key token, all on `sheet`), the last row written on
/// that sheet and its written cells (outside the key column). Looked for only when the inputs are
/// not where the form put them (rows inserted or deleted) or something is written below the form's
/// last row.
pub fn outside<I: Iterator<Item = (u32, u32, Raw)>>(
    o: &Outline,
    sheet: &str,
    anchors: &[(u32, &str)],
    last_written: u32,
    cells: impl FnOnce() -> I,
) -> Vec<Outside> {
    let lay = layout(o);
    // (row in the unit's file, row in the form, key), top to bottom
    let mut anchors: Vec<(u32, u32, &str)> = anchors
        .iter()
        .filter_map(|&(theirs, key)| {
            let (ours, _) = lay.cell_of(o.field_index(key)?)?;
            Some((theirs, ours, key))
        })
        .collect();
    anchors.sort();
    let Some(&(last_theirs, last_ours, _)) = anchors.last() else {
        return Vec::new();
    };
    let shifted = anchors.iter().any(|(theirs, ours, _)| theirs != ours);
    // the form's last row, where it now is in the unit's file
    let end = i64::from(lay.last_row) + i64::from(last_theirs) - i64::from(last_ours);
    if !shifted && i64::from(last_written) <= end {
        return Vec::new();
    }
    let printed: HashSet<String> = printed_texts(o, &lay)
        .iter()
        .map(|t| fold_label(t))
        .collect();
    let anchor_rows: HashSet<u32> = anchors.iter().map(|a| a.0).collect();
    let mut rows: BTreeMap<u32, Vec<(u32, Raw)>> = BTreeMap::new();
    for c in cells().filter(|c| !anchor_rows.contains(&c.0)) {
        rows.entry(c.0).or_default().push((c.1, c.2));
    }
    let mut out = Vec::new();
    let mut left = 0;
    for (row, cells) in rows {
        let form_row = cells
            .iter()
            .any(|(_, raw)| matches!(raw, Raw::Text(t) if printed.contains(&fold_label(t))));
        if form_row {
            continue;
        }
        let after = anchors
            .iter()
            .take_while(|a| a.0 < row)
            .last()
            .map(|a| a.2.to_string());
        for (col, raw) in cells {
            if out.len() == MAX_CELLS {
                left += 1;
                continue;
            }
            let text = show(&raw);
            out.push(Outside {
                sheet: sheet.to_string(),
                row,
                col,
                text,
                after: after.clone(),
            });
        }
    }
    if left > 0
        && let Some(last) = out.last().cloned()
    {
        out.push(Outside {
            text: format!("… và {} ô khác", format_vi(f64::from(left))),
            ..last
        });
    }
    out
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

/// Every text the form itself prints on its sheet (titles, labels, headings, letterhead, signature
/// block): what the reader does not take for something the unit wrote.
fn printed_texts(o: &Outline, l: &Layout) -> Vec<String> {
    let d = &o.document;
    let mut out: Vec<String> = vec![
        d.issuing_body.clone(),
        d.national_title.clone(),
        d.national_motto.clone(),
        d.number_prefix.clone(),
        d.signature_for.clone(),
        SIGN_HINT.to_string(),
        MULTI_HINT.to_string(),
        "STT".to_string(),
    ];
    out.extend(d.recipients.iter().cloned());
    out.extend(d.upper_bodies.values().cloned());
    if let Some(choices) = o.role(Role::Parent).and_then(|f| f.choices.as_ref()) {
        out.extend(choices.iter().map(|c| c.to_uppercase()));
    }
    for (_, line) in &l.lines {
        match line {
            Line::Title(t)
            | Line::Subtitle(t)
            | Line::Italic(t)
            | Line::Instructions(t)
            | Line::Paragraph(t)
            | Line::SectionTitle(t)
            | Line::Heading(t)
            | Line::Note(t)
            | Line::MultiLabel(t) => out.push(t.clone()),
            Line::TableHeader(cols) => out.extend(cols.iter().cloned()),
            Line::Field(i) => out.push(o.fields[*i].label.clone()),
            _ => {}
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (row in the form, key) of every input: an untouched form's anchors.
    fn anchors(o: &Outline) -> Vec<(u32, String)> {
        let lay = layout(o);
        o.fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((lay.cell_of(i)?.0, f.key.clone())))
            .collect()
    }

    fn run(o: &Outline, shift: u32, cells: Vec<(u32, u32, Raw)>) -> Vec<Outside> {
        let a = anchors(o);
        let a: Vec<(u32, &str)> = a.iter().map(|(r, k)| (r + shift, k.as_str())).collect();
        let last = cells.iter().map(|c| c.0).max().unwrap_or(0);
        outside(o, "Báo cáo", &a, last, || cells.into_iter())
    }

    #[test]
    fn a_note_below_the_form_is_outside_and_sits_after_the_last_input() {
        let o = Outline::embedded();
        let lay = layout(&o);
        let below = lay.last_row + 2;
        let got = run(
            &o,
            0,
            vec![(below, 1, Raw::Text("Số liệu tạm tính".into()))],
        );
        let last_key = anchors(&o).into_iter().max().map(|(_, k)| k);
        assert_eq!(
            got,
            vec![Outside {
                sheet: "Báo cáo".into(),
                row: below,
                col: 1,
                text: "Số liệu tạm tính".into(),
                after: last_key,
            }]
        );
        // nothing below and nothing moved: nothing outside, without looking at the cells
        assert_eq!(run(&o, 0, vec![(3, 1, Raw::Text("x".into()))]), vec![]);
    }

    #[test]
    fn moved_rows_that_hold_the_forms_own_texts_are_not_outside() {
        let o = Outline::embedded();
        let lay = layout(&o);
        // three rows inserted at the top: every printed line moved down by 3 rows, and the unit
        // typed a number in one of the new rows
        let mut cells: Vec<(u32, u32, Raw)> = lay
            .lines
            .iter()
            .filter_map(|(r, l)| match l {
                Line::Title(t) | Line::Heading(t) | Line::SectionTitle(t) | Line::Note(t) => {
                    Some((r + 3, 1, Raw::Text(format!("  {t} "))))
                }
                _ => None,
            })
            .collect();
        cells.push((1, 2, Raw::Number(1234.0)));
        let got = run(&o, 3, cells);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].row, got[0].col, got[0].text.as_str()),
            (1, 2, "1.234")
        );
    }
}
