//! `demo` and its folder: the README's first command runs twice; demo replaces only what it wrote,
//! never touches a folder it did not write, and checks its arguments before printing anything.

use crate::harness::{Sandbox, sha256};

/// Every file under a folder of the sandbox, relative, sorted.
fn tree(sb: &Sandbox, rel: &str) -> Vec<String> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("read folder") {
            let e = e.expect("entry");
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.file_type().expect("type").is_dir() {
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(&sb.join(rel), "", &mut out);
    out.sort();
    out
}

#[test]
fn the_readme_first_command_runs_twice_with_the_same_result() {
    let sb = Sandbox::new();
    let first = sb.run(&["demo", "-o", "demo"]);
    first.ok();
    let files = tree(&sb, "demo");
    let summary = sha256(sb.join("demo/bao-cao/AG-0001.xlsx"));
    let second = sb.run(&["demo", "-o", "demo"]);
    second.ok();
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(tree(&sb, "demo"), files);
    assert_eq!(sha256(sb.join("demo/bao-cao/AG-0001.xlsx")), summary);
    assert!(files.contains(&".soket-demo".to_string()), "{files:?}");
}

#[test]
fn demo_replaces_what_it_wrote_and_keeps_what_it_did_not() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "d", "--units", "30"]).ok();
    // The officer adds files of their own to the demo folder after the run.
    let note = sb.write("d/ghi-chu.txt", "của tôi");
    let mine = sb.write("d/bao-cao/cua-toi.txt", "cũng của tôi");
    let before = (sha256(&note), sha256(&mine));
    let run = sb.run(&["demo", "-o", "d", "--units", "10"]);
    run.ok();
    assert_eq!((sha256(&note), sha256(&mine)), before);
    // Nothing is left of the 30-unit run: the returns, forms and feedback are the 10-unit run's.
    let returns: Vec<String> = sb
        .list("d/bao-cao")
        .into_iter()
        .filter(|f| f.starts_with("AG-"))
        .collect();
    assert_eq!(
        returns,
        [
            "AG-0001.xlsx",
            "AG-0003-gui-lai.xlsx",
            "AG-0003.xlsx",
            "AG-0004.xlsx",
            "AG-0005.xlsx",
            "AG-0006.xlsx",
            "AG-0007.xlsx",
            "AG-0009.xlsx"
        ]
    );
    let forms = sb.list("d/bieu-mau");
    assert_eq!(forms.iter().filter(|f| f.starts_with("AG-")).count(), 10);
    let roster = std::fs::read_to_string(sb.join("d/danh-sach-don-vi.csv")).expect("roster");
    assert_eq!(roster.lines().count(), 11);
}

#[test]
fn demo_refuses_a_folder_it_did_not_write_before_printing_anything() {
    let sb = Sandbox::new();
    let mine = sb.write("du-lieu/bang-cua-toi.csv", "a,b\n1,2\n");
    let hash = sha256(&mine);
    let run = sb.run(&["demo", "-o", "du-lieu"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.one_error_line(),
        "lỗi: thư mục du-lieu đã có tệp không do “sokết demo” tạo: chọn thư mục khác (ví dụ -o demo-moi), hoặc thêm --force để ghi vào đó (ghi đè các tệp trùng tên)"
    );
    assert_eq!(tree(&sb, "du-lieu"), ["bang-cua-toi.csv"]);
    assert_eq!(sha256(&mine), hash);

    // A file where the folder should be.
    sb.write("tep", "x");
    let run = sb.run(&["demo", "-o", "tep"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.one_error_line(),
        "lỗi: tep là một tệp, không phải thư mục: chọn thư mục khác cho dữ liệu mẫu (-o)"
    );

    // With --force the folder is used; the officer's file stays, and later runs need no --force.
    sb.run(&["demo", "-o", "du-lieu", "--units", "10", "--force"])
        .ok();
    sb.run(&["demo", "-o", "du-lieu", "--units", "10"]).ok();
    assert_eq!(sha256(&mine), hash);
}

#[test]
fn demo_checks_its_arguments_before_printing_anything() {
    let sb = Sandbox::new();
    let run = sb.run(&["demo", "--units", "5"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.one_error_line(),
        "lỗi: cần ít nhất 10 đơn vị cho dữ liệu mẫu (--units)"
    );
    assert!(!sb.join("demo").exists());
}
