//! Unit tests of outline parsing and of each refusal.

use super::*;

fn embedded_with(from: &str, to: &str) -> String {
    assert!(
        DEFAULT_OUTLINE.contains(from),
        "fixture text not found: {from}"
    );
    DEFAULT_OUTLINE.replacen(from, to, 1)
}

fn refuse(text: &str) -> String {
    match Outline::parse(text, "x.toml") {
        Ok(_) => panic!("outline accepted but should be refused"),
        Err(e) => e.to_string(),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    let pos = text.find(needle).expect("needle");
    text[..pos].matches('\n').count() + 1
}

#[test]
fn embedded_outline_loads() {
    let o = Outline::embedded();
    assert_eq!(o.campaign.id, "so-ket-02-ctr-bch-2026");
    assert_eq!(
        o.campaign.deadline_units,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()
    );
    assert_eq!(
        o.campaign.deadline_province,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 10).unwrap()
    );
    let f = o.field("members_delta").unwrap();
    assert_eq!(f.ty, FieldType::SignedInteger);
    assert!(f.required);
    assert_eq!(
        o.field("propaganda_nhom_zalo").unwrap().ty,
        FieldType::YesNo
    );
    assert_eq!(
        o.field("model_10_spread").unwrap().choices.as_deref(),
        Some(&["Có".to_string(), "Không".to_string()][..])
    );
    assert!(o.field("model_11_name").is_none());
    assert_eq!(
        o.field("propaganda_rate").unwrap().weight.as_deref(),
        Some("members_total")
    );
    assert_eq!(o.field("propaganda_rate").unwrap().max, Some(100.0));
    assert_eq!(o.field("collection_rate").unwrap().soft_max, Some(100.0));
    assert_eq!(
        o.field("merger_members_after").unwrap().only_if.as_deref(),
        Some("is_merged")
    );
    assert!(!o.field("cba_count").unwrap().required);
    assert_eq!(o.role(Role::ReportDate).unwrap().key, "report_date");
    assert_eq!(o.rules.len(), 8);
    // keys are unique and ASCII snake_case
    let mut keys: Vec<_> = o.fields.iter().map(|f| f.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), o.fields.len());
}

#[test]
fn bad_toml_names_file_and_line() {
    let text = embedded_with("[campaign]\nid =", "[campaign]\nid = = ");
    let e = refuse(&text);
    assert!(e.starts_with("đề cương x.toml không hợp lệ, dòng "), "{e}");
    assert!(e.contains("cú pháp TOML"), "{e}");
}

#[test]
fn unknown_key_is_refused_with_line() {
    let text = embedded_with(
        "key = \"workers_total\"\nlabel",
        "key = \"workers_total\"\nlabl = \"x\"\nlabel",
    );
    let e = refuse(&text);
    let line = line_of(&text, "labl = ");
    assert!(e.contains(&format!("dòng {line}:")), "{e}");
    assert!(e.contains("labl"), "{e}");
}

#[test]
fn unknown_type_is_refused() {
    let text = embedded_with(
        "type = \"integer\"\nunit = \"người\"\nrequired = true\nhelp = \"Tổng số công nhân",
        "type = \"integr\"\nunit = \"người\"\nrequired = true\nhelp = \"Tổng số công nhân",
    );
    let e = refuse(&text);
    assert!(
        e.contains(&format!("dòng {}:", line_of(&text, "\"integr\""))),
        "{e}"
    );
    assert!(e.contains("integr"), "{e}");
}

#[test]
fn duplicate_key_is_refused() {
    let text = embedded_with("key = \"members_total\"", "key = \"workers_total\"");
    let e = refuse(&text);
    let first = line_of(&text, "key = \"workers_total\"");
    assert!(e.contains("“workers_total” bị trùng"), "{e}");
    assert!(e.contains(&format!("đã dùng ở dòng {first}")), "{e}");
}

#[test]
fn rule_naming_missing_field_is_refused() {
    let text = embedded_with("left = \"members_total\"", "left = \"members_totl\"");
    let e = refuse(&text);
    assert!(e.contains("“members_totl” không có trong đề cương"), "{e}");
    assert!(
        e.contains(&format!("dòng {}:", line_of(&text, "members_totl"))),
        "{e}"
    );
}

#[test]
fn weighted_mean_by_non_numeric_is_refused() {
    let text = embedded_with("weight = \"members_total\"", "weight = \"unit_name\"");
    let e = refuse(&text);
    assert!(e.contains("“unit_name” không phải trường số"), "{e}");
}

#[test]
fn missing_list_and_bad_op_are_refused() {
    let e = refuse(&embedded_with(
        "list = \"unit_type\"",
        "list = \"unit_types\"",
    ));
    assert!(
        e.contains("không có danh sách lựa chọn “unit_types”"),
        "{e}"
    );
    let e = refuse(&embedded_with("op = \"<=\"", "op = \"=<\""));
    assert!(e.contains("phép so sánh “=<”"), "{e}");
}

#[test]
fn non_ascii_key_is_refused() {
    let e = refuse(&embedded_with("key = \"sub_unions\"", "key = \"số_cđbp\""));
    assert!(e.contains("phải là chữ thường ASCII"), "{e}");
}
