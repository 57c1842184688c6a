//! Benchmarks behind `qujat bench`: each measures one job on inputs the library carries
//! (the bundled corpus, templates and fonts), so they run from any folder, and returns
//! figures to print. Speed is reported per round (median and best) as well as overall,
//! because a shared machine steals time now and then.

mod corpus;
mod synth;

pub use corpus::{corpus, CorpusReport};

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::corpus::{bundled_texts, Corpus};
use crate::error::{Error, Result};
use crate::generate::Registry;
use crate::lang::{noun, Form};

/// Round times in seconds, sorted, and their total.
struct Rounds {
    times: Vec<f64>,
    total: f64,
}

impl Rounds {
    /// Run `round` for at least `seconds` and at least five rounds.
    fn run(seconds: f64, mut round: impl FnMut()) -> Rounds {
        let start = Instant::now();
        let mut times = Vec::new();
        while start.elapsed().as_secs_f64() < seconds || times.len() < 5 {
            let t = Instant::now();
            round();
            times.push(t.elapsed().as_secs_f64());
        }
        let total = times.iter().sum();
        times.sort_by(f64::total_cmp);
        Rounds { times, total }
    }
    fn median(&self) -> f64 {
        self.times[self.times.len() / 2]
    }
    fn best(&self) -> f64 {
        self.times[0]
    }
    /// Work per second: (median round, best round, overall).
    fn rates(&self, per_round: f64) -> (f64, f64, f64) {
        (per_round / self.median(), per_round / self.best(), per_round * self.times.len() as f64 / self.total)
    }
}

/// `qujat bench`: MB/s of decode + normalize + parse on one core.
pub struct ParseReport {
    files: usize,
    bytes: usize,
    rounds: Rounds,
}

/// Measure normalize + parse over the texts of `dir`, or the bundled corpus.
pub fn parse(dir: Option<&Path>, seconds: f64) -> Result<ParseReport> {
    let inputs: Vec<(PathBuf, Vec<u8>)> = match dir {
        Some(d) => crate::io::files_in(d, &["txt", "md", "markdown"])?
            .into_iter()
            .map(|f| crate::io::read(&f).map(|b| (f, b)))
            .collect::<Result<_>>()?,
        None => bundled_texts().map(|t| (PathBuf::from(t.name), t.bytes.to_vec())).collect(),
    };
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    if bytes == 0 {
        let d = dir.unwrap_or(Path::new("the bundled corpus"));
        return Err(Error::input(d, "no .txt or .md text to measure"));
    }
    let round = || {
        for (p, b) in &inputs {
            let parsed = crate::parse::parse_bytes(b, p, "bench", false);
            std::hint::black_box(parsed.map(|p| p.act.parts.len()).unwrap_or(0));
        }
    };
    round(); // warm up: the lexicon and the regexes
    Ok(ParseReport { files: inputs.len(), bytes, rounds: Rounds::run(seconds, round) })
}

impl fmt::Display for ParseReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.rounds;
        let kb = self.bytes as f64 / 1e3;
        writeln!(
            f,
            "normalize+parse: {} files, {kb:.1} KB per round, {} rounds in {:.2} s",
            self.files,
            r.times.len(),
            r.total
        )?;
        let (med, best, all) = r.rates(self.bytes as f64 / 1e6);
        writeln!(
            f,
            "throughput: {med:.1} MB/s median round, {best:.1} MB/s best round, {all:.1} MB/s overall (one core)"
        )
    }
}

/// `qujat bench inflect`: inflected forms per second on one core.
pub struct InflectReport {
    lemmas: usize,
    forms: usize,
    rounds: Rounds,
}

/// The distinct words of the bundled corpus (lowercase Cyrillic, two letters or more), in
/// order of first use: real vocabulary, most of it nouns and their forms.
fn corpus_words(limit: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::new();
    for t in bundled_texts() {
        let text = String::from_utf8_lossy(t.bytes);
        for w in text.split(|c: char| !c.is_alphabetic()) {
            let cyrillic = w.chars().count() >= 2 && w.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c));
            if cyrillic && words.len() < limit && seen.insert(w.to_lowercase()) {
                words.push(w.to_lowercase());
            }
        }
    }
    words
}

