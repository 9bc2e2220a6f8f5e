//! Safe, unique, readable file names for the per-unit forms: `<code>-<ascii-slug-of-name>.xlsx`.
//!
//! Only ASCII letters, digits, '-' and '_' survive, so no path separators, dots, control characters,
//! trailing spaces or Unicode tricks; Windows device names are avoided; names stay ≤ 100 bytes and are
//! made unique case-insensitively by appending -2, -3….

use crate::value::fold;
use std::collections::HashSet;

/// Longest code part kept.
const MAX_CODE: usize = 40;
/// Longest stem (without the "-NN" of a collision and ".xlsx"), so a name stays ≤ 100 bytes.
const MAX_STEM: usize = 88;
pub const EXTENSION: &str = "xlsx";

const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];

/// Runs of anything but ASCII letters and digits (and `keep`) become one '-'; no '-' at either end.
fn dashed(s: &str, keep: &[char]) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || keep.contains(&c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| c == '-' || c == '_').to_string()
}

/// "Trường THPT Nguyễn Trãi" → "truong-thpt-nguyen-trai".
pub fn slug(s: &str) -> String {
    dashed(&fold(s), &[])
}

fn is_device(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    DEVICES.contains(&s.as_str())
        || ((s.starts_with("com") || s.starts_with("lpt"))
            && s.len() == 4
            && s.as_bytes()[3].is_ascii_digit())
}

/// Cut at `max` bytes, preferring the last '-' in the second half; no trailing '-'.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let head = &s[..max];
    let at = head.rfind('-').filter(|&i| i >= max / 2).unwrap_or(max);
    head[..at].trim_end_matches('-')
}

/// The file stem of a unit, before making it unique.
pub fn stem(code: &str, name: &str) -> String {
    let code = dashed(code.trim(), &['-', '_']);
    let code = cut(&code, MAX_CODE).to_string();
    let code = if code.is_empty() {
        "don-vi".to_string()
    } else {
        code
    };
    let name = slug(name);
    let room = MAX_STEM.saturating_sub(code.len() + 1);
    let stem = match cut(&name, room) {
        "" => code,
        n => format!("{code}-{n}"),
    };
    if is_device(&stem) {
        format!("{stem}-don-vi")
    } else {
        stem
    }
}

/// Unique file names for (code, name) pairs in order; `taken` are names already used in the folder
/// (compared case-insensitively).
pub fn unique_file_names<'a>(
    units: impl IntoIterator<Item = (&'a str, &'a str)>,
    taken: &[&str],
) -> Vec<String> {
    let mut used: HashSet<String> = taken.iter().map(|t| t.to_lowercase()).collect();
    units
        .into_iter()
        .map(|(code, name)| {
            let base = stem(code, name);
            let mut file = format!("{base}.{EXTENSION}");
            let mut n = 2;
            while !used.insert(file.to_lowercase()) {
                file = format!("{base}-{n}.{EXTENSION}");
                n += 1;
            }
            file
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn safe(name: &str) {
        assert!(name.len() <= 100, "{name} is {} bytes", name.len());
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{name}"
        );
        let stem = name.strip_suffix(".xlsx").expect("extension");
        assert!(!stem.is_empty() && !stem.contains('.'), "{name}");
        assert!(
            !stem.ends_with(['-', ' ']) && !stem.starts_with(['-', '.']),
            "{name}"
        );
        assert!(!is_device(stem), "{name}");
    }

    #[test]
    fn readable_names() {
        assert_eq!(
            stem("AG-0001", "Trường THPT Nguyễn Trãi"),
            "AG-0001-truong-thpt-nguyen-trai"
        );
        assert_eq!(
            stem(" ag-0002 ", "Công ty TNHH Đầu tư & Phát triển Đại Dương"),
            "ag-0002-cong-ty-tnhh-dau-tu-phat-trien-dai-duong"
        );
    }

    #[test]
    fn hostile_names() {
        let cases = [
            ("AG-1", "../x", "AG-1-x"),
            ("AG-2", "a/b", "AG-2-a-b"),
            ("AG-3", "..\\..\\windows\\system32", "AG-3-windows-system32"),
            ("CON", "", "CON-don-vi"),
            ("NUL", "😀😀", "NUL-don-vi"),
            ("AG-4", "CON", "AG-4-con"),
            ("../../etc", "passwd", "etc-passwd"),
            ("🎉", "Trạm Y tế", "don-vi-tram-y-te"),
            (
                "AG-5",
                "Tên kết thúc bằng dấu chấm... ",
                "AG-5-ten-ket-thuc-bang-dau-cham",
            ),
            (
                "AG-6",
                "line\nbreak\ttab\u{0}nul",
                "AG-6-line-break-tab-nul",
            ),
            ("COM1", "", "COM1-don-vi"),
        ];
        for (code, name, want) in cases {
            let s = stem(code, name);
            assert_eq!(s, want, "{code} / {name:?}");
            safe(&format!("{s}.xlsx"));
        }
    }

    #[test]
    fn nfd_and_nfc_give_the_same_name() {
        let nfc = "Bệnh viện Đa khoa Kiên Giang";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(stem("AG-7", nfc), stem("AG-7", &nfd));
        assert_eq!(stem("AG-7", &nfd), "AG-7-benh-vien-da-khoa-kien-giang");
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let long = "Công ty ".repeat(40) + &"x".repeat(300);
        let s = stem("AG-0008", &long);
        assert!(s.len() <= MAX_STEM, "{}", s.len());
        assert!(s.starts_with("AG-0008-cong-ty-cong-ty"), "{s}");
        assert!(s.ends_with("-cong-ty"), "cut at a word: {s}");
        let code = "C".repeat(300);
        let s = stem(&code, "tên");
        assert_eq!(s, format!("{}-ten", "C".repeat(MAX_CODE)));
        let names = unique_file_names([("A", long.as_str()), ("a", long.as_str())], &[]);
        for n in &names {
            safe(n);
        }
    }

    #[test]
    fn collisions_are_numbered_case_insensitively() {
        let units = [
            ("AG-1", "Trường A"),
            ("ag-1", "TRƯỜNG Á"),
            ("AG-1", "truong a"),
            ("danh", "sách biểu mẫu"),
        ];
        let names = unique_file_names(units, &["danh-sach-bieu-mau.xlsx"]);
        assert_eq!(
            names,
            [
                "AG-1-truong-a.xlsx",
                "ag-1-truong-a-2.xlsx",
                "AG-1-truong-a-3.xlsx",
                "danh-sach-bieu-mau-2.xlsx"
            ]
        );
    }
}
