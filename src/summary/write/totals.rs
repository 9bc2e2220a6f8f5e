//! The figure sheets: "Tổng hợp" (every figure with the units it rests on) and "Theo loại hình" /
//! "Theo cấp trên" (the same figures, one column per group and a total column).

use super::style::{self, Num};
use crate::outline::{Outline, Role};
use crate::summary::aggregate::{self, Agg, Measure, Row};
use crate::summary::{Merge, Unit};
use crate::value::format_vi;
use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet};
use std::collections::HashMap;

pub const OVERVIEW_SHEET: &str = "Tổng hợp";
pub const BY_TYPE_SHEET: &str = "Theo loại hình";
pub const BY_PARENT_SHEET: &str = "Theo cấp trên";

const STT_COL: u16 = 0;
const LABEL_COL: u16 = 1;
const UNIT_COL: u16 = 2;
/// First column of figures.
pub const FIRST_VALUE_COL: u16 = 3;
/// Width of the labels: wide on "Tổng hợp" (few columns), narrower on the group sheets.
const UNIT_WIDTH: f64 = 12.0;
const OVERVIEW_LABEL_WIDTH: f64 = 72.0;
const GROUP_LABEL_WIDTH: f64 = 42.0;
/// Row of the column headers.
pub const HEADER_ROW: u32 = 4;

/// Where things were written, for the charts.
#[derive(Debug, Default)]
pub struct Placed {
    pub sheet: String,
    /// Measure id → row.
    pub rows: HashMap<String, u32>,
    /// Columns of the groups (excluding the total column), when the sheet has groups.
    pub group_cols: Option<(u16, u16)>,
}

/// The columns of a figure sheet: a heading and the units it is computed over.
struct Spec<'a> {
    sheet: &'a str,
    title: String,
    columns: Vec<(String, Vec<&'a Unit>)>,
    /// Show the "units reporting" column (overview) rather than groups.
    reporting: bool,
    label_width: f64,
}

/// A figure sheet's columns and every figure in them, computed before anything is written (so the
/// computing can run beside the writing of other sheets).
pub struct Figures<'a> {
    spec: Spec<'a>,
    values: Vec<Vec<(Measure, Agg)>>,
    /// The member block of each column.
    members: Vec<Option<aggregate::Members>>,
}

/// "Tổng hợp": label, unit, figure, units reporting.
pub fn overview_figures<'a>(o: &Outline, m: &'a Merge, rows: &[Row]) -> Figures<'a> {
    let spec = Spec {
        sheet: OVERVIEW_SHEET,
        title: "BẢNG TỔNG HỢP SỐ LIỆU".into(),
        columns: vec![("Tổng hợp".into(), m.counted())],
        reporting: true,
        label_width: OVERVIEW_LABEL_WIDTH,
    };
    compute(o, m, rows, spec)
}

/// One column per option of the choice field that has `role` (type of unit, upper level), then the total.
pub fn group_figures<'a>(
    o: &Outline,
    m: &'a Merge,
    rows: &[Row],
    role: Role,
    sheet: &'a str,
) -> Figures<'a> {
    let counted = m.counted();
    let mut columns = aggregate::groups(o, role, &counted);
    columns.push(("Cộng".into(), counted));
    let title = match o.role(role) {
        Some(f) => format!("SỐ LIỆU THEO {}", f.label.to_uppercase()),
        None => format!("SỐ LIỆU {}", sheet.to_uppercase()),
    };
    let spec = Spec {
        sheet,
        title,
        columns,
        reporting: false,
        label_width: GROUP_LABEL_WIDTH,
    };
    compute(o, m, rows, spec)
}

fn compute<'a>(o: &Outline, m: &'a Merge, rows: &[Row], spec: Spec<'a>) -> Figures<'a> {
    // A column over every counted unit (the overview, a total column) is the merge's totals.
    let all = m.counted().len();
    let values = spec
        .columns
        .iter()
        .map(|(_, units)| {
            if units.len() == all {
                m.totals(rows).to_vec()
            } else {
                aggregate::compute_all(rows, units)
            }
        })
        .collect();
    let members = spec
        .columns
        .iter()
        .map(|(_, units)| aggregate::members(o, units))
        .collect();
    Figures {
        spec,
        values,
        members,
    }
}

fn num_format(m: &Measure) -> Num {
    if m.is_percent() { Num::Pct } else { Num::Int }
}

/// The width a column of figures needs.
fn value_width(heading: &str, values: &[f64]) -> f64 {
    let longest = values
        .iter()
        .map(|v| format_vi(v.round()).chars().count())
        .max()
        .unwrap_or(1) as f64;
    let head_word = heading
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(1) as f64;
    (longest + 3.0).max(head_word + 2.0).max(12.0)
}

