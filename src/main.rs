//! The `qujat` command line: parse the arguments, run the command, turn the result into
//! an exit code. The commands live in `cli/`, the work in the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use qujat::error::ErrorKind;

// Parsing allocates many short strings; mimalloc is measurably faster at that than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 0 success, 1 a problem with an input (or a result that could not be written), 2 usage.
/// clap itself exits 2 on arguments it cannot read.
fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args.command) {
        Ok(cli::Status::Ok) => ExitCode::SUCCESS,
        Ok(cli::Status::Problems) => ExitCode::from(1),
        Err(e) => {
            eprintln!("qujat: {e}");
            ExitCode::from(match e.kind {
                ErrorKind::Input | ErrorKind::Output => 1,
                ErrorKind::Usage => 2,
            })
        }
    }
}
