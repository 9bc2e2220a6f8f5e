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
    #[serde(default)]
    pub matching: MatchingDef,
    #[serde(default)]
    pub summary: SummaryDef,
    #[serde(default)]
    pub peers: Vec<super::peers::PeerDef>,
    #[serde(default)]
    pub select: SelectDef,
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
    /// Who the returns are sent to, as messages to units name it ("gửi lại báo cáo cho …").
    #[serde(default)]
    pub receiver: Option<String>,
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
    /// The first line of a unit's letterhead (its direct upper body) by the option label of the
    /// unit's upper level; an option not listed prints its own label in capitals.
    #[serde(default)]
    pub upper_bodies: BTreeMap<String, String>,
    /// Put before a roster unit's name to make the reporting union's name, unless the name already
    /// opens with one of `matching.name_prefixes`.
    #[serde(default)]
    pub union_prefix: String,
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
    /// The title in the unit's Word report when the form's title does not fit it (numbered as the
    /// report's parts are).
    #[serde(default)]
    pub report_title: Option<String>,
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

/// What a field means to the tool, whatever its key: who the unit is, when and by whom it reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The unit's code in the roster.
    UnitCode,
    /// The reporting body's name, printed at the head of the document; the name a unit is shown by.
    UnionName,
    /// The unit's own name: shown and matched when the reporting body's name is missing.
    UnitName,
    /// The type of unit (a choice): the "Theo loại hình" sheet and the roster's type column.
    UnitType,
    /// The upper level the unit reports to (a choice): the order of units, the "Theo cấp trên" sheet
    /// and the roster's upper-level column.
    Parent,
    ReportNumber,
    ReportDate,
    SignerPosition,
    SignerName,
}

impl Role {
    /// The role as written in the outline file (`role = "…"`).
    pub fn name(self) -> &'static str {
        match self {
            Role::UnitCode => "unit_code",
            Role::UnionName => "union_name",
            Role::UnitName => "unit_name",
            Role::UnitType => "unit_type",
            Role::Parent => "parent",
            Role::ReportNumber => "report_number",
            Role::ReportDate => "report_date",
            Role::SignerPosition => "signer_position",
            Role::SignerName => "signer_name",
        }
    }

    /// Whether the input sits in the masthead or the signature block (written and found there, with
    /// no label beside it) rather than on a line of its section.
    pub fn is_placed(self) -> bool {
        matches!(
            self,
            Role::UnionName
                | Role::ReportNumber
                | Role::ReportDate
                | Role::SignerPosition
                | Role::SignerName
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    #[serde(default)]
    pub heading: Option<String>,
    /// The heading in printed results when the form's heading holds an instruction to the unit
    /// ("(báo cáo ngắn gọn, chỉ số chính)").
    #[serde(default)]
    pub report_heading: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    #[serde(default)]
    pub label: Option<String>,
    /// A shorter label for column headings and messages.
    #[serde(default)]
    pub short_label: Option<String>,
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

/// `[matching]`: how units are told apart when they carry no code.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingDef {
    /// Words that may open a unit's name and are dropped before names are compared, longest first.
    #[serde(default)]
    pub name_prefixes: Vec<Spanned<String>>,
}

/// `[summary]`: what the summary shows besides the figures every field gives.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryDef {
    /// Figures printed in the short table after a merge, besides the counts block.
    #[serde(default)]
    pub key_figures: Vec<Spanned<String>>,
    #[serde(default)]
    pub members: Option<MembersDef>,
    #[serde(default)]
    pub table_sheet: Option<TableSheetDef>,
    #[serde(default)]
    pub text_sheets: Vec<TextSheetDef>,
}

/// `[summary.members]`: a count at the start and now, shown first on every figure sheet, in the
/// short table and on the charts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembersDef {
    pub start: Spanned<String>,
    pub now: Spanned<String>,
    /// Heading of the block on the figure sheets.
    pub title: String,
    /// Short names for the table printed after a merge and the chart series.
    pub start_name: String,
    pub now_name: String,
    pub change_name: String,
    /// Chart titles: the block per type of unit and per upper level.
    pub chart_by_type: String,
    pub chart_by_parent: String,
}

