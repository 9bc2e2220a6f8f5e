//! Words and dates as typed: folding for comparison, choices, yes/no, day-first dates.

use super::Raw;
use chrono::{Datelike, Days, NaiveDate};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Fold for comparison: NFC→ NFD, drop combining marks, đ/Đ→d, lowercase, trim, collapse runs of whitespace to one space.
pub fn fold(s: &str) -> String {
    // Lowercase first so marks produced by case mapping are dropped too; NFD of NFC equals NFD.
    let bare: String = s
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A label as compared: folded, without the bullets and colons around it.
pub fn fold_label(s: &str) -> String {
    let f = fold(s);
    f.trim_start_matches(['-', '+', ' ', '*'])
        .trim_end_matches([':', '.', ' ', '…'])
        .to_string()
}

/// Index of the option matching `input` case- and diacritics-insensitively (NFC and NFD alike), via fold(); None if none.
pub fn match_choice(input: &str, options: &[String]) -> Option<usize> {
    let key = fold(input);
    if key.is_empty() {
        return None;
    }
    options.iter().position(|o| fold(o) == key)
}

/// "có","co","CÓ","x","yes","1",true → Some(true); "không","khong","ko","no","0",false→Some(false); else None. (Number 1/0 and Bool too: take &Raw.)
pub fn parse_yes_no(raw: &Raw) -> Option<bool> {
    match raw {
        Raw::Bool(b) => Some(*b),
        Raw::Number(n) if *n == 1.0 => Some(true),
        Raw::Number(n) if *n == 0.0 => Some(false),
        Raw::Text(t) => match fold(t).as_str() {
            "co" | "x" | "yes" | "1" | "true" => Some(true),
            "khong" | "ko" | "no" | "0" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Dates as typed: "25/4/2026", "25/04/2026", "25-4-2026", "25.4.2026", "2026-04-25", "ngày 25 tháng 4 năm 2026" (any case/diacritics, NFD too); day-first always. Also Raw::Date and an Excel serial number (Raw::Number within 20000..80000 → 1899-12-30 + n days). None when not a valid date.
pub fn parse_date(raw: &Raw) -> Option<NaiveDate> {
    match raw {
        Raw::Date(d) => Some(*d),
        Raw::Number(n) if (20000.0..80000.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(n.floor() as u64))
        }
        Raw::Text(t) => date_text(&fold(t)),
        _ => None,
    }
}

fn date_text(s: &str) -> Option<NaiveDate> {
    let s = s.strip_prefix("ngay").map_or(s, str::trim_start);
    let words: Vec<&str> = s.split_whitespace().collect();
    let time_like = |t: &&str| {
        t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    };
    match words.as_slice() {
        [d, "thang", m, "nam", y] => ymd(y, m, d),
        [date, rest @ ..] if rest.len() <= 1 && rest.iter().all(time_like) => {
            let sep = date.chars().find(|c| !c.is_ascii_digit())?;
            if !matches!(sep, '/' | '-' | '.') {
                return None;
            }
            match date.split(sep).collect::<Vec<_>>().as_slice() {
                [y, m, d] if y.len() == 4 => ymd(y, m, d),
                [d, m, y] => ymd(y, m, d),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Year must have 4 digits within 1900..=2100; day and month 1–2 digits.
fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let digits =
        |s: &str, lo, hi| (lo..=hi).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

pub(super) fn fmt_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}
