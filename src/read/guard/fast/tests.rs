//! The byte scan against the XML scan: on every fixture, on mutants, and on small cases.

use super::*;
use std::io::Read;

fn findings(s: &PartScan) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        s.doctype,
        s.bad_ref,
        s.bbox,
        s.shared_refs,
        s.si_bytes,
        s.si_claimed,
        s.sheets,
        s.rels,
        s.records,
        s.unterminated
    )
}

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..z.len() {
        let Ok(mut f) = z.by_index(i) else { continue };
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        if f.size() < 8 << 20 {
            let mut b = Vec::new();
            if f.read_to_end(&mut b).is_ok() {
                out.push((name, b));
            }
        }
    }
    out
}

/// Wherever the byte scan answers, it answers exactly what the XML scan does: over every part
/// of every committed fixture (LibreOffice, hostile corpus) and of a form written by sokết.
#[test]
fn byte_scan_agrees_with_the_xml_scan() {
    let files = crate::read::test_workbooks();
    let (mut fast, mut full, mut sheets) = (0, 0, 0);
    for (name, bytes) in &files {
        for (name_in_zip, xml) in parts(bytes) {
            let slow = xml::scan(&xml[..]);
            match part(&xml) {
                Some(quick) => {
                    fast += 1;
                    sheets += usize::from(name_in_zip.contains("worksheets/"));
                    assert_eq!(findings(&quick), findings(&slow), "{name}: {name_in_zip}");
                }
                None => full += 1,
            }
        }
    }
    eprintln!("{fast} parts by the byte scan ({sheets} worksheets), {full} by the XML scan");
    assert!(
        fast >= 200 && sheets >= 20,
        "the byte scan should answer for ordinary parts ({fast} fast, {sheets} worksheets, {full} full)"
    );
}

/// Mutated parts (bytes that matter to XML inserted, removed or replaced at random): wherever the
/// byte scan still answers, it answers what the XML scan does. Deterministic, 20,000 mutants (1.2
/// million over three other seeds agreed when this was written).
#[test]
fn mutated_parts_agree_or_fall_back() {
    let o = crate::outline::Outline::embedded();
    let mut sources = parts(&crate::form::blank(&o).expect("form"));
    let filled =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo/good-unit.xlsx");
    if let Ok(b) = std::fs::read(filled) {
        sources.extend(parts(&b));
    }
    sources.retain(|(n, x)| n.ends_with(".xml") && x.len() < 200_000);
    assert!(sources.len() >= 8, "{} parts", sources.len());
    const BYTES: &[u8] = b"<>/\"'&;=: \n!?ABcdrtsv0123456789\xC3";
    let mut rng = crate::rng::Rng::new(7);
    let (mut fast, mut full) = (0, 0);
    for round in 0..20_000 {
        let (name, base) = &sources[round % sources.len()];
        // small parts whole, large ones around a random window, so each mutant is cheap
        let start = if base.len() > 4_000 {
            rng.below(base.len() - 4_000)
        } else {
            0
        };
        let mut x = base[start..(start + 4_000).min(base.len())].to_vec();
        for _ in 0..rng.range(1, 4) {
            let at = rng.below(x.len() + 1);
            match rng.range(0, 3) {
                0 => x.insert(at, *rng.pick(BYTES)),
                1 if at < x.len() => {
                    x.remove(at);
                }
                _ if at < x.len() => x[at] = *rng.pick(BYTES),
                _ => {}
            }
        }
        match part(&x) {
            Some(quick) => {
                fast += 1;
                let slow = xml::scan(&x[..]);
                assert_eq!(
                    findings(&quick),
                    findings(&slow),
                    "{name} mutant {round}: {}",
                    String::from_utf8_lossy(&x)
                );
            }
            None => full += 1,
        }
    }
    assert!(
        fast > 5_000,
        "{fast} answered by the byte scan, {full} left to the XML scan"
    );
}

#[test]
fn texts_and_references() {
    assert_eq!(text_len(b"ab&amp;c"), Some(7));
    assert_eq!(text_len(b"&#10;&lt;"), Some(8));
    assert_eq!(text_len(b"a & b"), None);
    let sst = br#"<?xml version="1.0"?><sst uniqueCount="2"><si><t>abc</t></si><si><r><t>de</t></r><r><t>f&amp;</t></r></si></sst>"#;
    let s = part(sst).expect("plain");
    assert_eq!(
        (s.si_bytes.clone(), s.si_claimed, s.records),
        (vec![3, 7], 2, 2)
    );
    let wb = br#"<workbook><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    assert_eq!(
        part(wb).expect("plain").sheets,
        vec![("A & B".into(), "rId1".into())]
    );
    assert!(part(b"<a><!-- c --></a>").is_none());
    // a '>' inside a quoted value does not end the tag, as in quick-xml
    let quoted =
        br#"<sheetData><c r='B2' x='>'><v>1</v></c><c r="C3" y=">"><v>2</v></c></sheetData>"#;
    let s = part(quoted).expect("plain");
    assert_eq!(findings(&s), findings(&xml::scan(&quoted[..])));
    assert_eq!(
        s.bbox.map(|b| (b.top, b.left, b.bottom, b.right)),
        Some((1, 1, 2, 2))
    );
    assert!(part(b"<a><b").is_none());
    assert!(part(b"<a>x & y</a>").is_none());
}
