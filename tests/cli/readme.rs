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

/// Long options of `soket <cmd> --help` (the first `--name` of each option line), without --help;
/// for a command with subcommands (`select survey|awards`), the options of each subcommand.
fn options(sb: &Sandbox, cmd: &str) -> Vec<String> {
    let run = sb.run(&[cmd, "--help"]);
    run.ok();
    let subs: Vec<String> = run
        .stdout
        .lines()
        .skip_while(|l| l.trim_end() != "Lệnh:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    let mut texts = vec![run.stdout.clone()];
    for sub in subs {
        let r = sb.run(&[cmd, &sub, "--help"]);
        r.ok();
        texts.push(r.stdout.clone());
    }
    let mut out: Vec<String> = texts
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| l.trim_start().starts_with('-'))
        .filter_map(|l| long_options(l).into_iter().next())
        .filter(|o| o != "--help")
        .collect();
    out.sort();
    out.dedup();
    out
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

/// A sample output of the README: the fenced block after `<!-- sample: [VAR=value…] ARGS -->`.
struct Sample {
    env: Vec<(String, String)>,
    args: Vec<String>,
    json: bool,
    body: String,
    line: usize,
}

fn samples(text: &str) -> Vec<Sample> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(cmd) = l
            .strip_prefix("<!-- sample: ")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            continue;
        };
        let mut env = Vec::new();
        let mut args = Vec::new();
        for w in cmd.split_whitespace() {
            match w.split_once('=') {
                Some((k, v)) if args.is_empty() && k.chars().all(|c| c.is_ascii_uppercase()) => {
                    env.push((k.to_string(), v.to_string()))
                }
                _ => args.push(w.to_string()),
            }
        }
        let fence = lines.get(i + 1).copied().unwrap_or("");
        assert!(
            fence == "```text" || fence == "```json",
            "README line {}: a sample comment is followed by {fence:?}, not a ```text or ```json block",
            i + 1
        );
        let body: Vec<&str> = lines[i + 2..]
            .iter()
            .take_while(|l| **l != "```")
            .copied()
            .collect();
        out.push(Sample {
            env,
            args,
            json: fence == "```json",
            body: body.join("\n"),
            line: i + 1,
        });
    }
    out
}

/// The README's lines against the real ones: equal, except that a line `…` stands for any number of
/// lines. Returns the README line (index) where matching first fails, if it does.
fn elided_mismatch(readme: &[&str], real: &[&str]) -> Option<usize> {
    // ok[i][j]: readme[i..] matches real[j..].
    let (n, m) = (readme.len(), real.len());
    let mut ok = vec![vec![false; m + 1]; n + 1];
    ok[n][m] = true;
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            ok[i][j] = if readme[i] == "…" {
                ok[i + 1][j] || (j < m && ok[i][j + 1])
            } else {
                j < m && readme[i] == real[j] && ok[i + 1][j + 1]
            };
        }
    }
    if ok[0][0] {
        return None;
    }
    // The first README line that no path reaches while still matching.
    let mut reach = vec![false; m + 1];
    reach[0] = true;
    for (i, r) in readme.iter().enumerate() {
        let mut next = vec![false; m + 1];
        for j in 0..=m {
            if !reach[j] {
                continue;
            }
            if *r == "…" {
                for k in next.iter_mut().skip(j) {
                    *k = true;
                }
            } else if j < m && *r == real[j] {
                next[j + 1] = true;
            }
        }
        if !next.iter().any(|&x| x) {
            return Some(i);
        }
        reach = next;
    }
    Some(n.saturating_sub(1))
}

/// Every value the README example shows is the real one; objects may leave keys out and arrays
/// elements (the shown ones come in the real order).
fn shown_values_are_real(example: &Value, real: &Value, path: &str, errs: &mut Vec<String>) {
    match (example, real) {
        (Value::Object(e), Value::Object(r)) => {
            for (k, v) in e {
                match r.get(k) {
                    Some(rv) => shown_values_are_real(v, rv, &format!("{path}.{k}"), errs),
                    None => errs.push(format!("{path}: no key {k:?} in the output")),
                }
            }
        }
        (Value::Array(e), Value::Array(r)) => {
            let mut from = 0;
            for (n, ev) in e.iter().enumerate() {
                let found = (from..r.len()).find(|&j| {
                    let mut sub = Vec::new();
                    shown_values_are_real(ev, &r[j], "", &mut sub);
                    sub.is_empty()
                });
                match found {
                    Some(j) => from = j + 1,
                    None => errs.push(format!(
                        "{path}[{n}]: {ev} is not in the output (in this order)"
                    )),
                }
            }
        }
        (Value::Number(e), Value::Number(r)) if e.as_f64() == r.as_f64() => {}
        (e, r) if e == r => {}
        (e, r) => errs.push(format!("{path}: README shows {e}, the program prints {r}")),
    }
}

