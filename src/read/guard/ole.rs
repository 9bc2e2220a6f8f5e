//! Legacy .xls (an OLE compound file holding a BIFF "Workbook" stream): walk it the way calamine 0.38
//! does, but with every chain bounded and every record length checked, and measure the cells and text
//! calamine would lay out. calamine reads every sheet of an .xls as soon as the file is opened.

use super::Bbox;
use super::{Budget, damaged};

const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sheets of an .xls (BoundSheet records) read at most.
const MAX_SHEETS: usize = 256;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> Option<Vec<u32>> {
    b.len().is_multiple_of(4).then(|| {
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    })
}

/// The compound file as calamine sees it: sectors after the header, FAT, mini stream.
struct Cfb<'a> {
    bytes: &'a [u8],
    header: usize,
    size: usize,
    maxid: u64,
    fats: Vec<u32>,
}

impl<'a> Cfb<'a> {
    /// Sector `id` (possibly short at the end of the file); None where calamine fails.
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        if u64::from(id) > self.maxid {
            return None;
        }
        let start = self.header + id as usize * self.size;
        let end = (start + self.size).min(self.bytes.len());
        Some(self.bytes.get(start..end).unwrap_or(&[]))
    }

    /// A sector chain cut at `len` bytes; None on a loop, a bad index or a sector past the end.
    fn chain(&self, mut id: u32, len: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut steps = 0u64;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > self.maxid + 1 {
                return None;
            }
            let s = self.sector(id)?;
            let take = (s.len() as u64).min(len - out.len() as u64) as usize;
            out.extend_from_slice(&s[..take]);
            if out.len() as u64 >= len {
                break;
            }
            id = *self.fats.get(id as usize)?;
        }
        Some(out)
    }
}

/// A chain of 64-byte mini sectors inside the mini stream.
fn mini_chain(stream: &[u8], fats: &[u32], mut id: u32, len: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    while id != END_OF_CHAIN {
        steps += 1;
        if steps > fats.len() + 1 {
            return None;
        }
        let start = id as usize * 64;
        let s = stream.get(start..start + 64)?;
        let take = (64u64).min(len - out.len() as u64) as usize;
        out.extend_from_slice(&s[..take]);
        if out.len() as u64 >= len {
            break;
        }
        id = *fats.get(id as usize)?;
    }
    Some(out)
}

/// The "Workbook" (or "Book") stream, or None when calamine would fail, loop or panic on the file.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 512 || !bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return None;
    }
    let version = u16_at(bytes, 26)?;
    let size = match u16_at(bytes, 30)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    if u16_at(bytes, 32)? != 6 || bytes.len() < size {
        return None;
    }
    let dir_start = u32_at(bytes, 48)?;
    let mini_fat_start = u32_at(bytes, 60)?;
    let mini_fat_len = u64::from(u32_at(bytes, 64)?);
    let mut difat_id = u32_at(bytes, 68)?;
    let mut cfb = Cfb {
        bytes,
        header: size,
        size,
        maxid: (bytes.len() / size) as u64,
        fats: Vec::new(),
    };
    let mut difat = u32s(&bytes[76..512])?;
    let mut difat_sectors = 0u64;
    while difat_id < RESERVED {
        difat_sectors += 1;
        if difat_sectors > cfb.maxid + 1 {
            return None;
        }
        difat.extend(u32s(cfb.sector(difat_id)?)?);
        difat_id = difat.pop()?;
    }
    let fat_ids: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_ids.len() as u64 > cfb.maxid + 1 {
        return None; // more FAT sectors than the file has sectors: a memory bomb
    }
    let mut fats = Vec::new();
    for id in fat_ids {
        fats.extend(u32s(cfb.sector(id)?)?);
    }
    cfb.fats = fats;
    let dirs_raw = cfb.chain(dir_start, u64::MAX)?;
    let large = size == 4096;
    let dirs: Vec<(String, u32, u64)> = dirs_raw
        .chunks_exact(128)
        .map(|c| {
            let units: Vec<u16> = c[..64]
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(l) = name.bytes().position(|b| b == 0) {
                name.truncate(l);
            }
            let len = if large {
                u64::from_le_bytes(c[120..128].try_into().unwrap_or_default())
            } else {
                u64::from(u32::from_le_bytes(
                    c[120..124].try_into().unwrap_or_default(),
                ))
            };
            (
                name,
                u32::from_le_bytes(c[116..120].try_into().unwrap_or_default()),
                len,
            )
        })
        .collect();
    let root = dirs.first()?;
    if version != 3 && root.1 == END_OF_CHAIN {
        return None;
    }
    let (mini_stream, mini_fats) = if mini_fat_len > 0 {
        let stream = cfb.chain(root.1, root.2)?;
        let fats = u32s(&cfb.chain(mini_fat_start, mini_fat_len * size as u64)?)?;
        (stream, fats)
    } else {
        (Vec::new(), Vec::new())
    };
    let find = |n: &str| dirs.iter().find(|d| d.0.eq_ignore_ascii_case(n));
    let (_, start, len) = find("Workbook").or_else(|| find("Book"))?;
    if *len < 4096 {
        mini_chain(&mini_stream, &mini_fats, *start, *len)
    } else {
        cfb.chain(*start, *len)
    }
}

