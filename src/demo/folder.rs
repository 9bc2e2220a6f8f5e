//! The folder `demo` writes into: a new or empty one, one it wrote itself (recognised by its marker
//! file), or any folder with `--force`. Its own earlier output is removed first; nothing else is touched.

use crate::output::write_atomic;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// The file demo leaves in its folder, listing what it wrote.
pub const MARKER: &str = ".soket-demo";

const NOTE: &str = "Thư mục này do “sokết demo” tạo. Chạy lại demo vào thư mục này sẽ xóa và tạo lại các tệp liệt kê ở đây; tệp khác trong thư mục không bị động đến.";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Marker {
    note: String,
    /// What a finished run wrote: paths relative to the folder, with `/`.
    #[serde(default)]
    files: Vec<String>,
    /// While a run is under way: the files that were already there (not demo's). A run that stopped
    /// half-way leaves this, so the next run still knows which files are its own.
    #[serde(default)]
    before: Option<Vec<String>>,
}

/// Size and modification time of every file in the folder (the marker aside), by relative path.
type Snapshot = BTreeMap<String, (u64, Option<SystemTime>)>;

/// A folder demo has accepted and cleared of its earlier output; [`Claim::finish`] records what the run wrote.
pub struct Claim {
    dir: PathBuf,
    before: Snapshot,
}

/// Check that demo may write into `dir`, before anything is printed or touched; then remove the files
/// an earlier demo run wrote there and mark the folder as demo's.
pub fn claim(dir: &Path, force: bool) -> Result<Claim> {
    let own = own_files(dir, force)?;
    for rel in &own {
        remove(dir, rel)?;
    }
    let before = snapshot(dir)?;
    let marker = Marker {
        note: NOTE.into(),
        files: Vec::new(),
        before: Some(before.keys().cloned().collect()),
    };
    write_marker(dir, &marker)?;
    Ok(Claim {
        dir: dir.to_path_buf(),
        before,
    })
}

impl Claim {
    /// Record the files this run wrote: new ones, and those it replaced (`--force`).
    pub fn finish(self) -> Result<()> {
        let now = snapshot(&self.dir)?;
        let files = now
            .into_iter()
            .filter(|(rel, stat)| self.before.get(rel) != Some(stat))
            .map(|(rel, _)| rel)
            .collect();
        let marker = Marker {
            note: NOTE.into(),
            files,
            before: None,
        };
        write_marker(&self.dir, &marker)
    }
}

/// The files of an earlier demo run in `dir` (empty for a new or empty folder, or with `force`);
/// an error for a folder demo did not write.
fn own_files(dir: &Path, force: bool) -> Result<Vec<String>> {
    let shown = dir.display();
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            bail!(
                "không mở được thư mục {shown}: {}",
                crate::output::io_reason(&e)
            )
        }
    };
    if !meta.is_dir() {
        bail!("{shown} là một tệp, không phải thư mục: chọn thư mục khác cho dữ liệu mẫu (-o)");
    }
    let marker_path = dir.join(MARKER);
    if marker_path.exists() {
        let marker = std::fs::read_to_string(&marker_path)
            .ok()
            .and_then(|t| serde_json::from_str::<Marker>(&t).ok());
        match marker {
            Some(m) => return own_of(dir, m),
            None if force => return Ok(Vec::new()),
            None => bail!(
                "thư mục {shown} có tệp {MARKER} nhưng tệp này đã bị sửa hoặc hỏng, nên không biết tệp nào do “sokết demo” tạo: chọn thư mục khác (-o), hoặc thêm --force để ghi vào đó (ghi đè các tệp trùng tên)"
            ),
        }
    }
    let empty = std::fs::read_dir(dir)
        .with_context(|| format!("không mở được thư mục {shown}"))?
        .next()
        .is_none();
    if empty || force {
        return Ok(Vec::new());
    }
    bail!(
        "thư mục {shown} đã có tệp không do “sokết demo” tạo: chọn thư mục khác (ví dụ -o demo-moi), hoặc thêm --force để ghi vào đó (ghi đè các tệp trùng tên)"
    )
}

