//! The summary workbook: figure sheets, the detail table read back by roll-ups, the text sheets the
//! outline declares, checks, charts, provenance and the hidden marker sheet; the same inputs always
//! give the same bytes.

mod charts;
mod checks;
mod detail;
pub mod roster;
mod sources;
pub mod style;
mod texts;
mod totals;

use crate::outline::{Outline, Role, TableSheet};
use crate::summary::Merge;
use crate::summary::aggregate;
use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet};

pub use charts::CHART_SHEET;
pub use checks::CHECK_SHEET;
pub use detail::{FIRST_UNIT_ROW, LABEL_ROW};
pub use sources::{META_SHEET, SOURCE_SHEET};
pub use totals::{BY_PARENT_SHEET, BY_TYPE_SHEET, OVERVIEW_SHEET};

/// Build the summary workbook's bytes.
/// The summary workbook; with a roster, a sheet "Tình hình nộp" follows "Tổng hợp".
pub fn build(
    o: &Outline,
    m: &Merge,
    roster: Option<&crate::check::Completeness>,
) -> Result<Vec<u8>> {
    let rows = aggregate::rows(o);
    let as_of = roster.map(|c| c.as_of);
    let mut wb = Workbook::new();
    wb.set_default_format(&style::base(), 20, 64)?;
    // Every sheet is added first, in workbook order, then filled on two cores (each writer sets its
    // sheet's name). Rows of the sheets that grow with the number of units (detail, texts, checks,
    // sources) go to a temporary file as they are written: constant-memory sheets.
    let constant = |wb: &mut Workbook| -> Result<()> {
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?;
        Ok(())
    };
    wb.add_worksheet(); // Tổng hợp
    if roster.is_some() {
        wb.add_worksheet(); // Tình hình nộp
    }
    wb.add_worksheet(); // Theo loại hình
    wb.add_worksheet(); // Theo cấp trên
    constant(&mut wb)?; // Chi tiết
    if o.summary.table_sheet.is_some() {
        constant(&mut wb)?; // the table sheet
    }
    let nominations = nomination_sheet(o);
    if nominations.is_some() {
        constant(&mut wb)?; // the nomination sheet
    }
    for _ in &o.summary.text_sheets {
        constant(&mut wb)?; // a text sheet
    }
    constant(&mut wb)?; // Kiểm tra
    wb.add_worksheet(); // Biểu đồ
    constant(&mut wb)?; // Nguồn
    wb.add_worksheet(); // _soket
    // Constant-memory sheets share the workbook's table of formats, and a format takes the next index
    // the first time one of them writes it. The detail sheet's formats are registered here, in the
    // order that sheet uses them; the other constant-memory sheets are then written one after the
    // other on the second core, so every format gets the index it would get with the sheets written
    // one by one, and the same inputs still give the same bytes. (`register_format` is public but
    // left out of rust_xlsxwriter's docs; its own comment names this use. A test in detail.rs checks
    // that the list is every format the sheet uses, in the order it uses them.)
    let detail_formats = detail::Formats::new(o);
    for f in detail_formats.in_order() {
        wb.register_format(f);
    }
    let mut added = wb.worksheets_mut().iter_mut();
    let mut next = || added.next().expect("every sheet is added above");
    let overview = next();
    let roster = roster.map(|c| (next(), c));
    let by_type = next();
    let by_parent = next();
    let detail_ws = next();
    let table = o.summary.table_sheet.as_ref().map(|_| next());
    let nominated = nominations.map(|n| (next(), n));
    let texts = o.summary.text_sheets.iter().map(|_| next()).collect();
    let others = Others {
        overview,
        roster,
        by_type,
        by_parent,
        table,
        nominated,
        texts,
        checks: next(),
        charts: next(),
        sources: next(),
        meta: next(),
    };
    // The detail sheet is the largest: one core writes it, the other writes every other sheet.
    let (written, others) = rayon::join(
        || detail::write(detail_ws, o, m, &detail_formats),
        || other_sheets(others, o, m, &rows, as_of),
    );
    written?;
    others?;
    if let Ok(ws) = wb.worksheet_from_name(OVERVIEW_SHEET) {
        ws.set_active(true);
    }
    // Every printed table is an annex of the report: the issuing body on the left of the page
    // header, "Phụ lục n: <sheet>" on the right.
    let printed: Vec<String> = wb
        .worksheets()
        .iter()
        .map(|ws| ws.name())
        .filter(|n| n != META_SHEET)
        .collect();
    for (n, name) in printed.iter().enumerate() {
        let ws = wb.worksheet_from_name(name)?;
        ws.set_header(style::annex_header(&o.document.issuing_body, n + 1, name));
    }
    // A fixed creation date (the province's deadline) keeps the output byte-identical for the same inputs.
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp – {}", o.campaign.name))
        .set_subject(o.campaign.plan.clone())
        .set_author(o.document.issuing_body.clone())
        .set_company(o.document.issuing_body.clone())
        .set_creation_datetime(&o.campaign.deadline_province)
        .set_custom_property("soket_kind", "summary")
        .set_custom_property("soket_campaign", o.campaign.id.as_str())
        .set_custom_property("soket_version", o.campaign.version.as_str());
    wb.set_properties(&props);
    // Level 2 rather than 3 (or the default 6): at 10,000 units the parts are compressed in about
    // 0.15 s instead of 0.2 s, for 6 % more bytes (7.2 MB instead of 6.8 MB).
    wb.set_zip_compression_level(2);
    let bytes = wb.save_to_buffer()?;
    // Dropping the workbook (a million table cells at 10,000 units) is left to the other core.
    rayon::spawn(move || drop(wb));
    Ok(bytes)
}

