//! `soket template --roster`: one pre-filled, locked form per unit, safe file names, the index, bad rows.

use crate::harness::{Book, Sandbox, sha256, source_file, xlsx_part, xlsx_part_names};
use soket::check::MatchedBy;
use soket::check::inspect::inspect_all;
use soket::outline::Outline;
use soket::record::Value;
use soket::roster::{self, RosterUnit, sample};
use std::path::PathBuf;

const INDEX_CSV: &str = "danh-sach-bieu-mau.csv";
const INDEX_XLSX: &str = "danh-sach-bieu-mau.xlsx";
const GD: &str = "Đơn vị sự nghiệp giáo dục";
const RG: &str = "Công đoàn phường Rạch Giá";

/// Write a generated roster of `n` units and run `template --roster` on it into `forms/`.
fn forms_for(n: usize) -> (Sandbox, Vec<RosterUnit>) {
    let sb = Sandbox::new();
    let units = sample::generate(n);
    sb.write("ds.csv", sample::csv(&units).expect("csv"));
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "forms"]);
    run.ok();
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains(&format!("Đã ghi {n} biểu mẫu (mỗi đơn vị một tệp")),
        "{}",
        run.stderr
    );
    (sb, units)
}

/// Every form is read back by the one reader and matched by its code to the right unit.
fn each_form_is_recognised_as_its_unit(n: usize) {
    let (sb, units) = forms_for(n);
    let names = sb.list("forms");
    assert_eq!(
        names.len(),
        n + 2,
        "one form per unit plus the two index files"
    );
    let files: Vec<PathBuf> = names
        .iter()
        .filter(|f| !f.starts_with("danh-sach-bieu-mau"))
        .map(|f| sb.join("forms").join(f))
        .collect();
    let o = Outline::embedded();
    let need = soket::check::inspect::Need {
        cells: false,
        hash: true,
    };
    let inspected = inspect_all(&files, &o, need, &|| {});
    let text = |v: &soket::record::Values, k: &str| match v.get(k) {
        Some(Value::Text(t)) => t.clone(),
        other => panic!("{k}: {other:?}"),
    };
    for f in &inspected {
        assert!(
            f.unreadable.is_none(),
            "{}: {:?}",
            f.path.display(),
            f.unreadable
        );
        assert_eq!(f.units.len(), 1);
        let v = &f.units[0].values;
        let code = text(v, "unit_code");
        let u = units
            .iter()
            .find(|u| u.code == code)
            .expect("a roster code");
        let stem = f.path.file_name().and_then(|s| s.to_str()).expect("name");
        assert!(
            stem.starts_with(&format!("{code}-")),
            "{stem} is the form of {code}"
        );
        assert_eq!(text(v, "unit_name"), u.name);
        assert_eq!(
            text(v, "union_name"),
            soket::form::per_unit::union_name(&o, &u.name)
        );
        assert_eq!(text(v, "unit_type"), u.unit_type);
        assert_eq!(text(v, "parent_union"), u.parent);
    }
    let r = roster::load(&sb.join("ds.csv"), &o).expect("roster");
    let m = soket::check::match_units(&o, &r, &inspected);
    assert!(m.unmatched.is_empty(), "{:?}", m.unmatched);
    for (u, rs) in r.units.iter().zip(&m.returns) {
        assert_eq!(rs.len(), 1, "{} has exactly one form", u.code);
        assert_eq!(rs[0].by, MatchedBy::Code);
    }
}

#[test]
fn forms_of_300_units_are_each_recognised_as_their_unit() {
    each_form_is_recognised_as_its_unit(300);
}

/// Takes several minutes in a debug build (about 50 ms per form unoptimised); the 300-unit test
/// above runs the same checks by default. Run with `cargo test --release -- --ignored`.
#[test]
#[ignore = "slow in debug builds: 3,000 forms; run with --release -- --ignored"]
fn forms_of_3000_units_are_each_recognised_as_their_unit() {
    each_form_is_recognised_as_its_unit(3000);
}

