//! `soket merge`: the province summary built from returns and ward summaries — totals, weighted means,
//! groups, duplicates, excluded returns, every sheet and chart, idempotent roll-up, safe output.

mod figures;
pub(crate) mod inputs;
mod output;
mod rollup;
mod sheets;
mod workbook;
