//! The direct reader against calamine: on every committed fixture, on sokết's own forms, and on
//! mutants of their parts. Wherever the direct reader answers, it answers what calamine answers.

use super::*;
use calamine::{Reader, Xlsx};
use std::io::Cursor;

/// What a reader made of a workbook, in one comparable string: sheet names, defined names, and
/// every cell of every sheet (None where the reader could not read the sheet).
fn render(
    names: Vec<String>,
    defined: Vec<(String, String)>,
    ranges: Vec<Option<Range<Data>>>,
) -> String {
    let mut out = format!("{names:?}\n{defined:?}\n");
    for r in ranges {
        match r {
            Some(r) => {
                out += &format!("{:?}..{:?}: ", r.start(), r.end());
                for (row, col, v) in r.used_cells() {
                    out += &format!("({row},{col})={v:?} ");
                }
                out += "\n";
            }
            None => out += "none\n",
        }
    }
    out
}

fn by_calamine(parts: &Parts) -> Option<String> {
    let zip = crate::read::guard::stored(parts.all()).ok()?;
    let mut x = Xlsx::new(Cursor::new(zip)).ok()?;
    let names = x.sheet_names();
    let ranges = names.iter().map(|n| x.worksheet_range(n).ok()).collect();
    Some(render(names, x.defined_names().to_vec(), ranges))
}

/// Compare where the direct reader answers; sheets it declines are left out of the comparison.
/// Returns (opened directly, every sheet read directly).
fn agree_once(mut p: Parts, what: &str) -> (bool, bool) {
    let Some(b) = Book::open(&mut p) else {
        return (false, false);
    };
    let Some(whole_calamine) = by_calamine(&p) else {
        panic!("{what}: the direct reader opened a workbook calamine cannot open");
    };
    let zip = crate::read::guard::stored(p.all()).expect("stored");
    let mut x = Xlsx::new(Cursor::new(zip)).expect("calamine opened it above");
    let names = b.sheet_names();
    let (mut got, mut expected, mut whole) = (Vec::new(), Vec::new(), true);
    for n in &names {
        match b.range(&mut p, n) {
            Some(d) => {
                got.push(Some(d));
                expected.push(x.worksheet_range(n).ok());
            }
            None => whole = false,
        }
    }
    let direct = render(names.clone(), b.defined_names().to_vec(), got);
    assert_eq!(
        direct,
        render(x.sheet_names(), x.defined_names().to_vec(), expected),
        "{what}"
    );
    if whole {
        assert_eq!(direct, whole_calamine, "{what}");
    }
    (true, whole)
}

/// The direct reading agrees with calamine both with what the riders made during the guard's scan
/// and with the direct reader's own walks; both answer for the same parts.
fn agree(parts: Inflated<Walked>, what: &str) -> (bool, bool) {
    let own: Vec<_> = parts
        .iter()
        .map(|(n, b, _)| (n.clone(), b.clone(), None))
        .collect();
    let (Ok(ridden), Ok(own)) = (Parts::new(parts), Parts::new(own)) else {
        return (false, false);
    };
    let with_riders = agree_once(ridden, &format!("{what} (riders)"));
    let walked = agree_once(own, &format!("{what} (own walks)"));
    // a rider declines only where the guard's scan leaves the part to the XML scan
    assert!(
        with_riders.0 == walked.0 && (with_riders.1 || !walked.1),
        "{what}: {with_riders:?} {walked:?}"
    );
    walked
}

fn inflated(bytes: &[u8]) -> Option<Inflated<Walked>> {
    crate::read::guard::check_zip(bytes, &rider).ok()?
}

/// Every committed fixture the guard lets through, and a blank form: same names, same cells.
#[test]
fn direct_reading_agrees_with_calamine_on_every_fixture() {
    let (mut direct, mut whole, mut total) = (0, 0, 0);
    for (name, bytes) in crate::read::test_workbooks() {
        if bytes
            .windows(39)
            .take(200)
            .any(|w| w == b"application/vnd.oasis.opendocument.spre")
        {
            continue;
        }
        let Some(parts) = inflated(&bytes) else {
            continue;
        };
        total += 1;
        let (d, w) = agree(parts, &name);
        direct += usize::from(d);
        whole += usize::from(w);
    }
    eprintln!("{total} xlsx: {direct} opened directly, {whole} read wholly directly");
    assert!(
        direct >= 20 && whole >= 15,
        "{total} xlsx: {direct} direct, {whole} whole"
    );
}

/// The LibreOffice-saved returns are read directly, not only sokết's own files.
#[test]
fn libreoffice_returns_are_read_directly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo");
    for f in ["good.xlsx", "inserted_row.xlsx", "messy_text.xlsx"] {
        let parts = inflated(&std::fs::read(dir.join(f)).expect("fixture")).expect("inline");
        assert_eq!(agree(parts, f), (true, true), "{f}");
    }
}

