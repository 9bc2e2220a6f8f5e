//! Roll-up through ward summaries, duplicates (order, dates, times, paths, names), errors taken in or left out.

use super::inputs::*;
use super::sheets::*;
use crate::harness::{Book, Sandbox, cell_pos, sha256};
use chrono::NaiveDate;
use soket::form::{FormOptions, build};
use soket::outline::Outline;
use soket::record::Value;

#[test]
fn merging_a_summary_again_alone_gives_the_same_figures() {
    let sb = province();
    let first = sb.run(&PROVINCE_ARGS).json();
    let run = sb.run(&["merge", "--format", "json", "-o", "lai.xlsx", "tinh.xlsx"]);
    run.ok();
    let again = run.json();
    assert_eq!(again["units_merged"], 4);
    assert_eq!(again["units_excluded"], 0);
    assert_eq!(again["duplicates"], serde_json::json!([]));
    for part in ["totals", "by_type", "by_parent"] {
        assert_eq!(again[part], first[part], "{part}");
    }
    // The sheets agree cell for cell on the figures, and the origins survive the second level.
    let mut one = Book::open(sb.join("tinh.xlsx"));
    let mut two = Book::open(sb.join("lai.xlsx"));
    for sheet in ["Tổng hợp", "Theo loại hình", "Theo cấp trên"] {
        let (a, b) = (one.sheet(sheet), two.sheet(sheet));
        let (end_a, end_b) = (a.range.end(), b.range.end());
        assert_eq!(end_a, end_b, "{sheet}: size");
        let (last_row, last_col) = end_a.expect("cells");
        for r in 5..=last_row {
            for c in 0..=last_col {
                assert_eq!(
                    a.range.get_value((r, c)),
                    b.range.get_value((r, c)),
                    "{sheet} ({r},{c})"
                );
            }
        }
    }
    let (a, b) = (one.sheet("Chi tiết"), two.sheet("Chi tiết"));
    let col = key_col(&a, "_file");
    for r in 5..=8 {
        assert_eq!(a.text(&format!("{col}{r}")), b.text(&format!("{col}{r}")));
    }
}

#[test]
fn the_duplicate_choice_and_the_bytes_do_not_depend_on_argument_order() {
    let sb = province();
    let files = [
        "rach-gia-tong-hop.xlsx",
        "truc-tiep/a-gui-thang.xlsx",
        "truc-tiep/c.xlsx",
        "truc-tiep/d-cu.xlsx",
        "truc-tiep/d.xlsx",
    ];
    let mut fwd = vec!["merge", "--format", "json", "-o", "xuoi.xlsx"];
    fwd.extend(files);
    let mut rev = vec!["merge", "--format", "json", "-o", "nguoc.xlsx"];
    rev.extend(files.iter().rev());
    let (f, r) = (sb.run(&fwd), sb.run(&rev));
    f.ok();
    r.ok();
    let (f, r) = (f.json(), r.json());
    assert_eq!(f["duplicates"], r["duplicates"]);
    assert_eq!(f["duplicates"][1]["kept"], "truc-tiep/d.xlsx");
    assert_eq!(f["duplicates"][0]["kept"], "rach-gia-tong-hop.xlsx");
    assert_eq!(f["totals"], r["totals"]);
    assert_eq!(
        sha256(sb.join("xuoi.xlsx")),
        sha256(sb.join("nguoc.xlsx")),
        "same inputs, same bytes"
    );
}

#[test]
fn same_report_date_the_file_time_never_decides_the_smaller_path_does() {
    // Issue 15.15: a download or a copy changes file times; two clean returns of the same date
    // that disagree are a conflict, and the smaller path is used whatever the times.
    let sb = Sandbox::new();
    let with_workers = |n: f64| {
        let mut v = d().values();
        v.insert("workers_total", Value::Number(n));
        v
    };
    let newer = write_return(&sb, "z-moi.xlsx", with_workers(901.0));
    let older = write_return(&sb, "a-cu.xlsx", with_workers(902.0));
    for (z, a) in [
        (1_777_400_000, 1_777_300_000),
        (1_777_300_000, 1_777_400_000),
    ] {
        set_mtime(&newer, z);
        set_mtime(&older, a);
        for args in [["z-moi.xlsx", "a-cu.xlsx"], ["a-cu.xlsx", "z-moi.xlsx"]] {
            let run = sb.run(&[
                "merge", "--force", "--format", "json", "-o", "t.xlsx", args[0], args[1],
            ]);
            run.ok();
            let doc = run.json();
            assert_eq!(doc["duplicates"][0]["kept"], "a-cu.xlsx");
            assert_eq!(
                doc["duplicates"][0]["dropped"],
                serde_json::json!(["z-moi.xlsx"])
            );
            assert_eq!(doc["duplicates"][0]["conflict"], true);
            assert_eq!(doc["totals"]["workers_total"], 902.0);
        }
    }
}

