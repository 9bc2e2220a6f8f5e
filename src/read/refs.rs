//! Cell references as the three formats write them: `'Báo cáo'!$C$4`, `$'Báo cáo'.$C$4`, `Báo cáo!$C$4`.

use serde::Serialize;
use std::fmt;

/// An absolute cell position (0-based) on a named sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CellRef {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl fmt::Display for CellRef {
    /// "Báo cáo!C12", the way an officer reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", self.sheet, a1(self.row, self.col))
    }
}

/// "C12" from 0-based coordinates.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), u64::from(row) + 1)
}

pub use crate::workbook::layout::col_letters;

/// Column index of "C" / "AB"; None when not letters or too large.
pub fn col_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    Some(n - 1)
}

/// "$C$12" or "C12" → (row, col).
pub fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let b = s.trim().as_bytes();
    let b = b.strip_prefix(b"$").unwrap_or(b);
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let (l, rest) = b.split_at(letters);
    let digits = rest.strip_prefix(b"$").unwrap_or(rest);
    if l.is_empty() || l.len() > 3 || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let col = l.iter().fold(0u32, |n, c| {
        n * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
    }) - 1;
    let row = digits
        .iter()
        .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    if row == 0 || row > 1_048_576 {
        return None;
    }
    Some((row - 1, col))
}

/// Parse a defined name's reference into a cell; the first cell of a range. None for `#REF!` and the like.
pub fn parse_reference(reference: &str) -> Option<CellRef> {
    let r = reference.trim().trim_start_matches('=');
    if r.as_bytes().contains(&b'#') && r.contains("#REF") {
        return None;
    }
    let r = r.trim_start_matches('$');
    let (sheet, rest) = if let Some(body) = r.strip_prefix('\'') {
        // quoted sheet name, '' escapes a quote
        let mut name = String::new();
        let mut at = 0;
        let end = loop {
            let q = at + body[at..].find('\'')?;
            name.push_str(&body[at..q]);
            if body[q + 1..].starts_with('\'') {
                name.push('\'');
                at = q + 2;
            } else {
                break q + 1;
            }
        };
        let rest = &body[end..];
        (
            name,
            rest.strip_prefix('!').or_else(|| rest.strip_prefix('.'))?,
        )
    } else {
        let r = r.split(':').next()?;
        let cut = r.rfind('!').or_else(|| r.rfind('.'))?;
        (r[..cut].to_string(), &r[cut + 1..])
    };
    let first = rest.split(':').next()?.trim_start_matches('.');
    let (row, col) = parse_a1(first)?;
    if sheet.is_empty() {
        return None;
    }
    Some(CellRef { sheet, row, col })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str, r: u32, col: u32) -> Option<CellRef> {
        Some(CellRef {
            sheet: s.into(),
            row: r,
            col,
        })
    }

    #[test]
    fn parses_three_formats() {
        assert_eq!(parse_reference("'Báo cáo'!$C$4"), c("Báo cáo", 3, 2));
        assert_eq!(parse_reference("='Báo cáo'!$C$4"), c("Báo cáo", 3, 2));
        assert_eq!(parse_reference("$'Biểu mẫu 1'.$C$4"), c("Biểu mẫu 1", 3, 2));
        assert_eq!(parse_reference("Báo cáo!$C$4"), c("Báo cáo", 3, 2));
        assert_eq!(parse_reference("$Lists.$A$1:.$A$3"), c("Lists", 0, 0));
        assert_eq!(parse_reference("'It''s'!B2"), c("It's", 1, 1));
        assert_eq!(parse_reference("'Báo cáo'!#REF!"), None);
        assert_eq!(parse_reference("garbage"), None);
        assert_eq!(parse_reference("'unterminated!C3"), None);
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(col_letters(27), "AB");
        assert_eq!(col_index("AB"), Some(27));
        assert_eq!(parse_a1(" $C$12"), Some((11, 2)));
        assert_eq!(parse_a1("c12"), Some((11, 2)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("C0"), None);
        assert_eq!(parse_a1("C1048577"), None);
        assert_eq!(parse_a1("ABCD1"), None);
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("C$"), None);
        assert_eq!(parse_a1("C1x"), None);
        assert_eq!(parse_reference("'a''''b'!C3"), c("a''b", 2, 2));
    }
}
