//! The command-line integration tests: one test binary that runs the real `soket` program.
//!
//! Each module tests one command through its public face (arguments, exit code, stdout,
//! stderr, files written). Shared helpers live in `harness`.

mod check;
mod demo;
mod demo_folder;
mod harness;
mod help;
mod hostile;
mod merge;
mod messages;
mod other_outline;
mod outline;
mod peers;
mod print;
mod readme;
mod report;
mod roster;
mod select;
mod status;
mod template;
mod terminal;

/// Heading of the officer's column in the selections' workbooks.
pub fn select_decision() -> &'static str {
    soket::select::write::DECISION
}
