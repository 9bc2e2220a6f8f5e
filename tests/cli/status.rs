//! `soket status`: who reported on time or late, who is missing, with errors or twice, against a roster.

use crate::harness::Sandbox;
use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use soket::demo::values::{Mistake, Who, good, plant};
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use soket::record::{Value, Values};
use soket::rng::Rng;
use std::time::{Duration, SystemTime};
use unicode_normalization::UnicodeNormalization;

const RG: &str = "Công đoàn phường Rạch Giá";
const PQ: &str = "Công đoàn đặc khu Phú Quốc";
const TT: &str = "Trực thuộc LĐLĐ tỉnh";
const GD: &str = "Đơn vị sự nghiệp giáo dục";
const DN: &str = "Doanh nghiệp ngoài nhà nước";

/// code, name, type, upper level.
const UNITS: [(&str, &str, &str, &str); 8] = [
    ("AG-1", "Trường Tiểu học Vĩnh Lạc", GD, RG),
    ("AG-2", "Trường THCS Nguyễn Du", GD, RG),
    ("AG-3", "Công ty TNHH Thủy sản Minh Phát", DN, PQ),
    ("AG-4", "Công ty TNHH Du lịch Hải Âu", DN, PQ),
    ("AG-5", "Công ty Cổ phần Xây dựng Phú Quý", DN, TT),
    ("AG-6", "Trường THPT Nguyễn Trãi", GD, TT),
    ("AG-7", "Trường Mầm non An Hòa", GD, RG),
    ("AG-8", "Công ty TNHH May mặc Kim Ngân", DN, TT),
];

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn roster_csv(units: &[(&str, &str, &str, &str)]) -> String {
    let mut s = String::from("Mã đơn vị;Tên đơn vị;Loại hình;Công đoàn cấp trên\n");
    for (c, n, t, p) in units {
        s.push_str(&format!("{c};{n};{t};{p}\n"));
    }
    s
}

/// A complete, valid return of unit `i` of UNITS dated `date` (None: no report date).
fn values(i: usize, date: Option<NaiveDate>) -> Values {
    let (code, name, ty, parent) = UNITS[i];
    let who = Who {
        code: code.into(),
        union_name: name.into(),
        unit_name: name.into(),
        unit_type: ty.into(),
        parent: parent.into(),
    };
    let mut v = good(
        &Outline::embedded(),
        &who,
        &mut Rng::new(i as u64),
        date.unwrap_or(day(1, 4)),
    );
    if date.is_none() {
        v.remove("report_date");
    }
    v
}

fn write_return(sb: &Sandbox, rel: &str, v: Values) {
    let bytes = form::build(
        &Outline::embedded(),
        &FormOptions {
            values: v,
            ..Default::default()
        },
    )
    .expect("form");
    sb.write(rel, bytes);
}

