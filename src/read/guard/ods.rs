//! The scan of an ods `content.xml` before calamine reads it: what calamine would lay out in memory
//! for each table, measured in one pass with bounded buffers, and the tables or notes that never end
//! (calamine loops forever on them). It follows calamine 0.38's own ods reading rules (same quick-xml
//! settings, same element names, repeats expanded the same way), so its totals bound what calamine
//! allocates. Waits for calamine issue #693 (dense ranges) and a fix of the unterminated loops.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// Rows of a worksheet (Excel and LibreOffice limit).
const MAX_ROWS: u32 = 1_048_576;
/// calamine's own cap on the columns of an ods row.
const ODS_MAX_COLS: u64 = 16_384;

/// One table of an ods `content.xml`, as calamine would expand it.
#[derive(Debug, Clone, Default)]
pub(super) struct OdsTable {
    pub name: String,
    /// Cells pushed while reading rows, plus the dense range built from them (values and formulas).
    pub cells: u64,
    /// Bytes of text copied into cells, repeats included.
    pub text: u64,
    /// Last non-empty cell (row, col), repeats included.
    pub far: Option<(u64, u64)>,
}

/// What `content.xml` would cost calamine.
#[derive(Debug, Default)]
pub(super) struct OdsScan {
    /// A `<!DOCTYPE …>` (entity declarations): never written by LibreOffice or Excel.
    pub doctype: bool,
    pub tables: Vec<OdsTable>,
    /// The part ends inside a table or a cell note, where calamine 0.38 loops forever.
    pub unterminated: bool,
}

/// calamine's reader settings for xlsx and ods parts.
fn reader<R: BufRead>(src: R) -> Reader<R> {
    let mut r = Reader::from_reader(src);
    let c = r.config_mut();
    c.check_end_names = false;
    c.trim_text(false);
    c.check_comments = false;
    c.expand_empty_elements = true;
    r
}

fn attr(e: &BytesStart, qualified: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == qualified)
        .map(|a| a.value.into_owned())
}

fn text(v: &str) -> String {
    quick_xml::escape::unescape(v)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| v.to_string())
}

