//! The selections' workbooks: one table per sheet, contacts from the roster, the last column left
//! for the officer's decision; the same selection always gives the same bytes.

use super::awards::Shortlist;
use super::survey::SurveyPlan;
use super::{Who, contact};
use crate::outline::Outline;
use crate::outline::select::Survey;
use crate::roster::RosterUnit;
use crate::summary::write::style;
use anyhow::Result;
use rust_xlsxwriter::{DocProperties, Workbook};

/// Heading of the column the officer fills in.
pub const DECISION: &str = "Quyết định của cán bộ (ghi Đồng ý / Không)";

enum Cell {
    Text(String),
    Num(f64, &'static str),
    Empty,
}

struct Sheet {
    name: String,
    title: String,
    note: String,
    /// Heading and width of each column.
    columns: Vec<(String, f64)>,
    rows: Vec<Vec<Cell>>,
    /// Lines under the table.
    after: Vec<String>,
}

const HEAD: u32 = 3;

fn write_sheet(wb: &mut Workbook, s: &Sheet) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(&s.name)?;
    let last = s.columns.len().saturating_sub(1) as u16;
    ws.merge_range(0, 0, 0, last, &s.title, &style::title())?;
    ws.set_row_height(0, 36)?;
    ws.merge_range(1, 0, 1, last, &s.note, &style::subtitle())?;
    ws.set_row_height(1, 34)?;
    let head = style::header();
    for (c, (h, w)) in s.columns.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, h, &head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(HEAD, 64)?;
    let text = style::text();
    let mut row = HEAD + 1;
    for r in &s.rows {
        let mut lines: f64 = 1.0;
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(t) => {
                    ws.write_string_with_format(row, col, t, &text)?;
                    lines = lines.max(style::lines_needed(t, s.columns[c].1));
                }
                Cell::Num(n, f) => {
                    ws.write_number_with_format(row, col, *n, &style::figure(*f))?;
                }
                Cell::Empty => {
                    ws.write_blank(row, col, &style::empty())?;
                }
            }
        }
        ws.set_row_height(row, style::height(lines))?;
        row += 1;
    }
    if !s.rows.is_empty() {
        ws.autofilter(HEAD, 0, row - 1, last)?;
    }
    row += 1;
    for line in &s.after {
        ws.merge_range(row, 0, row, last, line, &style::note())?;
        ws.set_row_height(row, 20)?;
        row += 1;
    }
    ws.set_freeze_panes(HEAD + 1, 0)?;
    style::page_setup(ws, Some((HEAD, HEAD)))?;
    Ok(())
}

