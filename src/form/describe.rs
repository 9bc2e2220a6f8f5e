//! The outline as other programs see it: one JSON document listing every input cell of the form.

use crate::outline::{Aggregate, Field, Group, Outline, Rule};
use crate::workbook::{FORM_SHEET, layout};
use serde::Serialize;

#[derive(Serialize)]
pub struct Description<'a> {
    pub campaign: &'a str,
    pub version: &'a str,
    pub name: &'a str,
    pub deadline_units: chrono::NaiveDate,
    pub deadline_province: chrono::NaiveDate,
    pub fields: Vec<FieldEntry<'a>>,
    pub rules: &'a [Rule],
}

#[derive(Serialize)]
pub struct FieldEntry<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub section: &'a str,
    #[serde(rename = "type")]
    pub ty: crate::outline::FieldType,
    pub unit: &'a str,
    pub required: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub soft_min: Option<f64>,
    pub soft_max: Option<f64>,
    pub choices: Option<&'a [String]>,
    pub sheet: &'static str,
    pub cell: String,
    pub name: String,
    pub help: &'a str,
    pub aggregate: Aggregate,
    pub weight: Option<&'a str>,
    pub only_if: Option<&'a str>,
    pub group: Option<&'a Group>,
}

pub fn describe(o: &Outline) -> Description<'_> {
    let lay = layout::layout(o);
    let fields = o
        .fields
        .iter()
        .enumerate()
        .map(|(i, f): (usize, &Field)| {
            let (row, col) = lay.cell_of(i).unwrap_or((0, 0));
            FieldEntry {
                key: &f.key,
                label: &f.label,
                section: &f.section,
                ty: f.ty,
                unit: &f.unit,
                required: f.required,
                min: f.min,
                max: f.max,
                soft_min: f.soft_min,
                soft_max: f.soft_max,
                choices: f.choices.as_deref(),
                sheet: FORM_SHEET,
                cell: layout::a1(row, col),
                name: layout::defined_name(&f.key),
                help: &f.help,
                aggregate: f.aggregate,
                weight: f.weight.as_deref(),
                only_if: f.only_if.as_deref(),
                group: f.group.as_ref(),
            }
        })
        .collect();
    Description {
        campaign: &o.campaign.id,
        version: &o.campaign.version,
        name: &o.campaign.name,
        deadline_units: o.campaign.deadline_units,
        deadline_province: o.campaign.deadline_province,
        fields,
        rules: &o.rules,
    }
}
