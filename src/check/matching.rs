//! Matching returns to roster units by their one identity (`identity`): unit code first, then name;
//! the rest is listed.
//!
//! A summary file counts row by row (each row is a unit, its file is the original return recorded
//! there). The same return seen twice (identical bytes, or a summary row whose original return was
//! also given) counts once.

use super::identity::{UnitIdentity, code_key};
use crate::check::inspect::{Inspected, UnitResult};
use crate::outline::{Outline, Role};
use crate::record::Value;
use crate::roster::Roster;
use crate::value::quote;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a return's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The report date typed on the form (ngày … tháng … năm).
    Form,
    /// No report date on the form: the file's modification time.
    FileTime,
}

/// How a return was tied to its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Code,
    Name,
}

/// One return (or summary row) matched to a unit.
#[derive(Debug, Clone)]
pub struct Return {
    /// The input file (a return, or the summary the row came from).
    pub path: PathBuf,
    /// What to show as the file: the path, or for a summary row its original return.
    pub file: String,
    /// For a summary row: the original return recorded by the earlier merge.
    pub origin: Option<String>,
    pub sha256: String,
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub has_errors: bool,
    pub by: MatchedBy,
}

/// A return that matches no unit of the roster, with the reason (Vietnamese).
#[derive(Debug, Clone, Serialize)]
pub struct Unmatched {
    pub path: PathBuf,
    pub file: String,
    pub reason: String,
}

/// Returns per roster unit (same order as `Roster::units`), and the returns that match none.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    pub returns: Vec<Vec<Return>>,
    pub unmatched: Vec<Unmatched>,
}

fn base_name(s: &str) -> String {
    Path::new(s)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| s.to_lowercase())
}

struct Index {
    id: UnitIdentity,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Codes of bad roster rows → row number.
    bad_rows: HashMap<String, usize>,
}

impl Index {
    fn new(o: &Outline, roster: &Roster) -> Index {
        let id = UnitIdentity::new(o);
        let mut by_code = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in roster.units.iter().enumerate() {
            by_code.entry(code_key(&u.code)).or_insert(i);
            by_name.entry(id.name_key(&u.name)).or_default().push(i);
        }
        let bad_rows = roster
            .problems
            .iter()
            .filter(|p| !p.code.is_empty() && !by_code.contains_key(&code_key(&p.code)))
            .map(|p| (code_key(&p.code), p.row))
            .collect();
        Index {
            id,
            by_code,
            by_name,
            bad_rows,
        }
    }

    /// The unit of a return, or why there is none.
    fn find(&self, roster: &Roster, u: &UnitResult) -> Result<(usize, MatchedBy), String> {
        let code = self.id.code(&u.values);
        if let Some(&i) = code.and_then(|c| self.by_code.get(&code_key(c))) {
            return Ok((i, MatchedBy::Code));
        }
        let names = self.id.names(&u.values);
        for n in &names {
            match self.by_name.get(&self.id.name_key(n)).map(Vec::as_slice) {
                Some([i]) => return Ok((*i, MatchedBy::Name)),
                Some(many) if many.len() > 1 => {
                    let codes: Vec<&str> = many
                        .iter()
                        .map(|&i| roster.units[i].code.as_str())
                        .collect();
                    return Err(format!(
                        "tên “{}” khớp nhiều đơn vị trong danh sách ({}): đơn vị cần ghi mã đơn vị",
                        quote(n, 60),
                        codes.join(", ")
                    ));
                }
                _ => {}
            }
        }
        if let Some((c, row)) = code.and_then(|c| Some((c, self.bad_rows.get(&code_key(c))?))) {
            return Err(format!(
                "mã “{}” ở dòng {row} của danh sách đơn vị, nhưng dòng đó có lỗi nên không được tính: sửa danh sách rồi chạy lại",
                quote(c, 40)
            ));
        }
        let shown = names.first().map(|n| quote(n, 60));
        Err(match (code, shown) {
            (Some(c), Some(n)) => format!(
                "mã “{}” không có trong danh sách đơn vị; tên “{n}” cũng không khớp đơn vị nào",
                quote(c, 40)
            ),
            (Some(c), None) => format!(
                "mã “{}” không có trong danh sách đơn vị và báo cáo không ghi tên",
                quote(c, 40)
            ),
            (None, Some(n)) => {
                format!("không ghi mã đơn vị; tên “{n}” không khớp đơn vị nào trong danh sách")
            }
            (None, None) => "báo cáo không ghi mã và tên đơn vị".to_string(),
        })
    }
}

