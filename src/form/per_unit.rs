//! One pre-filled, locked form per roster unit, written in parallel, plus the index (`template --roster`).

use super::index;
use super::names::unique_file_names;
use crate::form::{self, FormOptions};
use crate::outline::{Outline, Role};
use crate::output::write_atomic;
use crate::record::{Value, Values};
use crate::roster::{Roster, RosterUnit};
use anyhow::{Result, bail};
use rayon::prelude::*;
use std::path::Path;

pub use index::{INDEX_CSV, INDEX_SHEET, INDEX_XLSX};

/// The form of one unit: its code, name, type and upper level filled in and locked.
pub fn unit_form(o: &Outline, u: &RosterUnit) -> Result<Vec<u8>> {
    let fixed = [
        (o.role_key(Role::UnitCode), u.code.clone()),
        (o.role_key(Role::UnitType), u.unit_type.clone()),
        (o.role_key(Role::Parent), u.parent.clone()),
    ];
    // The names are filled in but left open: the unit corrects them, and check compares them
    // with the roster.
    let names = [
        (o.role_key(Role::UnionName), union_name(o, &u.name)),
        (o.role_key(Role::UnitName), u.name.clone()),
    ];
    let pair =
        |(k, v): &(Option<&str>, String)| Some((crate::record::key((*k)?), Value::Text(v.clone())));
    let locked = fixed
        .iter()
        .filter_map(pair)
        .map(|(k, _)| k.to_string())
        .collect();
    let values: Values = fixed.iter().chain(&names).filter_map(pair).collect();
    form::build(
        o,
        &FormOptions {
            values,
            locked,
            ..FormOptions::default()
        },
    )
}

/// The reporting union's name for a roster unit's name: the outline's `union_prefix` before it,
/// unless the name already opens with one of the outline's name prefixes ("Công đoàn …").
pub fn union_name(o: &Outline, name: &str) -> String {
    let prefix = o.document.union_prefix.trim();
    let folded = crate::value::fold(name);
    let has_prefix = o
        .name_prefixes()
        .iter()
        .any(|p| folded.starts_with(&format!("{} ", crate::value::fold(p))));
    if prefix.is_empty() || has_prefix {
        name.to_string()
    } else {
        format!("{prefix} {name}")
    }
}

/// The file name of every unit, in roster order (unique, never an index file's name).
pub fn file_names(roster: &Roster) -> Vec<String> {
    unique_file_names(
        roster
            .units
            .iter()
            .map(|u| (u.code.as_str(), u.name.as_str())),
        &[INDEX_CSV, INDEX_XLSX],
    )
}

/// Write every unit's form and the index into `dir`; returns the file names in roster order.
/// Without `force`, nothing is written when any target file already exists.
pub fn write_all(
    o: &Outline,
    roster: &Roster,
    dir: &Path,
    force: bool,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<String>> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} là một tệp, không phải thư mục: với --roster, -o là thư mục để ghi các biểu mẫu",
            dir.display()
        );
    }
    let files = file_names(roster);
    if !force {
        let existing: Vec<&str> = files
            .iter()
            .map(String::as_str)
            .chain([INDEX_CSV, INDEX_XLSX])
            .filter(|f| dir.join(f).exists())
            .collect();
        if let Some(first) = existing.first() {
            bail!(
                "thư mục {} đã có {} tệp trùng tên với tệp sẽ tạo (ví dụ {first}); chưa ghi tệp nào: thêm --force để ghi đè, hoặc chọn thư mục khác",
                dir.display(),
                existing.len()
            );
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "không tạo được thư mục {}: {}",
            dir.display(),
            crate::output::io_reason(&e)
        )
    })?;
    let failures: Vec<String> = roster
        .units
        .par_iter()
        .zip(files.par_iter())
        .filter_map(|(u, f)| {
            let r = unit_form(o, u).and_then(|bytes| write_atomic(&dir.join(f), &bytes, force));
            tick();
            r.err().map(|e| format!("{} ({}): {e:#}", f, u.code))
        })
        .collect();
    if let Some(first) = failures.first() {
        bail!("không ghi được {} biểu mẫu, ví dụ {first}", failures.len());
    }
    write_atomic(
        &dir.join(INDEX_CSV),
        &index::csv(&roster.units, &files)?,
        force,
    )?;
    let title = &o.campaign.name;
    write_atomic(
        &dir.join(INDEX_XLSX),
        &index::xlsx(&roster.units, &files, title)?,
        force,
    )?;
    Ok(files)
}

/// What `template --roster` wrote: the roster as read and the file name of each good row's form.
pub struct Written {
    pub roster: Roster,
    pub files: Vec<String>,
}

/// `template --roster` (and `demo`): load the roster, write one form per good row and the index into
/// `dir`, behind a progress bar.
pub fn write_for_roster(
    o: &Outline,
    roster: &Path,
    dir: &Path,
    force: bool,
    quiet: bool,
) -> Result<Written> {
    let roster = crate::roster::load(roster, o)?;
    let bar = crate::progress::Progress::new(roster.units.len(), "Đang tạo biểu mẫu", quiet);
    let files = write_all(o, &roster, dir, force, &|| bar.tick());
    bar.finish();
    Ok(Written {
        files: files?,
        roster,
    })
}

impl Written {
    /// What was written and the bad rows (bad rows make the exit code 1), for stderr.
    pub fn report(&self, dir: &Path) -> String {
        let mut out = format!(
            "Đã ghi {} biểu mẫu (mỗi đơn vị một tệp, điền sẵn mã, tên, loại hình, công đoàn cấp trên; khóa mã, loại hình, công đoàn cấp trên) vào thư mục {}\n",
            self.files.len(),
            dir.display()
        );
        out.push_str(&format!(
            "Danh sách đơn vị → tệp: {}, {}\n",
            dir.join(INDEX_CSV).display(),
            dir.join(INDEX_XLSX).display()
        ));
        out.push_str(&self.roster.problems_report());
        out
    }
}
