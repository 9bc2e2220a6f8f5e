//! Linear expressions over field keys used by rules and by the form's check formulas ("a - b + 3").

use std::collections::BTreeMap;

/// One term: a coefficient times a field, or a constant when `key` is None.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    pub coef: f64,
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Expr {
    pub text: String,
    pub terms: Vec<Term>,
}

impl Expr {
    /// Parse "a - b + 12". Returns a Vietnamese reason on failure.
    pub fn parse(text: &str) -> Result<Expr, String> {
        let mut terms = Vec::new();
        let mut sign = 1.0;
        let mut expect_operand = true;
        for tok in text.split_whitespace().flat_map(split_ops) {
            match (tok, expect_operand) {
                ("+", true) => {}
                ("-", true) => sign = -sign,
                ("+", false) => {
                    sign = 1.0;
                    expect_operand = true;
                }
                ("-", false) => {
                    sign = -1.0;
                    expect_operand = true;
                }
                (t, true) => {
                    let term = if let Ok(n) = t.parse::<f64>() {
                        Term {
                            coef: sign * n,
                            key: None,
                        }
                    } else if is_key(t) {
                        Term {
                            coef: sign,
                            key: Some(t.to_string()),
                        }
                    } else {
                        return Err(format!(
                            "biểu thức “{text}” có thành phần không hợp lệ “{t}”"
                        ));
                    };
                    terms.push(term);
                    sign = 1.0;
                    expect_operand = false;
                }
                (t, false) => {
                    return Err(format!("biểu thức “{text}” thiếu dấu + hoặc − trước “{t}”"));
                }
            }
        }
        if terms.is_empty() || expect_operand {
            return Err(format!("biểu thức “{text}” không đầy đủ"));
        }
        Ok(Expr {
            text: text.trim().to_string(),
            terms,
        })
    }

    /// Field keys the expression reads.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().filter_map(|t| t.key.as_deref())
    }

    /// Evaluate with the given values; None when a field is absent.
    pub fn eval(&self, values: &BTreeMap<String, f64>) -> Option<f64> {
        self.eval_with(|k| values.get(k).copied())
    }

    pub fn eval_with(&self, lookup: impl Fn(&str) -> Option<f64>) -> Option<f64> {
        let mut sum = 0.0;
        for t in &self.terms {
            sum += match &t.key {
                Some(k) => t.coef * lookup(k)?,
                None => t.coef,
            };
        }
        Some(sum)
    }
}

fn split_ops(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c == '+' || c == '-' {
            if i > start {
                out.push(&word[start..i]);
            }
            out.push(&word[i..i + 1]);
            start = i + 1;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Field keys are ASCII snake_case: a letter first, then letters, digits, underscores.
pub fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.len() <= 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_evaluates() {
        let e = Expr::parse("members_now - members_start").unwrap();
        assert_eq!(
            e.keys().collect::<Vec<_>>(),
            vec!["members_now", "members_start"]
        );
        let mut v = BTreeMap::new();
        v.insert("members_now".to_string(), 120.0);
        v.insert("members_start".to_string(), 100.0);
        assert_eq!(e.eval(&v), Some(20.0));
        v.remove("members_start");
        assert_eq!(e.eval(&v), None);
        let c = Expr::parse("a-b+3").unwrap();
        assert_eq!(c.terms.len(), 3);
        assert_eq!(
            c.terms[2],
            Term {
                coef: 3.0,
                key: None
            }
        );
    }

    #[test]
    fn refuses_bad_expressions() {
        assert!(Expr::parse("").is_err());
        assert!(Expr::parse("a -").is_err());
        assert!(Expr::parse("a b").is_err());
        assert!(Expr::parse("a * b").is_err());
        assert!(Expr::parse("Số").is_err());
    }
}
