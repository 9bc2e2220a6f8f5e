//! Zip packages (xlsx, xlsm, ods): every part inflated once under a hard cap (so sizes that lie are
//! caught), every part scanned (byte scan, else XML scan), sheets resolved to their parts, and the
//! total cost checked. A return's parts are then handed on inflated, so they are not inflated a
//! second time.

use super::xml::{self, PartScan};
use super::{Budget, MAX_RECORDS, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, damaged, mb};
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

/// A reader that fails once more than `limit` bytes came out of it.
struct Capped<R> {
    inner: R,
    read: u64,
    limit: u64,
    over: bool,
    /// What the zip reader said when it failed (bad checksum, size over the declared one…).
    failed: Option<String>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self
            .inner
            .read(buf)
            .inspect_err(|e| self.failed = Some(e.to_string()))?;
        self.read += n as u64;
        if self.read > self.limit {
            self.over = true;
            return Err(std::io::Error::other("part larger than allowed"));
        }
        Ok(n)
    }
}

const RETRY: &str = "đề nghị đơn vị mở biểu mẫu bằng Excel, lưu lại rồi gửi lại; nếu tệp không do đơn vị gửi thì xóa tệp này";

/// Lower-case, forward slashes: how calamine looks parts up.
fn norm(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Parts up to this size may take the byte scan (a filled form's worksheet is ~80 KB).
const FAST_MAX: u64 = 8 * 1024 * 1024;

/// Packages whose parts declare at most this much in all are inflated whole and handed on stored.
const INLINE_MAX: u64 = 32 * 1024 * 1024;

/// The parts of a package (name as in the zip, bytes inflated, what its rider made of it), as the
/// guard hands them on.
pub type Inflated<P> = Vec<(String, Vec<u8>, Option<P>)>;

/// Refuse a zip that is not a spreadsheet package or that would cost more than a return can;
/// otherwise give back the parts a reader may read, inflated (None for a large package, scanned as a
/// stream: it is read from the original bytes).
pub(super) fn check<P>(
    bytes: &[u8],
    budget: &mut Budget,
    riders: super::Riders<P>,
) -> Result<Option<Inflated<P>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "tệp bị hỏng hoặc không trọn vẹn (không mở được phần nén): đơn vị cần lưu lại và gửi lại tệp"
            .to_string()
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "tệp có quá nhiều thành phần ({}, giới hạn {MAX_ZIP_ENTRIES}) nên không phải biểu mẫu báo cáo: {RETRY}",
            zip.len()
        ));
    }
    if zip.has_duplicate_names() {
        return Err(damaged());
    }
    let mut names = Vec::with_capacity(zip.len());
    let mut declared: u64 = 0;
    let mut biggest = (String::new(), 0u64);
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| damaged())?;
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        declared = declared.saturating_add(f.size());
        if f.size() > biggest.1 {
            biggest = (name.clone(), f.size());
        }
        names.push(name);
    }
    let has = |p: &str| names.iter().any(|n| norm(n) == p);
    if names.iter().any(|n| n.starts_with("word/")) {
        return Err("đây là tệp Word (.docx) đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
    }
    if names.iter().any(|n| n.starts_with("ppt/")) {
        return Err("đây là tệp PowerPoint đổi đuôi, không phải bảng tính: đơn vị cần gửi tệp Excel của biểu mẫu".into());
    }
    if !has("[content_types].xml") && !has("xl/workbook.xml") && !has("content.xml") {
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
    let mut parts: Vec<(String, PartScan)> = Vec::with_capacity(zip.len());
    let mut left = MAX_UNZIPPED_BYTES;
    let inline = declared <= INLINE_MAX;
    // The parts a reader may read, inflated once here and handed on, so that nobody inflates them
    // a second time.
    let mut inflated: Inflated<P> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        // Parts calamine never opens (theme, document properties, printer settings, media) cost
        // nothing as long as nobody inflates them: they are neither read here nor handed on.
        let unread = [
            "docProps/",
            "xl/theme/",
            "xl/printerSettings/",
            "xl/media/",
            "customXml/",
        ]
        .iter()
        .any(|p| name.starts_with(p));
        if unread {
            continue;
        }
        let f = zip.by_index(i).map_err(|_| damaged())?;
        let claimed = f.size();
        let mut capped = Capped {
            inner: f,
            read: 0,
            limit: claimed.min(left),
            over: false,
            failed: None,
        };
        // Small packages (every return) are inflated whole; a large one is scanned as a stream, so a
        // bomb that declares its size honestly never sits in memory.
        let (streamed, part) = if inline {
            let mut part = Vec::with_capacity(claimed as usize);
            let _ = capped.read_to_end(&mut part);
            (None, part)
        } else {
            (Some(xml::scan(BufReader::new(&mut capped))), Vec::new())
        };
        if streamed.is_some() && !capped.over {
            // what a streamed scan did not need, inflated and dropped: the real size of every part is known
            let _ = std::io::copy(&mut capped, &mut std::io::sink());
        }
        let lied = capped
            .failed
            .as_deref()
            .is_some_and(|e| e.contains("declared"));
        if capped.failed.is_some() && !lied {
            return Err(damaged());
        }
        if capped.over || lied {
            return Err(format!(
                "phần “{name}” của tệp giải nén ra nhiều hơn kích thước tệp tự khai ({claimed} byte) — dấu hiệu tệp bị sửa hoặc độc hại kiểu “zip bomb” — nên tệp không được đọc: {RETRY}"
            ));
        }
        left -= capped.read;
        let (scan, made) = match streamed {
            Some(scan) => (scan, None),
            // plain xlsx parts (nearly every return) take the byte scan, with a rider if one is
            // wanted; anything else the XML scan
            None if claimed <= FAST_MAX => match riders(name) {
                Some(mut rider) => match super::fast::part_with(&part, rider.as_mut()) {
                    Some((scan, true)) => (scan, rider.finish()),
                    Some((scan, false)) => (scan, None),
                    None => (xml::scan(&part[..]), None),
                },
                None => (
                    super::fast::part(&part).unwrap_or_else(|| xml::scan(&part[..])),
                    None,
                ),
            },
            None => (xml::scan(&part[..]), None),
        };
        if scan.doctype {
            return Err(format!(
                "phần “{name}” của tệp có khai báo DOCTYPE/thực thể XML, thứ Excel và LibreOffice không bao giờ ghi (kiểu tấn công “billion laughs”), nên tệp không được đọc: {RETRY}"
            ));
        }
        if scan.unterminated {
            return Err(damaged());
        }
        parts.push((norm(name), scan));
        if inline {
            inflated.push((name.clone(), part, made));
        }
    }
    tally(&parts, budget)?;
    Ok(inline.then_some(inflated))
}

