//! The `qujat` command line: clap definitions, calls into the library, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qujat::error::{Error, Result};

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
    #[command(after_help = "Examples:\n  qujat check draft.md\n  qujat check --format json draft.txt\n  qujat check --corpus my-acts/ drafts/*.md")]
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
    #[command(after_help = "Examples:\n  qujat render council-decision --data templates/council-decision/example.yaml -o decision.pdf\n  qujat render official-letter --data letter.yaml --format html")]
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
    #[command(after_help = "Examples:\n  qujat inflect тармақ --case dat --possessive 3   # тармағына\n  qujat inflect бап --case gen --plural           # баптардың\n  printf 'халық\\tsg\\tpx3\\tnom\\n' | qujat inflect --tsv")]
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
    #[command(after_help = "Examples:\n  qujat date 2026-01-05              # 2026 жылғы 5 қаңтардағы\n  qujat date 2026-01-05 --case loc   # 2026 жылғы 5 қаңтарда\n  qujat date 2026-01-05 --short      # 05.01.2026 ж.")]
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
                                write_atomic(&target, yaml.as_bytes())?;
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
        Command::Render { name, data, format, out, templates, corpus } => render(&name, &data, format, out.as_deref(), &templates, &corpus),
        Command::Templates { format, templates } => list_templates(format, &templates),
        Command::Build { out } => build(&out),
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
            let d = qujat::lang::date::Date::from_iso(&date).ok_or_else(|| Error::usage(format!("date: '{date}' is not a valid date YYYY-MM-DD")))?;
            if short {
                println!("{}", qujat::lang::date::short(d));
            } else {
                let form = qujat::lang::date::DateForm::parse(&case)
                    .ok_or_else(|| Error::usage(format!("date: unknown --case '{case}' (attr, nom, gen, dat, acc, loc, abl, ins)")))?;
                println!("{}", qujat::lang::date::phrase(d, form));
            }
            Ok(0)
        }
        Command::Bench { what: Some(BenchWhat::Inflect { seconds }), .. } => bench_inflect(seconds),
        Command::Bench { what: Some(BenchWhat::Check { acts, pages, seconds }), .. } => bench_check(acts, pages, seconds),
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

/// The document's title: the schema's, with the record's number when it has one.
fn doc_title(t: &qujat::generate::Template, data: &serde_json::Value) -> String {
    let base = if t.schema.title.is_empty() { t.name.clone() } else { t.schema.title.clone() };
    match data.get("number").map(|n| n.as_str().map(str::to_string).unwrap_or_else(|| n.to_string())) {
        Some(n) => format!("{base} № {n}"),
        None => base,
    }
}

fn render(name: &str, data: &Path, format: Option<qujat::render::Format>, out: Option<&Path>, templates: &[PathBuf], corpus: &[PathBuf]) -> Result<u8> {
    use qujat::render::Format;
    let from_ext = out.and_then(|o| o.extension()).and_then(|e| e.to_str()).and_then(Format::parse);
    let format = match (format, from_ext) {
        (Some(f), Some(e)) if f != e => return Err(Error::usage(format!("--format {} but -o ends in .{}", f.ext(), e.ext()))),
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => Format::Md,
    };
    let reg = registry(templates, corpus)?;
    let t = reg.get(name)?;
    let record = read_record(data)?;
    let md = reg.render(name, &record, &data.display().to_string())?;
    let bytes = qujat::render::render(&md, &doc_title(t, &record), format)?;
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

/// Write a file atomically (a temporary file next to it, then a rename).
fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    }
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, &e))?;
    std::fs::rename(&tmp, target).map_err(|e| Error::io(target, &e))
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
    use qujat::generate::schema::Type;
    fields
        .iter()
        .map(|(n, f)| {
            let mut v = serde_json::json!({"name": n, "type": type_name(&f.ty), "required": f.required, "doc": f.doc});
            let inner = match &f.ty {
                Type::Object(fs) => Some(fs),
                Type::List(item) => match &item.ty {
                    Type::Object(fs) => Some(fs),
                    _ => None,
                },
                _ => None,
            };
            if let Some(fs) = inner {
                v["fields"] = serde_json::Value::Array(fields_json(fs));
            }
            v
        })
        .collect()
}

