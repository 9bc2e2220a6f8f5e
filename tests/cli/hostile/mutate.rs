//! No input may panic the reader: a deterministic generator of broken workbooks (bit flips,
//! truncations, overwritten fields, zip parts dropped, swapped or cut, XML mutations inside a
//! valid zip) run through `soket::read::read_bytes` in process.
//!
//! `SOKET_FUZZ_CASES=100000 cargo test --test cli hostile::mutate -- --nocapture` runs a longer
//! campaign; the default keeps the suite fast. The cargo-fuzz harness in `fuzz/` goes further.

use super::corpus_file;
use super::make::{rezip_with, try_unzip};
use soket::outline::Outline;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Seeds: one return per format and writer.
const SEEDS: [&str; 7] = [
    "good.xlsx",
    "lo.xlsx",
    "lo.xls",
    "lo.ods",
    "openpyxl-resaved.xlsx",
    "formula-errors.ods",
    "names-deleted.xlsx",
];

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that break parsers: boundaries of 8, 16 and 32 bits.
const INTERESTING: [u32; 10] = [
    0,
    1,
    0x7F,
    0xFF,
    0x7FFF,
    0xFFFF,
    0xFFFF_FFFE,
    0xFFFF_FFFF,
    0x8000_0000,
    65_536,
];

/// Snippets spliced into XML parts.
const XML_BITS: [&str; 14] = [
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"A0\"><v>1</v></c>",
    "<c r=\"ZZZZ99999999999\"><v>1</v></c>",
    "<row r=\"4294967295\">",
    "</row>",
    "<c t=\"s\"><v>99999999</v></c>",
    "<dimension ref=\"XFD1048576:A1\"/>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>",
    "&a;&#0;&#xFFFFFFFF;",
    "<table:table-row table:number-rows-repeated=\"99999999999\">",
    "<table:table-cell table:number-columns-repeated=\"-1\" office:value-type=\"string\">",
    "<text:s text:c=\"99999999999999999999\"/>",
    "<si><t>",
    "<sheet name=\"Báo cáo\" sheetId=\"1\" r:id=\"rId1\"/>",
];

fn raw_mutation(rng: &mut Rng, mut b: Vec<u8>) -> (Vec<u8>, String) {
    if b.is_empty() {
        return (b, "empty".into());
    }
    match rng.below(4) {
        0 => {
            let n = 1 + rng.below(8);
            for _ in 0..n {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            (b, format!("{n} bit flips"))
        }
        1 => {
            let at = rng.below(b.len());
            b.truncate(at);
            (b, format!("truncated at {at}"))
        }
        2 => {
            let v = *rng.pick(&INTERESTING);
            let width = *rng.pick(&[1usize, 2, 4]);
            let at = rng.below(b.len().saturating_sub(width).max(1));
            let bytes = v.to_le_bytes();
            let n = width.min(b.len() - at);
            b[at..at + n].copy_from_slice(&bytes[..n]);
            (b, format!("{v:#x} written over {width} bytes at {at}"))
        }
        _ => {
            let a = rng.below(b.len());
            let len = rng.below(b.len() - a).min(4096);
            let chunk = b[a..a + len].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, chunk);
            (b, format!("{len} bytes from {a} copied to {at}"))
        }
    }
}

fn xml_mutation(rng: &mut Rng, x: &mut Vec<u8>) -> String {
    let at = rng.below(x.len() + 1);
    match rng.below(3) {
        0 => {
            let bit = *rng.pick(&XML_BITS);
            x.splice(at..at, bit.bytes());
            format!("inserted {bit:?} at {at}")
        }
        1 => {
            let len = rng.below(x.len() - at + 1).min(64);
            x.drain(at..at + len);
            format!("removed {len} bytes at {at}")
        }
        _ => {
            // a digit run replaced by a huge or odd number
            let Some(d) = x[at..].iter().position(u8::is_ascii_digit).map(|d| d + at) else {
                return "no digits".into();
            };
            let end = x[d..]
                .iter()
                .position(|c| !c.is_ascii_digit())
                .map_or(x.len(), |e| e + d);
            let n = *rng.pick(&[
                "0",
                "4294967296",
                "99999999999999999999",
                "1048577",
                "16385",
            ]);
            x.splice(d..end, n.bytes());
            format!("number at {d} set to {n}")
        }
    }
}

