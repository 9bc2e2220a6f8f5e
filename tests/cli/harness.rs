//! Shared helpers: run the real binary in a temporary folder, hash files, read workbooks and their zip parts.
//!
//! Not every helper is used by every command's tests yet; new test modules (check, merge…)
//! are expected to use them, hence `dead_code` is allowed here only.
#![allow(dead_code)]

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The ASCII-named binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_soket");
/// The same program under its Vietnamese name.
pub const BIN_VI: &str = env!("CARGO_BIN_EXE_sokết");

/// The result of one run of the program.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert the exit code, showing both output streams on failure.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code {} (wanted {code})\n--- stdout:\n{}\n--- stderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Assert exit 0.
    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.expect_code(0)
    }

    /// stdout parsed as exactly one JSON document.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{}", self.stdout))
    }

    /// Assert the "one line, starts with `lỗi: `" shape of a failure message and return that line.
    #[track_caller]
    pub fn one_error_line(&self) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "stderr should be one line:\n{}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("lỗi: "),
            "stderr should start with “lỗi: ”:\n{}",
            self.stderr
        );
        lines[0]
    }
}

/// A temporary working folder; the program runs with it as its current directory.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("soket-test-")
            .tempdir()
            .expect("create temporary folder");
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the sandbox.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Run `soket ARGS…` in the sandbox.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_bin(BIN, args)
    }

    /// Run a given binary (e.g. [`BIN_VI`]) in the sandbox.
    pub fn run_bin(&self, bin: &str, args: &[&str]) -> Run {
        self.run_in(bin, args, &[], ".")
    }

    /// Run `soket ARGS…` with extra environment variables, in a folder of the sandbox.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)], dir: &str) -> Run {
        self.run_in(BIN, args, env, dir)
    }

    fn run_in(&self, bin: &str, args: &[&str], env: &[(&str, &str)], dir: &str) -> Run {
        let out = Command::new(bin)
            .args(args)
            .current_dir(self.join(dir))
            .env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE")
            // Tables fit the terminal only when asked (see screen.rs): not the developer's window.
            .env_remove("COLUMNS")
            .envs(env.iter().copied())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Write a file (creating folders) and return its path.
    pub fn write(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("create folder");
        }
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// Copy `tests/fixtures/<fixture>` into the sandbox as `dest` and return its path.
    pub fn copy_fixture(&self, fixture_rel: &str, dest: impl AsRef<Path>) -> PathBuf {
        let to = self.join(dest);
        if let Some(d) = to.parent() {
            std::fs::create_dir_all(d).expect("create folder");
        }
        std::fs::copy(fixture(fixture_rel), &to)
            .unwrap_or_else(|e| panic!("copy fixture {fixture_rel}: {e}"));
        to
    }

    /// Names of the entries directly in a folder of the sandbox (hidden ones too), sorted.
    pub fn list(&self, rel: impl AsRef<Path>) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.join(rel))
            .expect("read folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Path of `tests/fixtures/<rel>` in the source tree.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Path of a file in the source tree (e.g. `templates/so-ket-02-ctr-bch.toml`).
pub fn source_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Lower-case hex SHA-256 of a file.
pub fn sha256(path: impl AsRef<Path>) -> String {
    let bytes = std::fs::read(path.as_ref())
        .unwrap_or_else(|e| panic!("read {}: {e}", path.as_ref().display()));
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 0-based (row, col) of an A1 address such as "C19" (a leading `$` is allowed before each part).
pub fn cell_pos(a1: &str) -> (u32, u32) {
    let s = a1.replace('$', "");
    let split = s
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or_else(|| panic!("bad address {a1}"));
    let (letters, digits) = s.split_at(split);
    assert!(
        !letters.is_empty() && letters.chars().all(|c| c.is_ascii_uppercase()),
        "bad address {a1}"
    );
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = digits
        .parse()
        .unwrap_or_else(|_| panic!("bad address {a1}"));
    (row - 1, col)
}

/// Column letter(s) of a 0-based column.
pub fn col_letter(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// A workbook opened with calamine (`open_workbook_auto`).
pub struct Book {
    pub sheets: Sheets<BufReader<File>>,
}

impl Book {
    #[track_caller]
    pub fn open(path: impl AsRef<Path>) -> Self {
        let sheets = open_workbook_auto(path.as_ref())
            .unwrap_or_else(|e| panic!("open {}: {e}", path.as_ref().display()));
        Book { sheets }
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Whether a sheet is hidden (hidden or very hidden).
    pub fn is_hidden(&self, sheet: &str) -> bool {
        self.sheets
            .sheets_metadata()
            .iter()
            .find(|s| s.name == sheet)
            .map(|s| s.visible != calamine::SheetVisible::Visible)
            .unwrap_or_else(|| panic!("no sheet {sheet}"))
    }

    /// Workbook-level defined names as (name, reference), e.g. ("sk_x", "'Báo cáo'!$C$19").
    pub fn names(&self) -> Vec<(String, String)> {
        self.sheets.defined_names().to_vec()
    }

    /// The reference of one defined name.
    pub fn name(&self, name: &str) -> Option<String> {
        self.names()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r)
    }

    /// The values of a sheet.
    #[track_caller]
    pub fn sheet(&mut self, name: &str) -> SheetData {
        let range = self
            .sheets
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        SheetData { range }
    }

    /// Whether a cell is locked (xlsx only; `None` if calamine has no style for it).
    /// A cell with no protection record is locked, as in Excel.
    pub fn locked(&mut self, sheet: &str, a1: &str) -> Option<bool> {
        let Sheets::Xlsx(x) = &mut self.sheets else {
            panic!("locked() reads xlsx files only");
        };
        let styles = x.worksheet_style(sheet).expect("worksheet styles");
        let style = styles.get(cell_pos(a1))?;
        Some(style.protection.as_ref().is_none_or(|p| p.locked))
    }
}

/// One sheet's cells; every lookup uses ABSOLUTE coordinates.
pub struct SheetData {
    pub range: Range<Data>,
}

impl SheetData {
    /// The value at an A1 address such as "C19".
    pub fn at(&self, a1: &str) -> Option<&Data> {
        self.range.get_value(cell_pos(a1))
    }

    /// The text at an A1 address: strings as they are, other non-empty values via Display.
    pub fn text(&self, a1: &str) -> Option<String> {
        match self.at(a1)? {
            Data::Empty => None,
            Data::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    /// Every non-empty string cell as (0-based row, 0-based col, text).
    pub fn strings(&self) -> Vec<(u32, u32, String)> {
        self.range
            .used_cells()
            .filter_map(|(r, c, v)| match v {
                Data::String(s) if !s.is_empty() => {
                    let (r0, c0) = self.range.start().unwrap_or((0, 0));
                    Some((r0 + r as u32, c0 + c as u32, s.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

/// The text of one part of an xlsx zip, e.g. `xl/workbook.xml` or `docProps/core.xml`.
#[track_caller]
pub fn xlsx_part(path: impl AsRef<Path>, part: &str) -> String {
    let file = File::open(path.as_ref()).expect("open xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("xlsx is a zip");
    let mut entry = zip
        .by_name(part)
        .unwrap_or_else(|e| panic!("no part {part}: {e}"));
    let mut s = String::new();
    entry.read_to_string(&mut s).expect("part is UTF-8 text");
    s
}

/// Names of all parts of an xlsx zip.
pub fn xlsx_part_names(path: impl AsRef<Path>) -> Vec<String> {
    let file = File::open(path.as_ref()).expect("open xlsx");
    let zip = zip::ZipArchive::new(file).expect("xlsx is a zip");
    (0..zip.len())
        .map(|i| {
            zip.name_for_index(i)
                .expect("index")
                .expect("part name")
                .to_string()
        })
        .collect()
}

/// The worksheet XML of the sheet with this name, found through `xl/workbook.xml` and its rels.
#[track_caller]
pub fn sheet_xml(path: impl AsRef<Path>, sheet: &str) -> String {
    let path = path.as_ref();
    let wb = xlsx_part(path, "xl/workbook.xml");
    let tag = wb
        .split("<sheet ")
        .skip(1)
        .find(|t| attr(t, "name").as_deref() == Some(&xml_escape(sheet)))
        .unwrap_or_else(|| panic!("no sheet {sheet} in workbook.xml"));
    let rid = attr(tag, "r:id").expect("sheet has r:id");
    let rels = xlsx_part(path, "xl/_rels/workbook.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .skip(1)
        .find(|t| attr(t, "Id").as_deref() == Some(rid.as_str()))
        .expect("relationship of the sheet");
    let target = attr(rel, "Target").expect("Target");
    let part = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    xlsx_part(path, &part)
}

/// The value of `name="…"` in an XML start tag's text (up to its first `>`).
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let head = format!(" {}", tag.split('>').next()?);
    let needle = format!(" {name}=\"");
    let rest = &head[head.find(&needle)? + needle.len()..];
    Some(rest[..rest.find('"')?].to_string())
}

/// Every start tag `<tag …>` (or `<tag …/>`) in an XML text, without the leading `<tag`.
pub fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    xml.match_indices(&open)
        .filter_map(|(i, _)| {
            let rest = &xml[i + open.len()..];
            let next = rest.chars().next()?;
            let end = rest.find('>')?;
            (next == ' ' || next == '>' || next == '/').then_some(&rest[..=end])
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
