//! The draft report of the merging level: merge's units and totals (the same code as `merge`),
//! worded by the outline's wording file: I general, II results with derived ratios, tables by
//! unit type and by upper-level union, III models, IV proposals, V the units left out.

use super::texts::{self, Appendices};
use super::wording::Wording;
use super::{Figures, chart, show};
use crate::check::Completeness;
use crate::outline::{Outline, Role, Severity};
use crate::report::docx::{Block, Cell, Document, Header, Picture, Row, Signature, Span, Table};
use crate::summary::aggregate::{self, Kind, Row as SumRow};
use crate::summary::{Merge, Unit};
use crate::value::{format_pct_vi, format_vi};
use anyhow::Result;
use minijinja::context;

fn para(text: String) -> Block {
    Block::Paragraph(vec![Span::text(text)])
}

/// The draft from a merge (and the completeness, with a roster).
pub fn build(
    o: &Outline,
    w: &Wording,
    m: &Merge,
    c: Option<&Completeness>,
) -> Result<(Document, Figures)> {
    let mut figures = Figures::new();
    let units = m.counted();
    let rows = aggregate::rows(o);
    let totals = m.totals(&rows);
    let total_of = |key: &str| {
        totals
            .iter()
            .find(|(mm, _)| mm.key == key && matches!(mm.kind, Kind::Sum))
            .and_then(|(_, a)| a.value)
    };
    let ctx_base = context! { campaign => context! { name => o.campaign.name.clone(), plan => o.campaign.plan.clone() }, units => units.len() };
    let mut blocks = Vec::new();
    let preamble = w.say("draft", "preamble", ctx_base.clone())?;
    if !preamble.is_empty() {
        blocks.push(para(preamble));
    }

    // I. General: units, roster, members, workers.
    blocks.push(Block::Heading(1, w.text("draft", "general")));
    let left_out = m.excluded().len();
    figures.put_number("units", units.len() as f64);
    blocks.push(para(w.say(
        "draft",
        "units",
        context! { files => m.files.len(), counted => units.len(), left_out },
    )?));
    if let Some(c) = c {
        let t = &c.total;
        figures.put_number("units_expected", t.expected as f64);
        figures.put_number("units_on_time", t.on_time as f64);
        figures.put_number("units_late", t.late as f64);
        blocks.push(para(w.say(
            "draft",
            "roster",
            context! {
                expected => t.expected, reported => t.reported(),
                reported_pct => format_pct_vi(t.percent_reported() / 100.0),
                on_time => t.on_time, late => t.late, missing => t.missing,
            },
        )?));
    }
    let members = aggregate::members(o, &units);
    if let Some(mb) = members {
        figures.put_number("members_change", mb.change);
        blocks.push(para(w.say(
            "draft",
            "members",
            context! {
                start => format_vi(mb.start), now => format_vi(mb.now), change => mb.change,
                change_abs => format_vi(mb.change.abs()),
                rate => mb.rate.map(|r| format_pct_vi(r.abs())).unwrap_or_else(|| "—".into()),
            },
        )?));
        let wk = w.text("draft", "workers_key");
        if let Some(workers) = total_of(&wk).filter(|_| !wk.is_empty()) {
            let ratio = if workers > 0.0 {
                format_pct_vi(mb.now / workers)
            } else {
                "—".into()
            };
            blocks.push(para(w.say(
                "draft",
                "workers",
                context! { workers => format_vi(workers), ratio },
            )?));
        }
    }
    blocks.push(Block::Paragraph(vec![Span::blank(
        w.text("draft", "assessment"),
    )]));

    // II. Results: every figure of the outline, in its order, then the derived ratios.
    blocks.push(Block::Heading(1, w.text("draft", "results")));
    let agg_of = |mm: &aggregate::Measure| {
        totals
            .iter()
            .find(|(x, _)| x.id() == mm.id())
            .map(|(_, a)| *a)
    };
    // The parts are numbered once the empty ones are left out: no gap in 1, 2, 3…
    let mut res = Vec::new();
    // Option counts under a group label are its sub-lines.
    let mut in_group = false;
    for r in &rows {
        match r {
            SumRow::Section(t) => {
                in_group = false;
                res.push(Block::Heading(2, without_numeral(t).to_string()));
            }
            SumRow::Heading(t) => {
                in_group = false;
                res.push(Block::Heading(3, t.clone()));
            }
            SumRow::Group { label, .. } => {
                in_group = true;
                res.push(Block::Bullet(vec![Span::text(format!("{label}:"))]));
            }
            SumRow::Measure(mm) => {
                let Some(a) = agg_of(mm) else { continue };
                // A figure no unit reported is left out, never printed as 0.
                let Some(v) = a.value.filter(|_| a.units > 0 || mm.counts_units()) else {
                    continue;
                };
                let (key, text) = match &mm.kind {
                    Kind::WeightedMean { weight } => {
                        in_group = false;
                        let wl = o
                            .field(weight)
                            .map_or(weight.clone(), |f| f.short_label().to_string());
                        let value = format_pct_vi(v / 100.0);
                        ("weighted", w.say("draft", "weighted", context! { label => mm.label.clone(), value, weight => wl, units => a.units })?)
                    }
                    Kind::Option { .. } | Kind::Yes { .. } => {
                        let value = show::with_unit(&format_vi(v), &mm.unit);
                        (
                            "option",
                            w.say(
                                "draft",
                                "option",
                                context! { label => mm.label.clone(), value },
                            )?,
                        )
                    }
                    Kind::Sum => {
                        in_group = false;
                        let value = show::with_unit(&format_vi(v), &mm.unit);
                        (
                            "figure",
                            w.say(
                                "draft",
                                "figure",
                                context! { label => mm.label.clone(), value },
                            )?,
                        )
                    }
                };
                if let Some(j) = mm.json_key() {
                    figures.put_number(j, v);
                }
                res.push(if key == "option" && in_group {
                    Block::SubBullet(vec![Span::text(text)])
                } else {
                    Block::Bullet(vec![Span::text(text)])
                });
            }
        }
    }
    let mut ratios = Vec::new();
    for r in w.tables("draft", "ratios") {
        let get = |k: &str| {
            r.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let (num, den) = (get("numerator"), get("denominator"));
        let (Some(a), Some(b)) = (total_of(&num), total_of(&den)) else {
            continue;
        };
        if b <= 0.0 {
            continue;
        }
        let label_of = |k: &str| {
            o.field(k)
                .map_or(k.to_string(), |f| f.short_label().to_string())
        };
        figures.put_number(&format!("{num}/{den}"), a / b);
        ratios.push(Block::Bullet(vec![Span::text(w.say(
            "draft",
            "ratio",
            context! { label => get("label"), value => format_pct_vi(a / b), numerator => label_of(&num), denominator => label_of(&den) },
        )?)]));
    }
    if !ratios.is_empty() {
        res.push(Block::Heading(2, w.text("draft", "ratios_title")));
        res.extend(ratios);
    }
    let mut n_part = 0;
    for b in drop_empty_headings(res) {
        blocks.push(match b {
            Block::Heading(2, t) => {
                n_part += 1;
                Block::Heading(2, format!("{n_part}. {t}"))
            }
            b => b,
        });
    }
    let mut blocks = drop_empty_headings(blocks);
    blocks.push(Block::Paragraph(vec![Span::blank(
        w.text("draft", "causes"),
    )]));

    // Tables by unit type and by upper-level union.
    let mut n_table = 0;
    for (role, title) in [(Role::UnitType, "by_type"), (Role::Parent, "by_parent")] {
        if o.role_key(role).is_none() {
            continue;
        }
        n_table += 1;
        blocks.push(Block::Title(vec![Span::text(w.say(
            "draft",
            title,
            context! { n => n_table },
        )?)]));
        blocks.push(group_table(o, w, role, &units, &total_of)?);
    }
    // Charts: members at the start and now, by unit type and by upper-level union.
    if let Some(mb) = o.summary.members.as_ref() {
        let mut n_chart = 0;
        for (role, caption) in [
            (Role::UnitType, "chart_by_type"),
            (Role::Parent, "chart_by_parent"),
        ] {
            if o.role_key(role).is_none() {
                continue;
            }
            let bars: Vec<chart::Bar> = aggregate::groups(o, role, &units)
                .into_iter()
                .filter(|(_, us)| !us.is_empty())
                .map(|(name, us)| chart::Bar {
                    name,
                    start: us.iter().filter_map(|u| u.number(&mb.start)).sum(),
                    now: us.iter().filter_map(|u| u.number(&mb.now)).sum(),
                })
                .collect();
            if bars.is_empty() {
                continue;
            }
            n_chart += 1;
            let (png, width_px, height_px) = chart::bars(&bars, &mb.start_name, &mb.now_name)?;
            blocks.push(Block::Picture(Picture {
                png,
                width_px,
                height_px,
                caption: w.say("draft", caption, context! { n => n_chart })?,
            }));
        }
    }

    // III, IV.
    let mut app = Appendices::default();
    blocks.extend(texts::models(o, w, &units, &mut app)?);
    blocks.extend(texts::proposals(o, w, &units, &mut app)?);

    // V. The units left out.
    blocks.push(Block::Heading(1, w.text("draft", "left_out_title")));
    let mut any = false;
    for u in m.excluded() {
        any = true;
        let reason = m
            .issues_of(u)
            .find(|i| i.severity == Severity::Error)
            .map(|i| i.message.clone())
            .unwrap_or_default();
        let file = u
            .file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        blocks.push(Block::Bullet(vec![Span::text(w.say(
            "draft",
            "left_out_error",
            context! { name => u.name(), file, reason },
        )?)]));
    }
    if let Some(c) = c {
        for s in c.units.iter().filter(|s| !s.reported()) {
            any = true;
            blocks.push(Block::Bullet(vec![Span::text(w.say(
                "draft",
                "left_out_missing",
                context! { name => s.name.clone() },
            )?)]));
        }
    }
    if !any {
        blocks.push(para(w.say("draft", "left_out_none", context! {})?));
    }

    let summary = w
        .list("draft", "summary")
        .iter()
        .map(|s| w.env_render(s, ctx_base.clone()))
        .collect::<Result<Vec<_>>>()?;
    let signer = w.text("draft", "signer");
    let doc = Document {
        header: Header {
            upper_body: w.text("draft", "upper_body"),
            issuing_body: w.text("draft", "issuing_body"),
            number: w.text("draft", "number"),
            place: o.document.place.clone(),
            date: None,
        },
        kind: w.text("draft", "kind"),
        summary,
        blocks,
        signature: Signature {
            lines: w.list("draft", "signature"),
            name: (!signer.is_empty()).then_some(signer),
        },
        recipients: w.list("draft", "recipients"),
        appendix: app.blocks,
    };
    Ok((doc, figures))
}

/// Headings with nothing under them (a section whose figures no unit reported) are left out.
fn drop_empty_headings(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks.into_iter().rev() {
        if let Block::Heading(level, _) = &b {
            let keeps = match out.last() {
                Some(Block::Heading(next, _)) => next > level,
                Some(_) => true,
                None => false,
            };
            if !keeps {
                continue;
            }
        }
        out.push(b);
    }
    out.reverse();
    out
}

/// A section title without its Roman numeral: "II. KẾT QUẢ" → "KẾT QUẢ".
fn without_numeral(t: &str) -> &str {
    match t.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)) => rest,
        _ => t,
    }
}

