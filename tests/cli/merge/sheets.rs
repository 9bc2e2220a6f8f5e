//! Reading the summary back: cells by absolute address, rows by label, the hidden key row, chart ranges, file tweaks.

use super::inputs::{PROVINCE_ARGS, province};
use crate::harness::{Book, Sandbox, SheetData, col_letter};
use calamine::Data;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

pub(super) const SHEETS: [&str; 12] = [
    "Tổng hợp",
    "Theo loại hình",
    "Theo cấp trên",
    "Chi tiết",
    "Mô hình",
    "Đề xuất khen thưởng",
    "Kiến nghị",
    "Thuận lợi - Khó khăn",
    "Kiểm tra",
    "Biểu đồ",
    "Nguồn",
    "_soket",
];

#[track_caller]
pub(super) fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-6, "{what}: got {got}, want {want}");
}

#[track_caller]
pub(super) fn assert_figures(got: &Json, want: &BTreeMap<String, f64>, what: &str) {
    let got = got
        .as_object()
        .unwrap_or_else(|| panic!("{what} is an object"));
    let got_keys: Vec<&String> = got.keys().collect();
    let want_keys: Vec<&String> = want.keys().collect();
    assert_eq!(got_keys, want_keys, "{what}: keys");
    for (k, w) in want {
        let g = got[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{what}.{k} is a number"));
        assert!((g - w).abs() < 1e-6, "{what}.{k}: got {g}, want {w}");
    }
}

/// The number in a cell (absolute A1 address).
#[track_caller]
pub(super) fn cell_num(s: &SheetData, a1: &str) -> f64 {
    match s.at(a1) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("{a1}: expected a number, got {other:?}"),
    }
}

/// 1-based rows whose cell in column `col` (0-based) holds exactly `text`.
pub(super) fn rows_with(s: &SheetData, col: u32, text: &str) -> Vec<u32> {
    s.strings()
        .into_iter()
        .filter(|(_, c, t)| *c == col && t == text)
        .map(|(r, _, _)| r + 1)
        .collect()
}

/// The first 1-based row whose cell in column `col` holds exactly `text`.
#[track_caller]
pub(super) fn row_with(s: &SheetData, col: u32, text: &str) -> u32 {
    *rows_with(s, col, text)
        .first()
        .unwrap_or_else(|| panic!("no row with “{text}” in column {col}"))
}

/// The last such row (figures whose label also heads the member block).
#[track_caller]
pub(super) fn last_row_with(s: &SheetData, col: u32, text: &str) -> u32 {
    *rows_with(s, col, text)
        .last()
        .unwrap_or_else(|| panic!("no row with “{text}” in column {col}"))
}

/// Column letter of a key in the hidden key row of "Chi tiết".
pub(super) fn key_col(s: &SheetData, key: &str) -> String {
    let c = s
        .strings()
        .into_iter()
        .find(|(r, _, t)| *r == 2 && t == key)
        .unwrap_or_else(|| panic!("no key {key} in row 3"))
        .1;
    col_letter(c)
}

/// The sheet and first/last rows of a chart range like `'Theo loại hình'!$D$27:$L$27`.
pub(super) fn ranges(chart: &str) -> Vec<String> {
    chart
        .split("<c:f>")
        .skip(1)
        .map(|s| s[..s.find("</c:f>").unwrap()].to_string())
        .collect()
}

/// The province merge run, and its summary opened.
pub(super) fn province_book() -> (Sandbox, Book) {
    let sb = province();
    sb.run(&PROVINCE_ARGS).expect_code(1);
    let book = Book::open(sb.join("tinh.xlsx"));
    (sb, book)
}

/// Replace a text in the XML parts of an xlsx (what another program's re-save can do).
pub(super) fn rewrite_text(path: &Path, from: &str, to: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry data");
        if name.ends_with(".xml") {
            let text = String::from_utf8(data).expect("utf-8");
            found |= text.contains(from);
            data = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    assert!(found, "{from} is in the workbook");
    std::fs::write(path, out.finish().expect("finish").into_inner()).expect("write xlsx");
}

pub(super) fn set_mtime(path: &Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set modification time");
}
