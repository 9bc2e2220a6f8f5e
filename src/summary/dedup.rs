//! The same unit reported twice (one unit identity: `check::identity`) and which report is used.
//!
//! The report with the latest report date wins; with equal dates a report without errors wins
//! over one with errors, then the smallest path. The choice depends on the files' contents and
//! names only: never on the order they were given in, nor on file times (a download or a copy
//! changes those). Two reports without errors, of the same date, whose figures differ are a
//! conflict that the officer is told about by the unit's name.

use super::units::{Disposition, Unit};
use crate::check::UnitIdentity;
use crate::outline::Outline;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One unit found more than once.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// The unit's name as shown.
    pub unit: String,
    /// Index (in `Merge::units`) of the report used.
    pub kept: usize,
    /// Indices of the reports not used.
    pub dropped: Vec<usize>,
    /// Why the kept one was chosen (Vietnamese).
    pub reason: &'static str,
    /// Two reports without errors, of the same report date, give different values.
    pub conflict: bool,
}

/// Best report first: latest report date, without errors before with errors, smallest path.
fn preference(o: &Outline, a: &Unit, b: &Unit) -> Ordering {
    b.report_date(o)
        .cmp(&a.report_date(o))
        .then((a.status == "error").cmp(&(b.status == "error")))
        .then_with(|| a.file.cmp(&b.file))
        .then_with(|| a.origin.cmp(&b.origin))
        .then(a.pos.1.cmp(&b.pos.1))
}

/// Whether the two best reports are a conflict: same date, neither with errors, other values.
fn conflict(o: &Outline, kept: &Unit, next: &Unit) -> bool {
    kept.report_date(o) == next.report_date(o)
        && kept.status != "error"
        && next.status != "error"
        && kept.result.values != next.result.values
}

fn reason(o: &Outline, kept: &Unit, next: &Unit) -> &'static str {
    if kept.report_date(o) != next.report_date(o) {
        "dùng báo cáo có ngày báo cáo mới nhất"
    } else if (kept.status == "error") != (next.status == "error") {
        "cùng ngày báo cáo: dùng báo cáo không có lỗi"
    } else if conflict(o, kept, next) {
        "CẦN XEM LẠI: hai báo cáo không lỗi, cùng ngày báo cáo nhưng số liệu khác nhau; tạm dùng tệp có đường dẫn xếp trước theo thứ tự chữ cái — hỏi lại đơn vị báo cáo nào đúng"
    } else {
        "cùng ngày báo cáo: dùng tệp có đường dẫn xếp trước theo thứ tự chữ cái"
    }
}

/// Mark every report but the best of each unit as dropped; list the duplicates in unit order.
pub fn resolve(o: &Outline, units: &mut [Unit]) -> Vec<Duplicate> {
    let who = UnitIdentity::new(o);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(id) = who.key(&u.result.values) {
            groups.entry(id).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for mut idx in groups.into_values().filter(|g| g.len() > 1) {
        idx.sort_by(|&a, &b| preference(o, &units[a], &units[b]));
        let kept = idx[0];
        for &d in &idx[1..] {
            units[d].disposition = Disposition::Dropped;
        }
        out.push(Duplicate {
            unit: units[kept].name(),
            kept,
            dropped: idx[1..].to_vec(),
            reason: reason(o, &units[kept], &units[idx[1]]),
            conflict: conflict(o, &units[kept], &units[idx[1]]),
        });
    }
    out.sort_by_key(|d| d.kept);
    out
}
