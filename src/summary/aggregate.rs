//! The figures: every measure the outline asks for (sum, weighted mean, units per option, units that said
//! "Có"), laid out in outline order, computed over any set of units (all of them, or one group).

use super::fields::Fields;
use super::units::Unit;
use crate::outline::{Aggregate, FieldType, Group, Item, Outline, Role, SectionLayout};
use crate::record::Value;

/// Column heading used for units whose group is not known (only with `--include-errors`).
pub const UNKNOWN_GROUP: &str = "(chưa xác định)";

/// How a measure is computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Sum over the units that reported the field.
    Sum,
    /// Σ(rate × weight) / Σ(weight) over the units that reported both.
    WeightedMean { weight: String },
    /// Number of units whose choice is this option.
    Option { option: String },
    /// Number of units that answered the yes/no field with `yes` (the first option, "Có").
    Yes { yes: String },
}

/// One figure of the summary.
#[derive(Debug, Clone)]
pub struct Measure {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub kind: Kind,
}

impl Measure {
    /// Unique id within the layout.
    pub fn id(&self) -> String {
        match &self.kind {
            Kind::Option { option } => format!("{}={option}", self.key),
            _ => self.key.clone(),
        }
    }
    /// Key under which the figure appears in the JSON totals (choice options do not).
    pub fn json_key(&self) -> Option<&str> {
        match self.kind {
            Kind::Option { .. } => None,
            _ => Some(&self.key),
        }
    }
    pub fn is_percent(&self) -> bool {
        matches!(self.kind, Kind::WeightedMean { .. })
    }
    /// Whether the figure counts units (an option, a yes/no) rather than adding up values.
    pub fn counts_units(&self) -> bool {
        matches!(self.kind, Kind::Option { .. } | Kind::Yes { .. })
    }
}

/// A measure's value over some units and how many units it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agg {
    /// The figure: a sum, a weighted mean as a percent number (87.5), or a number of units.
    /// None for a weighted mean with no weight.
    pub value: Option<f64>,
    /// Units that reported the field (for a weighted mean: the field and its weight).
    pub units: usize,
}

/// Compute a measure over units.
pub fn compute(m: &Measure, units: &[&Unit]) -> Agg {
    let weight = match &m.kind {
        Kind::WeightedMean { weight } => weight.as_str(),
        _ => "",
    };
    aggregate(
        &m.kind,
        units.len(),
        |i| units[i].result.values.get(m.key.as_str()),
        |i| units[i].result.values.get(weight),
    )
}

/// A measure of kind `kind` over `n` units, given the measure's field and its weight's field of the
/// i-th unit.
fn aggregate<'v>(
    kind: &Kind,
    n: usize,
    value: impl Fn(usize) -> Option<&'v Value>,
    weight: impl Fn(usize) -> Option<&'v Value>,
) -> Agg {
    let number = |i| value(i).and_then(Value::as_number);
    match kind {
        Kind::Sum => {
            let vals: Vec<f64> = (0..n).filter_map(number).collect();
            Agg {
                value: Some(vals.iter().fold(0.0, |a, b| a + b)),
                units: vals.len(),
            }
        }
        Kind::WeightedMean { .. } => {
            let pairs: Vec<(f64, f64)> = (0..n)
                .filter_map(|i| Some((number(i)?, weight(i).and_then(Value::as_number)?)))
                .collect();
            let total: f64 = pairs.iter().map(|(_, w)| w).sum();
            let value = (total > 0.0)
                .then(|| pairs.iter().map(|(r, w)| r * w).sum::<f64>() / total)
                .map(|v| (v * 1e9).round() / 1e9);
            Agg {
                value,
                units: pairs.len(),
            }
        }
        Kind::Option { option: want } | Kind::Yes { yes: want } => {
            let answered: Vec<&str> = (0..n)
                .filter_map(|i| value(i).and_then(Value::as_text))
                .collect();
            Agg {
                value: Some(answered.iter().filter(|t| **t == want).count() as f64),
                units: answered.len(),
            }
        }
    }
}

