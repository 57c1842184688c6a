//! Jobs that run several stages over many inputs, for every front end (the CLI today, the
//! web server next): the corpus run with its summary, and the main `build`. Each returns
//! what it did; printing is the caller's business.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::{bundled_texts, Corpus};
use crate::error::{Error, Result};
use crate::generate::Registry;
use crate::model::Act;

/// The bundled corpus with the clause YAML of `dirs` added.
pub fn corpus_with(dirs: &[PathBuf]) -> Result<Corpus> {
    if dirs.is_empty() {
        return Ok(Corpus::bundled());
    }
    // The bundled acts are parsed on a second core while the folders' indexes are read
    // (a start-up of a check against 100,000 acts is mostly these two).
    std::thread::scope(|s| {
        let bundled = s.spawn(crate::corpus::bundled_acts);
        let mut corpus = Corpus::default();
        for d in dirs {
            corpus.add_dir(d)?;
        }
        for act in bundled.join().expect("parsing the bundled corpus does not panic") {
            corpus.add_unless_newer(act.clone());
        }
        Ok(corpus)
    })
}

/// The bundled templates and those of `templates`, over the bundled corpus and `corpus_dirs`.
pub fn registry(templates: &[PathBuf], corpus_dirs: &[PathBuf]) -> Result<Registry> {
    registry_with(templates, corpus_dirs, &[])
}

/// [`registry`] with `extra` acts added to the corpus last (the web page's uploads).
pub fn registry_with(templates: &[PathBuf], corpus_dirs: &[PathBuf], extra: &[Act]) -> Result<Registry> {
    let mut corpus = corpus_with(corpus_dirs)?;
    for act in extra {
        corpus.add(act.clone());
    }
    let mut r = Registry::bundled(Arc::new(corpus));
    for d in templates {
        r.add_dir(d)?;
    }
    Ok(r)
}

/// One parsed text of a corpus run.
pub struct Row {
    pub file: String,
    pub act: Act,
}

/// What a corpus run did: a row per parsed text, the texts that failed, where the YAML went.
pub struct CorpusRun {
    pub rows: Vec<Row>,
    pub failures: Vec<Error>,
    pub source: String,
    pub out: Option<PathBuf>,
}

/// The name of a text's clause YAML: `<stem>.yaml`.
pub fn yaml_name(file: &Path) -> String {
    format!("{}.yaml", file.file_stem().and_then(|s| s.to_str()).unwrap_or("act"))
}

/// Parse every text of `raw` (or the bundled corpus) and, with `out`, write one clause
/// YAML per text there. A text that fails is reported; the others are still parsed.
pub fn corpus(raw: Option<&Path>, out: Option<&Path>) -> Result<CorpusRun> {
    let mut failures = Vec::new();
    let texts: Vec<(String, PathBuf, Vec<u8>)> = match raw {
        Some(dir) => {
            let mut v = Vec::new();
            for f in crate::io::files_in(dir, &["txt", "md", "markdown"])? {
                let display = format!("{}/{}", dir.display(), f.file_name().unwrap_or_default().to_string_lossy());
                // One unreadable file (a dangling link, a folder named x.txt) is reported;
                // the others are still parsed.
                match crate::io::read(&f) {
                    Ok(bytes) => v.push((display, f.clone(), bytes)),
                    Err(e) => failures.push(e),
                }
            }
            v
        }
        None => bundled_texts().map(|t| (t.display(), PathBuf::from(t.name), t.bytes.to_vec())).collect(),
    };
    if texts.is_empty() && failures.is_empty() {
        return Err(Error::input(raw.unwrap_or(Path::new("corpus")), "no .txt or .md texts in this folder"));
    }
    if let Some(o) = out {
        crate::io::create_dir(o)?;
    }
    let source = raw.map_or("the bundled corpus (corpus/raw, corpus/laws)".into(), |d| d.display().to_string());
    let mut run = CorpusRun { rows: Vec::new(), failures, source, out: out.map(Path::to_path_buf) };
    for (display, path, bytes) in texts {
        match crate::parse::parse_bytes(&bytes, &path, &display, false) {
            Ok(p) => {
                if let Some(o) = out {
                    crate::io::write_atomic(&o.join(yaml_name(&path)), p.act.to_yaml().as_bytes())?;
                }
                let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                run.rows.push(Row { file, act: p.act });
            }
            Err(e) => run.failures.push(e),
        }
    }
    if raw.is_none() {
        // The bundled laws (corpus/laws), read with their meta.yaml as an import reads them.
        for (name, kaz, meta) in crate::corpus::bundled_laws() {
            match crate::corpus::import::bundled_law(name, kaz, meta) {
                Ok(act) => {
                    if let Some(o) = out {
                        crate::io::write_atomic(&o.join(format!("{name}.yaml")), act.to_yaml().as_bytes())?;
                    }
                    run.rows.push(Row { file: format!("laws/{name}"), act });
                }
                Err(e) => run.failures.push(e),
            }
        }
    }
    Ok(run)
}

