//! Recognising the roster's header row: loose Vietnamese headers (with or without diacritics), ASCII
//! keys, or the labels of the outline's fields that have the matching roles.

use crate::outline::{Outline, Role};
use crate::value::fold;

/// A roster column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Code,
    Name,
    Type,
    Parent,
    Contact,
    Phone,
    Email,
}

impl Col {
    pub const REQUIRED: [Col; 4] = [Col::Code, Col::Name, Col::Type, Col::Parent];

    /// The header people are told to use.
    pub fn label_vi(self) -> &'static str {
        match self {
            Col::Code => "Mã đơn vị",
            Col::Name => "Tên đơn vị",
            Col::Type => "Loại hình",
            Col::Parent => "Công đoàn cấp trên",
            Col::Contact => "Người liên hệ",
            Col::Phone => "Điện thoại",
            Col::Email => "Thư điện tử",
        }
    }

    /// The ASCII key accepted as a header.
    pub fn key(self) -> &'static str {
        match self {
            Col::Code => "code",
            Col::Name => "name",
            Col::Type => "type",
            Col::Parent => "parent",
            Col::Contact => "contact",
            Col::Phone => "phone",
            Col::Email => "email",
        }
    }
}

/// Fold a header: no diacritics, lower case, punctuation as spaces.
fn words(header: &str) -> String {
    let f: String = fold(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Headers that name a column in this outline: the label and short label of the field that has the
/// column's role (folded), e.g. "Khối" for the type of unit when that is the field's label.
#[derive(Debug, Clone, Default)]
pub struct Aliases(Vec<(String, Col)>);

impl Aliases {
    pub fn of(o: &Outline) -> Aliases {
        let roles = [
            (Role::UnitCode, Col::Code),
            (Role::UnionName, Col::Name),
            (Role::UnitName, Col::Name),
            (Role::UnitType, Col::Type),
            (Role::Parent, Col::Parent),
        ];
        let mut out = Vec::new();
        for (role, col) in roles {
            if let Some(f) = o.role(role) {
                out.push((words(&f.label), col));
                out.push((words(f.short_label()), col));
            }
        }
        Aliases(out)
    }
}

/// Which column a header names, if any ("STT" and unknown headers: none).
pub fn column_of(header: &str, aliases: &Aliases) -> Option<Col> {
    let h = words(header);
    if let Some((_, c)) = aliases.0.iter().find(|(a, _)| !a.is_empty() && *a == h) {
        return Some(*c);
    }
    let first = h.split(' ').next().unwrap_or("");
    let has = |s: &str| h.contains(s);
    let all = [
        Col::Code,
        Col::Name,
        Col::Type,
        Col::Parent,
        Col::Contact,
        Col::Phone,
        Col::Email,
    ];
    if let Some(c) = all.into_iter().find(|c| c.key() == h) {
        return Some(c);
    }
    if has("cap tren") {
        Some(Col::Parent)
    } else if has("loai hinh") || h == "loai" {
        Some(Col::Type)
    } else if has("mail") || has("thu dien tu") {
        Some(Col::Email)
    } else if has("dien thoai") || h == "sdt" || h == "dt" || has("phone") {
        Some(Col::Phone)
    } else if has("lien he") || has("lien lac") || has("contact") {
        Some(Col::Contact)
    } else if first == "ma" {
        Some(Col::Code)
    } else if first == "ten" || h == "don vi" || h == "cong doan co so" {
        Some(Col::Name)
    } else {
        None
    }
}

/// Column positions found in a header row (the first column wins when two headers name the same).
#[derive(Debug, Default, Clone)]
pub struct Header {
    pub at: Vec<(Col, usize)>,
}

impl Header {
    pub fn recognise(cells: &[String], aliases: &Aliases) -> Header {
        let mut at: Vec<(Col, usize)> = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if let Some(col) = column_of(c, aliases)
                && !at.iter().any(|(k, _)| *k == col)
            {
                at.push((col, i));
            }
        }
        Header { at }
    }

    pub fn index(&self, col: Col) -> Option<usize> {
        self.at.iter().find(|(k, _)| *k == col).map(|(_, i)| *i)
    }

    /// A plausible header: at least the code and the name columns.
    pub fn is_header(&self) -> bool {
        self.index(Col::Code).is_some() && self.index(Col::Name).is_some()
    }

    pub fn missing(&self) -> Vec<Col> {
        Col::REQUIRED
            .into_iter()
            .filter(|c| self.index(*c).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_many_spellings() {
        let cases = [
            ("Mã đơn vị", Some(Col::Code)),
            ("MA DON VI", Some(Col::Code)),
            ("code", Some(Col::Code)),
            ("Mã CĐCS", Some(Col::Code)),
            ("Tên đơn vị", Some(Col::Name)),
            ("ten cong doan co so", Some(Col::Name)),
            ("Name", Some(Col::Name)),
            ("Loại hình đơn vị/doanh nghiệp", Some(Col::Type)),
            ("loai hinh", Some(Col::Type)),
            ("TYPE", Some(Col::Type)),
            ("Công đoàn cấp trên trực tiếp", Some(Col::Parent)),
            ("parent", Some(Col::Parent)),
            ("Người liên hệ", Some(Col::Contact)),
            ("Tên người liên hệ", Some(Col::Contact)),
            ("Số điện thoại", Some(Col::Phone)),
            ("SĐT", Some(Col::Phone)),
            ("E-mail", Some(Col::Email)),
            ("Thư điện tử", Some(Col::Email)),
            ("STT", None),
            ("Ghi chú", None),
        ];
        for (h, want) in cases {
            assert_eq!(column_of(h, &Aliases::default()), want, "{h}");
        }
    }

    #[test]
    fn the_outline_labels_of_role_fields_name_columns() {
        let text = crate::outline::DEFAULT_OUTLINE
            .replacen(
                "label = \"Loại hình đơn vị/doanh nghiệp\"",
                "label = \"Khối\"",
                1,
            )
            .replacen(
                "short_label = \"Công đoàn cấp trên\"",
                "short_label = \"Trường\"",
                1,
            );
        let o = Outline::parse(&text, "x.toml").expect("outline");
        let aliases = Aliases::of(&o);
        assert_eq!(column_of("KHỐI", &aliases), Some(Col::Type));
        assert_eq!(column_of("Trường", &aliases), Some(Col::Parent));
        assert_eq!(column_of("Khối", &Aliases::default()), None);
        // The generic headers still work beside the outline's.
        assert_eq!(column_of("Loại hình", &aliases), Some(Col::Type));
    }

    #[test]
    fn nfd_header_is_recognised() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Công đoàn cấp trên".nfd().collect();
        assert_eq!(column_of(&nfd, &Aliases::default()), Some(Col::Parent));
    }

    #[test]
    fn first_of_two_same_columns_wins() {
        let cells: Vec<String> = ["STT", "Mã", "Tên đơn vị", "Tên", "Loại hình"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let h = Header::recognise(&cells, &Aliases::default());
        assert_eq!(h.index(Col::Code), Some(1));
        assert_eq!(h.index(Col::Name), Some(2));
        assert_eq!(h.missing(), vec![Col::Parent]);
        assert!(h.is_header());
    }
}
