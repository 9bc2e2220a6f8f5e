//! `sokết demo`: the whole campaign on sample data in one command, printing what it runs and where files are.

use super::Outcome;
use crate::demo::folder;
use crate::demo::run::{
    self, AWARDS, AWARDS_DOCX, DRAFT_REPORT, FEEDBACK, FORMS, RETURNS, ROSTER, SUMMARY, SURVEY,
    SURVEY_DOCX, UNIT_REPORT,
};
use crate::demo::steps::steps;
use crate::outline::Outline;
use anyhow::{Result, bail};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    /// Thư mục ghi dữ liệu mẫu và kết quả (mặc định: demo)
    #[arg(short = 'o', long = "output", value_name = "THƯ_MỤC")]
    output: Option<PathBuf>,
    /// Số đơn vị trong danh sách mẫu (mặc định: 60)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 60,
        hide_default_value = true
    )]
    units: usize,
    /// Hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu (mặc định: 2026)
    #[arg(
        long,
        value_name = "S",
        default_value_t = 2026,
        hide_default_value = true
    )]
    seed: u64,
    /// Ghi vào một thư mục không do demo tạo, đè lên các tệp trùng tên (thư mục demo đã tạo thì không cần)
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args) -> Result<Outcome> {
    if a.units < 10 {
        bail!("cần ít nhất 10 đơn vị cho dữ liệu mẫu (--units)");
    }
    let o = Outline::embedded();
    let dir = a.output.unwrap_or_else(run::default_dir);
    // Before anything is printed: a folder demo did not write is refused; its own earlier output goes.
    let claim = folder::claim(&dir, a.force)?;
    println!(
        "Dữ liệu mẫu: {} đơn vị, hạt giống {}, thư mục {}",
        a.units,
        a.seed,
        dir.display()
    );
    let p = run::prepare(&o, &dir, a.units, a.seed, a.force)?;
    let plan = run::plan();
    println!(
        "Đã tạo danh sách đơn vị và {} báo cáo mẫu: {} đơn vị chưa nộp, {} báo cáo có lỗi cố ý, 1 báo cáo nộp trễ ({}), 1 đơn vị gửi hai lần ({}), {} {}.",
        p.returns,
        p.missing.len(),
        p.mistakes.len(),
        p.late.as_deref().unwrap_or("-"),
        p.duplicate.as_deref().unwrap_or("-"),
        p.ward_units,
        plan.ward_returns
    );
    for (n, step) in steps(&o, &dir, a.force, p.sample.as_deref())
        .iter()
        .enumerate()
    {
        println!(
            "\n=== Bước {}: {}\n$ sokết {}",
            n + 1,
            step.caption,
            step.line.join(" ")
        );
        match step.run(&o) {
            Ok(false) => println!("(xong)"),
            Ok(true) => println!("(xong — có số liệu cần xử lý, đúng như dữ liệu mẫu đã cài)"),
            Err(e) => println!("lỗi: {}", super::error_text(&e)),
        }
    }
    let at = |s: &str| dir.join(s).display().to_string();
    println!("\nCác tệp đã tạo:");
    println!("  Danh sách đơn vị:            {}", at(ROSTER));
    println!("  Biểu mẫu từng đơn vị:        {}/", at(FORMS));
    println!("  Báo cáo gửi về tỉnh:         {}/", at(RETURNS));
    println!("  {}: {}/", plan.ward_listing, at(&plan.ward_folder));
    println!("  Tệp “cần sửa” gửi lại đơn vị: {}/", at(FEEDBACK));
    println!("  Bảng tổng hợp toàn tỉnh:     {}", at(SUMMARY));
    if p.sample.is_some() {
        println!("  Báo cáo của một đơn vị:      {}", at(UNIT_REPORT));
    }
    println!("  Dự thảo báo cáo toàn tỉnh:   {}", at(DRAFT_REPORT));
    if o.select.survey.is_some() {
        println!("  Đơn vị khảo sát:             {}", at(SURVEY));
        println!("  Thông báo khảo sát:          {}", at(SURVEY_DOCX));
    }
    if o.select.awards.is_some() {
        println!("  Đề xuất khen thưởng:         {}", at(AWARDS));
        println!("  Danh sách đề nghị khen thưởng: {}", at(AWARDS_DOCX));
    }
    claim.finish()?;
    Ok(Outcome::Ok)
}
