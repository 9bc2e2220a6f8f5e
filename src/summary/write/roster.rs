//! The "Tình hình nộp" sheet of a summary workbook: figures per upper level and per type, then every unit.

use crate::check::{Completeness, DateSource, Figures};
use crate::report::status::{heading, total_line};
use crate::workbook::numfmt::{int_format, pct_format};
use anyhow::Result;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet};

pub const SHEET_NAME: &str = "Tình hình nộp";

const HEAD_FILL: u32 = 0xDDEBF7;

/// Times New Roman 12 as on every other sheet: fitted to the page width (about 74 %), it prints
/// at about 9 pt.
fn font() -> Format {
    super::style::base()
}

fn cell() -> Format {
    font()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_border_color(0x808080)
}

fn head() -> Format {
    cell()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(HEAD_FILL)
}

/// Colour of a status cell.
fn status_fill(code: crate::check::Status) -> Option<u32> {
    use crate::check::Status::*;
    match code {
        OnTime => Some(0xE2EFDA),
        Late => Some(0xFFF2CC),
        Missing => Some(0xF4B6B6),
        Errors | Duplicate => Some(0xFCE4A8),
        NotDue => None,
    }
}

/// Write the sheet (and name it “Tình hình nộp”) into a worksheet the caller added to its workbook.
pub fn write(ws: &mut Worksheet, c: &Completeness) -> Result<()> {
    ws.set_name(SHEET_NAME)?;
    let title = font().set_bold().set_font_size(14);
    ws.write_string_with_format(0, 0, "TÌNH HÌNH NỘP BÁO CÁO", &title)?;
    ws.write_string_with_format(1, 0, heading(c), &font().set_italic())?;
    ws.write_string_with_format(2, 0, total_line(c), &font())?;
    let mut row = 4;
    row = figures_block(
        ws,
        row,
        "Theo công đoàn cấp trên",
        "Công đoàn cấp trên",
        &c.by_parent,
        &c.total,
    )?;
    row = figures_block(
        ws,
        row + 1,
        "Theo loại hình đơn vị",
        "Loại hình đơn vị",
        &c.by_type,
        &c.total,
    )?;
    let units_head = row + 2;
    row = units_block(ws, row + 1, c)?;
    row = notes_block(ws, row + 1, c)?;
    let _ = row;
    // A..K: the figures use D..K, the units A..I; long names and paths wrap inside their column.
    for (col, w) in [
        5.0, 10.0, 32.0, 13.0, 11.0, 11.0, 20.0, 20.0, 22.0, 10.0, 10.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(col as u16, *w)?;
    }
    super::style::page_setup(ws, Some((units_head, units_head)))?;
    Ok(())
}

fn figures_block(
    ws: &mut Worksheet,
    row: u32,
    title: &str,
    what: &str,
    groups: &[(String, Figures)],
    total: &Figures,
) -> Result<u32> {
    ws.write_string_with_format(row, 0, title, &font().set_bold())?;
    let h = head();
    let header = [
        "Phải nộp",
        "Đúng hạn",
        "Trễ hạn",
        "Chưa nộp",
        "Có lỗi",
        "Trùng",
        "Đã nộp (%)",
        "Đúng hạn (%)",
    ];
    ws.merge_range(row + 1, 0, row + 1, 2, what, &h)?;
    // "Đúng hạn (%)" takes two lines
    ws.set_row_height(row + 1, 34)?;
    for (i, t) in header.iter().enumerate() {
        ws.write_string_with_format(row + 1, 3 + i as u16, *t, &h)?;
    }
    let mut r = row + 2;
    let all = groups
        .iter()
        .map(|(l, f)| (l.as_str(), f, false))
        .chain(std::iter::once(("Tổng cộng", total, true)));
    for (label, f, bold) in all {
        let base = if bold { cell().set_bold() } else { cell() };
        ws.merge_range(r, 0, r, 2, label, &base)?;
        let counts = [
            f.expected,
            f.on_time,
            f.late,
            f.missing,
            f.with_errors,
            f.duplicates,
        ];
        for (i, n) in counts.iter().enumerate() {
            let f = base.clone().set_num_format(int_format(*n as f64, false));
            ws.write_number_with_format(r, 3 + i as u16, *n as f64, &f)?;
        }
        let ratio = |n: usize| {
            if f.expected == 0 {
                0.0
            } else {
                n as f64 / f.expected as f64
            }
        };
        for (col, v) in [(9, ratio(f.reported())), (10, ratio(f.on_time))] {
            let pct = base.clone().set_num_format(pct_format(v));
            ws.write_number_with_format(r, col, v, &pct)?;
        }
        r += 1;
    }
    Ok(r)
}

