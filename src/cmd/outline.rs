//! `sokết outline`: print the outline as a table or as JSON.

use super::{Format, Outcome};
use crate::form::describe::describe;
use crate::outline::Check;
use anyhow::Result;
use comfy_table::{ContentArrangement, Table};

#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Args {
    #[command(flatten)]
    outline: super::OutlineArg,
    #[command(flatten)]
    format: super::FormatArg,
}

pub fn run(a: Args) -> Result<Outcome> {
    let o = a.outline.load()?;
    let d = describe(&o);
    match a.format.format {
        Format::Json => super::emit(&format!("{}\n", serde_json::to_string_pretty(&d)?))?,
        Format::Table => {
            let mut text = format!(
                "Đề cương: {} — phiên bản {} ({})\n",
                o.campaign.name, o.campaign.version, o.campaign.id
            );
            text.push_str(&format!(
                "Hạn nộp của đơn vị: {}; hạn tổng hợp của tỉnh: {}\n",
                o.campaign.deadline_units.format("%d/%m/%Y"),
                o.campaign.deadline_province.format("%d/%m/%Y")
            ));
            let mut t = Table::new();
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_header(vec![
                "Mục",
                "Khóa",
                "Nội dung",
                "Kiểu",
                "Đơn vị",
                "Bắt buộc",
                "Giới hạn",
                "Ô",
            ]);
            for (f, e) in o.fields.iter().zip(&d.fields) {
                let bounds = match (f.min, f.max) {
                    (Some(a), Some(b)) => format!("{a} – {b}"),
                    (Some(a), None) => format!("≥ {a}"),
                    (None, Some(b)) => format!("≤ {b}"),
                    (None, None) => String::new(),
                };
                let req = if f.required {
                    "có"
                } else if let Some(k) = &f.only_if {
                    &format!("nếu {k} là Có")
                } else {
                    ""
                };
                t.add_row(vec![
                    f.section_id.clone(),
                    f.key.clone(),
                    f.label.clone(),
                    f.ty.label_vi().to_string(),
                    f.unit.clone(),
                    req.to_string(),
                    bounds,
                    e.cell.clone(),
                ]);
            }
            text.push_str(&format!("{t}\n"));
            let mut r = Table::new();
            r.set_content_arrangement(ContentArrangement::Dynamic);
            r.set_header(vec!["Quy tắc", "Điều kiện", "Mức độ", "Thông báo"]);
            for rule in &o.rules {
                let cond = match &rule.check {
                    Check::Compare { left, op, right } => {
                        format!("{} {op} {}", left.text, right.text)
                    }
                    Check::Ratio {
                        numerator,
                        denominator,
                        min,
                        max,
                    } => format!(
                        "({}) / ({}) trong [{}; {}]",
                        numerator.text,
                        denominator.text,
                        min.map(|v| v.to_string()).unwrap_or("-∞".into()),
                        max.map(|v| v.to_string()).unwrap_or("+∞".into())
                    ),
                };
                let sev = match rule.severity {
                    crate::outline::Severity::Error => "lỗi",
                    crate::outline::Severity::Warning => "cảnh báo",
                };
                r.add_row(vec![
                    rule.id.clone(),
                    cond,
                    sev.to_string(),
                    rule.message.clone(),
                ]);
            }
            text.push_str(&format!("{r}\n"));
            super::emit(&text)?;
        }
    }
    Ok(Outcome::Ok)
}
