//! The workbook behind the three formats, opened by calamine once the guards have passed it, and its
//! sheets given cell by cell: an xlsx sheet streamed with `worksheet_cells_reader`, an xls or ods
//! sheet from the range calamine built (the guards bounded it).

use super::guard::{self, Format, Kind, RETRY};
use super::refs::a1;
use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, XlsxError};
use std::io::Cursor;

type Bytes<'a> = Cursor<&'a [u8]>;

pub(crate) enum Book<'a> {
    /// The bytes stay at hand to say which part failed when calamine does.
    Xlsx(Box<Xlsx<Bytes<'a>>>, &'a [u8]),
    Xls(Box<Xls<Bytes<'a>>>),
    Ods(Box<Ods<Bytes<'a>>>),
}

const DAMAGED: &str =
    "tệp bị hỏng hoặc không trọn vẹn, không mở được: đơn vị cần mở lại bằng Excel, lưu và gửi lại";

fn password_message() -> String {
    "tệp được đặt mật khẩu nên không đọc được: đề nghị đơn vị bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại".into()
}

/// calamine's error → a message for the unit; for an xlsx, the part at fault when it can be named.
fn calamine_message(detail: &str, xlsx: Option<&[u8]>) -> String {
    let d = detail.to_ascii_lowercase();
    if d.contains("password") || d.contains("encrypt") {
        return password_message();
    }
    xlsx.and_then(guard::diagnose)
        .unwrap_or_else(|| DAMAGED.to_string())
}

/// Open a workbook after the guards of its format.
pub(crate) fn open(bytes: &[u8]) -> Result<Book<'_>, String> {
    match guard::sniff(bytes)? {
        Kind::Zip => match guard::check_zip(bytes)? {
            Format::Ods => Ods::new(Cursor::new(bytes))
                .map(|b| Book::Ods(Box::new(b)))
                .map_err(|e| calamine_message(&e.to_string(), None)),
            Format::Xlsx => Xlsx::new(Cursor::new(bytes))
                .map(|b| Book::Xlsx(Box::new(b), bytes))
                .map_err(|e| calamine_message(&e.to_string(), Some(bytes))),
        },
        Kind::Ole => {
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Err(password_message());
            }
            guard::check_ole(bytes)?;
            Xls::new(Cursor::new(bytes))
                .map(|b| Book::Xls(Box::new(b)))
                .map_err(|e| calamine_message(&e.to_string(), None))
        }
    }
}

/// A cell of a range calamine built, as the stream of an xlsx sheet gives it.
fn as_ref(d: &Data) -> DataRef<'_> {
    match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(t) => DataRef::DateTime(*t),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

impl Book<'_> {
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b, _) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    pub(crate) fn defined_names(&self) -> Vec<(String, String)> {
        match self {
            Book::Xlsx(b, _) => b.defined_names().to_vec(),
            Book::Xls(b) => b.defined_names().to_vec(),
            Book::Ods(b) => b.defined_names().to_vec(),
        }
    }

    /// Give every non-empty cell of `sheet` to `f` (row, column, value), in the file's order (row by
    /// row in every file a spreadsheet program writes), until `f` returns false. Ok(false) when the
    /// workbook has no such sheet (or calamine cannot lay out an xls/ods sheet, as before).
    pub(crate) fn cells(
        &mut self,
        sheet: &str,
        mut f: impl FnMut(u32, u32, &DataRef<'_>) -> bool,
    ) -> Result<bool, String> {
        let range = match self {
            Book::Xlsx(b, bytes) => {
                let fail = |e: XlsxError| calamine_message(&e.to_string(), Some(bytes));
                let mut cells = match b.worksheet_cells_reader(sheet) {
                    Ok(cells) => cells,
                    Err(XlsxError::WorksheetNotFound(_)) => return Ok(false),
                    // a chart sheet: no cells
                    Err(XlsxError::NotAWorksheet(_)) => return Ok(true),
                    Err(e) => return Err(fail(e)),
                };
                let d = cells.dimensions();
                if d.start.0 > d.end.0 || d.start.1 > d.end.1 {
                    return Err(format!(
                        "trang “{sheet}” có tham chiếu ô không hợp lệ (“{}:{}”), thứ Excel và LibreOffice không bao giờ ghi, nên tệp không được đọc: {RETRY}",
                        a1(d.start.0, d.start.1),
                        a1(d.end.0, d.end.1)
                    ));
                }
                while let Some(cell) = cells.next_cell().map_err(fail)? {
                    let (row, col) = cell.get_position();
                    let value = cell.get_value();
                    if *value != DataRef::Empty && !f(row, col, value) {
                        break;
                    }
                }
                return Ok(true);
            }
            Book::Xls(b) => b.worksheet_range(sheet).ok(),
            Book::Ods(b) => b.worksheet_range(sheet).ok(),
        };
        let Some(range) = range else {
            return Ok(false);
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            if *d != Data::Empty && !f(r as u32 + r0, c as u32 + c0, &as_ref(d)) {
                break;
            }
        }
        Ok(true)
    }
}
