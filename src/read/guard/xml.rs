//! Streaming scan of one XML part of an xlsx or ods: what calamine would lay out in memory for it,
//! measured without laying it out (bounded buffers, one pass).
//!
//! The scan follows calamine 0.38's own reading rules (same quick-xml settings, same element names,
//! same way of placing cells without a reference), so its totals bound what calamine allocates.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// Rows and columns of a worksheet (Excel and LibreOffice limits).
pub(super) const MAX_ROWS: u32 = 1_048_576;
pub(super) const MAX_COLS: u32 = 16_384;
/// calamine's own cap on the columns of an ods row.
const ODS_MAX_COLS: u64 = 16_384;

/// A rectangle of cells, 0-based and inclusive, with the cell that last widened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bbox {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
    pub far: (u32, u32),
}

impl Bbox {
    pub fn add(b: &mut Option<Bbox>, row: u32, col: u32) {
        match b {
            None => {
                *b = Some(Bbox {
                    top: row,
                    left: col,
                    bottom: row,
                    right: col,
                    far: (row, col),
                })
            }
            Some(b) => {
                if row < b.top || row > b.bottom || col < b.left || col > b.right {
                    b.far = (row, col);
                }
                b.top = b.top.min(row);
                b.left = b.left.min(col);
                b.bottom = b.bottom.max(row);
                b.right = b.right.max(col);
            }
        }
    }

    /// Cells of the rectangle: what calamine's dense `Range` allocates.
    pub fn cells(&self) -> u64 {
        (u64::from(self.bottom - self.top) + 1) * (u64::from(self.right - self.left) + 1)
    }
}

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

