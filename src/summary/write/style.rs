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

/// How a table prints: fitted to the page width, or in bands of columns (the first column of
/// each band after the first).
#[derive(Debug, Clone, PartialEq)]
pub enum Print {
    Fit,
    Bands(Vec<u16>),
}

impl Print {
    /// The last column titles and notes are merged up to: the table's last when it is fitted;
    /// the last label column (`keep_last`) when it prints in bands, since the label columns are
    /// repeated on every page and would otherwise print a cut piece of them on every band.
    pub fn title_last_col(&self, last_col: u16, keep_last: u16) -> u16 {
        match self {
            Print::Fit => last_col,
            Print::Bands(_) => keep_last,
        }
    }
}

/// Fitted to the page width when the table's text (`body_pt`) stays at least [`MIN_PRINT_PT`]
/// that way; otherwise in bands of columns with its text at [`BAND_PRINT_PT`], the first `keep`
/// columns (the labels) repeated on every page. `widths`: every printed column's width.
pub fn plan_print(widths: &[f64], keep: usize, body_pt: f64) -> Print {
    let total: f64 = widths.iter().sum();
    if body_pt * (PAGE_WIDTH_CHARS / total).min(1.0) >= MIN_PRINT_PT {
        return Print::Fit;
    }
    // what a page holds at the band size, with a margin for the spreadsheet's own rounding
    let room =
        PAGE_WIDTH_CHARS * body_pt / BAND_PRINT_PT * 0.95 - widths.iter().take(keep).sum::<f64>();
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (c, w) in widths.iter().enumerate().skip(keep) {
        if used > 0.0 && used + w > room {
            breaks.push(c as u16);
            used = 0.0;
        }
        used += w;
    }
    Print::Bands(breaks)
}

/// Page setup for a [`plan_print`] plan: `keep` is the range of label columns repeated on every
/// page of a banded table.
pub fn apply_print(
    ws: &mut Worksheet,
    repeat: Option<(u32, u32)>,
    keep: (u16, u16),
    print: &Print,
    body_pt: f64,
) -> Result<(), XlsxError> {
    match print {
        Print::Fit => page_setup(ws, repeat),
        Print::Bands(breaks) => {
            page_frame(ws, repeat)?;
            ws.set_print_scale((100.0 * BAND_PRINT_PT / body_pt).round().min(100.0) as u16);
            ws.set_repeat_columns(keep.0, keep.1)?;
            if !breaks.is_empty() {
                let at: Vec<u32> = breaks.iter().map(|&c| u32::from(c)).collect();
                ws.set_vertical_page_breaks(&at)?;
            }
            Ok(())
        }
    }
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

#[cfg(test)]
mod print_tests {
    use super::*;

    #[test]
    fn a_table_fits_the_page_width_while_its_text_stays_legible_else_it_prints_in_bands() {
        // 120 characters: full size
        assert_eq!(plan_print(&[5.0, 60.0, 12.0, 43.0], 3, 12.0), Print::Fit);
        // 160: fitted at about 76 %, 12 pt prints at 9.1 pt
        assert_eq!(plan_print(&[5.0, 60.0, 12.0, 83.0], 3, 12.0), Print::Fit);
        // 5 + 42 + 12 labels and ten 14-character columns (199): bands at 9 pt; a page holds
        // 121 × 12 / 9 × 0.95 − 59 ≈ 94 characters of values, so six columns
        let mut w = vec![5.0, 42.0, 12.0];
        w.extend([14.0; 10]);
        let p = plan_print(&w, 3, 12.0);
        assert_eq!(p, Print::Bands(vec![9]));
        assert_eq!(p.title_last_col(12, 2), 2);
        assert_eq!(Print::Fit.title_last_col(12, 2), 12);
    }
}
