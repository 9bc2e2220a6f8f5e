//! The summary workbook: sheets, marker, detail table, text sheets, check sheet, charts, provenance, no formulas.

use super::inputs::*;
use super::sheets::*;
use crate::harness::{col_letter, sha256, sheet_xml, xlsx_part, xlsx_part_names};
use calamine::Data;
use soket::outline::Outline;

#[test]
fn every_sheet_in_order_and_the_marker_sheet() {
    let (_sb, mut book) = province_book();
    assert_eq!(book.sheet_names(), SHEETS);
    for s in &SHEETS[..11] {
        assert!(!book.is_hidden(s), "{s} is visible");
    }
    assert!(book.is_hidden("_soket"));
    let meta = book.sheet("_soket");
    assert_eq!(meta.text("A1").as_deref(), Some("sokết"));
    assert_eq!(meta.text("B1").as_deref(), Some("summary"));
    assert_eq!(meta.text("B2").as_deref(), Some("so-ket-02-ctr-bch-2026"));
    assert_eq!(meta.text("B3").as_deref(), Some("1.0"));
}

#[test]
fn detail_sheet_keys_labels_units_and_filter() {
    let (sb, mut book) = province_book();
    let s = book.sheet("Chi tiết");
    let o = Outline::embedded();
    let mut keys: Vec<String> = s
        .strings()
        .into_iter()
        .filter(|(r, _, _)| *r == 2)
        .map(|(_, _, t)| t)
        .collect();
    keys.sort();
    let mut want: Vec<String> = o.fields.iter().map(|f| f.key.clone()).collect();
    want.extend(["_file", "_status", "_status_text"].map(String::from));
    want.sort();
    assert_eq!(
        keys, want,
        "the hidden key row has every field and the provenance columns"
    );
    assert_eq!(s.text("B3").as_deref(), Some("union_name"));
    assert_eq!(s.text("B4").as_deref(), Some("Tên công đoàn báo cáo"));
    assert_eq!(s.text("A4").as_deref(), Some("STT"));
    let xml = sheet_xml(sb.join("tinh.xlsx"), "Chi tiết");
    let row3 = xml
        .split("<row ")
        .find(|r| r.starts_with("r=\"3\""))
        .expect("row 3");
    assert!(
        row3.split('>').next().unwrap().contains("hidden=\"1\""),
        "key row hidden"
    );
    // Units from row 5, ordered by upper-level union then name: B, A (Rạch Giá), C, D.
    let name = key_col(&s, "union_name");
    let names: Vec<Option<String>> = (5..=9).map(|r| s.text(&format!("{name}{r}"))).collect();
    assert_eq!(
        names,
        [
            Some("CĐCS Công ty TNHH Thủy sản Kiên Giang".to_string()),
            Some("CĐCS Trường THCS Rạch Giá".to_string()),
            Some("CĐCS Trường Tiểu học Dương Đông".to_string()),
            Some("CĐCS Bệnh viện Đa khoa tỉnh".to_string()),
            None
        ]
    );
    let file = key_col(&s, "_file");
    let files: Vec<String> = (5..=8)
        .map(|r| s.text(&format!("{file}{r}")).unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "rach-gia/b.xlsx",
            "rach-gia/a.xlsx",
            "truc-tiep/c.xlsx",
            "truc-tiep/d.xlsx"
        ]
    );
    let status = key_col(&s, "_status");
    let st: Vec<String> = (5..=8)
        .map(|r| s.text(&format!("{status}{r}")).unwrap())
        .collect();
    assert_eq!(
        st,
        ["ok", "ok", "ok", "warning"],
        "D's 102% collection is a warning"
    );
    // Percent as a fraction, choice as its label, date as a date, money as a number.
    close(
        cell_num(&s, &format!("{}6", key_col(&s, "propaganda_rate"))),
        0.90,
        "percent",
    );
    assert_eq!(
        s.text(&format!("{}6", key_col(&s, "unit_type"))).as_deref(),
        Some(GIAO_DUC)
    );
    assert!(matches!(
        s.at(&format!("{}6", key_col(&s, "report_date"))),
        Some(Data::DateTime(_))
    ));
    assert_eq!(
        cell_num(&s, &format!("{}8", key_col(&s, "dues_total"))),
        500_000_000.0
    );
    // Number formats as the officer sees them: percent, thousands, date. Whole numbers keep the
    // plain "0": conditional formats add literal thousands dots by size (tests/cli/print.rs).
    let path = sb.join("tinh.xlsx");
    for (key, code) in [
        ("propaganda_rate", "0%"),
        ("dues_total", "0"),
        ("report_date", "dd/mm/yyyy"),
    ] {
        let cell = format!("{}6", key_col(&s, key));
        assert_eq!(number_format(&path, &xml, &cell), code, "{key} at {cell}");
    }
    // Formula-looking texts stay texts.
    assert_eq!(
        s.at(&format!("{}6", key_col(&s, "advantages"))),
        Some(&Data::String("=SUM(A1:A3) thuận lợi".into()))
    );
    // A filter over the labels and the four units; no Excel table (its per-cell overlap map in
    // rust_xlsxwriter cost ~460 MB on a national roll-up).
    let last = col_letter(o.fields.len() as u32 + 3);
    assert!(
        xml.contains(&format!("<autoFilter ref=\"A4:{last}8\"/>")),
        "no autofilter over A4:{last}8"
    );
    let parts = xlsx_part_names(sb.join("tinh.xlsx"));
    assert!(
        !parts.iter().any(|p| p.starts_with("xl/tables/")),
        "{parts:?}"
    );
}

