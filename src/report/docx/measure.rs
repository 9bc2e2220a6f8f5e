//! How wide a word prints in Times New Roman (Liberation Serif has the same widths), so that a
//! table column is never narrower than its longest word: "Không" must not print as "Khôn / g".

use unicode_normalization::UnicodeNormalization;

/// The width of one letter in thousandths of an em: Times New Roman's regular widths, rounded
/// up to a few classes; a letter with diacritics is as wide as its base letter.
fn em(c: char) -> u32 {
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        _ => c.nfd().next().unwrap_or(c),
    };
    match base {
        'i' | 'j' | 'l' | 't' | 'f' | 'r' => 340,
        'm' | 'w' => 780,
        'a'..='z' => 500,
        'I' | 'J' => 390,
        'M' | 'W' => 950,
        'A'..='Z' => 730,
        '0'..='9' => 500,
        '%' => 840,
        '—' | '…' => 1000,
        '–' => 500,
        _ if base.is_alphabetic() => 730,
        _ => 340,
    }
}

/// The width in twips of `word` at `size` half-points; bold prints about a tenth wider.
pub fn word_width(word: &str, size: usize, bold: bool) -> u32 {
    let ems: u32 = word.chars().map(em).sum();
    // half-points × 10 = twips per em
    let w = ems as u64 * size as u64 * 10 / 1000;
    let w = if bold { w * 11 / 10 } else { w };
    w as u32
}

/// The width in twips of the longest word of `text`. A line may also break after a slash or a
/// hyphen ("Tăng/ giảm", "CNVCLĐ/ NLĐ"), so those end a word too.
pub fn longest_word(text: &str, size: usize, bold: bool) -> u32 {
    text.split_whitespace()
        .flat_map(|w| w.split_inclusive(['/', '-']))
        .map(|w| word_width(w, size, bold))
        .max()
        .unwrap_or(0)
}