#[test]
fn readme_sample_outputs_are_what_the_program_prints() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "demo"]).ok();
    // What the text around the samples adds to the demo folder.
    for f in ["AG-0004.xlsx", "AG-0024.xlsx"] {
        std::fs::create_dir_all(sb.join("demo/nhan-ve")).expect("folder");
        std::fs::copy(
            sb.join(format!("demo/bao-cao/{f}")),
            sb.join(format!("demo/nhan-ve/{f}")),
        )
        .expect("copy return");
    }
    sb.copy_fixture("hostile/password.xlsx", "demo/nhan-ve/mat-khau.xlsx");
    sb.write("demo/nhan-ve/ghi-chu.txt", "ghi chú");
    sb.run_env(&["template", "-o", "khac.xlsx"], &[], "demo")
        .ok();

    let text = readme();
    let all = samples(&text);
    assert!(all.len() >= 6, "README has {} samples", all.len());
    let mut errs = Vec::new();
    for s in &all {
        let args: Vec<&str> = s.args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = s
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let run = sb.run_env(&args, &env, "demo");
        let what = format!("README line {}: `{}`", s.line, s.args.join(" "));
        if run.code == 2 {
            errs.push(format!("{what} could not run:\n{}", run.stderr));
            continue;
        }
        if s.json {
            let example: Value = serde_json::from_str(&s.body)
                .unwrap_or_else(|e| panic!("{what}: the sample is not JSON: {e}"));
            let mut e = Vec::new();
            shown_values_are_real(&example, &run.json(), "", &mut e);
            if !e.is_empty() {
                errs.push(format!(
                    "{what}:\n{}\n--- real output:\n{}",
                    e.join("\n"),
                    run.stdout
                ));
            }
        } else {
            let shown: Vec<&str> = s.body.lines().map(str::trim_end).collect();
            let real: Vec<&str> = run
                .stdout
                .trim_matches('\n')
                .lines()
                .map(str::trim_end)
                .collect();
            if let Some(i) = elided_mismatch(&shown, &real) {
                errs.push(format!(
                    "{what}: the sample's line {} differs ({:?})\n--- real output:\n{}",
                    i + 1,
                    shown.get(i).unwrap_or(&""),
                    run.stdout
                ));
            }
        }
    }
    assert!(errs.is_empty(), "{}", errs.join("\n\n"));
}

#[test]
fn elided_samples_match_line_for_line() {
    let real = ["a", "b", "c", "d"];
    assert_eq!(elided_mismatch(&["a", "b", "c", "d"], &real), None);
    assert_eq!(elided_mismatch(&["…", "c", "d"], &real), None);
    assert_eq!(elided_mismatch(&["a", "…", "d"], &real), None);
    assert_eq!(elided_mismatch(&["a", "…"], &real), None);
    assert_eq!(elided_mismatch(&["a", "c", "…"], &real), Some(1));
    assert_eq!(elided_mismatch(&["a", "…", "x"], &real), Some(2));
    assert_eq!(elided_mismatch(&["a", "b"], &real), Some(1));
}

/// File names ending in `.md` that the README mentions.
fn md_names(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || "._-/".contains(c)))
        .filter(|w| w.ends_with(".md") && w.len() > 3)
        .map(|w| w.rsplit('/').next().unwrap_or(w).to_string())
        .collect()
}

fn repository_files(dir: &std::path::Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("read folder").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "target" || name.starts_with('.') {
            continue;
        }
        if e.file_type().expect("type").is_dir() {
            repository_files(&e.path(), out);
        } else {
            out.insert(name);
        }
    }
}