/// One BIFF record with the data of the CONTINUE records that follow it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// Records from `stream`; stops (like calamine, with an error) at a record longer than the stream.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = u16_at(stream, 2)? as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        let mut cont = Vec::new();
        while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
            let l = u16_at(stream, 2)? as usize;
            cont.push(stream.get(4..4 + l)?);
            stream = &stream[4 + l..];
        }
        Some(Record { typ, data, cont })
    })
}

/// Upper bound of the UTF-8 bytes of each string of the SST, walking it as calamine does.
fn sst_lengths(r: &Record) -> Option<Vec<u64>> {
    let mut parts = std::iter::once(r.data).chain(r.cont.iter().copied());
    let mut data = parts.next()?.get(8..)?;
    let mut out = Vec::new();
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(d) => data = d,
                None => return Some(out),
            }
            continue;
        }
        if data.len() < 3 {
            return None;
        }
        let cch = u64::from(u16_at(data, 0)?);
        let flags = data[2];
        let mut high = flags & 1 != 0;
        data = &data[3..];
        let mut skip = 0u64;
        if flags & 0x8 != 0 {
            skip += 4 * u64::from(u16_at(data, 0)?);
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            skip += u64::from(u32_at(data, 0)?);
            data = &data[4..];
        }
        let mut left = cch;
        while left > 0 {
            let per = if high { 2 } else { 1 };
            let n = left.min(data.len() as u64 / per);
            data = &data[(n * per) as usize..];
            left -= n;
            if left > 0 {
                data = parts.next()?;
                high = *data.first()? & 1 != 0;
                data = &data[1..];
            }
        }
        while skip > 0 {
            if data.is_empty() {
                data = parts.next()?;
            }
            let n = skip.min(data.len() as u64);
            data = &data[n as usize..];
            skip -= n;
        }
        out.push(3 * cch);
    }
}

