//! Which units count: every input file's units, their status, duplicates resolved, errors left out.

use super::aggregate::{Agg, Measure, Row};
use super::dedup::{self, Duplicate};
use super::units::{Disposition, Unit, sort_units};
use crate::check::inspect::Inspected;
use crate::check::rules::{self, Issue};
use crate::inputs::Skipped;
use crate::outline::{Outline, Severity};
use crate::read::WorkbookKind;
use chrono::NaiveDateTime;
use std::path::PathBuf;

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
    /// Why some counted units were not compared with their peers, said once.
    pub peers_note: Option<String>,
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
    /// Compare every counted unit with its peers (`[[peers]]`), after duplicates and errors are
    /// resolved: findings are added to the units (and their status), not to who is counted.
    pub fn compare_peers(&mut self, o: &Outline) {
        let mut counted: Vec<&mut Unit> = self
            .units
            .iter_mut()
            .filter(|u| u.disposition.counted())
            .collect();
        let mut results: Vec<&mut crate::check::inspect::UnitResult> =
            counted.iter_mut().map(|u| &mut u.result).collect();
        self.peers_note = crate::check::peers::apply(o, &mut results);
        for u in counted {
            u.status = worst(u.status, Some(rules::status(&u.result.issues)));
        }
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
        peers_note: None,
    }
}
