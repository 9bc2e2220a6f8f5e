//! `soket`: the same program under an ASCII name, for shells without Vietnamese input.

fn main() -> std::process::ExitCode {
    soket::cli::main()
}
