//! One unit as the summary sees it (a return, or a row of an earlier summary): its values, status,
//! where it was read, and what the merge did with it (merged, merged with errors, left out, dropped).

use crate::check::inspect::UnitResult;
use crate::outline::{Outline, Role};
use crate::record::Value;
use crate::value::fold;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// What the merge did with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Counted in every figure.
    Merged,
    /// Counted although it has errors (`--include-errors`).
    MergedWithErrors,
    /// Left out of the figures because it has errors.
    Excluded,
    /// Another report of the same unit was used instead.
    Dropped,
}

impl Disposition {
    pub fn counted(self) -> bool {
        matches!(self, Self::Merged | Self::MergedWithErrors)
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Merged => "Đã tổng hợp",
            Self::MergedWithErrors => "Đã tổng hợp dù có lỗi (--include-errors)",
            Self::Excluded => "Không tổng hợp vì có lỗi",
            Self::Dropped => "Không dùng vì trùng đơn vị",
        }
    }
}

/// One unit as the summary sees it.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Values and issues from the rules (cells are never kept).
    pub result: UnitResult,
    /// The input file it was read from (a return, or a summary).
    pub file: PathBuf,
    /// The return it came from: the file itself, or what the summary recorded in `_file`.
    pub origin: String,
    /// "ok", "warning" or "error", counting file-level findings and the status a summary recorded.
    pub status: &'static str,
    /// Modification time of the input file.
    pub modified: Option<NaiveDateTime>,
    pub from_summary: bool,
    pub disposition: Disposition,
    /// (index of the file among the inputs, index of the unit in the file): the reading order.
    pub pos: (usize, usize),
}

impl Unit {
    /// Name to show: union name, else unit name, else code.
    pub fn name(&self) -> String {
        self.result
            .name()
            .unwrap_or_else(|| "(chưa rõ tên đơn vị)".into())
    }
    pub fn text(&self, key: &str) -> Option<&str> {
        self.result.values.get(key).and_then(Value::as_text)
    }
    pub fn number(&self, key: &str) -> Option<f64> {
        self.result.values.get(key).and_then(Value::as_number)
    }
    pub fn report_date(&self, o: &Outline) -> Option<NaiveDate> {
        match self.result.values.get(o.role_key(Role::ReportDate)?) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }
    /// Where the unit was read, for people: the file, and for a summary row the return it names.
    pub fn source(&self) -> String {
        let file = self.file.display().to_string();
        if self.from_summary && self.origin != file {
            format!(
                "{file} (dòng của tệp tổng hợp; báo cáo gốc: {})",
                self.origin
            )
        } else {
            file
        }
    }
}

/// Position of a value among the options of the choice field that has `role` (unknown last).
pub fn option_index(o: &Outline, role: Role, value: Option<&str>) -> usize {
    let options = o.role_choices(role);
    value
        .and_then(|v| options.iter().position(|x| x == v))
        .unwrap_or(options.len())
}

/// The unit's answer to the field that has `role`.
pub fn role_text<'a>(o: &Outline, u: &'a Unit, role: Role) -> Option<&'a str> {
    u.text(o.role_key(role)?)
}

pub(super) fn sort_units(o: &Outline, units: &mut [Unit]) {
    units.sort_by_cached_key(|u| {
        (
            option_index(o, Role::Parent, role_text(o, u, Role::Parent)),
            fold(&u.name()),
            u.file.clone(),
            u.origin.clone(),
        )
    });
}
