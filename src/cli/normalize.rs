//! `qujat normalize`: the repaired text, or the list of repairs.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// Print the repaired text of FILE: letter spacing, wraps, page breaks, bookmarks,
/// footers, look-alike letters, special spaces.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat normalize scan.txt\n  qujat normalize --report scan.txt\n  pdftotext act.pdf - | qujat normalize -"
)]
pub struct Args {
    /// A text (UTF-8, UTF-16, Windows-1251) or Markdown file; `-` for standard input.
    file: PathBuf,
    /// Print the list of repairs instead: source line <TAB> kind <TAB> before → after.
    #[arg(long)]
    report: bool,
}

pub fn run(a: Args) -> Result<Status> {
    let input = qujat::io::read_input(&a.file)?;
    let (decoded, md) = super::decoded(&input, false)?;
    let n = qujat::text::normalize(&decoded.text, md);
    let out = if a.report { n.repairs.iter().map(|r| format!("{r}\n")).collect::<String>() } else { n.text() };
    qujat::io::write_stdout(out.as_bytes())?;
    Ok(Status::Ok)
}
