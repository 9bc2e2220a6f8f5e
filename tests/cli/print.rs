//! Issue 15: what the printed pages show — number formats that print the Vietnamese way in any
//! locale, the letterhead and date line of the form, the feedback file's header and order, the
//! summary's page setup. (tests/render.sh prints every artifact to look at the pages.)

use crate::harness::{Book, Sandbox, tags, xlsx_part};

/// Run the demo (30 units) into `dir` of the sandbox.
fn demo(sb: &Sandbox, dir: &str) {
    sb.run(&["demo", "-o", dir, "--units", "30"]).expect_code(0);
}

/// A number format with every locale-dependent separator removed from what it prints: the text
/// outside quotes, escapes and [conditions] must hold no ',' (thousands) and no '.' (decimals).
fn locale_free(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' => {
                chars.next();
            }
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ',' | '.' => return false,
            _ => {}
        }
    }
    true
}

/// Every number format code of a workbook (cell formats and conditional formats).
fn format_codes(path: impl AsRef<std::path::Path>) -> Vec<String> {
    let styles = xlsx_part(path, "xl/styles.xml");
    tags(&styles, "numFmt")
        .iter()
        .filter_map(|t| crate::harness::attr(t, "formatCode"))
        .map(|c| c.replace("&quot;", "\"").replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_locale_check_of_this_file_tells_the_two_kinds_of_format_apart() {
    assert!(!locale_free("#,##0"));
    assert!(!locale_free("0.0%"));
    assert!(locale_free("#\\.##0"));
    assert!(locale_free("\"81,1%\""));
    assert!(locale_free("[>=1000]#\\.##0;0"));
}

#[test]
fn every_number_format_prints_the_vietnamese_way_in_any_locale() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "form.xlsx"]).ok();
    demo(&sb, "d");
    let books = [
        sb.join("form.xlsx"),
        sb.join("d/bao-cao/AG-0001.xlsx"),
        sb.join("d/can-sua/AG-0004-can-sua.xlsx"),
        sb.join("d/bao-cao/tong-hop-phuong-rach-gia.xlsx"),
        sb.join("d/tong-hop-tinh.xlsx"),
    ];
    for b in &books {
        let codes = format_codes(b);
        let bad: Vec<&String> = codes.iter().filter(|c| !locale_free(c)).collect();
        assert!(bad.is_empty(), "{}: {bad:?}", b.display());
    }
    // Thousands dots come from the conditional formats of whole-number inputs.
    assert!(format_codes(&books[0]).iter().any(|c| c == "#\\.##0"));
    assert!(
        format_codes(&books[0])
            .iter()
            .any(|c| c == "#\\.###\\.###\\.##0")
    );
    // The province summary's weighted percentages print with a decimal comma.
    let summary = format_codes(&books[4]);
    assert!(
        summary
            .iter()
            .any(|c| c.starts_with('"') && c.ends_with("%\"") && c.contains(',')),
        "{summary:?}"
    );
}

#[test]
fn a_percent_input_prints_its_sign_once() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "form.xlsx"]).ok();
    let mut book = Book::open(sb.join("form.xlsx"));
    let form = book.sheet("Báo cáo");
    let percent_units: Vec<_> = form
        .strings()
        .into_iter()
        .filter(|(_, _, s)| s.trim() == "%")
        .collect();
    assert_eq!(percent_units, []);
}

/// Per-unit forms of two units, one under a ward union and one directly under the province.
fn unit_forms(sb: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf) {
    sb.write(
        "ds.csv",
        "Mã đơn vị,Tên đơn vị,Loại hình,Công đoàn cấp trên\n\
         AG-0001,Trung tâm Y tế khu vực Gành Dầu,Đơn vị sự nghiệp y tế,Công đoàn phường Rạch Giá\n\
         AG-0002,Công đoàn Văn phòng UBND tỉnh,Cơ quan hành chính nhà nước,Trực thuộc LĐLĐ tỉnh\n",
    );
    sb.run(&["template", "--roster", "ds.csv", "-o", "forms"])
        .ok();
    let pick = |code: &str| {
        let name = sb
            .list("forms")
            .into_iter()
            .find(|f| f.starts_with(code))
            .expect("form of the unit");
        sb.join("forms").join(name)
    };
    (pick("AG-0001"), pick("AG-0002"))
}

