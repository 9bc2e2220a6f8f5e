//! README.md against the program: every command and option documented, no option invented, and the
//! JSON examples of check, merge and status shaped like what the program prints on a demo campaign.

use crate::harness::{Sandbox, source_file};
use serde_json::Value;
use std::collections::BTreeSet;

fn readme() -> String {
    std::fs::read_to_string(source_file("README.md")).expect("README.md")
}

/// Subcommand names listed under "Lệnh:" in `soket --help`.
fn commands(sb: &Sandbox) -> Vec<String> {
    let run = sb.run(&["--help"]);
    run.ok();
    let names: Vec<String> = run
        .stdout
        .lines()
        .skip_while(|l| l.trim_end() != "Lệnh:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(!names.is_empty(), "no commands in --help:\n{}", run.stdout);
    names
}

/// Long options of `soket <cmd> --help` (the first `--name` of each option line), without --help.
fn options(sb: &Sandbox, cmd: &str) -> Vec<String> {
    let run = sb.run(&[cmd, "--help"]);
    run.ok();
    run.stdout
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .filter_map(|l| long_options(l).into_iter().next())
        .filter(|o| o != "--help")
        .collect()
}

/// Every `--name` token of a text: a word of its own (not inside a link anchor such as
/// `#sokết-demo--chạy-thử`), a letter right after the dashes.
fn long_options(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(i) = rest.find("--") {
        let prev = rest[..i].chars().next_back().or(before);
        let tail = &rest[i + 2..];
        let name: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let next = tail[name.len()..].chars().next();
        if name.starts_with(|c: char| c.is_ascii_lowercase())
            && !prev.is_some_and(char::is_alphanumeric)
            && !next.is_some_and(char::is_alphanumeric)
        {
            out.push(format!("--{name}"));
        }
        before = name.chars().next_back().or(Some('-'));
        rest = &tail[name.len()..];
    }
    out
}

/// The section of README under "### `sokết <cmd>`", up to the next `##` or `###` heading.
fn section<'a>(readme: &'a str, cmd: &str) -> Option<&'a str> {
    let heading = format!("### `sokết {cmd}`");
    let start = readme
        .match_indices(&heading)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || readme[..i].ends_with('\n'))?;
    let body = &readme[start + heading.len()..];
    let end = body
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| body[i..].starts_with("## ") || body[i..].starts_with("### "))
        .unwrap_or(body.len());
    Some(&readme[start..start + heading.len() + end])
}

/// The first ```json block of a text, parsed.
fn json_example(text: &str, what: &str) -> Value {
    let body = text
        .split_once("```json\n")
        .and_then(|(_, r)| r.split_once("\n```"))
        .map(|(b, _)| b)
        .unwrap_or_else(|| panic!("README: no ```json block for {what}"));
    serde_json::from_str(body).unwrap_or_else(|e| panic!("README: {what} example is not JSON: {e}"))
}

#[test]
fn readme_documents_every_command_and_each_of_its_options() {
    let sb = Sandbox::new();
    let text = readme();
    for cmd in commands(&sb) {
        let s = section(&text, &cmd)
            .unwrap_or_else(|| panic!("README has no “### `sokết {cmd}`” section"));
        for opt in options(&sb, &cmd) {
            assert!(
                long_options(s).contains(&opt),
                "README section of `sokết {cmd}` does not mention {opt}"
            );
        }
    }
}

#[test]
fn readme_mentions_no_option_the_program_lacks() {
    let sb = Sandbox::new();
    let mut known: BTreeSet<String> = ["--help", "--version"].map(String::from).into();
    for cmd in commands(&sb) {
        known.extend(options(&sb, &cmd));
    }
    let text = readme();
    let user_part = text
        .split("\n## For developers")
        .next()
        .expect("README text");
    // Lines that run cargo (build and test commands) carry cargo's options, not the program's.
    for line in user_part.lines().filter(|l| !l.contains("cargo ")) {
        for opt in long_options(line) {
            assert!(
                known.contains(&opt),
                "README mentions {opt}, which no command has: {line}"
            );
        }
    }
}

/// Objects whose keys are data (field keys, group labels) rather than a fixed set.
struct Maps<'a> {
    /// The example's keys must be in the output, each compared with the same key.
    by_key: &'a [&'a str],
    /// Only some entries appear, depending on the data: each example entry is compared with every
    /// real entry (the labels are checked on their own).
    any_key: &'a [&'a str],
}

const NO_MAPS: Maps = Maps {
    by_key: &[],
    any_key: &[],
};
const MERGE_MAPS: Maps = Maps {
    by_key: &["totals", "by_type", "by_parent", "by_type.*", "by_parent.*"],
    any_key: &[],
};
const STATUS_MAPS: Maps = Maps {
    by_key: &[],
    any_key: &["by_parent", "by_type"],
};

