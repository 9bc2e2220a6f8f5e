//! `[select]` of the outline, checked: the field survey's strata, dates, team and purpose, and the
//! awards' counts, weighted indicators and nomination table (written as `model::SelectDef`).

use super::compile::{Builder, Res};
use super::model::{AwardsDef, NominationsDef, SelectDef, SurveyDef};
use super::{Expr, FieldType, Group, Role};
use toml::Spanned;

/// `[select]`, checked.
#[derive(Debug, Clone, Default)]
pub struct Select {
    pub survey: Option<Survey>,
    pub awards: Option<Awards>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    Merged,
    Read,
}

#[derive(Debug, Clone)]
pub struct Survey {
    pub subject: String,
    pub preamble: String,
    pub purpose: String,
    pub team: Vec<String>,
    pub content: Vec<String>,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub pool: Pool,
    pub reserves: usize,
    pub members_change_percent: f64,
    pub closing: String,
    pub recipients: Vec<String>,
    pub strata: Vec<Stratum>,
}

#[derive(Debug, Clone)]
pub struct Stratum {
    pub name: String,
    /// Option labels of the unit-type field.
    pub types: Vec<String>,
    pub quota: usize,
}

#[derive(Debug, Clone)]
pub struct Awards {
    pub collectives: usize,
    pub individuals: usize,
    pub subject: String,
    pub preamble: String,
    pub recipients: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub nominations: Option<Nominations>,
}

#[derive(Debug, Clone)]
pub enum Measure {
    /// A sum of fields, divided by another when `per` is given.
    Fields { value: Expr, per: Option<Expr> },
    /// 1 when the return is dated by the units' deadline, else 0.
    OnTime,
    /// 1 when check found nothing to warn about, else 0.
    NoWarnings,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    pub label: String,
    pub measure: Measure,
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct Nominations {
    pub table: String,
    pub kind: String,
    pub name: String,
    pub position: String,
    pub achievement: String,
    pub individual: String,
    pub sheet: String,
    pub title: String,
    pub note: String,
    pub empty: String,
}

fn date(d: &toml::value::Datetime) -> Option<chrono::NaiveDate> {
    let x = d.date?;
    chrono::NaiveDate::from_ymd_opt(x.year as i32, x.month as u32, x.day as u32)
}

impl Builder<'_> {
    /// Check `[select]` against the fields: unit types, expressions, the nomination table.
    pub(super) fn select(&self, def: &SelectDef) -> Res<Select> {
        Ok(Select {
            survey: def.survey.as_ref().map(|s| self.survey(s)).transpose()?,
            awards: def.awards.as_ref().map(|a| self.awards(a)).transpose()?,
        })
    }

    fn survey(&self, s: &SurveyDef) -> Res<Survey> {
        let choices = self
            .fields
            .iter()
            .find(|f| f.role == Some(Role::UnitType))
            .and_then(|f| f.choices.clone())
            .ok_or_else(|| {
                format!(
                    "đề cương {} không hợp lệ: [select.survey] cần một trường có vai trò unit_type",
                    self.cx.source()
                )
            })?;
        let mut strata: Vec<Stratum> = Vec::new();
        for st in &s.strata {
            let mut types = Vec::new();
            for t in &st.types {
                let label = self.option_label(t.get_ref(), &choices).ok_or_else(|| {
                    self.cx.err_at(
                        t,
                        format!(
                            "“{}” không phải loại hình đơn vị trong đề cương (chọn một trong: {})",
                            t.get_ref(),
                            choices.join("; ")
                        ),
                    )
                })?;
                if let Some(other) = strata.iter().find(|o| o.types.contains(&label)) {
                    return Err(self.cx.err_at(
                        t,
                        format!(
                            "loại hình “{label}” đã thuộc nhóm “{}”: mỗi loại hình chỉ ở một nhóm",
                            other.name
                        ),
                    ));
                }
                types.push(label);
            }
            if types.is_empty() || st.quota == 0 {
                return Err(self.cx.err_at(
                    &st.name,
                    "mỗi nhóm khảo sát cần ít nhất một loại hình (types) và quota từ 1",
                ));
            }
            strata.push(Stratum {
                name: st.name.get_ref().clone(),
                types,
                quota: st.quota as usize,
            });
        }
        let pool = match s.pool.as_ref().map(|p| p.get_ref().as_str()) {
            None | Some("merged") => Pool::Merged,
            Some("read") => Pool::Read,
            Some(other) => {
                return Err(self.cx.err_at(
                    s.pool.as_ref().expect("given"),
                    format!("pool “{other}” không hợp lệ: ghi “merged” hoặc “read”"),
                ));
            }
        };
        let reserves = match &s.reserves {
            None => 1,
            Some(r) if (1..=2).contains(r.get_ref()) => *r.get_ref() as usize,
            Some(r) => return Err(self.cx.err_at(r, "reserves phải là 1 hoặc 2")),
        };
        let bad_date = || {
            format!(
                "đề cương {} không hợp lệ: select.survey.start và end phải là ngày, start không sau end",
                self.cx.source()
            )
        };
        let (start, end) = (
            date(&s.start).ok_or_else(bad_date)?,
            date(&s.end).ok_or_else(bad_date)?,
        );
        if start > end {
            return Err(bad_date());
        }
        Ok(Survey {
            subject: s.subject.clone(),
            preamble: s.preamble.clone(),
            purpose: s.purpose.clone(),
            team: s.team.clone(),
            content: s.content.clone(),
            start,
            end,
            pool,
            reserves,
            members_change_percent: s.members_change_percent.unwrap_or(20.0),
            closing: s.closing.clone(),
            recipients: s.recipients.clone(),
            strata,
        })
    }

