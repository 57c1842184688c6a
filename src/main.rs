//! The `qujat` command line: clap definitions, calls into the library, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qujat::error::{Error, Result};
use rayon::prelude::*;

// Parsing allocates many short strings; mimalloc is measurably faster at that than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kazakh legal and official text: repair, parse into clause YAML, and more.
///
/// Exit codes: 0 success, 1 a problem with an input file, 2 a usage error.
#[derive(Parser)]
#[command(name = "qujat", version, about, long_about = None, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the repaired text of FILE (letter spacing, wraps, page breaks, bookmarks,
    /// footers, look-alike letters, special spaces).
    Normalize {
        /// A text (UTF-8, UTF-16, Windows-1251) or Markdown file.
        file: PathBuf,
        /// Print the list of repairs instead: source line, kind, before → after.
        #[arg(long)]
        report: bool,
    },
    /// Parse legal texts into clause YAML (schema qujat/act/1).
    ///
    /// With one FILE and no -o, the YAML goes to standard output; with -o DIR, one
    /// DIR/<name>.yaml per input. A bad file is reported and the others still parsed.
    Parse {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write one .yaml per input into this folder.
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// Parse as Markdown even without a .md extension (default: detected).
        #[arg(long)]
        markdown: bool,
    },
    /// Parse every text in a corpus folder into clause YAML and print a summary table.
    Corpus {
        /// Folder of raw texts.
        #[arg(default_value = "corpus/raw")]
        raw: PathBuf,
        /// Folder for the clause YAML.
        #[arg(short = 'o', long = "out", default_value = "corpus/acts")]
        out: PathBuf,
    },
    /// Check the clause references of drafts against the corpus, like a compiler.
    ///
    /// Every reference is resolved: against the bundled corpus (and --corpus folders) when
    /// it names an act, against the draft itself for "осы …" and bare unit references.
    /// An error when the act is known and the unit is not; a warning when the act is not in
    /// the corpus (cannot verify); a note when several acts fit.
    ///
    /// Exit codes: 0 no errors, 1 an error in some draft, 2 usage or I/O problem.
    #[command(
        after_help = "Examples:\n  qujat check draft.md\n  qujat check --format json draft.txt\n  qujat check --corpus my-acts/ drafts/*.md"
    )]
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A folder of clause YAML to add to the bundled corpus (repeatable).
        #[arg(long, value_name = "DIR")]
        corpus: Vec<PathBuf>,
        /// human (file:line:col, the line, the reference underlined) or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Read the drafts as Markdown even without a .md extension (default: detected).
        #[arg(long)]
        markdown: bool,
    },
    /// Render a template with a record of data to Markdown, HTML or PDF.
    ///
    /// The record (YAML or JSON) is checked against the template's schema first; a
    /// missing or ill-typed field is an error naming the field. Citations come from the
    /// corpus by id. The format is --format, else OUT's extension, else md.
    #[command(
        after_help = "Examples:\n  qujat render council-decision --data templates/council-decision/example.yaml -o decision.pdf\n  qujat render official-letter --data letter.yaml --format html"
    )]
    Render {
        /// The template's name (see `qujat templates`).
        name: String,
        /// The record: a YAML or JSON mapping of the template's fields.
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// md, html or pdf.
        #[arg(long, value_parser = parse_format)]
        format: Option<qujat::render::Format>,
        /// Write here instead of standard output.
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<PathBuf>,
        /// A folder of your own templates (or one template folder); repeatable.
        #[arg(long, value_name = "DIR")]
        templates: Vec<PathBuf>,
        /// A folder of clause YAML to add to the bundled corpus; repeatable.
        #[arg(long, value_name = "DIR")]
        corpus: Vec<PathBuf>,
    },
    /// Render one document per record (mail merge): in parallel, with a manifest.
    ///
    /// Records: YAML or JSON (a list of mappings), CSV (a header row; dotted names such as
    /// signatory.name make nested fields, addressees.1 list items) or XLSX (the first
    /// sheet, header row = fields). Every record is checked first; a bad one is reported
    /// with its row and reason and all the others are produced. OUT/manifest.csv lists
    /// row, file, sha256, status and error for every record. Exit 0 when all succeeded,
    /// 1 when some failed.
    #[command(
        after_help = "Examples:\n  qujat batch official-letter --data schools.xlsx --out letters --name addressees.1 --defaults letter.yaml\n  qujat batch council-decision --data decisions.csv --out out/d --format pdf,html --jobs 2 --resume"
    )]
    Batch {
        /// The template's name (see `qujat templates`).
        #[arg(value_name = "NAME")]
        template: String,
        /// The records: .yaml/.yml/.json, .csv, or .xlsx.
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// Folder for the documents and manifest.csv.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Formats, comma-separated.
        #[arg(long, default_value = "pdf", value_delimiter = ',', value_parser = parse_format)]
        format: Vec<qujat::render::Format>,
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
    },
    /// List the templates and their fields.
    Templates {
        /// human or json.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// A folder of your own templates; repeatable.
        #[arg(long, value_name = "DIR")]
        templates: Vec<PathBuf>,
    },
    /// The main job: parse the corpus (corpus/raw → corpus/acts) and render every
    /// template's example to OUT in Markdown, HTML and PDF.
    Build {
        /// Where the rendered examples go.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
    },
    /// Inflect a Kazakh noun or noun phrase: case, plural, third-person possessive.
    ///
    /// A phrase inflects its last word ("Тараз қаласы" → "Тараз қаласына"); digits take
    /// the suffix of how they are read ("13" → "13-ке"); abbreviations a hyphen ("ІІМ-ге").
    ///
    /// With --tsv, reads lines `lemma<TAB>number<TAB>possessive<TAB>case` from standard
    /// input (number sg|pl, possessive -|px3, case nom|gen|dat|acc|loc|abl|ins) and prints
    /// each line back with the form as a fifth column. A bad line is reported on standard
    /// error with its number; the others are still printed (exit 1).
    #[command(
        after_help = "Examples:\n  qujat inflect тармақ --case dat --possessive 3   # тармағына\n  qujat inflect бап --case gen --plural           # баптардың\n  printf 'халық\\tsg\\tpx3\\tnom\\n' | qujat inflect --tsv"
    )]
    Inflect {
        /// The word or phrase, in the nominative singular.
        #[arg(required_unless_present = "tsv")]
        word: Option<String>,
        /// nom, gen, dat, acc, loc, abl or ins (also the Kazakh names: атау, ілік, барыс, …).
        #[arg(long, default_value = "nom", value_parser = parse_case)]
        case: qujat::lang::Case,
        /// The plural (-лар/-лер, -дар/-дер, -тар/-тер).
        #[arg(long)]
        plural: bool,
        /// The possessive person; only 3 (-ы/-і, -сы/-сі) is supported.
        #[arg(long, value_name = "PERSON", value_parser = clap::value_parser!(u8).range(3..=3))]
        possessive: Option<u8>,
        /// Read lemma/number/possessive/case lines from standard input.
        #[arg(long, conflicts_with_all = ["word", "plural", "possessive"])]
        tsv: bool,
    },
    /// Print a date as a Kazakh phrase: "2026 жылғы 5 қаңтардағы".
    #[command(
        after_help = "Examples:\n  qujat date 2026-01-05              # 2026 жылғы 5 қаңтардағы\n  qujat date 2026-01-05 --case loc   # 2026 жылғы 5 қаңтарда\n  qujat date 2026-01-05 --short      # 05.01.2026 ж."
    )]
    Date {
        /// The date, YYYY-MM-DD.
        date: String,
        /// attr (the default: "…қаңтардағы", of the date) or a case of the month word:
        /// nom, gen, dat, acc, loc, abl, ins.
        #[arg(long, default_value = "attr")]
        case: String,
        /// The short form of letters and stamps: "05.01.2026 ж.".
        #[arg(long, conflicts_with = "case")]
        short: bool,
    },
    /// Measure speed: normalize + parse MB/s over a folder (default), or `bench inflect`
    /// for inflected forms per second.
    #[command(args_conflicts_with_subcommands = true)]
    Bench {
        #[command(subcommand)]
        what: Option<BenchWhat>,
        /// Folder of texts (default: the bundled corpus).
        #[arg(default_value = "corpus/raw")]
        dir: PathBuf,
        /// Seconds to run at least.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum BenchWhat {
    /// One-page letters per second rendered to PDF on all cores, and peak memory.
    Batch {
        /// Letters to render.
        #[arg(long, default_value_t = 2000)]
        count: usize,
        /// Worker threads (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
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
    /// Inflected forms per second on one core (the fixture's lemmas × 28 forms).
    Inflect {
        /// Seconds to run at least.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
}

fn parse_format(s: &str) -> std::result::Result<qujat::render::Format, String> {
    qujat::render::Format::parse(s).ok_or_else(|| format!("unknown format '{s}' (md, html, pdf)"))
}

fn parse_case(s: &str) -> std::result::Result<qujat::lang::Case, String> {
    qujat::lang::Case::parse(s).ok_or_else(|| format!("unknown case '{s}' (nom, gen, dat, acc, loc, abl, ins)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("qujat: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, &e))
}

fn run(cmd: Command) -> Result<u8> {
    match cmd {
        Command::Normalize { file, report } => {
            let bytes = read(&file)?;
            let decoded = qujat::text::decode(&bytes, &file)?;
            let md = qujat::text::is_markdown(&file, &decoded.text, false);
            let n = qujat::text::normalize(&decoded.text, md);
            let mut out = std::io::stdout().lock();
            let res = if report {
                n.repairs.iter().try_for_each(|r| writeln!(out, "{r}"))
            } else {
                out.write_all(n.text().as_bytes())
            };
            match res {
                // `qujat normalize x | head` closes the pipe early: not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
                Err(e) => Err(Error::io(Path::new("<stdout>"), &e)),
                Ok(()) => Ok(0),
            }
        }
        Command::Parse { files, out, markdown } => {
            if files.len() > 1 && out.is_none() {
                return Err(Error::usage("several files need -o DIR (one .yaml per input)"));
            }
            if let Some(dir) = &out {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
            }
            let mut failed = 0;
            for file in &files {
                match qujat::parse::parse_file(file, &file.display().to_string(), markdown) {
                    Ok(p) => {
                        for w in &p.act.warnings {
                            eprintln!("qujat: {}: warning: {w}", file.display());
                        }
                        let yaml = p.act.to_yaml();
                        match &out {
                            Some(dir) => {
                                let target = dir.join(yaml_name(file));
                                write_file(&target, yaml.as_bytes())?;
                            }
                            None => print!("{yaml}"),
                        }
                    }
                    Err(e) => {
                        eprintln!("qujat: {e}");
                        failed += 1;
                    }
                }
            }
            Ok(if failed > 0 { 1 } else { 0 })
        }
        Command::Corpus { raw, out } => corpus(&raw, &out),
        Command::Check { files, corpus, format, markdown } => check(&files, &corpus, format, markdown),
        Command::Render { name, data, format, out, templates, corpus } => {
            render(&name, &data, format, out.as_deref(), &templates, &corpus)
        }
        Command::Templates { format, templates } => list_templates(format, &templates),
        Command::Build { out } => build(&out),
        Command::Batch { template, data, out, format, name_field, defaults, jobs, resume, combine, templates } => {
            batch(template, &data, out, format, name_field, defaults.as_deref(), jobs, resume, combine, &templates)
        }
        Command::Inflect { word, case, plural, possessive, tsv } => {
            if tsv {
                return inflect_tsv();
            }
            let mut form = qujat::lang::Form::case(case);
            if plural {
                form = form.plural();
            }
            if possessive.is_some() {
                form = form.px3();
            }
            let word = word.unwrap_or_default();
            if word.trim().is_empty() {
                return Err(Error::usage("inflect: the word is empty"));
            }
            println!("{}", qujat::lang::inflect_phrase(&word, form));
            Ok(0)
        }
        Command::Date { date, case, short } => {
            let d = qujat::lang::date::Date::from_iso(&date)
                .ok_or_else(|| Error::usage(format!("date: '{date}' is not a valid date YYYY-MM-DD")))?;
            if short {
                println!("{}", qujat::lang::date::short(d));
            } else {
                let form = qujat::lang::date::DateForm::parse(&case).ok_or_else(|| {
                    Error::usage(format!("date: unknown --case '{case}' (attr, nom, gen, dat, acc, loc, abl, ins)"))
                })?;
                println!("{}", qujat::lang::date::phrase(d, form));
            }
            Ok(0)
        }
        Command::Bench { what: Some(BenchWhat::Inflect { seconds }), .. } => bench_inflect(seconds),
        Command::Bench { what: Some(BenchWhat::Check { acts, pages, seconds }), .. } => {
            bench_check(acts, pages, seconds)
        }
        Command::Bench { what: Some(BenchWhat::Batch { count, jobs }), .. } => bench_batch(count, jobs),
        Command::Bench { what: None, dir, seconds } => bench(&dir, seconds),
    }
}

/// The registry of templates over the corpus, with the user's folders added.
fn registry(templates: &[PathBuf], corpus_dirs: &[PathBuf]) -> Result<qujat::generate::Registry> {
    let mut corpus = qujat::corpus::Corpus::bundled();
    for d in corpus_dirs {
        corpus.add_dir(d)?;
    }
    let mut r = qujat::generate::Registry::bundled(std::sync::Arc::new(corpus));
    for d in templates {
        r.add_dir(d)?;
    }
    Ok(r)
}

/// Read a record: a YAML (or JSON) mapping.
fn read_record(path: &Path) -> Result<serde_json::Value> {
    let text = String::from_utf8(read(path)?).map_err(|_| Error::input(path, "not UTF-8 text"))?;
    let v: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
        let err = Error::input(path, format!("not YAML or JSON: {e}"));
        match e.location() {
            Some(l) => err.at_line(l.line()),
            None => err,
        }
    })?;
    serde_json::to_value(v).map_err(|e| Error::input(path, format!("cannot be used as data: {e}")))
}

