//! Plausible figures for sample returns, deterministic from a seed, and the typical mistakes units
//! make; what is drawn and planted is data (templates/demo/returns.toml, see `spec`).

use super::spec::{self, Drawn, MistakeSpec};
use crate::outline::{Group, Outline, Role};
use crate::record::{Value, Values, key};
use crate::rng::Rng;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Who a sample return is from.
impl From<&crate::roster::RosterUnit> for Who {
    fn from(u: &crate::roster::RosterUnit) -> Who {
        Who {
            code: u.code.clone(),
            union_name: u.name.clone(),
            unit_name: u.name.clone(),
            unit_type: u.unit_type.clone(),
            parent: u.parent.clone(),
        }
    }
}

/// Sample units: the sample roster's, as return senders.
pub fn units(n: usize) -> (Vec<crate::roster::RosterUnit>, Vec<Who>) {
    let roster = crate::roster::sample::generate(n);
    let who = roster.iter().map(Who::from).collect();
    (roster, who)
}

/// Who a sample return is from.
#[derive(Debug, Clone)]
pub struct Who {
    pub code: String,
    pub union_name: String,
    pub unit_name: String,
    pub unit_type: String,
    pub parent: String,
}

fn value(d: Drawn) -> Value {
    match d {
        Drawn::Number(n) => Value::Number(n),
        Drawn::Text(t) => Value::Text(t),
    }
}

/// A complete return that satisfies every rule of the embedded outline: the unit's code, names, type,
/// upper level and report date in the fields that have those roles, and every other value drawn as
/// the sample data says, in its order.
pub fn good(o: &Outline, who: &Who, rng: &mut Rng, report_date: NaiveDate) -> Values {
    let spec = spec::embedded();
    let mut v = Values::new();
    let mut vars: HashMap<&str, f64> = HashMap::new();
    for (name, e) in &spec.draws {
        let x = e.eval(&|k: &str| vars.get(k).copied(), rng);
        vars.insert(name, x);
    }
    let var = |k: &str| vars.get(k).copied();
    // the union's name as its per-unit form pre-fills it ("Công đoàn cơ sở …")
    let union_name = crate::form::per_unit::union_name(o, &who.union_name);
    for (role, val) in [
        (Role::UnitCode, &who.code),
        (Role::UnionName, &union_name),
        (Role::UnitName, &who.unit_name),
        (Role::UnitType, &who.unit_type),
        (Role::Parent, &who.parent),
    ] {
        if let Some(k) = o.role_key(role) {
            v.insert(key(k), Value::Text(val.clone()));
        }
    }
    if let Some(k) = o.role_key(Role::ReportDate) {
        v.insert(key(k), Value::Date(report_date));
    }
    for (k, d) in &spec.values {
        v.insert(key(k), value(d.draw(&var, rng)));
    }
    for f in &o.fields {
        if let Some(Group::Option { .. }) = &f.group {
            let yes = rng.chance(spec.multi_choice_yes);
            v.insert(
                key(&f.key),
                Value::Text(if yes { "Có" } else { "Không" }.into()),
            );
        }
    }
    for t in &spec.tables {
        let rows = t.rows.eval(&var, rng) as u32;
        for row in 1..=rows {
            for (column, d) in &t.columns {
                let drawn = value(d.draw(&var, rng));
                if let Some(f) = table_field(o, &t.key, row, column) {
                    v.insert(key(f), drawn);
                }
            }
        }
    }
    v.retain(|k, _| o.field(k).is_some());
    v
}

/// The key of the cell of a table of the outline at a row and column.
fn table_field<'o>(o: &'o Outline, table: &str, at: u32, col: &str) -> Option<&'o str> {
    o.fields.iter().find_map(|f| match &f.group {
        Some(Group::Table {
            parent,
            row,
            column,
            ..
        }) if parent == table && *row == at && column == col => Some(f.key.as_str()),
        _ => None,
    })
}

/// A mistake the demo plants, one per faulty return: one of the sample data's `[[mistakes]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mistake(usize);

impl Mistake {
    /// Every mistake of the sample data, in its order.
    pub fn all() -> Vec<Mistake> {
        (0..spec::embedded().mistakes.len()).map(Mistake).collect()
    }

    /// The mistake of this name in the sample data.
    pub fn named(name: &str) -> Option<Mistake> {
        spec::embedded()
            .mistakes
            .iter()
            .position(|m| m.name == name)
            .map(Mistake)
    }

    pub fn spec(self) -> &'static MistakeSpec {
        &spec::embedded().mistakes[self.0]
    }

    pub fn name(self) -> &'static str {
        &self.spec().name
    }
}

/// Change figures as `sets` say, each computed from the return's own figures.
pub fn set_numbers(o: &Outline, v: &mut Values, sets: &[(String, super::expr::Expr)]) {
    for (k, e) in sets {
        let n = {
            let var = |name: &str| v.get(name).and_then(Value::as_number);
            // The expressions of `set` read figures only: they draw nothing.
            e.eval(&var, &mut Rng::new(0))
        };
        if o.field(k).is_some() {
            v.insert(key(k), Value::Number(n));
        }
    }
}

pub fn plant(o: &Outline, v: &mut Values, m: Mistake) {
    let m = m.spec();
    set_numbers(o, v, &m.set);
    for k in &m.as_text {
        let (Some(f), Some(n)) = (o.field(k), v.get(k.as_str()).and_then(Value::as_number)) else {
            continue;
        };
        let t = format!("{} {}", crate::value::format_vi(n), f.unit);
        v.insert(key(k), Value::Text(t.trim_end().to_string()));
    }
    for (k, t) in &m.set_text {
        if o.field(k).is_some() {
            v.insert(key(k), Value::Text(t.clone()));
        }
    }
    for k in &m.remove {
        v.remove(k.as_str());
    }
}
