//! `[[peers]]`: plausibility against peers, declared as data — a figure (a field, or a ratio of two
//! fields) compared with the same figure of similar units by the modified z-score.

use super::{Field, FieldType, Role, Severity};
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

type Res<T> = Result<T, String>;

/// Refuses a key that is not a numeric field of the outline: (key, its span, what uses it).
type NumericCheck<'a> = &'a dyn Fn(&str, &Range<usize>, &str) -> Res<()>;

/// The wording of a finding when a check declares no `message`. Placeholders: `label`, `value`,
/// `unit`, `value_unit` ("25.000.000 đồng/người", "8,5%"), `comparison` ("gấp 18 lần", "chỉ bằng
/// 1/30", "chỉ bằng 45%"), `peers`, `group`, `median`, `median_unit`, `advice`, `cells`.
pub const DEFAULT_MESSAGE: &str = "{{ label }} {{ value_unit }}, {{ comparison }} mức giữa của {{ peers }} đơn vị {{ group }} ({{ median_unit }}): {{ advice }}{% if cells %} (ô {{ cells }}){% endif %}.";

/// How every unit is named in messages when one group holds them all.
const ALL_UNITS: &str = "đã báo cáo";

/// `[[peers]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerDef {
    pub id: Spanned<String>,
    /// The figure's name in messages ("Tiền chăm lo bình quân").
    pub label: String,
    /// The field compared, or the numerator of the ratio compared.
    pub numerator: Spanned<String>,
    #[serde(default)]
    pub denominator: Option<Spanned<String>>,
    /// Unit of the figure in messages ("đồng/người").
    #[serde(default)]
    pub unit: String,
    /// What the unit should do, said at the end of the message.
    pub advice: String,
    /// Key of the choice field whose answer makes the groups of peers, or "all" for one group of
    /// every unit; by default the field with role `unit_type`.
    #[serde(default)]
    pub group: Option<Spanned<String>>,
    /// How the group is named in messages ("cùng loại hình"); by default "cùng" + the field's label.
    #[serde(default)]
    pub group_words: Option<String>,
    /// A group with fewer than `min_peers` units: "all" (compare with every unit) or "skip".
    #[serde(default)]
    pub fallback: Option<Fallback>,
    #[serde(default)]
    pub min_peers: Option<usize>,
    /// The modified z-score beyond which a figure is flagged (3.5 by default).
    #[serde(default)]
    pub threshold: Option<f64>,
    /// A figure is flagged only if it is also at least this many times the median, or at most its
    /// inverse (3 by default): "gấp 3 lần", "chỉ bằng 1/3".
    #[serde(default)]
    pub min_factor: Option<f64>,
    /// "log" (compare by multiples: ×10 and ÷10 are as far; the default) or "linear".
    #[serde(default)]
    pub scale: Option<Scale>,
    #[serde(default)]
    pub severity: Option<Severity>,
    /// The sentence, with placeholders (see [`DEFAULT_MESSAGE`]).
    #[serde(default)]
    pub message: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
    All,
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Log,
    Linear,
}

/// One plausibility check, checked against the outline's fields.
#[derive(Debug, Clone)]
pub struct PeerCheck {
    pub id: String,
    pub label: String,
    pub numerator: String,
    pub denominator: Option<String>,
    pub unit: String,
    pub advice: String,
    /// Key of the grouping field; None: every unit is one group.
    pub group: Option<String>,
    pub group_words: String,
    pub fallback: Fallback,
    pub min_peers: usize,
    pub threshold: f64,
    pub min_factor: f64,
    pub scale: Scale,
    pub severity: Severity,
    pub message: String,
}

impl PeerCheck {
    /// The fields the figure is computed from.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.numerator.as_str()).chain(self.denominator.as_deref())
    }

    /// What is said of the units compared when every unit is one group.
    pub fn all_words(&self) -> &'static str {
        ALL_UNITS
    }
}

