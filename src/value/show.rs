//! Numbers and user text as messages show them: Vietnamese separators, short quotes.

/// Format a number the Vietnamese way for messages: thousands with '.', decimal comma, at most 2 decimals, no trailing zeros: 1234567.5 → "1.234.567,5"; -3 → "-3".
pub fn format_vi(v: f64) -> String {
    format_dec(v, 2)
}

pub(super) fn format_dec(v: f64, max_dec: usize) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{:.*}", max_dec, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    if v < 0.0 && out != "0" {
        out.insert(0, '-');
    }
    out
}

/// A percentage the Vietnamese way with one decimal at most: 0.8114 → "81,1%"; 0.85 → "85%".
pub fn format_pct_vi(ratio: f64) -> String {
    format!("{}%", format_dec(ratio * 100.0, 1))
}

/// The date of a document as Decree 30/2020/NĐ-CP writes it, without the place:
/// "ngày 07 tháng 4 năm 2026". Days under 10 and months 1 and 2 take a leading zero.
pub fn decree_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// Short quote of a user text for messages: char-safe truncation to `max` chars with "…".
/// Whitespace runs (line breaks too) become one space; no quotation marks are added.
pub fn quote(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max).collect();
    cut.push('…');
    cut
}
