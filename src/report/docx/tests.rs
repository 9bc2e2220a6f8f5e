//! The printer's output read back: page setup, fonts, header, date rule, tables, pictures,
//! placeholders, signature, and the same bytes twice.

use super::*;
use std::io::Read;

pub(crate) fn sample() -> Document {
    // A 2×1 PNG (one red, one white pixel).
    let png = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B,
        0x40, 0xE8, 0xDD, 0x00, 0x00, 0x00, 0x0F, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8,
        0xCF, 0xC0, 0xF0, 0x1F, 0x08, 0x00, 0x00, 0x1F, 0xEE, 0x05, 0xFB, 0x6F, 0xE2, 0xC5, 0x0B,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    Document {
        header: Header {
            upper_body: "Cơ quan cấp trên".into(),
            issuing_body: "Cơ quan ban hành".into(),
            number: "Số: …/BC-CQ".into(),
            place: "Cần Thơ".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 2, 5),
        },
        kind: "Báo cáo".into(),
        summary: vec!["Kết quả thực hiện kế hoạch năm 2026".into()],
        blocks: vec![
            Block::Heading(1, "I. KẾT QUẢ THỰC HIỆN".into()),
            Block::Heading(2, "1. Công tác triển khai".into()),
            Block::Paragraph(vec![
                Span::text("Số văn bản đã ban hành: "),
                Span::bold("1.234"),
                Span::text(" văn bản."),
            ]),
            Block::Bullet(vec![Span::text("Tỷ lệ: "), Span::flagged("85%")]),
            Block::Paragraph(vec![Span::blank("[Đánh giá chung]")]),
            Block::Table(Table {
                widths: vec![1, 4, 2],
                head: vec!["TT".into(), "Loại".into(), "Số lượng".into()],
                rows: vec![
                    Row {
                        cells: vec![Cell::center("1"), Cell::left("Loại A"), Cell::figure("12")],
                        total: false,
                    },
                    Row {
                        cells: vec![
                            Cell::center(""),
                            Cell::left("Tổng cộng"),
                            Cell::figure("12"),
                        ],
                        total: true,
                    },
                ],
            }),
            Block::Picture(Picture {
                png: png.clone(),
                width_px: 2,
                height_px: 1,
                caption: "Hình 1".into(),
            }),
            Block::Picture(Picture {
                png,
                width_px: 2,
                height_px: 1,
                caption: "Hình 2".into(),
            }),
        ],
        signature: Signature {
            lines: vec!["TM. Ban chấp hành".into(), "Chủ tịch".into()],
            name: None,
        },
        recipients: vec!["Cơ quan cấp trên;".into(), "Lưu: VT.".into()],
        appendix: vec![
            Block::Title(vec![Span::text("PHỤ LỤC")]),
            Block::Note(vec![Span::text("(Kèm theo báo cáo)")]),
        ],
    }
}

pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The texts of the document's runs, in order, one string per paragraph.
pub(crate) fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut out = String::new();
            let mut rest = p;
            while let Some(at) = rest.find("<w:t") {
                rest = &rest[at..];
                let open_end = rest.find('>').unwrap();
                if rest[..open_end].ends_with('/')
                    || rest.starts_with("<w:tbl")
                    || rest.starts_with("<w:tc")
                    || rest.starts_with("<w:tr")
                    || rest.starts_with("<w:tab")
                {
                    rest = &rest[open_end + 1..];
                    continue;
                }
                let close = rest.find("</w:t>").unwrap();
                out.push_str(&rest[open_end + 1..close]);
                rest = &rest[close..];
            }
            out
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The run properties of the run whose text starts with `text`.
pub(crate) fn run_of<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(&format!(">{text}"))
        .unwrap_or_else(|| panic!("no run {text}"));
    let head = &xml[..at];
    &head[head.rfind("<w:r>").unwrap()..]
}

