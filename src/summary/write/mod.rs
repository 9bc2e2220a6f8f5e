//! The summary workbook: figure sheets, the detail table read back by roll-ups, text sheets, checks,
//! charts, provenance and the hidden marker sheet; the same inputs always give the same bytes.

mod charts;
mod checks;
mod detail;
mod sources;
mod style;
mod texts;
mod totals;

use crate::outline::Outline;
use crate::summary::aggregate;
use crate::summary::units::{Merge, PARENT_KEY, TYPE_KEY};
use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, Workbook};

pub use charts::CHART_SHEET;
pub use checks::CHECK_SHEET;
pub use detail::{FIRST_UNIT_ROW, LABEL_ROW};
pub use sources::{META_SHEET, SOURCE_SHEET};
pub use texts::{CONDITIONS_SHEET, MODELS_SHEET, PROPOSALS_SHEET};
pub use totals::{BY_PARENT_SHEET, BY_TYPE_SHEET, OVERVIEW_SHEET};

/// Build the summary workbook's bytes.
/// The summary workbook; with a roster, a sheet "Tình hình nộp" follows "Tổng hợp".
pub fn build(
    o: &Outline,
    m: &Merge,
    roster: Option<&crate::roster::Completeness>,
) -> Result<Vec<u8>> {
    let rows = aggregate::rows(o);
    let mut wb = Workbook::new();
    wb.set_default_format(&style::base(), 20, 64)?;
    // The figure sheets come first in the workbook but are filled last: their figures are computed
    // on one core while the other writes the detail and text sheets (a single writer each).
    let first = wb.worksheets_mut().len();
    wb.add_worksheet();
    if let Some(c) = roster {
        crate::roster::sheet::write(wb.add_worksheet(), c)?;
    }
    let type_at = wb.worksheets_mut().len();
    wb.add_worksheet();
    wb.add_worksheet();
    let (figures, written) = rayon::join(
        || {
            (
                totals::overview_figures(m, &rows),
                totals::group_figures(o, m, &rows, TYPE_KEY, BY_TYPE_SHEET),
                totals::group_figures(o, m, &rows, PARENT_KEY, BY_PARENT_SHEET),
            )
        },
        || unit_sheets(&mut wb, o, m),
    );
    written?;
    let overview = totals::write(wb.worksheet_from_index(first)?, o, m, &rows, &figures.0)?;
    let by_type = totals::write(wb.worksheet_from_index(type_at)?, o, m, &rows, &figures.1)?;
    let by_parent = totals::write(
        wb.worksheet_from_index(type_at + 1)?,
        o,
        m,
        &rows,
        &figures.2,
    )?;
    checks::write(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
    )?;
    charts::write(
        wb.add_worksheet(),
        &overview,
        &by_type,
        &by_parent,
        &rows,
        m.counted().len(),
    )?;
    sources::write(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
    )?;
    sources::meta(wb.add_worksheet(), o)?;
    if let Ok(ws) = wb.worksheet_from_name(OVERVIEW_SHEET) {
        ws.set_active(true);
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
    // Level 3 instead of 6: a 10,000-unit summary is written 0.7 s sooner for 19 % more bytes.
    wb.set_zip_compression_level(3);
    Ok(wb.save_to_buffer()?)
}

/// Rows of the sheets that grow with the number of units (detail, texts, checks, sources) go to a
/// temporary file as they are written.
const TMP_ERR: &str = "không tạo được tệp tạm để ghi các trang theo đơn vị: kiểm tra thư mục tạm của hệ thống (TMPDIR) còn chỗ và ghi được";

/// The detail sheet and the three text sheets, in this order.
fn unit_sheets(wb: &mut Workbook, o: &Outline, m: &Merge) -> Result<()> {
    detail::write(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
    )?;
    texts::models(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
    )?;
    texts::texts(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
        PROPOSALS_SHEET,
        "ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ",
        &texts::PROPOSAL_KEYS,
    )?;
    texts::texts(
        wb.add_worksheet_with_constant_memory().context(TMP_ERR)?,
        o,
        m,
        CONDITIONS_SHEET,
        "THUẬN LỢI, KHÓ KHĂN CỦA CÁC ĐƠN VỊ",
        &texts::CONDITION_KEYS,
    )?;
    Ok(())
}
