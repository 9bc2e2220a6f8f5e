//! The "Cần sửa" sheet of a feedback file: every issue of the return, in plain Vietnamese.

use super::style::{bordered, center_bold, wrap};
use crate::workbook::FIX_SHEET;
use anyhow::Result;
use rust_xlsxwriter::Worksheet;

/// Row of the table's header (0-based).
const HEAD_ROW: u32 = 4;

/// One issue as shown to the unit.
#[derive(Debug, Clone)]
pub struct FixRow {
    pub severity: String,
    /// Where to look: the cell of the feedback file, and the cell of the unit's own file when it
    /// differs (rows inserted by the unit).
    pub cell: String,
    pub label: String,
    pub value: String,
    pub message: String,
}

/// A minus sign (U+2212) for a hyphen that opens a number, so "-113" never wraps as "-/113".
fn no_break_minus(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens_number = c == '-'
            && prev.is_none_or(|p| p.is_whitespace() || p == '(')
            && chars.peek().is_some_and(|n| n.is_ascii_digit());
        out.push(if opens_number { '\u{2212}' } else { c });
        prev = Some(c);
    }
    out
}

/// The sheet; `about` says whose return it is (printed under the title); `extra` is what the unit
/// wrote outside the form's cells (cell in its file, text), listed after the issues so it is not
/// lost; `receiver` is who the corrected return goes back to (the outline's `campaign.receiver`).
/// Errors come first.
pub fn write(
    ws: &mut Worksheet,
    rows: &[FixRow],
    about: &[String],
    extra: &[(String, String)],
    receiver: &str,
) -> Result<()> {
    ws.set_name(FIX_SHEET)?;
    ws.merge_range(
        0,
        0,
        0,
        4,
        "NHỮNG ĐIỂM CẦN SỬA TRONG BÁO CÁO",
        &center_bold().set_font_size(14),
    )?;
    let mut rows: Vec<&FixRow> = rows.iter().collect();
    rows.sort_by_key(|r| r.severity != "Lỗi");
    let errors = rows.iter().filter(|r| r.severity == "Lỗi").count();
    let mut about: Vec<String> = about.to_vec();
    about.push(format!(
        "{} lỗi phải sửa, {} điểm cần kiểm tra lại.",
        errors,
        rows.len() - errors
    ));
    let about = about.join("\n");
    let lines = about.lines().count() as f64;
    ws.merge_range(1, 0, 1, 4, &about, &center_bold().unset_bold())?;
    ws.set_row_height(1, 17.0 * lines + 4.0)?;
    let rows: Vec<FixRow> = rows
        .into_iter()
        .map(|r| FixRow {
            value: no_break_minus(&r.value),
            message: no_break_minus(&r.message),
            ..r.clone()
        })
        .collect();
    let rows = &rows;
    let intro = format!(
        "Đơn vị vui lòng sửa các ô được tô màu ở trang “Báo cáo” (màu đỏ: lỗi phải sửa; màu cam: cần kiểm tra lại), rồi gửi lại báo cáo cho {receiver}. Di chuột vào ô để xem ghi chú."
    );
    ws.merge_range(2, 0, 2, 4, &intro, &wrap().set_italic())?;
    ws.set_row_height(2, 36)?;
    let head = bordered(center_bold().set_background_color(0xDDEBF7));
    for (c, h) in [
        "Mức độ",
        "Ô",
        "Nội dung",
        "Giá trị đã nhập",
        "Cần sửa thế nào",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(HEAD_ROW, c as u16, *h, &head)?;
    }
    let cell = bordered(wrap());
    for (i, r) in rows.iter().enumerate() {
        let row = HEAD_ROW + 1 + i as u32;
        let sev = if r.severity == "Lỗi" {
            bordered(wrap().set_bold().set_font_color(0xC00000))
        } else {
            cell.clone()
        };
        ws.write_string_with_format(row, 0, &r.severity, &sev)?;
        ws.write_string_with_format(row, 1, &r.cell, &cell)?;
        ws.write_string_with_format(row, 2, &r.label, &cell)?;
        ws.write_string_with_format(row, 3, &r.value, &cell)?;
        ws.write_string_with_format(row, 4, &r.message, &cell)?;
        let lines = |t: &str, w: f64| (t.chars().count() as f64 / (w * 1.1)).ceil().max(1.0);
        let n = lines(&r.message, 55.0)
            .max(lines(&r.label, 38.0))
            .max(lines(&r.value, 20.0))
            .max(lines(&r.cell, 16.0));
        ws.set_row_height(row, n * 16.0 + 4.0)?;
    }
    write_extra(ws, HEAD_ROW + rows.len() as u32 + 2, extra)?;
    for (c, w) in [10.0, 16.0, 38.0, 20.0, 55.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEAD_ROW, HEAD_ROW)?;
    ws.set_footer("&C&\"Times New Roman\"&12Trang &P/&N");
    ws.set_active(true);
    Ok(())
}

/// Lines per row of a text in a column of `width` characters (a 10 % margin for wide letters).
fn lines(text: &str, width: f64) -> f64 {
    text.lines()
        .map(|l| (l.chars().count() as f64 / (width * 1.1)).ceil().max(1.0))
        .sum::<f64>()
        .max(1.0)
}

/// What the unit wrote outside the form's cells, from `top`: a heading, a line on what to do, then
/// the unit's cell and its text on each row.
fn write_extra(ws: &mut Worksheet, top: u32, extra: &[(String, String)]) -> Result<()> {
    if extra.is_empty() {
        return Ok(());
    }
    ws.merge_range(
        top,
        0,
        top,
        4,
        "NỘI DUNG ĐƠN VỊ GHI THÊM NGOÀI CÁC Ô CỦA BIỂU MẪU",
        &center_bold(),
    )?;
    let why = "Đơn vị đã chèn dòng hoặc ghi thêm vào những ô dưới đây. Biểu mẫu không đọc các ô này, nên trang “Báo cáo” của tệp này không có chúng; nội dung được chép lại ở đây để đơn vị không mất. Nếu là số liệu hay giải trình cần báo cáo, hãy ghi vào ô nhập phù hợp của trang “Báo cáo”.";
    ws.merge_range(top + 1, 0, top + 1, 4, why, &wrap().set_italic())?;
    ws.set_row_height(top + 1, 50)?;
    let head = bordered(center_bold().set_background_color(0xDDEBF7));
    ws.merge_range(top + 2, 0, top + 2, 1, "Ô (tệp đơn vị gửi)", &head)?;
    ws.merge_range(top + 2, 2, top + 2, 4, "Nội dung đơn vị đã ghi", &head)?;
    let cell = bordered(wrap());
    for (i, (at, text)) in extra.iter().enumerate() {
        let row = top + 3 + i as u32;
        ws.merge_range(row, 0, row, 1, at, &cell)?;
        ws.merge_range(row, 2, row, 4, &no_break_minus(text), &cell)?;
        ws.set_row_height(row, lines(text, 113.0) * 16.0 + 4.0)?;
    }
    Ok(())
}