fn render(
    name: &str,
    data: &Path,
    format: Option<qujat::render::Format>,
    out: Option<&Path>,
    templates: &[PathBuf],
    corpus: &[PathBuf],
) -> Result<u8> {
    use qujat::render::Format;
    let from_ext = out.and_then(|o| o.extension()).and_then(|e| e.to_str()).and_then(Format::parse);
    let format = match (format, from_ext) {
        (Some(f), Some(e)) if f != e => {
            return Err(Error::usage(format!("--format {} but -o ends in .{}", f.ext(), e.ext())))
        }
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => Format::Md,
    };
    let reg = registry(templates, corpus)?;
    let t = reg.get(name)?;
    let record = read_record(data)?;
    let md = reg.render(name, &record, &data.display().to_string())?;
    let bytes = qujat::render::render(&md, &t.title_for(&record), format)?;
    match out {
        Some(o) => write_file(o, &bytes)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&bytes) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::io(Path::new("<stdout>"), &e));
                }
            }
        }
    }
    Ok(0)
}

/// Write a file atomically, making its folder first.
fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    }
    qujat::batch::write_atomic(target, bytes)
}

fn list_templates(format: CheckFormat, templates: &[PathBuf]) -> Result<u8> {
    let reg = registry(templates, &[])?;
    let out = match format {
        CheckFormat::Json => {
            let list: Vec<serde_json::Value> = reg
                .templates
                .values()
                .map(|t| serde_json::json!({"name": t.name, "origin": t.origin, "title": t.schema.title, "description": t.schema.description, "fields": fields_json(&t.schema.fields)}))
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({"templates": list})).expect("plain data") + "\n"
        }
        CheckFormat::Human => {
            let mut s = String::new();
            for t in reg.templates.values() {
                s.push_str(&format!("{}  ({})\n  {}\n", t.name, t.origin, t.schema.title));
                fields_human(&t.schema.fields, 2, &mut s);
                s.push('\n');
            }
            s
        }
    };
    print!("{out}");
    Ok(0)
}

