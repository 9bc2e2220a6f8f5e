//! A byte-level scan of plain xlsx parts (worksheets, shared strings, workbook, relationships,
//! styles), for the common case: the same findings as the XML scan at a fraction of its cost.
//! It walks the tags (`read::tags`) and replays the XML scan's state machine on them. Anything the
//! walk does not model exactly (comments, CDATA, DOCTYPE, ods tables, unclosed tags or quotes,
//! odd references or names) returns None and the full XML scan decides.

use super::xml::{self, Bbox, PartScan, parse_ref_bytes};
use crate::read::tags::{self, Attrs, Visit, is_space, local};
use memchr::{memchr, memchr2};

/// An attribute value as the XML scan keeps it for messages and names (unescaped when possible).
fn text(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    quick_xml::escape::unescape(&s)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

/// Bytes of text the XML scan counts for one text run: each `&…;` reference counts 4.
fn text_len(t: &[u8]) -> Option<u64> {
    let mut n = 0u64;
    let mut rest = t;
    while let Some(a) = memchr(b'&', rest) {
        let semi = memchr2(b';', b'&', &rest[a + 1..])?;
        if rest[a + 1 + semi] != b';' {
            return None;
        }
        n += a as u64 + 4;
        rest = &rest[a + 2 + semi..];
    }
    Some(n + rest.len() as u64)
}

#[derive(Default)]
struct Cell {
    pos: (u32, u32),
    shared: bool,
    non_empty: bool,
    in_v: bool,
    v: Option<u32>,
    v_seen: bool,
}

/// The XML scan's state over one part, fed tag by tag.
#[derive(Default)]
struct Scan {
    out: PartScan,
    in_sheet_data: bool,
    row_index: u32,
    col_index: u32,
    cell: Option<Cell>,
    si: Option<u64>,
}

impl Scan {
    /// Outside a sheet's data, a cell and a shared string: only a named tag can change anything.
    fn idle(&self) -> bool {
        !self.in_sheet_data && self.cell.is_none() && self.si.is_none()
    }

    #[inline]
    fn text(&mut self, t: &[u8]) -> Option<()> {
        if let Some(c) = self.cell.as_mut() {
            if c.in_v && c.shared {
                // one text run of a few digits (a reference would split it: not modelled)
                if c.v_seen || t.len() > 16 || t.contains(&b'&') {
                    return None;
                }
                c.v_seen = true;
                c.v = std::str::from_utf8(t).ok()?.trim().parse().ok();
            }
        } else if let Some(n) = self.si.as_mut() {
            *n += text_len(t)?;
        }
        Some(())
    }

    #[inline]
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        let name = local(name);
        if let Some(c) = self.cell.as_mut() {
            c.non_empty = true;
            c.in_v = name == b"v";
            return Some(());
        }
        match name {
            b"sheetData" => self.in_sheet_data = true,
            b"dimension" if !self.in_sheet_data => {
                let v = Attrs::parse(attrs)?.get(b"ref").unwrap_or_default();
                if !xml::valid_dimension(std::str::from_utf8(v).ok()?) {
                    self.out.bad_ref = Some(text(v));
                }
            }
            b"row" if self.in_sheet_data => {
                if let [Some(v)] = Attrs::pick(attrs, [b"r"])? {
                    match parse_ref_bytes(v) {
                        Some((row, _)) => self.row_index = row,
                        None => self.out.bad_ref = Some(text(v)),
                    }
                }
            }
            b"c" if self.in_sheet_data => {
                let [r, t] = Attrs::pick(attrs, [b"r", b"t"])?;
                let pos = match r {
                    Some(v) => match parse_ref_bytes(v) {
                        Some((row, Some(col))) => {
                            self.col_index = col;
                            (row, col)
                        }
                        _ => {
                            self.out.bad_ref = Some(text(v));
                            (self.row_index, self.col_index)
                        }
                    },
                    None => (self.row_index, self.col_index),
                };
                self.cell = Some(Cell {
                    pos,
                    shared: t == Some(b"s"),
                    ..Cell::default()
                });
            }
            b"si" => {
                self.si = Some(0);
                self.out.records += 1;
            }
            b"sst" => {
                let n = Attrs::parse(attrs)?
                    .get(b"uniqueCount")
                    .and_then(|v| std::str::from_utf8(v).ok()?.trim().parse::<u64>().ok());
                self.out.si_claimed = self.out.si_claimed.max(n.unwrap_or(0));
            }
            b"sheet" => {
                let attrs = Attrs::parse(attrs)?;
                let name = attrs.get(b"name").map(text).unwrap_or_default();
                let id = attrs.get_local(b"id").map(text).unwrap_or_default();
                self.out.sheets.push((name, id));
                self.out.records += 1;
            }
            b"Relationship" => {
                let attrs = Attrs::parse(attrs)?;
                let id = attrs.get(b"Id").map(text).unwrap_or_default();
                let target = attrs.get(b"Target").map(text).unwrap_or_default();
                self.out.rels.push((id, target));
                self.out.records += 1;
            }
            b"xf" | b"font" | b"fill" | b"border" | b"numFmt" | b"definedName" => {
                self.out.records += 1
            }
            _ => {}
        }
        Some(())
    }

    #[inline]
    fn end(&mut self, name: &[u8]) {
        match local(name) {
            b"c" if self.cell.is_some() => {
                if let Some(c) = self.cell.take().filter(|c| c.non_empty) {
                    Bbox::add(&mut self.out.bbox, c.pos.0, c.pos.1);
                    if let (true, Some(i)) = (c.shared, c.v) {
                        self.out.shared_refs.push(i);
                    }
                }
                self.col_index = self.col_index.saturating_add(1);
            }
            b"v" => {
                if let Some(c) = self.cell.as_mut() {
                    c.in_v = false;
                }
            }
            b"row" if self.in_sheet_data => {
                self.row_index = self.row_index.saturating_add(1);
                self.col_index = 0;
            }
            b"sheetData" => self.in_sheet_data = false,
            b"si" => {
                if let Some(n) = self.si.take() {
                    self.out.si_bytes.push(n);
                }
            }
            _ => {}
        }
    }
}

