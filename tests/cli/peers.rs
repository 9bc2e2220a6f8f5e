//! Plausibility against peers through the program: a dues figure typed in thousands among twelve
//! plausible returns is flagged in check's JSON and table, in its feedback file, in merge's JSON and
//! in the summary's "Kiểm tra" sheet; `--peers off` turns it off; a return alone gets one note.

use crate::harness::{Book, Sandbox};
use soket::demo::values::{good, units};
use soket::form::{self, FormOptions};
use soket::outline::Outline;
use soket::record::{Value, key};
use soket::rng::Rng;

/// Twelve plausible returns of one unit type in `nhan-ve/`; the sixth typed its dues ÷1000 (in
/// thousands of đồng). Returns (file name, the slipped dues, the median per member of the twelve).
fn returns(sb: &Sandbox) -> (String, f64, f64) {
    let o = Outline::embedded();
    let (_, who) = units(12);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 25).expect("date");
    let mut per_member = Vec::new();
    let mut slipped = (String::new(), 0.0);
    for (i, w) in who.iter().enumerate() {
        let mut rng = Rng::new(11 + i as u64);
        let mut v = good(&o, w, &mut rng, date);
        v.insert(
            key("unit_type"),
            Value::Text("Doanh nghiệp nhà nước".into()),
        );
        let num =
            |v: &soket::record::Values, k: &str| v.get(k).and_then(Value::as_number).expect(k);
        let members = num(&v, "members_now");
        let mut dues = num(&v, "dues_total");
        if i == 5 {
            dues = (dues / 1000.0).round();
            v.insert(key("dues_total"), Value::Number(dues));
            slipped = (format!("{}.xlsx", w.code), dues);
        }
        per_member.push(dues / members);
        let bytes = form::build(
            &o,
            &FormOptions {
                values: v,
                ..Default::default()
            },
        )
        .expect("form");
        sb.write(format!("nhan-ve/{}.xlsx", w.code), bytes);
    }
    per_member.sort_by(f64::total_cmp);
    let median = (per_member[5] + per_member[6]) / 2.0;
    (slipped.0, slipped.1, median)
}

/// "1.234.567" for a whole figure.
fn vi(x: f64) -> String {
    soket::value::format_vi(x.round())
}

#[test]
fn a_figure_far_from_its_peers_is_flagged_everywhere_findings_go() {
    let sb = Sandbox::new();
    let (file, dues, median) = returns(&sb);
    let want_median = format!(
        "mức giữa của 12 đơn vị cùng loại hình ({} đồng/đoàn viên)",
        vi(median)
    );

    let run = sb.run(&["check", "-q", "--format", "json", "nhan-ve"]);
    run.ok();
    let doc = run.json();
    let mut found = Vec::new();
    for f in doc["files"].as_array().expect("files") {
        for i in f["issues"].as_array().expect("issues") {
            found.push((f["path"].as_str().expect("path").to_string(), i.clone()));
        }
    }
    assert_eq!(found.len(), 1, "{found:#?}");
    let (path, issue) = &found[0];
    assert_eq!(path, &format!("nhan-ve/{file}"));
    assert_eq!(issue["severity"], "warning");
    assert_eq!(issue["rule"], "peers.dues_per_member");
    assert_eq!(issue["field"], "dues_total");
    assert_eq!(issue["cell"], "Báo cáo!C78");
    assert_eq!(issue["value"], vi(dues));
    let message = issue["message"].as_str().expect("message").to_string();
    assert!(
        message.starts_with("Đoàn phí thu bình quân 05 năm "),
        "{message}"
    );
    assert!(message.contains(", chỉ bằng 1/"), "{message}");
    assert!(message.contains(&want_median), "{message}");
    assert!(
        message.ends_with("(ô Báo cáo!C78 và Báo cáo!C53)."),
        "{message}"
    );
    assert_eq!(doc["notes"], serde_json::json!([]));

    let table = sb.run(&["check", "-q", "nhan-ve"]);
    table.ok();
    assert!(
        table.stdout.contains(&format!("■ nhan-ve/{file} — "))
            && table.stdout.contains("| Báo cáo!C78 |"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("Tổng cộng: 12 tệp — 11 đạt, 1 đạt có cảnh báo, 0 có lỗi"),
        "{}",
        table.stdout
    );

    sb.run(&["check", "-q", "--feedback", "can-sua", "nhan-ve"])
        .ok();
    assert_eq!(sb.list("can-sua"), [file.replace(".xlsx", "-can-sua.xlsx")]);
    let fix = sb.join(format!(
        "can-sua/{}",
        file.replace(".xlsx", "-can-sua.xlsx")
    ));
    let texts: Vec<String> = Book::open(&fix)
        .sheet(soket::form::FIX_SHEET)
        .strings()
        .into_iter()
        .map(|(_, _, t)| t)
        .collect();
    assert!(texts.iter().any(|t| t.contains(&want_median)), "{texts:#?}");

    let run = sb.run(&["merge", "-q", "--format", "json", "-o", "t.xlsx", "nhan-ve"]);
    run.ok();
    let m = run.json();
    let peers = m["peers"].as_array().expect("peers");
    assert_eq!(peers.len(), 1, "{peers:#?}");
    assert_eq!(peers[0]["file"], format!("nhan-ve/{file}"));
    assert_eq!(peers[0]["rule"], "peers.dues_per_member");
    assert_eq!(peers[0]["cell"], "Báo cáo!C78");
    assert_eq!(peers[0]["message"], message.as_str());
    assert_eq!(
        m["units_merged"], 12,
        "a warning does not leave the unit out"
    );
    let texts: Vec<String> = Book::open(sb.join("t.xlsx"))
        .sheet("Kiểm tra")
        .strings()
        .into_iter()
        .map(|(_, _, t)| t)
        .collect();
    assert!(texts.contains(&message), "{texts:#?}");

    let off = sb.run(&[
        "check", "-q", "--format", "json", "--peers", "off", "nhan-ve",
    ]);
    off.ok();
    assert_eq!(off.json()["summary"]["warning"], 0);
    let off = sb.run(&[
        "merge", "-q", "--format", "json", "--peers", "off", "--force", "-o", "t.xlsx", "nhan-ve",
    ]);
    off.ok();
    assert_eq!(off.json()["peers"], serde_json::json!([]));
}

#[test]
fn a_return_checked_alone_gets_no_peer_finding_and_the_run_says_why_once() {
    let sb = Sandbox::new();
    let (file, _, _) = returns(&sb);
    let run = sb.run(&["check", "-q", &format!("nhan-ve/{file}")]);
    run.ok();
    let note = "Ghi chú: Chưa so sánh số liệu giữa các đơn vị: lần này chỉ có 1 đơn vị có số liệu để so, cần ít nhất\n  8 đơn vị.\n";
    assert_eq!(run.stdout.matches("Ghi chú:").count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains(note), "{}", run.stdout);
    assert!(!run.stdout.contains("Mức độ"), "{}", run.stdout);
}