/// The cell a defined name points at ("C19").
fn cell_of(book: &Book, key: &str) -> String {
    let reference = book.name(&format!("sk_{key}")).expect("defined name");
    reference.rsplit('!').next().expect("cell").replace('$', "")
}

#[test]
fn the_letterhead_names_the_direct_upper_body_and_the_union() {
    let sb = Sandbox::new();
    let (ward, direct) = unit_forms(&sb);
    let mut book = Book::open(&ward);
    let union = cell_of(&book, "union_name");
    let form = book.sheet("Báo cáo");
    assert_eq!(
        form.text("A1").as_deref(),
        Some("CÔNG ĐOÀN PHƯỜNG RẠCH GIÁ")
    );
    assert_eq!(
        form.text(&union).as_deref(),
        Some("Công đoàn cơ sở Trung tâm Y tế khu vực Gành Dầu")
    );
    assert_eq!(book.locked("Báo cáo", &union), Some(false));
    // The first line is a formula on the upper-level input: it follows what the unit chooses.
    let xml = crate::harness::sheet_xml(&ward, "Báo cáo");
    let a1 = xml.split("<c r=\"A1\"").nth(1).expect("A1");
    assert!(
        a1.split("</c>").next().unwrap_or("").contains("<f>"),
        "{a1}"
    );
    // A name that already opens with "Công đoàn" is not prefixed again; the province's own units
    // print the province federation on the first line.
    let mut book = Book::open(&direct);
    let union = cell_of(&book, "union_name");
    let form = book.sheet("Báo cáo");
    assert_eq!(
        form.text("A1").as_deref(),
        Some("LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG")
    );
    assert_eq!(
        form.text(&union).as_deref(),
        Some("Công đoàn Văn phòng UBND tỉnh")
    );
}

#[test]
fn the_unit_name_is_filled_in_and_open() {
    let sb = Sandbox::new();
    let (ward, _) = unit_forms(&sb);
    let mut book = Book::open(&ward);
    let cell = cell_of(&book, "unit_name");
    assert_eq!(
        book.sheet("Báo cáo").text(&cell).as_deref(),
        Some("Trung tâm Y tế khu vực Gành Dầu")
    );
    assert_eq!(book.locked("Báo cáo", &cell), Some(false));
}

/// The conditional-format rules (formulas) and number formats of the cells of a sheet.
fn conditional_rules(xml: &str, cell: &str) -> Vec<String> {
    xml.split("<conditionalFormatting ")
        .skip(1)
        .filter(|t| crate::harness::attr(t, "sqref").as_deref() == Some(cell))
        .flat_map(|t| {
            t.split("<formula>")
                .skip(1)
                .map(|f| f.split("</formula>").next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_date_line_follows_decree_30_and_a_full_number_is_not_doubled() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "form.xlsx"]).ok();
    let path = sb.join("form.xlsx");
    let book = Book::open(&path);
    let codes = format_codes(&path);
    // "ngày 16 tháng 4": the month without a leading zero; a date typed as text ("25/4/2026")
    // still prints inside the line, after "ngày" (the fourth section of the format)…
    let line = |m: &str| {
        let d = format!("\"An Giang, ngày \"dd\" tháng \"{m}\" năm \"yyyy");
        format!("{d};{d};{d};\"An Giang, ngày \"@")
    };
    assert!(codes.contains(&line("m")), "{codes:?}");
    // …but "tháng 02" for January and February, by a conditional format on the date cell, and a
    // text that is a whole date line ("ngày 25 tháng 4 năm 2026") as typed.
    assert!(codes.contains(&line("mm")), "{codes:?}");
    let xml = crate::harness::sheet_xml(&path, "Báo cáo");
    let date = cell_of(&book, "report_date");
    assert_eq!(
        conditional_rules(&xml, &date),
        [
            format!("AND(ISNUMBER({date}),MONTH({date})&lt;=2)"),
            format!("AND(ISTEXT({date}),ISNUMBER(SEARCH(\"ngày\",{date})))")
        ]
    );
    // The number's suffix is printed after a bare number, and not after a number typed in full.
    let number = cell_of(&book, "report_number");
    // A number under 10 prints with its leading zero, as Decree 30 writes it: 1 prints "01/BC-CĐCS".
    assert!(
        codes.contains(&"00\"/BC-CĐCS\";-00\"/BC-CĐCS\";00\"/BC-CĐCS\";@\"/BC-CĐCS\"".to_string()),
        "{codes:?}"
    );
    assert_eq!(
        conditional_rules(&xml, &number),
        [format!("ISNUMBER(SEARCH(\"/\",{number}))")]
    );
}

#[test]
fn there_is_room_to_sign_and_seal() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "form.xlsx"]).ok();
    let mut book = Book::open(sb.join("form.xlsx"));
    let form = book.sheet("Báo cáo");
    let (hint, _, _) = form
        .strings()
        .into_iter()
        .find(|(_, _, s)| s == "(Ký tên, đóng dấu)")
        .expect("hint");
    let xml = crate::harness::sheet_xml(sb.join("form.xlsx"), "Báo cáo");
    let height = |row: u32| -> f64 {
        let tag = xml
            .split("<row ")
            .skip(1)
            .find(|t| crate::harness::attr(t, "r") == Some((row + 1).to_string()))
            .unwrap_or_else(|| panic!("row {}", row + 1));
        crate::harness::attr(tag, "ht").map_or(15.0, |h| h.parse().expect("height"))
    };
    // The rows between the hint and the signer's name: at least 3 cm (85 points).
    let room: f64 = (hint + 1..hint + 3).map(height).sum();
    assert!(room >= 85.0, "{room} points");
}