#[test]
fn text_sheets_list_every_text_with_its_unit() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Mô hình");
    assert_eq!(s.text("C4").as_deref(), Some("Tên mô hình/cách làm"));
    let rows: Vec<(Option<String>, Option<String>)> = (5..=9)
        .map(|r| (s.text(&format!("B{r}")), s.text(&format!("C{r}"))))
        .collect();
    let some = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
    assert_eq!(
        rows,
        [
            some("CĐCS Trường THCS Rạch Giá", "Tổ tự quản an toàn"),
            some("CĐCS Trường Tiểu học Dương Đông", "Ngày hội đoàn viên"),
            some("CĐCS Trường Tiểu học Dương Đông", "Góc đọc sách công đoàn"),
            some("CĐCS Bệnh viện Đa khoa tỉnh", "=Mô hình 1"),
            (None, None),
        ]
    );
    assert_eq!(s.text("D5").as_deref(), Some("Từ năm 2022"));
    assert_eq!(s.text("G5").as_deref(), Some("Có"));
    assert_eq!(s.text("F7").as_deref(), Some("300 lượt đọc mỗi năm"));

    let s = book.sheet("Kiến nghị");
    let r = row_with(&s, 3, "+84 kiến nghị tăng lương tối thiểu");
    assert_eq!(
        s.text(&format!("B{r}")).as_deref(),
        Some("CĐCS Công ty TNHH Thủy sản Kiên Giang")
    );
    assert_eq!(s.text(&format!("C{r}")).as_deref(), Some(RACH_GIA));
    let r = row_with(&s, 3, "@chỉ tiêu kết nạp");
    assert_eq!(
        s.text(&format!("B{r}")).as_deref(),
        Some("CĐCS Bệnh viện Đa khoa tỉnh")
    );
    assert!(row_with(&s, 0, &label("target_adjustments")) < r);

    let s = book.sheet("Thuận lợi - Khó khăn");
    let adv = row_with(&s, 0, &label("advantages"));
    let dif = row_with(&s, 0, &label("difficulties"));
    assert_eq!(dif, adv + 5, "four units under each heading");
    assert_eq!(
        s.text(&format!("D{}", adv + 2)).as_deref(),
        Some("=SUM(A1:A3) thuận lợi")
    );
    assert_eq!(
        s.text(&format!("D{}", dif + 3)).as_deref(),
        Some("-Thiếu kinh phí")
    );
    let merger = row_with(&s, 0, &label("merger_advantages"));
    assert_eq!(
        s.text(&format!("D{}", merger + 1)).as_deref(),
        Some("Bộ máy gọn hơn")
    );
    assert_eq!(
        s.text(&format!("B{}", merger + 1)).as_deref(),
        Some("CĐCS Công ty TNHH Thủy sản Kiên Giang")
    );
}

