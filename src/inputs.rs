//! The one place that turns command-line paths into the list of return files (folders searched recursively).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A path passed over, with the reason in Vietnamese.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
    /// A path named on the command line that does not exist: the run reports a problem (exit 1).
    #[serde(skip)]
    pub missing: bool,
}

#[derive(Debug, Default)]
pub struct Inputs {
    /// Files to read, sorted, each once.
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

fn is_spreadsheet(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand paths: files named explicitly are always read (their content decides), folders are searched
/// for .xlsx/.xlsm/.xls/.ods; everything else found in folders is listed as skipped.
pub fn collect(paths: &[PathBuf], exclude: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    let excluded: HashSet<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, &mut seen_dirs, &mut seen_files, &excluded),
            Ok(_) => add(p, &mut out, &mut seen_files),
            Err(_) if p.symlink_metadata().is_ok() => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "liên kết (symlink) hỏng hoặc vòng lặp: bỏ qua".into(),
                missing: false,
            }),
            Err(_) => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "không tìm thấy tệp hoặc thư mục này: kiểm tra lại đường dẫn".into(),
                missing: true,
            }),
        }
    }
    out.files.sort();
    out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn add(p: &Path, out: &mut Inputs, seen: &mut HashSet<PathBuf>) {
    let key = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    if seen.insert(key) {
        out.files.push(p.to_path_buf());
    }
}

fn walk(
    dir: &Path,
    out: &mut Inputs,
    seen_dirs: &mut HashSet<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    excluded: &HashSet<PathBuf>,
) {
    let Ok(canon) = dir.canonicalize() else {
        out.skipped.push(Skipped {
            path: dir.to_path_buf(),
            reason: "không mở được thư mục".into(),
            missing: false,
        });
        return;
    };
    if !seen_dirs.insert(canon.clone()) || excluded.contains(&canon) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(_) => {
            out.skipped.push(Skipped {
                path: dir.to_path_buf(),
                reason: "không có quyền đọc thư mục này: bỏ qua".into(),
                missing: false,
            });
            return;
        }
    };
    // The entry's own type needs no system call; only a link is followed (and canonicalized).
    let mut list: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, kind) in list {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let plain = kind.filter(|k| !k.is_symlink());
        let is_dir = match plain {
            Some(k) => Ok(k.is_dir()),
            None => std::fs::metadata(&p).map(|m| m.is_dir()),
        };
        // where the file really is: in a canonical folder, a plain entry's path is canonical
        let real = || match plain {
            Some(_) => Some(canon.join(p.file_name().unwrap_or_default())),
            None => p.canonicalize().ok(),
        };
        match is_dir {
            Err(_) => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "liên kết (symlink) hỏng hoặc vòng lặp: bỏ qua".into(),
                missing: false,
            }),
            Ok(true) => walk(&p, out, seen_dirs, seen, excluded),
            Ok(false) if real().is_some_and(|c| excluded.contains(&c)) => {}
            Ok(false) if name.starts_with("~$") || name.starts_with(".~lock") => {
                out.skipped.push(Skipped {
                    path: p.clone(),
                    reason: "tệp khóa tạm của Excel/LibreOffice: bỏ qua".into(),
                    missing: false,
                })
            }
            Ok(false) if name.starts_with(".soket-") => {}
            Ok(false) if is_spreadsheet(&p) => {
                let key = real().unwrap_or_else(|| p.clone());
                if seen.insert(key) {
                    out.files.push(p);
                }
            }
            Ok(false) => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "không phải tệp bảng tính (.xlsx, .xlsm, .xls, .ods): bỏ qua".into(),
                missing: false,
            }),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A file reached twice (by its name and through a link, or through a linked folder) is read
    /// once; the output file is never an input, even reached through a link.
    #[test]
    fn each_file_once_and_never_the_output() {
        let t = tempfile::tempdir().expect("temp");
        let d = t.path().join("bao-cao");
        std::fs::create_dir_all(d.join("xa")).expect("dirs");
        for f in ["a.xlsx", "xa/b.ods", "tong-hop.xlsx", "ghi-chu.txt"] {
            std::fs::write(d.join(f), b"x").expect("file");
        }
        symlink("a.xlsx", d.join("a-link.xlsx")).expect("link");
        symlink("xa", d.join("xa-link")).expect("folder link");
        symlink("tong-hop.xlsx", d.join("out-link.xlsx")).expect("link to the output");
        let got = collect(std::slice::from_ref(&d), &[d.join("tong-hop.xlsx")]);
        let names: Vec<String> = got
            .files
            .iter()
            .map(|p| p.strip_prefix(&d).expect("inside").display().to_string())
            .collect();
        // the first name in sorted order is kept
        assert_eq!(names, ["a-link.xlsx", "xa/b.ods"]);
        let skipped: Vec<String> = got
            .skipped
            .iter()
            .map(|s| {
                s.path
                    .strip_prefix(&d)
                    .expect("inside")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(skipped, ["ghi-chu.txt"]);
    }
}
