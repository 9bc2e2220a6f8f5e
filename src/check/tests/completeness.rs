//! Completeness on a day: statuses, figures, JSON and the summary sheet.

use super::*;

#[test]
fn on_time_late_missing_errors_duplicates() {
    let r = roster(&format!(
        "code|name|type|parent\n\
         A|Trường A|{GD}|{RG}\nB|Trường B|{GD}|{RG}\nC|Công ty C|{DN}|{PQ}\n\
         D|Công ty D|{DN}|{PQ}\nE|Công ty E|{DN}|{TT}\nF|Trường F|{GD}|{TT}"
    ));
    let files = [
        dated("a.xlsx", "A", Some(day(30, 4)), false),
        dated("b.xlsx", "B", Some(day(1, 5)), false),
        dated("d.xlsx", "D", Some(day(20, 4)), true),
        dated("e1.xlsx", "E", Some(day(3, 5)), false),
        dated("e2.xlsx", "E", Some(day(28, 4)), false),
        dated("f.xlsx", "F", None, false),
    ];
    let m = match_units(&Outline::embedded(), &r, &files);
    let c = completeness(&r, &m, day(5, 5), day(30, 4));
    let got: Vec<(&str, Status, Option<NaiveDate>)> = c
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.status, u.date))
        .collect();
    assert_eq!(
        got,
        [
            ("A", Status::OnTime, Some(day(30, 4))),
            ("B", Status::Late, Some(day(1, 5))),
            ("C", Status::Missing, None),
            ("D", Status::Errors, Some(day(20, 4))),
            ("E", Status::Duplicate, Some(day(28, 4))),
            ("F", Status::Late, Some(day(2, 5))),
        ]
    );
    assert_eq!(c.units[4].files, ["e2.xlsx", "e1.xlsx"], "earliest first");
    assert_eq!(c.units[5].date_source, Some(DateSource::FileTime));
    assert_eq!(c.dated_by_file_time(), 1);
    let t = c.total;
    assert_eq!(
        (
            t.expected,
            t.on_time,
            t.late,
            t.missing,
            t.with_errors,
            t.duplicates
        ),
        (6, 3, 2, 1, 1, 1)
    );
    assert_eq!(t.percent_reported(), 83.3);
    assert_eq!(t.percent_on_time(), 50.0);
    let parents: Vec<(&str, usize, usize, usize, usize)> = c
        .by_parent
        .iter()
        .map(|(l, f)| (l.as_str(), f.expected, f.on_time, f.late, f.missing))
        .collect();
    assert_eq!(
        parents,
        [(RG, 2, 1, 1, 0), (PQ, 2, 1, 0, 1), (TT, 2, 1, 1, 0)]
    );
    let types: Vec<(&str, usize)> = c
        .by_type
        .iter()
        .map(|(l, f)| (l.as_str(), f.expected))
        .collect();
    assert_eq!(
        types,
        [(GD, 3), (DN, 3)],
        "outline order, only types with units"
    );
    assert!(!c.is_complete());
}

#[test]
fn as_of_before_the_deadline_says_not_due_and_ignores_later_returns() {
    let r = three();
    let files = [
        dated("a.xlsx", "AG-1", Some(day(20, 4)), false),
        dated("b.xlsx", "AG-2", Some(day(26, 4)), false),
    ];
    let m = match_units(&Outline::embedded(), &r, &files);
    let c = completeness(&r, &m, day(25, 4), day(30, 4));
    let st: Vec<Status> = c.units.iter().map(|u| u.status).collect();
    assert_eq!(st, [Status::OnTime, Status::NotDue, Status::NotDue]);
    assert_eq!(c.after_as_of, ["b.xlsx"]);
    assert_eq!(c.total.missing, 2);
    let c = completeness(&r, &m, day(30, 4), day(30, 4));
    assert_eq!(
        c.units[2].status,
        Status::NotDue,
        "the deadline day itself is not late"
    );
    let c = completeness(&r, &m, day(1, 5), day(30, 4));
    assert_eq!(c.units[2].status, Status::Missing);
}

#[test]
fn complete_when_every_unit_reported_cleanly() {
    let r = three();
    let files = [
        dated("a.xlsx", "AG-1", Some(day(20, 4)), false),
        dated("b.xlsx", "AG-2", Some(day(2, 5)), false),
        dated("c.xlsx", "AG-3", Some(day(29, 4)), false),
    ];
    let c = completeness(
        &r,
        &match_units(&Outline::embedded(), &r, &files),
        day(10, 5),
        day(30, 4),
    );
    assert!(c.is_complete(), "late returns still count as reported");
    assert_eq!(c.total.percent_reported(), 100.0);
}
