//! The direct xlsx reader: a return's parts, already inflated and checked by the guard, read
//! straight into calamine's cell types with the byte walk of `read::tags`, giving exactly what
//! calamine gives for the same parts (a differential test holds it to that). It covers what Excel,
//! LibreOffice and sokết write; anything else (a chart sheet, an unknown entity, a phonetic
//! run, an odd number spelling…) makes it decline, and calamine reads the part instead.
//! It follows calamine 0.38: after a calamine upgrade, the differential tests in `tests.rs`
//! (`cargo test direct`) say whether it still gives the same cells.

mod book;
mod runs;
mod sheet;
mod text;

#[cfg(test)]
mod tests;

use crate::read::guard::{self, Inflated, Rider};
use crate::read::tags::Nested;
use calamine::{Data, Range, Reader, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;

/// A workbook read directly, with calamine at hand for a sheet the direct reader declines.
pub(crate) struct Direct {
    book: Book,
    parts: Parts,
    /// calamine over the same parts, opened the first time a sheet is declined (None inside: it
    /// could not open them either).
    calamine: Option<Option<Xlsx<Cursor<Vec<u8>>>>>,
}

impl Direct {
    /// The workbook read directly; the parts back when it is not plain enough for that.
    pub fn open(parts: Inflated<Walked>) -> Result<Direct, Inflated<Walked>> {
        let mut parts = Parts::new(parts)?;
        match Book::open(&mut parts) {
            Some(book) => Ok(Direct {
                book,
                parts,
                calamine: None,
            }),
            None => Err(parts.into_inner()),
        }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    pub fn defined_names(&self) -> &[(String, String)] {
        self.book.defined_names()
    }

    /// The sheet's range, read directly or else by calamine over the same parts.
    pub fn range(&mut self, sheet: &str) -> Option<Range<Data>> {
        if let Some(r) = self.book.range(&mut self.parts, sheet) {
            return Some(r);
        }
        let parts = &self.parts;
        self.calamine
            .get_or_insert_with(|| Xlsx::new(Cursor::new(guard::stored(parts.all()).ok()?)).ok())
            .as_mut()?
            .worksheet_range(sheet)
            .ok()
    }
}

/// What a rider made of a part during the guard's scan.
pub(crate) enum Walked {
    Sheet(sheet::Raw),
    Strings(Vec<String>),
    Formats(Vec<text::Format>),
    Workbook(book::Workbook),
}

impl Rider<Walked> for Nested<sheet::Sheet> {
    fn finish(self: Box<Self>) -> Option<Walked> {
        self.inner.finish().map(Walked::Sheet)
    }
}

impl Rider<Walked> for Nested<book::Strings> {
    fn finish(self: Box<Self>) -> Option<Walked> {
        self.done.then_some(Walked::Strings(self.inner.out))
    }
}

impl Rider<Walked> for Nested<book::Styles> {
    fn finish(self: Box<Self>) -> Option<Walked> {
        self.done.then_some(Walked::Formats(self.inner.formats))
    }
}

impl Rider<Walked> for Nested<book::WorkbookScan> {
    fn finish(self: Box<Self>) -> Option<Walked> {
        self.done.then_some(Walked::Workbook(self.inner.out))
    }
}

/// The rider for a part, by its name where Excel, LibreOffice and sokết put it: the part is read
/// while the guard scans it. Found elsewhere, a part is walked again when it is read.
pub(crate) fn rider(name: &str) -> Option<Box<dyn Rider<Walked>>> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
        Some(Box::new(Nested::new(sheet::Sheet::new())))
    } else {
        match lower.as_str() {
            "xl/sharedstrings.xml" => Some(Box::new(Nested::new(book::Strings::default()))),
            "xl/styles.xml" => Some(Box::new(Nested::new(book::Styles::default()))),
            "xl/workbook.xml" => Some(Box::new(Nested::new(book::WorkbookScan::default()))),
            _ => None,
        }
    }
}

/// The parts of a package by the name calamine looks them up with (lower case, forward slashes).
pub(crate) struct Parts {
    parts: Inflated<Walked>,
    by_name: HashMap<String, usize>,
}

impl Parts {
    /// The parts back when two of them would answer to the same name.
    pub fn new(parts: Inflated<Walked>) -> Result<Parts, Inflated<Walked>> {
        let mut by_name = HashMap::with_capacity(parts.len());
        for (i, (name, _, _)) in parts.iter().enumerate() {
            if by_name
                .insert(name.replace('\\', "/").to_ascii_lowercase(), i)
                .is_some()
            {
                return Err(parts);
            }
        }
        Ok(Parts { parts, by_name })
    }

    fn index(&self, path: &str) -> Option<usize> {
        if path.contains('\\') {
            return None;
        }
        self.by_name.get(&path.to_ascii_lowercase()).copied()
    }

    fn get(&self, path: &str) -> Option<&[u8]> {
        Some(&self.parts[self.index(path)?].1)
    }

    /// The part's bytes, and what its rider made of it (taken: it is used once).
    fn take(&mut self, path: &str) -> Option<(&[u8], Option<Walked>)> {
        let i = self.index(path)?;
        let (_, bytes, walked) = &mut self.parts[i];
        Some((bytes, walked.take()))
    }

    pub fn into_inner(self) -> Inflated<Walked> {
        self.parts
    }

    /// Every part, by its name in the zip.
    pub fn all(&self) -> &Inflated<Walked> {
        &self.parts
    }
}

/// A workbook read directly: everything calamine reads when it opens the file; sheets are read
/// when asked for.
pub(crate) struct Book {
    sheets: Vec<(String, String)>,
    names: Vec<(String, String)>,
    strings: Vec<String>,
    formats: Vec<text::Format>,
    is_1904: bool,
}

impl Book {
    /// None when the workbook-level parts are not plain enough: calamine opens the file instead.
    pub fn open(parts: &mut Parts) -> Option<Book> {
        let (dir, name) = book::workbook_path(parts.get("_rels/.rels")?)?;
        let strings = match parts.take(&format!("{dir}sharedStrings.xml")) {
            Some((_, Some(Walked::Strings(s)))) => s,
            Some((x, _)) => book::shared_strings(x)?,
            None => Vec::new(),
        };
        let formats = match parts.take(&format!("{dir}styles.xml")) {
            Some((_, Some(Walked::Formats(f)))) => f,
            Some((x, _)) => book::formats(x)?,
            None => Vec::new(),
        };
        let rels = book::relationships(parts.get(&format!("{dir}_rels/{name}.rels"))?)?;
        let wb = match parts.take(&format!("{dir}{name}"))? {
            (_, Some(Walked::Workbook(wb))) => wb,
            (x, _) => book::workbook(x)?,
        };
        Some(Book {
            sheets: wb.paths(&rels, &dir)?,
            names: wb.names,
            strings,
            formats,
            is_1904: wb.is_1904,
        })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    pub fn defined_names(&self) -> &[(String, String)] {
        &self.names
    }

    /// The sheet's cells as calamine's `worksheet_range` gives them; None when calamine should be
    /// asked (a sheet not found, or a part not plain enough).
    pub fn range(&self, parts: &mut Parts, name: &str) -> Option<Range<Data>> {
        let (_, path) = self.sheets.iter().find(|(n, _)| n == name)?;
        let ctx = sheet::Context {
            strings: &self.strings,
            formats: &self.formats,
            is_1904: self.is_1904,
        };
        let raw = match parts.take(path)? {
            (_, Some(Walked::Sheet(raw))) => raw,
            (x, _) => sheet::walk(x)?,
        };
        sheet::resolve(raw, &ctx).map(Range::from_sparse)
    }
}
