//! The page and type of Decree 30/2020/NĐ-CP: A4 portrait, margins, Times New Roman, sizes, and
//! the runs and paragraphs every part of the document is made of.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType,
};

use super::{Span, SpanKind};

/// A4 in twips (1/20 pt).
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
/// Margins: top and bottom 20 mm, left 30 mm, right 15 mm (1 mm = 56.7 twips).
pub const TOP: i32 = 1134;
pub const BOTTOM: i32 = 1134;
pub const LEFT: i32 = 1701;
pub const RIGHT: i32 = 851;
/// The page number sits 10 mm from the top edge, in the top margin.
pub const HEADER_DIST: i32 = 567;
/// The width between the margins.
pub const TEXT_W: u32 = PAGE_W - LEFT as u32 - RIGHT as u32;

pub const FONT: &str = "Times New Roman";
/// Sizes in half-points.
pub const BODY: usize = 28; // 14 pt
pub const SIZE_13: usize = 26;
pub const SIZE_12: usize = 24;
pub const SIZE_11: usize = 22;
/// First-line indent of the body: 1.27 cm.
pub const FIRST_LINE: i32 = 720;
/// 6 pt after each body paragraph.
pub const AFTER: u32 = 120;

pub fn margins() -> PageMargin {
    PageMargin::new()
        .top(TOP)
        .bottom(BOTTOM)
        .left(LEFT)
        .right(RIGHT)
        .header(HEADER_DIST)
        .footer(HEADER_DIST)
        .gutter(0)
}

pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run in Times New Roman of `size` half-points.
pub fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts()).size(size)
}

/// A span as a run of `size` half-points.
pub fn span_run(s: &Span, size: usize) -> Run {
    let r = run(&s.text, size);
    match s.kind {
        SpanKind::Plain => r,
        SpanKind::Bold => r.bold(),
        SpanKind::Italic => r.italic(),
        SpanKind::Blank => r.highlight("yellow"),
        SpanKind::Flagged => r
            .bold()
            .color("C00000")
            .underline("single")
            .highlight("yellow"),
    }
}

/// Line spacing: single, `before` and `after` in twips.
pub fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(before)
        .after(after)
}

/// A paragraph with the page's font on its mark, aligned, single-spaced, no space around.
pub fn para(align: AlignmentType, size: usize) -> Paragraph {
    Paragraph::new()
        .align(align)
        .fonts(fonts())
        .size(size)
        .line_spacing(spacing(0, 0))
}

/// A body paragraph: justified, first-line indent, 6 pt after, line spacing 1.15.
pub fn body(size: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .fonts(fonts())
        .size(size)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(276)
                .before(0)
                .after(AFTER),
        )
}

/// A horizontal rule `width` twips long, centred in a column `column` twips wide: an empty,
/// 2 pt high paragraph with a top border, indented on both sides.
pub fn rule(column: u32, width: u32) -> Paragraph {
    let side = (column.saturating_sub(width) / 2) as i32;
    let border = ParagraphBorder::new(ParagraphBorderPosition::Top)
        .val(BorderType::Single)
        .size(6)
        .space(0)
        .color("000000");
    Paragraph::new()
        .size(4)
        .fonts(fonts())
        .indent(Some(side), None, Some(side), None)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(40)
                .before(0)
                .after(0),
        )
        .set_borders(ParagraphBorders::with_empty().set(border))
}
