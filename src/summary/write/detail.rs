//! "Chi tiết": one row per merged unit, one column per field, with a filter on its labels; the hidden key row
//! above the labels is what `read::summary` reads back when this summary is merged again.

use super::style::{self, DATE};
use crate::outline::{Field, FieldType, Group, Outline};
use crate::record::Value;
use crate::report::status_vi;
use crate::summary::fields::Fields;
use crate::summary::{Merge, Unit};
use crate::workbook::numfmt;
use crate::workbook::{FILE_KEY, STATUS_KEY, SUMMARY_DETAIL_SHEET, SUMMARY_HEADER_ROW};
use anyhow::Result;
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Worksheet};
use std::collections::HashSet;

/// Key of the Vietnamese status column (ignored by the reader).
const STATUS_TEXT_KEY: &str = "_status_text";
/// Percent fields are written as fractions in cells with this format, as in the form (whole
/// percentages: a decimal point would print by the locale).
const PERCENT: &str = "0%";

/// Row of the visible labels (with the filter buttons), right below the hidden key row.
pub const LABEL_ROW: u32 = SUMMARY_HEADER_ROW + 1;
/// First unit row.
pub const FIRST_UNIT_ROW: u32 = LABEL_ROW + 1;

/// A column of the sheet.
enum Col<'a> {
    Stt,
    Field(&'a Field),
    Status,
    StatusText,
    File,
}

impl Col<'_> {
    fn key(&self) -> &str {
        match self {
            Col::Stt => "",
            Col::Field(f) => &f.key,
            Col::Status => STATUS_KEY,
            Col::StatusText => STATUS_TEXT_KEY,
            Col::File => FILE_KEY,
        }
    }
    fn label(&self) -> String {
        match self {
            Col::Stt => "STT".into(),
            Col::Field(f) => match &f.group {
                Some(Group::Option { parent_label, .. }) => format!("{parent_label}: {}", f.label),
                _ if f.unit.is_empty() || f.ty == FieldType::Percent => f.label.clone(),
                _ => format!("{} ({})", f.label, f.unit),
            },
            Col::Status => "Mã tình trạng".into(),
            Col::StatusText => "Tình trạng".into(),
            Col::File => "Tệp báo cáo gốc".into(),
        }
    }
    fn width(&self) -> f64 {
        match self {
            Col::Stt => 6.0,
            Col::Field(f) => match f.ty {
                FieldType::Text => 24.0,
                FieldType::LongText => 30.0,
                FieldType::Money => 16.0,
                FieldType::Integer | FieldType::SignedInteger => 12.0,
                FieldType::Percent => 11.0,
                FieldType::Date => 12.0,
                FieldType::Choice => 20.0,
                FieldType::YesNo => 11.0,
            },
            Col::Status => 10.0,
            Col::StatusText => 24.0,
            Col::File => 36.0,
        }
    }
}

fn cell_format(ty: Option<FieldType>) -> Format {
    let f = style::base();
    match ty {
        Some(FieldType::Integer | FieldType::Money | FieldType::SignedInteger) => {
            f.set_num_format(numfmt::int_base(numfmt::plain))
        }
        Some(FieldType::Percent) => f.set_num_format(PERCENT),
        Some(FieldType::Date) => f.set_num_format(DATE).set_align(FormatAlign::Center),
        // Names and texts wrap in their column rather than being cut at the next cell.
        _ => f.set_align(FormatAlign::Left).set_text_wrap(),
    }
}

/// Column labels must be unique (case-insensitively): add " (2)", " (3)"… to repeats.
fn unique_headers(labels: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    labels
        .into_iter()
        .map(|l| {
            let mut name = l.clone();
            let mut n = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{l} ({n})");
                n += 1;
            }
            name
        })
        .collect()
}

fn columns(o: &Outline) -> Vec<Col<'_>> {
    let mut cols = vec![Col::Stt];
    cols.extend(o.fields.iter().map(Col::Field));
    cols.extend([Col::StatusText, Col::Status, Col::File]);
    cols
}

/// The sheet's cell formats, made once.
pub struct Formats {
    title: Format,
    note: Format,
    key: Format,
    head: Format,
    /// One per column: the unit cells take it.
    columns: Vec<Format>,
}

