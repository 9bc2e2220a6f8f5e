//! `sokết check`: validate returned workbooks and tell each unit exactly what to fix.

use super::{Format, Outcome, emit};
use crate::check::inspect::{Inspected, Need, inspect_map};
use crate::outline::Outline;
use crate::progress::Progress;
use crate::report::{self, feedback};
use crate::{inputs, output};
use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    #[command(flatten)]
    format: super::FormatArg,
    /// Ghi cho mỗi báo cáo có vấn đề một tệp “cần sửa” vào thư mục này
    #[arg(long, value_name = "THƯ_MỤC")]
    feedback: Option<PathBuf>,
    /// Ghi đè tệp “cần sửa” đã có
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    roster: super::RosterArg,
    /// Không hiện thanh tiến độ
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo hoặc thư mục chứa báo cáo (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = a.outline.load()?;
    let roster = a.roster.load(&o)?;
    let exclude: Vec<PathBuf> = a
        .feedback
        .iter()
        .chain(a.roster.path.iter())
        .cloned()
        .collect();
    let inputs = inputs::collect(&a.paths, &exclude);
    let bar = Progress::new(inputs.files.len(), "Đang kiểm tra", a.quiet);
    let feedback = a.feedback.is_some();
    // Feedback files need the values and cells; the report alone needs only the issues and names.
    // The hash tells a file sent twice from two reports of a unit: only the roster needs it.
    let need = Need {
        cells: feedback,
        hash: roster.is_some(),
    };
    let files = inspect_map(&inputs.files, &o, need, &|| bar.tick(), |f| {
        if feedback { f } else { f.keep_names_only() }
    });
    bar.finish();
    // Feedback files are built and checked against existing ones before anything is printed,
    // so a refusal to overwrite leaves no half-done output.
    let planned = match &a.feedback {
        Some(dir) => plan_feedback(&o, &files, dir, a.force)?,
        None => Vec::new(),
    };
    let completeness = roster.as_ref().map(|r| r.completeness(&o, &files));
    match (a.format.format, &completeness) {
        (Format::Json, None) => emit(&format!("{}\n", report::json(&files, &inputs.skipped)))?,
        (Format::Json, Some(c)) => {
            let mut doc: serde_json::Value =
                serde_json::from_str(&report::json(&files, &inputs.skipped))?;
            doc["roster"] = report::status::json_value(c);
            emit(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?
        }
        (Format::Table, c) => {
            let mut out = report::table(&o, &files, &inputs.skipped);
            if let Some(c) = c {
                out.push('\n');
                out.push_str(&report::status::heading(c));
                out.push_str(&report::status::notes(c));
                out.push_str(&report::status::figures(c));
            }
            emit(&out)?
        }
    }
    for (path, bytes) in &planned {
        output::write_atomic(path, bytes, a.force)?;
        eprintln!("Đã ghi tệp cần sửa: {}", path.display());
    }
    let bad = files
        .iter()
        .any(|f| matches!(f.status(), "error" | "unreadable"))
        || inputs.skipped.iter().any(|s| s.missing);
    Ok(if bad {
        Outcome::DataProblems
    } else {
        Outcome::Ok
    })
}

/// The feedback file of every return with issues: (path in `dir`, workbook bytes).
/// Without `force`, fails when any of them already exists, naming them.
fn plan_feedback(
    o: &Outline,
    files: &[Inspected],
    dir: &Path,
    force: bool,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut used = HashSet::new();
    let mut planned = Vec::new();
    for f in files {
        let Some(bytes) = feedback::build(o, f)
            .with_context(|| format!("không tạo được tệp cần sửa cho {}", f.path.display()))?
        else {
            continue;
        };
        let mut name = feedback::file_name(f);
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = feedback::file_name(f).replace("-can-sua.xlsx", &format!("-{n}-can-sua.xlsx"));
            n += 1;
        }
        planned.push((dir.join(name), bytes));
    }
    let existing: Vec<String> = planned
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        bail!(
            "{} tệp cần sửa đã có ({}): không ghi tệp nào; thêm --force nếu muốn ghi đè",
            existing.len(),
            existing.join(", ")
        );
    }
    Ok(planned)
}