#[test]
fn the_feedback_file_says_whose_it_is_and_lists_errors_first() {
    let sb = Sandbox::new();
    demo(&sb, "d");
    let mut book = Book::open(sb.join("d/can-sua/AG-0004-can-sua.xlsx"));
    let fix = book.sheet("Cần sửa");
    let about = fix.text("A2").expect("who");
    assert!(about.contains("mã đơn vị AG-0004"), "{about}");
    assert!(about.contains("Công ty TNHH May mặc Ngọc Trai"), "{about}");
    assert!(
        about.contains("Báo cáo ngày 16 tháng 4 năm 2026"),
        "{about}"
    );
    assert!(about.contains("tệp AG-0004.xlsx"), "{about}");
    // The header is on row 5, the findings below it: every error before the first warning.
    assert_eq!(fix.text("A5").as_deref(), Some("Mức độ"));
    let severities: Vec<String> = (6..40).map_while(|r| fix.text(&format!("A{r}"))).collect();
    assert!(severities.len() >= 2, "{severities:?}");
    let first_warning = severities.iter().position(|s| s != "Lỗi");
    if let Some(w) = first_warning {
        assert!(severities[w..].iter().all(|s| s != "Lỗi"), "{severities:?}");
    }
    assert_eq!(severities[0], "Lỗi");
    // A negative number never wraps after its sign: "−113" with a minus sign.
    let messages: Vec<String> = (6..6 + severities.len() as u32)
        .filter_map(|r| fix.text(&format!("E{r}")))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("= \u{2212}113")),
        "{messages:?}"
    );
    assert!(messages.iter().all(|m| !m.contains(" -1")), "{messages:?}");
}

#[test]
fn a_finding_names_the_cell_of_both_files_when_the_unit_inserted_rows() {
    let sb = Sandbox::new();
    sb.copy_fixture("lo/inserted_row.xlsx", "in/inserted_row.xlsx");
    sb.run(&["check", "--feedback", "fb", "in"]).expect_code(0);
    let mut book = Book::open(sb.join("fb/inserted_row-can-sua.xlsx"));
    let fix = book.sheet("Cần sửa");
    assert_eq!(
        fix.text("B6").as_deref(),
        Some("Báo cáo!C80 (tệp đơn vị gửi: Báo cáo!C82)")
    );
    // The row the unit inserted and its note are given back: listed after the issues, and noted on
    // the input above the place they were (C50, the field right above the inserted rows).
    assert_eq!(
        fix.text("A8").as_deref(),
        Some("NỘI DUNG ĐƠN VỊ GHI THÊM NGOÀI CÁC Ô CỦA BIỂU MẪU")
    );
    assert_eq!(fix.text("A10").as_deref(), Some("Ô (tệp đơn vị gửi)"));
    assert_eq!(fix.text("A11").as_deref(), Some("Báo cáo!B52"));
    assert_eq!(fix.text("C11").as_deref(), Some("Ghi chú của đơn vị"));
    assert_eq!(fix.text("A12"), None);
    let notes = xlsx_part(sb.join("fb/inserted_row-can-sua.xlsx"), "xl/comments1.xml");
    let at_c50 = notes
        .split("<comment ")
        .find(|c| c.starts_with("ref=\"C50\""))
        .expect("a note on C50");
    assert!(
        at_c50.contains("Ở tệp đơn vị gửi, dưới dòng này có ghi thêm (xem trang “Cần sửa”):\nB52: “Ghi chú của đơn vị”"),
        "{at_c50}"
    );
}

