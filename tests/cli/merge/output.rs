//! Output safety: no overwrite without --force, the output never read as an input, exit code 2 when merge cannot run.

use super::inputs::*;
use crate::harness::{Sandbox, sha256};

#[test]
fn never_overwrites_without_force_and_never_reads_its_own_output() {
    let sb = Sandbox::new();
    write_return(&sb, "vao/a.xlsx", a().values());
    sb.run(&["merge", "-q", "-o", "vao/tong-hop.xlsx", "vao"])
        .ok();
    let before = sha256(sb.join("vao/tong-hop.xlsx"));
    let run = sb.run(&["merge", "-o", "vao/tong-hop.xlsx", "vao"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(
        line.contains("vao/tong-hop.xlsx") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(sha256(sb.join("vao/tong-hop.xlsx")), before, "untouched");
    // With --force, the old summary in the input folder is not read as an input.
    let run = sb.run(&[
        "merge",
        "--force",
        "--format",
        "json",
        "-o",
        "vao/tong-hop.xlsx",
        "vao",
    ]);
    run.ok();
    assert_eq!(run.json()["units_merged"], 1);
    assert_eq!(run.json()["duplicates"], serde_json::json!([]));
    assert_eq!(
        sb.list("vao"),
        ["a.xlsx", "tong-hop.xlsx"],
        "no temporary file left"
    );
}

#[test]
fn cannot_run_exits_2_with_one_message() {
    let sb = Sandbox::new();
    write_return(&sb, "a.xlsx", a().values());
    let run = sb.run(&["merge", "-o", "t.ods", "a.xlsx"]);
    run.expect_code(2);
    assert!(run.one_error_line().contains(".xlsx"));
    let run = sb.run(&["merge", "-o", "t.xlsx", "khong-co"]);
    run.expect_code(2);
    assert!(
        run.one_error_line().contains("không có tệp bảng tính nào"),
        "{}",
        run.stderr
    );
    let run = sb.run(&["merge", "a.xlsx"]);
    run.expect_code(2);
    assert_eq!(sb.list("."), ["a.xlsx"]);
}
