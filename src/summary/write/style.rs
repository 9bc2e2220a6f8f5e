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

/// A4 landscape, margins, header rows repeated, page numbers: everything of [`page_setup`] but the
/// fitting to the page width (a table too wide for it prints in bands of columns at full size).
pub fn page_frame(ws: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// The page header of a printed table: the issuing body on the left, "Phụ lục n: sheet" on the
/// right, in Times New Roman 10 ("&" doubled as page headers need).
pub fn annex_header(issuing_body: &str, n: usize, sheet: &str) -> String {
    let esc = |t: &str| t.replace('&', "&&");
    let body: String = esc(issuing_body).chars().take(100).collect();
    format!(
        "&L&\"{FONT},Regular\"&10{body}&R&\"{FONT},Italic\"&10Phụ lục {n}: {}",
        esc(sheet)
    )
}