fn book(o: &Outline, title: &str, sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    wb.set_default_format(&style::base(), 20, 64)?;
    for s in sheets {
        write_sheet(&mut wb, s)?;
    }
    // A fixed creation date keeps the bytes the same for the same selection.
    let props = DocProperties::new()
        .set_title(title)
        .set_subject(o.campaign.plan.clone())
        .set_author(o.document.issuing_body.clone())
        .set_creation_datetime(&o.campaign.deadline_province);
    wb.set_properties(&props);
    Ok(wb.save_to_buffer()?)
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// Contact columns: person, phone, e-mail (empty without a roster or a row).
fn contacts(roster: &[RosterUnit], who: &Who) -> [Cell; 3] {
    match contact(roster, who) {
        Some(r) => [t(&r.contact), t(&r.phone), t(&r.email)],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

/// The survey workbook: picks then reserves, each with its reason and contacts.
pub fn survey(
    o: &Outline,
    s: &Survey,
    plan: &SurveyPlan,
    roster: &[RosterUnit],
) -> Result<Vec<u8>> {
    let mut rows = Vec::new();
    let listed = plan
        .picks
        .iter()
        .map(|p| (p, "Chọn"))
        .chain(plan.reserves.iter().map(|p| (p, "Dự bị")));
    for (i, (p, role)) in listed.enumerate() {
        let mut r = vec![
            Cell::Num((i + 1) as f64, "0"),
            t(&p.stratum),
            t(role),
            t(&p.who.unit_code),
            t(&p.who.unit_name),
            t(&p.who.unit_type),
            t(&p.who.parent),
            t(&p.reason),
        ];
        r.extend(contacts(roster, &p.who));
        r.push(Cell::Empty);
        rows.push(r);
    }
    let after = plan
        .short
        .iter()
        .map(|x| {
            format!(
                "Nhóm “{}” thiếu đơn vị: cần {}, chỉ có {} đơn vị; không lấy bù từ nhóm khác.",
                x.stratum, x.wanted, x.available
            )
        })
        .collect();
    let sheet = Sheet {
        name: "Khảo sát".into(),
        title: "DANH SÁCH ĐƠN VỊ ĐỀ XUẤT KHẢO SÁT".into(),
        note: format!(
            "{} Thời gian: từ {} đến {}. Số bốc thăm: {}.",
            s.purpose,
            s.start.format("%d/%m/%Y"),
            s.end.format("%d/%m/%Y"),
            plan.seed
        ),
        columns: vec![
            ("STT".into(), 5.0),
            ("Nhóm".into(), 22.0),
            ("Chọn/Dự bị".into(), 9.0),
            ("Mã đơn vị".into(), 10.0),
            ("Tên đơn vị".into(), 30.0),
            ("Loại hình".into(), 20.0),
            ("Cấp trên".into(), 20.0),
            ("Lý do chọn".into(), 45.0),
            ("Người liên hệ".into(), 18.0),
            ("Điện thoại".into(), 13.0),
            ("Email".into(), 20.0),
            (DECISION.into(), 18.0),
        ],
        rows,
        after,
    };
    book(o, "Danh sách đơn vị khảo sát", &[sheet])
}

/// The awards workbook: collectives with every indicator and weight, the individuals nominated, and
/// how the score is computed.
pub fn awards(o: &Outline, list: &Shortlist, roster: &[RosterUnit]) -> Result<Vec<u8>> {
    let mut columns: Vec<(String, f64)> = vec![
        ("Hạng".into(), 6.0),
        ("Mã đơn vị".into(), 10.0),
        ("Tên đơn vị".into(), 30.0),
        ("Cấp trên".into(), 20.0),
        ("Điểm (0–100)".into(), 9.0),
    ];
    for w in &list.weights {
        columns.push((
            format!(
                "{} (trọng số {})",
                w.label,
                crate::value::format_vi(w.weight)
            ),
            14.0,
        ));
    }
    columns.extend([
        ("Đề xuất".into(), 9.0),
        ("Người liên hệ".into(), 18.0),
        ("Điện thoại".into(), 13.0),
        (DECISION.into(), 18.0),
    ]);
    let rows = list
        .collectives
        .iter()
        .map(|c| {
            let who = Who {
                unit_code: c.unit_code.clone(),
                unit_name: c.unit_name.clone(),
                unit_type: c.unit_type.clone(),
                parent: c.parent.clone(),
            };
            let mut r = vec![
                Cell::Num(c.rank as f64, "0"),
                t(&c.unit_code),
                t(&c.unit_name),
                t(&c.parent),
                Cell::Num(c.score, "0.00"),
            ];
            for w in &list.weights {
                r.push(match c.indicators.get(&w.key).copied().flatten() {
                    Some(v) => Cell::Num(v, "#,##0.00"),
                    None => Cell::Empty,
                });
            }
            r.push(if c.proposed {
                t("Đề xuất")
            } else {
                Cell::Empty
            });
            let [person, phone, _] = contacts(roster, &who);
            r.extend([person, phone, Cell::Empty]);
            r
        })
        .collect();
    let collectives = Sheet {
        name: "Tập thể".into(),
        title: "XẾP HẠNG TẬP THỂ ĐỂ ĐỀ XUẤT KHEN THƯỞNG".into(),
        note: format!(
            "Các đơn vị đã tổng hợp, không có lỗi, xếp theo điểm; {} đơn vị đầu được đề xuất. Cán bộ quyết định ở cột cuối.",
            list.collectives.iter().filter(|c| c.proposed).count()
        ),
        columns,
        rows,
        after: Vec::new(),
    };
    let people = Sheet {
        name: "Cá nhân".into(),
        title: "CÁ NHÂN ĐƯỢC ĐƠN VỊ ĐỀ XUẤT KHEN THƯỞNG".into(),
        note: "Xếp theo điểm của đơn vị đề xuất, rồi theo số báo cáo cùng đề xuất một người. Cán bộ quyết định ở cột cuối.".into(),
        columns: vec![
            ("Hạng".into(), 6.0),
            ("Họ và tên".into(), 22.0),
            ("Chức vụ, đơn vị công tác".into(), 28.0),
            ("Thành tích".into(), 45.0),
            ("Đơn vị đề xuất".into(), 28.0),
            ("Điểm đơn vị".into(), 9.0),
            ("Số báo cáo đề xuất".into(), 10.0),
            ("Đề xuất".into(), 9.0),
            (DECISION.into(), 18.0),
        ],
        rows: list
            .individuals
            .iter()
            .map(|p| {
                vec![
                    Cell::Num(p.rank as f64, "0"),
                    t(&p.name),
                    t(&p.position),
                    t(&p.achievement),
                    t(&p.unit_name),
                    p.unit_score.map_or(Cell::Empty, |s| Cell::Num(s, "0.00")),
                    Cell::Num(p.nominations as f64, "0"),
                    if p.proposed { t("Đề xuất") } else { Cell::Empty },
                    Cell::Empty,
                ]
            })
            .collect(),
        after: if list.individuals.is_empty() {
            vec!["Không có báo cáo nào đề xuất cá nhân.".into()]
        } else {
            Vec::new()
        },
    };
    let how = Sheet {
        name: "Cách tính điểm".into(),
        title: "CÁCH TÍNH ĐIỂM TẬP THỂ".into(),
        note: "Mỗi chỉ tiêu quy về 0–1 (đơn vị thấp nhất 0, cao nhất 1; thiếu số liệu tính 0), nhân trọng số, cộng lại và quy về thang 100.".into(),
        columns: vec![
            ("Mã chỉ tiêu".into(), 16.0),
            ("Chỉ tiêu".into(), 50.0),
            ("Trọng số".into(), 10.0),
        ],
        rows: list
            .weights
            .iter()
            .map(|w| vec![t(&w.key), t(&w.label), Cell::Num(w.weight, "#,##0.##")])
            .collect(),
        after: Vec::new(),
    };
    book(o, "Đề xuất khen thưởng", &[collectives, people, how])
}