#[test]
fn the_sample_roster_is_the_generator_output() {
    let committed = std::fs::read(source_file("examples/roster-an-giang.csv")).expect("sample");
    let generated = sample::csv(&sample::generate(300)).expect("csv");
    assert!(
        committed == generated,
        "examples/roster-an-giang.csv differs from the generator: run cargo run --example make_roster -- 300 > examples/roster-an-giang.csv"
    );
}

#[test]
fn pre_filled_inputs_are_locked_and_the_rest_are_open() {
    let (sb, units) = forms_for(3);
    let idx = std::fs::read_to_string(sb.join("forms").join(INDEX_CSV)).expect("index");
    let first_file = idx
        .lines()
        .nth(1)
        .and_then(|l| l.rsplit(',').next())
        .expect("row");
    let path = sb.join("forms").join(first_file);
    let mut book = Book::open(&path);
    for key in [
        "unit_code",
        "union_name",
        "unit_type",
        "parent_union",
        "members_total",
    ] {
        let reference = book.name(&format!("sk_{key}")).expect("defined name");
        let cell = reference.rsplit('!').next().expect("cell").replace('$', "");
        let locked = book.locked("Báo cáo", &cell);
        // The union's name is pre-filled but open: the unit may correct it (issue 15.1).
        let want = !["members_total", "union_name"].contains(&key);
        assert_eq!(locked, Some(want), "{key} at {cell}");
        if key == "unit_code" {
            let sheet = book.sheet("Báo cáo");
            assert_eq!(sheet.text(&cell).as_deref(), Some(units[0].code.as_str()));
        }
    }
}

#[test]
fn the_index_lists_unit_and_file_as_csv_and_as_a_sheet() {
    let (sb, units) = forms_for(4);
    let csv = std::fs::read(sb.join("forms").join(INDEX_CSV)).expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM so Excel reads UTF-8");
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Mã đơn vị,Tên đơn vị,Loại hình,Công đoàn cấp trên,Người liên hệ,Điện thoại,Thư điện tử,Tệp biểu mẫu"
    );
    assert_eq!(lines.len(), 5);
    let files = sb.list("forms");
    for (u, line) in units.iter().zip(&lines[1..]) {
        let file = line.rsplit(',').next().expect("file");
        assert!(line.starts_with(&format!("{},", u.code)), "{line}");
        assert!(files.contains(&file.to_string()), "{file} exists");
    }
    let mut book = Book::open(sb.join("forms").join(INDEX_XLSX));
    assert_eq!(book.sheet_names(), ["Danh sách biểu mẫu"]);
    let sheet = book.sheet("Danh sách biểu mẫu");
    assert_eq!(sheet.text("A1").as_deref(), Some("Mã đơn vị"));
    assert_eq!(sheet.text("H1").as_deref(), Some("Tệp biểu mẫu"));
    assert_eq!(sheet.text("A2").as_deref(), Some(units[0].code.as_str()));
    assert_eq!(sheet.text("B2").as_deref(), Some(units[0].name.as_str()));
    assert_eq!(
        sheet.text("F2").as_deref(),
        Some(units[0].phone.as_str()),
        "phone keeps its 0"
    );
    let first = lines[1].rsplit(',').next().expect("file");
    assert_eq!(sheet.text("H2").as_deref(), Some(first));
    let rels: Vec<String> = xlsx_part_names(sb.join("forms").join(INDEX_XLSX))
        .into_iter()
        .filter(|p| p.starts_with("xl/worksheets/_rels/"))
        .collect();
    let rel = xlsx_part(sb.join("forms").join(INDEX_XLSX), &rels[0]);
    assert!(
        rel.contains(&format!("Target=\"{first}\"")) && rel.contains("TargetMode=\"External\""),
        "the file name links to the form next to the index: {rel}"
    );
    // The index is itself a usable roster.
    let again =
        roster::load(&sb.join("forms").join(INDEX_CSV), &Outline::embedded()).expect("load");
    assert_eq!(again.units.len(), 4);
    assert!(again.problems.is_empty());
}