impl Formats {
    pub fn new(o: &Outline) -> Formats {
        let columns = columns(o)
            .iter()
            .map(|c| match c {
                Col::Field(f) => cell_format(Some(f.ty)),
                Col::Stt => cell_format(None).set_align(FormatAlign::Center),
                _ => cell_format(None),
            })
            .collect();
        Formats {
            title: style::title().set_align(FormatAlign::Left),
            note: style::note(),
            key: style::base().set_font_size(9),
            head: style::header(),
            columns,
        }
    }

    /// Every format, in the order `write` first uses it.
    pub fn in_order(&self) -> impl Iterator<Item = &Format> {
        [&self.title, &self.note, &self.key, &self.head]
            .into_iter()
            .chain(&self.columns)
    }
}

/// Write the sheet with the formats of `Formats::new(o)`.
pub fn write(ws: &mut Worksheet, o: &Outline, m: &Merge, formats: &Formats) -> Result<()> {
    ws.set_name(SUMMARY_DETAIL_SHEET)?;
    let cols = columns(o);
    let last_col = cols.len() as u16 - 1;

    ws.merge_range(
        0,
        0,
        0,
        6,
        "DANH SÁCH CHI TIẾT CÁC ĐƠN VỊ ĐƯỢC TỔNG HỢP",
        &formats.title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        6,
        "Mỗi dòng là một đơn vị; dùng nút lọc ở dòng tiêu đề để lọc, sắp xếp. Hàng khóa ẩn phía trên tiêu đề giúp sokết đọc lại trang này khi tổng hợp lên cấp trên: không xóa, không sửa.",
        &formats.note,
    )?;
    ws.set_row_height(1, 34)?;

    let headers = unique_headers(cols.iter().map(Col::label).collect());
    let mut head_lines: f64 = 1.0;
    for (c, col) in cols.iter().enumerate() {
        let c16 = c as u16;
        ws.set_column_width(c16, col.width())?;
        if !col.key().is_empty() {
            ws.write_string_with_format(SUMMARY_HEADER_ROW, c16, col.key(), &formats.key)?;
        }
        head_lines = head_lines.max(style::lines_needed(&headers[c], col.width()));
    }
    ws.set_row_hidden(SUMMARY_HEADER_ROW)?;
    ws.set_row_height(LABEL_ROW, style::height(head_lines.min(5.0)))?;

    let counted = m.counted();
    // One data row at least under the labels (an empty summary reads back as no unit).
    let last_row = FIRST_UNIT_ROW + counted.len().max(1) as u32 - 1;
    // The labels with a filter button each. Not an Excel table: rust_xlsxwriter keeps one map entry
    // per cell of a table's range to check overlaps, about 30 bytes a cell, 460 MB for a national
    // roll-up of 130,000 units.
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(LABEL_ROW, c as u16, h, &formats.head)?;
    }
    ws.autofilter(LABEL_ROW, 0, last_row, last_col)?;
    // Each column's format is set once and the unit cells take it (a format given with every one
    // of a million cells costs a format lookup each: half the time of a large summary). The formats
    // hold no borders, so the empty cells below the table look the same.
    for (c, f) in formats.columns.iter().enumerate() {
        ws.set_column_format(c as u16, f)?;
    }
    // The field columns follow the STT column, in outline order.
    let fields = Fields::new(o.fields.iter().map(|f| f.key.as_str()));
    let mut values = vec![None; fields.len()];
    for (i, u) in counted.iter().enumerate() {
        let row = FIRST_UNIT_ROW + i as u32;
        fields.take(&u.result.values, &mut values);
        // Tall enough for the longest wrapped text of the row (names above all: they repeat on
        // every printed page), so that no text runs over the next row; long answers are capped
        // at 8 lines here and read in full on the text sheets.
        let lines = cols
            .iter()
            .enumerate()
            .filter_map(|(c, col)| match (col, values.get(c.wrapping_sub(1))) {
                (Col::Field(_), Some(Some(Value::Text(t)))) => {
                    Some(style::lines_needed(t, col.width()))
                }
                _ => None,
            })
            .fold(1.0, f64::max);
        if lines > 1.0 {
            ws.set_row_height(row, style::height(lines.min(8.0)))?;
        }
        for (c, col) in cols.iter().enumerate() {
            let value = if let Col::Field(_) = col {
                values[c - 1]
            } else {
                None
            };
            write_cell(ws, row, c as u16, col, u, i, value)?;
        }
    }
    // Thousands dots by size on the whole-number columns (see workbook::numfmt).
    let whole: Vec<String> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(c, Col::Field(f) if matches!(f.ty, FieldType::Integer | FieldType::Money | FieldType::SignedInteger))
        })
        .map(|(c, _)| {
            let l = crate::workbook::layout::col_letters(c as u32);
            format!("{l}{}:{l}{}", FIRST_UNIT_ROW + 1, last_row + 1)
        })
        .collect();
    numfmt::add_int_rules(
        ws,
        &whole.join(" "),
        (FIRST_UNIT_ROW, 0, last_row, last_col),
        numfmt::plain,
    )?;
    ws.set_freeze_panes(FIRST_UNIT_ROW, 2)?;
    style::page_frame(ws, Some((LABEL_ROW, LABEL_ROW)))?;
    // Far too wide for one page: printed in bands of columns at 9 pt, landscape, with the
    // unit's number and name at the left of every page and the labels at the top. The title goes
    // to the page header; the note, the hidden key row, the status codes and file paths (for
    // sokết and the officer's screen) stay out of the print area.
    ws.set_print_scale((100.0 * style::BAND_PRINT_PT / 12.0).round() as u16);
    ws.set_repeat_columns(0, 1)?;
    let status_text = cols
        .iter()
        .position(|c| matches!(c, Col::StatusText))
        .unwrap_or(cols.len() - 1) as u16;
    ws.set_print_area(LABEL_ROW, 0, last_row, status_text)?;

    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &Col,
    u: &Unit,
    index: usize,
    value: Option<&Value>,
) -> Result<()> {
    match c {
        Col::Stt => {
            ws.write_number(row, col, index as f64 + 1.0)?;
        }
        Col::Status => {
            ws.write_string(row, col, u.status)?;
        }
        Col::StatusText => {
            let text = if u.status == "error" {
                u.disposition.label_vi()
            } else {
                status_vi(u.status)
            };
            ws.write_string(row, col, text)?;
        }
        Col::File => {
            ws.write_string(row, col, &u.origin)?;
        }
        Col::Field(f) => match value {
            // an empty cell takes the column's format
            None => {}
            Some(Value::Number(n)) => {
                let v = if f.ty == FieldType::Percent {
                    n / 100.0
                } else {
                    *n
                };
                ws.write_number(row, col, v)?;
            }
            // Text from returns is always a string, never a formula, whatever it starts with.
            Some(Value::Text(t)) => {
                ws.write_string(row, col, t)?;
            }
            Some(Value::Date(d)) => {
                let excel = u16::try_from(d.year())
                    .ok()
                    .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
                match excel {
                    Some(dt) => ws.write_datetime(row, col, &dt)?,
                    // Outside Excel's calendar: keep it readable as text.
                    None => ws.write_string(row, col, d.format("%d/%m/%Y").to_string())?,
                };
            }
        },
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{DocProperties, Workbook};

    /// `build` registers `Formats::in_order` and then writes the other constant-memory sheets beside
    /// this one: that gives the bytes of writing this sheet first only if those are all the formats it
    /// uses, in the order it first uses them.
    #[test]
    fn the_formats_in_order_are_every_format_the_sheet_uses_in_first_use_order() {
        let o = Outline::embedded();
        let m = crate::summary::collect(&o, Vec::new(), Vec::new(), false);
        let formats = Formats::new(&o);
        let other = Format::new().set_font_color(0x123456);
        let book = |detail_first: bool| -> Vec<u8> {
            let mut wb = Workbook::new();
            wb.set_properties(
                &DocProperties::new().set_creation_datetime(&o.campaign.deadline_province),
            );
            wb.add_worksheet_with_constant_memory().unwrap();
            wb.add_worksheet_with_constant_memory().unwrap();
            if !detail_first {
                for f in formats.in_order() {
                    wb.register_format(f);
                }
            }
            let (detail, rest) = wb.worksheets_mut().split_at_mut(1);
            let mut other_sheet = || {
                rest[0]
                    .write_string_with_format(0, 0, "x", &other)
                    .map(|_| ())
            };
            if detail_first {
                write(&mut detail[0], &o, &m, &formats).unwrap();
                other_sheet().unwrap();
            } else {
                other_sheet().unwrap();
                write(&mut detail[0], &o, &m, &formats).unwrap();
            }
            wb.save_to_buffer().unwrap()
        };
        assert!(book(true) == book(false), "same bytes");
    }
}