fn type_name(t: &qujat::generate::schema::Type) -> String {
    use qujat::generate::schema::Type;
    match t {
        Type::String => "string".into(),
        Type::Text => "text".into(),
        Type::Date => "date".into(),
        Type::Integer => "integer".into(),
        Type::Bool => "bool".into(),
        Type::List(item) => format!("list of {}", type_name(&item.ty)),
        Type::Object(_) => "object".into(),
    }
}

fn fields_json(fields: &[(String, qujat::generate::schema::Field)]) -> Vec<serde_json::Value> {
    fields
        .iter()
        .map(|(n, f)| {
            let mut v = serde_json::json!({"name": n, "type": type_name(&f.ty), "required": f.required, "doc": f.doc});
            if let Some(fs) = f.subfields() {
                v["fields"] = serde_json::Value::Array(fields_json(fs));
            }
            v
        })
        .collect()
}

fn fields_human(fields: &[(String, qujat::generate::schema::Field)], indent: usize, s: &mut String) {
    for (n, f) in fields {
        let req = if f.required { "" } else { ", optional" };
        let doc = if f.doc.is_empty() { String::new() } else { format!(" — {}", f.doc) };
        s.push_str(&format!("{:indent$}{n}: {}{req}{doc}\n", "", type_name(&f.ty)));
        if let Some(fs) = f.subfields() {
            fields_human(fs, indent + 2, s);
        }
    }
}

