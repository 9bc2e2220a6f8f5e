//! Matching returns to units: codes, names, ambiguity, returns seen twice (name variants: `identity`).

use super::*;

#[test]
fn returns_match_by_code_then_by_name() {
    let r = three();
    let nfd: String = "cđcs  trường thpt NGUYỄN TRÃI".nfd().collect();
    let files = [
        // Code wins over a wrong name.
        file(
            "a.xlsx",
            &[
                ("unit_code", text(" ag-2 ")),
                ("union_name", text("Tên gõ sai")),
            ],
            false,
        ),
        // No code: the union name, NFD, case, prefix, doubled spaces.
        file("b.xlsx", &[("union_name", text(&nfd))], false),
        // Unknown code: falls back to the unit name.
        file(
            "c.xlsx",
            &[
                ("unit_code", text("XX-9")),
                ("union_name", text("Không khớp")),
                ("unit_name", text("Trường Tiểu học Vĩnh Lạc")),
            ],
            false,
        ),
        file(
            "d.xlsx",
            &[
                ("unit_code", text("XX-9")),
                ("union_name", text("Công ty Lạ")),
            ],
            false,
        ),
        file("e.xlsx", &[], false),
    ];
    let m = match_units(&Outline::embedded(), &r, &files);
    let got: Vec<Vec<(&str, MatchedBy)>> = m
        .returns
        .iter()
        .map(|rs| rs.iter().map(|x| (x.file.as_str(), x.by)).collect())
        .collect();
    assert_eq!(
        got,
        vec![
            vec![("c.xlsx", MatchedBy::Name)],
            vec![("a.xlsx", MatchedBy::Code)],
            vec![("b.xlsx", MatchedBy::Name)],
        ]
    );
    let un: Vec<(&str, &str)> = m
        .unmatched
        .iter()
        .map(|u| (u.file.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        un,
        [
            (
                "d.xlsx",
                "mã “XX-9” không có trong danh sách đơn vị; tên “Công ty Lạ” cũng không khớp đơn vị nào"
            ),
            ("e.xlsx", "báo cáo không ghi mã và tên đơn vị"),
        ]
    );
}

#[test]
fn ambiguous_names_and_unreadable_files_are_unmatched() {
    let r = roster(&format!(
        "code|name|type|parent\nA|Trường X|{GD}|{RG}\nB|CĐCS Trường X|{GD}|{PQ}"
    ));
    let mut bad = file("z.xlsx", &[], false);
    bad.unreadable = Some("tệp hỏng".into());
    bad.units.clear();
    let m = match_units(
        &Outline::embedded(),
        &r,
        &[
            file("y.xlsx", &[("union_name", text("trường x"))], false),
            bad,
        ],
    );
    assert!(m.returns.iter().all(Vec::is_empty));
    assert_eq!(
        m.unmatched[0].reason,
        "tên “trường x” khớp nhiều đơn vị trong danh sách (A, B): đơn vị cần ghi mã đơn vị"
    );
    assert_eq!(m.unmatched[1].reason, "không đọc được: tệp hỏng");
}

#[test]
fn the_same_return_twice_counts_once() {
    let r = three();
    let a = file("in/a.xlsx", &[("unit_code", text("AG-1"))], false);
    let mut copy = a.clone();
    copy.path = PathBuf::from("other/a-copy.xlsx");
    let mut summary = file("tong-hop.xlsx", &[("unit_code", text("AG-1"))], false);
    summary.identity = Some(Identity {
        kind: WorkbookKind::Summary,
        campaign: None,
        version: None,
    });
    summary.units[0].origin = Some("a.xlsx".into());
    let m = match_units(&Outline::embedded(), &r, &[a, copy, summary]);
    assert_eq!(m.returns[0].len(), 1, "{:?}", m.returns[0]);
    let mut summary_only = file("tong-hop.xlsx", &[("unit_code", text("AG-2"))], false);
    summary_only.identity = Some(Identity {
        kind: WorkbookKind::Summary,
        campaign: None,
        version: None,
    });
    summary_only.units[0].origin = Some("b.xlsx".into());
    let m = match_units(&Outline::embedded(), &r, &[summary_only]);
    assert_eq!(m.returns[1][0].file, "b.xlsx (trong tong-hop.xlsx)");
}

#[test]
fn matching_chunk_by_chunk_gives_the_same_result() {
    let r = three();
    let a = file("in/a.xlsx", &[("unit_code", text("AG-1"))], false);
    let mut copy = a.clone();
    copy.path = PathBuf::from("other/a.xlsx");
    let files = [
        a,
        file(
            "b.xlsx",
            &[("union_name", text("CĐCS Trường THPT Nguyễn Trãi"))],
            false,
        ),
        file("x.xlsx", &[("union_name", text("Ai đó"))], false),
        copy,
        file("c.xlsx", &[("unit_code", text("AG-2"))], true),
    ];
    let whole = match_units(&Outline::embedded(), &r, &files);
    let mut m = Matcher::new(&Outline::embedded(), &r);
    for chunk in files.chunks(2) {
        m.add(chunk);
    }
    let chunked = m.finish();
    let show = |m: &Matching| {
        let per_unit: Vec<Vec<String>> = m
            .returns
            .iter()
            .map(|rs| rs.iter().map(|x| x.file.clone()).collect())
            .collect();
        let unmatched: Vec<String> = m.unmatched.iter().map(|u| u.file.clone()).collect();
        (per_unit, unmatched)
    };
    assert_eq!(show(&chunked), show(&whole));
    assert_eq!(
        show(&whole),
        (
            vec![
                vec!["in/a.xlsx".to_string()],
                vec!["c.xlsx".into()],
                vec!["b.xlsx".into()]
            ],
            vec!["x.xlsx".to_string()]
        ),
        "the identical copy in another folder counts once"
    );
}

#[test]
fn a_return_of_a_bad_roster_row_says_so() {
    let r = roster(&format!(
        "code|name|type|parent\nAG-1|Trường A|{GD}|{RG}\nAG-2|Trường B|Trường học|{RG}\nAG-1|Trùng|{GD}|{RG}"
    ));
    let files = [
        file("b.xlsx", &[("unit_code", text("ag-2"))], false),
        file("a.xlsx", &[("unit_code", text("AG-1"))], false),
    ];
    let m = match_units(&Outline::embedded(), &r, &files);
    assert_eq!(
        m.unmatched[0].reason,
        "mã “ag-2” ở dòng 3 của danh sách đơn vị, nhưng dòng đó có lỗi nên không được tính: sửa danh sách rồi chạy lại"
    );
    assert_eq!(
        m.unmatched.len(),
        1,
        "a code also on a good row matches that row"
    );
    assert_eq!(m.returns[0][0].file, "a.xlsx");
}
