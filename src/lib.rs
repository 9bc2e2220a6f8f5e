//! sokết: outline-driven forms, checks and summaries for a union reporting campaign.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod demo;
pub mod form;
pub mod inputs;
pub mod outline;
pub mod output;
pub mod progress;
pub mod read;
pub mod record;
pub mod report;
pub mod rng;
pub mod roster;
pub mod screen;
pub mod select;
pub mod summary;
pub mod value;
pub mod workbook;
