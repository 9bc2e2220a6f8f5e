//! Peer checks on returns generated in memory by the demo's sample data: exact findings for planted
//! slips, none for plausible returns, groups too small, units with errors, a return alone.

use super::words::shown;
use super::*;
use crate::check::inspect::{UnitResult, name_of};
use crate::demo::values::{good, units};
use crate::outline::Role;
use crate::rng::Rng;

/// n plausible units as check would hold them: values from the sample data, the cells of the form.
fn sample(o: &Outline, n: usize, seed: u64) -> Vec<UnitResult> {
    let (_, who) = units(n);
    let lay = crate::workbook::layout::layout(o);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 25).expect("date");
    who.iter()
        .enumerate()
        .map(|(i, w)| {
            let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
            let values = good(o, w, &mut rng, date);
            let at = o
                .peers
                .iter()
                .flat_map(|c| c.keys())
                .filter_map(|k| {
                    let (r, c) = lay.cell_of(o.field_index(k)?)?;
                    let a1 = crate::read::refs::a1(r, c as u32);
                    Some((k.to_string(), format!("{}!{a1}", crate::form::FORM_SHEET)))
                })
                .collect();
            UnitResult {
                name: name_of(o, &values),
                values,
                issues: Vec::new(),
                origin: None,
                prior_status: None,
                cells: None,
                at,
            }
        })
        .collect()
}

fn run(o: &Outline, units: &mut [UnitResult]) -> Option<String> {
    let mut refs: Vec<&mut UnitResult> = units.iter_mut().collect();
    apply(o, &mut refs)
}

/// (unit index, finding) of every peer finding.
fn found(units: &[UnitResult]) -> Vec<(usize, Issue)> {
    units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| {
            u.issues
                .iter()
                .filter(|is| is.rule.starts_with(RULE_PREFIX))
                .map(move |is| (i, is.clone()))
        })
        .collect()
}

fn num(u: &UnitResult, k: &str) -> f64 {
    u.values.get(k).and_then(Value::as_number).expect(k)
}

fn figure(c: &PeerCheck, u: &UnitResult) -> f64 {
    let n = num(u, &c.numerator);
    c.denominator.as_deref().map_or(n, |d| n / num(u, d))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn unit_type(o: &Outline, u: &UnitResult) -> String {
    let k = o.role_key(Role::UnitType).expect("type");
    u.values[k].as_text().expect("type").to_string()
}

/// The unit whose figure is nearest the median of all: a typical unit, where a slip shows.
fn typical(c: &PeerCheck, units: &[UnitResult]) -> usize {
    let m = median(units.iter().map(|u| figure(c, u)).collect());
    (0..units.len())
        .min_by(|&a, &b| {
            let d = |i: usize| (figure(c, &units[i]) - m).abs();
            d(a).total_cmp(&d(b))
        })
        .expect("units")
}

/// The slips planted for a check: the field typed wrong and what it was multiplied by. A percent
/// cannot be ten times too big (over 100% is an error of the field itself): it is typed too small.
fn slips(c: &PeerCheck) -> (String, Vec<f64>) {
    match c.id.as_str() {
        "members_per_worker" => (c.denominator.clone().expect("den"), vec![10.0, 1000.0]),
        "propaganda_share" => (c.numerator.clone(), vec![0.1, 0.01]),
        "dues_per_member" => (c.numerator.clone(), vec![10.0, 1000.0, 0.001]),
        _ => (c.numerator.clone(), vec![10.0, 1000.0]),
    }
}

#[test]
fn plausible_returns_give_no_peer_finding() {
    let o = Outline::embedded();
    for seed in 1..=5 {
        let mut units = sample(&o, 40, seed);
        let note = run(&o, &mut units);
        assert_eq!(found(&units), vec![], "seed {seed}");
        assert_eq!(note, None, "40 units: every figure is compared");
    }
}

#[test]
fn every_declared_check_flags_a_planted_slip_on_the_right_unit_and_cells() {
    let o = Outline::embedded();
    let ids: Vec<&str> = o.peers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "care_per_person",
            "dues_per_member",
            "spending_per_member",
            "study_per_member",
            "members_per_worker",
            "propaganda_share"
        ]
    );
    for c in &o.peers {
        let (field, factors) = slips(c);
        for times in factors {
            let mut units = sample(&o, 40, 7);
            let at = typical(c, &units);
            let v = num(&units[at], &field) * times;
            units[at]
                .values
                .insert(crate::record::key(&field), Value::Number(v));
            let kind = unit_type(&o, &units[at]);
            let same: Vec<&UnitResult> =
                units.iter().filter(|u| unit_type(&o, u) == kind).collect();
            let (peers, group) = if same.len() >= c.min_peers {
                (same, c.group_words.as_str())
            } else {
                (units.iter().collect(), "đã báo cáo")
            };
            let n = peers.len();
            let m = median(peers.iter().map(|u| figure(c, u)).collect());
            assert!(run(&o, &mut units).is_none());
            let f = found(&units);
            assert_eq!(f.len(), 1, "{} ×{times}: {f:?}", c.id);
            let (i, issue) = &f[0];
            assert_eq!(*i, at, "{} ×{times}", c.id);
            assert_eq!(issue.rule, format!("peers.{}", c.id));
            assert_eq!(issue.severity, Severity::Warning);
            assert_eq!(issue.field.as_deref(), Some(c.numerator.as_str()));
            let cell = units[at].at[&c.numerator].clone();
            assert_eq!(issue.cell.as_deref(), Some(cell.as_str()));
            let cells = match &c.denominator {
                Some(d) => format!("(ô {cell} và {})", units[at].at[d]),
                None => format!("(ô {cell})"),
            };
            let sep = if c.unit.starts_with('%') { "" } else { " " };
            let expect_median = format!(
                "mức giữa của {n} đơn vị {group} ({}{sep}{})",
                shown(m),
                c.unit
            );
            let msg = &issue.message;
            assert!(msg.starts_with(&c.label), "{msg}");
            assert!(msg.contains(&expect_median), "{msg}\nwants {expect_median}");
            assert!(msg.contains(&cells), "{msg}\nwants {cells}");
            let q = figure(c, &units[at]) / m;
            let how = super::words::comparison(figure(c, &units[at]), m);
            assert!(msg.contains(&how), "{msg}");
            if q > 1.0 {
                assert!(how.starts_with("gấp "), "{how}");
            } else {
                assert!(how.starts_with("chỉ bằng "), "{how}");
            }
        }
    }
}