#[test]
fn page_fonts_header_and_date() {
    let bytes = render(&sample()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4 portrait"
    );
    assert!(
        doc.contains(r#"<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701""#),
        "margins 20/15/20/30 mm"
    );
    assert!(doc.contains("<w:titlePg"), "no page number on page 1");
    // Times New Roman only, in every script slot.
    let fonts: std::collections::BTreeSet<&str> = doc
        .split("w:ascii=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(fonts.into_iter().collect::<Vec<_>>(), ["Times New Roman"]);
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"w:ascii="Times New Roman""#),
        "default font"
    );
    let paras = paragraphs(&doc);
    assert_eq!(
        paras,
        [
            "CƠ QUAN CẤP TRÊN",
            "CƠ QUAN BAN HÀNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: …/BC-CQ",
            "Cần Thơ, ngày 05 tháng 02 năm 2026",
            "BÁO CÁO",
            "Kết quả thực hiện kế hoạch năm 2026",
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Công tác triển khai",
            "Số văn bản đã ban hành: 1.234 văn bản.",
            "- Tỷ lệ: 85%",
            "[Đánh giá chung]",
            "TT",
            "Loại",
            "Số lượng",
            "1",
            "Loại A",
            "12",
            "Tổng cộng",
            "12",
            "Hình 1",
            "Hình 2",
            "Nơi nhận:",
            "- Cơ quan cấp trên;",
            "- Lưu: VT.",
            "TM. BAN CHẤP HÀNH",
            "CHỦ TỊCH",
            "……………………",
            "PHỤ LỤC",
            "(Kèm theo báo cáo)",
        ]
    );
    // The date in italics, the placeholder highlighted, the flagged figure red.
    assert!(run_of(&doc, "Cần Thơ, ngày").contains("<w:i />"));
    assert!(run_of(&doc, "[Đánh giá chung]").contains(r#"<w:highlight w:val="yellow" />"#));
    let flagged = run_of(&doc, "85%");
    assert!(flagged.contains(r#"<w:color w:val="C00000" />"#) && flagged.contains("<w:b />"));
    // Nơi nhận bold italic 12 pt, recipients 11 pt.
    let nn = run_of(&doc, "Nơi nhận:");
    assert!(
        nn.contains(r#"<w:sz w:val="24" />"#) && nn.contains("<w:b />") && nn.contains("<w:i />"),
        "{nn}"
    );
    assert!(run_of(&doc, "- Lưu: VT.").contains(r#"<w:sz w:val="22" />"#));
    let nation = run_of(&doc, "CỘNG HÒA");
    assert!(nation.contains("<w:b />") && nation.contains(r#"<w:sz w:val="24" />"#));
    assert!(run_of(&doc, "CƠ QUAN BAN HÀNH").contains("<w:b />"));
    assert!(!run_of(&doc, "CƠ QUAN CẤP TRÊN").contains("<w:b />"));
    assert!(run_of(&doc, "Kết quả thực hiện kế hoạch").contains("<w:b />"));
    // Body justified with a first-line indent.
    let body = &doc[..doc.find("Số văn bản đã ban hành").unwrap()];
    let body = &body[body.rfind("<w:p ").unwrap()..];
    assert!(
        body.contains(r#"<w:jc w:val="both" />"#) && body.contains(r#"w:firstLine="720""#),
        "{body}"
    );
    // Two pictures with distinct ids.
    assert!(doc.contains(r#"<wp:docPr id="1""#) && doc.contains(r#"<wp:docPr id="2""#));
    // The same picture twice is stored once.
    assert_eq!(doc.matches(r#"r:embed="rIdImage1""#).count(), 2);
    // The page number in the header of the other pages, centred.
    let header = part(&bytes, "word/header1.xml");
    assert!(
        header.contains("PAGE") && header.contains(r#"<w:jc w:val="center" />"#),
        "{header}"
    );
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2026-02-05T00:00:00Z"), "{core}");
}

#[test]
fn date_left_blank_is_highlighted() {
    let mut d = sample();
    d.header.date = None;
    let doc = part(&render(&d).unwrap(), "word/document.xml");
    assert!(paragraphs(&doc).contains(&"Cần Thơ, ngày …… tháng …… năm ……".to_string()));
    assert!(run_of(&doc, "ngày …… tháng").contains(r#"<w:highlight w:val="yellow" />"#));
}

#[test]
fn same_document_same_bytes() {
    let a = render(&sample()).unwrap();
    let b = render(&sample()).unwrap();
    assert_eq!(a, b);
    // To look at the sample in Writer: SOKET_SAMPLE_DIR=/tmp/x cargo test --lib report::docx
    if let Some(dir) = std::env::var_os("SOKET_SAMPLE_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("printer.docx"), &a).unwrap();
    }
}

/// The parts of the sample document against golden files (tests/golden/docx/); creation dates are
/// pinned, so any change in them is a change of the printer. `SOKET_UPDATE_GOLDEN=1` rewrites them.
#[test]
fn parts_match_the_golden_files() {
    let bytes = render(&sample()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/docx");
    for (name, file) in [
        ("word/document.xml", "document.xml"),
        ("word/header1.xml", "header1.xml"),
        ("word/styles.xml", "styles.xml"),
        ("docProps/core.xml", "core.xml"),
    ] {
        let got = part(&bytes, name);
        let path = dir.join(file);
        if std::env::var_os("SOKET_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
        }
        let want =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("golden {}", path.display()));
        assert_eq!(got, want, "{name} differs from {}", path.display());
    }
}

/// A table's header row repeats on every page it runs onto (`w:tblHeader`); its body rows, the
/// letterhead and the signature block do not.
#[test]
fn a_table_header_row_repeats_on_every_page() {
    let doc = part(&render(&sample()).unwrap(), "word/document.xml");
    assert_eq!(doc.matches("<w:tblHeader />").count(), 1);
    assert!(!doc.contains("w:trHeight"), "the mark is replaced");
    let row = |text: &str| {
        let at = doc.find(&format!(">{text}<")).expect(text);
        let start = doc[..at].rfind("<w:tr>").expect("row");
        doc[start..at].to_string()
    };
    assert!(row("Số lượng").contains("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"));
    assert!(!row("Loại A").contains("tblHeader"));
}

/// The column widths (`w:gridCol`) of the document's first table after the letterhead and the
/// signature layout tables: the body table.
fn body_grid(doc: &str) -> Vec<u32> {
    let at = doc.find(">TT<").expect("the body table");
    let start = doc[..at].rfind("<w:tblGrid>").expect("grid");
    let end = start + doc[start..].find("</w:tblGrid>").unwrap();
    doc[start..end]
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

/// A narrow column is widened to its longest word: the draft's "Khả năng nhân rộng" column (3 of
/// 34 parts of the width, 800 twips) printed "Không" as "Khôn / g". The others give up the room
/// in proportion and the table still spans the text width.
#[test]
fn a_table_column_is_never_narrower_than_its_longest_word() {
    let mut doc = sample();
    let cells = |last: &str| Row {
        cells: [
            "1",
            "Đơn vị A",
            "Mô hình",
            "Từ năm 2021",
            "Cách làm",
            "Kết quả",
            last,
        ]
        .into_iter()
        .map(Cell::left)
        .collect(),
        total: false,
    };
    doc.blocks = vec![Block::Table(Table {
        widths: vec![2, 5, 5, 5, 7, 7, 3],
        head: [
            "TT",
            "Đơn vị",
            "Tên",
            "Thời gian",
            "Cách thức",
            "Kết quả",
            "Khả năng",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        rows: vec![cells("Có"), cells("Không")],
    })];
    let xml = part(&render(&doc).unwrap(), "word/document.xml");
    let g = body_grid(&xml);
    // "Không" in Times 12 pt: K 0.73 em + 4 × 0.5 em = 2.73 em = 655 twips, plus the cell
    // margins (216) and slack (40).
    assert_eq!(measure::word_width("Không", page::SIZE_12, false), 655);
    assert_eq!(g[6], 655 + 256);
    assert_eq!(g.iter().sum::<u32>(), page::TEXT_W);
    // "TT" in bold (2 × 0.73 em × 1.1 = 385 twips) is a little wider than 2 of 34 parts too.
    assert_eq!(g[0], 385 + 256);
    // The rest keep their proportions, 5 : 5 : 5 : 7 : 7, of what is left.
    let rest = page::TEXT_W - g[6] - g[0];
    assert_eq!(
        &g[1..5],
        &[5 * rest / 29, 5 * rest / 29, 5 * rest / 29, 7 * rest / 29]
    );
}

/// When nothing is too narrow, the relative widths hold exactly.
#[test]
fn a_table_keeps_its_proportions_when_every_word_fits() {
    let xml = part(&render(&sample()).unwrap(), "word/document.xml");
    let w = page::TEXT_W;
    assert_eq!(
        body_grid(&xml),
        vec![w / 7, 4 * w / 7, w - w / 7 - 4 * w / 7]
    );
}

/// A line breaks after a slash or a hyphen, so "Tăng/giảm" needs only the room of "giảm" (it
/// printed "Tăng/ giảm" before): it does not squeeze the figures' columns.
#[test]
fn a_word_is_measured_up_to_a_slash_or_a_hyphen() {
    let bold = |w| measure::word_width(w, page::SIZE_12, true);
    assert_eq!(
        measure::longest_word("Tăng/giảm", page::SIZE_12, true),
        bold("Tăng/").max(bold("giảm"))
    );
    assert_eq!(
        measure::longest_word("Số CNVCLĐ/NLĐ", page::SIZE_12, true),
        bold("CNVCLĐ/")
    );
    // "Kiên-" (2,410 thousandths of an em) is narrower than "Giang" (2,570): the whole word would be
    // both.
    let plain = |w| measure::word_width(w, page::SIZE_12, false);
    assert_eq!(
        measure::longest_word("Kiên-Giang", page::SIZE_12, false),
        plain("Giang")
    );
    assert!(plain("Kiên-") < plain("Giang"));
}

/// A short table stays on one page (Bảng 2 of the draft, three rows, was split over two pages):
/// its header and each row but the last keep with the next. A long table runs on, with only its
/// header kept with the first row.
#[test]
fn a_short_table_is_kept_on_one_page() {
    let row_of = |xml: &str, text: &str| {
        let at = xml.find(&format!(">{text}<")).expect(text);
        let start = xml[..at].rfind("<w:tr>").expect("row");
        let end = at + xml[at..].find("</w:tr>").unwrap();
        xml[start..end].to_string()
    };
    let keeps = |row: &str| row.matches("<w:keepNext />").count();
    let xml = part(&render(&sample()).unwrap(), "word/document.xml");
    assert_eq!(keeps(&row_of(&xml, "Số lượng")), 3, "header");
    assert_eq!(keeps(&row_of(&xml, "Loại A")), 3, "first row");
    assert_eq!(keeps(&row_of(&xml, "Tổng cộng")), 0, "last row");

    let mut doc = sample();
    let line = |n: usize| Row {
        cells: vec![
            Cell::center(n.to_string()),
            Cell::left(format!("Dòng {n}")),
            Cell::figure("1"),
        ],
        total: false,
    };
    doc.blocks = vec![Block::Table(Table {
        widths: vec![1, 4, 2],
        head: vec!["TT".into(), "Loại".into(), "Số lượng".into()],
        rows: (1..=blocks::KEEP_WHOLE + 1).map(line).collect(),
    })];
    let xml = part(&render(&doc).unwrap(), "word/document.xml");
    assert_eq!(keeps(&row_of(&xml, "Số lượng")), 3, "header");
    assert_eq!(keeps(&row_of(&xml, "Dòng 1")), 0);
}
