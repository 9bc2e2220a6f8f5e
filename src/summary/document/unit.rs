//! The unit's own report from its return: the outline's sections line by line with the unit's
//! figures, empty answers as blanks to fill in, figures in error flagged, the signature block.

use super::Figures;
use super::show;
use super::wording::Wording;
use crate::check::rules::Issue;
use crate::outline::{Field, FieldType, Item, Outline, Role, SectionLayout, Severity};
use crate::record::{Value, Values};
use crate::report::docx::{Block, Cell, Document, Header, Row, Signature, Span, Table};
use anyhow::Result;

/// The report of one unit: its values and the findings about them.
pub fn build(
    o: &Outline,
    w: &Wording,
    values: &Values,
    issues: &[Issue],
) -> Result<(Document, Figures)> {
    let mut figures = Figures::new();
    let errors: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    let in_error = |key: &str| errors.iter().any(|i| i.field.as_deref() == Some(key));
    let text_of = |role: Role| {
        o.role_key(role)
            .and_then(|k| values.get(k))
            .and_then(Value::as_text)
            .map(str::to_string)
    };
    let blank = w.text("unit", "blank");
    let d = &o.document;
    let number = match text_of(Role::ReportNumber) {
        Some(n) => format!("{} {}", d.number_prefix, d.full_number(&n)),
        None => format!("{} …{}", d.number_prefix, d.number_suffix),
    };
    let date = o
        .role_key(Role::ReportDate)
        .and_then(|k| match values.get(k) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        });
    let mut blocks = Vec::new();
    if !errors.is_empty() {
        let count = errors.len();
        blocks.push(Block::Paragraph(vec![Span::flagged(w.say(
            "unit",
            "errors",
            minijinja::context! { count },
        )?)]));
    }
    if !d.preamble.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::text(d.preamble.clone())]));
    }
    for s in o
        .sections
        .iter()
        .filter(|s| s.layout == SectionLayout::Normal)
    {
        if let Some(key) = &s.only_if
            && !says_yes(o, values, key)
        {
            continue;
        }
        // A section of identification only (code, upper level): for the summary, not the report.
        let only_ids = s.items.iter().all(|i| match i {
            Item::Field(f) => o.fields[*f]
                .role
                .is_some_and(|r| !matches!(r, Role::UnitName | Role::UnitType)),
            Item::Note(_) => true,
            _ => false,
        });
        if only_ids {
            continue;
        }
        blocks.push(Block::Heading(1, s.report_title.clone()));
        for item in &s.items {
            match item {
                Item::Heading { report, .. } => blocks.push(Block::Heading(2, report.clone())),
                Item::Note(_) => {}
                Item::Field(i) => {
                    let f = &o.fields[*i];
                    if f.placed_by_role() {
                        continue;
                    }
                    let value = values.get(f.key.as_str());
                    if let Some(v) = value {
                        figures.put(&f.key, v);
                    }
                    let shown = match value {
                        Some(v) if in_error(&f.key) => Span::flagged(show::value(f, v)),
                        Some(v) => Span::text(show::value(f, v)),
                        None if in_error(&f.key) => Span::flagged(blank.clone()),
                        None => Span::blank(blank_with_unit(f, &blank)),
                    };
                    blocks.push(line(w, &f.label, shown)?);
                }
                Item::Multi { label, fields } => {
                    let chosen: Vec<String> = fields
                        .iter()
                        .map(|&i| &o.fields[i])
                        .filter(|f| says_yes(o, values, &f.key))
                        .filter_map(|f| match &f.group {
                            Some(crate::outline::Group::Option { option, .. }) => {
                                Some(option.clone())
                            }
                            _ => None,
                        })
                        .collect();
                    let shown = if chosen.is_empty() {
                        Span::blank(blank.clone())
                    } else {
                        Span::text(chosen.join(", "))
                    };
                    blocks.push(line(w, label, shown)?);
                }
                Item::Table {
                    label,
                    columns,
                    rows,
                    ..
                } => {
                    blocks.push(Block::Bullet(vec![Span::text(format!("{label}:"))]));
                    blocks.push(table(o, w, values, columns, rows, &in_error, &mut figures));
                }
            }
        }
    }
    let position = text_of(Role::SignerPosition);
    let mut sig_lines = vec![d.signature_for.clone()];
    sig_lines.extend(position);
    let recipients = d
        .recipients
        .iter()
        .filter(|r| !r.trim_end().ends_with(':'))
        .map(|r| r.trim_start_matches(['-', ' ']).to_string())
        .collect();
    let doc = Document {
        header: Header {
            upper_body: d.issuing_body.clone(),
            issuing_body: text_of(Role::UnionName).unwrap_or_else(|| blank.clone()),
            number,
            place: d.place.clone(),
            date,
        },
        kind: d.title.clone(),
        summary: vec![d.subtitle.clone()],
        blocks,
        signature: Signature {
            lines: sig_lines,
            name: text_of(Role::SignerName),
        },
        recipients,
        appendix: vec![],
    };
    Ok((doc, figures))
}