#[test]
fn no_text_from_a_return_becomes_a_formula() {
    let (sb, _book) = province_book();
    for sheet in &SHEETS {
        let xml = sheet_xml(sb.join("tinh.xlsx"), sheet);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{sheet} has a formula"
        );
    }
}

#[test]
fn check_sheet_lists_excluded_unreadable_duplicates_and_issues() {
    let (_sb, mut book) = province_book();
    let s = book.sheet("Kiểm tra");
    let part1 = row_with(&s, 0, "1. Báo cáo không được tổng hợp");
    let part2 = row_with(&s, 0, "2. Đơn vị gửi nhiều báo cáo (chỉ tính một lần)");
    let part3 = row_with(&s, 0, "3. Chi tiết lỗi và cảnh báo");
    let e = row_with(&s, 1, "truc-tiep/e-loi.xlsx");
    assert!(part1 < e && e < part2, "E is listed as left out");
    assert_eq!(
        s.text(&format!("C{e}")).as_deref(),
        Some("CĐCS Công ty CP Xây dựng An Giang")
    );
    let reason = s.text(&format!("D{e}")).unwrap();
    assert!(
        reason.starts_with("Có 2 lỗi (xem mục 3), ví dụ: Số đoàn viên tăng/giảm phải bằng"),
        "{reason}"
    );
    let bad = row_with(&s, 1, "truc-tiep/hong.xlsx");
    assert!(part1 < bad && bad < part2);
    let dup = row_with(&s, 3, "truc-tiep/d-cu.xlsx");
    assert!(part2 < dup && dup < part3);
    assert_eq!(
        s.text(&format!("B{dup}")).as_deref(),
        Some("truc-tiep/d.xlsx")
    );
    assert_eq!(
        s.text(&format!("C{dup}")).as_deref(),
        Some("CĐCS Bệnh viện Đa khoa tỉnh")
    );
    // E's finding in part 3, with how it was dealt with.
    let rows: Vec<u32> = rows_with(&s, 1, "truc-tiep/e-loi.xlsx")
        .into_iter()
        .filter(|r| *r > part3)
        .collect();
    assert_eq!(rows.len(), 2, "E breaks two rules on the change in members");
    let r = rows[0];
    assert_eq!(
        s.text(&format!("D{r}")).as_deref(),
        Some("Không tổng hợp vì có lỗi")
    );
    assert_eq!(s.text(&format!("E{r}")).as_deref(), Some("Lỗi"));
    assert_eq!(
        s.text(&format!("G{r}")).as_deref(),
        Some(label("members_delta").as_str())
    );
    assert!(
        s.text(&format!("I{r}"))
            .unwrap()
            .contains("Số đoàn viên tăng/giảm phải bằng"),
        "the rule's message"
    );
    // D's warning, for a unit that was merged.
    let w = rows_with(&s, 1, "truc-tiep/d.xlsx")
        .into_iter()
        .find(|r| *r > part3)
        .expect("D's warning");
    assert_eq!(s.text(&format!("D{w}")).as_deref(), Some("Đã tổng hợp"));
    assert_eq!(s.text(&format!("E{w}")).as_deref(), Some("Cảnh báo"));
    assert_eq!(s.text(&format!("F{w}")).as_deref(), Some("Báo cáo!C80"));
}

