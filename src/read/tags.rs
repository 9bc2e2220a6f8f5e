//! A byte-level walk over the tags of a plain XML part (memchr, 8-byte SWAR tag search), shared by
//! the guard's byte scan and the direct xlsx reader. It reads tags as quick-xml does; anything it
//! does not model exactly (comments, CDATA, DOCTYPE, processing instructions other than the
//! declaration, unclosed tags or quotes, an end tag with no element open, invalid UTF-8) makes the
//! walk answer None, and the caller leaves the part to a full XML parser.

use memchr::{memchr, memchr2};

/// The local part of a qualified name ("r:id" → "id"): after the first colon, as in quick-xml.
pub(crate) fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .position(|&c| c == b':')
        .map_or(name, |i| &name[i + 1..])
}

pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// What a walk feeds its visitor, tag by tag.
pub(crate) trait Visit {
    /// Text between two tags (never empty).
    fn text(&mut self, t: &[u8]) -> Option<()>;
    /// A start tag (an empty element `<a/>` is a start followed by an end with `empty`).
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()>;
    /// An end tag; `rest` is what follows it. Some(true) stops the walk here: nothing after this
    /// tag matters to the visitor.
    fn end(&mut self, name: &[u8], empty: bool, rest: &[u8]) -> Option<bool>;
}

/// The attributes of one start tag: the bytes after its name, checked well-formed by `parse`.
#[derive(Clone, Copy)]
pub(crate) struct Attrs<'a>(&'a [u8]);

impl<'a> Attrs<'a> {
    /// None when malformed (e.g. a quote left open, which means the '>' that ended the tag was
    /// inside a value).
    pub fn parse(s: &'a [u8]) -> Option<Attrs<'a>> {
        let mut at = 0;
        while let Some((next, _)) = Self::next(s, at)? {
            at = next;
        }
        Some(Attrs(s))
    }

    /// The attribute starting at or after `at`: Some(None) at the end, None when malformed.
    #[allow(clippy::type_complexity)]
    #[inline]
    fn next(s: &'a [u8], mut i: usize) -> Option<Option<(usize, (&'a [u8], &'a [u8]))>> {
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        let rest = s.get(i..)?;
        if rest.is_empty() {
            return Some(None);
        }
        // name="value" or name='value', the name with no space or quote in it
        let eq = rest
            .iter()
            .position(|&c| c == b'=' || c == b'"' || c == b'\'' || is_space(c))?;
        let (name, after) = rest.split_at(eq);
        let (&[b'=', q], value) = after.split_first_chunk::<2>()? else {
            return None;
        };
        if name.is_empty() || (q != b'"' && q != b'\'') {
            return None;
        }
        let close = memchr(q, value)?;
        let next = i + eq + 2 + close + 1;
        if next < s.len() && !is_space(s[next]) {
            return None;
        }
        Some(Some((next, (name, &value[..close]))))
    }

    /// The first value of each name, in one pass; None when malformed before all were found.
    pub fn pick<const N: usize>(s: &'a [u8], names: [&[u8]; N]) -> Option<[Option<&'a [u8]>; N]> {
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

    /// The value of each name over the whole tag; None when malformed or when a name comes twice
    /// (which XML forbids, and which readers resolve differently).
    pub fn exact<const N: usize>(s: &'a [u8], names: [&[u8]; N]) -> Option<[Option<&'a [u8]>; N]> {
        let mut out = [None; N];
        let mut at = 0;
        while let Some((next, (k, v))) = Self::next(s, at)? {
            if let Some(i) = names.iter().position(|n| *n == k) {
                if out[i].is_some() {
                    return None;
                }
                out[i] = Some(v);
            }
            at = next;
        }
        Some(out)
    }

    /// Every attribute, in order.
    pub fn iter(self) -> impl Iterator<Item = (&'a [u8], &'a [u8])> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (next, kv) = Self::next(self.0, at)??;
            at = next;
            Some(kv)
        })
    }

    /// The first attribute whose name passes `is`.
    fn find(self, is: impl Fn(&[u8]) -> bool) -> Option<&'a [u8]> {
        self.iter().find(|(k, _)| is(k)).map(|(_, v)| v)
    }

    pub fn get(self, name: &[u8]) -> Option<&'a [u8]> {
        self.find(|k| k == name)
    }

    pub fn get_local(self, name: &[u8]) -> Option<&'a [u8]> {
        self.find(|k| local(k) == name)
    }
}

/// Every '&' starts a `&name;` reference, as quick-xml requires of text (it stops at a bare one).
/// Checked once over the whole part, attribute values included (stricter than needed).
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

/// A visitor that also requires every end tag to close the element opened last (quick-xml, as
/// calamine configures it, does not check that), up to where the visitor is done.
pub(crate) struct Nested<V> {
    pub inner: V,
    names: Vec<u8>,
    lens: Vec<usize>,
    /// The visitor asked to stop: what follows is not looked at.
    pub done: bool,
}

impl<V> Nested<V> {
    pub fn new(inner: V) -> Nested<V> {
        Nested {
            inner,
            names: Vec::new(),
            lens: Vec::new(),
            done: false,
        }
    }
}

impl<V: Visit> Visit for Nested<V> {
    fn text(&mut self, t: &[u8]) -> Option<()> {
        if self.done {
            return Some(());
        }
        self.inner.text(t)
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if self.done {
            return Some(());
        }
        self.names.extend_from_slice(name);
        self.lens.push(name.len());
        self.inner.start(name, attrs)
    }
    fn end(&mut self, name: &[u8], empty: bool, rest: &[u8]) -> Option<bool> {
        if self.done {
            return Some(true);
        }
        let n = self.lens.pop()?;
        if &self.names[self.names.len() - n..] != name {
            return None;
        }
        self.names.truncate(self.names.len() - n);
        self.done = self.inner.end(name, empty, rest)?;
        Some(self.done)
    }
}

/// Walk the tags of one part (a leading byte-order mark skipped). None when the part is not plain
/// enough for this walk; otherwise it was walked up to where the visitor stopped it (or to the
/// end), and that much of it is valid UTF-8.
pub(crate) fn walk(xml: &[u8], v: &mut impl Visit) -> Option<()> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    if !references_closed(xml) {
        return None;
    }
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
            v.text(&xml[i..])?;
            break;
        };
        if off > 0 {
            v.text(&xml[i..i + off])?;
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
            // with no element open is an error there: not modelled
            let name = &name[..name
                .iter()
                .rposition(|&c| !is_space(c))
                .map_or(0, |p| p + 1)];
            if name.is_empty() || depth == 0 {
                return None;
            }
            depth -= 1;
            if v.end(name, false, &xml[i..])? {
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
        v.start(name, attrs)?;
        if empty {
            if v.end(name, true, &xml[i..])? {
                walked = i;
                break;
            }
        } else {
            depth += 1;
        }
    }
    // quick-xml reads text as UTF-8 and stops at the first invalid byte: the part walked must be valid
    simdutf8::basic::from_utf8(&xml[..walked]).ok()?;
    Some(())
}
