//! The one reader: a return (or an earlier summary) file → raw cell values per outline field key.
//!
//! calamine is the only parser of the three formats (xlsx, xls, ods); `guard` bounds what it may
//! cost first. An xlsx sheet is streamed cell by cell into a sparse map (`sheet`), or row by row for
//! a summary (`summary`). Fields are found by defined name first, then by the hidden key column,
//! then by label text; the file says how it was found. check and merge both read through here.

mod book;
mod guard;
mod locate;
pub mod refs;
mod sheet;
mod summary;

use crate::outline::Outline;
use crate::value::Raw;
use crate::workbook::{self, outside::Outside};
use calamine::Data;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use refs::CellRef;

/// How a field's cell was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundBy {
    Name,
    KeyColumn,
    Label,
    /// A row of the "Chi tiết" sheet of a summary.
    SummaryRow,
}

/// One field's cell as found in the file.
#[derive(Debug, Clone)]
pub struct RawCell {
    pub raw: Raw,
    pub at: CellRef,
    pub by: FoundBy,
}

/// What kind of sokết workbook this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookKind {
    Form,
    Summary,
    /// No sokết marker: the reader still tries key column and labels.
    Unknown,
}

/// The outline identity the workbook carries.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    pub kind: WorkbookKind,
    pub campaign: Option<String>,
    pub version: Option<String>,
}

/// The raw cells of one unit: a return has one, a summary one per row of "Chi tiết".
#[derive(Debug, Clone, Default)]
pub struct UnitCells {
    pub cells: BTreeMap<String, RawCell>,
    /// For summary rows: the return file the row came from, as recorded by the earlier merge.
    pub origin: Option<String>,
    /// For summary rows: the status the earlier merge recorded ("ok", "warning", "error").
    pub prior_status: Option<String>,
    /// For a return: what the unit wrote on the form's sheet outside the form (rows it inserted).
    pub extra: Vec<Outside>,
}

/// A file that could be opened.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub sha256: String,
    pub modified: Option<chrono::NaiveDateTime>,
    pub identity: Identity,
    /// File-level remarks in Vietnamese, e.g. "12 trường được tìm theo cột khóa ẩn".
    pub found_other_than_by_name: Vec<(FoundBy, Vec<String>)>,
    /// Required keys that were nowhere in the file.
    pub missing: Vec<String>,
    pub units: Vec<UnitCells>,
}

/// A file that could not be read at all; `message` is Vietnamese and says what to do.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub path: PathBuf,
    pub message: String,
}

/// Read one file (and hash it when `hash`). The rows of a summary are given to `row` one by one as
/// they are read (so that a caller keeps only what it needs of each), not put in `units`. Never
/// panics on bad input; every failure is an `Unreadable` with a plain message.
pub fn read_file(
    path: &Path,
    o: &Outline,
    hash: bool,
    row: &mut dyn FnMut(UnitCells),
) -> Result<Source, Unreadable> {
    let fail = |message: String| Unreadable {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail("đây là thư mục, không phải tệp".into()));
    }
    if !meta.is_file() {
        // a device or a pipe (e.g. a link to /dev/zero) would be read forever or block
        return Err(fail(
            "không phải tệp thông thường (thiết bị hoặc ống dẫn) nên không đọc: kiểm tra lại thư mục báo cáo".into(),
        ));
    }
    if meta.len() > guard::MAX_FILE_BYTES {
        return Err(fail(format!(
            "tệp quá lớn ({} MB, giới hạn {} MB): một báo cáo chỉ vài chục KB, một tệp tổng hợp 10.000 đơn vị khoảng 7 MB; kiểm tra lại đây có đúng là tệp báo cáo hoặc tệp tổng hợp không (nếu là báo cáo, đề nghị đơn vị gửi lại đúng tệp)",
            meta.len() / 1_048_576,
            guard::MAX_FILE_BYTES / 1_048_576
        )));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| fail(io_message(&e)))?,
            guard::MAX_FILE_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > guard::MAX_FILE_BYTES {
        return Err(fail(
            "tệp lớn dần trong khi đọc (đang được ghi?): hãy đọc lại sau".into(),
        ));
    }
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local());
    let sha256 = if hash {
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    } else {
        String::new()
    };
    let source = read_rows(bytes, o, row).map_err(fail)?;
    Ok(Source {
        path: path.to_path_buf(),
        sha256,
        modified,
        ..source
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "không có quyền đọc tệp: kiểm tra quyền truy cập của tệp".into()
        }
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        _ => format!("không đọc được tệp ({e})"),
    }
}

