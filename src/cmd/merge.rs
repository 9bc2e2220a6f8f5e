//! `sokết merge`: returns and ward summaries → the province summary workbook, and a short report.

use super::{Format, Outcome, emit};
use crate::report;
use crate::summary::{self, MergeJob, terminal};
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    /// Tệp tổng hợp sẽ ghi (.xlsx)
    #[arg(short = 'o', long = "output", required = true, value_name = "TỆP")]
    output: PathBuf,
    /// Ghi đè tệp tổng hợp đã có
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    format: super::FormatArg,
    /// Vẫn tổng hợp các báo cáo có lỗi (được đánh dấu là có lỗi)
    #[arg(long)]
    include_errors: bool,
    #[command(flatten)]
    roster: super::RosterArg,
    #[command(flatten)]
    peers: super::PeersArg,
    /// Không hiện thanh tiến độ và thông báo đã ghi tệp (trên stderr)
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo, tệp tổng hợp cấp dưới, hoặc thư mục chứa chúng (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    summary::run::check_output(&a.output, a.force)?;
    crate::output::check_target(&a.output)?;
    let o = a.outline.load()?;
    let roster = a.roster.load(&o)?;
    let done = summary::merge_paths(
        &o,
        &MergeJob {
            paths: &a.paths,
            output: &a.output,
            force: a.force,
            include_errors: a.include_errors,
            roster: roster.as_ref(),
            peers: a.peers.on(),
            quiet: a.quiet,
        },
    )?;
    let (m, c) = (&done.merge, done.completeness.as_ref());
    match a.format.format {
        Format::Json => {
            emit(&format!("{}\n", report::json(&terminal::report(&o, m, c))))?;
            if !a.quiet {
                eprintln!(
                    "Đã ghi tệp tổng hợp: {} ({} đơn vị)",
                    a.output.display(),
                    m.counted().len()
                );
            }
        }
        Format::Table => emit(&terminal::table(&o, m, &a.output.display().to_string(), c))?,
    }
    let problems = done.has_problems();
    // The process ends right after: freeing every unit's values one by one would take 0.2 s at
    // 10,000 units, for memory the system takes back at once.
    std::mem::forget(done);
    Ok(Outcome::from_problems(problems))
}
