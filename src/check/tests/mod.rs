//! Unit tests of matching returns to roster units and of completeness.

mod completeness;
mod matching;

pub(super) use super::*;
pub(super) use crate::roster::tests::*;
