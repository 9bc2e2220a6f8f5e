//! `soket report`: the unit's report from one return and the draft of the merging level, read back
//! from their `word/document.xml` — headings, figures next to their labels, totals, per-group rows,
//! roll-up, units left out, page setup, same bytes twice, safe output.

use crate::harness::{Sandbox, fixture};
use crate::merge::inputs::*;
use soket::record::Value;
use std::io::Read;

/// A part of a .docx as text.
fn part(path: impl AsRef<std::path::Path>, name: &str) -> String {
    let f = std::fs::File::open(path.as_ref()).expect("open docx");
    let mut zip = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The text of each paragraph of word/document.xml, in order (empty ones left out).
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut out = String::new();
            for piece in p.split("<w:t xml:space=\"preserve\">").skip(1) {
                out.push_str(&piece[..piece.find("</w:t>").expect("</w:t>")]);
            }
            out.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn has(paras: &[String], line: &str) {
    assert!(
        paras.iter().any(|p| p == line),
        "no paragraph {line:?} in:\n{}",
        paras.join("\n")
    );
}

/// The run properties of the run holding `text`.
fn run_of<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml
        .find(&format!(">{text}<"))
        .unwrap_or_else(|| panic!("no run {text}"));
    let head = &xml[..at];
    &head[head.rfind("<w:r>").expect("run")..]
}

