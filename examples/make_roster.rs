//! Writes the sample roster to stdout: `cargo run --example make_roster -- 300 > examples/roster-an-giang.csv`.
//!
//! The roster is made-up and deterministic (soket::roster::sample); a test checks the committed
//! examples/roster-an-giang.csv is exactly what this prints for 300 units.

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let n: usize = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 300,
    };
    let bytes = soket::roster::sample::csv(&soket::roster::sample::generate(n))?;
    std::io::stdout().write_all(&bytes)?;
    Ok(())
}
