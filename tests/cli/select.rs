//! `select survey` and `select awards` on the demo's returns: JSON keys, files, exit codes, refusals.

use crate::harness::{Book, Sandbox, fixture};

fn demo(sb: &Sandbox) {
    sb.run(&["demo", "-o", "d", "--units", "30"]).expect_code(0);
}

#[test]
fn survey_prints_the_documented_json_and_writes_its_files() {
    let sb = Sandbox::new();
    demo(&sb);
    let (x, w) = (sb.join("k.xlsx"), sb.join("k.docx"));
    let args = |seed: &str| {
        vec![
            "select".to_string(),
            "survey".into(),
            "d/bao-cao".into(),
            "--roster".into(),
            "d/danh-sach-don-vi.csv".into(),
            "--seed".into(),
            seed.into(),
            "--format".into(),
            "json".into(),
            "-q".into(),
        ]
    };
    let mut first: Vec<String> = args("3");
    first.extend([
        "-o".into(),
        x.display().to_string(),
        "--docx".into(),
        w.display().to_string(),
    ]);
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let r = sb.run(&first);
    let j = r.json();
    let short = j["short"].as_array().expect("short");
    r.expect_code(if short.is_empty() { 0 } else { 1 });
    assert_eq!(j["seed"], 3);
    let pick = &j["picks"][0];
    let keys: Vec<&str> = pick
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "parent",
            "reason",
            "stratum",
            "unit_code",
            "unit_name",
            "unit_type"
        ]
    );
    assert_eq!(pick["stratum"], "Khu vực doanh nghiệp Nhà nước");
    assert_eq!(pick["unit_type"], "Doanh nghiệp nhà nước");
    for s in short {
        assert!(s["available"].as_u64().unwrap() < s["wanted"].as_u64().unwrap());
    }
    let mut book = Book::open(&x);
    assert_eq!(book.sheet_names(), ["Khảo sát"]);
    let sheet = book.sheet("Khảo sát");
    assert_eq!(sheet.text("L4").as_deref(), Some(crate::select_decision()));
    assert_eq!(sheet.text("C5").as_deref(), Some("Chọn"));
    assert!(
        sheet.text("I5").is_some_and(|c| !c.is_empty()),
        "contact from the roster"
    );
    assert_eq!(&std::fs::read(&w).unwrap()[..2], b"PK");
    // The same seed again: the same bytes, but only with --force.
    let again = sb.run(&first);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("đã có; thêm --force"),
        "{}",
        again.stderr
    );
    let before = std::fs::read(&x).unwrap();
    let mut forced = first.clone();
    forced.push("--force");
    sb.run(&forced);
    assert_eq!(std::fs::read(&x).unwrap(), before);
}

#[test]
fn awards_rank_collectives_and_list_nominated_individuals() {
    let sb = Sandbox::new();
    demo(&sb);
    let r = sb.run(&[
        "select",
        "awards",
        "d/bao-cao",
        "-o",
        "a.xlsx",
        "--format",
        "json",
        "-q",
    ]);
    r.expect_code(0);
    let j = r.json();
    let c = &j["collectives"][0];
    let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "indicators",
            "parent",
            "proposed",
            "rank",
            "score",
            "unit_code",
            "unit_name",
            "unit_type"
        ]
    );
    assert_eq!(c["rank"], 1);
    let proposed = j["collectives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["proposed"] == true)
        .count();
    assert_eq!(proposed, 5);
    let i = &j["individuals"][0];
    for k in ["name", "position", "unit_code", "unit_name", "achievement"] {
        assert!(i[k].is_string(), "{k}");
    }
    let mut book = Book::open(sb.join("a.xlsx"));
    assert_eq!(book.sheet_names(), ["Tập thể", "Cá nhân", "Cách tính điểm"]);
    assert_eq!(
        book.sheet("Cá nhân").text("B4").as_deref(),
        Some("Họ và tên")
    );
    // The summary collates the nomination table on a sheet of its own.
    let summary = Book::open(sb.join("d/tong-hop-tinh.xlsx"));
    assert!(
        summary
            .sheet_names()
            .contains(&"Đề xuất khen thưởng".to_string())
    );
}

#[test]
fn an_outline_without_select_is_refused_and_no_nomination_is_exit_1() {
    let sb = Sandbox::new();
    let other = fixture("other-outline/khao-sat-cmhs.toml");
    sb.run(&[
        "template",
        "--outline",
        other.to_str().unwrap(),
        "-o",
        "f.xlsx",
    ])
    .ok();
    let r = sb.run(&[
        "select",
        "survey",
        "--outline",
        other.to_str().unwrap(),
        "f.xlsx",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.one_error_line().contains("không có phần [select.survey]"));
    // A blank form of the default outline nominates nobody.
    sb.run(&["template", "-o", "blank.xlsx"]).ok();
    let r = sb.run(&["select", "awards", "blank.xlsx", "--include-errors"]);
    assert_eq!(r.code, 2, "no such option");
    let r = sb.run(&["select", "awards", "blank.xlsx", "-q"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("Không báo cáo nào đề xuất cá nhân."),
        "{}",
        r.stdout
    );
}
