//! Checks made before a return is handed to calamine: size, kind of file, and what reading it would
//! cost. calamine limits nothing (crates.md): a few kilobytes can claim a cell at XFD1048576 (a dense
//! grid of 17 billion cells), inflate to gigabytes, repeat one ods cell millions of times or loop an
//! .xls sector chain forever. Every such file is measured here in bounded memory and refused with a
//! plain message, so one return can never take the others down.
//!
//! Limits are far above any real return (a filled form is ~20 KB, 3 sheets, ~1,000 cells) and high
//! enough for a summary of ~25,000 units read back by `merge` (a summary of 10,000 units measured
//! 77 MB of XML and 1.6 million cells). At those limits one file costs the reader at most a few
//! hundred MB; the bombs in tests/fixtures/hostile are refused in ~15 MB.

mod fast;
mod ole;
mod package;
mod stored;
mod xml;

use crate::read::refs::a1;

/// Largest return file accepted (a filled form is ~20 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total size of the parts of an xlsx/ods once inflated.
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;
/// Largest number of parts in an xlsx/ods.
pub const MAX_ZIP_ENTRIES: usize = 5_000;
/// Cells the reader may lay out in memory for one file, all sheets together (~32 bytes each).
pub const MAX_CELLS: u64 = 6_000_000;
/// Bytes of text the reader may copy into cells (a shared string used by many cells is copied each time).
pub const MAX_TEXT_BYTES: u64 = 128 * 1024 * 1024;
/// Shared strings (xlsx `<si>`, xls SST entries) in one file.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// Style records, defined names, sheets and relationships in one file.
pub const MAX_RECORDS: u64 = 200_000;

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

/// The message for a file whose inner structure is broken in a way no spreadsheet program writes.
fn damaged() -> String {
    "tệp bị hỏng hoặc có cấu trúc bất thường nên không đọc được an toàn: đề nghị đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại".into()
}

/// Running totals of what reading one file would lay out in memory.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    cells: u64,
    text: u64,
    strings: u64,
}

impl Budget {
    /// Add the dense cell grid of one sheet; `far` is a cell far out, to name in the message.
    fn cells(&mut self, sheet: &str, n: u64, far: Option<(u32, u32)>) -> Result<(), String> {
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
            None => format!(
                "trang “{sheet}” khai báo hoặc chứa quá nhiều ô ({}, giới hạn {}) nên tệp không được đọc: đề nghị đơn vị xóa các dòng, cột thừa, lưu và gửi lại",
                count(n),
                count(MAX_CELLS)
            ),
        })
    }

    fn text(&mut self, sheet: &str, n: u64) -> Result<(), String> {
        self.text = self.text.saturating_add(n);
        if self.text <= MAX_TEXT_BYTES {
            return Ok(());
        }
        Err(format!(
            "trang “{sheet}” lặp lại chữ trong rất nhiều ô: để đọc, công cụ phải chép {} MB chữ (giới hạn {} MB) nên tệp không được đọc. Đề nghị đơn vị xóa các ô chép lặp thừa, lưu và gửi lại",
            count(mb(n)),
            mb(MAX_TEXT_BYTES)
        ))
    }

    fn strings(&mut self, n: u64) -> Result<(), String> {
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

pub use package::Inflated;
pub(crate) use xml::{parse_ref_bytes, valid_dimension};

/// A visitor that rides along the guard's byte scan of one part and makes something of it (the
/// direct reader's cells or strings), so that the part is walked once. It is finished only when
/// the byte scan answered for the part and the rider never declined.
pub(crate) trait Rider<P>: crate::read::tags::Visit {
    fn finish(self: Box<Self>) -> Option<P>;
}

/// Which rider, if any, rides along the scan of the part of this name.
pub(crate) type Riders<'a, P> = &'a dyn Fn(&str) -> Option<Box<dyn Rider<P>>>;

/// Refuse an xlsx/ods that is not a spreadsheet or would cost more than any return, before it is
/// read. A package of ordinary size comes back with its parts inflated (and what the riders made of
/// them), for a reader to use without inflating them again; None means the original bytes are to be
/// read.
pub(crate) fn check_zip<P>(bytes: &[u8], riders: Riders<P>) -> Result<Option<Inflated<P>>, String> {
    package::check(bytes, &mut Budget::default(), riders)
}

/// The parts as one zip with every part stored (not compressed), for calamine to read them
/// without inflating them again.
pub fn stored<P>(parts: &[(String, Vec<u8>, P)]) -> Result<Vec<u8>, String> {
    let room = parts.iter().map(|(n, p, _)| p.len() + n.len() + 128).sum();
    let mut zip = stored::Stored::with_capacity(room);
    for (name, part, _) in parts {
        zip.add(name, part).ok_or_else(damaged)?;
    }
    zip.finish().ok_or_else(damaged)
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
        assert!(
            check_zip::<()>(b"PK\x03\x04broken", &|_| None)
                .unwrap_err()
                .contains("hỏng")
        );
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
        assert!(
            b.text("T", MAX_TEXT_BYTES + 1)
                .unwrap_err()
                .contains("MB chữ")
        );
    }
}
