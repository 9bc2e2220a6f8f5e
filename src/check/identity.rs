//! One unit identity: who a unit is — its code, else its name without the outline's name prefixes —
//! for merge's duplicates, matching returns to the roster, and status.
//!
//! The fields are the outline's: the field with the role `unit_code`, then those with the roles
//! `union_name` and `unit_name`, in that order. Codes compare trimmed and case-insensitively. Names
//! compare folded (NFC/NFD alike, no case, no diacritics), punctuation and repeated spaces as one
//! space, with one leading prefix of `[matching] name_prefixes` dropped, unless the name is the
//! prefix alone.

use crate::outline::{Outline, Role};
use crate::record::{Value, Values};
use crate::value::fold;

/// How units are told apart under one outline.
#[derive(Debug, Clone)]
pub struct UnitIdentity {
    /// Normalised prefixes, longest first, so "công đoàn cơ sở" goes before "công đoàn".
    prefixes: Vec<String>,
    /// The field of the unit code.
    code: Option<String>,
    /// The fields of the unit's name, in the order they are tried.
    names: Vec<String>,
}

impl UnitIdentity {
    pub fn new(o: &Outline) -> UnitIdentity {
        UnitIdentity {
            code: o.role_key(Role::UnitCode).map(str::to_string),
            names: o.name_keys().into_iter().map(str::to_string).collect(),
            ..UnitIdentity::with_prefixes(o.name_prefixes())
        }
    }

    /// Prefixes only (no code or name fields): names compared as `name_key` does.
    pub fn with_prefixes<S: AsRef<str>>(prefixes: &[S]) -> UnitIdentity {
        let mut prefixes: Vec<String> = prefixes
            .iter()
            .map(|p| words(p.as_ref()))
            .filter(|p| !p.is_empty())
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        UnitIdentity {
            prefixes,
            code: None,
            names: Vec::new(),
        }
    }

    /// A name as compared: see the module doc.
    pub fn name_key(&self, name: &str) -> String {
        let w = words(name);
        self.prefixes
            .iter()
            .find_map(|p| w.strip_prefix(p.as_str())?.strip_prefix(' '))
            .map_or_else(|| w.clone(), str::to_string)
    }

    /// The unit code a unit gave, trimmed; None when empty.
    pub fn code<'v>(&self, values: &'v Values) -> Option<&'v str> {
        text(values, self.code.as_deref()?)
    }

    /// The names a unit gave, in the order they are tried (union name, then unit name).
    pub fn names<'v>(&self, values: &'v Values) -> Vec<&'v str> {
        self.names.iter().filter_map(|k| text(values, k)).collect()
    }

    /// Who a unit is: `code:<code>`, else `name:<first name>`; None if it gives neither.
    pub fn key(&self, values: &Values) -> Option<String> {
        if let Some(code) = self.code(values) {
            return Some(format!("code:{}", code_key(code)));
        }
        let name = self.name_key(self.names(values).first()?);
        (!name.is_empty()).then(|| format!("name:{name}"))
    }
}

/// A unit code as compared.
pub fn code_key(code: &str) -> String {
    code.trim().to_lowercase()
}

/// Folded, anything but letters and digits as a space, spaces collapsed.
fn words(s: &str) -> String {
    let spaced: String = fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text<'v>(values: &'v Values, key: &str) -> Option<&'v str> {
    values
        .get(key)
        .and_then(Value::as_text)
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn id() -> UnitIdentity {
        UnitIdentity::new(&Outline::embedded())
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (crate::record::key(k), Value::Text(v.to_string())))
            .collect()
    }

    #[test]
    fn names_compare_without_a_prefix_in_any_spelling() {
        let id = id();
        let base = id.name_key("Trường Tiểu học Vĩnh Lạc");
        assert_eq!(base, "truong tieu hoc vinh lac");
        let nfd: String = "Trường Tiểu học Vĩnh Lạc".nfd().collect();
        for variant in [
            nfd.as_str(),
            "TRƯỜNG TIỂU HỌC VĨNH LẠC",
            "truong  tieu   hoc vinh lac ",
            "CĐCS Trường Tiểu học Vĩnh Lạc",
            "cđcs: Trường Tiểu học Vĩnh Lạc",
            "Công đoàn cơ sở  Trường Tiểu học Vĩnh Lạc",
            "Công đoàn Trường Tiểu học Vĩnh Lạc",
            "CĐ Trường Tiểu học Vĩnh Lạc",
            "cdcs - Trường Tiểu học Vĩnh Lạc.",
        ] {
            assert_eq!(id.name_key(variant), base, "{variant:?}");
        }
        assert_eq!(id.name_key("Công đoàn"), "cong doan", "a bare prefix stays");
        assert_eq!(id.name_key("CĐCSX"), "cdcsx", "a prefix is a whole word");
    }

    #[test]
    fn a_unit_is_its_code_else_its_first_name() {
        let id = id();
        let coded = values(&[
            ("unit_code", " AG-01 "),
            ("union_name", "Công đoàn Trường X"),
        ]);
        assert_eq!(id.key(&coded).as_deref(), Some("code:ag-01"));
        // "Công đoàn Trường X" (union name) and "Trường X" (unit name) without a code: one unit.
        let union = values(&[
            ("union_name", "Công đoàn Trường X"),
            ("unit_name", "Trường X"),
        ]);
        let unit = values(&[("unit_name", "Trường X")]);
        assert_eq!(id.key(&union).as_deref(), Some("name:truong x"));
        assert_eq!(id.key(&union), id.key(&unit));
        assert_eq!(id.names(&union), ["Công đoàn Trường X", "Trường X"]);
        assert_eq!(id.key(&values(&[("unit_code", "  ")])), None);
    }

    #[test]
    fn prefixes_are_tried_longest_first() {
        let id = UnitIdentity::with_prefixes(&["cđ", "CĐCS"]);
        assert_eq!(id.name_key("CĐCS Trường X"), "truong x");
        assert_eq!(id.name_key("CĐ Trường X"), "truong x");
        assert_eq!(id.name_key("Công đoàn Trường X"), "cong doan truong x");
    }
}
