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

#[test]
fn embedded_outline_declares_its_roles_summary_and_prefixes() {
    let o = Outline::embedded();
    let key = |r| o.role_key(r).unwrap();
    assert_eq!(key(Role::UnitCode), "unit_code");
    assert_eq!(key(Role::UnionName), "union_name");
    assert_eq!(key(Role::UnitName), "unit_name");
    assert_eq!(key(Role::UnitType), "unit_type");
    assert_eq!(key(Role::Parent), "parent_union");
    assert_eq!(o.name_keys(), ["union_name", "unit_name"]);
    assert_eq!(o.role_choices(Role::Parent).len(), 3);
    assert_eq!(
        o.field("parent_union").unwrap().short_label(),
        "Công đoàn cấp trên"
    );
    assert_eq!(
        o.field("members_start").unwrap().short_label(),
        "Số đoàn viên đầu kỳ"
    );
    assert_eq!(
        o.name_prefixes(),
        ["Công đoàn cơ sở", "CĐCS", "Công đoàn", "CĐ"]
    );
    assert_eq!(o.campaign.receiver, "LĐLĐ tỉnh");
    let s = &o.summary;
    assert_eq!(s.key_figures, ["workers_total", "dues_total"]);
    let m = s.members.as_ref().unwrap();
    assert_eq!(
        (m.start.as_str(), m.now.as_str()),
        ("members_start", "members_now")
    );
    assert_eq!(s.table_sheet.as_ref().unwrap().name, "Mô hình");
    let sheets: Vec<(&str, usize)> = s
        .text_sheets
        .iter()
        .map(|t| (t.name.as_str(), t.fields.len()))
        .collect();
    assert_eq!(sheets, [("Kiến nghị", 2), ("Thuận lợi - Khó khăn", 4)]);
    // Roles that place an input in the masthead or signature block, and roles that do not.
    assert!(o.field("union_name").unwrap().placed_by_role());
    assert!(!o.field("unit_code").unwrap().placed_by_role());
}

#[test]
fn an_outline_without_roles_or_summary_loads_with_defaults() {
    let mut text = DEFAULT_OUTLINE.to_string();
    for (from, to) in [
        ("role = \"unit_code\"\n", ""),
        ("role = \"parent\"\n", ""),
        ("receiver = \"LĐLĐ tỉnh\"\n", ""),
    ] {
        text = text.replacen(from, to, 1);
    }
    let start = text.find("[matching]").unwrap();
    let end = text.find("[lists.parent_union]").unwrap();
    text.replace_range(start..end, "");
    let o = Outline::parse(&text, "x.toml").unwrap();
    assert_eq!(o.role_key(Role::UnitCode), None);
    assert!(o.role_choices(Role::Parent).is_empty());
    assert!(o.name_prefixes().is_empty());
    assert_eq!(o.campaign.receiver, "cấp trên");
    assert!(o.summary.members.is_none() && o.summary.text_sheets.is_empty());
    // The outline still has a table: its sheet gets a generic name.
    assert_eq!(o.summary.table_sheet.unwrap().name, "Bảng kê");
}

/// Refused with a message naming the line of `needle` in `text`.
fn refused_at(text: &str, needle: &str, says: &str) {
    let e = refuse(text);
    let line = line_of(text, needle);
    assert!(
        e.starts_with(&format!("đề cương x.toml không hợp lệ, dòng {line}: ")),
        "{e}"
    );
    assert!(e.contains(says), "{e}");
}

#[test]
fn roles_on_the_wrong_field_are_refused() {
    let text = embedded_with(
        "key = \"workers_total\"\n",
        "key = \"workers_total\"\nrole = \"parent\"\n",
    );
    refused_at(
        &text,
        "key = \"workers_total\"",
        "vai trò parent đã được gán cho một trường khác",
    );
    let text = embedded_with("role = \"parent\"\n", "");
    let text = text.replacen(
        "key = \"workers_total\"\n",
        "key = \"workers_total\"\nrole = \"parent\"\n",
        1,
    );
    refused_at(
        &text,
        "key = \"workers_total\"",
        "có vai trò parent phải là một trường riêng kiểu choice",
    );
    let text = embedded_with("role = \"unit_code\"\n", "");
    let text = text.replacen(
        "key = \"sub_unions\"\n",
        "key = \"sub_unions\"\nrole = \"unit_code\"\n",
        1,
    );
    refused_at(
        &text,
        "key = \"sub_unions\"",
        "có vai trò unit_code phải là một trường riêng kiểu text",
    );
    let text = embedded_with("role = \"unit_name\"", "role = \"unit_nam\"");
    refused_at(
        &text,
        "role = \"unit_nam\"",
        "giá trị `unit_nam` không hợp lệ",
    );
}

