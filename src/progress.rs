//! A progress bar on stderr for long runs; hidden when stderr is not a terminal or with `--quiet`.

use crate::value::format_vi;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

pub struct Progress(ProgressBar);

impl Progress {
    /// A bar for `len` items; only drawn for runs of more than 20 items on a terminal.
    pub fn new(len: usize, what: &str, quiet: bool) -> Progress {
        let bar = ProgressBar::new(len as u64);
        if quiet || len <= 20 || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        } else {
            let style =
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({rate}, {left})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&rate(s.per_sec()));
                    })
                    .with_key("left", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&left(s.eta()));
                    })
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(what.to_string());
        }
        Progress(bar)
    }
    pub fn tick(&self) {
        self.0.inc(1);
    }
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Items per second as a whole number: "337/s", "1.250/s".
fn rate(per_sec: f64) -> String {
    let r = if per_sec.is_finite() {
        per_sec.max(0.0).round()
    } else {
        0.0
    };
    format!("{}/s", format_vi(r))
}

/// Time left, rounded: "còn 12 giây", "còn 3 phút", "còn 2 giờ".
fn left(eta: Duration) -> String {
    let s = eta.as_secs();
    match s {
        0..60 => format!("còn {s} giây"),
        60..3600 => format!("còn {} phút", s.div_ceil(60)),
        _ => format!("còn {} giờ", s.div_ceil(3600)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_times_read_as_whole_numbers() {
        assert_eq!(rate(337.1885), "337/s");
        assert_eq!(rate(1250.4), "1.250/s");
        assert_eq!(rate(0.0), "0/s");
        assert_eq!(rate(f64::NAN), "0/s");
        assert_eq!(left(Duration::from_millis(12_400)), "còn 12 giây");
        assert_eq!(left(Duration::from_secs(125)), "còn 3 phút");
        assert_eq!(left(Duration::from_secs(7200)), "còn 2 giờ");
    }
}