#[test]
fn a_form_only_filled_in_gets_no_list_of_extra_cells() {
    let sb = Sandbox::new();
    sb.copy_fixture("lo/errors.xlsx", "in/errors.xlsx");
    sb.run(&["check", "--feedback", "fb", "in"]).expect_code(1);
    let mut book = Book::open(sb.join("fb/errors-can-sua.xlsx"));
    let fix = book.sheet("Cần sửa");
    assert!(
        !fix.strings()
            .iter()
            .any(|(_, _, t)| t.contains("GHI THÊM NGOÀI")),
        "no extra-cells table"
    );
}

/// Set a file's modification time (seconds since 1970).
fn set_mtime(path: &std::path::Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set modification time");
}

#[test]
fn with_equal_dates_a_return_without_errors_wins_and_file_times_do_not_matter() {
    use crate::check::{Unit, num, text};
    let sb = Sandbox::new();
    let clean = Unit::clean();
    // Same unit, same report date; the newer file (by time and by name) has an error.
    let broken = Unit::clean().with(&[("members_delta", num(999.0))]);
    let a = sb.write("r/a-loi.xlsx", broken.bytes());
    let b = sb.write("r/b-dung.xlsx", clean.bytes());
    for (old, new) in [(&b, &a), (&a, &b)] {
        set_mtime(old, 1_700_000_000);
        set_mtime(new, 1_800_000_000);
        let j = sb
            .run(&["merge", "--force", "--format", "json", "-o", "t.xlsx", "r"])
            .json();
        let dup = &j["duplicates"][0];
        assert!(
            dup["kept"].as_str().expect("kept").ends_with("b-dung.xlsx"),
            "{dup}"
        );
        assert_eq!(dup["conflict"], false);
        assert_eq!(
            dup["reason"],
            "cùng ngày báo cáo: dùng báo cáo không có lỗi"
        );
        assert_eq!(j["units_excluded"], 0);
    }
    // Two clean returns of the same date that disagree: a conflict, named, the choice by path.
    let other = Unit::clean().with(&[("advantages", text("Một ý khác."))]);
    std::fs::remove_file(&a).expect("rm");
    sb.write("r/c-khac.xlsx", other.bytes());
    let run = sb.run(&["merge", "--force", "--format", "json", "-o", "t.xlsx", "r"]);
    let j = run.json();
    let dup = &j["duplicates"][0];
    assert_eq!(dup["conflict"], true, "{dup}");
    assert!(
        dup["kept"].as_str().expect("kept").ends_with("b-dung.xlsx"),
        "{dup}"
    );
    assert!(
        dup["reason"]
            .as_str()
            .expect("reason")
            .starts_with("CẦN XEM LẠI"),
        "{dup}"
    );
    assert_eq!(dup["unit"], "CĐCS Công ty TNHH Thủy sản Minh An");
}

/// The `<definedName name="…" localSheetId=…>` texts of a workbook, as (name, text).
fn defined_names(path: &std::path::Path) -> Vec<(String, String)> {
    let wb = xlsx_part(path, "xl/workbook.xml");
    wb.split("<definedName ")
        .skip(1)
        .map(|t| {
            let name = crate::harness::attr(t, "name").unwrap_or_default();
            let body = t.split('>').nth(1).unwrap_or("");
            let body = body.split("</definedName").next().unwrap_or("");
            (name, body.replace("&apos;", "'"))
        })
        .collect()
}

