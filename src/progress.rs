//! A progress bar on stderr for long runs; hidden when stderr is not a terminal or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress(ProgressBar);

impl Progress {
    /// A bar for `len` items; only drawn for runs of more than 20 items on a terminal.
    pub fn new(len: usize, what: &str, quiet: bool) -> Progress {
        let bar = ProgressBar::new(len as u64);
        if quiet || len <= 20 || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        } else {
            let style =
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, còn {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
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