fn fields_human(fields: &[(String, qujat::generate::schema::Field)], indent: usize, s: &mut String) {
    use qujat::generate::schema::Type;
    for (n, f) in fields {
        let req = if f.required { "" } else { ", optional" };
        let doc = if f.doc.is_empty() { String::new() } else { format!(" — {}", f.doc) };
        s.push_str(&format!("{:indent$}{n}: {}{req}{doc}\n", "", type_name(&f.ty)));
        let inner = match &f.ty {
            Type::Object(fs) => Some(fs),
            Type::List(item) => match &item.ty {
                Type::Object(fs) => Some(fs),
                _ => None,
            },
            _ => None,
        };
        if let Some(fs) = inner {
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
        let record = match serde_yaml::from_str::<serde_yaml::Value>(example).map_err(|e| e.to_string()).and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string())) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("qujat: templates/{}/example.yaml: {e}", t.name);
                code = 1;
                continue;
            }
        };
        let rendered = reg.render(&t.name, &record, &format!("templates/{}/example.yaml", t.name)).and_then(|md| {
            let title = doc_title(t, &record);
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
                println!("{:<28} {:>7}B {:>7}B {:>8}B  {}.{{md,html,pdf}}", t.name, md.len(), html.len(), pdf.len(), base.display());
            }
            Err(e) => {
                eprintln!("qujat: {e}");
                code = 1;
            }
        }
    }
    Ok(code)
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
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    while start.elapsed().as_secs_f64() < seconds || times.len() < 5 {
        let t = std::time::Instant::now();
        std::hint::black_box(qujat::cite::check(&draft, "draft.md", true, &corpus).citations.len());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
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
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    while start.elapsed().as_secs_f64() < seconds || times.len() < 5 {
        let t = std::time::Instant::now();
        round();
        times.push(t.elapsed().as_secs_f64());
    }
    let total: f64 = times.iter().sum();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let per_round = (lemmas.len() * forms.len()) as f64;
    println!("inflect: {} lemmas × {} forms per round, {} rounds in {:.2} s", lemmas.len(), forms.len(), times.len(), total);
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

fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = target.with_extension("yaml.tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, &e))?;
    std::fs::rename(&tmp, target).map_err(|e| Error::io(target, &e))
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
    println!("{:<28} {:<10} {:>10} {:>7} {:>3} {:>5} {:>4} {:>5} {:>5} {:>4} {:>3}  id", "file", "type", "date", "number", "prt", "chap", "cls", "sub", "item", "defs", "res");
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
                write_atomic(&out.join(yaml_name(f)), a.to_yaml().as_bytes())?;
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

/// Throughput of normalize + parse on one core, over the texts of a folder.
fn bench(dir: &Path, seconds: f64) -> Result<u8> {
    let files = texts_in(dir)?;
    let inputs: Vec<(PathBuf, Vec<u8>)> = files.iter().map(|f| read(f).map(|b| (f.clone(), b))).collect::<Result<_>>()?;
    let bytes_per_round: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    if bytes_per_round == 0 {
        return Err(Error::usage(format!("{}: no .txt or .md files to measure", dir.display())));
    }
    // Warm up (lexicon, regexes).
    for (p, b) in &inputs {
        let _ = qujat::parse::parse_bytes(b, p, "bench", false);
    }
    // Time each round: a shared machine steals time now and then, so report the median
    // and the best round as well as the overall rate.
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    while start.elapsed().as_secs_f64() < seconds || times.len() < 5 {
        let t = std::time::Instant::now();
        for (p, b) in &inputs {
            let parsed = qujat::parse::parse_bytes(b, p, "bench", false);
            std::hint::black_box(&parsed.map(|p| p.act.parts.len()).unwrap_or(0));
        }
        times.push(t.elapsed().as_secs_f64());
    }
    let total: f64 = times.iter().sum();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mb = bytes_per_round as f64 / 1e6;
    println!("normalize+parse: {} files, {:.1} KB per round, {} rounds in {:.2} s", inputs.len(), bytes_per_round as f64 / 1e3, times.len(), total);
    println!(
        "throughput: {:.1} MB/s median round, {:.1} MB/s best round, {:.1} MB/s overall (one core)",
        mb / times[times.len() / 2],
        mb / times[0],
        mb * times.len() as f64 / total
    );
    Ok(0)
}
