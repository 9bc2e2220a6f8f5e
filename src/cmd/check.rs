//! `sokết check`: validate returned workbooks and tell each unit exactly what to fix.

use super::{Format, Outcome, emit};
use crate::check;
use crate::report::{self, Findings, feedback};
use anyhow::Result;
use std::path::PathBuf;

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
    #[command(flatten)]
    peers: super::PeersArg,
    /// Không hiện thanh tiến độ
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo hoặc thư mục chứa báo cáo (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    if let Some(dir) = &a.feedback {
        crate::output::check_folder(dir)?;
    }
    let o = a.outline.load()?;
    let roster = a.roster.load(&o)?;
    let exclude: Vec<PathBuf> = a
        .feedback
        .iter()
        .chain(a.roster.path.iter())
        .cloned()
        .collect();
    let mut run = check::check_paths(
        &o,
        &a.paths,
        &exclude,
        a.feedback.is_some(),
        roster.is_some(),
        a.peers.on(),
        a.quiet,
    );
    if let Some(r) = &roster {
        r.flag_names(&o, &mut run.files);
    }
    let planned = match &a.feedback {
        Some(dir) => feedback::plan(&o, &run.files, dir, a.force)?,
        None => Vec::new(),
    };
    let completeness = roster.as_ref().map(|r| r.completeness(&o, &run.files));
    let doc = Findings::new(&run.files, &run.skipped, completeness.as_ref())
        .with_notes(run.peers_note.iter().cloned().collect());
    emit(&match a.format.format {
        Format::Json => format!("{}\n", report::json(&doc)),
        Format::Table => report::table(&o, &doc),
    })?;
    feedback::write(&planned, a.force)?;
    Ok(Outcome::from_problems(doc.has_problems()))
}
