//! A byte-level scan of plain xlsx parts (worksheets, shared strings, workbook, relationships,
//! styles), for the common case: the same findings as the XML scan at a fraction of its cost.
//! It walks the tags with memchr and replays the XML scan's state machine on them. Anything the
//! walker does not model exactly (comments, CDATA, DOCTYPE, ods tables, unclosed tags or quotes,
//! odd references or names) returns None and the full XML scan decides.

use super::xml::{self, Bbox, PartScan, parse_ref_bytes};
use memchr::{memchr, memchr2};

/// The local part of a qualified name ("r:id" → "id"): after the first colon, as in quick-xml.
fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .position(|&c| c == b':')
        .map_or(name, |i| &name[i + 1..])
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The attributes of one start tag: the bytes after its name, checked well-formed by `parse`.
#[derive(Clone, Copy)]
struct Attrs<'a>(&'a [u8]);

impl<'a> Attrs<'a> {
    /// None when malformed (e.g. a quote left open, which means the '>' that ended the tag was
    /// inside a value).
    fn parse(s: &'a [u8]) -> Option<Attrs<'a>> {
        let mut at = 0;
        while let Some((next, _)) = Self::next(s, at)? {
            at = next;
        }
        Some(Attrs(s))
    }

    /// The attribute starting at or after `at`: Some(None) at the end, None when malformed.
    #[allow(clippy::type_complexity)]
    fn next(s: &'a [u8], mut i: usize) -> Option<Option<(usize, (&'a [u8], &'a [u8]))>> {
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        if i == s.len() {
            return Some(None);
        }
        let start = i;
        while i < s.len() && s[i] != b'=' {
            if is_space(s[i]) || s[i] == b'"' || s[i] == b'\'' {
                return None;
            }
            i += 1;
        }
        let name = &s[start..i];
        let q = *s.get(i + 1)?;
        if name.is_empty() || (q != b'"' && q != b'\'') {
            return None;
        }
        let v0 = i + 2;
        i = v0;
        while i < s.len() && s[i] != q {
            i += 1;
        }
        if i == s.len() || (i + 1 < s.len() && !is_space(s[i + 1])) {
            return None;
        }
        Some(Some((i + 1, (name, &s[v0..i]))))
    }

    /// The first value of each name, in one pass; None when malformed before all were found (what
    /// follows the last one found cannot change what the XML scan reads either).
    fn pick<const N: usize>(s: &'a [u8], names: [&[u8]; N]) -> Option<[Option<&'a [u8]>; N]> {
        let mut out = [None; N];
        let (mut at, mut found) = (0, 0);
        while let Some((next, (k, v))) = Self::next(s, at)? {
            if let Some(i) = names.iter().position(|n| *n == k)
                && out[i].is_none()
            {
                out[i] = Some(v);
                found += 1;
                if found == N {
                    break;
                }
            }
            at = next;
        }
        Some(out)
    }

    /// The first attribute whose name passes `is`, as in the XML scan.
    fn find(self, is: impl Fn(&[u8]) -> bool) -> Option<&'a [u8]> {
        let mut at = 0;
        while let Some(Some((next, (k, v)))) = Self::next(self.0, at) {
            if is(k) {
                return Some(v);
            }
            at = next;
        }
        None
    }

    fn get(self, name: &[u8]) -> Option<&'a [u8]> {
        self.find(|k| k == name)
    }

    fn get_local(self, name: &[u8]) -> Option<&'a [u8]> {
        self.find(|k| local(k) == name)
    }
}

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

/// Every '&' starts a `&name;` reference, as quick-xml requires of text (it stops at a bare one).
/// Checked once over the whole part, attribute values included (stricter than needed: a bare '&'
/// anywhere leaves the part to the XML scan).
fn references_closed(xml: &[u8]) -> bool {
    memchr::memchr_iter(b'&', xml).all(|a| {
        memchr2(b';', b'<', &xml[a + 1..]).is_some_and(|e| {
            let body = &xml[a + 1..a + 1 + e];
            xml[a + 1 + e] == b';' && !body.contains(&b'&') && !body.is_empty()
        })
    })
}