fn units_block(ws: &mut Worksheet, row: u32, c: &Completeness) -> Result<u32> {
    ws.write_string_with_format(row, 0, "Từng đơn vị", &font().set_bold())?;
    let h = head();
    let header = [
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Tình trạng",
        "Ngày báo cáo",
        "Nguồn ngày",
        "Công đoàn cấp trên",
        "Loại hình đơn vị",
    ];
    let hr = row + 1;
    for (i, t) in header.iter().enumerate() {
        ws.write_string_with_format(hr, i as u16, *t, &h)?;
    }
    // "Tệp" spans I..K, the width of the figures above; "Ngày báo cáo" takes two lines
    ws.merge_range(hr, 8, hr, 10, "Tệp", &h)?;
    ws.set_row_height(hr, 34)?;
    // Long names and paths wrap inside their cell (the row grows) instead of being cut or spilling.
    let text = cell().set_text_wrap();
    let date = cell().set_num_format("dd/mm/yyyy");
    let mut r = hr + 1;
    for (i, u) in c.units.iter().enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell())?;
        ws.write_string_with_format(r, 1, &u.code, &text)?;
        ws.write_string_with_format(r, 2, &u.name, &text)?;
        let st = match status_fill(u.status) {
            Some(fill) => text.clone().set_background_color(fill),
            None => text.clone(),
        };
        ws.write_string_with_format(r, 3, u.status.label_vi(), &st)?;
        match u.date {
            Some(d) => {
                let dt = ExcelDateTime::from_ymd(
                    u16::try_from(chrono::Datelike::year(&d)).unwrap_or(1900),
                    chrono::Datelike::month(&d) as u8,
                    chrono::Datelike::day(&d) as u8,
                )?;
                ws.write_datetime_with_format(r, 4, &dt, &date)?;
            }
            None => {
                ws.write_blank(r, 4, &date)?;
            }
        }
        let source = match u.date_source {
            Some(DateSource::Form) => "biểu mẫu",
            Some(DateSource::FileTime) => "ngày sửa tệp",
            None => "",
        };
        ws.write_string_with_format(r, 5, source, &text)?;
        ws.write_string_with_format(r, 6, &u.parent, &text)?;
        ws.write_string_with_format(r, 7, &u.unit_type, &text)?;
        let files = u.files.join(", ");
        ws.merge_range(r, 8, r, 10, &files, &text)?;
        // Wrapped cells need their row's height (the sheet's rows have a fixed default).
        let lines = [
            (&u.name, 32.0),
            (&u.parent, 20.0),
            (&u.unit_type, 20.0),
            (&files, 42.0),
        ]
        .iter()
        .map(|(t, w)| super::style::lines_needed(t, *w))
        .fold(1.0, f64::max);
        ws.set_row_height(r, super::style::height(lines))?;
        r += 1;
    }
    if r > hr + 1 {
        ws.autofilter(hr, 0, r - 1, 8)?;
    }
    Ok(r)
}

fn notes_block(ws: &mut Worksheet, row: u32, c: &Completeness) -> Result<u32> {
    let mut r = row;
    let bold = font().set_bold();
    let lists: [(String, Vec<String>); 3] = [
        (
            format!(
                "Báo cáo không khớp đơn vị nào trong danh sách ({})",
                c.unmatched.len()
            ),
            c.unmatched
                .iter()
                .map(|u| format!("{} — {}", u.file, u.reason))
                .collect(),
        ),
        (
            format!(
                "Báo cáo ghi ngày sau ngày {} (không tính)",
                crate::report::status::date_vi(c.as_of)
            ),
            c.after_as_of.clone(),
        ),
        (
            format!(
                "Dòng lỗi trong danh sách đơn vị ({}), không được tính",
                c.roster_problems.len()
            ),
            c.roster_problems.clone(),
        ),
    ];
    for (title, lines) in lists {
        if lines.is_empty() {
            continue;
        }
        ws.write_string_with_format(r, 0, &title, &bold)?;
        r += 1;
        for l in lines {
            ws.write_string_with_format(r, 1, &l, &font())?;
            r += 1;
        }
        r += 1;
    }
    Ok(r)
}
