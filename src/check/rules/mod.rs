//! The one rule engine: a unit's raw cells → clean values and findings (per field, then the outline's rules).

mod cross;
mod field;

use crate::outline::{Outline, Severity};
use crate::read::{FoundBy, Source, UnitCells};
use crate::record::{Value, Values};
use serde::Serialize;

/// One finding, as the unit must read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// "required", "type", "ambiguous", "min", "max", "soft_max", "choice", "normalized",
    /// "not_found", "campaign", "version", "found_by", or the id of an outline rule.
    pub rule: String,
    /// Outline key; None for file-level issues.
    pub field: Option<String>,
    /// "Sheet!A1" where the value actually is.
    pub cell: Option<String>,
    /// The value as found, for the officer to recognise it.
    pub value: Option<String>,
    pub message: String,
}

impl Issue {
    pub fn file(severity: Severity, rule: &str, message: String) -> Issue {
        Issue {
            severity,
            rule: rule.to_string(),
            field: None,
            cell: None,
            value: None,
            message,
        }
    }
}

/// A unit after the rules: its values and its findings.
#[derive(Debug, Clone)]
pub struct Checked {
    pub values: Values,
    pub issues: Vec<Issue>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

/// A raw cell as the officer would recognise it.
pub fn show_raw(raw: &crate::value::Raw) -> String {
    match raw {
        crate::value::Raw::Text(t) => t.clone(),
        other => field::show(other),
    }
}

/// File-level findings: identity of the form and how fields were found.
pub fn source_issues(o: &Outline, s: &Source) -> Vec<Issue> {
    let mut out = Vec::new();
    match &s.identity.campaign {
        Some(c) if c != &o.campaign.id => out.push(Issue::file(
            Severity::Error,
            "campaign",
            format!(
                "Đây là biểu mẫu của đợt báo cáo khác (mã “{c}”), không phải “{}”: đề nghị đơn vị điền vào biểu mẫu của đợt này.",
                o.campaign.name
            ),
        )),
        None => out.push(Issue::file(
            Severity::Warning,
            "campaign",
            "Tệp không mang dấu nhận biết của biểu mẫu sokết (trang ẩn “_soket”): các ô được tìm theo cột khóa hoặc theo nội dung dòng.".into(),
        )),
        _ => {}
    }
    if let (Some(v), Some(c)) = (&s.identity.version, &s.identity.campaign)
        && c == &o.campaign.id
        && v != &o.campaign.version
    {
        out.push(Issue::file(
                Severity::Warning,
                "version",
                format!(
                    "Biểu mẫu phiên bản {v}, khác phiên bản hiện hành {}: các ô vẫn được đọc theo tên; nên dùng biểu mẫu mới cho lần gửi sau.",
                    o.campaign.version
                ),
            ));
    }
    for (by, keys) in &s.found_other_than_by_name {
        let how = match by {
            FoundBy::KeyColumn => "theo cột khóa ẩn (tên ô đã bị mất)",
            _ => "theo nội dung dòng (tên ô và cột khóa đã bị mất)",
        };
        out.push(Issue::file(
            Severity::Warning,
            "found_by",
            format!(
                "{} ô được tìm {how}: nên kiểm tra lại các ô này, ví dụ {}.",
                keys.len(),
                sample(o, s, keys)
            ),
        ));
    }
    out
}

/// "“Tổng số người” ở Báo cáo!C21; …" for the first few fields.
fn sample(o: &Outline, s: &Source, keys: &[String]) -> String {
    let cell_of = |k: &str| {
        s.units
            .first()
            .and_then(|u| u.cells.get(k))
            .map(|c| c.at.to_string())
    };
    let out: Vec<String> = keys
        .iter()
        .take(3)
        .map(|k| {
            let label = o.field(k).map_or(k.as_str(), |f| f.label.as_str());
            match cell_of(k) {
                Some(at) => format!("“{label}” ở {at}"),
                None => format!("“{label}”"),
            }
        })
        .collect();
    let mut text = out.join("; ");
    if keys.len() > 3 {
        text.push_str(&format!(" và {} ô khác", keys.len() - 3));
    }
    text
}

/// Apply every rule of the outline to one unit.
pub fn check_unit(o: &Outline, unit: &UnitCells, missing: &[String]) -> Checked {
    let mut issues = Vec::new();
    let values = field::values(o, unit, missing, &mut issues);
    cross::apply(o, unit, &values, &mut issues);
    report_number(o, unit, &values, &mut issues);
    // In the order of the form, as the unit reads it; findings with no cell last.
    issues.sort_by_key(|i| {
        i.field
            .as_deref()
            .and_then(|k| unit.cells.get(k))
            .map_or((1, String::new(), 0, 0), |c| {
                (0, c.at.sheet.clone(), c.at.row, c.at.col)
            })
    });
    Checked { values, issues }
}

/// A report number typed with a suffix other than the outline's ("15/BC-X" where the number reads
/// "…/BC-XY"): printed as typed, so the unit is told (issue 15.3).
fn report_number(o: &Outline, unit: &UnitCells, values: &Values, issues: &mut Vec<Issue>) {
    let Some(key) = o.role_key(crate::outline::Role::ReportNumber) else {
        return;
    };
    let Some(typed) = values.get(key).and_then(Value::as_text) else {
        return;
    };
    let d = &o.document;
    let Some(suffix) = d.foreign_suffix(typed) else {
        return;
    };
    issues.push(Issue {
        severity: Severity::Warning,
        rule: "report_number".into(),
        field: Some(key.to_string()),
        cell: unit.cells.get(key).map(|c| c.at.to_string()),
        value: Some(typed.to_string()),
        message: format!(
            "Số văn bản “{}” có phần “{}” khác ký hiệu của biểu mẫu (“{}”): chỉ ghi số (ví dụ 15), hoặc ghi đủ đúng ký hiệu (ví dụ 15{}).",
            crate::value::quote(typed, 40),
            crate::value::quote(suffix, 40),
            d.number_suffix,
            d.number_suffix
        ),
    });
}

/// Worst severity of a list, for a file's status.
pub fn status(issues: &[Issue]) -> &'static str {
    if issues.iter().any(|i| i.severity == Severity::Error) {
        "error"
    } else if issues.is_empty() {
        "ok"
    } else {
        "warning"
    }
}

#[cfg(test)]
mod tests;
