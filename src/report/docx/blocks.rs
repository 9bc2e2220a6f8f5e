//! The body: headings, paragraphs, bullet lines, centred titles and notes, tables in the
//! administrative style, pictures, page breaks.

use docx_rs::{
    AlignmentType, BreakType, Paragraph, Pic, Run, SpecialIndentType, Table as DTable, TableCell,
    TableRow, VAlignType, WidthType,
};

use super::measure;
use super::page::{self, BODY, SIZE_12, body, para, run, span_run};
use super::{Align, Block, Picture, Span, Table};

/// What a block becomes in the document.
#[allow(clippy::large_enum_variant)] // a few per block, moved once
pub enum Part {
    P(Paragraph),
    T(DTable),
}

/// The parts of one block; `pics` numbers the pictures of the document (their relationship ids).
pub fn block(b: &Block, pics: &mut usize) -> Vec<Part> {
    match b {
        Block::Heading(level, text) => {
            let r = run(text, BODY).bold();
            let r = if *level >= 3 { r.italic() } else { r };
            vec![Part::P(
                body(BODY)
                    .keep_next(true)
                    .line_spacing(page::spacing(
                        if *level == 1 { 120 } else { 60 },
                        page::AFTER,
                    ))
                    .add_run(r),
            )]
        }
        Block::Paragraph(spans) => vec![Part::P(spans_into(body(BODY), spans, BODY))],
        Block::Bullet(spans) => {
            let p = body(BODY).add_run(run("- ", BODY));
            vec![Part::P(spans_into(p, spans, BODY))]
        }
        Block::SubBullet(spans) => {
            let p = body(BODY)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(2 * page::FIRST_LINE)),
                    None,
                    None,
                )
                .add_run(run("+ ", BODY));
            vec![Part::P(spans_into(p, spans, BODY))]
        }
        Block::Title(spans) => {
            let bold: Vec<Span> = spans
                .iter()
                .map(|s| match s.kind {
                    super::SpanKind::Plain => Span::bold(s.text.clone()),
                    _ => s.clone(),
                })
                .collect();
            let p = para(AlignmentType::Center, BODY)
                .keep_next(true)
                .line_spacing(page::spacing(120, 60));
            vec![Part::P(spans_into(p, &bold, BODY))]
        }
        Block::Note(spans) => {
            let it: Vec<Span> = spans
                .iter()
                .map(|s| match s.kind {
                    super::SpanKind::Plain => Span::italic(s.text.clone()),
                    _ => s.clone(),
                })
                .collect();
            let p = para(AlignmentType::Center, page::SIZE_13).line_spacing(page::spacing(0, 120));
            vec![Part::P(spans_into(p, &it, page::SIZE_13))]
        }
        Block::Table(t) => vec![
            Part::T(table(t)),
            Part::P(para(AlignmentType::Left, BODY).size(8)),
        ],
        Block::Picture(p) => {
            *pics += 1;
            picture(p, *pics)
        }
        Block::PageBreak => vec![Part::P(
            Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
        )],
    }
}

fn spans_into(mut p: Paragraph, spans: &[Span], size: usize) -> Paragraph {
    for s in spans {
        p = p.add_run(span_run(s, size));
    }
    p
}

/// Cell margins left and right (Word's default 0.19 cm each) and a little slack: what a column
/// needs beyond its longest word.
const CELL_PAD: u32 = 2 * 108 + 40;

/// The narrowest each column may be: its longest word, header (bold) and rows alike.
fn minimums(t: &Table) -> Vec<u32> {
    let n = t.widths.len();
    let mut mins = vec![0u32; n];
    for (i, h) in t.head.iter().enumerate().take(n) {
        mins[i] = mins[i].max(measure::longest_word(h, SIZE_12, true));
    }
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate().take(n) {
            for s in &c.spans {
                mins[i] = mins[i].max(measure::longest_word(&s.text, SIZE_12, r.total));
            }
        }
    }
    mins.iter().map(|&m| m + CELL_PAD).collect()
}

