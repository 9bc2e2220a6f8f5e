//! Findings of `check` as a table for the officer or as one JSON document for other programs.

use crate::check::inspect::Inspected;
use crate::check::rules::Issue;
use crate::inputs::Skipped;
use crate::outline::{Outline, Severity};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

pub mod feedback;
pub mod status;

#[derive(Serialize)]
pub struct FileJson<'a> {
    pub path: String,
    pub unit: Option<String>,
    pub outline: Option<String>,
    pub status: &'static str,
    pub issues: Vec<&'a Issue>,
}

#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub warning: usize,
    pub error: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn of(files: &[Inspected]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for f in files {
            match f.status() {
                "ok" => s.ok += 1,
                "warning" => s.warning += 1,
                "error" => s.error += 1,
                _ => s.unreadable += 1,
            }
        }
        s
    }
}

#[derive(Serialize)]
pub struct CheckJson<'a> {
    pub files: Vec<FileJson<'a>>,
    pub skipped: &'a [Skipped],
    pub summary: Summary,
}

/// File-level unreadable messages become one issue so JSON readers see them like others.
pub fn unreadable_issue(message: &str) -> Issue {
    Issue::file(Severity::Error, "unreadable", sentence(message))
}

/// A message as a sentence: its first letter in upper case.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn json(files: &[Inspected], skipped: &[Skipped]) -> String {
    let unreadable: Vec<Issue> = files
        .iter()
        .map(|f| unreadable_issue(f.unreadable.as_deref().unwrap_or("")))
        .collect();
    let out = CheckJson {
        files: files
            .iter()
            .zip(&unreadable)
            .map(|(f, u)| FileJson {
                path: f.path.display().to_string(),
                unit: f.unit_label(),
                outline: f.outline_label(),
                status: f.status(),
                issues: if f.unreadable.is_some() {
                    vec![u]
                } else {
                    f.all_issues().collect()
                },
            })
            .collect(),
        skipped,
        summary: Summary::of(files),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}

pub fn severity_vi(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Lỗi",
        Severity::Warning => "Cảnh báo",
    }
}

pub fn status_vi(status: &str) -> &'static str {
    match status {
        "ok" => "đạt",
        "warning" => "đạt, có cảnh báo",
        "error" => "có lỗi — cần sửa",
        _ => "không đọc được",
    }
}

/// Label of the field an issue is about, for people.
pub fn field_label(o: &Outline, i: &Issue) -> String {
    i.field
        .as_deref()
        .and_then(|k| o.field(k))
        .map(|f| f.label.clone())
        .unwrap_or_else(|| "(cả tệp)".into())
}

/// Width of the printed table: the terminal's, else `COLUMNS`, else 100 characters.
fn table_width() -> u16 {
    Table::new()
        .width()
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(100)
        .clamp(60, 400)
}

/// The message without its leading "“label”: ", for places that show the label in a column of its own.
pub fn message_beside_label(o: &Outline, i: &Issue) -> String {
    let Some(f) = i.field.as_deref().and_then(|k| o.field(k)) else {
        return i.message.clone();
    };
    match i.message.strip_prefix(&format!("“{}”: ", f.label)) {
        Some(rest) => sentence(rest),
        None => i.message.clone(),
    }
}

pub fn table(o: &Outline, files: &[Inspected], skipped: &[Skipped]) -> String {
    let width = table_width();
    let mut out = String::new();
    for f in files {
        let unit = f.unit_label().unwrap_or_else(|| "(chưa rõ đơn vị)".into());
        out.push_str(&format!(
            "\n■ {} — {} — {}\n",
            f.path.display(),
            unit,
            status_vi(f.status())
        ));
        if let Some(msg) = &f.unreadable {
            out.push_str(&format!("  Lỗi: {}\n", sentence(msg)));
            continue;
        }
        let issues: Vec<&Issue> = f.all_issues().collect();
        if issues.is_empty() {
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
        for i in issues {
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
        let (e, w) = count(f);
        out.push_str(&format!("  {} lỗi, {} cảnh báo\n", e, w));
    }
    for s in skipped {
        out.push_str(&format!("\n□ {} — {}\n", s.path.display(), s.reason));
    }
    let s = Summary::of(files);
    out.push_str(&format!(
        "\nTổng cộng: {} tệp — {} đạt, {} đạt có cảnh báo, {} có lỗi, {} không đọc được; {} tệp bỏ qua.\n",
        s.files,
        s.ok,
        s.warning,
        s.error,
        s.unreadable,
        skipped.len()
    ));
    out
}

pub fn count(f: &Inspected) -> (usize, usize) {
    let e = f
        .all_issues()
        .filter(|i| i.severity == Severity::Error)
        .count();
    (e, f.all_issues().count() - e)
}
