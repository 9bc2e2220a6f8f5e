//! Per-field rules: required, type, whole number, bounds, choices; turns raw cells into clean values.

use super::Issue;
use crate::outline::{Field, FieldType, Outline, Severity};
use crate::read::{RawCell, UnitCells};
use crate::record::{Value, Values};
use crate::value::{
    NumKind, Parsed, Raw, format_vi, match_choice, parse_date, parse_number, parse_yes_no, quote,
};
use unicode_normalization::UnicodeNormalization;

/// Longest text kept without a warning.
const LONG_TEXT: usize = 10_000;

pub(super) fn values(
    o: &Outline,
    unit: &UnitCells,
    missing: &[String],
    issues: &mut Vec<Issue>,
) -> Values {
    let mut values = Values::new();
    for f in &o.fields {
        let applies = match &f.only_if {
            Some(cond) => values.get(cond.as_str()).and_then(Value::as_text) == Some("Có"),
            None => true,
        };
        let required = f.required && applies;
        let Some(cell) = unit.cells.get(&f.key) else {
            if required && missing.contains(&f.key) {
                issues.push(Issue {
                    severity: Severity::Error,
                    rule: "not_found".into(),
                    field: Some(f.key.clone()),
                    cell: None,
                    value: None,
                    message: format!(
                        "Không tìm thấy ô “{}” trong tệp (dòng có thể đã bị xóa): đề nghị đơn vị điền vào biểu mẫu gốc.",
                        f.label
                    ),
                });
            }
            continue;
        };
        let mut ctx = Ctx {
            f,
            cell,
            issues: &mut *issues,
            shown: None,
        };
        if matches!(cell.raw, Raw::Empty) {
            if required {
                ctx.push(
                    Severity::Error,
                    "required",
                    format!("“{}”: chưa điền — đây là mục bắt buộc.", f.label),
                );
            }
            continue;
        }
        if let Some(v) = ctx.value() {
            values.insert(crate::record::key(&f.key), v);
        }
    }
    values
}

/// A sentence continued after "label: ": its first letter in lower case ("Ô chứa…" → "ô chứa…").
fn after_colon(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Shown value of a raw cell.
pub(super) fn show(raw: &Raw) -> String {
    match raw {
        Raw::Empty => String::new(),
        Raw::Number(n) => format_vi(*n),
        Raw::Text(t) => quote(t, 60),
        Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
        Raw::Error(e) => e.clone(),
    }
}

struct Ctx<'a> {
    f: &'a Field,
    cell: &'a RawCell,
    issues: &'a mut Vec<Issue>,
    /// How the cell's value is shown in findings when not the default (a percent read as typed).
    shown: Option<String>,
}