#[test]
fn unit_report_follows_the_outline_with_the_figures_in_place() {
    let sb = Sandbox::new();
    let mut v = c_values();
    v.insert("report_number", Value::Text("12".into()));
    write_return(&sb, "c.xlsx", v);
    let run = sb.run(&["report", "--format", "json", "-o", "c.docx", "c.xlsx"]);
    run.expect_code(0);
    let j = run.json();
    assert_eq!(j["kind"], "unit");
    assert_eq!(j["units"], 1);
    assert_eq!(j["figures"]["docs_issued"], 3.0);
    assert_eq!(j["figures"]["dues_total"], 20_000_000.0);
    assert_eq!(j["figures"]["unit_name"], "Trường Tiểu học Dương Đông");
    let xml = part(sb.join("c.docx"), "word/document.xml");
    let p = paragraphs(&xml);
    // Header, type, the outline's sections in order.
    let heads: Vec<&str> = p
        .iter()
        .map(String::as_str)
        .filter(|s| {
            ["I. ", "II. ", "III. ", "IV. ", "V. ", "VI. ", "VII. "]
                .iter()
                .any(|n| s.starts_with(n))
        })
        .collect();
    assert_eq!(
        heads,
        [
            "I. KHÁI QUÁT TÌNH HÌNH",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
            "III. MÔ HÌNH, CÁCH LÀM HIỆU QUẢ",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "V. ĐỀ XUẤT KHEN THƯỞNG",
            "VI. HỢP NHẤT, SÁP NHẬP, SẮP XẾP TỔ CHỨC BỘ MÁY",
        ]
    );
    // The outline's instruction to the unit stays on the form, not in the signed report.
    has(&p, "6. Công tác tài chính công đoàn");
    assert!(!xml.contains("ngắn gọn"));
    assert_eq!(p[0], "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG");
    assert_eq!(p[1], "CĐCS TRƯỜNG TIỂU HỌC DƯƠNG ĐÔNG");
    has(&p, "Số: 12/BC-CĐCS");
    has(&p, "An Giang, ngày 24 tháng 4 năm 2026");
    // Every figure next to its label, in Vietnamese number style.
    has(&p, "- Tên đơn vị: Trường Tiểu học Dương Đông");
    has(&p, "- Tổng số CNVCLĐ/NLĐ hiện có: 50 người");
    has(
        &p,
        "- Số văn bản/kế hoạch triển khai đã ban hành: 3 văn bản",
    );
    has(
        &p,
        "- Số đoàn viên đầu kỳ (năm 2021 hoặc thời điểm bắt đầu): 40 người",
    );
    has(&p, "- Tổng thu đoàn phí công đoàn 05 năm: 20.000.000 đồng");
    has(&p, "- Tỷ lệ thu đạt so với kế hoạch: 95%");
    has(&p, "- Khó khăn chủ yếu: -Thiếu kinh phí");
    // Left empty: a visible blank to fill in, highlighted, never 0.
    has(&p, "- Số thỏa ước lao động tập thể (nếu có): …………… bản");
    assert!(run_of(&xml, "…………… bản").contains(r#"<w:highlight w:val="yellow" />"#));
    // The models as a table.
    has(&p, "Ngày hội đoàn viên");
    has(&p, "300 lượt đọc mỗi năm");
    // The signature block and Nơi nhận.
    has(&p, "TM. BAN CHẤP HÀNH");
    has(&p, "CHỦ TỊCH");
    has(&p, "Nguyễn Văn A");
    has(&p, "Nơi nhận:");
    has(&p, "- LĐLĐ tỉnh (Bộ phận Tổ chức - Kiểm tra);");
    // Page setup and fonts.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(xml.contains(r#"w:left="1701""#) && xml.contains(r#"w:right="851""#));
    assert!(!xml.contains("w:ascii=\"Calibri") && xml.contains(r#"w:ascii="Times New Roman""#));
}

#[test]
fn unit_report_with_errors_flags_them_prints_the_findings_and_exits_1() {
    let sb = Sandbox::new();
    write_return(&sb, "e.xlsx", e_with_error());
    let run = sb.run(&["report", "-o", "e.docx", "e.xlsx"]);
    run.expect_code(1);
    // The same findings as check.
    let check = sb.run(&["check", "e.xlsx"]);
    assert!(
        run.stdout.starts_with(&check.stdout),
        "{}\n---\n{}",
        run.stdout,
        check.stdout
    );
    assert!(
        run.stdout
            .ends_with("Đã ghi báo cáo của đơn vị: e.docx (1 đơn vị)\n")
    );
    let xml = part(sb.join("e.docx"), "word/document.xml");
    let p = paragraphs(&xml);
    // Two rules find the change in members wrong: two errors, as check counts them.
    assert!(
        check.stdout.contains("  2 lỗi, 0 cảnh báo"),
        "{}",
        check.stdout
    );
    has(
        &p,
        "Báo cáo còn 2 lỗi (số liệu tô đỏ): cần sửa trước khi ký, đóng dấu.",
    );
    has(&p, "- Số đoàn viên tăng/giảm trong 05 năm: 99 người");
    let flagged = run_of(&xml, "99 người");
    assert!(
        flagged.contains(r#"<w:color w:val="C00000" />"#),
        "{flagged}"
    );
}

const DRAFT: [&str; 8] = [
    "report",
    "--format",
    "json",
    "-o",
    "du-thao.docx",
    "--force",
    "rach-gia-tong-hop.xlsx",
    "truc-tiep",
];

#[test]
fn draft_has_merges_units_and_totals_groups_and_units_left_out() {
    let sb = province();
    let merge = sb.run(&PROVINCE_ARGS);
    let totals = merge.json()["totals"].clone();
    let run = sb.run(&DRAFT);
    run.expect_code(1);
    let j = run.json();
    assert_eq!(j["kind"], "draft");
    assert_eq!(j["units"], merge.json()["units_merged"]);
    for key in [
        "members_start",
        "members_now",
        "workers_total",
        "dues_total",
        "propaganda_rate",
    ] {
        assert_eq!(j["figures"][key], totals[key], "{key}");
    }
    assert_eq!(j["figures"]["members_now/workers_total"], 1315.0 / 1480.0);
    let xml = part(sb.join("du-thao.docx"), "word/document.xml");
    let p = paragraphs(&xml);
    let heads: Vec<&str> = p
        .iter()
        .map(String::as_str)
        .filter(|s| {
            ["I. ", "II. ", "III. ", "IV. ", "V. "]
                .iter()
                .any(|n| s.starts_with(n))
        })
        .collect();
    assert_eq!(
        heads,
        [
            "I. TÌNH HÌNH CHUNG",
            "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
            "III. MÔ HÌNH, CÁCH LÀM HIỆU QUẢ",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ; THUẬN LỢI, KHÓ KHĂN",
            "V. CÁC ĐƠN VỊ CHƯA ĐƯA VÀO TỔNG HỢP"
        ]
    );
    assert_eq!(p[0], "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM");
    assert_eq!(p[1], "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG");
    has(&p, "Số: …/BC-LĐLĐ");
    has(&p, "An Giang, ngày …… tháng …… năm ……");
    has(
        &p,
        "Tổng số đoàn viên công đoàn đầu kỳ 1.290 người, hiện nay 1.315 người; tăng 25 người (1,9%) so với đầu kỳ.",
    );
    has(
        &p,
        "Tổng số CNVCLĐ/NLĐ tại các đơn vị: 1.480 người; tỷ lệ đoàn viên trên tổng số CNVCLĐ: 88,9%.",
    );
    has(&p, "- Tổng thu đoàn phí công đoàn 05 năm: 730.000.000 đồng");
    // A weighted mean says so.
    let rate = totals["propaganda_rate"].as_f64().unwrap();
    has(
        &p,
        &format!(
            "- Tỷ lệ đoàn viên được tuyên truyền, quán triệt (ước tính): {} (bình quân gia quyền theo Tổng số đoàn viên công đoàn, trên 4 đơn vị)",
            soket::value::format_pct_vi(rate / 100.0)
        ),
    );
    has(
        &p,
        "- Tỷ lệ kiến nghị, đề xuất được giải quyết, tiếp thu: 75% (Số nội dung được giải quyết/tiếp thu / Số kiến nghị/đề xuất liên quan quyền lợi NLĐ)",
    );
    // Per type and per upper-level union: the rows, then the totals.
    let cells = |row_start: &str| -> Vec<String> {
        let i = p
            .iter()
            .position(|s| s == row_start)
            .unwrap_or_else(|| panic!("no row {row_start}"));
        p[i..i + 6].to_vec()
    };
    // Education: A and C; health: D alone.
    let sum = |key: &str, vs: &[soket::record::Values]| {
        soket::value::format_vi(vs.iter().filter_map(|v| num(v, key)).sum())
    };
    let row = |vs: &[soket::record::Values]| -> Vec<String> {
        let change = vs
            .iter()
            .map(|v| num(v, "members_now").unwrap() - num(v, "members_start").unwrap())
            .sum();
        vec![
            vs.len().to_string(),
            sum("workers_total", vs),
            sum("members_start", vs),
            sum("members_now", vs),
            soket::value::format_vi(change),
        ]
    };
    assert_eq!(cells(GIAO_DUC)[1..], row(&[a_values(), c_values()]));
    assert_eq!(cells(Y_TE), [Y_TE, "1", "900", "800", "850", "50"]);
    assert_eq!(
        cells(TRUC_THUOC),
        [TRUC_THUOC, "1", "900", "800", "850", "50"]
    );
    let totals_rows: Vec<usize> = p
        .iter()
        .enumerate()
        .filter(|(_, s)| *s == "Tổng cộng")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(totals_rows.len(), 2);
    for i in totals_rows {
        assert_eq!(
            p[i..i + 6],
            ["Tổng cộng", "4", "1.480", "1.290", "1.315", "25"]
        );
    }
    // Texts with their units; the unit left out by name, with the reason.
    has(
        &p,
        "- CĐCS Công ty TNHH Thủy sản Kiên Giang: +84 kiến nghị tăng lương tối thiểu",
    );
    assert!(
        p.iter().any(|s| s.starts_with("- CĐCS Công ty CP Xây dựng An Giang (tệp e-loi.xlsx): báo cáo có lỗi — Số đoàn viên tăng/giảm phải bằng")),
        "{}",
        p.join("\n")
    );
    // Placeholders only people can fill.
    assert!(
        run_of(
            &xml,
            "[Đánh giá chung về tình hình, thuận lợi và khó khăn — do Ban Thường vụ viết]"
        )
        .contains(r#"<w:highlight w:val="yellow" />"#)
    );
    has(&p, "TM. BAN THƯỜNG VỤ");
    has(&p, "Đỗ Trần Thịnh");
    // Two charts, as PNG pictures with their captions.
    has(
        &p,
        "Biểu đồ 1. Đoàn viên đầu kỳ và hiện nay theo loại hình đơn vị",
    );
    has(
        &p,
        "Biểu đồ 2. Đoàn viên đầu kỳ và hiện nay theo công đoàn cấp trên",
    );
    assert_eq!(xml.matches("<wp:docPr id=").count(), 2);
    let f = std::fs::File::open(sb.join("du-thao.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(f).unwrap();
    let media: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(media.len(), 2, "{media:?}");
    for m in media {
        let mut b = Vec::new();
        zip.by_name(&m).unwrap().read_to_end(&mut b).unwrap();
        assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n");
    }
}

#[test]
fn a_summary_plus_returns_gives_the_same_totals_as_the_returns() {
    let sb = province();
    let rolled = sb.run(&DRAFT).json();
    let raw = sb
        .run(&[
            "report",
            "--format",
            "json",
            "-o",
            "tho.docx",
            "rach-gia",
            "truc-tiep",
        ])
        .json();
    assert_eq!(rolled["units"], raw["units"]);
    for key in [
        "members_start",
        "members_now",
        "workers_total",
        "dues_total",
        "collection_rate",
    ] {
        assert_eq!(rolled["figures"][key], raw["figures"][key], "{key}");
    }
}

#[test]
fn two_runs_give_the_same_bytes_and_output_is_never_overwritten_without_force() {
    let sb = province();
    sb.run(&DRAFT).expect_code(1);
    let first = std::fs::read(sb.join("du-thao.docx")).unwrap();
    sb.run(&DRAFT).expect_code(1);
    assert_eq!(first, std::fs::read(sb.join("du-thao.docx")).unwrap());
    // The dates in the package are pinned.
    let core = part(sb.join("du-thao.docx"), "docProps/core.xml");
    assert!(core.contains("1970-01-01T00:00:00Z"), "{core}");
    let no_force = sb.run(&["report", "-o", "du-thao.docx", "truc-tiep"]);
    no_force.expect_code(2);
    assert!(
        no_force.stderr.contains("đã có; thêm --force"),
        "{}",
        no_force.stderr
    );
    assert_eq!(first, std::fs::read(sb.join("du-thao.docx")).unwrap());
    let not_docx = sb.run(&["report", "-o", "du-thao.pdf", "truc-tiep"]);
    not_docx.expect_code(2);
    assert!(
        not_docx.stderr.contains("phải có đuôi .docx"),
        "{}",
        not_docx.stderr
    );
}

#[test]
fn the_second_outline_gets_a_draft_in_the_generic_wording() {
    let sb = Sandbox::new();
    let outline = fixture("other-outline/khao-sat-cmhs.toml");
    let o = outline.display().to_string();
    sb.run(&["template", "--outline", &o, "-o", "mau.xlsx"])
        .ok();
    std::fs::copy(sb.join("mau.xlsx"), sb.join("mau-2.xlsx")).unwrap();
    let run = sb.run(&[
        "report",
        "--outline",
        &o,
        "--format",
        "json",
        "-o",
        "bd.docx",
        "mau.xlsx",
        "mau-2.xlsx",
    ]);
    let j = run.json();
    assert_eq!(j["kind"], "draft");
    let p = paragraphs(&part(sb.join("bd.docx"), "word/document.xml"));
    has(&p, "DỰ THẢO BÁO CÁO");
    has(&p, "I. TÌNH HÌNH CHUNG");
}

#[test]
fn the_same_text_from_several_units_is_one_entry_naming_them_all() {
    let sb = Sandbox::new();
    write_return(&sb, "in/c.xlsx", c_values());
    let mut d = d_values();
    d.insert("difficulties", Value::Text("-Thiếu   kinh phí".into()));
    write_return(&sb, "in/d.xlsx", d);
    sb.run(&["report", "-o", "g.docx", "in"]).expect_code(0);
    let p = paragraphs(&part(sb.join("g.docx"), "word/document.xml"));
    has(&p, "Khó khăn chủ yếu: 2 đơn vị nêu, gộp thành 1 ý kiến.");
    has(
        &p,
        "- CĐCS Trường Tiểu học Dương Đông; CĐCS Bệnh viện Đa khoa tỉnh: -Thiếu kinh phí",
    );
}

/// Past three units, the body names the count of units that gave a text, not a paragraph of names
/// (the demo's 25 units printed their names three times over two pages).
#[test]
fn a_text_from_more_than_three_units_names_their_count_in_the_body() {
    let sb = Sandbox::new();
    for (name, mut v) in [
        ("a", a_values()),
        ("b", b_values()),
        ("c", c_values()),
        ("d", d_values()),
    ] {
        v.insert(
            soket::record::key("difficulties"),
            Value::Text("Thiếu kinh phí".into()),
        );
        write_return(&sb, &format!("in/{name}.xlsx"), v);
    }
    sb.run(&["report", "-o", "g.docx", "in"]).expect_code(0);
    let p = paragraphs(&part(sb.join("g.docx"), "word/document.xml"));
    has(&p, "Khó khăn chủ yếu: 4 đơn vị nêu, gộp thành 1 ý kiến.");
    has(&p, "- 4 đơn vị: Thiếu kinh phí");
}

/// The parts of II are numbered once the empty ones are left out: with no unit merged, the part
/// for merged units has no figure and the ratios follow as 5, not 6 (seen in the demo's draft).
#[test]
fn the_parts_of_the_draft_are_numbered_without_a_gap() {
    let sb = Sandbox::new();
    write_return(&sb, "in/c.xlsx", c_values());
    write_return(&sb, "in/d.xlsx", d_values());
    sb.run(&["report", "-o", "g.docx", "in"]).expect_code(0);
    let p = paragraphs(&part(sb.join("g.docx"), "word/document.xml"));
    let parts: Vec<&str> = p
        .iter()
        .map(String::as_str)
        .filter(|s| {
            s.split_once(". ").is_some_and(|(n, rest)| {
                n.parse::<u32>().is_ok()
                    && (rest.starts_with("Một số tỷ lệ")
                        || rest.starts_with("Phần")
                        || rest == rest.to_uppercase())
            })
        })
        .collect();
    assert_eq!(
        parts,
        [
            "1. THÔNG TIN ĐƠN VỊ BÁO CÁO",
            "2. KHÁI QUÁT TÌNH HÌNH",
            "3. KẾT QUẢ TRIỂN KHAI THỰC HIỆN",
            "4. ĐƠN VỊ HỢP NHẤT, SÁP NHẬP",
            "5. Một số tỷ lệ chính"
        ]
    );
}
