//! The steps of the demo: each is a command line an officer would type, done by the same library
//! functions the command runs, printing what the command prints.

use super::run::{
    AWARDS, AWARDS_DOCX, DRAFT_REPORT, FEEDBACK, FORMS, RETURNS, ROSTER, SUMMARY, SURVEY,
    SURVEY_DOCX, UNIT_REPORT, as_of, plan,
};
use crate::check::{self, RosterDay};
use crate::form::per_unit;
use crate::outline::Outline;
use crate::output::emit;
use crate::report::{self, Findings, feedback, status};
use crate::select::run::{Job, run_awards, run_survey};
use crate::select::show::{awards_table, survey_table};
use crate::summary::{self, MergeJob, document, terminal};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// One step: a caption, the command line it stands for, and the work.
pub struct Step {
    pub caption: String,
    /// The command line (without the program name), printed for the officer to learn from.
    pub line: Vec<String>,
    work: Work,
    force: bool,
}

enum Work {
    /// `template --roster ROSTER -o DIR`
    Forms { roster: PathBuf, dir: PathBuf },
    /// `merge [--roster ROSTER --as-of DAY] -o OUTPUT PATH`
    Merge {
        path: PathBuf,
        output: PathBuf,
        roster: Option<PathBuf>,
    },
    /// `check --feedback DIR PATH`
    Check { path: PathBuf, feedback: PathBuf },
    /// `status --roster ROSTER --as-of DAY PATH`
    Status { path: PathBuf, roster: PathBuf },
    /// `report [--roster ROSTER --as-of DAY] -o OUTPUT PATH`
    Report {
        path: PathBuf,
        output: PathBuf,
        roster: Option<PathBuf>,
    },
    /// `select survey|awards --roster ROSTER -o OUTPUT --docx DOCX PATH`
    Select {
        awards: bool,
        path: PathBuf,
        roster: PathBuf,
        output: PathBuf,
        docx: PathBuf,
    },
}

/// The steps, in order.
/// `sample`: the return (under `dir`) the unit's report is printed from.
pub fn steps(o: &Outline, dir: &Path, force: bool, sample: Option<&Path>) -> Vec<Step> {
    let run = plan();
    let day = as_of(o);
    let day_arg = day.format("%Y-%m-%d").to_string();
    let shown_as_of = day.format("%d/%m/%Y");
    let p = |s: &str| dir.join(s);
    let line = |parts: &[&Path], with_force: bool| -> Vec<String> {
        let mut out: Vec<String> = parts.iter().map(|s| s.display().to_string()).collect();
        if force && with_force {
            out.push("--force".into());
        }
        out
    };
    let s = |s: &'static str| Path::new(s);
    let ward_summary = p(&format!("{RETURNS}/{}", run.ward_summary));
    let ward = p(&run.ward_folder);
    let mut out = vec![
        Step {
            caption: "Tạo biểu mẫu riêng cho từng đơn vị theo danh sách".into(),
            line: line(
                &[
                    s("template"),
                    s("--quiet"),
                    s("--roster"),
                    &p(ROSTER),
                    s("-o"),
                    &p(FORMS),
                ],
                true,
            ),
            force,
            work: Work::Forms {
                roster: p(ROSTER),
                dir: p(FORMS),
            },
        },
        Step {
            caption: run.ward_step.clone(),
            line: line(
                &[
                    s("merge"),
                    s("--quiet"),
                    s("--format"),
                    s("table"),
                    s("-o"),
                    &ward_summary,
                    &ward,
                ],
                true,
            ),
            force,
            work: Work::Merge {
                path: ward.clone(),
                output: ward_summary.clone(),
                roster: None,
            },
        },
        Step {
            caption: "Kiểm tra các báo cáo gửi về tỉnh, tạo tệp “cần sửa”".into(),
            line: line(
                &[
                    s("check"),
                    s("--quiet"),
                    s("--feedback"),
                    &p(FEEDBACK),
                    &p(RETURNS),
                ],
                true,
            ),
            force,
            work: Work::Check {
                path: p(RETURNS),
                feedback: p(FEEDBACK),
            },
        },
        Step {
            caption: format!("Xem tình hình nộp báo cáo ngày {shown_as_of}"),
            line: line(
                &[
                    s("status"),
                    s("--quiet"),
                    s("--roster"),
                    &p(ROSTER),
                    s("--as-of"),
                    Path::new(&day_arg),
                    &p(RETURNS),
                ],
                false,
            ),
            force,
            work: Work::Status {
                path: p(RETURNS),
                roster: p(ROSTER),
            },
        },
        Step {
            caption: "Tổng hợp toàn tỉnh".into(),
            line: line(
                &[
                    s("merge"),
                    s("--quiet"),
                    s("--roster"),
                    &p(ROSTER),
                    s("--as-of"),
                    Path::new(&day_arg),
                    s("-o"),
                    &p(SUMMARY),
                    &p(RETURNS),
                ],
                true,
            ),
            force,
            work: Work::Merge {
                path: p(RETURNS),
                output: p(SUMMARY),
                roster: Some(p(ROSTER)),
            },
        },
    ];
    if let Some(sample) = sample {
        let sample = dir.join(sample);
        out.push(Step {
            caption: "In báo cáo của một đơn vị (Word)".into(),
            line: line(
                &[s("report"), s("--quiet"), s("-o"), &p(UNIT_REPORT), &sample],
                true,
            ),
            force,
            work: Work::Report {
                path: sample.clone(),
                output: p(UNIT_REPORT),
                roster: None,
            },
        });
    }
    out.push(Step {
        caption: "In dự thảo báo cáo toàn tỉnh (Word)".into(),
        line: line(
            &[
                s("report"),
                s("--quiet"),
                s("--roster"),
                &p(ROSTER),
                s("--as-of"),
                Path::new(&day_arg),
                s("-o"),
                &p(DRAFT_REPORT),
                &p(RETURNS),
            ],
            true,
        ),
        force,
        work: Work::Report {
            path: p(RETURNS),
            output: p(DRAFT_REPORT),
            roster: Some(p(ROSTER)),
        },
    });
    // The survey and the awards, when the outline declares them.
    let selections = [
        (
            o.select.survey.is_some(),
            false,
            "survey",
            SURVEY,
            SURVEY_DOCX,
        ),
        (
            o.select.awards.is_some(),
            true,
            "awards",
            AWARDS,
            AWARDS_DOCX,
        ),
    ];
    for (declared, awards, name, output, docx) in selections {
        if !declared {
            continue;
        }
        out.push(Step {
            caption: if awards {
                "Đề xuất khen thưởng: xếp hạng tập thể, cá nhân được đơn vị đề xuất".into()
            } else {
                "Chọn đơn vị cho đoàn khảo sát".into()
            },
            line: line(
                &[
                    s("select"),
                    s(name),
                    s("--quiet"),
                    s("--roster"),
                    &p(ROSTER),
                    s("-o"),
                    &p(output),
                    s("--docx"),
                    &p(docx),
                    &p(RETURNS),
                ],
                true,
            ),
            force,
            work: Work::Select {
                awards,
                path: p(RETURNS),
                roster: p(ROSTER),
                output: p(output),
                docx: p(docx),
            },
        });
    }
    out
}

