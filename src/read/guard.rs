//! Checks made before a return is handed to calamine: size, kind of file, and zip sizes (bombs).

use std::io::Cursor;

/// Largest return file accepted (a filled form is ~30 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total uncompressed size of the parts of an xlsx/ods.
pub const MAX_UNZIPPED_BYTES: u64 = 300 * 1024 * 1024;
/// Largest number of parts in an xlsx/ods.
pub const MAX_ZIP_ENTRIES: usize = 5_000;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip: xlsx, xlsm or ods.
    Zip,
    /// An OLE compound file: xls, or an encrypted (password-protected) xlsx.
    Ole,
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
    } else if bytes.iter().take(512).all(|b| b.is_ascii() || *b >= 0x80) && !bytes.contains(&0) {
        "tệp văn bản thường (có thể là CSV hoặc HTML)"
    } else {
        "tệp không rõ loại"
    };
    Err(format!(
        "không phải tệp bảng tính ({what}): đơn vị cần gửi lại đúng tệp Excel (.xlsx) của biểu mẫu"
    ))
}

/// Refuse zips whose parts claim sizes no form has, before any part is inflated.
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "tệp bị hỏng hoặc không trọn vẹn (không mở được phần nén): đơn vị cần lưu và gửi lại tệp".to_string())?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "tệp có quá nhiều thành phần ({}), không phải biểu mẫu báo cáo",
            archive.len()
        ));
    }
    let mut archive = archive;
    let mut total: u64 = 0;
    let mut is_docx = false;
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|_| {
            "tệp bị hỏng (mục lục phần nén sai): đơn vị cần lưu và gửi lại tệp".to_string()
        })?;
        total = total.saturating_add(f.size());
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("word/") {
            is_docx = true;
        }
        if name.starts_with("ppt/") {
            return Err("đây là tệp PowerPoint đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
        }
    }
    if is_docx {
        return Err("đây là tệp Word (.docx) đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "tệp khai báo kích thước giải nén {} MB, vượt giới hạn {} MB (có thể là tệp độc hại “zip bomb”); tệp không được đọc",
            total / 1_048_576,
            MAX_UNZIPPED_BYTES / 1_048_576
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert!(sniff(b"").unwrap_err().contains("0 byte"));
        assert!(sniff(b"%PDF-1.7").unwrap_err().contains("PDF"));
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(Kind::Zip));
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 1]), Ok(Kind::Ole));
        assert!(check_zip(b"PK\x03\x04broken").unwrap_err().contains("hỏng"));
    }
}
