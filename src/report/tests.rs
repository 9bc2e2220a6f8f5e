//! The findings model as JSON: the status document, and the same document inside check's.

use crate::check::{completeness, match_units};
use crate::roster::tests::*;

#[test]
fn json_document_shape() {
    let r = three();
    let files = [
        dated("a.xlsx", "AG-1", Some(day(20, 4)), false),
        file("x.xlsx", &[("union_name", text("Ai đó"))], false),
    ];
    let c = completeness(
        &r,
        &match_units(&Outline::embedded(), &r, &files),
        day(25, 4),
        day(30, 4),
    );
    let v: serde_json::Value =
        serde_json::from_str(&crate::report::status::json(&c)).expect("json");
    assert_eq!(v["as_of"], "2026-04-25");
    assert_eq!(v["deadline"], "2026-04-30");
    assert_eq!(v["units"][0]["code"], "AG-1");
    assert_eq!(v["units"][0]["type"], GD);
    assert_eq!(v["units"][0]["parent"], RG);
    assert_eq!(v["units"][0]["status"], "on_time");
    assert_eq!(v["units"][0]["date"], "2026-04-20");
    assert_eq!(v["units"][0]["date_source"], "form");
    assert_eq!(v["units"][0]["file"], "a.xlsx");
    assert_eq!(v["units"][1]["status"], "not_due");
    assert_eq!(v["units"][1]["file"], serde_json::Value::Null);
    assert_eq!(v["unmatched"], serde_json::json!(["x.xlsx"]));
    assert_eq!(v["by_parent"][RG]["expected"], 1);
    assert_eq!(v["by_parent"][RG]["on_time"], 1);
    assert_eq!(v["by_parent"][RG]["percent_reported"], 100.0);
    assert_eq!(v["by_type"][GD]["missing"], 1);
    assert_eq!(v["total"]["expected"], 3);
    assert_eq!(v["total"]["with_errors"], 0);
    assert_eq!(v["total"]["percent_reported"], 33.3);
    let files = [];
    let check = crate::report::Findings::new(&files, &[], Some(&c));
    let text = crate::report::json(&check);
    // The documented key order: files, skipped, summary, then the added roster part.
    let at = |k: &str| text.find(&format!("\n  \"{k}\": ")).expect(k);
    assert!(
        at("files") < at("skipped")
            && at("skipped") < at("summary")
            && at("summary") < at("roster")
    );
    let check: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(check["roster"], v, "check carries the same document");
    let no_roster = crate::report::Findings::new(&files, &[], None);
    let no_roster = crate::report::json(&no_roster);
    assert!(!no_roster.contains("roster"), "{no_roster}");
}