impl Ctx<'_> {
    fn push(&mut self, severity: Severity, rule: &str, message: String) {
        self.issues.push(Issue {
            severity,
            rule: rule.into(),
            field: Some(self.f.key.clone()),
            cell: Some(self.cell.at.to_string()),
            value: self
                .shown
                .clone()
                .or_else(|| match (&self.cell.raw, self.f.ty) {
                    (Raw::Empty, _) => None,
                    (Raw::Number(n), FieldType::Percent) => {
                        Some(format!("{}%", format_vi(n * 100.0)))
                    }
                    (raw, _) => Some(show(raw)),
                }),
            message,
        });
    }

    fn value(&mut self) -> Option<Value> {
        let f = self.f;
        match f.ty {
            FieldType::Integer
            | FieldType::SignedInteger
            | FieldType::Money
            | FieldType::Percent => self.number().map(Value::Number),
            FieldType::Choice | FieldType::YesNo => self.choice().map(Value::Text),
            FieldType::Date => match parse_date(&self.cell.raw) {
                Some(d) => {
                    if let Raw::Text(t) = &self.cell.raw {
                        let mut msg = format!(
                            "“{}”: ô ghi dạng chữ “{}”, đã đọc là ngày {}.",
                            f.label,
                            quote(t, 40),
                            d.format("%d/%m/%Y")
                        );
                        if f.role == Some(crate::outline::Role::ReportDate) {
                            // the form's date line only takes a real date apart
                            msg.push_str(&format!(
                                " Hãy nhập lại dạng ngày để dòng ngày tháng in đúng thể thức (“{}”).",
                                crate::value::decree_date(d)
                            ));
                        }
                        self.push(Severity::Warning, "normalized", msg);
                    }
                    Some(Value::Date(d))
                }
                None => {
                    let msg = format!(
                        "“{}”: “{}” không phải ngày hợp lệ; hãy nhập dạng ngày/tháng/năm, ví dụ 25/4/2026.",
                        f.label,
                        show(&self.cell.raw)
                    );
                    self.push(Severity::Error, "type", msg);
                    None
                }
            },
            FieldType::Text | FieldType::LongText => {
                let t = match &self.cell.raw {
                    Raw::Text(t) => t.trim().to_string(),
                    Raw::Number(n) => format_vi(*n).replace('.', ""),
                    Raw::Date(d) => d.format("%d/%m/%Y").to_string(),
                    Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                    Raw::Error(e) => {
                        let msg = format!(
                            "“{}”: ô đang báo lỗi công thức {e}; hãy ghi nội dung bằng chữ.",
                            f.label
                        );
                        self.push(Severity::Error, "type", msg);
                        return None;
                    }
                    Raw::Empty => return None,
                };
                let n = t.chars().count();
                if n > LONG_TEXT {
                    let msg = format!(
                        "“{}”: nội dung dài {} ký tự (quá {LONG_TEXT}); nên rút gọn.",
                        f.label,
                        format_vi(n as f64)
                    );
                    self.push(Severity::Warning, "too_long", msg);
                }
                Some(t)
            }
            .map(Value::Text),
        }
    }

    fn number(&mut self) -> Option<f64> {
        let f = self.f;
        let kind = match f.ty {
            FieldType::Integer => NumKind::Integer,
            FieldType::SignedInteger => NumKind::SignedInteger,
            FieldType::Money => NumKind::Money,
            _ => NumKind::Percent,
        };
        // the unit as written after a number: "85%", "12 người" (built only for a finding)
        let unit = || {
            if f.ty == FieldType::Percent {
                "%".to_string()
            } else {
                format!(" {}", f.unit)
            }
        };
        let v = match (&self.cell.raw, kind) {
            (Raw::Number(n), NumKind::Percent) if n.is_finite() => self.percent_cell(*n)?,
            (raw, _) => match parse_number(raw, kind) {
                Parsed::Empty => return None,
                Parsed::Value { value, from_text } => {
                    if let Some(t) = from_text {
                        let msg = format!(
                            "“{}”: ô ghi dạng chữ “{}”, đã đọc là {}{}. Nên nhập dạng số để tránh nhầm.",
                            f.label,
                            quote(&t, 40),
                            format_vi(value),
                            unit().trim_end()
                        );
                        self.push(Severity::Warning, "normalized", msg);
                    }
                    value
                }
                Parsed::Invalid { reason } => {
                    self.push(
                        Severity::Error,
                        "type",
                        format!("“{}”: {}", f.label, after_colon(&reason)),
                    );
                    return None;
                }
                Parsed::Ambiguous { reason, .. } => {
                    self.push(
                        Severity::Error,
                        "ambiguous",
                        format!("“{}”: {}", f.label, after_colon(&reason)),
                    );
                    return None;
                }
            },
        };
        self.bounds(v, &unit);
        Some(v)
    }

    /// A number in a percent cell is a fraction (0.85 shows as 85 %), unless that reading is impossible
    /// and the number read as a percent is a whole number in bounds (85 typed into a cell that lost its format).
    fn percent_cell(&mut self, n: f64) -> Option<f64> {
        let f = self.f;
        let frac = (n * 100.0 * 1e9).round() / 1e9;
        let (lo, hi) = (f.min.unwrap_or(0.0), f.max.unwrap_or(100.0));
        if (lo..=hi).contains(&frac) || !(lo..=hi).contains(&n) || n.fract() != 0.0 || n <= 1.0 {
            return Some(frac);
        }
        let msg = format!(
            "“{}”: ô ghi số {} (nếu hiểu theo định dạng % là {}%, không hợp lệ); đã hiểu là {}%. Nếu không đúng, hãy sửa lại.",
            f.label,
            format_vi(n),
            format_vi(frac),
            format_vi(n)
        );
        self.shown = Some(format_vi(n));
        self.push(Severity::Warning, "normalized", msg);
        Some(n)
    }

    fn bounds(&mut self, v: f64, unit: &dyn Fn() -> String) {
        let f = self.f;
        let in_bounds = f.min.is_none_or(|lo| v >= lo)
            && f.max.is_none_or(|hi| v <= hi)
            && f.soft_max.is_none_or(|hi| v <= hi)
            && f.soft_min.is_none_or(|lo| v >= lo);
        if in_bounds {
            return;
        }
        let unit = unit();
        let unit = unit.trim_end();
        let shown = format!("{}{unit}", format_vi(v));
        if let Some(lo) = f.min.filter(|lo| v < *lo) {
            let msg = if lo == 0.0 {
                format!("“{}”: ghi {shown}, không được là số âm.", f.label)
            } else {
                format!(
                    "“{}”: ghi {shown}, không được nhỏ hơn {}{unit}.",
                    f.label,
                    format_vi(lo)
                )
            };
            self.push(Severity::Error, "min", msg);
        } else if let Some(hi) = f.max.filter(|hi| v > *hi) {
            let mut msg = format!(
                "“{}”: ghi {shown}, không được lớn hơn {}{unit}.",
                f.label,
                format_vi(hi)
            );
            // A percent cell holds a fraction: 85,5 there is 8.550 %, far beyond any bound.
            // Say what was probably meant, but do not guess it.
            if let (FieldType::Percent, Raw::Number(n)) = (f.ty, &self.cell.raw)
                && *n > 1.0
                && *n <= hi
                && v > 10.0 * f.soft_max.unwrap_or(hi)
            {
                let n = format_vi(*n);
                msg.push_str(&format!(
                    " Ô đang chứa số {n} (định dạng % hiểu là {shown}); nếu muốn ghi {n}%, hãy nhập “{n}%”."
                ));
            }
            self.push(Severity::Error, "max", msg);
        } else if let Some(hi) = f.soft_max.filter(|hi| v > *hi) {
            let msg = format!(
                "“{}”: ghi {shown}, vượt {}{unit}; đề nghị kiểm tra lại (được chấp nhận nếu đúng thực tế).",
                f.label,
                format_vi(hi)
            );
            self.push(Severity::Warning, "soft_max", msg);
        } else if let Some(lo) = f.soft_min.filter(|lo| v < *lo) {
            let msg = format!(
                "“{}”: ghi {shown}, thấp hơn {}{unit}; đề nghị kiểm tra lại.",
                f.label,
                format_vi(lo)
            );
            self.push(Severity::Warning, "soft_min", msg);
        }
    }

    fn choice(&mut self) -> Option<String> {
        let f = self.f;
        let options: &[String] = f.choices.as_deref().unwrap_or_default();
        // The common case, an option picked from the list as it is: nothing to fold or normalise.
        if let Raw::Text(t) = &self.cell.raw {
            let typed = t.trim();
            let exact = match f.ty {
                FieldType::YesNo => match typed {
                    "Có" => Some(0),
                    "Không" => Some(1),
                    _ => None,
                }
                .filter(|&i| options.get(i).is_some_and(|o| o == typed)),
                _ => options.iter().position(|o| o == typed),
            };
            if let Some(i) = exact {
                return Some(options[i].clone());
            }
        }
        let (found, typed) = match &self.cell.raw {
            Raw::Text(t) => {
                let i = if f.ty == FieldType::YesNo {
                    parse_yes_no(&self.cell.raw)
                        .map(|yes| if yes { 0 } else { 1 })
                        .or_else(|| match_choice(t, options))
                } else {
                    match_choice(t, options)
                };
                (
                    i.and_then(|i| options.get(i).cloned()),
                    Some(t.trim().to_string()),
                )
            }
            raw if f.ty == FieldType::YesNo => (
                parse_yes_no(raw)
                    .map(|yes| options[if yes { 0 } else { 1 }.min(options.len() - 1)].clone()),
                None,
            ),
            _ => (None, None),
        };
        match found {
            Some(label) => {
                // NFD "Có" is the same text as NFC "Có": only a real difference is worth a warning.
                if let Some(t) =
                    typed.filter(|t| t.nfc().collect::<String>() != label.nfc().collect::<String>())
                {
                    let msg = format!(
                        "“{}”: ghi “{}”, đã hiểu là “{label}”.",
                        f.label,
                        quote(&t, 40)
                    );
                    self.push(Severity::Warning, "normalized", msg);
                }
                Some(label)
            }
            None => {
                let msg = format!(
                    "“{}”: “{}” không có trong danh sách; hãy chọn một trong: {}.",
                    f.label,
                    show(&self.cell.raw),
                    options.join("; ")
                );
                self.push(Severity::Error, "choice", msg);
                None
            }
        }
    }
}
