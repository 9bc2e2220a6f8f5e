//! Returns filled and saved by LibreOffice Calc (tests/fixtures/lo, see its README): xlsx, xls, ods,
//! inserted rows, text typed for numbers, deliberate errors, a merged unit, lost names, an older
//! form and another campaign's form.

use super::{assert_issues, assert_says, check_json, file, message};
use crate::harness::Sandbox;

/// The one finding of the LibreOffice good unit: its collection rate of 102 % is above the
/// outline's soft bound of 100 %, a warning that does not keep it out of the merge.
const SOFT_MAX_C80: (&str, &str, &str, &str, &str) = (
    "warning",
    "soft_max",
    "collection_rate",
    "Báo cáo!C80",
    "102%",
);

fn sandbox_with(names: &[&str]) -> Sandbox {
    let sb = Sandbox::new();
    for n in names {
        sb.copy_fixture(&format!("lo/{n}"), format!("nhan-ve/{n}"));
    }
    sb
}

#[test]
fn good_unit_in_xlsx_xls_and_ods_has_only_the_collection_rate_warning() {
    let sb = sandbox_with(&["good.xlsx", "good.xls", "good.ods"]);
    let doc = check_json(&sb, &["nhan-ve"], 0);
    for name in ["good.xlsx", "good.xls", "good.ods"] {
        assert_issues(&doc, name, "warning", &[SOFT_MAX_C80]);
        let f = file(&doc, name);
        assert_eq!(f["unit"], "CĐCS Công ty TNHH May Mekong", "{name}");
        assert_eq!(f["outline"], "so-ket-02-ctr-bch-2026 v1.0", "{name}");
    }
    assert_says(
        &message(&doc, "good.ods", "soft_max", "collection_rate"),
        &["Tỷ lệ thu đạt so với kế hoạch", "102%", "vượt 100%"],
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 3, "ok": 0, "warning": 3, "error": 0, "unreadable": 0})
    );
}

#[test]
fn inserted_rows_report_the_cell_where_the_value_now_is() {
    let sb = sandbox_with(&["inserted_row.xlsx"]);
    let doc = check_json(&sb, &["nhan-ve"], 0);
    assert_issues(
        &doc,
        "inserted_row.xlsx",
        "warning",
        &[(
            "warning",
            "soft_max",
            "collection_rate",
            "Báo cáo!C82",
            "102%",
        )],
    );
}

#[test]
fn text_typed_for_numbers_and_choices_is_read_with_a_warning_naming_cell_and_text() {
    let sb = sandbox_with(&["messy_text.xlsx"]);
    let doc = check_json(&sb, &["nhan-ve"], 0);
    assert_issues(
        &doc,
        "messy_text.xlsx",
        "warning",
        &[
            (
                "warning",
                "normalized",
                "workers_total",
                "Báo cáo!C19",
                "1.250",
            ),
            (
                "warning",
                "normalized",
                "study_participants",
                "Báo cáo!C29",
                "2 350 lượt người",
            ),
            (
                "warning",
                "normalized",
                "propaganda_rate",
                "Báo cáo!C38",
                "92%",
            ),
            (
                "warning",
                "normalized",
                "care_amount",
                "Báo cáo!C45",
                "1,25 tỷ",
            ),
            (
                "warning",
                "normalized",
                "members_lost",
                "Báo cáo!C56",
                "340 người",
            ),
            (
                "warning",
                "normalized",
                "dues_total",
                "Báo cáo!C78",
                "2.360.000.000 đồng",
            ),
            SOFT_MAX_C80,
            (
                "warning",
                "normalized",
                "finance_disclosure",
                "Báo cáo!C83",
                "co",
            ),
            (
                "warning",
                "normalized",
                "violations",
                "Báo cáo!C84",
                "KHÔNG",
            ),
            (
                "warning",
                "normalized",
                "is_merged",
                "Báo cáo!C103",
                "khong",
            ),
        ],
    );
    let m = |field| message(&doc, "messy_text.xlsx", "normalized", field);
    assert_says(&m("workers_total"), &["“1.250”", "1.250 người"]);
    assert_says(&m("care_amount"), &["“1,25 tỷ”", "1.250.000.000 đồng"]);
    assert_says(&m("violations"), &["“KHÔNG”", "“Không”"]);
}

