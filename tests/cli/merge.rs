//! `soket merge`: the province summary built from returns and ward summaries — totals, weighted means,
//! groups, duplicates, excluded returns, every sheet and chart, idempotent roll-up, safe output.

use crate::harness::{Book, Sandbox, SheetData, sha256, sheet_xml, xlsx_part, xlsx_part_names};
use calamine::Data;
use chrono::NaiveDate;
use serde_json::Value as Json;
use soket::form::{FormOptions, build};
use soket::outline::{Aggregate, FieldType, Outline};
use soket::record::{Value, Values};
use std::collections::BTreeMap;
use std::path::Path;

const RACH_GIA: &str = "Công đoàn phường Rạch Giá";
const PHU_QUOC: &str = "Công đoàn đặc khu Phú Quốc";
const TRUC_THUOC: &str = "Trực thuộc LĐLĐ tỉnh";
const GIAO_DUC: &str = "Đơn vị sự nghiệp giáo dục";
const Y_TE: &str = "Đơn vị sự nghiệp y tế";
const DN: &str = "Doanh nghiệp ngoài nhà nước";

const SHEETS: [&str; 11] = [
    "Tổng hợp",
    "Theo loại hình",
    "Theo cấp trên",
    "Chi tiết",
    "Mô hình",
    "Kiến nghị",
    "Thuận lợi - Khó khăn",
    "Kiểm tra",
    "Biểu đồ",
    "Nguồn",
    "_soket",
];

/// The figures of one made-up return.
#[derive(Clone)]
struct R {
    code: &'static str,
    name: &'static str,
    parent: &'static str,
    kind: &'static str,
    date: (i32, u32, u32),
    workers: f64,
    start: f64,
    now: f64,
    admitted: f64,
    propaganda_rate: f64,
    dues: f64,
    collection_rate: f64,
    /// Propaganda options ticked "Có" (option keys); the others are "Không".
    forms: &'static [&'static str],
    is_merged: bool,
}

impl R {
    fn values(&self) -> Values {
        let mut v = Values::new();
        let mut t = |k: &str, s: &str| {
            v.insert(k.to_string(), Value::Text(s.to_string()));
        };
        t("union_name", &format!("CĐCS {}", self.name));
        t("unit_name", self.name);
        if !self.code.is_empty() {
            t("unit_code", self.code);
        }
        t("parent_union", self.parent);
        t("unit_type", self.kind);
        t("advantages", &format!("Thuận lợi của {}", self.name));
        t("difficulties", &format!("Khó khăn của {}", self.name));
        t("finance_disclosure", "Có");
        t("violations", "Không");
        t("is_merged", if self.is_merged { "Có" } else { "Không" });
        t("signer_position", "CHỦ TỊCH");
        t("signer_name", "Nguyễn Văn A");
        for opt in [
            "truc_tiep",
            "truc_tuyen",
            "mang_xa_hoi",
            "nhom_zalo",
            "ban_tin",
        ] {
            let yes = self.forms.contains(&opt);
            t(
                &format!("propaganda_{opt}"),
                if yes { "Có" } else { "Không" },
            );
        }
        let mut n = |k: &str, x: f64| {
            v.insert(k.to_string(), Value::Number(x));
        };
        let lost = self.admitted - (self.now - self.start);
        n("workers_total", self.workers);
        n("members_total", self.now);
        n("members_start", self.start);
        n("members_now", self.now);
        n("members_delta", self.now - self.start);
        n("members_admitted", self.admitted);
        n("members_lost", lost);
        n("propaganda_rate", self.propaganda_rate);
        n("dues_total", self.dues);
        n("collection_rate", self.collection_rate);
        n("docs_issued", 3.0);
        n("study_sessions", 2.0);
        n("study_participants", self.now);
        n("inspections", 1.0);
        n("proposals", 4.0);
        n("proposals_resolved", 3.0);
        n("care_people", 10.0);
        n("subunions_consolidated", 1.0);
        n("officers_consolidated", 2.0);
        n("officer_trainings", 5.0);
        n("emulation_movements", 2.0);
        n("commended", 6.0);
        n("models_replicated", 1.0);
        n("spending_total", self.dues / 2.0);
        if self.is_merged {
            n("merger_members_before", self.start);
            n("merger_members_after", self.now);
            n("merger_dues_before", 1_000_000.0);
            n("merger_dues_after", 1_200_000.0);
            t_after(&mut v, "merger_advantages", "Bộ máy gọn hơn");
            t_after(&mut v, "merger_difficulties", "Địa bàn rộng");
        }
        let (y, m, d) = self.date;
        v.insert(
            "report_date".into(),
            Value::Date(NaiveDate::from_ymd_opt(y, m, d).expect("date")),
        );
        v
    }
}

