//! Plausibility against peers: each `[[peers]]` figure of a unit compared with the same figure of
//! similar units by the modified z-score (median and MAD), after the per-unit rules.

mod stats;
mod words;

use super::inspect::UnitResult;
use super::rules::Issue;
use crate::outline::{Fallback, Outline, PeerCheck, Scale, Severity};
use crate::record::Value;
use stats::Stats;
use std::collections::BTreeMap;

/// What the rule of every peer finding starts with.
pub const RULE_PREFIX: &str = "peers.";

/// The rule of a peer finding: "peers." and the id of the `[[peers]]` check.
pub fn rule_of(c: &PeerCheck) -> String {
    format!("{RULE_PREFIX}{}", c.id)
}

/// One unit's figure for one check.
struct Point {
    unit: usize,
    x: f64,
    t: f64,
    group: Option<String>,
}

/// What one check left uncompared.
struct Skipped<'a> {
    check: &'a PeerCheck,
    units: usize,
}

/// Compare every unit with its peers, check by check, adding a finding to each unit far from them.
/// Returns the note the run prints once when units could not be compared (alone, or too few peers).
pub fn apply(o: &Outline, units: &mut [&mut UnitResult]) -> Option<String> {
    let mut skipped = Vec::new();
    let mut largest = 0;
    let mut compared_any = false;
    for c in &o.peers {
        let points = points(c, units);
        largest = largest.max(points.len());
        let all = Stats::of(points.iter().map(|p| (p.t, p.x)));
        let mut groups: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
        for p in &points {
            if let Some(g) = &p.group {
                groups.entry(g).or_default().push((p.t, p.x));
            }
        }
        let groups: BTreeMap<&str, (usize, Option<Stats>)> = groups
            .into_iter()
            .map(|(g, v)| (g, (v.len(), Stats::of(v.into_iter()))))
            .collect();
        let mut left = 0;
        for p in &points {
            let own = p
                .group
                .as_deref()
                .and_then(|g| groups.get(g))
                .filter(|(n, _)| *n >= c.min_peers)
                .and_then(|(n, s)| s.as_ref().map(|s| (*n, s, c.group_words.as_str())));
            let used = own.or_else(|| match c.fallback {
                Fallback::All if points.len() >= c.min_peers => {
                    all.as_ref().map(|s| (points.len(), s, c.all_words()))
                }
                _ => None,
            });
            let Some((n, s, group)) = used else {
                left += 1;
                continue;
            };
            compared_any = true;
            if s.z(p.t).abs() > c.threshold && factor(p.x, s.median_x) >= c.min_factor {
                let u = &mut *units[p.unit];
                let issue = finding(c, u, p.x, s.median_x, n, group);
                u.issues.push(issue);
            }
        }
        if left > 0 {
            skipped.push(Skipped {
                check: c,
                units: left,
            });
        }
    }
    note(o, &skipped, compared_any, largest)
}

/// How many times the figure is the median, or the median the figure (infinite for a zero).
fn factor(x: f64, median: f64) -> f64 {
    let (hi, lo) = if x.abs() >= median.abs() {
        (x.abs(), median.abs())
    } else {
        (median.abs(), x.abs())
    };
    if lo > 0.0 { hi / lo } else { f64::INFINITY }
}

/// Every unit's figure for the check: both fields numbers, a positive denominator, a positive figure
/// on the log scale, and no error in either field.
fn points(c: &PeerCheck, units: &[&mut UnitResult]) -> Vec<Point> {
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let erred = u.issues.iter().any(|is| {
            is.severity == Severity::Error
                && is
                    .field
                    .as_deref()
                    .is_some_and(|f| c.keys().any(|k| k == f))
        });
        if erred {
            continue;
        }
        let num = |k: &str| u.values.get(k).and_then(Value::as_number);
        let Some(n) = num(&c.numerator) else { continue };
        let x = match &c.denominator {
            None => n,
            Some(d) => match num(d) {
                Some(d) if d > 0.0 => n / d,
                _ => continue,
            },
        };
        let t = match c.scale {
            Scale::Log if x > 0.0 => x.ln(),
            Scale::Log => continue,
            Scale::Linear => x,
        };
        if !t.is_finite() {
            continue;
        }
        let group = c
            .group
            .as_deref()
            .and_then(|g| u.values.get(g))
            .and_then(Value::as_text)
            .map(str::to_string);
        out.push(Point {
            unit: i,
            x,
            t,
            group,
        });
    }
    out
}

/// The finding on the unit: on the numerator's field and cell, the message naming both cells.
fn finding(c: &PeerCheck, u: &UnitResult, x: f64, median: f64, peers: usize, group: &str) -> Issue {
    let cells: Vec<&str> = c
        .keys()
        .filter_map(|k| u.at.get(k).map(String::as_str))
        .collect();
    let message = words::message(c, x, median, peers, group, &cells.join(" và "));
    let value = u
        .values
        .get(c.numerator.as_str())
        .and_then(Value::as_number)
        .map(crate::value::format_vi);
    Issue {
        severity: c.severity,
        rule: rule_of(c),
        field: Some(c.numerator.clone()),
        cell: u.at.get(&c.numerator).cloned(),
        value,
        message,
    }
}

/// Said once per run when some figures were not compared.
fn note(o: &Outline, skipped: &[Skipped], compared_any: bool, largest: usize) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let min = o.peers.iter().map(|c| c.min_peers).min().unwrap_or(0);
    if !compared_any {
        return Some(format!(
            "Chưa so sánh số liệu giữa các đơn vị: lần này chỉ có {} đơn vị có số liệu để so, cần ít nhất {} đơn vị.",
            largest, min
        ));
    }
    let list: Vec<String> = skipped
        .iter()
        .map(|s| format!("{} ({} đơn vị)", s.check.label, s.units))
        .collect();
    Some(format!(
        "Một số đơn vị chưa được so sánh số liệu với đơn vị khác vì nhóm so sánh có dưới {} đơn vị: {}.",
        min,
        list.join("; ")
    ))
}

#[cfg(test)]
mod tests;
