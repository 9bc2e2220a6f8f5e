//! Where every line and input cell of the form goes: a pure function of the outline.

use crate::outline::{Item, Outline, Role, SectionLayout};
use std::collections::BTreeMap;

/// Column of the hidden keys (G): "key@C" tokens naming the inputs of the row.
pub const KEY_COL: u16 = 6;
/// Columns A..F are printed.
pub const LAST_COL: u16 = 5;
/// Column of single inputs (C).
pub const INPUT_COL: u16 = 2;
/// Character widths of A..G.
pub const WIDTHS: [f64; 7] = [5.0, 38.0, 17.0, 20.0, 22.0, 12.0, 30.0];

/// The hint under "TM. …" in the signature block, above the room for the signature and seal.
pub const SIGN_HINT: &str = "(Ký tên, đóng dấu)";
/// The hint beside the label of a multiple choice.
pub const MULTI_HINT: &str = "(chọn Có cho từng hình thức/nội dung đã thực hiện)";

/// The defined name that marks a field's input cell.
pub fn defined_name(key: &str) -> String {
    format!("sk_{key}")
}

/// The hidden key column's token for an input: "propaganda.mang.xa.hoi@C". Underscores are written as dots
/// because LibreOffice reads "_xa_"-like runs in a cell text as escape codes and corrupts the key.
pub fn key_token(key: &str, col: u16) -> String {
    format!("{}@{}", key.replace('_', "."), col_letter(col))
}

/// The key a token names (tokens written with underscores by earlier forms are read too).
pub fn token_key(token: &str) -> Option<(String, &str)> {
    let (key, col) = token.split_once('@')?;
    Some((key.replace('.', "_"), col))
}

/// One printed line of the form.
#[derive(Debug, Clone)]
pub enum Line {
    /// Rows 0..=2: issuing body, union name, number and date beside the national motto.
    Masthead,
    Title(String),
    Subtitle(String),
    Italic(String),
    Instructions(String),
    Paragraph(String),
    SectionTitle(String),
    Heading(String),
    Note(String),
    /// A field on one row: label in B, input in C (C:F for long text), unit in D, check formula in E.
    Field(usize),
    /// The label of a multiple choice; its options follow as `Field` lines.
    MultiLabel(String),
    TableHeader(Vec<String>),
    /// Row number and the field of each column (B..).
    TableRow(u32, Vec<usize>),
    /// Recipients on the left, "TM. ..." and signer position on the right.
    SignatureTop,
    SignatureName,
    Blank,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub lines: Vec<(u32, Line)>,
    /// field index → (row, col) of its input cell (0-based).
    pub cells: BTreeMap<usize, (u32, u16)>,
    /// Long inputs span C..F.
    pub wide: Vec<usize>,
    pub last_row: u32,
}

impl Layout {
    pub fn cell_of(&self, field: usize) -> Option<(u32, u16)> {
        self.cells.get(&field).copied()
    }
}

/// "C12" from 0-based coordinates.
pub fn a1(row: u32, col: u16) -> String {
    format!("{}{}", col_letter(col), row + 1)
}

pub fn col_letter(col: u16) -> String {
    col_letters(u32::from(col))
}

/// "AB" for the 0-based column 27.
pub fn col_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Lay the outline out as an official document.
pub fn layout(o: &Outline) -> Layout {
    let mut l = Layout {
        lines: Vec::new(),
        cells: BTreeMap::new(),
        wide: Vec::new(),
        last_row: 0,
    };
    let mut row: u32;
    macro_rules! push {
        ($l:expr, $line:expr) => {{
            let line = $line;
            $l.lines.push((row, line));
            row += 1;
        }};
    }
    let role_cell = |role: Role| o.role(role).and_then(|f| o.field_index(&f.key));
    if let Some(i) = role_cell(Role::UnionName) {
        l.cells.insert(i, (1, 0));
    }
    if let Some(i) = role_cell(Role::ReportNumber) {
        l.cells.insert(i, (2, 1));
    }
    if let Some(i) = role_cell(Role::ReportDate) {
        l.cells.insert(i, (2, 3));
    }
    l.lines.push((0, Line::Masthead));
    row = 3;
    push!(l, Line::Blank);
    push!(l, Line::Title(o.document.title.clone()));
    push!(l, Line::Subtitle(o.document.subtitle.clone()));
    if !o.document.attachment.is_empty() {
        push!(l, Line::Italic(o.document.attachment.clone()));
    }
    push!(l, Line::Blank);
    if !o.document.instructions.is_empty() {
        push!(l, Line::Instructions(o.document.instructions.clone()));
    }
    if !o.document.preamble.is_empty() {
        push!(l, Line::Paragraph(o.document.preamble.clone()));
    }
    let placed = |l: &Layout, i: usize| l.cells.contains_key(&i);
    let mut signature_fields = Vec::new();
    for s in &o.sections {
        if s.layout == SectionLayout::Signature {
            for it in &s.items {
                if let Item::Field(i) = it {
                    signature_fields.push(*i);
                }
            }
            continue;
        }
        let leftovers: Vec<&Item> = s
            .items
            .iter()
            .filter(|it| !matches!(it, Item::Field(i) if placed(&l, *i)))
            .collect();
        if s.layout == SectionLayout::Header && leftovers.is_empty() {
            continue;
        }
        push!(l, Line::SectionTitle(s.title.clone()));
        if let Some(n) = &s.note {
            push!(l, Line::Note(n.clone()));
        }
        for it in leftovers {
            match it {
                Item::Heading { form, .. } => push!(l, Line::Heading(form.clone())),
                Item::Note(n) => push!(l, Line::Note(n.clone())),
                Item::Field(i) => {
                    let ty = o.fields[*i].ty;
                    if ty.is_text() || ty == crate::outline::FieldType::Choice {
                        l.wide.push(*i);
                    }
                    l.cells.insert(*i, (row, INPUT_COL));
                    push!(l, Line::Field(*i));
                }
                Item::Multi { label, fields } => {
                    push!(l, Line::MultiLabel(label.clone()));
                    for i in fields {
                        l.cells.insert(*i, (row, INPUT_COL));
                        push!(l, Line::Field(*i));
                    }
                }
                Item::Table {
                    columns,
                    rows,
                    help,
                    ..
                } => {
                    push!(l, Line::TableHeader(columns.clone()));
                    for (n, r) in rows.iter().enumerate() {
                        for (c, i) in r.iter().enumerate() {
                            l.cells.insert(*i, (row, 1 + c as u16));
                        }
                        push!(l, Line::TableRow(n as u32 + 1, r.clone()));
                    }
                    if !help.is_empty() {
                        push!(l, Line::Note(help.clone()));
                    }
                }
            }
        }
    }
    push!(l, Line::Blank);
    let sig_top = row;
    l.lines.push((sig_top, Line::SignatureTop));
    let mut sig = signature_fields.into_iter();
    if let Some(i) = sig.next() {
        l.cells.insert(i, (sig_top + 1, 3));
    }
    row = sig_top + 5;
    push!(l, Line::SignatureName);
    if let Some(i) = sig.next() {
        l.cells.insert(i, (sig_top + 5, 3));
    }
    l.last_row = row - 1;
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_distinct_cell() {
        let o = Outline::embedded();
        let l = layout(&o);
        assert_eq!(l.cells.len(), o.fields.len());
        let mut seen: Vec<_> = l.cells.values().collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), o.fields.len());
        let i = o.field_index("union_name").unwrap();
        assert_eq!(l.cell_of(i), Some((1, 0)));
        assert_eq!(a1(2, 3), "D3");
        assert_eq!(col_letter(27), "AB");
    }
}
