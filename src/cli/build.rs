//! `qujat build`: the main job.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// The main job: parse the bundled corpus into OUT/acts and render every template's
/// example to OUT in Markdown, HTML and PDF. Nothing is written outside OUT.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  qujat build\n  qujat build -o /tmp/qujat-out")]
pub struct Args {
    /// Where the clause YAML (OUT/acts) and the rendered examples go.
    #[arg(short = 'o', long = "out", value_name = "OUT", default_value = "out")]
    out: PathBuf,
}

pub fn run(a: Args) -> Result<Status> {
    let b = qujat::jobs::build(&a.out)?;
    for e in b.corpus.failures.iter().chain(&b.failures) {
        eprintln!("qujat: {e}");
    }
    qujat::io::write_stdout(b.to_string().as_bytes())?;
    Ok(Status::from_failures(b.corpus.failures.len() + b.failures.len()))
}
