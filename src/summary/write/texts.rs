//! The text sheets the outline declares (`[summary]`): the table sheet (every filled row of the
//! outline's tables, with its unit) and each text sheet (every unit's text, grouped by question).
//! Texts are written as strings.

use super::style;
use crate::outline::{FieldType, Item, Outline, Role, TableSheet, TextSheet};
use crate::record::Value;
use crate::summary::Merge;
use crate::summary::units::{Unit, role_text};
use anyhow::Result;
use rust_xlsxwriter::{FormatAlign, Worksheet};
use std::borrow::Cow;

const HEADER_ROW: u32 = 3;

/// The units the text sheets list, in order, each with its name (made once for the three sheets).
pub struct Named<'a>(Vec<(&'a Unit, String)>);

impl<'a> Named<'a> {
    pub fn new(m: &'a Merge) -> Named<'a> {
        Named(m.counted().into_iter().map(|u| (u, u.name())).collect())
    }
}

/// A table item of the outline: its label, column labels, and the field of each cell per row.
type OutlineTable<'a> = (&'a String, &'a Vec<String>, &'a Vec<Vec<usize>>);
const UNIT_WIDTH: f64 = 30.0;

fn show(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Text(t) => Cow::Borrowed(t),
        Value::Number(n) => Cow::Owned(crate::value::format_vi(*n)),
        Value::Date(d) => Cow::Owned(d.format("%d/%m/%Y").to_string()),
    }
}

fn width_of(ty: FieldType) -> f64 {
    match ty {
        FieldType::LongText => 42.0,
        FieldType::Text => 26.0,
        _ => 12.0,
    }
}

fn heading(ws: &mut Worksheet, title: &str, note: &str, last_col: u16) -> Result<()> {
    ws.merge_range(0, 0, 0, last_col, title, &style::title())?;
    ws.set_row_height(0, 22)?;
    ws.merge_range(1, 0, 1, last_col, note, &style::subtitle())?;
    ws.set_row_height(1, 20)?;
    Ok(())
}

fn finish(ws: &mut Worksheet, last_row: u32, last_col: u16) -> Result<()> {
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    style::page_setup(ws, Some((HEADER_ROW, HEADER_ROW)))?;
    ws.set_print_area(0, 0, last_row.max(HEADER_ROW), last_col)?;
    Ok(())
}

/// The table sheet: one row per filled row of each table of the outline, with its unit.
/// `only`: list just the table of that key; else every table but the nomination table (which has a
/// sheet of its own).
pub fn table_rows(
    ws: &mut Worksheet,
    o: &Outline,
    sheet: &TableSheet,
    units: &Named,
    only: Option<&str>,
) -> Result<()> {
    ws.set_name(&sheet.name)?;
    let nominations = o
        .select
        .awards
        .as_ref()
        .and_then(|a| a.nominations.as_ref())
        .map(|n| n.table.as_str());
    let tables: Vec<OutlineTable> = o
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .filter_map(|i| match i {
            Item::Table {
                label,
                columns,
                rows,
                ..
            } => Some((label, columns, rows)),
            _ => None,
        })
        .filter(|(_, _, rows)| {
            let key = table_key(o, rows);
            match only {
                Some(k) => key == Some(k),
                None => key.is_none() || key != nominations,
            }
        })
        .collect();
    let ncols = tables.iter().map(|t| t.1.len()).max().unwrap_or(1);
    let last_col = 1 + ncols as u16;
    let title = match (&sheet.title, tables.first()) {
        (Some(t), _) => t.clone(),
        (None, Some(t)) => t.0.to_uppercase(),
        (None, None) => sheet.name.to_uppercase(),
    };
    heading(ws, &title, &sheet.note, last_col)?;
    let head = style::header();
    ws.write_string_with_format(HEADER_ROW, 0, "STT", &head)?;
    ws.write_string_with_format(HEADER_ROW, 1, "Đơn vị", &head)?;
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, UNIT_WIDTH)?;
    let mut widths = vec![12.0; ncols];
    if let Some((_, columns, rows)) = tables.first() {
        for (c, label) in columns.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, 2 + c as u16, label, &head)?;
            if let Some(&fi) = rows.first().and_then(|r| r.get(c)) {
                widths[c] = width_of(o.fields[fi].ty);
            }
            ws.set_column_width(2 + c as u16, widths[c])?;
        }
    }
    ws.set_row_height(HEADER_ROW, 34)?;
    let text = style::text();
    let center = style::text_center();
    let mut row = HEADER_ROW + 1;
    let mut n = 0;
    for (u, name) in &units.0 {
        for (_, _, rows) in &tables {
            for fields in rows.iter() {
                let cells: Vec<Option<Cow<str>>> = fields
                    .iter()
                    .map(|&fi| u.result.values.get(o.fields[fi].key.as_str()).map(show))
                    .collect();
                if cells.iter().all(Option::is_none) {
                    continue;
                }
                n += 1;
                ws.write_number_with_format(row, 0, n as f64, &center)?;
                ws.write_string_with_format(row, 1, name, &text)?;
                let mut lines = style::lines_needed(name, UNIT_WIDTH);
                for (c, cell) in cells.iter().enumerate() {
                    let t = cell.as_deref().unwrap_or("");
                    ws.write_string_with_format(row, 2 + c as u16, t, &text)?;
                    lines = lines.max(style::lines_needed(t, widths[c]));
                }
                ws.set_row_height(row, style::height(lines))?;
                row += 1;
            }
        }
    }
    if n == 0 {
        ws.merge_range(row, 0, row, last_col, &sheet.empty, &style::note())?;
        row += 1;
    } else {
        ws.autofilter(HEADER_ROW, 0, row - 1, last_col)?;
    }
    finish(ws, row - 1, last_col)
}

