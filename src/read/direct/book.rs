//! The workbook-level parts as calamine reads them when it opens an xlsx: the package
//! relationships, the workbook's relationships, the workbook (sheets, defined names, date system),
//! the number formats of the cell styles, and the shared strings.

use super::runs::Runs;
use super::text::{Format, builtin_format, custom_format, unescape, unescape_into};
use crate::read::tags::{self, Attrs, Nested, Visit, local};
use std::collections::HashMap;

fn utf8(v: &[u8]) -> Option<String> {
    std::str::from_utf8(v).ok().map(str::to_string)
}

/// `_rels/.rels`: where the workbook part is (the last officeDocument relationship, as in calamine).
#[derive(Default)]
struct PackageRels {
    open: bool,
    target: Option<String>,
}

impl Visit for PackageRels {
    fn text(&mut self, _: &[u8]) -> Option<()> {
        Some(())
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        match local(name) {
            b"Relationships" if !self.open => self.open = true,
            b"Relationship" if self.open => {
                let [typ, target] = Attrs::exact(attrs, [b"Type", b"Target"])?;
                if typ.is_some_and(|t| t.ends_with(b"/relationships/officeDocument"))
                    && let Some(t) = target
                {
                    self.target = Some(unescape(t)?);
                }
            }
            _ => {}
        }
        Some(())
    }
    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        Some(self.open && local(name) == b"Relationships")
    }
}

/// Where the workbook part is: (its folder, its name), e.g. ("xl/", "workbook.xml").
pub(super) fn workbook_path(rels: &[u8]) -> Option<(String, String)> {
    let mut v = Nested::new(PackageRels::default());
    tags::walk(rels, &mut v)?;
    let target = v.inner.target.filter(|_| v.done)?;
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    Some((
        dir.strip_prefix('/').unwrap_or(dir).to_string(),
        name.to_string(),
    ))
}

/// The workbook's relationships: id → (target, type), raw as calamine keeps them.
#[derive(Default)]
struct Rels {
    map: HashMap<String, (String, String)>,
}

impl Visit for Rels {
    fn text(&mut self, _: &[u8]) -> Option<()> {
        Some(())
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if local(name) == b"Relationship" {
            let [id, typ, target] = Attrs::exact(attrs, [b"Id", b"Type", b"Target"])?;
            if let Some(id) = id {
                let raw = |v: Option<&[u8]>| v.map_or(Some(String::new()), utf8);
                self.map.insert(utf8(id)?, (raw(target)?, raw(typ)?));
            }
        }
        Some(())
    }
    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        Some(local(name) == b"Relationships")
    }
}

pub(super) fn relationships(xml: &[u8]) -> Option<HashMap<String, (String, String)>> {
    let mut v = Nested::new(Rels::default());
    tags::walk(xml, &mut v)?;
    v.done.then_some(v.inner.map)
}

/// What calamine keeps of the workbook part.
#[derive(Default)]
pub(crate) struct Workbook {
    /// Sheet name and the id of its relationship.
    sheets: Vec<(String, String)>,
    pub names: Vec<(String, String)>,
    pub is_1904: bool,
}

impl Workbook {
    /// Each sheet's name and the path of its part, as calamine builds it (folder + target); None
    /// when a relationship is missing or a sheet is not a worksheet (chart and dialog sheets are
    /// left to calamine).
    pub fn paths(
        &self,
        rels: &HashMap<String, (String, String)>,
        dir: &str,
    ) -> Option<Vec<(String, String)>> {
        self.sheets
            .iter()
            .map(|(sheet, id)| {
                let (target, typ) = rels.get(id)?;
                if typ.rsplit('/').next() != Some("worksheet") {
                    return None;
                }
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("{dir}{target}"),
                };
                Some((sheet.clone(), path))
            })
            .collect()
    }
}

/// The workbook part; it can ride along the guard's scan.
#[derive(Default)]
pub(super) struct WorkbookScan {
    pub out: Workbook,
    /// Inside a defined name: its name and its text so far.
    name: Option<(String, String)>,
}

impl Visit for WorkbookScan {
    fn text(&mut self, t: &[u8]) -> Option<()> {
        match self.name.as_mut() {
            Some((_, s)) => unescape_into(t, s),
            None => Some(()),
        }
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if self.name.is_some() {
            return None;
        }
        match local(name) {
            b"sheet" => {
                let mut sheet = String::new();
                let mut id: &[u8] = b"";
                for (k, v) in Attrs::parse(attrs)?.iter() {
                    match k {
                        b"name" => sheet = unescape(v)?,
                        b"state" if !matches!(v, b"visible" | b"hidden" | b"veryHidden") => {
                            return None;
                        }
                        k if k == b"id" || k.ends_with(b":id") => id = v,
                        _ => {}
                    }
                }
                let id = std::str::from_utf8(id).ok()?.to_string();
                self.out.sheets.push((sheet, id));
            }
            b"workbookPr" => {
                if let [Some(v)] = Attrs::exact(attrs, [b"date1904"])? {
                    self.out.is_1904 = v == b"1" || v == b"true";
                }
            }
            b"definedName" => {
                if let [Some(v)] = Attrs::exact(attrs, [b"name"])? {
                    self.name = Some((unescape(v)?, String::new()));
                }
            }
            _ => {}
        }
        Some(())
    }
    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        if local(name) == b"definedName"
            && let Some(n) = self.name.take()
        {
            self.out.names.push(n);
        }
        Some(local(name) == b"workbook")
    }
}