#[test]
fn hostile_unit_names_give_safe_unique_file_names() {
    let sb = Sandbox::new();
    let nfd = "Tr\u{0075}\u{031B}o\u{031B}\u{0300}ng Tie\u{0302}\u{0309}u ho\u{0323}c"; // NFD “Trường Tiểu học”
    let long = "Công ty ".repeat(40);
    let rows = [
        ("AG-1", "../x"),
        ("AG-2", "a/b"),
        ("CON", "😀"),
        ("AG-4", "NUL"),
        ("AG-5", long.as_str()),
        ("AG-6", nfd),
        ("AG-7", "Trường Tiểu học"),
        ("ag.7", "TRƯỜNG TIỂU HỌC"),
        ("AG-9", "Tên có dấu chấm và cách cuối... "),
        ("..\\..", "C:\\Windows"),
        ("danh", "sách biểu mẫu"),
    ];
    let mut csv = String::from("code,name,type,parent\n");
    for (c, n) in rows {
        csv.push_str(&format!("\"{c}\",\"{n}\",{GD},{RG}\n"));
    }
    sb.write("ds.csv", csv);
    sb.run(&["template", "--roster", "ds.csv", "-o", "out"])
        .ok();
    let expected_long = {
        let mut s = String::from("AG-5");
        while s.len() + "-cong-ty".len() <= 88 {
            s.push_str("-cong-ty");
        }
        format!("{s}.xlsx")
    };
    let mut want = vec![
        "AG-1-x.xlsx".to_string(),
        "AG-2-a-b.xlsx".into(),
        "CON-don-vi.xlsx".into(),
        "AG-4-nul.xlsx".into(),
        expected_long,
        "AG-6-truong-tieu-hoc.xlsx".into(),
        "AG-7-truong-tieu-hoc.xlsx".into(),
        "ag-7-truong-tieu-hoc-2.xlsx".into(),
        "AG-9-ten-co-dau-cham-va-cach-cuoi.xlsx".into(),
        "don-vi-c-windows.xlsx".into(),
        "danh-sach-bieu-mau-2.xlsx".into(),
        INDEX_CSV.into(),
        INDEX_XLSX.into(),
    ];
    want.sort();
    assert_eq!(sb.list("out"), want);
    for f in &want {
        assert!(f.len() <= 100, "{f}");
    }
    assert_eq!(
        sb.list("."),
        ["ds.csv", "out"],
        "nothing written outside the folder"
    );
}

#[test]
fn bad_rows_are_listed_and_the_good_rows_still_get_forms() {
    let sb = Sandbox::new();
    sb.write(
        "ds.csv",
        format!(
            "Mã đơn vị,Tên đơn vị,Loại hình,Công đoàn cấp trên\n\
             AG-1,Trường A,{GD},{RG}\n\
             ,Trường B,{GD},{RG}\n\
             AG-1,Trường C,{GD},{RG}\n\
             AG-4,Trường D,Trường học,{RG}\n\
             AG-5,Trường E,{GD},Công đoàn xã X\n\
             AG-6,,{GD},{RG}\n\
             AG-7,Trường G,giao duc? ,cong doan phuong rach gia\n\
             AG-8,Trường H,don vi su nghiep giao duc,CÔNG ĐOÀN PHƯỜNG RẠCH GIÁ\n"
        ),
    );
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "out"]);
    run.expect_code(1);
    let listed: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("dòng "))
        .map(str::trim)
        .collect();
    assert_eq!(
        listed,
        [
            "dòng 3: thiếu mã đơn vị",
            "dòng 4: mã đơn vị “AG-1” trùng với dòng 2",
            "dòng 5: loại hình “Trường học” không có trong danh sách của đề cương",
            "dòng 6: công đoàn cấp trên “Công đoàn xã X” không có trong danh sách của đề cương",
            "dòng 7: thiếu tên đơn vị",
            "dòng 8: loại hình “giao duc?” không có trong danh sách của đề cương",
        ]
    );
    assert!(
        run.stderr
            .contains("Danh sách đơn vị ds.csv có 6 dòng lỗi, không dùng các dòng này"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Loại hình hợp lệ: Cơ quan hành chính nhà nước;")
    );
    assert_eq!(
        sb.list("out"),
        [
            "AG-1-truong-a.xlsx",
            "AG-8-truong-h.xlsx",
            INDEX_CSV,
            INDEX_XLSX
        ]
    );
}

