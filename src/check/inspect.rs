//! Read and check files, in parallel, each isolated: what check, merge and status all start from.

use crate::check::rules::{self, Issue};
use crate::outline::{Outline, Role};
use crate::read::{self, Identity, UnitCells};
use crate::record::{Value, Values};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One unit of a file after the rules.
#[derive(Debug, Clone)]
pub struct UnitResult {
    pub values: Values,
    pub issues: Vec<Issue>,
    /// For units read from a summary: the return file recorded there.
    pub origin: Option<String>,
    pub prior_status: Option<String>,
    /// The raw cells, kept only when asked (feedback files need them).
    pub cells: Option<UnitCells>,
    /// Name to show: the first name field the unit filled (reporting body, unit), else its code.
    pub name: Option<String>,
    /// Where the fields the `[[peers]]` checks read are ("Sheet!A1"), kept when the cells are not.
    pub at: BTreeMap<String, String>,
}

impl UnitResult {
    pub fn has_errors(&self) -> bool {
        self.issues
            .iter()
            .any(|i| i.severity == crate::outline::Severity::Error)
    }
    /// Name to show: the reporting body's name, else the unit's name, else its code.
    pub fn name(&self) -> Option<String> {
        self.name.clone()
    }
}

/// The name a unit is shown by: its first name field (by role), else its code.
pub fn name_of(o: &Outline, values: &Values) -> Option<String> {
    o.name_keys()
        .into_iter()
        .chain(o.role_key(Role::UnitCode))
        .find_map(|k| values.get(k).and_then(Value::as_text).map(str::to_string))
}

/// One input file after reading and checking.
#[derive(Debug, Clone)]
pub struct Inspected {
    pub path: PathBuf,
    pub sha256: String,
    pub modified: Option<chrono::NaiveDateTime>,
    pub identity: Option<Identity>,
    /// Set when the file could not be read at all (Vietnamese, says what to do).
    pub unreadable: Option<String>,
    /// Findings about the file as a whole (identity, how fields were found).
    pub file_issues: Vec<Issue>,
    pub units: Vec<UnitResult>,
}

impl Inspected {
    pub fn is_summary(&self) -> bool {
        self.identity
            .as_ref()
            .is_some_and(|i| i.kind == read::WorkbookKind::Summary)
    }

    /// "ok", "warning", "error" or "unreadable".
    pub fn status(&self) -> &'static str {
        if self.unreadable.is_some() {
            return "unreadable";
        }
        let all: Vec<Issue> = self.all_issues().cloned().collect();
        rules::status(&all)
    }

    pub fn all_issues(&self) -> impl Iterator<Item = &Issue> {
        self.file_issues
            .iter()
            .chain(self.units.iter().flat_map(|u| u.issues.iter()))
    }

    /// What the file is about, for reports.
    pub fn unit_label(&self) -> Option<String> {
        if self.is_summary() {
            return Some(format!("tệp tổng hợp ({} đơn vị)", self.units.len()));
        }
        self.units.first().and_then(UnitResult::name)
    }

    pub fn outline_label(&self) -> Option<String> {
        let id = self.identity.as_ref()?;
        match (&id.campaign, &id.version) {
            (Some(c), Some(v)) => Some(format!("{c} v{v}")),
            (Some(c), None) => Some(c.clone()),
            _ => None,
        }
    }
}

/// Longest text a spreadsheet cell holds (Excel's limit). A file written by another program can hold
/// more; such an answer is cut here, once, so that every output (feedback, summary) can be written.
pub const MAX_CELL_TEXT: usize = 32_767;

/// Cut every text value longer than [`MAX_CELL_TEXT`], saying so at its end.
pub fn fit_texts(values: &mut Values) {
    const MARK: &str = " … (đã cắt bớt)";
    for v in values.values_mut() {
        if let Value::Text(t) = v
            && t.len() > MAX_CELL_TEXT
            && t.chars().count() > MAX_CELL_TEXT
        {
            let kept: String = t
                .chars()
                .take(MAX_CELL_TEXT - MARK.chars().count())
                .collect();
            *t = format!("{kept}{MARK}");
        }
    }
}

/// What a command needs kept from each file besides its findings and values.
#[derive(Debug, Clone, Copy, Default)]
pub struct Need {
    /// The raw cells (feedback files).
    pub cells: bool,
    /// The file's SHA-256 (provenance sheet; telling a file sent twice from two reports).
    pub hash: bool,
}

