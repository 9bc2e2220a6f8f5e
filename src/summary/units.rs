//! Which units count: every unit of every input (a return, or a row of an earlier summary), its status,
//! and what the merge did with it (merged, merged with errors, left out, dropped as a duplicate).

use super::aggregate::{Agg, Measure, Row};
use super::dedup::{self, Duplicate};
use crate::check::inspect::{Inspected, UnitResult};
use crate::check::rules::{self, Issue};
use crate::inputs::Skipped;
use crate::outline::{Outline, Role, Severity};
use crate::read::WorkbookKind;
use crate::record::Value;
use crate::value::fold;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// Key of the upper-level union field, used to order units and for "Theo cấp trên".
pub const PARENT_KEY: &str = "parent_union";
/// Key of the type of unit field, for "Theo loại hình".
pub const TYPE_KEY: &str = "unit_type";

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
        let key = o.role(Role::ReportDate).map_or("report_date", |f| &f.key);
        match self.result.values.get(key) {
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

/// One input file, for the provenance and check sheets.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub path: PathBuf,
    pub sha256: String,
    pub modified: Option<NaiveDateTime>,
    pub kind: Option<WorkbookKind>,
    /// "campaign vVERSION" the file carries.
    pub outline: Option<String>,
    /// "ok", "warning", "error" or "unreadable".
    pub status: &'static str,
    pub unreadable: Option<String>,
    /// Findings about the file as a whole.
    pub issues: Vec<Issue>,
    pub units: usize,
    /// The unit (return) or "tệp tổng hợp (N đơn vị)".
    pub label: Option<String>,
}

/// Everything the summary is made of.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    /// Every unit read, ordered by upper-level union, name, file.
    pub units: Vec<Unit>,
    /// Every input file, in input order.
    pub files: Vec<FileEntry>,
    pub duplicates: Vec<Duplicate>,
    pub skipped: Vec<Skipped>,
    pub include_errors: bool,
    /// Every figure over all counted units, computed once: the overview, the total column of each
    /// group sheet and the report printed all show it.
    pub(crate) totals: std::sync::OnceLock<Vec<(Measure, Agg)>>,
}

impl Merge {
    /// The units every figure is computed from.
    pub fn counted(&self) -> Vec<&Unit> {
        self.units
            .iter()
            .filter(|u| u.disposition.counted())
            .collect()
    }
    /// The units left out for errors, in the order of the input files.
    pub fn excluded(&self) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = self
            .units
            .iter()
            .filter(|u| u.disposition == Disposition::Excluded)
            .collect();
        out.sort_by_key(|u| u.pos);
        out
    }
    /// A path named on the command line did not exist.
    pub fn skipped_missing(&self) -> bool {
        self.skipped.iter().any(|s| s.missing)
    }

    pub fn unreadable(&self) -> Vec<&FileEntry> {
        self.files
            .iter()
            .filter(|f| f.unreadable.is_some())
            .collect()
    }
    /// The file a unit was read from.
    pub fn file_of(&self, u: &Unit) -> &FileEntry {
        &self.files[u.pos.0]
    }
    /// Every finding about a unit: its file's, then its own.
    pub fn issues_of<'a>(&'a self, u: &'a Unit) -> impl Iterator<Item = &'a Issue> {
        self.file_of(u).issues.iter().chain(u.result.issues.iter())
    }
    /// Every measure of `rows` over all counted units (`rows` always comes from the same outline).
    pub fn totals(&self, rows: &[Row]) -> &[(Measure, Agg)] {
        self.totals
            .get_or_init(|| super::aggregate::compute_all(rows, &self.counted()))
    }
    /// Latest modification time of the input files: what the figures are "as of".
    pub fn newest_input(&self) -> Option<NaiveDateTime> {
        self.files.iter().filter_map(|f| f.modified).max()
    }
}

fn worst(a: &'static str, b: Option<&str>) -> &'static str {
    match (a, b) {
        ("error", _) | (_, Some("error")) => "error",
        ("warning", _) | (_, Some("warning")) => "warning",
        _ => a,
    }
}

/// Turn inspected files into the merge: statuses, duplicates resolved, errors left out unless `include_errors`.
pub fn collect(
    o: &Outline,
    inspected: Vec<Inspected>,
    skipped: Vec<Skipped>,
    include_errors: bool,
) -> Merge {
    let mut files = Vec::new();
    let mut units = Vec::new();
    for (fi, f) in inspected.into_iter().enumerate() {
        let entry = FileEntry {
            path: f.path.clone(),
            sha256: f.sha256.clone(),
            modified: f.modified,
            kind: f.identity.as_ref().map(|i| i.kind),
            outline: f.outline_label(),
            status: f.status(),
            unreadable: f.unreadable.clone(),
            issues: f.file_issues.clone(),
            units: f.units.len(),
            label: f.unit_label(),
        };
        let from_summary = f.is_summary();
        let file_status = rules::status(&f.file_issues);
        for (ui, mut r) in f.units.into_iter().enumerate() {
            let mut status = worst(rules::status(&r.issues), Some(file_status));
            let prior = r.prior_status.clone();
            if prior.as_deref() == Some("error") && status != "error" {
                r.issues.push(Issue::file(
                    Severity::Error,
                    "prior_status",
                    format!(
                        "Tệp tổng hợp {} ghi nhận báo cáo này có lỗi (đã được đưa vào theo --include-errors ở cấp dưới): xem trang “Kiểm tra” của tệp đó.",
                        f.path.display()
                    ),
                ));
            }
            status = worst(status, prior.as_deref());
            let origin = match (&r.origin, from_summary) {
                (Some(o), true) => o.clone(),
                _ => f.path.display().to_string(),
            };
            r.cells = None;
            units.push(Unit {
                result: r,
                file: f.path.clone(),
                origin,
                status,
                modified: f.modified,
                from_summary,
                disposition: Disposition::Merged,
                pos: (fi, ui),
            });
        }
        files.push(entry);
    }
    sort_units(o, &mut units);
    let duplicates = dedup::resolve(o, &mut units);
    for u in &mut units {
        if u.disposition != Disposition::Dropped && u.status == "error" {
            u.disposition = if include_errors {
                Disposition::MergedWithErrors
            } else {
                Disposition::Excluded
            };
        }
    }
    Merge {
        units,
        files,
        duplicates,
        skipped,
        include_errors,
        totals: Default::default(),
    }
}

/// Position of a unit's value among a choice field's options (unknown last).
pub fn option_index(o: &Outline, key: &str, value: Option<&str>) -> usize {
    let options = o
        .field(key)
        .and_then(|f| f.choices.clone())
        .unwrap_or_default();
    value
        .and_then(|v| options.iter().position(|x| x == v))
        .unwrap_or(options.len())
}

fn sort_units(o: &Outline, units: &mut [Unit]) {
    units.sort_by_cached_key(|u| {
        (
            option_index(o, PARENT_KEY, u.text(PARENT_KEY)),
            fold(&u.name()),
            u.file.clone(),
            u.origin.clone(),
        )
    });
}