/// What one part would cost calamine.
#[derive(Debug, Default)]
pub(super) struct PartScan {
    /// A `<!DOCTYPE …>` (entity declarations): never written by Excel or LibreOffice.
    pub doctype: bool,
    /// A cell, row or dimension reference that is not a cell of a worksheet.
    pub bad_ref: Option<String>,
    /// xlsx: the non-empty cells of `<sheetData>`.
    pub bbox: Option<Bbox>,
    /// xlsx: shared-string indices used by the cells of `<sheetData>`.
    pub shared_refs: Vec<u32>,
    /// xlsx: text bytes of each `<si>` of a shared-strings part.
    pub si_bytes: Vec<u64>,
    /// xlsx: the `uniqueCount` a shared-strings part claims (calamine reserves that many strings).
    pub si_claimed: u64,
    /// xlsx: `<sheet name=… r:id=…>` entries of a workbook part.
    pub sheets: Vec<(String, String)>,
    /// `<Relationship Id=… Target=…>` entries of a relationships part.
    pub rels: Vec<(String, String)>,
    /// Style records (`xf`, `font`, `fill`, `border`, `numFmt`), defined names and other list entries.
    pub records: u64,
    pub ods: Vec<OdsTable>,
    /// ods: the part ends inside a table, where calamine 0.38 loops forever waiting for its end.
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

fn attr_local(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

fn text(v: &str) -> String {
    quick_xml::escape::unescape(v)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| v.to_string())
}

/// "C12" → (row, Some(col)), "12" → (row, None), 0-based; None when not a cell of a worksheet.
pub(super) fn parse_ref(r: &str) -> Option<(u32, Option<u32>)> {
    parse_ref_bytes(r.as_bytes())
}

/// `parse_ref` on bytes (the byte scan reads references without making strings of them).
pub(crate) fn parse_ref_bytes(r: &[u8]) -> Option<(u32, Option<u32>)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (l, d) = r.split_at(letters);
    if d.is_empty() || d.len() > 7 || !d.iter().all(u8::is_ascii_digit) || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in l {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    let row = d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    if row == 0 || row > MAX_ROWS || col > MAX_COLS {
        return None;
    }
    Some((row - 1, (col > 0).then(|| col - 1)))
}

/// A `<dimension ref>`: one cell or a range whose end is not before its start.
pub(crate) fn valid_dimension(v: &str) -> bool {
    let mut parts = v.split(':');
    let cell = |p: Option<&str>| p.and_then(parse_ref).and_then(|(r, c)| Some((r, c?)));
    match (cell(parts.next()), parts.next(), parts.next()) {
        (Some(_), None, _) => true,
        (Some(a), Some(b), None) => cell(Some(b)).is_some_and(|b| b.0 >= a.0 && b.1 >= a.1),
        _ => false,
    }
}

fn repeats(e: &BytesStart, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

#[derive(Default)]
struct XlsxCell {
    pos: (u32, u32),
    shared: bool,
    non_empty: bool,
    in_v: bool,
    v: String,
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

/// Scan one part; stops at the first XML error (calamine stops there too).
pub(super) fn scan<R: BufRead>(src: R) -> PartScan {
    let mut out = PartScan::default();
    let mut r = reader(src);
    let mut buf = Vec::new();
    let mut in_sheet_data = false;
    let (mut row_index, mut col_index) = (0u32, 0u32);
    let mut cell: Option<XlsxCell> = None;
    let mut si: Option<u64> = None;
    let mut ods: Option<OdsState> = None;
    // inside an ods cell note: calamine skips to its end, whatever comes between
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
                let local = e.local_name();
                let local = local.as_ref();
                if let Some(c) = cell.as_mut() {
                    c.non_empty = true;
                    c.in_v = local == "v";
                    continue;
                }
                if let Some(o) = ods.as_mut() {
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
                    continue;
                }
                match local {
                    "sheetData" => in_sheet_data = true,
                    "dimension" if !in_sheet_data => {
                        let v = attr(&e, "ref").unwrap_or_default();
                        if !valid_dimension(&v) {
                            out.bad_ref = Some(text(&v));
                        }
                    }
                    "row" if in_sheet_data => {
                        if let Some(v) = attr(&e, "r") {
                            match parse_ref(&v) {
                                Some((row, _)) => row_index = row,
                                None => out.bad_ref = Some(text(&v)),
                            }
                        }
                    }
                    "c" if in_sheet_data => {
                        let pos = match attr(&e, "r") {
                            Some(v) => match parse_ref(&v) {
                                Some((row, Some(col))) => {
                                    col_index = col;
                                    (row, col)
                                }
                                _ => {
                                    out.bad_ref = Some(text(&v));
                                    (row_index, col_index)
                                }
                            },
                            None => (row_index, col_index),
                        };
                        cell = Some(XlsxCell {
                            pos,
                            shared: attr(&e, "t").as_deref() == Some("s"),
                            ..XlsxCell::default()
                        });
                    }
                    "si" => {
                        si = Some(0);
                        out.records += 1;
                    }
                    "sst" => {
                        let n = attr(&e, "uniqueCount").and_then(|v| v.trim().parse::<u64>().ok());
                        out.si_claimed = out.si_claimed.max(n.unwrap_or(0));
                    }
                    "sheet" => {
                        let name = attr(&e, "name").map(|v| text(&v)).unwrap_or_default();
                        let id = attr_local(&e, "id").map(|v| text(&v)).unwrap_or_default();
                        out.sheets.push((name, id));
                        out.records += 1;
                    }
                    "Relationship" => {
                        let id = attr(&e, "Id").map(|v| text(&v)).unwrap_or_default();
                        let target = attr(&e, "Target").map(|v| text(&v)).unwrap_or_default();
                        out.rels.push((id, target));
                        out.records += 1;
                    }
                    "xf" | "font" | "fill" | "border" | "numFmt" | "definedName" => {
                        out.records += 1
                    }
                    _ if e.name().as_ref() == "table:table" => {
                        let name = attr(&e, "table:name").map(|v| text(&v)).unwrap_or_default();
                        ods = Some(OdsState {
                            table: OdsTable {
                                name,
                                ..OdsTable::default()
                            },
                            ..OdsState::default()
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    if c.in_v && c.shared && c.v.len() < 16 {
                        c.v.push_str(&t);
                    }
                } else if let Some(n) = si.as_mut() {
                    *n += t.len() as u64;
                } else if let Some(c) = ods.as_mut().and_then(|o| o.cell.as_mut()) {
                    c.text += t.len() as u64;
                    c.non_empty = true;
                }
            }
            Event::CData(t) => {
                if let Some(n) = si.as_mut() {
                    *n += t.len() as u64;
                }
            }
            Event::GeneralRef(_) => {
                if let Some(n) = si.as_mut() {
                    *n += 4;
                } else if let Some(c) = ods.as_mut().and_then(|o| o.cell.as_mut()) {
                    c.text += 4;
                    c.non_empty = true;
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if let Some(o) = ods.as_mut() {
                    match e.name().as_ref() {
                        "table:table-cell" | "table:covered-table-cell" => o.end_cell(),
                        "table:table-row" => o.end_row(),
                        "table:table" => {
                            if let Some(o) = ods.take() {
                                out.unterminated |= o.broken;
                                out.ods.push(o.end_table());
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                match local {
                    "c" if cell.is_some() => {
                        if let Some(c) = cell.take().filter(|c| c.non_empty) {
                            Bbox::add(&mut out.bbox, c.pos.0, c.pos.1);
                            if let (true, Ok(i)) = (c.shared, c.v.trim().parse::<u32>()) {
                                out.shared_refs.push(i);
                            }
                        }
                        col_index = col_index.saturating_add(1);
                    }
                    "v" => {
                        if let Some(c) = cell.as_mut() {
                            c.in_v = false;
                        }
                    }
                    "row" if in_sheet_data => {
                        row_index = row_index.saturating_add(1);
                        col_index = 0;
                    }
                    "sheetData" => in_sheet_data = false,
                    "si" => {
                        if let Some(n) = si.take() {
                            out.si_bytes.push(n);
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
        out.ods.push(o.end_table());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_ref("C12"), Some((11, Some(2))));
        assert_eq!(parse_ref("xfd1048576"), Some((1_048_575, Some(16_383))));
        assert_eq!(parse_ref("12"), Some((11, None)));
        assert_eq!(parse_ref("XFE1"), None);
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("A1048577"), None);
        assert_eq!(parse_ref("ZZZZZZZZZZZZ1"), None);
        assert_eq!(parse_ref("A99999999999999999999"), None);
        assert!(valid_dimension("A1:G120"));
        assert!(valid_dimension("B2"));
        assert!(!valid_dimension("G120:A1"));
        assert!(!valid_dimension(""));
    }

    #[test]
    fn xlsx_cells_and_strings() {
        let xml = br#"<worksheet><dimension ref="A1:C3"/><sheetData>
            <row r="2"><c r="B2" t="s"><v>1</v></c><c t="s"><v>0</v></c><c r="Z9"/></row>
            <row><c><v>5</v></c></row></sheetData></worksheet>"#;
        let s = scan(&xml[..]);
        let b = s.bbox.expect("cells");
        assert_eq!((b.top, b.left, b.bottom, b.right), (1, 0, 2, 2));
        assert_eq!(b.cells(), 6);
        assert_eq!(s.shared_refs, vec![1, 0]);
        let sst = br#"<sst><si><t>abc</t></si><si><r><t>de</t></r><r><t>f&amp;</t></r></si></sst>"#;
        assert_eq!(scan(&sst[..]).si_bytes, vec![3, 7]);
    }

    #[test]
    fn ods_repeats() {
        let xml = br#"<office:spreadsheet><table:table table:name="T">
            <table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="3"/>
            <table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>ab<text:s text:c="10"/></text:p></table:table-cell></table:table-row>
            </table:table></office:spreadsheet>"#;
        let s = scan(&xml[..]);
        let t = &s.ods[0];
        assert_eq!(t.name, "T");
        // 5 pushed once, then two dense ranges of 1000 rows × 5 columns (from column 3 to 4 → width 2)
        assert_eq!(t.cells, 5 + 2 * 1000 * 2);
        assert_eq!(t.far, Some((999, 4)));
        assert_eq!(t.text, 2 * 13 * 1001);
        assert!(!s.unterminated);
        let cut = br#"<table:table table:name="T"><table:table-row><table:table-cell/></table:table-row></tabletable>"#;
        assert!(scan(&cut[..]).unterminated);
        let open_cell = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/></text:p><3table:table-cell></table:table-row></table:table>"#;
        let s = scan(&open_cell[..]);
        assert!(s.unterminated && s.ods[0].text >= 2_000_000_000);
        let note = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
        assert!(scan(&note[..]).unterminated);
        let closed = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>x</text:p></office:annotation></table:table-cell></table:table-row></table:table>"#;
        assert!(!scan(&closed[..]).unterminated);
    }
}
