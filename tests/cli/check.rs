//! `soket check`: returns made by LibreOffice and by the library, every rule and every messy input,
//! the report (JSON and table), exit codes and feedback files.
//!
//! Programmatic returns are the form built by `soket::form::build` with a unit's values filled in,
//! exactly what a unit sends back; [`Unit`] starts from a clean unit that gives no issue at all.

mod feedback;
mod files;
mod lo;
mod rules;
mod values;

use crate::harness::{Run, Sandbox};
use soket::form::{FormOptions, build};
use soket::outline::Outline;
use soket::record::{Value, Values};
use std::path::PathBuf;

/// One issue as `(severity, rule, field, cell, value)`; absent parts are "".
pub type Row = (String, String, String, String, String);

/// A unit's values, starting from the clean unit.
#[derive(Clone)]
pub struct Unit {
    pub values: Values,
}

pub fn num(n: f64) -> Value {
    Value::Number(n)
}

pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

impl Unit {
    /// A unit with every required field filled and every rule satisfied: no issue at all.
    pub fn clean() -> Unit {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 25).expect("date");
        let mut v = Values::new();
        for (k, t) in [
            ("union_name", "CĐCS Công ty TNHH Thủy sản Minh An"),
            ("report_number", "12"),
            ("unit_code", "RG-001"),
            ("parent_union", "Công đoàn phường Rạch Giá"),
            ("unit_name", "Công ty TNHH Thủy sản Minh An"),
            ("unit_type", "Doanh nghiệp ngoài nhà nước"),
            ("advantages", "Được lãnh đạo công ty quan tâm."),
            ("difficulties", "Công nhân làm ca, khó tập trung."),
            ("propaganda_truc_tiep", "Có"),
            ("propaganda_nhom_zalo", "Có"),
            ("finance_disclosure", "Có"),
            ("violations", "Không"),
            ("is_merged", "Không"),
            ("signer_position", "CHỦ TỊCH"),
            ("signer_name", "Nguyễn Văn An"),
            ("model_01_name", "Tổ tự quản"),
            ("model_01_spread", "Có"),
        ] {
            v.insert(k, text(t));
        }
        for (k, n) in [
            ("workers_total", 150.0),
            ("members_total", 120.0),
            ("sub_unions", 3.0),
            ("docs_issued", 6.0),
            ("study_sessions", 4.0),
            ("study_participants", 300.0),
            ("propaganda_rate", 85.0),
            ("inspections", 2.0),
            ("proposals", 5.0),
            ("proposals_resolved", 4.0),
            ("cba_count", 1.0),
            ("care_people", 50.0),
            ("care_amount", 25_000_000.0),
            ("members_start", 100.0),
            ("members_now", 120.0),
            ("members_delta", 20.0),
            ("members_admitted", 30.0),
            ("members_lost", 10.0),
            ("subunions_consolidated", 2.0),
            ("officers_consolidated", 3.0),
            ("officer_trainings", 8.0),
            ("emulation_movements", 3.0),
            ("commended", 12.0),
            ("models_replicated", 1.0),
            ("dues_total", 72_000_000.0),
            ("collection_rate", 98.0),
            ("spending_total", 60_000_000.0),
        ] {
            v.insert(k, num(n));
        }
        v.insert("report_date", Value::Date(date));
        Unit { values: v }
    }

    /// Set (or replace) values. A percent given as `num(85.0)` is written as 0.85 in its
    /// percent-formatted cell; `num(8500.0)` puts the raw number 85 there.
    pub fn with(mut self, values: &[(&str, Value)]) -> Unit {
        for (k, v) in values {
            self.values.insert(soket::record::key(k), v.clone());
        }
        self
    }

    /// Leave these inputs empty.
    pub fn without(mut self, keys: &[&str]) -> Unit {
        for k in keys {
            self.values.remove(k);
        }
        self
    }

    /// The return workbook as a unit sends it back.
    pub fn bytes(&self) -> Vec<u8> {
        self.bytes_with(&Outline::embedded())
    }

    /// The return built from another outline (another campaign, older version, extra rows).
    pub fn bytes_with(&self, o: &Outline) -> Vec<u8> {
        let opts = FormOptions {
            values: self.values.clone(),
            ..FormOptions::default()
        };
        build(o, &opts).expect("build the return")
    }

    /// Write the return into the sandbox.
    pub fn write(&self, sb: &Sandbox, rel: &str) -> PathBuf {
        sb.write(rel, self.bytes())
    }
}

/// The embedded outline's TOML with one text replaced (must occur).
pub fn outline_with(from: &str, to: &str) -> Outline {
    let toml = std::fs::read_to_string(crate::harness::source_file(
        "templates/so-ket-02-ctr-bch.toml",
    ))
    .expect("outline source");
    assert!(toml.contains(from), "outline has no {from:?}");
    Outline::parse(&toml.replacen(from, to, 1), "test").expect("changed outline parses")
}

/// `soket check --format json ARGS…` with its exit code checked, parsed.
#[track_caller]
pub fn check_json(sb: &Sandbox, args: &[&str], code: i32) -> serde_json::Value {
    let mut all = vec!["check", "--format", "json", "--quiet"];
    all.extend_from_slice(args);
    let run = sb.run(&all);
    run.expect_code(code);
    run.json()
}

/// Plain `soket check ARGS…` (table output).
pub fn check_table(sb: &Sandbox, args: &[&str]) -> Run {
    let mut all = vec!["check", "--quiet"];
    all.extend_from_slice(args);
    sb.run(&all)
}

/// The report of one file, found by the end of its path.
#[track_caller]
pub fn file<'a>(doc: &'a serde_json::Value, path_end: &str) -> &'a serde_json::Value {
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(path_end)))
        .unwrap_or_else(|| panic!("no file ending {path_end} in {doc:#}"))
}

fn s(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// The issues of a file as rows, in report order.
pub fn rows(f: &serde_json::Value) -> Vec<Row> {
    f["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| {
            (
                s(&i["severity"]),
                s(&i["rule"]),
                s(&i["field"]),
                s(&i["cell"]),
                s(&i["value"]),
            )
        })
        .collect()
}

/// Expected rows from string tuples.
pub fn expect(rows: &[(&str, &str, &str, &str, &str)]) -> Vec<Row> {
    rows.iter()
        .map(|(a, b, c, d, e)| {
            (
                a.to_string(),
                b.to_string(),
                c.to_string(),
                d.to_string(),
                e.to_string(),
            )
        })
        .collect()
}

/// Assert a file's status and its exact issues.
#[track_caller]
pub fn assert_issues(
    doc: &serde_json::Value,
    path_end: &str,
    status: &str,
    want: &[(&str, &str, &str, &str, &str)],
) {
    let f = file(doc, path_end);
    assert_eq!(
        rows(f),
        expect(want),
        "issues of {path_end}:\n{:#}",
        f["issues"]
    );
    assert_eq!(f["status"], status, "status of {path_end}");
}

/// The message of the issue `rule` on `field` (field "" for file-level issues).
#[track_caller]
pub fn message(doc: &serde_json::Value, path_end: &str, rule: &str, field: &str) -> String {
    let f = file(doc, path_end);
    f["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .find(|i| i["rule"] == rule && s(&i["field"]) == field)
        .map(|i| s(&i["message"]))
        .unwrap_or_else(|| panic!("no {rule} on {field:?} in {path_end}: {:#}", f["issues"]))
}

/// Assert that a message contains every piece.
#[track_caller]
pub fn assert_says(message: &str, pieces: &[&str]) {
    for p in pieces {
        assert!(message.contains(p), "message lacks {p:?}: {message}");
    }
}