/// Units and the table figures per group of `role` (in option order), with a total row.
fn group_table(
    o: &Outline,
    w: &Wording,
    role: Role,
    units: &[&Unit],
    total_of: &dyn Fn(&str) -> Option<f64>,
) -> Result<Block> {
    let keys: Vec<String> = w
        .list("draft", "table_figures")
        .into_iter()
        .filter(|k| o.field(k).is_some())
        .collect();
    let members = o.summary.members.as_ref();
    let mut head = vec![
        w.text("unit", "number_column"),
        w.text("draft", "group_column"),
        w.text("draft", "units_column"),
    ];
    head.extend(keys.iter().map(|k| {
        o.field(k)
            .map_or(k.clone(), |f| f.short_label().to_string())
    }));
    let with_change = members.is_some();
    if with_change {
        head.push(w.text("draft", "change_column"));
    }
    let sum = |key: &str, us: &[&Unit]| us.iter().filter_map(|u| u.number(key)).sum::<f64>();
    let mut rows = Vec::new();
    for (i, (name, us)) in aggregate::groups(o, role, units)
        .into_iter()
        .filter(|(_, us)| !us.is_empty())
        .enumerate()
    {
        let mut cells = vec![
            Cell::center((i + 1).to_string()),
            Cell::left(name),
            Cell::figure(us.len().to_string()),
        ];
        cells.extend(keys.iter().map(|k| Cell::figure(format_vi(sum(k, &us)))));
        if let Some(mb) = members {
            cells.push(Cell::figure(format_vi(
                sum(&mb.now, &us) - sum(&mb.start, &us),
            )));
        }
        rows.push(Row {
            cells,
            total: false,
        });
    }
    let mut cells = vec![
        Cell::center(""),
        Cell::left(w.text("draft", "total_row")),
        Cell::figure(units.len().to_string()),
    ];
    cells.extend(
        keys.iter()
            .map(|k| Cell::figure(format_vi(total_of(k).unwrap_or(0.0)))),
    );
    if let Some(mb) = members {
        cells.push(Cell::figure(format_vi(
            total_of(&mb.now).unwrap_or(0.0) - total_of(&mb.start).unwrap_or(0.0),
        )));
    }
    rows.push(Row { cells, total: true });
    let mut widths = vec![2, 9, 3];
    widths.extend(keys.iter().map(|_| 4));
    if with_change {
        widths.push(4);
    }
    Ok(Block::Table(Table { widths, head, rows }))
}
