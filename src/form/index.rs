//! The index written next to the per-unit forms: which file belongs to which unit, as CSV and as a sheet.
//!
//! Its headers are roster headers, so the index can itself be used as a roster later.

use crate::roster::RosterUnit;
use anyhow::Result;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Url, Workbook};

pub const INDEX_CSV: &str = "danh-sach-bieu-mau.csv";
pub const INDEX_XLSX: &str = "danh-sach-bieu-mau.xlsx";
pub const INDEX_SHEET: &str = "Danh sách biểu mẫu";

/// The roster's headers, then the file's.
fn headers() -> impl Iterator<Item = &'static str> {
    crate::roster::HEADERS.into_iter().chain(["Tệp biểu mẫu"])
}

fn fields<'a>(u: &'a RosterUnit, file: &'a str) -> [&'a str; 8] {
    [
        &u.code,
        &u.name,
        &u.unit_type,
        &u.parent,
        &u.contact,
        &u.phone,
        &u.email,
        file,
    ]
}

/// UTF-8 CSV with a BOM (so Excel shows the diacritics), comma separated.
pub fn csv(units: &[RosterUnit], files: &[String]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(headers())?;
    for (u, f) in units.iter().zip(files) {
        w.write_record(fields(u, f))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// One sheet: the same columns, the file names as links to the forms next to it.
pub fn xlsx(units: &[RosterUnit], files: &[String], title: &str) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(INDEX_SHEET)?;
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color(0x808080)
        .set_align(FormatAlign::VerticalCenter);
    let head = border
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(0xDDEBF7);
    let text = border.clone().set_num_format("@");
    let link = text
        .clone()
        .set_font_color(0x0563C1)
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    for (c, h) in headers().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    for (i, (u, f)) in units.iter().zip(files).enumerate() {
        let r = i as u32 + 1;
        for (c, v) in fields(u, f).iter().take(7).enumerate() {
            ws.write_string_with_format(r, c as u16, *v, &text)?;
        }
        let url = Url::new(format!("file:///{f}")).set_text(f.as_str());
        ws.write_url_with_format(r, 7, url, &link)?;
    }
    let last = units.len().min(files.len()) as u32;
    ws.autofilter(0, 0, last, 7)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [12.0, 48.0, 38.0, 28.0, 22.0, 13.0, 28.0, 56.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    let created = chrono::NaiveDate::from_ymd_opt(2026, 4, 21).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Danh sách biểu mẫu – {title}"))
            .set_creation_datetime(&created),
    );
    Ok(wb.save_to_buffer()?)
}