/// Compare the README example with real output: same keys in objects (see [`Maps`] for objects
/// keyed by data), same kind of value (null goes with anything); every example array element
/// against every real one.
fn same_shape(example: &Value, real: &Value, path: &str, maps: &Maps, errs: &mut Vec<String>) {
    let child = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (example, real) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(e), Value::Object(r)) if maps.by_key.contains(&path) => {
            for (k, v) in e {
                match r.get(k) {
                    Some(rv) => same_shape(v, rv, &child("*"), maps, errs),
                    None => errs.push(format!("{path}: README key {k:?} not in the output")),
                }
            }
        }
        (Value::Object(e), Value::Object(r)) if maps.any_key.contains(&path) => {
            for v in e.values() {
                for rv in r.values() {
                    same_shape(v, rv, &child("*"), maps, errs);
                }
            }
        }
        (Value::Object(e), Value::Object(r)) => {
            let ek: BTreeSet<&String> = e.keys().collect();
            let rk: BTreeSet<&String> = r.keys().collect();
            if ek != rk {
                errs.push(format!("{path}: README keys {ek:?}, program keys {rk:?}"));
            }
            for k in ek.intersection(&rk) {
                same_shape(&e[k.as_str()], &r[k.as_str()], &child(k), maps, errs);
            }
        }
        (Value::Array(e), Value::Array(r)) => {
            for ev in e {
                for rv in r {
                    same_shape(ev, rv, &format!("{path}[]"), maps, errs);
                }
            }
        }
        (Value::Number(_), Value::Number(_))
        | (Value::String(_), Value::String(_))
        | (Value::Bool(_), Value::Bool(_)) => {}
        (e, r) => errs.push(format!("{path}: README has {e}, program prints {r}")),
    }
}

#[track_caller]
fn assert_shape(example: &Value, real: &Value, maps: &Maps, what: &str) {
    let mut errs = Vec::new();
    same_shape(example, real, "", maps, &mut errs);
    errs.dedup();
    assert!(
        errs.is_empty(),
        "README {what} example differs from the program:\n{}",
        errs.join("\n")
    );
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn readme_json_examples_have_the_shape_of_the_real_output() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "d", "--units", "10"]).ok();
    let text = readme();
    let roster = "d/danh-sach-don-vi.csv";

    let check_doc = section(&text, "check").expect("check section");
    let run = sb.run(&["check", "-q", "--format", "json", "d/bao-cao"]);
    run.expect_code(1);
    let check = run.json();
    assert_shape(&json_example(check_doc, "check"), &check, &NO_MAPS, "check");

    let merge_doc = section(&text, "merge").expect("merge section");
    let run = sb.run(&[
        "merge",
        "-q",
        "--format",
        "json",
        "-o",
        "t.xlsx",
        "d/bao-cao",
    ]);
    run.expect_code(1);
    let mut merge = run.json();
    // Merge lists every option of the lists of the outline as a group: the labels the status
    // example may use.
    let labels = [keys(&merge["by_type"]), keys(&merge["by_parent"])];
    // A group has no weighted mean when none of its units reported one; its figures are computed
    // like the totals, so a README group entry is compared with the totals (every key).
    let totals = merge["totals"].clone();
    for g in ["by_type", "by_parent"] {
        for v in merge[g].as_object_mut().expect("groups").values_mut() {
            *v = totals.clone();
        }
    }
    assert_shape(
        &json_example(merge_doc, "merge"),
        &merge,
        &MERGE_MAPS,
        "merge",
    );

    let status_doc = section(&text, "status").expect("status section");
    let status_example = json_example(status_doc, "status");
    for (g, known) in ["by_type", "by_parent"].iter().zip(&labels) {
        let unknown: Vec<String> = keys(&status_example[g])
            .difference(known)
            .cloned()
            .collect();
        assert!(
            unknown.is_empty(),
            "README status example: {g} labels {unknown:?} are not options"
        );
    }
    let mut seen = BTreeSet::new();
    for day in ["2026-04-20", "2026-05-10"] {
        let run = sb.run(&[
            "status",
            "-q",
            "--format",
            "json",
            "--roster",
            roster,
            "--as-of",
            day,
            "d/bao-cao",
        ]);
        run.expect_code(1);
        let status = run.json();
        assert_shape(&status_example, &status, &STATUS_MAPS, "status");
        for u in status["units"].as_array().expect("units") {
            seen.insert((u["status"].to_string(), u["status_label"].to_string()));
        }
    }
    // Every status the program gave is documented with its label; the demo plants each kind.
    for (code, label) in &seen {
        let (code, label) = (code.trim_matches('"'), label.trim_matches('"'));
        assert!(
            status_doc.contains(&format!("`{code}`")) && status_doc.contains(label),
            "README status section lacks `{code}` / {label}"
        );
    }
    let codes: BTreeSet<&str> = seen.iter().map(|(c, _)| c.trim_matches('"')).collect();
    let planted: BTreeSet<&str> = [
        "on_time",
        "late",
        "missing",
        "not_due",
        "error",
        "duplicate",
    ]
    .into();
    assert_eq!(
        codes, planted,
        "the demo (10 units, default seed) no longer shows every status: pick --units/--seed that does"
    );

    // The "roster" part of check and merge is the status document.
    let run = sb.run(&[
        "check",
        "-q",
        "--format",
        "json",
        "--roster",
        roster,
        "d/bao-cao",
    ]);
    run.expect_code(1);
    assert_shape(
        &status_example,
        &run.json()["roster"],
        &STATUS_MAPS,
        "check roster",
    );
    let run = sb.run(&[
        "merge",
        "-q",
        "--format",
        "json",
        "--roster",
        roster,
        "-o",
        "r.xlsx",
        "d/bao-cao",
    ]);
    run.expect_code(1);
    assert_shape(
        &status_example,
        &run.json()["roster"],
        &STATUS_MAPS,
        "merge roster",
    );

    // Every rule value the program gave is listed in the check section.
    for f in check["files"].as_array().expect("files") {
        for i in f["issues"].as_array().expect("issues") {
            let rule = i["rule"].as_str().expect("rule");
            assert!(
                check_doc.contains(&format!("`{rule}`")),
                "README check section does not list rule `{rule}`"
            );
        }
    }
}
