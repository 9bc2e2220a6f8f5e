//! Every cross-field rule of the outline, one return each so that nothing else fires, and the
//! merged-unit block that is required only when the unit says it merged.

use super::{Unit, assert_issues, assert_says, check_json, message, num, text};
use crate::harness::Sandbox;

#[test]
fn each_cross_rule_is_reported_at_its_field_with_the_figures_behind_it() {
    let sb = Sandbox::new();
    let cases: [(&str, Vec<(&str, f64)>); 8] = [
        // now − start = 20, but the unit wrote 25 (admitted − lost kept at 25)
        (
            "now-start",
            vec![("members_delta", 25.0), ("members_admitted", 35.0)],
        ),
        // admitted − lost = 30, delta 20
        ("flow", vec![("members_admitted", 40.0)]),
        // II.3 members now 120, I.1 total 130
        ("now-total", vec![("members_total", 130.0)]),
        // 120 members, 110 workers
        ("workers", vec![("workers_total", 110.0)]),
        // 6 resolved of 5 proposals
        ("resolved", vec![("proposals_resolved", 6.0)]),
        // 50 → 120 members: +140 %
        (
            "change",
            vec![
                ("members_start", 50.0),
                ("members_delta", 70.0),
                ("members_admitted", 80.0),
            ],
        ),
        // 1 000 000 đồng for 50 people: 20 000 đồng each
        ("care", vec![("care_amount", 1_000_000.0)]),
        // a rule on a figure that has its own error says nothing more
        ("own-error", vec![]),
    ];
    for (name, values) in &cases {
        let v: Vec<(&str, soket::record::Value)> =
            values.iter().map(|(k, n)| (*k, num(*n))).collect();
        let mut u = Unit::clean().with(&v);
        if *name == "own-error" {
            u = u.with(&[("members_delta", text("hai mươi"))]);
        }
        u.write(&sb, &format!("r/{name}.xlsx"));
    }
    // Eight returns equal but for one figure each: compared with each other, the care figure would
    // also be far from its peers' (tests/cli/peers.rs); here only the outline's rules speak.
    let doc = check_json(&sb, &["--peers", "off", "r"], 1);
    assert_issues(
        &doc,
        "now-start.xlsx",
        "error",
        &[(
            "error",
            "members_delta_now_start",
            "members_delta",
            "Báo cáo!C54",
            "25",
        )],
    );
    assert_says(
        &message(
            &doc,
            "now-start.xlsx",
            "members_delta_now_start",
            "members_delta",
        ),
        &[
            "Số đoàn viên tăng/giảm phải bằng số đoàn viên hiện nay trừ số đoàn viên đầu kỳ",
            "Số đoàn viên hiện nay (120) − Số đoàn viên đầu kỳ (100) = 20",
            "Số đoàn viên tăng/giảm trong 05 năm = 25",
        ],
    );
    assert_issues(
        &doc,
        "flow.xlsx",
        "error",
        &[(
            "error",
            "members_delta_flow",
            "members_delta",
            "Báo cáo!C54",
            "20",
        )],
    );
    assert_says(
        &message(&doc, "flow.xlsx", "members_delta_flow", "members_delta"),
        &["Số đoàn viên kết nạp mới (40) − Số đoàn viên giảm (10) = 30"],
    );
    assert_issues(
        &doc,
        "now-total.xlsx",
        "error",
        &[(
            "error",
            "members_now_equals_total",
            "members_now",
            "Báo cáo!C53",
            "120",
        )],
    );
    assert_says(
        &message(
            &doc,
            "now-total.xlsx",
            "members_now_equals_total",
            "members_now",
        ),
        &[
            "Số đoàn viên hiện nay = 120",
            "Tổng số đoàn viên công đoàn = 130",
        ],
    );
    assert_issues(
        &doc,
        "workers.xlsx",
        "error",
        &[(
            "error",
            "members_within_workers",
            "members_total",
            "Báo cáo!C20",
            "120",
        )],
    );
    assert_issues(
        &doc,
        "resolved.xlsx",
        "error",
        &[(
            "error",
            "resolved_within_proposals",
            "proposals_resolved",
            "Báo cáo!C42",
            "6",
        )],
    );
    // the two plausibility rules are warnings: the return still goes into the merge
    assert_issues(
        &doc,
        "change.xlsx",
        "warning",
        &[(
            "warning",
            "members_change_plausible",
            "members_now",
            "Báo cáo!C53",
            "120",
        )],
    );
    assert_says(
        &message(
            &doc,
            "change.xlsx",
            "members_change_plausible",
            "members_now",
        ),
        &["quá 50%", "140%"],
    );
    assert_issues(
        &doc,
        "care.xlsx",
        "warning",
        &[(
            "warning",
            "care_amount_per_person",
            "care_amount",
            "Báo cáo!C45",
            "1.000.000",
        )],
    );
    assert_says(
        &message(&doc, "care.xlsx", "care_amount_per_person", "care_amount"),
        &["50.000 – 50.000.000 đồng", "20.000 đồng/người"],
    );
    assert_issues(
        &doc,
        "own-error.xlsx",
        "error",
        &[("error", "type", "members_delta", "Báo cáo!C54", "hai mươi")],
    );
}

#[test]
fn the_merger_block_is_required_only_when_the_unit_merged() {
    let sb = Sandbox::new();
    let merged = Unit::clean().with(&[("is_merged", text("Có"))]);
    merged.write(&sb, "r/merged-empty.xlsx");
    merged
        .clone()
        .with(&[
            ("merger_advantages", text("Tinh gọn đầu mối.")),
            ("merger_difficulties", text("Địa bàn rộng.")),
            ("merger_members_before", num(100.0)),
            ("merger_members_after", num(200.0)),
            ("merger_dues_before", num(10_000_000.0)),
            ("merger_dues_after", num(18_000_000.0)),
        ])
        .write(&sb, "r/merged-doubled.xlsx");
    // Not merged: an empty block is fine, and figures typed there anyway raise nothing.
    Unit::clean()
        .with(&[("merger_members_before", num(100.0))])
        .write(&sb, "r/not-merged.xlsx");
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(
        &doc,
        "merged-empty.xlsx",
        "error",
        &[
            ("error", "required", "merger_advantages", "Báo cáo!C115", ""),
            (
                "error",
                "required",
                "merger_difficulties",
                "Báo cáo!C116",
                "",
            ),
            (
                "error",
                "required",
                "merger_members_before",
                "Báo cáo!C117",
                "",
            ),
            (
                "error",
                "required",
                "merger_members_after",
                "Báo cáo!C118",
                "",
            ),
            (
                "error",
                "required",
                "merger_dues_before",
                "Báo cáo!C119",
                "",
            ),
            ("error", "required", "merger_dues_after", "Báo cáo!C120", ""),
        ],
    );
    assert_issues(
        &doc,
        "merged-doubled.xlsx",
        "warning",
        &[(
            "warning",
            "merger_members_plausible",
            "merger_members_after",
            "Báo cáo!C118",
            "200",
        )],
    );
    assert_says(
        &message(
            &doc,
            "merged-doubled.xlsx",
            "merger_members_plausible",
            "merger_members_after",
        ),
        &["quá 50%", "100%"],
    );
    assert_issues(&doc, "not-merged.xlsx", "ok", &[]);
}
