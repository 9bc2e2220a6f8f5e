//! What merge prints: a short table for the officer, or its document of the findings model for JSON.

use super::Merge;
use super::aggregate::{self, Row};
use super::units::Unit;
use crate::check::Completeness;
use crate::outline::{Outline, Role, Severity};
use crate::report::{DuplicateEntry, MergeReport, PeerEntry, RosterPart, status};
use crate::value::format_vi;
use comfy_table::{ContentArrangement, Table};
use std::collections::BTreeMap;

/// Every figure with a JSON key: sums, weighted means (percent numbers), units that said "Có".
pub fn figures(rows: &[Row], units: &[&Unit]) -> BTreeMap<String, f64> {
    json_figures(&aggregate::compute_all(rows, units))
}

/// The figures that have a JSON key, by key.
fn json_figures(all: &[(aggregate::Measure, aggregate::Agg)]) -> BTreeMap<String, f64> {
    all.iter()
        .filter_map(|(m, a)| Some((m.json_key()?.to_string(), a.value?)))
        .collect()
}

fn by_group(
    o: &Outline,
    rows: &[Row],
    role: Role,
    units: &[&Unit],
) -> BTreeMap<String, BTreeMap<String, f64>> {
    aggregate::groups(o, role, units)
        .into_iter()
        .map(|(label, of)| (label, figures(rows, &of)))
        .collect()
}

/// The findings model's merge document, with the roster part when there is one.
pub fn report<'a>(o: &Outline, m: &Merge, roster: Option<&'a Completeness>) -> MergeReport<'a> {
    let rows = aggregate::rows(o);
    let counted = m.counted();
    MergeReport {
        units_merged: counted.len(),
        units_excluded: m.excluded().len(),
        files_unreadable: m.unreadable().len(),
        duplicates: m
            .duplicates
            .iter()
            .map(|d| DuplicateEntry {
                unit: d.unit.clone(),
                kept: m.units[d.kept].file.display().to_string(),
                dropped: d
                    .dropped
                    .iter()
                    .map(|&i| m.units[i].file.display().to_string())
                    .collect(),
                reason: d.reason.to_string(),
                conflict: d.conflict,
            })
            .collect(),
        totals: json_figures(m.totals(&rows)),
        by_type: by_group(o, &rows, Role::UnitType, &counted),
        by_parent: by_group(o, &rows, Role::Parent, &counted),
        roster: roster.map(RosterPart),
        peers: counted
            .iter()
            .flat_map(|u| {
                u.result
                    .issues
                    .iter()
                    .filter(|i| i.rule.starts_with(crate::check::peers::RULE_PREFIX))
                    .map(|i| PeerEntry {
                        file: u.origin.clone(),
                        unit: u.result.name(),
                        issue: i.clone(),
                    })
            })
            .collect(),
        notes: m.peers_note.iter().cloned().collect(),
    }
}

fn label_of(o: &Outline, key: &str) -> String {
    o.field(key).map_or_else(
        || key.to_string(),
        |f| {
            if f.unit.is_empty() {
                f.label.clone()
            } else {
                format!("{} ({})", f.label, f.unit)
            }
        },
    )
}

