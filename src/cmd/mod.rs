//! One module per subcommand: its Args and `run`, parse–call–print only.

pub mod check;
pub mod demo;
pub mod merge;
pub mod outline;
pub mod report;
pub mod select;
pub mod status;
pub mod template;

/// What a command reports back: 0 fine, 1 problems found in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    DataProblems,
}

impl Outcome {
    /// `DataProblems` when the run found problems in the data.
    pub fn from_problems(problems: bool) -> Outcome {
        if problems {
            Outcome::DataProblems
        } else {
            Outcome::Ok
        }
    }
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

impl RosterArg {
    /// Load the roster before any return is read, so a bad roster stops the run at once.
    pub fn load(
        &self,
        o: &crate::outline::Outline,
    ) -> anyhow::Result<Option<crate::check::RosterDay>> {
        let day = status::as_of(self.as_of.as_deref())?;
        self.path
            .as_deref()
            .map(|p| crate::check::RosterDay::load(p, day, o))
            .transpose()
    }
}

/// `--peers on|off`, for check and merge: compare each unit's figures with similar units'.
#[derive(clap::Args)]
pub struct PeersArg {
    /// So số liệu của từng đơn vị với các đơn vị cùng loại hình (on, mặc định) hoặc không so (off)
    #[arg(
        long = "peers",
        value_enum,
        default_value = "on",
        value_name = "on|off",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub peers: Switch,
}

impl PeersArg {
    pub fn on(&self) -> bool {
        self.peers == Switch::On
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// Output formats shared by the commands that print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub use crate::output::emit;

/// An error and its causes joined with ": ", as printed after "lỗi: ". A file-system error from below
/// is said in Vietnamese (the system's text is English and may name a temporary file), and what it
/// wraps is not repeated.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            parts.push(crate::output::io_reason(io));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}
