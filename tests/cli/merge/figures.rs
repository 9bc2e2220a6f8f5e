//! Every total, weighted mean and per-group figure, in the JSON report, the table and the figure sheets.

use super::inputs::*;
use super::sheets::*;
use crate::harness::col_letter;
use soket::outline::{FieldType, Outline};
use soket::record::Values;

#[test]
fn province_totals_groups_and_duplicates() {
    let sb = province();
    let run = sb.run(&PROVINCE_ARGS);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(doc["units_merged"], 4);
    assert_eq!(doc["units_excluded"], 1);
    assert_eq!(doc["files_unreadable"], 1);
    assert_eq!(
        doc["duplicates"],
        serde_json::json!([
            {
                "unit": "CĐCS Trường THCS Rạch Giá",
                "kept": "rach-gia-tong-hop.xlsx",
                "dropped": ["truc-tiep/a-gui-thang.xlsx"],
                "reason": "dùng báo cáo có ngày báo cáo mới nhất",
                "conflict": false
            },
            {
                "unit": "CĐCS Bệnh viện Đa khoa tỉnh",
                "kept": "truc-tiep/d.xlsx",
                "dropped": ["truc-tiep/d-cu.xlsx"],
                "reason": "dùng báo cáo có ngày báo cáo mới nhất",
                "conflict": false
            }
        ])
    );
    // Every figure, computed here from the values the returns were built with.
    assert_figures(&doc["totals"], &expected_figures(&counted()), "totals");
    // And the key ones by hand.
    let t = &doc["totals"];
    close(
        t["members_start"].as_f64().unwrap(),
        100.0 + 350.0 + 40.0 + 800.0,
        "start",
    );
    close(t["members_now"].as_f64().unwrap(), 1315.0, "now");
    close(t["members_delta"].as_f64().unwrap(), 25.0, "delta");
    close(t["workers_total"].as_f64().unwrap(), 1480.0, "workers");
    close(t["dues_total"].as_f64().unwrap(), 730_000_000.0, "dues");
    // Weighted by members, never a plain mean of rates (which would be 86.25).
    close(
        t["propaganda_rate"].as_f64().unwrap(),
        (90.0 * 120.0 + 70.0 * 300.0 + 100.0 * 45.0 + 85.0 * 850.0) / 1315.0,
        "propaganda_rate",
    );
    close(
        t["collection_rate"].as_f64().unwrap(),
        (100.0 * 60.0 + 80.0 * 150.0 + 95.0 * 20.0 + 102.0 * 500.0) / 730.0,
        "collection_rate",
    );
    assert_eq!(t["propaganda_truc_tiep"], 4.0);
    assert_eq!(t["propaganda_nhom_zalo"], 2.0);
    assert_eq!(t["propaganda_pano_ap_phich"], 0.0);
    assert_eq!(t["is_merged"], 1.0);
    assert!(t.get("unit_type").is_none(), "choice fields are not totals");

    // Per type of unit: every option is a group, each with its own figures.
    let by_type = doc["by_type"].as_object().expect("by_type");
    let types = Outline::embedded().list_labels("unit_type");
    assert_eq!(by_type.keys().collect::<Vec<_>>(), {
        let mut t: Vec<&String> = types.iter().collect();
        t.sort();
        t
    });
    let of = |vals: Vec<Values>| expected_figures(&vals);
    assert_figures(
        &by_type[GIAO_DUC],
        &of(vec![a_values(), c_values()]),
        GIAO_DUC,
    );
    assert_figures(&by_type[Y_TE], &of(vec![d_values()]), Y_TE);
    assert_figures(&by_type[DN], &of(vec![b_values()]), DN);
    assert_figures(&by_type["Hợp tác xã"], &of(vec![]), "Hợp tác xã");
    close(
        by_type[GIAO_DUC]["members_now"].as_f64().unwrap(),
        165.0,
        "giáo dục now",
    );
    close(
        by_type[GIAO_DUC]["propaganda_rate"].as_f64().unwrap(),
        (90.0 * 120.0 + 100.0 * 45.0) / 165.0,
        "giáo dục propaganda_rate",
    );
    assert!(by_type["Hợp tác xã"].get("propaganda_rate").is_none());

    let by_parent = doc["by_parent"].as_object().expect("by_parent");
    assert_eq!(by_parent.len(), 3);
    assert_figures(
        &by_parent[RACH_GIA],
        &of(vec![a_values(), b_values()]),
        RACH_GIA,
    );
    assert_figures(&by_parent[PHU_QUOC], &of(vec![c_values()]), PHU_QUOC);
    assert_figures(&by_parent[TRUC_THUOC], &of(vec![d_values()]), TRUC_THUOC);
    close(
        by_parent[RACH_GIA]["collection_rate"].as_f64().unwrap(),
        (100.0 * 60.0 + 80.0 * 150.0) / 210.0,
        "Rạch Giá collection_rate",
    );
    assert!(run.stderr.contains("tinh.xlsx"), "{}", run.stderr);
}

