//! One module per subcommand: its Args and `run`, parse–call–print only.

pub mod check;
pub mod demo;
pub mod merge;
pub mod outline;
pub mod status;
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

/// Print to stdout; a closed pipe (`sokết outline | head`) ends quietly instead of panicking.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
