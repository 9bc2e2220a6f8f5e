//! The sentence of a peer finding, from the check's template: the figure, how far it is from the
//! peers' median in words an officer reads ("gấp 18 lần", "chỉ bằng 1/30", "chỉ bằng 45%"), the median.

use crate::outline::PeerCheck;
use crate::value::{format_pct_vi, format_vi};

/// A figure as printed: whole above 100, one decimal above 10, else two.
pub(super) fn shown(x: f64) -> String {
    let r = if x.abs() >= 100.0 {
        x.round()
    } else if x.abs() >= 10.0 {
        (x * 10.0).round() / 10.0
    } else {
        x
    };
    format_vi(r)
}

/// A figure with its unit: "25.000.000 đồng/người", "8,5%".
fn with_unit(x: f64, unit: &str) -> String {
    match unit {
        "" => shown(x),
        u if u.starts_with('%') => format!("{}{u}", shown(x)),
        u => format!("{} {u}", shown(x)),
    }
}

/// How the figure stands to the median.
pub(super) fn comparison(x: f64, median: f64) -> String {
    if median <= 0.0 || !median.is_finite() {
        return if x > median {
            "cao hơn hẳn"
        } else {
            "thấp hơn hẳn"
        }
        .to_string();
    }
    let q = x / median;
    if q >= 10.0 {
        format!("gấp {} lần", format_vi(q.round()))
    } else if q >= 1.0 {
        format!("gấp {} lần", format_vi((q * 10.0).round() / 10.0))
    } else if q > 0.0 && q <= 0.1 {
        format!("chỉ bằng 1/{}", format_vi((1.0 / q).round()))
    } else {
        format!("chỉ bằng {}", format_pct_vi((q * 100.0).round() / 100.0))
    }
}

/// The message of the check's template; a template that fails to render (an unknown filter…) falls
/// back to the default wording.
pub(super) fn message(
    c: &PeerCheck,
    x: f64,
    median: f64,
    peers: usize,
    group: &str,
    cells: &str,
) -> String {
    let ctx = minijinja::context! {
        label => &c.label,
        value => shown(x),
        unit => &c.unit,
        value_unit => with_unit(x, &c.unit),
        median => shown(median),
        median_unit => with_unit(median, &c.unit),
        comparison => comparison(x, median),
        peers => peers,
        group => group,
        advice => &c.advice,
        cells => cells,
    };
    let env = minijinja::Environment::new();
    env.render_str(&c.message, &ctx)
        .or_else(|_| env.render_str(crate::outline::DEFAULT_MESSAGE, &ctx))
        .unwrap_or_else(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_far_in_words() {
        assert_eq!(comparison(25_000_000.0, 1_350_000.0), "gấp 19 lần");
        assert_eq!(comparison(2.5, 1.0), "gấp 2,5 lần");
        assert_eq!(comparison(50_000.0, 1_500_000.0), "chỉ bằng 1/30");
        assert_eq!(comparison(0.45, 1.0), "chỉ bằng 45%");
        assert_eq!(shown(1_350_000.4), "1.350.000");
        assert_eq!(shown(12.345), "12,3");
        assert_eq!(shown(0.846), "0,85");
        assert_eq!(with_unit(8.5, "%"), "8,5%");
    }
}
