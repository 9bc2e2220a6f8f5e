//! `soket outline`: the JSON contract other programs rely on, the table, and refusals of broken outline files.

use crate::harness::{BIN_VI, Run, Sandbox};
use serde_json::Value;
use std::collections::BTreeSet;

/// The field types `outline --format json` may report.
const TYPES: [&str; 9] = [
    "text",
    "long_text",
    "integer",
    "signed_integer",
    "money",
    "percent",
    "date",
    "choice",
    "yes_no",
];

/// Top-level keys of the JSON document (documented in README.md).
const TOP_KEYS: [&str; 7] = [
    "campaign",
    "version",
    "name",
    "deadline_units",
    "deadline_province",
    "fields",
    "rules",
];

/// Keys of every field entry (documented in README.md).
const FIELD_KEYS: [&str; 19] = [
    "key",
    "label",
    "section",
    "type",
    "unit",
    "required",
    "min",
    "max",
    "soft_min",
    "soft_max",
    "choices",
    "sheet",
    "cell",
    "name",
    "help",
    "aggregate",
    "weight",
    "only_if",
    "group",
];

fn outline_json() -> Value {
    let sb = Sandbox::new();
    let run = sb.run(&["outline", "--format", "json"]);
    run.ok();
    assert_eq!(run.stderr, "", "nothing on stderr when all is well");
    run.json()
}

fn field<'a>(doc: &'a Value, key: &str) -> Option<&'a Value> {
    doc["fields"]
        .as_array()
        .expect("fields is an array")
        .iter()
        .find(|f| f["key"] == key)
}

fn keys_of(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn json_is_one_document_with_the_documented_shape() {
    let doc = outline_json();
    assert_eq!(keys_of(&doc), TOP_KEYS.into_iter().collect());
    assert_eq!(doc["campaign"], "so-ket-02-ctr-bch-2026");
    assert_eq!(doc["version"], "1.0");
    assert_eq!(doc["deadline_units"], "2026-04-30");
    assert_eq!(doc["deadline_province"], "2026-05-10");
    let fields = doc["fields"].as_array().expect("fields");
    assert!(
        fields.len() > 100,
        "the embedded outline has {} fields",
        fields.len()
    );
    assert!(!doc["rules"].as_array().expect("rules").is_empty());

    let mut keys = BTreeSet::new();
    let mut cells = BTreeSet::new();
    for f in fields {
        assert_eq!(keys_of(f), FIELD_KEYS.into_iter().collect(), "field {f}");
        let key = f["key"].as_str().expect("key is a string");
        assert!(keys.insert(key), "duplicate key {key}");
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "key {key} is ASCII snake_case"
        );
        let ty = f["type"].as_str().expect("type");
        assert!(TYPES.contains(&ty), "{key}: unknown type {ty}");
        assert!(f["label"].as_str().is_some_and(|s| !s.is_empty()), "{key}");
        assert!(
            f["section"].as_str().is_some_and(|s| !s.is_empty()),
            "{key}"
        );
        assert!(f["unit"].is_string(), "{key}");
        assert!(f["required"].is_boolean(), "{key}");
        for b in ["min", "max", "soft_min", "soft_max"] {
            assert!(f[b].is_null() || f[b].is_number(), "{key}.{b}");
        }
        match ty {
            "choice" | "yes_no" => {
                let choices = f["choices"].as_array().expect("choices of a choice field");
                assert!(
                    !choices.is_empty() && choices.iter().all(Value::is_string),
                    "{key}"
                );
            }
            _ => assert!(
                f["choices"].is_null(),
                "{key}: choices only for choice types"
            ),
        }
        if ty == "yes_no" {
            assert_eq!(f["choices"], serde_json::json!(["Có", "Không"]), "{key}");
        }
        assert_eq!(f["sheet"], "Báo cáo", "{key}");
        assert_eq!(f["name"], format!("sk_{key}"), "{key}");
        let cell = f["cell"].as_str().expect("cell");
        assert!(
            cell.len() >= 2
                && cell.starts_with(|c: char| c.is_ascii_uppercase())
                && cell.ends_with(|c: char| c.is_ascii_digit()),
            "{key}: cell {cell}"
        );
        assert!(cells.insert(cell), "{key}: cell {cell} used twice");
    }

    for r in doc["rules"].as_array().expect("rules") {
        assert!(r["id"].is_string() && r["message"].is_string(), "{r}");
        assert!(
            ["error", "warning"].contains(&r["severity"].as_str().unwrap_or("")),
            "{r}"
        );
        let sides: &[&str] = match r["kind"].as_str() {
            Some("compare") => {
                assert!(["=", "<=", ">=", "<", ">"].contains(&r["op"].as_str().unwrap_or("")));
                &["left", "right"]
            }
            Some("ratio") => &["numerator", "denominator"],
            other => panic!("rule kind {other:?}"),
        };
        for side in sides {
            assert!(r[side]["text"].is_string(), "{r}");
            for t in r[side]["terms"].as_array().expect("terms") {
                assert!(t["coef"].is_number(), "{r}");
                if let Some(k) = t["key"].as_str() {
                    assert!(keys.contains(k), "rule {} names unknown field {k}", r["id"]);
                }
            }
        }
    }
}