fn t_after(v: &mut Values, k: &str, s: &str) {
    v.insert(k.to_string(), Value::Text(s.to_string()));
}

/// Write a return (a form pre-filled with `values`) into the sandbox.
fn write_return(sb: &Sandbox, rel: &str, values: Values) -> std::path::PathBuf {
    let bytes = build(
        &Outline::embedded(),
        &FormOptions {
            values,
            ..FormOptions::default()
        },
    )
    .expect("build return");
    sb.write(rel, bytes)
}

fn a() -> R {
    R {
        code: "RG-01",
        name: "Trường THCS Rạch Giá",
        parent: RACH_GIA,
        kind: GIAO_DUC,
        date: (2026, 4, 25),
        workers: 130.0,
        start: 100.0,
        now: 120.0,
        admitted: 30.0,
        propaganda_rate: 90.0,
        dues: 60_000_000.0,
        collection_rate: 100.0,
        forms: &["truc_tiep", "nhom_zalo"],
        is_merged: false,
    }
}

fn b() -> R {
    R {
        code: "RG-02",
        name: "Công ty TNHH Thủy sản Kiên Giang",
        parent: RACH_GIA,
        kind: DN,
        date: (2026, 4, 26),
        workers: 400.0,
        start: 350.0,
        now: 300.0,
        admitted: 20.0,
        propaganda_rate: 70.0,
        dues: 150_000_000.0,
        collection_rate: 80.0,
        forms: &["truc_tiep", "mang_xa_hoi", "ban_tin"],
        is_merged: true,
    }
}

fn c() -> R {
    R {
        code: "PQ-01",
        name: "Trường Tiểu học Dương Đông",
        parent: PHU_QUOC,
        kind: GIAO_DUC,
        date: (2026, 4, 24),
        workers: 50.0,
        start: 40.0,
        now: 45.0,
        admitted: 8.0,
        propaganda_rate: 100.0,
        dues: 20_000_000.0,
        collection_rate: 95.0,
        forms: &["truc_tiep"],
        is_merged: false,
    }
}

fn d() -> R {
    R {
        code: "TT-07",
        name: "Bệnh viện Đa khoa tỉnh",
        parent: TRUC_THUOC,
        kind: Y_TE,
        date: (2026, 4, 28),
        workers: 900.0,
        start: 800.0,
        now: 850.0,
        admitted: 90.0,
        propaganda_rate: 85.0,
        dues: 500_000_000.0,
        collection_rate: 102.0,
        forms: &["truc_tiep", "truc_tuyen", "nhom_zalo"],
        is_merged: false,
    }
}

/// A return with a cross-rule error: the change in members does not match start and now.
fn e_with_error() -> Values {
    let mut v = R {
        code: "TT-09",
        name: "Công ty CP Xây dựng An Giang",
        parent: TRUC_THUOC,
        kind: DN,
        date: (2026, 4, 27),
        workers: 200.0,
        start: 150.0,
        now: 160.0,
        admitted: 15.0,
        propaganda_rate: 60.0,
        dues: 40_000_000.0,
        collection_rate: 90.0,
        forms: &["truc_tiep"],
        is_merged: false,
    }
    .values();
    v.insert("members_delta".into(), Value::Number(99.0));
    v
}

fn text(v: &mut Values, key: &str, s: &str) {
    v.insert(key.to_string(), Value::Text(s.to_string()));
}

/// The inputs of the province merge, keyed by name, with the texts that look like formulas.
fn a_values() -> Values {
    let mut v = a().values();
    text(&mut v, "advantages", "=SUM(A1:A3) thuận lợi");
    text(&mut v, "model_01_name", "Tổ tự quản an toàn");
    text(&mut v, "model_01_period", "Từ năm 2022");
    text(&mut v, "model_01_spread", "Có");
    v
}

fn b_values() -> Values {
    let mut v = b().values();
    text(
        &mut v,
        "recommendations",
        "+84 kiến nghị tăng lương tối thiểu",
    );
    v
}

