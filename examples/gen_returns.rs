//! Benchmark input: write N filled returns (deterministic) and their roster into a folder.
//!
//! `cargo run --release --example gen_returns -- DIR N [SEED]` writes DIR/returns/*.xlsx and DIR/roster.csv.

use rayon::prelude::*;
use soket::demo::values::{good, units};
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use soket::rng::Rng;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: gen_returns DIR N [SEED]"));
    let n: usize = args.next().expect("N").parse()?;
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let o = Outline::embedded();
    let (roster, who) = units(n);
    let out = dir.join("returns");
    std::fs::create_dir_all(&out)?;
    let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 25).unwrap_or_default();
    who.par_iter()
        .enumerate()
        .try_for_each(|(i, w)| -> anyhow::Result<()> {
            let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
            let bytes = form::build(
                &o,
                &FormOptions {
                    values: good(&o, w, &mut rng, date),
                    ..Default::default()
                },
            )?;
            std::fs::write(out.join(format!("{}.xlsx", w.code)), bytes)?;
            Ok(())
        })?;
    let csv = soket::roster::sample::csv(&roster)?;
    std::fs::write(dir.join("roster.csv"), csv)?;
    println!("{} returns in {}", n, out.display());
    Ok(())
}
