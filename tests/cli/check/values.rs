//! Values as people really type them: numbers as text, units, triệu/tỷ, percents three ways,
//! ambiguous figures, yes/no and choices in any case or normalisation, empty vs absent, bounds.

use super::{Unit, assert_issues, assert_says, check_json, check_table, message, num, text};
use crate::harness::Sandbox;
use unicode_normalization::UnicodeNormalization;

#[test]
fn a_correct_return_gives_no_issue_at_all() {
    let sb = Sandbox::new();
    Unit::clean().write(&sb, "nhan-ve/minh-an.xlsx");
    let doc = check_json(&sb, &["nhan-ve"], 0);
    assert_issues(&doc, "minh-an.xlsx", "ok", &[]);
    assert_eq!(
        doc["files"][0]["unit"],
        "CĐCS Công ty TNHH Thủy sản Minh An"
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 1, "ok": 1, "warning": 0, "error": 0, "unreadable": 0})
    );
    let run = check_table(&sb, &["nhan-ve"]);
    run.ok();
    assert!(
        run.stdout
            .contains("nhan-ve/minh-an.xlsx — CĐCS Công ty TNHH Thủy sản Minh An — đạt\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Mức độ"), "no table without issues");
    assert!(
        run.stdout.ends_with(
            "Tổng cộng: 1 tệp — 1 đạt, 0 đạt có cảnh báo, 0 có lỗi, 0 không đọc được; 0 tệp bỏ qua.\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn numbers_typed_as_text_are_read_and_each_reported_as_a_warning() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[
            ("workers_total", text("1.234.567")),
            ("members_total", text("120 người")),
            ("study_participants", text("1 234 567")),
            ("care_amount", text("5.000.000 đồng")),
            ("dues_total", text("5.000.000đ")),
            ("fund_total", text("1,2 tỷ")),
            ("spending_total", text("5 triệu")),
            ("propaganda_rate", text("85%")),
            ("collection_rate", text("97,5")),
        ])
        .write(&sb, "r/text.xlsx");
    // exit 0: warnings never keep a return out
    let doc = check_json(&sb, &["r"], 0);
    assert_issues(
        &doc,
        "text.xlsx",
        "warning",
        &[
            (
                "warning",
                "normalized",
                "workers_total",
                "Báo cáo!C19",
                "1.234.567",
            ),
            (
                "warning",
                "normalized",
                "members_total",
                "Báo cáo!C20",
                "120 người",
            ),
            (
                "warning",
                "normalized",
                "study_participants",
                "Báo cáo!C29",
                "1 234 567",
            ),
            (
                "warning",
                "normalized",
                "propaganda_rate",
                "Báo cáo!C38",
                "85%",
            ),
            (
                "warning",
                "normalized",
                "care_amount",
                "Báo cáo!C45",
                "5.000.000 đồng",
            ),
            (
                "warning",
                "normalized",
                "dues_total",
                "Báo cáo!C78",
                "5.000.000đ",
            ),
            (
                "warning",
                "normalized",
                "fund_total",
                "Báo cáo!C79",
                "1,2 tỷ",
            ),
            (
                "warning",
                "normalized",
                "collection_rate",
                "Báo cáo!C80",
                "97,5",
            ),
            (
                "warning",
                "normalized",
                "spending_total",
                "Báo cáo!C82",
                "5 triệu",
            ),
        ],
    );
    let read_as = |field: &str, value: &str| {
        assert_says(
            &message(&doc, "text.xlsx", "normalized", field),
            &["ô ghi dạng chữ", &format!("đã đọc là {value}")],
        )
    };
    read_as("workers_total", "1.234.567 người");
    read_as("members_total", "120 người");
    read_as("study_participants", "1.234.567 lượt người");
    read_as("propaganda_rate", "85%");
    read_as("care_amount", "5.000.000 đồng");
    read_as("dues_total", "5.000.000 đồng");
    read_as("fund_total", "1.200.000.000 đồng");
    read_as("collection_rate", "97,5%");
    read_as("spending_total", "5.000.000 đồng");
}