/// Read a workbook already in memory, a summary's rows in `units` (used by tests).
pub fn read_bytes(bytes: Vec<u8>, o: &Outline) -> Result<Source, String> {
    let mut rows = Vec::new();
    let source = read_rows(bytes, o, &mut |u| rows.push(u))?;
    Ok(Source {
        units: [source.units, rows].concat(),
        ..source
    })
}

/// Read a workbook in memory; a summary's rows go to `row` (see `read_file`).
fn read_rows(
    bytes: Vec<u8>,
    o: &Outline,
    row: &mut dyn FnMut(UnitCells),
) -> Result<Source, String> {
    let mut book = book::open(&bytes)?;
    let names = book.defined_names();
    // One reading of each sheet per file: the form sheet is read once for identity and fields.
    let mut sheets = sheet::Sheets::new(&mut book);
    let identity = locate::identity(&mut sheets, &names)?;
    let empty = Source {
        path: PathBuf::new(),
        sha256: String::new(),
        modified: None,
        identity: identity.clone(),
        found_other_than_by_name: Vec::new(),
        missing: Vec::new(),
        units: Vec::new(),
    };
    if identity.kind == WorkbookKind::Summary {
        drop(sheets);
        summary::read_rows(&mut book, o, row)?;
        return Ok(empty);
    }
    let found = locate::fields(&mut sheets, &names, o)?;
    if found.cells.is_empty() {
        return Err(match identity.kind {
            WorkbookKind::Unknown => format!("không phải biểu mẫu báo cáo của đợt này (không tìm thấy ô nhập nào của biểu mẫu): đề nghị đơn vị điền vào biểu mẫu do {} gửi", o.campaign.receiver),
            _ => "biểu mẫu không còn ô nhập nào đọc được (các trang hoặc tên ô đã bị xóa): đề nghị đơn vị điền lại vào biểu mẫu gốc".into(),
        });
    }
    let extra = match identity.kind {
        WorkbookKind::Form => outside(&mut sheets, o, &found.cells)?,
        _ => Vec::new(),
    };
    Ok(Source {
        found_other_than_by_name: found.other_than_by_name,
        missing: found.missing,
        units: vec![UnitCells {
            cells: found.cells,
            origin: None,
            prior_status: None,
            extra,
        }],
        ..empty
    })
}

/// What the unit wrote outside the form, on the sheet of most inputs found by name or key token.
fn outside(
    sheets: &mut sheet::Sheets,
    o: &Outline,
    cells: &BTreeMap<String, RawCell>,
) -> Result<Vec<Outside>, String> {
    let mut on: BTreeMap<&str, Vec<(u32, &str)>> = BTreeMap::new();
    for (key, c) in cells.iter().filter(|(_, c)| c.by != FoundBy::Label) {
        on.entry(&c.at.sheet).or_default().push((c.at.row, key));
    }
    let Some((name, anchors)) = on.into_iter().max_by_key(|(_, a)| a.len()) else {
        return Ok(Vec::new());
    };
    let Some(sheet) = sheets.sheet(name)? else {
        return Ok(Vec::new());
    };
    let blank = |d: &Data| matches!(d, Data::String(s) if s.trim().is_empty()) || d == &Data::Empty;
    let key_col = u32::from(workbook::KEY_COL);
    let written = || sheet.iter().filter(move |c| c.1 != key_col && !blank(c.2));
    let last = written().map(|(r, _, _)| r).max().unwrap_or(0);
    let cells = || written().map(|(r, c, d)| (r, c, to_raw(d)));
    Ok(workbook::outside::outside(o, name, &anchors, last, cells))
}

/// calamine's cell → the reader's raw value.
pub fn to_raw(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(f) => Raw::Number(*f),
        Data::String(s) if s.trim().is_empty() => Raw::Empty,
        Data::String(s) => Raw::Text(s.clone()),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() && (1.0..2_958_466.0).contains(&serial) {
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
                match base.checked_add_days(chrono::Days::new(serial.floor() as u64)) {
                    Some(d) => Raw::Date(d),
                    None => Raw::Number(serial),
                }
            } else {
                Raw::Number(serial)
            }
        }
        Data::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Raw::Date(d),
                Err(_) => Raw::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests;
