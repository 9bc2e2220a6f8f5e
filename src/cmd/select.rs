//! `sokết select survey|awards`: after the merge, the units the field survey visits and the award
//! shortlist, as the outline's `[select]` declares them.

use super::{Format, Outcome, emit};
use crate::select::run::{Job, run_awards, run_survey};
use crate::select::show::{awards_table, survey_table};
use anyhow::Result;
use std::path::PathBuf;

/// The help layout of the other commands (`cli.rs`), for the subcommands.
const TEMPLATE: &str = "{before-help}{about}\n\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Chọn đơn vị cho đoàn khảo sát theo nhóm loại hình (kèm đơn vị dự bị, lý do chọn)
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết select survey [--outline TỆP] [--roster DANH_SÁCH] [--seed N] [-o TỆP.xlsx] [--docx TỆP.docx] [--force] [--format table|json] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết select survey nhan-ve/ --roster danh-sach-don-vi.csv -o khao-sat.xlsx --docx thong-bao-khao-sat.docx
  sokết select survey nhan-ve/ --seed 7 --format json

Mã thoát: 0 = tốt; 1 = có nhóm không đủ đơn vị; 2 = lệnh không chạy được."
    )]
    Survey(Opts),
    /// Xếp hạng tập thể theo điểm và liệt kê cá nhân được đơn vị đề xuất khen thưởng
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết select awards [--outline TỆP] [--roster DANH_SÁCH] [-o TỆP.xlsx] [--docx TỆP.docx] [--force] [--format table|json] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết select awards nhan-ve/ --roster danh-sach-don-vi.csv -o khen-thuong.xlsx --docx de-nghi-khen-thuong.docx

Mã thoát: 0 = tốt; 1 = không báo cáo nào đề xuất cá nhân; 2 = lệnh không chạy được."
    )]
    Awards(Opts),
}

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
struct Opts {
    #[command(flatten)]
    outline: super::OutlineArg,
    #[command(flatten)]
    roster: super::RosterArg,
    /// Số bốc thăm (mặc định 1): cùng số cho cùng kết quả; đổi số để bốc thăm lại (chỉ dùng cho survey)
    #[arg(long, default_value_t = 1, value_name = "N", hide_default_value = true)]
    seed: u64,
    /// Bảng tính kết quả sẽ ghi (.xlsx), có cột cuối để cán bộ ghi quyết định
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    output: Option<PathBuf>,
    /// Văn bản sẽ ghi (.docx): thông báo khảo sát, hoặc danh sách đề nghị khen thưởng
    #[arg(long, value_name = "TỆP")]
    docx: Option<PathBuf>,
    /// Ghi đè tệp đã có
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    format: super::FormatArg,
    /// Không hiện thanh tiến độ và thông báo đã ghi tệp (trên stderr)
    #[arg(short, long)]
    quiet: bool,
    /// Tệp báo cáo, tệp tổng hợp cấp dưới, hoặc thư mục chứa chúng (tìm cả thư mục con)
    #[arg(required = true, value_name = "ĐƯỜNG_DẪN")]
    paths: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome> {
    let (survey, opts) = match a.what {
        What::Survey(o) => (true, o),
        What::Awards(o) => (false, o),
    };
    let o = opts.outline.load()?;
    let roster = opts.roster.load(&o)?;
    let job = Job {
        paths: &opts.paths,
        roster: roster.as_ref(),
        seed: opts.seed,
        output: opts.output.as_deref(),
        docx: opts.docx.as_deref(),
        force: opts.force,
        quiet: opts.quiet,
    };
    let json = opts.format.format == Format::Json;
    let problems = if survey {
        let plan = run_survey(&o, &job)?;
        emit(&if json {
            format!("{}\n", serde_json::to_string_pretty(&plan)?)
        } else {
            survey_table(&plan)
        })?;
        !plan.short.is_empty()
    } else {
        let list = run_awards(&o, &job)?;
        emit(&if json {
            format!("{}\n", serde_json::to_string_pretty(&list)?)
        } else {
            awards_table(&list)
        })?;
        list.individuals.is_empty()
    };
    if !opts.quiet {
        for p in opts.output.iter().chain(&opts.docx) {
            eprintln!("Đã ghi tệp: {}", p.display());
        }
    }
    Ok(Outcome::from_problems(problems))
}
