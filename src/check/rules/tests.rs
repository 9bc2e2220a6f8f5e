//! Unit tests of the rule engine on hand-made cells.

use super::*;
use crate::read::{CellRef, RawCell};
use crate::value::Raw;

fn unit(cells: &[(&str, Raw)]) -> UnitCells {
    let mut u = UnitCells::default();
    for (i, (k, raw)) in cells.iter().enumerate() {
        let at = CellRef {
            sheet: "Báo cáo".into(),
            row: i as u32,
            col: 2,
        };
        u.cells.insert(
            k.to_string(),
            RawCell {
                raw: raw.clone(),
                at,
                by: FoundBy::Name,
            },
        );
    }
    u
}

fn find<'a>(c: &'a Checked, rule: &str, field: &str) -> &'a Issue {
    c.issues
        .iter()
        .find(|i| i.rule == rule && i.field.as_deref() == Some(field))
        .unwrap_or_else(|| panic!("no {rule} on {field}: {:#?}", c.issues))
}

#[test]
fn member_deltas_and_bounds() {
    let o = Outline::embedded();
    let u = unit(&[
        ("members_start", Raw::Number(100.0)),
        ("members_now", Raw::Number(120.0)),
        ("members_delta", Raw::Number(15.0)),
        ("members_admitted", Raw::Number(30.0)),
        ("members_lost", Raw::Number(10.0)),
        ("propaganda_rate", Raw::Number(0.85)),
        ("collection_rate", Raw::Number(1.02)),
        ("workers_total", Raw::Text("1.250 người".into())),
    ]);
    let c = check_unit(&o, &u, &[]);
    let d = find(&c, "members_delta_now_start", "members_delta");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.cell.as_deref(), Some("Báo cáo!C3"));
    assert_eq!(d.value.as_deref(), Some("15"));
    assert!(d.message.contains("= 20"), "{}", d.message);
    assert_eq!(
        find(&c, "members_delta_flow", "members_delta").severity,
        Severity::Error
    );
    assert_eq!(
        c.values["propaganda_rate"],
        crate::record::Value::Number(85.0)
    );
    assert_eq!(
        c.values["collection_rate"],
        crate::record::Value::Number(102.0)
    );
    assert_eq!(
        find(&c, "soft_max", "collection_rate").severity,
        Severity::Warning
    );
    assert_eq!(
        c.values["workers_total"],
        crate::record::Value::Number(1250.0)
    );
    assert_eq!(
        find(&c, "normalized", "workers_total").cell.as_deref(),
        Some("Báo cáo!C8")
    );
    // required fields never given a cell are not reported as empty (the reader reports them as missing)
    assert!(c.issues.iter().all(|i| i.rule != "required"));
}

#[test]
fn required_choice_and_percent_typed_as_number() {
    let o = Outline::embedded();
    let u = unit(&[
        ("unit_name", Raw::Empty),
        ("unit_type", Raw::Text("doanh nghiep ngoai nha nuoc".into())),
        ("violations", Raw::Text("Co\u{301}".into())),
        ("is_merged", Raw::Text("Có".into())),
        ("merger_members_before", Raw::Empty),
        ("propaganda_rate", Raw::Number(85.0)),
        ("finance_disclosure", Raw::Text("Đầy đủ".into())),
    ]);
    let c = check_unit(&o, &u, &[]);
    assert_eq!(find(&c, "required", "unit_name").severity, Severity::Error);
    assert_eq!(
        c.values["unit_type"],
        crate::record::Value::Text("Doanh nghiệp ngoài nhà nước".into())
    );
    assert_eq!(
        c.values["violations"],
        crate::record::Value::Text("Có".into())
    );
    assert_eq!(
        find(&c, "required", "merger_members_before").severity,
        Severity::Error
    );
    assert_eq!(
        c.values["propaganda_rate"],
        crate::record::Value::Number(85.0)
    );
    assert_eq!(
        find(&c, "normalized", "propaganda_rate").severity,
        Severity::Warning
    );
    assert_eq!(
        find(&c, "choice", "finance_disclosure").severity,
        Severity::Error
    );
}

#[test]
fn a_warning_on_a_field_does_not_silence_the_cross_rules_on_it() {
    let mut o = Outline::embedded();
    let i = o.field_index("members_total").unwrap();
    o.fields[i].soft_max = Some(100.0);
    let u = unit(&[
        ("members_total", Raw::Number(130.0)),
        ("members_now", Raw::Number(120.0)),
    ]);
    let c = check_unit(&o, &u, &[]);
    assert_eq!(
        find(&c, "soft_max", "members_total").severity,
        Severity::Warning
    );
    assert_eq!(
        find(&c, "members_now_equals_total", "members_now").severity,
        Severity::Error
    );
    // an error on the field does silence them: the unit fixes the figure first
    let u = unit(&[
        ("members_total", Raw::Number(-130.0)),
        ("members_now", Raw::Number(120.0)),
    ]);
    let c = check_unit(&o, &u, &[]);
    assert_eq!(find(&c, "min", "members_total").severity, Severity::Error);
    assert!(
        c.issues
            .iter()
            .all(|i| i.rule != "members_now_equals_total")
    );
}
