//! The demo campaign: write a roster and sample returns (the steps that run on them: `steps`).

use super::values::{Mistake, Who, good, plant, set_numbers, units};
use crate::form::{self, FormOptions};
use crate::outline::{Outline, Role};
use crate::output::write_atomic;
use crate::record::{Value, key};
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
    /// A good return, on time, sent once (folder/file under the demo folder): the unit's report.
    pub sample: Option<PathBuf>,
}

pub const ROSTER: &str = "danh-sach-don-vi.csv";
pub const FORMS: &str = "bieu-mau";
pub const RETURNS: &str = "bao-cao";
pub const FEEDBACK: &str = "can-sua";
pub const SUMMARY: &str = "tong-hop-tinh.xlsx";
pub const UNIT_REPORT: &str = "bao-cao-don-vi.docx";
pub const DRAFT_REPORT: &str = "du-thao-bao-cao-tinh.docx";
pub const SURVEY: &str = "khao-sat.xlsx";
pub const SURVEY_DOCX: &str = "thong-bao-khao-sat.docx";
pub const AWARDS: &str = "khen-thuong.xlsx";
pub const AWARDS_DOCX: &str = "de-nghi-khen-thuong.docx";

/// How the demo plays the campaign (the sample data's `[run]`).
pub fn plan() -> &'static super::spec::Run {
    &super::spec::embedded().run
}

/// The day the demo looks at the campaign from: the outline's last deadline, so the late return
/// shows as late.
pub fn as_of(o: &Outline) -> NaiveDate {
    o.campaign.deadline_province
}

/// Write the roster and the returns into `dir`; returns what was planted.
pub fn prepare(o: &Outline, dir: &Path, n: usize, seed: u64, force: bool) -> Result<Planted> {
    if n < 10 {
        bail!("cần ít nhất 10 đơn vị cho dữ liệu mẫu (--units)");
    }
    let (roster, who) = units(n);
    let csv = crate::roster::sample::csv(&roster)?;
    write_atomic(&dir.join(ROSTER), &csv, force)?;
    let run = plan();
    let ward_label = &run.ward;
    let mistakes = Mistake::all();
    let mut rng = Rng::new(seed);
    let mut p = Planted {
        units: n,
        ..Default::default()
    };
    let mistake_at: Vec<usize> = (0..mistakes.len())
        .map(|k| 3 + k * (n / 6).max(1))
        .collect();
    let (first, last) = run.dates;
    let span = (last - first).num_days().max(0) as u64;
    let late_at = 1;
    let dup_at = 2;
    for (i, w) in who.iter().enumerate() {
        let in_ward = &w.parent == ward_label;
        if i > 4 && rng.chance(8) && !mistake_at.contains(&i) {
            p.missing.push(w.code.clone());
            continue;
        }
        let on = if i == late_at {
            run.late
        } else {
            first + chrono::Days::new(rng.range(0, span))
        };
        let mut v = good(
            o,
            w,
            &mut Rng::new(seed.wrapping_mul(31).wrapping_add(i as u64)),
            on,
        );
        if let Some(k) = mistake_at.iter().position(|&m| m == i) {
            plant(o, &mut v, mistakes[k]);
            p.mistakes
                .push((w.code.clone(), mistakes[k].name().to_string()));
        }
        if i == late_at {
            p.late = Some(w.code.clone());
        }
        let folder = if in_ward && i != dup_at && !mistake_at.contains(&i) {
            run.ward_folder.as_str()
        } else {
            RETURNS
        };
        if folder == run.ward_folder {
            p.ward_units += 1;
        }
        write_return(o, dir, folder, w, &v, "", force)?;
        p.returns += 1;
        let plain = i != late_at && i != dup_at && !mistake_at.contains(&i);
        if p.sample.is_none() && plain {
            p.sample = Some(Path::new(folder).join(format!("{}.xlsx", w.code)));
        }
        if i == dup_at {
            // Sent twice: a corrected copy, dated later, replaces the first one.
            if let Some(k) = o.role_key(Role::ReportDate) {
                v.insert(key(k), Value::Date(on.succ_opt().unwrap_or(on)));
            }
            set_numbers(o, &mut v, &run.resend);
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