/// What the marker says demo wrote; after a run that stopped half-way, every file not there before it.
fn own_of(dir: &Path, m: Marker) -> Result<Vec<String>> {
    let files = match m.before {
        None => m.files,
        Some(before) => {
            let before: BTreeSet<String> = before.into_iter().collect();
            snapshot(dir)?
                .into_keys()
                .filter(|rel| !before.contains(rel))
                .collect()
        }
    };
    // A hand-edited marker never reaches outside the folder.
    Ok(files.into_iter().filter(|rel| is_inside(rel)).collect())
}

fn is_inside(rel: &str) -> bool {
    !rel.is_empty()
        && rel != MARKER
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Remove one earlier output, then the folders it leaves empty (never `dir` itself).
fn remove(dir: &Path, rel: &str) -> Result<()> {
    let path = dir.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!(
            "không xóa được tệp {} của lần chạy demo trước: {}",
            path.display(),
            crate::output::io_reason(&e)
        ),
    }
    let mut parent = path.parent();
    while let Some(p) = parent {
        if p == dir || std::fs::remove_dir(p).is_err() {
            break;
        }
        parent = p.parent();
    }
    Ok(())
}

fn snapshot(dir: &Path) -> Result<Snapshot> {
    let mut out = Snapshot::new();
    if dir.is_dir() {
        walk(dir, "", &mut out)?;
    }
    out.remove(MARKER);
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, out: &mut Snapshot) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        anyhow::anyhow!(
            "không đọc được thư mục {}: {}",
            dir.display(),
            crate::output::io_reason(&e)
        )
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&entry.path(), &format!("{rel}/"), out)?,
            _ => {
                let meta = entry.metadata().ok();
                let stat = (
                    meta.as_ref().map_or(0, |m| m.len()),
                    meta.and_then(|m| m.modified().ok()),
                );
                out.insert(rel, stat);
            }
        }
    }
    Ok(())
}

fn write_marker(dir: &Path, m: &Marker) -> Result<()> {
    let mut text = serde_json::to_string_pretty(m)?;
    text.push('\n');
    write_atomic(&dir.join(MARKER), text.as_bytes(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_never_reaches_outside_the_folder() {
        assert!(is_inside("bao-cao/AG-0001.xlsx"));
        assert!(!is_inside("../x"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside("a/../../x"));
        assert!(!is_inside(MARKER));
        assert!(!is_inside(""));
    }

    #[test]
    fn a_run_stopped_half_way_is_replaced_by_the_next_one() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let d = tmp.path().join("d");
        std::fs::create_dir_all(&d).expect("dir");
        std::fs::write(d.join("mine.txt"), "x").expect("write");
        // A folder with someone's file is taken only with --force; that file is not demo's.
        assert!(claim(&d, false).is_err());
        let first = claim(&d, true).expect("claim");
        std::fs::create_dir_all(d.join("bao-cao")).expect("dir");
        std::fs::write(d.join("bao-cao/AG-0001.xlsx"), "1").expect("write");
        drop(first); // stopped before `finish`
        let second = claim(&d, false).expect("demo's own folder");
        assert!(!d.join("bao-cao").exists());
        assert!(d.join("mine.txt").is_file());
        std::fs::create_dir_all(d.join("bao-cao")).expect("dir");
        std::fs::write(d.join("bao-cao/AG-0002.xlsx"), "2").expect("write");
        second.finish().expect("finish");
        let m: Marker =
            serde_json::from_str(&std::fs::read_to_string(d.join(MARKER)).expect("marker"))
                .expect("json");
        assert_eq!(m.files, ["bao-cao/AG-0002.xlsx"]);
        assert_eq!(m.before, None);
        claim(&d, false).expect("again");
        assert!(!d.join("bao-cao").exists());
        assert!(d.join("mine.txt").is_file());
    }
}