#[test]
fn the_summary_prints_as_annexes_fit_to_read_and_sign() {
    let sb = Sandbox::new();
    demo(&sb, "d");
    let path = sb.join("d/tong-hop-tinh.xlsx");
    let names = defined_names(&path);
    let has = |name: &str, text: &str| names.iter().any(|(n, t)| n == name && t == text);
    // 15.11 "Chi tiết": landscape at 75 % (9 pt, no fitting), in bands of columns with the unit's
    // number and name on every page and the labels on top; the note above, the hidden key row,
    // the status codes and the file paths out of the print area (it ends at "Tình trạng").
    let detail = crate::harness::sheet_xml(&path, "Chi tiết");
    let setup = tags(&detail, "pageSetup")[0];
    assert!(setup.contains("orientation=\"landscape\""), "{setup}");
    assert!(!detail.contains("fitToPage"), "no fitting to the page");
    assert_eq!(
        crate::harness::attr(setup, "scale").as_deref(),
        Some("75"),
        "{setup}"
    );
    assert!(
        has("_xlnm.Print_Titles", "'Chi tiết'!$A:$B,'Chi tiết'!$4:$4"),
        "{names:?}"
    );
    let mut book = Book::open(&path);
    let s = book.sheet("Chi tiết");
    let status_col = s
        .strings()
        .into_iter()
        .find(|(r, _, t)| *r == 3 && t == "Tình trạng")
        .map(|(_, c, _)| crate::harness::col_letter(c))
        .expect("status column");
    let area = format!("'Chi tiết'!$A$4:${status_col}$");
    assert!(
        names
            .iter()
            .any(|(n, t)| n == "_xlnm.Print_Area" && t.starts_with(&area)),
        "{area} {names:?}"
    );
    // A unit's name that wraps gets a row tall enough: printed, it never runs over the next row.
    let heights: std::collections::HashMap<u32, f64> = tags(&detail, "row")
        .iter()
        .filter_map(|t| {
            let r = crate::harness::attr(t, "r")?.parse().ok()?;
            Some((r, crate::harness::attr(t, "ht")?.parse().ok()?))
        })
        .collect();
    let long: Vec<(u32, String)> = s
        .strings()
        .into_iter()
        .filter(|(r, c, t)| *r > 3 && *c == 1 && t.chars().count() > 30)
        .map(|(r, _, t)| (r + 1, t))
        .collect();
    assert!(!long.is_empty(), "the demo has long unit names");
    for (r, name) in &long {
        let ht = heights.get(r).copied().unwrap_or(0.0);
        assert!(ht >= 34.0, "row {r} ({name}) is {ht} pt high");
    }
    // 15.12 "Tình hình nộp": Times, page numbers, the units' header repeated, no column wider
    // than a name needs.
    let roster = crate::harness::sheet_xml(&path, "Tình hình nộp");
    assert!(roster.contains("Trang &amp;P/&amp;N"), "page numbers");
    assert!(
        names
            .iter()
            .any(|(n, t)| n == "_xlnm.Print_Titles" && t.starts_with("'Tình hình nộp'!$")),
        "{names:?}"
    );
    let styles = xlsx_part(&path, "xl/styles.xml");
    let fonts: Vec<String> = tags(&styles, "name")
        .iter()
        .filter_map(|t| crate::harness::attr(t, "val"))
        .collect();
    assert!(fonts.iter().all(|f| f == "Times New Roman"), "{fonts:?}");
    for w in tags(&roster, "col")
        .iter()
        .filter_map(|t| crate::harness::attr(t, "width"))
    {
        assert!(w.parse::<f64>().expect("width") <= 33.0, "{w}");
    }
    // "Theo loại hình" has a column per type of unit: too wide to fit the page at 8.5 pt or more,
    // it prints in bands at 75 % (9 pt), its number, label and unit columns on every page;
    // "Tổng hợp" fits the page width.
    let by_type = crate::harness::sheet_xml(&path, "Theo loại hình");
    let setup = tags(&by_type, "pageSetup")[0];
    assert_eq!(
        crate::harness::attr(setup, "scale").as_deref(),
        Some("75"),
        "{setup}"
    );
    assert!(!by_type.contains("fitToPage"), "bands, not fitted");
    // the bands are cut by explicit column breaks, and the title spans the label columns, which
    // every band repeats: no band prints a piece of it
    assert_eq!(tags(&by_type, "colBreaks").len(), 1, "column breaks");
    assert!(
        by_type.contains("<mergeCell ref=\"A1:C1\"/>"),
        "title over A:C"
    );
    assert!(
        has(
            "_xlnm.Print_Titles",
            "'Theo loại hình'!$A:$C,'Theo loại hình'!$5:$5"
        ),
        "{names:?}"
    );
    assert!(crate::harness::sheet_xml(&path, "Tổng hợp").contains("fitToPage"));
    // The header of the figures ("Đúng hạn (%)" in two lines) is tall enough, and every page
    // header and footer is 12 pt (a fitted sheet shrinks them too).
    let head_row = tags(&roster, "row")
        .into_iter()
        .find(|t| crate::harness::attr(t, "r").as_deref() == Some("6"))
        .expect("row 6");
    assert_eq!(
        crate::harness::attr(head_row, "ht").as_deref(),
        Some("33.75")
    );
    assert!(
        roster.contains("&amp;12Trang &amp;P/&amp;N"),
        "12 pt footer"
    );
    // The units' files span I..K (the figures' width) and their header takes two lines.
    let files_head = book
        .sheet("Tình hình nộp")
        .strings()
        .into_iter()
        .find(|(_, c, t)| *c == 8 && t == "Tệp")
        .map(|(r, _, _)| r + 1)
        .expect("Tệp");
    assert!(roster.contains(&format!("<mergeCell ref=\"I{files_head}:K{files_head}\"/>")));
    let next = files_head + 1;
    assert!(roster.contains(&format!("<mergeCell ref=\"I{next}:K{next}\"/>")));
    // 15.13 the weighted percentages say how they are averaged.
    let overview = book.sheet("Tổng hợp");
    let notes: Vec<String> = overview
        .strings()
        .into_iter()
        .map(|(_, _, t)| t)
        .filter(|t| t.starts_with("(*) "))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("bình quân có trọng số theo"), "{notes:?}");
    // 15.14 every printed sheet is an annex with the issuing body; the figures stand at --as-of.
    for sheet in ["Tổng hợp", "Tình hình nộp", "Chi tiết", "Nguồn"] {
        let xml = crate::harness::sheet_xml(&path, sheet);
        assert!(xml.contains("LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG"), "{sheet}");
        assert!(xml.contains("Phụ lục "), "{sheet}");
    }
    let sources = book.sheet("Nguồn");
    let stand = sources
        .strings()
        .into_iter()
        .find(|(_, _, t)| t.contains("--as-of"))
        .map(|(_, _, t)| t)
        .expect("as-of line");
    assert_eq!(
        stand,
        "ngày 10 tháng 5 năm 2026 (ngày tính tình hình nộp, --as-of)"
    );
}