/// Mutated parts (bytes that matter to XML inserted, removed or replaced at random) in a form and a
/// LibreOffice return, each mutant going through the guard as a return would: wherever the direct
/// reader still answers, calamine answers the same. Deterministic, 3,000 mutants (100,000 over
/// five other seeds agreed when this was written; they found that calamine reads the attributes
/// of `<sst>`).
#[test]
fn mutated_parts_agree_or_are_declined() {
    let o = crate::outline::Outline::embedded();
    let lo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lo/good.xlsx");
    let bases: Vec<Vec<(String, Vec<u8>)>> = [
        crate::form::blank(&o).expect("form"),
        std::fs::read(lo).expect("fixture"),
    ]
    .iter()
    .map(|b| {
        inflated(b)
            .expect("inline")
            .into_iter()
            .map(|(n, b, _)| (n, b))
            .collect()
    })
    .collect();
    const BYTES: &[u8] = b"<>/\"'&;=: \n!?ABcdrtsvfi0123456789.-eE_x\xC3";
    let mut rng = crate::rng::Rng::new(11);
    let (mut answered, mut declined, mut refused) = (0, 0, 0);
    for round in 0..3_000 {
        let mut parts: Vec<(String, Vec<u8>, ())> = bases[round % bases.len()]
            .iter()
            .map(|(n, b)| (n.clone(), b.clone(), ()))
            .collect();
        let targets: Vec<usize> = (0..parts.len())
            .filter(|&i| {
                let n = &parts[i].0;
                n.ends_with(".xml") || n.ends_with(".rels")
            })
            .collect();
        let i = *rng.pick(&targets);
        let x = &mut parts[i].1;
        // mutate near the cells or strings most of the time, anywhere otherwise
        let at0 = memchr::memmem::find(x, b"<sheetData")
            .or_else(|| memchr::memmem::find(x, b"<si>"))
            .filter(|_| rng.chance(70))
            .unwrap_or(0);
        for _ in 0..rng.range(1, 4) {
            let span = (x.len() - at0).min(3_000);
            let at = at0 + rng.below(span + 1);
            match rng.range(0, 3) {
                0 => x.insert(at, *rng.pick(BYTES)),
                1 if at < x.len() => {
                    x.remove(at);
                }
                _ if at < x.len() => x[at] = *rng.pick(BYTES),
                _ => {}
            }
        }
        let name = parts[i].0.clone();
        // the mutated package goes through the guard, with its riders, as a return would
        let zip = crate::read::guard::stored(&parts).expect("stored");
        let Some(parts) = inflated(&zip) else {
            refused += 1;
            continue;
        };
        match agree(parts, &format!("mutant {round} of {name}")) {
            (true, _) => answered += 1,
            _ => declined += 1,
        }
    }
    eprintln!(
        "{answered} mutants read directly, {declined} declined, {refused} refused by the guard"
    );
    assert!(answered > 1_000, "{answered} answered, {declined} declined");
}

/// A blank form with `insert` put before the first `before` in one part, as a zip.
fn blank_form_with(part: &str, before: &[u8], insert: &[u8]) -> Vec<u8> {
    let o = crate::outline::Outline::embedded();
    let mut parts = inflated(&crate::form::blank(&o).expect("form")).expect("inline");
    let (_, xml, _) = parts.iter_mut().find(|(n, _, _)| n == part).expect("part");
    let at = memchr::memmem::find(xml, before).expect("where to insert");
    xml.splice(at..at, insert.iter().copied());
    crate::read::guard::stored(&parts).expect("stored")
}

/// A sheet the direct reader declines is read by calamine over the same parts; the other sheets
/// stay with the direct reader. Through the reader's own `open`, as check and merge use it.
#[test]
fn a_declined_sheet_is_read_by_calamine() {
    use crate::read::Book as Read;
    // an Excel escape in a formula's cached text: calamine decodes it, the direct reader declines
    let zip = blank_form_with(
        "xl/worksheets/sheet1.xml",
        b"</sheetData>",
        br#"<row r="900"><c r="B900" t="str"><v>a_x0041_b</v></c></row>"#,
    );
    let mut book = crate::read::open(zip.clone()).expect("opens");
    assert!(
        matches!(book, Read::Direct(_)),
        "the workbook is still read directly"
    );
    let mut x = Xlsx::new(Cursor::new(zip)).expect("calamine");
    for name in book.sheet_names() {
        let (got, want) = (book.range(&name), x.worksheet_range(&name).ok());
        assert_eq!(
            render(vec![], vec![], vec![got]),
            render(vec![], vec![], vec![want]),
            "{name}"
        );
    }
    let form = book.range("Báo cáo").expect("form sheet");
    assert_eq!(form.get_value((899, 1)), Some(&Data::String("aAb".into())));
}

/// Shared strings the direct reader declines (a phonetic run) leave the whole workbook to calamine.
#[test]
fn declined_shared_strings_leave_the_workbook_to_calamine() {
    use crate::read::Book as Read;
    let zip = blank_form_with(
        "xl/sharedStrings.xml",
        b"</si>",
        br#"<rPh sb="0" eb="1"><t>x</t></rPh>"#,
    );
    let book = crate::read::open(zip).expect("opens");
    assert!(matches!(book, Read::Xlsx(_)), "calamine reads it");
}

/// Underscores that are not Excel escapes (`hop_tac_xa`, an option key) keep the workbook with the
/// direct reader, and it reads them as calamine does.
#[test]
fn underscores_that_are_not_escapes_are_read_directly() {
    let zip = blank_form_with(
        "xl/sharedStrings.xml",
        b"</sst>",
        "<si><t>hop_tac_xa _x41_ _x0041 _X0041_</t></si>".as_bytes(),
    );
    let parts = inflated(&zip).expect("inline");
    assert_eq!(agree(parts, "underscores"), (true, true));
}