/// The main job: the corpus, then every template's example in all three formats.
fn build(out: &Path) -> Result<u8> {
    let mut code = corpus(Path::new("corpus/raw"), Path::new("corpus/acts"))?;
    let reg = registry(&[], &[])?;
    println!();
    println!("{:<28} {:>8} {:>8} {:>9}  files", "template", "md", "html", "pdf");
    for t in reg.templates.values() {
        let Some(example) = &t.example else { continue };
        let record = match serde_yaml::from_str::<serde_yaml::Value>(example)
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string()))
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("qujat: templates/{}/example.yaml: {e}", t.name);
                code = 1;
                continue;
            }
        };
        let rendered = reg.render(&t.name, &record, &format!("templates/{}/example.yaml", t.name)).and_then(|md| {
            let title = t.title_for(&record);
            let html = qujat::render::html(&md, &title);
            let pdf = qujat::render::pdf(&md, &title)?;
            Ok((md, html, pdf))
        });
        match rendered {
            Ok((md, html, pdf)) => {
                let base = out.join(&t.name);
                write_file(&base.with_extension("md"), md.as_bytes())?;
                write_file(&base.with_extension("html"), html.as_bytes())?;
                write_file(&base.with_extension("pdf"), &pdf)?;
                println!(
                    "{:<28} {:>7}B {:>7}B {:>8}B  {}.{{md,html,pdf}}",
                    t.name,
                    md.len(),
                    html.len(),
                    pdf.len(),
                    base.display()
                );
            }
            Err(e) => {
                eprintln!("qujat: {e}");
                code = 1;
            }
        }
    }
    Ok(code)
}

