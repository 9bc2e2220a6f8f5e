//! The one findings model: the serde data `check`, `merge` and `status` print as JSON, which the table
//! printers read too. A finding is a `check::rules::Issue` (severity, rule, field, cell, value, message)
//! wherever it is printed; with `--roster`, check and merge carry the status document under `roster`.

use super::sentence;
use crate::check::inspect::Inspected;
use crate::check::rules::Issue;
use crate::check::{Completeness, DateSource, Figures, Status};
use crate::inputs::Skipped;
use crate::outline::Severity;
use serde::Serialize;
use serde::ser::SerializeMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What `check` found: every file with its findings, the paths passed over, the count of files per
/// status, and with `--roster` the status document.
#[derive(Serialize)]
pub struct Findings<'a> {
    pub files: Vec<FileFindings<'a>>,
    pub skipped: &'a [Skipped],
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<RosterPart<'a>>,
    /// What the run says once about the whole set (why units were not compared with peers).
    pub notes: Vec<String>,
}

/// One file: what it is, its status, and its findings (file-level first, then in form order).
#[derive(Serialize)]
pub struct FileFindings<'a> {
    pub path: String,
    pub unit: Option<String>,
    pub outline: Option<String>,
    /// "ok", "warning", "error" or "unreadable".
    pub status: &'static str,
    /// For an unreadable file: one finding with rule "unreadable" that says why.
    pub issues: Vec<Cow<'a, Issue>>,
}

/// Files per status.
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

/// A file that could not be read, as one finding, so JSON readers see it like the others.
pub fn unreadable_issue(message: &str) -> Issue {
    Issue::file(Severity::Error, "unreadable", sentence(message))
}

impl<'a> Findings<'a> {
    pub fn new(
        files: &'a [Inspected],
        skipped: &'a [Skipped],
        roster: Option<&'a Completeness>,
    ) -> Findings<'a> {
        Findings {
            files: files
                .iter()
                .map(|f| FileFindings {
                    path: f.path.display().to_string(),
                    unit: f.unit_label(),
                    outline: f.outline_label(),
                    status: f.status(),
                    issues: match &f.unreadable {
                        Some(m) => vec![Cow::Owned(unreadable_issue(m))],
                        None => f.all_issues().map(Cow::Borrowed).collect(),
                    },
                })
                .collect(),
            skipped,
            summary: Summary::of(files),
            roster: roster.map(RosterPart),
            notes: Vec::new(),
        }
    }

    /// The run's notes, printed once after the files.
    pub fn with_notes(mut self, notes: Vec<String>) -> Findings<'a> {
        self.notes = notes;
        self
    }

    /// A file with errors or unreadable, or a path named that does not exist (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.summary.error + self.summary.unreadable > 0 || self.skipped.iter().any(|s| s.missing)
    }
}

impl FileFindings<'_> {
    /// (errors, warnings)
    pub fn count(&self) -> (usize, usize) {
        let e = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        (e, self.issues.len() - e)
    }
}

/// What `merge` did: units merged and left out, duplicates, and every figure overall, per type and per
/// upper level (JSON keys of the outline's fields), with `--roster` the status document.
#[derive(Serialize)]
pub struct MergeReport<'a> {
    pub units_merged: usize,
    pub units_excluded: usize,
    pub files_unreadable: usize,
    pub duplicates: Vec<DuplicateEntry>,
    pub totals: BTreeMap<String, f64>,
    pub by_type: BTreeMap<String, BTreeMap<String, f64>>,
    pub by_parent: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roster: Option<RosterPart<'a>>,
    /// Figures far from their peers' (`[[peers]]` findings on counted units), in unit order.
    pub peers: Vec<PeerEntry>,
    /// What the run says once about the whole set (why units were not compared with peers).
    pub notes: Vec<String>,
}

/// One figure far from its peers', in `merge`'s JSON: the file the unit's figures came from, the
/// unit, and the finding.
#[derive(Serialize)]
pub struct PeerEntry {
    pub file: String,
    pub unit: Option<String>,
    #[serde(flatten)]
    pub issue: Issue,
}