/// Write a figure sheet; where each figure went, for the charts.
pub fn write(
    ws: &mut Worksheet,
    o: &Outline,
    m: &Merge,
    rows: &[Row],
    figures: &Figures,
) -> Result<Placed> {
    let (spec, values) = (&figures.spec, figures.values.as_slice());
    ws.set_name(spec.sheet)?;
    let ncols = spec.columns.len() as u16;
    let reporting_col = FIRST_VALUE_COL + ncols;
    let last_col = if spec.reporting {
        reporting_col
    } else {
        reporting_col - 1
    };
    let mut widths = Vec::new();
    for (c, (heading, units)) in spec.columns.iter().enumerate() {
        let mut nums: Vec<f64> = values[c]
            .iter()
            .filter(|(mm, _)| !mm.is_percent())
            .filter_map(|(_, a)| a.value)
            .collect();
        nums.push(units.len() as f64);
        if let Some(mb) = &figures.members[c] {
            nums.extend([mb.start, mb.now, mb.change]);
        }
        let w = value_width(heading, &nums);
        widths.push(w);
        ws.set_column_width(FIRST_VALUE_COL + c as u16, w)?;
    }
    ws.set_column_width(STT_COL, 5)?;
    ws.set_column_width(LABEL_COL, spec.label_width)?;
    ws.set_column_width(UNIT_COL, UNIT_WIDTH)?;
    if spec.reporting {
        ws.set_column_width(reporting_col, 12)?;
    }
    let mut printed = vec![5.0, spec.label_width, UNIT_WIDTH];
    printed.extend(&widths);
    if spec.reporting {
        printed.push(12.0);
    }
    // one column per type of unit may be too many for one page width at a legible size
    let print = style::plan_print(&printed, usize::from(FIRST_VALUE_COL), 12.0);
    // titles and notes span what every printed page shows whole
    let title_col = print.title_last_col(last_col, UNIT_COL);
    let total_width: f64 = printed[..=usize::from(title_col)].iter().sum();

    ws.merge_range(0, 0, 0, title_col, &spec.title, &style::title())?;
    ws.set_row_height(0, 22)?;
    let sub = format!("{} — {}", o.campaign.name, o.document.issuing_body);
    ws.merge_range(1, 0, 1, title_col, &sub, &style::subtitle())?;
    ws.set_row_height(1, style::height(style::lines_needed(&sub, total_width)))?;
    let note = scope_note(m);
    ws.merge_range(2, 0, 2, title_col, &note, &style::note())?;
    ws.set_row_height(2, style::height(style::lines_needed(&note, total_width)))?;

    let head = style::header();
    ws.write_string_with_format(HEADER_ROW, STT_COL, "STT", &head)?;
    ws.write_string_with_format(HEADER_ROW, LABEL_COL, "Chỉ tiêu", &head)?;
    ws.write_string_with_format(HEADER_ROW, UNIT_COL, "Đơn vị tính", &head)?;
    let mut head_lines: f64 = 2.0;
    for (c, (heading, _)) in spec.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, FIRST_VALUE_COL + c as u16, heading, &head)?;
        head_lines = head_lines.max(style::lines_needed(heading, widths[c]));
    }
    if spec.reporting {
        ws.write_string_with_format(HEADER_ROW, reporting_col, "Số đơn vị báo cáo", &head)?;
    }
    ws.set_row_height(HEADER_ROW, style::height(head_lines))?;

    let mut w = Writer {
        ws,
        o,
        spec,
        values,
        members: &figures.members,
        row: HEADER_ROW + 1,
        stt: 0,
        last_col,
        reporting_col,
        placed: Placed {
            sheet: spec.sheet.to_string(),
            ..Placed::default()
        },
    };
    w.units_row()?;
    w.members()?;
    for r in rows {
        w.row(r)?;
    }
    let Writer {
        mut placed,
        mut row,
        ..
    } = w;
    // How each percentage is averaged: weighted by another figure, not a plain mean of the units.
    row += 1;
    for r in rows {
        let Row::Measure(mm) = r else { continue };
        let aggregate::Kind::WeightedMean { weight } = &mm.kind else {
            continue;
        };
        let weight_label = o.field(weight).map_or(weight.as_str(), |f| f.short_label());
        let text = format!(
            "(*) “{}” là tỷ lệ bình quân có trọng số theo “{}”: tỷ lệ của mỗi đơn vị được tính nặng nhẹ theo {} của đơn vị đó, chỉ tính các đơn vị ghi đủ cả hai số; không phải trung bình cộng các tỷ lệ.",
            mm.label,
            weight_label,
            lower_first(weight_label)
        );
        ws.merge_range(row, 0, row, title_col, &text, &style::note())?;
        ws.set_row_height(row, style::height(style::lines_needed(&text, total_width)))?;
        row += 1;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, FIRST_VALUE_COL)?;
    style::apply_print(
        ws,
        Some((HEADER_ROW, HEADER_ROW)),
        (STT_COL, UNIT_COL),
        &print,
        12.0,
    )?;
    ws.set_print_area(0, 0, row.saturating_sub(1), last_col)?;
    if !spec.reporting && ncols > 1 {
        placed.group_cols = Some((FIRST_VALUE_COL, FIRST_VALUE_COL + ncols - 2));
    }
    Ok(placed)
}