/// 15.2: a return matched by its code whose names both differ from the roster's name for that code
/// gets a warning naming the cell; a name that differs only by "CĐCS" or case does not.
#[test]
fn check_with_a_roster_flags_a_unit_name_other_than_the_rosters() {
    use crate::check::{Unit, check_json, text};
    let sb = Sandbox::new();
    Unit::clean().write(&sb, "bao-cao/a.xlsx");
    Unit::clean()
        .with(&[
            ("unit_code", text("RG-002")),
            ("union_name", text("cđcs công ty tnhh thủy sản minh an")),
        ])
        .write(&sb, "bao-cao/b.xlsx");
    sb.write(
        "ds.csv",
        "Mã đơn vị;Tên đơn vị;Loại hình;Công đoàn cấp trên\n\
         RG-001;Công ty TNHH Chế biến Hải sản Minh Anh;Doanh nghiệp ngoài nhà nước;Công đoàn phường Rạch Giá\n\
         RG-002;Công ty TNHH Thủy sản Minh An;Doanh nghiệp ngoài nhà nước;Công đoàn phường Rạch Giá\n",
    );
    let doc = check_json(
        &sb,
        &["--roster", "ds.csv", "--as-of", "2026-04-28", "bao-cao"],
        0,
    );
    let issues = |end: &str| -> Vec<serde_json::Value> {
        crate::check::file(&doc, end)["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .filter(|i| i["rule"] == "roster_name")
            .cloned()
            .collect()
    };
    let a = issues("a.xlsx");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0]["severity"], "warning");
    assert_eq!(a[0]["field"], "unit_name");
    assert_eq!(a[0]["cell"], "Báo cáo!C17");
    assert_eq!(a[0]["value"], "Công ty TNHH Thủy sản Minh An");
    assert_eq!(
        a[0]["message"],
        "Tên “Công ty TNHH Thủy sản Minh An” khác tên của mã RG-001 trong danh sách đơn vị (“Công ty TNHH Chế biến Hải sản Minh Anh”): kiểm tra lại tên đơn vị, hoặc mã đơn vị nếu ghi nhầm mã của đơn vị khác."
    );
    assert!(issues("b.xlsx").is_empty());
}

