//! One findings model and its printers: the serde data of check, merge and status (`model`), the check
//! table, the status table (`status`), the feedback workbook (`feedback`), and the words they share.

pub mod docx;
pub mod feedback;
pub mod model;
pub mod status;
mod table;

#[cfg(test)]
mod tests;

use crate::check::rules::Issue;
use crate::outline::{Outline, Severity};

pub use model::{
    DuplicateEntry, FileFindings, Findings, MergeReport, RosterPart, StatusDoc, Summary, json,
    unreadable_issue,
};
pub use table::table;

/// A message as a sentence: its first letter in upper case.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
