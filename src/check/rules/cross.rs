//! Cross-field rules of the outline (compare, ratio), evaluated on clean values only.

use super::Issue;
use crate::outline::{Check, Expr, Outline, Severity};
use crate::read::UnitCells;
use crate::record::{Value, Values};
use crate::value::format_vi;

pub(super) fn apply(o: &Outline, unit: &UnitCells, values: &Values, issues: &mut Vec<Issue>) {
    let num = |k: &str| values.get(k).and_then(Value::as_number);
    let per_field = issues.len();
    for rule in &o.rules {
        // A rule on a field that already has its own error says nothing new (warnings do not count).
        let own_error = |k: &str| {
            issues[..per_field]
                .iter()
                .any(|i| i.field.as_deref() == Some(k) && i.severity == Severity::Error)
        };
        if rule.keys().iter().any(|k| own_error(k)) {
            continue;
        }
        let (ok, detail, target) = match &rule.check {
            Check::Compare { left, op, right } => {
                let (Some(l), Some(r)) = (left.eval_with(num), right.eval_with(num)) else {
                    continue;
                };
                let eps = 1e-6;
                let ok = match op.as_str() {
                    "=" => (l - r).abs() < eps,
                    "<=" => l <= r + eps,
                    ">=" => l >= r - eps,
                    "<" => l < r - eps,
                    _ => l > r + eps,
                };
                let detail = format!(
                    ": {}, còn {}.",
                    side(o, left, l, values),
                    side(o, right, r, values)
                );
                let single_left = left.terms.len() == 1;
                (
                    ok,
                    detail,
                    if single_left {
                        target_key(left)
                    } else {
                        target_key(right)
                    },
                )
            }
            Check::Ratio {
                numerator,
                denominator,
                min,
                max,
            } => {
                let (Some(n), Some(d)) = (numerator.eval_with(num), denominator.eval_with(num))
                else {
                    continue;
                };
                if d == 0.0 {
                    continue;
                }
                let ratio = n / d;
                let ok = min.is_none_or(|m| ratio >= m) && max.is_none_or(|m| ratio <= m);
                let shown = if max.unwrap_or(0.0).abs() <= 1.0 && min.unwrap_or(0.0).abs() <= 1.0 {
                    format!("{}%", format_vi(ratio * 100.0))
                } else {
                    format!(
                        "{}{}",
                        format_vi(ratio),
                        ratio_unit(o, numerator, denominator)
                    )
                };
                (
                    ok,
                    format!(" (tính được: {shown})."),
                    numerator.keys().next().map(str::to_string),
                )
            }
        };
        if ok {
            continue;
        }
        let cell = target.as_ref().and_then(|k| unit.cells.get(k));
        issues.push(Issue {
            severity: rule.severity,
            rule: rule.id.clone(),
            field: target.clone(),
            cell: cell.map(|c| c.at.to_string()),
            value: target
                .as_ref()
                .and_then(|k| values.get(k.as_str()))
                .and_then(Value::as_number)
                .map(format_vi),
            message: format!("{}{detail}", rule.message),
        });
    }
}

/// The field a finding points at: the last field key of the expression.
fn target_key(e: &Expr) -> Option<String> {
    e.keys().last().map(str::to_string)
}

/// "Tổng số người = 1.300" or "Số người hiện nay (1.180) − Số người đầu kỳ (1.100) = 80".
fn side(o: &Outline, e: &Expr, v: f64, values: &Values) -> String {
    match (
        e.terms.len(),
        e.terms.first().and_then(|t| t.key.as_deref()),
    ) {
        (1, Some(k)) => format!("{} = {}", short_label(o, k), format_vi(v)),
        _ => format!("{} = {}", describe(o, e, values), format_vi(v)),
    }
}

/// "Số người hiện nay (1.180) − Số người đầu kỳ (1.100)"
fn describe(o: &Outline, e: &Expr, values: &Values) -> String {
    let mut s = String::new();
    for (i, t) in e.terms.iter().enumerate() {
        let sign = if t.coef < 0.0 {
            " − "
        } else if i > 0 {
            " + "
        } else {
            ""
        };
        s.push_str(sign);
        match &t.key {
            Some(k) => {
                let label = short_label(o, k);
                let v = values
                    .get(k.as_str())
                    .and_then(Value::as_number)
                    .map(format_vi)
                    .unwrap_or_default();
                s.push_str(&format!("{label} ({v})"));
            }
            None => s.push_str(&format_vi(t.coef.abs())),
        }
    }
    s
}

/// A field's short label ("Số người đầu kỳ (năm 2021 …)" → "Số người đầu kỳ"), else its key.
fn short_label<'a>(o: &'a Outline, key: &'a str) -> &'a str {
    o.field(key).map_or(key, |f| f.short_label())
}

/// " đồng/người" when both sides of a ratio are single fields with different units.
fn ratio_unit(o: &Outline, num: &Expr, den: &Expr) -> String {
    let unit = |e: &Expr| match e.terms.as_slice() {
        [t] => t
            .key
            .as_deref()
            .and_then(|k| o.field(k))
            .map(|f| f.unit.clone()),
        _ => None,
    };
    match (unit(num), unit(den)) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() && a != b => format!(" {a}/{b}"),
        _ => String::new(),
    }
}
