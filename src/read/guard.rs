//! What calamine does not bound, checked before (or while) it reads a return, so that one file can
//! never take the others down. calamine 0.38 limits nothing itself (crates.md): a few kilobytes can
//! declare gigabytes, claim billions of cells or loop forever. Each remaining guard waits for an
//! upstream fix:
//!
//! - **xlsx** (`zip`): the zip crate's own API only. The entry count and every entry's declared size
//!   are checked before calamine opens the file, and the zip crate refuses to inflate an entry past
//!   its declared size. The parts calamine holds whole when it opens a file (relationships,
//!   workbook, styles, theme, shared strings) have a smaller cap each, since their memory grows with
//!   their size. The shared strings' `uniqueCount` is found by a byte search and capped: calamine
//!   reserves that many strings up front (calamine issue #684). Sheets are streamed cell by cell
//!   into a sparse map with a cell and a text limit (`read::sheet`), so a sheet that claims
//!   A1:XFD1048576 costs what it holds (calamine's `worksheet_range` would lay it out densely and
//!   abort, issue #693).
//! - **xls** (`ole`): calamine follows the compound file's sector chains without a cycle check
//!   (`cfb.rs`, `get_chain`), trusts record lengths, lays every sheet out densely (#693) and reserves
//!   the SST's declared count (#684). The compound file is opened here first with the `cfb` crate,
//!   which checks every chain, and the BIFF records are walked with every length checked.
//! - **ods** (`ods`): calamine expands repeated rows and cells densely (#693) and loops forever on
//!   a table or note that never ends. `content.xml` is scanned here with quick-xml first.
//!
//! Limits are far above any real return (a filled form is ~20 KB, 3 sheets, ~700 cells) and high
//! enough for a summary of ~25,000 units read back by `merge` (a summary of 10,000 units is 69 MB
//! of XML, its sheets streamed).

mod ods;
mod ole;
mod zip;

use crate::read::refs::a1;

pub(crate) use zip::{Format, check as check_zip, diagnose};

/// Largest return file accepted (a filled form is ~20 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total size of the parts of an xlsx/ods once inflated, as the zip declares it.
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;
/// Largest number of parts in an xlsx/ods.
pub const MAX_ZIP_ENTRIES: usize = 5_000;
/// Cells kept in memory for one file, all sheets together: xlsx cells in the sparse maps, the
/// dense ranges calamine builds for an xls or ods.
pub const MAX_CELLS: u64 = 6_000_000;
/// Bytes of text the reader may copy into cells (a shared string used by many cells is copied each time).
pub const MAX_TEXT_BYTES: u64 = 128 * 1024 * 1024;
/// Shared strings (xlsx `uniqueCount`, xls SST entries) in one file.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip: xlsx, xlsm or ods.
    Zip,
    /// An OLE compound file: xls, or an encrypted (password-protected) xlsx.
    Ole,
}

fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn count(n: u64) -> String {
    crate::value::format_vi(n as f64)
}

/// What a unit is asked to do with a file refused for its structure.
pub(crate) const RETRY: &str = "đề nghị đơn vị mở biểu mẫu bằng Excel, lưu lại rồi gửi lại; nếu tệp không do đơn vị gửi thì xóa tệp này";

/// The message for a file whose inner structure is broken in a way no spreadsheet program writes.
pub(crate) fn damaged() -> String {
    "tệp bị hỏng hoặc có cấu trúc bất thường nên không đọc được an toàn: đề nghị đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại".into()
}

/// Running totals of what reading one file lays out in memory.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    cells: u64,
    text: u64,
    strings: u64,
}

impl Budget {
    /// Add `n` cells of a sheet; `far` is a cell far out, to name in the message.
    pub fn cells(&mut self, sheet: &str, n: u64, far: Option<(u32, u32)>) -> Result<(), String> {
        self.cells = self.cells.saturating_add(n);
        if self.cells <= MAX_CELLS {
            return Ok(());
        }
        Err(match far {
            Some((r, c)) => format!(
                "trang “{sheet}” có dữ liệu ở ô {}, quá xa vùng biểu mẫu: để đọc, công cụ phải dựng {} ô (giới hạn {}) nên tệp không được đọc. Đề nghị đơn vị xóa nội dung thừa ở ô {} (trang “{sheet}”), lưu và gửi lại",
                a1(r, c),
                count(n),
                count(MAX_CELLS),
                a1(r, c)
            ),
            None => too_many(sheet, n),
        })
    }

    /// One more cell kept of a sheet that keeps `kept` cells with it.
    pub fn cell(&mut self, sheet: &str, kept: u64) -> Result<(), String> {
        self.cells = self.cells.saturating_add(1);
        if self.cells <= MAX_CELLS {
            return Ok(());
        }
        Err(too_many(sheet, kept))
    }

    /// A sheet whose data spans `area` cells from its first to its farthest cell `far`. Nothing is
    /// laid out densely for an xlsx, but no form spans more than a few thousand cells: data that far
    /// out is a slip of the keyboard or a crafted file, and any reader that lays the sheet out
    /// (Excel's used range, calamine's `Range`) would build that many cells.
    pub fn area(sheet: &str, area: u64, far: (u32, u32)) -> Result<(), String> {
        if area <= MAX_CELLS {
            return Ok(());
        }
        let at = a1(far.0, far.1);
        Err(format!(
            "trang “{sheet}” có dữ liệu ở ô {at}, quá xa vùng biểu mẫu: vùng dữ liệu của trang trải trên {} ô (giới hạn {}) nên tệp không được đọc. Đề nghị đơn vị xóa nội dung thừa ở ô {at} (trang “{sheet}”), lưu và gửi lại",
            count(area),
            count(MAX_CELLS)
        ))
    }