/// One unit found more than once: the file used and the files not used.
#[derive(Serialize)]
pub struct DuplicateEntry {
    pub unit: String,
    pub kept: String,
    pub dropped: Vec<String>,
    /// Why `kept` was chosen (Vietnamese).
    pub reason: String,
    /// Two returns without errors, of the same report date, disagree: the officer must ask.
    pub conflict: bool,
}

/// The completeness inside another document: serialised as the status document.
pub struct RosterPart<'a>(pub &'a Completeness);

impl Serialize for RosterPart<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StatusDoc::of(self.0).serialize(s)
    }
}

/// `status`'s document: every roster unit on the day, the returns that match none, and the figures.
#[derive(Serialize)]
pub struct StatusDoc<'a> {
    pub as_of: String,
    pub deadline: String,
    pub units: Vec<UnitEntry<'a>>,
    pub unmatched: Vec<&'a str>,
    pub unmatched_detail: Vec<UnmatchedEntry<'a>>,
    pub after_as_of: &'a [String],
    pub roster_problems: &'a [String],
    pub by_parent: Groups<'a>,
    pub by_type: Groups<'a>,
    pub total: FiguresEntry,
}

#[derive(Serialize)]
pub struct UnitEntry<'a> {
    pub code: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub unit_type: &'a str,
    pub parent: &'a str,
    pub status: Status,
    pub status_label: &'static str,
    pub date: Option<String>,
    pub date_source: Option<DateSource>,
    pub file: Option<&'a str>,
    pub files: &'a [String],
}

#[derive(Serialize)]
pub struct UnmatchedEntry<'a> {
    pub file: &'a str,
    pub reason: &'a str,
}

#[derive(Serialize)]
pub struct FiguresEntry {
    pub expected: usize,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub with_errors: usize,
    pub duplicates: usize,
    pub percent_reported: f64,
    pub percent_on_time: f64,
}

impl From<&Figures> for FiguresEntry {
    fn from(f: &Figures) -> Self {
        FiguresEntry {
            expected: f.expected,
            on_time: f.on_time,
            late: f.late,
            missing: f.missing,
            with_errors: f.with_errors,
            duplicates: f.duplicates,
            percent_reported: f.percent_reported(),
            percent_on_time: f.percent_on_time(),
        }
    }
}

/// Groups as a JSON object, in outline order.
pub struct Groups<'a>(pub &'a [(String, Figures)]);

impl Serialize for Groups<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (label, f) in self.0 {
            m.serialize_entry(label, &FiguresEntry::from(f))?;
        }
        m.end()
    }
}

impl<'a> StatusDoc<'a> {
    pub fn of(c: &'a Completeness) -> StatusDoc<'a> {
        StatusDoc {
            as_of: c.as_of.to_string(),
            deadline: c.deadline.to_string(),
            units: c
                .units
                .iter()
                .map(|u| UnitEntry {
                    code: &u.code,
                    name: &u.name,
                    unit_type: &u.unit_type,
                    parent: &u.parent,
                    status: u.status,
                    status_label: u.status.label_vi(),
                    date: u.date.map(|d| d.to_string()),
                    date_source: u.date_source,
                    file: u.files.first().map(String::as_str),
                    files: &u.files,
                })
                .collect(),
            unmatched: c.unmatched.iter().map(|u| u.file.as_str()).collect(),
            unmatched_detail: c
                .unmatched
                .iter()
                .map(|u| UnmatchedEntry {
                    file: &u.file,
                    reason: &u.reason,
                })
                .collect(),
            after_as_of: &c.after_as_of,
            roster_problems: &c.roster_problems,
            by_parent: Groups(&c.by_parent),
            by_type: Groups(&c.by_type),
            total: FiguresEntry::from(&c.total),
        }
    }
}

/// Any document of this model as pretty JSON (one document, no trailing newline).
pub fn json<T: Serialize>(doc: &T) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
