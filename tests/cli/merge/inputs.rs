//! The made-up returns of the merge tests (known values), the province scenario, and the figures expected from them.

use crate::harness::Sandbox;
use chrono::NaiveDate;
use soket::form::{FormOptions, build};
use soket::outline::{Aggregate, FieldType, Outline};
use soket::record::{Value, Values};
use std::collections::BTreeMap;

pub(crate) const RACH_GIA: &str = "Công đoàn phường Rạch Giá";

pub(crate) const PHU_QUOC: &str = "Công đoàn đặc khu Phú Quốc";

pub(crate) const TRUC_THUOC: &str = "Trực thuộc LĐLĐ tỉnh";

pub(crate) const GIAO_DUC: &str = "Đơn vị sự nghiệp giáo dục";

pub(crate) const Y_TE: &str = "Đơn vị sự nghiệp y tế";

pub(crate) const DN: &str = "Doanh nghiệp ngoài nhà nước";

/// The figures of one made-up return.
#[derive(Clone)]
pub(crate) struct R {
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
    pub(super) fn values(&self) -> Values {
        let mut v = Values::new();
        let mut t = |k: &str, s: &str| {
            v.insert(soket::record::key(k), Value::Text(s.to_string()));
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
            v.insert(soket::record::key(k), Value::Number(x));
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
            "report_date",
            Value::Date(NaiveDate::from_ymd_opt(y, m, d).expect("date")),
        );
        v
    }
}

pub(crate) fn t_after(v: &mut Values, k: &str, s: &str) {
    v.insert(soket::record::key(k), Value::Text(s.to_string()));
}

/// Write a return (a form pre-filled with `values`) into the sandbox.
pub(crate) fn write_return(sb: &Sandbox, rel: &str, values: Values) -> std::path::PathBuf {
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

pub(crate) fn a() -> R {
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

pub(crate) fn b() -> R {
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

pub(crate) fn c() -> R {
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

pub(crate) fn d() -> R {
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
pub(crate) fn e_with_error() -> Values {
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
    v.insert("members_delta", Value::Number(99.0));
    v
}

pub(crate) fn text(v: &mut Values, key: &str, s: &str) {
    v.insert(soket::record::key(key), Value::Text(s.to_string()));
}

/// The inputs of the province merge, keyed by name, with the texts that look like formulas.
pub(crate) fn a_values() -> Values {
    let mut v = a().values();
    text(&mut v, "advantages", "=SUM(A1:A3) thuận lợi");
    text(&mut v, "model_01_name", "Tổ tự quản an toàn");
    text(&mut v, "model_01_period", "Từ năm 2022");
    text(&mut v, "model_01_spread", "Có");
    v
}

pub(crate) fn b_values() -> Values {
    let mut v = b().values();
    text(
        &mut v,
        "recommendations",
        "+84 kiến nghị tăng lương tối thiểu",
    );
    v
}

pub(crate) fn c_values() -> Values {
    let mut v = c().values();
    text(&mut v, "difficulties", "-Thiếu kinh phí");
    text(&mut v, "model_01_name", "Ngày hội đoàn viên");
    text(&mut v, "model_02_name", "Góc đọc sách công đoàn");
    text(&mut v, "model_02_result", "300 lượt đọc mỗi năm");
    v
}

pub(crate) fn d_values() -> Values {
    let mut v = d().values();
    text(&mut v, "model_01_name", "=Mô hình 1");
    text(&mut v, "target_adjustments", "@chỉ tiêu kết nạp");
    v
}

/// The ward summary of A and B, direct returns C and D, a return with errors (E), D again with an
/// older report date, A sent directly too with an older date, and a file that is not a workbook.
pub(crate) fn province() -> Sandbox {
    let sb = Sandbox::new();
    write_return(&sb, "rach-gia/a.xlsx", a_values());
    write_return(&sb, "rach-gia/b.xlsx", b_values());
    sb.run(&["merge", "-q", "-o", "rach-gia-tong-hop.xlsx", "rach-gia"])
        .ok();
    write_return(&sb, "truc-tiep/c.xlsx", c_values());
    write_return(&sb, "truc-tiep/d.xlsx", d_values());
    write_return(&sb, "truc-tiep/e-loi.xlsx", e_with_error());
    let mut older_d = d().values();
    older_d.insert("members_now", Value::Number(700.0));
    older_d.insert("members_total", Value::Number(700.0));
    older_d.insert("members_delta", Value::Number(-100.0));
    older_d.insert("members_lost", Value::Number(190.0));
    older_d.insert(
        "report_date",
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 15).expect("date")),
    );
    write_return(&sb, "truc-tiep/d-cu.xlsx", older_d);
    let mut a_direct = a().values();
    a_direct.insert("workers_total", Value::Number(999.0));
    a_direct.insert(
        "report_date",
        Value::Date(NaiveDate::from_ymd_opt(2026, 4, 20).expect("date")),
    );
    write_return(&sb, "truc-tiep/a-gui-thang.xlsx", a_direct);
    sb.write("truc-tiep/hong.xlsx", b"not a workbook at all");
    sb
}

pub(crate) const PROVINCE_ARGS: [&str; 7] = [
    "merge",
    "--format",
    "json",
    "-o",
    "tinh.xlsx",
    "rach-gia-tong-hop.xlsx",
    "truc-tiep",
];

/// The values of the units that count in the province merge: A, B (through the ward summary), C, D.
pub(crate) fn counted() -> Vec<Values> {
    vec![a_values(), b_values(), c_values(), d_values()]
}

pub(crate) fn num(v: &Values, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_number)
}

/// The expected JSON figures of some units, computed from their values the way the outline says.
pub(crate) fn expected_figures(units: &[Values]) -> BTreeMap<String, f64> {
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
                    .filter(|v| v.get(f.key.as_str()) == Some(&Value::Text("Có".into())))
                    .count();
                out.insert(f.key.clone(), yes as f64);
            }
            _ => {}
        }
    }
    out
}

pub(crate) fn label(key: &str) -> String {
    Outline::embedded().field(key).expect("field").label.clone()
}
