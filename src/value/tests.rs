//! Unit tests of value normalisation: one assertion per reading rule.

use super::*;
use NumKind::*;

fn t(s: &str, k: NumKind) -> Parsed {
    parse_number(&Raw::Text(s.into()), k)
}
fn txt(v: f64, s: &str) -> Parsed {
    Parsed::Value {
        value: v,
        from_text: Some(s.into()),
    }
}
fn ambig(s: &str, k: NumKind, want: &[f64], words: &[&str]) {
    let p = t(s, k);
    let Parsed::Ambiguous { readings, reason } = &p else {
        panic!("{s}: {p:?}")
    };
    assert_eq!(readings, want, "{s}");
    for w in words.iter().chain(&[s]) {
        assert!(reason.contains(w), "{s}: {reason} lacks {w}");
    }
}
fn bad(p: Parsed, words: &[&str]) {
    let Parsed::Invalid { reason } = &p else {
        panic!("{p:?}")
    };
    for w in words {
        assert!(reason.contains(w), "{reason} lacks {w}");
    }
}

#[test]
fn empty_and_raw_cells() {
    assert_eq!(
        (parse_number(&Raw::Empty, Integer), t(" \u{a0} ", Money)),
        (Parsed::Empty, Parsed::Empty)
    );
    for (n, k, v) in [
        (0.0, Integer, 0.0),
        (12.0, Money, 12.0),
        (1234.5, Money, 1234.5),
        (-4.0, SignedInteger, -4.0),
        (0.07, Percent, 7.0),
        (0.85, Percent, 85.0),
        (1.0, Percent, 100.0),
        (-0.5, Percent, -50.0),
        (85.0, Percent, 85.0),
        (3.0000000000001, Integer, 3.0),
    ] {
        assert_eq!(
            parse_number(&Raw::Number(n), k),
            Parsed::Value {
                value: v,
                from_text: None
            },
            "{n}"
        );
    }
    bad(
        parse_number(&Raw::Number(2.5), Integer),
        &["2,5", "cần số nguyên"],
    );
    bad(
        parse_number(&Raw::Number(f64::NAN), Money),
        &["không chứa một số bình thường"],
    );
    bad(parse_number(&Raw::Number(2e15), Money), &["số quá lớn"]);
    bad(
        parse_number(&Raw::Bool(true), Integer),
        &["đúng/sai (TRUE/FALSE)", "cần nhập một số"],
    );
    let d = NaiveDate::from_ymd_opt(2026, 4, 5).unwrap();
    bad(
        parse_number(&Raw::Date(d), Integer),
        &["ngày 05/04/2026", "số nguyên ≥ 0"],
    );
    bad(
        parse_number(&Raw::Error("#DIV/0!".into()), Money),
        &["#DIV/0!", "lỗi công thức", "con số"],
    );
    for code in [
        "#REF!", "#VALUE!", "#N/A", "#name?", "#NUM!", "#NULL!", "Err:502",
    ] {
        bad(t(code, Integer), &[code, "lỗi công thức"]);
    }
}

