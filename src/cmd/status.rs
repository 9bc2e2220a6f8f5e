//! `sokết status`: who has reported, on time or late, who is missing, against the roster.

use super::{Format, Outcome, emit};
use crate::check::inspect::{Need, inspect_all};
use crate::progress::Progress;
use crate::value::{Raw, parse_date};
use crate::{check, inputs, report, roster};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Files inspected at once.
const CHUNK: usize = 256;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    /// Danh sách đơn vị phải nộp (.xlsx hoặc .csv)
    #[arg(long, required = true, value_name = "DANH_SÁCH")]
    roster: PathBuf,
    /// Tính tình hình tại ngày này (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay); báo cáo ghi ngày sau đó không tính
    #[arg(long, value_name = "NGÀY")]
    as_of: Option<String>,
    #[command(flatten)]
    format: super::FormatArg,
    /// Không hiện thanh tiến độ
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo hoặc thư mục chứa báo cáo đã nhận (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

/// `--as-of` as typed (dd/mm/yyyy or yyyy-mm-dd), default today.
pub fn as_of(text: Option<&str>) -> Result<NaiveDate> {
    let Some(t) = text else {
        return Ok(chrono::Local::now().date_naive());
    };
    match parse_date(&Raw::Text(t.to_string())) {
        Some(d) => Ok(d),
        None => bail!("--as-of “{t}” không phải ngày hợp lệ: ghi dạng 25/4/2026 hoặc 2026-04-25"),
    }
}

pub fn run(a: Args) -> Result<Outcome> {
    let day = as_of(a.as_of.as_deref())?;
    let o = a.outline.load()?;
    let r = roster::load(&a.roster, &o)?;
    let inputs = inputs::collect(&a.paths, std::slice::from_ref(&a.roster));
    let bar = Progress::new(inputs.files.len(), "Đang đọc báo cáo", a.quiet);
    // A chunk at a time: only what matching keeps stays in memory, not every file's findings.
    let mut matcher = check::Matcher::new(&o, &r);
    for chunk in inputs.files.chunks(CHUNK) {
        let need = Need {
            cells: false,
            hash: true,
        };
        matcher.add(&inspect_all(chunk, &o, need, &|| bar.tick()));
    }
    bar.finish();
    let matching = matcher.finish();
    let c = check::completeness(&r, &matching, day, o.campaign.deadline_units);
    match a.format.format {
        Format::Json => emit(&format!("{}\n", report::status::json(&c)))?,
        Format::Table => {
            let mut out = report::status::table(&c);
            for s in &inputs.skipped {
                out.push_str(&format!("□ {} — {}\n", s.path.display(), s.reason));
            }
            emit(&out)?;
        }
    }
    Ok(
        if c.is_complete() && !inputs.skipped.iter().any(|s| s.missing) {
            Outcome::Ok
        } else {
            Outcome::DataProblems
        },
    )
}
