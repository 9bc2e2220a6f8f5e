//! Zip packages (xlsx, xlsm, ods) before calamine opens them, with the zip crate's API only: the
//! entry count and declared sizes from the central directory, the shared strings' declared count
//! (calamine #684), and for an ods the scan of `content.xml`. The zip crate refuses to inflate an
//! entry past its declared size, so the declared sizes bound what calamine can inflate.

use super::{Budget, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, RETRY, damaged, mb};
use std::io::{BufReader, Cursor, Read};
use zip::ZipArchive;

/// Largest declared size of each part calamine parses whole when it opens an xlsx or ods (the
/// relationships, workbook, styles, theme, meta): its memory grows with the part, ~30 bytes per
/// byte of styles.
const MAX_HELD_PART_BYTES: u64 = 4 * 1024 * 1024;
/// Largest declared size of the shared strings of an xlsx (held whole by calamine, ~2–5 bytes of
/// memory per byte).
const MAX_SHARED_STRINGS_BYTES: u64 = 32 * 1024 * 1024;

/// The parts held whole, by the end of their lower-cased name.
const HELD_XLSX: [&str; 4] = [".rels", "workbook.xml", "styles.xml", "theme1.xml"];
const HELD_ODS: [&str; 2] = ["meta.xml", "manifest.xml"];

/// Parts calamine never opens: they cost nothing as long as nobody inflates them.
const UNREAD: [&str; 5] = [
    "docProps/",
    "xl/media/",
    "xl/printerSettings/",
    "customXml/",
    "Thumbnails/",
];

/// Which reader the package is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Ods,
}

fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, String> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "tệp bị hỏng hoặc không trọn vẹn (không mở được phần nén): đơn vị cần lưu lại và gửi lại tệp"
            .to_string()
    })
}

fn lied(name: &str, claimed: u64) -> String {
    format!(
        "phần “{name}” của tệp giải nén ra nhiều hơn kích thước tệp tự khai ({claimed} byte) — dấu hiệu tệp bị sửa hoặc độc hại kiểu “zip bomb” — nên tệp không được đọc: {RETRY}"
    )
}

/// The zip reader's error when an entry inflates past its declared size.
fn is_lie(e: &std::io::Error) -> bool {
    e.to_string().contains("declared")
}

/// Refuse a zip that is not a spreadsheet package or that would cost more than a return can, and
/// say which reader it is for.
pub(crate) fn check(bytes: &[u8]) -> Result<Format, String> {
    let mut zip = open(bytes)?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "tệp có quá nhiều thành phần ({}, giới hạn {MAX_ZIP_ENTRIES}) nên không phải biểu mẫu báo cáo: {RETRY}",
            zip.len()
        ));
    }
    if zip.has_duplicate_names() {
        return Err(damaged());
    }
    let mut parts = Vec::with_capacity(zip.len());
    let mut declared: u64 = 0;
    let mut biggest = (String::new(), 0u64);
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| damaged())?;
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        declared = declared.saturating_add(f.size());
        if f.size() > biggest.1 {
            biggest = (name.clone(), f.size());
        }
        parts.push((name, f.size()));
    }
    let has = |p: &str| parts.iter().any(|(n, _)| n.eq_ignore_ascii_case(p));
    if parts.iter().any(|(n, _)| n.starts_with("word/")) {
        return Err("đây là tệp Word (.docx) đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
    }
    if parts.iter().any(|(n, _)| n.starts_with("ppt/")) {
        return Err("đây là tệp PowerPoint đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
    }
    if !has("[Content_Types].xml") && !has("xl/workbook.xml") && !has("content.xml") {
        return Err("đây là một tệp nén (.zip) thông thường, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu (giải nén ra nếu đã nén lại)".into());
    }
    if declared > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "tệp khai báo {} MB khi giải nén (phần “{}” chiếm {} MB), vượt giới hạn {} MB của một báo cáo — có thể là tệp độc hại kiểu “zip bomb” — nên không được đọc: {RETRY}",
            mb(declared),
            biggest.0,
            mb(biggest.1),
            mb(MAX_UNZIPPED_BYTES)
        ));
    }
    // an ods starts with its stored mimetype
    let format = if bytes
        .windows(39)
        .take(200)
        .any(|w| w == b"application/vnd.oasis.opendocument.spre")
    {
        Format::Ods
    } else {
        Format::Xlsx
    };
    let mut budget = Budget::default();
    for (i, (name, size)) in parts.iter().enumerate() {
        let lower = name.to_ascii_lowercase();
        let strings = format == Format::Xlsx && lower.ends_with("sharedstrings.xml");
        let content = format == Format::Ods && name == "content.xml";
        let held = match format {
            Format::Xlsx => strings || HELD_XLSX.iter().any(|h| lower.ends_with(h)),
            Format::Ods => HELD_ODS.iter().any(|h| lower.ends_with(h)),
        };
        let cap = if strings {
            MAX_SHARED_STRINGS_BYTES
        } else {
            MAX_HELD_PART_BYTES
        };
        if held && *size > cap {
            return Err(format!(
                "phần “{name}” của tệp khai báo {} MB khi giải nén (giới hạn {} MB cho phần này), không phải biểu mẫu báo cáo: {RETRY}",
                mb(*size),
                mb(cap)
            ));
        }
        if !strings && !content {
            continue;
        }
        let mut f = Watched {
            inner: zip.by_index(i).map_err(|_| damaged())?,
            failed: None,
        };
        if strings {
            let mut most = 0u64;
            let read = search(&mut f, b"uniqueCount", 40, |tail| {
                most = most.max(declared_count(tail));
            });
            if let Err(e) = read {
                return Err(if is_lie(&e) {
                    lied(name, *size)
                } else {
                    damaged()
                });
            }
            budget.strings(most)?;
        } else {
            let scan = super::ods::scan(BufReader::new(&mut f));
            if f.failed.as_ref().is_some_and(is_lie) {
                return Err(lied(name, *size));
            }
            if scan.doctype {
                return Err(doctype(name));
            }
            if scan.unterminated || f.failed.is_some() {
                return Err(damaged());
            }
            for t in &scan.tables {
                let far = t.far.map(|(r, c)| {
                    (
                        r.min(u64::from(u32::MAX)) as u32,
                        c.min(u64::from(u32::MAX)) as u32,
                    )
                });
                budget.cells(&t.name, t.cells, far)?;
                budget.text(&t.name, t.text)?;
            }
        }
    }
    Ok(format)
}

