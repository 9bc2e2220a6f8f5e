//! Rendering the laid-out form into a workbook: cells, inputs, names, key column, meta sheet, print setup.

use super::style::{self, base, bordered, center_bold, italic_center, wrap};
use super::{FormOptions, Mark};
use crate::outline::{Field, FieldType, Outline};
use crate::record::Value;
use crate::workbook::layout::{self, INPUT_COL, KEY_COL, LAST_COL, Layout, Line, WIDTHS};
use crate::workbook::numfmt;
use crate::workbook::{FORM_SHEET, META_SHEET};
use anyhow::Result;
use rust_xlsxwriter::{
    ConditionalFormatFormula, DocProperties, ExcelDateTime, Format, FormatAlign, FormatUnderline,
    Formula, Note, ProtectionOptions, Workbook, Worksheet,
};
use std::collections::BTreeMap;

/// Build the workbook bytes.
pub fn build(o: &Outline, opts: &FormOptions) -> Result<Vec<u8>> {
    let lay = layout::layout(o);
    let mut wb = Workbook::new();
    wb.set_default_format(&base(), 20, 64)?;
    let list_refs = list_refs(o);
    if let Some(rows) = opts.fix_list {
        super::fixlist::write(
            wb.add_worksheet(),
            rows,
            &opts.fix_about,
            &opts.fix_extra,
            &o.campaign.receiver,
        )?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(FORM_SHEET)?;
        let mut r = Renderer {
            o,
            ws,
            lay: &lay,
            opts,
            list_refs: &list_refs,
            keys: BTreeMap::new(),
            heights: BTreeMap::new(),
            whole: Vec::new(),
        };
        r.render()?;
        let whole = std::mem::take(&mut r.whole).join(" ");
        numfmt::add_int_rules(r.ws, &whole, (0, 0, 0, 0), numfmt::plain)?;
        let keys = std::mem::take(&mut r.keys);
        for (row, tokens) in keys {
            r.ws.write_string(row, KEY_COL, tokens.join(" "))?;
        }
        setup_sheet(r.ws, lay.last_row)?;
        let breaks = super::paging::breaks(&lay, &r.heights);
        if !breaks.is_empty() {
            r.ws.set_page_breaks(&breaks)?;
        }
        if opts.fix_list.is_none() {
            r.ws.set_active(true);
        }
    }
    write_meta(wb.add_worksheet(), o)?;
    for (i, f) in o.fields.iter().enumerate() {
        if let Some((row, col)) = lay.cell_of(i) {
            let target = format!("='{}'!${}${}", FORM_SHEET, layout::col_letter(col), row + 1);
            wb.define_name(layout::defined_name(&f.key), &target)?;
        }
    }
    wb.define_name("sk__campaign", &format!("='{META_SHEET}'!$B$2"))?;
    wb.define_name("sk__version", &format!("='{META_SHEET}'!$B$3"))?;
    let created = chrono::NaiveDate::from_ymd_opt(2026, 4, 21).unwrap_or_default();
    let props = DocProperties::new()
        .set_title(format!("{} – {}", o.document.title, o.campaign.name))
        .set_subject(o.campaign.plan.clone())
        .set_author(o.document.issuing_body.clone())
        .set_company(o.document.issuing_body.clone())
        .set_creation_datetime(&created)
        .set_custom_property("soket_kind", "form")
        .set_custom_property("soket_campaign", o.campaign.id.as_str())
        .set_custom_property("soket_version", o.campaign.version.as_str());
    wb.set_properties(&props);
    Ok(wb.save_to_buffer()?)
}

/// The hidden identity sheet shared by forms and summaries: marker, kind, campaign id, version, name.
/// This is what `read` recognises a sokết workbook by.
pub fn write_identity(ws: &mut Worksheet, o: &Outline, kind: &str) -> Result<()> {
    ws.set_name(META_SHEET)?;
    let rows = [
        (crate::workbook::MARKER, kind),
        ("campaign", o.campaign.id.as_str()),
        ("version", o.campaign.version.as_str()),
        ("name", o.campaign.name.as_str()),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *k)?;
        ws.write_string(r as u32, 1, *v)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// Cell ranges of the choice lists on the meta sheet, for list validations.
fn list_refs(o: &Outline) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (col, (id, opts)) in (3u16..).zip(o.lists.iter()) {
        let c = layout::col_letter(col);
        out.insert(
            id.clone(),
            format!("='{META_SHEET}'!${c}$2:${c}${}", opts.len() + 1),
        );
    }
    out
}

