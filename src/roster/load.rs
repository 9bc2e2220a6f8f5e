//! Reading a roster (.xlsx/.xls/.ods or .csv) into units, and checking every row against the outline's lists.
//!
//! Policy: bad rows (missing code or name, duplicate code, type or upper level not in the outline) are
//! reported with their row numbers and left out; the good rows are used. A roster that cannot be read,
//! lacks a required column or has no good row at all is an error (the command cannot run).

use super::columns::{Aliases, Col, Header};
use crate::outline::{Outline, Role};
use crate::value::{fold, match_choice, quote};
use anyhow::{Context, Result, bail};
use calamine::{Data, Reader, open_workbook_auto};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Largest roster file read (a province has a few thousand units; 50 MB is far beyond that).
const MAX_BYTES: u64 = 50 * 1_048_576;
/// Rows searched for the header.
const HEADER_SEARCH: usize = 10;

/// One unit the province expects a return from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RosterUnit {
    /// Row number in the roster file (1-based, as a spreadsheet shows it).
    pub row: usize,
    pub code: String,
    pub name: String,
    /// Option label of the outline's unit type field (role unit_type).
    pub unit_type: String,
    /// Option label of the outline's upper level field (role parent).
    pub parent: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
}

/// A row that could not be used, with every reason (Vietnamese).
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub row: usize,
    /// The code on the row, if any (a return with this code is then explained, not just unmatched).
    pub code: String,
    pub reasons: Vec<String>,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {}: {}", self.row, self.reasons.join("; "))
    }
}

/// A roster: its good units (file order) and its bad rows.
#[derive(Debug, Clone)]
pub struct Roster {
    /// The file, for messages.
    pub source: String,
    pub units: Vec<RosterUnit>,
    pub problems: Vec<RowProblem>,
    /// Option labels of the outline's lists, in outline order (for grouping and messages).
    pub type_options: Vec<String>,
    pub parent_options: Vec<String>,
    /// What the outline calls the type of unit and the upper level (the fields' short labels).
    pub type_name: String,
    pub parent_name: String,
}

impl Roster {
    /// The bad rows as Vietnamese lines, one per row, plus the valid options when a value was refused;
    /// empty when there is nothing to report.
    pub fn problems_report(&self) -> String {
        if self.problems.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "Danh sách đơn vị {} có {} dòng lỗi, không dùng các dòng này (sửa rồi chạy lại):\n",
            self.source,
            self.problems.len()
        );
        for p in &self.problems {
            out.push_str(&format!("  {p}\n"));
        }
        let any = |s: &str| {
            self.problems
                .iter()
                .flat_map(|p| &p.reasons)
                .any(|r| r.starts_with(s))
        };
        for (name, options) in [
            (&self.type_name, &self.type_options),
            (&self.parent_name, &self.parent_options),
        ] {
            if any(&format!("{} “", lower_first(name))) {
                out.push_str(&format!("  {name} hợp lệ: {}.\n", options.join("; ")));
            }
        }
        out
    }
}

/// Read a roster file; the format is chosen by extension (.csv, else a spreadsheet).
pub fn load(path: &Path, o: &Outline) -> Result<Roster> {
    let source = path.display().to_string();
    let meta = std::fs::metadata(path)
        .with_context(|| format!("không mở được danh sách đơn vị {source}"))?;
    if meta.len() > MAX_BYTES {
        bail!(
            "danh sách đơn vị {source} quá lớn ({} MB, giới hạn {} MB)",
            meta.len() / 1_048_576,
            MAX_BYTES / 1_048_576
        );
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let rows = match ext.as_str() {
        "csv" | "txt" => csv_rows(path, &source)?,
        "xlsx" | "xlsm" | "xls" | "ods" => sheet_rows(path, &source, &Aliases::of(o))?,
        _ => {
            bail!("danh sách đơn vị {source}: chỉ đọc được tệp .xlsx, .xls, .ods hoặc .csv (UTF-8)")
        }
    };
    parse_rows(&rows, o, &source)
}

/// CSV in UTF-8 (with or without BOM), comma, semicolon or tab separated; row numbers are record numbers.
fn csv_rows(path: &Path, source: &str) -> Result<Vec<(usize, Vec<String>)>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("không đọc được danh sách đơn vị {source}"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "danh sách đơn vị {source} không phải văn bản UTF-8: trong Excel hãy lưu lại bằng “CSV UTF-8 (Comma delimited)”, hoặc dùng tệp .xlsx"
        )
    })?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec
            .with_context(|| format!("danh sách đơn vị {source}: dòng {} không đọc được", i + 1))?;
        rows.push((i + 1, rec.iter().map(str::to_string).collect()));
    }
    Ok(rows)
}

/// The first sheet that has a header row; row numbers are the sheet's own.
fn sheet_rows(path: &Path, source: &str, aliases: &Aliases) -> Result<Vec<(usize, Vec<String>)>> {
    let mut book = open_workbook_auto(path).map_err(|_| {
        anyhow::anyhow!(
            "không mở được danh sách đơn vị {source}: hãy kiểm tra tệp có đúng là bảng tính và không đặt mật khẩu"
        )
    })?;
    let mut first_rows = None;
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let (r0, _) = range.start().unwrap_or((0, 0));
        let rows: Vec<(usize, Vec<String>)> = range
            .rows()
            .enumerate()
            .map(|(i, r)| (r0 as usize + i + 1, r.iter().map(cell_text).collect()))
            .collect();
        if find_header(&rows, aliases).is_some() {
            return Ok(rows);
        }
        first_rows.get_or_insert(rows);
    }
    Ok(first_rows.unwrap_or_default())
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "Có" } else { "Không" }.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            match crate::read::to_raw(d) {
                crate::value::Raw::Date(day) => day.format("%d/%m/%Y").to_string(),
                crate::value::Raw::Number(n) => n.to_string(),
                crate::value::Raw::Text(t) => t,
                _ => String::new(),
            }
        }
    }
}

