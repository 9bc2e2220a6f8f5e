//! "Kiểm tra": the returns left out (errors, unreadable, skipped), the units reported twice, and every
//! finding of the rules per file and unit, exactly as `check` reports them.

use super::style;
use crate::check::rules::Issue;
use crate::outline::{Outline, Severity};
use crate::report::{field_label, severity_vi};
use crate::summary::{Merge, Unit};
use anyhow::Result;
use rust_xlsxwriter::Worksheet;

pub const CHECK_SHEET: &str = "Kiểm tra";

/// Columns of the findings table and their widths.
const COLUMNS: [(&str, f64); 9] = [
    ("STT", 5.0),
    ("Tệp", 26.0),
    ("Đơn vị", 22.0),
    ("Xử lý", 14.0),
    ("Mức độ", 9.0),
    ("Ô", 12.0),
    ("Nội dung", 22.0),
    ("Giá trị", 12.0),
    ("Cần sửa thế nào", 45.0),
];
const LAST_COL: u16 = COLUMNS.len() as u16 - 1;

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
}

impl Sheet<'_> {
    fn part(&mut self, title: &str) -> Result<()> {
        self.row += 1;
        self.ws
            .merge_range(self.row, 0, self.row, LAST_COL, title, &style::section())?;
        self.ws.set_row_height(self.row, 20)?;
        self.row += 1;
        Ok(())
    }

    /// A header row whose cells span the given column ranges.
    fn header(&mut self, cells: &[(&str, u16, u16)]) -> Result<()> {
        self.spans(cells, &style::header())?;
        self.ws.set_row_height(self.row - 1, 20)?;
        Ok(())
    }

    /// One row of texts spanning column ranges; returns nothing, advances.
    fn spans(&mut self, cells: &[(&str, u16, u16)], fmt: &rust_xlsxwriter::Format) -> Result<()> {
        let mut lines: f64 = 1.0;
        for (text, first, last) in cells {
            if first == last {
                self.ws
                    .write_string_with_format(self.row, *first, *text, fmt)?;
            } else {
                self.ws
                    .merge_range(self.row, *first, self.row, *last, text, fmt)?;
            }
            let width: f64 = COLUMNS[*first as usize..=*last as usize]
                .iter()
                .map(|c| c.1)
                .sum();
            lines = lines.max(style::lines_needed(text, width));
        }
        self.ws.set_row_height(self.row, style::height(lines))?;
        self.row += 1;
        Ok(())
    }

    fn none(&mut self, text: &str) -> Result<()> {
        self.ws
            .merge_range(self.row, 0, self.row, LAST_COL, text, &style::note())?;
        self.row += 1;
        Ok(())
    }
}

fn first_error<'a>(m: &'a Merge, u: &'a Unit) -> (usize, &'a str) {
    let errors: Vec<&Issue> = m
        .issues_of(u)
        .filter(|i| i.severity == Severity::Error)
        .collect();
    (
        errors.len(),
        errors.first().map_or("", |i| i.message.as_str()),
    )
}