fn repeats(e: &BytesStart, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

#[derive(Default)]
struct OdsRow {
    repeats: u64,
    pushed: u64,
    pending_empty: u64,
    first: Option<u64>,
    last: u64,
    text: u64,
}

#[derive(Default)]
struct OdsCell {
    repeats: u64,
    non_empty: bool,
    text: u64,
}

#[derive(Default)]
struct OdsState {
    table: OdsTable,
    rows: u64,
    prefix: u64,
    span: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    row: Option<OdsRow>,
    cell: Option<OdsCell>,
    /// A cell still open at the end of its row.
    broken: bool,
}

impl OdsState {
    fn start_cell(&mut self, e: &BytesStart) {
        let non_empty = e.attributes().with_checks(false).flatten().any(|a| {
            matches!(
                a.key.as_ref(),
                "office:value"
                    | "office:string-value"
                    | "office:date-value"
                    | "office:time-value"
                    | "office:boolean-value"
                    | "office:value-type"
                    | "table:formula"
            )
        });
        let formula = attr(e, "table:formula").map_or(0, |f| f.len() as u64);
        self.cell = Some(OdsCell {
            repeats: repeats(e, "table:number-columns-repeated"),
            non_empty,
            text: formula + attr(e, "office:string-value").map_or(0, |s| s.len() as u64),
        });
    }

    fn end_cell(&mut self) {
        let (Some(c), Some(row)) = (self.cell.take(), self.row.as_mut()) else {
            return;
        };
        let flush = row.pending_empty.min(ODS_MAX_COLS - row.pushed);
        row.pushed += flush;
        row.pending_empty = 0;
        let n = c.repeats.min(ODS_MAX_COLS - row.pushed);
        if c.non_empty {
            if n > 0 {
                row.first.get_or_insert(row.pushed);
                row.last = row.pushed + n - 1;
            }
            row.pushed += n;
            row.text = row.text.saturating_add(c.text.saturating_mul(n));
        } else {
            row.pending_empty = n;
        }
    }

    fn end_row(&mut self) {
        // a cell left open: calamine reads on into the next rows, gathering their text into it
        if self.cell.is_some() {
            self.broken = true;
            self.end_cell();
        }
        let Some(row) = self.row.take() else { return };
        let n = row.repeats.min(u64::from(MAX_ROWS) - self.rows);
        self.rows += n;
        self.table.cells += row.pushed;
        // the row's text once while reading, then once per repeat in the dense range
        self.table.text = self
            .table
            .text
            .saturating_add(row.text.saturating_mul(n.saturating_add(1)));
        if let Some(first) = row.first {
            let start = self.span.map_or(self.prefix, |s| s.0);
            self.span = Some((start, self.prefix + n));
            let (l, r) = self.cols.unwrap_or((first, row.last));
            self.cols = Some((l.min(first), r.max(row.last)));
            if n > 0 {
                self.table.far = Some((self.prefix + n - 1, row.last));
            }
        }
        self.prefix += n;
    }

    fn end_table(mut self) -> OdsTable {
        if self.row.is_some() || self.cell.is_some() {
            if self.row.is_none() {
                self.row = Some(OdsRow {
                    repeats: 1,
                    ..OdsRow::default()
                });
            }
            self.end_row();
        }
        if let (Some((a, b)), Some((l, r))) = (self.span, self.cols) {
            // values and formulas: two dense ranges
            self.table.cells = self
                .table
                .cells
                .saturating_add(2 * (b - a).saturating_mul(r - l + 1));
        }
        self.table
    }
}

/// Scan `content.xml`; stops at the first XML error (calamine stops there too).
pub(super) fn scan<R: BufRead>(src: R) -> OdsScan {
    let mut out = OdsScan::default();
    let mut r = reader(src);
    let mut buf = Vec::new();
    let mut ods: Option<OdsState> = None;
    // inside a cell note: calamine skips to its end, whatever comes between
    let mut note = false;
    loop {
        buf.clear();
        let ev = match r.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        if note {
            if let Event::End(e) = &ev {
                note = e.name().as_ref() != "office:annotation";
            }
            continue;
        }
        match ev {
            Event::DocType(_) => {
                out.doctype = true;
                break;
            }
            Event::Start(e) => {
                let Some(o) = ods.as_mut() else {
                    if e.name().as_ref() == "table:table" {
                        let name = attr(&e, "table:name").map(|v| text(&v)).unwrap_or_default();
                        ods = Some(OdsState {
                            table: OdsTable {
                                name,
                                ..OdsTable::default()
                            },
                            ..OdsState::default()
                        });
                    }
                    continue;
                };
                match e.name().as_ref() {
                    "table:table-row" => {
                        o.row = Some(OdsRow {
                            repeats: repeats(&e, "table:number-rows-repeated"),
                            ..OdsRow::default()
                        })
                    }
                    "table:table-cell" | "table:covered-table-cell" => o.start_cell(&e),
                    name => {
                        // Content makes a cell count as filled whatever its attributes say
                        // (calamine may read it as text): never under-count.
                        if let Some(c) = o.cell.as_mut() {
                            c.non_empty = true;
                            c.text = c.text.saturating_add(match name {
                                "text:s" => repeats(&e, "text:c"),
                                _ => 1,
                            });
                        }
                        note |= name == "office:annotation" && o.cell.is_some();
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = ods.as_mut().and_then(|o| o.cell.as_mut()) {
                    c.text += t.len() as u64;
                    c.non_empty = true;
                }
            }
            Event::GeneralRef(_) => {
                if let Some(c) = ods.as_mut().and_then(|o| o.cell.as_mut()) {
                    c.text += 4;
                    c.non_empty = true;
                }
            }
            Event::End(e) => {
                let Some(o) = ods.as_mut() else { continue };
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => o.end_cell(),
                    "table:table-row" => o.end_row(),
                    "table:table" => {
                        if let Some(o) = ods.take() {
                            out.unterminated |= o.broken;
                            out.tables.push(o.end_table());
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out.unterminated |= ods.is_some() || note;
    if let Some(o) = ods {
        out.tables.push(o.end_table());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_repeats() {
        let xml = br#"<office:spreadsheet><table:table table:name="T">
            <table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="3"/>
            <table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>ab<text:s text:c="10"/></text:p></table:table-cell></table:table-row>
            </table:table></office:spreadsheet>"#;
        let s = scan(&xml[..]);
        let t = &s.tables[0];
        assert_eq!(t.name, "T");
        // 5 pushed once, then two dense ranges of 1000 rows × 5 columns (from column 3 to 4 → width 2)
        assert_eq!(t.cells, 5 + 2 * 1000 * 2);
        assert_eq!(t.far, Some((999, 4)));
        assert_eq!(t.text, 2 * 13 * 1001);
        assert!(!s.unterminated && !s.doctype);
        let cut = br#"<table:table table:name="T"><table:table-row><table:table-cell/></table:table-row></tabletable>"#;
        assert!(scan(&cut[..]).unterminated);
        let open_cell = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/></text:p><3table:table-cell></table:table-row></table:table>"#;
        let s = scan(&open_cell[..]);
        assert!(s.unterminated && s.tables[0].text >= 2_000_000_000);
        let note = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
        assert!(scan(&note[..]).unterminated);
        let closed = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x</text:p></office:annotation></table:table-cell></table:table-row></table:table>"#;
        assert!(!scan(&closed[..]).unterminated);
        let doctype = br#"<!DOCTYPE x [<!ENTITY a "b">]><office:document-content/>"#;
        assert!(scan(&doctype[..]).doctype);
    }
}