impl Step {
    /// Do the step as its command would, quietly; true when it found problems in the data.
    pub fn run(&self, o: &Outline) -> Result<bool> {
        let force = self.force;
        match &self.work {
            Work::Forms { roster, dir } => {
                let w = per_unit::write_for_roster(o, roster, dir, force, true)?;
                eprint!("{}", w.report(dir));
                Ok(!w.roster.problems.is_empty())
            }
            Work::Merge {
                path,
                output,
                roster,
            } => {
                let roster = roster
                    .as_ref()
                    .map(|r| RosterDay::load(r, as_of(o), o))
                    .transpose()?;
                let done = summary::merge_paths(
                    o,
                    &MergeJob {
                        paths: std::slice::from_ref(path),
                        output,
                        force,
                        include_errors: false,
                        roster: roster.as_ref(),
                        peers: true,
                        quiet: true,
                    },
                )?;
                let shown = output.display().to_string();
                emit(&terminal::table(
                    o,
                    &done.merge,
                    &shown,
                    done.completeness.as_ref(),
                ))?;
                Ok(done.has_problems())
            }
            Work::Check {
                path,
                feedback: dir,
            } => {
                let run = check::check_paths(
                    o,
                    std::slice::from_ref(path),
                    std::slice::from_ref(dir),
                    true,
                    false,
                    true,
                    true,
                );
                let planned = feedback::plan(o, &run.files, dir, force)?;
                let doc = Findings::new(&run.files, &run.skipped, None)
                    .with_notes(run.peers_note.iter().cloned().collect());
                emit(&report::table(o, &doc))?;
                feedback::write(&planned, force)?;
                Ok(doc.has_problems())
            }
            Work::Status { path, roster } => {
                let r = RosterDay::load(roster, as_of(o), o)?;
                let (c, skipped) = check::status_paths(o, &r, std::slice::from_ref(path), true);
                emit(&status::table_and_skipped(
                    &c,
                    &skipped,
                    crate::screen::width(),
                ))?;
                Ok(!c.is_complete() || skipped.iter().any(|s| s.missing))
            }
            Work::Report {
                path,
                output,
                roster,
            } => {
                let roster = roster
                    .as_ref()
                    .map(|r| RosterDay::load(r, as_of(o), o))
                    .transpose()?;
                let done = document::run::run(
                    o,
                    &document::Wording::load(None)?,
                    &document::run::ReportJob {
                        paths: std::slice::from_ref(path),
                        output: Some(output),
                        force,
                        include_errors: false,
                        roster: roster.as_ref(),
                        quiet: true,
                    },
                )?;
                emit(&done.table())?;
                Ok(done.problems)
            }
            Work::Select {
                awards,
                path,
                roster,
                output,
                docx,
            } => {
                let r = RosterDay::load(roster, as_of(o), o)?;
                let job = Job {
                    paths: std::slice::from_ref(path),
                    roster: Some(&r),
                    seed: 1,
                    output: Some(output),
                    docx: Some(docx),
                    force,
                    quiet: true,
                };
                if *awards {
                    let list = run_awards(o, &job)?;
                    emit(&awards_table(&list))?;
                    Ok(list.individuals.is_empty())
                } else {
                    let plan = run_survey(o, &job)?;
                    emit(&survey_table(&plan))?;
                    Ok(!plan.short.is_empty())
                }
            }
        }
    }
}
