//! A second campaign, with other keys, lists, roles and rule (tests/fixtures/other-outline: a survey of
//! the parents' boards of school classes), runs end to end through template, check, merge and status
//! with `--outline`: the Rust code knows nothing of either campaign.

use crate::harness::{Book, Sandbox, SheetData, fixture};
use chrono::NaiveDate;
use serde_json::json;
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use soket::record::{Value, Values, key};

const OUTLINE: &str = "khao-sat-cmhs.toml";
const ROSTER: &str = "danh-sach-lop.csv";

fn outline() -> Outline {
    Outline::load(Some(&fixture(&format!("other-outline/{OUTLINE}")))).expect("the second outline")
}

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.copy_fixture(&format!("other-outline/{OUTLINE}"), OUTLINE);
    sb.copy_fixture(&format!("other-outline/{ROSTER}"), ROSTER);
    sb
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn num(n: f64) -> Value {
    Value::Number(n)
}

/// A return of a class: code (None: left empty), name, grade, school, pupils, parents at the
/// meeting, fund, satisfaction, date, then any other values.
#[allow(clippy::too_many_arguments)]
fn class(
    code: Option<&str>,
    name: &str,
    grade: &str,
    school: &str,
    pupils: f64,
    met: f64,
    fund: Value,
    satisfaction: f64,
    day: u32,
    more: &[(&str, Value)],
) -> Values {
    let mut v = Values::new();
    if let Some(c) = code {
        v.insert(key("class_code"), text(c));
    }
    for (k, x) in [
        ("class_name", text(name)),
        ("grade", text(grade)),
        ("school", text(school)),
        ("pupils", num(pupils)),
        ("parents_met", num(met)),
        ("fund_raised", fund),
        ("satisfaction", num(satisfaction)),
        (
            "submitted_on",
            Value::Date(NaiveDate::from_ymd_opt(2026, 3, day).expect("day")),
        ),
    ] {
        v.insert(key(k), x);
    }
    for (k, x) in more {
        v.insert(key(k), x.clone());
    }
    v
}

/// Three returns in `nhan/`: LL-6A clean, LL-7B breaking the rule, the 6A of Nguyễn Du with no code,
/// its name behind a prefix, its fund typed as text and sent late; ND-9C has not reported.
fn returns(sb: &Sandbox) {
    let o = outline();
    let write = |file: &str, values: Values| {
        let bytes = form::build(
            &o,
            &FormOptions {
                values,
                ..FormOptions::default()
            },
        )
        .expect("form");
        sb.write(format!("nhan/{file}"), bytes);
    };
    write(
        "LL-6A.xlsx",
        class(
            Some("LL-6A"),
            "Lớp 6A",
            "Khối 6",
            "Trường THCS Lê Lợi",
            40.0,
            38.0,
            num(5_000_000.0),
            90.0,
            15,
            &[
                ("activity_01_name", text("Tham quan bảo tàng")),
                ("activity_01_kind", text("Ngoại khóa")),
                ("activity_01_joined", num(35.0)),
                ("activity_02_name", text("Quyên góp sách cũ")),
                ("activity_02_kind", text("Từ thiện")),
                (
                    "opinions",
                    text("Đề nghị nhà trường tổ chức thêm buổi học bơi."),
                ),
            ],
        ),
    );
    write(
        "LL-7B.xlsx",
        class(
            Some("LL-7B"),
            "Lớp 7B",
            "Khối 7",
            "Trường THCS Lê Lợi",
            42.0,
            45.0,
            num(3_000_000.0),
            80.0,
            18,
            &[],
        ),
    );
    write(
        "6a-nguyen-du.xlsx",
        class(
            None,
            "BĐD CMHS 6A Nguyễn Du",
            "Khối 6",
            "Trường THCS Nguyễn Du",
            40.0,
            30.0,
            text("2.500.000 đồng"),
            80.0,
            25,
            &[("opinions", text("Cần thêm ghế đá ở sân trường."))],
        ),
    );
}

