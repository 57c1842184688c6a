//! `qujat batch`: one document per record, with a manifest and progress.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use qujat::error::Result;
use qujat::render::Format;

use super::Status;

/// Render one document per record (mail merge): in parallel, with a manifest.
///
/// Records: YAML or JSON (a list of mappings), CSV (a header row; dotted names such as
/// signatory.name make nested fields, addressees.1 list items) or XLSX (the first
/// sheet, header row = fields). Every record is checked first; a bad one is reported
/// with its row and reason and all the others are produced. OUT/manifest.csv lists
/// row, file, sha256, status and error for every record. Exit 0 when all succeeded,
/// 1 when some failed.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat batch official-letter --data schools.xlsx --out letters --name addressees.1 --defaults letter.yaml\n  qujat batch council-decision --data decisions.csv --out out/d --format pdf,html --jobs 2 --resume"
)]
pub struct Args {
    /// The template's name (see `qujat templates`).
    #[arg(value_name = "NAME")]
    template: String,
    /// The records: .yaml/.yml/.json, .csv, or .xlsx.
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Folder for the documents and manifest.csv.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Formats, comma-separated: md, html, pdf, docx.
    #[arg(long, default_value = "pdf", value_delimiter = ',', value_parser = super::parse_format)]
    format: Vec<Format>,
    /// The field that names each file (dotted for nested: signatory.name). Names are
    /// made safe and unique; default: the row number.
    #[arg(long = "name", value_name = "FIELD")]
    name_field: Option<String>,
    /// Fields shared by all records (a YAML mapping); a record's own fields win.
    #[arg(long, value_name = "BASE.yaml")]
    defaults: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Skip records whose files are already there and unchanged (per manifest.csv).
    #[arg(long)]
    resume: bool,
    /// Also write all documents into one PDF, for printing.
    #[arg(long, value_name = "FILE.pdf")]
    combine: Option<PathBuf>,
    /// A folder of your own templates; repeatable.
    #[arg(long, value_name = "DIR")]
    templates: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Status> {
    qujat::batch::configure_threads(a.jobs)?;
    let reg = qujat::jobs::registry(&a.templates, &[])?;
    reg.get(&a.template)?;
    let defaults = a.defaults.as_deref().map(qujat::records::read_one).transpose()?;
    let mut loaded = qujat::records::load(&a.data)?;
    let total = loaded.records.len();
    let mut formats = a.format;
    formats.sort();
    formats.dedup();
    let opts = qujat::batch::Options {
        template: a.template,
        formats,
        out: a.out.clone(),
        name_field: a.name_field,
        defaults,
        resume: a.resume,
        combine: a.combine.clone(),
        source: a.data.display().to_string(),
    };
    for w in qujat::batch::check_table(reg.get(&opts.template)?, &mut loaded, &opts)? {
        eprintln!("qujat: warning: {w}");
    }
    let progress = Progress::new(total);
    let t = Instant::now();
    let sum = qujat::batch::run(&reg, loaded.records.into_iter(), total, &opts, &|d, n| progress.tick(d, n))?;
    progress.finish();
    for (rows, error) in qujat::batch::group_failures(&sum.failures) {
        eprintln!("qujat: {} {}: {error}", a.data.display(), qujat::batch::rows_phrase(&rows));
    }
    let (ok, kept, failed) = (sum.ok, sum.kept, sum.failed);
    eprintln!(
        "batch: {total} records in {:.1} s: {ok} written, {kept} kept (unchanged), {failed} failed; manifest {}{}",
        t.elapsed().as_secs_f64(),
        a.out.join("manifest.csv").display(),
        a.combine.map(|c| format!("; all in {}", c.display())).unwrap_or_default()
    );
    Ok(Status::from_failures(failed))
}

/// Progress: a bar with rate and ETA on a terminal, a plain line every 5 seconds otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
    last: Mutex<Instant>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} ETA {eta}");
            b.set_style(style.expect("a valid template"));
            b
        });
        let now = Instant::now();
        Progress { bar, start: now, last: Mutex::new(now) }
    }

    fn tick(&self, done: usize, total: usize) {
        match &self.bar {
            Some(b) => b.set_position(done as u64),
            None => {
                let mut last = self.last.lock().expect("not poisoned");
                if last.elapsed().as_secs_f64() >= 5.0 || done == total {
                    *last = Instant::now();
                    let rate = done as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
                    eprintln!("batch: {done}/{total} ({rate:.0}/s)");
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