/// The short table, the lists of what was left out, and with a roster the completeness figures.
pub fn table(o: &Outline, m: &Merge, output: &str, roster: Option<&Completeness>) -> String {
    let counted = m.counted();
    let with_errors = counted.iter().filter(|u| u.status == "error").count();
    let mut t = Table::new();
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120);
    t.set_header(vec!["Nội dung", "Số liệu"]);
    let merged = if with_errors > 0 {
        format!(
            "{} (trong đó {} có lỗi, theo --include-errors)",
            counted.len(),
            with_errors
        )
    } else {
        counted.len().to_string()
    };
    t.add_row(vec!["Đơn vị được tổng hợp".to_string(), merged]);
    t.add_row(vec![
        "Không tổng hợp vì có lỗi".to_string(),
        m.excluded().len().to_string(),
    ]);
    t.add_row(vec![
        "Tệp không đọc được".to_string(),
        m.unreadable().len().to_string(),
    ]);
    t.add_row(vec![
        "Đơn vị trùng (chỉ dùng một báo cáo)".to_string(),
        m.duplicates.len().to_string(),
    ]);
    if let (Some(mb), Some(spec)) = (aggregate::members(o, &counted), &o.summary.members) {
        let unit = o.field(&spec.now).map_or("", |f| f.unit.as_str());
        let name = |n: &str| {
            if unit.is_empty() {
                n.to_string()
            } else {
                format!("{n} ({unit})")
            }
        };
        t.add_row(vec![name(&spec.start_name), format_vi(mb.start)]);
        t.add_row(vec![name(&spec.now_name), format_vi(mb.now)]);
        let rate = mb
            .rate
            .map(|r| {
                format!(
                    " ({}{}%)",
                    if r > 0.0 { "+" } else { "" },
                    format_vi(r * 100.0)
                )
            })
            .unwrap_or_default();
        let sign = if mb.change > 0.0 { "+" } else { "" };
        t.add_row(vec![
            name(&spec.change_name),
            format!("{sign}{}{rate}", format_vi(mb.change)),
        ]);
    }
    let totals = json_figures(m.totals(&aggregate::rows(o)));
    for key in &o.summary.key_figures {
        if let Some(v) = totals.get(key) {
            t.add_row(vec![label_of(o, key), format_vi(*v)]);
        }
    }
    let mut out = format!("{t}\n");
    let excluded = m.excluded();
    let unreadable = m.unreadable();
    if !excluded.is_empty() || !unreadable.is_empty() {
        out.push_str(
            "\nKhông tổng hợp (đề nghị đơn vị sửa và gửi lại; chi tiết ở trang “Kiểm tra” của tệp tổng hợp):\n",
        );
        for u in excluded {
            let errors: Vec<&crate::check::rules::Issue> = m
                .issues_of(u)
                .filter(|i| i.severity == Severity::Error)
                .collect();
            out.push_str(&format!(
                "  - {} — {} — {} lỗi, ví dụ: {}\n",
                u.source(),
                u.name(),
                errors.len(),
                errors.first().map_or("", |i| i.message.as_str())
            ));
        }
        for f in unreadable {
            out.push_str(&format!(
                "  - {} — không đọc được: {}\n",
                f.path.display(),
                f.unreadable.as_deref().unwrap_or("")
            ));
        }
    }
    if !m.duplicates.is_empty() {
        out.push_str("\nĐơn vị trùng:\n");
        for d in &m.duplicates {
            let dropped: Vec<String> = d.dropped.iter().map(|&i| m.units[i].source()).collect();
            out.push_str(&format!(
                "  - {}: dùng {} ({}); bỏ {}\n",
                d.unit,
                m.units[d.kept].source(),
                d.reason,
                dropped.join("; ")
            ));
        }
    }
    for s in &m.skipped {
        out.push_str(&format!("  □ {} — {}\n", s.path.display(), s.reason));
    }
    let far: usize = counted
        .iter()
        .flat_map(|u| &u.result.issues)
        .filter(|i| i.rule.starts_with(crate::check::peers::RULE_PREFIX))
        .count();
    if far > 0 {
        out.push_str(&format!(
            "\n{far} số liệu khác xa các đơn vị cùng nhóm (cảnh báo, vẫn được tổng hợp): xem trang “Kiểm tra” của tệp tổng hợp.\n"
        ));
    }
    if let Some(n) = &m.peers_note {
        out.push_str(&crate::report::note_lines(&format!("Ghi chú: {n}"), 100));
    }
    out.push_str(&format!(
        "\nĐã ghi tệp tổng hợp: {output} ({} đơn vị)\n",
        counted.len()
    ));
    if let Some(c) = roster {
        out.push('\n');
        out.push_str(&status::heading(c));
        out.push_str(&status::figures(c));
    }
    out
}