/// The key of the table item whose cells are `rows`.
fn table_key<'o>(o: &'o Outline, rows: &[Vec<usize>]) -> Option<&'o str> {
    let fi = *rows.first()?.first()?;
    match &o.fields[fi].group {
        Some(crate::outline::Group::Table { parent, .. }) => Some(parent),
        _ => None,
    }
}

/// A text sheet: for each of its fields, every unit's text under the field's label.
pub fn texts(ws: &mut Worksheet, o: &Outline, units: &Named, sheet: &TextSheet) -> Result<()> {
    ws.set_name(&sheet.name)?;
    const TEXT_WIDTH: f64 = 85.0;
    const PARENT_WIDTH: f64 = 22.0;
    let last_col = 3;
    heading(
        ws,
        &sheet.title,
        "Ý kiến của các đơn vị được tổng hợp, theo từng nội dung",
        last_col,
    )?;
    let head = style::header();
    let parent = o.role(Role::Parent).map_or("Cấp trên", |f| f.short_label());
    for (c, (h, w)) in [
        ("STT", 5.0),
        ("Đơn vị", UNIT_WIDTH),
        (parent, PARENT_WIDTH),
        ("Nội dung", TEXT_WIDTH),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let text = style::text();
    let center = style::text_center();
    let justified = style::text().set_align(FormatAlign::Justify);
    let mut row = HEADER_ROW + 1;
    for key in &sheet.fields {
        let Some(f) = o.field(key) else { continue };
        ws.merge_range(row, 0, row, last_col, &f.label, &style::section())?;
        ws.set_row_height(row, 20)?;
        row += 1;
        let with: Vec<(&Unit, &str, &str)> = units
            .0
            .iter()
            .filter_map(|(u, name)| Some((*u, name.as_str(), u.text(key)?)))
            .collect();
        if with.is_empty() {
            ws.merge_range(
                row,
                0,
                row,
                last_col,
                "(không có đơn vị nào ghi)",
                &style::note(),
            )?;
            row += 1;
            continue;
        }
        for (i, (u, name, t)) in with.iter().enumerate() {
            let parent = role_text(o, u, Role::Parent).unwrap_or("");
            ws.write_number_with_format(row, 0, i as f64 + 1.0, &center)?;
            ws.write_string_with_format(row, 1, *name, &text)?;
            ws.write_string_with_format(row, 2, parent, &text)?;
            ws.write_string_with_format(row, 3, *t, &justified)?;
            let lines = style::lines_needed(t, TEXT_WIDTH)
                .max(style::lines_needed(name, UNIT_WIDTH))
                .max(style::lines_needed(parent, PARENT_WIDTH));
            ws.set_row_height(row, style::height(lines))?;
            row += 1;
        }
    }
    finish(ws, row - 1, last_col)
}