#[test]
fn a_unit_without_code_is_matched_by_its_name() {
    let sb = Sandbox::new();
    let mut one = c().values();
    one.remove("unit_code");
    let mut two = c().values();
    two.remove("unit_code");
    two.insert(
        "union_name",
        Value::Text("Công đoàn cơ sở  trường tiểu học Dương Đông".into()),
    );
    two.insert(
        "report_date",
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 29).expect("date")),
    );
    write_return(&sb, "mot.xlsx", one);
    write_return(&sb, "hai.xlsx", two);
    let run = sb.run(&[
        "merge", "--format", "json", "-o", "t.xlsx", "mot.xlsx", "hai.xlsx",
    ]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["units_merged"], 1);
    assert_eq!(doc["duplicates"][0]["kept"], "hai.xlsx");
    assert_eq!(
        doc["duplicates"][0]["dropped"],
        serde_json::json!(["mot.xlsx"])
    );
}

/// One unit identity for merge, status and check --roster: "Công đoàn X" and "X" without a code are one
/// unit (merge used to strip only "CĐCS"/"Công đoàn cơ sở", so it counted them twice).
#[test]
fn a_union_name_with_or_without_the_union_prefix_is_one_unit() {
    let sb = Sandbox::new();
    let mut one = c().values();
    one.remove("unit_code");
    one.insert(
        "union_name",
        Value::Text("Công đoàn Trường Tiểu học Dương Đông".into()),
    );
    let mut two = c().values();
    two.remove("unit_code");
    two.insert(
        "union_name",
        Value::Text("Trường Tiểu học Dương Đông.".into()),
    );
    two.insert(
        "report_date",
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 29).expect("date")),
    );
    write_return(&sb, "mot.xlsx", one);
    write_return(&sb, "hai.xlsx", two);
    let doc = sb
        .run(&[
            "merge", "--format", "json", "-o", "t.xlsx", "mot.xlsx", "hai.xlsx",
        ])
        .ok()
        .json();
    assert_eq!(doc["units_merged"], 1);
    assert_eq!(doc["duplicates"][0]["kept"], "hai.xlsx");
    assert_eq!(
        doc["duplicates"][0]["dropped"],
        serde_json::json!(["mot.xlsx"])
    );
    std::fs::write(
        sb.join("ds.csv"),
        format!("Mã đơn vị,Tên đơn vị,Loại hình,Công đoàn cấp trên\nAG-9,Trường Tiểu học Dương Đông,{GIAO_DUC},{PHU_QUOC}\n"),
    )
    .expect("roster");
    let status = sb
        .run(&[
            "status",
            "--format",
            "json",
            "--roster",
            "ds.csv",
            "--as-of",
            "2026-05-10",
            "mot.xlsx",
            "hai.xlsx",
        ])
        .json();
    assert_eq!(status["unmatched"], serde_json::json!([]));
    assert_eq!(status["units"][0]["status"], "duplicate");
    assert_eq!(
        status["units"][0]["files"],
        serde_json::json!(["mot.xlsx", "hai.xlsx"])
    );
}