impl fmt::Display for CorpusRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = ["file", "type", "date", "number", "prt", "chap", "cls", "sub", "item", "defs", "res"];
        let h = head;
        writeln!(
            f,
            "{:<40} {:<10} {:>10} {:>7} {:>3} {:>5} {:>4} {:>5} {:>5} {:>4} {:>3}  id",
            h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10]
        )?;
        for Row { file, act: a } in &self.rows {
            let c = a.counts();
            writeln!(
                f,
                "{:<40} {:<10} {:>10} {:>7} {:>3} {:>5} {:>4} {:>5} {:>5} {:>4} {:>3}  {}",
                file,
                a.meta.act_type.as_deref().unwrap_or("-"),
                a.meta.date.as_deref().unwrap_or("-"),
                a.meta.number.as_deref().unwrap_or("-"),
                a.parts.len(),
                c.sections + c.chapters + c.articles,
                c.clauses + c.parts,
                c.subclauses,
                c.items,
                a.definitions.len(),
                a.residue.len(),
                a.id
            )?;
        }
        let total = self.rows.len() + self.failures.len();
        match &self.out {
            Some(o) => writeln!(f, "{total} files, {} parsed into {}", self.rows.len(), o.display()),
            None => {
                writeln!(f, "{total} files of {}, {} parsed (no -o: nothing written)", self.source, self.rows.len())
            }
        }
    }
}

/// One rendered example of `build`.
pub struct Example {
    pub template: String,
    /// OUT/<template>, without extension.
    pub base: PathBuf,
    pub sizes: [usize; 3],
}

/// What `build` did.
pub struct Build {
    pub corpus: CorpusRun,
    pub examples: Vec<Example>,
    pub failures: Vec<Error>,
}

/// The main job: parse the bundled corpus into OUT/acts, and render every bundled
/// template's example to OUT in Markdown, HTML and PDF. Nothing is written outside OUT.
pub fn build(out: &Path) -> Result<Build> {
    let corpus = corpus(None, Some(&out.join("acts")))?;
    let reg = registry(&[], &[])?;
    let mut b = Build { corpus, examples: Vec::new(), failures: Vec::new() };
    for t in reg.templates.values().filter(|t| t.example.is_some()) {
        let rendered = t.example_record().and_then(|record| {
            let md = reg.render(&t.name, &record, &t.example_path().display().to_string())?;
            let title = t.title_for(&record);
            let html = crate::render::html(&md, &title);
            let pdf = crate::render::pdf(&md, &title)?;
            Ok((md, html, pdf))
        });
        match rendered {
            Ok((md, html, pdf)) => {
                let base = out.join(&t.name);
                crate::io::write_atomic(&base.with_extension("md"), md.as_bytes())?;
                crate::io::write_atomic(&base.with_extension("html"), html.as_bytes())?;
                crate::io::write_atomic(&base.with_extension("pdf"), &pdf)?;
                b.examples.push(Example { template: t.name.clone(), base, sizes: [md.len(), html.len(), pdf.len()] });
            }
            Err(e) => b.failures.push(e),
        }
    }
    Ok(b)
}

impl fmt::Display for Build {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.corpus)?;
        writeln!(f, "{:<28} {:>8} {:>8} {:>9}  files", "template", "md", "html", "pdf")?;
        for e in &self.examples {
            let [md, html, pdf] = e.sizes;
            writeln!(f, "{:<28} {md:>7}B {html:>7}B {pdf:>8}B  {}.{{md,html,pdf}}", e.template, e.base.display())?;
        }
        Ok(())
    }
}

/// What `check` found over several drafts.
pub struct CheckRun {
    /// Diagnostics and citations of every draft that could be read.
    pub checked: crate::cite::Checked,
    /// The human report (file:line:col, the line, the reference underlined), draft by draft.
    pub human: String,
    /// Drafts that could not be read; the others are still checked.
    pub failures: Vec<Error>,
}

/// Check drafts (paths, `-` for standard input) against the bundled corpus and
/// `corpus_dirs`. `markdown` forces Markdown; otherwise it is detected.
pub fn check(drafts: &[PathBuf], corpus_dirs: &[PathBuf], markdown: bool) -> Result<CheckRun> {
    let corpus = corpus_with(corpus_dirs)?;
    let mut run = CheckRun { checked: Default::default(), human: String::new(), failures: Vec::new() };
    for f in drafts {
        let read = crate::io::read_input(f).and_then(|input| {
            let decoded = crate::text::decode(&input.bytes, &input.path)?;
            let md = crate::text::is_markdown(&input.path, &decoded.text, markdown);
            Ok((input.name(), decoded.text, md, decoded.paragraphs))
        });
        let (name, text, md, paragraphs) = match read {
            Ok(r) => r,
            Err(e) => {
                run.failures.push(e);
                continue;
            }
        };
        let checked = check_text(&text, &name, md, paragraphs, &corpus);
        run.human.push_str(&crate::cite::report::human(&checked, &name, &text));
        run.checked.diagnostics.extend(checked.diagnostics);
        run.checked.citations.extend(checked.citations);
    }
    Ok(run)
}