#[test]
fn the_table_report_names_what_was_left_out() {
    let sb = province();
    let run = sb.run(&[
        "merge",
        "-o",
        "tinh.xlsx",
        "rach-gia-tong-hop.xlsx",
        "truc-tiep",
    ]);
    run.expect_code(1);
    let out = &run.stdout;
    for want in [
        "Đơn vị được tổng hợp",
        "1.315",
        "1.290",
        "+25 (+1,94%)",
        "730.000.000",
        "truc-tiep/e-loi.xlsx",
        "truc-tiep/hong.xlsx",
        "truc-tiep/d-cu.xlsx",
        "truc-tiep/a-gui-thang.xlsx",
        "dùng báo cáo có ngày báo cáo mới nhất",
    ] {
        assert!(out.contains(want), "stdout lacks “{want}”:\n{out}");
    }
}

#[test]
fn overview_sheet_figures() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Tổng hợp");
    assert_eq!(s.text("B5").as_deref(), Some("Chỉ tiêu"));
    assert_eq!(s.text("D5").as_deref(), Some("Tổng hợp"));
    assert_eq!(s.text("E5").as_deref(), Some("Số đơn vị báo cáo"));
    assert_eq!(s.text("B6").as_deref(), Some("Số đơn vị được tổng hợp"));
    assert_eq!(cell_num(&s, "D6"), 4.0);
    // The member block: start, now, change, change in %.
    assert_eq!(cell_num(&s, "D8"), 1290.0);
    assert_eq!(cell_num(&s, "D9"), 1315.0);
    assert_eq!(cell_num(&s, "D10"), 25.0);
    close(cell_num(&s, "D11"), 25.0 / 1290.0, "change in %");
    assert_eq!(cell_num(&s, "E9"), 4.0);
    // Every figure with a label of its own, in column D, and the units it rests on in E.
    let o = Outline::embedded();
    let want = expected_figures(&counted());
    for f in o.fields.iter().filter(|f| f.group.is_none()) {
        let Some(w) = want.get(&f.key) else { continue };
        let row = last_row_with(&s, 1, &f.label);
        let reporting = counted()
            .iter()
            .filter(|v| v.contains_key(f.key.as_str()))
            .count();
        if reporting == 0 && f.ty != FieldType::YesNo {
            assert_eq!(
                s.text(&format!("D{row}")).as_deref(),
                Some("–"),
                "{}: nobody reported it",
                f.key
            );
        } else {
            let w = if f.ty == FieldType::Percent {
                w / 100.0
            } else {
                *w
            };
            close(cell_num(&s, &format!("D{row}")), w, &f.key);
        }
        assert_eq!(
            cell_num(&s, &format!("E{row}")),
            reporting as f64,
            "{}",
            f.key
        );
    }
    // A choice: its label, then one row per option with the number of units.
    let g = row_with(&s, 1, &label("parent_union"));
    assert_eq!(
        cell_num(&s, &format!("E{g}")),
        4.0,
        "units that answered the choice"
    );
    assert_eq!(
        s.text(&format!("E{}", g + 1)),
        None,
        "not repeated on each option"
    );
    assert_eq!(s.text(&format!("B{}", g + 1)).as_deref(), Some(RACH_GIA));
    assert_eq!(cell_num(&s, &format!("D{}", g + 1)), 2.0);
    assert_eq!(cell_num(&s, &format!("D{}", g + 2)), 1.0);
    assert_eq!(cell_num(&s, &format!("D{}", g + 3)), 1.0);
    // A multiple choice: units that said "Có" per option.
    let p = row_with(&s, 1, &label("propaganda_truc_tiep"));
    assert_eq!(cell_num(&s, &format!("D{p}")), 4.0);
    let z = row_with(&s, 1, &label("propaganda_nhom_zalo"));
    assert_eq!(cell_num(&s, &format!("D{z}")), 2.0);
    // Section titles in outline order.
    let sections: Vec<u32> = [
        "THÔNG TIN ĐƠN VỊ BÁO CÁO",
        "I. KHÁI QUÁT TÌNH HÌNH",
        "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
    ]
    .iter()
    .map(|t| row_with(&s, 0, t))
    .collect();
    assert!(sections.windows(2).all(|w| w[0] < w[1]), "{sections:?}");
}