/// The worker pool. Typst's layout recurses deeply: workers get 32 MB stacks (the
/// default 2 MB overflows).
fn thread_pool(jobs: Option<usize>) -> Result<()> {
    if jobs == Some(0) {
        return Err(Error::usage("--jobs must be at least 1"));
    }
    let b = rayon::ThreadPoolBuilder::new().stack_size(32 << 20).num_threads(jobs.unwrap_or(0));
    // Only the first call configures the pool; later ones keep it.
    let _ = b.build_global();
    Ok(())
}

/// Progress: a bar with rate and ETA on a terminal, a plain line every 5 seconds otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
    last: std::sync::Mutex<std::time::Instant>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} ETA {eta}")
                    .expect("a valid template"),
            );
            b
        });
        let now = std::time::Instant::now();
        Progress { bar, start: now, last: std::sync::Mutex::new(now) }
    }
    fn tick(&self, done: usize, total: usize) {
        match &self.bar {
            Some(b) => b.set_position(done as u64),
            None => {
                let mut last = self.last.lock().expect("not poisoned");
                if last.elapsed().as_secs_f64() >= 5.0 || done == total {
                    *last = std::time::Instant::now();
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

#[allow(clippy::too_many_arguments)]
fn batch(
    name: String,
    data: &Path,
    out: PathBuf,
    formats: Vec<qujat::render::Format>,
    name_field: Option<String>,
    defaults: Option<&Path>,
    jobs: Option<usize>,
    resume: bool,
    combine: Option<PathBuf>,
    templates: &[PathBuf],
) -> Result<u8> {
    thread_pool(jobs)?;
    let reg = registry(templates, &[])?;
    reg.get(&name)?;
    let defaults = defaults.map(read_record).transpose()?;
    if defaults.as_ref().is_some_and(|d| !d.is_object()) {
        return Err(Error::input(Path::new("--defaults"), "must be a mapping of fields"));
    }
    let records = qujat::batch::load(data)?;
    let total = records.len();
    let mut formats = formats;
    formats.sort();
    formats.dedup();
    let opts = qujat::batch::Options {
        template: name,
        formats,
        out: out.clone(),
        name_field,
        defaults,
        resume,
        combine: combine.clone(),
        source: data.display().to_string(),
    };
    let progress = Progress::new(total);
    let t = std::time::Instant::now();
    let sum = qujat::batch::run(&reg, records.into_iter(), total, &opts, &|d, n| progress.tick(d, n))?;
    progress.finish();
    for (row, error) in &sum.failures {
        eprintln!("qujat: {} row {row}: {error}", data.display());
    }
    let (ok, kept, failed) = (sum.ok, sum.kept, sum.failed);
    eprintln!(
        "batch: {total} records in {:.1} s: {ok} written, {kept} kept (unchanged), {failed} failed; manifest {}{}",
        t.elapsed().as_secs_f64(),
        out.join("manifest.csv").display(),
        combine.map(|c| format!("; all in {}", c.display())).unwrap_or_default()
    );
    Ok(if failed > 0 { 1 } else { 0 })
}

/// One-page letters to PDF on all cores: letters per second and peak memory.
fn bench_batch(count: usize, jobs: Option<usize>) -> Result<u8> {
    thread_pool(jobs)?;
    let reg = registry(&[], &[])?;
    let t = reg.get("official-letter")?;
    let base: serde_json::Value = serde_yaml::from_str::<serde_yaml::Value>(t.example.as_deref().unwrap_or_default())
        .ok()
        .and_then(|v| serde_json::to_value(v).ok())
        .ok_or_else(|| Error::usage("the official-letter example does not parse"))?;
    // Records are made as the batch asks for them, as a CSV reader would read them.
    let records = (0..count).map(|i| {
        let mut r = base.clone();
        r["number"] = format!("03-{}", 2530 + i).into();
        r["addressees"] = serde_json::json!([format!("№ {} мектептің директоры", i + 1)]);
        qujat::batch::Record { row: i + 1, data: Ok(r) }
    });
    let dir = std::env::temp_dir().join(format!("qujat-bench-batch-{}", std::process::id()));
    let opts = qujat::batch::Options {
        template: "official-letter".into(),
        formats: vec![qujat::render::Format::Pdf],
        out: dir.clone(),
        name_field: None,
        defaults: None,
        resume: false,
        combine: None,
        source: "bench".into(),
    };
    let start = std::time::Instant::now();
    let sum = qujat::batch::run(&reg, records, count, &opts, &|_, _| {})?;
    let secs = start.elapsed().as_secs_f64();
    let (ok, failed) = (sum.ok, sum.failed);
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "batch: {count} one-page letters to PDF ({ok} ok, {failed} failed) on {} threads in {secs:.2} s",
        rayon::current_num_threads()
    );
    println!(
        "rate: {:.0} letters/s; peak memory {:.0} MB",
        count as f64 / secs,
        qujat::batch::peak_rss().unwrap_or(0) as f64 / 1e6
    );
    match which("typst") {
        Some(typst) => bench_typst_cli(&typst, &reg, &base, count.min(200))?,
        None => println!("typst CLI: not installed, no side-by-side figure (install typst-cli to compare)"),
    }
    Ok(0)
}

fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join(cmd)).find(|f| f.is_file()))
}