/// "Tổng số người" → "tổng số người", inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// What the figures cover, in one sentence.
pub fn scope_note(m: &Merge) -> String {
    let counted = m.counted();
    let mut s = format!("Số liệu của {} đơn vị được tổng hợp", counted.len());
    let with_errors = counted.iter().filter(|u| u.status == "error").count();
    if with_errors > 0 {
        s.push_str(&format!(
            " (trong đó {with_errors} đơn vị có lỗi, vẫn được đưa vào)"
        ));
    }
    let excluded = m.excluded().len();
    if excluded > 0 {
        s.push_str(&format!("; không tính {excluded} báo cáo có lỗi"));
    }
    let unreadable = m.unreadable().len();
    if unreadable > 0 {
        s.push_str(&format!("; {unreadable} tệp không đọc được"));
    }
    if !m.duplicates.is_empty() {
        s.push_str(&format!(
            "; {} đơn vị gửi nhiều báo cáo chỉ tính một lần",
            m.duplicates.len()
        ));
    }
    s.push_str(". Chi tiết ở trang “Kiểm tra”.");
    s
}

struct Writer<'a, 'w> {
    ws: &'w mut Worksheet,
    o: &'a Outline,
    spec: &'a Spec<'a>,
    values: &'a [Vec<(Measure, Agg)>],
    members: &'a [Option<aggregate::Members>],
    row: u32,
    stt: u32,
    last_col: u16,
    reporting_col: u16,
    placed: Placed,
}

impl Writer<'_, '_> {
    fn next_stt(&mut self) -> String {
        self.stt += 1;
        self.stt.to_string()
    }

    fn label_row(&mut self, stt: &str, label: &str, unit: &str, fmt: &Format) -> Result<()> {
        self.ws
            .write_string_with_format(self.row, STT_COL, stt, &style::text_center())?;
        self.ws
            .write_string_with_format(self.row, LABEL_COL, label, fmt)?;
        self.ws
            .write_string_with_format(self.row, UNIT_COL, unit, &style::text_center())?;
        let lines = style::lines_needed(label, self.spec.label_width)
            .max(style::lines_needed(unit, UNIT_WIDTH));
        self.ws.set_row_height(self.row, style::height(lines))?;
        Ok(())
    }

    fn number(&mut self, col: u16, v: Option<f64>, fmt: Num, bold: bool) -> Result<()> {
        match v {
            Some(v) => {
                let f = if bold {
                    style::bold_figure(fmt.code(v))
                } else {
                    style::figure(fmt.code(v))
                };
                self.ws.write_number_with_format(self.row, col, v, &f)?;
            }
            None => {
                self.ws
                    .write_string_with_format(self.row, col, "–", &style::text_center())?;
            }
        }
        Ok(())
    }

    fn blank_values(&mut self) -> Result<()> {
        for c in FIRST_VALUE_COL..=self.last_col {
            self.ws.write_blank(self.row, c, &style::empty())?;
        }
        Ok(())
    }

    fn units_row(&mut self) -> Result<()> {
        let bold = style::label().set_bold();
        self.label_row("", "Số đơn vị được tổng hợp", "đơn vị", &bold)?;
        for (c, (_, units)) in self.spec.columns.iter().enumerate() {
            self.number(
                FIRST_VALUE_COL + c as u16,
                Some(units.len() as f64),
                Num::Int,
                true,
            )?;
        }
        if self.spec.reporting {
            self.ws
                .write_blank(self.row, self.reporting_col, &style::empty())?;
        }
        self.row += 1;
        Ok(())
    }