#[test]
fn group_sheets_have_one_column_per_group() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Theo loại hình");
    let types = Outline::embedded().list_labels("unit_type");
    for (i, t) in types.iter().enumerate() {
        let col = col_letter(3 + i as u32);
        assert_eq!(s.text(&format!("{col}5")).as_deref(), Some(t.as_str()));
    }
    assert_eq!(s.text("M5").as_deref(), Some("Cộng"));
    // D hành chính, E giáo dục, F y tế, I ngoài nhà nước, M total.
    for (a1, n) in [
        ("D6", 0.0),
        ("E6", 2.0),
        ("F6", 1.0),
        ("I6", 1.0),
        ("M6", 4.0),
    ] {
        assert_eq!(cell_num(&s, a1), n, "{a1}");
    }
    for (a1, n) in [
        ("E9", 165.0),
        ("F9", 850.0),
        ("I9", 300.0),
        ("M9", 1315.0),
        ("D9", 0.0),
    ] {
        assert_eq!(cell_num(&s, a1), n, "{a1}");
    }
    let r = row_with(&s, 1, &label("propaganda_rate"));
    close(
        cell_num(&s, &format!("E{r}")),
        (0.90 * 120.0 + 1.0 * 45.0) / 165.0,
        "giáo dục",
    );
    close(cell_num(&s, &format!("F{r}")), 0.85, "y tế");
    close(cell_num(&s, &format!("I{r}")), 0.70, "ngoài nhà nước");
    assert_eq!(
        s.text(&format!("D{r}")).as_deref(),
        Some("–"),
        "no unit: no rate"
    );

    let s = book.sheet("Theo cấp trên");
    for (a1, t) in [
        ("D5", RACH_GIA),
        ("E5", PHU_QUOC),
        ("F5", TRUC_THUOC),
        ("G5", "Cộng"),
    ] {
        assert_eq!(s.text(a1).as_deref(), Some(t), "{a1}");
    }
    for (a1, n) in [("D9", 420.0), ("E9", 45.0), ("F9", 850.0), ("G9", 1315.0)] {
        assert_eq!(cell_num(&s, a1), n, "{a1}");
    }
    let r = row_with(&s, 1, &label("collection_rate"));
    close(
        cell_num(&s, &format!("D{r}")),
        (1.0 * 60.0 + 0.8 * 150.0) / 210.0,
        "Rạch Giá",
    );
    let r = row_with(&s, 1, &label("dues_total"));
    assert_eq!(cell_num(&s, &format!("D{r}")), 210_000_000.0);
    assert_eq!(cell_num(&s, &format!("G{r}")), 730_000_000.0);
}
