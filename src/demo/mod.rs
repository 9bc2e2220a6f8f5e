//! `sokết demo`: a whole sample campaign on the embedded outline — roster, forms, returns, check, merge.
//! The sample names, figures and mistakes are data: templates/demo/roster.toml and returns.toml.

pub mod expr;
pub mod folder;
pub mod run;
pub mod spec;
pub mod steps;
pub mod values;

#[cfg(test)]
mod tests {
    use super::values::{Mistake, good, plant, units};
    use crate::check::rules::check_unit;
    use crate::form::{self, FormOptions};
    use crate::outline::Outline;
    use crate::read::read_bytes;
    use crate::rng::Rng;

    fn check(o: &Outline, v: crate::record::Values) -> crate::check::rules::Checked {
        let bytes = form::build(
            o,
            &FormOptions {
                values: v,
                ..Default::default()
            },
        )
        .unwrap();
        let src = read_bytes(bytes, o).unwrap();
        check_unit(o, &src.units[0], &src.missing)
    }

    #[test]
    fn good_returns_pass_every_rule_and_mistakes_are_caught() {
        let o = Outline::embedded();
        let (_, who) = units(40);
        let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 25).unwrap();
        for (i, w) in who.iter().enumerate() {
            let mut rng = Rng::new(i as u64);
            let v = good(&o, w, &mut rng, date);
            let c = check(&o, v.clone());
            assert!(c.issues.is_empty(), "unit {i}: {:#?}", c.issues);
            let all = Mistake::all();
            let m = all[i % all.len()];
            let mut bad = v;
            plant(&o, &mut bad, m);
            let c = check(&o, bad);
            let expected = (m.spec().rule.as_str(), m.spec().severity);
            assert!(
                c.issues
                    .iter()
                    .any(|x| (x.rule.as_str(), x.severity) == expected),
                "{}: {:#?}",
                m.name(),
                c.issues
            );
        }
    }
}
