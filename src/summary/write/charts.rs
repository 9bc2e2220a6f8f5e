//! "Biểu đồ": native Excel charts drawn from the figure sheets — the members block (start and now) per
//! type of unit and per upper level, and the number of units per option of each multiple choice.

use super::style::FONT;
use super::totals::{FIRST_VALUE_COL, HEADER_ROW, OVERVIEW_SHEET, Placed};
use crate::outline::{Members, Outline};
use crate::summary::aggregate::Row;
use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartFont, ChartLegendPosition, Worksheet};

pub const CHART_SHEET: &str = "Biểu đồ";
/// Column of the labels on "Tổng hợp".
const LABEL_COL: u16 = 1;
const WIDTH: u32 = 900;
const HEIGHT: u32 = 420;
/// Rows between the tops of two charts (HEIGHT at 20 px a row, and a gap).
const STEP: u32 = 23;

fn font(size: f64) -> ChartFont {
    let mut f = ChartFont::new();
    f.set_name(FONT).set_size(size);
    f
}

fn dress(chart: &mut Chart, title: &str) {
    chart
        .title()
        .set_name(title)
        .set_font(font(13.0).set_bold());
    chart.x_axis().set_font(&font(10.0));
    chart
        .y_axis()
        .set_font(&font(10.0))
        .set_num_format(crate::workbook::numfmt::AXIS);
    chart.legend().set_font(&font(10.0));
    chart.set_width(WIDTH).set_height(HEIGHT);
}

/// The members block at the start and now, one pair of columns per group of a group sheet.
fn members_chart(p: &Placed, spec: &Members, title: &str) -> Option<Chart> {
    let (first, last) = p.group_cols?;
    let start = *p.rows.get(&spec.start)?;
    let now = *p.rows.get(&spec.now)?;
    let mut chart = Chart::new_column();
    let sheet = p.sheet.as_str();
    for (name, row) in [(&spec.start_name, start), (&spec.now_name, now)] {
        chart
            .add_series()
            .set_name(name)
            .set_categories((sheet, HEADER_ROW, first, HEADER_ROW, last))
            .set_values((sheet, row, first, row, last));
    }
    dress(&mut chart, title);
    chart.legend().set_position(ChartLegendPosition::Top);
    Some(chart)
}

/// Number of units per option of each multiple choice, from "Tổng hợp"; `units` sets the axis step.
fn option_charts(overview: &Placed, rows: &[Row], units: usize) -> Vec<Chart> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Row::Group {
            label,
            key: None,
            options,
        } = r
        else {
            continue;
        };
        let lines: Vec<u32> = rows[i + 1..]
            .iter()
            .take(*options)
            .filter_map(|r| match r {
                Row::Measure(m) => overview.rows.get(&m.id()).copied(),
                _ => None,
            })
            .collect();
        let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
            continue;
        };
        let mut chart = Chart::new_bar();
        chart
            .add_series()
            .set_name("Số đơn vị")
            .set_categories((OVERVIEW_SHEET, first, LABEL_COL, last, LABEL_COL))
            .set_values((
                OVERVIEW_SHEET,
                first,
                FIRST_VALUE_COL,
                last,
                FIRST_VALUE_COL,
            ))
            .set_data_label(
                ChartDataLabel::new()
                    .show_value()
                    .set_num_format(crate::workbook::numfmt::AXIS)
                    .set_font(&font(10.0)),
            );
        let mut what = label.chars();
        let lower: String = what
            .next()
            .map(|c| c.to_lowercase().chain(what).collect())
            .unwrap_or_default();
        dress(&mut chart, &format!("Số đơn vị theo {lower}"));
        // Options top to bottom in outline order; whole numbers of units on the value axis.
        chart.y_axis().set_reverse();
        chart
            .x_axis()
            .set_min(0)
            .set_major_unit(units.div_ceil(8).max(1) as f64);
        chart.legend().set_hidden();
        out.push(chart);
    }
    out
}

/// The chart sheet; returns the number of charts drawn.
pub fn write(
    ws: &mut Worksheet,
    o: &Outline,
    overview: &Placed,
    by_type: &Placed,
    by_parent: &Placed,
    rows: &[Row],
    units: usize,
) -> Result<usize> {
    ws.set_name(CHART_SHEET)?;
    ws.merge_range(0, 0, 0, 13, "BIỂU ĐỒ", &super::style::title())?;
    let mut charts: Vec<Chart> = Vec::new();
    if let Some(spec) = &o.summary.members {
        charts.extend(members_chart(by_type, spec, &spec.chart_by_type));
        charts.extend(members_chart(by_parent, spec, &spec.chart_by_parent));
    }
    charts.extend(option_charts(overview, rows, units));
    for (i, chart) in charts.iter().enumerate() {
        ws.insert_chart(2 + i as u32 * STEP, 0, chart)?;
    }
    super::style::page_setup(ws, None)?;
    // One chart per printed page.
    let breaks: Vec<u32> = (1..charts.len()).map(|i| 2 + i as u32 * STEP - 1).collect();
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks)?;
    }
    ws.set_print_area(0, 0, 2 + charts.len() as u32 * STEP, 13)?;
    Ok(charts.len())
}