/// Sheets → parts (through the relationships next to each workbook part), then the budget.
fn tally(parts: &[(String, PartScan)], budget: &mut Budget) -> Result<(), String> {
    let by_name: HashMap<&str, &PartScan> = parts.iter().map(|(n, s)| (n.as_str(), s)).collect();
    // how many sheet entries read each part, and the first sheet name seen for it
    let mut loads: HashMap<String, (u64, String)> = HashMap::new();
    let mut records = 0u64;
    for (name, scan) in parts {
        records = records.saturating_add(scan.records);
        if scan.sheets.is_empty() {
            continue;
        }
        let dir = dir_of(name);
        let rels_name = format!("{dir}_rels/{}.rels", &name[dir.len()..]);
        let rels: HashMap<&str, &str> = by_name
            .get(rels_name.as_str())
            .map(|r| {
                r.rels
                    .iter()
                    .map(|(i, t)| (i.as_str(), t.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        for (sheet, id) in &scan.sheets {
            let Some(target) = rels.get(id.as_str()) else {
                continue;
            };
            let path = match target.strip_prefix('/') {
                Some(abs) => norm(abs),
                None => norm(&format!("{dir}{target}")),
            };
            let e = loads.entry(path).or_insert((0, sheet.clone()));
            e.0 += 1;
        }
    }
    if records > MAX_RECORDS {
        return Err(format!(
            "tệp có {records} mục định dạng, tên hoặc trang (giới hạn {MAX_RECORDS}), không phải biểu mẫu báo cáo: {RETRY}"
        ));
    }
    // shared strings: the longest text at each index over every shared-strings part
    let mut si: Vec<u64> = Vec::new();
    for (_, scan) in parts {
        budget.strings((scan.si_bytes.len() as u64).max(scan.si_claimed))?;
        for (i, n) in scan.si_bytes.iter().enumerate() {
            if i >= si.len() {
                si.push(*n);
            } else {
                si[i] = si[i].max(*n);
            }
        }
    }
    for (name, scan) in parts {
        let (times, sheet) = loads
            .get(name)
            .map(|(n, s)| ((*n).max(1), s.clone()))
            .unwrap_or_else(|| (1, name.clone()));
        if let Some(bad) = &scan.bad_ref {
            return Err(format!(
                "trang “{sheet}” có tham chiếu ô không hợp lệ (“{}”), thứ Excel và LibreOffice không bao giờ ghi, nên tệp không được đọc: {RETRY}",
                bad.chars().take(40).collect::<String>()
            ));
        }
        if let Some(b) = scan.bbox {
            budget.cells(&sheet, b.cells().saturating_mul(times), Some(b.far))?;
        }
        let text: u64 = scan
            .shared_refs
            .iter()
            .map(|i| si.get(*i as usize).copied().unwrap_or(0))
            .fold(0u64, u64::saturating_add);
        budget.text(&sheet, text.saturating_mul(times))?;
        for t in &scan.ods {
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
    Ok(())
}