#[test]
fn json_known_fields() {
    let doc = outline_json();
    let d = field(&doc, "members_delta").expect("members_delta");
    assert_eq!(d["type"], "signed_integer");
    assert_eq!(d["required"], true);
    assert_eq!(d["unit"], "người");
    assert_eq!(d["label"], "Số đoàn viên tăng/giảm trong 05 năm");
    assert_eq!(d["section"], "II. KẾT QUẢ TRIỂN KHAI THỰC HIỆN");

    let z = field(&doc, "propaganda_nhom_zalo").expect("propaganda_nhom_zalo");
    assert_eq!(z["type"], "yes_no");
    assert_eq!(z["label"], "Nhóm Zalo");
    assert_eq!(z["group"]["kind"], "option");
    assert_eq!(z["group"]["parent"], "propaganda");

    let m = field(&doc, "model_10_spread").expect("the model table has 10 rows");
    assert_eq!(m["choices"], serde_json::json!(["Có", "Không"]));
    assert_eq!(m["group"]["kind"], "table");
    assert_eq!(m["group"]["row"], 10);
    assert!(field(&doc, "model_11_name").is_none(), "only 10 model rows");

    let c = field(&doc, "collection_rate").expect("collection_rate");
    assert_eq!(c["type"], "percent");
    assert_eq!(c["soft_max"], 100.0);
    assert_eq!(c["max"], 1000.0);
    assert_eq!(c["min"], 0.0);
    assert_eq!(c["unit"], "%");

    let p = field(&doc, "propaganda_rate").expect("propaganda_rate");
    assert_eq!(p["aggregate"], "weighted_mean");
    assert_eq!(p["weight"], "members_total");
    assert_eq!(p["max"], 100.0);

    let w = field(&doc, "workers_total").expect("workers_total");
    assert_eq!(w["type"], "integer");
    assert_eq!(w["min"], 0.0);
    assert_eq!(w["cell"], "C19");

    let amount = field(&doc, "care_amount").expect("care_amount");
    assert_eq!(amount["type"], "money");
    assert_eq!(amount["unit"], "đồng");
    assert_eq!(amount["required"], false);

    let merged = field(&doc, "merger_members_after").expect("merger_members_after");
    assert_eq!(merged["only_if"], "is_merged");

    assert_eq!(
        field(&doc, "report_date").expect("report_date")["type"],
        "date"
    );
    assert_eq!(
        field(&doc, "unit_type").expect("unit_type")["type"],
        "choice"
    );
    assert_eq!(
        field(&doc, "finance_disclosure").expect("finance_disclosure")["choices"],
        serde_json::json!(["Có", "Chưa đầy đủ"])
    );
}

#[test]
fn both_binary_names_are_the_same_program() {
    let sb = Sandbox::new();
    let ascii = sb.run(&["outline", "--format", "json"]);
    let vi = sb.run_bin(BIN_VI, &["outline", "--format", "json"]);
    ascii.ok();
    vi.ok();
    assert_eq!(ascii.stdout, vi.stdout);
}

#[test]
fn table_lists_labels_keys_and_deadlines() {
    let sb = Sandbox::new();
    let run = sb.run(&["outline"]);
    run.ok();
    let out = &run.stdout;
    assert!(out.contains("so-ket-02-ctr-bch-2026"), "{out}");
    assert!(
        out.contains("30/04/2026") && out.contains("10/05/2026"),
        "{out}"
    );
    for text in [
        "Tổng số đoàn viên công đoàn",
        "members_delta",
        "propaganda_nhom_zalo",
        "members_within_workers",
    ] {
        assert!(out.contains(text), "table lacks {text}:\n{out}");
    }
}

