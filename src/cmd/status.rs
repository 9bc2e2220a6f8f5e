//! `sokết status`: who has reported, on time or late, who is missing, against the roster.

use super::{Format, Outcome, emit};
use crate::check;
use crate::report::status;
use crate::value::{Raw, parse_date};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use std::path::PathBuf;

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
    let r = check::RosterDay::load(&a.roster, day, &o)?;
    let (c, skipped) = check::status_paths(&o, &r, &a.paths, a.quiet);
    emit(&match a.format.format {
        Format::Json => format!("{}\n", status::json(&c)),
        Format::Table => status::table_and_skipped(&c, &skipped, crate::screen::width()),
    })?;
    Ok(Outcome::from_problems(
        !c.is_complete() || skipped.iter().any(|s| s.missing),
    ))
}
