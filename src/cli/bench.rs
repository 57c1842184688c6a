//! `qujat bench`: the figures of the benchmarks.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// Measure speed and print the figures. Without a benchmark name: normalize + parse in
/// MB/s on one core, over a folder of texts (default: the bundled corpus).
#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Benchmarks:\n  (none)   normalize + parse, MB/s on one core\n  inflect  inflected forms per second on one core\n  check    a long draft checked against a large corpus, in milliseconds\n  batch    one-page letters rendered to PDF per second on all cores, and peak memory\n  corpus   a synthetic corpus imported on one core (MB/s), then check --corpus on it (ms, start-up included)\n\nExamples:\n  qujat bench\n  qujat bench my-raw/ --seconds 10\n  qujat bench inflect\n  qujat bench check --acts 10000 --pages 100\n  qujat bench batch --count 10000\n  qujat bench corpus --acts 100000"
)]
pub struct Args {
    #[command(subcommand)]
    what: Option<What>,
    /// Folder of texts to parse (default: the bundled corpus).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Seconds to run at least.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
}

#[derive(clap::Subcommand)]
enum What {
    /// Inflected forms per second on one core (words of the bundled corpus × 28 forms).
    Inflect {
        /// Seconds to run at least.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
    /// Check a long synthetic draft against a large synthetic corpus (milliseconds).
    Check {
        /// Acts in the corpus.
        #[arg(long, default_value_t = 10_000)]
        acts: usize,
        /// Pages in the draft (3,000 characters and ten references each).
        #[arg(long, default_value_t = 100)]
        pages: usize,
        /// Seconds to run at least.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
    /// A synthetic corpus in the kazakhstan-law layout (the bundled laws cut to varying
    /// lengths), imported on one core (MB/s); then `qujat check --corpus` on it for a
    /// one-page draft, a process each run (milliseconds, start-up included).
    Corpus {
        /// Acts in the synthetic corpus.
        #[arg(long, default_value_t = 10_000)]
        acts: usize,
        /// Where to write the layout and the imported corpus (default: a temporary folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Keep the folder afterwards.
        #[arg(long)]
        keep: bool,
        /// Check processes to time.
        #[arg(long, default_value_t = 10)]
        runs: usize,
    },
    /// One-page letters per second rendered to PDF (or DOCX) on all cores, and peak memory.
    Batch {
        /// Letters to render.
        #[arg(long, default_value_t = 2000)]
        count: usize,
        /// pdf or docx.
        #[arg(long, default_value = "pdf", value_parser = super::parse_format)]
        format: qujat::render::Format,
        /// Worker threads (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
    },
}

pub fn run(a: Args) -> Result<Status> {
    let report = match a.what {
        None => qujat::bench::parse(a.dir.as_deref(), a.seconds)?.to_string(),
        Some(What::Inflect { seconds }) => qujat::bench::inflect(seconds).to_string(),
        Some(What::Check { acts, pages, seconds }) => qujat::bench::check(acts, pages, seconds)?.to_string(),
        Some(What::Batch { count, jobs, format }) => qujat::bench::batch(count, jobs, format)?.to_string(),
        Some(What::Corpus { acts, dir, keep, runs }) => {
            qujat::bench::corpus(acts, dir.as_deref(), keep, runs.max(1))?.to_string()
        }
    };
    qujat::io::write_stdout(report.as_bytes())?;
    Ok(Status::Ok)
}
