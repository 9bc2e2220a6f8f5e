//! Feedback files: the unit's form re-generated with its own values, faulty cells highlighted with notes,
//! and a first sheet "Cần sửa" listing every issue.

use super::{field_label, message_beside_label, severity_vi};
use crate::check::inspect::Inspected;
use crate::check::rules::Issue;
use crate::form::{self, FixRow, FormOptions, Mark};
use crate::outline::{Outline, Severity};
use crate::read::refs::a1;
use crate::record::Value;
use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Findings the unit can act on. How the province's reader found the cells ("found_by") is for the
/// officer: the fix file is a fresh form, and its cells are where the unit will now type.
fn for_unit(i: &&Issue) -> bool {
    i.rule != "found_by"
}

/// Build the feedback workbook for a return; None when it has nothing to fix or is not a single return.
pub fn build(o: &Outline, f: &Inspected) -> Result<Option<Vec<u8>>> {
    if f.unreadable.is_some() || f.is_summary() || !f.all_issues().any(|i| for_unit(&i)) {
        return Ok(None);
    }
    let Some(unit) = f.units.first() else {
        return Ok(None);
    };
    let mut values = unit.values.clone();
    if let Some(cells) = &unit.cells {
        // What the unit typed, where it could not be used, so they see it in place.
        for (k, c) in &cells.cells {
            if !values.contains_key(k.as_str()) && !matches!(c.raw, crate::value::Raw::Empty) {
                values.insert(
                    crate::record::key(k),
                    Value::Text(crate::check::rules::show_raw(&c.raw)),
                );
            }
        }
    }
    let lay = crate::workbook::layout::layout(o);
    let mut marks: BTreeMap<String, Mark> = BTreeMap::new();
    let mut rows = Vec::new();
    for i in f.all_issues().filter(for_unit) {
        let new_cell = i
            .field
            .as_deref()
            .and_then(|k| o.field_index(k))
            .and_then(|ix| lay.cell_of(ix))
            .map(|(r, c)| format!("{}!{}", form::FORM_SHEET, a1(r, c as u32)))
            .unwrap_or_default();
        if let Some(k) = &i.field {
            let m = marks.entry(k.clone()).or_insert(Mark {
                error: false,
                message: String::new(),
            });
            m.error |= i.severity == Severity::Error;
            if !m.message.is_empty() {
                m.message.push('\n');
            }
            m.message.push_str(&message_beside_label(o, i));
        }
        // The unit's own file may have rows inserted: name its cell too when it differs.
        let cell = match i.cell.as_deref() {
            Some(theirs) if !new_cell.is_empty() && theirs != new_cell => {
                format!("{new_cell} (tệp đơn vị gửi: {theirs})")
            }
            Some(theirs) if new_cell.is_empty() => format!("tệp đơn vị gửi: {theirs}"),
            _ => new_cell,
        };
        rows.push(FixRow {
            severity: severity_vi(i.severity).to_string(),
            cell,
            label: field_label(o, i),
            value: i.value.clone().unwrap_or_default(),
            message: message_beside_label(o, i),
        });
    }
    // what the unit typed may be longer than a cell holds
    crate::check::inspect::fit_texts(&mut values);
    let (fix_extra, notes) = unit
        .cells
        .as_ref()
        .map(|c| extra(&c.extra))
        .unwrap_or_default();
    let opts = FormOptions {
        fix_about: about(o, f, &values),
        values,
        locked: Vec::new(),
        marks,
        fix_list: Some(&rows),
        fix_extra,
        notes,
    };
    Ok(Some(form::build(o, &opts)?))
}

