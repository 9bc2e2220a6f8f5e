//! Sections III and IV of the draft: the rows of the outline's table (models) and the texts of the
//! units (proposals, difficulties), each with its unit, none lost; long lists go to an appendix.

use super::wording::Wording;
use crate::outline::{Item, Outline};
use crate::record::Value;
use crate::report::docx::{Align, Block, Cell, Row, Span, Table};
use crate::summary::Unit;
use anyhow::Result;
use minijinja::context;

/// Appendices built while the body is written: their number and their blocks.
#[derive(Default)]
pub struct Appendices {
    pub blocks: Vec<Block>,
    pub count: usize,
}

impl Appendices {
    fn add(&mut self, w: &Wording, title: &str, body: Vec<Block>) -> Result<usize> {
        self.count += 1;
        let n = self.count;
        if n > 1 {
            self.blocks.push(Block::PageBreak);
        }
        self.blocks.push(Block::Title(vec![Span::text(w.say(
            "draft",
            "appendix",
            context! { n },
        )?)]));
        self.blocks
            .push(Block::Title(vec![Span::text(title.to_uppercase())]));
        self.blocks.push(Block::Note(vec![Span::text(w.say(
            "draft",
            "appendix_note",
            context! {},
        )?)]));
        self.blocks.extend(body);
        Ok(n)
    }
}

/// Section III: every row of every table item, with its unit, as a table (in an appendix when long).
pub fn models(
    o: &Outline,
    w: &Wording,
    units: &[&Unit],
    app: &mut Appendices,
) -> Result<Vec<Block>> {
    let mut out = vec![Block::Heading(1, w.text("draft", "models"))];
    let inline_max = w.number("draft", "inline_max").unwrap_or(6) as usize;
    for s in &o.sections {
        for item in &s.items {
            let Item::Table {
                label,
                columns,
                rows,
                ..
            } = item
            else {
                continue;
            };
            let mut lines = Vec::new();
            let mut with = 0;
            for u in units {
                let before = lines.len();
                for r in rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|&i| {
                            let f = &o.fields[i];
                            u.result
                                .values
                                .get(f.key.as_str())
                                .map(|v| super::show::value(f, v))
                                .unwrap_or_default()
                        })
                        .collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        lines.push((u.name(), cells));
                    }
                }
                with += usize::from(lines.len() > before);
            }
            if lines.is_empty() {
                out.push(Block::Paragraph(vec![Span::text(w.say(
                    "draft",
                    "models_none",
                    context! {},
                )?)]));
                continue;
            }
            let mut head = vec![
                w.text("unit", "number_column"),
                w.text("draft", "unit_column"),
            ];
            head.extend(columns.iter().cloned());
            // Long texts get the room.
            let mut widths = vec![2, 5];
            widths.extend(rows[0].iter().map(|&i| match o.fields[i].ty {
                crate::outline::FieldType::LongText => 7,
                crate::outline::FieldType::Text => 5,
                _ => 3,
            }));
            let rows: Vec<Row> = lines
                .iter()
                .enumerate()
                .map(|(n, (unit, cells))| {
                    let mut c = vec![Cell::center((n + 1).to_string()), Cell::left(unit.clone())];
                    c.extend(
                        cells
                            .iter()
                            .map(|t| Cell::spans(vec![Span::text(t.clone())], Align::Left)),
                    );
                    Row {
                        cells: c,
                        total: false,
                    }
                })
                .collect();
            let table = Block::Table(Table { widths, head, rows });
            let entries = lines.len();
            if entries > inline_max {
                let n = app.add(w, label, vec![table])?;
                out.push(Block::Paragraph(vec![Span::text(w.say(
                    "draft",
                    "models_count",
                    context! { entries, units => with, appendix => n },
                )?)]));
            } else {
                out.push(Block::Paragraph(vec![Span::text(w.say(
                    "draft",
                    "models_count",
                    context! { entries, units => with, appendix => 0 },
                )?)]));
                out.push(table);
            }
        }
    }
    Ok(out)
}

/// Section IV: the texts of the outline's text sheets, field by field, each with its unit.
pub fn proposals(
    o: &Outline,
    w: &Wording,
    units: &[&Unit],
    app: &mut Appendices,
) -> Result<Vec<Block>> {
    let mut out = vec![Block::Heading(1, w.text("draft", "proposals"))];
    let inline_max = w.number("draft", "inline_max").unwrap_or(6) as usize;
    for sheet in &o.summary.text_sheets {
        for key in &sheet.fields {
            let Some(f) = o.field(key) else { continue };
            // The same text from several units is one entry naming them all (first-seen order).
            let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
            let mut with = 0;
            for u in units {
                if let Some(t) = u.result.values.get(key.as_str()).and_then(Value::as_text) {
                    with += 1;
                    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    match grouped.iter_mut().find(|(g, _)| *g == flat) {
                        Some((_, names)) => names.push(u.name()),
                        None => grouped.push((flat, vec![u.name()])),
                    }
                }
            }
            // In the body the wording may name a count instead of a long list of units; an
            // appendix names them all (`full`).
            let entries = |full: bool| -> Result<Vec<Block>> {
                grouped
                    .iter()
                    .map(|(t, names)| {
                        let ctx = context! { unit => names.join("; "), count => names.len(), full, text => t };
                        Ok(Block::Bullet(vec![Span::text(w.say("draft", "text_entry", ctx)?)]))
                    })
                    .collect()
            };
            if grouped.is_empty() {
                continue;
            }
            let label = f.short_label().to_string();
            let n = grouped.len();
            if n > inline_max {
                let entries = entries(true)?;
                let a = app.add(w, &label, entries)?;
                out.push(Block::Paragraph(vec![Span::text(w.say(
                    "draft",
                    "texts_count",
                    context! { label, entries => n, units => with, appendix => a },
                )?)]));
            } else {
                out.push(Block::Paragraph(vec![Span::text(w.say(
                    "draft",
                    "texts_count",
                    context! { label, entries => n, units => with, appendix => 0 },
                )?)]));
                out.extend(entries(false)?);
            }
        }
    }
    out.push(Block::Paragraph(vec![Span::blank(
        w.text("draft", "direction"),
    )]));
    Ok(out)
}