#[test]
fn plain_text_units_and_signs() {
    let cases: &[(&str, NumKind, f64)] = &[
        ("12", Integer, 12.0),
        ("  12 ", Integer, 12.0),
        ("+7", Integer, 7.0),
        ("-5", Integer, -5.0),
        ("−5", SignedInteger, -5.0),
        ("- 5", SignedInteger, -5.0),
        ("-0", Integer, 0.0),
        ("12 người", Integer, 12.0),
        ("12 ngu\u{31b}o\u{31b}\u{300}i", Integer, 12.0),
        ("12 NGƯỜI", Integer, 12.0),
        ("3 lượt người", Integer, 3.0),
        ("3 lượt", Integer, 3.0),
        ("2 cuộc", Integer, 2.0),
        ("4 lớp", Integer, 4.0),
        ("6 văn bản", Integer, 6.0),
        ("9 nội dung", SignedInteger, 9.0),
        ("5.000.000đ", Money, 5e6),
        ("5.000.000 đồng", Money, 5e6),
        ("5000 VNĐ", Money, 5e3),
        ("5 000 vnd", Money, 5e3),
        ("5 triệu", Money, 5e6),
        ("5tr", Money, 5e6),
        ("5 trđ", Money, 5e6),
        ("1,2 tỷ", Money, 1.2e9),
        ("1,2 tỉ đồng", Money, 1.2e9),
        ("3 nghìn", Money, 3e3),
        ("3 ngàn đồng", Money, 3e3),
        ("2,5 triệu đồng", Money, 2.5e6),
        ("1.500 đ", Money, 1500.0),
        ("85%", Percent, 85.0),
        ("85 %", Percent, 85.0),
        ("85", Percent, 85.0),
        ("1", Percent, 1.0),
        ("0,5%", Percent, 0.5),
        ("12,5%", Percent, 12.5),
        ("12.75", Percent, 12.75),
        ("-3%", Percent, -3.0),
        ("0", Percent, 0.0),
        ("1,0", Percent, 1.0),
        ("12,00", Integer, 12.0),
    ];
    for (s, k, v) in cases {
        assert_eq!(t(s, *k), txt(*v, s.trim()), "{s} {k:?}");
    }
    bad(
        t("5 triệu", Integer),
        &["“5 triệu”", "chỉ dùng cho số tiền"],
    );
    bad(
        t("2 tỷ", Percent),
        &["chỉ dùng cho số tiền", "tỷ lệ phần trăm"],
    );
    bad(t("50%", Integer), &["“50%”", "đơn vị", "số nguyên ≥ 0"]);
    bad(t("12 người", Money), &["đơn vị", "số tiền (đồng)"]);
}

#[test]
fn separators() {
    let cases: &[(&str, NumKind, f64)] = &[
        ("1.234", Integer, 1234.0),
        ("1,234", Money, 1234.0),
        ("1.234", SignedInteger, 1234.0),
        ("1.234.567", Integer, 1_234_567.0),
        ("1,234,567", Money, 1_234_567.0),
        ("1 234 567", Integer, 1_234_567.0),
        ("1\u{a0}234\u{a0}567", Money, 1_234_567.0),
        ("1\u{202f}234", Integer, 1234.0),
        ("1.234.567,5", Percent, 1_234_567.5),
        ("1,234,567.5", Percent, 1_234_567.5),
        ("1 234,5", Percent, 1234.5),
        ("1,5", Percent, 1.5),
        ("12.75", Percent, 12.75),
        ("1234,5678", Percent, 1234.5678),
        ("007", Integer, 7.0),
    ];
    for (s, k, v) in cases {
        assert_eq!(t(s, *k), txt(*v, s), "{s} {k:?}");
    }
    ambig(
        "1,5",
        Integer,
        &[1.5, 15.0],
        &["không rõ", "1,5", "15", "số nguyên", "dấu phẩy"],
    );
    ambig(
        "12.5",
        SignedInteger,
        &[12.5, 125.0],
        &["12,5", "125", "dấu chấm"],
    );
    ambig(
        "1.234.567,5",
        Integer,
        &[1_234_567.5, 12_345_675.0],
        &["1.234.567,5", "12.345.675"],
    );
    ambig(
        "1234.567",
        Integer,
        &[1234.567, 1_234_567.0],
        &["1.234,567", "1.234.567"],
    );
    ambig("-1,5", SignedInteger, &[-1.5, -15.0], &["-1,5", "-15"]);
    ambig(
        "1,5",
        Money,
        &[1.5, 15.0],
        &["1,5 đồng", "15 đồng", "tròn đồng"],
    );
    ambig(
        "1.250 tỷ",
        Money,
        &[1.25e9, 1.25e12],
        &["1.250.000.000 đồng", "1.250.000.000.000 đồng"],
    );
    ambig("1.234", Percent, &[1.234, 1234.0], &["1,234%", "1.234%"]);
    ambig("1,234%", Percent, &[1.234, 1234.0], &["không rõ"]);
    ambig("0,5", Percent, &[0.5, 50.0], &["0,5%", "50%", "dấu %"]);
    ambig("0.5", Percent, &[0.5, 50.0], &["0,5%", "50%"]);
    ambig("0,07", Percent, &[0.07, 7.0], &["7%"]);
    bad(t("1,2345678901 tỷ", Money), &["phần lẻ dưới 1 đồng"]);
}