/// Column widths in twips summing to the text width: shared in proportion to the relative
/// widths, except that no column is narrower than `mins` (its longest word), the others giving
/// up the room. When even the minimums do not fit, they are shared in proportion.
fn grid(widths: &[u32], mins: &[u32]) -> Vec<usize> {
    let total = page::TEXT_W as u64;
    let weights: Vec<u64> = widths.iter().map(|&w| w.max(1) as u64).collect();
    let mins: Vec<u64> = (0..weights.len())
        .map(|i| mins.get(i).copied().unwrap_or(0) as u64)
        .collect();
    let mut out: Vec<u64>;
    if mins.iter().sum::<u64>() >= total {
        let sum = mins.iter().sum::<u64>().max(1);
        out = mins.iter().map(|m| m * total / sum).collect();
    } else {
        let mut fixed = vec![false; weights.len()];
        loop {
            let free = total
                - (0..mins.len())
                    .filter(|&i| fixed[i])
                    .map(|i| mins[i])
                    .sum::<u64>();
            let wsum: u64 = (0..weights.len())
                .filter(|&i| !fixed[i])
                .map(|i| weights[i])
                .sum();
            out = (0..weights.len())
                .map(|i| {
                    if fixed[i] {
                        mins[i]
                    } else {
                        weights[i] * free / wsum.max(1)
                    }
                })
                .collect();
            let short: Vec<usize> = (0..out.len())
                .filter(|&i| !fixed[i] && out[i] < mins[i])
                .collect();
            if short.is_empty() {
                break;
            }
            for i in short {
                fixed[i] = true;
            }
        }
    }
    let used: u64 = out.iter().sum();
    if let Some(i) = (0..out.len())
        .rev()
        .find(|&i| out[i] > mins[i])
        .or(out.len().checked_sub(1))
    {
        out[i] = (out[i] + total).saturating_sub(used);
    }
    out.into_iter().map(|w| w as usize).collect()
}

fn table_cell(width: usize, p: Paragraph) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(p)
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// docx-rs cannot mark a header row (`w:tblHeader`): a header row carries this height (1 twip,
/// at least: no effect on its own), which [`super::pack`] turns into the mark, so the header row
/// is repeated at the top of every page a table runs onto.
pub const HEADER_MARK: f32 = 1.0;

/// A table of at most this many rows is kept on one page, as a whole, with its title.
pub const KEEP_WHOLE: usize = 10;

/// A table: thin black borders, 12 pt, the header row bold and centred, total rows bold. A short
/// table is kept whole: each of its rows but the last keeps with the next.
fn table(t: &Table) -> DTable {
    let g = grid(&t.widths, &minimums(t));
    let whole = t.rows.len() <= KEEP_WHOLE;
    let tight = || page::spacing(40, 40);
    let mut rows = Vec::new();
    if !t.head.is_empty() {
        let cells = t
            .head
            .iter()
            .zip(&g)
            .map(|(h, &w)| {
                let p = para(AlignmentType::Center, SIZE_12)
                    .keep_next(true)
                    .line_spacing(tight())
                    .add_run(run(h, SIZE_12).bold());
                table_cell(w, p)
            })
            .collect();
        rows.push(
            TableRow::new(cells)
                .cant_split()
                .row_height(HEADER_MARK)
                .height_rule(docx_rs::HeightRule::AtLeast),
        );
    }
    for (i, r) in t.rows.iter().enumerate() {
        let keep = whole && i + 1 < t.rows.len();
        let cells = r
            .cells
            .iter()
            .zip(&g)
            .map(|(c, &w)| {
                let mut p = para(align(c.align), SIZE_12).line_spacing(tight());
                // docx-rs writes keepNext for `keep_next(false)` too
                if keep {
                    p = p.keep_next(true);
                }
                for s in &c.spans {
                    let run = span_run(s, SIZE_12);
                    p = p.add_run(if r.total { run.bold() } else { run });
                }
                table_cell(w, p)
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    DTable::new(rows)
        .set_grid(g)
        .width(page::TEXT_W as usize, WidthType::Dxa)
        .layout(docx_rs::TableLayoutType::Fixed)
}

/// EMUs per pixel at 96 dpi, per twip.
const EMU_PX: u64 = 9525;
const EMU_TWIP: u64 = 635;

fn picture(p: &Picture, n: usize) -> Vec<Part> {
    let max_w = page::TEXT_W as u64 * EMU_TWIP;
    let (mut w, mut h) = (p.width_px as u64 * EMU_PX, p.height_px as u64 * EMU_PX);
    if w > max_w {
        h = h * max_w / w;
        w = max_w;
    }
    let pic = Pic::new_with_dimensions(p.png.clone(), p.width_px, p.height_px)
        .id(format!("rIdImage{n}"))
        .size(w as u32, h as u32);
    let mut out = vec![Part::P(
        para(AlignmentType::Center, BODY)
            .keep_next(true)
            .line_spacing(page::spacing(120, 0))
            .add_run(Run::new().add_image(pic)),
    )];
    if !p.caption.is_empty() {
        let note = Block::Note(vec![Span::text(p.caption.clone())]);
        let mut none = 0;
        out.extend(block(&note, &mut none));
    }
    out
}