/// The sheet collating the nomination table, when the outline declares one (`[select.awards.nominations]`).
fn nomination_sheet(o: &Outline) -> Option<(TableSheet, String)> {
    let n = o.select.awards.as_ref()?.nominations.as_ref()?;
    Some((
        TableSheet {
            name: n.sheet.clone(),
            title: Some(n.title.clone()),
            note: n.note.clone(),
            empty: n.empty.clone(),
        },
        n.table.clone(),
    ))
}

const TMP_ERR: &str = "không tạo được tệp tạm để ghi các trang theo đơn vị: kiểm tra thư mục tạm của hệ thống (TMPDIR) còn chỗ và ghi được";

/// The workbook's sheets but the detail, in workbook order.
struct Others<'a, 'c> {
    overview: &'a mut Worksheet,
    roster: Option<(&'a mut Worksheet, &'c crate::check::Completeness)>,
    by_type: &'a mut Worksheet,
    by_parent: &'a mut Worksheet,
    table: Option<&'a mut Worksheet>,
    nominated: Option<(&'a mut Worksheet, (TableSheet, String))>,
    texts: Vec<&'a mut Worksheet>,
    checks: &'a mut Worksheet,
    charts: &'a mut Worksheet,
    sources: &'a mut Worksheet,
    meta: &'a mut Worksheet,
}

/// Every sheet but the detail: the constant-memory ones one after the other (see `build`), beside the
/// figure sheets and charts, whose figures are computed in parallel pieces that the core which wrote
/// the detail sheet takes up when it is done.
fn other_sheets(
    s: Others,
    o: &Outline,
    m: &Merge,
    rows: &[aggregate::Row],
    as_of: Option<chrono::NaiveDate>,
) -> Result<()> {
    let Others {
        overview,
        roster,
        by_type,
        by_parent,
        table,
        nominated,
        texts,
        checks,
        charts,
        sources,
        meta,
    } = s;
    let (written, figures) = rayon::join(
        || -> Result<()> {
            let named = texts::Named::new(m);
            if let (Some(ws), Some(sheet)) = (table, &o.summary.table_sheet) {
                texts::table_rows(ws, o, sheet, &named, None)?;
            }
            if let Some((ws, (sheet, key))) = nominated {
                texts::table_rows(ws, o, &sheet, &named, Some(&key))?;
            }
            for (ws, sheet) in texts.into_iter().zip(&o.summary.text_sheets) {
                texts::texts(ws, o, &named, sheet)?;
            }
            checks::write(checks, o, m)?;
            sources::write(sources, o, m, as_of)?;
            sources::meta(meta, o)
        },
        || -> Result<()> {
            let figures = (
                totals::overview_figures(o, m, rows),
                totals::group_figures(o, m, rows, Role::UnitType, BY_TYPE_SHEET),
                totals::group_figures(o, m, rows, Role::Parent, BY_PARENT_SHEET),
            );
            if let Some((ws, c)) = roster {
                roster::write(ws, c)?;
            }
            let overview = totals::write(overview, o, m, rows, &figures.0)?;
            let by_type = totals::write(by_type, o, m, rows, &figures.1)?;
            let by_parent = totals::write(by_parent, o, m, rows, &figures.2)?;
            charts::write(
                charts,
                o,
                &overview,
                &by_type,
                &by_parent,
                rows,
                m.counted().len(),
            )?;
            Ok(())
        },
    );
    written?;
    figures
}
