//! Cell values for sokết: reads what union officers typed (numbers, yes/no, dates, choices) safely, with Vietnamese reasons when a figure cannot be read.

mod show;
mod words;

pub use show::{decree_date, format_pct_vi, format_vi, quote};
pub use words::{fold, fold_label, match_choice, parse_date, parse_yes_no};

use chrono::NaiveDate;
use show::format_dec;
use unicode_normalization::UnicodeNormalization;
use words::fmt_date;

/// What a numeric field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumKind {
    Integer,
    SignedInteger,
    Money,
    Percent,
}

/// A cell as the reader found it (already converted from calamine's Data).
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    Date(NaiveDate),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Empty,
    /// `from_text` is Some(original text) when the value was normalised from text (the caller reports a warning naming the cell and that text).
    Value {
        value: f64,
        from_text: Option<String>,
    },
    /// Not a usable value; `reason` is a Vietnamese sentence saying what was found and what is expected.
    Invalid {
        reason: String,
    },
    /// Two plausible readings; `reason` is a Vietnamese sentence that states both readings and asks the unit to re-type the figure.
    Ambiguous {
        readings: Vec<f64>,
        reason: String,
    },
}

const MAX_ABS: f64 = 1e15;
const MAX_DIGITS: usize = 30;
const ERROR_CODES: [&str; 13] = [
    "#DIV/0!",
    "#REF!",
    "#VALUE!",
    "#N/A",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#UNKNOWN!",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Count,
    Money,
    Percent,
}

/// Folded unit words, longest first so "luot nguoi" wins over "nguoi" and "vnd" over "d".
const UNITS: [(&str, Unit); 11] = [
    ("luot nguoi", Unit::Count),
    ("noi dung", Unit::Count),
    ("van ban", Unit::Count),
    ("nguoi", Unit::Count),
    ("luot", Unit::Count),
    ("cuoc", Unit::Count),
    ("lop", Unit::Count),
    ("dong", Unit::Money),
    ("vnd", Unit::Money),
    ("%", Unit::Percent),
    ("d", Unit::Money),
];

fn expectation(kind: NumKind) -> &'static str {
    match kind {
        NumKind::Integer => "số nguyên ≥ 0",
        NumKind::SignedInteger => "số nguyên (có thể âm)",
        NumKind::Money => "số tiền (đồng)",
        NumKind::Percent => "tỷ lệ phần trăm",
    }
}

fn invalid(reason: String) -> Parsed {
    Parsed::Invalid { reason }
}

fn too_big(shown: &str, want: &str) -> Parsed {
    invalid(format!(
        "{shown} là số quá lớn hoặc có quá nhiều chữ số; cần nhập {want} đúng thực tế."
    ))
}

fn formula_error(code: &str, want: &str) -> Parsed {
    let code = quote(code, 40);
    invalid(format!(
        "Ô đang báo lỗi công thức “{code}”; cần nhập {want} bằng con số gõ trực tiếp, không để công thức bị lỗi."
    ))
}

/// Round to 9 decimals to kill float noise (0.07 * 100 → 7.0); also turns -0.0 into 0.0.
fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9 + 0.0
}

pub fn parse_number(raw: &Raw, kind: NumKind) -> Parsed {
    let want = expectation(kind);
    match raw {
        Raw::Empty => Parsed::Empty,
        Raw::Bool(_) => invalid(format!(
            "Ô chứa giá trị đúng/sai (TRUE/FALSE), cần nhập một số: {want}."
        )),
        Raw::Date(d) => invalid(format!(
            "Ô chứa ngày {}, trong khi cần nhập {want}.",
            fmt_date(*d)
        )),
        Raw::Error(e) => formula_error(e.trim(), want),
        Raw::Number(n) => number_cell(*n, kind),
        Raw::Text(t) => text_cell(t, kind),
    }
}

fn number_cell(n: f64, kind: NumKind) -> Parsed {
    let want = expectation(kind);
    if !n.is_finite() {
        return invalid(format!("Ô không chứa một số bình thường; cần nhập {want}."));
    }
    if n.abs() > MAX_ABS {
        return too_big(&format_vi(n), want);
    }
    let value = match kind {
        NumKind::Percent if n.abs() <= 1.0 => round9(n * 100.0),
        NumKind::Integer | NumKind::SignedInteger => {
            // Tolerate formula float noise (3.0000000000001) but not a real fraction.
            if (n - n.round()).abs() > 1e-9 {
                let mut reason =
                    format!("Ô chứa số {} có phần lẻ; cần số nguyên.", format_dec(n, 6));
                // "1.250" typed where the dot is the decimal mark becomes 1.25: name that reading.
                let thousands = round9(n * 1000.0);
                if thousands.fract() == 0.0 && n.abs() < 1000.0 {
                    reason.push_str(&format!(
                        " Nếu định ghi {} (dấu chấm ngăn cách hàng nghìn), hãy gõ {} không có dấu chấm.",
                        format_dec(thousands, 0),
                        thousands
                    ));
                }
                return invalid(reason);
            }
            n.round()
        }
        _ => n,
    };
    Parsed::Value {
        value: value + 0.0,
        from_text: None,
    }
}