fn write_meta(ws: &mut Worksheet, o: &Outline) -> Result<()> {
    write_identity(ws, o, "form")?;
    for (col, (id, opts)) in (3u16..).zip(o.lists.iter()) {
        ws.write_string(0, col, id)?;
        for (i, (_, label)) in opts.iter().enumerate() {
            ws.write_string(i as u32 + 1, col, label)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

fn setup_sheet(ws: &mut Worksheet, last_row: u32) -> Result<()> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_column_hidden(KEY_COL)?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_margins(0.6, 0.5, 0.6, 0.6, 0.3, 0.3);
    // a known scale (the page width's), so that the page breaks can be placed
    ws.set_print_scale(super::paging::SCALE);
    ws.set_print_center_horizontally(true);
    ws.set_print_area(0, 0, last_row, LAST_COL)?;
    ws.set_footer("&C&\"Times New Roman\"&12Trang &P/&N");
    let mut p = ProtectionOptions::new();
    p.format_columns = true;
    p.format_rows = true;
    ws.protect_with_options(&p);
    Ok(())
}

/// Points between "(Ký tên, đóng dấu)" and the signer's name: 3 cm.
pub const SIGNATURE_ROOM: f64 = 85.0;

fn lines_needed(text: &str, width_chars: f64) -> f64 {
    let n = text.chars().count() as f64;
    (n / (width_chars * 1.15)).ceil().max(1.0)
}

struct Renderer<'a> {
    o: &'a Outline,
    ws: &'a mut Worksheet,
    lay: &'a Layout,
    opts: &'a FormOptions<'a>,
    list_refs: &'a BTreeMap<String, String>,
    keys: BTreeMap<u32, Vec<String>>,
    /// Height in points of every row given one (the others are [`paging::DEFAULT_ROW`]).
    heights: BTreeMap<u32, f64>,
    /// Cells of whole-number inputs, for the conditional formats that print their thousands dots.
    whole: Vec<String>,
}

impl Renderer<'_> {
    fn render(&mut self) -> Result<()> {
        let full = WIDTHS[..=LAST_COL as usize].iter().sum::<f64>();
        for (row, line) in self.lay.lines.clone() {
            match line {
                Line::Masthead => self.masthead()?,
                Line::Title(t) => {
                    let f = center_bold().set_font_size(14);
                    self.ws.merge_range(row, 0, row, LAST_COL, &t, &f)?;
                    self.row_height(row, 22)?;
                }
                Line::Subtitle(t) => self.block(row, &t, center_bold(), full)?,
                Line::Italic(t) => self.block(row, &t, italic_center(), full)?,
                Line::Instructions(t) => {
                    let f = bordered(wrap().set_italic().set_background_color(0xEDEDED));
                    self.block(row, &t, f, full)?
                }
                Line::Paragraph(t) => {
                    self.block(row, &t, wrap().set_align(FormatAlign::Justify), full)?
                }
                Line::SectionTitle(t) => {
                    self.ws
                        .merge_range(row, 0, row, LAST_COL, &t, &base().set_bold())?;
                    self.row_height(row, 24)?;
                }
                Line::Heading(t) => {
                    let f = wrap().set_bold();
                    self.ws.merge_range(row, 1, row, LAST_COL, &t, &f)?;
                    self.row_height(row, 18.0 * lines_needed(&t, full - 5.0))?;
                }
                Line::Note(t) => {
                    let f = wrap().set_italic();
                    self.ws.merge_range(row, 1, row, LAST_COL, &t, &f)?;
                    self.row_height(row, 17.0 * lines_needed(&t, full - 5.0))?;
                }
                Line::MultiLabel(t) => {
                    self.ws.write_string_with_format(
                        row,
                        0,
                        "-",
                        &base().set_align(FormatAlign::Center),
                    )?;
                    self.ws.write_string_with_format(row, 1, &t, &wrap())?;
                    let hint = layout::MULTI_HINT;
                    self.ws
                        .merge_range(row, 2, row, LAST_COL, hint, &wrap().set_italic())?;
                }
                Line::Field(i) => self.field_line(row, i)?,
                Line::TableHeader(cols) => {
                    let f = bordered(center_bold().set_background_color(0xDDEBF7));
                    self.ws.write_string_with_format(row, 0, "STT", &f)?;
                    for (c, label) in cols.iter().enumerate() {
                        self.ws
                            .write_string_with_format(row, 1 + c as u16, label, &f)?;
                    }
                    self.row_height(row, 34)?;
                }
                Line::TableRow(n, fields) => {
                    let f = bordered(base().set_align(FormatAlign::Center));
                    self.ws.write_number_with_format(row, 0, n, &f)?;
                    for i in fields {
                        self.input(i, None)?;
                    }
                    self.row_height(row, 48)?;
                }
                Line::SignatureTop => self.signature_top(row)?,
                Line::SignatureName => {}
                Line::Blank => {}
            }
        }
        // Inputs placed by role (masthead, signature) are written here.
        for (i, _) in self.o.fields.iter().enumerate() {
            if self.o.fields[i].placed_by_role() {
                let (row, col) = self.lay.cell_of(i).unwrap_or((0, 0));
                let span = if col == 1 { None } else { Some(col + 2) };
                self.input(i, span)?;
                let _ = row;
            }
        }
        Ok(())
    }

    fn row_height(&mut self, row: u32, h: impl Into<f64>) -> Result<()> {
        let h = h.into();
        self.heights.insert(row, h);
        self.ws.set_row_height(row, h)?;
        Ok(())
    }

    fn block(&mut self, row: u32, text: &str, f: Format, width: f64) -> Result<()> {
        self.ws.merge_range(row, 0, row, LAST_COL, text, &f)?;
        self.row_height(row, 17.0 * lines_needed(text, width) + 4.0)?;
        Ok(())
    }

    fn masthead(&mut self) -> Result<()> {
        let d = &self.o.document;
        let top = base().set_align(FormatAlign::Center);
        self.ws.merge_range(0, 0, 0, 2, "", &top)?;
        match self.upper_body_formula() {
            Some((formula, shown)) => {
                self.ws.write_formula_with_format(
                    0,
                    0,
                    Formula::new(formula).set_result(shown),
                    &top,
                )?;
            }
            None => {
                self.ws
                    .write_string_with_format(0, 0, &d.issuing_body, &top)?;
            }
        }
        self.ws
            .merge_range(0, 3, 0, LAST_COL, &d.national_title, &center_bold())?;
        let motto = center_bold()
            .set_underline(FormatUnderline::Single)
            .set_font_size(13);
        self.ws
            .merge_range(1, 3, 1, LAST_COL, &d.national_motto, &motto)?;
        self.ws.write_string_with_format(
            2,
            0,
            &d.number_prefix,
            &base().set_align(FormatAlign::Right),
        )?;
        self.row_height(1, 22)?;
        self.row_height(2, 22)?;
        Ok(())
    }

    /// The letterhead's first line follows the unit's upper level (Decree 30: the direct upper
    /// body): a formula on the upper-level input, with the line for the pre-filled value as its
    /// result; the issuing body while none is chosen. None without an upper-level choice.
    fn upper_body_formula(&self) -> Option<(String, String)> {
        let d = &self.o.document;
        let f = self.o.role(crate::outline::Role::Parent)?;
        let choices = f.choices.as_ref()?;
        let (r, c) = self.lay.cell_of(self.o.field_index(&f.key)?)?;
        let cell = layout::a1(r, c);
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let upper = |label: &str| {
            d.upper_bodies
                .get(label)
                .cloned()
                .unwrap_or_else(|| label.to_uppercase())
        };
        let mut formula = q(&d.issuing_body);
        for label in choices.iter().rev() {
            formula = format!("IF({cell}={},{},{formula})", q(label), q(&upper(label)));
        }
        let shown = match self.opts.values.get(f.key.as_str()) {
            Some(Value::Text(t)) if choices.contains(t) => upper(t),
            _ => d.issuing_body.clone(),
        };
        Some((format!("={formula}"), shown))
    }

    fn signature_top(&mut self, row: u32) -> Result<()> {
        let d = &self.o.document;
        // 12 pt like the rest: the form prints at about 72 % of its size
        let small = base();
        for (k, line) in d.recipients.iter().enumerate() {
            let f = if k == 0 {
                small.clone().set_bold().set_italic()
            } else {
                small.clone()
            };
            self.ws
                .merge_range(row + k as u32, 0, row + k as u32, 2, line, &f)?;
        }
        self.ws
            .merge_range(row, 3, row, LAST_COL, &d.signature_for, &center_bold())?;
        // 12 pt: the form prints at about 72 % of its size to fit the page width
        let hint = italic_center();
        self.ws
            .merge_range(row + 2, 3, row + 2, LAST_COL, layout::SIGN_HINT, &hint)?;
        // Room for the signature and the seal (about 3 cm) between the hint and the name.
        for r in [row + 3, row + 4] {
            self.row_height(r, SIGNATURE_ROOM / 2.0)?;
        }
        Ok(())
    }

    fn field_line(&mut self, row: u32, i: usize) -> Result<()> {
        let f = &self.o.fields[i];
        let option = f.group.is_some();
        let bullet = if option { "" } else { "-" };
        self.ws
            .write_string_with_format(row, 0, bullet, &base().set_align(FormatAlign::Center))?;
        let label = if option {
            format!("+ {}", f.label)
        } else {
            f.label.clone()
        };
        let label_fmt = if option { wrap().set_indent(2) } else { wrap() };
        self.ws
            .write_string_with_format(row, 1, &label, &label_fmt)?;
        let wide = self.lay.wide.contains(&i);
        if wide {
            // Choices stop at E so long option names show whole; texts use the full width.
            let last = if f.ty == FieldType::Choice {
                LAST_COL - 1
            } else {
                LAST_COL
            };
            self.input(i, Some(last))?;
            let min = if f.ty == FieldType::LongText {
                64.0
            } else {
                20.0
            };
            let h = (lines_needed(&label, WIDTHS[1]) * 17.0 + 3.0).max(min);
            self.row_height(row, h)?;
            return Ok(());
        }
        self.input(i, None)?;
        // A percent cell prints its own "%".
        if !f.unit.is_empty() && f.ty != FieldType::Percent {
            self.ws
                .write_string_with_format(row, 3, &f.unit, &base().set_indent(1))?;
        }
        if let Some((expr, caption)) = &f.calc {
            self.calc(row, expr, caption)?;
        }
        let h = lines_needed(&label, WIDTHS[1]) * 17.0 + 3.0;
        self.row_height(row, h.max(20.0))?;
        Ok(())
    }

    /// The check formula shown beside an entered figure, e.g. "(hiện nay − đầu kỳ: 20)".
    fn calc(&mut self, row: u32, expr: &crate::outline::Expr, caption: &str) -> Result<()> {
        let mut body = String::new();
        let mut refs = Vec::new();
        for t in &expr.terms {
            let sign = if t.coef < 0.0 { "-" } else { "+" };
            match &t.key {
                Some(k) => {
                    let Some((r, c)) = self.o.field_index(k).and_then(|j| self.lay.cell_of(j))
                    else {
                        return Ok(());
                    };
                    let cell = layout::a1(r, c);
                    body.push_str(&format!("{sign}{cell}"));
                    refs.push(cell);
                }
                None => body.push_str(&format!("{sign}{}", t.coef.abs())),
            }
        }
        let body = body.trim_start_matches('+');
        let formula = format!(
            "=IF(COUNT({})={},{},\"\")",
            refs.join(","),
            refs.len(),
            body
        );
        let result = expr
            .eval_with(|k| self.opts.values.get(k).and_then(Value::as_number))
            .map(|v| v.to_string())
            // A blank, not 0, until a spreadsheet program recalculates (LibreOffice does not on load).
            .unwrap_or_else(|| " ".to_string());
        let code = |d: &str| format!("\"({caption}: \"{d}\")\";\"({caption}: -\"{d}\")\"");
        let fmt = base()
            .set_italic()
            .set_font_color(0x595959)
            .set_align(FormatAlign::Left)
            .set_num_format(numfmt::int_base(code));
        self.ws.write_formula_with_format(
            row,
            4,
            Formula::new(formula).set_result(result),
            &fmt,
        )?;
        numfmt::add_int_rules(self.ws, &layout::a1(row, 4), (row, 4, row, 4), code)?;
        Ok(())
    }

    /// Write one input cell: value or blank, format, validation, key token; `span_to` merges to that column.
    fn input(&mut self, i: usize, span_to: Option<u16>) -> Result<()> {
        let f: &Field = &self.o.fields[i];
        let Some((row, col)) = self.lay.cell_of(i) else {
            return Ok(());
        };
        let mark: Option<&Mark> = self.opts.marks.get(&f.key);
        let fill = mark.map(|m| {
            if m.error {
                style::ERROR_FILL
            } else {
                style::WARNING_FILL
            }
        });
        let mut fmt = style::input(f, fill);
        if f.placed_by_role() {
            fmt = fmt.set_bold().set_align(FormatAlign::Center);
            if f.ty == crate::outline::FieldType::Date {
                let place = &self.o.document.place;
                // Decree 30: a leading zero for days under 10 and for months 1 and 2 only
                // ("ngày 05 tháng 02", "ngày 16 tháng 4"): months 1 and 2 take "mm" by a
                // conditional format. A date typed as text ("25/4/2026", pasted or typed where
                // the PC reads dates another way) still prints inside the line, after "ngày"
                // (check reads it and warns), or as typed when the text is a date line itself.
                let date_line = |m: &str| {
                    let d = format!("\"{place}, ngày \"dd\" tháng \"{m}\" năm \"yyyy");
                    format!("{d};{d};{d};\"{place}, ngày \"@")
                };
                fmt = fmt.set_italic().unset_bold().set_num_format(date_line("m"));
                let cell = layout::a1(row, col);
                let early = ConditionalFormatFormula::new()
                    .set_rule(format!("=AND(ISNUMBER({cell}),MONTH({cell})<=2)").as_str())
                    .set_format(Format::new().set_num_format(date_line("mm")));
                self.ws.add_conditional_format(row, col, row, col, &early)?;
                let as_typed = ConditionalFormatFormula::new()
                    .set_rule(
                        format!("=AND(ISTEXT({cell}),ISNUMBER(SEARCH(\"ngày\",{cell})))").as_str(),
                    )
                    .set_format(Format::new().set_num_format("@"));
                self.ws
                    .add_conditional_format(row, col, row, col, &as_typed)?;
            }
            if f.role == Some(crate::outline::Role::ReportNumber) {
                // The suffix ("/BC-…") is printed after what the unit types, unless the unit typed
                // the whole number with its own "/…" (then it is shown as typed, not doubled).
                let suffix = self.o.document.number_suffix.replace('"', "");
                fmt = fmt
                    .set_num_format(format!(
                        "00\"{suffix}\";-00\"{suffix}\";00\"{suffix}\";@\"{suffix}\""
                    ))
                    .set_align(FormatAlign::Left)
                    .unset_bold();
                let cell = layout::a1(row, col);
                let whole = ConditionalFormatFormula::new()
                    .set_rule(format!("=ISNUMBER(SEARCH(\"/\",{cell}))").as_str())
                    .set_format(Format::new().set_num_format("@"));
                self.ws.add_conditional_format(row, col, row, col, &whole)?;
            }
        }
        if self.opts.locked.iter().any(|k| k == &f.key) {
            fmt = fmt.set_locked().set_background_color(0xE7E6E6);
        }
        if let Some(last) = span_to.filter(|&l| l > col) {
            self.ws.merge_range(row, col, row, last, "", &fmt)?;
        }
        match self.opts.values.get(f.key.as_str()) {
            None => {
                self.ws.write_blank(row, col, &fmt)?;
            }
            Some(Value::Number(n)) => {
                let v = if f.ty == FieldType::Percent {
                    n / 100.0
                } else {
                    *n
                };
                self.ws.write_number_with_format(row, col, v, &fmt)?;
            }
            Some(Value::Text(t)) => {
                self.ws.write_string_with_format(row, col, t, &fmt)?;
            }
            Some(Value::Date(d)) => {
                let dt = ExcelDateTime::from_ymd(
                    d.year_ce().1 as u16,
                    d.month0() as u8 + 1,
                    d.day0() as u8 + 1,
                )?;
                self.ws.write_datetime_with_format(row, col, &dt, &fmt)?;
            }
        }
        let list = f.choices.as_ref().map(|_| self.list_ref(f));
        let dv = style::validation(f, list.as_deref())?;
        self.ws.add_data_validation(row, col, row, col, &dv)?;
        let text = [
            mark.map(|m| m.message.as_str()),
            self.opts.notes.get(&f.key).map(String::as_str),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
        if !text.is_empty() {
            let note = Note::new(&text)
                .set_author("sokết")
                .set_width(320)
                .set_height(120);
            self.ws.insert_note(row, col, &note)?;
        }
        if matches!(
            f.ty,
            FieldType::Integer | FieldType::Money | FieldType::SignedInteger
        ) {
            self.whole.push(layout::a1(row, col));
        }
        self.keys
            .entry(row)
            .or_default()
            .push(layout::key_token(&f.key, col));
        let _ = INPUT_COL;
        Ok(())
    }

    fn list_ref(&self, f: &Field) -> String {
        let id = self
            .o
            .lists
            .iter()
            .find(|(_, opts)| {
                Some(opts.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>()) == f.choices
            })
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        self.list_refs
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "\"Có,Không\"".to_string())
    }
}

use chrono::Datelike;