/// Index into `rows` of the header row, searched among the first non-empty rows.
fn find_header(rows: &[(usize, Vec<String>)], aliases: &Aliases) -> Option<(usize, Header)> {
    rows.iter()
        .enumerate()
        .filter(|(_, (_, cells))| cells.iter().any(|c| !c.trim().is_empty()))
        .take(HEADER_SEARCH)
        .map(|(i, (_, cells))| (i, Header::recognise(cells, aliases)))
        .find(|(_, h)| h.is_header())
}

/// Trimmed, NFC, whitespace runs (line breaks too) as one space.
fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text with its first letter in lower case, to stand inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// The short label of the field that has `role`.
fn role_label(o: &Outline, role: Role) -> String {
    o.role(role)
        .map_or(String::new(), |f| f.short_label().to_string())
}

/// The option labels of the choice field that has `role`, and the option keys of the list they come from.
fn options(o: &Outline, role: Role) -> Result<(Vec<String>, Vec<String>)> {
    let name = role.name();
    let labels = o.role(role).and_then(|f| f.choices.clone()).with_context(|| {
        format!(
            "đề cương {} không có trường chọn nào mang vai trò {name} (role = \"{name}\"): không đối chiếu được danh sách đơn vị",
            o.source
        )
    })?;
    let keys = o
        .lists
        .values()
        .find(|l| l.iter().map(|(_, lab)| lab).eq(labels.iter()))
        .map(|l| l.iter().map(|(k, _)| k.clone()).collect())
        .unwrap_or_default();
    Ok((labels, keys))
}

/// The option label `input` names (by label, any case or diacritics, or by option key).
fn choose(input: &str, (labels, keys): &(Vec<String>, Vec<String>)) -> Option<String> {
    match_choice(input, labels)
        .or_else(|| {
            let f = fold(input);
            keys.iter().position(|k| fold(k) == f)
        })
        .map(|i| labels[i].clone())
}

/// Check rows (number, cells) against the outline; the header row is found among the first rows.
pub fn parse_rows(rows: &[(usize, Vec<String>)], o: &Outline, source: &str) -> Result<Roster> {
    let types = options(o, Role::UnitType)?;
    let parents = options(o, Role::Parent)?;
    let Some((hi, header)) = find_header(rows, &Aliases::of(o)) else {
        bail!(
            "danh sách đơn vị {source}: không thấy dòng tiêu đề; dòng đầu cần có các cột {} (hoặc code, name, type, parent)",
            Col::REQUIRED.map(Col::label_vi).join(", ")
        );
    };
    let missing = header.missing();
    if !missing.is_empty() {
        bail!(
            "danh sách đơn vị {source}: dòng tiêu đề (dòng {}) thiếu cột {}",
            rows[hi].0,
            missing
                .iter()
                .map(|c| format!("“{}” ({})", c.label_vi(), c.key()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut roster = Roster {
        source: source.to_string(),
        units: Vec::new(),
        problems: Vec::new(),
        type_options: types.0.clone(),
        parent_options: parents.0.clone(),
        type_name: role_label(o, Role::UnitType),
        parent_name: role_label(o, Role::Parent),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &rows[hi + 1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |c: Col| {
            header
                .index(c)
                .and_then(|i| cells.get(i))
                .map(|s| clean(s))
                .unwrap_or_default()
        };
        let (code, name, ty, parent) = (
            get(Col::Code),
            get(Col::Name),
            get(Col::Type),
            get(Col::Parent),
        );
        let mut reasons = Vec::new();
        if code.is_empty() {
            reasons.push("thiếu mã đơn vị".to_string());
        } else if let Some(first) = seen.get(&code.to_lowercase()) {
            reasons.push(format!(
                "mã đơn vị “{}” trùng với dòng {first}",
                quote(&code, 40)
            ));
        } else {
            seen.insert(code.to_lowercase(), *row);
        }
        if name.is_empty() {
            reasons.push("thiếu tên đơn vị".to_string());
        }
        let ty_label = choose(&ty, &types);
        if ty.is_empty() {
            reasons.push(format!("thiếu {}", lower_first(&roster.type_name)));
        } else if ty_label.is_none() {
            reasons.push(format!(
                "{} “{}” không có trong danh sách của đề cương",
                lower_first(&roster.type_name),
                quote(&ty, 60)
            ));
        }
        let parent_label = choose(&parent, &parents);
        if parent.is_empty() {
            reasons.push(format!("thiếu {}", lower_first(&roster.parent_name)));
        } else if parent_label.is_none() {
            reasons.push(format!(
                "{} “{}” không có trong danh sách của đề cương",
                lower_first(&roster.parent_name),
                quote(&parent, 60)
            ));
        }
        match (reasons.is_empty(), ty_label, parent_label) {
            (true, Some(unit_type), Some(parent)) => roster.units.push(RosterUnit {
                row: *row,
                code,
                name,
                unit_type,
                parent,
                contact: get(Col::Contact),
                phone: get(Col::Phone),
                email: get(Col::Email),
            }),
            _ => roster.problems.push(RowProblem {
                row: *row,
                code,
                reasons,
            }),
        }
    }
    if roster.units.is_empty() {
        let detail: Vec<String> = roster.problems.iter().map(ToString::to_string).collect();
        if detail.is_empty() {
            bail!("danh sách đơn vị {source} không có đơn vị nào (chỉ có dòng tiêu đề)");
        }
        bail!(
            "danh sách đơn vị {source} không có dòng nào dùng được: {}",
            detail.join("; ")
        );
    }
    Ok(roster)
}