/// What the unit wrote outside the form's cells: (its cell, its text) for "Cần sửa", and a note on
/// the input right above each of those rows, saying what was written below it in the unit's file.
fn extra(
    extra: &[crate::workbook::outside::Outside],
) -> (Vec<(String, String)>, BTreeMap<String, String>) {
    let list = extra
        .iter()
        .map(|e| (format!("{}!{}", e.sheet, a1(e.row, e.col)), e.text.clone()))
        .collect();
    let mut notes: BTreeMap<String, String> = BTreeMap::new();
    for e in extra {
        let Some(key) = &e.after else { continue };
        let note = notes.entry(key.clone()).or_insert_with(|| {
            "Ở tệp đơn vị gửi, dưới dòng này có ghi thêm (xem trang “Cần sửa”):".to_string()
        });
        note.push_str(&format!(
            "\n{}: “{}”",
            a1(e.row, e.col),
            crate::value::quote(&e.text, 120)
        ));
    }
    (list, notes)
}

/// Whose return this is, for the top of "Cần sửa": the union and unit names, code, report date and
/// the file the unit sent.
fn about(o: &Outline, f: &Inspected, values: &crate::record::Values) -> Vec<String> {
    use crate::outline::Role;
    let text = |role: Role| {
        o.role_key(role)
            .and_then(|k| values.get(k))
            .map(|v| match v {
                Value::Text(t) => t.clone(),
                Value::Number(n) => crate::value::format_vi(*n),
                Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            })
            .filter(|t| !t.trim().is_empty())
    };
    let mut who: Vec<String> = [Role::UnionName, Role::UnitName]
        .into_iter()
        .filter_map(text)
        .collect();
    who.dedup();
    let mut line = if who.is_empty() {
        "Đơn vị: (chưa ghi tên)".to_string()
    } else {
        format!("Đơn vị: {}", who.join(" – "))
    };
    if let Some(code) = text(Role::UnitCode) {
        line.push_str(&format!(" — mã đơn vị {code}"));
    }
    let mut second = String::new();
    let date = o.role_key(Role::ReportDate).and_then(|k| values.get(k));
    match date {
        Some(Value::Date(d)) => {
            second.push_str(&format!("Báo cáo {}; ", crate::value::decree_date(*d)))
        }
        _ => {
            if let Some(date) = text(Role::ReportDate) {
                second.push_str(&format!("Báo cáo ngày {date}; "));
            }
        }
    }
    let file = f
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    second.push_str(&format!("tệp {file}"));
    vec![line, second]
}

/// "bao-cao-abc" → "bao-cao-abc-can-sua.xlsx"
pub fn file_name(f: &Inspected) -> String {
    let stem = f
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("bao-cao");
    format!("{stem}-can-sua.xlsx")
}

/// The feedback file of every return with issues: (path in `dir`, workbook bytes), built before
/// anything is written or printed, so a refusal to overwrite leaves no half-done output. Without
/// `force`, fails when any of them already exists, naming them.
pub fn plan(
    o: &Outline,
    files: &[Inspected],
    dir: &Path,
    force: bool,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut used = HashSet::new();
    let mut planned = Vec::new();
    for f in files {
        let Some(bytes) = build(o, f)
            .with_context(|| format!("không tạo được tệp cần sửa cho {}", f.path.display()))?
        else {
            continue;
        };
        let mut name = file_name(f);
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = file_name(f).replace("-can-sua.xlsx", &format!("-{n}-can-sua.xlsx"));
            n += 1;
        }
        planned.push((dir.join(name), bytes));
    }
    let existing: Vec<String> = planned
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        bail!(
            "{} tệp cần sửa đã có ({}): không ghi tệp nào; thêm --force nếu muốn ghi đè",
            existing.len(),
            existing.join(", ")
        );
    }
    Ok(planned)
}

/// Write the planned feedback files, saying each one on stderr.
pub fn write(planned: &[(PathBuf, Vec<u8>)], force: bool) -> Result<()> {
    for (path, bytes) in planned {
        crate::output::write_atomic(path, bytes, force)?;
        eprintln!("Đã ghi tệp cần sửa: {}", path.display());
    }
    Ok(())
}