#[test]
fn outline_lists_the_other_fields() {
    let sb = sandbox();
    let doc = sb
        .run(&["outline", "--outline", OUTLINE, "--format", "json"])
        .ok()
        .json();
    assert_eq!(doc["campaign"], "khao-sat-bdd-cmhs-2026");
    let keys: Vec<&str> = doc["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["key"].as_str().expect("key"))
        .collect();
    let mut want = vec![
        "submitted_on",
        "class_code",
        "class_name",
        "grade",
        "school",
        "pupils",
        "parents_met",
        "fund_raised",
        "satisfaction",
    ];
    let table: Vec<String> = (1..=3)
        .flat_map(|r| ["name", "kind", "joined"].map(|c| format!("activity_0{r}_{c}")))
        .collect();
    want.extend(table.iter().map(String::as_str));
    want.push("opinions");
    assert_eq!(keys, want);
}

#[test]
fn template_fills_each_class_form_from_the_roster() {
    let sb = sandbox();
    let run = sb.run(&[
        "template",
        "--outline",
        OUTLINE,
        "--roster",
        ROSTER,
        "-o",
        "mau",
    ]);
    // Exit 1: the roster has a bad row; the forms of the good rows are written.
    run.expect_code(1);
    // The row with a grade that is not in the outline's list is refused, naming the outline's word.
    assert!(
        run.stderr
            .contains("dòng 6: khối “Khối 10” không có trong danh sách của đề cương"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Khối hợp lệ: Khối 6; Khối 7; Khối 8; Khối 9."),
        "{}",
        run.stderr
    );
    let files = sb.list("mau");
    for f in ["LL-6A", "LL-7B", "ND-6A", "ND-9C"] {
        assert!(
            files
                .iter()
                .any(|x| x.starts_with(f) && x.ends_with(".xlsx")),
            "{f}: {files:?}"
        );
    }
    assert!(!files.iter().any(|x| x.starts_with("ND-8A")), "{files:?}");
    // Code, name, grade and school are filled in (by role), all but the name locked; the key "role" cells of
    // the embedded outline do not exist here.
    let nd = files
        .iter()
        .find(|x| x.starts_with("ND-6A") && x.ends_with(".xlsx"))
        .expect("ND-6A form");
    let mut book = Book::open(sb.join(format!("mau/{nd}")));
    let s = book.sheet("Báo cáo");
    assert_eq!(s.text("C9").as_deref(), Some("ND-6A"));
    assert_eq!(s.text("C10").as_deref(), Some("Lớp 6A Nguyễn Du"));
    assert_eq!(s.text("C11").as_deref(), Some("Khối 6"));
    assert_eq!(s.text("C12").as_deref(), Some("Trường THCS Nguyễn Du"));
    assert_eq!(s.text("C13"), None);
    for cell in ["C9", "C11", "C12"] {
        assert_eq!(book.locked("Báo cáo", cell), Some(true), "{cell}");
    }
    // The name is filled in but open: the unit corrects it, check compares it (issue 15.2).
    assert_eq!(book.locked("Báo cáo", "C10"), Some(false));
    assert_eq!(book.locked("Báo cáo", "C13"), Some(false));
}

#[test]
fn check_applies_the_other_rule_and_reads_by_the_other_keys() {
    let sb = sandbox();
    returns(&sb);
    let j = sb
        .run(&["check", "--outline", OUTLINE, "--format", "json", "nhan"])
        .expect_code(1)
        .json();
    let files: Vec<(&str, &str, &str)> = j["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path"),
                f["unit"].as_str().expect("unit"),
                f["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("nhan/6a-nguyen-du.xlsx", "BĐD CMHS 6A Nguyễn Du", "warning"),
            ("nhan/LL-6A.xlsx", "Lớp 6A", "ok"),
            ("nhan/LL-7B.xlsx", "Lớp 7B", "error"),
        ]
    );
    let issue = |i: usize| &j["files"][i]["issues"][0];
    assert_eq!(issue(2)["rule"], "met_within_pupils");
    assert_eq!(issue(2)["field"], "parents_met");
    assert_eq!(issue(2)["cell"], "Báo cáo!C14");
    assert_eq!(issue(2)["value"], "45");
    assert!(
        issue(2)["message"]
            .as_str()
            .expect("message")
            .starts_with("Số học sinh có cha mẹ dự họp không thể lớn hơn sĩ số"),
        "{}",
        issue(2)
    );
    assert_eq!(issue(0)["rule"], "normalized");
    assert_eq!(issue(0)["field"], "fund_raised");
    assert_eq!(j["files"][2]["issues"].as_array().expect("issues").len(), 1);
}

#[test]
fn merge_sums_the_other_figures_and_writes_the_declared_sheets() {
    let sb = sandbox();
    returns(&sb);
    let j = sb
        .run(&[
            "merge",
            "--outline",
            OUTLINE,
            "--format",
            "json",
            "-o",
            "tong-hop.xlsx",
            "nhan",
        ])
        .expect_code(1)
        .json();
    assert_eq!(j["units_merged"], 2);
    assert_eq!(j["units_excluded"], 1);
    assert_eq!(j["duplicates"], json!([]));
    // LL-6A and the 6A of Nguyễn Du; LL-7B is left out for its error.
    assert_eq!(
        j["totals"],
        json!({"pupils": 80.0, "parents_met": 68.0, "fund_raised": 7_500_000.0, "satisfaction": 85.0})
    );
    assert_eq!(
        j["by_type"]["Khối 6"],
        json!({"pupils": 80.0, "parents_met": 68.0, "fund_raised": 7_500_000.0, "satisfaction": 85.0})
    );
    assert_eq!(
        j["by_type"]["Khối 7"],
        json!({"pupils": 0.0, "parents_met": 0.0, "fund_raised": 0.0})
    );
    assert_eq!(
        j["by_parent"]["Trường THCS Nguyễn Du"],
        json!({"pupils": 40.0, "parents_met": 30.0, "fund_raised": 2_500_000.0, "satisfaction": 80.0})
    );

    let mut book = Book::open(sb.join("tong-hop.xlsx"));
    assert_eq!(
        book.sheet_names(),
        [
            "Tổng hợp",
            "Theo loại hình",
            "Theo cấp trên",
            "Chi tiết",
            "Hoạt động",
            "Ý kiến",
            "Kiểm tra",
            "Biểu đồ",
            "Nguồn",
            "_soket"
        ]
    );
    let s = book.sheet("Tổng hợp");
    let r = row_with(&s, 1, "Sĩ số học sinh");
    assert_eq!(s.text(&format!("D{r}")).as_deref(), Some("80"));
    assert_eq!(s.text(&format!("C{r}")).as_deref(), Some("em"));
    // No members block in this outline: the first figure follows the count of units.
    assert_eq!(s.text("B6").as_deref(), Some("Số đơn vị được tổng hợp"));
    assert_eq!(s.text("A7").as_deref(), Some("A. THÔNG TIN LỚP"));

    let s = book.sheet("Theo loại hình");
    assert_eq!(s.text("A1").as_deref(), Some("SỐ LIỆU THEO KHỐI"));
    assert_eq!(s.text("D5").as_deref(), Some("Khối 6"));

    let s = book.sheet("Hoạt động");
    assert_eq!(s.text("A1").as_deref(), Some("HOẠT ĐỘNG ĐÃ TỔ CHỨC"));
    assert_eq!(
        s.text("A2").as_deref(),
        Some("Các hoạt động do ban đại diện các lớp tổ chức")
    );
    let row = |r: u32| -> Vec<Option<String>> {
        ["B", "C", "D", "E"]
            .iter()
            .map(|c| s.text(&format!("{c}{r}")))
            .collect()
    };
    let some = |t: &str| Some(t.to_string());
    assert_eq!(
        row(4),
        [
            some("Đơn vị"),
            some("Tên hoạt động"),
            some("Loại"),
            some("Số em tham gia")
        ]
    );
    assert_eq!(
        row(5),
        [
            some("Lớp 6A"),
            some("Tham quan bảo tàng"),
            some("Ngoại khóa"),
            some("35")
        ]
    );
    assert_eq!(
        row(6),
        [
            some("Lớp 6A"),
            some("Quyên góp sách cũ"),
            some("Từ thiện"),
            None
        ]
    );
    assert_eq!(row(7), [None, None, None, None]);

    // Units in the order of the upper level's options, then by name.
    let s = book.sheet("Ý kiến");
    assert_eq!(s.text("A1").as_deref(), Some("Ý KIẾN CỦA CHA MẸ HỌC SINH"));
    assert_eq!(s.text("C4").as_deref(), Some("Trường"));
    assert_eq!(s.text("A5").as_deref(), Some("Ý kiến, đề xuất"));
    let texts: Vec<(Option<String>, Option<String>, Option<String>)> = (6..=7)
        .map(|r| {
            (
                s.text(&format!("B{r}")),
                s.text(&format!("C{r}")),
                s.text(&format!("D{r}")),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                some("Lớp 6A"),
                some("Trường THCS Lê Lợi"),
                some("Đề nghị nhà trường tổ chức thêm buổi học bơi.")
            ),
            (
                some("BĐD CMHS 6A Nguyễn Du"),
                some("Trường THCS Nguyễn Du"),
                some("Cần thêm ghế đá ở sân trường.")
            ),
        ]
    );
}

#[test]
fn status_matches_classes_by_code_and_by_name_without_its_prefix() {
    let sb = sandbox();
    returns(&sb);
    let j = sb
        .run(&[
            "status",
            "--outline",
            OUTLINE,
            "--roster",
            ROSTER,
            "--as-of",
            "2026-03-31",
            "--format",
            "json",
            "nhan",
        ])
        .expect_code(1)
        .json();
    assert_eq!(j["deadline"], "2026-03-20");
    let units: Vec<(&str, &str, &str, Option<&str>)> = j["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["code"].as_str().expect("code"),
                u["type"].as_str().expect("type"),
                u["status"].as_str().expect("status"),
                u["date"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            ("LL-6A", "Khối 6", "on_time", Some("2026-03-15")),
            ("LL-7B", "Khối 7", "error", Some("2026-03-18")),
            ("ND-6A", "Khối 6", "late", Some("2026-03-25")),
            ("ND-9C", "Khối 9", "missing", None),
        ]
    );
    assert_eq!(
        j["roster_problems"],
        json!(["dòng 6: khối “Khối 10” không có trong danh sách của đề cương"])
    );
    assert_eq!(j["unmatched"], json!([]));
    assert_eq!(j["total"]["expected"], 4);
    assert_eq!(j["by_parent"]["Trường THCS Nguyễn Du"]["missing"], 1);
}

/// The first row (1-based) whose column `col` (0-based) reads `text`.
#[track_caller]
fn row_with(s: &SheetData, col: u32, text: &str) -> u32 {
    s.strings()
        .into_iter()
        .find(|(_, c, t)| *c == col && t == text)
        .map(|(r, _, _)| r + 1)
        .unwrap_or_else(|| panic!("no “{text}” in column {col}"))
}