pub(super) fn workbook(xml: &[u8]) -> Option<Workbook> {
    let mut v = Nested::new(WorkbookScan::default());
    tags::walk(xml, &mut v)?;
    v.done.then_some(v.inner.out)
}

#[derive(Clone, Copy, PartialEq)]
enum StyleAt {
    Top,
    NumFmts,
    /// fonts, fills or borders: nothing inside matters here
    Skip(&'static [u8]),
    CellXfs,
    Xf,
}

/// The cell styles' number formats; it can ride along the guard's scan.
pub(super) struct Styles {
    at: StyleAt,
    custom: HashMap<Vec<u8>, String>,
    pub formats: Vec<Format>,
}

impl Default for Styles {
    fn default() -> Styles {
        Styles {
            at: StyleAt::Top,
            custom: HashMap::new(),
            formats: Vec::new(),
        }
    }
}

impl Visit for Styles {
    fn text(&mut self, _: &[u8]) -> Option<()> {
        Some(())
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        // calamine reads attributes of many style elements: all must be well-formed
        Attrs::parse(attrs)?;
        let name = local(name);
        match (self.at, name) {
            (StyleAt::Top, b"numFmts") => self.at = StyleAt::NumFmts,
            (StyleAt::Top, b"fonts") => self.at = StyleAt::Skip(b"fonts"),
            (StyleAt::Top, b"fills") => self.at = StyleAt::Skip(b"fills"),
            (StyleAt::Top, b"borders") => self.at = StyleAt::Skip(b"borders"),
            (StyleAt::Top, b"cellXfs") => self.at = StyleAt::CellXfs,
            (StyleAt::NumFmts, b"numFmt") => {
                if let [Some(id), Some(code)] = Attrs::exact(attrs, [b"numFmtId", b"formatCode"])? {
                    self.custom.insert(id.to_vec(), unescape(code)?);
                }
            }
            (StyleAt::CellXfs, b"xf") => {
                let [id] = Attrs::exact(attrs, [b"numFmtId"])?;
                self.formats.push(id.map_or(Format::Other, |id| {
                    self.custom
                        .get(id)
                        .map_or_else(|| builtin_format(id), |f| custom_format(f))
                }));
                self.at = StyleAt::Xf;
            }
            _ => {}
        }
        Some(())
    }
    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        let name = local(name);
        match (self.at, name) {
            (StyleAt::NumFmts, b"numFmts") | (StyleAt::CellXfs, b"cellXfs") => {
                self.at = StyleAt::Top
            }
            (StyleAt::Skip(n), _) if n == name => self.at = StyleAt::Top,
            (StyleAt::Xf, b"xf") => self.at = StyleAt::CellXfs,
            (StyleAt::Top, b"styleSheet") => return Some(true),
            _ => {}
        }
        Some(false)
    }
}

/// The number format kind of each cell style, by style index.
pub(super) fn formats(xml: &[u8]) -> Option<Vec<Format>> {
    let mut v = Nested::new(Styles::default());
    tags::walk(xml, &mut v)?;
    v.done.then_some(v.inner.formats)
}

/// The shared strings; it can ride along the guard's scan of the part.
#[derive(Default)]
pub(super) struct Strings {
    open: bool,
    si: Option<Runs>,
    pub out: Vec<String>,
}

impl Visit for Strings {
    fn text(&mut self, t: &[u8]) -> Option<()> {
        match self.si.as_mut() {
            Some(r) => r.text(t),
            None => Some(()),
        }
    }
    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if self.open && name.contains(&b':') {
            return None;
        }
        if let Some(r) = self.si.as_mut() {
            return r.start(name, attrs);
        }
        match local(name) {
            // calamine reads the attributes of `sst` (uniqueCount): they must be well-formed
            b"sst" if !self.open => {
                Attrs::parse(attrs)?;
                self.open = true;
            }
            b"si" if self.open => self.si = Some(Runs::default()),
            _ => {}
        }
        Some(())
    }
    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        if let Some(r) = self.si.as_mut() {
            if r.end(name)? {
                let r = self.si.take()?;
                self.out.push(r.finish());
            }
            return Some(false);
        }
        Some(self.open && name == b"sst")
    }
}

pub(super) fn shared_strings(xml: &[u8]) -> Option<Vec<String>> {
    let mut v = Nested::new(Strings::default());
    tags::walk(xml, &mut v)?;
    v.done.then_some(v.inner.out)
}