#[test]
fn native_charts_read_the_figure_sheets() {
    let (sb, mut book) = province_book();
    let path = sb.join("tinh.xlsx");
    let charts: Vec<String> = xlsx_part_names(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 4, "{charts:?}");
    let by_type = book.sheet("Theo loại hình");
    let start_row = last_row_with(&by_type, 1, &label("members_start"));
    let now_row = last_row_with(&by_type, 1, &label("members_now"));
    let c1 = xlsx_part(&path, "xl/charts/chart1.xml");
    assert!(c1.contains("<c:barDir val=\"col\"/>"), "a column chart");
    assert_eq!(
        ranges(&c1),
        [
            "'Theo loại hình'!$D$5:$L$5".to_string(),
            format!("'Theo loại hình'!$D${start_row}:$L${start_row}"),
            "'Theo loại hình'!$D$5:$L$5".to_string(),
            format!("'Theo loại hình'!$D${now_row}:$L${now_row}"),
        ]
    );
    let c2 = xlsx_part(&path, "xl/charts/chart2.xml");
    assert!(c2.contains("'Theo cấp trên'!$D$5:$F$5"), "{c2}");
    let overview = book.sheet("Tổng hợp");
    let first = row_with(&overview, 1, &label("propaganda_truc_tiep"));
    let last = row_with(&overview, 1, &label("propaganda_khac"));
    let c3 = xlsx_part(&path, "xl/charts/chart3.xml");
    assert!(c3.contains("<c:barDir val=\"bar\"/>"), "a bar chart");
    assert_eq!(
        ranges(&c3),
        [
            format!("'Tổng hợp'!$B${first}:$B${last}"),
            format!("'Tổng hợp'!$D${first}:$D${last}"),
        ]
    );
    assert_eq!(last - first, 6, "seven forms of propaganda");
    // The charts sit on "Biểu đồ".
    let rels = xlsx_part_names(&path)
        .into_iter()
        .filter(|p| p.starts_with("xl/drawings/drawing"))
        .count();
    assert_eq!(rels, 1, "one drawing holds the charts");
    let xml = sheet_xml(&path, "Biểu đồ");
    assert!(xml.contains("<drawing "), "charts are on “Biểu đồ”");
}

#[test]
fn source_sheet_names_every_input_with_its_hash() {
    let (sb, mut book) = province_book();
    let s = book.sheet("Nguồn");
    let all: Vec<String> = s.strings().into_iter().map(|(_, _, t)| t).collect();
    for f in [
        "rach-gia-tong-hop.xlsx",
        "truc-tiep/a-gui-thang.xlsx",
        "truc-tiep/c.xlsx",
        "truc-tiep/d-cu.xlsx",
        "truc-tiep/d.xlsx",
        "truc-tiep/e-loi.xlsx",
    ] {
        let r = row_with(&s, 1, f);
        assert_eq!(s.text(&format!("H{r}")), Some(sha256(sb.join(f))), "{f}");
    }
    let bad = row_with(&s, 1, "truc-tiep/hong.xlsx");
    assert_eq!(
        s.text(&format!("F{bad}")).as_deref(),
        Some("không đọc được")
    );
    assert!(all.contains(&"so-ket-02-ctr-bch-2026".to_string()));
    assert!(all.contains(&"1.0".to_string()));
}

/// The number format code of one cell of a sheet's XML, through its style index and styles.xml.
#[track_caller]
fn number_format(path: &std::path::Path, sheet: &str, cell: &str) -> String {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let tag = sheet
        .split("<c ")
        .find(|t| t.starts_with(&format!("r=\"{cell}\"")))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = tag.split('>').next().unwrap();
    let style: usize = attr(tag, "s").map_or(0, |v| v.parse().unwrap());
    let styles = xlsx_part(path, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).expect("cellXfs");
    let xf = xfs.split("<xf ").nth(style + 1).expect("xf of the cell");
    let id = attr(&format!(" {xf}"), "numFmtId").expect("numFmtId");
    styles
        .split("<numFmt ")
        .skip(1)
        .find(|f| attr(&format!(" {f}"), "numFmtId").as_deref() == Some(id.as_str()))
        .and_then(|f| attr(&format!(" {f}"), "formatCode"))
        .unwrap_or_else(|| panic!("no custom format {id} for {cell}"))
}