#[test]
fn a_roster_without_any_good_row_is_refused() {
    let sb = Sandbox::new();
    sb.write("ds.csv", "code,name,type,parent\n,A,x,y\nB,,x,y\n");
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "out"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: danh sách đơn vị ds.csv không có dòng nào dùng được: dòng 2: thiếu mã đơn vị; loại hình “x” không có trong danh sách của đề cương; công đoàn cấp trên “y” không có trong danh sách của đề cương; dòng 3: thiếu tên đơn vị; loại hình “x” không có trong danh sách của đề cương; công đoàn cấp trên “y” không có trong danh sách của đề cương"
    );
    assert_eq!(sb.list("."), ["ds.csv"]);
}

#[test]
fn missing_columns_and_unreadable_rosters_stop_the_command() {
    let sb = Sandbox::new();
    sb.write("ds.csv", "Mã,Tên,Loại hình\nAG-1,A,B\n");
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "out"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: danh sách đơn vị ds.csv: dòng tiêu đề (dòng 1) thiếu cột “Công đoàn cấp trên” (parent)"
    );
    let run = sb.run(&["template", "--roster", "khong-co.csv", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.one_error_line()
            .starts_with("lỗi: không mở được danh sách đơn vị khong-co.csv")
    );
    sb.write("ds.xlsx", "not a workbook");
    let run = sb.run(&["template", "--roster", "ds.xlsx", "-o", "out"]);
    run.expect_code(2);
    assert!(
        run.one_error_line()
            .starts_with("lỗi: không mở được danh sách đơn vị ds.xlsx")
    );
    assert_eq!(sb.list("."), ["ds.csv", "ds.xlsx"]);
}

#[test]
fn an_xlsx_roster_works_like_a_csv_one() {
    let sb = Sandbox::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Mã đơn vị", "Tên đơn vị", "Loại hình", "Công đoàn cấp trên"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in ["AG-1", "Trường A", GD, RG].iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    wb.save(sb.join("ds.xlsx")).expect("save");
    sb.run(&["template", "--roster", "ds.xlsx", "-o", "out"])
        .ok();
    assert_eq!(
        sb.list("out"),
        ["AG-1-truong-a.xlsx", INDEX_CSV, INDEX_XLSX]
    );
}

#[test]
fn existing_forms_are_kept_unless_forced() {
    let (sb, _) = forms_for(3);
    let before: Vec<String> = sb
        .list("forms")
        .iter()
        .map(|f| sha256(sb.join("forms").join(f)))
        .collect();
    std::fs::write(sb.join("forms").join(INDEX_CSV), "sửa tay").expect("edit");
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "forms"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: thư mục forms đã có 5 tệp trùng tên với tệp sẽ tạo (ví dụ AG-0001-hoi-cuu-chien-binh-giong-rieng.xlsx); chưa ghi tệp nào: thêm --force để ghi đè, hoặc chọn thư mục khác"
    );
    assert_eq!(
        std::fs::read_to_string(sb.join("forms").join(INDEX_CSV)).expect("read"),
        "sửa tay"
    );
    sb.run(&["template", "--roster", "ds.csv", "-o", "forms", "--force"])
        .ok();
    let after: Vec<String> = sb
        .list("forms")
        .iter()
        .map(|f| sha256(sb.join("forms").join(f)))
        .collect();
    assert_eq!(before, after, "the same roster gives the same bytes");
    sb.write("a-file", "x");
    let run = sb.run(&["template", "--roster", "ds.csv", "-o", "a-file"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: a-file là một tệp, không phải thư mục: với --roster, -o là thư mục để ghi các biểu mẫu"
    );
}

#[test]
fn without_roster_the_single_form_is_unchanged() {
    let sb = Sandbox::new();
    sb.run(&["template", "--quiet"]).ok();
    assert_eq!(sb.list("."), ["bieu-mau-so-ket.xlsx"]);
    sb.write(
        "ds.csv",
        format!("code,name,type,parent\nAG-1,Trường A,{GD},{RG}\n"),
    );
    sb.run(&["template", "--roster", "ds.csv"]).ok();
    assert_eq!(
        sb.list("bieu-mau"),
        ["AG-1-truong-a.xlsx", INDEX_CSV, INDEX_XLSX]
    );
}