fn doctype(name: &str) -> String {
    format!(
        "phần “{name}” của tệp có khai báo DOCTYPE/thực thể XML, thứ Excel và LibreOffice không bao giờ ghi (kiểu tấn công “billion laughs”), nên tệp không được đọc: {RETRY}"
    )
}

/// The number written after `uniqueCount`, as calamine reads it (`uniqueCount="123"`), else 0.
fn declared_count(tail: &[u8]) -> u64 {
    let mut t = tail.iter().skip_while(|b| b.is_ascii_whitespace());
    if t.next() != Some(&b'=') {
        return 0;
    }
    let mut t = t.skip_while(|b| b.is_ascii_whitespace());
    if !matches!(t.next(), Some(b'"' | b'\'')) {
        return 0;
    }
    t.take_while(|b| b.is_ascii_digit()).fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

/// After calamine failed on an xlsx: the part that inflates past its declared size, or that declares
/// a DOCTYPE (calamine refuses its entities), to name in the message.
pub(crate) fn diagnose(bytes: &[u8]) -> Option<String> {
    let mut zip = open(bytes).ok()?;
    for i in 0..zip.len() {
        let mut f = Watched {
            inner: zip.by_index(i).ok()?,
            failed: None,
        };
        let name = f.inner.name().map(|n| n.to_string()).unwrap_or_default();
        if UNREAD.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let claimed = f.inner.size();
        let mut doctype_found = false;
        match search(&mut f, b"<!DOCTYPE", 0, |_| doctype_found = true) {
            Err(e) if is_lie(&e) => return Some(lied(&name, claimed)),
            _ if doctype_found => return Some(doctype(&name)),
            _ => {}
        }
    }
    None
}

/// A reader that remembers the error its inner reader gave (the zip reader's, through quick-xml).
struct Watched<R> {
    inner: R,
    failed: Option<std::io::Error>,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        })
    }
}

/// Call `found` with up to `tail` bytes that follow each occurrence of `needle`, reading `r` in
/// chunks (a plain byte search, no XML parsing).
fn search(
    r: &mut impl Read,
    needle: &[u8],
    tail: usize,
    mut found: impl FnMut(&[u8]),
) -> std::io::Result<()> {
    let keep = needle.len() + tail;
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match r.read(&mut chunk) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => other?,
        };
        buf.extend_from_slice(&chunk[..n]);
        // occurrences starting before `end` have their whole tail in the buffer
        let end = if n == 0 {
            buf.len()
        } else {
            buf.len().saturating_sub(keep)
        };
        for i in 0..end {
            if buf[i..].starts_with(needle) {
                found(&buf[i + needle.len()..(i + keep).min(buf.len())]);
            }
        }
        if n == 0 {
            return Ok(());
        }
        buf.drain(..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_counts_across_chunks() {
        assert_eq!(declared_count(b"=\"123\" count"), 123);
        assert_eq!(declared_count(b" = '7'"), 7);
        assert_eq!(declared_count(b"=\"99999999999999999999999\""), u64::MAX);
        assert_eq!(declared_count(b"=5"), 0);
        let mut xml = vec![b' '; 64 * 1024 - 5];
        xml.extend_from_slice(b"<sst uniqueCount=\"100000000000\"><si/></sst>");
        let mut seen = Vec::new();
        search(&mut &xml[..], b"uniqueCount", 40, |t| {
            seen.push(declared_count(t))
        })
        .expect("read");
        assert_eq!(seen, vec![100_000_000_000]);
    }
}