fn blank_with_unit(f: &Field, blank: &str) -> String {
    match f.ty {
        FieldType::Percent => format!("{blank}%"),
        _ => show::with_unit(blank, &f.unit),
    }
}

fn says_yes(o: &Outline, values: &Values, key: &str) -> bool {
    let yes = o
        .field(key)
        .and_then(|f| f.choices.as_ref())
        .and_then(|c| c.first())
        .map_or("Có", String::as_str);
    values.get(key).and_then(Value::as_text) == Some(yes)
}

/// "- label: value", the value a span of its own (plain, blank or flagged).
fn line(w: &Wording, label: &str, value: Span) -> Result<Block> {
    const MARK: &str = "\u{1}";
    let text = w.say("unit", "line", minijinja::context! { label, value => MARK })?;
    let mut spans = Vec::new();
    let mut parts = text.splitn(2, MARK);
    if let Some(before) = parts.next().filter(|s| !s.is_empty()) {
        spans.push(Span::text(before));
    }
    spans.push(value);
    if let Some(after) = parts.next().filter(|s| !s.is_empty()) {
        spans.push(Span::text(after));
    }
    Ok(Block::Bullet(spans))
}

fn table(
    o: &Outline,
    w: &Wording,
    values: &Values,
    columns: &[String],
    rows: &[Vec<usize>],
    in_error: &dyn Fn(&str) -> bool,
    figures: &mut Figures,
) -> Block {
    let mut out = Vec::new();
    for r in rows {
        if r.iter()
            .all(|&i| !values.contains_key(o.fields[i].key.as_str()))
        {
            continue;
        }
        let mut cells = vec![Cell::center((out.len() + 1).to_string())];
        for &i in r {
            let f = &o.fields[i];
            let v = values.get(f.key.as_str());
            if let Some(v) = v {
                figures.put(&f.key, v);
            }
            let text = v.map(|v| show::value(f, v)).unwrap_or_default();
            let span = if in_error(&f.key) {
                Span::flagged(text)
            } else {
                Span::text(text)
            };
            let align = if f.ty.is_numeric() {
                crate::report::docx::Align::Right
            } else {
                crate::report::docx::Align::Left
            };
            cells.push(Cell::spans(vec![span], align));
        }
        out.push(Row {
            cells,
            total: false,
        });
    }
    if out.is_empty() {
        return Block::Paragraph(vec![Span::blank(w.text("unit", "blank"))]);
    }
    let mut head = vec![w.text("unit", "number_column")];
    head.extend(columns.iter().cloned());
    let mut widths = vec![2];
    widths.extend(columns.iter().map(|_| 5));
    Block::Table(Table {
        widths,
        head,
        rows: out,
    })
}
