//! The campaign outline: loading a TOML outline (or the embedded default) into a checked model.

mod compile;
mod declare;
pub mod expr;
pub mod model;
mod peers;
pub mod select;
mod toml_error;

use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use expr::Expr;
pub use model::{Aggregate, DocumentDef, Role, SectionLayout, Severity};
pub use peers::{DEFAULT_MESSAGE, Fallback, PeerCheck, Scale};

/// Said to units about where returns go when the outline names no receiver.
const DEFAULT_RECEIVER: &str = "cấp trên";

/// The outline of this campaign, embedded so that every command works without `--outline`.
pub const DEFAULT_OUTLINE: &str = include_str!("../../templates/so-ket-02-ctr-bch.toml");
pub const DEFAULT_OUTLINE_NAME: &str = "templates/so-ket-02-ctr-bch.toml (mặc định)";

/// Field types as other programs see them (`outline --format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Integer,
    SignedInteger,
    Money,
    Percent,
    Date,
    Choice,
    YesNo,
}

impl FieldType {
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::Integer | Self::SignedInteger | Self::Money | Self::Percent
        )
    }
    pub fn is_text(self) -> bool {
        matches!(self, Self::Text | Self::LongText)
    }
    /// Vietnamese name for tables and messages.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Text => "chữ",
            Self::LongText => "đoạn văn",
            Self::Integer => "số nguyên ≥ 0",
            Self::SignedInteger => "số nguyên (có thể âm)",
            Self::Money => "số tiền (đồng)",
            Self::Percent => "tỷ lệ %",
            Self::Date => "ngày",
            Self::Choice => "chọn một",
            Self::YesNo => "có/không",
        }
    }
}

/// Where a field came from when one outline item expands into several inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Group {
    /// One yes/no input per option of a multiple choice.
    Option {
        parent: String,
        parent_label: String,
        option: String,
    },
    /// One input per column of a numbered row of a table.
    Table {
        parent: String,
        parent_label: String,
        row: u32,
        column: String,
        column_label: String,
    },
}

/// One input cell of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub section: String,
    pub section_id: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub unit: String,
    pub required: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub soft_min: Option<f64>,
    pub soft_max: Option<f64>,
    pub help: String,
    pub choices: Option<Vec<String>>,
    pub aggregate: Aggregate,
    pub weight: Option<String>,
    pub role: Option<Role>,
    /// Required only when this yes/no field says "Có".
    pub only_if: Option<String>,
    pub group: Option<Group>,
    #[serde(skip)]
    pub calc: Option<(Expr, String)>,
    /// `short_label` of the outline item, if any.
    #[serde(skip)]
    pub short: Option<String>,
}

impl Field {
    /// The input sits in the masthead or the signature block (see [`Role::is_placed`]).
    pub fn placed_by_role(&self) -> bool {
        self.role.is_some_and(Role::is_placed)
    }

    /// The item's `short_label`, else the label without a trailing remark in parentheses:
    /// "Số người đầu kỳ (năm 2021)" → "Số người đầu kỳ".
    pub fn short_label(&self) -> &str {
        if let Some(s) = &self.short {
            return s;
        }
        let label = self.label.as_str();
        match label.rfind(" (") {
            Some(i) if label.ends_with(')') && i > 0 => &label[..i],
            _ => label,
        }
    }
}