#[test]
fn a_percent_cell_holds_a_fraction_and_a_whole_percent_typed_as_is_is_read_with_a_warning() {
    let sb = Sandbox::new();
    // 0.85 in the percent cell (what Excel stores for 85 %): no issue at all.
    Unit::clean()
        .with(&[("propaganda_rate", num(85.0))])
        .write(&sb, "r/fraction.xlsx");
    // The raw number 97 (a cell that lost its % format): 9 700 % is impossible, 97 % is read.
    Unit::clean()
        .with(&[("collection_rate", num(9_700.0))])
        .write(&sb, "r/whole.xlsx");
    // The raw number 105: read as 105 %, then above the soft bound of 100 %.
    Unit::clean()
        .with(&[("collection_rate", num(10_500.0))])
        .write(&sb, "r/whole-105.xlsx");
    // The raw number 85,5: not a whole number, so it stays 8 550 %, an error that says why.
    Unit::clean()
        .with(&[("propaganda_rate", num(8_550.0))])
        .write(&sb, "r/not-whole.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(&doc, "fraction.xlsx", "ok", &[]);
    assert_issues(
        &doc,
        "not-whole.xlsx",
        "error",
        &[("error", "max", "propaganda_rate", "Báo cáo!C38", "8.550%")],
    );
    assert_says(
        &message(&doc, "not-whole.xlsx", "max", "propaganda_rate"),
        &[
            "không được lớn hơn 100%",
            "Ô đang chứa số 85,5",
            "hãy nhập “85,5%”",
        ],
    );
    assert_issues(
        &doc,
        "/whole.xlsx",
        "warning",
        &[(
            "warning",
            "normalized",
            "collection_rate",
            "Báo cáo!C80",
            "97",
        )],
    );
    assert_says(
        &message(&doc, "/whole.xlsx", "normalized", "collection_rate"),
        &["ô ghi số 97", "9.700%", "đã hiểu là 97%"],
    );
    assert_issues(
        &doc,
        "whole-105.xlsx",
        "warning",
        &[
            (
                "warning",
                "normalized",
                "collection_rate",
                "Báo cáo!C80",
                "105",
            ),
            (
                "warning",
                "soft_max",
                "collection_rate",
                "Báo cáo!C80",
                "105",
            ),
        ],
    );
}

#[test]
fn ambiguous_and_unreadable_figures_are_errors_that_give_both_readings() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[
            ("docs_issued", text("1,5")),
            ("inspections", text("hai cuộc")),
            ("propaganda_rate", text("0,5")),
            ("spending_total", text("1.250 tỷ")),
        ])
        .write(&sb, "r/ambiguous.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(
        &doc,
        "ambiguous.xlsx",
        "error",
        &[
            ("error", "ambiguous", "docs_issued", "Báo cáo!C27", "1,5"),
            (
                "error",
                "ambiguous",
                "propaganda_rate",
                "Báo cáo!C38",
                "0,5",
            ),
            ("error", "type", "inspections", "Báo cáo!C40", "hai cuộc"),
            (
                "error",
                "ambiguous",
                "spending_total",
                "Báo cáo!C82",
                "1.250 tỷ",
            ),
        ],
    );
    let m = |rule, field| message(&doc, "ambiguous.xlsx", rule, field);
    assert_says(
        &m("ambiguous", "docs_issued"),
        &["“1,5” không rõ", "1,5", "hoặc 15", "số nguyên"],
    );
    assert_says(
        &m("ambiguous", "propaganda_rate"),
        &["“0,5” không rõ", "0,5%", "50%"],
    );
    assert_says(
        &m("ambiguous", "spending_total"),
        &["1.250.000.000 đồng", "1.250.000.000.000 đồng"],
    );
    assert_says(&m("type", "inspections"), &["“hai cuộc” không phải là số"]);
}

