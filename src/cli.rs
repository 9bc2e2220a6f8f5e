//! The command line: Vietnamese help, dispatch to `cmd::*`, one error printout, exit codes 0/1/2.

use crate::cmd;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

const TEMPLATE: &str = "{before-help}{about}\n\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "sokết",
    version,
    about = "sokết — công cụ cho đợt báo cáo sơ kết bằng bảng tính: tạo biểu mẫu, kiểm tra báo cáo, tổng hợp.",
    help_template = TEMPLATE,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    override_usage = "sokết <LỆNH> [TÙY CHỌN]",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Ví dụ:
  sokết demo -o demo                               # chạy thử cả đợt báo cáo với dữ liệu mẫu
  sokết status --roster danh-sach-don-vi.csv nhan-ve/   # đơn vị nào đã nộp, chưa nộp
  sokết check nhan-ve/                             # báo cáo nào cần sửa, sửa ô nào

Mã thoát: 0 = tốt; 1 = dữ liệu có lỗi; 2 = lệnh không chạy được.
Xem hướng dẫn một lệnh: sokết help <LỆNH> hoặc sokết <LỆNH> --help"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// In hướng dẫn
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Tùy chọn chung")]
    help: Option<bool>,
    /// In phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Tùy chọn chung")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// In đề cương: các mục, trường, khóa, kiểu, đơn vị, giới hạn, quy tắc
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết outline [--outline TỆP] [--format table|json]",
        after_help = "Ví dụ:
  sokết outline                                    # bảng các trường và quy tắc
  sokết outline --format json > de-cuong.json      # cho chương trình khác
  sokết outline --outline dot-sau.toml             # kiểm tra một tệp đề cương mới"
    )]
    Outline(cmd::outline::Args),
    /// Tạo biểu mẫu Excel để đơn vị điền
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết template [--outline TỆP] [-o TỆP] [--force]\n       sokết template --roster DANH_SÁCH [-o THƯ_MỤC] [--force] [--quiet]",
        after_help = "Ví dụ:
  sokết template                                   # ghi bieu-mau-so-ket.xlsx
  sokết template -o bieu-mau-so-ket.xlsx --force   # ghi đè tệp cũ
  sokết template --roster danh-sach-don-vi.csv -o bieu-mau/   # mỗi đơn vị một tệp, điền sẵn"
    )]
    Template(cmd::template::Args),
    /// Kiểm tra các báo cáo đơn vị gửi về và chỉ rõ chỗ cần sửa
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết check [--outline TỆP] [--format table|json] [--feedback THƯ_MỤC [--force]] [--roster DANH_SÁCH [--as-of NGÀY]] [--quiet] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết check nhan-ve/                             # mọi tệp trong thư mục (cả thư mục con)
  sokết check nhan-ve/ --feedback can-sua/         # thêm tệp “cần sửa” gửi lại đơn vị
  sokết check nhan-ve/ --roster danh-sach-don-vi.csv --as-of 30/4/2026   # thêm tình hình nộp"
    )]
    Check(cmd::check::Args),
    /// Tổng hợp các báo cáo (và tệp tổng hợp cấp dưới) thành tệp tổng hợp của tỉnh
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết merge [--outline TỆP] -o TỆP.xlsx [--force] [--format table|json] [--include-errors] [--roster DANH_SÁCH [--as-of NGÀY]] [--quiet] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết merge nhan-ve/ -o tong-hop.xlsx
  sokết merge nhan-ve/ -o tong-hop.xlsx --force --roster danh-sach-don-vi.csv --as-of 10/5/2026
  sokết merge nhan-ve/ -o tong-hop.xlsx --force --format json > tong-hop.json"
    )]
    Merge(cmd::merge::Args),
    /// In văn bản Word: báo cáo của đơn vị (một tệp) hoặc dự thảo báo cáo của cấp tổng hợp
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết report [--outline TỆP] [--roster DANH_SÁCH [--as-of NGÀY]] [--include-errors] [-o TỆP.docx] [--force] [--format table|json] [--quiet] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết report nhan-ve/cdcs-abc.xlsx -o bao-cao-cdcs-abc.docx   # báo cáo của một đơn vị
  sokết report nhan-ve/ -o du-thao-bao-cao.docx                 # dự thảo báo cáo của cấp tổng hợp
  sokết report nhan-ve/ --roster danh-sach-don-vi.csv --as-of 10/5/2026 -o du-thao.docx --force"
    )]
    Report(cmd::report::Args),
    /// Chạy thử toàn bộ một đợt báo cáo với dữ liệu mẫu
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết demo [-o THƯ_MỤC] [--units N] [--seed S] [--force]",
        after_help = "Ví dụ:
  sokết demo -o demo                               # chạy lại được: demo thay kết quả cũ của chính nó
  sokết demo -o demo-30 --units 30 --seed 7        # dữ liệu mẫu khác"
    )]
    Demo(cmd::demo::Args),
    /// Xem đơn vị nào đã nộp (đúng hạn, trễ hạn), chưa nộp, có lỗi, theo danh sách đơn vị
    #[command(
        help_template = TEMPLATE,
        override_usage = "sokết status [--outline TỆP] --roster DANH_SÁCH [--as-of NGÀY] [--format table|json] [--quiet] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết status --roster danh-sach-don-vi.csv nhan-ve/
  sokết status --roster danh-sach-don-vi.csv --as-of 30/4/2026 nhan-ve/
  sokết status --roster danh-sach-don-vi.csv --format json nhan-ve/ > nop.json"
    )]
    Status(cmd::status::Args),
    /// Sau khi tổng hợp: chọn đơn vị khảo sát (survey) và đề xuất khen thưởng (awards)
    #[command(
        help_template = TEMPLATE,
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "sokết select survey|awards [TÙY CHỌN] ĐƯỜNG_DẪN...",
        after_help = "Ví dụ:
  sokết select survey nhan-ve/ --roster danh-sach-don-vi.csv -o khao-sat.xlsx --docx thong-bao-khao-sat.docx
  sokết select awards nhan-ve/ -o khen-thuong.xlsx --docx de-nghi-khen-thuong.docx"
    )]
    Select(cmd::select::Args),
}