#[test]
fn deliberate_errors_each_at_their_cell() {
    let sb = sandbox_with(&["errors.xlsx"]);
    let doc = check_json(&sb, &["nhan-ve"], 1);
    assert_issues(
        &doc,
        "errors.xlsx",
        "error",
        &[
            ("error", "choice", "unit_type", "Báo cáo!C18", "Công ty"),
            (
                "error",
                "members_within_workers",
                "members_total",
                "Báo cáo!C20",
                "1.300",
            ),
            ("error", "ambiguous", "docs_issued", "Báo cáo!C27", "1,5"),
            ("error", "max", "propaganda_rate", "Báo cáo!C38", "120%"),
            (
                "error",
                "resolved_within_proposals",
                "proposals_resolved",
                "Báo cáo!C42",
                "25",
            ),
            (
                "error",
                "members_now_equals_total",
                "members_now",
                "Báo cáo!C53",
                "1.180",
            ),
            (
                "error",
                "members_delta_now_start",
                "members_delta",
                "Báo cáo!C54",
                "70",
            ),
            (
                "error",
                "members_delta_flow",
                "members_delta",
                "Báo cáo!C54",
                "70",
            ),
            SOFT_MAX_C80,
            ("error", "required", "signer_name", "Báo cáo!D118", ""),
        ],
    );
    assert_says(
        &message(
            &doc,
            "errors.xlsx",
            "members_delta_now_start",
            "members_delta",
        ),
        &["(1.180) − Số đoàn viên đầu kỳ (1.100) = 80", "= 70"],
    );
    assert_says(
        &message(&doc, "errors.xlsx", "choice", "unit_type"),
        &["“Công ty”", "Doanh nghiệp ngoài nhà nước"],
    );
}

#[test]
fn merged_unit_must_fill_the_merger_block() {
    let sb = sandbox_with(&["merged_unit.ods"]);
    let doc = check_json(&sb, &["nhan-ve"], 1);
    assert_issues(
        &doc,
        "merged_unit.ods",
        "error",
        &[
            SOFT_MAX_C80,
            (
                "error",
                "required",
                "merger_difficulties",
                "Báo cáo!C107",
                "",
            ),
            (
                "error",
                "required",
                "merger_members_before",
                "Báo cáo!C108",
                "",
            ),
            (
                "error",
                "required",
                "merger_members_after",
                "Báo cáo!C109",
                "",
            ),
            (
                "error",
                "required",
                "merger_dues_before",
                "Báo cáo!C110",
                "",
            ),
            ("error", "required", "merger_dues_after", "Báo cáo!C111", ""),
        ],
    );
}

#[test]
fn names_removed_by_libreoffice_are_found_by_key_column_and_said_so() {
    let sb = sandbox_with(&["names_lost.xlsx"]);
    let doc = check_json(&sb, &["nhan-ve"], 0);
    // LibreOffice also garbled one key of this (older) form's key column: that one is found by its label.
    assert_issues(
        &doc,
        "names_lost.xlsx",
        "warning",
        &[
            ("warning", "found_by", "", "", ""),
            ("warning", "found_by", "", "", ""),
            SOFT_MAX_C80,
        ],
    );
    let f = file(&doc, "names_lost.xlsx");
    let messages: Vec<&str> = f["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|i| i["message"].as_str())
        .collect();
    assert_says(
        messages[0],
        &[
            "122 ô",
            "cột khóa ẩn",
            "“Tên công đoàn báo cáo” ở Báo cáo!A2",
        ],
    );
    assert_says(
        messages[1],
        &["1 ô", "nội dung dòng", "“Mạng xã hội” ở Báo cáo!C33"],
    );
}

#[test]
fn older_form_is_a_warning_and_another_campaign_an_error() {
    let sb = sandbox_with(&["old_version.xlsx", "other_campaign.xlsx"]);
    let doc = check_json(&sb, &["nhan-ve"], 1);
    assert_issues(
        &doc,
        "old_version.xlsx",
        "warning",
        &[("warning", "version", "", "", ""), SOFT_MAX_C80],
    );
    assert_eq!(
        file(&doc, "old_version.xlsx")["outline"],
        "so-ket-02-ctr-bch-2026 v0.9"
    );
    assert_says(
        &message(&doc, "old_version.xlsx", "version", ""),
        &["phiên bản 0.9", "phiên bản hiện hành 1.0"],
    );
    assert_issues(
        &doc,
        "other_campaign.xlsx",
        "error",
        &[("error", "campaign", "", "", ""), SOFT_MAX_C80],
    );
    assert_says(
        &message(&doc, "other_campaign.xlsx", "campaign", ""),
        &["đợt báo cáo khác", "“bao-cao-khac-2025”"],
    );
}

#[test]
fn the_whole_folder_in_one_run_lists_the_non_spreadsheets_as_skipped() {
    let sb = Sandbox::new();
    for n in [
        "good.xlsx",
        "good.xls",
        "good.ods",
        "inserted_row.xlsx",
        "messy_text.xlsx",
        "errors.xlsx",
        "merged_unit.ods",
        "names_lost.xlsx",
        "old_version.xlsx",
        "other_campaign.xlsx",
        "README.md",
        "make_fixtures.py",
    ] {
        sb.copy_fixture(&format!("lo/{n}"), format!("nhan-ve/lo/{n}"));
    }
    let doc = check_json(&sb, &["nhan-ve"], 1);
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 10, "ok": 0, "warning": 7, "error": 3, "unreadable": 0})
    );
    let skipped: Vec<&str> = doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter_map(|s| s["path"].as_str())
        .collect();
    assert_eq!(
        skipped,
        ["nhan-ve/lo/README.md", "nhan-ve/lo/make_fixtures.py"]
    );
}
