//! The demo campaign: write a roster and sample returns (the steps that run on them: `steps`).

use super::values::{MISTAKES, Who, good, plant, units};
use crate::form::{self, FormOptions};
use crate::outline::Outline;
use crate::output::write_atomic;
use crate::record::Value;
use crate::rng::Rng;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What the demo planted, to print at the end and to test against.
#[derive(Debug, Default)]
pub struct Planted {
    pub units: usize,
    pub returns: usize,
    pub missing: Vec<String>,
    pub mistakes: Vec<(String, String)>,
    pub late: Option<String>,
    pub duplicate: Option<String>,
    pub ward_units: usize,
}

/// The day the demo looks at the campaign from: the province deadline, so the late return shows as late.
pub const AS_OF: &str = "2026-05-10";
pub const ROSTER: &str = "danh-sach-don-vi.csv";
pub const FORMS: &str = "bieu-mau";
pub const RETURNS: &str = "bao-cao";
pub const WARD: &str = "phuong-rach-gia";
pub const FEEDBACK: &str = "can-sua";
pub const SUMMARY: &str = "tong-hop-tinh.xlsx";
pub const WARD_SUMMARY: &str = "tong-hop-phuong-rach-gia.xlsx";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Write the roster and the returns into `dir`; returns what was planted.
pub fn prepare(o: &Outline, dir: &Path, n: usize, seed: u64, force: bool) -> Result<Planted> {
    if n < 10 {
        bail!("cần ít nhất 10 đơn vị cho dữ liệu mẫu (--units)");
    }
    let (roster, who) = units(n);
    let csv = crate::roster::sample::csv(&roster)?;
    write_atomic(&dir.join(ROSTER), &csv, force)?;
    let ward_label = o
        .list_labels("parent_union")
        .first()
        .cloned()
        .unwrap_or_default();
    let mut rng = Rng::new(seed);
    let mut p = Planted {
        units: n,
        ..Default::default()
    };
    let mistake_at: Vec<usize> = (0..MISTAKES.len())
        .map(|k| 3 + k * (n / 6).max(1))
        .collect();
    let late_at = 1;
    let dup_at = 2;
    for (i, w) in who.iter().enumerate() {
        let in_ward = w.parent == ward_label;
        if i > 4 && rng.chance(8) && !mistake_at.contains(&i) {
            p.missing.push(w.code.clone());
            continue;
        }
        let on = if i == late_at {
            date(2026, 5, 5)
        } else {
            date(2026, 4, rng.range(15, 29) as u32)
        };
        let mut v = good(
            o,
            w,
            &mut Rng::new(seed.wrapping_mul(31).wrapping_add(i as u64)),
            on,
        );
        if let Some(k) = mistake_at.iter().position(|&m| m == i) {
            plant(&mut v, MISTAKES[k]);
            p.mistakes
                .push((w.code.clone(), format!("{:?}", MISTAKES[k])));
        }
        if i == late_at {
            p.late = Some(w.code.clone());
        }
        let folder = if in_ward && i != dup_at && !mistake_at.contains(&i) {
            WARD
        } else {
            RETURNS
        };
        if folder == WARD {
            p.ward_units += 1;
        }
        write_return(o, dir, folder, w, &v, "", force)?;
        p.returns += 1;
        if i == dup_at {
            // Sent twice: a corrected copy, dated later, replaces the first one.
            v.insert("report_date", Value::Date(on.succ_opt().unwrap_or(on)));
            v.insert(
                "docs_issued",
                Value::Number(
                    v.get("docs_issued")
                        .and_then(Value::as_number)
                        .unwrap_or(0.0)
                        + 1.0,
                ),
            );
            write_return(o, dir, folder, w, &v, "-gui-lai", force)?;
            p.duplicate = Some(w.code.clone());
            p.returns += 1;
        }
    }
    Ok(p)
}

fn write_return(
    o: &Outline,
    dir: &Path,
    folder: &str,
    w: &Who,
    v: &crate::record::Values,
    suffix: &str,
    force: bool,
) -> Result<()> {
    let bytes = form::build(
        o,
        &FormOptions {
            values: v.clone(),
            ..Default::default()
        },
    )?;
    let path = dir.join(folder).join(format!("{}{suffix}.xlsx", w.code));
    write_atomic(&path, &bytes, force)
        .with_context(|| format!("không ghi được báo cáo mẫu {}", path.display()))
}

pub fn default_dir() -> PathBuf {
    PathBuf::from("demo")
}
