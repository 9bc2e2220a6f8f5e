//! The sample returns as data (templates/demo/returns.toml): how each field's value is drawn, the
//! mistakes planted, and how the demo plays the campaign.

use super::expr::Expr;
use crate::rng::Rng;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The sample returns of the embedded outline.
pub const SAMPLE_RETURNS: &str = include_str!("../../templates/demo/returns.toml");
const SAMPLE_RETURNS_NAME: &str = "templates/demo/returns.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    draws: Vec<DrawDef>,
    values: Vec<ValueDef>,
    multi_choice_yes: u64,
    #[serde(default)]
    tables: Vec<TableDef>,
    mistakes: Vec<MistakeDef>,
    run: RunDef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DrawDef {
    name: String,
    value: String,
}

/// How one value is drawn (a field, or a column of a table).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueDef {
    key: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    chance: Option<u64>,
    #[serde(default)]
    otherwise: Option<String>,
    #[serde(default)]
    pick: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDef {
    key: String,
    rows: String,
    columns: Vec<ValueDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MistakeDef {
    name: String,
    #[serde(default)]
    set: BTreeMap<String, String>,
    #[serde(default)]
    as_text: Vec<String>,
    #[serde(default)]
    set_text: BTreeMap<String, String>,
    #[serde(default)]
    remove: Vec<String>,
    rule: String,
    severity: crate::outline::Severity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunDef {
    dates: [toml::value::Datetime; 2],
    late: toml::value::Datetime,
    #[serde(default)]
    resend: BTreeMap<String, String>,
    ward: String,
    ward_folder: String,
    ward_summary: String,
    ward_step: String,
    ward_returns: String,
    ward_listing: String,
}

/// A piece of text with `{expression}` parts.
#[derive(Debug, Clone)]
pub enum Piece {
    Text(String),
    Number(Expr),
}

/// How a value is drawn.
#[derive(Debug, Clone)]
pub enum Draw {
    Number(Expr),
    Text(Vec<Piece>),
    /// `text` with this chance (%), else `otherwise`.
    Chance(u64, String, String),
    Pick(Vec<String>),
}

impl Draw {
    /// The drawn value: a number, or a text.
    pub fn draw(&self, var: &dyn Fn(&str) -> Option<f64>, rng: &mut Rng) -> Drawn {
        match self {
            Draw::Number(e) => Drawn::Number(e.eval(var, rng)),
            Draw::Text(pieces) => {
                let mut s = String::new();
                for p in pieces {
                    match p {
                        Piece::Text(t) => s.push_str(t),
                        Piece::Number(e) => s.push_str(&plain(e.eval(var, rng))),
                    }
                }
                Drawn::Text(s)
            }
            Draw::Chance(p, yes, no) => Drawn::Text(if rng.chance(*p) { yes } else { no }.clone()),
            Draw::Pick(options) => Drawn::Text(rng.pick(options).clone()),
        }
    }
}

pub enum Drawn {
    Number(f64),
    Text(String),
}

/// A number as written in a sentence: "2023", "12.5" (no thousands separator).
fn plain(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub key: String,
    pub rows: Expr,
    pub columns: Vec<(String, Draw)>,
}

/// A mistake units make, as the demo plants it, with the finding `check` must give.
#[derive(Debug, Clone)]
pub struct MistakeSpec {
    pub name: String,
    pub set: Vec<(String, Expr)>,
    pub as_text: Vec<String>,
    pub set_text: Vec<(String, String)>,
    pub remove: Vec<String>,
    pub rule: String,
    pub severity: crate::outline::Severity,
}

/// How the demo plays the campaign.
#[derive(Debug, Clone)]
pub struct Run {
    /// First and last day of the returns sent on time.
    pub dates: (NaiveDate, NaiveDate),
    pub late: NaiveDate,
    /// What the unit that sends its return twice changes in the second copy.
    pub resend: Vec<(String, Expr)>,
    /// The upper level that merges its units' returns first (an option of the role `parent`).
    pub ward: String,
    pub ward_folder: String,
    pub ward_summary: String,
    pub ward_step: String,
    pub ward_returns: String,
    pub ward_listing: String,
}

/// The whole sample: named draws, field values, tables, mistakes, and the run.
#[derive(Debug, Clone)]
pub struct Spec {
    pub draws: Vec<(String, Expr)>,
    pub values: Vec<(String, Draw)>,
    pub multi_choice_yes: u64,
    pub tables: Vec<Table>,
    pub mistakes: Vec<MistakeSpec>,
    pub run: Run,
}

/// The embedded sample (checked by the tests, so it always parses).
pub fn embedded() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        parse(SAMPLE_RETURNS, SAMPLE_RETURNS_NAME).expect("the sample returns parse")
    })
}