#[test]
fn the_message_reads_as_the_officer_needs_it() {
    let o = Outline::embedded();
    let c = &o.peers[0];
    let m = words::message(
        c,
        25_000_000.0,
        1_350_000.0,
        24,
        &c.group_words,
        "Báo cáo!C45 và Báo cáo!C44",
    );
    assert_eq!(
        m,
        "Tiền chăm lo bình quân 25.000.000 đồng/người, gấp 19 lần mức giữa của 24 đơn vị cùng loại hình (1.350.000 đồng/người): đề nghị đơn vị kiểm tra lại số tiền hoặc số người được chăm lo (ô Báo cáo!C45 và Báo cáo!C44)."
    );
    let d = &o.peers[1];
    let m = words::message(d, 50_000.0, 1_500_000.0, 12, "đã báo cáo", "");
    assert_eq!(
        m,
        "Đoàn phí thu bình quân 05 năm 50.000 đồng/đoàn viên, chỉ bằng 1/30 mức giữa của 12 đơn vị đã báo cáo (1.500.000 đồng/đoàn viên): đề nghị đơn vị kiểm tra lại tổng thu đoàn phí (ghi bằng đồng) hoặc số đoàn viên."
    );
}

#[test]
fn an_outline_may_word_the_message_itself() {
    let mut o = Outline::embedded();
    o.peers[0].message = "{{ label }}: {{ value_unit }}, {{ comparison }} ({{ peers }} {{ group }}, {{ median_unit }}) — {{ cells }}".into();
    let m = words::message(&o.peers[0], 30.0, 10.0, 9, "đã báo cáo", "A!B1");
    assert_eq!(
        m,
        "Tiền chăm lo bình quân: 30 đồng/người, gấp 3 lần (9 đã báo cáo, 10 đồng/người) — A!B1"
    );
}

/// 40 units, 5 of them of a type of their own; the slip is on one of those 5.
fn small_group(o: &Outline) -> (Vec<UnitResult>, usize) {
    let mut units = sample(o, 40, 3);
    let k = o.role_key(Role::UnitType).expect("type");
    for u in units.iter_mut().take(5) {
        u.values
            .insert(crate::record::key(k), Value::Text("Nhóm nhỏ".into()));
    }
    let at = 2;
    let v = num(&units[at], "dues_total") * 1000.0;
    units[at]
        .values
        .insert(crate::record::key("dues_total"), Value::Number(v));
    (units, at)
}

#[test]
fn a_group_below_the_minimum_falls_back_to_all_units_or_is_skipped_as_declared() {
    let mut o = Outline::embedded();
    let (mut units, at) = small_group(&o);
    assert_eq!(run(&o, &mut units), None);
    let f = found(&units);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, at);
    assert!(
        f[0].1.message.contains("mức giữa của 40 đơn vị đã báo cáo"),
        "{}",
        f[0].1.message
    );

    for c in &mut o.peers {
        c.fallback = Fallback::Skip;
    }
    let (mut units, _) = small_group(&o);
    let note = run(&o, &mut units);
    assert_eq!(found(&units), vec![]);
    let note = note.expect("the run says why once");
    assert!(
        note.starts_with(
            "Một số đơn vị chưa được so sánh số liệu với đơn vị khác vì nhóm so sánh có dưới 8 đơn vị: Tiền chăm lo bình quân ("
        ),
        "{note}"
    );
    assert!(note.contains("Đoàn phí thu bình quân 05 năm ("), "{note}");
}

#[test]
fn a_return_alone_gets_no_finding_and_one_note() {
    let o = Outline::embedded();
    let mut units = sample(&o, 1, 1);
    let v = num(&units[0], "dues_total") * 1000.0;
    units[0]
        .values
        .insert(crate::record::key("dues_total"), Value::Number(v));
    let note = run(&o, &mut units);
    assert_eq!(found(&units), vec![]);
    assert_eq!(
        note.as_deref(),
        Some(
            "Chưa so sánh số liệu giữa các đơn vị: lần này chỉ có 1 đơn vị có số liệu để so, cần ít nhất 8 đơn vị."
        )
    );
}

#[test]
fn a_unit_with_an_error_in_a_field_of_the_ratio_is_left_out() {
    let o = Outline::embedded();
    let mut units = sample(&o, 40, 2);
    let at = typical(&o.peers[1], &units);
    let v = num(&units[at], "dues_total") * 1000.0;
    units[at]
        .values
        .insert(crate::record::key("dues_total"), Value::Number(v));
    units[at].issues.push(Issue {
        severity: Severity::Error,
        rule: "members_delta_now_start".into(),
        field: Some("members_now".into()),
        cell: None,
        value: None,
        message: String::new(),
    });
    run(&o, &mut units);
    assert_eq!(found(&units), vec![]);
}
