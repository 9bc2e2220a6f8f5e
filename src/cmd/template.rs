//! `sokết template`: write the form workbook units fill in, or with `--roster` one pre-filled form per unit.

use super::Outcome;
use crate::outline::Outline;
use crate::{form, output};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

const DEFAULT_FILE: &str = "bieu-mau-so-ket.xlsx";
const DEFAULT_DIR: &str = "bieu-mau";

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    /// Tệp biểu mẫu cần ghi (mặc định bieu-mau-so-ket.xlsx); với --roster: thư mục ghi các biểu mẫu (mặc định bieu-mau)
    #[arg(short = 'o', long = "output", value_name = "TỆP|THƯ_MỤC")]
    output: Option<PathBuf>,
    /// Danh sách đơn vị (.xlsx hoặc .csv): tạo cho mỗi đơn vị một biểu mẫu điền sẵn mã, tên, loại hình, công đoàn cấp trên
    #[arg(long, value_name = "DANH_SÁCH")]
    roster: Option<PathBuf>,
    /// Ghi đè nếu tệp đã có
    #[arg(long)]
    force: bool,
    /// Không hiện thanh tiến độ
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = a.outline.load()?;
    if let Some(path) = &a.roster {
        let dir = a.output.clone().unwrap_or_else(|| DEFAULT_DIR.into());
        return per_unit(&o, path, &dir, a.force, a.quiet);
    }
    let out = a.output.unwrap_or_else(|| DEFAULT_FILE.into());
    // The form is an xlsx workbook: a name saying otherwise would mislead whoever opens it.
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!("tệp biểu mẫu {} phải có đuôi .xlsx", out.display());
    }
    let bytes = form::blank(&o).context("không tạo được biểu mẫu")?;
    output::write_atomic(&out, &bytes, a.force)?;
    eprintln!(
        "Đã ghi biểu mẫu: {} ({} trường nhập)",
        out.display(),
        o.fields.len()
    );
    Ok(Outcome::Ok)
}

/// One form per good roster row; bad rows are listed and make the exit code 1.
fn per_unit(o: &Outline, path: &Path, dir: &Path, force: bool, quiet: bool) -> Result<Outcome> {
    let w = form::per_unit::write_for_roster(o, path, dir, force, quiet)?;
    eprint!("{}", w.report(dir));
    Ok(Outcome::from_problems(!w.roster.problems.is_empty()))
}
