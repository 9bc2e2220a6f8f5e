//! `check --feedback DIR`: one “cần sửa” workbook per return with issues, listing every issue on
//! a first sheet and marking the unit's own faulty cells with a colour and a note.

use super::files::{rewrite_xlsx, without_names};
use super::{Unit, check_json, file, num, rows, text};
use crate::harness::{Book, Sandbox, attr, sha256, sheet_xml, tags, xlsx_part, xlsx_part_names};

const ERROR_FILL: &str = "FFF4B6B6";
const WARNING_FILL: &str = "FFFFC37A";
const INPUT_FILL: &str = "FFFFF2CC";

/// The fill colour (ARGB) of a cell of a sheet, through its style.
fn fill_of(path: &std::path::Path, sheet: &str, a1: &str) -> String {
    let xml = sheet_xml(path, sheet);
    let cell = tags(&xml, "c")
        .into_iter()
        .find(|t| attr(t, "r").as_deref() == Some(a1))
        .unwrap_or_else(|| panic!("no cell {a1}"));
    let style: usize = attr(cell, "s").map_or(0, |s| s.parse().expect("style index"));
    let styles = xlsx_part(path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xf = tags(xfs, "xf")[style];
    let fill: usize = attr(xf, "fillId")
        .expect("fillId")
        .parse()
        .expect("fill index");
    let fills = &styles[styles.find("<fills").expect("fills")..];
    let fill_xml = fills.split("<fill>").nth(fill + 1).expect("fill");
    tags(fill_xml, "fgColor")
        .first()
        .and_then(|t| attr(t, "rgb"))
        .unwrap_or_default()
}

#[test]
fn a_fix_file_per_return_with_issues_with_the_list_the_values_colours_and_notes() {
    let sb = Sandbox::new();
    Unit::clean().write(&sb, "nhan-ve/tot.xlsx");
    Unit::clean()
        .with(&[
            ("docs_issued", text("1,5")),
            ("workers_total", text("1.234.567")),
            ("members_delta", num(25.0)),
        ])
        .without(&["signer_name"])
        .write(&sb, "nhan-ve/can-sua-gap.xlsx");
    sb.copy_fixture("lo/inserted_row.xlsx", "nhan-ve/lo/chen-dong.xlsx");
    // Only how its cells were found is worth a remark, and that is for the officer, not the unit.
    sb.write(
        "nhan-ve/mat-ten.xlsx",
        rewrite_xlsx(&Unit::clean().bytes(), without_names),
    );
    let before = sha256(sb.join("nhan-ve/can-sua-gap.xlsx"));
    let doc = check_json(&sb, &["nhan-ve", "--feedback", "tra-lai"], 1);
    assert_eq!(
        sb.list("tra-lai"),
        ["can-sua-gap-can-sua.xlsx", "chen-dong-can-sua.xlsx"],
        "one file per return with something to fix, none for the clean one"
    );
    assert_eq!(file(&doc, "mat-ten.xlsx")["status"], "warning");
    assert_eq!(
        before,
        sha256(sb.join("nhan-ve/can-sua-gap.xlsx")),
        "the return itself is never changed"
    );
    let path = sb.join("tra-lai/can-sua-gap-can-sua.xlsx");
    let mut book = Book::open(&path);
    assert_eq!(book.sheet_names(), ["Cần sửa", "Báo cáo", "_soket"]);

    // The list: every issue of the return, in the order of the report, pointing at the form's cells.
    let issues = rows(file(&doc, "can-sua-gap.xlsx"));
    let list = book.sheet("Cần sửa");
    assert_eq!(
        list.text("A1").as_deref(),
        Some("NHỮNG ĐIỂM CẦN SỬA TRONG BÁO CÁO")
    );
    // Row 2 says whose return it is; the header is on row 5; errors come first (issue 15.8-9).
    assert_eq!(list.text("E5").as_deref(), Some("Cần sửa thế nào"));
    let listed: Vec<[String; 4]> = (6..6 + issues.len())
        .map(|r| ["A", "B", "C", "D"].map(|c| list.text(&format!("{c}{r}")).unwrap_or_default()))
        .collect();
    assert_eq!(
        listed,
        [
            [
                "Lỗi",
                "Báo cáo!C27",
                "Số văn bản/kế hoạch triển khai đã ban hành",
                "1,5"
            ],
            [
                "Lỗi",
                "Báo cáo!C54",
                "Số đoàn viên tăng/giảm trong 05 năm",
                "25"
            ],
            [
                "Lỗi",
                "Báo cáo!C54",
                "Số đoàn viên tăng/giảm trong 05 năm",
                "25"
            ],
            ["Lỗi", "Báo cáo!D127", "Họ và tên người ký", ""],
            [
                "Cảnh báo",
                "Báo cáo!C19",
                "Tổng số CNVCLĐ/NLĐ hiện có",
                "1.234.567"
            ],
        ]
        .map(|r| r.map(String::from))
    );
    assert_eq!(
        list.text(&format!("A{}", 6 + issues.len())),
        None,
        "nothing more"
    );
    let how = list.text("E6").expect("what to do");
    assert!(how.starts_with("“1,5” không rõ"), "{how}");

    // The form: the unit's own values, faulty cells coloured, the rest as in a blank form.
    let form = book.sheet("Báo cáo");
    assert_eq!(form.text("C27").as_deref(), Some("1,5"));
    assert_eq!(form.text("C19").as_deref(), Some("1234567"));
    assert_eq!(form.text("C54").as_deref(), Some("25"));
    assert_eq!(
        form.text("C17").as_deref(),
        Some("Công ty TNHH Thủy sản Minh An")
    );
    assert_eq!(fill_of(&path, "Báo cáo", "C27"), ERROR_FILL);
    assert_eq!(fill_of(&path, "Báo cáo", "C54"), ERROR_FILL);
    assert_eq!(fill_of(&path, "Báo cáo", "D127"), ERROR_FILL);
    assert_eq!(fill_of(&path, "Báo cáo", "C19"), WARNING_FILL);
    assert_eq!(fill_of(&path, "Báo cáo", "C20"), INPUT_FILL);

    // Notes carry the messages, both of a cell's messages in its one note.
    let comments: Vec<String> = xlsx_part_names(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/comments"))
        .collect();
    assert_eq!(comments.len(), 1, "{comments:?}");
    let notes = xlsx_part(&path, &comments[0]);
    assert_eq!(tags(&notes, "comment").len(), 4);
    for (a1, piece) in [
        ("C27", "không rõ"),
        ("C19", "đã đọc là 1.234.567 người"),
        (
            "C54",
            "Số đoàn viên kết nạp mới (30) − Số đoàn viên giảm (10) = 20",
        ),
        (
            "C54",
            "Số đoàn viên hiện nay (120) − Số đoàn viên đầu kỳ (100) = 20",
        ),
        ("D127", "Chưa điền"),
    ] {
        let at = notes
            .find(&format!("ref=\"{a1}\""))
            .unwrap_or_else(|| panic!("no note on {a1}"));
        let body = &notes[at..notes[at..].find("</comment>").expect("end") + at];
        assert!(body.contains(piece), "note on {a1} lacks {piece:?}: {body}");
    }

    // After rows were inserted the report names the unit's own cell; the fix file, a fresh form,
    // names the cell of the fresh form and the unit's own cell beside it (issue 15.10).
    let shifted = Book::open(sb.join("tra-lai/chen-dong-can-sua.xlsx"))
        .sheet("Cần sửa")
        .text("B6");
    assert_eq!(
        shifted.as_deref(),
        Some("Báo cáo!C80 (tệp đơn vị gửi: Báo cáo!C82)")
    );
    assert_eq!(
        rows(file(&doc, "chen-dong.xlsx"))[0].3,
        "Báo cáo!C82",
        "the report names the cell in the unit's file"
    );

    // Checked again, the fix file says the same about the same cells (the warning is gone: the
    // figure is now written as a number).
    let again = check_json(&sb, &["tra-lai/can-sua-gap-can-sua.xlsx"], 1);
    let mut want = issues.clone();
    want.retain(|r| r.1 != "normalized");
    assert_eq!(rows(&again["files"][0]), want);
}

#[test]
fn fix_files_are_not_overwritten_without_force() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[("sub_unions", num(-1.0))])
        .write(&sb, "nhan-ve/a.xlsx");
    Unit::clean()
        .with(&[("sub_unions", num(-2.0))])
        .write(&sb, "nhan-ve/b.xlsx");
    check_json(&sb, &["nhan-ve", "--feedback", "tra-lai"], 1);
    let a = sb.join("tra-lai/a-can-sua.xlsx");
    let first = sha256(&a);
    sb.write("tra-lai/b-can-sua.xlsx", "ghi chú của cán bộ");

    // The unit sends a new return; without --force nothing is written, and the command says why.
    Unit::clean()
        .with(&[("sub_unions", num(-5.0))])
        .write(&sb, "nhan-ve/a.xlsx");
    let run = sb.run(&["check", "--quiet", "nhan-ve", "--feedback", "tra-lai"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(
        line.contains("2 tệp cần sửa đã có")
            && line.contains("tra-lai/a-can-sua.xlsx")
            && line.contains("--force"),
        "{line}"
    );
    assert_eq!(sha256(&a), first);
    assert_eq!(
        std::fs::read_to_string(sb.join("tra-lai/b-can-sua.xlsx")).expect("read"),
        "ghi chú của cán bộ"
    );

    // With --force both are written again, the new figure in place.
    let run = sb.run(&[
        "check",
        "--quiet",
        "nhan-ve",
        "--feedback",
        "tra-lai",
        "--force",
    ]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("Đã ghi tệp cần sửa: tra-lai/a-can-sua.xlsx"),
        "{}",
        run.stderr
    );
    assert_ne!(sha256(&a), first);
    let mut book = Book::open(&a);
    assert_eq!(book.sheet("Báo cáo").text("C21").as_deref(), Some("-5"));
    assert_eq!(
        Book::open(sb.join("tra-lai/b-can-sua.xlsx")).sheet_names()[0],
        "Cần sửa"
    );
    assert_eq!(
        sb.list("tra-lai"),
        ["a-can-sua.xlsx", "b-can-sua.xlsx"],
        "no temporary file left"
    );
}
