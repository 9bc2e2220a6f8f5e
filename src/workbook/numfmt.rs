//! Number formats that print "1.234.567" and "81,1%" whatever the locale of the spreadsheet program.
//!
//! A format such as "#,##0" or "0.0%" is shown with the separators of the computer's regional
//! settings: an en-US Excel or LibreOffice prints "1,602" and "81.1%". So separators are written
//! as literal characters. A literal dot between digit placeholders only reads right when the number
//! has that many digits (`#\.##0` prints 7 as ".7"), so a whole number gets the format of its size:
//! - a value known when the workbook is written takes [`int_format`] of that value;
//! - a cell a unit types into (or a column of many values) keeps the plain base format ("0") and
//!   [`add_int_rules`] adds conditional formats that switch to `#\.##0`, `#\.###\.##0`… by size
//!   (Excel and LibreOffice both apply a conditional format's number format).
//!
//! A decimal comma cannot be placed by a format at all, so a ratio with a decimal is shown by a
//! format that is the literal text of [`crate::value::format_pct_vi`] ([`pct_format`]); the cell
//! still holds the number.

use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

/// Digit pattern with literal dots for a whole number of `groups` groups of three: 2 → `#\.##0`.
fn digits(groups: usize) -> String {
    match groups {
        0 | 1 => "0".to_string(),
        n => format!("#{}\\.##0", "\\.###".repeat(n - 2)),
    }
}

/// Groups of three digits in the rounded absolute value: 999 → 1, 1000 → 2.
fn groups_of(v: f64) -> usize {
    let mut n = v.abs().round();
    let mut g = 1;
    while n >= 1000.0 && g < 6 {
        n /= 1000.0;
        g += 1;
    }
    g
}

/// The format of a known whole number: 1602 → `#\.##0` (prints "1.602"; -1602 prints "-1.602").
/// With `plus`, positive numbers show a "+" (changes).
pub fn int_format(v: f64, plus: bool) -> String {
    let d = digits(groups_of(v));
    if plus { self::plus(&d) } else { d }
}

/// A single number format for non-negative whole numbers under a thousand million, with
/// conditions by size: for chart axes and data labels, which take no conditional formats.
pub const AXIS: &str = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0";

/// The number format of a digit pattern as is (negative numbers get their minus sign).
pub fn plain(d: &str) -> String {
    d.to_string()
}

/// The number format of a digit pattern for a change: "+1.602", "-12", "0".
pub fn plus(d: &str) -> String {
    format!("+{d};-{d};0")
}

/// The base format of cells whose values are not known when the workbook is written ("0" through
/// `code`); the conditional formats of [`add_int_rules`] take over from 1.000 on.
pub fn int_base(code: impl Fn(&str) -> String) -> String {
    code("0")
}

/// The format of a known ratio as a percentage: whole percentages as "0%" (no separator involved),
/// others as the literal text "81,1%".
pub fn pct_format(ratio: f64) -> String {
    let tenths = (ratio * 1000.0).round();
    if !ratio.is_finite() || tenths % 10.0 == 0.0 {
        "0%".to_string()
    } else {
        format!("\"{}\"", crate::value::format_pct_vi(ratio))
    }
}

/// Conditional formats on `ranges` (space-separated, "C5:C9 E5") that print whole numbers with
/// literal dots by size: rows `first_row..=last_row`, columns `first_col..=last_col` bound them.
/// The cell keeps its own format; a rule changes only the number format.
pub fn add_int_rules(
    ws: &mut Worksheet,
    ranges: &str,
    bounds: (u32, u16, u32, u16),
    code: impl Fn(&str) -> String,
) -> Result<(), XlsxError> {
    if ranges.trim().is_empty() {
        return Ok(());
    }
    let (r0, c0, r1, c1) = bounds;
    for groups in 2..=5 {
        let lo = 1000f64.powi(groups as i32 - 1) - 0.5;
        let hi = if groups == 5 {
            1e15
        } else {
            1000f64.powi(groups as i32) - 0.5
        };
        let f = Format::new().set_num_format(code(&digits(groups)));
        for (a, b) in [(lo, hi), (-hi, -lo)] {
            let cf = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::Between(a, b))
                .set_multi_range(ranges)
                .set_format(&f);
            ws.add_conditional_format(r0, c0, r1, c1, &cf)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_number_takes_the_format_of_its_size() {
        assert_eq!(int_format(7.0, false), "0");
        assert_eq!(int_format(999.0, false), "0");
        assert_eq!(int_format(1602.0, false), "#\\.##0");
        assert_eq!(int_format(-1602.0, false), "#\\.##0");
        assert_eq!(int_format(4_486_750_000.0, false), "#\\.###\\.###\\.##0");
        assert_eq!(int_format(1602.0, true), "+#\\.##0;-#\\.##0;0");
        assert_eq!(pct_format(0.8114), "\"81,1%\"");
        assert_eq!(pct_format(0.6), "0%");
    }
}
