//! The seed's outline (plan 41/KH-LĐLĐ, "ĐỀ CƯƠNG BÁO CÁO"), line by line, found on the form a unit fills in.

use super::*;

// ------------------------------------------------------------------ the seed's outline, line by line

/// The "ĐỀ CƯƠNG BÁO CÁO" part of plan 41/KH-LĐLĐ, copied verbatim from the seed text.
const SEED: &str = include_str!("../seed-de-cuong.txt");

/// What the form must show for one line of the seed outline.
enum Need {
    /// A label, heading or section title of the form (or one that adds a “(…)” clarification).
    Label(&'static str),
    /// A field row with this label in column B and this unit in column D.
    Unit(&'static str, &'static str),
    /// The input on the row labelled `.0` offers these options in its dropdown.
    Choices(&'static str, &'static [&'static str]),
    /// These words appear inside some text of the form (used for a parenthesised instruction).
    Mention(&'static str),
}
use Need::*;

/// Every line of the seed outline from section I to the end, and what covers it in the form.
const SEED_LINES: &[(&str, &[Need])] = &[
    ("I. KHÁI QUÁT TÌNH HÌNH", &[Label("I. KHÁI QUÁT TÌNH HÌNH")]),
    ("1. Đặc điểm đơn vị", &[Label("1. Đặc điểm đơn vị")]),
    ("- Tên đơn vị:", &[Label("Tên đơn vị")]),
    (
        "- Loại hình đơn vị/doanh nghiệp:.....",
        &[Label("Loại hình đơn vị/doanh nghiệp")],
    ),
    (
        "- Tổng số CNVCLĐ/NLĐ hiện có:.....người",
        &[Unit("Tổng số CNVCLĐ/NLĐ hiện có", "người")],
    ),
    (
        "- Tổng số đoàn viên công đoàn:.....người",
        &[Unit("Tổng số đoàn viên công đoàn", "người")],
    ),
    (
        "- Số công đoàn bộ phận/tổ công đoàn (nếu có):",
        &[Label("Số công đoàn bộ phận/tổ công đoàn (nếu có)")],
    ),
    ("2. Thuận lợi, khó khăn", &[Label("2. Thuận lợi, khó khăn")]),
    ("- Thuận lợi chủ yếu:", &[Label("Thuận lợi chủ yếu")]),
    ("- Khó khăn chủ yếu:", &[Label("Khó khăn chủ yếu")]),
    (
        "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
        &[Label("II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN")],
    ),
    (
        "1. Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền",
        &[Label(
            "1. Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền",
        )],
    ),
    (
        "- Số văn bản/kế hoạch triển khai đã ban hành: văn bản",
        &[Unit(
            "Số văn bản/kế hoạch triển khai đã ban hành",
            "văn bản",
        )],
    ),
    (
        "- Số hội nghị/lớp học tập, quán triệt: cuộc",
        &[Unit("Số hội nghị/lớp học tập, quán triệt", "cuộc")],
    ),
    (
        "- Số lượt cán bộ, đoàn viên, NLĐ tham gia: lượt người",
        &[Unit(
            "Số lượt cán bộ, đoàn viên, NLĐ tham gia",
            "lượt người",
        )],
    ),
    (
        "- Hình thức tuyên truyền chủ yếu: trực tiếp / trực tuyến / mạng xã hội / nhóm Zalo / bản tin / pano, áp phích...",
        &[
            Label("Hình thức tuyên truyền chủ yếu"),
            Label("trực tiếp"),
            Label("trực tuyến"),
            Label("mạng xã hội"),
            Label("nhóm Zalo"),
            Label("bản tin"),
            Label("pano, áp phích"),
        ],
    ),
    (
        "- Tỷ lệ đoàn viên được tuyên truyền, quán triệt (ước tính): %",
        &[Unit(
            "Tỷ lệ đoàn viên được tuyên truyền, quán triệt (ước tính)",
            "%",
        )],
    ),
    (
        "2. Công tác đại diện, chăm lo, bảo vệ quyền lợi đoàn viên, NLD",
        &[Label(
            "2. Công tác đại diện, chăm lo, bảo vệ quyền lợi đoàn viên, NLD",
        )],
    ),
    (
        "- Số cuộc phối hợp kiểm tra, giám sát, đối thoại: cuộc",
        &[Unit(
            "Số cuộc phối hợp kiểm tra, giám sát, đối thoại",
            "cuộc",
        )],
    ),
    (
        "- Số kiến nghị/đề xuất liên quan quyền lợi NLD: nội dung",
        &[Unit(
            "Số kiến nghị/đề xuất liên quan quyền lợi NLD",
            "nội dung",
        )],
    ),
    (
        "- Số nội dung được giải quyết/tiếp thu: nội dung",
        &[Unit("Số nội dung được giải quyết/tiếp thu", "nội dung")],
    ),
    (
        "- Số thỏa ước lao động tập thể (nếu có):",
        &[Label("Số thỏa ước lao động tập thể (nếu có)")],
    ),
    (
        "- Số đoàn viên/NLD được chăm lo, hỗ trợ: người",
        &[Unit("Số đoàn viên/NLD được chăm lo, hỗ trợ", "người")],
    ),
    (
        "- Tổng số tiền chăm lo, hỗ trợ (nếu có): đồng",
        &[Unit("Tổng số tiền chăm lo, hỗ trợ (nếu có)", "đồng")],
    ),
    (
        "- Các hoạt động nổi bật đã triển khai:",
        &[Label("Các hoạt động nổi bật đã triển khai")],
    ),
    ("- Tết Sum vầy:", &[Label("Tết Sum vầy")]),
    ("- Tháng Công nhân:", &[Label("Tháng Công nhân")]),
    ("- Phúc lợi đoàn viên:", &[Label("Phúc lợi đoàn viên")]),
    (
        "- Hỗ trợ khó khăn, bệnh hiểm nghèo, thiên tai...:",
        &[Label("Hỗ trợ khó khăn, bệnh hiểm nghèo, thiên tai")],
    ),
    (
        "3. Công tác phát triển đoàn viên, thành lập công đoàn cơ sở, củng cố tổ chức, xây dựng CDCS vững mạnh",
        &[Label(
            "3. Công tác phát triển đoàn viên, thành lập công đoàn cơ sở, củng cố tổ chức, xây dựng CDCS vững mạnh",
        )],
    ),
    (
        "- Số đoàn viên đầu kỳ (năm 2021 hoặc thời điểm bắt đầu):",
        &[Label(
            "Số đoàn viên đầu kỳ (năm 2021 hoặc thời điểm bắt đầu)",
        )],
    ),
    (
        "- Số đoàn viên hiện nay:",
        &[Label("Số đoàn viên hiện nay")],
    ),
    (
        "- Số đoàn viên tăng/giảm trong 05 năm:",
        &[Label("Số đoàn viên tăng/giảm trong 05 năm")],
    ),
    (
        "- Số đoàn viên kết nạp mới: người",
        &[Unit("Số đoàn viên kết nạp mới", "người")],
    ),
    (
        "- Số đoàn viên giảm: người (nêu nguyên nhân chính)",
        &[
            Unit("Số đoàn viên giảm", "người"),
            Mention("nguyên nhân chính"),
        ],
    ),
    (
        "- Số tổ công đoàn/công đoàn bộ phận được kiện toàn:",
        &[Label("Số tổ công đoàn/công đoàn bộ phận được kiện toàn")],
    ),
    (
        "- Số cán bộ công đoàn được kiện toàn, bổ sung:",
        &[Label("Số cán bộ công đoàn được kiện toàn, bổ sung")],
    ),
    (
        "4. Công tác xây dựng đội ngũ cán bộ công đoàn, đào tạo, bồi dưỡng",
        &[Label(
            "4. Công tác xây dựng đội ngũ cán bộ công đoàn, đào tạo, bồi dưỡng",
        )],
    ),
    (
        "- Số lượt cán bộ công đoàn được tập huấn, bồi dưỡng: lượt",
        &[Unit(
            "Số lượt cán bộ công đoàn được tập huấn, bồi dưỡng",
            "lượt",
        )],
    ),
    (
        "- Nội dung tập huấn chủ yếu: nghiệp vụ công đoàn / tài chính / kiểm tra / nữ công / tuyên truyền / chuyển đổi số...",
        &[
            Label("Nội dung tập huấn chủ yếu"),
            Label("nghiệp vụ công đoàn"),
            Label("tài chính"),
            Label("kiểm tra"),
            Label("nữ công"),
            Label("tuyên truyền"),
            Label("chuyển đổi số"),
        ],
    ),
    (
        "- Số hoạt động phối hợp nâng cao tay nghề, kỹ năng cho NLD (nếu có): cuộc/lớp",
        &[Unit(
            "Số hoạt động phối hợp nâng cao tay nghề, kỹ năng cho NLD (nếu có)",
            "cuộc/lớp",
        )],
    ),
    (
        "- Số lượt NLD tham gia: người",
        &[Unit("Số lượt NLD tham gia", "người")],
    ),
    (
        "5. Phong trào thi đua, các cuộc vận động",
        &[Label("5. Phong trào thi đua, các cuộc vận động")],
    ),
    (
        "- Số phong trào/cuộc vận động đã triển khai:",
        &[Label("Số phong trào/cuộc vận động đã triển khai")],
    ),
    (
        "- Số sáng kiến, giải pháp được ghi nhận (nếu có):",
        &[Label("Số sáng kiến, giải pháp được ghi nhận (nếu có)")],
    ),
    (
        "- Số tập thể/cá nhân được biểu dương, khen thưởng:",
        &[Label("Số tập thể/cá nhân được biểu dương, khen thưởng")],
    ),
    (
        "- Số mô hình tiêu biểu được nhân rộng:",
        &[Label("Số mô hình tiêu biểu được nhân rộng")],
    ),
    (
        "6. Công tác tài chính công đoàn (báo cáo ngắn gọn, chỉ số chính)",
        &[Label(
            "6. Công tác tài chính công đoàn (báo cáo ngắn gọn, chỉ số chính)",
        )],
    ),
    (
        "- Tổng thu đoàn phí công đoàn 05 năm: đồng",
        &[Unit("Tổng thu đoàn phí công đoàn 05 năm", "đồng")],
    ),
    (
        "- Tổng thu kinh phí công đoàn 05 năm (nếu có): đồng",
        &[Unit("Tổng thu kinh phí công đoàn 05 năm (nếu có)", "đồng")],
    ),
    (
        "- Tỷ lệ thu đạt so với kế hoạch: %",
        &[Unit("Tỷ lệ thu đạt so với kế hoạch", "%")],
    ),
    (
        "- Tình hình nợ đọng (nếu có):",
        &[Label("Tình hình nợ đọng (nếu có)")],
    ),
    (
        "- Tổng chi hoạt động chăm lo, đại diện, phong trào: đồng",
        &[Unit(
            "Tổng chi hoạt động chăm lo, đại diện, phong trào",
            "đồng",
        )],
    ),
    (
        "- Công tác công khai tài chính tại đơn vị: có / chưa đầy đủ",
        &[Choices(
            "Công tác công khai tài chính tại đơn vị",
            &["có", "chưa đầy đủ"],
        )],
    ),
    (
        "- Có/không phát sinh sai phạm, tồn tại qua kiểm tra:",
        &[Choices(
            "Có/không phát sinh sai phạm, tồn tại qua kiểm tra",
            &["có", "không"],
        )],
    ),
    (
        "III. MÔ HÌNH, CÁCH LÀM HIỆU QUẢ",
        &[Label("III. MÔ HÌNH, CÁCH LÀM HIỆU QUẢ")],
    ),
    (
        "Mỗi mô hình trình bày theo mẫu sau:",
        &[Label("Mỗi mô hình trình bày theo mẫu sau")],
    ),
    ("Tên mô hình/cách làm:", &[Label("Tên mô hình/cách làm")]),
    ("IV. ĐỀ XUẤT, KIẾN NGHỊ", &[Label("IV. ĐỀ XUẤT, KIẾN NGHỊ")]),
    (
        "Bao gồm cả đề xuất điều chỉnh chỉ tiêu (nếu có)",
        &[Label("đề xuất điều chỉnh chỉ tiêu (nếu có)")],
    ),
];

/// Fold for comparison: NFC, lower case, no diacritics, đ→d, one space between words,
/// no trailing “:”, “…”, “...” or “.”.
fn fold(s: &str) -> String {
    let nfc: String = s.nfc().collect::<String>().to_lowercase();
    let bare: String = nfc
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    let mut out = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let t = out.trim_end_matches([':', '.', '…', ' ']).to_string();
        if t == out {
            break;
        }
        out = t;
    }
    out
}

/// The seed lines from "I. KHÁI QUÁT TÌNH HÌNH" to the end, trimmed, without blank lines.
fn seed_lines() -> Vec<&'static str> {
    let start = SEED
        .find("I. KHÁI QUÁT TÌNH HÌNH")
        .expect("section I in the seed");
    SEED[start..]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn seed_table_lists_every_line_of_the_seed_outline() {
    let listed: Vec<&str> = SEED_LINES.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        listed,
        seed_lines(),
        "SEED_LINES must follow the seed line by line"
    );
    for (line, needs) in SEED_LINES {
        assert!(!needs.is_empty(), "{line}: nothing to look for");
        for need in *needs {
            let words: Vec<&str> = match need {
                Label(t) | Mention(t) => vec![t],
                Unit(t, u) => vec![t, u],
                Choices(t, cs) => std::iter::once(*t).chain(cs.iter().copied()).collect(),
            };
            for w in words {
                assert!(
                    fold(line).contains(&fold(w)),
                    "“{w}” is not taken from the seed line “{line}”"
                );
            }
        }
    }
}

/// The texts a unit sees on the form sheet, one per cell (columns A–F), without "- "/"+ " bullets.
fn form_texts(sheet: &SheetData) -> Vec<(u32, u32, String)> {
    let key_col = cell_pos("G1").1;
    sheet
        .strings()
        .into_iter()
        .filter(|(_, c, _)| *c < key_col)
        .map(|(r, c, t)| {
            let t = t.trim();
            let t = t
                .strip_prefix("- ")
                .or_else(|| t.strip_prefix("+ "))
                .unwrap_or(t);
            (r, c, t.to_string())
        })
        .collect()
}

/// A form text covers a seed label if equal after folding, or equal up to an added “ (…)”.
fn covers(form: &str, label: &str) -> bool {
    let (f, l) = (fold(form), fold(label));
    f == l || f.starts_with(&format!("{l} ("))
}

#[test]
fn every_line_of_the_seed_outline_is_on_the_form() {
    let (sb, _) = form();
    let path = sb.join("form.xlsx");
    let mut book = Book::open(&path);
    let sheet = book.sheet(FORM);
    let meta = book.sheet(META);
    let texts = form_texts(&sheet);
    let xml = sheet_xml(&path, FORM);
    let dv: BTreeMap<String, String> = validations(&xml)
        .into_iter()
        .map(|(s, _, f)| (s, f))
        .collect();
    let label_col = cell_pos("B1").1;
    let row_of = |label: &str| -> Option<u32> {
        texts
            .iter()
            .find(|(_, c, t)| *c == label_col && covers(t, label))
            .map(|(r, _, _)| *r)
    };
    let mut missing = Vec::new();
    for (line, needs) in SEED_LINES {
        for need in *needs {
            let found = match need {
                Label(t) => texts.iter().any(|(_, _, x)| covers(x, t)),
                Mention(t) => texts.iter().any(|(_, _, x)| fold(x).contains(&fold(t))),
                // A percent input prints its own "%" (issue 15.4: not a second one beside it).
                Unit(t, u) => row_of(t).is_some_and(|r| {
                    let beside = sheet.text(&format!("D{}", r + 1));
                    beside.as_deref().is_some_and(|x| fold(x) == fold(u))
                        || (*u == "%" && beside.is_none())
                }),
                Choices(t, cs) => row_of(t).is_some_and(|r| {
                    let keys = sheet.text(&format!("G{}", r + 1)).unwrap_or_default();
                    keys.split_whitespace().any(|tok| {
                        let letter = tok.split_once('@').map(|x| x.1).unwrap_or("");
                        dv.get(&format!("{letter}{}", r + 1)).is_some_and(|f| {
                            let offered: Vec<String> =
                                list_values(&meta, f).iter().map(|v| fold(v)).collect();
                            cs.iter().all(|c| offered.contains(&fold(c)))
                        })
                    })
                }),
            };
            if !found {
                let what = match need {
                    Label(t) => format!("label “{t}”"),
                    Mention(t) => format!("mention of “{t}”"),
                    Unit(t, u) => format!("“{t}” with unit “{u}”"),
                    Choices(t, cs) => format!("“{t}” offering {cs:?}"),
                };
                missing.push(format!("{what}  ← seed line “{line}”"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "seed outline lines not on the form:\n{}",
        missing.join("\n")
    );
}

#[test]
fn masthead_follows_the_seed() {
    let (sb, _) = form();
    let mut book = Book::open(sb.join("form.xlsx"));
    let sheet = book.sheet(FORM);
    let texts = form_texts(&sheet);
    for line in [
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "Sơ kết 5 năm triển khai Chương trình hành động số 02/CTr-BCH ngày 20/7/2021 của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam thực hiện Nghị quyết Đại hội XIII của Đảng và Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của Bộ Chính trị về “Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới”",
    ] {
        assert!(SEED.contains(line), "taken from the seed: {line}");
        assert!(
            texts.iter().any(|(_, _, t)| t == line),
            "form lacks “{line}”"
        );
    }
    assert!(
        texts
            .iter()
            .any(|(_, _, t)| t.ends_with("Công đoàn cơ sở báo cáo kết quả thực hiện như sau:")),
        "the preamble of the seed outline"
    );
}
