//! A figure or an answer as a document prints it: Vietnamese number style, the unit of the line.

use crate::outline::{Field, FieldType};
use crate::record::Value;
use crate::value::{format_pct_vi, format_vi};

/// A value of `f` with its unit: "12 văn bản", "85%", "1.234.567 đồng", "25/04/2026".
pub fn value(f: &Field, v: &Value) -> String {
    match v {
        Value::Number(n) if f.ty == FieldType::Percent => format_pct_vi(n / 100.0),
        Value::Number(n) => with_unit(&format_vi(*n), &f.unit),
        Value::Text(t) => t.clone(),
        Value::Date(d) => d.format("%d/%m/%Y").to_string(),
    }
}

/// A number and its unit ("12 văn bản"); the unit "%" is written close up.
pub fn with_unit(number: &str, unit: &str) -> String {
    match unit {
        "" => number.to_string(),
        "%" => format!("{number}%"),
        u => format!("{number} {u}"),
    }
}
