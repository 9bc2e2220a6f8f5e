//! The "Tình hình nộp" sheet of the summary workbook.

use crate::check::{completeness, match_units};
use crate::roster::tests::*;

#[test]
fn the_status_sheet_lists_figures_and_units() {
    let r = three();
    let files = [dated("a.xlsx", "AG-1", Some(day(2, 5)), false)];
    let c = completeness(
        &r,
        &match_units(&Outline::embedded(), &r, &files),
        day(5, 5),
        day(30, 4),
    );
    let mut wb = rust_xlsxwriter::Workbook::new();
    crate::summary::write::roster::write(wb.add_worksheet(), &c).expect("sheet");
    let bytes = wb.save_to_buffer().expect("save");
    use calamine::{Data, Reader};
    let mut x = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
    let range = x
        .worksheet_range(crate::summary::write::roster::SHEET_NAME)
        .expect("sheet");
    let find = |s: &str| {
        range
            .used_cells()
            .find(|(_, _, v)| matches!(v, Data::String(t) if t == s))
            .map(|(r, c, _)| (r, c))
            .unwrap_or_else(|| panic!("no cell {s}"))
    };
    let (row, _) = find("Tổng cộng");
    let nums: Vec<f64> = (3..11)
        .map(|c| match range.get((row, c)) {
            Some(Data::Float(f)) => *f,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(nums, [3.0, 0.0, 1.0, 2.0, 0.0, 0.0, 1.0 / 3.0, 0.0]);
    let (hr, _) = find("Mã đơn vị");
    let cell = |r: usize, c: usize| range.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(
        (cell(hr + 1, 1), cell(hr + 1, 3), cell(hr + 1, 8)),
        (
            "AG-1".to_string(),
            "trễ hạn".to_string(),
            "a.xlsx".to_string()
        )
    );
    assert_eq!(cell(hr + 2, 3), "chưa nộp");
}
