//! A byte-level scan of plain xlsx worksheet parts, for the common case: the same findings as the
//! XML scan (cell box, shared-string references, DOCTYPE, bad references) at a fraction of its cost.
//! Anything unusual (prefixes, comments, CDATA, a cell or row without its reference) returns None and
//! the full XML scan decides.

use super::xml::{self, Bbox, PartScan, parse_ref};

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The value of attribute `name` inside one start tag's bytes (between the tag name and `>`).
fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut i = 0;
    while i + name.len() + 2 <= tag.len() {
        if (tag[i] == b' ' || tag[i] == b'\t' || tag[i] == b'\n' || tag[i] == b'\r')
            && tag[i + 1..].starts_with(name)
            && tag.get(i + 1 + name.len()) == Some(&b'=')
        {
            let q = *tag.get(i + 2 + name.len())?;
            if q != b'"' && q != b'\'' {
                return None;
            }
            let start = i + 3 + name.len();
            let len = tag[start..].iter().position(|&c| c == q)?;
            return Some(&tag[start..start + len]);
        }
        i += 1;
    }
    None
}

/// Scan one worksheet part; None when the part is not plain enough for this scan.
pub(super) fn worksheet(xml: &[u8]) -> Option<PartScan> {
    if find(xml, b"<!").is_some() || find(xml, b"<sheetData").is_none() {
        return None;
    }
    let mut out = PartScan::default();
    let mut bbox: Option<Bbox> = None;
    let mut i = 0;
    while let Some(off) = xml[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let rest = &xml[at + 1..];
        let end = at + 1 + rest.iter().position(|&c| c == b'>')?;
        let tag = &xml[at + 1..end];
        i = end + 1;
        let name_len = tag
            .iter()
            .position(|c| matches!(c, b' ' | b'/' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        if name.contains(&b':') && !name.starts_with(b"?") {
            return None;
        }
        match name {
            b"dimension" => {
                let v = std::str::from_utf8(attr(tag, b"ref")?).ok()?;
                if !xml::valid_dimension(v) {
                    return None;
                }
            }
            b"row" => {
                let r = std::str::from_utf8(attr(tag, b"r")?).ok()?;
                parse_ref(r)?;
            }
            b"c" => {
                let r = std::str::from_utf8(attr(tag, b"r")?).ok()?;
                let (row, col) = match parse_ref(r)? {
                    (row, Some(col)) => (row, col),
                    _ => return None,
                };
                if tag.ends_with(b"/") {
                    continue;
                }
                let close = i + find(&xml[i..], b"</c>")?;
                let body = &xml[i..close];
                i = close + 4;
                if !body.contains(&b'<') {
                    continue;
                }
                Bbox::add(&mut bbox, row, col);
                if attr(tag, b"t") == Some(b"s") {
                    let v = find(body, b"<v>")? + 3;
                    let len = find(&body[v..], b"</v>")?;
                    let n: u32 = std::str::from_utf8(&body[v..v + len])
                        .ok()?
                        .trim()
                        .parse()
                        .ok()?;
                    out.shared_refs.push(n);
                }
            }
            _ => {}
        }
    }
    out.bbox = bbox;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn findings(s: &PartScan) -> String {
        format!(
            "{:?} {:?} {:?} {:?}",
            s.doctype, s.bad_ref, s.bbox, s.shared_refs
        )
    }

    fn worksheets(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for i in 0..z.len() {
            let Ok(mut f) = z.by_index(i) else { continue };
            let name = f.name().map(|n| n.to_string()).unwrap_or_default();
            if name.contains("worksheets/") && name.ends_with(".xml") && f.size() < 8 << 20 {
                let mut b = Vec::new();
                if f.read_to_end(&mut b).is_ok() {
                    out.push((name, b));
                }
            }
        }
        out
    }

    /// Wherever the byte scan answers, it answers exactly what the XML scan does: over every
    /// committed xlsx fixture (LibreOffice, hostile corpus) and a form written by sokết.
    #[test]
    fn byte_scan_agrees_with_the_xml_scan() {
        let o = crate::outline::Outline::embedded();
        let mut files = vec![("form".to_string(), crate::form::blank(&o).expect("form"))];
        let mut dirs =
            vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Ok(b) = std::fs::read(&p) {
                    files.push((p.display().to_string(), b));
                }
            }
        }
        let (mut fast, mut full) = (0, 0);
        for (name, bytes) in &files {
            for (part, xml) in worksheets(bytes) {
                let slow = xml::scan(&xml[..]);
                match worksheet(&xml) {
                    Some(quick) => {
                        fast += 1;
                        assert_eq!(findings(&quick), findings(&slow), "{name}: {part}");
                    }
                    None => full += 1,
                }
            }
        }
        assert!(
            fast >= 20,
            "the byte scan should answer for ordinary worksheets ({fast} fast, {full} full)"
        );
    }
}