/// Check one draft's text, decoded already: `markdown` says whether it is read as
/// Markdown (see [`crate::text::is_markdown`]) and `paragraphs` whether its lines are a
/// Word file's paragraphs, so that positions are reported as paragraphs.
pub fn check_text(text: &str, name: &str, markdown: bool, paragraphs: bool, corpus: &Corpus) -> crate::cite::Checked {
    let mut checked = crate::cite::check(text, name, markdown, corpus);
    if paragraphs {
        checked.in_paragraphs();
    }
    checked
}

/// Render one record (a file, `-` for standard input) with a template, in a format.
pub fn render(
    template: &str,
    data: &Path,
    format: crate::render::Format,
    templates: &[PathBuf],
    corpus_dirs: &[PathBuf],
) -> Result<Vec<u8>> {
    let reg = registry(templates, corpus_dirs)?;
    let t = reg.get(template)?;
    let record = crate::records::read_one(data)?;
    let name = if crate::io::is_stdin(data) { crate::io::STDIN_NAME.into() } else { data.display().to_string() };
    let md = reg.render(template, &record, &name)?;
    crate::render::render(&md, &t.title_for(&record), format)
}

/// Today's date, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    crate::lang::date::Date::today().iso()
}

/// Whether an act that lost force ("2025-12-30+60": the ending act and its delay) is out
/// of force on `on`: "lost force" from the ending act's date plus the delay (the delay
/// runs from publication, which is on or after that date, so this is the earliest day);
/// "ending" between the act's date and then.
pub fn status(lost_force: Option<&str>, on: &str) -> String {
    use crate::lang::date::Date;
    let Some(lf) = lost_force else { return "in force".into() };
    let (date, delay) = match lf.split_once('+') {
        Some((d, n)) => (d, n.parse::<i64>().unwrap_or(0)),
        None => (lf, 0),
    };
    let (Some(d), Some(on_d)) = (Date::from_iso(date), Date::from_iso(on)) else { return format!("lost force {lf}") };
    let from = d.plus_days(delay).unwrap_or(d);
    if on_d >= from {
        format!("lost force {}", from.iso())
    } else if on_d >= d {
        format!("ending (repealed {date}, +{delay} days)")
    } else {
        "in force".into()
    }
}

/// `qujat corpus list`: one line per act, sorted by id.
pub fn listing(corpus: &Corpus, on: &str) -> String {
    let rows = corpus.listing();
    let mut out = format!(
        "{:<44} {:<10} {:>10} {:>12} {:>10} {:>4}  {:<28} title\n",
        "id", "type", "date", "number", "version", "vers", "status"
    );
    for r in &rows {
        let title: String = r.title.as_deref().unwrap_or("-").chars().take(70).collect();
        out.push_str(&format!(
            "{:<44} {:<10} {:>10} {:>12} {:>10} {:>4}  {:<28} {}\n",
            r.id,
            r.act_type.as_deref().unwrap_or("-"),
            r.date.as_deref().unwrap_or("-"),
            r.number.as_deref().unwrap_or("-"),
            r.version.as_deref().unwrap_or("-"),
            r.versions,
            status(r.lost_force.as_deref(), on),
            title
        ));
    }
    out.push_str(&format!("{} acts (status on {on})\n", rows.len()));
    out
}

/// The table `qujat corpus import` ends with: acts per type, new and known versions,
/// failures, size and speed.
pub fn import_summary(run: &crate::corpus::import::ImportRun) -> String {
    use std::collections::BTreeMap;
    let mut by_type: BTreeMap<&str, (usize, usize, u64)> = BTreeMap::new();
    for i in &run.imported {
        let e = by_type.entry(i.act_type.as_deref().unwrap_or("-")).or_default();
        if i.new {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
        e.2 += i.bytes;
    }
    let mut out = format!("{:<14} {:>8} {:>10} {:>10}\n", "type", "new", "re-read", "MB");
    for (t, (n, k, b)) in &by_type {
        out.push_str(&format!("{t:<14} {n:>8} {k:>10} {:>10.1}\n", *b as f64 / 1e6));
    }
    let mb = run.bytes as f64 / 1e6;
    out.push_str(&format!(
        "{} act folders: {} imported, {} skipped (reported above); {:.1} MB in {:.2} s ({:.1} MB/s)\n",
        run.folders,
        run.imported.len(),
        run.failures.len(),
        mb,
        run.seconds,
        mb / run.seconds.max(1e-9)
    ));
    out.push_str(&format!("{}: {} acts, {} versions\n", run.out.display(), run.acts_in_corpus, run.versions_in_corpus));
    out
}
