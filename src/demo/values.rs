//! Plausible figures for sample returns, deterministic from a seed, and the typical mistakes units make.

use crate::outline::{FieldType, Group, Outline};
use crate::record::{Value, Values, key};
use crate::rng::Rng;
use chrono::NaiveDate;

/// Who a sample return is from.
impl From<&crate::roster::RosterUnit> for Who {
    fn from(u: &crate::roster::RosterUnit) -> Who {
        Who {
            code: u.code.clone(),
            union_name: u.name.clone(),
            unit_name: u.name.clone(),
            unit_type: u.unit_type.clone(),
            parent: u.parent.clone(),
        }
    }
}

/// Sample units: the sample roster's, as return senders.
pub fn units(n: usize) -> (Vec<crate::roster::RosterUnit>, Vec<Who>) {
    let roster = crate::roster::sample::generate(n);
    let who = roster.iter().map(Who::from).collect();
    (roster, who)
}

/// Who a sample return is from.
#[derive(Debug, Clone)]
pub struct Who {
    pub code: String,
    pub union_name: String,
    pub unit_name: String,
    pub unit_type: String,
    pub parent: String,
}

const MODELS: [&str; 6] = [
    "Bữa cơm công đoàn",
    "Zalo công đoàn",
    "Tổ công đoàn tự quản",
    "Mái ấm công đoàn",
    "Quỹ tương trợ đoàn viên",
    "Góc thư viện công nhân",
];

fn n(v: u64) -> Value {
    Value::Number(v as f64)
}

