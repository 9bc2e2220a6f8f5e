//! The benchmark floor: only open each workbook with calamine and read every cell of every sheet.
//!
//! `cargo run --release --example floor -- DIR` — as parallel as sokết itself (rayon), no checks, no output files.

use calamine::{Data, Reader, open_workbook_auto};
use rayon::prelude::*;
use std::path::PathBuf;

fn files(dir: &PathBuf, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "xlsx") {
                out.push(p);
            }
        }
    }
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: floor DIR"));
    let mut list = Vec::new();
    files(&dir, &mut list);
    let cells: usize = list
        .par_iter()
        .map(|p| {
            let Ok(mut wb) = open_workbook_auto(p) else {
                return 0;
            };
            let _ = wb.defined_names().len();
            let mut n = 0;
            for s in wb.sheet_names() {
                if let Ok(r) = wb.worksheet_range(&s) {
                    n += r
                        .used_cells()
                        .filter(|(_, _, d)| **d != Data::Empty)
                        .count();
                }
            }
            n
        })
        .sum();
    println!("{} files, {} cells", list.len(), cells);
}
