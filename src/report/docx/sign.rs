//! The foot of the document: "Nơi nhận:" with its recipients on the left and the signer on the
//! right (authority and position in bold capitals, room for the signature and seal, the name).

use docx_rs::{AlignmentType, Table, TableCell, TableRow, VAlignType, WidthType};

use super::Signature;
use super::page::{self, BODY, SIZE_11, SIZE_12, para, run};

const LEFT_COL: u32 = 4254;
const RIGHT_COL: u32 = page::TEXT_W - LEFT_COL;
/// Room for the signature and the seal: about 3 cm above the name.
const ROOM: u32 = 1700;
/// Printed where the signer's name is not known, to be filled in.
pub const NAME_BLANK: &str = "……………………";

pub const RECEIVERS: &str = "Nơi nhận:";

pub fn block(sig: &Signature, recipients: &[String]) -> Table {
    let mut left = TableCell::new()
        .width(LEFT_COL as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .clear_all_border()
        .add_paragraph(
            para(AlignmentType::Left, SIZE_12).add_run(run(RECEIVERS, SIZE_12).bold().italic()),
        );
    for r in recipients {
        left = left.add_paragraph(
            para(AlignmentType::Left, SIZE_11).add_run(run(&format!("- {r}"), SIZE_11)),
        );
    }
    let c = AlignmentType::Center;
    let mut right = TableCell::new()
        .width(RIGHT_COL as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .clear_all_border();
    for line in &sig.lines {
        right = right.add_paragraph(para(c, BODY).add_run(run(&line.to_uppercase(), BODY).bold()));
    }
    let name = para(c, BODY).line_spacing(page::spacing(ROOM, 0));
    let name = match &sig.name {
        Some(n) => name.add_run(run(n, BODY).bold()),
        None => name.add_run(run(NAME_BLANK, BODY).bold().highlight("yellow")),
    };
    right = right.add_paragraph(name);
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(vec![LEFT_COL as usize, RIGHT_COL as usize])
        .width(page::TEXT_W as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
        .clear_all_border()
}