/// The date of a return: its report date, else the file's modification time.
fn date_of(
    f: &Inspected,
    u: &UnitResult,
    date_key: Option<&str>,
) -> (Option<NaiveDate>, Option<DateSource>) {
    match date_key.and_then(|k| u.values.get(k)) {
        Some(Value::Date(d)) => (Some(*d), Some(DateSource::Form)),
        _ => match f.modified {
            Some(t) => (Some(t.date()), Some(DateSource::FileTime)),
            None => (None, None),
        },
    }
}

/// Match every unit of every inspected file to the roster.
pub fn match_units(o: &Outline, roster: &Roster, files: &[Inspected]) -> Matching {
    let mut m = Matcher::new(o, roster);
    m.add(files);
    m.finish()
}

/// Matching in batches, so a caller can inspect many files a chunk at a time and drop each chunk:
/// `Matcher::new(&outline, &roster)`, `add(&chunk)` for each chunk in order, then `finish()`.
pub struct Matcher<'a> {
    roster: &'a Roster,
    /// The field of the report date (role report_date).
    date_key: Option<String>,
    index: Index,
    m: Matching,
}

impl<'a> Matcher<'a> {
    pub fn new(o: &Outline, roster: &'a Roster) -> Matcher<'a> {
        Matcher {
            roster,
            date_key: o.role_key(Role::ReportDate).map(str::to_string),
            index: Index::new(o, roster),
            m: Matching {
                returns: vec![Vec::new(); roster.units.len()],
                unmatched: Vec::new(),
            },
        }
    }

    /// Match the units of these files (in order after those already added).
    pub fn add(&mut self, files: &[Inspected]) {
        for f in files {
            self.add_file(f);
        }
    }

    fn add_file(&mut self, f: &Inspected) {
        let m = &mut self.m;
        let shown = f.path.display().to_string();
        if let Some(msg) = &f.unreadable {
            m.unmatched.push(Unmatched {
                path: f.path.clone(),
                file: shown,
                reason: format!("không đọc được: {msg}"),
            });
            return;
        }
        if f.units.is_empty() {
            m.unmatched.push(Unmatched {
                path: f.path.clone(),
                file: shown,
                reason: "tệp không có dữ liệu đơn vị nào".into(),
            });
            return;
        }
        let summary = f.is_summary();
        let file_errors = !summary
            && f.file_issues
                .iter()
                .any(|i| i.severity == crate::outline::Severity::Error);
        for u in &f.units {
            let file = match (&u.origin, summary) {
                (Some(o), _) => format!("{o} (trong {shown})"),
                (None, true) => format!("một dòng của {shown}"),
                (None, false) => shown.clone(),
            };
            match self.index.find(self.roster, u) {
                Ok((i, by)) => {
                    let (date, date_source) = date_of(f, u, self.date_key.as_deref());
                    m.returns[i].push(Return {
                        path: f.path.clone(),
                        file,
                        origin: u.origin.clone(),
                        sha256: f.sha256.clone(),
                        date,
                        date_source,
                        has_errors: file_errors
                            || u.has_errors()
                            || u.prior_status.as_deref() == Some("error"),
                        by,
                    });
                }
                Err(reason) => m.unmatched.push(Unmatched {
                    path: f.path.clone(),
                    file,
                    reason,
                }),
            }
        }
    }

    /// The matching, a return seen twice counted once.
    pub fn finish(mut self) -> Matching {
        for rs in &mut self.m.returns {
            dedupe(rs);
        }
        self.m
    }
}

/// Drop a return seen twice: identical bytes, or a summary row whose original return is also here.
fn dedupe(rs: &mut Vec<Return>) {
    if rs.len() < 2 {
        return;
    }
    let direct: Vec<String> = rs
        .iter()
        .filter(|r| r.origin.is_none())
        .map(|r| base_name(&r.path.to_string_lossy()))
        .collect();
    let mut seen_sha = Vec::new();
    let mut seen_origin = Vec::new();
    rs.retain(|r| match &r.origin {
        None if r.sha256.is_empty() => true,
        None if seen_sha.contains(&r.sha256) => false,
        None => {
            seen_sha.push(r.sha256.clone());
            true
        }
        Some(o) => {
            let b = base_name(o);
            if direct.contains(&b) || seen_origin.contains(&b) {
                false
            } else {
                seen_origin.push(b);
                true
            }
        }
    });
}