/// Measure the inflector over words of the bundled corpus × every form.
pub fn inflect(seconds: f64) -> InflectReport {
    let lemmas = corpus_words(2000);
    let forms: Vec<Form> = Form::all().collect();
    let mut buf = String::with_capacity(64);
    let mut round = || {
        let mut bytes = 0usize;
        for w in &lemmas {
            for &f in &forms {
                buf.clear();
                noun::inflect_into(w, f, &mut buf);
                bytes += buf.len();
            }
        }
        std::hint::black_box(bytes);
    };
    round();
    let rounds = Rounds::run(seconds, round);
    InflectReport { lemmas: lemmas.len(), forms: forms.len(), rounds }
}

impl fmt::Display for InflectReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.rounds;
        writeln!(
            f,
            "inflect: {} words of the bundled corpus × {} forms per round, {} rounds in {:.2} s",
            self.lemmas,
            self.forms,
            r.times.len(),
            r.total
        )?;
        let (med, best, all) = r.rates((self.lemmas * self.forms) as f64);
        writeln!(f, "throughput: {med:.0} forms/s median round, {best:.0} forms/s best round, {all:.0} forms/s overall (one core)")
    }
}

/// `qujat bench check`: a long draft against a large corpus, in milliseconds.
pub struct CheckReport {
    pages: usize,
    draft_bytes: usize,
    references: usize,
    resolved: usize,
    errors: usize,
    acts: usize,
    build_secs: f64,
    rounds: Rounds,
}

/// Check a synthetic draft of `pages` pages against `acts` synthetic acts (the corpus is
/// loaded once, as an editor keeps it).
pub fn check(acts: usize, pages: usize, seconds: f64) -> Result<CheckReport> {
    if acts == 0 || pages == 0 {
        return Err(Error::usage("bench check: --acts and --pages must be at least 1"));
    }
    let t = Instant::now();
    let corpus = synth::corpus(acts);
    let build_secs = t.elapsed().as_secs_f64();
    let draft = synth::draft(&corpus, pages);
    let first = crate::cite::check(&draft, "draft.md", true, &corpus);
    let rounds = Rounds::run(seconds, || {
        std::hint::black_box(crate::cite::check(&draft, "draft.md", true, &corpus).citations.len());
    });
    Ok(CheckReport {
        pages,
        draft_bytes: draft.len(),
        references: first.citations.len(),
        resolved: first.citations.iter().filter(|c| c.resolved).count(),
        errors: first.errors(),
        acts: corpus.len(),
        build_secs,
        rounds,
    })
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "check: draft {} pages ({:.0} KB, {} references, {} resolved, {} errors), corpus {} acts (built in {:.2} s)",
            self.pages,
            self.draft_bytes as f64 / 1e3,
            self.references,
            self.resolved,
            self.errors,
            self.acts,
            self.build_secs
        )?;
        let r = &self.rounds;
        let (med, best) = (r.median() * 1e3, r.best() * 1e3);
        writeln!(f, "time: {med:.1} ms median, {best:.1} ms best, {} runs (one core)", r.times.len())
    }
}

/// `qujat bench batch`: one-page letters to PDF per second on all cores, and peak memory.
pub struct BatchReport {
    count: usize,
    format: crate::render::Format,
    ok: usize,
    failed: usize,
    threads: usize,
    secs: f64,
    peak_rss: u64,
    /// The same letters with one `typst compile` process each: (letters, seconds).
    typst_cli: Option<(usize, f64)>,
}