#[test]
fn readme_points_only_to_documents_in_the_repository() {
    let mut files = BTreeSet::new();
    repository_files(&source_file(""), &mut files);
    let names = md_names(&readme());
    assert!(names.contains("BENCHMARKS.md"), "{names:?}");
    for n in names {
        assert!(
            files.contains(&n),
            "README points to {n}, which is not in the repository"
        );
    }
}

/// The paragraph starting with "**Mã thoát:**" in a command's section, on one line.
fn exit_text(text: &str, cmd: &str) -> String {
    let s = section(text, cmd).expect("section");
    let start = s
        .find("**Mã thoát:**")
        .unwrap_or_else(|| panic!("{cmd}: no exit codes"));
    let para = s[start..].split("\n\n").next().expect("paragraph");
    para.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn readme_says_what_a_path_that_does_not_exist_gives() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "d", "--units", "10"]).ok();
    let gone = "khong-co";
    let runs = [
        sb.run(&["check", "-q", "d/bao-cao/AG-0001.xlsx", gone]),
        sb.run(&[
            "merge",
            "-q",
            "-o",
            "t.xlsx",
            "d/bao-cao/AG-0001.xlsx",
            gone,
        ]),
        sb.run(&[
            "status",
            "-q",
            "--roster",
            "d/danh-sach-don-vi.csv",
            "--as-of",
            "2026-05-10",
            "d/bao-cao",
            gone,
        ]),
    ];
    for r in &runs {
        r.expect_code(1);
        assert!(r.stdout.contains(&format!("□ {gone} — ")), "{}", r.stdout);
    }
    let text = readme();
    for cmd in ["check", "merge", "status"] {
        let t = exit_text(&text, cmd);
        let one = t
            .split_once(" 1 ")
            .and_then(|(_, r)| r.split_once(" 2 nếu "))
            .map(|(one, _)| one)
            .unwrap_or_else(|| panic!("{cmd}: {t}"));
        assert!(
            one.contains("một đường dẫn ghi trên dòng lệnh không có"),
            "{cmd}: exit code 1 does not say a missing path gives it: {t}"
        );
        assert!(!t.contains("thiếu đường dẫn"), "{cmd}: {t}");
    }
    let table = text
        .split("\n## Mã thoát\n")
        .nth(1)
        .expect("exit code section");
    let row = table
        .lines()
        .find(|l| l.starts_with("| 1 "))
        .expect("row of exit code 1");
    assert!(
        row.contains("đường dẫn đầu vào ghi trên dòng lệnh không có"),
        "{row}"
    );
}

#[test]
fn readme_demo_section_says_the_day_the_demo_looks_from() {
    let sb = Sandbox::new();
    let run = sb.run(&["demo", "-o", "d", "--units", "10"]);
    run.ok();
    let status = run
        .stdout
        .lines()
        .find(|l| l.starts_with("$ sokết status "))
        .expect("the status step");
    let day = status
        .split_once("--as-of ")
        .and_then(|(_, r)| r.split_whitespace().next())
        .expect("--as-of");
    let merge = run
        .stdout
        .lines()
        .rfind(|l| l.starts_with("$ sokết merge "))
        .expect("the merge step");
    assert!(merge.contains(&format!("--as-of {day}")), "{merge}");
    let text = readme();
    let demo = section(&text, "demo").expect("demo section");
    let flat = demo.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("`status --as-of {day}`")), "{flat}");
    assert!(
        flat.contains(&format!("`merge --roster --as-of {day}`")),
        "{flat}"
    );
}

#[test]
fn install_is_locked_and_the_release_binary_is_stripped() {
    let text = readme();
    assert!(text.contains("\ncargo install --locked --path .\n"));
    assert!(!text.contains("cargo install --path"));
    let cargo: toml::Table = std::fs::read_to_string(source_file("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("TOML");
    let profile = &cargo["profile"];
    let release = &profile["release"];
    assert_eq!(release.get("strip"), Some(&toml::Value::Boolean(true)));
    assert!(
        matches!(
            release.get("debug"),
            None | Some(toml::Value::Boolean(false)) | Some(toml::Value::Integer(0))
        ),
        "{release:?}"
    );
    let profiling = &profile["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"], toml::Value::Boolean(true));
}