/// The checks of `[[peers]]`, each checked against the outline's fields: `numeric` refuses a key that
/// is not a numeric field, `err` says where in the file.
pub(super) fn compile(
    defs: &[PeerDef],
    fields: &[Field],
    numeric: NumericCheck,
    err: &dyn Fn(&Range<usize>, String) -> String,
) -> Res<Vec<PeerCheck>> {
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    for d in defs {
        let id = d.id.get_ref();
        if !ids.insert(id.clone()) {
            return Err(err(
                &d.id.span(),
                format!("mã kiểm tra [[peers]] “{id}” bị trùng"),
            ));
        }
        let what = "kiểm tra [[peers]] dùng trường";
        numeric(d.numerator.get_ref(), &d.numerator.span(), what)?;
        if let Some(den) = &d.denominator {
            numeric(den.get_ref(), &den.span(), what)?;
        }
        let group = match &d.group {
            Some(g) if g.get_ref() == "all" => None,
            Some(g) => match fields.iter().position(|f| &f.key == g.get_ref()) {
                Some(i) if fields[i].ty == FieldType::Choice => Some(i),
                _ => {
                    return Err(err(
                        &g.span(),
                        format!(
                            "group “{}” phải là một trường chọn một (choice) của đề cương, hoặc \"all\"",
                            g.get_ref()
                        ),
                    ));
                }
            },
            None => fields.iter().position(|f| f.role == Some(Role::UnitType)),
        };
        let group_words = match (&d.group_words, group) {
            (Some(w), _) => w.clone(),
            (None, Some(i)) => format!("cùng {}", lower_first(fields[i].short_label())),
            (None, None) => ALL_UNITS.to_string(),
        };
        let threshold = d.threshold.unwrap_or(3.5);
        if !(threshold > 0.0 && threshold.is_finite()) {
            return Err(err(
                &d.id.span(),
                "threshold phải là một số dương (mặc định 3,5)".into(),
            ));
        }
        let min_factor = d.min_factor.unwrap_or(3.0);
        if !(min_factor >= 1.0 && min_factor.is_finite()) {
            return Err(err(
                &d.id.span(),
                "min_factor phải là một số từ 1 trở lên (mặc định 3)".into(),
            ));
        }
        let min_peers = d.min_peers.unwrap_or(8);
        if min_peers < 3 {
            return Err(err(
                &d.id.span(),
                "min_peers phải từ 3 trở lên (mặc định 8)".into(),
            ));
        }
        let message = match &d.message {
            Some(m) => {
                check_template(m.get_ref()).map_err(|e| err(&m.span(), e))?;
                m.get_ref().clone()
            }
            None => DEFAULT_MESSAGE.to_string(),
        };
        out.push(PeerCheck {
            id: id.clone(),
            label: d.label.clone(),
            numerator: d.numerator.get_ref().clone(),
            denominator: d.denominator.as_ref().map(|s| s.get_ref().clone()),
            unit: d.unit.clone(),
            advice: d.advice.clone(),
            group: group.map(|i| fields[i].key.clone()),
            group_words,
            fallback: d.fallback.unwrap_or(Fallback::All),
            min_peers,
            threshold,
            min_factor,
            scale: d.scale.unwrap_or(Scale::Log),
            severity: d.severity.unwrap_or(Severity::Warning),
            message,
        });
    }
    Ok(out)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A message template that does not parse is refused with the outline.
fn check_template(t: &str) -> Result<(), String> {
    minijinja::Environment::new()
        .template_from_str(t)
        .map(|_| ())
        .map_err(|e| format!("message của [[peers]] không hợp lệ: {e}"))
}

#[cfg(test)]
mod tests {
    use super::super::{DEFAULT_OUTLINE, Outline};
    use super::*;

    fn with(extra: &str) -> anyhow::Result<Outline> {
        Outline::parse(&format!("{DEFAULT_OUTLINE}\n{extra}"), "x.toml")
    }

    #[test]
    fn the_declared_checks_take_their_defaults() {
        let o = Outline::embedded();
        let c = &o.peers[1];
        assert_eq!(c.id, "dues_per_member");
        assert_eq!(c.numerator, "dues_total");
        assert_eq!(c.denominator.as_deref(), Some("members_now"));
        assert_eq!(c.group.as_deref(), Some("unit_type"));
        assert_eq!(c.group_words, "cùng loại hình");
        assert_eq!(c.fallback, Fallback::All);
        assert_eq!(c.min_peers, 8);
        assert_eq!(c.threshold, 3.5);
        assert_eq!(c.min_factor, 3.0);
        assert_eq!(c.scale, Scale::Log);
        assert_eq!(c.severity, Severity::Warning);
        assert_eq!(c.message, DEFAULT_MESSAGE);
        assert_eq!(o.peers[5].denominator, None);
        assert_eq!(o.peers[5].scale, Scale::Linear);
    }

    #[test]
    fn a_wrong_check_is_refused_with_its_line() {
        let lines = DEFAULT_OUTLINE.lines().count();
        let bad = |body: &str| {
            with(&format!(
                "[[peers]]\nid = \"x\"\nlabel = \"X\"\nadvice = \"kiểm tra\"\n{body}"
            ))
            .expect_err(body)
            .to_string()
        };
        let e = bad("numerator = \"union_name\"");
        assert!(e.contains("“union_name” không phải trường số"), "{e}");
        assert!(e.contains(&format!("dòng {}", lines + 6)), "{e}");
        let e = bad("numerator = \"dues_total\"\ngroup = \"members_now\"");
        assert!(
            e.contains("group “members_now” phải là một trường chọn một"),
            "{e}"
        );
        let e = bad("numerator = \"dues_total\"\nmin_peers = 1");
        assert!(e.contains("min_peers phải từ 3 trở lên"), "{e}");
        let e = bad("numerator = \"dues_total\"\nmessage = \"{{ label \"");
        assert!(e.contains("message của [[peers]] không hợp lệ"), "{e}");
        let e = bad("numerator = \"dues_total\"\nmedian = 3");
        assert!(e.contains("median"), "{e}");
        let e = with("[[peers]]\nid = \"care_per_person\"\nlabel = \"X\"\nadvice = \"a\"\nnumerator = \"dues_total\"")
            .expect_err("duplicate")
            .to_string();
        assert!(e.contains("“care_per_person” bị trùng"), "{e}");
    }

    #[test]
    fn group_all_and_a_custom_message() {
        let o = with(
            "[[peers]]\nid = \"x\"\nlabel = \"X\"\nadvice = \"a\"\nnumerator = \"docs_issued\"\ngroup = \"all\"\nfallback = \"skip\"\nmessage = \"{{ label }}: {{ comparison }}\"",
        )
        .expect("valid");
        let c = o.peers.last().expect("x");
        assert_eq!(c.group, None);
        assert_eq!(c.group_words, "đã báo cáo");
        assert_eq!(c.fallback, Fallback::Skip);
        assert_eq!(c.message, "{{ label }}: {{ comparison }}");
    }
}
