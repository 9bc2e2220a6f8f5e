//! Texts, numbers and number formats as calamine reads them from xlsx parts, for the plain cases
//! only: anything calamine would transform in a way not modelled here (unknown entities, raw line
//! ends it normalizes, Excel's `_xHHHH_` escapes, numbers in unusual spellings) answers None.

/// Text or an attribute value with the five predefined entities and character references
/// (`&#10;`, `&#xA;`) resolved, as quick-xml resolves them. None for any other entity, for a raw
/// carriage return (calamine turns it into a line feed) and for invalid UTF-8.
pub(super) fn unescape_into(raw: &[u8], out: &mut String) -> Option<()> {
    // most texts hold neither: one search, one validation, one copy
    if memchr::memchr2(b'&', b'\r', raw).is_none() {
        out.push_str(std::str::from_utf8(raw).ok()?);
        return Some(());
    }
    let s = std::str::from_utf8(raw).ok()?;
    if s.contains('\r') {
        return None;
    }
    let mut rest = s;
    while let Some(a) = rest.find('&') {
        out.push_str(&rest[..a]);
        let semi = rest[a..].find(';')?;
        match &rest[a + 1..a + semi] {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            r => out.push(char_ref(r.strip_prefix('#')?)?),
        }
        rest = &rest[a + semi + 1..];
    }
    out.push_str(rest);
    Some(())
}

/// A character reference's code, decimal or `x` and hexadecimal, no sign, never zero.
fn char_ref(r: &str) -> Option<char> {
    let (digits, radix) = match r.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (r, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, radix).ok()?).filter(|&c| c != '\0')
}

pub(super) fn unescape(raw: &[u8]) -> Option<String> {
    let mut s = String::with_capacity(raw.len());
    unescape_into(raw, &mut s)?;
    Some(s)
}

/// Whether calamine's Excel-escape decoding would change this text: it holds an `_xHHHH_` (four hex
/// digits, as calamine's `unescape_xml` finds them). Such a text is not read here.
pub(super) fn has_excel_escape(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'_', b).any(|i| {
        b.get(i..i + 7).is_some_and(|e| {
            e[1] == b'x' && e[6] == b'_' && e[2..6].iter().all(u8::is_ascii_hexdigit)
        })
    })
}

/// A number in the spelling every spreadsheet program writes (`-12`, `3.25`, `1E-3`), parsed as
/// calamine parses it; None for anything else (signs, spaces, `inf`…), which calamine may read
/// differently.
pub(super) fn number(v: &[u8]) -> Option<f64> {
    let digits = |s: &[u8], i: &mut usize| {
        let start = *i;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    let mut i = usize::from(v.first() == Some(&b'-'));
    if !digits(v, &mut i) {
        return None;
    }
    if v.get(i) == Some(&b'.') {
        i += 1;
        if !digits(v, &mut i) {
            return None;
        }
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(v.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if !digits(v, &mut i) {
            return None;
        }
    }
    if i != v.len() || v.len() > 40 {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

/// A non-negative index written plainly (no sign, no leading zero): how calamine's integer parser
/// and this one agree.
pub(super) fn index(v: &[u8]) -> Option<usize> {
    if v.is_empty()
        || v.len() > 9
        || !v.iter().all(u8::is_ascii_digit)
        || (v[0] == b'0' && v.len() > 1)
    {
        return None;
    }
    Some(v.iter().fold(0usize, |n, c| n * 10 + usize::from(c - b'0')))
}

/// What a cell's number format makes of a number, as calamine decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    DateTime,
    TimeDelta,
    Other,
}

/// calamine's `detect_custom_number_format` (MIT licence, calamine/src/formats.rs), unchanged.
pub(super) fn custom_format(format: &str) -> Format {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Format::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Format::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Format::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Format::DateTime;
            }
            _ => {
                if hms && s.eq_ignore_ascii_case(&prev) {
                } else {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Format::Other
}

/// calamine's `builtin_format_by_id` (MIT licence, calamine/src/formats.rs), on the raw attribute.
pub(super) fn builtin_format(id: &[u8]) -> Format {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => {
            Format::DateTime
        }
        b"27" | b"28" | b"29" | b"30" | b"31" | b"32" | b"33" | b"34" | b"35" | b"36" | b"50"
        | b"51" | b"52" | b"53" | b"54" | b"55" | b"56" | b"57" | b"58" => Format::DateTime,
        b"46" => Format::TimeDelta,
        _ => Format::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_plain_spelling_only() {
        assert_eq!(number(b"12"), Some(12.0));
        assert_eq!(number(b"-3.25"), Some(-3.25));
        assert_eq!(number(b"1E-3"), Some(0.001));
        assert_eq!(number(b"0.1"), Some(0.1));
        for odd in [
            &b""[..],
            b"+1",
            b"1.",
            b".5",
            b" 1",
            b"1 ",
            b"inf",
            b"NaN",
            b"1e",
            b"--1",
            b"0x1",
        ] {
            assert_eq!(number(odd), None, "{}", String::from_utf8_lossy(odd));
        }
        assert_eq!(index(b"0"), Some(0));
        assert_eq!(index(b"17"), Some(17));
        assert_eq!(index(b"017"), None);
        assert_eq!(index(b"-1"), None);
    }

    #[test]
    fn entities() {
        assert_eq!(
            unescape(b"a &amp; b &lt;c&gt; &quot;&apos;").as_deref(),
            Some("a & b <c> \"'")
        );
        assert_eq!(unescape(b"a&#10;b&#xE9;").as_deref(), Some("a\nb\u{e9}"));
        for odd in [
            &b"&#0;"[..],
            b"&#;",
            b"&#x;",
            b"&#-1;",
            b"&#xD800;",
            b"&#X41;",
            b"&nbsp;",
        ] {
            assert_eq!(unescape(odd), None, "{}", String::from_utf8_lossy(odd));
        }
        assert_eq!(unescape(b"a\r\nb"), None);
        assert_eq!(unescape(b"\xC3"), None);
        assert!(has_excel_escape("a_x000D_b"));
        assert!(has_excel_escape("_xD83D__xDCF7_"));
        for plain in [
            "hop_tac_xa",
            "mang_xa_hoi",
            "a_X000D_b",
            "_x00G0_",
            "_x000D",
        ] {
            assert!(!has_excel_escape(plain), "{plain}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(custom_format("dd/mm/yyyy"), Format::DateTime);
        assert_eq!(custom_format("#,##0"), Format::Other);
        assert_eq!(custom_format("0.0%"), Format::Other);
        assert_eq!(custom_format("[h]:mm:ss"), Format::TimeDelta);
        assert_eq!(custom_format("#,##0 \"người\""), Format::Other);
        assert_eq!(builtin_format(b"14"), Format::DateTime);
        assert_eq!(builtin_format(b"46"), Format::TimeDelta);
        assert_eq!(builtin_format(b"3"), Format::Other);
    }
}