#[test]
fn include_errors_takes_them_in_marked_and_a_later_merge_still_sees_them() {
    let sb = province();
    let run = sb.run(&[
        "merge",
        "--include-errors",
        "--format",
        "json",
        "-o",
        "co-loi.xlsx",
        "rach-gia-tong-hop.xlsx",
        "truc-tiep/c.xlsx",
        "truc-tiep/d.xlsx",
        "truc-tiep/e-loi.xlsx",
    ]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["units_merged"], 5);
    assert_eq!(doc["units_excluded"], 0);
    assert_eq!(doc["totals"]["members_now"], 1315.0 + 160.0);
    let mut book = Book::open(sb.join("co-loi.xlsx"));
    let s = book.sheet("Chi tiết");
    let name_col = cell_pos(&format!("{}1", key_col(&s, "union_name"))).1;
    let r = row_with(&s, name_col, "CĐCS Công ty CP Xây dựng An Giang");
    assert_eq!(
        s.text(&format!("{}{r}", key_col(&s, "_status"))).as_deref(),
        Some("error")
    );
    assert_eq!(
        s.text(&format!("{}{r}", key_col(&s, "_status_text")))
            .as_deref(),
        Some("Đã tổng hợp dù có lỗi (--include-errors)")
    );
    let t = book.sheet("Tổng hợp");
    assert!(
        t.text("A3")
            .unwrap()
            .contains("trong đó 1 đơn vị có lỗi, vẫn được đưa vào")
    );
    // Without --include-errors, the next level leaves it out again.
    let run = sb.run(&[
        "merge",
        "--format",
        "json",
        "-o",
        "tren.xlsx",
        "co-loi.xlsx",
    ]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(doc["units_merged"], 4);
    assert_eq!(doc["units_excluded"], 1);
}

#[test]
fn an_error_recorded_by_a_lower_merge_is_kept_at_the_next_level() {
    let sb = Sandbox::new();
    // A return on another campaign's form: an error of the file, not of its values.
    let other = Outline::parse(
        &soket::outline::DEFAULT_OUTLINE.replace("so-ket-02-ctr-bch-2026", "dot-khac-2025"),
        "khac.toml",
    )
    .expect("outline");
    let form = build(
        &other,
        &FormOptions {
            values: c().values(),
            ..FormOptions::default()
        },
    )
    .expect("form");
    sb.write("khac.xlsx", form);
    write_return(&sb, "a.xlsx", a().values());
    let run = sb.run(&[
        "merge",
        "--format",
        "json",
        "-o",
        "t1.xlsx",
        "a.xlsx",
        "khac.xlsx",
    ]);
    run.expect_code(1);
    assert_eq!(run.json()["units_excluded"], 1);
    let run = sb.run(&[
        "merge",
        "--include-errors",
        "--format",
        "json",
        "-o",
        "t2.xlsx",
        "a.xlsx",
        "khac.xlsx",
    ]);
    run.ok();
    assert_eq!(run.json()["units_merged"], 2);
    let run = sb.run(&["merge", "--format", "json", "-o", "t3.xlsx", "t2.xlsx"]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(doc["units_merged"], 1);
    assert_eq!(doc["units_excluded"], 1);
    let mut book = Book::open(sb.join("t3.xlsx"));
    let s = book.sheet("Kiểm tra");
    let r = row_with(&s, 3, "Không tổng hợp vì có lỗi");
    assert_eq!(
        s.text(&format!("C{r}")).as_deref(),
        Some("CĐCS Trường Tiểu học Dương Đông")
    );
    assert!(
        s.text(&format!("I{r}"))
            .unwrap()
            .contains("ghi nhận báo cáo này có lỗi"),
        "{:?}",
        s.text(&format!("I{r}"))
    );
}

#[test]
fn a_summary_re_saved_by_libreoffice_keeps_every_column() {
    // LibreOffice decodes "_xa_" inside "propaganda_mang_xa_hoi" into a line break on re-save.
    let sb = Sandbox::new();
    write_return(&sb, "b.xlsx", b().values());
    let first = sb.run(&["merge", "--format", "json", "-o", "t.xlsx", "b.xlsx"]);
    first.ok();
    rewrite_text(
        &sb.join("t.xlsx"),
        ">propaganda_mang_xa_hoi<",
        ">propaganda_mang&#10;hoi<",
    );
    let again = sb.run(&["merge", "--format", "json", "-o", "t2.xlsx", "t.xlsx"]);
    again.ok();
    assert_eq!(again.json()["totals"]["propaganda_mang_xa_hoi"], 1.0);
    assert_eq!(again.json()["totals"], first.json()["totals"]);
}