/// Render `count` official letters (the template's example with a new number and
/// addressee each) through the batch, into a temporary folder that is removed after.
pub fn batch(count: usize, jobs: Option<usize>, format: crate::render::Format) -> Result<BatchReport> {
    crate::batch::configure_threads(jobs)?;
    let reg = Registry::bundled(std::sync::Arc::new(Corpus::bundled()));
    let base = reg.get("official-letter")?.example_record()?;
    // Records are made as the batch asks for them, as a CSV reader would read them.
    let records = (0..count).map(|i| crate::records::Record { row: i + 1, data: Ok(letter(&base, i)) });
    let dir = std::env::temp_dir().join(format!("qujat-bench-batch-{}", std::process::id()));
    let opts = crate::batch::Options {
        template: "official-letter".into(),
        formats: vec![format],
        out: dir.clone(),
        name_field: None,
        defaults: None,
        resume: false,
        combine: None,
        source: "bench".into(),
    };
    let start = Instant::now();
    let sum = crate::batch::run(&reg, records, count, &opts, &|_, _| {});
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    let sum = sum?;
    let typst_cli = match which("typst").filter(|_| format == crate::render::Format::Pdf) {
        Some(typst) => Some(typst_cli(&typst, &reg, &base, count.min(200))?),
        None => None,
    };
    Ok(BatchReport {
        count,
        format,
        ok: sum.ok,
        failed: sum.failed,
        threads: rayon::current_num_threads(),
        secs,
        peak_rss: crate::batch::peak_rss().unwrap_or(0),
        typst_cli,
    })
}

fn letter(base: &serde_json::Value, i: usize) -> serde_json::Value {
    let mut r = base.clone();
    r["number"] = format!("03-{}", 2530 + i).into();
    r["addressees"] = serde_json::json!([format!("№ {} мектептің директоры", i + 1)]);
    r
}

fn which(cmd: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(cmd)).find(|f| f.is_file())
}

/// The same letters with one `typst compile` process each, with the embedded fonts
/// written to a folder: (letters, seconds).
fn typst_cli(typst: &Path, reg: &Registry, base: &serde_json::Value, n: usize) -> Result<(usize, f64)> {
    let dir = std::env::temp_dir().join(format!("qujat-bench-typst-{}", std::process::id()));
    for (name, bytes) in crate::render::FONT_FILES.iter().zip(crate::render::FONTS) {
        crate::io::write_atomic(&dir.join("fonts").join(name), bytes)?;
    }
    crate::io::write_atomic(&dir.join("main.typ"), crate::render::DOCUMENT.as_bytes())?;
    let mut inputs = Vec::new();
    for i in 0..n {
        let md = reg.render("official-letter", &letter(base, i), "bench")?;
        inputs.push(serde_json::to_string(&crate::render::doc_tree(&md, "t")).expect("plain data"));
    }
    let start = Instant::now();
    let run = inputs.par_iter().enumerate().try_for_each(|(i, doc)| -> Result<()> {
        let st = std::process::Command::new(typst)
            .args(["compile", "--font-path", "fonts", "--ignore-system-fonts", "--input"])
            .arg(format!("doc={doc}"))
            .arg("main.typ")
            .arg(format!("{i}.pdf"))
            .current_dir(&dir)
            .status()
            .map_err(|e| Error::io(typst, e))?;
        if st.success() {
            Ok(())
        } else {
            Err(Error::input(typst, "typst compile failed"))
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    run.map(|()| (n, secs))
}

impl fmt::Display for BatchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (count, ok, failed, threads, secs) = (self.count, self.ok, self.failed, self.threads, self.secs);
        let format = self.format.ext().to_uppercase();
        writeln!(
            f,
            "batch: {count} one-page letters to {format} ({ok} ok, {failed} failed) on {threads} threads in {secs:.2} s"
        )?;
        let mb = self.peak_rss as f64 / 1e6;
        writeln!(f, "rate: {:.0} letters/s; peak memory {mb:.0} MB", count as f64 / secs)?;
        match self.typst_cli {
            _ if self.format != crate::render::Format::Pdf => Ok(()),
            Some((n, s)) => {
                writeln!(f, "typst CLI: {n} letters, one process each, in {s:.2} s: {:.0} letters/s", n as f64 / s)
            }
            None => writeln!(f, "typst CLI: not installed, no side-by-side figure (install typst-cli to compare)"),
        }
    }
}