    /// An option of the unit-type field named by its key (in any list) or its label.
    fn option_label(&self, given: &str, choices: &[String]) -> Option<String> {
        if choices.iter().any(|c| c == given) {
            return Some(given.to_string());
        }
        self.lists
            .values()
            .flatten()
            .find(|(k, l)| k == given && choices.contains(l))
            .map(|(_, l)| l.clone())
    }

    fn indicator_expr(&self, s: &Spanned<String>) -> Res<Expr> {
        let e = Expr::parse(s.get_ref()).map_err(|why| self.cx.err_at(s, why))?;
        for k in e.keys() {
            match self.spans.get(k) {
                Some(&(i, _)) if self.fields[i].ty.is_numeric() => {}
                Some(_) => {
                    return Err(self
                        .cx
                        .err_at(s, format!("trường “{k}” không phải trường số")));
                }
                None => {
                    return Err(self
                        .cx
                        .err_at(s, format!("không có trường “{k}” trong đề cương")));
                }
            }
        }
        Ok(e)
    }

    fn awards(&self, a: &AwardsDef) -> Res<Awards> {
        let mut indicators: Vec<Indicator> = Vec::new();
        for d in &a.indicators {
            if indicators.iter().any(|i| &i.key == d.key.get_ref()) {
                return Err(self
                    .cx
                    .err_at(&d.key, format!("chỉ tiêu “{}” bị trùng", d.key.get_ref())));
            }
            let measure = match (&d.value, &d.measure) {
                (Some(v), None) => Measure::Fields {
                    value: self.indicator_expr(v)?,
                    per: d.per.as_ref().map(|p| self.indicator_expr(p)).transpose()?,
                },
                (None, Some(m)) if m.get_ref() == "on_time" => Measure::OnTime,
                (None, Some(m)) if m.get_ref() == "no_warnings" => Measure::NoWarnings,
                _ => {
                    return Err(self.cx.err_at(
                        &d.key,
                        "mỗi chỉ tiêu ghi hoặc value (có thể kèm per), hoặc measure = “on_time” / “no_warnings”",
                    ));
                }
            };
            if d.weight.is_nan() || d.weight <= 0.0 {
                return Err(self.cx.err_at(&d.key, "weight (trọng số) phải lớn hơn 0"));
            }
            indicators.push(Indicator {
                key: d.key.get_ref().clone(),
                label: d.label.clone(),
                measure,
                weight: d.weight,
            });
        }
        if indicators.is_empty() {
            return Err(format!(
                "đề cương {} không hợp lệ: [select.awards] cần ít nhất một chỉ tiêu (indicators)",
                self.cx.source()
            ));
        }
        Ok(Awards {
            collectives: a.collectives as usize,
            individuals: a.individuals as usize,
            subject: a.subject.clone(),
            preamble: a.preamble.clone(),
            recipients: a.recipients.clone(),
            indicators,
            nominations: a
                .nominations
                .as_ref()
                .map(|n| self.nominations(n))
                .transpose()?,
        })
    }

    fn nominations(&self, n: &NominationsDef) -> Res<Nominations> {
        let table = n.table.get_ref();
        let column = |c: &Spanned<String>| -> Res<FieldType> {
            self.fields
                .iter()
                .find(|f| {
                    matches!(&f.group, Some(Group::Table { parent, column, .. })
                        if parent == table && column == c.get_ref())
                })
                .map(|f| f.ty)
                .ok_or_else(|| {
                    self.cx
                        .err_at(c, format!("bảng “{table}” không có cột “{}”", c.get_ref()))
                })
        };
        for c in [&n.name, &n.position, &n.achievement] {
            column(c)?;
        }
        if column(&n.kind)? != FieldType::Choice {
            return Err(self
                .cx
                .err_at(&n.kind, "cột loại đề xuất phải là cột chọn (choice)"));
        }
        Ok(Nominations {
            table: table.clone(),
            kind: n.kind.get_ref().clone(),
            name: n.name.get_ref().clone(),
            position: n.position.get_ref().clone(),
            achievement: n.achievement.get_ref().clone(),
            individual: n.individual.get_ref().clone(),
            sheet: n.sheet.get_ref().clone(),
            title: n.title.clone(),
            note: n.note.clone(),
            empty: n.empty.clone(),
        })
    }
}
