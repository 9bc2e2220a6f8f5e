//! One module per subcommand: its Args and `run`, parse–call–print only.

pub mod check;
pub mod merge;
pub mod outline;
pub mod template;

/// What a command reports back: 0 fine, 1 problems found in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    DataProblems,
}

impl From<Outcome> for std::process::ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Ok => std::process::ExitCode::SUCCESS,
            Outcome::DataProblems => std::process::ExitCode::from(1),
        }
    }
}

/// Output formats shared by the commands that print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}