    /// Add `n` bytes of text copied into the cells of a sheet.
    pub fn text(&mut self, sheet: &str, n: u64) -> Result<(), String> {
        self.text = self.text.saturating_add(n);
        if self.text <= MAX_TEXT_BYTES {
            return Ok(());
        }
        Err(self.text_message(sheet))
    }

    /// The message for text over the limit, with all the text counted so far.
    pub fn text_message(&self, sheet: &str) -> String {
        format!(
            "trang “{sheet}” lặp lại chữ trong rất nhiều ô: để đọc, công cụ phải chép {} MB chữ (giới hạn {} MB) nên tệp không được đọc. Đề nghị đơn vị xóa các ô chép lặp thừa, lưu và gửi lại",
            count(mb(self.text)),
            mb(MAX_TEXT_BYTES)
        )
    }

    pub fn strings(&mut self, n: u64) -> Result<(), String> {
        self.strings = self.strings.saturating_add(n);
        if self.strings <= MAX_SHARED_STRINGS {
            return Ok(());
        }
        Err(format!(
            "tệp có hoặc khai báo {} đoạn chữ khác nhau (giới hạn {}), không phải biểu mẫu báo cáo: đề nghị đơn vị gửi đúng tệp biểu mẫu đã điền",
            count(self.strings),
            count(MAX_SHARED_STRINGS)
        ))
    }
}

fn too_many(sheet: &str, n: u64) -> String {
    format!(
        "trang “{sheet}” khai báo hoặc chứa quá nhiều ô ({}, giới hạn {}) nên tệp không được đọc: đề nghị đơn vị xóa các dòng, cột thừa, lưu và gửi lại",
        count(n),
        count(MAX_CELLS)
    )
}

/// A rectangle of cells, 0-based and inclusive, with the cell that last widened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bbox {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
    pub far: (u32, u32),
}

impl Bbox {
    pub fn add(b: &mut Option<Bbox>, row: u32, col: u32) {
        match b {
            None => {
                *b = Some(Bbox {
                    top: row,
                    left: col,
                    bottom: row,
                    right: col,
                    far: (row, col),
                })
            }
            Some(b) => {
                if row < b.top || row > b.bottom || col < b.left || col > b.right {
                    b.far = (row, col);
                }
                b.top = b.top.min(row);
                b.left = b.left.min(col);
                b.bottom = b.bottom.max(row);
                b.right = b.right.max(col);
            }
        }
    }

    /// Cells of the rectangle: what a dense `Range` of it allocates.
    pub fn cells(&self) -> u64 {
        (u64::from(self.bottom - self.top) + 1) * (u64::from(self.right - self.left) + 1)
    }
}

/// Sniff the kind, or say in Vietnamese what the file is instead.
pub fn sniff(bytes: &[u8]) -> Result<Kind, String> {
    if bytes.is_empty() {
        return Err("tệp rỗng (0 byte): đơn vị cần gửi lại tệp báo cáo".into());
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Zip);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Kind::Ole);
    }
    let what = if bytes.starts_with(b"%PDF") {
        "tệp PDF"
    } else if bytes.starts_with(b"PK") {
        "tệp nén hỏng"
    } else if bytes.starts_with(&[0xFF, 0xD8]) || bytes.starts_with(b"\x89PNG") {
        "tệp ảnh"
    } else if bytes.starts_with(b"{\\rtf") {
        "tệp văn bản RTF"
    } else if std::str::from_utf8(&bytes[..bytes.len().min(512)])
        .map_or_else(|e| e.error_len().is_none(), |_| true)
        && !bytes.contains(&0)
    {
        "tệp văn bản thường (có thể là CSV hoặc HTML)"
    } else {
        "tệp không rõ loại"
    };
    Err(format!(
        "không phải tệp bảng tính ({what}): đơn vị cần gửi lại đúng tệp Excel (.xlsx) của biểu mẫu"
    ))
}

/// Refuse an .xls that calamine would loop on, overflow, or lay out too large, before calamine.
pub fn check_ole(bytes: &[u8]) -> Result<(), String> {
    ole::check(bytes, &mut Budget::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert!(sniff(b"").unwrap_err().contains("0 byte"));
        assert!(sniff(b"%PDF-1.7").unwrap_err().contains("PDF"));
        assert!(
            sniff("Tên;Số\n".as_bytes())
                .unwrap_err()
                .contains("văn bản")
        );
        assert!(sniff(&[1, 2, 0, 200]).unwrap_err().contains("không rõ"));
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(Kind::Zip));
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 1]), Ok(Kind::Ole));
        assert!(check_zip(b"PK\x03\x04broken").unwrap_err().contains("hỏng"));
        assert!(
            check_ole(&[0xD0, 0xCF, 0x11, 0xE0, 1])
                .unwrap_err()
                .contains("hỏng")
        );
    }

    #[test]
    fn budget_names_the_sheet_and_cell() {
        let mut b = Budget::default();
        assert!(b.cells("Báo cáo", 1_000, Some((5, 2))).is_ok());
        let e = b
            .cells("Báo cáo", MAX_CELLS, Some((1_048_575, 16_383)))
            .unwrap_err();
        assert!(e.contains("trang “Báo cáo”"), "{e}");
        assert!(e.contains("ô XFD1048576"), "{e}");
        let e = Budget::area("Báo cáo", MAX_CELLS + 1, (1_048_575, 16_383)).unwrap_err();
        assert!(
            e.contains("ô XFD1048576") && e.contains("6.000.001 ô"),
            "{e}"
        );
        assert!(Budget::area("Báo cáo", MAX_CELLS, (0, 0)).is_ok());
        assert!(
            b.text("T", MAX_TEXT_BYTES + 1)
                .unwrap_err()
                .contains("MB chữ")
        );
    }
}
