//! Unit tests of the roster: reading and row checks, matching, completeness, JSON, the summary sheet.

use super::*;
use crate::inspect::{Inspected, UnitResult};
use crate::outline::{Outline, Severity};
use crate::read::{Identity, WorkbookKind};
use crate::record::{Value, Values};
use crate::rules::Issue;
use chrono::NaiveDate;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

const RG: &str = "Công đoàn phường Rạch Giá";
const PQ: &str = "Công đoàn đặc khu Phú Quốc";
const TT: &str = "Trực thuộc LĐLĐ tỉnh";
const GD: &str = "Đơn vị sự nghiệp giáo dục";
const DN: &str = "Doanh nghiệp ngoài nhà nước";

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split('|').map(str::to_string).collect()))
        .collect()
}

fn roster(text: &str) -> Roster {
    parse_rows(&rows(text), &Outline::embedded(), "ds.csv").expect("roster")
}

/// Three units: AG-1 (school, Rạch Giá), AG-2 (company, Phú Quốc), AG-3 (school, province).
fn three() -> Roster {
    roster(&format!(
        "code|name|type|parent\n\
         AG-1|Trường Tiểu học Vĩnh Lạc|{GD}|{RG}\n\
         AG-2|Công ty TNHH Thủy sản Minh Phát|{DN}|{PQ}\n\
         AG-3|Trường THPT Nguyễn Trãi|{GD}|{TT}"
    ))
}

fn file(name: &str, values: &[(&str, Value)], errors: bool) -> Inspected {
    let values: Values = values
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
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
            values,
            issues,
            origin: None,
            prior_status: None,
            cells: None,
        }],
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

// ------------------------------------------------------------------ reading

#[test]
fn good_rows_are_read_with_canonical_labels() {
    let r = roster(
        "STT|Mã đơn vị|Tên đơn vị|Loại hình|Công đoàn cấp trên|Điện thoại\n\
         1| AG-1 |  Trường   Tiểu học  A |don vi su nghiep giao duc|CÔNG ĐOÀN PHƯỜNG RẠCH GIÁ|0912345678\n\
         2|AG-2|Công ty B|dn_ngoai_nha_nuoc|truc_thuoc|",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.units.len(), 2);
    let u = &r.units[0];
    assert_eq!(
        (
            u.row,
            u.code.as_str(),
            u.name.as_str(),
            u.unit_type.as_str(),
            u.parent.as_str()
        ),
        (2, "AG-1", "Trường Tiểu học A", GD, RG)
    );
    assert_eq!(u.phone, "0912345678");
    assert_eq!(
        (r.units[1].unit_type.as_str(), r.units[1].parent.as_str()),
        (DN, TT)
    );
}

#[test]
fn bad_rows_are_reported_with_their_row_numbers() {
    let r = roster(&format!(
        "Danh sách đơn vị||||\n\
         Mã|Tên đơn vị|Loại hình|Cấp trên\n\
         AG-1|Trường A|{GD}|{RG}\n\
         |Trường B|{GD}|{RG}\n\
         ag-1|Trường C|{GD}|{RG}\n\
         ||||\n\
         AG-4||Bệnh viện|{RG}\n\
         AG-5|Trường E|{GD}|Công đoàn xã Mỹ Đức\n\
         AG-6|Trường F|{GD}|{PQ}"
    ));
    let lines: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dòng 4: thiếu mã đơn vị",
            "dòng 5: mã đơn vị “ag-1” trùng với dòng 3",
            "dòng 7: thiếu tên đơn vị; loại hình “Bệnh viện” không có trong danh sách của đề cương",
            "dòng 8: công đoàn cấp trên “Công đoàn xã Mỹ Đức” không có trong danh sách của đề cương",
        ]
    );
    let codes: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["AG-1", "AG-6"]);
    let report = r.problems_report();
    assert!(report.contains("có 4 dòng lỗi"), "{report}");
    assert!(
        report.contains("Loại hình hợp lệ: Cơ quan hành chính nhà nước;"),
        "{report}"
    );
    assert!(
        report.contains("Công đoàn cấp trên hợp lệ: Công đoàn phường Rạch Giá;"),
        "{report}"
    );
}

