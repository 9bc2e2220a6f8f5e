//! `demo`: the whole sample campaign in one command, deterministic from its seed.

use crate::harness::{Book, Sandbox};
use serde_json::Value;

const UNITS: &str = "30";

fn demo(sb: &Sandbox, dir: &str) {
    sb.run(&["demo", "-o", dir, "--units", UNITS])
        .expect_code(0);
}

fn statuses(sb: &Sandbox, dir: &str) -> Vec<(String, String)> {
    let j = sb
        .run(&["check", "--format", "json", dir])
        .expect_code(1)
        .json();
    j["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let name = std::path::Path::new(f["path"].as_str().expect("path"))
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            (name, f["status"].as_str().expect("status").to_string())
        })
        .filter(|(_, s)| s != "ok")
        .collect()
}

#[test]
fn demo_runs_the_whole_campaign() {
    let sb = Sandbox::new();
    demo(&sb, "d");
    let roster = std::fs::read_to_string(sb.join("d/danh-sach-don-vi.csv")).expect("roster");
    assert_eq!(roster.lines().count(), 31);
    let forms = sb.list("d/bieu-mau");
    assert_eq!(forms.iter().filter(|f| f.starts_with("AG-")).count(), 30);
    assert!(forms.contains(&"danh-sach-bieu-mau.csv".to_string()));
    // The planted mistakes: units 4, 9, 14 and 19 (one of each kind); only they get feedback files.
    assert_eq!(
        sb.list("d/can-sua"),
        [
            "AG-0004-can-sua.xlsx",
            "AG-0009-can-sua.xlsx",
            "AG-0014-can-sua.xlsx",
            "AG-0019-can-sua.xlsx"
        ]
    );
    assert_eq!(
        statuses(&sb, "d/bao-cao"),
        [
            ("AG-0004.xlsx".to_string(), "error".to_string()),
            ("AG-0009.xlsx".to_string(), "warning".to_string()),
            ("AG-0014.xlsx".to_string(), "error".to_string()),
            ("AG-0019.xlsx".to_string(), "error".to_string()),
        ]
    );
    // The ward's summary went up with the direct returns, and the province summary has the roster sheet.
    assert!(
        sb.list("d/bao-cao")
            .contains(&"tong-hop-phuong-rach-gia.xlsx".to_string())
    );
    let book = Book::open(sb.join("d/tong-hop-tinh.xlsx"));
    let sheets = book.sheet_names();
    assert_eq!(&sheets[..2], ["Tổng hợp", "Tình hình nộp"]);
    // Merging again: the duplicate (AG-0003 sent twice) keeps the later copy; 3 returns with errors are left out.
    let j = sb
        .run(&["merge", "--format", "json", "-o", "again.xlsx", "d/bao-cao"])
        .expect_code(1)
        .json();
    assert_eq!(j["units_excluded"], 3);
    let dup = &j["duplicates"][0];
    assert!(
        dup["kept"]
            .as_str()
            .expect("kept")
            .ends_with("AG-0003-gui-lai.xlsx"),
        "{dup}"
    );
    assert_eq!(j["duplicates"].as_array().expect("dups").len(), 1);
}

#[test]
fn demo_is_deterministic_and_runs_again_into_its_own_folder() {
    let sb = Sandbox::new();
    demo(&sb, "a");
    demo(&sb, "b");
    let totals = |dir: &str| -> Value {
        let j = sb
            .run(&[
                "merge",
                "--format",
                "json",
                "-o",
                &format!("{dir}.xlsx"),
                &format!("{dir}/bao-cao"),
            ])
            .json();
        j["totals"].clone()
    };
    assert_eq!(totals("a"), totals("b"));
    // Into its own folder again: demo replaces its earlier output, without --force.
    sb.run(&["demo", "-o", "a", "--units", UNITS])
        .expect_code(0);
    assert_eq!(sb.list("a/bao-cao"), sb.list("b/bao-cao"));
    assert_eq!(sb.list("a/can-sua"), sb.list("b/can-sua"));
}

/// `demo` does each step with the library functions the command calls, not by re-parsing a command
/// line: what it prints under each `$ sokết …` line is exactly what that command prints (and exits
/// with) when an officer types it.
#[test]
fn each_step_prints_what_its_command_prints() {
    let sb = Sandbox::new();
    let run = sb.run(&["demo", "-o", "d", "--units", UNITS]);
    run.ok();
    let body = run.stdout.split("\nCác tệp đã tạo:").next().expect("steps");
    let steps: Vec<&str> = body.split("\n=== Bước ").skip(1).collect();
    assert_eq!(steps.len(), 9, "{}", run.stdout);
    for step in steps {
        let (_, rest) = step.split_once("\n$ sokết ").expect("command line");
        let (line, printed) = rest.split_once('\n').expect("output");
        let (printed, marker) = printed.rsplit_once("(xong").expect("end of step");
        let code = if marker.starts_with(')') { 0 } else { 1 };
        let mut args: Vec<&str> = line.split(' ').collect();
        if args[0] != "status" && !args.contains(&"--force") {
            args.push("--force");
        }
        let again = sb.run(&args);
        again.expect_code(code);
        assert_eq!(again.stdout, printed, "$ sokết {line}");
    }
}
