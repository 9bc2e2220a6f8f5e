//! The text of a shared string (`<si>`) or an inline string (`<is>`): its `<t>` runs joined, each
//! trimmed unless `xml:space="preserve"`, phonetic runs left out, as calamine reads it.

use super::text::{has_excel_escape, unescape_into};
use crate::read::tags::Attrs;

#[derive(Default)]
pub(super) struct Runs {
    out: String,
    /// Inside a `<t>`: whether it keeps its spaces, and its text so far.
    t: Option<(bool, String)>,
    /// Elements open inside the string, below the `<si>` or `<is>` itself.
    depth: u32,
}

impl Runs {
    /// A start tag inside the string. None declines: a phonetic run, an element inside a `<t>`, or
    /// a nested string.
    pub fn start(&mut self, name: &[u8], attrs: &[u8]) -> Option<()> {
        if self.t.is_some() {
            return None;
        }
        match name {
            b"rPh" | b"si" | b"is" => return None,
            b"t" => {
                let [space] = Attrs::exact(attrs, [b"xml:space"])?;
                self.t = Some((space == Some(b"preserve"), String::new()));
            }
            _ => {}
        }
        self.depth += 1;
        Some(())
    }

    pub fn text(&mut self, raw: &[u8]) -> Option<()> {
        match self.t.as_mut() {
            Some((_, s)) => unescape_into(raw, s),
            None => Some(()),
        }
    }

    /// An end tag: Some(true) when it closes the string itself.
    pub fn end(&mut self, name: &[u8]) -> Option<bool> {
        if self.depth == 0 {
            return Some(true);
        }
        self.depth -= 1;
        if name == b"t"
            && let Some((preserve, s)) = self.t.take()
        {
            let kept = if preserve {
                s.as_str()
            } else {
                s.trim_matches([' ', '\t', '\r', '\n'])
            };
            if has_excel_escape(kept) {
                return None;
            }
            // the first run (usually the only one) is kept as it is when nothing was trimmed
            if self.out.is_empty() && kept.len() == s.len() {
                self.out = s;
            } else {
                self.out.push_str(kept);
            }
        }
        Some(false)
    }

    pub fn finish(self) -> String {
        self.out
    }
}
