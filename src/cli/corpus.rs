//! `qujat corpus`: parse a folder of texts, with a summary table; `corpus import` and
//! `corpus list` for the national corpus's act folders.

use std::path::PathBuf;

use qujat::error::{Error, Result};

use super::Status;

/// Parse every text of a corpus folder into clause YAML and print a summary table:
/// type, date, number, parts, chapters/articles, clauses, subclauses, items, definitions,
/// residue and id of each act. `corpus import` reads the kazakhstan-law layout into a
/// corpus folder that `--corpus DIR` reads; `corpus list` prints the acts a check sees.
#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  qujat corpus                      # the bundled corpus, summary only\n  qujat corpus my-raw/ -o my-acts/   # parse a folder, write the YAML\n  qujat corpus import codes/ ministerial/ -o kzlaw/ --as-of 2026-12-01\n  qujat corpus list --corpus kzlaw/"
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// Folder of raw texts (.txt, .md); default: the bundled corpus (corpus/raw and the laws of corpus/laws).
    #[arg(value_name = "RAW")]
    raw: Option<PathBuf>,
    /// Write one clause YAML per text into this folder (default: write nothing).
    #[arg(short = 'o', long = "out", value_name = "ACTS")]
    out: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
enum Sub {
    Import(ImportArgs),
    List(ListArgs),
}

/// Import act folders of the kazakhstan-law layout (`kaz.md`, `rus.md`, `meta.yaml` per
/// act, nested in tier, issuer and year folders; large acts split into `kaz/*.md`) into a
/// corpus folder: clause YAML per act version and an index, read lazily by `--corpus`.
///
/// Importing a folder again after the act changed adds the new version; every version is
/// kept, valid from its `version_date`. A bad act folder is reported with its path and
/// reason and skipped. Ends with a summary table.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat corpus import kazakhstan-law/codes -o kzlaw/\n  qujat corpus import codes-2026-12-01/ -o kzlaw/ --as-of 2026-12-01"
)]
struct ImportArgs {
    /// Corpus folders (or single act folders) to import.
    #[arg(value_name = "SRC", required = true)]
    src: Vec<PathBuf>,
    /// The corpus folder to write (made if missing; what it holds is kept).
    #[arg(short = 'o', long = "out", value_name = "DIR", required = true)]
    out: PathBuf,
    /// The day the newest imported texts were known to be current (YYYY-MM-DD): the
    /// checker may then say with certainty that a unit does not exist.
    #[arg(long = "as-of", value_name = "DATE", value_parser = parse_date)]
    as_of: Option<String>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

/// List the acts of the bundled corpus and of `--corpus` folders: id, type, date,
/// number, version (its date), how many versions, status, title.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  qujat corpus list\n  qujat corpus list --corpus kzlaw/")]
struct ListArgs {
    /// Corpus folders to add to the bundled corpus (clause YAML, or an imported corpus).
    #[arg(long = "corpus", value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// The day the status is given for (default: today).
    #[arg(long = "on", value_name = "DATE", value_parser = parse_date)]
    on: Option<String>,
}

fn parse_date(s: &str) -> std::result::Result<String, String> {
    qujat::lang::date::Date::from_iso(s).map(|d| d.iso()).ok_or_else(|| format!("'{s}' is not a date YYYY-MM-DD"))
}

pub fn run(a: Args) -> Result<Status> {
    match a.command {
        Some(Sub::Import(i)) => import(i),
        Some(Sub::List(l)) => list(l),
        None => parse_folder(a.raw, a.out),
    }
}

fn parse_folder(raw: Option<PathBuf>, out: Option<PathBuf>) -> Result<Status> {
    let run = qujat::jobs::corpus(raw.as_deref(), out.as_deref())?;
    for e in &run.failures {
        eprintln!("qujat: {e}");
    }
    qujat::io::write_stdout(run.to_string().as_bytes())?;
    Ok(Status::from_failures(run.failures.len()))
}

fn import(a: ImportArgs) -> Result<Status> {
    use indicatif::{ProgressBar, ProgressStyle};
    let bar = if a.quiet { ProgressBar::hidden() } else { ProgressBar::new(0) };
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} acts ({per_sec}, {eta} left)")
            .map_err(|e| Error::usage(e.to_string()))?
            .progress_chars("=> "),
    );
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let run = qujat::corpus::import::import(&a.src, &a.out, a.as_of, &progress)?;
    bar.finish_and_clear();
    for e in &run.failures {
        eprintln!("qujat: {e}");
    }
    qujat::io::write_stdout(qujat::jobs::import_summary(&run).as_bytes())?;
    Ok(Status::from_failures(run.failures.len()))
}

fn list(a: ListArgs) -> Result<Status> {
    let corpus = qujat::jobs::corpus_with(&a.corpus)?;
    let on = a.on.unwrap_or_else(qujat::jobs::today);
    qujat::io::write_stdout(qujat::jobs::listing(&corpus, &on).as_bytes())?;
    Ok(Status::Ok)
}
