//! `check`'s table for the officer, printed from the findings model: each file, its findings, the paths
//! passed over, the count, and with `--roster` the completeness.

use super::model::Findings;
use super::{field_label, message_beside_label, severity_vi, status, status_vi};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

/// Width of the printed table: the terminal's, else `COLUMNS`, else 100 characters.
fn table_width() -> u16 {
    Table::new()
        .width()
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(100)
        .clamp(60, 400)
}

pub fn table(o: &crate::outline::Outline, doc: &Findings) -> String {
    let width = table_width();
    let mut out = String::new();
    for f in &doc.files {
        let unit = f.unit.as_deref().unwrap_or("(chưa rõ đơn vị)");
        out.push_str(&format!(
            "\n■ {} — {} — {}\n",
            f.path,
            unit,
            status_vi(f.status)
        ));
        if f.status == "unreadable" {
            let why = f.issues.first().map_or("", |i| i.message.as_str());
            out.push_str(&format!("  Lỗi: {why}\n"));
            continue;
        }
        if f.issues.is_empty() {
            continue;
        }
        let mut t = Table::new();
        t.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        t.set_header(vec![
            "Mức độ",
            "Ô",
            "Nội dung",
            "Giá trị",
            "Cần sửa thế nào",
        ]);
        for i in &f.issues {
            t.add_row(vec![
                severity_vi(i.severity).to_string(),
                i.cell.clone().unwrap_or_default(),
                field_label(o, i),
                i.value.clone().unwrap_or_default(),
                message_beside_label(o, i),
            ]);
        }
        t.set_constraints([
            ColumnConstraint::ContentWidth,
            ColumnConstraint::ContentWidth,
            ColumnConstraint::UpperBoundary(Width::Percentage(24)),
            ColumnConstraint::UpperBoundary(Width::Fixed(16)),
        ]);
        out.push_str(&format!("{t}\n"));
        let (e, w) = f.count();
        out.push_str(&format!("  {} lỗi, {} cảnh báo\n", e, w));
    }
    for s in doc.skipped {
        out.push_str(&format!("\n□ {} — {}\n", s.path.display(), s.reason));
    }
    if !doc.notes.is_empty() {
        out.push('\n');
    }
    for n in &doc.notes {
        out.push_str(&note_lines(&format!("Ghi chú: {n}"), width as usize));
    }
    let s = &doc.summary;
    out.push_str(&format!(
        "\nTổng cộng: {} tệp — {} đạt, {} đạt có cảnh báo, {} có lỗi, {} không đọc được; {} tệp bỏ qua.\n",
        s.files,
        s.ok,
        s.warning,
        s.error,
        s.unreadable,
        doc.skipped.len()
    ));
    if let Some(r) = &doc.roster {
        out.push('\n');
        out.push_str(&status::heading(r.0));
        out.push_str(&status::notes(r.0));
        out.push_str(&status::figures(r.0));
    }
    out
}

/// A note cut into lines of at most `width` characters at spaces, the lines after the first indented.
pub fn note_lines(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 2 && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = "  ".to_string();
        } else if !line.is_empty() && !line.ends_with("  ") {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
