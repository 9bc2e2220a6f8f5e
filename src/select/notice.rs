//! The selections' Word documents (the survey notice, the list of award proposals): a sentence
//! template from `templates/select/` filled with minijinja, then read line by line into the Decree 30
//! document model and printed with `report::docx`.
//!
//! A filled template is a head and a body separated by a line `---`. Head lines are `key: value`:
//! `upper_body`, `issuing_body`, `number`, `place`, `kind`, `summary` (repeatable), `sign`
//! (repeatable, the signature's lines), `signer`, `recipient` (repeatable). Body lines: `# ` a
//! heading of level 1, `## ` of level 2, `- ` a bullet, `@title ` a centred bold line, `@note ` a
//! centred italic line, `@table W,W,… | head | head …` a table whose rows are the `| cell | cell …`
//! lines that follow (`|* cell | …` a bold row; a cell that is a number is aligned right), anything
//! else a paragraph. Blank lines are skipped.

use crate::report::docx::{self, Block, Cell, Document, Header, Row, Signature, Span, Table};
use anyhow::{Context, Result, anyhow};

/// The survey notice's template.
pub const SURVEY: &str = include_str!("../../templates/select/thong-bao-khao-sat.txt");
/// The award proposals' template.
pub const AWARDS: &str = include_str!("../../templates/select/de-nghi-khen-thuong.txt");

/// Fill `template` with `context` and print the document.
pub fn render(template: &str, name: &str, context: minijinja::Value) -> Result<Vec<u8>> {
    let mut env = minijinja::Environment::new();
    // A value on one line, without the table's separator: `{{ x|cell }}`.
    // A count on two digits, as the plan writes them: `{{ n|two }}` → "02".
    env.add_filter("two", |n: usize| format!("{n:02}"));
    // A group's number in a table: `{{ n|roman }}` → "II".
    env.add_filter("roman", |n: usize| {
        const R: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        R.get(n.wrapping_sub(1))
            .map_or(n.to_string(), |r| r.to_string())
    });
    // The first letter in lower case, the rest as written: "Khu vực Nhà nước" → "khu vực Nhà nước".
    env.add_filter("lcfirst", |s: String| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect::<String>())
            .unwrap_or_default()
    });
    env.add_filter("cell", |s: String| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "/")
    });
    env.add_template(name, template)
        .with_context(|| format!("mẫu văn bản {name} không hợp lệ"))?;
    let text = env
        .get_template(name)
        .and_then(|t| t.render(context))
        .with_context(|| format!("không điền được mẫu văn bản {name}"))?;
    let doc = document(&text).with_context(|| format!("mẫu văn bản {name} không hợp lệ"))?;
    docx::render(&doc)
}

/// Read a filled template into the document model.
pub fn document(text: &str) -> Result<Document> {
    let (head, body) = text
        .split_once("\n---\n")
        .ok_or_else(|| anyhow!("thiếu dòng --- ngăn phần đầu và nội dung"))?;
    let mut doc = Document {
        header: Header {
            upper_body: String::new(),
            issuing_body: String::new(),
            number: String::new(),
            place: String::new(),
            date: None,
        },
        kind: String::new(),
        summary: Vec::new(),
        blocks: Vec::new(),
        signature: Signature {
            lines: Vec::new(),
            name: None,
        },
        recipients: Vec::new(),
        appendix: Vec::new(),
    };
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| anyhow!("dòng “{line}” của phần đầu phải có dạng khóa: giá trị"))?;
        let value = value.trim().to_string();
        match key.trim() {
            "upper_body" => doc.header.upper_body = value,
            "issuing_body" => doc.header.issuing_body = value,
            "number" => doc.header.number = value,
            "place" => doc.header.place = value,
            "kind" => doc.kind = value,
            "summary" => doc.summary.push(value),
            "sign" => doc.signature.lines.push(value),
            "signer" if !value.is_empty() => doc.signature.name = Some(value),
            "signer" => {}
            "recipient" => doc.recipients.push(value),
            other => return Err(anyhow!("khóa “{other}” không có trong phần đầu")),
        }
    }
    let cells = |l: &str| -> Vec<String> {
        l.trim()
            .trim_start_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("@table ") {
            let (widths, head) = rest.split_once('|').unwrap_or((rest, ""));
            let widths = widths
                .split(',')
                .map(|w| w.trim().parse::<u32>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| anyhow!("@table cần độ rộng cột là số: “{line}”"))?;
            let head = if head.trim().is_empty() {
                Vec::new()
            } else {
                cells(head)
            };
            doc.blocks.push(Block::Table(Table {
                widths,
                head,
                rows: Vec::new(),
            }));
        } else if line.starts_with('|') {
            let Some(Block::Table(t)) = doc.blocks.last_mut() else {
                return Err(anyhow!("dòng bảng “{line}” không đứng sau một dòng @table"));
            };
            let (total, line) = match line.strip_prefix("|*") {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let row = cells(line)
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        Cell::center(c)
                    } else if is_figure(&c) {
                        Cell::figure(c)
                    } else {
                        Cell::left(c)
                    }
                })
                .collect();
            t.rows.push(Row { cells: row, total });
        } else if let Some(t) = line.strip_prefix("## ") {
            doc.blocks.push(Block::Heading(2, t.to_string()));
        } else if let Some(t) = line.strip_prefix("# ") {
            doc.blocks.push(Block::Heading(1, t.to_string()));
        } else if let Some(t) = line.strip_prefix("- ") {
            doc.blocks.push(Block::Bullet(vec![Span::text(t)]));
        } else if let Some(t) = line.strip_prefix("@title ") {
            doc.blocks.push(Block::Title(vec![Span::bold(t)]));
        } else if let Some(t) = line.strip_prefix("@note ") {
            doc.blocks.push(Block::Note(vec![Span::italic(t)]));
        } else {
            doc.blocks.push(Block::Paragraph(vec![Span::text(line)]));
        }
    }
    Ok(doc)
}

/// A figure as `format_vi` writes it: digits with "." and ",".
fn is_figure(c: &str) -> bool {
    c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-')
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '-' | '%'))
}
