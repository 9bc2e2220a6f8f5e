//! A unit's typed values, keyed by outline field key: what the reader extracts and merge aggregates.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A clean value. Percentages are percent numbers (85 for 85 %); choices and yes/no are the option label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
    Date(NaiveDate),
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

pub type Values = BTreeMap<String, Value>;
