//! A unit's typed values, keyed by outline field key: what the reader extracts and merge aggregates.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
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

/// A unit's values: (key, value) pairs sorted by key in one vector. A national roll-up keeps the values
/// of 130,000 units of ~120 fields each; a `BTreeMap` per unit cost half as much again in node space.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(Vec<(Key, Value)>);

type Pair = (Key, Value);
/// The iterator of a unit's pairs as `(&key, &value)`, as a map gives them.
pub type Iter<'a> = std::iter::Map<std::slice::Iter<'a, Pair>, fn(&Pair) -> (&Key, &Value)>;

impl Values {
    pub fn new() -> Values {
        Values(Vec::new())
    }

    fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| (*key).cmp(k))
    }

    pub fn get(&self, k: &str) -> Option<&Value> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_ok()
    }

    /// Set `k`; the value it had before, if any.
    pub fn insert(&mut self, k: Key, v: Value) -> Option<Value> {
        match self.find(k) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, v)),
            Err(i) => {
                self.0.insert(i, (k, v));
                None
            }
        }
    }

    pub fn remove(&mut self, k: &str) -> Option<Value> {
        self.find(k).ok().map(|i| self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Key, &mut Value) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Pairs in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// Give back the spare room left by inserting one by one.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a Key, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Index<&str> for Values {
    type Output = Value;
    /// The value of `k`; panics when there is none, like a map's index.
    fn index(&self, k: &str) -> &Value {
        self.get(k)
            .unwrap_or_else(|| panic!("no value for key {k}"))
    }
}

impl FromIterator<(Key, Value)> for Values {
    fn from_iter<I: IntoIterator<Item = (Key, Value)>>(pairs: I) -> Values {
        let mut v = Values::new();
        for (k, x) in pairs {
            v.insert(k, x);
        }
        v.shrink_to_fit();
        v
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

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
        values.shrink_to_fit();
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