fn t(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A complete return that satisfies every rule of the embedded outline.
pub fn good(o: &Outline, who: &Who, rng: &mut Rng, report_date: NaiveDate) -> Values {
    let mut v = Values::new();
    let workers = rng.range(30, 3000);
    let members_now = workers * rng.range(70, 98) / 100;
    let start = (members_now as f64 * (rng.range(80, 115) as f64 / 100.0)).round() as u64;
    let delta = members_now as i64 - start as i64;
    let lost = rng.range(0, (start / 3).max(1));
    let admitted = (lost as i64 + delta).max(0) as u64;
    let lost = (admitted as i64 - delta) as u64;
    let proposals = rng.range(0, 40);
    let care_people = rng.range(members_now / 2, members_now * 3 + 1);
    let dues = members_now * rng.range(300_000, 900_000);
    for (k, val) in [
        ("union_name", t(&who.union_name)),
        ("report_number", t(&rng.range(1, 60).to_string())),
        ("report_date", Value::Date(report_date)),
        ("unit_code", t(&who.code)),
        ("parent_union", t(&who.parent)),
        ("unit_name", t(&who.unit_name)),
        ("unit_type", t(&who.unit_type)),
        ("workers_total", n(workers)),
        ("members_total", n(members_now)),
        ("sub_unions", n(rng.range(0, 20))),
        (
            "advantages",
            t("Được cấp ủy, lãnh đạo đơn vị quan tâm, tạo điều kiện cho hoạt động công đoàn."),
        ),
        (
            "difficulties",
            t("Lao động biến động, kinh phí hoạt động còn hạn chế."),
        ),
        ("docs_issued", n(rng.range(2, 30))),
        ("study_sessions", n(rng.range(1, 20))),
        ("study_participants", n(members_now * rng.range(1, 4))),
        ("propaganda_rate", n(rng.range(60, 100))),
        ("inspections", n(rng.range(0, 12))),
        ("proposals", n(proposals)),
        ("proposals_resolved", n(rng.range(0, proposals))),
        ("care_people", n(care_people)),
        ("care_amount", n(care_people * rng.range(200, 2000) * 1000)),
        (
            "activity_tet",
            t("Trao quà Tết Sum vầy cho đoàn viên khó khăn."),
        ),
        ("members_start", n(start)),
        ("members_now", n(members_now)),
        ("members_delta", Value::Number(delta as f64)),
        ("members_admitted", n(admitted)),
        ("members_lost", n(lost)),
        (
            "members_lost_reason",
            t("Nghỉ việc, chuyển công tác, nghỉ hưu"),
        ),
        ("subunions_consolidated", n(rng.range(0, 10))),
        ("officers_consolidated", n(rng.range(0, 15))),
        ("officer_trainings", n(rng.range(1, 80))),
        ("emulation_movements", n(rng.range(1, 12))),
        ("commended", n(rng.range(0, 60))),
        ("models_replicated", n(rng.range(0, 4))),
        ("dues_total", n(dues)),
        ("collection_rate", n(rng.range(85, 100))),
        ("spending_total", n(dues * rng.range(80, 150) / 100)),
        (
            "finance_disclosure",
            t(if rng.chance(85) {
                "Có"
            } else {
                "Chưa đầy đủ"
            }),
        ),
        ("violations", t(if rng.chance(90) { "Không" } else { "Có" })),
        (
            "recommendations",
            t("Đề nghị tăng cường hỗ trợ kinh phí cho hoạt động chăm lo đoàn viên."),
        ),
        ("is_merged", t("Không")),
        ("signer_position", t("CHỦ TỊCH")),
        ("signer_name", t("Nguyễn Văn An")),
    ] {
        v.insert(key(k), val);
    }
    for f in &o.fields {
        if let Some(Group::Option { .. }) = &f.group {
            v.insert(key(&f.key), t(if rng.chance(45) { "Có" } else { "Không" }));
        }
    }
    let models = rng.range(0, 3);
    for i in 1..=models {
        let name = rng.pick(&MODELS);
        v.insert(key(&format!("model_{i:02}_name")), t(name));
        v.insert(
            key(&format!("model_{i:02}_period")),
            t(&format!("Từ năm {}", rng.range(2021, 2025))),
        );
        v.insert(
            key(&format!("model_{i:02}_method")),
            t("Ban chấp hành phân công cán bộ phụ trách, duy trì hằng tháng."),
        );
        v.insert(
            key(&format!("model_{i:02}_result")),
            t("Đoàn viên hưởng ứng, gắn bó hơn với tổ chức công đoàn."),
        );
        v.insert(
            key(&format!("model_{i:02}_spread")),
            t(if rng.chance(70) { "Có" } else { "Không" }),
        );
    }
    v.retain(|k, _| o.field(k).is_some());
    debug_assert!(v.keys().all(|k| {
        o.field(k)
            .is_some_and(|f| f.ty != FieldType::Date || *k == "report_date")
    }));
    v
}

/// The mistakes the demo plants, one per faulty return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    /// The 5-year change does not match now − start.
    WrongDelta,
    /// Figures typed as text with units and separators (warnings only).
    TextFigures,
    /// A required figure left empty.
    MissingRequired,
    /// More resolved proposals than proposals.
    ResolvedOverProposals,
}

pub const MISTAKES: [Mistake; 4] = [
    Mistake::WrongDelta,
    Mistake::TextFigures,
    Mistake::MissingRequired,
    Mistake::ResolvedOverProposals,
];

pub fn plant(v: &mut Values, m: Mistake) {
    let num = |v: &Values, k: &str| v.get(k).and_then(Value::as_number).unwrap_or(0.0);
    match m {
        Mistake::WrongDelta => {
            let d = num(v, "members_delta");
            v.insert("members_delta", Value::Number(d + 7.0));
        }
        Mistake::TextFigures => {
            let w = num(v, "workers_total") as u64;
            v.insert(
                "workers_total",
                Value::Text(format!("{} người", crate::value::format_vi(w as f64))),
            );
            let dues = num(v, "dues_total");
            v.insert(
                "dues_total",
                Value::Text(format!("{} đồng", crate::value::format_vi(dues))),
            );
            v.insert("is_merged", Value::Text("khong".into()));
        }
        Mistake::MissingRequired => {
            v.remove("members_start");
        }
        Mistake::ResolvedOverProposals => {
            let p = num(v, "proposals");
            v.insert("proposals_resolved", Value::Number(p + 3.0));
        }
    }
}
