//! `sokết merge`: returns and ward summaries → the province summary workbook, and a short report.

use super::{Format, Outcome, emit};
use crate::inspect::inspect_all;
use crate::outline::Outline;
use crate::progress::Progress;
use crate::{inputs, output, summary};
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp đề cương TOML (mặc định: đề cương có sẵn của đợt báo cáo)
    #[arg(long, value_name = "TỆP")]
    outline: Option<PathBuf>,
    /// Tệp tổng hợp sẽ ghi (.xlsx)
    #[arg(short = 'o', long = "output", required = true, value_name = "TỆP")]
    output: PathBuf,
    /// Ghi đè tệp tổng hợp đã có
    #[arg(long)]
    force: bool,
    /// Kiểu in: table (bảng, mặc định) hoặc json
    #[arg(
        long,
        value_enum,
        default_value = "table",
        value_name = "KIỂU",
        hide_default_value = true,
        hide_possible_values = true
    )]
    format: Format,
    /// Vẫn tổng hợp các báo cáo có lỗi (được đánh dấu là có lỗi)
    #[arg(long)]
    include_errors: bool,
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
    let o = Outline::load(a.outline.as_deref())?;
    // The output is never read as an input (a summary merged into itself would count twice).
    let inputs = inputs::collect(&a.paths, std::slice::from_ref(&a.output));
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
    let files = inspect_all(&inputs.files, &o, false, &|| bar.tick());
    bar.finish();
    let merged = summary::collect(&o, files, inputs.skipped, a.include_errors);
    let bytes = summary::write::build(&o, &merged)?;
    output::write_atomic(&a.output, &bytes, a.force)?;
    match a.format {
        Format::Json => {
            emit(&format!("{}\n", summary::terminal::json(&o, &merged)))?;
            if !a.quiet {
                eprintln!(
                    "Đã ghi tệp tổng hợp: {} ({} đơn vị)",
                    a.output.display(),
                    merged.counted().len()
                );
            }
        }
        Format::Table => emit(&summary::terminal::table(
            &o,
            &merged,
            &a.output.display().to_string(),
        ))?,
    }
    let problems = !merged.excluded().is_empty() || !merged.unreadable().is_empty();
    Ok(if problems {
        Outcome::DataProblems
    } else {
        Outcome::Ok
    })
}
