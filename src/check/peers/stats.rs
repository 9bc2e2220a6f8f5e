//! The modified z-score (Iglewicz and Hoaglin): distance from the median in units of the median
//! absolute deviation, so that one extreme unit moves neither and cannot hide another.

/// The median and spreads of one group of peers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stats {
    /// Median of the compared values (logarithms on the log scale).
    median_t: f64,
    /// Median absolute deviation from it.
    mad: f64,
    /// Mean absolute deviation from it: the spread used when more than half the peers are equal.
    mean_ad: f64,
    /// Median of the figures themselves, as printed.
    pub median_x: f64,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

impl Stats {
    /// From (compared value, figure) pairs; None for no pair.
    pub(super) fn of(points: impl Iterator<Item = (f64, f64)>) -> Option<Stats> {
        let (mut t, mut x): (Vec<f64>, Vec<f64>) = points.unzip();
        if t.is_empty() {
            return None;
        }
        let median_t = median(&mut t);
        let mut dev: Vec<f64> = t.iter().map(|v| (v - median_t).abs()).collect();
        let mean_ad = dev.iter().sum::<f64>() / dev.len() as f64;
        let mad = median(&mut dev);
        Some(Stats {
            median_t,
            mad,
            mean_ad,
            median_x: median(&mut x),
        })
    }

    /// The modified z-score of a value: 0.6745·(t − median)/MAD; when MAD is 0 (more than half the
    /// peers give the same figure), (t − median)/(1.2533·MeanAD); 0 when every peer is equal.
    pub(super) fn z(&self, t: f64) -> f64 {
        let d = t - self.median_t;
        if self.mad > 0.0 {
            0.6745 * d / self.mad
        } else if self.mean_ad > 0.0 {
            d / (1.253_314 * self.mean_ad)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(v: &[f64]) -> Stats {
        Stats::of(v.iter().map(|&x| (x, x))).expect("some")
    }

    #[test]
    fn median_and_mad() {
        let s = stats(&[1.0, 2.0, 3.0, 4.0, 100.0]);
        assert_eq!(s.median_t, 3.0);
        assert_eq!(s.mad, 1.0);
        assert_eq!(s.median_x, 3.0);
        assert!((s.z(100.0) - 0.6745 * 97.0).abs() < 1e-9);
        let even = stats(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(even.median_x, 2.5);
    }

    #[test]
    fn mad_zero_falls_back_to_the_mean_deviation() {
        // Seven equal peers and one at 12: MAD = 0, MeanAD = 2/8 = 0.25.
        let s = stats(&[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 12.0]);
        assert_eq!(s.mad, 0.0);
        assert!((s.z(12.0) - 2.0 / (1.253_314 * 0.25)).abs() < 1e-9);
        let same = stats(&[5.0; 9]);
        assert_eq!(same.z(5.0), 0.0);
    }
}
