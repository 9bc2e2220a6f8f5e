//! `sokết report`: one return → the unit's own report; several returns, a folder or summaries →
//! the draft report of the merging level; both as Word documents (Decree 30/2020/NĐ-CP).

use super::{Format, Outcome, emit};
use crate::summary::document::{
    Wording,
    run::{self, ReportJob},
};
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    /// Tệp văn bản sẽ ghi (.docx; mặc định bao-cao-don-vi.docx hoặc du-thao-bao-cao.docx)
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    output: Option<PathBuf>,
    /// Ghi đè tệp văn bản đã có
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    format: super::FormatArg,
    /// Vẫn tổng hợp các báo cáo có lỗi (như merge)
    #[arg(long)]
    include_errors: bool,
    #[command(flatten)]
    roster: super::RosterArg,
    /// Không hiện thanh tiến độ và thông báo đã ghi tệp (trên stderr)
    #[arg(short, long)]
    quiet: bool,
    /// Một tệp báo cáo (báo cáo của đơn vị), hoặc nhiều tệp, thư mục, tệp tổng hợp (dự thảo báo cáo)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = a.outline.load()?;
    let w = Wording::load(a.outline.path.as_deref())?;
    let roster = a.roster.load(&o)?;
    let done = run::run(
        &o,
        &w,
        &ReportJob {
            paths: &a.paths,
            output: a.output.as_deref(),
            force: a.force,
            include_errors: a.include_errors,
            roster: roster.as_ref(),
            quiet: a.quiet,
        },
    )?;
    match a.format.format {
        Format::Json => {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&done.printed)?
            ))?;
            if let Some(f) = &done.findings
                && done.problems
            {
                eprint!("{f}");
            }
        }
        Format::Table => emit(&done.table())?,
    }
    if a.format.format == Format::Json && !a.quiet {
        eprintln!("Đã ghi tệp: {}", done.output.display());
    }
    Ok(Outcome::from_problems(done.problems))
}
