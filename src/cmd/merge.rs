//! `sokết merge`: returns and ward summaries → the province summary workbook, and a short report.

use super::{Format, Outcome, emit};
use crate::check::inspect::{Need, Packed, inspect_map};
use crate::progress::Progress;
use crate::{inputs, output, report, summary};
use anyhow::{Result, bail};
use rayon::prelude::*;
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
    /// Không hiện thanh tiến độ và thông báo đã ghi tệp (trên stderr)
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo, tệp tổng hợp cấp dưới, hoặc thư mục chứa chúng (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    let is_xlsx = a
        .output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!("tệp tổng hợp {} phải có đuôi .xlsx", a.output.display());
    }
    if a.output.exists() && !a.force {
        bail!(
            "tệp {} đã có; thêm --force nếu muốn ghi đè",
            a.output.display()
        );
    }
    let o = a.outline.load()?;
    let roster = a.roster.load(&o)?;
    // The output is never read as an input (a summary merged into itself would count twice).
    let exclude: Vec<PathBuf> = std::iter::once(a.output.clone())
        .chain(a.roster.path.iter().cloned())
        .collect();
    let inputs = inputs::collect(&a.paths, &exclude);
    if inputs.files.is_empty() {
        let why: Vec<String> = inputs
            .skipped
            .iter()
            .map(|s| format!("{} ({})", s.path.display(), s.reason))
            .collect();
        bail!(
            "không có tệp bảng tính nào để tổng hợp{}",
            if why.is_empty() {
                String::new()
            } else {
                format!(": {}", why.join("; "))
            }
        );
    }
    let bar = Progress::new(inputs.files.len(), "Đang đọc báo cáo", a.quiet);
    // Values stay packed while files are read, so memory does not grow with parse debris.
    let need = Need {
        cells: false,
        hash: true,
    };
    let packed = inspect_map(&inputs.files, &o, need, &|| bar.tick(), Packed::pack);
    let files: Vec<_> = packed.into_par_iter().map(Packed::unpack).collect();
    bar.finish();
    let completeness = roster.as_ref().map(|r| r.completeness(&o, &files));
    let merged = summary::collect(&o, files, inputs.skipped, a.include_errors);
    let bytes = summary::write::build(&o, &merged, completeness.as_ref())?;
    output::write_atomic(&a.output, &bytes, a.force)?;
    match a.format.format {
        Format::Json => {
            let mut doc: serde_json::Value =
                serde_json::from_str(&summary::terminal::json(&o, &merged))?;
            if let Some(c) = &completeness {
                doc["roster"] = report::status::json_value(c);
            }
            emit(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
            if !a.quiet {
                eprintln!(
                    "Đã ghi tệp tổng hợp: {} ({} đơn vị)",
                    a.output.display(),
                    merged.counted().len()
                );
            }
        }
        Format::Table => {
            let mut out = summary::terminal::table(&o, &merged, &a.output.display().to_string());
            if let Some(c) = &completeness {
                out.push('\n');
                out.push_str(&report::status::heading(c));
                out.push_str(&report::status::figures(c));
            }
            emit(&out)?
        }
    }
    let problems = !merged.excluded().is_empty()
        || !merged.unreadable().is_empty()
        || merged.skipped_missing();
    // The process ends right after: freeing every unit's values one by one would take 0.2 s at
    // 10,000 units, for memory the system takes back at once.
    std::mem::forget(merged);
    Ok(if problems {
        Outcome::DataProblems
    } else {
        Outcome::Ok
    })
}