/// A small valid outline. The refusal tests below change one line of it and expect that
/// line's number in the message; `line_numbers_of_the_small_outline` guards the numbers.
const SMALL: &str = r#"# Đề cương nhỏ dùng để thử lỗi; số dòng được kiểm tra chính xác.
[campaign]
id = "thu-nghiem"
version = "0.1"
name = "Đề cương thử"
plan = "Kế hoạch thử"
deadline_units = 2026-04-30
deadline_province = 2026-05-10

[document]
issuing_body = "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG"
national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
national_motto = "Độc lập – Tự do – Hạnh phúc"
number_prefix = "Số:"
number_suffix = "/BC-CĐCS"
place = "An Giang"
title = "BÁO CÁO"
subtitle = "Thử"
signature_for = "TM. BAN CHẤP HÀNH"

[[sections]]
id = "I"
title = "I. KHÁI QUÁT"

[[sections.items]]
key = "unit_name"
label = "Tên đơn vị"
type = "text"

[[sections.items]]
key = "workers_total"
label = "Tổng số NLĐ"
type = "integer"
unit = "người"

[[sections.items]]
key = "members_total"
label = "Tổng số đoàn viên"
type = "integer"
unit = "người"

[[sections.items]]
key = "rate"
label = "Tỷ lệ"
type = "percent"
weight = "members_total"

[[rules]]
id = "members_within_workers"
kind = "compare"
left = "members_total"
op = "<="
right = "workers_total"
severity = "error"
message = "Đoàn viên không thể nhiều hơn NLĐ"
"#;

