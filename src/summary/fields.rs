//! Many fields of many units: each unit's values are walked once, in key order, rather than searched
//! once per field.

use crate::record::{Value, Values};

/// A fixed list of field keys, taken together from each unit's values.
pub struct Fields<'k> {
    /// The keys in key order, each with its place in the list.
    sorted: Vec<(&'k str, usize)>,
}

impl<'k> Fields<'k> {
    pub fn new(keys: impl IntoIterator<Item = &'k str>) -> Fields<'k> {
        let mut sorted: Vec<(&str, usize)> =
            keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
        sorted.sort_unstable();
        Fields { sorted }
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// `out[i]` becomes the value of the i-th key, as `values.get(key)` gives it; `out` has `len()` cells.
    pub fn take<'v>(&self, values: &'v Values, out: &mut [Option<&'v Value>]) {
        out.fill(None);
        let mut next = 0;
        for (key, v) in values {
            while next < self.sorted.len() && self.sorted[next].0 < *key {
                next += 1;
            }
            while next < self.sorted.len() && self.sorted[next].0 == *key {
                out[self.sorted[next].1] = Some(v);
                next += 1;
            }
            if next == self.sorted.len() {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_what_get_gives() {
        let mut values = Values::new();
        for (k, v) in [("b", 1.0), ("d", 2.0), ("a_b", 3.0), ("e", 4.0)] {
            values.insert(crate::record::key(k), Value::Number(v));
        }
        let keys = ["e", "a", "d", "b", "zz", "d", "", "a_b"];
        let fields = Fields::new(keys);
        let mut out = vec![Some(&Value::Number(9.0)); fields.len()];
        fields.take(&values, &mut out);
        let want: Vec<Option<&Value>> = keys.iter().map(|k| values.get(k)).collect();
        assert_eq!(out, want);
    }
}
