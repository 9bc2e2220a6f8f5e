//! "Nguồn": where every figure comes from — the outline's identity and every input file with its
//! SHA-256 and status — and the hidden "_soket" sheet that marks this workbook as a summary.

use super::style::{self, DATETIME};
use crate::outline::Outline;
use crate::read::WorkbookKind;
use crate::report::status_vi;
use crate::summary::Merge;
use crate::value::decree_date;
use anyhow::Result;
use rust_xlsxwriter::{FormatAlign, Worksheet};

pub const SOURCE_SHEET: &str = "Nguồn";
pub use crate::workbook::META_SHEET;

const COLUMNS: [(&str, f64); 8] = [
    ("STT", 5.0),
    ("Tệp", 34.0),
    ("Loại tệp", 12.0),
    ("Đơn vị", 28.0),
    ("Số đơn vị", 9.0),
    ("Tình trạng", 16.0),
    ("Sửa lần cuối", 16.0),
    ("SHA-256", 35.0),
];
const LAST_COL: u16 = COLUMNS.len() as u16 - 1;

/// `as_of`: the date the run counts submissions at (`--as-of`), when a roster was given.
pub fn write(
    ws: &mut Worksheet,
    o: &Outline,
    m: &Merge,
    as_of: Option<chrono::NaiveDate>,
) -> Result<()> {
    ws.set_name(SOURCE_SHEET)?;
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, LAST_COL, "NGUỒN SỐ LIỆU", &style::title())?;
    ws.set_row_height(0, 22)?;
    let label = style::base().set_bold();
    let value = style::base().set_align(FormatAlign::Left).set_text_wrap();
    let counted = m.counted().len();
    let facts: Vec<(&str, String)> = vec![
        ("Đợt báo cáo", o.campaign.name.clone()),
        ("Mã đợt báo cáo", o.campaign.id.clone()),
        ("Phiên bản đề cương", o.campaign.version.clone()),
        ("Căn cứ", o.campaign.plan.clone()),
        ("Tệp đề cương", o.source.clone()),
        (
            "Lập bằng",
            format!("sokết {} (lệnh merge)", env!("CARGO_PKG_VERSION")),
        ),
        (
            "Tệp đầu vào",
            format!(
                "{} tệp; {} đơn vị được tổng hợp, {} không tổng hợp vì có lỗi, {} tệp không đọc được, {} đơn vị trùng",
                m.files.len(),
                counted,
                m.excluded().len(),
                m.unreadable().len(),
                m.duplicates.len()
            ),
        ),
    ];
    let mut row = 2;
    for (k, v) in &facts {
        ws.merge_range(row, 0, row, 1, k, &label)?;
        ws.merge_range(row, 2, row, LAST_COL, v, &value)?;
        row += 1;
    }
    ws.merge_range(row, 0, row, 1, "Số liệu tính đến", &label)?;
    // The date the figures stand at: the --as-of date of the run, else the latest report date of
    // the returns counted; never the files' modification times (a copy or download changes them).
    let latest = m.counted().iter().filter_map(|u| u.report_date(o)).max();
    let stand = match (as_of, latest) {
        (Some(d), _) => Some(format!(
            "{} (ngày tính tình hình nộp, --as-of)",
            decree_date(d)
        )),
        (None, Some(d)) => Some(format!(
            "{} (ngày báo cáo mới nhất trong các báo cáo được tổng hợp)",
            decree_date(d)
        )),
        (None, None) => None,
    };
    let stand = stand.unwrap_or_else(|| "(không có báo cáo được tổng hợp)".to_string());
    ws.merge_range(row, 2, row, LAST_COL, &stand, &value)?;
    row += 2;
    let head = style::header();
    for (c, (h, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &head)?;
    }
    let header_row = row;
    row += 1;
    let text = style::label();
    let center = style::text_center();
    let when = style::figure(DATETIME).set_align(FormatAlign::Center);
    // 64 hexadecimal digits in two lines, at the size of the rest of the table
    let hash = style::label().set_text_wrap();
    for (i, f) in m.files.iter().enumerate() {
        let kind = match f.kind {
            Some(WorkbookKind::Summary) => "Tổng hợp",
            Some(WorkbookKind::Form) => "Báo cáo",
            Some(WorkbookKind::Unknown) => "Không rõ",
            None => "",
        };
        ws.write_number_with_format(row, 0, i as f64 + 1.0, &center)?;
        ws.write_string_with_format(row, 1, f.path.display().to_string(), &text)?;
        ws.write_string_with_format(row, 2, kind, &center)?;
        ws.write_string_with_format(row, 3, f.label.clone().unwrap_or_default(), &text)?;
        ws.write_number_with_format(row, 4, f.units as f64, &center)?;
        ws.write_string_with_format(row, 5, status_vi(f.status), &text)?;
        match f.modified {
            Some(t) => ws.write_datetime_with_format(row, 6, t, &when)?,
            None => ws.write_blank(row, 6, &when)?,
        };
        ws.write_string_with_format(row, 7, &f.sha256, &hash)?;
        let lines = style::lines_needed(&f.path.display().to_string(), COLUMNS[1].1)
            .max(style::lines_needed(
                f.label.as_deref().unwrap_or(""),
                COLUMNS[3].1,
            ))
            .max(if f.sha256.is_empty() { 1.0 } else { 2.0 });
        ws.set_row_height(row, style::height(lines))?;
        row += 1;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    style::page_setup(ws, Some((header_row, header_row)))?;
    ws.set_print_area(0, 0, row.saturating_sub(1), LAST_COL)?;
    Ok(())
}

/// The hidden marker sheet: what makes `read` treat this workbook as a summary.
pub fn meta(ws: &mut Worksheet, o: &Outline) -> Result<()> {
    crate::form::write_identity(ws, o, "summary")
}
