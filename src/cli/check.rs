//! `qujat check`: clause references of drafts, reported like a compiler.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// Check the clause references of drafts against the corpus, like a compiler.
///
/// Every reference is resolved: against the bundled corpus (and --corpus folders) when
/// it names an act, against the draft itself for "осы …" and bare unit references.
/// An error when the act is known and the unit is not; a warning when the act is not in
/// the corpus (cannot verify); a note when several acts fit.
///
/// Exit codes: 0 no errors, 1 an error in some draft or a draft that cannot be read (the
/// others are still checked), 2 usage.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat check draft.md\n  qujat check --format json draft.txt\n  qujat check --corpus my-acts/ drafts/*.md\n  cat draft.txt | qujat check -"
)]
pub struct Args {
    /// Drafts: text or Markdown files; `-` for standard input.
    #[arg(required = true, value_name = "DRAFT")]
    files: Vec<PathBuf>,
    /// A folder of clause YAML to add to the bundled corpus (repeatable).
    #[arg(long, value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// human (file:line:col, the line, the reference underlined) or json.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Read the drafts as Markdown even without a .md extension (default: detected).
    #[arg(long)]
    markdown: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(a: Args) -> Result<Status> {
    let run = qujat::jobs::check(&a.files, &a.corpus, a.markdown)?;
    for e in &run.failures {
        eprintln!("qujat: {e}");
    }
    let out = match a.format {
        Format::Human => run.human,
        Format::Json => qujat::cite::report::json(&run.checked),
    };
    qujat::io::write_stdout(out.as_bytes())?;
    Ok(Status::from_failures(run.checked.errors() + run.failures.len()))
}