/// The campaign as of early May: every kind of status once, plus a return that matches no unit.
fn campaign() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("ds.csv", roster_csv(&UNITS));
    write_return(&sb, "nhan/ag1.xlsx", values(0, Some(day(30, 4))));
    write_return(&sb, "nhan/ag2.xlsx", values(1, Some(day(3, 5))));
    // AG-3 has not reported.
    let mut with_error = values(3, Some(day(20, 4)));
    let missing = Mistake::named("missing_required").expect("a sample mistake");
    plant(&Outline::embedded(), &mut with_error, missing);
    write_return(&sb, "nhan/ag4.xlsx", with_error);
    write_return(&sb, "nhan/ag5.xlsx", values(4, Some(day(25, 4))));
    let mut again = values(4, Some(day(27, 4)));
    again.insert("docs_issued", Value::Number(99.0));
    write_return(&sb, "nhan/ag5-gui-lai.xlsx", again);
    // AG-6 typed no code; its name carries a prefix, NFD, other case and doubled spaces.
    let mut by_name = values(5, Some(day(29, 4)));
    by_name.remove("unit_code");
    let typed: String = "CĐCS  trường THPT   NGUYỄN TRÃI".nfd().collect();
    by_name.insert("union_name", Value::Text(typed));
    write_return(&sb, "nhan/thpt-nguyen-trai.xlsx", by_name);
    // AG-7 left the (required) report date empty: the file time (28/4) counts, and it is an error.
    let p = sb.join("nhan/ag7.xlsx");
    write_return(&sb, "nhan/ag7.xlsx", values(6, None));
    let t = SystemTime::UNIX_EPOCH
        + Duration::from_secs(
            day(28, 4)
                .and_hms_opt(10, 0, 0)
                .expect("t")
                .and_utc()
                .timestamp() as u64,
        );
    std::fs::File::options()
        .write(true)
        .open(&p)
        .and_then(|f| f.set_modified(t))
        .expect("set time");
    // AG-8 has not reported; a stranger has.
    let mut stranger = values(7, Some(day(26, 4)));
    stranger.insert("unit_code", Value::Text("ZZ-99".into()));
    stranger.insert("union_name", Value::Text("Công ty Lạ".into()));
    stranger.insert("unit_name", Value::Text("Công ty Lạ".into()));
    write_return(&sb, "nhan/la.xlsx", stranger);
    sb
}

fn statuses(doc: &Json) -> Vec<(String, String, String, String)> {
    doc["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            let s = |k: &str| u[k].as_str().unwrap_or("-").to_string();
            (s("code"), s("status"), s("date"), s("date_source"))
        })
        .collect()
}

fn row(items: [&str; 4]) -> (String, String, String, String) {
    items.map(str::to_string).into()
}