/// Every measure of `rows` over `units`. The fields the measures read are first taken from each
/// unit's values in one ordered walk (rather than looked up once per measure), then each measure is a
/// pass over them; both steps run in parallel.
pub fn compute_all(rows: &[Row], units: &[&Unit]) -> Vec<(Measure, Agg)> {
    use rayon::prelude::*;
    let all: Vec<&Measure> = measures(rows).collect();
    let mut keys: Vec<&str> = all
        .iter()
        .flat_map(|m| match &m.kind {
            Kind::WeightedMean { weight } => vec![m.key.as_str(), weight.as_str()],
            _ => vec![m.key.as_str()],
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let fields = Fields::new(keys.iter().copied());
    let width = fields.len().max(1);
    // One row of `width` cells per unit: the unit's value of each key, if any.
    let mut cells: Vec<Option<&Value>> = vec![None; width * units.len()];
    cells
        .par_chunks_mut(width)
        .zip(units.par_iter())
        .with_min_len(256)
        .for_each(|(row, u)| fields.take(&u.result.values, &mut row[..fields.len()]));
    let column = |key: &str| keys.binary_search(&key).ok();
    all.par_iter()
        .map(|m| {
            let weight = match &m.kind {
                Kind::WeightedMean { weight } => column(weight),
                _ => None,
            };
            let field = |col: Option<usize>| {
                let cells = &cells;
                move |i: usize| col.and_then(|c| cells[i * width + c])
            };
            let agg = aggregate(&m.kind, units.len(), field(column(&m.key)), field(weight));
            ((*m).clone(), agg)
        })
        .collect()
}

/// Units that answered a field at all.
pub fn answered(key: &str, units: &[&Unit]) -> usize {
    units
        .iter()
        .filter(|u| u.result.values.contains_key(key))
        .count()
}

/// A line of the figure sheets, in outline order.
#[derive(Debug, Clone)]
pub enum Row {
    Section(String),
    Heading(String),
    /// The label of a choice (`key` set: units that answered it) or of a multiple choice;
    /// its `options` measures follow.
    Group {
        label: String,
        key: Option<String>,
        options: usize,
    },
    Measure(Measure),
}

/// Every figure of the outline, with its section titles and headings.
pub fn rows(o: &Outline) -> Vec<Row> {
    let mut out = Vec::new();
    for s in o
        .sections
        .iter()
        .filter(|s| s.layout == SectionLayout::Normal)
    {
        let mut part = Vec::new();
        for item in &s.items {
            match item {
                Item::Heading { report, .. } => part.push(Row::Heading(report.clone())),
                Item::Field(i) => field_rows(o, *i, &mut part),
                Item::Multi { label, fields } => {
                    let opts: Vec<Row> = fields
                        .iter()
                        .filter_map(|&i| option_measure(o, i))
                        .map(Row::Measure)
                        .collect();
                    if !opts.is_empty() {
                        part.push(Row::Group {
                            label: label.clone(),
                            key: None,
                            options: opts.len(),
                        });
                        part.extend(opts);
                    }
                }
                Item::Note(_) | Item::Table { .. } => {}
            }
        }
        // Drop headings with no figure under them.
        let mut kept: Vec<Row> = Vec::new();
        for r in part.into_iter().rev() {
            let next_is_figure = matches!(kept.last(), Some(Row::Measure(_) | Row::Group { .. }));
            if !matches!(r, Row::Heading(_)) || next_is_figure {
                kept.push(r);
            }
        }
        kept.reverse();
        if kept.iter().any(|r| matches!(r, Row::Measure(_))) {
            out.push(Row::Section(s.title.clone()));
            out.extend(kept);
        }
    }
    out
}

fn field_rows(o: &Outline, i: usize, out: &mut Vec<Row>) {
    let f = &o.fields[i];
    if f.group.is_some() {
        return;
    }
    let measure = |kind| Measure {
        key: f.key.clone(),
        label: f.label.clone(),
        unit: f.unit.clone(),
        kind,
    };
    match (f.aggregate, f.ty) {
        (Aggregate::Sum, ty) if ty.is_numeric() => out.push(Row::Measure(measure(Kind::Sum))),
        (Aggregate::WeightedMean, ty) if ty.is_numeric() => {
            let kind = match &f.weight {
                Some(w) => Kind::WeightedMean { weight: w.clone() },
                None => Kind::Sum,
            };
            out.push(Row::Measure(Measure {
                unit: "%".into(),
                ..measure(kind)
            }));
        }
        (Aggregate::Count, FieldType::YesNo) => out.push(Row::Measure(Measure {
            unit: "đơn vị".into(),
            ..measure(Kind::Yes {
                yes: yes_label(f.choices.as_deref()),
            })
        })),
        (Aggregate::Count, FieldType::Choice) => {
            out.push(Row::Group {
                label: f.label.clone(),
                key: Some(f.key.clone()),
                options: f.choices.as_ref().map_or(0, Vec::len),
            });
            for option in f.choices.iter().flatten() {
                out.push(Row::Measure(Measure {
                    key: f.key.clone(),
                    label: option.clone(),
                    unit: "đơn vị".into(),
                    kind: Kind::Option {
                        option: option.clone(),
                    },
                }));
            }
        }
        _ => {}
    }
}

fn yes_label(choices: Option<&[String]>) -> String {
    choices
        .and_then(|c| c.first())
        .cloned()
        .unwrap_or_else(|| "Có".into())
}

/// The yes/no field of one option of a multiple choice, counted as "units that said Có".
fn option_measure(o: &Outline, i: usize) -> Option<Measure> {
    let f = &o.fields[i];
    let Some(Group::Option { option, .. }) = &f.group else {
        return None;
    };
    (f.aggregate == Aggregate::Count).then(|| Measure {
        key: f.key.clone(),
        label: option.clone(),
        unit: "đơn vị".into(),
        kind: Kind::Yes {
            yes: yes_label(f.choices.as_deref()),
        },
    })
}

/// Every measure of the layout, in order.
pub fn measures(rows: &[Row]) -> impl Iterator<Item = &Measure> {
    rows.iter().filter_map(|r| match r {
        Row::Measure(m) => Some(m),
        _ => None,
    })
}

/// The members block (`[summary.members]`): start, now, change and change as a fraction of the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Members {
    pub start: f64,
    pub now: f64,
    pub change: f64,
    /// change / start; None when start is 0.
    pub rate: Option<f64>,
    pub units: usize,
}

/// The members block over some units; None if the outline declares none.
pub fn members(o: &Outline, units: &[&Unit]) -> Option<Members> {
    let spec = o.summary.members.as_ref()?;
    let sum = |key: &str| Measure {
        key: key.into(),
        label: String::new(),
        unit: String::new(),
        kind: Kind::Sum,
    };
    let start = compute(&sum(&spec.start), units);
    let now = compute(&sum(&spec.now), units);
    let (s, n) = (start.value.unwrap_or(0.0), now.value.unwrap_or(0.0));
    Some(Members {
        start: s,
        now: n,
        change: n - s,
        rate: (s > 0.0).then(|| (n - s) / s),
        units: start.units.max(now.units),
    })
}

/// The units of each option of the choice field that has `role` (in option order), then the units
/// with no known option.
pub fn groups<'a>(o: &Outline, role: Role, units: &[&'a Unit]) -> Vec<(String, Vec<&'a Unit>)> {
    let options = o.role_choices(role);
    let key = o.role_key(role);
    // One pass over the units, each to the group of its option (in the units' order).
    let mut of: Vec<Vec<&Unit>> = vec![Vec::new(); options.len()];
    let mut unknown: Vec<&Unit> = Vec::new();
    for &u in units {
        let text = key.and_then(|k| u.text(k));
        let mut known = false;
        for (i, opt) in options.iter().enumerate() {
            if text == Some(opt.as_str()) {
                of[i].push(u);
                known = true;
            }
        }
        if !known {
            unknown.push(u);
        }
    }
    let mut out: Vec<(String, Vec<&Unit>)> = options.into_iter().zip(of).collect();
    if !unknown.is_empty() {
        out.push((UNKNOWN_GROUP.to_string(), unknown));
    }
    out
}