fn expr(text: &str, what: &str) -> Result<Expr> {
    Expr::parse(text).map_err(|e| anyhow::anyhow!("{what}: {e}"))
}

fn text_pieces(text: &str, what: &str) -> Result<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .with_context(|| format!("{what}: thiếu dấu }} trong “{text}”"))?;
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        out.push(Piece::Number(expr(&rest[open + 1..open + close], what)?));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

fn draw(v: &ValueDef) -> Result<Draw> {
    let what = format!("giá trị “{}”", v.key);
    Ok(
        match (&v.number, &v.text, v.chance, &v.otherwise, &v.pick) {
            (Some(n), None, None, None, None) => Draw::Number(expr(n, &what)?),
            (None, Some(t), None, None, None) => Draw::Text(text_pieces(t, &what)?),
            (None, Some(t), Some(p), Some(o), None) if p <= 100 => {
                Draw::Chance(p, t.clone(), o.clone())
            }
            (None, None, None, None, Some(p)) if !p.is_empty() => Draw::Pick(p.clone()),
            _ => bail!(
                "{what}: ghi một trong number; text; chance (0–100) + text + otherwise; pick (không rỗng)"
            ),
        },
    )
}

fn date(d: &toml::value::Datetime, what: &str) -> Result<NaiveDate> {
    d.date
        .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()))
        .with_context(|| format!("{what} phải là một ngày"))
}

fn sets(m: &BTreeMap<String, String>, what: &str) -> Result<Vec<(String, Expr)>> {
    m.iter()
        .map(|(k, e)| Ok((k.clone(), expr(e, &format!("{what} “{k}”"))?)))
        .collect()
}

