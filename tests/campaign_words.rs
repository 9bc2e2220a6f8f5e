//! The campaign lives in the outline and the sample data (templates/), not in Rust: no `.rs` file
//! under src/ names the campaign's places, bodies or subjects outside its tests.
//!
//! Test code is skipped: `#[cfg(test)]` modules written inline, and the files of modules declared
//! `#[cfg(test)] mod name;`.

use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Words of this campaign (lower case); generic words ("đơn vị", "tệp", "ô", "cấp trên") are fine.
const WORDS: [&str; 8] = [
    "rạch giá",
    "phú quốc",
    "an giang",
    "lđlđ",
    "cđcs",
    "đoàn viên",
    "đoàn phí",
    "sáp nhập",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Where the file of `mod name;` declared in `file` lives: `name.rs` or `name/` beside it (for a
/// mod.rs, lib.rs or main.rs), else under the folder named after the file.
fn module_paths(file: &Path, name: &str) -> [PathBuf; 2] {
    let dir = file.parent().expect("parent");
    let stem = file.file_stem().expect("stem").to_string_lossy();
    let base = if ["mod", "lib", "main"].contains(&stem.as_ref()) {
        dir.to_path_buf()
    } else {
        dir.join(stem.as_ref())
    };
    [base.join(format!("{name}.rs")), base.join(name)]
}

/// The item that starts at byte `at`: up to its `;` or its closing brace, skipping strings,
/// characters and comments. Returns the end (exclusive).
fn item_end(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let mut i = at;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let from = i + 2 + hashes;
                    i = src[from..]
                        .find(&close)
                        .map_or(b.len(), |e| from + e + close.len())
                        - 1;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            // A character literal ('{', '\'', '\u{7b}'), not a lifetime ('a).
            b'\'' => {
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if let Some(len) = src[i + 1..].chars().next().map(char::len_utf8)
                    && b.get(i + 1 + len) == Some(&b'\'')
                {
                    i += 1 + len;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The source without its `#[cfg(test)]` items (lines kept, blank), and the names of test modules declared `mod name;`.
fn without_tests(src: &str) -> (String, Vec<String>) {
    const ATTR: &str = "#[cfg(test)]";
    let mut kept = String::new();
    let mut outlined = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find(ATTR) {
        kept.push_str(&rest[..at]);
        let item = &rest[at + ATTR.len()..];
        let end = item_end(item, 0);
        let decl = item[..end].trim();
        if let Some(name) = decl
            .strip_prefix("mod ")
            .or_else(|| decl.strip_prefix("pub mod "))
            .or_else(|| decl.strip_prefix("pub(crate) mod "))
            .and_then(|d| d.strip_suffix(';'))
        {
            outlined.push(name.trim().to_string());
        }
        // Keep the line numbers of what follows.
        kept.push_str(&"\n".repeat(item[..end].matches('\n').count()));
        rest = &item[end..];
    }
    kept.push_str(rest);
    (kept, outlined)
}

/// Every campaign word in `src`, as "line: text".
fn campaign_words(src: &str) -> Vec<String> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l: String = l.nfc().collect::<String>().to_lowercase();
            WORDS.iter().any(|w| l.contains(w))
        })
        .map(|(i, l)| format!("{}: {}", i + 1, l.trim()))
        .collect()
}

#[test]
fn src_holds_no_campaign_word_outside_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 50, "found {} files under src/", files.len());
    let mut test_paths: Vec<PathBuf> = Vec::new();
    let mut sources = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        let (kept, outlined) = without_tests(&text);
        for name in outlined {
            test_paths.extend(module_paths(f, &name));
        }
        sources.push((f, text, kept));
    }
    let mut found = Vec::new();
    let mut in_tests = 0;
    for (f, text, kept) in &sources {
        if test_paths.iter().any(|t| f.starts_with(t)) {
            in_tests += campaign_words(text).len();
            continue;
        }
        in_tests += campaign_words(text)
            .len()
            .saturating_sub(campaign_words(kept).len());
        for hit in campaign_words(kept) {
            found.push(format!(
                "{}:{hit}",
                f.strip_prefix(&root).unwrap_or(f).display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "campaign words in src/ (move them to templates/, or use the outline's wording):\n{}",
        found.join("\n")
    );
    // The tests themselves speak of the campaign: the scan saw them and set them aside.
    assert!(in_tests > 10, "only {in_tests} campaign words in test code");
}

#[test]
fn test_items_are_set_aside_and_the_rest_is_kept() {
    let src = r##"
pub fn a() -> &'static str { "{" }
#[cfg(test)]
mod tests {
    fn b() { let c = '}'; let s = r#"}"#; let t = "\"}"; /* } */ // }
        assert_eq!(x, "An Giang");
    }
}
const K: &str = "LĐLĐ tỉnh";
#[cfg(test)]
mod more;
#[cfg(test)]
fn helper<'a>(x: &'a str) -> &'a str { x }
fn z() {}
"##;
    let (kept, outlined) = without_tests(src);
    assert_eq!(outlined, ["more"]);
    assert!(
        !kept.contains("An Giang") && !kept.contains("helper"),
        "{kept}"
    );
    assert!(
        kept.contains("pub fn a()") && kept.contains("fn z() {}"),
        "{kept}"
    );
    assert_eq!(campaign_words(&kept), ["9: const K: &str = \"LĐLĐ tỉnh\";"]);
    let nfd: String = "Đoàn Viên".nfd().collect();
    assert_eq!(campaign_words(&nfd).len(), 1);
}
