//! The guarantees, each tested: no return exhausts memory (the bombs are refused by a process capped
//! at 512 MiB of address space, next to a good return that is still read), outputs are atomic (a
//! `template -o` or `check --feedback` killed at any moment leaves the earlier file whole), and no
//! broken workbook makes the command panic.

use super::corpus::{expected_unreadable, sandbox_with_corpus};
use super::mutate::mutants;
use crate::harness::{BIN, Run, Sandbox, sha256};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Files that, unguarded, make calamine allocate gigabytes, loop or abort (measured in the report).
const BOMBS: [&str; 15] = [
    "bomb-honest.xlsx",
    "bomb-lying.xlsx",
    "billion-laughs.xlsx",
    "far-cell.xlsx",
    "far-cell.xls",
    "repeat-bomb.ods",
    "space-bomb.ods",
    "shared-string-bomb.xlsx",
    "cfb-loop.xls",
    "dimension-reversed.xls",
    "sst-count-bomb.xlsx",
    "ods-unterminated-table.ods",
    "ods-unterminated-note.ods",
    "ods-open-cell.ods",
    "ods-runaway-cell.ods",
];

/// Run `soket ARGS…` in `dir` with its address space capped (`ulimit -v`, KiB) and two threads; a
/// CPU-time cap turns a hang into a failure instead of a test that never ends.
#[cfg(unix)]
fn run_capped(dir: &Path, kib: u64, args: &[&str]) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kib} && ulimit -t 120 && exec \"$0\" \"$@\""
        ))
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", "2")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run sh");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn bombs_are_refused_in_bounded_memory_and_stop_nothing() {
    let sb = Sandbox::new();
    let mut args = vec!["check", "--quiet", "--format", "json", "good.xlsx"];
    for b in BOMBS {
        sb.copy_fixture(&format!("hostile/{b}"), b);
        args.push(b);
    }
    sb.copy_fixture("hostile/good.xlsx", "good.xlsx");
    let hashes: Vec<String> = BOMBS.iter().map(|b| sha256(sb.join(b))).collect();
    let run = run_capped(sb.path(), 512 * 1024, &args);
    run.expect_code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let doc = run.json();
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), BOMBS.len() + 1);
    for f in files {
        let want = if f["path"] == "good.xlsx" {
            "ok"
        } else {
            "unreadable"
        };
        assert_eq!(f["status"], want, "{f:#}");
    }
    let after: Vec<String> = BOMBS.iter().map(|b| sha256(sb.join(b))).collect();
    assert_eq!(hashes, after);
}

/// `check --feedback` over the whole corpus: feedback files are written for the returns with
/// findings, none for unreadable ones, and no input changes.
#[test]
fn feedback_over_the_corpus_writes_only_outputs() {
    let (sb, before) = sandbox_with_corpus();
    let run = sb.run(&["check", "--quiet", "--feedback", "can-sua", "bao-cao"]);
    run.expect_code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for (n, h) in &before {
        assert_eq!(
            &sha256(sb.join(format!("bao-cao/{n}"))),
            h,
            "{n} was modified"
        );
    }
    let written = sb.list("can-sua");
    assert!(
        written.contains(&"negative-can-sua.xlsx".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"formula-errors-can-sua.xlsx".to_string()),
        "{written:?}"
    );
    assert!(
        !written
            .iter()
            .any(|w| w.starts_with("far-cell") || w.starts_with("bomb"))
    );
    assert!(
        !written.iter().any(|w| w.starts_with(".soket-")),
        "{written:?}"
    );
}

/// How long one full run of `soket ARGS…` takes here (to spread the kills over it).
fn full_run(dir: &Path, args: &[&str]) -> Duration {
    let t = std::time::Instant::now();
    let st = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(st.code().is_some_and(|c| c <= 1), "{args:?}: {st}");
    t.elapsed()
}

/// Kill delays from 0 to a bit past one full run: the first runs die early, the last ones finish.
fn delays(full: Duration) -> impl Iterator<Item = Duration> {
    (0..10u32).map(move |i| full * i / 8)
}

/// `merge --include-errors` over the whole corpus: the summary is written from the readable
/// returns, every unreadable one is counted, no input changes.
#[test]
fn merge_over_the_corpus_is_written_and_changes_no_input() {
    let (sb, before) = sandbox_with_corpus();
    let unreadable = expected_unreadable();
    let out = "tong-hop.xlsx";
    {
        let run = sb.run(&[
            "merge",
            "--quiet",
            "--include-errors",
            "--format",
            "json",
            "-o",
            out,
            "bao-cao",
        ]);
        run.expect_code(1);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let doc = run.json();
        assert_eq!(
            doc["files_unreadable"].as_u64(),
            Some(unreadable),
            "{doc:#}"
        );
        assert!(
            doc["units_merged"].as_u64().is_some_and(|n| n >= 1),
            "{doc:#}"
        );
        assert!(sb.join(out).exists());
        let mut book = crate::harness::Book::open(sb.join(out));
        assert!(!book.sheet("Chi tiết").strings().is_empty());
    }
    for (n, h) in &before {
        assert_eq!(
            &sha256(sb.join(format!("bao-cao/{n}"))),
            h,
            "{n} was modified"
        );
    }
}

