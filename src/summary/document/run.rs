//! What `report` runs: read the inputs as merge reads them; one return → the unit's report, else
//! the draft of the merging level; the .docx written atomically.

use super::{Printed, Wording, draft, unit};
use crate::check::{self, RosterDay};
use crate::outline::Outline;
use crate::report::{self, Findings};
use crate::summary::{MergeJob, run::read_paths};
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

pub struct ReportJob<'a> {
    pub paths: &'a [PathBuf],
    pub output: Option<&'a Path>,
    pub force: bool,
    pub include_errors: bool,
    pub roster: Option<&'a RosterDay>,
    pub quiet: bool,
}

pub struct Done {
    pub printed: Printed,
    pub output: PathBuf,
    /// For a unit's report: check's findings about its return, as `check` prints them.
    pub findings: Option<String>,
    pub problems: bool,
}

impl Done {
    /// What `report --format table` prints: the findings (unit's report), then what was written.
    pub fn table(&self) -> String {
        let what = if self.printed.kind == "unit" {
            "báo cáo của đơn vị"
        } else {
            "dự thảo báo cáo"
        };
        format!(
            "{}Đã ghi {what}: {} ({} đơn vị)\n",
            self.findings.as_deref().unwrap_or_default(),
            self.output.display(),
            self.printed.units
        )
    }
}

/// Where the document goes by default.
pub const UNIT_FILE: &str = "bao-cao-don-vi.docx";
pub const DRAFT_FILE: &str = "du-thao-bao-cao.docx";

/// Refuse an output that is not .docx, or that exists without `force`, before anything is read.
pub fn check_output(output: &Path, force: bool) -> Result<()> {
    let is_docx = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if !is_docx {
        bail!("tệp văn bản {} phải có đuôi .docx", output.display());
    }
    if output.exists() && !force {
        bail!(
            "tệp {} đã có; thêm --force nếu muốn ghi đè",
            output.display()
        );
    }
    crate::output::check_target(output)
}

pub fn run(o: &Outline, w: &Wording, job: &ReportJob) -> Result<Done> {
    if let Some(out) = job.output {
        check_output(out, job.force)?;
    }
    let exclude: Vec<PathBuf> = job.output.iter().map(|p| p.to_path_buf()).collect();
    let dummy = PathBuf::new();
    let mjob = MergeJob {
        paths: job.paths,
        output: &dummy,
        force: job.force,
        include_errors: job.include_errors,
        roster: job.roster,
        quiet: job.quiet,
        // The draft counts what merge counts, with merge's default peer checks.
        peers: true,
    };
    let merged = read_paths(o, &mjob, &exclude)?;
    let m = &merged.merge;
    let one_return = m.files.len() == 1 && m.units.len() == 1 && !m.units[0].from_summary;
    let (doc, figures, kind, units, findings, problems, default) = if one_return {
        let u = &m.units[0];
        let issues: Vec<_> = m.issues_of(u).cloned().collect();
        let (doc, figures) = unit::build(o, w, &u.result.values, &issues)?;
        // The same findings as `check`, from check itself.
        let run = check::check_paths(
            o,
            std::slice::from_ref(&u.file),
            &exclude,
            false,
            false,
            // As check runs by default (a return alone gets the note that says why it has no peers).
            true,
            true,
        );
        let f = Findings::new(&run.files, &run.skipped, None)
            .with_notes(run.peers_note.iter().cloned().collect());
        let problems = f.has_problems();
        (
            doc,
            figures,
            "unit",
            1,
            Some(report::table(o, &f)),
            problems,
            UNIT_FILE,
        )
    } else {
        let (doc, figures) = draft::build(o, w, m, merged.completeness.as_ref())?;
        let n = m.counted().len();
        (
            doc,
            figures,
            "draft",
            n,
            None,
            merged.has_problems(),
            DRAFT_FILE,
        )
    };
    let output = job
        .output
        .map_or_else(|| PathBuf::from(default), Path::to_path_buf);
    if job.output.is_none() {
        check_output(&output, job.force)?;
    }
    let bytes = crate::report::docx::render(&doc)?;
    crate::output::write_atomic(&output, &bytes, job.force)?;
    Ok(Done {
        printed: Printed {
            kind,
            units,
            figures,
        },
        output,
        findings,
        problems,
    })
}
