//! Benchmark input: write N filled returns (deterministic) and their roster into a folder.
//!
//! `cargo run --release --example gen_returns -- DIR N [SEED] [PROVINCE]` writes DIR/returns/*.xlsx
//! and DIR/roster.csv. With PROVINCE (1, 2, …) every unit code gets the prefix "PP-" and every unit
//! name the suffix " (PP)", so the returns of different provinces are distinct units when their
//! summaries are rolled up together (benches/national.sh). The upper level is a choice of the
//! outline's list, so it stays as drawn.

use rayon::prelude::*;
use soket::demo::values::{good, units};
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use soket::rng::Rng;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_returns DIR N [SEED] [PROVINCE]";
    let dir = PathBuf::from(args.next().expect(usage));
    let n: usize = args.next().expect(usage).parse()?;
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let province: Option<u32> = args.next().map(|s| s.parse()).transpose()?;
    let o = Outline::embedded();
    let (mut roster, mut who) = units(n);
    if let Some(p) = province {
        let tag = |s: &mut String| *s = format!("{s} ({p:02})");
        for u in &mut roster {
            u.code = format!("{p:02}-{}", u.code);
            tag(&mut u.name);
        }
        for w in &mut who {
            w.code = format!("{p:02}-{}", w.code);
            tag(&mut w.union_name);
            tag(&mut w.unit_name);
        }
    }
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
