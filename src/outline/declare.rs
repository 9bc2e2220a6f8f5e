//! What the outline declares for the code, checked with file and line: the fields' roles,
//! `[summary]` (key figures, members block, table and text sheets) and `[matching]`.

use super::compile::{Builder, Res};
use super::model::{MatchingDef, Role, SummaryDef};
use super::{Aggregate, Field, FieldType, Item, Members, Section, Summary, TableSheet, TextSheet};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// A sheet name Excel accepts: 1–31 characters, none of : \\ / ? * [ ], not starting or ending with '.
fn sheet_name_problem(name: &str) -> Option<&'static str> {
    let n = name.chars().count();
    if name.trim().is_empty() {
        Some("tên trang không được để trống")
    } else if n > 31 {
        Some("tên trang dài quá 31 ký tự (giới hạn của Excel)")
    } else if name.contains([':', '\\', '/', '?', '*', '[', ']']) {
        Some("tên trang không được chứa các ký tự : \\ / ? * [ ]")
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("tên trang không được bắt đầu hoặc kết thúc bằng dấu '")
    } else {
        None
    }
}

impl Builder<'_> {
    /// `[matching] name_prefixes`: each a non-empty word or phrase.
    pub(super) fn name_prefixes(&self, m: &MatchingDef) -> Res<Vec<String>> {
        let mut out = Vec::new();
        for p in &m.name_prefixes {
            let t = p.get_ref().trim();
            if t.is_empty() {
                return Err(self.cx.err_at(p, "name_prefixes không được có mục rỗng"));
            }
            out.push(t.to_string());
        }
        Ok(out)
    }

    /// Each role on one field at most, and on a field of the type the tool reads it as.
    pub(super) fn check_roles(&self) -> Res<()> {
        let mut roles = HashSet::new();
        for f in &self.fields {
            let Some(r) = f.role else { continue };
            let span = &self.spans[&f.key].1;
            if !roles.insert(r) {
                return Err(self.cx.err(
                    span,
                    format!("vai trò {} đã được gán cho một trường khác", r.name()),
                ));
            }
            let (ok, want) = match r {
                Role::UnitType | Role::Parent => (f.ty == FieldType::Choice, "choice"),
                Role::ReportDate => (f.ty == FieldType::Date, "date"),
                _ => (f.ty == FieldType::Text, "text"),
            };
            if !ok || f.group.is_some() {
                return Err(self.cx.err(
                    span,
                    format!(
                        "trường “{}” có vai trò {} phải là một trường riêng kiểu {want}",
                        f.key,
                        r.name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A field key named by `[summary]`, which must exist and satisfy `ok` (else `what` says why).
    fn summary_key(
        &self,
        k: &Spanned<String>,
        ok: impl Fn(&Field) -> bool,
        what: &str,
    ) -> Res<String> {
        match self.spans.get(k.get_ref()) {
            Some(&(i, _)) if ok(&self.fields[i]) => Ok(k.get_ref().clone()),
            Some(_) => Err(self
                .cx
                .err_at(k, format!("trường “{}” {what}", k.get_ref()))),
            None => Err(self.cx.err_at(
                k,
                format!("không có trường “{}” trong đề cương", k.get_ref()),
            )),
        }
    }

    /// `nominations`: the key of the nomination table (`[select.awards.nominations]`), which has a
    /// sheet of its own and does not count as a table for the table sheet.
    pub(super) fn summary(
        &self,
        def: &SummaryDef,
        sections: &[Section],
        nominations: Option<&str>,
    ) -> Res<Summary> {
        let numeric = |f: &Field| f.ty.is_numeric() && f.group.is_none();
        let mut key_figures = Vec::new();
        for k in &def.key_figures {
            key_figures.push(self.summary_key(
                k,
                |f| numeric(f) && matches!(f.aggregate, Aggregate::Sum | Aggregate::WeightedMean),
                "trong key_figures phải là trường số được cộng (sum) hoặc lấy bình quân (weighted_mean)",
            )?);
        }
        let members = match &def.members {
            None => None,
            Some(m) => Some(Members {
                start: self.summary_key(&m.start, numeric, "phải là trường số")?,
                now: self.summary_key(&m.now, numeric, "phải là trường số")?,
                title: m.title.clone(),
                start_name: m.start_name.clone(),
                now_name: m.now_name.clone(),
                change_name: m.change_name.clone(),
                chart_by_type: m.chart_by_type.clone(),
                chart_by_parent: m.chart_by_parent.clone(),
            }),
        };
        let mut names: HashMap<String, Range<usize>> = HashMap::new();
        let mut sheet_name = |n: &Spanned<String>| -> Res<String> {
            if let Some(why) = sheet_name_problem(n.get_ref()) {
                return Err(self.cx.err_at(n, format!("“{}”: {why}", n.get_ref())));
            }
            let folded = n.get_ref().to_lowercase();
            if let Some(first) = names.get(&folded) {
                return Err(self.cx.err_at(
                    n,
                    format!(
                        "tên trang “{}” bị trùng (đã dùng ở dòng {})",
                        n.get_ref(),
                        self.cx.line(first)
                    ),
                ));
            }
            names.insert(folded, n.span());
            Ok(n.get_ref().clone())
        };
        let has_table = sections.iter().flat_map(|s| &s.items).any(|i| match i {
            Item::Table { rows, .. } => {
                let key = rows.first().and_then(|r| r.first()).and_then(|&fi| {
                    match &self.fields[fi].group {
                        Some(super::Group::Table { parent, .. }) => Some(parent.as_str()),
                        _ => None,
                    }
                });
                nominations.is_none() || key != nominations
            }
            _ => false,
        });
        let table_sheet = match (&def.table_sheet, has_table) {
            (Some(t), true) => Some(TableSheet {
                name: sheet_name(&t.name)?,
                title: t.title.clone(),
                note: t.note.clone(),
                empty: t.empty.clone(),
            }),
            (Some(t), false) => {
                return Err(self.cx.err_at(
                    &t.name,
                    "summary.table_sheet cần ít nhất một trường kiểu table trong đề cương",
                ));
            }
            (None, true) => Some(TableSheet {
                name: "Bảng kê".into(),
                title: None,
                note: "Các dòng bảng do đơn vị ghi trong báo cáo".into(),
                empty: "Chưa có đơn vị nào ghi vào bảng.".into(),
            }),
            (None, false) => None,
        };
        let mut text_sheets = Vec::new();
        for t in &def.text_sheets {
            let name = sheet_name(&t.name)?;
            if t.fields.is_empty() {
                return Err(self.cx.err_at(
                    &t.name,
                    format!("trang “{name}” cần ít nhất một trường (fields)"),
                ));
            }
            let mut fields = Vec::new();
            for k in &t.fields {
                fields.push(self.summary_key(
                    k,
                    |f| f.ty.is_text() && f.group.is_none(),
                    "trong text_sheets phải là trường chữ (text hoặc long_text)",
                )?);
            }
            text_sheets.push(TextSheet {
                name,
                title: t.title.clone(),
                fields,
            });
        }
        Ok(Summary {
            key_figures,
            members,
            table_sheet,
            text_sheets,
        })
    }
}
