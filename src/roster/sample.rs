//! A deterministic, made-up but plausible roster (examples/roster-an-giang.csv, tests, demos), drawn
//! from the word lists of templates/demo/roster.toml with a fixed-seed generator: the same `n` always
//! gives the same roster.

use super::HEADERS;
use super::load::RosterUnit;
use crate::rng::Rng;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// The sample roster's word lists, for the embedded outline.
pub const SAMPLE_ROSTER: &str = include_str!("../../templates/demo/roster.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub seed: u64,
    pub code_prefix: String,
    pub code_digits: usize,
    pub email: String,
    pub phone_prefix: String,
    pub phone_digits: u32,
    pub parents: Vec<Parent>,
    pub contacts: Contacts,
    pub words: BTreeMap<String, Vec<String>>,
    pub kinds: Vec<Kind>,
}

/// An upper level: its share of the units (%) and the places its units' names use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parent {
    pub label: String,
    pub share: usize,
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    pub family: Vec<String>,
    pub groups: Vec<Names>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub middle: Vec<String>,
    pub given: Vec<String>,
}

/// A kind of unit: the rolls (0–99) it takes, its name pattern and its type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub rolls: [usize; 2],
    /// Only for units under this upper level.
    #[serde(default)]
    pub parent: Option<String>,
    pub name: String,
    #[serde(rename = "type")]
    pub unit_type: String,
}

impl Spec {
    /// Parse and check that the shares add up to 100, every roll of every upper level has a kind, and
    /// every `{list}` of a name pattern is a list of `[words]`.
    pub fn parse(text: &str) -> Result<Spec> {
        let spec: Spec = toml::from_str(text).context("danh sách đơn vị mẫu không hợp lệ")?;
        if spec.parents.iter().map(|p| p.share).sum::<usize>() != 100 {
            bail!("danh sách đơn vị mẫu: tổng share của các cấp trên phải là 100");
        }
        for p in &spec.parents {
            if p.places.is_empty() {
                bail!(
                    "danh sách đơn vị mẫu: cấp trên “{}” chưa có địa danh",
                    p.label
                );
            }
            if let Some(roll) = (0..100).find(|&r| spec.kind(&p.label, r).is_none()) {
                bail!(
                    "danh sách đơn vị mẫu: không có loại đơn vị nào cho số {roll} dưới “{}”",
                    p.label
                );
            }
        }
        for k in &spec.kinds {
            for list in placeholders(&k.name) {
                if list != "place" && spec.words.get(list).is_none_or(Vec::is_empty) {
                    bail!(
                        "danh sách đơn vị mẫu: “{}” dùng {{{list}}} nhưng [words] không có danh sách {list}",
                        k.name
                    );
                }
            }
        }
        let c = &spec.contacts;
        if c.family.is_empty()
            || c.groups.is_empty()
            || c.groups
                .iter()
                .any(|g| g.middle.is_empty() || g.given.is_empty())
        {
            bail!("danh sách đơn vị mẫu: [contacts] cần họ, tên đệm và tên");
        }
        Ok(spec)
    }

    /// The first kind whose rolls hold `roll`, for a unit under `parent`.
    fn kind(&self, parent: &str, roll: usize) -> Option<&Kind> {
        self.kinds.iter().find(|k| {
            (k.rolls[0]..=k.rolls[1]).contains(&roll)
                && k.parent.as_deref().is_none_or(|p| p == parent)
        })
    }

    /// A name and its type for a unit under `parent`.
    fn unit(&self, r: &mut Rng, parent: &Parent) -> (String, String) {
        let place = r.pick(&parent.places).clone();
        let roll = r.below(100);
        let Some(kind) = self.kind(&parent.label, roll) else {
            return (place, String::new());
        };
        (self.expand(&kind.name, &place, r), kind.unit_type.clone())
    }