#[test]
fn missing_columns_and_empty_rosters_are_errors() {
    let o = Outline::embedded();
    let e = parse_rows(&rows("Mã|Tên|Loại hình\nAG-1|A|x"), &o, "ds.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "danh sách đơn vị ds.csv: dòng tiêu đề (dòng 1) thiếu cột “Công đoàn cấp trên” (parent)"
    );
    let e = parse_rows(&rows("a|b\n1|2"), &o, "ds.csv").unwrap_err();
    assert!(e.to_string().contains("không thấy dòng tiêu đề"), "{e}");
    let e = parse_rows(&rows("code|name|type|parent"), &o, "ds.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "danh sách đơn vị ds.csv không có đơn vị nào (chỉ có dòng tiêu đề)"
    );
    let e = parse_rows(&rows("code|name|type|parent\n|A|x|y"), &o, "ds.csv").unwrap_err();
    assert!(
        e.to_string().ends_with("không có dòng nào dùng được: dòng 2: thiếu mã đơn vị; loại hình “x” không có trong danh sách của đề cương; công đoàn cấp trên “y” không có trong danh sách của đề cương"),
        "{e}"
    );
}

#[test]
fn csv_with_bom_and_semicolons() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.csv");
    let body = format!(
        "\u{feff}Mã đơn vị;Tên đơn vị;Loại hình;Công đoàn cấp trên\nAG-1;\"Công ty A; B\";{DN};{RG}\n"
    );
    std::fs::write(&p, body).expect("write");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert_eq!(r.units[0].code, "AG-1");
    assert_eq!(r.units[0].name, "Công ty A; B");
    std::fs::write(&p, b"code,name,type,parent\nAG-1,C\xf4ng ty,x,y\n").expect("write");
    let e = load(&p, &Outline::embedded()).unwrap_err().to_string();
    assert!(e.contains("không phải văn bản UTF-8"), "{e}");
    let other = dir.path().join("ds.txt.pdf");
    std::fs::write(&other, "x").expect("write");
    let e = load(&other, &Outline::embedded()).unwrap_err().to_string();
    assert!(
        e.contains("chỉ đọc được tệp .xlsx, .xls, .ods hoặc .csv"),
        "{e}"
    );
}

#[test]
fn xlsx_roster_with_a_title_row_and_numeric_codes() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "DANH SÁCH CĐCS").expect("w");
    for (c, h) in [
        "STT",
        "Mã",
        "Tên CĐCS",
        "Loại hình",
        "Công đoàn cấp trên trực tiếp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("w");
    }
    ws.write_number(3, 0, 1).expect("w");
    ws.write_number(3, 1, 1001).expect("w");
    ws.write_string(3, 2, "Trường A").expect("w");
    ws.write_string(3, 3, GD).expect("w");
    ws.write_string(3, 4, PQ).expect("w");
    ws.write_number(4, 1, 1002).expect("w");
    ws.write_string(4, 2, "Trường B").expect("w");
    ws.write_string(4, 3, "???").expect("w");
    ws.write_string(4, 4, PQ).expect("w");
    wb.save(&p).expect("save");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert_eq!(r.units.len(), 1);
    assert_eq!((r.units[0].row, r.units[0].code.as_str()), (4, "1001"));
    assert_eq!(
        r.problems[0].to_string(),
        "dòng 5: loại hình “???” không có trong danh sách của đề cương"
    );
}

#[test]
fn the_sample_roster_is_clean_and_deterministic() {
    let a = sample::generate(500);
    assert_eq!(a, sample::generate(500));
    let bytes = sample::csv(&a).expect("csv");
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.csv");
    std::fs::write(&p, bytes).expect("write");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert!(r.problems.is_empty(), "{}", r.problems_report());
    assert_eq!(r.units, a);
    let parents: std::collections::BTreeSet<&str> = a.iter().map(|u| u.parent.as_str()).collect();
    assert_eq!(parents.len(), 3);
    let names: std::collections::HashSet<String> =
        a.iter().map(|u| normalise_name(&u.name)).collect();
    assert_eq!(
        names.len(),
        a.len(),
        "names are unique, so name matching works on them"
    );
}

// ------------------------------------------------------------------ matching