/// Parse a sample file; errors name the file.
pub fn parse(text: &str, source: &str) -> Result<Spec> {
    let inner = || -> Result<Spec> {
        let f: File = toml::from_str(text)?;
        let draws = f
            .draws
            .iter()
            .map(|d| Ok((d.name.clone(), expr(&d.value, &d.name)?)))
            .collect::<Result<_>>()?;
        let values = f
            .values
            .iter()
            .map(|v| Ok((v.key.clone(), draw(v)?)))
            .collect::<Result<_>>()?;
        let tables = f
            .tables
            .iter()
            .map(|t| {
                Ok(Table {
                    key: t.key.clone(),
                    rows: expr(&t.rows, &t.key)?,
                    columns: t
                        .columns
                        .iter()
                        .map(|c| Ok((c.key.clone(), draw(c)?)))
                        .collect::<Result<_>>()?,
                })
            })
            .collect::<Result<_>>()?;
        let mistakes = f
            .mistakes
            .iter()
            .map(|m| {
                Ok(MistakeSpec {
                    name: m.name.clone(),
                    set: sets(&m.set, &m.name)?,
                    as_text: m.as_text.clone(),
                    set_text: m.set_text.clone().into_iter().collect(),
                    remove: m.remove.clone(),
                    rule: m.rule.clone(),
                    severity: m.severity,
                })
            })
            .collect::<Result<_>>()?;
        let r = &f.run;
        let run = Run {
            dates: (
                date(&r.dates[0], "run.dates")?,
                date(&r.dates[1], "run.dates")?,
            ),
            late: date(&r.late, "run.late")?,
            resend: sets(&r.resend, "run.resend")?,
            ward: r.ward.clone(),
            ward_folder: r.ward_folder.clone(),
            ward_summary: r.ward_summary.clone(),
            ward_step: r.ward_step.clone(),
            ward_returns: r.ward_returns.clone(),
            ward_listing: r.ward_listing.clone(),
        };
        if run.dates.1 < run.dates.0 || f.mistakes.is_empty() {
            bail!("run.dates phải từ ngày sớm đến ngày muộn, và cần ít nhất một lỗi (mistakes)");
        }
        Ok(Spec {
            draws,
            values,
            multi_choice_yes: f.multi_choice_yes.min(100),
            tables,
            mistakes,
            run,
        })
    };
    inner().with_context(|| format!("dữ liệu mẫu {source} không hợp lệ"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::{Outline, Role};

    #[test]
    fn every_key_of_the_sample_is_a_field_of_the_embedded_outline() {
        let o = Outline::embedded();
        let s = embedded();
        let mut known: Vec<&str> = Vec::new();
        for (name, e) in &s.draws {
            for v in e.vars() {
                assert!(
                    known.contains(&v),
                    "draw {name} reads {v} before it is drawn"
                );
            }
            known.push(name);
        }
        let numbers = |d: &Draw| -> Vec<String> {
            match d {
                Draw::Number(e) => e.vars().iter().map(|v| v.to_string()).collect(),
                Draw::Text(p) => p
                    .iter()
                    .flat_map(|p| match p {
                        Piece::Number(e) => e.vars().iter().map(|v| v.to_string()).collect(),
                        Piece::Text(_) => Vec::new(),
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        for (k, d) in &s.values {
            assert!(o.field(k).is_some(), "value {k}");
            for v in numbers(d) {
                assert!(known.contains(&v.as_str()), "value {k} reads {v}");
            }
        }
        for t in &s.tables {
            for (c, _) in &t.columns {
                let key = format!("{}_01_{c}", t.key);
                assert!(o.field(&key).is_some(), "table column {key}");
            }
        }
        for m in &s.mistakes {
            let keys = m.set.iter().map(|(k, _)| k).chain(&m.as_text);
            for k in keys
                .chain(m.set_text.iter().map(|(k, _)| k))
                .chain(&m.remove)
            {
                assert!(o.field(k).is_some(), "mistake {}: {k}", m.name);
            }
        }
        for (k, _) in &s.run.resend {
            assert!(o.field(k).is_some(), "resend {k}");
        }
        assert!(o.role_choices(Role::Parent).contains(&s.run.ward));
        assert_eq!(s.mistakes.len(), 4);
        assert!(s.run.dates.0 < s.run.dates.1 && s.run.dates.1 < s.run.late);
    }

    #[test]
    fn a_broken_sample_names_its_file_and_what_is_wrong() {
        let bad = SAMPLE_RETURNS.replacen("range(30, 3000)", "range(30, 3000", 1);
        let e = format!("{:#}", parse(&bad, "mau.toml").unwrap_err());
        assert!(
            e.starts_with("dữ liệu mẫu mau.toml không hợp lệ: workers: "),
            "{e}"
        );
        let bad = SAMPLE_RETURNS.replacen("chance = 85", "chance = 185", 1);
        let e = format!("{:#}", parse(&bad, "mau.toml").unwrap_err());
        assert!(
            e.contains("giá trị “finance_disclosure”: ghi một trong number"),
            "{e}"
        );
        let bad = SAMPLE_RETURNS.replacen("ward_folder", "ward_foldr", 1);
        let e = format!("{:#}", parse(&bad, "mau.toml").unwrap_err());
        assert!(e.contains("ward_foldr"), "{e}");
    }

    #[test]
    fn texts_take_plain_numbers() {
        let pieces = text_pieces("Từ năm {2020 + 3}, {n / 2} lần", "x").unwrap();
        let d = Draw::Text(pieces);
        let var = |k: &str| (k == "n").then_some(5.0);
        match d.draw(&var, &mut Rng::new(1)) {
            Drawn::Text(t) => assert_eq!(t, "Từ năm 2023, 2.5 lần"),
            Drawn::Number(_) => panic!("a text"),
        }
        assert!(text_pieces("{1 +", "x").is_err());
    }
}
