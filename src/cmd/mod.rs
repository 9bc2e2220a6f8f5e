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

/// `--outline FILE`, for every command that reads the outline.
#[derive(clap::Args)]
pub struct OutlineArg {
    /// Tệp đề cương TOML (mặc định: đề cương có sẵn của đợt báo cáo)
    #[arg(id = "outline", long = "outline", value_name = "TỆP")]
    pub path: Option<std::path::PathBuf>,
}

impl OutlineArg {
    pub fn load(&self) -> anyhow::Result<crate::outline::Outline> {
        crate::outline::Outline::load(self.path.as_deref())
    }
}

/// `--format table|json`, for every command that prints findings or figures.
#[derive(clap::Args)]
pub struct FormatArg {
    /// Kiểu in: table (bảng, mặc định) hoặc json
    #[arg(
        long = "format",
        value_enum,
        default_value = "table",
        value_name = "KIỂU",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,
}

/// `--roster FILE [--as-of DAY]`, for check and merge: match returns to the roster's units.
#[derive(clap::Args)]
pub struct RosterArg {
    /// Danh sách đơn vị (.xlsx hoặc .csv): ghép báo cáo với đơn vị, tính tình hình nộp (đúng hạn, trễ hạn, chưa nộp, có lỗi, trùng)
    #[arg(id = "roster", long = "roster", value_name = "DANH_SÁCH")]
    pub path: Option<std::path::PathBuf>,
    /// Với --roster: tính tình hình nộp tại ngày này (mặc định hôm nay)
    #[arg(long, value_name = "NGÀY", requires = "roster")]
    pub as_of: Option<String>,
}

/// A roster loaded for a run, with the day the run looks from.
pub struct RosterRun {
    roster: crate::roster::Roster,
    day: chrono::NaiveDate,
}

impl RosterArg {
    /// Load the roster before any return is read, so a bad roster stops the run at once.
    pub fn load(&self, o: &crate::outline::Outline) -> anyhow::Result<Option<RosterRun>> {
        let day = status::as_of(self.as_of.as_deref())?;
        Ok(match &self.path {
            Some(p) => Some(RosterRun {
                roster: crate::roster::load(p, o)?,
                day,
            }),
            None => None,
        })
    }
}

impl RosterRun {
    pub fn completeness(
        &self,
        o: &crate::outline::Outline,
        files: &[crate::check::inspect::Inspected],
    ) -> crate::check::Completeness {
        let matching = crate::check::match_units(o, &self.roster, files);
        crate::check::completeness(&self.roster, &matching, self.day, o.campaign.deadline_units)
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
