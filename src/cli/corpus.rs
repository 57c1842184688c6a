//! `qujat corpus`: parse a folder of texts, with a summary table.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// Parse every text of a corpus folder into clause YAML and print a summary table:
/// type, date, number, parts, chapters/articles, clauses, subclauses, items, definitions,
/// residue and id of each act.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat corpus                      # the bundled corpus, summary only\n  qujat corpus my-raw/ -o my-acts/   # parse a folder, write the YAML"
)]
pub struct Args {
    /// Folder of raw texts (.txt, .md); default: the bundled corpus (corpus/raw).
    #[arg(value_name = "RAW")]
    raw: Option<PathBuf>,
    /// Write one clause YAML per text into this folder (default: write nothing).
    #[arg(short = 'o', long = "out", value_name = "ACTS")]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Status> {
    let run = qujat::jobs::corpus(a.raw.as_deref(), a.out.as_deref())?;
    for e in &run.failures {
        eprintln!("qujat: {e}");
    }
    qujat::io::write_stdout(run.to_string().as_bytes())?;
    Ok(Status::from_failures(run.failures.len()))
}