/// Whether the rest of a part can add nothing to the scan: no tag there has a name the scan acts on
/// (outside a cell, a row and a shared string), and there is no `<!`. Every '<' is looked at, so a
/// '<' inside a quoted value can only make this answer no (the walk then goes on), never hide a tag.
/// A worksheet's tail (validations with long messages, merged cells, page setup) is most of its
/// bytes: this skips it at the cost of one memchr per tag.
fn quiet_tail(rest: &[u8]) -> bool {
    memchr::memchr_iter(b'<', rest).all(|at| {
        let name = &rest[at + 1..];
        let len = name
            .iter()
            .position(|&c| is_space(c) || c == b'>' || c == b'/')
            .unwrap_or(name.len());
        let name = &name[..len];
        if name.first() == Some(&b'!') || name == b"table:table" {
            return false;
        }
        !matches!(
            local(name),
            b"sheetData"
                | b"dimension"
                | b"row"
                | b"c"
                | b"si"
                | b"sst"
                | b"sheet"
                | b"Relationship"
                | b"xf"
                | b"font"
                | b"fill"
                | b"border"
                | b"numFmt"
                | b"definedName"
        )
    })
}

impl Visit for Scan {
    #[inline]
    fn text(&mut self, t: &[u8]) -> Option<()> {
        Scan::text(self, t)
    }
    #[inline]
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        Scan::start(self, name, attrs)
    }
    #[inline]
    fn end(&mut self, name: &[u8], empty: bool, rest: &[u8]) -> Option<bool> {
        Scan::end(self, name);
        Some(!empty && local(name) == b"sheetData" && self.idle() && quiet_tail(rest))
    }
}

/// The scan and a rider fed the same tags; the rider is dropped from the walk when it declines.
struct WithRider<'a, R: ?Sized> {
    scan: Scan,
    rider: &'a mut R,
    ok: bool,
}

impl<R: Visit + ?Sized> Visit for WithRider<'_, R> {
    #[inline]
    fn text(&mut self, t: &[u8]) -> Option<()> {
        self.ok = self.ok && self.rider.text(t).is_some();
        self.scan.text(t)
    }
    #[inline]
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        self.ok = self.ok && self.rider.start(name, attrs).is_some();
        Scan::start(&mut self.scan, name, attrs)
    }
    #[inline]
    fn end(&mut self, name: &[u8], empty: bool, rest: &[u8]) -> Option<bool> {
        // the rider says when it is done; only the scan says when the walk stops
        self.ok = self.ok && self.rider.end(name, empty, rest).is_some();
        Visit::end(&mut self.scan, name, empty, rest)
    }
}

/// `part`, feeding a rider the same tags: the scan, and whether the rider went along to the end.
pub(super) fn part_with<R: Visit + ?Sized>(xml: &[u8], rider: &mut R) -> Option<(PartScan, bool)> {
    let mut v = WithRider {
        scan: Scan::default(),
        rider,
        ok: true,
    };
    tags::walk(xml, &mut v)?;
    Some((v.scan.out, v.ok))
}

/// Scan one xlsx part; None when the part is not plain enough for this scan.
pub(super) fn part(xml: &[u8]) -> Option<PartScan> {
    let mut scan = Scan::default();
    tags::walk(xml, &mut scan)?;
    Some(scan.out)
}

#[cfg(test)]
mod tests;