#[test]
fn names_normalise_across_forms() {
    let base = normalise_name("Trường Tiểu học Vĩnh Lạc");
    assert_eq!(base, "truong tieu hoc vinh lac");
    let nfd: String = "Trường Tiểu học Vĩnh Lạc".nfd().collect();
    for variant in [
        nfd.as_str(),
        "TRƯỜNG TIỂU HỌC VĨNH LẠC",
        "truong  tieu   hoc vinh lac ",
        "CĐCS Trường Tiểu học Vĩnh Lạc",
        "Công đoàn cơ sở Trường Tiểu học Vĩnh Lạc",
        "Công đoàn Trường Tiểu học Vĩnh Lạc",
        "CĐ Trường Tiểu học Vĩnh Lạc",
        "cdcs - Trường Tiểu học Vĩnh Lạc.",
    ] {
        assert_eq!(normalise_name(variant), base, "{variant:?}");
    }
    assert_eq!(
        normalise_name("Công đoàn"),
        "cong doan",
        "a bare prefix stays"
    );
}

#[test]
fn returns_match_by_code_then_by_name() {
    let r = three();
    let nfd: String = "cđcs  trường thpt NGUYỄN TRÃI".nfd().collect();
    let files = [
        // Code wins over a wrong name.
        file(
            "a.xlsx",
            &[
                ("unit_code", text(" ag-2 ")),
                ("union_name", text("Tên gõ sai")),
            ],
            false,
        ),
        // No code: the union name, NFD, case, prefix, doubled spaces.
        file("b.xlsx", &[("union_name", text(&nfd))], false),
        // Unknown code: falls back to the unit name.
        file(
            "c.xlsx",
            &[
                ("unit_code", text("XX-9")),
                ("union_name", text("Không khớp")),
                ("unit_name", text("Trường Tiểu học Vĩnh Lạc")),
            ],
            false,
        ),
        file(
            "d.xlsx",
            &[
                ("unit_code", text("XX-9")),
                ("union_name", text("Công ty Lạ")),
            ],
            false,
        ),
        file("e.xlsx", &[], false),
    ];
    let m = match_units(&r, &files);
    let got: Vec<Vec<(&str, MatchedBy)>> = m
        .returns
        .iter()
        .map(|rs| rs.iter().map(|x| (x.file.as_str(), x.by)).collect())
        .collect();
    assert_eq!(
        got,
        vec![
            vec![("c.xlsx", MatchedBy::Name)],
            vec![("a.xlsx", MatchedBy::Code)],
            vec![("b.xlsx", MatchedBy::Name)],
        ]
    );
    let un: Vec<(&str, &str)> = m
        .unmatched
        .iter()
        .map(|u| (u.file.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        un,
        [
            (
                "d.xlsx",
                "mã “XX-9” không có trong danh sách đơn vị; tên “Công ty Lạ” cũng không khớp đơn vị nào"
            ),
            ("e.xlsx", "báo cáo không ghi mã và tên đơn vị"),
        ]
    );
}

#[test]
fn ambiguous_names_and_unreadable_files_are_unmatched() {
    let r = roster(&format!(
        "code|name|type|parent\nA|Trường X|{GD}|{RG}\nB|CĐCS Trường X|{GD}|{PQ}"
    ));
    let mut bad = file("z.xlsx", &[], false);
    bad.unreadable = Some("tệp hỏng".into());
    bad.units.clear();
    let m = match_units(
        &r,
        &[
            file("y.xlsx", &[("union_name", text("trường x"))], false),
            bad,
        ],
    );
    assert!(m.returns.iter().all(Vec::is_empty));
    assert_eq!(
        m.unmatched[0].reason,
        "tên “trường x” khớp nhiều đơn vị trong danh sách (A, B): đơn vị cần ghi mã đơn vị"
    );
    assert_eq!(m.unmatched[1].reason, "không đọc được: tệp hỏng");
}

#[test]
fn the_same_return_twice_counts_once() {
    let r = three();
    let a = file("in/a.xlsx", &[("unit_code", text("AG-1"))], false);
    let mut copy = a.clone();
    copy.path = PathBuf::from("other/a-copy.xlsx");
    let mut summary = file("tong-hop.xlsx", &[("unit_code", text("AG-1"))], false);
    summary.identity = Some(Identity {
        kind: WorkbookKind::Summary,
        campaign: None,
        version: None,
    });
    summary.units[0].origin = Some("a.xlsx".into());
    let m = match_units(&r, &[a, copy, summary]);
    assert_eq!(m.returns[0].len(), 1, "{:?}", m.returns[0]);
    let mut summary_only = file("tong-hop.xlsx", &[("unit_code", text("AG-2"))], false);
    summary_only.identity = Some(Identity {
        kind: WorkbookKind::Summary,
        campaign: None,
        version: None,
    });
    summary_only.units[0].origin = Some("b.xlsx".into());
    let m = match_units(&r, &[summary_only]);
    assert_eq!(m.returns[1][0].file, "b.xlsx (trong tong-hop.xlsx)");
}

// ------------------------------------------------------------------ completeness

fn dated(name: &str, code: &str, d: Option<NaiveDate>, errors: bool) -> Inspected {
    let mut v = vec![("unit_code", text(code))];
    if let Some(d) = d {
        v.push(("report_date", Value::Date(d)));
    }
    file(name, &v, errors)
}

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
    let m = match_units(&r, &files);
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
    let m = match_units(&r, &files);
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
    let c = completeness(&r, &match_units(&r, &files), day(10, 5), day(30, 4));
    assert!(c.is_complete(), "late returns still count as reported");
    assert_eq!(c.total.percent_reported(), 100.0);
}

