//! The top of the first page: the borderless two-column header (bodies and number on the left,
//! the national title, motto, place and date on the right) and the document type with its summary.

use docx_rs::{AlignmentType, Paragraph, Table, TableCell, TableRow, VAlignType, WidthType};

use super::Header;
use super::page::{self, BODY, SIZE_12, SIZE_13, para, rule, run};
use crate::value::decree_date;

/// Left column and right column widths (twips); together the text width.
const LEFT_COL: u32 = 3600;
const RIGHT_COL: u32 = page::TEXT_W - LEFT_COL;
/// Default cell margins (0.19 cm each side) are left as they are: the usable width is narrower.
const CELL_PAD: u32 = 216;

pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// Printed where no date is given, to be filled in by hand.
pub const DATE_BLANK: &str = "ngày …… tháng …… năm ……";

fn cell(width: u32, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .clear_all_border();
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The header table: row 1 the two titles with their rules, row 2 the number and the date.
pub fn header(h: &Header) -> Table {
    let c = AlignmentType::Center;
    let mut left = Vec::new();
    if !h.upper_body.is_empty() {
        left.push(para(c, SIZE_13).add_run(run(&h.upper_body.to_uppercase(), SIZE_13)));
    }
    left.push(para(c, SIZE_13).add_run(run(&h.issuing_body.to_uppercase(), SIZE_13).bold()));
    left.push(rule(LEFT_COL - CELL_PAD, (LEFT_COL - CELL_PAD) / 3));
    let right = vec![
        para(c, SIZE_12).add_run(run(NATION, SIZE_12).bold()),
        para(c, SIZE_13).add_run(run(MOTTO, SIZE_13).bold()),
        rule(RIGHT_COL - CELL_PAD, 3560),
    ];
    let number = para(c, SIZE_13)
        .line_spacing(page::spacing(120, 0))
        .add_run(run(&h.number, SIZE_13));
    let date = para(c, SIZE_13).line_spacing(page::spacing(120, 0));
    let date = match h.date {
        Some(d) => date.add_run(run(&format!("{}, {}", h.place, decree_date(d)), SIZE_13).italic()),
        None => date
            .add_run(run(&format!("{}, ", h.place), SIZE_13).italic())
            .add_run(run(DATE_BLANK, SIZE_13).italic().highlight("yellow")),
    };
    let rows = vec![
        TableRow::new(vec![cell(LEFT_COL, left), cell(RIGHT_COL, right)]),
        TableRow::new(vec![
            cell(LEFT_COL, vec![number]),
            cell(RIGHT_COL, vec![date]),
        ]),
    ];
    Table::without_borders(rows)
        .set_grid(vec![LEFT_COL as usize, RIGHT_COL as usize])
        .width(page::TEXT_W as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .clear_all_border()
}

/// The document type in bold capitals, the summary lines in bold, a short rule under them.
pub fn title(kind: &str, summary: &[String]) -> Vec<Paragraph> {
    let c = AlignmentType::Center;
    let mut out = vec![
        para(c, BODY)
            .line_spacing(page::spacing(480, 0))
            .add_run(run(&kind.to_uppercase(), BODY).bold()),
    ];
    for line in summary {
        out.push(para(c, BODY).add_run(run(line, BODY).bold()));
    }
    out.push(rule(page::TEXT_W, 1800));
    out.push(para(c, BODY).line_spacing(page::spacing(0, 120)));
    out
}