/// 15.3: a number typed in full with the form's suffix is fine; another suffix is a warning that
/// names the cell; the unit's Word report never doubles the suffix.
#[test]
fn a_report_number_with_another_suffix_is_flagged_and_never_doubled() {
    use crate::check::{Unit, check_json, text};
    let sb = Sandbox::new();
    Unit::clean()
        .with(&[("report_number", text("15/BC-CĐCS"))])
        .write(&sb, "full.xlsx");
    Unit::clean()
        .with(&[("report_number", text("15/BC-CĐ"))])
        .write(&sb, "other.xlsx");
    let rule = |end: &str| -> Vec<serde_json::Value> {
        let doc = check_json(&sb, &[end], 0);
        crate::check::file(&doc, end)["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .filter(|i| i["rule"] == "report_number")
            .cloned()
            .collect()
    };
    assert!(rule("full.xlsx").is_empty());
    let other = rule("other.xlsx");
    assert_eq!(other.len(), 1, "{other:?}");
    assert_eq!(other[0]["severity"], "warning");
    assert_eq!(other[0]["field"], "report_number");
    assert_eq!(other[0]["cell"], "Báo cáo!B3");
    assert_eq!(
        other[0]["message"],
        "Số văn bản “15/BC-CĐ” có phần “/BC-CĐ” khác ký hiệu của biểu mẫu (“/BC-CĐCS”): chỉ ghi số (ví dụ 15), hoặc ghi đủ đúng ký hiệu (ví dụ 15/BC-CĐCS)."
    );
    sb.run(&["report", "--quiet", "-o", "full.docx", "full.xlsx"])
        .expect_code(0);
    let xml = xlsx_part(sb.join("full.docx"), "word/document.xml");
    assert!(xml.contains("Số: 15/BC-CĐCS<"), "the number as typed");
    assert!(!xml.contains("15/BC-CĐCS/BC-CĐCS"), "never doubled");
    // A number under 10 gets its leading zero (Decree 30), typed bare or in full.
    for (name, typed) in [("one.xlsx", "1"), ("two.xlsx", "2/BC-CĐCS")] {
        Unit::clean()
            .with(&[("report_number", text(typed))])
            .write(&sb, name);
        let out = name.replace("xlsx", "docx");
        sb.run(&["report", "--quiet", "-o", &out, name])
            .expect_code(0);
        let xml = xlsx_part(sb.join(&out), "word/document.xml");
        let want = if typed == "1" {
            "Số: 01/BC-CĐCS<"
        } else {
            "Số: 02/BC-CĐCS<"
        };
        assert!(xml.contains(want), "{name}: {want}");
    }
}

#[test]
fn a_date_typed_as_text_is_flagged_and_the_feedback_file_prints_it_as_a_date() {
    use crate::check::{Unit, text};
    let sb = Sandbox::new();
    let unit = Unit::clean().with(&[("report_date", text("25/4/2026"))]);
    sb.write("in/a.xlsx", unit.bytes());
    let j = sb
        .run(&["check", "--format", "json", "--feedback", "fb", "in"])
        .json();
    let issues = j["files"][0]["issues"].as_array().expect("issues");
    let date: Vec<_> = issues
        .iter()
        .filter(|i| i["field"] == "report_date")
        .collect();
    assert_eq!(date.len(), 1, "{issues:?}");
    assert_eq!(date[0]["severity"], "warning");
    assert_eq!(date[0]["rule"], "normalized");
    assert_eq!(
        date[0]["message"],
        "“Ngày báo cáo”: ô ghi dạng chữ “25/4/2026”, đã đọc là ngày 25/04/2026. Hãy nhập lại dạng ngày để dòng ngày tháng in đúng thể thức (“ngày 25 tháng 4 năm 2026”)."
    );
    // The feedback file holds the date itself, so its date line prints the Decree 30 way.
    let mut book = Book::open(sb.join("fb/a-can-sua.xlsx"));
    let at = cell_of(&book, "report_date");
    let form = book.sheet("Báo cáo");
    assert!(
        matches!(form.at(&at), Some(calamine::Data::DateTime(d)) if d.as_f64() == 46137.0),
        "{:?}",
        form.at(&at)
    );
}
