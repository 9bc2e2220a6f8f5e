//! `sokết check`: validate returned workbooks and tell each unit exactly what to fix.

use super::{Format, Outcome};
use crate::inspect::inspect_all;
use crate::outline::Outline;
use crate::progress::Progress;
use crate::{feedback, inputs, output, report};
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Tệp đề cương TOML (mặc định: đề cương có sẵn của đợt báo cáo)
    #[arg(long, value_name = "TỆP")]
    outline: Option<PathBuf>,
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
    /// Ghi cho mỗi báo cáo có vấn đề một tệp “cần sửa” vào thư mục này
    #[arg(long, value_name = "THƯ_MỤC")]
    feedback: Option<PathBuf>,
    /// Ghi đè tệp “cần sửa” đã có
    #[arg(long)]
    force: bool,
    /// Không hiện thanh tiến độ
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo hoặc thư mục chứa báo cáo (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = Outline::load(a.outline.as_deref())?;
    let exclude: Vec<PathBuf> = a.feedback.iter().cloned().collect();
    let inputs = inputs::collect(&a.paths, &exclude);
    let bar = Progress::new(inputs.files.len(), "Đang kiểm tra", a.quiet);
    let files = inspect_all(&inputs.files, &o, a.feedback.is_some(), &|| bar.tick());
    bar.finish();
    match a.format {
        Format::Json => println!("{}", report::json(&files, &inputs.skipped)),
        Format::Table => print!("{}", report::table(&o, &files, &inputs.skipped)),
    }
    if let Some(dir) = &a.feedback {
        let mut used = std::collections::HashSet::new();
        for f in &files {
            match feedback::build(&o, f) {
                Ok(Some(bytes)) => {
                    let mut name = feedback::file_name(f);
                    let mut n = 2;
                    while !used.insert(name.clone()) {
                        name = feedback::file_name(f)
                            .replace("-can-sua.xlsx", &format!("-{n}-can-sua.xlsx"));
                        n += 1;
                    }
                    let path = dir.join(&name);
                    match output::write_atomic(&path, &bytes, a.force) {
                        Ok(()) => eprintln!("Đã ghi tệp cần sửa: {}", path.display()),
                        Err(e) => eprintln!("lỗi: {}: {e:#}", f.path.display()),
                    }
                }
                Ok(None) => {}
                Err(e) => eprintln!(
                    "lỗi: không tạo được tệp cần sửa cho {}: {e:#}",
                    f.path.display()
                ),
            }
        }
    }
    let bad = files
        .iter()
        .any(|f| matches!(f.status(), "error" | "unreadable"));
    Ok(if bad {
        Outcome::DataProblems
    } else {
        Outcome::Ok
    })
}
