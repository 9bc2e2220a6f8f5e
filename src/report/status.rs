//! Showing a `Completeness`: the terminal table (whole picture, or the figures alone) and the JSON
//! document (`model::StatusDoc`).

use crate::check::{Completeness, DateSource, Figures, UnitStatus};
use crate::value::format_vi;
use chrono::NaiveDate;
use comfy_table::{CellAlignment, ContentArrangement, Table};

/// dd/mm/yyyy.
pub fn date_vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The unit's date as shown: "25/04/2026", with " (ngày tệp)" when it is the file time.
pub fn unit_date(u: &UnitStatus) -> String {
    match (u.date, u.date_source) {
        (Some(d), Some(DateSource::FileTime)) => format!("{} (ngày tệp)", date_vi(d)),
        (Some(d), _) => date_vi(d),
        (None, _) => String::new(),
    }
}

/// "86,7 %"
pub fn percent_vi(p: f64) -> String {
    format!("{} %", format_vi(p))
}

/// The first line: the day of the picture and the deadline.
pub fn heading(c: &Completeness) -> String {
    let days = (c.deadline - c.as_of).num_days();
    let when = match days {
        0 => "hôm nay là hạn nộp".to_string(),
        d if d > 0 => format!("còn {d} ngày đến hạn"),
        d => format!("đã quá hạn {} ngày", -d),
    };
    format!(
        "Tình hình nộp báo cáo tính đến ngày {} — hạn nộp {} ({when})",
        date_vi(c.as_of),
        date_vi(c.deadline)
    )
}

/// The figures alone (per upper level, per type, overall), starting with a blank line: for the check and
/// merge summaries (with [`heading`] and [`notes`]).
pub fn figures(c: &Completeness) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "\nTheo công đoàn cấp trên:\n{}\n",
        figures_table("Công đoàn cấp trên", &c.by_parent, &c.total)
    ));
    out.push_str(&format!(
        "\nTheo loại hình đơn vị:\n{}\n",
        figures_table("Loại hình đơn vị", &c.by_type, &c.total)
    ));
    out.push_str(&format!("\n{}\n", total_line(c)));
    out
}

/// One sentence with the overall figures.
pub fn total_line(c: &Completeness) -> String {
    let t = &c.total;
    let missing = if c.before_deadline() {
        "chưa nộp (chưa đến hạn)"
    } else {
        "chưa nộp"
    };
    format!(
        "Tổng cộng: {} đơn vị phải nộp — {} đúng hạn, {} trễ hạn, {} {missing}; {} có lỗi, {} nộp trùng; đã nộp {}, đúng hạn {}.",
        t.expected,
        t.on_time,
        t.late,
        t.missing,
        t.with_errors,
        t.duplicates,
        percent_vi(t.percent_reported()),
        percent_vi(t.percent_on_time())
    )
}

fn figures_table(what: &str, groups: &[(String, Figures)], total: &Figures) -> Table {
    let mut t = Table::new();
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(160);
    t.set_header(vec![
        what,
        "Phải nộp",
        "Đúng hạn",
        "Trễ hạn",
        "Chưa nộp",
        "Có lỗi",
        "Trùng",
        "Đã nộp",
        "Đúng hạn (%)",
    ]);
    let row = |label: &str, f: &Figures| {
        vec![
            label.to_string(),
            f.expected.to_string(),
            f.on_time.to_string(),
            f.late.to_string(),
            f.missing.to_string(),
            f.with_errors.to_string(),
            f.duplicates.to_string(),
            percent_vi(f.percent_reported()),
            percent_vi(f.percent_on_time()),
        ]
    };
    for (label, f) in groups {
        t.add_row(row(label, f));
    }
    t.add_row(row("Tổng cộng", total));
    for i in 1..9 {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// The whole picture: heading, every unit, notes, and the figures.
pub fn table(c: &Completeness) -> String {
    format!("{}\n{}\n{}{}", heading(c), units(c), notes(c), figures(c))
}

/// `status`'s table: the whole picture, then the paths passed over.
pub fn table_and_skipped(c: &Completeness, skipped: &[crate::inputs::Skipped]) -> String {
    let mut out = table(c);
    for s in skipped {
        out.push_str(&format!("□ {} — {}\n", s.path.display(), s.reason));
    }
    out
}

/// Every unit, one line each: code, name, upper level, status, date, files.
pub fn units(c: &Completeness) -> String {
    // One line per unit (no wrapping), so the list can be searched and filtered line by line.
    let mut t = Table::new();
    t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(vec![
        "Mã",
        "Tên đơn vị",
        "Công đoàn cấp trên",
        "Tình trạng",
        "Ngày báo cáo",
        "Tệp",
    ]);
    for u in &c.units {
        t.add_row(vec![
            u.code.clone(),
            u.name.clone(),
            u.parent.clone(),
            u.status.label_vi().to_string(),
            unit_date(u),
            u.files.join(", "),
        ]);
    }
    t.to_string()
}

/// Returns that match no unit, returns dated after the day, the file-time note, bad roster rows
/// (empty when there is nothing to say).
pub fn notes(c: &Completeness) -> String {
    let mut out = String::new();
    if !c.unmatched.is_empty() {
        out.push_str(&format!(
            "\nBáo cáo không khớp đơn vị nào trong danh sách ({}):\n",
            c.unmatched.len()
        ));
        for u in &c.unmatched {
            out.push_str(&format!("  □ {} — {}\n", u.file, u.reason));
        }
    }
    if !c.after_as_of.is_empty() {
        out.push_str(&format!(
            "\nKhông tính {} báo cáo ghi ngày sau ngày {}:\n",
            c.after_as_of.len(),
            date_vi(c.as_of)
        ));
        for f in &c.after_as_of {
            out.push_str(&format!("  {f}\n"));
        }
    }
    let by_file = c.dated_by_file_time();
    if by_file > 0 {
        out.push_str(&format!(
            "\nGhi chú: {by_file} đơn vị không ghi ngày báo cáo trên biểu mẫu; dùng ngày sửa tệp (ghi “ngày tệp”).\n"
        ));
    }
    if !c.roster_problems.is_empty() {
        out.push_str(&format!(
            "\nDanh sách đơn vị có {} dòng lỗi, không được tính:\n",
            c.roster_problems.len()
        ));
        for p in &c.roster_problems {
            out.push_str(&format!("  {p}\n"));
        }
    }
    out
}

/// The JSON document of `status --format json`.
pub fn json(c: &Completeness) -> String {
    super::json(&super::StatusDoc::of(c))
}
