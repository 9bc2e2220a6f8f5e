//! Showing a `Completeness`: the terminal table (whole picture, or the figures alone) and the JSON
//! document (`model::StatusDoc`).

use crate::check::{Completeness, DateSource, Figures, UnitStatus};
use crate::value::format_vi;
use chrono::NaiveDate;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

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
    figures_within(c, None)
}

/// [`figures`] within `width` columns (None: 160).
fn figures_within(c: &Completeness, width: Option<usize>) -> String {
    let width = width.map_or(160, |w| w.clamp(40, 400) as u16);
    let mut out = String::new();
    out.push_str(&format!(
        "\nTheo công đoàn cấp trên:\n{}\n",
        figures_table("Công đoàn cấp trên", &c.by_parent, &c.total, width)
    ));
    out.push_str(&format!(
        "\nTheo loại hình đơn vị:\n{}\n",
        figures_table("Loại hình đơn vị", &c.by_type, &c.total, width)
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

fn figures_table(what: &str, groups: &[(String, Figures)], total: &Figures, width: u16) -> Table {
    let header = [
        what,
        "Phải nộp",
        "Đúng hạn",
        "Trễ hạn",
        "Chưa nộp",
        "Có lỗi",
        "Trùng",
        "Đã nộp",
        "Đúng hạn (%)",
    ];
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
    let mut rows: Vec<Vec<String>> = groups.iter().map(|(l, f)| row(l, f)).collect();
    rows.push(row("Tổng cộng", total));
    let mut t = Table::new();
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    t.set_header(header.to_vec());
    for r in &rows {
        t.add_row(r.clone());
    }
    let natural: usize = t
        .column_max_content_widths()
        .iter()
        .map(|&w| usize::from(w) + 3)
        .sum::<usize>()
        + 1;
    for (i, head) in header.iter().enumerate().skip(1) {
        // Too wide for the screen: the figures keep their width and headers break between words,
        // so the group names get the room left.
        let narrow = head
            .split_whitespace()
            .chain(rows.iter().map(|r| r[i].as_str()))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1) as u16;
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
            if natural > usize::from(width) {
                col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(narrow + 2)));
            }
        }
    }
    t
}

/// The whole picture: heading, every unit, notes, and the figures, within `width` columns (the
/// terminal's; None: no limit).
pub fn table(c: &Completeness, width: Option<usize>) -> String {
    let text = format!(
        "{}\n{}\n{}{}",
        heading(c),
        units(c, width),
        notes(c),
        figures_within(c, width)
    );
    match width {
        Some(w) => text.lines().map(|l| wrap(l, w) + "\n").collect(),
        None => text,
    }
}

/// A line of prose broken between words to fit `width`, the next lines indented two more spaces than
/// the first; table lines are left as they are.
fn wrap(line: &str, width: usize) -> String {
    if line.chars().count() <= width || line.starts_with(['+', '|']) {
        return line.to_string();
    }
    let indent = line.len() - line.trim_start().len();
    let next = " ".repeat(indent + 2);
    let mut out = line[..indent].to_string();
    let mut len = indent;
    for word in line.split_whitespace() {
        let w = word.chars().count();
        if len > indent && len + 1 + w > width {
            out.push('\n');
            out.push_str(&next);
            len = next.len();
        } else if len > indent {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += w;
    }
    out
}

/// `status`'s table: the whole picture within `width` columns, then the paths passed over.
pub fn table_and_skipped(
    c: &Completeness,
    skipped: &[crate::inputs::Skipped],
    width: Option<usize>,
) -> String {
    let mut out = table(c, width);
    for s in skipped {
        out.push_str(&format!("□ {} — {}\n", s.path.display(), s.reason));
    }
    out
}

const UNIT_COLUMNS: [&str; 6] = [
    "Mã",
    "Tên đơn vị",
    "Công đoàn cấp trên",
    "Tình trạng",
    "Ngày báo cáo",
    "Tệp",
];
/// Within a narrow screen the files go first; names are cut to this before the upper level goes too.
const NAME_KEEP: usize = 30;
/// Names are never cut shorter than this.
const NAME_MIN: usize = 16;
const NAME: usize = 1;
const PARENT: usize = 2;
const FILES: usize = 5;

/// Every unit, one line each: code, name, upper level, status, date, files. Within `width`, the files
/// are left out, names cut, then the upper level left out, with a line saying so.
pub fn units(c: &Completeness, width: Option<usize>) -> String {
    let rows: Vec<[String; 6]> = c
        .units
        .iter()
        .map(|u| {
            [
                u.code.clone(),
                u.name.clone(),
                u.parent.clone(),
                u.status.label_vi().to_string(),
                unit_date(u),
                u.files.join(", "),
            ]
        })
        .collect();
    let mut keep: Vec<usize> = (0..UNIT_COLUMNS.len()).collect();
    let text = units_table(&rows, &keep, None);
    let Some(width) = width else {
        return text;
    };
    if line_width(&text) <= width {
        return text;
    }
    keep.retain(|&k| k != FILES);
    let longest = rows
        .iter()
        .map(|r| r[NAME].chars().count())
        .max()
        .unwrap_or(0);
    // The names cut to fit `width` with the columns kept, if they need not be shorter than `least`.
    let fit = |keep: &[usize], least: usize| -> Option<(String, bool)> {
        let full = units_table(&rows, keep, None);
        let over = line_width(&full).saturating_sub(width);
        if over == 0 {
            return Some((full, false));
        }
        let name = longest.saturating_sub(over);
        (name >= least).then(|| (units_table(&rows, keep, Some(name)), true))
    };
    let (text, cut) = match fit(&keep, NAME_KEEP) {
        Some(done) => done,
        None => {
            keep.retain(|&k| k != PARENT);
            fit(&keep, NAME_MIN)
                .unwrap_or_else(|| (units_table(&rows, &keep, Some(NAME_MIN)), true))
        }
    };
    let dropped: Vec<&str> = [FILES, PARENT]
        .iter()
        .filter(|c| !keep.contains(c))
        .map(|&c| UNIT_COLUMNS[c])
        .collect();
    let mut what = vec![format!("bỏ cột {}", dropped.join(", "))];
    if cut {
        what.push("cắt bớt tên đơn vị".to_string());
    }
    format!(
        "{text}\nBảng rút gọn cho vừa {width} cột: {}.\nĐủ các cột: --format json, hoặc trang “Tình hình nộp” của tệp merge --roster.\n",
        what.join(", ")
    )
}

/// One line per unit (no wrapping), so the list can be searched and filtered line by line.
fn units_table(rows: &[[String; 6]], keep: &[usize], name_max: Option<usize>) -> String {
    let mut t = Table::new();
    t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(keep.iter().map(|&k| UNIT_COLUMNS[k]));
    for r in rows {
        t.add_row(keep.iter().map(|&k| match name_max {
            Some(max) if k == NAME => clip(&r[k], max),
            _ => r[k].clone(),
        }));
    }
    t.to_string()
}

/// The widest line, in characters (Vietnamese letters take one column each).
fn line_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// At most `max` characters, the last one "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
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