/// Kill `soket ARGS…` after `delay` (or let it finish); true when it was killed before exiting.
fn run_killed_after(dir: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let finished = child.try_wait().expect("wait").is_some();
    if !finished {
        child.kill().expect("kill");
    }
    child.wait().expect("reap");
    !finished
}

/// After any kill the output is the earlier file or the complete new one, and nothing else is left
/// in the folder but hidden `.soket-*.tmp` temporaries (which check and merge never read).
fn assert_old_or_new(dir: &Path, name: &str, old: &[u8], new: &[u8], delay: Duration) {
    let now = std::fs::read(dir.join(name)).expect("output still there");
    assert!(
        now == old || now == new,
        "{name} is partial after a kill at {delay:?} ({} bytes)",
        now.len()
    );
    for e in std::fs::read_dir(dir).expect("folder") {
        let n = e.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(
            n == name || (n.starts_with(".soket-") && n.ends_with(".tmp")),
            "stray file {n} after a kill at {delay:?}"
        );
    }
}

#[test]
fn template_output_killed_at_any_moment_leaves_the_earlier_file_whole() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "ref/bieu-mau.xlsx"]).ok();
    let new = std::fs::read(sb.join("ref/bieu-mau.xlsx")).expect("reference");
    let old = b"an earlier form the officer keeps".to_vec();
    let out = sb.join("out");
    std::fs::create_dir(&out).expect("folder");
    let args = ["template", "-o", "bieu-mau.xlsx", "--force"];
    let full = full_run(&out, &args);
    let mut killed = 0;
    for delay in delays(full) {
        std::fs::write(out.join("bieu-mau.xlsx"), &old).expect("earlier file");
        killed += usize::from(run_killed_after(&out, &args, delay));
        assert_old_or_new(&out, "bieu-mau.xlsx", &old, &new, delay);
    }
    eprintln!("template: 10 runs, {killed} killed before the end");
}

#[test]
fn feedback_killed_at_any_moment_leaves_the_earlier_file_whole() {
    let sb = Sandbox::new();
    sb.copy_fixture("hostile/negative.xlsx", "negative.xlsx");
    let input = sha256(sb.join("negative.xlsx"));
    sb.run(&["check", "--quiet", "--feedback", "ref", "negative.xlsx"])
        .expect_code(1);
    let new = std::fs::read(sb.join("ref/negative-can-sua.xlsx")).expect("reference");
    let old = b"the feedback file sent last week".to_vec();
    std::fs::create_dir(sb.join("fb")).expect("folder");
    let args = [
        "check",
        "--quiet",
        "--force",
        "--feedback",
        "fb",
        "negative.xlsx",
    ];
    let full = full_run(sb.path(), &args);
    let mut killed = 0;
    for delay in delays(full) {
        std::fs::write(sb.join("fb/negative-can-sua.xlsx"), &old).expect("earlier file");
        killed += usize::from(run_killed_after(sb.path(), &args, delay));
        assert_old_or_new(&sb.join("fb"), "negative-can-sua.xlsx", &old, &new, delay);
    }
    assert_eq!(sha256(sb.join("negative.xlsx")), input);
    eprintln!("check --feedback: 10 runs, {killed} killed before the end");
}

#[test]
fn merge_killed_at_any_moment_leaves_the_earlier_summary_whole() {
    let sb = Sandbox::new();
    let inputs: Vec<_> = ["good.xlsx", "long-text.xlsx"]
        .iter()
        .map(|f| sb.copy_fixture(&format!("hostile/{f}"), format!("in/{f}")))
        .collect();
    let hashes: Vec<String> = inputs.iter().map(sha256).collect();
    sb.run(&["merge", "--quiet", "-o", "ref/tong-hop.xlsx", "in"])
        .ok();
    let new = std::fs::read(sb.join("ref/tong-hop.xlsx")).expect("reference");
    let old = b"the summary sent to the federation last month".to_vec();
    std::fs::create_dir(sb.join("out")).expect("folder");
    let args = [
        "merge",
        "--quiet",
        "--force",
        "-o",
        "out/tong-hop.xlsx",
        "in",
    ];
    let full = full_run(sb.path(), &args);
    let mut killed = 0;
    for delay in delays(full) {
        std::fs::write(sb.join("out/tong-hop.xlsx"), &old).expect("earlier summary");
        killed += usize::from(run_killed_after(sb.path(), &args, delay));
        assert_old_or_new(&sb.join("out"), "tong-hop.xlsx", &old, &new, delay);
    }
    assert_eq!(hashes, inputs.iter().map(sha256).collect::<Vec<_>>());
    eprintln!("merge: 10 runs, {killed} killed before the end");
}

/// The command itself over a folder of broken workbooks: one report, exit 1, no panic message.
#[test]
fn check_over_broken_workbooks_reports_every_file_without_panicking() {
    let sb = Sandbox::new();
    let files = mutants(24, 7_777);
    let written: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, (bytes, _))| sb.write(format!("hong/{i:02}.xlsx"), bytes))
        .collect();
    let hashes: Vec<String> = written.iter().map(sha256).collect();
    let run = sb.run(&["check", "--quiet", "--format", "json", "hong"]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["summary"]["files"].as_u64(), Some(files.len() as u64));
    assert_eq!(hashes, written.iter().map(sha256).collect::<Vec<_>>());
}
