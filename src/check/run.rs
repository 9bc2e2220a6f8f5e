//! What `check`, `status` (and `demo`) run: the spreadsheets under some paths read and checked in
//! parallel behind a progress bar, and, against a roster on a day, each unit's completeness.

use super::completeness::{Completeness, completeness};
use super::inspect::{Inspected, Need, inspect_all, inspect_map};
use super::matching::{Matcher, match_units};
use crate::inputs::{self, Skipped};
use crate::outline::Outline;
use crate::progress::Progress;
use crate::roster::Roster;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Files `status` inspects at once: only what matching keeps stays in memory, not every file's findings.
const CHUNK: usize = 256;

/// The roster of a run, where it was read from, and the day the run looks from.
pub struct RosterDay {
    pub roster: Roster,
    pub path: PathBuf,
    pub day: NaiveDate,
}

impl RosterDay {
    /// Load the roster before any return is read, so a bad roster stops the run at once.
    pub fn load(path: &Path, day: NaiveDate, o: &Outline) -> anyhow::Result<RosterDay> {
        Ok(RosterDay {
            roster: crate::roster::load(path, o)?,
            path: path.to_path_buf(),
            day,
        })
    }

    /// A warning on each return matched by its code whose names all differ from the roster's name
    /// for that code (issue 15.2: the unit typed another name, or the code of another unit).
    pub fn flag_names(&self, o: &Outline, files: &mut [Inspected]) {
        let id = super::identity::UnitIdentity::new(o);
        let by_code: std::collections::HashMap<String, &crate::roster::RosterUnit> = self
            .roster
            .units
            .iter()
            .map(|u| (super::identity::code_key(&u.code), u))
            .collect();
        for f in files.iter_mut().filter(|f| !f.is_summary()) {
            for u in &mut f.units {
                let Some(r) = id
                    .code(&u.values)
                    .and_then(|c| by_code.get(&super::identity::code_key(c)))
                else {
                    continue;
                };
                let names = id.names(&u.values);
                let want = id.name_key(&r.name);
                if names.is_empty() || names.iter().any(|n| id.name_key(n) == want) {
                    continue;
                }
                // The unit's own name field when it gave one, else the first name it gave.
                let field = o
                    .name_keys()
                    .into_iter()
                    .rev()
                    .find(|k| u.values.get(k).is_some())
                    .map(str::to_string);
                let shown = names.last().copied().unwrap_or_default();
                u.issues.push(super::rules::Issue {
                    severity: crate::outline::Severity::Warning,
                    rule: "roster_name".into(),
                    cell: field.as_ref().and_then(|k| u.at.get(k).cloned()),
                    value: Some(shown.to_string()),
                    message: format!(
                        "Tên “{}” khác tên của mã {} trong danh sách đơn vị (“{}”): kiểm tra lại tên đơn vị, hoặc mã đơn vị nếu ghi nhầm mã của đơn vị khác.",
                        crate::value::quote(shown, 80),
                        r.code,
                        crate::value::quote(&r.name, 80)
                    ),
                    field,
                });
            }
        }
    }

    /// Each unit's status on the day, from returns already read.
    pub fn completeness(&self, o: &Outline, files: &[Inspected]) -> Completeness {
        let matching = match_units(o, &self.roster, files);
        completeness(&self.roster, &matching, self.day, o.campaign.deadline_units)
    }
}

/// The files read, the paths passed over, and why some units were not compared with their peers.
pub struct Inspection {
    pub files: Vec<Inspected>,
    pub skipped: Vec<Skipped>,
    pub peers_note: Option<String>,
}

/// Every unit of the readable files compared with its peers (`[[peers]]`); the note to print once.
pub fn compare_peers(o: &Outline, files: &mut [Inspected]) -> Option<String> {
    let mut units: Vec<&mut super::inspect::UnitResult> =
        files.iter_mut().flat_map(|f| f.units.iter_mut()).collect();
    super::peers::apply(o, &mut units)
}

/// `check`: every spreadsheet under `paths` (but `exclude`) read and checked. Feedback files need the
/// values and cells (`cells`); the findings alone need only the issues and the unit's names. The hash
/// tells a file sent twice from two reports of a unit: only the roster needs it. With `peers`, every
/// unit is then compared with its peers.
pub fn check_paths(
    o: &Outline,
    paths: &[PathBuf],
    exclude: &[PathBuf],
    cells: bool,
    hash: bool,
    peers: bool,
    quiet: bool,
) -> Inspection {
    let inputs = inputs::collect(paths, exclude);
    let bar = Progress::new(inputs.files.len(), "Đang kiểm tra", quiet);
    let need = Need { cells, hash };
    let mut files = inspect_map(&inputs.files, o, need, &|| bar.tick(), |f| {
        if cells { f } else { f.keep_names_only(o) }
    });
    bar.finish();
    let peers_note = if peers {
        compare_peers(o, &mut files)
    } else {
        None
    };
    Inspection {
        files,
        skipped: inputs.skipped,
        peers_note,
    }
}

/// `status`: every unit of the roster on its day, from the returns under `paths`, read a chunk at a time;
/// and the paths passed over.
pub fn status_paths(
    o: &Outline,
    r: &RosterDay,
    paths: &[PathBuf],
    quiet: bool,
) -> (Completeness, Vec<Skipped>) {
    let inputs = inputs::collect(paths, std::slice::from_ref(&r.path));
    let bar = Progress::new(inputs.files.len(), "Đang đọc báo cáo", quiet);
    let mut matcher = Matcher::new(o, &r.roster);
    for chunk in inputs.files.chunks(CHUNK) {
        let need = Need {
            cells: false,
            hash: true,
        };
        matcher.add(&inspect_all(chunk, o, need, &|| bar.tick()));
    }
    bar.finish();
    let matching = matcher.finish();
    let c = completeness(&r.roster, &matching, r.day, o.campaign.deadline_units);
    (c, inputs.skipped)
}