/// The same letters with one `typst compile` process each (fonts from a folder).
fn bench_typst_cli(typst: &Path, reg: &qujat::generate::Registry, base: &serde_json::Value, n: usize) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("qujat-bench-typst-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("fonts")).map_err(|e| Error::io(&dir, &e))?;
    for f in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let src = Path::new("fonts").join(format!("LiberationSerif-{f}.ttf"));
        std::fs::copy(&src, dir.join("fonts").join(src.file_name().unwrap())).map_err(|e| Error::io(&src, &e))?;
    }
    std::fs::write(dir.join("main.typ"), qujat::render::DOCUMENT).map_err(|e| Error::io(&dir, &e))?;
    let mut inputs = Vec::new();
    for i in 0..n {
        let mut r = base.clone();
        r["number"] = format!("03-{}", 2530 + i).into();
        let md = reg.render("official-letter", &r, "bench")?;
        inputs.push(serde_json::to_string(&qujat::render::doc_tree(&md, "t")).expect("plain data"));
    }
    let start = std::time::Instant::now();
    inputs.par_iter().enumerate().try_for_each(|(i, doc)| -> Result<()> {
        let st = std::process::Command::new(typst)
            .args(["compile", "--font-path", "fonts", "--ignore-system-fonts", "--input"])
            .arg(format!("doc={doc}"))
            .arg("main.typ")
            .arg(format!("{i}.pdf"))
            .current_dir(&dir)
            .status()
            .map_err(|e| Error::io(typst, &e))?;
        if st.success() {
            Ok(())
        } else {
            Err(Error::usage("typst compile failed"))
        }
    })?;
    let secs = start.elapsed().as_secs_f64();
    println!("typst CLI: {n} letters, one process each, in {secs:.2} s: {:.0} letters/s", n as f64 / secs);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `qujat check`: exit 1 if any draft has an error; I/O and usage problems are exit 2.
