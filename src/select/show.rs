//! The selections as the terminal shows them (the command and the demo print the same text).

use super::awards::Shortlist;
use super::survey::SurveyPlan;
use crate::value::format_vi;
use std::fmt::Write as _;

/// The survey as printed: picks by stratum with their reasons, reserves, short strata.
pub fn survey_table(plan: &SurveyPlan) -> String {
    let mut out = String::new();
    let mut stratum = "";
    for (i, p) in plan.picks.iter().enumerate() {
        if p.stratum != stratum {
            stratum = &p.stratum;
            let _ = writeln!(out, "{stratum}:");
        }
        let _ = writeln!(
            out,
            "  {}. {} ({}) – {}\n     Lý do: {}",
            i + 1,
            p.who.unit_name,
            p.who.unit_code,
            p.who.parent,
            p.reason
        );
    }
    if !plan.reserves.is_empty() {
        let _ = writeln!(out, "Dự bị:");
        for p in &plan.reserves {
            let _ = writeln!(
                out,
                "  - {} ({}) – {}: {}",
                p.who.unit_name, p.who.unit_code, p.stratum, p.reason
            );
        }
    }
    for s in &plan.short {
        let _ = writeln!(
            out,
            "THIẾU: nhóm “{}” cần {} đơn vị, chỉ có {}; không lấy bù từ nhóm khác.",
            s.stratum, s.wanted, s.available
        );
    }
    let _ = writeln!(
        out,
        "Đã chọn {} đơn vị, {} dự bị (số bốc thăm {}).",
        plan.picks.len(),
        plan.reserves.len(),
        plan.seed
    );
    out
}

/// The shortlist as printed: the proposed collectives, then every nominated individual.
pub fn awards_table(list: &Shortlist) -> String {
    let mut out = String::from("Tập thể đề xuất (điểm 0–100):\n");
    for c in list.collectives.iter().filter(|c| c.proposed) {
        let _ = writeln!(
            out,
            "  {}. {} ({}) – {} điểm",
            c.rank,
            c.unit_name,
            c.unit_code,
            format_vi(c.score)
        );
    }
    let _ = writeln!(
        out,
        "  (xếp hạng {} đơn vị không có lỗi; chỉ tiêu và trọng số: {})",
        list.collectives.len(),
        list.weights
            .iter()
            .map(|w| format!("{} ×{}", w.label, format_vi(w.weight)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    if list.individuals.is_empty() {
        out.push_str("Không báo cáo nào đề xuất cá nhân.\n");
        return out;
    }
    out.push_str("Cá nhân đề xuất (theo điểm của đơn vị đề xuất):\n");
    for p in list.individuals.iter().filter(|p| p.proposed) {
        let _ = writeln!(
            out,
            "  {}. {}{} – đơn vị đề xuất: {} ({})",
            p.rank,
            p.name,
            if p.position.is_empty() {
                String::new()
            } else {
                format!(", {}", p.position)
            },
            p.unit_name,
            p.unit_code
        );
    }
    let others = list.individuals.iter().filter(|p| !p.proposed).count();
    if others > 0 {
        let _ = writeln!(
            out,
            "  (còn {others} cá nhân khác được đơn vị đề xuất: xem bảng tính, trang “Cá nhân”)"
        );
    }
    out
}
