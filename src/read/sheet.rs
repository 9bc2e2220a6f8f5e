//! A sheet as a sparse map of its non-empty cells by absolute address (row, column, 0-based), read
//! once per file with a cell limit and a text limit, and the head of a sheet (its first rows) for
//! finding the marker without reading a summary's large sheets whole.

use super::book::Book;
use super::guard::{Bbox, Budget};
use super::refs::CellRef;
use crate::value::Raw;
use calamine::{Data, DataRef};
use std::collections::{BTreeMap, HashMap};

/// Rows of a sheet's head: the marker, kind, campaign and version sit in A1:B3 of the meta sheet.
pub(crate) const HEAD_ROWS: u32 = 3;

/// The non-empty cells of one sheet, in row-major order.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Sheet {
    cells: BTreeMap<(u32, u32), Data>,
}

impl Sheet {
    pub fn get(&self, row: u32, col: u32) -> Option<&Data> {
        self.cells.get(&(row, col))
    }

    /// Every non-empty cell, row by row.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32, &Data)> {
        self.cells.iter().map(|(&(r, c), d)| (r, c, d))
    }

    /// Read `name` whole, or only its rows above `head` (streaming stops at the first cell below
    /// them). None when the workbook has no such sheet.
    pub fn read(
        book: &mut Book,
        name: &str,
        head: Option<u32>,
        budget: &mut Budget,
    ) -> Result<Option<Sheet>, String> {
        let mut cells = BTreeMap::new();
        let mut bbox: Option<Bbox> = None;
        let mut over: Option<String> = None;
        let mut text_over = false;
        let found = book.cells(name, |row, col, value| {
            if head.is_some_and(|h| row >= h) {
                return false;
            }
            // once the text is over its limit, the rest is only counted, for the message
            text_over |= budget.text(name, text_len(value)).is_err();
            if text_over {
                return true;
            }
            if cells
                .insert((row, col), Data::from(value.clone()))
                .is_none()
                && let Err(e) = budget.cell(name, cells.len() as u64)
            {
                over = Some(e);
                return false;
            }
            Bbox::add(&mut bbox, row, col);
            true
        })?;
        if let Some(e) = over {
            return Err(e);
        }
        if text_over {
            return Err(budget.text_message(name));
        }
        if let (None, Some(b)) = (head, bbox) {
            Budget::area(name, b.cells(), b.far)?;
        }
        Ok(found.then_some(Sheet { cells }))
    }
}

/// Bytes of text a cell's value copies.
pub(crate) fn text_len(v: &DataRef) -> u64 {
    match v {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len() as u64,
        DataRef::SharedString(s) => s.len() as u64,
        _ => 0,
    }
}

/// The sheets of one file, each read at most once (its head at most once more), under one budget.
pub(crate) struct Sheets<'b, 'a> {
    pub book: &'b mut Book<'a>,
    budget: Budget,
    whole: HashMap<String, Option<Sheet>>,
    heads: HashMap<String, Option<Sheet>>,
}

impl<'b, 'a> Sheets<'b, 'a> {
    pub fn new(book: &'b mut Book<'a>) -> Self {
        Sheets {
            book,
            budget: Budget::default(),
            whole: HashMap::new(),
            heads: HashMap::new(),
        }
    }

    /// The whole sheet; None when the workbook has no such sheet.
    pub fn sheet(&mut self, name: &str) -> Result<Option<&Sheet>, String> {
        if !self.whole.contains_key(name) {
            let s = Sheet::read(self.book, name, None, &mut self.budget)?;
            self.heads.remove(name);
            self.whole.insert(name.to_string(), s);
        }
        Ok(self.whole.get(name).and_then(Option::as_ref))
    }

    /// The cell's value (None when the sheet is not there, Empty when the cell is empty). Cells of the
    /// first rows come from the sheet's head unless the whole sheet was read.
    pub fn value(&mut self, at: &CellRef) -> Result<Option<Data>, String> {
        let sheet = if at.row < HEAD_ROWS && !self.whole.contains_key(&at.sheet) {
            if !self.heads.contains_key(&at.sheet) {
                let s = Sheet::read(self.book, &at.sheet, Some(HEAD_ROWS), &mut self.budget)?;
                self.heads.insert(at.sheet.clone(), s);
            }
            self.heads.get(&at.sheet).and_then(Option::as_ref)
        } else {
            self.sheet(&at.sheet)?
        };
        Ok(sheet.map(|s| s.get(at.row, at.col).cloned().unwrap_or(Data::Empty)))
    }

    /// The cell as the reader's raw value (empty when the sheet or cell is not there).
    pub fn raw(&mut self, at: &CellRef) -> Result<Raw, String> {
        Ok(self.value(at)?.as_ref().map_or(Raw::Empty, super::to_raw))
    }
}
