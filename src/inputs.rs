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
    let mut list: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    list.sort();
    for p in list {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        match std::fs::metadata(&p) {
            Err(_) => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "liên kết (symlink) hỏng hoặc vòng lặp: bỏ qua".into(),
                missing: false,
            }),
            Ok(m) if m.is_dir() => walk(&p, out, seen_dirs, seen, excluded),
            Ok(_) if p.canonicalize().is_ok_and(|c| excluded.contains(&c)) => {}
            Ok(_) if name.starts_with("~$") || name.starts_with(".~lock") => {
                out.skipped.push(Skipped {
                    path: p.clone(),
                    reason: "tệp khóa tạm của Excel/LibreOffice: bỏ qua".into(),
                    missing: false,
                })
            }
            Ok(_) if name.starts_with(".soket-") => {}
            Ok(_) if is_spreadsheet(&p) => add(&p, out, seen),
            Ok(_) => out.skipped.push(Skipped {
                path: p.clone(),
                reason: "không phải tệp bảng tính (.xlsx, .xlsm, .xls, .ods): bỏ qua".into(),
                missing: false,
            }),
        }
    }
}