/// `[summary.table_sheet]`: the sheet listing every filled row of the outline's tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSheetDef {
    pub name: Spanned<String>,
    /// Heading; by default the first table's label in capitals.
    #[serde(default)]
    pub title: Option<String>,
    pub note: String,
    /// Said when no unit filled a row.
    pub empty: String,
}

/// `[[summary.text_sheets]]`: a sheet listing every unit's answer to some text fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSheetDef {
    pub name: Spanned<String>,
    pub title: String,
    pub fields: Vec<Spanned<String>>,
}

/// `[select]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectDef {
    #[serde(default)]
    pub survey: Option<SurveyDef>,
    #[serde(default)]
    pub awards: Option<AwardsDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDef {
    /// Subject line of the notice ("V/v …").
    pub subject: String,
    /// Opening paragraph of the notice.
    pub preamble: String,
    pub purpose: String,
    pub team: Vec<String>,
    pub content: Vec<String>,
    pub start: toml::value::Datetime,
    pub end: toml::value::Datetime,
    /// "merged" (default): the units merged; "read": also the units left out for errors.
    #[serde(default)]
    pub pool: Option<Spanned<String>>,
    /// Reserves per stratum (1 or 2).
    #[serde(default)]
    pub reserves: Option<Spanned<u32>>,
    /// A change in members at least this many percent needs a look (default 20).
    #[serde(default)]
    pub members_change_percent: Option<f64>,
    /// Closing paragraph (what units prepare).
    #[serde(default)]
    pub closing: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub strata: Vec<StratumDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StratumDef {
    pub name: Spanned<String>,
    /// Options (keys or labels) of the unit-type field.
    pub types: Vec<Spanned<String>>,
    pub quota: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardsDef {
    pub collectives: u32,
    pub individuals: u32,
    pub subject: String,
    pub preamble: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub indicators: Vec<IndicatorDef>,
    #[serde(default)]
    pub nominations: Option<NominationsDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub key: Spanned<String>,
    pub label: String,
    /// A sum of fields ("a - b"); with `per`, divided by it.
    #[serde(default)]
    pub value: Option<Spanned<String>>,
    #[serde(default)]
    pub per: Option<Spanned<String>>,
    /// Instead of `value`: "on_time" (1 when returned by the deadline) or "no_warnings".
    #[serde(default)]
    pub measure: Option<Spanned<String>>,
    pub weight: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NominationsDef {
    /// Key of the table item of the form.
    pub table: Spanned<String>,
    /// Column keys.
    pub kind: Spanned<String>,
    pub name: Spanned<String>,
    pub position: Spanned<String>,
    pub achievement: Spanned<String>,
    /// Label of the kind column's option that means a person.
    pub individual: Spanned<String>,
    /// The summary sheet that collates the table.
    pub sheet: Spanned<String>,
    pub title: String,
    pub note: String,
    pub empty: String,
}

impl DocumentDef {
    /// The number as printed after the prefix: "15/BC-XY" whether the unit typed "15" or the full
    /// "15/BC-XY" (issue 15.3: the suffix is never added twice).
    /// A number under 10 gets its leading zero, as Decree 30 writes it: "1" gives "01/BC-XY".
    pub fn full_number(&self, typed: &str) -> String {
        let typed = typed.trim();
        let (number, rest) = typed.split_at(typed.find('/').unwrap_or(typed.len()));
        let number = match number.trim().parse::<u32>() {
            Ok(n) if n < 10 && number.trim().len() == 1 => format!("0{n}"),
            _ => number.to_string(),
        };
        if rest.is_empty() {
            format!("{number}{}", self.number_suffix)
        } else {
            format!("{number}{rest}")
        }
    }

    /// The part after the number when a unit typed a suffix other than the outline's: "/BC-X" in
    /// "15/BC-X"; None for a bare number or the outline's own suffix (case and spaces aside).
    pub fn foreign_suffix<'t>(&self, typed: &'t str) -> Option<&'t str> {
        let at = typed.find('/')?;
        let given = typed[at..].trim();
        let norm = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
        (norm(given) != norm(&self.number_suffix)).then_some(given)
    }
}
