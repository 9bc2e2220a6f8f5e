//! Reading rosters: headers, CSV and xlsx, bad rows with their numbers, the sample roster.

use super::*;

#[test]
fn good_rows_are_read_with_canonical_labels() {
    let r = roster(
        "STT|Mã đơn vị|Tên đơn vị|Loại hình|Công đoàn cấp trên|Điện thoại\n\
         1| AG-1 |  Trường   Tiểu học  A |don vi su nghiep giao duc|CÔNG ĐOÀN PHƯỜNG RẠCH GIÁ|0912345678\n\
         2|AG-2|Công ty B|dn_ngoai_nha_nuoc|truc_thuoc|",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.units.len(), 2);
    let u = &r.units[0];
    assert_eq!(
        (
            u.row,
            u.code.as_str(),
            u.name.as_str(),
            u.unit_type.as_str(),
            u.parent.as_str()
        ),
        (2, "AG-1", "Trường Tiểu học A", GD, RG)
    );
    assert_eq!(u.phone, "0912345678");
    assert_eq!(
        (r.units[1].unit_type.as_str(), r.units[1].parent.as_str()),
        (DN, TT)
    );
}

#[test]
fn bad_rows_are_reported_with_their_row_numbers() {
    let r = roster(&format!(
        "Danh sách đơn vị||||\n\
         Mã|Tên đơn vị|Loại hình|Cấp trên\n\
         AG-1|Trường A|{GD}|{RG}\n\
         |Trường B|{GD}|{RG}\n\
         ag-1|Trường C|{GD}|{RG}\n\
         ||||\n\
         AG-4||Bệnh viện|{RG}\n\
         AG-5|Trường E|{GD}|Công đoàn xã Mỹ Đức\n\
         AG-6|Trường F|{GD}|{PQ}"
    ));
    let lines: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dòng 4: thiếu mã đơn vị",
            "dòng 5: mã đơn vị “ag-1” trùng với dòng 3",
            "dòng 7: thiếu tên đơn vị; loại hình “Bệnh viện” không có trong danh sách của đề cương",
            "dòng 8: công đoàn cấp trên “Công đoàn xã Mỹ Đức” không có trong danh sách của đề cương",
        ]
    );
    let codes: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["AG-1", "AG-6"]);
    let report = r.problems_report();
    assert!(report.contains("có 4 dòng lỗi"), "{report}");
    assert!(
        report.contains("Loại hình hợp lệ: Cơ quan hành chính nhà nước;"),
        "{report}"
    );
    assert!(
        report.contains("Công đoàn cấp trên hợp lệ: Công đoàn phường Rạch Giá;"),
        "{report}"
    );
}

#[test]
fn missing_columns_and_empty_rosters_are_errors() {
    let o = Outline::embedded();
    let e = parse_rows(&rows("Mã|Tên|Loại hình\nAG-1|A|x"), &o, "ds.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "danh sách đơn vị ds.csv: dòng tiêu đề (dòng 1) thiếu cột “Công đoàn cấp trên” (parent)"
    );
    let e = parse_rows(&rows("a|b\n1|2"), &o, "ds.csv").unwrap_err();
    assert!(e.to_string().contains("không thấy dòng tiêu đề"), "{e}");
    let e = parse_rows(&rows("code|name|type|parent"), &o, "ds.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "danh sách đơn vị ds.csv không có đơn vị nào (chỉ có dòng tiêu đề)"
    );
    let e = parse_rows(&rows("code|name|type|parent\n|A|x|y"), &o, "ds.csv").unwrap_err();
    assert!(
        e.to_string().ends_with("không có dòng nào dùng được: dòng 2: thiếu mã đơn vị; loại hình “x” không có trong danh sách của đề cương; công đoàn cấp trên “y” không có trong danh sách của đề cương"),
        "{e}"
    );
}

#[test]
fn csv_with_bom_and_semicolons() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.csv");
    let body = format!(
        "\u{feff}Mã đơn vị;Tên đơn vị;Loại hình;Công đoàn cấp trên\nAG-1;\"Công ty A; B\";{DN};{RG}\n"
    );
    std::fs::write(&p, body).expect("write");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert_eq!(r.units[0].code, "AG-1");
    assert_eq!(r.units[0].name, "Công ty A; B");
    std::fs::write(&p, b"code,name,type,parent\nAG-1,C\xf4ng ty,x,y\n").expect("write");
    let e = load(&p, &Outline::embedded()).unwrap_err().to_string();
    assert!(e.contains("không phải văn bản UTF-8"), "{e}");
    let other = dir.path().join("ds.txt.pdf");
    std::fs::write(&other, "x").expect("write");
    let e = load(&other, &Outline::embedded()).unwrap_err().to_string();
    assert!(
        e.contains("chỉ đọc được tệp .xlsx, .xls, .ods hoặc .csv"),
        "{e}"
    );
}

#[test]
fn xlsx_roster_with_a_title_row_and_numeric_codes() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "DANH SÁCH CĐCS").expect("w");
    for (c, h) in [
        "STT",
        "Mã",
        "Tên CĐCS",
        "Loại hình",
        "Công đoàn cấp trên trực tiếp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("w");
    }
    ws.write_number(3, 0, 1).expect("w");
    ws.write_number(3, 1, 1001).expect("w");
    ws.write_string(3, 2, "Trường A").expect("w");
    ws.write_string(3, 3, GD).expect("w");
    ws.write_string(3, 4, PQ).expect("w");
    ws.write_number(4, 1, 1002).expect("w");
    ws.write_string(4, 2, "Trường B").expect("w");
    ws.write_string(4, 3, "???").expect("w");
    ws.write_string(4, 4, PQ).expect("w");
    wb.save(&p).expect("save");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert_eq!(r.units.len(), 1);
    assert_eq!((r.units[0].row, r.units[0].code.as_str()), (4, "1001"));
    assert_eq!(
        r.problems[0].to_string(),
        "dòng 5: loại hình “???” không có trong danh sách của đề cương"
    );
}

#[test]
fn the_sample_roster_is_clean_and_deterministic() {
    let a = sample::generate(500);
    assert_eq!(a, sample::generate(500));
    let bytes = sample::csv(&a).expect("csv");
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("ds.csv");
    std::fs::write(&p, bytes).expect("write");
    let r = load(&p, &Outline::embedded()).expect("load");
    assert!(r.problems.is_empty(), "{}", r.problems_report());
    assert_eq!(r.units, a);
    let parents: std::collections::BTreeSet<&str> = a.iter().map(|u| u.parent.as_str()).collect();
    assert_eq!(parents.len(), 3);
    let names: std::collections::HashSet<String> = a
        .iter()
        .map(|u| crate::check::UnitIdentity::new(&Outline::embedded()).name_key(&u.name))
        .collect();
    assert_eq!(
        names.len(),
        a.len(),
        "names are unique, so name matching works on them"
    );
}
