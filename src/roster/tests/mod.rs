//! Unit tests of the roster: reading and row checks; the helpers are shared with `check`'s tests.

mod load;

pub(crate) use super::*;
pub(crate) use crate::check::inspect::{Inspected, UnitResult};
pub(crate) use crate::check::rules::Issue;
pub(crate) use crate::outline::{Outline, Severity};
pub(crate) use crate::read::{Identity, WorkbookKind};
pub(crate) use crate::record::{Value, Values};
pub(crate) use chrono::NaiveDate;
pub(crate) use std::path::PathBuf;
pub(crate) use unicode_normalization::UnicodeNormalization;

pub(crate) const RG: &str = "Công đoàn phường Rạch Giá";
pub(crate) const PQ: &str = "Công đoàn đặc khu Phú Quốc";
pub(crate) const TT: &str = "Trực thuộc LĐLĐ tỉnh";
pub(crate) const GD: &str = "Đơn vị sự nghiệp giáo dục";
pub(crate) const DN: &str = "Doanh nghiệp ngoài nhà nước";

pub(crate) fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

pub(crate) fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split('|').map(str::to_string).collect()))
        .collect()
}

pub(crate) fn roster(text: &str) -> Roster {
    parse_rows(&rows(text), &Outline::embedded(), "ds.csv").expect("roster")
}

/// Three units: AG-1 (school, Rạch Giá), AG-2 (company, Phú Quốc), AG-3 (school, province).
pub(crate) fn three() -> Roster {
    roster(&format!(
        "code|name|type|parent\n\
         AG-1|Trường Tiểu học Vĩnh Lạc|{GD}|{RG}\n\
         AG-2|Công ty TNHH Thủy sản Minh Phát|{DN}|{PQ}\n\
         AG-3|Trường THPT Nguyễn Trãi|{GD}|{TT}"
    ))
}

pub(crate) fn file(name: &str, values: &[(&str, Value)], errors: bool) -> Inspected {
    let values: Values = values
        .iter()
        .map(|(k, v)| (crate::record::key(k), v.clone()))
        .collect();
    let issues = if errors {
        vec![Issue::file(Severity::Error, "required", "thiếu".into())]
    } else {
        Vec::new()
    };
    Inspected {
        path: PathBuf::from(name),
        sha256: format!("sha-{name}"),
        modified: Some(day(2, 5).and_hms_opt(9, 0, 0).expect("time")),
        identity: Some(Identity {
            kind: WorkbookKind::Form,
            campaign: None,
            version: None,
        }),
        unreadable: None,
        file_issues: Vec::new(),
        units: vec![UnitResult {
            name: crate::check::inspect::name_of(&Outline::embedded(), &values),
            values,
            issues,
            origin: None,
            prior_status: None,
            cells: None,
            at: Default::default(),
        }],
    }
}

pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A return of unit `code`, dated `d` on the form.
pub(crate) fn dated(name: &str, code: &str, d: Option<NaiveDate>, errors: bool) -> Inspected {
    let mut v = vec![("unit_code", text(code))];
    if let Some(d) = d {
        v.push(("report_date", Value::Date(d)));
    }
    file(name, &v, errors)
}
