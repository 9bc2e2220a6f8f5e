//! What `merge` (and `demo`) run: returns and lower summaries under some paths → the summary workbook
//! written in place, the merge, and with a roster the completeness.

use super::merge::{Merge, collect};
use crate::check::inspect::{Need, Packed, inspect_map};
use crate::check::{Completeness, RosterDay};
use crate::outline::Outline;
use crate::progress::Progress;
use crate::{inputs, output};
use anyhow::{Result, bail};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One merge: what to read, where to write.
pub struct MergeJob<'a> {
    pub paths: &'a [PathBuf],
    /// The summary workbook to write (.xlsx).
    pub output: &'a Path,
    pub force: bool,
    pub include_errors: bool,
    pub roster: Option<&'a RosterDay>,
    pub quiet: bool,
}

/// The merge and, with a roster, the completeness; the workbook is written.
pub struct Merged {
    pub merge: Merge,
    pub completeness: Option<Completeness>,
}

/// Refuse an output that is not .xlsx, or that exists without `force`, before anything is read.
pub fn check_output(output: &Path, force: bool) -> Result<()> {
    let is_xlsx = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!("tệp tổng hợp {} phải có đuôi .xlsx", output.display());
    }
    if output.exists() && !force {
        bail!(
            "tệp {} đã có; thêm --force nếu muốn ghi đè",
            output.display()
        );
    }
    Ok(())
}

/// Read, merge, write the workbook; refuses a wrong output first (see [`check_output`]).
pub fn merge_paths(o: &Outline, job: &MergeJob) -> Result<Merged> {
    check_output(job.output, job.force)?;
    // The output is never read as an input (a summary merged into itself would count twice).
    let merged = read_paths(
        o,
        job.paths,
        &[job.output.to_path_buf()],
        job.include_errors,
        job.roster,
        job.quiet,
    )?;
    let bytes = super::write::build(o, &merged.merge, merged.completeness.as_ref())?;
    output::write_atomic(job.output, &bytes, job.force)?;
    Ok(merged)
}

/// Read and merge the returns and summaries under `paths` as `merge` does, writing nothing; the
/// files in `exclude` and the roster are never read as inputs.
pub fn read_paths(
    o: &Outline,
    paths: &[PathBuf],
    exclude: &[PathBuf],
    include_errors: bool,
    roster: Option<&RosterDay>,
    quiet: bool,
) -> Result<Merged> {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .cloned()
        .chain(roster.map(|r| r.path.clone()))
        .collect();
    let inputs = inputs::collect(paths, &exclude);
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
    let bar = Progress::new(inputs.files.len(), "Đang đọc báo cáo", quiet);
    // Values stay packed while files are read, so memory does not grow with parse debris.
    let need = Need {
        cells: false,
        hash: true,
    };
    let packed = inspect_map(&inputs.files, o, need, &|| bar.tick(), Packed::pack);
    let files: Vec<_> = packed.into_par_iter().map(Packed::unpack).collect();
    bar.finish();
    let completeness = roster.map(|r| r.completeness(o, &files));
    let merge = collect(o, files, inputs.skipped, include_errors);
    Ok(Merged {
        merge,
        completeness,
    })
}

impl Merged {
    /// Units left out, files unreadable, or a path named that does not exist (exit code 1).
    pub fn has_problems(&self) -> bool {
        let m = &self.merge;
        !m.excluded().is_empty() || !m.unreadable().is_empty() || m.skipped_missing()
    }
}
