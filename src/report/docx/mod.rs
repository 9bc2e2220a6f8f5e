//! A printer of administrative documents in the form of Decree 30/2020/NĐ-CP, Phụ lục I, as Word
//! (.docx) files: the document model (header, title, blocks, signature, recipients) and [`render`].
//!
//! The model holds text only; the printer adds the form: A4 portrait, Times New Roman, the
//! borderless two-column header with its rules, the place and date in italics (`decree_date`),
//! the bold document type and summary, the justified body with a first-line indent, the tables in
//! the administrative style, the pictures, the highlighted blanks, the page numbers centred at the
//! top from page 2, the signature block with room for signature and seal, and "Nơi nhận:".
//!
//! The same model gives the same bytes: the paragraph ids, picture ids and drawing ids are numbered
//! from the document alone, the package and its properties carry fixed dates.
//!
//! ```
//! use soket::report::docx::{Block, Document, Header, Signature, Span};
//! let doc = Document {
//!     header: Header {
//!         upper_body: "CƠ QUAN CẤP TRÊN".into(),
//!         issuing_body: "CƠ QUAN BAN HÀNH".into(),
//!         number: "Số: …/BC-CQ".into(),
//!         place: "Hà Nội".into(),
//!         date: chrono::NaiveDate::from_ymd_opt(2026, 4, 7),
//!     },
//!     kind: "BÁO CÁO".into(),
//!     summary: vec!["Kết quả thực hiện".into()],
//!     blocks: vec![
//!         Block::Heading(1, "I. KẾT QUẢ".into()),
//!         Block::Paragraph(vec![Span::text("Đã ban hành "), Span::text("12"), Span::blank("…")]),
//!     ],
//!     signature: Signature { lines: vec!["TM. BAN THƯỜNG VỤ".into(), "CHỦ TỊCH".into()], name: None },
//!     recipients: vec!["Như trên;".into(), "Lưu: VT.".into()],
//!     appendix: vec![],
//! };
//! let bytes = soket::report::docx::render(&doc).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! ```

mod blocks;
mod head;
mod measure;
mod pack;
mod page;
mod sign;

pub use pack::render;

/// A whole document: what the printer lays out, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub header: Header,
    /// The document type, printed in bold capitals: "BÁO CÁO".
    pub kind: String,
    /// The summary line(s) under the type, bold: "Sơ kết 01 năm …".
    pub summary: Vec<String>,
    pub blocks: Vec<Block>,
    pub signature: Signature,
    /// The lines under "Nơi nhận:", each printed after "- ".
    pub recipients: Vec<String>,
    /// Blocks after the signature, from a new page (the appendices, "Phụ lục"); empty for none.
    pub appendix: Vec<Block>,
}

/// The two-column header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Left column, line 1, in capitals (may be empty).
    pub upper_body: String,
    /// Left column, line 2, bold capitals with a short rule under it.
    pub issuing_body: String,
    /// The number line as printed: "Số: …/BC-CQ".
    pub number: String,
    /// The place before the date: "Hà Nội".
    pub place: String,
    /// The date; `None` prints a highlighted "ngày … tháng … năm …" to fill in.
    pub date: Option<chrono::NaiveDate>,
}

/// The signer: the authority and position lines in bold capitals ("TM. BAN THƯỜNG VỤ", "CHỦ
/// TỊCH"), room for the signature and seal, then the name in bold (a highlighted blank when `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub lines: Vec<String>,
    pub name: Option<String>,
}

/// One piece of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 ("I. …", bold), 2 ("1. …", bold) or 3 (bold italic), indented as the body.
    Heading(u8, String),
    /// A body paragraph: justified, first-line indent.
    Paragraph(Vec<Span>),
    /// A body line that starts with "- ".
    Bullet(Vec<Span>),
    /// A line under a bullet: starts with "+ ", indented one step further.
    SubBullet(Vec<Span>),
    /// A centred bold line (an appendix title, a table title).
    Title(Vec<Span>),
    /// A centred italic line (a note under a title, a picture caption).
    Note(Vec<Span>),
    Table(Table),
    Picture(Picture),
    /// The rest starts on a new page.
    PageBreak,
}

/// A run of text with its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub kind: SpanKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Plain,
    Bold,
    Italic,
    /// A place for people to write or fill in: highlighted in yellow.
    Blank,
    /// A figure in error: red, bold, underlined, highlighted.
    Flagged,
}

impl Span {
    pub fn text(s: impl Into<String>) -> Span {
        Span {
            text: s.into(),
            kind: SpanKind::Plain,
        }
    }
    pub fn bold(s: impl Into<String>) -> Span {
        Span {
            text: s.into(),
            kind: SpanKind::Bold,
        }
    }
    pub fn italic(s: impl Into<String>) -> Span {
        Span {
            text: s.into(),
            kind: SpanKind::Italic,
        }
    }
    pub fn blank(s: impl Into<String>) -> Span {
        Span {
            text: s.into(),
            kind: SpanKind::Blank,
        }
    }
    pub fn flagged(s: impl Into<String>) -> Span {
        Span {
            text: s.into(),
            kind: SpanKind::Flagged,
        }
    }
}

impl From<&str> for Span {
    fn from(s: &str) -> Span {
        Span::text(s)
    }
}

impl From<String> for Span {
    fn from(s: String) -> Span {
        Span::text(s)
    }
}

/// A table in the administrative style: thin black borders, a bold centred header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths (any unit): the table fills the text width.
    pub widths: Vec<u32>,
    /// The header row; empty for none.
    pub head: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A total row: bold.
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Cell {
    /// Text aligned left (names, labels, long text).
    pub fn left(s: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::text(s)],
            align: Align::Left,
        }
    }
    /// Text centred (ordinal numbers, short codes).
    pub fn center(s: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::text(s)],
            align: Align::Center,
        }
    }
    /// A figure, aligned right.
    pub fn figure(s: impl Into<String>) -> Cell {
        Cell {
            spans: vec![Span::text(s)],
            align: Align::Right,
        }
    }
    pub fn spans(spans: Vec<Span>, align: Align) -> Cell {
        Cell { spans, align }
    }
}

/// A PNG picture, scaled to at most the text width, centred, with an italic caption under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    pub caption: String,
}

#[cfg(test)]
mod tests;