#[test]
fn json_after_the_deadline() {
    let sb = campaign();
    let run = sb.run(&[
        "status",
        "--roster",
        "ds.csv",
        "--as-of",
        "05/05/2026",
        "--format",
        "json",
        "nhan",
    ]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(doc["as_of"], "2026-05-05");
    assert_eq!(doc["deadline"], "2026-04-30");
    assert_eq!(
        statuses(&doc),
        [
            row(["AG-1", "on_time", "2026-04-30", "form"]),
            row(["AG-2", "late", "2026-05-03", "form"]),
            row(["AG-3", "missing", "-", "-"]),
            row(["AG-4", "error", "2026-04-20", "form"]),
            row(["AG-5", "duplicate", "2026-04-25", "form"]),
            row(["AG-6", "on_time", "2026-04-29", "form"]),
            row(["AG-7", "error", "2026-04-28", "file_time"]),
            row(["AG-8", "missing", "-", "-"]),
        ]
    );
    let units = doc["units"].as_array().expect("units");
    assert_eq!(units[0]["file"], "nhan/ag1.xlsx");
    assert_eq!(units[0]["name"], "Trường Tiểu học Vĩnh Lạc");
    assert_eq!(units[0]["type"], GD);
    assert_eq!(units[0]["parent"], RG);
    assert_eq!(
        units[4]["files"],
        json!(["nhan/ag5.xlsx", "nhan/ag5-gui-lai.xlsx"])
    );
    assert_eq!(units[5]["file"], "nhan/thpt-nguyen-trai.xlsx");
    assert_eq!(doc["unmatched"], json!(["nhan/la.xlsx"]));
    assert_eq!(
        doc["unmatched_detail"][0]["reason"],
        "mã “ZZ-99” không có trong danh sách đơn vị; tên “Công ty Lạ” cũng không khớp đơn vị nào"
    );
    let fig = |v: &Json| {
        [
            "expected",
            "on_time",
            "late",
            "missing",
            "with_errors",
            "duplicates",
        ]
        .map(|k| v[k].as_u64().expect(k))
    };
    assert_eq!(fig(&doc["total"]), [8, 5, 1, 2, 2, 1]);
    assert_eq!(doc["total"]["percent_reported"], 75.0);
    assert_eq!(doc["total"]["percent_on_time"], 62.5);
    assert_eq!(fig(&doc["by_parent"][RG]), [3, 2, 1, 0, 1, 0]);
    assert_eq!(fig(&doc["by_parent"][PQ]), [2, 1, 0, 1, 1, 0]);
    assert_eq!(fig(&doc["by_parent"][TT]), [3, 2, 0, 1, 0, 1]);
    assert_eq!(doc["by_parent"][PQ]["percent_reported"], 50.0);
    assert_eq!(fig(&doc["by_type"][GD]), [4, 3, 1, 0, 1, 0]);
    assert_eq!(fig(&doc["by_type"][DN]), [4, 2, 0, 2, 1, 1]);
    let keys: Vec<&String> = doc["by_parent"]
        .as_object()
        .expect("object")
        .keys()
        .collect();
    assert_eq!(keys.len(), 3);
}

#[test]
fn before_the_deadline_missing_units_are_not_due_and_later_returns_do_not_count() {
    let sb = campaign();
    let run = sb.run(&[
        "status",
        "--roster",
        "ds.csv",
        "--as-of",
        "2026-04-26",
        "--format",
        "json",
        "nhan",
    ]);
    run.expect_code(1);
    let doc = run.json();
    let st: Vec<(String, String)> = statuses(&doc)
        .into_iter()
        .map(|(c, s, _, _)| (c, s))
        .collect();
    let want = [
        ("AG-1", "not_due"),
        ("AG-2", "not_due"),
        ("AG-3", "not_due"),
        ("AG-4", "error"),
        ("AG-5", "on_time"),
        ("AG-6", "not_due"),
        ("AG-7", "not_due"),
        ("AG-8", "not_due"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(st, want);
    let mut after: Vec<&str> = doc["after_as_of"]
        .as_array()
        .expect("list")
        .iter()
        .map(|v| v.as_str().expect("str"))
        .collect();
    after.sort();
    assert_eq!(
        after,
        [
            "nhan/ag1.xlsx",
            "nhan/ag2.xlsx",
            "nhan/ag5-gui-lai.xlsx",
            "nhan/ag7.xlsx",
            "nhan/thpt-nguyen-trai.xlsx"
        ]
    );
    assert_eq!(doc["total"]["missing"], 6);
}

#[test]
fn the_table_shows_units_notes_and_figures() {
    let sb = campaign();
    let run = sb.run(&[
        "status", "--roster", "ds.csv", "--as-of", "5/5/2026", "nhan",
    ]);
    run.expect_code(1);
    let out = &run.stdout;
    assert!(
        out.starts_with("Tình hình nộp báo cáo tính đến ngày 05/05/2026 — hạn nộp 30/04/2026 (đã quá hạn 5 ngày)\n"),
        "{out}"
    );
    let line = |code: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("| {code} ")))
            .unwrap_or_else(|| panic!("no line for {code}:\n{out}"))
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line("AG-2")[3..],
        ["trễ hạn", "03/05/2026", "nhan/ag2.xlsx"]
    );
    assert_eq!(line("AG-3")[3..], ["chưa nộp"]);
    assert_eq!(
        line("AG-5")[3..],
        [
            "trùng",
            "25/04/2026",
            "nhan/ag5.xlsx, nhan/ag5-gui-lai.xlsx"
        ]
    );
    assert_eq!(
        line("AG-7")[3..],
        ["có lỗi", "28/04/2026 (ngày tệp)", "nhan/ag7.xlsx"]
    );
    assert!(
        out.contains(
            "Báo cáo không khớp đơn vị nào trong danh sách (1):\n  □ nhan/la.xlsx — mã “ZZ-99”"
        ),
        "{out}"
    );
    assert!(
        out.contains("Ghi chú: 1 đơn vị không ghi ngày báo cáo trên biểu mẫu; dùng ngày sửa tệp"),
        "{out}"
    );
    let total = out
        .lines()
        .find(|l| l.starts_with("| Tổng cộng "))
        .expect("total row");
    let cells: Vec<&str> = total
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        ["Tổng cộng", "8", "5", "1", "2", "2", "1", "75 %", "62,5 %"]
    );
    assert!(out.contains(
        "Tổng cộng: 8 đơn vị phải nộp — 5 đúng hạn, 1 trễ hạn, 2 chưa nộp; 2 có lỗi, 1 nộp trùng; đã nộp 75 %, đúng hạn 62,5 %."
    ));
}