fn c_values() -> Values {
    let mut v = c().values();
    text(&mut v, "difficulties", "-Thiếu kinh phí");
    text(&mut v, "model_01_name", "Ngày hội đoàn viên");
    text(&mut v, "model_02_name", "Góc đọc sách công đoàn");
    text(&mut v, "model_02_result", "300 lượt đọc mỗi năm");
    v
}

fn d_values() -> Values {
    let mut v = d().values();
    text(&mut v, "model_01_name", "=Mô hình 1");
    text(&mut v, "target_adjustments", "@chỉ tiêu kết nạp");
    v
}

/// The ward summary of A and B, direct returns C and D, a return with errors (E), D again with an
/// older report date, A sent directly too with an older date, and a file that is not a workbook.
fn province() -> Sandbox {
    let sb = Sandbox::new();
    write_return(&sb, "rach-gia/a.xlsx", a_values());
    write_return(&sb, "rach-gia/b.xlsx", b_values());
    sb.run(&["merge", "-q", "-o", "rach-gia-tong-hop.xlsx", "rach-gia"])
        .ok();
    write_return(&sb, "truc-tiep/c.xlsx", c_values());
    write_return(&sb, "truc-tiep/d.xlsx", d_values());
    write_return(&sb, "truc-tiep/e-loi.xlsx", e_with_error());
    let mut older_d = d().values();
    older_d.insert("members_now".into(), Value::Number(700.0));
    older_d.insert("members_total".into(), Value::Number(700.0));
    older_d.insert("members_delta".into(), Value::Number(-100.0));
    older_d.insert("members_lost".into(), Value::Number(190.0));
    older_d.insert(
        "report_date".into(),
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 15).expect("date")),
    );
    write_return(&sb, "truc-tiep/d-cu.xlsx", older_d);
    let mut a_direct = a().values();
    a_direct.insert("workers_total".into(), Value::Number(999.0));
    a_direct.insert(
        "report_date".into(),
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 20).expect("date")),
    );
    write_return(&sb, "truc-tiep/a-gui-thang.xlsx", a_direct);
    sb.write("truc-tiep/hong.xlsx", b"not a workbook at all");
    sb
}

const PROVINCE_ARGS: [&str; 7] = [
    "merge",
    "--format",
    "json",
    "-o",
    "tinh.xlsx",
    "rach-gia-tong-hop.xlsx",
    "truc-tiep",
];

/// The values of the units that count in the province merge: A, B (through the ward summary), C, D.
fn counted() -> Vec<Values> {
    vec![a_values(), b_values(), c_values(), d_values()]
}

fn num(v: &Values, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_number)
}

/// The expected JSON figures of some units, computed from their values the way the outline says.
fn expected_figures(units: &[Values]) -> BTreeMap<String, f64> {
    let o = Outline::embedded();
    let mut out = BTreeMap::new();
    for f in &o.fields {
        if matches!(f.group, Some(soket::outline::Group::Table { .. })) {
            continue;
        }
        match (f.aggregate, f.ty) {
            (Aggregate::Sum, ty) if ty.is_numeric() => {
                let sum: f64 = units.iter().filter_map(|v| num(v, &f.key)).sum();
                out.insert(f.key.clone(), sum);
            }
            (Aggregate::WeightedMean, _) => {
                let w = f.weight.as_deref().expect("weight");
                let pairs: Vec<(f64, f64)> = units
                    .iter()
                    .filter_map(|v| Some((num(v, &f.key)?, num(v, w)?)))
                    .collect();
                let total: f64 = pairs.iter().map(|p| p.1).sum();
                if total > 0.0 {
                    let mean = pairs.iter().map(|(r, w)| r * w).sum::<f64>() / total;
                    out.insert(f.key.clone(), mean);
                }
            }
            (Aggregate::Count, FieldType::YesNo) => {
                let yes = units
                    .iter()
                    .filter(|v| v.get(&f.key) == Some(&Value::Text("Có".into())))
                    .count();
                out.insert(f.key.clone(), yes as f64);
            }
            _ => {}
        }
    }
    out
}

#[track_caller]
fn assert_figures(got: &Json, want: &BTreeMap<String, f64>, what: &str) {
    let got = got
        .as_object()
        .unwrap_or_else(|| panic!("{what} is an object"));
    let got_keys: Vec<&String> = got.keys().collect();
    let want_keys: Vec<&String> = want.keys().collect();
    assert_eq!(got_keys, want_keys, "{what}: keys");
    for (k, w) in want {
        let g = got[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{what}.{k} is a number"));
        assert!((g - w).abs() < 1e-6, "{what}.{k}: got {g}, want {w}");
    }
}

#[track_caller]
fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-6, "{what}: got {got}, want {want}");
}

