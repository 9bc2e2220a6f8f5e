//! The completeness model: each unit's status on a given day, and figures per upper level, per type and overall.
//!
//! Counting: `on_time + late + missing = expected` (a unit with errors or with several returns still
//! counts as on time or late by its earliest return); `with_errors` and `duplicates` overlap those.

use super::matching::{DateSource, Matching, Return, Unmatched};
use crate::roster::Roster;
use chrono::NaiveDate;
use serde::Serialize;

/// A unit's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported on or before the deadline, no errors.
    OnTime,
    /// Reported after the deadline, no errors.
    Late,
    /// Not reported and the deadline has passed.
    Missing,
    /// Not reported, the deadline is still ahead (or today).
    NotDue,
    /// Reported, but the return has errors.
    #[serde(rename = "error")]
    Errors,
    /// More than one return matched the unit.
    Duplicate,
}

impl Status {
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::OnTime => "đúng hạn",
            Status::Late => "trễ hạn",
            Status::Missing => "chưa nộp",
            Status::NotDue => "chưa nộp (chưa đến hạn)",
            Status::Errors => "có lỗi",
            Status::Duplicate => "trùng",
        }
    }
}

/// One roster unit on the day of the picture.
#[derive(Debug, Clone)]
pub struct UnitStatus {
    pub code: String,
    pub name: String,
    pub unit_type: String,
    pub parent: String,
    pub status: Status,
    /// Date of the earliest return counted.
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    /// Files of the returns counted, earliest first.
    pub files: Vec<String>,
    pub late: bool,
    pub has_errors: bool,
}

impl UnitStatus {
    pub fn reported(&self) -> bool {
        !self.files.is_empty()
    }
}

/// Completeness figures of a group of units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub expected: usize,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
    pub with_errors: usize,
    pub duplicates: usize,
}

impl Figures {
    fn add(&mut self, u: &UnitStatus) {
        self.expected += 1;
        match (u.reported(), u.late) {
            (false, _) => self.missing += 1,
            (true, false) => self.on_time += 1,
            (true, true) => self.late += 1,
        }
        self.with_errors += usize::from(u.has_errors);
        self.duplicates += usize::from(u.status == Status::Duplicate);
    }

    pub fn reported(&self) -> usize {
        self.on_time + self.late
    }

    /// Reported (on time or late) in % of expected, one decimal.
    pub fn percent_reported(&self) -> f64 {
        percent(self.reported(), self.expected)
    }

    /// Reported on time in % of expected, one decimal.
    pub fn percent_on_time(&self) -> f64 {
        percent(self.on_time, self.expected)
    }
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        return 0.0;
    }
    (n as f64 * 1000.0 / of as f64).round() / 10.0
}

/// The whole picture on `as_of`.
#[derive(Debug, Clone)]
pub struct Completeness {
    pub as_of: NaiveDate,
    pub deadline: NaiveDate,
    /// Every good roster unit, roster order.
    pub units: Vec<UnitStatus>,
    pub unmatched: Vec<Unmatched>,
    /// Returns left out because they are dated after `as_of`.
    pub after_as_of: Vec<String>,
    /// Figures per upper-level union and per type of unit (outline order, groups with units only).
    pub by_parent: Vec<(String, Figures)>,
    pub by_type: Vec<(String, Figures)>,
    pub total: Figures,
    /// Bad roster rows, "dòng N: …".
    pub roster_problems: Vec<String>,
}

impl Completeness {
    /// Every unit reported without errors or duplicates, every return matched, the roster clean.
    pub fn is_complete(&self) -> bool {
        let t = &self.total;
        t.reported() == t.expected
            && t.with_errors == 0
            && t.duplicates == 0
            && self.unmatched.is_empty()
            && self.roster_problems.is_empty()
    }

    /// Whether the deadline is still ahead (or today) on `as_of`.
    pub fn before_deadline(&self) -> bool {
        self.as_of <= self.deadline
    }

    /// Units whose date is the file time (no report date on the form).
    pub fn dated_by_file_time(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.date_source == Some(DateSource::FileTime))
            .count()
    }
}

fn unit_status(
    u: &crate::roster::RosterUnit,
    returns: &[Return],
    as_of: NaiveDate,
    deadline: NaiveDate,
    after: &mut Vec<String>,
) -> UnitStatus {
    let mut counted: Vec<&Return> = Vec::new();
    for r in returns {
        match r.date {
            Some(d) if d > as_of => after.push(r.file.clone()),
            _ => counted.push(r),
        }
    }
    counted.sort_by_key(|r| (r.date.is_none(), r.date));
    let first = counted.first();
    let late = first.and_then(|r| r.date).is_some_and(|d| d > deadline);
    let has_errors = counted.iter().any(|r| r.has_errors);
    let status = match counted.len() {
        0 if as_of <= deadline => Status::NotDue,
        0 => Status::Missing,
        1 if has_errors => Status::Errors,
        1 if late => Status::Late,
        1 => Status::OnTime,
        _ => Status::Duplicate,
    };
    UnitStatus {
        code: u.code.clone(),
        name: u.name.clone(),
        unit_type: u.unit_type.clone(),
        parent: u.parent.clone(),
        status,
        date: first.and_then(|r| r.date),
        date_source: first.and_then(|r| r.date_source),
        files: counted.iter().map(|r| r.file.clone()).collect(),
        late,
        has_errors,
    }
}

fn group(
    units: &[UnitStatus],
    options: &[String],
    key: impl Fn(&UnitStatus) -> &str,
) -> Vec<(String, Figures)> {
    options
        .iter()
        .filter_map(|label| {
            let mut f = Figures::default();
            units
                .iter()
                .filter(|u| key(u) == label)
                .for_each(|u| f.add(u));
            (f.expected > 0).then(|| (label.clone(), f))
        })
        .collect()
}

/// Each unit's status and the figures on `as_of` against `deadline` (the outline's campaign.deadline_units).
pub fn completeness(
    roster: &Roster,
    matching: &Matching,
    as_of: NaiveDate,
    deadline: NaiveDate,
) -> Completeness {
    let mut after_as_of = Vec::new();
    let none = Vec::new();
    let units: Vec<UnitStatus> = roster
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let rs = matching.returns.get(i).unwrap_or(&none);
            unit_status(u, rs, as_of, deadline, &mut after_as_of)
        })
        .collect();
    let mut total = Figures::default();
    units.iter().for_each(|u| total.add(u));
    Completeness {
        as_of,
        deadline,
        by_parent: group(&units, &roster.parent_options, |u| &u.parent),
        by_type: group(&units, &roster.type_options, |u| &u.unit_type),
        total,
        units,
        unmatched: matching.unmatched.clone(),
        after_as_of,
        roster_problems: roster.problems.iter().map(ToString::to_string).collect(),
    }
}