    /// A name pattern with `{place}` and one pick of each other `{list}`, left to right.
    fn expand(&self, pattern: &str, place: &str, r: &mut Rng) -> String {
        let mut out = String::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            match &rest[open + 1..close] {
                "place" => out.push_str(place),
                list => out.push_str(self.words.get(list).map_or("", |w| r.pick(w).as_str())),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The `{list}` names of a pattern.
fn placeholders(pattern: &str) -> Vec<&str> {
    pattern
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The embedded sample roster's lists (checked by the tests, so they always parse).
pub fn embedded() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::parse(SAMPLE_ROSTER).expect("the sample roster parses"))
}

/// `n` made-up units, codes AG-0001…, spread over the upper levels.
pub fn generate(n: usize) -> Vec<RosterUnit> {
    let spec = embedded();
    let mut r = Rng::new(spec.seed);
    let mut used = HashSet::new();
    (1..=n)
        .map(|i| {
            let roll = r.below(100);
            let mut upto = 0;
            let parent = spec
                .parents
                .iter()
                .find(|p| {
                    upto += p.share;
                    roll < upto
                })
                .unwrap_or(&spec.parents[spec.parents.len() - 1]);
            let (mut name, mut ty) = spec.unit(&mut r, parent);
            for _ in 0..20 {
                if !used.contains(&name) {
                    break;
                }
                (name, ty) = spec.unit(&mut r, parent);
            }
            let base = name.clone();
            let mut k = 2;
            while !used.insert(name.clone()) {
                name = format!("{base} {k}");
                k += 1;
            }
            let code = format!("{}{i:0w$}", spec.code_prefix, w = spec.code_digits);
            let names = r.pick(&spec.contacts.groups);
            let contact = format!(
                "{} {} {}",
                r.pick(&spec.contacts.family),
                r.pick(&names.middle),
                r.pick(&names.given)
            );
            let phone = format!(
                "{}{:0w$}",
                spec.phone_prefix,
                r.next_u64() % 10u64.pow(spec.phone_digits),
                w = spec.phone_digits as usize
            );
            let email = spec
                .email
                .replace("{code}", &code.to_lowercase().replace('-', ""));
            RosterUnit {
                row: i + 1,
                code,
                name,
                unit_type: ty,
                parent: parent.label.clone(),
                contact,
                phone,
                email,
            }
        })
        .collect()
}

/// The roster as CSV: UTF-8 with a BOM, comma separated, Vietnamese headers.
pub fn csv(units: &[RosterUnit]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(HEADERS)?;
    for u in units {
        w.write_record([
            &u.code,
            &u.name,
            &u.unit_type,
            &u.parent,
            &u.contact,
            &u.phone,
            &u.email,
        ])?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::{Outline, Role};

    #[test]
    fn the_sample_uses_the_embedded_outline_options() {
        let o = Outline::embedded();
        let spec = embedded();
        let parents: Vec<&str> = spec.parents.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(parents, o.role_choices(Role::Parent));
        let types = o.role_choices(Role::UnitType);
        for k in &spec.kinds {
            assert!(types.contains(&k.unit_type), "{}: {}", k.name, k.unit_type);
        }
        let first = &generate(3)[0];
        assert_eq!(
            (first.code.as_str(), first.email.as_str(), first.phone.len()),
            ("AG-0001", "cdcs.ag0001@example.com", 10)
        );
    }

    #[test]
    fn broken_lists_are_refused() {
        let e = Spec::parse(&SAMPLE_ROSTER.replacen("share = 40", "share = 41", 1)).unwrap_err();
        assert!(e.to_string().contains("tổng share"), "{e}");
        let e = Spec::parse(&SAMPLE_ROSTER.replacen("{brands}", "{brand}", 1)).unwrap_err();
        assert!(e.to_string().contains("không có danh sách brand"), "{e}");
        let e = Spec::parse(&SAMPLE_ROSTER.replacen("rolls = [96, 99]", "rolls = [96, 98]", 1))
            .unwrap_err();
        assert!(e.to_string().contains("cho số 99"), "{e}");
    }
}