/// The number in a cell (absolute A1 address).
#[track_caller]
fn cell_num(s: &SheetData, a1: &str) -> f64 {
    match s.at(a1) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("{a1}: expected a number, got {other:?}"),
    }
}

/// 1-based rows whose cell in column `col` (0-based) holds exactly `text`.
fn rows_with(s: &SheetData, col: u32, text: &str) -> Vec<u32> {
    s.strings()
        .into_iter()
        .filter(|(_, c, t)| *c == col && t == text)
        .map(|(r, _, _)| r + 1)
        .collect()
}

/// The first 1-based row whose cell in column `col` holds exactly `text`.
#[track_caller]
fn row_with(s: &SheetData, col: u32, text: &str) -> u32 {
    *rows_with(s, col, text)
        .first()
        .unwrap_or_else(|| panic!("no row with “{text}” in column {col}"))
}

/// The last such row (figures whose label also heads the member block).
#[track_caller]
fn last_row_with(s: &SheetData, col: u32, text: &str) -> u32 {
    *rows_with(s, col, text)
        .last()
        .unwrap_or_else(|| panic!("no row with “{text}” in column {col}"))
}

fn label(key: &str) -> String {
    Outline::embedded().field(key).expect("field").label.clone()
}

// ------------------------------------------------------------------ JSON: totals, groups, duplicates

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
                "dropped": ["truc-tiep/a-gui-thang.xlsx"]
            },
            {
                "unit": "CĐCS Bệnh viện Đa khoa tỉnh",
                "kept": "truc-tiep/d.xlsx",
                "dropped": ["truc-tiep/d-cu.xlsx"]
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

// ------------------------------------------------------------------ the workbook

/// The province merge run, and its summary opened.
fn province_book() -> (Sandbox, Book) {
    let sb = province();
    sb.run(&PROVINCE_ARGS).expect_code(1);
    let book = Book::open(sb.join("tinh.xlsx"));
    (sb, book)
}

#[test]
fn every_sheet_in_order_and_the_marker_sheet() {
    let (_sb, mut book) = province_book();
    assert_eq!(book.sheet_names(), SHEETS);
    for s in &SHEETS[..10] {
        assert!(!book.is_hidden(s), "{s} is visible");
    }
    assert!(book.is_hidden("_soket"));
    let meta = book.sheet("_soket");
    assert_eq!(meta.text("A1").as_deref(), Some("sokết"));
    assert_eq!(meta.text("B1").as_deref(), Some("summary"));
    assert_eq!(meta.text("B2").as_deref(), Some("so-ket-02-ctr-bch-2026"));
    assert_eq!(meta.text("B3").as_deref(), Some("1.0"));
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
        let reporting = counted().iter().filter(|v| v.contains_key(&f.key)).count();
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
        let col = crate::harness::col_letter(3 + i as u32);
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

/// Column letter of a key in the hidden key row of "Chi tiết".
fn key_col(s: &SheetData, key: &str) -> String {
    let c = s
        .strings()
        .into_iter()
        .find(|(r, _, t)| *r == 2 && t == key)
        .unwrap_or_else(|| panic!("no key {key} in row 3"))
        .1;
    crate::harness::col_letter(c)
}

#[test]
fn detail_sheet_keys_labels_units_and_table() {
    let (sb, mut book) = province_book();
    let s = book.sheet("Chi tiết");
    let o = Outline::embedded();
    let mut keys: Vec<String> = s
        .strings()
        .into_iter()
        .filter(|(r, _, _)| *r == 2)
        .map(|(_, _, t)| t)
        .collect();
    keys.sort();
    let mut want: Vec<String> = o.fields.iter().map(|f| f.key.clone()).collect();
    want.extend(["_file", "_status", "_status_text"].map(String::from));
    want.sort();
    assert_eq!(
        keys, want,
        "the hidden key row has every field and the provenance columns"
    );
    assert_eq!(s.text("B3").as_deref(), Some("union_name"));
    assert_eq!(s.text("B4").as_deref(), Some("Tên công đoàn báo cáo"));
    assert_eq!(s.text("A4").as_deref(), Some("STT"));
    let xml = sheet_xml(sb.join("tinh.xlsx"), "Chi tiết");
    let row3 = xml
        .split("<row ")
        .find(|r| r.starts_with("r=\"3\""))
        .expect("row 3");
    assert!(
        row3.split('>').next().unwrap().contains("hidden=\"1\""),
        "key row hidden"
    );
    // Units from row 5, ordered by upper-level union then name: B, A (Rạch Giá), C, D.
    let name = key_col(&s, "union_name");
    let names: Vec<Option<String>> = (5..=9).map(|r| s.text(&format!("{name}{r}"))).collect();
    assert_eq!(
        names,
        [
            Some("CĐCS Công ty TNHH Thủy sản Kiên Giang".to_string()),
            Some("CĐCS Trường THCS Rạch Giá".to_string()),
            Some("CĐCS Trường Tiểu học Dương Đông".to_string()),
            Some("CĐCS Bệnh viện Đa khoa tỉnh".to_string()),
            None
        ]
    );
    let file = key_col(&s, "_file");
    let files: Vec<String> = (5..=8)
        .map(|r| s.text(&format!("{file}{r}")).unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "rach-gia/b.xlsx",
            "rach-gia/a.xlsx",
            "truc-tiep/c.xlsx",
            "truc-tiep/d.xlsx"
        ]
    );
    let status = key_col(&s, "_status");
    let st: Vec<String> = (5..=8)
        .map(|r| s.text(&format!("{status}{r}")).unwrap())
        .collect();
    assert_eq!(
        st,
        ["ok", "ok", "ok", "warning"],
        "D's 102% collection is a warning"
    );
    // Percent as a fraction, choice as its label, date as a date, money as a number.
    close(
        cell_num(&s, &format!("{}6", key_col(&s, "propaganda_rate"))),
        0.90,
        "percent",
    );
    assert_eq!(
        s.text(&format!("{}6", key_col(&s, "unit_type"))).as_deref(),
        Some(GIAO_DUC)
    );
    assert!(matches!(
        s.at(&format!("{}6", key_col(&s, "report_date"))),
        Some(Data::DateTime(_))
    ));
    assert_eq!(
        cell_num(&s, &format!("{}8", key_col(&s, "dues_total"))),
        500_000_000.0
    );
    // Formula-looking texts stay texts.
    assert_eq!(
        s.at(&format!("{}6", key_col(&s, "advantages"))),
        Some(&Data::String("=SUM(A1:A3) thuận lợi".into()))
    );
    // An Excel table with a filter over the header and the four units.
    let parts = xlsx_part_names(sb.join("tinh.xlsx"));
    let table = parts
        .iter()
        .find(|p| p.starts_with("xl/tables/"))
        .expect("a table part");
    let t = xlsx_part(sb.join("tinh.xlsx"), table);
    let last = crate::harness::col_letter(o.fields.len() as u32 + 3);
    assert!(t.contains(&format!("ref=\"A4:{last}8\"")), "{t}");
    assert!(t.contains("<autoFilter"), "{t}");
}

#[test]
fn text_sheets_list_every_text_with_its_unit() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Mô hình");
    assert_eq!(s.text("C4").as_deref(), Some("Tên mô hình/cách làm"));
    let rows: Vec<(Option<String>, Option<String>)> = (5..=9)
        .map(|r| (s.text(&format!("B{r}")), s.text(&format!("C{r}"))))
        .collect();
    let some = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
    assert_eq!(
        rows,
        [
            some("CĐCS Trường THCS Rạch Giá", "Tổ tự quản an toàn"),
            some("CĐCS Trường Tiểu học Dương Đông", "Ngày hội đoàn viên"),
            some("CĐCS Trường Tiểu học Dương Đông", "Góc đọc sách công đoàn"),
            some("CĐCS Bệnh viện Đa khoa tỉnh", "=Mô hình 1"),
            (None, None),
        ]
    );
    assert_eq!(s.text("D5").as_deref(), Some("Từ năm 2022"));
    assert_eq!(s.text("G5").as_deref(), Some("Có"));
    assert_eq!(s.text("F7").as_deref(), Some("300 lượt đọc mỗi năm"));

    let s = book.sheet("Kiến nghị");
    let r = row_with(&s, 3, "+84 kiến nghị tăng lương tối thiểu");
    assert_eq!(
        s.text(&format!("B{r}")).as_deref(),
        Some("CĐCS Công ty TNHH Thủy sản Kiên Giang")
    );
    assert_eq!(s.text(&format!("C{r}")).as_deref(), Some(RACH_GIA));
    let r = row_with(&s, 3, "@chỉ tiêu kết nạp");
    assert_eq!(
        s.text(&format!("B{r}")).as_deref(),
        Some("CĐCS Bệnh viện Đa khoa tỉnh")
    );
    assert!(row_with(&s, 0, &label("target_adjustments")) < r);

    let s = book.sheet("Thuận lợi - Khó khăn");
    let adv = row_with(&s, 0, &label("advantages"));
    let dif = row_with(&s, 0, &label("difficulties"));
    assert_eq!(dif, adv + 5, "four units under each heading");
    assert_eq!(
        s.text(&format!("D{}", adv + 2)).as_deref(),
        Some("=SUM(A1:A3) thuận lợi")
    );
    assert_eq!(
        s.text(&format!("D{}", dif + 3)).as_deref(),
        Some("-Thiếu kinh phí")
    );
    let merger = row_with(&s, 0, &label("merger_advantages"));
    assert_eq!(
        s.text(&format!("D{}", merger + 1)).as_deref(),
        Some("Bộ máy gọn hơn")
    );
    assert_eq!(
        s.text(&format!("B{}", merger + 1)).as_deref(),
        Some("CĐCS Công ty TNHH Thủy sản Kiên Giang")
    );
}

