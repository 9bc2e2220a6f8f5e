//! What `select survey` and `select awards` run: refuse wrong outputs first, read and merge the
//! returns as `merge` does, select, and write the workbook and the document atomically.

use super::awards::{Shortlist, shortlist};
use super::survey::{SurveyPlan, survey};
use super::{notice, write};
use crate::check::RosterDay;
use crate::outline::Outline;
use crate::output;
use crate::summary::{MergeJob, Merged, read_paths};
use crate::value::{format_vi, quote};
use anyhow::{Result, anyhow, bail};
use minijinja::value::Serde;
use minijinja::{Value, context};
use std::path::{Path, PathBuf};

/// One selection run: what to read, what to write.
pub struct Job<'a> {
    pub paths: &'a [PathBuf],
    pub roster: Option<&'a RosterDay>,
    pub seed: u64,
    pub output: Option<&'a Path>,
    pub docx: Option<&'a Path>,
    pub force: bool,
    pub quiet: bool,
}

impl Job<'_> {
    /// Refuse a wrong or existing output before anything is read.
    fn check_outputs(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for (p, ext) in [(self.output, "xlsx"), (self.docx, "docx")] {
            let Some(p) = p else { continue };
            let ok = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case(ext));
            if !ok {
                bail!("tệp {} phải có đuôi .{ext}", p.display());
            }
            output::check_target(p)?;
            if p.exists() && !self.force {
                bail!("tệp {} đã có; thêm --force nếu muốn ghi đè", p.display());
            }
            out.push(p.to_path_buf());
        }
        Ok(out)
    }

    fn write(&self, path: Option<&Path>, bytes: impl FnOnce() -> Result<Vec<u8>>) -> Result<()> {
        if let Some(p) = path {
            output::write_atomic(p, &bytes()?, self.force)?;
        }
        Ok(())
    }
}

fn roster_units(job: &Job) -> Vec<crate::roster::RosterUnit> {
    job.roster
        .map(|r| r.roster.units.clone())
        .unwrap_or_default()
}

/// Read and merge the inputs exactly as `merge` does (its default peer checks included).
fn read(o: &Outline, job: &Job, exclude: &[PathBuf]) -> Result<Merged> {
    let mjob = MergeJob {
        paths: job.paths,
        output: Path::new(""),
        force: false,
        include_errors: false,
        roster: job.roster,
        peers: true,
        quiet: job.quiet,
    };
    read_paths(o, &mjob, exclude)
}

/// Pick the survey's units; the workbook and the notice are written when asked.
pub fn run_survey(o: &Outline, job: &Job) -> Result<SurveyPlan> {
    let s = o.select.survey.as_ref().ok_or_else(|| {
        anyhow!(
            "đề cương {} không có phần [select.survey]: thêm phần này (nhóm đơn vị, số lượng, thời gian) rồi chạy lại",
            o.source
        )
    })?;
    let exclude = job.check_outputs()?;
    let merged = read(o, job, &exclude)?;
    let plan = survey(o, s, &merged.merge, job.seed);
    job.write(job.output, || {
        write::survey(o, s, &plan, &roster_units(job))
    })?;
    job.write(job.docx, || {
        let units = roster_units(job);
        let strata: Vec<_> = s
            .strata
            .iter()
            .map(|st| {
                let picks: Vec<_> = plan
                    .picks
                    .iter()
                    .filter(|p| p.stratum == st.name)
                    .map(|p| {
                        let contact = super::contact(&units, &p.who)
                            .map(|r| {
                                [r.contact.as_str(), r.phone.as_str()]
                                    .iter()
                                    .filter(|x| !x.is_empty())
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            })
                            .unwrap_or_default();
                        context! {
                            unit_name => &p.who.unit_name, parent => &p.who.parent,
                            contact => contact,
                        }
                    })
                    .collect();
                context! {
                    name => &st.name,
                    quota => &st.quota,
                    short => picks.len() < st.quota,
                    picks => picks,
                }
            })
            .collect();
        notice::render(
            notice::SURVEY,
            "thong-bao-khao-sat.txt",
            context! {
                document => Value::from(Serde(&o.document)),
                survey => context! {
                    subject => &s.subject, preamble => &s.preamble, purpose => &s.purpose,
                    team => &s.team, content => &s.content, closing => &s.closing,
                    recipients => &s.recipients,
                },
                start => day(s.start),
                end => day(s.end),
                strata => strata,
                picks => Value::from(Serde(&plan.picks)),
                reserves => Value::from(Serde(&plan.reserves)),
                seed => plan.seed,
            },
        )
    })?;
    Ok(plan)
}

/// A date as the plan writes it in a sentence: "5/5/2026".
fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d/%-m/%Y").to_string()
}

/// Rank the collectives and list the nominated individuals; the workbook and the list of proposals
/// are written when asked.
pub fn run_awards(o: &Outline, job: &Job) -> Result<Shortlist> {
    let a = o.select.awards.as_ref().ok_or_else(|| {
        anyhow!(
            "đề cương {} không có phần [select.awards]: thêm phần này (số tập thể, cá nhân, các chỉ tiêu) rồi chạy lại",
            o.source
        )
    })?;
    let exclude = job.check_outputs()?;
    let merged = read(o, job, &exclude)?;
    let list = shortlist(o, a, &merged.merge);
    job.write(job.output, || write::awards(o, &list, &roster_units(job)))?;
    job.write(job.docx, || {
        let collectives: Vec<_> = list
            .collectives
            .iter()
            .filter(|c| c.proposed)
            .map(|c| {
                context! {
                    unit_name => &c.unit_name, parent => &c.parent,
                    score_vi => format_vi(c.score),
                }
            })
            .collect();
        let individuals: Vec<_> = list
            .individuals
            .iter()
            .filter(|p| p.proposed)
            .map(|p| {
                context! {
                    name => &p.name, position => &p.position, unit_name => &p.unit_name,
                    achievement => quote(&p.achievement, 400),
                }
            })
            .collect();
        let weights: Vec<_> = list
            .weights
            .iter()
            .map(|w| context! { label => &w.label, weight_vi => format_vi(w.weight) })
            .collect();
        notice::render(
            notice::AWARDS,
            "de-nghi-khen-thuong.txt",
            context! {
                document => Value::from(Serde(&o.document)),
                awards => context! {
                    subject => &a.subject, preamble => &a.preamble, recipients => &a.recipients,
                },
                collectives => collectives,
                individuals => individuals,
                weights => weights,
            },
        )
    })?;
    Ok(list)
}
