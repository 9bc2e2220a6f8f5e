//! Turning the parsed outline file into the checked model, refusing every mistake with file and line.

use super::model::*;
use super::{Campaign, Check, Expr, Field, FieldType, Group, Item, Outline, Rule, Section};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

pub(super) type Res<T> = Result<T, String>;

pub(super) struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

impl Ctx<'_> {
    pub(super) fn source(&self) -> &str {
        self.source
    }
    pub(super) fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
    pub(super) fn err(&self, span: &Range<usize>, msg: impl AsRef<str>) -> String {
        format!(
            "đề cương {} không hợp lệ, dòng {}: {}",
            self.source,
            self.line(span),
            msg.as_ref()
        )
    }
    pub(super) fn err_at<T>(&self, s: &Spanned<T>, msg: impl AsRef<str>) -> String {
        self.err(&s.span(), msg)
    }
}

pub(super) fn compile(text: &str, source: &str) -> Res<Outline> {
    let cx = Ctx { text, source };
    let file: OutlineFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        cx.err(
            &span,
            super::toml_error::explain(e.message(), text, span.start),
        )
    })?;

    let campaign = Campaign {
        id: file.campaign.id.clone(),
        version: file.campaign.version.clone(),
        name: file.campaign.name.clone(),
        plan: file.campaign.plan.clone(),
        deadline_units: to_date(&file.campaign.deadline_units).ok_or_else(|| {
            format!("đề cương {source} không hợp lệ: campaign.deadline_units phải là một ngày")
        })?,
        deadline_province: to_date(&file.campaign.deadline_province).ok_or_else(|| {
            format!("đề cương {source} không hợp lệ: campaign.deadline_province phải là một ngày")
        })?,
        receiver: file
            .campaign
            .receiver
            .clone()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| super::DEFAULT_RECEIVER.to_string()),
    };

    let mut lists = BTreeMap::new();
    for (id, list) in &file.lists {
        let mut seen = HashSet::new();
        if list.options.is_empty() {
            return Err(format!(
                "đề cương {source} không hợp lệ: danh sách “{id}” không có lựa chọn nào"
            ));
        }
        for o in &list.options {
            if !super::expr::is_key(o.key.get_ref()) {
                return Err(cx.err_at(
                    &o.key,
                    format!(
                        "mã lựa chọn “{}” phải là chữ thường ASCII, số, dấu _",
                        o.key.get_ref()
                    ),
                ));
            }
            if !seen.insert(o.key.get_ref().clone()) {
                return Err(cx.err_at(
                    &o.key,
                    format!(
                        "mã lựa chọn “{}” bị trùng trong danh sách “{id}”",
                        o.key.get_ref()
                    ),
                ));
            }
        }
        let opts = list
            .options
            .iter()
            .map(|o| (o.key.get_ref().clone(), o.label.clone()))
            .collect();
        lists.insert(id.clone(), opts);
    }

    let mut b = Builder {
        cx: &cx,
        lists: &lists,
        fields: Vec::new(),
        spans: HashMap::new(),
    };
    let mut sections = Vec::new();
    let mut section_ids = HashSet::new();
    for s in &file.sections {
        if !section_ids.insert(s.id.get_ref().clone()) {
            return Err(cx.err_at(&s.id, format!("mục “{}” bị trùng", s.id.get_ref())));
        }
        let only_if = match &s.only_if {
            None => None,
            Some(k) => {
                match b.spans.get(k.get_ref()) {
                    Some(&(i, _)) if b.fields[i].ty == FieldType::YesNo => {
                        Some(k.get_ref().clone())
                    }
                    _ => {
                        return Err(cx.err_at(k, format!("only_if phải là một trường có/không đứng trước mục này; không có “{}”", k.get_ref())));
                    }
                }
            }
        };
        let mut items = Vec::new();
        for it in &s.items {
            items.push(b.item(s, it, only_if.as_deref())?);
        }
        sections.push(Section {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            report_title: s.report_title.clone().unwrap_or_else(|| s.title.clone()),
            note: s.note.clone(),
            layout: s.layout.unwrap_or(SectionLayout::Normal),
            only_if,
            items,
        });
    }
    b.check_weights_and_calcs(&file)?;
    let rules = b.rules(&file.rules)?;
    let index = b
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.key.clone(), i))
        .collect();
    b.check_roles()?;
    let nominations = file
        .select
        .awards
        .as_ref()
        .and_then(|a| a.nominations.as_ref())
        .map(|n| n.table.get_ref().as_str());
    let summary = b.summary(&file.summary, &sections, nominations)?;
    let name_prefixes = b.name_prefixes(&file.matching)?;
    let peers = super::peers::compile(
        &file.peers,
        &b.fields,
        &|k, span, what| b.numeric_key(k, span, what),
        &|span, m| cx.err(span, m),
    )?;
    let select = b.select(&file.select)?;
    let fields = b.fields;
    Ok(Outline {
        source: source.to_string(),
        campaign,
        document: file.document.clone(),
        lists,
        sections,
        fields,
        rules,
        summary,
        select,
        name_prefixes,
        peers,
        index,
    })
}

