//! Traps in the input folder, made at test time: symlink loops (file and folder), a file nobody may
//! read, names in NFD (as macOS writes them). Each is reported, none stops the others.

use super::corpus_file;
use crate::harness::{Sandbox, sha256};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn entry<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} not in {doc:#}"))
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_are_reported_and_stop_nothing() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let sb = Sandbox::new();
    let good = sb.copy_fixture("hostile/good.xlsx", "bao-cao/good.xlsx");
    let locked = sb.copy_fixture("hostile/lo.xlsx", "bao-cao/khoa.xlsx");
    symlink("b.xlsx", sb.join("bao-cao/a.xlsx")).expect("symlink");
    symlink("a.xlsx", sb.join("bao-cao/b.xlsx")).expect("symlink");
    std::fs::create_dir(sb.join("bao-cao/con")).expect("folder");
    symlink("..", sb.join("bao-cao/con/len")).expect("folder loop");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // root (or CAP_DAC_OVERRIDE) reads a mode-000 file anyway: the outcome depends on that, honestly
    let privileged = std::fs::read(&locked).is_ok();
    let hashes = [sha256(&good), sha256(&locked)];

    let run = sb.run(&["check", "--quiet", "--format", "json", "bao-cao"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
    let doc = run.json();
    assert_eq!(entry(&doc, "good.xlsx")["status"], "ok");
    let names: Vec<&str> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        names.iter().filter(|p| p.ends_with("good.xlsx")).count(),
        1,
        "the folder loop must not read a file twice: {names:?}"
    );
    let skipped = doc["skipped"].as_array().expect("skipped");
    for link in ["a.xlsx", "b.xlsx"] {
        let s = skipped
            .iter()
            .find(|s| s["path"].as_str().is_some_and(|p| p.ends_with(link)))
            .unwrap_or_else(|| panic!("{link} not skipped: {doc:#}"));
        assert!(
            s["reason"].as_str().expect("reason").contains("vòng lặp"),
            "{s}"
        );
    }
    let k = entry(&doc, "khoa.xlsx");
    if privileged {
        // running as root: the file is read like any other
        assert_eq!(k["status"], "ok", "{k}");
        run.expect_code(0);
    } else {
        assert_eq!(k["status"], "unreadable", "{k}");
        let m = k["issues"][0]["message"].as_str().expect("message");
        assert!(m.to_lowercase().contains("không có quyền đọc tệp"), "{m}");
        run.expect_code(1);
    }
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(hashes, [sha256(&good), sha256(&locked)]);
}

/// A link to /dev/zero and a named pipe dressed as returns: refused at once, never read forever.
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_without_reading() {
    let sb = Sandbox::new();
    let good = sb.copy_fixture("hostile/good.xlsx", "in/good.xlsx");
    let hash = sha256(&good);
    std::os::unix::fs::symlink("/dev/zero", sb.join("in/zero.xlsx")).expect("symlink");
    let fifo = std::process::Command::new("mkfifo")
        .arg(sb.join("in/ong.xlsx"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    let run = sb.run(&["check", "--quiet", "--format", "json", "in"]);
    run.expect_code(1);
    let doc = run.json();
    assert_eq!(entry(&doc, "good.xlsx")["status"], "ok");
    for n in ["zero.xlsx", "ong.xlsx"] {
        let f = entry(&doc, n);
        assert_eq!(f["status"], "unreadable");
        let m = f["issues"][0]["message"].as_str().expect("message");
        assert!(
            m.to_lowercase().contains("không phải tệp thông thường"),
            "{m}"
        );
    }
    assert_eq!(sha256(&good), hash);
}

/// A name in NFD is kept as it is on disk (so the officer finds the file) and read like any other.
#[test]
fn names_in_nfd_are_read_and_shown_as_they_are() {
    let sb = Sandbox::new();
    let nfd: String = "báo cáo đơn vị NFD.xls".nfd().collect();
    let nfd_xlsx: String = "báo cáo NFD.xlsx".nfd().collect();
    assert!(corpus_file(&nfd).exists() && corpus_file(&nfd_xlsx).exists());
    let a = sb.copy_fixture(&format!("hostile/{nfd}"), format!("in/{nfd}"));
    let b = sb.copy_fixture(&format!("hostile/{nfd_xlsx}"), format!("in/{nfd_xlsx}"));
    let hashes = [sha256(&a), sha256(&b)];
    let run = sb.run(&["check", "--quiet", "--format", "json", "in"]);
    run.ok();
    let doc = run.json();
    for n in [&nfd, &nfd_xlsx] {
        let f = entry(&doc, n);
        assert_eq!(f["status"], "ok");
        assert_eq!(f["path"].as_str(), Some(format!("in/{n}").as_str()));
    }
    let table = sb.run(&["check", "--quiet", "in"]);
    assert!(table.stdout.contains(&nfd), "{}", table.stdout);
    assert_eq!(hashes, [sha256(&a), sha256(&b)]);
}
