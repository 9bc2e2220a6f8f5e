//! One worksheet's cells as calamine's `worksheet_range` reads them: positions from `r` (or counted
//! along the row), values from `<v>` by the cell's type and number format, inline strings, the
//! last child of a cell deciding its value; empty cells left out. The walk needs nothing from the
//! rest of the workbook (it can ride along the guard's scan); shared strings and number formats
//! are looked up afterwards, in `resolve`.

use super::runs::Runs;
use super::text::{Format, has_excel_escape, index, number, unescape_into};
use crate::read::guard::{parse_ref_bytes, valid_dimension};
use crate::read::tags::{self, Attrs, Nested, Visit, local};
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};

/// What the workbook gives every sheet.
pub(super) struct Context<'a> {
    pub strings: &'a [String],
    pub formats: &'a [Format],
    pub is_1904: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Type {
    /// n, s, b, e or none: plain ASCII values
    Number,
    Shared,
    Bool,
    Error,
    None,
    Str,
    Date,
    Inline,
    Unknown,
}

impl Type {
    /// The types whose `<v>` is plain ASCII (calamine reads its first text run as it is).
    fn plain(self) -> bool {
        matches!(
            self,
            Type::Number | Type::Shared | Type::Bool | Type::Error | Type::None
        )
    }
}

enum Child {
    Nothing,
    /// Inside `<v>`: whether its text was seen (only one run is allowed; the text is in `Sheet::v`)
    V(bool),
    F,
    Is(Runs),
}

/// A value as far as the sheet alone decides it.
#[derive(Debug, PartialEq)]
pub(super) enum Val {
    Data(Data),
    /// An index into the shared strings
    Shared(usize),
    /// A number and the cell's style index (None: no style), whose format may make it a date
    Number(f64, Option<usize>),
}

struct Cell {
    pos: (u32, u32),
    typ: Type,
    style: Option<usize>,
    value: Val,
    child: Child,
}

/// A sheet's cells before the workbook's strings and formats are applied.
pub(crate) struct Raw(Vec<((u32, u32), Val)>);

#[derive(PartialEq)]
enum At {
    Before,
    Data,
}

pub(super) struct Sheet {
    at: At,
    done: bool,
    row: u32,
    col: u32,
    cell: Option<Cell>,
    /// The text of the current `<v>` (one buffer for every cell)
    v: String,
    cells: Vec<((u32, u32), Val)>,
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet {
            at: At::Before,
            done: false,
            row: 0,
            col: 0,
            cell: None,
            v: String::new(),
            cells: Vec::new(),
        }
    }

    /// The cells, once the walk reached the end of the sheet's data.
    pub fn finish(self) -> Option<Raw> {
        self.done.then_some(Raw(self.cells))
    }

    fn start_cell(&mut self, attrs: &[u8]) -> Option<()> {
        let [r, s, t] = Attrs::exact(attrs, [b"r", b"s", b"t"])?;
        let pos = match r {
            Some(r) => {
                let (row, col) = parse_ref_bytes(r)?;
                self.col = col?;
                (row, self.col)
            }
            None => (self.row, self.col),
        };
        let style = match s {
            Some(s) => Some(index(s)?),
            None => None,
        };
        let typ = match t {
            None => Type::None,
            Some(b"n") => Type::Number,
            Some(b"s") => Type::Shared,
            Some(b"b") => Type::Bool,
            Some(b"e") => Type::Error,
            Some(b"str") => Type::Str,
            Some(b"d") => Type::Date,
            Some(b"inlineStr" | b"is") => Type::Inline,
            Some(_) => Type::Unknown,
        };
        self.cell = Some(Cell {
            pos,
            typ,
            style,
            value: Val::Data(Data::Empty),
            child: Child::Nothing,
        });
        Some(())
    }
}

/// A `<v>`'s value, as calamine's `read_v` makes it (strings and formats applied later).
fn value(cell: &Cell, text: Option<&str>) -> Option<Val> {
    let ascii = cell.typ.plain();
    let Some(v) = text else {
        // an empty <v/>: calamine reads the plain types as empty, the others as an empty text
        return Some(Val::Data(match cell.typ {
            _ if ascii => Data::Empty,
            Type::Inline => Data::Empty,
            Type::Str => Data::String(String::new()),
            Type::Date => Data::DateTimeIso(String::new()),
            _ => return None,
        }));
    };
    Some(Val::Data(match cell.typ {
        Type::Inline => Data::Empty,
        Type::Shared => return Some(Val::Shared(index(v.as_bytes())?)),
        Type::Bool => match v.trim() {
            "" => Data::Empty,
            "0" => Data::Bool(false),
            "1" => Data::Bool(true),
            t if t.eq_ignore_ascii_case("false") => Data::Bool(false),
            t if t.eq_ignore_ascii_case("true") => Data::Bool(true),
            _ => return None,
        },
        Type::Error => Data::Error(match v {
            "#DIV/0!" => CellErrorType::Div0,
            "#N/A" => CellErrorType::NA,
            "#NAME?" => CellErrorType::Name,
            "#NULL!" => CellErrorType::Null,
            "#NUM!" => CellErrorType::Num,
            "#REF!" => CellErrorType::Ref,
            "#VALUE!" => CellErrorType::Value,
            _ => return None,
        }),
        Type::Number | Type::None => return Some(Val::Number(number(v.as_bytes())?, cell.style)),
        Type::Str if !has_excel_escape(v) => Data::String(v.to_string()),
        Type::Date => Data::DateTimeIso(v.to_string()),
        Type::Str | Type::Unknown => return None,
    }))
}

