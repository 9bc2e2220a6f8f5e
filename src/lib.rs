//! sokết: outline-driven forms, checks and summaries for a union reporting campaign.

pub mod cli;
pub mod cmd;
pub mod describe;
pub mod form;
pub mod outline;
pub mod output;
pub mod record;
