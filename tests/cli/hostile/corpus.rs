//! Every file of the hostile corpus checked in one run: its exact status and findings (severity, rule,
//! field, cell), what its messages say, that they read as Vietnamese instructions naming the file,
//! sheet and cell, that one bad file stops nothing, and that no input changed.

use super::{corpus_file, corpus_names};
use crate::harness::{Sandbox, sha256};
use serde_json::Value;
use soket::outline::Outline;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// (severity, rule, field, cell); "" for none.
type Finding = (&'static str, &'static str, &'static str, &'static str);

struct Expect {
    file: &'static str,
    status: &'static str,
    findings: &'static [Finding],
    /// Fragments the file's messages must contain (together).
    says: &'static [&'static str],
}

const fn ok(file: &'static str) -> Expect {
    Expect {
        file,
        status: "ok",
        findings: &[],
        says: &[],
    }
}

/// Unreadable: one file-level finding, its message saying these things.
const fn refused(file: &'static str, says: &'static [&'static str]) -> Expect {
    Expect {
        file,
        status: "unreadable",
        findings: &[("error", "unreadable", "", "")],
        says,
    }
}

const fn found(
    file: &'static str,
    status: &'static str,
    findings: &'static [Finding],
    says: &'static [&'static str],
) -> Expect {
    Expect {
        file,
        status,
        findings,
        says,
    }
}

const RETRY: &[&str] = &["cấu trúc bất thường", "lưu lại dạng .xlsx rồi gửi lại"];
const PASSWORD: &[&str] = &["mật khẩu", "bỏ mật khẩu", "gửi lại"];

/// Files the corpus expects unreadable.
pub fn expected_unreadable() -> u64 {
    EXPECT.iter().filter(|e| e.status == "unreadable").count() as u64
}