#[test]
fn garbage_and_limits() {
    for (s, k, want) in [
        ("mười hai", Integer, "số nguyên ≥ 0"),
        ("abc", SignedInteger, "số nguyên (có thể âm)"),
        ("12abc", Money, "số tiền (đồng)"),
        ("--5", Percent, "tỷ lệ phần trăm"),
        ("1..2", Integer, "số nguyên"),
        ("12 5", Integer, "số nguyên"),
        ("1.2.3", Money, "số tiền"),
        ("1,234.567.8", Money, "số tiền"),
        ("12.", Integer, "số nguyên"),
        ("người", Integer, "số nguyên"),
        ("5-3", Integer, "số nguyên"),
    ] {
        bad(t(s, k), &[&format!("“{s}”"), "không phải là số", want]);
    }
    for s in ["NaN", "inf", "-Infinity", "1e308", "1e5", "2,5E-3"] {
        bad(t(s, Money), &[s, "không phải là số viết bình thường"]);
    }
    bad(t("1.000.000.000.000.001", Money), &["số quá lớn"]);
    bad(t("2 triệu tỷ", Money), &["không phải là số"]);
    bad(t(&"9".repeat(45), Integer), &["số quá lớn", "…"]);
    let long = format!(
        "ô này không có số liệu vì đơn vị chưa báo cáo {}",
        "ạ".repeat(30)
    );
    bad(
        t(&long, Integer),
        &["ô này không có số liệu vì đơn vị chưa bá…” không phải là số"],
    );
    let junk = [
        "",
        "-",
        "−",
        "+",
        ".",
        ",",
        "1,",
        ",5",
        "%",
        "đ",
        "1 ,5",
        "1, 5",
        "ngày",
        "tr",
        "e5",
        "1e",
        "∞",
        "\u{301}",
        "1\u{301}",
        "９",
        "1.234,567.8",
        "1 234.567 8",
        "0,000",
        "-0,5",
        "1\n2",
        "#",
        "𝟙",
    ];
    for s in junk.iter().map(|s| s.to_string()).chain((0..300).map(|i| {
        format!(
            "{}{}",
            i * 37,
            ".,- %đ"
                .chars()
                .nth(i % 7)
                .map_or(String::new(), |c| c.to_string().repeat(i % 3))
        )
    })) {
        for k in [Integer, SignedInteger, Money, Percent] {
            let _ = t(&s, k);
        }
        let _ = (
            parse_date(&Raw::Text(s.clone())),
            parse_yes_no(&Raw::Text(s.clone())),
            fold(&s),
            quote(&s, 3),
        );
    }
}