#[test]
fn summary_mistakes_are_refused_with_their_line() {
    let text = embedded_with(
        "key_figures = [\"workers_total\", \"dues_total\"]",
        "key_figures = [\"workers_total\", \"dues_totl\"]",
    );
    refused_at(
        &text,
        "key_figures",
        "không có trường “dues_totl” trong đề cương",
    );
    let text = embedded_with(
        "key_figures = [\"workers_total\", \"dues_total\"]",
        "key_figures = [\"arrears\"]",
    );
    refused_at(
        &text,
        "key_figures",
        "trường “arrears” trong key_figures phải là trường số",
    );
    let text = embedded_with("now = \"members_now\"", "now = \"unit_name\"");
    refused_at(
        &text,
        "now = \"unit_name\"",
        "trường “unit_name” phải là trường số",
    );
    let text = embedded_with(
        "fields = [\"recommendations\", \"target_adjustments\"]",
        "fields = [\"recommendations\", \"care_amount\"]",
    );
    refused_at(
        &text,
        "fields = [\"recommendations\", \"care",
        "“care_amount” trong text_sheets phải là trường chữ",
    );
    let text = embedded_with("name = \"Kiến nghị\"", "name = \"Mô hình\"");
    let first = line_of(&text, "name = \"Mô hình\"");
    let e = refuse(&text);
    assert!(
        e.contains(&format!(
            "tên trang “Mô hình” bị trùng (đã dùng ở dòng {first})"
        )),
        "{e}"
    );
    let text = embedded_with("name = \"Kiến nghị\"", "name = \"Kiến nghị / đề xuất\"");
    refused_at(&text, "Kiến nghị / đề xuất", "không được chứa các ký tự");
    let text = embedded_with("title = \"ĐỀ XUẤT", "titel = \"ĐỀ XUẤT");
    refused_at(&text, "titel", "khóa `titel` không dùng được ở đây");
    let text = embedded_with("name_prefixes = [", "name_prefix = [");
    refused_at(
        &text,
        "name_prefix = [",
        "khóa `name_prefix` không dùng được ở đây",
    );
}

#[test]
fn a_table_sheet_needs_a_table() {
    let start = DEFAULT_OUTLINE
        .find("[[sections.items]]\nkey = \"model\"")
        .unwrap();
    let end = DEFAULT_OUTLINE[start..].find("# ----").unwrap() + start;
    let mut text = DEFAULT_OUTLINE.to_string();
    text.replace_range(start..end, "");
    refused_at(
        &text,
        "name = \"Mô hình\"",
        "summary.table_sheet cần ít nhất một trường kiểu table",
    );
}

#[test]
fn select_is_read_and_checked() {
    let o = Outline::embedded();
    let s = o.select.survey.as_ref().unwrap();
    let quotas: Vec<(&str, usize)> = s
        .strata
        .iter()
        .map(|x| (x.name.as_str(), x.quota))
        .collect();
    assert_eq!(
        quotas,
        [
            ("Khu vực doanh nghiệp Nhà nước", 2),
            ("Khu vực doanh nghiệp ngoài Nhà nước", 4),
            ("Lĩnh vực y tế", 2),
            ("Lĩnh vực giáo dục", 2)
        ]
    );
    assert_eq!(s.strata[2].types, ["Đơn vị sự nghiệp y tế"]);
    assert_eq!(
        (s.reserves, s.start.to_string()),
        (2, "2026-05-05".to_string())
    );
    let a = o.select.awards.as_ref().unwrap();
    assert_eq!(
        (a.collectives, a.individuals, a.indicators.len()),
        (5, 5, 7)
    );
    assert_eq!(a.nominations.as_ref().unwrap().table, "nomination");
    let twice = embedded_with("types = [\"y_te\"]", "types = [\"y_te\", \"dn_nha_nuoc\"]");
    refused_at(
        &twice,
        "types = [\"y_te\", \"dn_nha_nuoc\"]",
        "loại hình “Doanh nghiệp nhà nước” đã thuộc nhóm “Khu vực doanh nghiệp Nhà nước”",
    );
    let unknown = embedded_with("types = [\"giao_duc\"]", "types = [\"truong_hoc\"]");
    refused_at(
        &unknown,
        "types = [\"truong_hoc\"]",
        "“truong_hoc” không phải loại hình",
    );
    let bad = embedded_with("per = \"proposals\"", "per = \"proposal_count\"");
    refused_at(
        &bad,
        "per = \"proposal_count\"",
        "không có trường “proposal_count”",
    );
}

/// A heading and a section may carry the wording of the unit's Word report; a report heading
/// without a heading is refused at its section.
#[test]
fn report_wording_is_read_and_a_lone_report_heading_is_refused() {
    let o = Outline::embedded();
    let merger = o.sections.iter().find(|s| s.id == "merger_flag").unwrap();
    assert_eq!(merger.title, "ĐƠN VỊ HỢP NHẤT, SÁP NHẬP");
    assert_eq!(
        merger.report_title,
        "VI. HỢP NHẤT, SÁP NHẬP, SẮP XẾP TỔ CHỨC BỘ MÁY"
    );
    let one = o.sections.iter().find(|s| s.id == "I").unwrap();
    assert_eq!(one.report_title, one.title, "the form's title by default");
    let finance = o
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|i| match i {
            Item::Heading { form, report } if form.starts_with("6. ") => {
                Some((form.as_str(), report.as_str()))
            }
            _ => None,
        });
    assert_eq!(
        finance,
        Some((
            "6. Công tác tài chính công đoàn (báo cáo ngắn gọn, chỉ số chính)",
            "6. Công tác tài chính công đoàn"
        ))
    );
    let text = embedded_with(
        "key = \"models_replicated\"",
        "report_heading = \"x\"\nkey = \"models_replicated\"",
    );
    refused_at(
        &text,
        "id = \"II\"",
        "report_heading chỉ dùng cùng heading trong một mục",
    );
}