/// What a section shows, in order.
#[derive(Debug, Clone)]
pub enum Item {
    /// A heading: the form's wording, and the wording of printed results.
    Heading {
        form: String,
        report: String,
    },
    Note(String),
    Field(usize),
    Multi {
        label: String,
        fields: Vec<usize>,
    },
    Table {
        label: String,
        help: String,
        columns: Vec<String>,
        rows: Vec<Vec<usize>>,
    },
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The title in printed results (the unit's report): `title` unless the outline gives another.
    pub report_title: String,
    pub note: Option<String>,
    pub layout: SectionLayout,
    pub only_if: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    Compare {
        left: Expr,
        op: String,
        right: Expr,
    },
    Ratio {
        numerator: Expr,
        denominator: Expr,
        min: Option<f64>,
        max: Option<f64>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    #[serde(flatten)]
    pub check: Check,
    pub severity: Severity,
    pub message: String,
}

impl Rule {
    pub fn keys(&self) -> Vec<&str> {
        match &self.check {
            Check::Compare { left, right, .. } => left.keys().chain(right.keys()).collect(),
            Check::Ratio {
                numerator,
                denominator,
                ..
            } => numerator.keys().chain(denominator.keys()).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Campaign {
    pub id: String,
    pub version: String,
    pub name: String,
    pub plan: String,
    pub deadline_units: chrono::NaiveDate,
    pub deadline_province: chrono::NaiveDate,
    /// Who the returns are sent to, for messages to units (`[campaign] receiver`, else "cấp trên").
    pub receiver: String,
}

/// What the summary shows besides the figures of every field (`[summary]`).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Field keys of the figures printed after a merge, besides the counts block.
    pub key_figures: Vec<String>,
    pub members: Option<Members>,
    /// The sheet of table rows; None when the outline has no table.
    pub table_sheet: Option<TableSheet>,
    pub text_sheets: Vec<TextSheet>,
}

/// A count at the start and now (numeric fields), with the wording of its block.
#[derive(Debug, Clone)]
pub struct Members {
    pub start: String,
    pub now: String,
    pub title: String,
    pub start_name: String,
    pub now_name: String,
    pub change_name: String,
    pub chart_by_type: String,
    pub chart_by_parent: String,
}

#[derive(Debug, Clone)]
pub struct TableSheet {
    pub name: String,
    /// None: the first table's label in capitals.
    pub title: Option<String>,
    pub note: String,
    pub empty: String,
}

#[derive(Debug, Clone)]
pub struct TextSheet {
    pub name: String,
    pub title: String,
    /// Text fields, in order.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Outline {
    /// Where the outline was read from, for messages.
    pub source: String,
    pub campaign: Campaign,
    pub document: DocumentDef,
    /// Choice lists: list id → option labels, and option keys in the same order.
    pub lists: BTreeMap<String, Vec<(String, String)>>,
    pub sections: Vec<Section>,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    pub summary: Summary,
    /// `[select]`: the field survey and the awards, when the outline declares them.
    pub select: select::Select,
    /// `[matching] name_prefixes`, as written.
    name_prefixes: Vec<String>,
    /// `[[peers]]`: plausibility against similar units (none when the outline declares none).
    pub peers: Vec<PeerCheck>,
    index: HashMap<String, usize>,
}

impl Outline {
    /// The embedded outline of this campaign.
    pub fn embedded() -> Outline {
        Self::parse(DEFAULT_OUTLINE, DEFAULT_OUTLINE_NAME).expect("the embedded outline is valid")
    }

    /// `--outline FILE` when given, else the embedded outline.
    pub fn load(path: Option<&Path>) -> Result<Outline> {
        match path {
            None => Ok(Self::embedded()),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    let why = match e.kind() {
                        std::io::ErrorKind::NotFound => "không tìm thấy tệp",
                        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp",
                        std::io::ErrorKind::InvalidData => "tệp không phải văn bản UTF-8",
                        _ => "không đọc được tệp",
                    };
                    anyhow::anyhow!("{why} đề cương {}", p.display())
                })?;
                Self::parse(&text, &p.display().to_string())
            }
        }
    }

    /// Parse and check an outline; errors name the file and the line.
    pub fn parse(text: &str, source: &str) -> Result<Outline> {
        compile::compile(text, source).map_err(anyhow::Error::msg)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.index.get(key).map(|&i| &self.fields[i])
    }

    pub fn field_index(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn role(&self, role: Role) -> Option<&Field> {
        self.fields.iter().find(|f| f.role == Some(role))
    }

    /// Key of the field that has `role`.
    pub fn role_key(&self, role: Role) -> Option<&str> {
        self.role(role).map(|f| f.key.as_str())
    }

    /// Keys of the fields that name a unit, in the order they are tried: the reporting body's name,
    /// then the unit's own name.
    pub fn name_keys(&self) -> Vec<&str> {
        [Role::UnionName, Role::UnitName]
            .into_iter()
            .filter_map(|r| self.role_key(r))
            .collect()
    }

    /// Words that may open a unit's name and are dropped before names are compared (as written in
    /// the outline, in its order).
    pub fn name_prefixes(&self) -> &[String] {
        &self.name_prefixes
    }

    /// Option labels of the choice field that has `role` (unit type, upper level), in outline order.
    pub fn role_choices(&self, role: Role) -> Vec<String> {
        self.role(role)
            .and_then(|f| f.choices.clone())
            .unwrap_or_default()
    }

    /// Options of a choice list as labels.
    pub fn list_labels(&self, list: &str) -> Vec<String> {
        self.lists
            .get(list)
            .map(|l| l.iter().map(|(_, label)| label.clone()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
