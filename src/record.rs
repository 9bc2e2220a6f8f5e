//! A unit's typed values, keyed by outline field key: what the reader extracts and merge aggregates.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::{OnceLock, RwLock};

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

/// A field key. Keys are interned: the values of ten thousand units share one copy of each key
/// instead of holding ten thousand copies of every key (half of merge's memory).
pub type Key = &'static str;

/// The one shared copy of a key. Keys come from outlines, so the set stays small.
pub fn key(k: &str) -> Key {
    static KEYS: OnceLock<RwLock<HashSet<Key>>> = OnceLock::new();
    let keys = KEYS.get_or_init(Default::default);
    if let Some(&found) = keys.read().unwrap_or_else(|e| e.into_inner()).get(k) {
        return found;
    }
    let mut set = keys.write().unwrap_or_else(|e| e.into_inner());
    match set.get(k) {
        Some(&found) => found,
        None => {
            let leaked: Key = Box::leak(k.to_string().into_boxed_str());
            set.insert(leaked);
            leaked
        }
    }
}

pub type Values = BTreeMap<Key, Value>;

/// Values packed into one allocation while thousands of returns are being read: each return's many small
/// strings would otherwise pin the pages of its parse buffers (about 37 KB of memory per return instead of 4 KB).
#[derive(Debug, Clone, Default)]
pub struct Frozen(Box<[u8]>);

impl Frozen {
    pub fn freeze(values: &Values) -> Frozen {
        let mut out = Vec::with_capacity(values.len() * 24);
        for (k, v) in values {
            let (tag, payload) = match v {
                Value::Number(n) => (b'n', n.to_bits().to_le_bytes().to_vec()),
                Value::Text(t) => (b't', t.as_bytes().to_vec()),
                Value::Date(d) => (b'd', d.format("%Y-%m-%d").to_string().into_bytes()),
            };
            out.extend_from_slice(&(k.len() as u32).to_le_bytes());
            out.extend_from_slice(k.as_bytes());
            out.push(tag);
            out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            out.extend_from_slice(&payload);
        }
        Frozen(out.into_boxed_slice())
    }

    pub fn thaw(&self) -> Values {
        fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
            let (head, tail) = rest.split_at_checked(n)?;
            *rest = tail;
            Some(head)
        }
        fn len(rest: &mut &[u8]) -> Option<usize> {
            Some(u32::from_le_bytes(take(rest, 4)?.try_into().ok()?) as usize)
        }
        let mut values = Values::new();
        let mut rest: &[u8] = &self.0;
        while !rest.is_empty() {
            let Some((key, tag, p)) = (|| {
                let k = len(&mut rest)?;
                let key = key(&String::from_utf8_lossy(take(&mut rest, k)?));
                let tag = take(&mut rest, 1)?[0];
                let n = len(&mut rest)?;
                Some((key, tag, take(&mut rest, n)?))
            })() else {
                break;
            };
            let v = match tag {
                b'n' => Value::Number(f64::from_bits(u64::from_le_bytes(
                    p.try_into().unwrap_or_default(),
                ))),
                b'd' => match NaiveDate::parse_from_str(&String::from_utf8_lossy(p), "%Y-%m-%d") {
                    Ok(d) => Value::Date(d),
                    Err(_) => continue,
                },
                _ => Value::Text(String::from_utf8_lossy(p).into_owned()),
            };
            values.insert(key, v);
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freeze_and_thaw_give_back_the_same_values() {
        let mut v = Values::new();
        v.insert("a", Value::Number(-1234.5));
        v.insert("b", Value::Text("Có \u{1E} “x”".into()));
        v.insert(
            "c",
            Value::Date(NaiveDate::from_ymd_opt(2026, 4, 25).unwrap()),
        );
        v.insert("d", Value::Number(f64::MAX));
        assert!(std::ptr::eq(key("a"), key(&String::from("a"))));
        assert_eq!(Frozen::freeze(&v).thaw(), v);
        assert_eq!(Frozen::freeze(&Values::new()).thaw(), Values::new());
    }
}