fn check(files: &[PathBuf], dirs: &[PathBuf], format: CheckFormat, force_markdown: bool) -> Result<u8> {
    // I/O problems of `check` are exit 2, as for usage: the check itself did not run.
    let as_usage = |e: Error| Error { kind: qujat::error::ErrorKind::Usage, ..e };
    let mut corpus = qujat::corpus::Corpus::bundled();
    for d in dirs {
        corpus.add_dir(d).map_err(as_usage)?;
    }
    let mut all = qujat::cite::Checked::default();
    let mut human = String::new();
    for f in files {
        let bytes = read(f).map_err(as_usage)?;
        let decoded = qujat::text::decode(&bytes, f).map_err(as_usage)?;
        let md = qujat::text::is_markdown(f, &decoded.text, force_markdown);
        let name = f.display().to_string();
        let checked = qujat::cite::check(&decoded.text, &name, md, &corpus);
        if let CheckFormat::Human = format {
            human.push_str(&qujat::cite::report::human(&checked, &name, &decoded.text));
        }
        all.diagnostics.extend(checked.diagnostics);
        all.citations.extend(checked.citations);
    }
    let out = match format {
        CheckFormat::Human => human,
        CheckFormat::Json => qujat::cite::report::json(&all),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::io(Path::new("<stdout>"), &e)),
        _ => {}
    }
    Ok(if all.errors() > 0 { 1 } else { 0 })
}

/// `inflect --tsv`: one form per input line; bad lines are reported, never dropped silently.
fn inflect_tsv() -> Result<u8> {
    use std::io::BufRead;
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad = 0;
    let mut form_buf = String::new();
    for (i, line) in stdin.lines().enumerate() {
        let line = line.map_err(|e| Error::io(Path::new("<stdin>"), &e))?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        match qujat::lang::noun::parse_tsv_line(line) {
            Ok(None) => writeln!(out, "{line}"),
            Ok(Some((lemma, form))) => {
                form_buf.clear();
                form_buf.push_str(&qujat::lang::inflect_phrase(lemma, form));
                writeln!(out, "{line}\t{form_buf}")
            }
            Err(msg) => {
                bad += 1;
                eprintln!("qujat: <stdin>:{}: {msg}", i + 1);
                Ok(())
            }
        }
        .map_err(|e| Error::io(Path::new("<stdout>"), &e))?;
    }
    out.flush().map_err(|e| Error::io(Path::new("<stdout>"), &e))?;
    Ok(if bad > 0 { 1 } else { 0 })
}

/// Milliseconds to check a long draft against a large corpus (the corpus loaded once, as
/// an editor would keep it).
fn bench_check(acts: usize, pages: usize, seconds: f64) -> Result<u8> {
    if acts == 0 || pages == 0 {
        return Err(Error::usage("bench check: --acts and --pages must be at least 1"));
    }
    let t = std::time::Instant::now();
    let corpus = qujat::cite::synth::corpus(acts);
    let build = t.elapsed().as_secs_f64();
    let draft = qujat::cite::synth::draft(&corpus, pages);
    let first = qujat::cite::check(&draft, "draft.md", true, &corpus);
    let (times, _) = time_rounds(seconds, || {
        std::hint::black_box(qujat::cite::check(&draft, "draft.md", true, &corpus).citations.len());
    });
    let times: Vec<f64> = times.iter().map(|t| t * 1e3).collect();
    println!(
        "check: draft {} pages ({:.0} KB, {} references, {} resolved, {} errors), corpus {} acts (built in {:.2} s)",
        pages,
        draft.len() as f64 / 1e3,
        first.citations.len(),
        first.citations.iter().filter(|c| c.resolved).count(),
        first.errors(),
        corpus.len(),
        build
    );
    println!("time: {:.1} ms median, {:.1} ms best, {} runs (one core)", times[times.len() / 2], times[0], times.len());
    Ok(0)
}

/// Forms per second of the inflector on one core.
fn bench_inflect(seconds: f64) -> Result<u8> {
    use qujat::lang::{noun, Form};
    let lemmas: Vec<&str> = include_str!("../tests/fixtures/inflection/lemmas.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
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
        std::hint::black_box(bytes)
    };
    round();
    let (times, total) = time_rounds(seconds, || {
        round();
    });
    let per_round = (lemmas.len() * forms.len()) as f64;
    println!(
        "inflect: {} lemmas × {} forms per round, {} rounds in {:.2} s",
        lemmas.len(),
        forms.len(),
        times.len(),
        total
    );
    println!(
        "throughput: {:.0} forms/s median round, {:.0} forms/s best round, {:.0} forms/s overall (one core)",
        per_round / times[times.len() / 2],
        per_round / times[0],
        per_round * times.len() as f64 / total
    );
    Ok(0)
}