/// Read and check one file; never panics outward, whatever the file holds.
pub fn inspect(path: &Path, o: &Outline, need: Need) -> Inspected {
    let check = |u: UnitCells, missing: &[String]| {
        let mut checked = rules::check_unit(o, &u, missing);
        fit_texts(&mut checked.values);
        // The cells the peer checks and the roster's name check name in their messages (the cells
        // themselves are not kept).
        let at = o
            .peers
            .iter()
            .flat_map(|c| c.keys())
            .chain(o.name_keys())
            .filter_map(|k| Some((k.to_string(), u.cells.get(k)?.at.to_string())))
            .collect();
        UnitResult {
            at,
            name: name_of(o, &checked.values),
            values: checked.values,
            issues: checked.issues,
            origin: u.origin.clone(),
            prior_status: u.prior_status.clone(),
            cells: need.cells.then_some(u),
        }
    };
    // A summary's rows are checked as they are read: only their values and findings are kept.
    let mut units = Vec::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read::read_file(path, o, need.hash, &mut |u| units.push(check(u, &[])))
    }));
    let source = match result {
        Ok(Ok(s)) => s,
        Ok(Err(u)) => return unreadable(path, u.message),
        Err(_) => {
            return unreadable(
                path,
                "tệp có cấu trúc bất thường làm công cụ không đọc được (lỗi nội bộ đã được chặn): đề nghị đơn vị mở bằng Excel, lưu lại và gửi lại".into(),
            );
        }
    };
    let file_issues = rules::source_issues(o, &source);
    let missing = &source.missing;
    units.extend(source.units.into_iter().map(|u| check(u, missing)));
    Inspected {
        path: path.to_path_buf(),
        sha256: source.sha256,
        modified: source.modified,
        identity: Some(source.identity),
        unreadable: None,
        file_issues,
        units,
    }
}

fn unreadable(path: &Path, message: String) -> Inspected {
    Inspected {
        path: path.to_path_buf(),
        sha256: String::new(),
        modified: None,
        identity: None,
        unreadable: Some(message),
        file_issues: Vec::new(),
        units: Vec::new(),
    }
}

/// Inspect many files in parallel, results in the order of `files`; `tick` is called once per file.
pub fn inspect_all(
    files: &[PathBuf],
    o: &Outline,
    need: Need,
    tick: &(dyn Fn() + Sync),
) -> Vec<Inspected> {
    inspect_map(files, o, need, tick, |f| f)
}

/// Like `inspect_all`, but each result is reduced by `keep` on the worker thread, so a run over
/// thousands of files holds only what the caller needs (memory stays flat in the number of returns).
pub fn inspect_map<R: Send>(
    files: &[PathBuf],
    o: &Outline,
    need: Need,
    tick: &(dyn Fn() + Sync),
    keep: impl Fn(Inspected) -> R + Sync,
) -> Vec<R> {
    files
        .par_iter()
        .map(|p| {
            let r = keep(inspect(p, o, need));
            tick();
            r
        })
        .collect()
}

impl Inspected {
    /// Drop the values except those that name and date the unit and those the `[[peers]]` checks
    /// read (for commands that only report issues).
    pub fn keep_names_only(mut self, o: &Outline) -> Inspected {
        let keep: Vec<&str> = [
            Role::UnitCode,
            Role::UnionName,
            Role::UnitName,
            Role::ReportDate,
        ]
        .into_iter()
        .filter_map(|r| o.role_key(r))
        .chain(
            o.peers
                .iter()
                .flat_map(|c| c.keys().chain(c.group.as_deref())),
        )
        .collect();
        for u in &mut self.units {
            u.values.retain(|k, _| keep.contains(k));
        }
        self
    }
}

/// An inspected file whose values are packed (see `record::Frozen`): what a long run keeps per file.
pub struct Packed {
    file: Inspected,
    values: Vec<crate::record::Frozen>,
}

impl Packed {
    pub fn pack(mut file: Inspected) -> Packed {
        let values = file
            .units
            .iter_mut()
            .map(|u| crate::record::Frozen::freeze(&std::mem::take(&mut u.values)))
            .collect();
        Packed { file, values }
    }

    pub fn unpack(self) -> Inspected {
        let mut file = self.file;
        for (u, v) in file.units.iter_mut().zip(&self.values) {
            u.values = v.thaw();
        }
        file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_longer_than_a_cell_are_cut_once() {
        let mut v = Values::new();
        v.insert("a", Value::Text("đ".repeat(40_000)));
        v.insert("b", Value::Text("ngắn".into()));
        v.insert("c", Value::Number(1e300));
        fit_texts(&mut v);
        let a = v["a"].as_text().expect("text");
        assert_eq!(a.chars().count(), MAX_CELL_TEXT);
        assert!(a.starts_with("đđđ") && a.ends_with("… (đã cắt bớt)"));
        assert_eq!(v["b"].as_text(), Some("ngắn"));
        assert_eq!(v["c"], Value::Number(1e300));
        let again = v.clone();
        fit_texts(&mut v);
        assert_eq!(v, again);
    }
}