#[test]
fn json_document_shape() {
    let r = three();
    let files = [
        dated("a.xlsx", "AG-1", Some(day(20, 4)), false),
        file("x.xlsx", &[("union_name", text("Ai đó"))], false),
    ];
    let c = completeness(&r, &match_units(&r, &files), day(25, 4), day(30, 4));
    let v: serde_json::Value = serde_json::from_str(&render::json(&c)).expect("json");
    assert_eq!(v["as_of"], "2026-04-25");
    assert_eq!(v["deadline"], "2026-04-30");
    assert_eq!(v["units"][0]["code"], "AG-1");
    assert_eq!(v["units"][0]["type"], GD);
    assert_eq!(v["units"][0]["parent"], RG);
    assert_eq!(v["units"][0]["status"], "on_time");
    assert_eq!(v["units"][0]["date"], "2026-04-20");
    assert_eq!(v["units"][0]["date_source"], "form");
    assert_eq!(v["units"][0]["file"], "a.xlsx");
    assert_eq!(v["units"][1]["status"], "not_due");
    assert_eq!(v["units"][1]["file"], serde_json::Value::Null);
    assert_eq!(v["unmatched"], serde_json::json!(["x.xlsx"]));
    assert_eq!(v["by_parent"][RG]["expected"], 1);
    assert_eq!(v["by_parent"][RG]["on_time"], 1);
    assert_eq!(v["by_parent"][RG]["percent_reported"], 100.0);
    assert_eq!(v["by_type"][GD]["missing"], 1);
    assert_eq!(v["total"]["expected"], 3);
    assert_eq!(v["total"]["with_errors"], 0);
    assert_eq!(v["total"]["percent_reported"], 33.3);
}

#[test]
fn the_status_sheet_lists_figures_and_units() {
    let r = three();
    let files = [dated("a.xlsx", "AG-1", Some(day(2, 5)), false)];
    let c = completeness(&r, &match_units(&r, &files), day(5, 5), day(30, 4));
    let mut wb = rust_xlsxwriter::Workbook::new();
    sheet::write(wb.add_worksheet(), &c).expect("sheet");
    let bytes = wb.save_to_buffer().expect("save");
    use calamine::{Data, Reader};
    let mut x = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
    let range = x.worksheet_range(sheet::SHEET_NAME).expect("sheet");
    let find = |s: &str| {
        range
            .used_cells()
            .find(|(_, _, v)| matches!(v, Data::String(t) if t == s))
            .map(|(r, c, _)| (r, c))
            .unwrap_or_else(|| panic!("no cell {s}"))
    };
    let (row, _) = find("Tổng cộng");
    let nums: Vec<f64> = (3..11)
        .map(|c| match range.get((row, c)) {
            Some(Data::Float(f)) => *f,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(nums, [3.0, 0.0, 1.0, 2.0, 0.0, 0.0, 1.0 / 3.0, 0.0]);
    let (hr, _) = find("Mã đơn vị");
    let cell = |r: usize, c: usize| range.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(
        (cell(hr + 1, 1), cell(hr + 1, 3), cell(hr + 1, 8)),
        (
            "AG-1".to_string(),
            "trễ hạn".to_string(),
            "a.xlsx".to_string()
        )
    );
    assert_eq!(cell(hr + 2, 3), "chưa nộp");
}
