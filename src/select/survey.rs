//! The field survey: per stratum of unit types, the quota of units to visit and one or two
//! reserves, spread across the upper levels, units that most need a look first, ties broken by a
//! seeded draw; a stratum with too few units is reported short, never filled from another.

use super::Who;
use crate::check::rules::Issue;
use crate::outline::select::{Pool, Survey};
use crate::outline::{Outline, Severity};
use crate::rng::Rng;
use crate::summary::{Disposition, Merge, Unit};
use crate::value::{fold, format_pct_vi, format_vi};
use serde::Serialize;
use std::collections::BTreeMap;

/// A unit picked for the survey (or held in reserve), with why.
#[derive(Debug, Clone, Serialize)]
pub struct Pick {
    #[serde(flatten)]
    pub who: Who,
    pub stratum: String,
    pub reason: String,
}

/// A stratum with fewer units than its quota: all it has are picked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Short {
    pub stratum: String,
    pub wanted: usize,
    pub available: usize,
}

/// What `select survey` proposes.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyPlan {
    pub picks: Vec<Pick>,
    pub reserves: Vec<Pick>,
    pub short: Vec<Short>,
    pub seed: u64,
}

/// How much a unit's return needs a look on the ground, and why in words.
struct Look {
    need: u32,
    why: Vec<String>,
}

fn look(o: &Outline, s: &Survey, m: &Merge, u: &Unit) -> Look {
    let mut need = 0;
    let mut why = Vec::new();
    let issues: Vec<&Issue> = m.issues_of(u).collect();
    let count = |sev| issues.iter().filter(|i| i.severity == sev).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors > 0 {
        need += 3;
    }
    if warnings > 0 {
        need += 2;
    }
    if errors + warnings > 0 {
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(format!("{errors} lỗi"));
        }
        if warnings > 0 {
            parts.push(format!("{warnings} cảnh báo"));
        }
        why.push(format!("báo cáo có {} khi kiểm tra", parts.join(", ")));
    }
    if let Some(mb) = &o.summary.members
        && let (Some(start), Some(now)) = (u.number(&mb.start), u.number(&mb.now))
        && start > 0.0
        && ((now - start) / start).abs() * 100.0 >= s.members_change_percent
    {
        let change = (now - start) / start;
        need += 2;
        why.push(format!(
            "{} {} → {} {} ({} {})",
            mb.start_name.to_lowercase(),
            format_vi(start),
            mb.now_name.to_lowercase(),
            format_vi(now),
            if change > 0.0 { "tăng" } else { "giảm" },
            format_pct_vi(change.abs()),
        ));
    }
    let deadline = o.campaign.deadline_units;
    if let Some(d) = u.report_date(o).filter(|d| *d > deadline) {
        need += 1;
        why.push(format!(
            "nộp muộn (báo cáo ngày {}, hạn {})",
            d.format("%-d/%-m/%Y"),
            deadline.format("%-d/%-m/%Y")
        ));
    }
    Look { need, why }
}

fn in_pool(pool: Pool, u: &Unit) -> bool {
    match pool {
        Pool::Merged => u.disposition.counted(),
        Pool::Read => u.disposition != Disposition::Dropped,
    }
}

/// Pick the survey's units from the merge. The same merge and seed give the same picks whatever
/// the order the files were read in.
pub fn survey(o: &Outline, s: &Survey, m: &Merge, seed: u64) -> SurveyPlan {
    let mut rng = Rng::new(seed);
    let mut plan = SurveyPlan {
        picks: Vec::new(),
        reserves: Vec::new(),
        short: Vec::new(),
        seed,
    };
    for st in &s.strata {
        // (who, look, draw), in an order that does not depend on the files' order.
        let mut cands: Vec<(Who, Look, u64)> = m
            .units
            .iter()
            .filter(|u| in_pool(s.pool, u))
            .map(|u| (Who::of(o, u), u))
            .filter(|(w, _)| st.types.contains(&w.unit_type))
            .map(|(w, u)| {
                let l = look(o, s, m, u);
                (w, l, 0)
            })
            .collect();
        cands.sort_by_cached_key(|(w, _, _)| (fold(&w.unit_code), fold(&w.unit_name)));
        for c in &mut cands {
            c.2 = rng.next_u64();
        }
        if cands.len() < st.quota {
            plan.short.push(Short {
                stratum: st.name.clone(),
                wanted: st.quota,
                available: cands.len(),
            });
        }
        let wanted = st.quota + s.reserves;
        let mut per_parent: BTreeMap<String, usize> = BTreeMap::new();
        let mut chosen = 0;
        while chosen < wanted && !cands.is_empty() {
            let best = (0..cands.len())
                .min_by_key(|&i| {
                    let (w, l, draw) = &cands[i];
                    (
                        per_parent.get(&w.parent).copied().unwrap_or(0),
                        std::cmp::Reverse(l.need),
                        *draw,
                    )
                })
                .expect("not empty");
            let (who, l, _) = cands.swap_remove(best);
            let earlier = per_parent.entry(who.parent.clone()).or_insert(0);
            let mut why = l.why;
            if *earlier == 0 && !who.parent.is_empty() {
                why.push(format!("nhóm chưa có đơn vị nào của {}", who.parent));
            }
            if l.need == 0 {
                why.push(format!(
                    "báo cáo không có điểm cần xem riêng, chọn theo bốc thăm (số {seed})"
                ));
            }
            *earlier += 1;
            let mut reason = why.join("; ");
            if let Some(first) = reason.chars().next() {
                reason = first.to_uppercase().chain(reason.chars().skip(1)).collect();
            }
            let pick = Pick {
                who,
                stratum: st.name.clone(),
                reason,
            };
            if chosen < st.quota {
                plan.picks.push(pick);
            } else {
                plan.reserves.push(pick);
            }
            chosen += 1;
        }
    }
    plan
}
