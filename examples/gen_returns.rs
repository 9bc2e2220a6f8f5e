//! Benchmark input: write N filled returns (deterministic) and their roster into a folder.
//!
//! `cargo run --release --example gen_returns -- DIR N [SEED]` writes DIR/returns/*.xlsx and DIR/roster.csv.

use rayon::prelude::*;
use soket::demo::{
    units::units,
    values::{Rng, good},
};
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: gen_returns DIR N [SEED]"));
    let n: usize = args.next().expect("N").parse()?;
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let o = Outline::embedded();
    let who = units(&o, n, seed);
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
    let mut csv = String::from("Mã đơn vị,Tên đơn vị,Loại hình,Công đoàn cấp trên\n");
    for w in &who {
        csv.push_str(&format!(
            "{},\"{}\",\"{}\",\"{}\"\n",
            w.code, w.union_name, w.unit_type, w.parent
        ));
    }
    std::fs::write(dir.join("roster.csv"), csv)?;
    println!("{} returns in {}", n, out.display());
    Ok(())
}