#[test]
fn fold_choice_yes_no_format_quote() {
    assert_eq!(
        (fold("  Đoàn   Thanh\u{a0}niên "), fold("Co\u{301}")),
        ("doan thanh nien".into(), "co".into())
    );
    let opts: Vec<String> = ["Công đoàn cơ sở", "Nghiệp đoàn"]
        .map(String::from)
        .to_vec();
    assert_eq!(match_choice("cong doan co so", &opts), Some(0));
    assert_eq!(match_choice("NGHIE\u{323}\u{302}P ĐOÀN", &opts), Some(1));
    assert_eq!(
        (match_choice("khác", &opts), match_choice("  ", &opts)),
        (None, None)
    );
    for s in ["có", "co", "CÓ", "Co\u{301}", "x", "X", "yes", "1"] {
        assert_eq!(parse_yes_no(&Raw::Text(s.into())), Some(true), "{s}");
    }
    for s in ["không", "khong", "KHÔNG", "ko", "no", "0"] {
        assert_eq!(parse_yes_no(&Raw::Text(s.into())), Some(false), "{s}");
    }
    let yn = |r: Raw| parse_yes_no(&r);
    assert_eq!(
        [
            yn(Raw::Bool(true)),
            yn(Raw::Bool(false)),
            yn(Raw::Number(1.0)),
            yn(Raw::Number(0.0))
        ],
        [Some(true), Some(false), Some(true), Some(false)]
    );
    assert_eq!(
        [
            yn(Raw::Number(2.0)),
            yn(Raw::Text("có lẽ".into())),
            yn(Raw::Empty)
        ],
        [None, None, None]
    );
    assert_eq!(
        (format_vi(1_234_567.5), format_vi(-3.0), format_vi(1000.0)),
        ("1.234.567,5".into(), "-3".into(), "1.000".into())
    );
    assert_eq!(
        (format_vi(12.345), format_vi(-0.001), format_vi(0.1)),
        ("12,35".into(), "0".into(), "0,1".into())
    );
    assert_eq!(
        (format_vi(0.0), format_vi(999.0)),
        ("0".into(), "999".into())
    );
    assert_eq!(
        (
            quote("Công đoàn", 40),
            quote("Công đoàn", 4),
            quote("a\n  b", 10)
        ),
        ("Công đoàn".into(), "Công…".into(), "a b".into())
    );
}

#[test]
fn dates() {
    let d = NaiveDate::from_ymd_opt(2026, 4, 25);
    for s in [
        "25/4/2026",
        "25/04/2026",
        "25-4-2026",
        "25.4.2026",
        "2026-04-25",
        "ngày 25 tháng 4 năm 2026",
        "NGÀY 25 THÁNG 04 NĂM 2026",
        "nga\u{300}y 25 tha\u{301}ng 4 na\u{306}m 2026",
        "25 tháng 4 năm 2026",
        "25/04/2026 00:00:00",
    ] {
        assert_eq!(parse_date(&Raw::Text(s.into())), d, "{s}");
    }
    assert_eq!(
        parse_date(&Raw::Text("4/5/2026".into())),
        NaiveDate::from_ymd_opt(2026, 5, 4)
    );
    for s in [
        "31/2/2026",
        "25/4/26",
        "2026/13/01",
        "25/4-2026",
        "abc",
        "25/4/0202",
        "ngày 25",
    ] {
        assert_eq!(parse_date(&Raw::Text(s.into())), None, "{s}");
    }
    let pd = |r: Raw| parse_date(&r);
    assert_eq!(
        [
            pd(Raw::Date(d.unwrap())),
            pd(Raw::Number(46137.0)),
            pd(Raw::Number(46137.75))
        ],
        [d, d, d]
    );
    assert_eq!(
        [
            pd(Raw::Number(19999.0)),
            pd(Raw::Number(80000.0)),
            pd(Raw::Bool(true))
        ],
        [None, None, None]
    );
}

#[test]
fn decree_dates_and_percentages() {
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(
        [
            super::decree_date(d(2026, 4, 7)),
            super::decree_date(d(2026, 2, 15)),
            super::decree_date(d(2026, 12, 25)),
            super::decree_date(d(2027, 1, 1)),
        ],
        [
            "ngày 07 tháng 4 năm 2026",
            "ngày 15 tháng 02 năm 2026",
            "ngày 25 tháng 12 năm 2026",
            "ngày 01 tháng 01 năm 2027",
        ]
    );
    assert_eq!(
        [
            super::format_pct_vi(0.8114),
            super::format_pct_vi(0.85),
            super::format_pct_vi(1.0),
            super::format_pct_vi(0.0),
        ],
        ["81,1%", "85%", "100%", "0%"]
    );
}