/// Where the tag starting at `at` ends: the first '>' outside quoted values, as quick-xml reads it.
/// Tags are short and quotes frequent, so this looks at 8 bytes at a time (SWAR) rather than calling
/// memchr for every stretch.
#[inline]
fn tag_end(xml: &[u8], at: usize) -> Option<usize> {
    let mut j = at;
    loop {
        j = swar_find(xml, j, |w| has(w, b'>') | has(w, b'"') | has(w, b'\''))?;
        match xml[j] {
            b'>' => return Some(j),
            q => j = swar_find(xml, j + 1, |w| has(w, q))? + 1,
        }
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `w` that equals `b` (exact for the lowest such byte).
#[inline]
fn has(w: u64, b: u8) -> u64 {
    let x = w ^ (LO * u64::from(b));
    x.wrapping_sub(LO) & !x & HI
}

/// First position at or after `from` whose byte `hit` marks, 8 bytes at a time.
#[inline]
fn swar_find(xml: &[u8], from: usize, hit: impl Fn(u64) -> u64) -> Option<usize> {
    let mut j = from;
    while j + 8 <= xml.len() {
        let w = u64::from_le_bytes(xml[j..j + 8].try_into().ok()?);
        let m = hit(w);
        if m != 0 {
            return Some(j + (m.trailing_zeros() / 8) as usize);
        }
        j += 8;
    }
    while j < xml.len() {
        let w = u64::from(xml[j]);
        if hit(w) & 0x80 != 0 {
            return Some(j);
        }
        j += 1;
    }
    None
}

/// Scan one xlsx part; None when the part is not plain enough for this scan.
pub(super) fn part(xml: &[u8]) -> Option<PartScan> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    if !references_closed(xml) {
        return None;
    }
    let mut scan = Scan::default();
    let mut i = 0;
    let mut walked = xml.len();
    // elements open, as quick-xml counts them
    let mut depth = 0usize;
    while i < xml.len() {
        // tags often follow each other: no search then
        let next = if xml[i] == b'<' {
            Some(0)
        } else {
            memchr(b'<', &xml[i..])
        };
        let Some(off) = next else {
            scan.text(&xml[i..])?;
            break;
        };
        if off > 0 {
            scan.text(&xml[i..i + off])?;
        }
        let at = i + off + 1;
        match xml.get(at) {
            Some(b'!') | None => return None,
            // the XML declaration at the start; any other processing instruction is not modelled
            Some(b'?') if at == 1 && xml.starts_with(b"<?xml ") => {
                i = at + 1 + memchr::memmem::find(&xml[at + 1..], b"?>")? + 2;
                continue;
            }
            Some(b'?') => return None,
            _ => {}
        }
        // the tag ends at the first '>' outside quotes, as quick-xml reads it
        let end = tag_end(xml, at)?;
        let tag = &xml[at..end];
        i = end + 1;
        if let Some(name) = tag.strip_prefix(b"/") {
            // quick-xml's end name: everything up to '>', trailing spaces trimmed; an end tag
            // with no element open is an error there (the XML scan stops): not modelled
            let name = &name[..name
                .iter()
                .rposition(|&c| !is_space(c))
                .map_or(0, |p| p + 1)];
            if name.is_empty() || depth == 0 {
                return None;
            }
            depth -= 1;
            scan.end(name);
            if local(name) == b"sheetData" && scan.idle() && quiet_tail(&xml[i..]) {
                walked = i;
                break;
            }
            continue;
        }
        let (tag, empty) = match tag.strip_suffix(b"/") {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let n = tag.iter().position(|&c| is_space(c)).unwrap_or(tag.len());
        let (name, attrs) = tag.split_at(n);
        if name.is_empty() || name == b"table:table" {
            return None;
        }
        scan.start(name, attrs)?;
        if empty {
            scan.end(name);
        } else {
            depth += 1;
        }
    }
    // quick-xml reads text as UTF-8 and stops at the first invalid byte; what it reads of a skipped
    // tail adds nothing, so only the part walked must be valid
    std::str::from_utf8(&xml[..walked]).ok()?;
    Some(scan.out)
}

#[cfg(test)]
mod tests;
