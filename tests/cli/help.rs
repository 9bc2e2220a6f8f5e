//! Help screens: every one has two or three real examples that run, `help <cmd>` shows a command's
//! help, and a bad value names the valid ones.

use crate::harness::{BIN, Sandbox, source_file};

const COMMANDS: [&str; 6] = ["outline", "template", "check", "merge", "status", "demo"];

/// The example lines ("  sokết …") under "Ví dụ:" of a help screen.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim_end() != "Ví dụ:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn every_help_screen_has_two_or_three_examples_of_its_own_command() {
    let sb = Sandbox::new();
    let top = sb.run(&["--help"]);
    top.ok();
    let ex = examples(&top.stdout);
    assert!((2..=3).contains(&ex.len()), "{}", top.stdout);
    for cmd in COMMANDS {
        let run = sb.run(&[cmd, "--help"]);
        run.ok();
        let ex = examples(&run.stdout);
        assert!(
            (2..=3).contains(&ex.len()),
            "`{cmd} --help` has {} examples:\n{}",
            ex.len(),
            run.stdout
        );
        for e in &ex {
            assert!(e.starts_with(&format!("sokết {cmd}")), "{cmd}: {e}");
        }
    }
}

/// Run an example as the officer would paste it: `# …` is a comment, `> FILE` sends stdout to FILE.
fn run_example(sb: &Sandbox, line: &str) -> (i32, String) {
    let line = line.split(" #").next().expect("command");
    let (line, into) = match line.split_once(" > ") {
        Some((l, f)) => (l, Some(f.trim())),
        None => (line, None),
    };
    let mut words = line.split_whitespace();
    assert_eq!(words.next(), Some("sokết"), "{line}");
    let out = std::process::Command::new(BIN)
        .args(words)
        .current_dir(sb.path())
        .env_remove("COLUMNS")
        .output()
        .expect("run example");
    if let Some(f) = into {
        std::fs::write(sb.join(f), &out.stdout).expect("redirect");
    }
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_example_of_the_help_screens_runs() {
    let sb = Sandbox::new();
    // What the examples name: a demo's returns as `nhan-ve/`, its roster, an outline file.
    sb.run(&["demo", "-o", "d", "--units", "10"]).ok();
    std::fs::rename(sb.join("d/bao-cao"), sb.join("nhan-ve")).expect("move returns");
    std::fs::copy(
        sb.join("d/danh-sach-don-vi.csv"),
        sb.join("danh-sach-don-vi.csv"),
    )
    .expect("roster");
    std::fs::copy(
        source_file("templates/so-ket-02-ctr-bch.toml"),
        sb.join("dot-sau.toml"),
    )
    .expect("outline");
    let mut lines = examples(&sb.run(&["--help"]).stdout);
    for cmd in COMMANDS {
        let run = sb.run(&[cmd, "--help"]);
        lines.extend(examples(&run.stdout));
    }
    for line in &lines {
        let (code, stderr) = run_example(&sb, line);
        assert!(
            code == 0 || code == 1,
            "example `{line}` gave exit {code}:\n{stderr}"
        );
    }
    assert!(sb.join("tong-hop.json").is_file() && sb.join("de-cuong.json").is_file());
}

#[test]
fn help_with_a_command_shows_that_command_s_help() {
    let sb = Sandbox::new();
    let direct = sb.run(&["check", "--help"]);
    let via = sb.run(&["help", "check"]);
    via.ok();
    assert_eq!(via.stdout, direct.stdout);
    let top = sb.run(&["help"]);
    top.ok();
    assert_eq!(top.stdout, sb.run(&["--help"]).stdout);
    let bad = sb.run(&["help", "chek"]);
    bad.expect_code(2);
    assert!(
        bad.one_error_line().contains("“chek”"),
        "{}",
        bad.one_error_line()
    );
}

#[test]
fn a_bad_value_lists_the_valid_ones() {
    let sb = Sandbox::new();
    let run = sb.run(&["check", "--format", "xml", "x.xlsx"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: giá trị “xml” không hợp lệ cho --format <KIỂU>; chọn một trong: table, json. Xem hướng dẫn: sokết --help hoặc sokết <LỆNH> --help"
    );
}