fn text_cell(t: &str, kind: NumKind) -> Parsed {
    let orig = t.trim();
    if orig.is_empty() {
        return Parsed::Empty;
    }
    let want = expectation(kind);
    let q = format!("“{}”", quote(orig, 40));
    let garbage = || invalid(format!("{q} không phải là số; cần nhập {want}."));
    let low = orig.nfc().collect::<String>().to_lowercase();
    if is_error_code(&low) {
        return formula_error(orig, want);
    }
    if is_non_normal(&low) {
        return invalid(format!(
            "{q} không phải là số viết bình thường (kiểu 1e5, NaN, vô cực); cần nhập {want} bằng chữ số đầy đủ."
        ));
    }
    let cut = low
        .find(|c: char| !(c.is_ascii_digit() || c.is_whitespace() || ".,+-−".contains(c)))
        .unwrap_or(low.len());
    let (num, suffix) = low.split_at(cut);

    // Unit word, then an optional multiplier before it.
    let mut rest = fold(suffix);
    let mut unit = None;
    for (word, u) in UNITS {
        if let Some(r) = rest.strip_suffix(word) {
            rest = r.trim_end().to_string();
            unit = Some(u);
            break;
        }
    }
    let mult: u128 = match rest.as_str() {
        "" => 1,
        "nghin" | "ngan" => 1_000,
        "trieu" | "tr" => 1_000_000,
        "ty" | "ti" => 1_000_000_000,
        _ => return garbage(),
    };
    let (num, word) = (num.trim(), suffix.trim());
    let unit_fits = match unit {
        None => true,
        Some(Unit::Count) => matches!(kind, NumKind::Integer | NumKind::SignedInteger),
        Some(Unit::Money) => kind == NumKind::Money,
        Some(Unit::Percent) => kind == NumKind::Percent,
    };
    if !num.is_empty() && !unit_fits {
        return invalid(format!(
            "{q} có đơn vị “{word}” không hợp với ô này; cần nhập {want}."
        ));
    }
    if !num.is_empty() && mult != 1 && kind != NumKind::Money {
        return invalid(format!(
            "{q} có chữ “{word}” — nghìn/triệu/tỷ chỉ dùng cho số tiền; cần nhập {want} bằng chữ số đầy đủ."
        ));
    }
    let (neg, body) = match num.strip_prefix('-').or_else(|| num.strip_prefix('−')) {
        Some(b) => (true, b),
        None => (false, num.strip_prefix('+').unwrap_or(num)),
    };
    if body.chars().filter(char::is_ascii_digit).count() > MAX_DIGITS {
        return too_big(&q, want);
    }
    let Some(b) = parse_body(body.trim_start()) else {
        return garbage();
    };
    let sign = if neg { -1.0 } else { 1.0 };
    let Some(scaled) = b.digits.checked_mul(mult) else {
        return too_big(&q, want);
    };
    let whole_reading = sign * scaled as f64;
    let dec_reading = sign * scaled as f64 / 10f64.powi(b.frac as i32);
    let is_whole = 10u128.checked_pow(b.frac).is_some_and(|p| scaled % p == 0);
    let ambiguous = |readings: Vec<f64>, reason: String| {
        if readings.iter().any(|r| r.abs() > MAX_ABS) {
            too_big(&q, want)
        } else {
            Parsed::Ambiguous { readings, reason }
        }
    };
    let (a, w) = (format_dec(dec_reading, 6), format_dec(whole_reading, 6));
    let value = match (b.shape, kind) {
        (Shape::Ambig3, NumKind::Percent) => {
            return ambiguous(
                vec![dec_reading, whole_reading],
                format!(
                    "{q} không rõ: có thể là {a}% (số lẻ) hoặc {w}% (hàng nghìn). Hãy nhập lại tỷ lệ, dùng dấu phẩy cho phần lẻ (ví dụ 12,5%)."
                ),
            );
        }
        (Shape::Ambig3, NumKind::Money) if mult != 1 => {
            return ambiguous(
                vec![dec_reading, whole_reading],
                format!(
                    "{q} không rõ: có thể là {a} đồng hoặc {w} đồng. Hãy nhập lại số tiền bằng chữ số đầy đủ, ví dụ 1.250.000.000."
                ),
            );
        }
        (Shape::Whole | Shape::Ambig3, _) => whole_reading,
        (Shape::Decimal(_), _) if is_whole => dec_reading,
        (Shape::Decimal(mark), NumKind::Integer | NumKind::SignedInteger) => {
            let what = if kind == NumKind::Integer {
                "số đếm"
            } else {
                "ô số nguyên"
            };
            return ambiguous(
                vec![dec_reading, whole_reading],
                format!(
                    "{q} không rõ: có thể là {a} (số lẻ — không hợp lệ cho {what}) hoặc {w}. Hãy nhập lại một số nguyên, không dùng {}.",
                    mark_name(mark)
                ),
            );
        }
        (Shape::Decimal(mark), NumKind::Money) if mult == 1 => {
            return ambiguous(
                vec![dec_reading, whole_reading],
                format!(
                    "{q} không rõ: có thể là {a} đồng (số lẻ — tiền phải tròn đồng) hoặc {w} đồng. Hãy nhập lại số tiền tròn đồng, không dùng {}.",
                    mark_name(mark)
                ),
            );
        }
        (Shape::Decimal(_), NumKind::Money) => {
            return invalid(format!(
                "{q} cho ra {a} đồng, có phần lẻ dưới 1 đồng; hãy nhập số tiền tròn đồng."
            ));
        }
        (Shape::Decimal(_), NumKind::Percent) => {
            if unit != Some(Unit::Percent) && dec_reading.abs() < 1.0 {
                let (h, hs) = (
                    round9(dec_reading * 100.0),
                    format_dec(round9(dec_reading * 100.0), 6),
                );
                return ambiguous(
                    vec![dec_reading, h],
                    format!(
                        "{q} không rõ: có thể là {a}% hoặc {hs}% (vì {a} = {hs}%). Hãy nhập lại tỷ lệ kèm dấu %, ví dụ “{hs}%” hoặc “{a}%”."
                    ),
                );
            }
            dec_reading
        }
    };
    if value.abs() > MAX_ABS {
        too_big(&q, want)
    } else {
        Parsed::Value {
            value: value + 0.0,
            from_text: Some(orig.into()),
        }
    }
}

