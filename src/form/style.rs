//! Cell formats of the form (Times New Roman, official-document look) and the validation of each input type.

use crate::outline::{Field, FieldType};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, XlsxError,
};

pub const FONT: &str = "Times New Roman";
pub const INPUT_FILL: u32 = 0xFFF2CC;
pub const ERROR_FILL: u32 = 0xF4B6B6;
pub const WARNING_FILL: u32 = 0xFFC37A;

pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_align(FormatAlign::VerticalCenter)
}

pub fn wrap() -> Format {
    base().set_text_wrap()
}

pub fn center_bold() -> Format {
    base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

pub fn italic_center() -> Format {
    base()
        .set_italic()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

pub fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin).set_border_color(0x808080)
}

/// Number format of an input by type. Whole numbers take the plain "0": the conditional formats of
/// `workbook::numfmt` add the literal thousands dots, so they print "1.602" in any locale.
pub fn num_format(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Integer | FieldType::Money | FieldType::SignedInteger => "0",
        FieldType::Percent => "0%",
        FieldType::Date => "dd/mm/yyyy",
        _ => "@",
    }
}

/// The unlocked, visibly marked format of an input cell; `fill` overrides the colour (feedback marks).
pub fn input(f: &Field, fill: Option<u32>) -> Format {
    let mut fmt = bordered(base())
        .set_unlocked()
        .set_background_color(fill.unwrap_or(INPUT_FILL))
        .set_num_format(num_format(f.ty));
    fmt = match f.ty {
        FieldType::Text | FieldType::LongText => fmt
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::Top),
        FieldType::Choice | FieldType::YesNo => fmt.set_align(FormatAlign::Left),
        _ => fmt.set_align(FormatAlign::Right),
    };
    fmt
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The data validation of an input: type, bounds, list, input message and a Vietnamese error alert.
pub fn validation(f: &Field, list_ref: Option<&str>) -> Result<DataValidation, XlsxError> {
    let lo = f.min.unwrap_or(0.0);
    let (dv, error) = match f.ty {
        FieldType::Integer => (
            DataValidation::new().allow_whole_number(match f.max {
                Some(hi) => DataValidationRule::Between(lo as i32, hi.min(2e9) as i32),
                None => DataValidationRule::GreaterThanOrEqualTo(lo as i32),
            }),
            "Hãy nhập một số nguyên không âm (ví dụ 125), không kèm chữ.".to_string(),
        ),
        FieldType::SignedInteger => (
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(-2_000_000_000, 2_000_000_000)),
            "Hãy nhập một số nguyên; ghi dấu trừ nếu giảm (ví dụ -12).".to_string(),
        ),
        FieldType::Money => (
            DataValidation::new().allow_whole_number_formula(
                DataValidationRule::GreaterThanOrEqualTo(Formula::new("0")),
            ),
            "Hãy nhập số tiền bằng đồng, là số nguyên không âm (ví dụ 150000000).".to_string(),
        ),
        FieldType::Percent => {
            let hi = f.max.unwrap_or(100.0);
            (
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(lo / 100.0, hi / 100.0)),
                format!("Hãy nhập tỷ lệ phần trăm từ {} đến {} (ví dụ 85%).", lo, hi),
            )
        }
        FieldType::Date => (
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2020, 1, 1)?,
                ExcelDateTime::from_ymd(2030, 12, 31)?,
            )),
            "Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 25/4/2026.".to_string(),
        ),
        FieldType::Choice | FieldType::YesNo => (
            DataValidation::new()
                .allow_list_formula(Formula::new(list_ref.unwrap_or("\"Có,Không\""))),
            "Hãy chọn một giá trị trong danh sách (bấm mũi tên bên phải ô).".to_string(),
        ),
        FieldType::Text => (
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(500)),
            "Nội dung quá dài: tối đa 500 ký tự.".to_string(),
        ),
        FieldType::LongText => (
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(10_000)),
            "Nội dung quá dài: tối đa 10.000 ký tự.".to_string(),
        ),
    };
    let help = if f.help.is_empty() {
        f.label.clone()
    } else {
        f.help.clone()
    };
    dv.set_input_title(cut(&f.label, 32))?
        .set_input_message(cut(&help, 255))?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message(cut(&error, 255))
        .map(|d| d.set_error_style(DataValidationErrorStyle::Stop))
}
