//! From the model to the bytes of the .docx: the section (A4, margins, page number from page 2),
//! the parts in order, fixed ids and dates.

use std::io::Cursor;

use anyhow::{Context, Result};
use docx_rs::{AlignmentType, Docx, Header, PageNum};

use super::blocks::{self, Part};
use super::page::{self, BODY, para};
use super::{Block, Document, head, sign};

/// The .docx bytes of a document. The same document gives the same bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    // docx-rs numbers paragraphs with a per-thread counter: a fresh thread starts it at 1.
    std::thread::scope(|s| s.spawn(|| build(doc)).join())
        .map_err(|_| anyhow::anyhow!("lỗi nội bộ khi dựng tài liệu Word"))?
}

fn build(doc: &Document) -> Result<Vec<u8>> {
    let stamp = match doc.header.date {
        Some(d) => format!("{}T00:00:00Z", d.format("%Y-%m-%d")),
        None => "1970-01-01T00:00:00Z".to_string(),
    };
    let number =
        Header::new().add_paragraph(para(AlignmentType::Center, BODY).add_page_num(PageNum::new()));
    let mut docx = Docx::new()
        .page_size(page::PAGE_W, page::PAGE_H)
        .page_margin(page::margins())
        .default_fonts(page::fonts())
        .default_size(BODY)
        .header(number)
        .first_header(Header::new())
        .created_at(&stamp)
        .updated_at(&stamp)
        .add_table(head::header(&doc.header));
    for p in head::title(&doc.kind, &doc.summary) {
        docx = docx.add_paragraph(p);
    }
    let mut pics = 0;
    let mut body: Vec<Part> = doc
        .blocks
        .iter()
        .flat_map(|b| blocks::block(b, &mut pics))
        .collect();
    // The signature never stands alone on a page: the last paragraph goes with it.
    match body.pop() {
        Some(Part::P(p)) => body.push(Part::P(p.keep_next(true))),
        Some(table) => body.push(table),
        None => {}
    }
    for part in body {
        docx = match part {
            Part::P(p) => docx.add_paragraph(p),
            Part::T(t) => docx.add_table(t),
        };
    }
    docx = docx
        .add_paragraph(
            para(AlignmentType::Left, BODY)
                .keep_next(true)
                .line_spacing(page::spacing(0, 120)),
        )
        .add_table(sign::block(&doc.signature, &doc.recipients));
    if !doc.appendix.is_empty() {
        for b in std::iter::once(&Block::PageBreak).chain(&doc.appendix) {
            for part in blocks::block(b, &mut pics) {
                docx = match part {
                    Part::P(p) => docx.add_paragraph(p),
                    Part::T(t) => docx.add_table(t),
                };
            }
        }
    }
    let mut xml = docx.build();
    xml.document = repeat_headers(&number_drawings(&xml.document));
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).context("không ghi được tài liệu Word")?;
    Ok(out.into_inner())
}

/// The header rows of the body's tables (marked by [`blocks::HEADER_MARK`]) repeat on every page.
fn repeat_headers(xml: &[u8]) -> Vec<u8> {
    let mark = format!(
        "<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\" />",
        blocks::HEADER_MARK
    );
    let xml = String::from_utf8_lossy(xml);
    xml.replace(&mark, "<w:tblHeader />").into_bytes()
}

/// docx-rs gives every drawing the id 1; Word wants them distinct: 1, 2, 3… in order.
fn number_drawings(xml: &[u8]) -> Vec<u8> {
    const FROM: &[u8] = b"<wp:docPr id=\"1\"";
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut rest = xml;
    let mut n = 0;
    while let Some(at) = rest.windows(FROM.len()).position(|w| w == FROM) {
        n += 1;
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(format!("<wp:docPr id=\"{n}\"").as_bytes());
        rest = &rest[at + FROM.len()..];
    }
    out.extend_from_slice(rest);
    out
}