#[test]
fn no_text_from_a_return_becomes_a_formula() {
    let (sb, _book) = province_book();
    for sheet in &SHEETS {
        let xml = sheet_xml(sb.join("tinh.xlsx"), sheet);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{sheet} has a formula"
        );
    }
}

#[test]
fn check_sheet_lists_excluded_unreadable_duplicates_and_issues() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Kiểm tra");
    let part1 = row_with(&s, 0, "1. Báo cáo không được tổng hợp");
    let part2 = row_with(&s, 0, "2. Đơn vị gửi nhiều báo cáo (chỉ tính một lần)");
    let part3 = row_with(&s, 0, "3. Chi tiết lỗi và cảnh báo");
    let e = row_with(&s, 1, "truc-tiep/e-loi.xlsx");
    assert!(part1 < e && e < part2, "E is listed as left out");
    assert_eq!(
        s.text(&format!("C{e}")).as_deref(),
        Some("CĐCS Công ty CP Xây dựng An Giang")
    );
    let reason = s.text(&format!("D{e}")).unwrap();
    assert!(
        reason.starts_with("Có 2 lỗi (xem mục 3), ví dụ: Số đoàn viên tăng/giảm phải bằng"),
        "{reason}"
    );
    let bad = row_with(&s, 1, "truc-tiep/hong.xlsx");
    assert!(part1 < bad && bad < part2);
    let dup = row_with(&s, 3, "truc-tiep/d-cu.xlsx");
    assert!(part2 < dup && dup < part3);
    assert_eq!(
        s.text(&format!("B{dup}")).as_deref(),
        Some("truc-tiep/d.xlsx")
    );
    assert_eq!(
        s.text(&format!("C{dup}")).as_deref(),
        Some("CĐCS Bệnh viện Đa khoa tỉnh")
    );
    // E's finding in part 3, with how it was dealt with.
    let rows: Vec<u32> = rows_with(&s, 1, "truc-tiep/e-loi.xlsx")
        .into_iter()
        .filter(|r| *r > part3)
        .collect();
    assert_eq!(rows.len(), 2, "E breaks two rules on the change in members");
    let r = rows[0];
    assert_eq!(
        s.text(&format!("D{r}")).as_deref(),
        Some("Không tổng hợp vì có lỗi")
    );
    assert_eq!(s.text(&format!("E{r}")).as_deref(), Some("Lỗi"));
    assert_eq!(
        s.text(&format!("G{r}")).as_deref(),
        Some(label("members_delta").as_str())
    );
    assert!(
        s.text(&format!("I{r}"))
            .unwrap()
            .contains("Số đoàn viên tăng/giảm phải bằng"),
        "the rule's message"
    );
    // D's warning, for a unit that was merged.
    let w = rows_with(&s, 1, "truc-tiep/d.xlsx")
        .into_iter()
        .find(|r| *r > part3)
        .expect("D's warning");
    assert_eq!(s.text(&format!("D{w}")).as_deref(), Some("Đã tổng hợp"));
    assert_eq!(s.text(&format!("E{w}")).as_deref(), Some("Cảnh báo"));
    assert_eq!(s.text(&format!("F{w}")).as_deref(), Some("Báo cáo!C80"));
}

