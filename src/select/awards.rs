//! The award shortlist: collectives ranked by the outline's weighted indicators (each shown with its
//! value and weight), and the individuals the returns nominate, ranked by their unit's score.

use super::Who;
use crate::outline::Outline;
use crate::outline::select::{Awards, Measure};
use crate::record::Value;
use crate::summary::{Disposition, Merge, Unit};
use crate::value::fold;
use serde::Serialize;
use std::collections::BTreeMap;

/// A unit ranked as a collective.
#[derive(Debug, Clone, Serialize)]
pub struct Collective {
    pub unit_code: String,
    pub unit_name: String,
    /// 0–100: the weighted mean of the indicators, each scaled so the lowest unit has 0 and the
    /// highest 1 (all 1 when every unit has the same value).
    pub score: f64,
    /// Each indicator's value (null when the return does not give it).
    pub indicators: BTreeMap<String, Option<f64>>,
    pub rank: usize,
    pub proposed: bool,
    pub unit_type: String,
    pub parent: String,
}

/// A person nominated in the returns.
#[derive(Debug, Clone, Serialize)]
pub struct Individual {
    pub name: String,
    pub position: String,
    pub unit_code: String,
    pub unit_name: String,
    pub achievement: String,
    pub rank: usize,
    pub proposed: bool,
    /// Score of the nominating unit (null when the unit is not ranked, e.g. it has errors).
    pub unit_score: Option<f64>,
    /// How many returns nominate this person (same name and position).
    pub nominations: usize,
}

/// An indicator as the outline declares it, for the JSON and the workbook.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorInfo {
    pub key: String,
    pub label: String,
    pub weight: f64,
}

/// What `select awards` proposes.
#[derive(Debug, Clone, Serialize)]
pub struct Shortlist {
    pub collectives: Vec<Collective>,
    pub individuals: Vec<Individual>,
    pub weights: Vec<IndicatorInfo>,
}

fn value_of(o: &Outline, a: &Measure, u: &Unit) -> Option<f64> {
    let num = |k: &str| u.number(k);
    match a {
        Measure::Fields { value, per } => {
            let v = value.eval_with(num)?;
            match per {
                None => Some(v),
                Some(p) => {
                    let d = p.eval_with(num)?;
                    (d != 0.0).then(|| v / d)
                }
            }
        }
        Measure::OnTime => u
            .report_date(o)
            .map(|d| f64::from(u8::from(d <= o.campaign.deadline_units))),
        Measure::NoWarnings => Some(f64::from(u8::from(u.status == "ok"))),
    }
}

/// Round to 2 decimals, so printed and compared figures agree.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Rank the merged units without errors, and list the nominated individuals.
pub fn shortlist(o: &Outline, a: &Awards, m: &Merge) -> Shortlist {
    let units: Vec<&Unit> = m
        .units
        .iter()
        .filter(|u| u.disposition == Disposition::Merged && u.status != "error")
        .collect();
    let values: Vec<Vec<Option<f64>>> = units
        .iter()
        .map(|u| {
            a.indicators
                .iter()
                .map(|i| value_of(o, &i.measure, u))
                .collect()
        })
        .collect();
    let total_weight: f64 = a.indicators.iter().map(|i| i.weight).sum();
    let mut collectives: Vec<Collective> = units
        .iter()
        .enumerate()
        .map(|(ui, u)| {
            let mut sum = 0.0;
            for (k, ind) in a.indicators.iter().enumerate() {
                let column = values.iter().filter_map(|v| v[k]);
                let (lo, hi) = column.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                    (lo.min(x), hi.max(x))
                });
                let scaled = match values[ui][k] {
                    None => 0.0,
                    Some(_) if hi <= lo => 1.0,
                    Some(x) => (x - lo) / (hi - lo),
                };
                sum += ind.weight * scaled;
            }
            let who = Who::of(o, u);
            Collective {
                unit_code: who.unit_code,
                unit_name: who.unit_name,
                score: round2(100.0 * sum / total_weight),
                indicators: a
                    .indicators
                    .iter()
                    .zip(&values[ui])
                    .map(|(i, v)| (i.key.clone(), v.map(|x| (x * 10_000.0).round() / 10_000.0)))
                    .collect(),
                rank: 0,
                proposed: false,
                unit_type: who.unit_type,
                parent: who.parent,
            }
        })
        .collect();
    collectives.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| fold(&x.unit_name).cmp(&fold(&y.unit_name)))
            .then_with(|| x.unit_code.cmp(&y.unit_code))
    });
    for (i, c) in collectives.iter_mut().enumerate() {
        c.rank = i + 1;
        c.proposed = i < a.collectives;
    }
    let individuals = individuals(o, a, m, &collectives);
    Shortlist {
        collectives,
        individuals,
        weights: a
            .indicators
            .iter()
            .map(|i| IndicatorInfo {
                key: i.key.clone(),
                label: i.label.clone(),
                weight: i.weight,
            })
            .collect(),
    }
}

fn text(u: &Unit, key: &str) -> String {
    match u.result.values.get(key) {
        Some(Value::Text(t)) => t.trim().to_string(),
        Some(Value::Number(n)) => crate::value::format_vi(*n),
        Some(Value::Date(d)) => d.format("%d/%m/%Y").to_string(),
        None => String::new(),
    }
}

/// Every row of the nomination table that names a person, in the merged units; one entry per person
/// (same name and position), kept under the best-scored unit that nominates them.
fn individuals(o: &Outline, a: &Awards, m: &Merge, ranked: &[Collective]) -> Vec<Individual> {
    let Some(n) = &a.nominations else {
        return Vec::new();
    };
    let score_of = |code: &str, name: &str| {
        ranked
            .iter()
            .find(|c| c.unit_code == code && c.unit_name == name)
            .map(|c| c.score)
    };
    let mut people: BTreeMap<(String, String), Individual> = BTreeMap::new();
    for u in m.units.iter().filter(|u| u.disposition.counted()) {
        let who = Who::of(o, u);
        for row in 1.. {
            let key = |col: &str| format!("{}_{row:02}_{col}", n.table);
            if o.field(&key(&n.kind)).is_none() {
                break;
            }
            let name = text(u, &key(&n.name));
            if text(u, &key(&n.kind)) != n.individual || name.is_empty() {
                continue;
            }
            let position = text(u, &key(&n.position));
            let unit_score = score_of(&who.unit_code, &who.unit_name);
            let entry = Individual {
                name: name.clone(),
                position: position.clone(),
                unit_code: who.unit_code.clone(),
                unit_name: who.unit_name.clone(),
                achievement: text(u, &key(&n.achievement)),
                rank: 0,
                proposed: false,
                unit_score,
                nominations: 1,
            };
            people
                .entry((fold(&name), fold(&position)))
                .and_modify(|p| {
                    let count = p.nominations + 1;
                    if better(unit_score, p.unit_score) {
                        *p = entry.clone();
                    }
                    p.nominations = count;
                })
                .or_insert(entry);
        }
    }
    let mut out: Vec<Individual> = people.into_values().collect();
    out.sort_by(|x, y| {
        let s = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
        s(y.unit_score)
            .total_cmp(&s(x.unit_score))
            .then(y.nominations.cmp(&x.nominations))
            .then_with(|| fold(&x.name).cmp(&fold(&y.name)))
            .then_with(|| x.unit_code.cmp(&y.unit_code))
    });
    for (i, p) in out.iter_mut().enumerate() {
        p.rank = i + 1;
        p.proposed = i < a.individuals;
    }
    out
}

fn better(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a > b,
        (Some(_), None) => true,
        _ => false,
    }
}