fn mark_name(mark: char) -> &'static str {
    if mark == ',' {
        "dấu phẩy"
    } else {
        "dấu chấm"
    }
}

fn is_error_code(low: &str) -> bool {
    ERROR_CODES.iter().any(|c| c.eq_ignore_ascii_case(low))
        || low
            .strip_prefix("err:")
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

/// NaN, infinity or scientific notation ("1e5", "2,5E-3").
fn is_non_normal(low: &str) -> bool {
    let t: String = low.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches(['+', '-', '−']);
    if matches!(t, "nan" | "inf" | "infinity" | "∞") {
        return true;
    }
    let Some((m, e)) = t.split_once('e') else {
        return false;
    };
    let e = e.strip_prefix(['+', '-', '−']).unwrap_or(e);
    m.chars().any(|c| c.is_ascii_digit())
        && m.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !e.is_empty()
        && e.chars().all(|c| c.is_ascii_digit())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Whole: no decimal mark (maybe thousands separators); Decimal(mark): a '.' or ',' decimal mark
/// before `frac` digits; Ambig3: one '.' or ',' followed by exactly 3 digits (thousands or decimal).
enum Shape {
    Whole,
    Decimal(char),
    Ambig3,
}

/// `digits`: all digits with separators removed; `frac`: digits after the decimal mark.
struct Body {
    digits: u128,
    frac: u32,
    shape: Shape,
}

/// Unsigned digits grouped by '.', ',' or spaces; None when it is not a number.
fn parse_body(s: &str) -> Option<Body> {
    let mut groups = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            groups.last_mut()?.push(c);
            continue;
        }
        let sep = if c.is_whitespace() {
            ' '
        } else if c == '.' || c == ',' {
            c
        } else {
            return None;
        };
        if groups.last()?.is_empty() {
            if sep == ' ' && seps.last() == Some(&' ') {
                continue; // a run of spaces counts as one
            }
            return None;
        }
        seps.push(sep);
        groups.push(String::new());
    }
    if groups.iter().any(String::is_empty) {
        return None;
    }
    let digits: u128 = groups.concat().parse().ok()?;
    let (last, head) = groups.split_last()?;
    let grouped = |gs: &[String]| {
        gs.first()
            .is_some_and(|g| g.len() <= 3 && !g.starts_with('0'))
            && gs.iter().skip(1).all(|g| g.len() == 3)
    };
    let mut kinds = seps.clone();
    kinds.sort_unstable();
    kinds.dedup();
    let frac = u32::try_from(last.len()).ok()?;
    let body = |frac, shape| {
        Some(Body {
            digits,
            frac,
            shape,
        })
    };
    match (kinds.as_slice(), seps.len()) {
        ([], _) => body(0, Shape::Whole),
        ([k], 1) if *k != ' ' => {
            if grouped(&groups) {
                body(3, Shape::Ambig3)
            } else {
                body(frac, Shape::Decimal(*k))
            }
        }
        ([_], _) if grouped(&groups) => body(0, Shape::Whole),
        ([_, _], _) => {
            let mark = *seps.last()?;
            let once = seps.iter().filter(|&&c| c == mark).count() == 1;
            if mark != ' ' && once && grouped(head) {
                body(frac, Shape::Decimal(mark))
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