#[test]
fn exit_0_when_every_unit_reported_cleanly() {
    let sb = Sandbox::new();
    sb.write("ds.csv", roster_csv(&UNITS[..2]));
    write_return(&sb, "nhan/a.xlsx", values(0, Some(day(30, 4))));
    write_return(&sb, "nhan/b.xlsx", values(1, Some(day(4, 5))));
    sb.write("nhan/ghi-chu.txt", "không phải báo cáo");
    let run = sb.run(&[
        "status",
        "--roster",
        "ds.csv",
        "--as-of",
        "2026-05-10",
        "nhan",
    ]);
    run.ok();
    assert!(
        run.stdout.contains("đã nộp 100 %, đúng hạn 50 %."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("□ nhan/ghi-chu.txt — không phải tệp bảng tính"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_roster_rows_are_reported_and_counted_as_a_problem() {
    let sb = Sandbox::new();
    let mut csv = roster_csv(&UNITS[..1]);
    csv.push_str(&format!("AG-1;Trùng mã;{GD};{RG}\n;Không mã;{GD};{RG}\n"));
    sb.write("ds.csv", csv);
    write_return(&sb, "nhan/a.xlsx", values(0, Some(day(30, 4))));
    let run = sb.run(&[
        "status",
        "--roster",
        "ds.csv",
        "--as-of",
        "2026-05-10",
        "--format",
        "json",
        "nhan",
    ]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(
        doc["roster_problems"],
        json!([
            "dòng 3: mã đơn vị “AG-1” trùng với dòng 2",
            "dòng 4: thiếu mã đơn vị"
        ])
    );
    assert_eq!(doc["total"]["expected"], 1);
    assert_eq!(doc["total"]["on_time"], 1);
}

#[test]
fn a_roster_file_inside_the_returns_folder_is_not_read_as_a_return() {
    let sb = Sandbox::new();
    write_return(&sb, "nhan/a.xlsx", values(0, Some(day(30, 4))));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["code", "name", "type", "parent"],
        [UNITS[0].0, UNITS[0].1, GD, RG],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("write");
        }
    }
    wb.save(sb.join("nhan/ds.xlsx")).expect("save");
    let run = sb.run(&[
        "status",
        "--roster",
        "nhan/ds.xlsx",
        "--as-of",
        "2026-05-10",
        "--format",
        "json",
        "nhan",
    ]);
    run.ok();
    assert_eq!(run.json()["unmatched"], json!([]));
}

#[test]
fn bad_arguments_stop_the_command() {
    let sb = Sandbox::new();
    sb.write("ds.csv", roster_csv(&UNITS));
    let run = sb.run(&["status", "--roster", "ds.csv", "--as-of", "31/4/2026", "."]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: --as-of “31/4/2026” không phải ngày hợp lệ: ghi dạng 25/4/2026 hoặc 2026-04-25"
    );
    let run = sb.run(&["status", "."]);
    run.expect_code(2);
    assert!(
        run.one_error_line()
            .starts_with("lỗi: thiếu tham số bắt buộc")
    );
    let run = sb.run(&["status", "--roster", "khong-co.csv", "."]);
    run.expect_code(2);
    assert!(
        run.one_error_line()
            .starts_with("lỗi: không mở được danh sách đơn vị khong-co.csv")
    );
}
