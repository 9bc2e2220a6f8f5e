//! The wording of the documents, in data: a TOML file of minijinja sentence templates next to the
//! outline (`NAME.report.toml` beside `NAME.toml`), else the generic wording shipped with the tool.

use anyhow::{Context, Result};
use minijinja::Environment;
use std::path::Path;

const DEFAULT: &str = include_str!("../../../templates/so-ket-02-ctr-bch.report.toml");
const GENERIC: &str = include_str!("../../../templates/report-generic.toml");

/// The wording of one outline.
pub struct Wording {
    table: toml::Table,
    env: Environment<'static>,
    /// Where it came from, for messages.
    pub source: String,
}

/// The wording file of an outline: `x.toml` → `x.report.toml`.
pub fn beside(outline: &Path) -> std::path::PathBuf {
    let stem = outline
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    outline.with_file_name(format!("{stem}.report.toml"))
}

impl Wording {
    /// The wording for `--outline FILE` (its sibling file, else the generic one), or for the
    /// embedded outline.
    pub fn load(outline: Option<&Path>) -> Result<Wording> {
        match outline {
            None => Wording::parse(
                DEFAULT,
                "templates/so-ket-02-ctr-bch.report.toml (mặc định)",
            ),
            Some(p) => {
                let path = beside(p);
                if path.is_file() {
                    let text = std::fs::read_to_string(&path).with_context(|| {
                        format!("không đọc được tệp lời văn {}", path.display())
                    })?;
                    Wording::parse(&text, &path.display().to_string())
                } else {
                    Wording::parse(GENERIC, "templates/report-generic.toml (lời văn chung)")
                }
            }
        }
    }

    pub fn parse(text: &str, source: &str) -> Result<Wording> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "tệp lời văn {source} không đúng cú pháp TOML: {}",
                e.message()
            )
        })?;
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let w = Wording {
            table,
            env,
            source: source.to_string(),
        };
        Ok(w)
    }

    fn raw(&self, part: &str, key: &str) -> Option<&toml::Value> {
        self.table.get(part).and_then(|t| t.get(key))
    }

    /// A text as written (no placeholders filled); "" when missing.
    pub fn text(&self, part: &str, key: &str) -> String {
        self.raw(part, key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }

    /// A list of texts; empty when missing.
    pub fn list(&self, part: &str, key: &str) -> Vec<String> {
        self.raw(part, key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn number(&self, part: &str, key: &str) -> Option<i64> {
        self.raw(part, key).and_then(|v| v.as_integer())
    }

    /// The `[[part.name]]` tables.
    pub fn tables(&self, part: &str, name: &str) -> Vec<&toml::Table> {
        self.raw(part, name)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_table()).collect())
            .unwrap_or_default()
    }

    /// A template given as text (an item of a list) with `ctx` filled in.
    pub fn env_render(&self, src: &str, ctx: impl Into<minijinja::Value>) -> Result<String> {
        self.env.render_str(src, ctx).map_err(|e| {
            anyhow::anyhow!(
                "tệp lời văn {}: câu “{src}” không dùng được: {e}",
                self.source
            )
        })
    }

    /// The template `part.key` with `ctx` filled in; "" when the template is missing or empty.
    pub fn say(&self, part: &str, key: &str, ctx: impl Into<minijinja::Value>) -> Result<String> {
        let src = self.text(part, key);
        if src.is_empty() {
            return Ok(String::new());
        }
        self.env.render_str(&src, ctx).map_err(|e| {
            anyhow::anyhow!(
                "tệp lời văn {}: câu [{part}] {key} không dùng được: {e}",
                self.source
            )
        })
    }
}