/// Parse, run, print the error chain once, map to the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(help_as_flag(std::env::args_os().collect())) {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    match dispatch(cli.command) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("lỗi: {}", cmd::error_text(&e));
            ExitCode::from(2)
        }
    }
}

/// `sokết help [LỆNH]` is `sokết [LỆNH] --help`.
fn help_as_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

fn dispatch(command: Command) -> anyhow::Result<cmd::Outcome> {
    match command {
        Command::Outline(a) => cmd::outline::run(a),
        Command::Template(a) => cmd::template::run(a),
        Command::Select(a) => cmd::select::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Merge(a) => cmd::merge::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Status(a) => cmd::status::run(a),
    }
}

fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::*;
    match e.kind() {
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("lỗi: {}", clap_message(&e));
            ExitCode::from(2)
        }
    }
}

/// clap's error in Vietnamese, naming the argument or value at fault.
fn clap_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind::*};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let what = match e.kind() {
        InvalidSubcommand => format!("không có lệnh “{}”", ctx(ContextKind::InvalidSubcommand)),
        UnknownArgument => format!("không có tham số “{arg}”"),
        MissingRequiredArgument => format!("thiếu tham số bắt buộc {arg}"),
        InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            let mut m = format!(
                "giá trị “{}” không hợp lệ cho {arg}",
                ctx(ContextKind::InvalidValue)
            );
            if !valid.is_empty() {
                m.push_str(&format!("; chọn một trong: {valid}"));
            }
            m
        }
        ValueValidation => format!(
            "giá trị “{}” không hợp lệ cho {arg}",
            ctx(ContextKind::InvalidValue)
        ),
        ArgumentConflict => format!("{arg} không dùng cùng với {}", ctx(ContextKind::PriorArg)),
        TooManyValues | NoEquals => format!("tham số thừa hoặc sai: {arg}"),
        MissingSubcommand => "thiếu tên lệnh".to_string(),
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    format!("{what}. Xem hướng dẫn: sokết --help hoặc sokết <LỆNH> --help")
}
