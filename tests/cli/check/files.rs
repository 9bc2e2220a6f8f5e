//! Whole files: fields found without their names, rows inserted, folders with other files, files
//! that cannot be read, exit codes, and the table as printed on a 100-column terminal.

use super::{
    Unit, assert_issues, assert_says, check_json, check_table, file, message, num, outline_with,
};
use crate::harness::{BIN, Sandbox};
use std::io::{Cursor, Read, Write};

/// Rewrite the XML parts of an xlsx with `edit(part name, text)`.
pub(super) fn rewrite_xlsx(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).expect("xlsx is a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read entry");
        if name.ends_with(".xml") {
            let xml = String::from_utf8(data).expect("xml is UTF-8");
            data = edit(&name, xml).into_bytes();
        }
        out.start_file(name, opts).expect("start entry");
        out.write_all(&data).expect("write entry");
    }
    out.finish().expect("finish zip").into_inner()
}

/// Drop every defined name (what a copy-paste into a new workbook does).
pub(super) fn without_names(part: &str, xml: String) -> String {
    match (
        part,
        xml.find("<definedNames>"),
        xml.find("</definedNames>"),
    ) {
        ("xl/workbook.xml", Some(a), Some(b)) => {
            format!("{}{}", &xml[..a], &xml[b + "</definedNames>".len()..])
        }
        _ => xml,
    }
}

/// Drop the cells of column G (the hidden key column) from the form sheet.
fn without_key_column(part: &str, xml: String) -> String {
    if part != "xl/worksheets/sheet1.xml" {
        return xml;
    }
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<c r=\"G") {
        out.push_str(&rest[..i]);
        let cell = &rest[i..];
        let open_end = cell.find('>').expect("end of tag");
        let end = if cell[..open_end].ends_with('/') {
            open_end + 1
        } else {
            cell.find("</c>").expect("end of cell") + "</c>".len()
        };
        rest = &cell[end..];
    }
    out.push_str(rest);
    assert!(!out.contains("<c r=\"G"), "key column removed");
    out
}

#[test]
fn fields_are_found_by_key_column_then_by_label_when_names_are_lost() {
    let sb = Sandbox::new();
    let good = Unit::clean()
        .with(&[
            ("members_delta", num(25.0)),
            ("members_admitted", num(35.0)),
        ])
        .bytes();
    let no_names = rewrite_xlsx(&good, without_names);
    sb.write("r/no-names.xlsx", &no_names);
    sb.write(
        "r/no-names-no-keys.xlsx",
        rewrite_xlsx(&no_names, without_key_column),
    );
    let doc = check_json(&sb, &["r"], 1);
    // Every one of the 123 inputs is found through the key column; the error is still at C54.
    let delta = (
        "error",
        "members_delta_now_start",
        "members_delta",
        "Báo cáo!C54",
        "25",
    );
    assert_issues(
        &doc,
        "/no-names.xlsx",
        "error",
        &[("warning", "found_by", "", "", ""), delta],
    );
    assert_says(
        &message(&doc, "/no-names.xlsx", "found_by", ""),
        &[
            "143 ô được tìm theo cột khóa ẩn",
            "“Tên công đoàn báo cáo” ở Báo cáo!A2",
            "“Số báo cáo” ở Báo cáo!B3",
            "“Ngày báo cáo” ở Báo cáo!D3 và 140 ô khác",
        ],
    );
    // Without key column, labels find every input that has one (the model table's cells have
    // none), and the masthead and signature inputs from the text printed beside them.
    assert_issues(
        &doc,
        "no-names-no-keys.xlsx",
        "error",
        &[("warning", "found_by", "", "", ""), delta],
    );
    assert_says(
        &message(&doc, "no-names-no-keys.xlsx", "found_by", ""),
        &[
            "73 ô được tìm theo nội dung dòng",
            "“Tên công đoàn báo cáo” ở Báo cáo!A2",
        ],
    );
    let f = file(&doc, "no-names-no-keys.xlsx");
    assert_eq!(f["unit"], "CĐCS Công ty TNHH Thủy sản Minh An");
}

#[test]
fn rows_added_above_a_figure_move_the_reported_cell_with_it() {
    let sb = Sandbox::new();
    // A form with one more line above the member figures: names and key column follow the
    // inputs, as after a row insertion, while the campaign and version stay the same.
    let shifted = outline_with(
        "[[sections.items]]\nkey = \"members_start\"",
        "[[sections.items]]\nnote = \"Ghi chú của đơn vị\"\n\n[[sections.items]]\nkey = \"members_start\"",
    );
    let unit = Unit::clean().with(&[
        ("members_delta", num(25.0)),
        ("members_admitted", num(35.0)),
        ("collection_rate", num(102.0)),
        ("unit_type", soket::record::Value::Text("Công ty".into())),
    ]);
    sb.write("r/shifted.xlsx", unit.bytes_with(&shifted));
    let doc = check_json(&sb, &["r"], 1);
    assert_issues(
        &doc,
        "shifted.xlsx",
        "error",
        &[
            ("error", "choice", "unit_type", "Báo cáo!C18", "Công ty"),
            (
                "error",
                "members_delta_now_start",
                "members_delta",
                "Báo cáo!C55",
                "25",
            ),
            (
                "warning",
                "soft_max",
                "collection_rate",
                "Báo cáo!C81",
                "102%",
            ),
        ],
    );
}

