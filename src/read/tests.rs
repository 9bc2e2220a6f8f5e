//! The sparse reader against calamine: on every committed fixture the guards let through, each
//! sheet's cells are exactly the non-empty cells of calamine's `worksheet_range`, at the same
//! absolute addresses, and a sheet's head is its first rows.

use super::book;
use super::guard::Budget;
use super::sheet::{HEAD_ROWS, Sheet};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::PathBuf;

/// Every committed fixture file (LibreOffice returns, the hostile corpus), by name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
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
    files.sort();
    files
}

fn cells(s: &Sheet) -> BTreeMap<(u32, u32), Data> {
    s.iter().map(|(r, c, d)| ((r, c), d.clone())).collect()
}

#[test]
fn sparse_sheets_are_calamines_cells_on_every_fixture() {
    let mut compared = 0;
    for (name, bytes) in fixtures() {
        let Ok(mut book) = book::open(&bytes) else {
            continue;
        };
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
            .unwrap_or_else(|e| panic!("{name}: the guards passed it, calamine refused it: {e}"));
        for sheet in book.sheet_names() {
            let mut budget = Budget::default();
            let Ok(Some(ours)) = Sheet::read(&mut book, &sheet, None, &mut budget) else {
                continue;
            };
            let range = wb
                .worksheet_range(&sheet)
                .expect("calamine reads the sheet");
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let theirs: BTreeMap<(u32, u32), Data> = range
                .used_cells()
                .filter(|(_, _, d)| **d != Data::Empty)
                .map(|(r, c, d)| ((r as u32 + r0, c as u32 + c0), d.clone()))
                .collect();
            assert_eq!(cells(&ours), theirs, "{name}, sheet {sheet}");
            let head = Sheet::read(&mut book, &sheet, Some(HEAD_ROWS), &mut budget)
                .expect("head")
                .expect("sheet");
            let top: BTreeMap<_, _> = theirs
                .into_iter()
                .filter(|((r, _), _)| *r < HEAD_ROWS)
                .collect();
            assert_eq!(cells(&head), top, "{name}, head of sheet {sheet}");
            compared += 1;
        }
    }
    // the LibreOffice returns and the readable part of the hostile corpus, each with two or three sheets
    assert!(compared >= 75, "{compared} sheets compared");
}

fn lo_fixture(name: &str) -> super::Source {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lo")
        .join(name);
    let bytes = std::fs::read(&p).expect("fixture");
    super::read_bytes(bytes, &crate::outline::Outline::embedded()).expect("readable")
}

#[test]
fn the_row_a_unit_inserted_is_kept_with_its_place_in_the_form() {
    let s = lo_fixture("inserted_row.xlsx");
    let extra = &s.units[0].extra;
    // The unit inserted two rows above "members_start" (C52 of the form) and wrote a note in the
    // first (B52 of its file); the field moved to C54. The field above the note is C50.
    let outside = crate::workbook::outside::Outside {
        sheet: "Báo cáo".into(),
        row: 51,
        col: 1,
        text: "Ghi chú của đơn vị".into(),
        after: Some("activity_hardship".into()),
    };
    assert_eq!(extra, &vec![outside]);
}

#[test]
fn a_form_the_unit_only_filled_in_has_nothing_extra() {
    for name in [
        "good.xlsx",
        "good.xls",
        "good.ods",
        "errors.xlsx",
        "messy_text.xlsx",
    ] {
        let s = lo_fixture(name);
        assert_eq!(s.units[0].extra, Vec::new(), "{name}");
    }
}