/// The name in a BoundSheet record (BIFF8 short string), for messages.
fn sheet_name(d: &[u8]) -> String {
    let cch = d.get(6).copied().unwrap_or(0) as usize;
    let Some(&flags) = d.get(7) else {
        return String::new();
    };
    let body = d.get(8..).unwrap_or(&[]);
    if flags & 1 != 0 {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(cch)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

/// Minimal lengths of the records calamine reads without checking them (it would panic).
fn short(r: &Record, in_globals: bool) -> bool {
    let n = r.data.len();
    match r.typ {
        0x002F | 0x0042 | 0x0022 | 0x0809 | 0x0017 if in_globals => n < 2,
        0x0085 if in_globals => n < 8,
        0x0018 if in_globals => {
            n < 14 || u16_at(r.data, 4).is_none_or(|cce| usize::from(cce) > n - 14)
        }
        0x00E5 if !in_globals => u16_at(r.data, 0).is_none_or(|c| n < 2 + 8 * usize::from(c)),
        0x00BD if !in_globals => {
            n < 6 || u16_at(r.data, n - 2) < u16_at(r.data, 2) // MulRk: last column before first
        }
        _ => false,
    }
}

/// Check an .xls before calamine opens it.
pub(super) fn check(bytes: &[u8], budget: &mut Budget) -> Result<(), String> {
    let stream = workbook_stream(bytes).ok_or_else(damaged)?;
    let mut sheets = Vec::new();
    let mut sst: Vec<u64> = Vec::new();
    for r in records(&stream) {
        if short(&r, true) {
            return Err(damaged());
        }
        match r.typ {
            // FilePass: encrypted; calamine stops right here with its password error
            0x002F if u16_at(r.data, 0) != Some(0) => return Ok(()),
            0x0085 => {
                let pos = u32_at(r.data, 0).unwrap_or(u32::MAX) as usize;
                if pos > stream.len() {
                    return Err(damaged());
                }
                sheets.push((pos, sheet_name(r.data)));
            }
            0x00FC => sst = sst_lengths(&r).ok_or_else(damaged)?,
            0x000A => break,
            _ => {}
        }
    }
    if sheets.len() > MAX_SHEETS {
        return Err(damaged());
    }
    budget.strings(sst.len() as u64)?;
    for (pos, sheet) in sheets {
        let mut cells: Option<Bbox> = None;
        let mut formulas: Option<Bbox> = None;
        let mut text = 0u64;
        let (mut depth, mut seen_bof) = (0usize, false);
        let mut fmla_pos = (0u32, 0u32);
        for r in records(&stream[pos..]) {
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            if short(&r, false) {
                return Err(damaged());
            }
            let at = || Some((u32::from(u16_at(r.data, 0)?), u32::from(u16_at(r.data, 2)?)));
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => {
                    let d = r.data;
                    let (rf, rl, cf, cl) = match d.len() {
                        10 => (
                            u64::from(u16_at(d, 0).unwrap_or(0)),
                            u64::from(u16_at(d, 2).unwrap_or(0)),
                            u64::from(u16_at(d, 4).unwrap_or(0)),
                            u64::from(u16_at(d, 6).unwrap_or(0)),
                        ),
                        14 | 16 => (
                            u64::from(u32_at(d, 0).unwrap_or(0)),
                            u64::from(u32_at(d, 4).unwrap_or(0)),
                            u64::from(u16_at(d, 8).unwrap_or(0)),
                            u64::from(u16_at(d, 10).unwrap_or(0)),
                        ),
                        _ => continue, // calamine gives up on the file
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        if rl - 1 < rf {
                            return Err(damaged()); // calamine would overflow
                        }
                        let corner = ((rl - 1).min(u64::from(u32::MAX)) as u32, (cl - 1) as u32);
                        budget.cells(&sheet, (rl - rf) * (cl - cf), Some(corner))?;
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => {
                    if let Some((row, col)) = at() {
                        Bbox::add(&mut cells, row, col);
                    }
                }
                0x00FD => {
                    if let Some((row, col)) = at() {
                        Bbox::add(&mut cells, row, col);
                        let i = u32_at(r.data, 6).unwrap_or(u32::MAX) as usize;
                        text = text.saturating_add(sst.get(i).copied().unwrap_or(0));
                    }
                }
                0x00BD => {
                    if let (Some((row, first)), Some(last)) =
                        (at(), u16_at(r.data, r.data.len() - 2))
                    {
                        Bbox::add(&mut cells, row, first);
                        Bbox::add(&mut cells, row, u32::from(last));
                    }
                }
                0x0006 => {
                    if let Some(p) = at() {
                        fmla_pos = p;
                        Bbox::add(&mut cells, p.0, p.1);
                        Bbox::add(&mut formulas, p.0, p.1);
                    }
                }
                0x0207 => Bbox::add(&mut cells, fmla_pos.0, fmla_pos.1),
                0x000A => break,
                _ => {}
            }
        }
        // the range is built once when the file is opened and copied once when the reader asks for it
        let n = |b: &Option<Bbox>| b.map_or(0, |b| b.cells());
        budget.cells(&sheet, 2 * n(&cells) + n(&formulas), cells.map(|b| b.far))?;
        budget.text(&sheet, text)?;
    }
    Ok(())
}