fn zip_mutation(rng: &mut Rng, mut parts: Vec<(String, Vec<u8>)>) -> (Vec<u8>, String) {
    let n = parts.len();
    let i = rng.below(n);
    let what = match rng.below(5) {
        0 => {
            let name = parts.remove(i).0;
            format!("part {name} dropped")
        }
        1 => {
            let j = rng.below(n);
            let (a, b) = (parts[i].1.clone(), parts[j].1.clone());
            parts[i].1 = b;
            parts[j].1 = a;
            format!("parts {} and {} swapped", parts[i].0, parts[j].0)
        }
        2 => {
            let keep = rng.below(parts[i].1.len() + 1);
            parts[i].1.truncate(keep);
            format!("part {} cut at {keep}", parts[i].0)
        }
        _ => {
            let what = xml_mutation(rng, &mut parts[i].1);
            format!("part {}: {what}", parts[i].0)
        }
    };
    // stored: quick to build and to read in a debug build, and the XML still reaches calamine
    (rezip_with(&parts, zip::CompressionMethod::Stored), what)
}

/// One mutated input from a seed, with what was done to it.
fn mutant(rng: &mut Rng, seed: &[u8]) -> (Vec<u8>, String) {
    match try_unzip(seed).filter(|p| !p.is_empty()) {
        Some(parts) if rng.below(3) > 0 => zip_mutation(rng, parts),
        _ => raw_mutation(rng, seed.to_vec()),
    }
}

/// `count` broken workbooks from the seeds, each with what was done to it; `salt` varies the set.
pub fn mutants(count: usize, salt: u64) -> Vec<(Vec<u8>, String)> {
    let seeds: Vec<(&str, Vec<u8>)> = SEEDS
        .iter()
        .map(|s| (*s, std::fs::read(corpus_file(s)).expect("seed")))
        .collect();
    (0..count)
        .map(|case| {
            let mut rng =
                Rng(0x9E37_79B9_7F4A_7C15 ^ (case as u64 ^ salt).wrapping_mul(0x1000_0000_01B3));
            let (seed_name, seed) = &seeds[case % seeds.len()];
            let (mut bytes, mut what) = mutant(&mut rng, seed);
            if rng.below(4) == 0 {
                let (b, w) = mutant(&mut rng, &bytes);
                (bytes, what) = (b, format!("{what}; {w}"));
            }
            (bytes, format!("case {case} from {seed_name}: {what}"))
        })
        .collect()
}

#[test]
fn no_broken_workbook_panics_the_reader() {
    let cases: usize = std::env::var("SOKET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let o = Outline::embedded();
    let keep = std::env::var_os("SOKET_FUZZ_KEEP").map(std::path::PathBuf::from);
    let mut panics = Vec::new();
    let mut outcomes = [0usize; 2];
    // in chunks, so a long campaign does not hold every mutant in memory
    for start in (0..cases).step_by(500) {
        let batch = mutants((cases - start).min(500), start as u64);
        for (i, (bytes, what)) in batch.into_iter().enumerate() {
            if let Some(dir) = &keep {
                std::fs::write(dir.join(format!("case-{}", start + i)), &bytes).expect("keep case");
            }
            match catch_unwind(AssertUnwindSafe(|| soket::read::read_bytes(bytes, &o))) {
                Ok(Ok(_)) => outcomes[0] += 1,
                Ok(Err(message)) => {
                    assert!(!message.trim().is_empty(), "{what}: empty message");
                    outcomes[1] += 1;
                }
                Err(_) => panics.push(what),
            }
        }
    }
    eprintln!(
        "{cases} broken workbooks: {} read, {} refused with a message, {} panics",
        outcomes[0],
        outcomes[1],
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "the reader panicked on:\n{}",
        panics.join("\n")
    );
    // the generator must produce both kinds, or it tests nothing
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
}
