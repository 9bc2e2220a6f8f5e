//! Finding the outline's identity and every field's cell in a workbook: by name, key column, then label.

use super::refs::{CellRef, col_index, parse_reference};
use super::sheet::Sheets;
use super::{FoundBy, Identity, RawCell, WorkbookKind};
use crate::outline::{Group, Outline, Role};
use crate::value::fold_label;
use crate::workbook::layout::{self, Line};
use crate::workbook::{FIX_SHEET, LISTS_SHEET, MARKER};
use calamine::Data;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Sheets looked at when searching for the marker or keys; a form has three.
const MAX_SHEETS_SCANNED: usize = 50;

fn text(d: Option<Data>) -> Option<String> {
    match d? {
        Data::String(s) => Some(s.trim().to_string()),
        Data::Float(f) => Some(f.to_string()),
        Data::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

/// Campaign id, version and kind, from the defined names or the marker sheet.
pub(crate) fn identity(cache: &mut Sheets, names: &[(String, String)]) -> Result<Identity, String> {
    let by_name = |n: &str| {
        names
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .and_then(|(_, r)| parse_reference(r))
    };
    let mut id = Identity {
        kind: WorkbookKind::Unknown,
        campaign: None,
        version: None,
    };
    let sheets: Vec<String> = cache
        .book
        .sheet_names()
        .into_iter()
        .take(MAX_SHEETS_SCANNED)
        .collect();
    for s in &sheets {
        let at = |row, col| CellRef {
            sheet: s.clone(),
            row,
            col,
        };
        if text(cache.value(&at(0, 0))?).as_deref() == Some(MARKER) {
            id.kind = match text(cache.value(&at(0, 1))?).as_deref() {
                Some("summary") => WorkbookKind::Summary,
                _ => WorkbookKind::Form,
            };
            id.campaign = text(cache.value(&at(1, 1))?);
            id.version = text(cache.value(&at(2, 1))?);
            break;
        }
    }
    if id.campaign.is_none() {
        if let Some(r) = by_name("sk__campaign") {
            id.campaign = text(cache.value(&r)?);
            id.kind = WorkbookKind::Form;
        }
        if let Some(r) = by_name("sk__version") {
            id.version = text(cache.value(&r)?);
        }
    }
    Ok(id)
}

pub(crate) struct Found {
    pub cells: BTreeMap<String, RawCell>,
    pub other_than_by_name: Vec<(FoundBy, Vec<String>)>,
    pub missing: Vec<String>,
}

/// Locate and read every field of the outline.
pub(crate) fn fields(
    cache: &mut Sheets,
    names: &[(String, String)],
    o: &Outline,
) -> Result<Found, String> {
    // Where each field of the outline is, by its index in the outline.
    let mut places: Vec<Option<(CellRef, FoundBy)>> = vec![None; o.fields.len()];
    // a field already found keeps its place
    let place = |places: &mut Vec<Option<(CellRef, FoundBy)>>, key: &str, at, by| {
        if let Some(i) = o.field_index(key)
            && places[i].is_none()
        {
            places[i] = Some((at, by));
        }
    };
    let sheets: Vec<String> = cache
        .book
        .sheet_names()
        .into_iter()
        .take(MAX_SHEETS_SCANNED)
        .collect();
    for (name, reference) in names {
        let Some(key) = name
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("sk_"))
            .map(|_| &name[3..])
        else {
            continue;
        };
        let Some(i) = o.field_index(key) else {
            continue;
        };
        if let Some(at) = parse_reference(reference).filter(|r| sheets.contains(&r.sheet)) {
            // a later name of the same field wins, as it always has
            places[i] = Some((at, FoundBy::Name));
        }
    }
    if places.iter().any(Option::is_none) {
        for (key, at) in key_column(cache, &sheets, o)? {
            place(&mut places, &key, at, FoundBy::KeyColumn);
        }
    }
    if places.iter().any(Option::is_none) {
        let known: HashSet<&str> = o
            .fields
            .iter()
            .zip(&places)
            .filter(|(_, p)| p.is_some())
            .map(|(f, _)| f.key.as_str())
            .collect();
        for (key, at) in labels(cache, &sheets, o, &known)? {
            place(&mut places, &key, at, FoundBy::Label);
        }
    }
    let mut cells = BTreeMap::new();
    let mut other: BTreeMap<FoundBy, Vec<String>> = BTreeMap::new();
    // In the order of the outline (the form's order), so examples in messages read top-down.
    for (f, p) in o.fields.iter().zip(places) {
        let Some((at, by)) = p else { continue };
        let raw = cache.raw(&at)?;
        if by != FoundBy::Name {
            other.entry(by).or_default().push(f.key.clone());
        }
        cells.insert(f.key.clone(), RawCell { raw, at, by });
    }
    let missing = o
        .fields
        .iter()
        .filter(|f| !cells.contains_key(&f.key))
        .map(|f| f.key.clone())
        .collect();
    Ok(Found {
        cells,
        other_than_by_name: other.into_iter().collect(),
        missing,
    })
}

/// The hidden key column: string cells holding tokens "key@C".
fn key_column(
    cache: &mut Sheets,
    sheets: &[String],
    o: &Outline,
) -> Result<Vec<(String, CellRef)>, String> {
    let mut out = Vec::new();
    for s in sheets.iter().filter(|s| s.as_str() != FIX_SHEET) {
        let Some(sheet) = cache.sheet(s)? else {
            continue;
        };
        for (r, c, d) in sheet.iter() {
            let Data::String(t) = d else { continue };
            if !t.contains('@') || c < 1 {
                continue;
            }
            for tok in t.split_whitespace() {
                let Some((key, col)) = crate::workbook::layout::token_key(tok) else {
                    continue;
                };
                if let (Some(_), Some(col)) = (o.field(&key), col_index(col)) {
                    out.push((
                        key.to_string(),
                        CellRef {
                            sheet: s.clone(),
                            row: r,
                            col,
                        },
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Label text in one column, the input right of it: the last resort for copy-pasted forms.
fn labels(
    cache: &mut Sheets,
    sheets: &[String],
    o: &Outline,
    known: &HashSet<&str>,
) -> Result<Vec<(String, CellRef)>, String> {
    // folded text → (key, rows down, columns right) of the input from that text.
    let mut by_label: HashMap<String, Option<(String, i64, i64)>> = HashMap::new();
    let mut add = |text: &str, key: &str, dr: i64, dc: i64| {
        let e = by_label
            .entry(fold_label(text))
            .or_insert_with(|| Some((key.to_string(), dr, dc)));
        if e.as_ref().map(|(k, _, _)| k.as_str()) != Some(key) {
            *e = None; // ambiguous label: never guess
        }
    };
    for f in o
        .fields
        .iter()
        .filter(|f| !f.placed_by_role() && matches!(f.group, None | Some(Group::Option { .. })))
    {
        add(&f.label, &f.key, 0, 1);
    }
    // One printed text may anchor several inputs ("TM. BAN CHẤP HÀNH": signer position and name).
    let mut anchors: HashMap<String, Vec<(String, i64, i64)>> = HashMap::new();
    for (key, text, dr, dc) in role_anchors(o) {
        anchors
            .entry(fold_label(&text))
            .or_default()
            .push((key, dr, dc));
    }
    let mut out = Vec::new();
    // option labels on the lists sheet are not inputs
    for s in sheets
        .iter()
        .filter(|s| s.as_str() != FIX_SHEET && s.as_str() != LISTS_SHEET)
    {
        let Some(sheet) = cache.sheet(s)? else {
            continue;
        };
        for (r, c, d) in sheet.iter() {
            let Data::String(t) = d else { continue };
            if t.chars().count() > 200 {
                continue;
            }
            let folded = fold_label(t);
            let targets = match by_label.get(&folded) {
                Some(Some(one)) => std::slice::from_ref(one),
                _ => anchors.get(&folded).map_or(&[][..], Vec::as_slice),
            };
            for (key, dr, dc) in targets {
                let (row, col) = (i64::from(r) + dr, i64::from(c) + dc);
                let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
                    continue;
                };
                if !known.contains(key.as_str()) {
                    out.push((
                        key.clone(),
                        CellRef {
                            sheet: s.clone(),
                            row,
                            col,
                        },
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Inputs placed by role (masthead, signature) have no label beside them: they are found from the
/// printed text above or beside them, at the same offset as in the form. Anchor positions mirror
/// the masthead and signature block written by `form::write`.
fn role_anchors(o: &Outline) -> Vec<(String, String, i64, i64)> {
    let lay = layout::layout(o);
    let sig_top = lay
        .lines
        .iter()
        .find_map(|(r, l)| matches!(l, Line::SignatureTop).then_some(*r));
    let d = &o.document;
    let mut out = Vec::new();
    for (i, f) in o.fields.iter().enumerate() {
        let (Some(role), Some((r, c))) = (f.role, lay.cell_of(i)) else {
            continue;
        };
        let (text, at) = match role {
            // The line above the union's name follows the unit's upper level: anchor on the
            // national title beside it instead.
            Role::UnionName => (&d.national_title, Some((0, 3))),
            Role::ReportNumber => (&d.number_prefix, Some((2, 0))),
            Role::ReportDate => (&d.national_motto, Some((1, 3))),
            Role::SignerPosition | Role::SignerName => (&d.signature_for, sig_top.map(|t| (t, 3))),
            Role::UnitCode | Role::UnitName | Role::UnitType | Role::Parent => continue,
        };
        if let (Some((ar, ac)), false) = (at, text.trim().is_empty()) {
            out.push((
                f.key.clone(),
                text.clone(),
                i64::from(r) - i64::from(ar),
                i64::from(c) - i64::from(ac),
            ));
        }
    }
    out
}