#[test]
fn other_files_in_folders_are_skipped_and_unreadable_files_do_not_stop_the_others() {
    let sb = Sandbox::new();
    Unit::clean().write(&sb, "nhan-ve/a/tot.xlsx");
    sb.write("nhan-ve/a/ghi-chu.txt", "đã nhận đủ");
    sb.write("nhan-ve/rong.xlsx", b"");
    sb.write("nhan-ve/anh.xls", b"\x89PNG\r\n\x1a\nnot a spreadsheet");
    sb.write("nhan-ve/cat-cut.xlsx", &Unit::clean().bytes()[..4000]);
    sb.write("van-ban.docx", b"PK\x03\x04");
    let doc = check_json(&sb, &["nhan-ve"], 1);
    assert_issues(&doc, "a/tot.xlsx", "ok", &[]);
    for name in ["rong.xlsx", "anh.xls", "cat-cut.xlsx"] {
        assert_issues(
            &doc,
            name,
            "unreadable",
            &[("error", "unreadable", "", "", "")],
        );
        assert_eq!(file(&doc, name)["unit"], serde_json::Value::Null);
    }
    assert_says(
        &message(&doc, "rong.xlsx", "unreadable", ""),
        &["Tệp rỗng (0 byte)"],
    );
    assert_says(
        &message(&doc, "anh.xls", "unreadable", ""),
        &["Không phải tệp bảng tính", "tệp ảnh"],
    );
    assert_says(&message(&doc, "cat-cut.xlsx", "unreadable", ""), &["hỏng"]);
    assert_eq!(
        doc["skipped"],
        serde_json::json!([{
            "path": "nhan-ve/a/ghi-chu.txt",
            "reason": "không phải tệp bảng tính (.xlsx, .xlsm, .xls, .ods): bỏ qua"
        }])
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 4, "ok": 1, "warning": 0, "error": 0, "unreadable": 3})
    );
    // the table says the same, one line per unreadable file and one for the skipped one
    let run = check_table(&sb, &["nhan-ve"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "■ nhan-ve/rong.xlsx — (chưa rõ đơn vị) — không đọc được\n  Lỗi: Tệp rỗng (0 byte)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("□ nhan-ve/a/ghi-chu.txt — không phải tệp bảng tính"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "Tổng cộng: 4 tệp — 1 đạt, 0 đạt có cảnh báo, 0 có lỗi, 3 không đọc được; 1 tệp bỏ qua.\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn exit_codes_zero_with_only_warnings_one_with_an_error_two_when_it_cannot_run() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[("collection_rate", num(104.0))])
        .write(&sb, "canh-bao.xlsx");
    Unit::clean()
        .with(&[("sub_unions", num(-1.0))])
        .write(&sb, "loi.xlsx");
    check_table(&sb, &["canh-bao.xlsx"]).expect_code(0);
    check_table(&sb, &["canh-bao.xlsx", "loi.xlsx"]).expect_code(1);
    // A path typed wrong is a problem to fix, not a clean run: listed as skipped, exit 1.
    let typo = check_table(&sb, &["canh-bao.xlsx", "khong-co.xlsx"]);
    typo.expect_code(1);
    assert!(
        typo.stdout.contains(
            "khong-co.xlsx — không tìm thấy tệp hoặc thư mục này: kiểm tra lại đường dẫn"
        ),
        "{}",
        typo.stdout
    );
    sb.write("de-cuong.toml", "[campaign\nid = ");
    for args in [
        &["--outline", "de-cuong.toml", "canh-bao.xlsx"][..],
        &["--outline", "khong-co.toml", "canh-bao.xlsx"],
        &["--format", "xml", "canh-bao.xlsx"],
        &[],
    ] {
        let run = check_table(&sb, args);
        run.expect_code(2);
        assert_eq!(
            run.stdout, "",
            "nothing on stdout when the command cannot run"
        );
        run.one_error_line();
    }
}

#[test]
fn the_table_fits_a_100_column_terminal_and_speaks_plainly() {
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[
            ("docs_issued", soket::record::Value::Text("1,5".into())),
            ("members_total", num(130.0)),
            ("propaganda_rate", num(120.0)),
        ])
        .write(&sb, "r/loi.xlsx");
    let out = std::process::Command::new(BIN)
        .args(["check", "--quiet", "r"])
        .current_dir(sb.path())
        .env("COLUMNS", "100")
        .output()
        .expect("run soket");
    assert_eq!(out.status.code(), Some(1));
    let run = String::from_utf8(out.stdout).expect("UTF-8");
    for line in run.lines() {
        assert!(line.chars().count() <= 100, "line wider than 100: {line}");
    }
    let out = &run;
    for piece in [
        "■ r/loi.xlsx — CĐCS Công ty TNHH Thủy sản Minh An — có lỗi — cần sửa",
        "| Mức độ",
        "Cần sửa thế nào",
        "Báo cáo!C27",
        "Báo cáo!C38",
        "Báo cáo!C53",
        "120%",
        "  3 lỗi, 0 cảnh báo",
    ] {
        assert!(out.contains(piece), "table lacks {piece:?}:\n{out}");
    }
    for rust_talk in ["Float(", "Some(", "None", "Error", "panicked", "\\u"] {
        assert!(!out.contains(rust_talk), "{rust_talk:?} in:\n{out}");
    }
}