fn to_date(d: &toml::value::Datetime) -> Option<chrono::NaiveDate> {
    let date = d.date?;
    chrono::NaiveDate::from_ymd_opt(date.year as i32, date.month as u32, date.day as u32)
}

pub(super) struct Builder<'a> {
    pub(super) cx: &'a Ctx<'a>,
    pub(super) lists: &'a BTreeMap<String, Vec<(String, String)>>,
    pub(super) fields: Vec<Field>,
    /// key → (field index, span of the key in the file)
    pub(super) spans: HashMap<String, (usize, Range<usize>)>,
}

impl Builder<'_> {
    fn add(&mut self, field: Field, span: Range<usize>) -> Res<usize> {
        if !super::expr::is_key(&field.key) {
            return Err(self.cx.err(
                &span,
                format!(
                    "khóa trường “{}” phải là chữ thường ASCII, số, dấu _ và bắt đầu bằng chữ",
                    field.key
                ),
            ));
        }
        if let Some((_, first)) = self.spans.get(&field.key) {
            let first_line = self.cx.line(first);
            return Err(self.cx.err(
                &span,
                format!(
                    "khóa trường “{}” bị trùng (đã dùng ở dòng {first_line})",
                    field.key
                ),
            ));
        }
        let i = self.fields.len();
        self.spans.insert(field.key.clone(), (i, span));
        self.fields.push(field);
        Ok(i)
    }

    fn choices(&self, list: Option<&Spanned<String>>, key: &Spanned<String>) -> Res<Vec<String>> {
        let Some(list) = list else {
            return Err(self.cx.err_at(
                key,
                format!("trường “{}” kiểu chọn cần khóa list", key.get_ref()),
            ));
        };
        match self.lists.get(list.get_ref()) {
            Some(opts) => Ok(opts.iter().map(|(_, l)| l.clone()).collect()),
            None => Err(self.cx.err_at(
                list,
                format!(
                    "không có danh sách lựa chọn “{}” trong [lists]",
                    list.get_ref()
                ),
            )),
        }
    }

    fn item(&mut self, s: &SectionDef, it: &ItemDef, only_if: Option<&str>) -> Res<Item> {
        if it.report_heading.is_some() && it.heading.is_none() {
            return Err(self
                .cx
                .err_at(&s.id, "report_heading chỉ dùng cùng heading trong một mục"));
        }
        if let Some(h) = &it.heading {
            return if it.key.is_some() || it.ty.is_some() {
                Err(self
                    .cx
                    .err_at(&s.id, "một mục heading không được có key hoặc type"))
            } else {
                Ok(Item::Heading {
                    form: h.clone(),
                    report: it.report_heading.clone().unwrap_or_else(|| h.clone()),
                })
            };
        }
        if let (Some(n), None) = (&it.note, &it.key) {
            return Ok(Item::Note(n.clone()));
        }
        let Some(key) = &it.key else {
            return Err(self
                .cx
                .err_at(&s.id, "mỗi dòng trong items cần heading, note hoặc key"));
        };
        let Some(ty) = &it.ty else {
            return Err(self
                .cx
                .err_at(key, format!("trường “{}” thiếu type", key.get_ref())));
        };
        let label = it.label.clone().ok_or_else(|| {
            self.cx
                .err_at(key, format!("trường “{}” thiếu label", key.get_ref()))
        })?;
        let base = Field {
            key: key.get_ref().clone(),
            label: label.clone(),
            section: s.title.clone(),
            section_id: s.id.get_ref().clone(),
            ty: FieldType::Text,
            unit: it.unit.clone().unwrap_or_default(),
            required: it.required,
            min: it.min,
            max: it.max,
            soft_min: it.soft_min,
            soft_max: it.soft_max,
            help: it.help.clone().unwrap_or_default(),
            choices: None,
            aggregate: Aggregate::None,
            weight: it.weight.as_ref().map(|w| w.get_ref().clone()),
            role: it.role,
            only_if: only_if.map(str::to_string),
            group: None,
            calc: None,
            short: it.short_label.clone(),
        };
        if let (Some(lo), Some(hi)) = (it.min, it.max)
            && lo > hi
        {
            return Err(self
                .cx
                .err_at(key, format!("trường “{}”: min lớn hơn max", key.get_ref())));
        }
        match ty.get_ref() {
            ItemType::MultiChoice => {
                let list = it
                    .list
                    .as_ref()
                    .ok_or_else(|| self.cx.err_at(key, "multi_choice cần khóa list"))?;
                let opts = self.lists.get(list.get_ref()).cloned().ok_or_else(|| {
                    self.cx.err_at(
                        list,
                        format!(
                            "không có danh sách lựa chọn “{}” trong [lists]",
                            list.get_ref()
                        ),
                    )
                })?;
                let mut fields = Vec::new();
                for (okey, olabel) in opts {
                    let mut f = base.clone();
                    f.key = format!("{}_{okey}", key.get_ref());
                    f.label = olabel.clone();
                    f.short = None;
                    f.ty = FieldType::YesNo;
                    f.choices = Some(self.yes_no());
                    f.aggregate = Aggregate::Count;
                    f.group = Some(Group::Option {
                        parent: key.get_ref().clone(),
                        parent_label: label.clone(),
                        option: olabel,
                    });
                    fields.push(self.add(f, key.span())?);
                }
                Ok(Item::Multi { label, fields })
            }
            ItemType::Table => {
                let cols = it
                    .columns
                    .as_ref()
                    .filter(|c| !c.is_empty())
                    .ok_or_else(|| self.cx.err_at(key, "bảng cần ít nhất một cột (columns)"))?;
                let n = it.rows.unwrap_or(0);
                if !(1..=50).contains(&n) {
                    return Err(self.cx.err_at(key, "bảng cần rows từ 1 đến 50"));
                }
                let mut rows = Vec::new();
                for r in 1..=n {
                    let mut row = Vec::new();
                    for c in cols {
                        let mut f = base.clone();
                        f.key = format!("{}_{r:02}_{}", key.get_ref(), c.key.get_ref());
                        f.label = format!("{} {r} – {}", label, c.label);
                        f.short = None;
                        f.ty = self.simple_type(&c.ty)?;
                        f.unit = String::new();
                        f.required = c.required;
                        f.help = c.help.clone().unwrap_or_default();
                        f.choices = self.type_choices(f.ty, c.list.as_ref(), &c.key)?;
                        f.aggregate = Aggregate::List;
                        f.weight = None;
                        f.group = Some(Group::Table {
                            parent: key.get_ref().clone(),
                            parent_label: label.clone(),
                            row: r,
                            column: c.key.get_ref().clone(),
                            column_label: c.label.clone(),
                        });
                        row.push(self.add(f, c.key.span())?);
                    }
                    rows.push(row);
                }
                let columns = cols.iter().map(|c| c.label.clone()).collect();
                Ok(Item::Table {
                    label,
                    help: base.help.clone(),
                    columns,
                    rows,
                })
            }
            _ => {
                let mut f = base;
                f.ty = self.simple_type(ty)?;
                f.choices = self.type_choices(f.ty, it.list.as_ref(), key)?;
                f.aggregate = self.aggregate(&f, it.aggregate, key)?;
                if f.ty == FieldType::Percent {
                    f.min = f.min.or(Some(0.0));
                    f.max = f.max.or(Some(100.0));
                } else if matches!(f.ty, FieldType::Integer | FieldType::Money) {
                    f.min = f.min.or(Some(0.0));
                }
                if let Some(c) = &it.calc {
                    let e = Expr::parse(c.get_ref()).map_err(|m| self.cx.err_at(c, m))?;
                    f.calc = Some((e, it.calc_caption.clone().unwrap_or_default()));
                }
                Ok(Item::Field(self.add(f, key.span())?))
            }
        }
    }

    fn yes_no(&self) -> Vec<String> {
        vec!["Có".to_string(), "Không".to_string()]
    }

    fn simple_type(&self, ty: &Spanned<ItemType>) -> Res<FieldType> {
        Ok(match ty.get_ref() {
            ItemType::Text => FieldType::Text,
            ItemType::LongText => FieldType::LongText,
            ItemType::Integer => FieldType::Integer,
            ItemType::SignedInteger => FieldType::SignedInteger,
            ItemType::Money => FieldType::Money,
            ItemType::Percent => FieldType::Percent,
            ItemType::Date => FieldType::Date,
            ItemType::Choice => FieldType::Choice,
            ItemType::YesNo => FieldType::YesNo,
            ItemType::MultiChoice | ItemType::Table => {
                return Err(self
                    .cx
                    .err_at(ty, "kiểu multi_choice/table không dùng được ở vị trí này"));
            }
        })
    }

    fn type_choices(
        &self,
        ty: FieldType,
        list: Option<&Spanned<String>>,
        key: &Spanned<String>,
    ) -> Res<Option<Vec<String>>> {
        Ok(match ty {
            FieldType::Choice => Some(self.choices(list, key)?),
            FieldType::YesNo => Some(self.yes_no()),
            _ => None,
        })
    }

    fn aggregate(
        &self,
        f: &Field,
        declared: Option<Aggregate>,
        key: &Spanned<String>,
    ) -> Res<Aggregate> {
        let default = match f.ty {
            FieldType::Percent => Aggregate::WeightedMean,
            t if t.is_numeric() => Aggregate::Sum,
            FieldType::Choice | FieldType::YesNo => Aggregate::Count,
            FieldType::Text | FieldType::LongText => Aggregate::List,
            _ => Aggregate::None,
        };
        let agg = declared.unwrap_or(default);
        let ok = match agg {
            Aggregate::Sum | Aggregate::WeightedMean => f.ty.is_numeric(),
            Aggregate::Count => matches!(f.ty, FieldType::Choice | FieldType::YesNo),
            Aggregate::List => f.ty.is_text(),
            Aggregate::None => true,
        };
        if !ok {
            return Err(self.cx.err_at(
                key,
                format!(
                    "cách tổng hợp {agg:?} không dùng được cho trường “{}” kiểu {:?}",
                    f.key, f.ty
                ),
            ));
        }
        if agg == Aggregate::WeightedMean && f.weight.is_none() {
            return Err(self.cx.err_at(
                key,
                format!("trường “{}” tổng hợp weighted_mean cần khóa weight", f.key),
            ));
        }
        Ok(agg)
    }

    fn numeric_key(&self, key: &str, span: &Range<usize>, what: &str) -> Res<()> {
        match self.spans.get(key) {
            Some(&(i, _)) if self.fields[i].ty.is_numeric() => Ok(()),
            Some(_) => Err(self
                .cx
                .err(span, format!("{what} “{key}” không phải trường số"))),
            None => Err(self
                .cx
                .err(span, format!("{what} “{key}” không có trong đề cương"))),
        }
    }

    fn check_weights_and_calcs(&self, file: &OutlineFile) -> Res<()> {
        for s in &file.sections {
            for it in &s.items {
                if let Some(w) = &it.weight {
                    self.numeric_key(w.get_ref(), &w.span(), "trường trọng số")?;
                }
                if let Some(c) = &it.calc {
                    for k in Expr::parse(c.get_ref())
                        .map_err(|m| self.cx.err_at(c, m))?
                        .keys()
                    {
                        self.numeric_key(k, &c.span(), "biểu thức calc dùng trường")?;
                    }
                }
            }
        }
        Ok(())
    }

    fn expr(&self, e: &Option<Spanned<String>>, rule: &Spanned<String>, what: &str) -> Res<Expr> {
        let Some(e) = e else {
            return Err(self.cx.err_at(
                rule,
                format!("quy tắc “{}” thiếu khóa {what}", rule.get_ref()),
            ));
        };
        let parsed = Expr::parse(e.get_ref()).map_err(|m| self.cx.err_at(e, m))?;
        for k in parsed.keys() {
            self.numeric_key(k, &e.span(), "quy tắc dùng trường")?;
        }
        Ok(parsed)
    }

    fn rules(&self, defs: &[RuleDef]) -> Res<Vec<Rule>> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        for r in defs {
            if !ids.insert(r.id.get_ref().clone()) {
                return Err(self
                    .cx
                    .err_at(&r.id, format!("mã quy tắc “{}” bị trùng", r.id.get_ref())));
            }
            let check = match r.kind {
                RuleKind::Compare => {
                    let op = r
                        .op
                        .as_ref()
                        .ok_or_else(|| self.cx.err_at(&r.id, "quy tắc compare thiếu khóa op"))?;
                    if !["=", "<=", ">=", "<", ">"].contains(&op.get_ref().as_str()) {
                        return Err(self.cx.err_at(
                            op,
                            format!(
                                "phép so sánh “{}” không hợp lệ; dùng =, <=, >=, <, >",
                                op.get_ref()
                            ),
                        ));
                    }
                    Check::Compare {
                        left: self.expr(&r.left, &r.id, "left")?,
                        op: op.get_ref().clone(),
                        right: self.expr(&r.right, &r.id, "right")?,
                    }
                }
                RuleKind::Ratio => {
                    if r.min.is_none() && r.max.is_none() {
                        return Err(self.cx.err_at(&r.id, "quy tắc ratio cần min hoặc max"));
                    }
                    Check::Ratio {
                        numerator: self.expr(&r.numerator, &r.id, "numerator")?,
                        denominator: self.expr(&r.denominator, &r.id, "denominator")?,
                        min: r.min,
                        max: r.max,
                    }
                }
            };
            out.push(Rule {
                id: r.id.get_ref().clone(),
                check,
                severity: r.severity,
                message: r.message.clone(),
            });
        }
        Ok(out)
    }
}
