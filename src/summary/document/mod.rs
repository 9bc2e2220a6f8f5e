//! The Word documents of `report`: a unit's own report from its return (`unit`), the draft report
//! of the merging level from merge's units and totals (`draft`, `texts`), worded from data
//! (`wording`), printed by `report::docx`.

mod chart;
pub mod draft;
pub mod run;
mod show;
mod texts;
pub mod unit;
pub mod wording;

use crate::record::Value;
use std::collections::BTreeMap;

pub use wording::Wording;

/// The figures placed in a document, by field key (for `--format json`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Figures(pub BTreeMap<String, serde_json::Value>);

impl Figures {
    pub fn new() -> Figures {
        Figures::default()
    }
    pub fn put(&mut self, key: &str, v: &Value) {
        let j = match v {
            Value::Number(n) => serde_json::json!(n),
            Value::Text(t) => serde_json::json!(t),
            Value::Date(d) => serde_json::json!(d.format("%Y-%m-%d").to_string()),
        };
        self.0.insert(key.to_string(), j);
    }
    pub fn put_number(&mut self, key: &str, n: f64) {
        self.0.insert(key.to_string(), serde_json::json!(n));
    }
}

/// What `report --format json` prints.
#[derive(Debug, serde::Serialize)]
pub struct Printed {
    pub kind: &'static str,
    pub units: usize,
    pub figures: Figures,
}

#[cfg(test)]
mod tests;