pub fn write(ws: &mut Worksheet, o: &Outline, m: &Merge) -> Result<()> {
    ws.set_name(CHECK_SHEET)?;
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, LAST_COL, "KIỂM TRA BÁO CÁO", &style::title())?;
    ws.set_row_height(0, 22)?;
    let note = "Các báo cáo không được tổng hợp, các đơn vị gửi nhiều báo cáo, và mọi lỗi, cảnh báo tìm thấy (giống lệnh “sokết check”).";
    ws.merge_range(1, 0, 1, LAST_COL, note, &style::subtitle())?;
    ws.set_row_height(1, 20)?;
    let mut s = Sheet { ws, row: 2 };
    let text = style::text();

    s.part("1. Báo cáo không được tổng hợp")?;
    s.header(&[
        ("STT", 0, 0),
        ("Tệp", 1, 1),
        ("Đơn vị", 2, 2),
        ("Lý do", 3, LAST_COL),
    ])?;
    let mut n = 0;
    for u in m.excluded() {
        n += 1;
        let (count, first) = first_error(m, u);
        let reason = format!("Có {count} lỗi (xem mục 3), ví dụ: {first}");
        s.spans(
            &[
                (&n.to_string(), 0, 0),
                (&u.source(), 1, 1),
                (&u.name(), 2, 2),
                (&reason, 3, LAST_COL),
            ],
            &text,
        )?;
    }
    for f in m.unreadable() {
        n += 1;
        let reason = format!(
            "Không đọc được tệp: {}",
            f.unreadable.as_deref().unwrap_or("")
        );
        s.spans(
            &[
                (&n.to_string(), 0, 0),
                (&f.path.display().to_string(), 1, 1),
                ("", 2, 2),
                (&reason, 3, LAST_COL),
            ],
            &text,
        )?;
    }
    for k in &m.skipped {
        n += 1;
        s.spans(
            &[
                (&n.to_string(), 0, 0),
                (&k.path.display().to_string(), 1, 1),
                ("", 2, 2),
                (&format!("Bỏ qua: {}", k.reason), 3, LAST_COL),
            ],
            &text,
        )?;
    }
    if n == 0 {
        s.none("Không có: mọi báo cáo đều được tổng hợp.")?;
    }

    s.part("2. Đơn vị gửi nhiều báo cáo (chỉ tính một lần)")?;
    s.header(&[
        ("STT", 0, 0),
        ("Tệp được dùng", 1, 1),
        ("Đơn vị", 2, 2),
        ("Tệp không dùng", 3, 6),
        ("Cách chọn", 7, LAST_COL),
    ])?;
    for (i, d) in m.duplicates.iter().enumerate() {
        let dropped: Vec<String> = d.dropped.iter().map(|&j| m.units[j].source()).collect();
        s.spans(
            &[
                (&(i + 1).to_string(), 0, 0),
                (&m.units[d.kept].source(), 1, 1),
                (&d.unit, 2, 2),
                (&dropped.join("\n"), 3, 6),
                (d.reason, 7, LAST_COL),
            ],
            &text,
        )?;
    }
    if m.duplicates.is_empty() {
        s.none("Không có đơn vị nào gửi nhiều báo cáo.")?;
    }

    s.part("3. Chi tiết lỗi và cảnh báo")?;
    let head: Vec<(&str, u16, u16)> = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, (h, _))| (*h, c as u16, c as u16))
        .collect();
    s.header(&head)?;
    let header_row = s.row - 1;
    let mut by_file: Vec<Vec<&Unit>> = vec![Vec::new(); m.files.len()];
    for u in &m.units {
        by_file[u.pos.0].push(u);
    }
    let mut n = 0;
    for (fi, file) in m.files.iter().enumerate() {
        let units = &mut by_file[fi];
        units.sort_by_key(|u| u.pos);
        // File-level findings: about the return's one unit, or about a summary as a whole.
        let whole = match (units.first(), units.len()) {
            (Some(u), 1) if !u.from_summary => (u.source(), u.name(), u.disposition.label_vi()),
            _ => (
                file.path.display().to_string(),
                file.label.clone().unwrap_or_default(),
                "",
            ),
        };
        let mut rows: Vec<((String, String, &str), &Issue)> =
            file.issues.iter().map(|i| (whole.clone(), i)).collect();
        for u in units.iter() {
            let who = (u.source(), u.name(), u.disposition.label_vi());
            rows.extend(u.result.issues.iter().map(|i| (who.clone(), i)));
        }
        for ((source, name, what), i) in rows {
            n += 1;
            let sev = severity_vi(i.severity);
            let cells = [
                n.to_string(),
                source,
                name,
                what.to_string(),
                sev.to_string(),
                i.cell.clone().unwrap_or_default(),
                field_label(o, i),
                i.value.clone().unwrap_or_default(),
                i.message.clone(),
            ];
            let spans: Vec<(&str, u16, u16)> = cells
                .iter()
                .enumerate()
                .map(|(c, t)| (t.as_str(), c as u16, c as u16))
                .collect();
            s.spans(&spans, &text)?;
            if i.severity == Severity::Error {
                let red = text.clone().set_bold().set_font_color(0xC00000);
                s.ws.write_string_with_format(s.row - 1, 4, sev, &red)?;
            }
        }
    }
    if n == 0 {
        s.none("Không có lỗi hay cảnh báo nào.")?;
    } else {
        s.ws.autofilter(header_row, 0, s.row - 1, LAST_COL)?;
    }
    let last = s.row - 1;
    ws_finish(s.ws, last)
}

fn ws_finish(ws: &mut Worksheet, last_row: u32) -> Result<()> {
    style::page_setup(ws, None)?;
    ws.set_print_area(0, 0, last_row, LAST_COL)?;
    Ok(())
}
