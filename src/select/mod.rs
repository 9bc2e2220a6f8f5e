//! After the merge: the units the field survey visits and the award shortlist, as the outline's
//! `[select]` declares them, computed from the same merge `merge` makes.
//!
//! `survey` picks per stratum, `awards` ranks collectives and lists nominated individuals, `write`
//! builds the workbooks the officer decides on.

pub mod awards;
pub mod notice;
pub mod run;
pub mod show;
pub mod survey;
pub mod write;

#[cfg(test)]
mod tests;

use crate::outline::{Outline, Role};
use crate::roster::RosterUnit;
use crate::summary::Unit;
use crate::summary::units::role_text;
use crate::value::fold;

/// Who a unit is, as the selections show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Who {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_type: String,
    pub parent: String,
}

impl Who {
    pub fn of(o: &Outline, u: &Unit) -> Who {
        let text = |r| role_text(o, u, r).unwrap_or_default().to_string();
        Who {
            unit_code: text(Role::UnitCode),
            unit_name: u.name(),
            unit_type: text(Role::UnitType),
            parent: text(Role::Parent),
        }
    }
}

/// The roster's row for a unit: by code, else by name folded.
pub fn contact<'r>(roster: &'r [RosterUnit], who: &Who) -> Option<&'r RosterUnit> {
    if let Some(r) = roster
        .iter()
        .find(|r| !who.unit_code.is_empty() && r.code.eq_ignore_ascii_case(&who.unit_code))
    {
        return Some(r);
    }
    let name = fold(&who.unit_name);
    roster.iter().find(|r| fold(&r.name) == name)
}
