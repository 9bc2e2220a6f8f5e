//! The outline file as written by a province officer: serde structs that refuse unknown keys.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineFile {
    pub campaign: CampaignDef,
    pub document: DocumentDef,
    #[serde(default)]
    pub lists: BTreeMap<String, ListDef>,
    pub sections: Vec<SectionDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignDef {
    pub id: String,
    pub version: String,
    pub name: String,
    pub plan: String,
    pub deadline_units: toml::value::Datetime,
    pub deadline_province: toml::value::Datetime,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    pub issuing_body: String,
    pub national_title: String,
    pub national_motto: String,
    pub number_prefix: String,
    pub number_suffix: String,
    pub place: String,
    pub title: String,
    pub subtitle: String,
    #[serde(default)]
    pub attachment: String,
    #[serde(default)]
    pub preamble: String,
    pub signature_for: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub instructions: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListDef {
    pub options: Vec<OptionDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub key: Spanned<String>,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionLayout {
    Normal,
    Header,
    Signature,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub layout: Option<SectionLayout>,
    #[serde(default)]
    pub only_if: Option<Spanned<String>>,
    #[serde(default)]
    pub items: Vec<ItemDef>,
}

/// The types an outline item may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    Text,
    LongText,
    Integer,
    SignedInteger,
    Money,
    Percent,
    Date,
    Choice,
    MultiChoice,
    YesNo,
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    Sum,
    WeightedMean,
    Count,
    List,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    UnionName,
    ReportNumber,
    ReportDate,
    SignerPosition,
    SignerName,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<Spanned<ItemType>>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub soft_min: Option<f64>,
    #[serde(default)]
    pub soft_max: Option<f64>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub list: Option<Spanned<String>>,
    #[serde(default)]
    pub aggregate: Option<Aggregate>,
    #[serde(default)]
    pub weight: Option<Spanned<String>>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub calc: Option<Spanned<String>>,
    #[serde(default)]
    pub calc_caption: Option<String>,
    #[serde(default)]
    pub rows: Option<u32>,
    #[serde(default)]
    pub columns: Option<Vec<ColumnDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub key: Spanned<String>,
    pub label: String,
    #[serde(rename = "type")]
    pub ty: Spanned<ItemType>,
    #[serde(default)]
    pub list: Option<Spanned<String>>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Compare,
    Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub kind: RuleKind,
    #[serde(default)]
    pub left: Option<Spanned<String>>,
    #[serde(default)]
    pub op: Option<Spanned<String>>,
    #[serde(default)]
    pub right: Option<Spanned<String>>,
    #[serde(default)]
    pub numerator: Option<Spanned<String>>,
    #[serde(default)]
    pub denominator: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub severity: Severity,
    pub message: String,
}
