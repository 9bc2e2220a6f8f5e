//! Legacy .xls (an OLE compound file holding a BIFF "Workbook" stream): open the compound file with the
//! `cfb` crate, walk the BIFF records with every length checked, and measure the cells and text
//! calamine would lay out. calamine reads every sheet of an .xls as soon as the file is opened, with
//! no bound on either (see `guard`'s module doc for the upstream issues this waits for).

use super::Bbox;
use super::{Budget, damaged};

/// Sheets of an .xls (BoundSheet records) read at most.
const MAX_SHEETS: usize = 256;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The "Workbook" (or "Book") stream, read with the `cfb` crate, which checks every chain and size of
/// the compound file; None when it finds the file damaged (calamine could fail, loop or panic on it).
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<String> = file
        .read_root_storage()
        .filter(|e| e.is_stream())
        .map(|e| e.name().to_string())
        .collect();
    let find = |n: &str| names.iter().find(|d| d.eq_ignore_ascii_case(n));
    let name = find("Workbook").or_else(|| find("Book"))?.clone();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut file.open_stream(format!("/{name}")).ok()?, &mut out).ok()?;
    Some(out)
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