/// The outcome of every file; `openpyxl-retyped.xlsx` is checked apart (its list follows the outline).
const EXPECT: &[Expect] = &[
    ok("good.xlsx"),
    ok("báo cáo NFC.xlsx"),
    ok("báo cáo NFD.xlsx"),
    ok("báo cáo đơn vị NFD.xls"),
    ok("lo.xlsx"),
    ok("lo.xls"),
    ok("lo.ods"),
    ok("openpyxl-resaved.xlsx"),
    ok("xlsx-renamed.xls"),
    ok("xlsx-renamed.ods"),
    ok("renamed-sheet.xlsx"),
    ok("hidden-sheet.xlsx"),
    ok("formula-like-text.xlsx"),
    // a full-sheet dimension is only a claim: the form is read as usual
    ok("dimension-claims-all.xlsx"),
    refused("empty.xlsx", &["0 byte", "gửi lại"]),
    refused("truncated-half.xlsx", &["hỏng", "gửi lại"]),
    refused("truncated-tail.xlsx", &["hỏng", "gửi lại"]),
    refused("truncated-half.xls", RETRY),
    refused("truncated-half.ods", &["hỏng", "gửi lại"]),
    refused("garbage.xlsx", &["không rõ loại", "gửi lại đúng tệp Excel"]),
    refused(
        "csv-renamed.xlsx",
        &["văn bản thường", "gửi lại đúng tệp Excel"],
    ),
    refused("png-renamed.xlsx", &["tệp ảnh", "gửi lại đúng tệp Excel"]),
    refused("pdf-renamed.xlsx", &["tệp PDF", "gửi lại đúng tệp Excel"]),
    refused(
        "word-renamed.xlsx",
        &["tệp Word (.docx) đổi đuôi", "gửi tệp Excel"],
    ),
    refused(
        "zip-not-office.xlsx",
        &["tệp nén (.zip) thông thường", "gửi tệp Excel"],
    ),
    refused("password.xlsx", PASSWORD),
    refused("password.xls", PASSWORD),
    refused("password.ods", PASSWORD),
    refused(
        "bomb-honest.xlsx",
        &[
            "401 MB",
            "xl/worksheets/sheet1.xml",
            "giới hạn 200 MB",
            "zip bomb",
            "gửi lại",
        ],
    ),
    refused(
        "bomb-lying.xlsx",
        &[
            "xl/worksheets/sheet1.xml",
            "tự khai (10000 byte)",
            "zip bomb",
            "gửi lại",
        ],
    ),
    refused(
        "billion-laughs.xlsx",
        &[
            "xl/sharedStrings.xml",
            "DOCTYPE",
            "billion laughs",
            "gửi lại",
        ],
    ),
    refused(
        "too-many-parts.xlsx",
        &["quá nhiều thành phần (6000, giới hạn 5000)", "gửi lại"],
    ),
    refused(
        "far-cell.xlsx",
        &[
            "trang “Báo cáo”",
            "ô XFD1048576",
            "17.179.869.184 ô",
            "xóa nội dung thừa",
        ],
    ),
    refused(
        "far-cell.xls",
        &[
            "trang “Báo cáo”",
            "ô IV65536",
            "16.777.216 ô",
            "xóa nội dung thừa",
        ],
    ),
    refused(
        "repeat-bomb.ods",
        &[
            "trang “Báo cáo”",
            "ô XFD6000",
            "196.624.384 ô",
            "xóa nội dung thừa",
        ],
    ),
    refused(
        "space-bomb.ods",
        &[
            "trang “Báo cáo”",
            "MB chữ (giới hạn 128 MB)",
            "xóa các ô chép lặp",
        ],
    ),
    refused(
        "shared-string-bomb.xlsx",
        &[
            "trang “Báo cáo”",
            "MB chữ (giới hạn 128 MB)",
            "xóa các ô chép lặp",
        ],
    ),
    refused(
        "dimension-reversed.xlsx",
        &["trang “Báo cáo”", "“G120:A1”", "gửi lại"],
    ),
    refused("dimension-reversed.xls", RETRY),
    refused("cfb-loop.xls", RETRY),
    // found by cargo-fuzz: calamine loops forever on an ods table or cell note that never ends
    refused("ods-unterminated-table.ods", RETRY),
    refused("ods-unterminated-note.ods", RETRY),
    refused("ods-open-cell.ods", RETRY),
    refused("ods-runaway-cell.ods", RETRY),
    refused(
        "sst-count-bomb.xlsx",
        &["khai báo 100.000.000.000 đoạn chữ", "gửi đúng tệp biểu mẫu"],
    ),
    refused(
        "deleted-form-sheet.xlsx",
        &["không còn ô nhập nào", "điền lại vào biểu mẫu gốc"],
    ),
    found(
        "formula-errors.xlsx",
        "error",
        &[
            ("error", "type", "workers_total", "Báo cáo!C19"),
            ("error", "type", "members_total", "Báo cáo!C20"),
            ("error", "type", "dues_total", "Báo cáo!C78"),
        ],
        &["“#DIV/0!”", "“#REF!”", "“#VALUE!”", "con số gõ trực tiếp"],
    ),
    found(
        "formula-errors.ods",
        "error",
        &[
            ("error", "type", "workers_total", "Báo cáo!C19"),
            ("error", "type", "members_total", "Báo cáo!C20"),
            ("error", "type", "dues_total", "Báo cáo!C78"),
        ],
        &["“#DIV/0!”", "“Err:502”", "“#VALUE!”"],
    ),
    found(
        "date-in-number.xlsx",
        "error",
        &[
            ("error", "type", "workers_total", "Báo cáo!C19"),
            ("error", "type", "members_lost", "Báo cáo!C56"),
        ],
        &["ngày 01/04/2026", "“15/3/2024” không phải là số"],
    ),
    found(
        "long-text.xlsx",
        "warning",
        &[("warning", "too_long", "advantages", "Báo cáo!C23")],
        &["40.000 ký tự"],
    ),
    found(
        "negative.xlsx",
        "error",
        &[
            ("error", "min", "workers_total", "Báo cáo!C19"),
            ("error", "min", "propaganda_rate", "Báo cáo!C38"),
            ("error", "min", "care_amount", "Báo cáo!C45"),
        ],
        &["-1.250", "-20%", "-5.000.000", "không được là số âm"],
    ),
    found(
        "astronomical.xlsx",
        "error",
        &[
            ("error", "type", "workers_total", "Báo cáo!C19"),
            ("error", "type", "study_participants", "Báo cáo!C29"),
            ("error", "type", "dues_total", "Báo cáo!C78"),
        ],
        &["số quá lớn", "đúng thực tế"],
    ),
    found(
        "nan-inf-text.xlsx",
        "error",
        &[
            ("error", "type", "workers_total", "Báo cáo!C19"),
            ("error", "type", "members_start", "Báo cáo!C52"),
            ("error", "type", "dues_total", "Báo cáo!C78"),
        ],
        &["“NaN”", "“inf”", "“1e308”", "chữ số đầy đủ"],
    ),
    found(
        "merged-inputs.xlsx",
        "error",
        &[("error", "required", "members_total", "Báo cáo!C20")],
        &["chưa điền"],
    ),
    found(
        "names-deleted.xlsx",
        "warning",
        &[("warning", "found_by", "", "")],
        &["theo cột khóa ẩn"],
    ),
    found(
        "names-and-keys-deleted.xlsx",
        "warning",
        &[("warning", "found_by", "", "")],
        &["theo nội dung dòng"],
    ),
    found(
        "deleted-meta-sheet.xlsx",
        "warning",
        &[("warning", "campaign", "", "")],
        &["“_soket”"],
    ),
    found(
        "other-campaign.xlsx",
        "error",
        &[("error", "campaign", "", "")],
        &[
            "đợt báo cáo khác",
            "“tong-ket-nghi-quyet-2025”",
            "điền vào biểu mẫu của đợt này",
        ],
    ),
    found(
        "older-version.xlsx",
        "warning",
        &[("warning", "version", "", "")],
        &["phiên bản 0.9", "biểu mẫu mới"],
    ),
];

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn findings(file: &Value) -> Vec<(String, String, String, String)> {
    let mut f: Vec<_> = file["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| {
            (
                s(&i["severity"]).to_string(),
                s(&i["rule"]).to_string(),
                s(&i["field"]).to_string(),
                s(&i["cell"]).to_string(),
            )
        })
        .collect();
    f.sort();
    f
}