/// The sheet and first/last rows of a chart range like `'Theo loại hình'!$D$27:$L$27`.
fn ranges(chart: &str) -> Vec<String> {
    chart
        .split("<c:f>")
        .skip(1)
        .map(|s| s[..s.find("</c:f>").unwrap()].to_string())
        .collect()
}

#[test]
fn native_charts_read_the_figure_sheets() {
    let (sb, mut book) = province_book();
    let path = sb.join("tinh.xlsx");
    let charts: Vec<String> = xlsx_part_names(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 4, "{charts:?}");
    let by_type = book.sheet("Theo loại hình");
    let start_row = last_row_with(&by_type, 1, &label("members_start"));
    let now_row = last_row_with(&by_type, 1, &label("members_now"));
    let c1 = xlsx_part(&path, "xl/charts/chart1.xml");
    assert!(c1.contains("<c:barDir val=\"col\"/>"), "a column chart");
    assert_eq!(
        ranges(&c1),
        [
            "'Theo loại hình'!$D$5:$L$5".to_string(),
            format!("'Theo loại hình'!$D${start_row}:$L${start_row}"),
            "'Theo loại hình'!$D$5:$L$5".to_string(),
            format!("'Theo loại hình'!$D${now_row}:$L${now_row}"),
        ]
    );
    let c2 = xlsx_part(&path, "xl/charts/chart2.xml");
    assert!(c2.contains("'Theo cấp trên'!$D$5:$F$5"), "{c2}");
    let overview = book.sheet("Tổng hợp");
    let first = row_with(&overview, 1, &label("propaganda_truc_tiep"));
    let last = row_with(&overview, 1, &label("propaganda_khac"));
    let c3 = xlsx_part(&path, "xl/charts/chart3.xml");
    assert!(c3.contains("<c:barDir val=\"bar\"/>"), "a bar chart");
    assert_eq!(
        ranges(&c3),
        [
            format!("'Tổng hợp'!$B${first}:$B${last}"),
            format!("'Tổng hợp'!$D${first}:$D${last}"),
        ]
    );
    assert_eq!(last - first, 6, "seven forms of propaganda");
    // The charts sit on "Biểu đồ".
    let rels = xlsx_part_names(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/drawings/drawing"))
        .count();
    assert_eq!(rels, 1, "one drawing holds the charts");
    let xml = sheet_xml(&path, "Biểu đồ");
    assert!(xml.contains("<drawing "), "charts are on “Biểu đồ”");
}

#[test]
fn source_sheet_names_every_input_with_its_hash() {
    let (sb, mut book) = province_book();
    let s = book.sheet("Nguồn");
    let all: Vec<String> = s.strings().into_iter().map(|(_, _, t)| t).collect();
    for f in [
        "rach-gia-tong-hop.xlsx",
        "truc-tiep/a-gui-thang.xlsx",
        "truc-tiep/c.xlsx",
        "truc-tiep/d-cu.xlsx",
        "truc-tiep/d.xlsx",
        "truc-tiep/e-loi.xlsx",
    ] {
        let r = row_with(&s, 1, f);
        assert_eq!(s.text(&format!("H{r}")), Some(sha256(sb.join(f))), "{f}");
    }
    let bad = row_with(&s, 1, "truc-tiep/hong.xlsx");
    assert_eq!(
        s.text(&format!("F{bad}")).as_deref(),
        Some("không đọc được")
    );
    assert!(all.contains(&"so-ket-02-ctr-bch-2026".to_string()));
    assert!(all.contains(&"1.0".to_string()));
}

// ------------------------------------------------------------------ roll-up, order, ties, errors

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

fn set_mtime(path: &Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set modification time");
}

#[test]
fn same_report_date_the_newer_file_wins_then_the_smaller_path() {
    let sb = Sandbox::new();
    let with_workers = |n: f64| {
        let mut v = d().values();
        v.insert("workers_total".into(), Value::Number(n));
        v
    };
    let newer = write_return(&sb, "z-moi.xlsx", with_workers(901.0));
    let older = write_return(&sb, "a-cu.xlsx", with_workers(902.0));
    set_mtime(&newer, 1_777_400_000);
    set_mtime(&older, 1_777_300_000);
    for args in [["z-moi.xlsx", "a-cu.xlsx"], ["a-cu.xlsx", "z-moi.xlsx"]] {
        let run = sb.run(&[
            "merge", "--force", "--format", "json", "-o", "t.xlsx", args[0], args[1],
        ]);
        run.ok();
        let doc = run.json();
        assert_eq!(doc["duplicates"][0]["kept"], "z-moi.xlsx");
        assert_eq!(
            doc["duplicates"][0]["dropped"],
            serde_json::json!(["a-cu.xlsx"])
        );
        assert_eq!(doc["totals"]["workers_total"], 901.0);
    }
    set_mtime(&newer, 1_777_300_000);
    for args in [["z-moi.xlsx", "a-cu.xlsx"], ["a-cu.xlsx", "z-moi.xlsx"]] {
        let run = sb.run(&[
            "merge", "--force", "--format", "json", "-o", "t.xlsx", args[0], args[1],
        ]);
        run.ok();
        let doc = run.json();
        assert_eq!(
            doc["duplicates"][0]["kept"], "a-cu.xlsx",
            "equal times: smaller path"
        );
        assert_eq!(doc["totals"]["workers_total"], 902.0);
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
        "union_name".into(),
        Value::Text("Công đoàn cơ sở  trường tiểu học Dương Đông".into()),
    );
    two.insert(
        "report_date".into(),
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
    let name_col = crate::harness::cell_pos(&format!("{}1", key_col(&s, "union_name"))).1;
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

// ------------------------------------------------------------------ output safety

#[test]
fn never_overwrites_without_force_and_never_reads_its_own_output() {
    let sb = Sandbox::new();
    write_return(&sb, "vao/a.xlsx", a().values());
    sb.run(&["merge", "-q", "-o", "vao/tong-hop.xlsx", "vao"])
        .ok();
    let before = sha256(sb.join("vao/tong-hop.xlsx"));
    let run = sb.run(&["merge", "-o", "vao/tong-hop.xlsx", "vao"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(
        line.contains("vao/tong-hop.xlsx") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(sha256(sb.join("vao/tong-hop.xlsx")), before, "untouched");
    // With --force, the old summary in the input folder is not read as an input.
    let run = sb.run(&[
        "merge",
        "--force",
        "--format",
        "json",
        "-o",
        "vao/tong-hop.xlsx",
        "vao",
    ]);
    run.ok();
    assert_eq!(run.json()["units_merged"], 1);
    assert_eq!(run.json()["duplicates"], serde_json::json!([]));
    assert_eq!(
        sb.list("vao"),
        ["a.xlsx", "tong-hop.xlsx"],
        "no temporary file left"
    );
}

#[test]
fn cannot_run_exits_2_with_one_message() {
    let sb = Sandbox::new();
    write_return(&sb, "a.xlsx", a().values());
    let run = sb.run(&["merge", "-o", "t.ods", "a.xlsx"]);
    run.expect_code(2);
    assert!(run.one_error_line().contains(".xlsx"));
    let run = sb.run(&["merge", "-o", "t.xlsx", "khong-co"]);
    run.expect_code(2);
    assert!(
        run.one_error_line().contains("không có tệp bảng tính nào"),
        "{}",
        run.stderr
    );
    let run = sb.run(&["merge", "a.xlsx"]);
    run.expect_code(2);
    assert_eq!(sb.list("."), ["a.xlsx"]);
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

/// Replace a text in the shared strings of an xlsx (what another program's re-save can do).
fn rewrite_shared_string(path: &Path, from: &str, to: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry data");
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(data).expect("utf-8");
            assert!(text.contains(from), "{from} is in the shared strings");
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    std::fs::write(path, out.finish().expect("finish").into_inner()).expect("write xlsx");
}

#[test]
fn a_summary_re_saved_by_libreoffice_keeps_every_column() {
    // LibreOffice decodes "_xa_" inside "propaganda_mang_xa_hoi" into a line break on re-save.
    let sb = Sandbox::new();
    write_return(&sb, "b.xlsx", b().values());
    let first = sb.run(&["merge", "--format", "json", "-o", "t.xlsx", "b.xlsx"]);
    first.ok();
    rewrite_shared_string(
        &sb.join("t.xlsx"),
        ">propaganda_mang_xa_hoi<",
        ">propaganda_mang&#10;hoi<",
    );
    let again = sb.run(&["merge", "--format", "json", "-o", "t2.xlsx", "t.xlsx"]);
    again.ok();
    assert_eq!(again.json()["totals"]["propaganda_mang_xa_hoi"], 1.0);
    assert_eq!(again.json()["totals"], first.json()["totals"]);
}