impl Visit for Sheet {
    fn text(&mut self, t: &[u8]) -> Option<()> {
        let Some(cell) = self.cell.as_mut().filter(|_| !self.done) else {
            return Some(());
        };
        match &mut cell.child {
            Child::V(seen) => {
                // one run between <v> and </v>; the plain types never hold a reference
                if *seen {
                    return None;
                }
                *seen = true;
                let plain = cell.typ.plain();
                self.v.clear();
                if plain {
                    if t.contains(&b'&') {
                        return None;
                    }
                    self.v.push_str(std::str::from_utf8(t).ok()?);
                } else {
                    unescape_into(t, &mut self.v)?;
                }
                Some(())
            }
            Child::Is(runs) => runs.text(t),
            Child::F | Child::Nothing => Some(()),
        }
    }

    fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if self.done {
            return Some(());
        }
        if self.at == At::Before {
            match local(name) {
                b"dimension" => {
                    let [r] = Attrs::exact(attrs, [b"ref"])?;
                    if !valid_dimension(std::str::from_utf8(r?).ok()?) {
                        return None;
                    }
                }
                b"sheetData" => self.at = At::Data,
                _ => {}
            }
            return Some(());
        }
        // inside the data, names are compared whole where calamine compares them whole
        if name.contains(&b':') {
            return None;
        }
        if let Some(cell) = self.cell.as_mut() {
            match &mut cell.child {
                Child::Is(runs) => return runs.start(name, attrs),
                Child::V(_) | Child::F => return None,
                Child::Nothing => {}
            }
            cell.child = match name {
                b"v" => Child::V(false),
                b"f" => Child::F,
                b"is" => Child::Is(Runs::default()),
                _ => return None,
            };
            return Some(());
        }
        match name {
            b"row" => {
                if let [Some(r)] = Attrs::exact(attrs, [b"r"])? {
                    self.row = parse_ref_bytes(r)?.0;
                }
            }
            b"c" => self.start_cell(attrs)?,
            _ => {}
        }
        Some(())
    }

    fn end(&mut self, name: &[u8], _: bool, _: &[u8]) -> Option<bool> {
        if self.done {
            return Some(true);
        }
        if self.at == At::Before {
            return Some(false);
        }
        if let Some(cell) = self.cell.as_mut() {
            match std::mem::replace(&mut cell.child, Child::Nothing) {
                Child::Is(mut runs) => {
                    if runs.end(name)? {
                        cell.value = Val::Data(Data::String(runs.finish()));
                    } else {
                        cell.child = Child::Is(runs);
                    }
                }
                Child::V(seen) => cell.value = value(cell, seen.then_some(self.v.as_str()))?,
                Child::F => cell.value = Val::Data(Data::Empty),
                Child::Nothing => {
                    // the cell's own end
                    let cell = self.cell.take()?;
                    self.col = self.col.saturating_add(1);
                    if cell.value != Val::Data(Data::Empty) {
                        // no more cells than the guard lets a whole file lay out (a file with
                        // more is refused; the walk may run before the guard's tally)
                        if self.cells.len() as u64 >= crate::read::guard::MAX_CELLS {
                            return None;
                        }
                        self.cells.push((cell.pos, cell.value));
                    }
                }
            }
            return Some(false);
        }
        match name {
            b"row" => {
                self.row = self.row.saturating_add(1);
                self.col = 0;
            }
            b"sheetData" => self.done = true,
            _ => {}
        }
        Some(self.done)
    }
}

/// The sheet's non-empty cells in the order of the part, read from the part; None when calamine
/// should read it.
pub(super) fn walk(xml: &[u8]) -> Option<Raw> {
    let mut v = Nested::new(Sheet::new());
    tags::walk(xml, &mut v)?;
    v.inner.finish()
}

/// The cells with the workbook's shared strings and number formats applied.
pub(super) fn resolve(raw: Raw, ctx: &Context) -> Option<Vec<calamine::Cell<Data>>> {
    let mut out = Vec::with_capacity(raw.0.len());
    for (pos, v) in raw.0 {
        let d = match v {
            Val::Data(d) => d,
            Val::Shared(i) => Data::String(ctx.strings.get(i)?.clone()),
            Val::Number(n, style) => {
                let format = match style {
                    Some(i) => ctx.formats.get(i).copied(),
                    None => Some(Format::Other),
                };
                let kind = |k| Data::DateTime(ExcelDateTime::new(n, k, ctx.is_1904));
                match format {
                    Some(Format::DateTime) => kind(ExcelDateTimeType::DateTime),
                    Some(Format::TimeDelta) => kind(ExcelDateTimeType::TimeDelta),
                    _ => Data::Float(n),
                }
            }
        };
        out.push(calamine::Cell::new(pos, d));
    }
    Some(out)
}