    fn members(&mut self) -> Result<()> {
        let o = self.o;
        let Some(spec) = &o.summary.members else {
            return Ok(());
        };
        if self.members.iter().any(Option::is_none) {
            return Ok(());
        }
        let per_col: Vec<aggregate::Members> = self.members.iter().flatten().copied().collect();
        self.ws.merge_range(
            self.row,
            0,
            self.row,
            self.last_col,
            &spec.title,
            &style::section(),
        )?;
        self.row += 1;
        let (start, now) = (o.field(&spec.start), o.field(&spec.now));
        let unit = now.map_or("", |f| f.unit.as_str());
        type Pick = fn(&aggregate::Members) -> Option<f64>;
        let lines: [(&str, &str, Num, Pick); 4] = [
            (
                start.map_or("", |f| f.short_label()),
                unit,
                Num::Int,
                |mb| Some(mb.start),
            ),
            (now.map_or("", |f| f.short_label()), unit, Num::Int, |mb| {
                Some(mb.now)
            }),
            (
                "Tăng (+) / giảm (−) so với đầu kỳ",
                unit,
                Num::Change,
                |mb| Some(mb.change),
            ),
            (
                "Tỷ lệ tăng/giảm so với đầu kỳ",
                "%",
                Num::PctChange,
                |mb| mb.rate,
            ),
        ];
        for (label, unit, fmt, pick) in lines {
            let stt = self.next_stt();
            self.label_row(&stt, label, unit, &style::label())?;
            for (c, mb) in per_col.iter().enumerate() {
                self.number(FIRST_VALUE_COL + c as u16, pick(mb), fmt, false)?;
            }
            if self.spec.reporting {
                let n = per_col[0].units as f64;
                self.number(self.reporting_col, Some(n), Num::Int, false)?;
            }
            self.row += 1;
        }
        Ok(())
    }

    fn row(&mut self, r: &Row) -> Result<()> {
        match r {
            Row::Section(t) => {
                self.ws
                    .merge_range(self.row, 0, self.row, self.last_col, t, &style::section())?;
                self.ws.set_row_height(self.row, 20)?;
            }
            Row::Heading(t) => {
                self.ws
                    .merge_range(self.row, 0, self.row, self.last_col, t, &style::heading())?;
            }
            Row::Group { label, key, .. } => {
                let stt = self.next_stt();
                self.label_row(&stt, label, "", &style::label().set_bold())?;
                self.blank_values()?;
                if let (Some(k), true) = (key, self.spec.reporting) {
                    let n = aggregate::answered(k, &self.spec.columns[0].1) as f64;
                    self.number(self.reporting_col, Some(n), Num::Int, false)?;
                }
            }
            Row::Measure(mm) => self.measure(mm)?,
        }
        self.row += 1;
        Ok(())
    }

    fn measure(&mut self, mm: &Measure) -> Result<()> {
        let id = mm.id();
        // Options (of a choice or a multiple choice) are indented under their label, unnumbered.
        let (stt, fmt) =
            if matches!(mm.kind, aggregate::Kind::Option { .. }) || self.is_option_of_multi(mm) {
                (
                    String::new(),
                    style::label().set_indent(2).set_align(FormatAlign::Left),
                )
            } else {
                (self.next_stt(), style::label())
            };
        self.label_row(&stt, &mm.label, &mm.unit, &fmt)?;
        let nf = num_format(mm);
        for c in 0..self.spec.columns.len() {
            let agg = self.values[c]
                .iter()
                .find(|(x, _)| x.id() == id)
                .map(|(_, a)| *a);
            // "–" when no unit reported a figure that adds up values (a count of units is just 0).
            let v = agg
                .filter(|a| a.units > 0 || mm.counts_units())
                .and_then(|a| a.value)
                .map(|v| if mm.is_percent() { v / 100.0 } else { v });
            self.number(FIRST_VALUE_COL + c as u16, v, nf, false)?;
        }
        if self.spec.reporting {
            // An option of a choice: the units answering are on the choice's own row.
            if matches!(mm.kind, aggregate::Kind::Option { .. }) {
                self.ws
                    .write_blank(self.row, self.reporting_col, &style::empty())?;
            } else {
                let n = self.values[0]
                    .iter()
                    .find(|(x, _)| x.id() == id)
                    .map_or(0, |(_, a)| a.units);
                self.number(self.reporting_col, Some(n as f64), Num::Int, false)?;
            }
        }
        self.placed.rows.insert(id, self.row);
        Ok(())
    }

    fn is_option_of_multi(&self, mm: &Measure) -> bool {
        self.o
            .field(&mm.key)
            .is_some_and(|f| matches!(f.group, Some(crate::outline::Group::Option { .. })))
    }
}