#[test]
fn yes_no_and_choices_match_whatever_the_case_accents_or_normalisation() {
    let sb = Sandbox::new();
    let nfd = |s: &str| s.nfd().collect::<String>();
    Unit::clean()
        .with(&[
            ("parent_union", text(&nfd("Công đoàn phường Rạch Giá"))),
            ("unit_type", text("doanh nghiep NGOAI nha nuoc")),
            ("propaganda_truc_tuyen", text("CÓ")),
            ("propaganda_ban_tin", text(&nfd("Có"))),
            ("propaganda_khac", text("khong")),
            ("finance_disclosure", text("có")),
            ("violations", text("Co")),
            ("training_topics_kiem_tra", text("x")),
            ("model_01_spread", text("CO")),
        ])
        .write(&sb, "r/choices.xlsx");
    Unit::clean()
        .with(&[("finance_disclosure", text("Đầy đủ"))])
        .write(&sb, "r/not-in-list.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    // NFD "Có" is the same text as "Có": nothing to say about it.
    assert_issues(
        &doc,
        "choices.xlsx",
        "warning",
        &[
            (
                "warning",
                "normalized",
                "unit_type",
                "Báo cáo!C18",
                "doanh nghiep NGOAI nha nuoc",
            ),
            (
                "warning",
                "normalized",
                "propaganda_truc_tuyen",
                "Báo cáo!C32",
                "CÓ",
            ),
            (
                "warning",
                "normalized",
                "propaganda_khac",
                "Báo cáo!C37",
                "khong",
            ),
            (
                "warning",
                "normalized",
                "training_topics_kiem_tra",
                "Báo cáo!C65",
                "x",
            ),
            (
                "warning",
                "normalized",
                "finance_disclosure",
                "Báo cáo!C83",
                "có",
            ),
            ("warning", "normalized", "violations", "Báo cáo!C84", "Co"),
            (
                "warning",
                "normalized",
                "model_01_spread",
                "Báo cáo!F88",
                "CO",
            ),
        ],
    );
    assert_says(
        &message(&doc, "choices.xlsx", "normalized", "unit_type"),
        &[
            "“doanh nghiep NGOAI nha nuoc”",
            "“Doanh nghiệp ngoài nhà nước”",
        ],
    );
    assert_says(
        &message(&doc, "choices.xlsx", "normalized", "violations"),
        &["ghi “Co”, đã hiểu là “Có”"],
    );
    assert_issues(
        &doc,
        "not-in-list.xlsx",
        "error",
        &[(
            "error",
            "choice",
            "finance_disclosure",
            "Báo cáo!C83",
            "Đầy đủ",
        )],
    );
    assert_says(
        &message(&doc, "not-in-list.xlsx", "choice", "finance_disclosure"),
        &["“Đầy đủ” không có trong danh sách", "Có; Chưa đầy đủ"],
    );
}

#[test]
fn empty_required_is_an_error_and_empty_optional_is_simply_absent() {
    let sb = Sandbox::new();
    Unit::clean()
        .without(&[
            "workers_total",
            "unit_name",
            "cba_count",
            "care_amount",
            "report_number",
        ])
        .with(&[("difficulties", text("   ")), ("sub_unions", text(""))])
        .write(&sb, "r/empty.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(
        &doc,
        "empty.xlsx",
        "error",
        &[
            ("error", "required", "unit_name", "Báo cáo!C17", ""),
            ("error", "required", "workers_total", "Báo cáo!C19", ""),
            ("error", "required", "difficulties", "Báo cáo!C24", ""),
        ],
    );
    assert_says(
        &message(&doc, "empty.xlsx", "required", "workers_total"),
        &["“Tổng số CNVCLĐ/NLĐ hiện có”", "chưa điền", "bắt buộc"],
    );
}

#[test]
fn bounds_whole_numbers_and_signs() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[
            ("sub_unions", num(-3.0)),
            ("docs_issued", num(2.5)),
            ("propaganda_rate", num(120.0)),
            ("collection_rate", num(105.0)),
            ("spending_total", num(-100.0)),
            // a decrease is a negative change: allowed, and consistent with the other figures
            ("members_start", num(125.0)),
            ("members_delta", num(-5.0)),
            ("members_admitted", num(10.0)),
            ("members_lost", num(15.0)),
        ])
        .write(&sb, "r/bounds.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(
        &doc,
        "bounds.xlsx",
        "error",
        &[
            ("error", "min", "sub_unions", "Báo cáo!C21", "-3"),
            ("error", "type", "docs_issued", "Báo cáo!C27", "2,5"),
            ("error", "max", "propaganda_rate", "Báo cáo!C38", "120%"),
            (
                "warning",
                "soft_max",
                "collection_rate",
                "Báo cáo!C80",
                "105%",
            ),
            ("error", "min", "spending_total", "Báo cáo!C82", "-100"),
        ],
    );
    let m = |rule, field| message(&doc, "bounds.xlsx", rule, field);
    assert_says(
        &m("min", "sub_unions"),
        &["-3 đơn vị", "không được là số âm"],
    );
    assert_says(
        &m("type", "docs_issued"),
        &["2,5", "số nguyên", "Nếu định ghi 2.500", "hãy gõ 2500"],
    );
    assert_says(
        &m("max", "propaganda_rate"),
        &["120%", "không được lớn hơn 100%"],
    );
    assert!(
        !m("max", "propaganda_rate").contains("Ô đang chứa"),
        "1,2 in a percent cell is plainly 120 %: no hint"
    );
    assert_says(
        &m("soft_max", "collection_rate"),
        &["105%", "vượt 100%", "kiểm tra lại"],
    );
}