/// SMALL with one whole line replaced (the line must occur exactly once).
fn small_with(line: &str, replacement: &str) -> String {
    let lines: Vec<&str> = SMALL.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| **l == line).count(),
        1,
        "line {line:?} must occur once in SMALL"
    );
    let mut out: String = lines
        .iter()
        .map(|l| if *l == line { replacement } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// 1-based number of the line equal to `line` in SMALL.
fn line_no(line: &str) -> usize {
    SMALL
        .lines()
        .position(|l| l == line)
        .expect("line in SMALL")
        + 1
}

/// Run `outline --outline FILE` on `text` and return the single error line.
fn refused(text: &str, file: &str) -> (Run, String) {
    let sb = Sandbox::new();
    sb.write(file, text);
    let run = sb.run(&["outline", "--outline", file]);
    run.expect_code(2);
    assert_eq!(
        run.stdout, "",
        "nothing on stdout when the outline is refused"
    );
    let line = run.one_error_line().to_string();
    assert!(line.contains(file), "the message names the file: {line}");
    (run, line)
}

#[test]
fn line_numbers_of_the_small_outline() {
    assert_eq!(line_no(r#"id = "thu-nghiem""#), 3);
    assert_eq!(line_no(r#"label = "Tổng số NLĐ""#), 32);
    assert_eq!(line_no(r#"key = "workers_total""#), 31);
    assert_eq!(line_no(r#"key = "members_total""#), 37);
    assert_eq!(line_no(r#"weight = "members_total""#), 46);
    assert_eq!(line_no(r#"left = "members_total""#), 51);
}

#[test]
fn small_outline_is_accepted() {
    let sb = Sandbox::new();
    sb.write("nho.toml", SMALL);
    let run = sb.run(&["outline", "--outline", "nho.toml", "--format", "json"]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["campaign"], "thu-nghiem");
    let keys: Vec<&str> = doc["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["key"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        ["unit_name", "workers_total", "members_total", "rate"]
    );
    // The same file drives the form.
    sb.run(&["template", "--outline", "nho.toml", "-o", "f.xlsx"])
        .ok();
    assert!(sb.join("f.xlsx").is_file());
}

#[test]
fn bad_toml_is_refused_with_its_line() {
    let text = small_with(r#"id = "thu-nghiem""#, r#"id = = "thu-nghiem""#);
    let (_, line) = refused(&text, "hong.toml");
    assert!(line.contains("dòng 3:"), "{line}");
    assert!(line.contains("cú pháp TOML"), "{line}");
}

#[test]
fn unknown_key_is_refused_with_its_line() {
    let text = small_with(r#"label = "Tổng số NLĐ""#, r#"labl = "Tổng số NLĐ""#);
    let (_, line) = refused(&text, "sai-khoa.toml");
    assert!(line.contains("dòng 32:"), "{line}");
    assert!(line.contains("labl"), "{line}");
}

#[test]
fn duplicate_key_is_refused_with_both_lines() {
    let text = small_with(r#"key = "members_total""#, r#"key = "workers_total""#);
    let (_, line) = refused(&text, "trung.toml");
    assert!(line.contains("dòng 37:"), "{line}");
    assert!(line.contains("“workers_total”"), "{line}");
    assert!(
        line.contains("dòng 31"),
        "the first use is named too: {line}"
    );
}

#[test]
fn rule_naming_a_missing_field_is_refused_with_its_line() {
    // members_total still exists; the rule now names a field that does not.
    let text = small_with(r#"left = "members_total""#, r#"left = "members_totl""#);
    let (_, line) = refused(&text, "quy-tac.toml");
    assert!(line.contains("dòng 51:"), "{line}");
    assert!(line.contains("members_totl"), "{line}");
}

#[test]
fn weighted_mean_by_a_non_numeric_field_is_refused_with_its_line() {
    let text = small_with(r#"weight = "members_total""#, r#"weight = "unit_name""#);
    let (_, line) = refused(&text, "trong-so.toml");
    assert!(line.contains("dòng 46:"), "{line}");
    assert!(line.contains("unit_name"), "{line}");
}

#[test]
fn outline_file_in_a_subfolder_is_named_as_given() {
    let sb = Sandbox::new();
    let text = small_with(r#"weight = "members_total""#, r#"weight = "unit_name""#);
    sb.write("de-cuong/sai.toml", text);
    let run = sb.run(&["outline", "--outline", "de-cuong/sai.toml"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(
        line.contains("de-cuong/sai.toml") && line.contains("dòng 46"),
        "{line}"
    );
}

#[test]
fn broken_outline_stops_the_template_command_too() {
    let sb = Sandbox::new();
    let text = small_with(r#"key = "members_total""#, r#"key = "workers_total""#);
    sb.write("trung.toml", text);
    let run = sb.run(&["template", "--outline", "trung.toml", "-o", "f.xlsx"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(
        line.contains("trung.toml") && line.contains("dòng 37"),
        "{line}"
    );
    assert_eq!(
        sb.list("."),
        ["trung.toml"],
        "no form and no temporary file left"
    );
}

#[test]
fn missing_outline_file_is_refused() {
    let sb = Sandbox::new();
    let run = sb.run(&["outline", "--outline", "khong-co.toml"]);
    run.expect_code(2);
    assert!(
        run.one_error_line().contains("khong-co.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_command_and_format_exit_2() {
    let sb = Sandbox::new();
    let run = sb.run(&["outline", "--format", "xml"]);
    run.expect_code(2);
    run.one_error_line();
    let run = sb.run(&["khong-co-lenh"]);
    run.expect_code(2);
    run.one_error_line();
}

/// The JSON example under "## JSON của `sokết outline --format json`" in README.md.
fn readme_outline_example() -> (String, Value) {
    let readme =
        std::fs::read_to_string(crate::harness::source_file("README.md")).expect("README.md");
    let heading = "## JSON của `sokết outline --format json`";
    let section = &readme[readme
        .find(heading)
        .expect("README section on the outline JSON")..];
    let body = section
        .split_once("```json\n")
        .and_then(|(_, r)| r.split_once("\n```"))
        .map(|(b, _)| b)
        .expect("a ```json block in that section");
    let next = section[heading.len()..]
        .find("\n## ")
        .map_or(section.len(), |i| i + heading.len());
    (
        section[..next].to_string(),
        serde_json::from_str(body).expect("README example is valid JSON"),
    )
}

#[test]
fn readme_documents_the_outline_json_as_it_is() {
    let (section, example) = readme_outline_example();
    let doc = outline_json();
    assert_eq!(keys_of(&example), keys_of(&doc), "README top-level keys");
    for k in [
        "campaign",
        "version",
        "name",
        "deadline_units",
        "deadline_province",
    ] {
        assert_eq!(example[k], doc[k], "README example: {k}");
    }
    for f in example["fields"].as_array().expect("fields") {
        let key = f["key"].as_str().expect("key");
        assert_eq!(Some(f), field(&doc, key), "README example of field {key}");
    }
    for r in example["rules"].as_array().expect("rules") {
        let actual = doc["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|x| x["id"] == r["id"]);
        assert_eq!(Some(r), actual, "README example of rule {}", r["id"]);
    }
    for k in FIELD_KEYS {
        assert!(
            section.contains(&format!("`{k}`")),
            "README table documents `{k}`"
        );
    }
    for t in TYPES {
        assert!(
            section.contains(&format!("`{t}`")),
            "README documents type `{t}`"
        );
    }
}
