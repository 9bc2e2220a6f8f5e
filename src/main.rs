//! The `sokết` binary: parse the command line, run it, print any error once, exit 0/1/2.

fn main() -> std::process::ExitCode {
    soket::cli::main()
}