fn name_of(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).nfc().collect()
}

/// Copy the corpus into a sandbox folder, hashing every file.
pub fn sandbox_with_corpus() -> (Sandbox, BTreeMap<String, String>) {
    let sb = Sandbox::new();
    let mut hashes = BTreeMap::new();
    for n in corpus_names() {
        let p = sb.copy_fixture(&format!("hostile/{n}"), format!("bao-cao/{n}"));
        hashes.insert(n, sha256(&p));
    }
    (sb, hashes)
}

#[test]
fn every_corpus_file_has_its_exact_outcome_and_no_input_changes() {
    let (sb, before) = sandbox_with_corpus();
    let source_before: Vec<String> = corpus_names()
        .iter()
        .map(|n| sha256(corpus_file(n)))
        .collect();
    let run = sb.run(&["check", "--quiet", "--format", "json", "bao-cao"]);
    run.expect_code(1);
    let doc = run.json();
    let files = doc["files"].as_array().expect("files");
    let by_name: BTreeMap<String, &Value> =
        files.iter().map(|f| (name_of(s(&f["path"])), f)).collect();
    assert_eq!(
        by_name.len(),
        corpus_names().len(),
        "every file reported once"
    );
    assert!(
        corpus_names().len() >= 40,
        "the corpus has at least 40 files"
    );

    let mut seen = vec!["openpyxl-retyped.xlsx".to_string()];
    for e in EXPECT {
        let f = by_name
            .get(e.file)
            .unwrap_or_else(|| panic!("{} not reported", e.file));
        assert_eq!(s(&f["status"]), e.status, "{}: {f:#}", e.file);
        let mut want: Vec<_> = e
            .findings
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        want.sort();
        assert_eq!(findings(f), want, "{}: {f:#}", e.file);
        let text: String = f["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .map(|i| s(&i["message"]))
            .collect::<Vec<_>>()
            .join("\n");
        // messages start with a capital letter: compare in lower case
        let lower = text.to_lowercase();
        for frag in e.says {
            assert!(
                lower.contains(&frag.to_lowercase()),
                "{}: no “{frag}” in:\n{text}",
                e.file
            );
        }
        seen.push(e.file.to_string());
    }
    seen.sort();
    assert_eq!(
        seen,
        by_name.keys().cloned().collect::<Vec<_>>(),
        "every file has an expectation"
    );

    // A form retyped from scratch by a script: three inputs found by their labels, every other
    // required input of the outline reported missing, no identity.
    let o = Outline::embedded();
    let f = by_name["openpyxl-retyped.xlsx"];
    assert_eq!(s(&f["status"]), "error");
    let typed = ["unit_name", "workers_total", "members_total"];
    let mut want: Vec<(String, String, String, String)> = o
        .fields
        .iter()
        .filter(|f| f.required && f.only_if.is_none() && !typed.contains(&f.key.as_str()))
        .map(|f| {
            (
                "error".into(),
                "not_found".into(),
                f.key.clone(),
                String::new(),
            )
        })
        .collect();
    want.push((
        "warning".into(),
        "campaign".into(),
        String::new(),
        String::new(),
    ));
    want.push((
        "warning".into(),
        "found_by".into(),
        String::new(),
        String::new(),
    ));
    want.sort();
    assert_eq!(findings(f), want);
    assert_eq!(s(&f["unit"]), "Công ty TNHH Thủy sản Long Xuyên");

    let sum = &doc["summary"];
    let count = |st: &str| EXPECT.iter().filter(|e| e.status == st).count() as u64;
    assert_eq!(sum["ok"].as_u64(), Some(count("ok")));
    assert_eq!(sum["warning"].as_u64(), Some(count("warning")));
    assert_eq!(sum["error"].as_u64(), Some(count("error") + 1));
    assert_eq!(sum["unreadable"].as_u64(), Some(count("unreadable")));

    for (n, h) in &before {
        assert_eq!(
            &sha256(sb.join(format!("bao-cao/{n}"))),
            h,
            "{n} was modified"
        );
    }
    let source_after: Vec<String> = corpus_names()
        .iter()
        .map(|n| sha256(corpus_file(n)))
        .collect();
    assert_eq!(source_before, source_after, "committed corpus modified");
    messages_are_vietnamese_instructions_naming_file_sheet_and_cell(&sb, &doc);
}

/// Every message is Vietnamese, and the ones about the whole file say what to do next; findings
/// about one input name its sheet and cell; the table names every file.
fn messages_are_vietnamese_instructions_naming_file_sheet_and_cell(sb: &Sandbox, doc: &Value) {
    let vietnamese = |m: &str| {
        m.chars().any(|c| {
            "ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịúùủũụóòỏõọéèẻẽẹýỳỷỹỵ"
                .contains(c.to_lowercase().next().unwrap_or(c))
        })
    };
    let actions = [
        "gửi lại",
        "gửi tệp",
        "gửi đúng",
        "điền",
        "xóa",
        "nhập",
        "kiểm tra",
        "sửa",
        "chọn",
        "rút gọn",
        "dùng biểu mẫu",
    ];
    for f in doc["files"].as_array().expect("files") {
        for i in f["issues"].as_array().expect("issues") {
            let m = s(&i["message"]);
            assert!(vietnamese(m), "{}: not Vietnamese: {m}", s(&f["path"]));
            let lower = m.to_lowercase();
            if i["field"].is_null() && s(&i["severity"]) == "error" {
                assert!(
                    actions.iter().any(|a| lower.contains(a)),
                    "{}: says nothing to do: {m}",
                    s(&f["path"])
                );
            }
            if !i["field"].is_null() && s(&i["rule"]) != "not_found" {
                let cell = s(&i["cell"]);
                assert!(
                    cell.starts_with("Báo cáo!") && cell.len() > "Báo cáo!".len(),
                    "{}: {} without sheet and cell",
                    s(&f["path"]),
                    s(&i["field"])
                );
            }
        }
    }
    let table = sb.run(&["check", "--quiet", "bao-cao"]);
    table.expect_code(1);
    for n in corpus_names() {
        let line = table
            .stdout
            .lines()
            .find(|l| l.starts_with("■ ") && l.contains(&*n))
            .unwrap_or_else(|| panic!("no line for {n} in:\n{}", table.stdout));
        if n == "empty.xlsx" {
            assert!(line.ends_with("không đọc được"), "{line}");
        }
    }
    assert!(
        table
            .stdout
            .contains("  Lỗi: Trang “Báo cáo” có dữ liệu ở ô XFD1048576")
    );
}

/// Text that starts like a formula is read as text, never evaluated or dropped.
#[test]
fn formula_like_text_is_read_as_text() {
    let o = Outline::embedded();
    let r = soket::check::inspect::inspect(
        &corpus_file("formula-like-text.xlsx"),
        &o,
        soket::check::inspect::Need::default(),
    );
    let v = &r.units[0].values;
    let text = |k: &str| v.get(k).and_then(|x| x.as_text()).map(str::to_string);
    assert_eq!(
        text("unit_name").as_deref(),
        Some("=HYPERLINK(\"http://x.example\",\"Bấm\")")
    );
    assert_eq!(
        text("advantages").as_deref(),
        Some("+84 912 345 678 là số đường dây nóng")
    );
    assert_eq!(
        text("difficulties").as_deref(),
        Some("-Thiếu kinh phí; -Thiếu người")
    );
    assert_eq!(text("signer_name").as_deref(), Some("@Nguyễn Văn A"));
    assert_eq!(r.status(), "ok");
}

/// `merge` writes such text as text (no formula in the summary), and reading the summary back
/// (a province rolling up ward summaries) gives the same text.
#[test]
fn formula_like_text_reaches_the_summary_as_text() {
    let sb = Sandbox::new();
    let input = sb.copy_fixture("hostile/formula-like-text.xlsx", "in/bao-cao.xlsx");
    let hash = sha256(&input);
    sb.run(&["merge", "--quiet", "-o", "tong-hop.xlsx", "in"])
        .ok();
    assert_eq!(sha256(&input), hash);
    let texts = [
        "=HYPERLINK(\"http://x.example\",\"Bấm\")",
        "+84 912 345 678 là số đường dây nóng",
        "-Thiếu kinh phí; -Thiếu người",
        "@Nguyễn Văn A",
    ];
    let mut book = crate::harness::Book::open(sb.join("tong-hop.xlsx"));
    let strings: Vec<String> = book
        .sheet("Chi tiết")
        .strings()
        .into_iter()
        .map(|(_, _, s)| s)
        .collect();
    let xml = crate::harness::sheet_xml(sb.join("tong-hop.xlsx"), "Chi tiết");
    for t in texts {
        assert!(
            strings.iter().any(|s| s == t),
            "{t} not a text cell of Chi tiết"
        );
        assert!(!xml.contains("<f>"), "a formula in Chi tiết");
    }
    let o = Outline::embedded();
    let back = soket::check::inspect::inspect(
        &sb.join("tong-hop.xlsx"),
        &o,
        soket::check::inspect::Need::default(),
    );
    let v = &back.units[0].values;
    assert_eq!(v["unit_name"].as_text(), Some(texts[0]));
    assert_eq!(v["advantages"].as_text(), Some(texts[1]));
    assert_eq!(v["difficulties"].as_text(), Some(texts[2]));
    assert_eq!(v["signer_name"].as_text(), Some(texts[3]));
}
