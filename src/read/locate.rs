//! Finding the outline's identity and every field's cell in a workbook: by name, key column, then label.

use super::refs::{CellRef, col_index, parse_reference};
use super::{Book, FoundBy, Identity, RawCell, WorkbookKind, to_raw};
use crate::outline::Outline;
use crate::value::fold;
use calamine::{Data, Range};
use std::collections::{BTreeMap, HashMap};

/// Marker in A1 of the hidden meta sheet.
pub const MARKER: &str = "sokết";
/// Sheets looked at when searching for the marker or keys; a form has three.
const MAX_SHEETS_SCANNED: usize = 50;

/// Sheet ranges loaded once per file.
pub(crate) struct Cache<'a> {
    pub book: &'a mut Book,
    ranges: HashMap<String, Option<Range<Data>>>,
}

impl<'a> Cache<'a> {
    pub fn new(book: &'a mut Book) -> Self {
        Cache {
            book,
            ranges: HashMap::new(),
        }
    }
    pub fn range(&mut self, sheet: &str) -> Option<&Range<Data>> {
        if !self.ranges.contains_key(sheet) {
            let r = self.book.range(sheet);
            self.ranges.insert(sheet.to_string(), r);
        }
        self.ranges.get(sheet).and_then(|r| r.as_ref())
    }
    pub fn value(&mut self, at: &CellRef) -> Option<Data> {
        self.range(&at.sheet).map(|r| {
            r.get_value((at.row, at.col))
                .cloned()
                .unwrap_or(Data::Empty)
        })
    }
}

fn text(d: Option<Data>) -> Option<String> {
    match d? {
        Data::String(s) => Some(s.trim().to_string()),
        Data::Float(f) => Some(f.to_string()),
        Data::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

/// Campaign id, version and kind, from the defined names or the marker sheet.
pub(crate) fn identity(book: &mut Book, names: &[(String, String)]) -> Identity {
    let mut cache = Cache::new(book);
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
        if text(cache.value(&at(0, 0))).as_deref() == Some(MARKER) {
            id.kind = match text(cache.value(&at(0, 1))).as_deref() {
                Some("summary") => WorkbookKind::Summary,
                _ => WorkbookKind::Form,
            };
            id.campaign = text(cache.value(&at(1, 1)));
            id.version = text(cache.value(&at(2, 1)));
            break;
        }
    }
    if id.campaign.is_none() {
        if let Some(r) = by_name("sk__campaign") {
            id.campaign = text(cache.value(&r));
            id.kind = WorkbookKind::Form;
        }
        if let Some(r) = by_name("sk__version") {
            id.version = text(cache.value(&r));
        }
    }
    id
}

pub(crate) struct Found {
    pub cells: BTreeMap<String, RawCell>,
    pub other_than_by_name: Vec<(FoundBy, Vec<String>)>,
    pub missing: Vec<String>,
}

/// Locate and read every field of the outline.
pub(crate) fn fields(book: &mut Book, names: &[(String, String)], o: &Outline) -> Found {
    let mut places: BTreeMap<String, (CellRef, FoundBy)> = BTreeMap::new();
    let mut cache = Cache::new(book);
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
        if o.field(key).is_none() {
            continue;
        }
        if let Some(at) = parse_reference(reference).filter(|r| sheets.contains(&r.sheet)) {
            places.insert(key.to_string(), (at, FoundBy::Name));
        }
    }
    if places.len() < o.fields.len() {
        for (key, at) in key_column(&mut cache, &sheets, o) {
            places.entry(key).or_insert((at, FoundBy::KeyColumn));
        }
    }
    if places.len() < o.fields.len() {
        for (key, at) in labels(&mut cache, &sheets, o, &places) {
            places.entry(key).or_insert((at, FoundBy::Label));
        }
    }
    let mut cells = BTreeMap::new();
    let mut other: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for (key, (at, by)) in places {
        let raw = to_raw(&cache.value(&at).unwrap_or(Data::Empty));
        match by {
            FoundBy::KeyColumn => other.entry(0).or_default().push(key.clone()),
            FoundBy::Label => other.entry(1).or_default().push(key.clone()),
            _ => {}
        }
        cells.insert(key, RawCell { raw, at, by });
    }
    let missing = o
        .fields
        .iter()
        .filter(|f| !cells.contains_key(&f.key))
        .map(|f| f.key.clone())
        .collect();
    let other_than_by_name = other
        .into_iter()
        .map(|(k, keys)| {
            (
                if k == 0 {
                    FoundBy::KeyColumn
                } else {
                    FoundBy::Label
                },
                keys,
            )
        })
        .collect();
    Found {
        cells,
        other_than_by_name,
        missing,
    }
}

/// The hidden key column: string cells holding tokens "key@C".
fn key_column(cache: &mut Cache, sheets: &[String], o: &Outline) -> Vec<(String, CellRef)> {
    let mut out = Vec::new();
    for s in sheets {
        let Some(range) = cache.range(s) else {
            continue;
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let Data::String(t) = d else { continue };
            if !t.contains('@') || c as u32 + c0 < 1 {
                continue;
            }
            for tok in t.split_whitespace() {
                let Some((key, col)) = crate::form::layout::token_key(tok) else {
                    continue;
                };
                if let (Some(_), Some(col)) = (o.field(&key), col_index(col)) {
                    out.push((
                        key.to_string(),
                        CellRef {
                            sheet: s.clone(),
                            row: r as u32 + r0,
                            col,
                        },
                    ));
                }
            }
        }
    }
    out
}

fn fold_label(s: &str) -> String {
    let f = fold(s);
    f.trim_start_matches(['-', '+', ' ', '*'])
        .trim_end_matches([':', '.', ' ', '…'])
        .to_string()
}

/// Label text in one column, the input right of it: the last resort for copy-pasted forms.
fn labels(
    cache: &mut Cache,
    sheets: &[String],
    o: &Outline,
    known: &BTreeMap<String, (CellRef, FoundBy)>,
) -> Vec<(String, CellRef)> {
    let mut by_label: HashMap<String, Option<&str>> = HashMap::new();
    for f in o
        .fields
        .iter()
        .filter(|f| f.group.is_none() && f.role.is_none())
    {
        let e = by_label.entry(fold_label(&f.label)).or_insert(Some(&f.key));
        if *e != Some(f.key.as_str()) {
            *e = None; // ambiguous label: never guess
        }
    }
    let mut out = Vec::new();
    for s in sheets {
        let Some(range) = cache.range(s) else {
            continue;
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let Data::String(t) = d else { continue };
            if t.chars().count() > 200 {
                continue;
            }
            if let Some(Some(key)) = by_label.get(&fold_label(t))
                && !known.contains_key(*key)
            {
                out.push((
                    key.to_string(),
                    CellRef {
                        sheet: s.clone(),
                        row: r as u32 + r0,
                        col: c as u32 + c0 + 1,
                    },
                ));
            }
        }
    }
    out
}