fn yaml_name(file: &Path) -> String {
    format!("{}.yaml", file.file_stem().and_then(|s| s.to_str()).unwrap_or("act"))
}

/// The input files of a folder, sorted (so output order is stable).
fn texts_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "markdown")))
        .collect();
    files.sort();
    Ok(files)
}

/// The main job: parse every raw text into clause YAML and print a summary table.
fn corpus(raw: &Path, out: &Path) -> Result<u8> {
    let files = texts_in(raw)?;
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, &e))?;
    println!(
        "{:<28} {:<10} {:>10} {:>7} {:>3} {:>5} {:>4} {:>5} {:>5} {:>4} {:>3}  id",
        "file", "type", "date", "number", "prt", "chap", "cls", "sub", "item", "defs", "res"
    );
    let mut failed = 0;
    for f in &files {
        let display = format!("{}/{}", raw.display(), f.file_name().unwrap().to_string_lossy());
        match qujat::parse::parse_file(f, &display, false) {
            Ok(p) => {
                let a = &p.act;
                let mut counts = [0usize; 4];
                for part in &a.parts {
                    part.walk(&mut |u| {
                        use qujat::model::UnitKind::*;
                        let k = match u.kind {
                            Chapter | Section | Article => 0,
                            Clause | Part => 1,
                            Subclause => 2,
                            Item => 3,
                        };
                        counts[k] += 1;
                    });
                }
                println!(
                    "{:<28} {:<10} {:>10} {:>7} {:>3} {:>5} {:>4} {:>5} {:>5} {:>4} {:>3}  {}",
                    f.file_name().unwrap().to_string_lossy(),
                    a.meta.act_type.as_deref().unwrap_or("-"),
                    a.meta.date.as_deref().unwrap_or("-"),
                    a.meta.number.as_deref().unwrap_or("-"),
                    a.parts.len(),
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3],
                    a.definitions.len(),
                    a.residue.len(),
                    a.id
                );
                write_file(&out.join(yaml_name(f)), a.to_yaml().as_bytes())?;
            }
            Err(e) => {
                eprintln!("qujat: {e}");
                failed += 1;
            }
        }
    }
    println!("{} files, {} parsed into {}", files.len(), files.len() - failed, out.display());
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Run `round` for at least `seconds` (and five rounds), and return each round's time in
/// seconds, sorted, with their total. A shared machine steals time now and then, so the
/// benchmarks report the median and the best round as well as the overall rate.
fn time_rounds(seconds: f64, mut round: impl FnMut()) -> (Vec<f64>, f64) {
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    while start.elapsed().as_secs_f64() < seconds || times.len() < 5 {
        let t = std::time::Instant::now();
        round();
        times.push(t.elapsed().as_secs_f64());
    }
    let total = times.iter().sum();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times, total)
}

/// Throughput of normalize + parse on one core, over the texts of a folder.
fn bench(dir: &Path, seconds: f64) -> Result<u8> {
    let files = texts_in(dir)?;
    let inputs: Vec<(PathBuf, Vec<u8>)> =
        files.iter().map(|f| read(f).map(|b| (f.clone(), b))).collect::<Result<_>>()?;
    let bytes_per_round: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    if bytes_per_round == 0 {
        return Err(Error::usage(format!("{}: no .txt or .md files to measure", dir.display())));
    }
    // Warm up (lexicon, regexes).
    for (p, b) in &inputs {
        let _ = qujat::parse::parse_bytes(b, p, "bench", false);
    }
    let (times, total) = time_rounds(seconds, || {
        for (p, b) in &inputs {
            let parsed = qujat::parse::parse_bytes(b, p, "bench", false);
            std::hint::black_box(&parsed.map(|p| p.act.parts.len()).unwrap_or(0));
        }
    });
    let mb = bytes_per_round as f64 / 1e6;
    println!(
        "normalize+parse: {} files, {:.1} KB per round, {} rounds in {:.2} s",
        inputs.len(),
        bytes_per_round as f64 / 1e3,
        times.len(),
        total
    );
    println!(
        "throughput: {:.1} MB/s median round, {:.1} MB/s best round, {:.1} MB/s overall (one core)",
        mb / times[times.len() / 2],
        mb / times[0],
        mb * times.len() as f64 / total
    );
    Ok(0)
}
