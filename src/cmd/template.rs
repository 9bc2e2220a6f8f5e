//! `sokết template`: write the form workbook units fill in.

use super::Outcome;
use crate::outline::Outline;
use crate::{form, output};
use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp đề cương TOML (mặc định: đề cương có sẵn của đợt báo cáo)
    #[arg(long, value_name = "TỆP")]
    outline: Option<PathBuf>,
    /// Tệp biểu mẫu cần ghi (mặc định: bieu-mau-so-ket.xlsx)
    #[arg(
        short = 'o',
        long = "output",
        value_name = "TỆP",
        default_value = "bieu-mau-so-ket.xlsx"
    )]
    output: PathBuf,
    /// Ghi đè nếu tệp đã có
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = Outline::load(a.outline.as_deref())?;
    let bytes = form::blank(&o).context("không tạo được biểu mẫu")?;
    output::write_atomic(&a.output, &bytes, a.force)?;
    eprintln!(
        "Đã ghi biểu mẫu: {} ({} trường nhập)",
        a.output.display(),
        o.fields.len()
    );
    Ok(Outcome::Ok)
}
