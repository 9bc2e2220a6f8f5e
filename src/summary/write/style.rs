//! Cell formats and page setup of the summary workbook: Times New Roman 12, thousands separators,
//! bordered tables, A4 landscape fitted to the page width with the header rows repeated.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

pub const FONT: &str = "Times New Roman";
const HEADER_FILL: u32 = 0xDDEBF7;
const SECTION_FILL: u32 = 0xEDEDED;
const BORDER: u32 = 0x808080;

/// How a figure prints; [`Num::code`] gives the number format of a known value, with literal
/// separators ("1.602", "81,1%") whatever the locale (see `workbook::numfmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// Whole numbers, negative ones with a minus.
    Int,
    /// A change: "+12", "-3", "0".
    Change,
    /// A ratio as a percentage: "81,1%".
    Pct,
    /// A change of a ratio: "+2,5%".
    PctChange,
}

impl Num {
    pub fn code(self, v: f64) -> String {
        use crate::workbook::numfmt::{int_format, pct_format};
        match self {
            Num::Int => int_format(v, false),
            Num::Change => int_format(v, true),
            Num::Pct => pct_format(v),
            Num::PctChange => {
                let p = pct_format(v.abs());
                match p.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                    Some(text) => format!("\"+{text}\";\"-{text}\";0%"),
                    None => "+0%;-0%;0%".to_string(),
                }
            }
        }
    }
}
pub const DATE: &str = "dd/mm/yyyy";
pub const DATETIME: &str = "dd/mm/yyyy hh:mm";

pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_align(FormatAlign::VerticalCenter)
}

fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin).set_border_color(BORDER)
}

pub fn title() -> Format {
    base()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

pub fn subtitle() -> Format {
    base()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

pub fn note() -> Format {
    base().set_italic().set_text_wrap()
}

pub fn header() -> Format {
    bordered(
        base()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_text_wrap()
            .set_background_color(HEADER_FILL),
    )
}

/// A section title spanning the table.
pub fn section() -> Format {
    bordered(
        base()
            .set_bold()
            .set_text_wrap()
            .set_background_color(SECTION_FILL),
    )
}

/// A heading inside a section.
pub fn heading() -> Format {
    bordered(base().set_bold().set_italic().set_text_wrap())
}

pub fn text() -> Format {
    bordered(base().set_text_wrap().set_align(FormatAlign::Top))
}

/// A label of the figure sheets: wrapped, vertically centred.
pub fn label() -> Format {
    bordered(base().set_text_wrap())
}

pub fn text_center() -> Format {
    bordered(base().set_align(FormatAlign::Center).set_text_wrap())
}

/// A figure cell with its number format.
pub fn figure(num_format: impl Into<String>) -> Format {
    bordered(
        base()
            .set_num_format(num_format.into())
            .set_align(FormatAlign::Right),
    )
}

pub fn bold_figure(num_format: impl Into<String>) -> Format {
    figure(num_format).set_bold()
}

/// A bordered empty cell.
pub fn empty() -> Format {
    bordered(base())
}

/// Lines needed to show `text` wrapped in a column `width` characters wide (greedy word wrap,
/// about one character of Times New Roman 12 per unit of column width).
pub fn lines_needed(text: &str, width: f64) -> f64 {
    let cap = (width - 1.0).max(1.0) as usize;
    text.split('\n')
        .map(|para| {
            let mut lines = 1;
            let mut used = 0;
            for word in para.split_whitespace() {
                let n = word.chars().count();
                if used == 0 {
                    used = n;
                } else if used + 1 + n <= cap {
                    used += 1 + n;
                } else {
                    lines += 1;
                    used = n;
                }
                // A word longer than the line breaks over several lines.
                while used > cap {
                    lines += 1;
                    used -= cap;
                }
            }
            lines as f64
        })
        .sum()
}

/// Height of a row whose tallest cell needs `lines` lines (capped: Excel allows 409 points).
pub fn height(lines: f64) -> f64 {
    (16.0 * lines + 2.0).clamp(18.0, 409.0)
}

/// A4 landscape, fitted to the page width, header rows repeated on every page, page numbers.
pub fn page_setup(ws: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<(), XlsxError> {
    page_frame(ws, repeat)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Column widths (in characters of the 12 pt default font) an A4 landscape page holds at full size
/// within the margins of [`page_frame`] (measured: LibreOffice prints 164 of them at 74 %).
pub const PAGE_WIDTH_CHARS: f64 = 121.0;
/// The smallest print size of a table's text, in points.
pub const MIN_PRINT_PT: f64 = 8.5;
/// The print size of a table's text printed in bands of columns, in points: a little above the
/// smallest, to hold more columns and rows on a page than at full size.
pub const BAND_PRINT_PT: f64 = 9.0;

/// Fitted to the page width when the table's text (`body_pt`) stays at least [`MIN_PRINT_PT`]
/// that way; otherwise printed in bands of columns with its text at [`BAND_PRINT_PT`], `keep` (the
/// label columns) repeated at the left of every page. `width`: the printed columns' widths, added up. Returns
/// whether it prints in bands.
pub fn fit_or_bands(
    ws: &mut Worksheet,
    repeat: Option<(u32, u32)>,
    keep: (u16, u16),
    width: f64,
    body_pt: f64,
) -> Result<bool, XlsxError> {
    let scale = (PAGE_WIDTH_CHARS / width).min(1.0);
    if body_pt * scale >= MIN_PRINT_PT {
        page_setup(ws, repeat)?;
        return Ok(false);
    }
    page_frame(ws, repeat)?;
    ws.set_print_scale((100.0 * BAND_PRINT_PT / body_pt).round().min(100.0) as u16);
    ws.set_repeat_columns(keep.0, keep.1)?;
    Ok(true)
}

/// A4 landscape, margins, header rows repeated, page numbers: everything of [`page_setup`] but the
/// fitting to the page width (a table too wide for it prints in bands of columns at full size).
pub fn page_frame(ws: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    // 12 pt: a sheet fitted to the page width shrinks its header and footer too
    ws.set_footer("&C&\"Times New Roman\"&12Trang &P/&N");
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// The page header of a printed table: the issuing body on the left, "Phụ lục n: sheet" on the
/// right, in Times New Roman 12 ("&" doubled as page headers need).
pub fn annex_header(issuing_body: &str, n: usize, sheet: &str) -> String {
    let esc = |t: &str| t.replace('&', "&&");
    let body: String = esc(issuing_body).chars().take(100).collect();
    format!(
        "&L&\"{FONT},Regular\"&12{body}&R&\"{FONT},Italic\"&12Phụ lục {n}: {}",
        esc(sheet)
    )
}
