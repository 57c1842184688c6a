//! Batch generation (mail merge): one document per record, in parallel, with a manifest,
//! and no good record lost because of a bad one.
//!
//! Records come from YAML or JSON (a list of mappings), CSV (a header row; dotted column
//! names such as `signer.name` make nested fields, `addressees.1` list items) or XLSX
//! (the first sheet, its first row the header). Every record is checked against the
//! template's schema first; the valid ones are rendered on all cores with the one Typst
//! engine, written atomically, and listed with the failed ones in `manifest.csv`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::generate::schema::{Field, Problem, Type};
use crate::generate::Registry;
use crate::records::Record;
use crate::render::Format;

/// Text cells where the schema wants a number or true/false (CSV and XLSX have only text).
fn coerce(fields: &[(String, Field)], v: &mut Value) {
    let Some(obj) = v.as_object_mut() else { return };
    for (name, f) in fields {
        if let Some(x) = obj.get_mut(name) {
            coerce_one(f, x);
        }
    }
}

fn coerce_one(f: &Field, x: &mut Value) {
    match (&f.ty, &*x) {
        (Type::Integer, Value::String(s)) => {
            if let Ok(n) = s.trim().parse::<i64>() {
                *x = Value::from(n);
            }
        }
        (Type::Bool, Value::String(s)) => match s.trim().to_lowercase().as_str() {
            "true" | "yes" | "иә" | "1" => *x = Value::Bool(true),
            "false" | "no" | "жоқ" | "0" => *x = Value::Bool(false),
            _ => {}
        },
        (Type::List(item), Value::Array(_)) => {
            if let Value::Array(items) = x {
                for it in items {
                    coerce_one(item, it);
                }
            }
        }
        (Type::Object(fields), Value::Object(_)) => coerce(fields, x),
        _ => {}
    }
}

/// `defaults` under `record`: the record's fields win, mappings merge field by field.
pub fn merge(defaults: &Value, record: &Value) -> Value {
    match (defaults, record) {
        (Value::Object(d), Value::Object(r)) => {
            let mut out = d.clone();
            for (k, v) in r {
                let merged = match out.get(k) {
                    Some(dv) => merge(dv, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (_, r) => r.clone(),
    }
}

/// A file name from a field's value: no path separators, no `..`, no control or reserved
/// characters, not hidden, at most 80 characters. Never empty.
pub fn sanitize(name: &str) -> String {
    // Trim first: a trailing tab or newline is padding, not part of the name.
    let mut s: String =
        name.trim()
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    while s.contains("..") {
        s = s.replace("..", "_");
    }
    let s = s.trim().trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    let s: String = s.chars().take(80).collect();
    if s.is_empty() {
        "record".into()
    } else {
        s
    }
}

fn field_text(v: &Value, path: &str) -> Option<String> {
    let mut cur = v;
    for p in path.split('.') {
        cur = match cur {
            Value::Object(m) => m.get(p)?,
            Value::Array(a) => a.get(p.parse::<usize>().ok()?.checked_sub(1)?)?,
            _ => return None,
        };
    }
    match cur {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// What to do.
pub struct Options {
    pub template: String,
    pub formats: Vec<Format>,
    pub out: PathBuf,
    pub name_field: Option<String>,
    pub defaults: Option<Value>,
    pub resume: bool,
    pub combine: Option<PathBuf>,
    /// Where the records came from, for messages.
    pub source: String,
}

/// One line of the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub row: usize,
    /// File names (without the folder), one per format.
    pub files: Vec<String>,
    /// sha256 of each file, in the same order.
    pub sha256: Vec<String>,
    /// ok, kept (--resume: already there and unchanged) or failed.
    pub status: &'static str,
    pub error: String,
    /// sha256 of the record as rendered (after defaults), for --resume.
    pub record_sha256: String,
    /// The Markdown, kept only for --combine.
    pub markdown: Option<String>,
}

/// Progress callback: (done, total).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    pub ok: usize,
    pub kept: usize,
    pub failed: usize,
    /// (row, reason) of every failed record.
    pub failures: Vec<(usize, String)>,
}

/// Records are prepared and rendered this many at a time, so memory does not grow with
/// the batch: only a chunk's records and documents are alive at once.
const CHUNK: usize = 256;

/// Run a batch over records (read lazily). `total` is for progress only. Writes every
/// document and `manifest.csv` (row order), and `--combine`'s PDF.
pub fn run(
    reg: &Registry,
    records: impl Iterator<Item = Record>,
    total: usize,
    opts: &Options,
    progress: Progress,
) -> Result<Summary> {
    crate::io::create_dir(&opts.out)?;
    let template = reg.get(&opts.template)?;
    let manifest_path = opts.out.join("manifest.csv");
    let previous = if opts.resume { read_manifest(&manifest_path) } else { HashMap::new() };
    // The manifest is written as the batch goes, and put in place when complete.
    let mut manifest = csv::Writer::from_writer(crate::io::AtomicFile::create(&manifest_path)?);
    let csv_err = |e: csv::Error| Error::write(&manifest_path, e.into());
    manifest.write_record(MANIFEST_HEADER).map_err(csv_err)?;

    let mut used: HashSet<String> = HashSet::new();
    let mut summary = Summary::default();
    let mut combined: Vec<(String, String)> = Vec::new();
    let done = AtomicUsize::new(0);
    let mut records = records.peekable();
    while records.peek().is_some() {
        // 1. Validate and name a chunk in row order (names must not depend on threads).
        let chunk: Vec<(usize, Prepared)> =
            records.by_ref().take(CHUNK).map(|r| (r.row, prepare(template, opts, r, &mut used))).collect();
        // 2. Render it on all cores.
        let mut outcomes: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|(row, job)| {
                let o = match job {
                    Err(e) => Outcome {
                        row,
                        files: vec![],
                        sha256: vec![],
                        status: "failed",
                        error: e,
                        record_sha256: String::new(),
                        markdown: None,
                    },
                    Ok((data, name)) => one(reg, template, &data, &name, row, opts, &previous),
                };
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                o
            })
            .collect();
        outcomes.sort_by_key(|o| o.row);
        for o in &mut outcomes {
            match o.status {
                "ok" => summary.ok += 1,
                "kept" => summary.kept += 1,
                _ => {
                    summary.failed += 1;
                    summary.failures.push((o.row, o.error.clone()));
                }
            }
            manifest
                .write_record([
                    o.row.to_string(),
                    o.files.join(";"),
                    o.sha256.join(";"),
                    o.status.to_string(),
                    o.error.clone(),
                    o.record_sha256.clone(),
                ])
                .map_err(csv_err)?;
            if let Some(md) = o.markdown.take() {
                combined.push((md, o.files.first().cloned().unwrap_or_default()));
            }
        }
    }
    manifest.into_inner().map_err(|e| Error::write(&manifest_path, e.into_error()))?.commit()?;

    if let Some(path) = &opts.combine {
        if !combined.is_empty() {
            crate::io::write_atomic(path, &crate::render::pdf_many(&combined)?)?;
        }
    }
    Ok(summary)
}

/// Before a batch: what is wrong with the table as a whole. Columns the template does
/// not know are one warning and are dropped from every record (the --name column
/// excepted); a --name field that no record has is a usage error; a file without
/// records (a header only, or nothing) is an input error. Returns the warnings.
pub fn check_table(
    template: &crate::generate::Template,
    loaded: &mut crate::records::Loaded,
    opts: &Options,
) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    if loaded.records.is_empty() {
        let what = if loaded.columns.is_empty() { "no records" } else { "a header and no records: nothing to render" };
        return Err(Error::input(std::path::Path::new(&opts.source), what));
    }
    let known = |c: &str| template.schema.fields.iter().any(|(n, _)| n == c);
    let name_top = opts.name_field.as_deref().map(|f| f.split('.').next().unwrap_or(f).to_string());
    let unknown: Vec<String> =
        loaded.columns.iter().filter(|c| !known(c) && name_top.as_deref() != Some(c.as_str())).cloned().collect();
    if !unknown.is_empty() {
        let names: Vec<&str> = template.schema.fields.iter().map(|(n, _)| n.as_str()).collect();
        warnings.push(format!(
            "{}: columns not in the template '{}', ignored: {} (its fields: {})",
            opts.source,
            template.name,
            unknown.join(", "),
            names.join(", ")
        ));
        for r in &mut loaded.records {
            if let Ok(Value::Object(m)) = &mut r.data {
                m.retain(|k, _| !unknown.contains(k));
            }
        }
    }
    if let Some(f) = opts.name_field.as_deref() {
        let has = |r: &crate::records::Record| {
            r.data.as_ref().ok().is_some_and(|d| {
                let d = opts.defaults.as_ref().map_or_else(|| d.clone(), |b| merge(b, d));
                field_text(&d, f).is_some_and(|t| !t.trim().is_empty())
            })
        };
        if !loaded.records.iter().any(has) {
            let cols = if loaded.columns.is_empty() {
                String::new()
            } else {
                format!(" (columns: {})", loaded.columns.join(", "))
            };
            return Err(Error::usage(format!("--name {f}: no record of {} has that field{cols}", opts.source)));
        }
    }
    Ok(warnings)
}

/// Failures grouped by reason, in row order of their first row: "rows 2–13 (12 rows):
/// field 'sender' is missing" once, not twelve times.
/// A reason of several problems ("a; b") counts each apart.
pub fn group_failures(failures: &[(usize, String)]) -> Vec<(Vec<usize>, String)> {
    let mut groups: Vec<(Vec<usize>, String)> = Vec::new();
    for (row, reason) in failures {
        for problem in reason.split("; ") {
            match groups.iter_mut().find(|(_, r)| r == problem) {
                Some((rows, _)) => rows.push(*row),
                None => groups.push((vec![*row], problem.to_string())),
            }
        }
    }
    groups
}

/// "row 5", "rows 2–13 (12 rows)", "rows 2, 5, 9 (3 rows)".
pub fn rows_phrase(rows: &[usize]) -> String {
    match rows {
        [one] => format!("row {one}"),
        _ => {
            let run = rows.windows(2).all(|w| w[1] == w[0] + 1);
            let list = if run {
                format!("{}–{}", rows[0], rows[rows.len() - 1])
            } else if rows.len() <= 6 {
                rows.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
            } else {
                format!("{}, {}, … {}", rows[0], rows[1], rows[rows.len() - 1])
            };
            format!("rows {list} ({} rows)", rows.len())
        }
    }
}

/// A record ready to render (its data and file name), or why it is not.
type Prepared = std::result::Result<(Value, String), String>;

/// A record as the template gets it, and the value of its `--name` field: defaults
/// under it, a `--name` column the template does not know taken out, text cells made
/// numbers where the schema says so.
fn ready(template: &crate::generate::Template, opts: &Options, d: Value) -> (Value, Option<String>) {
    let mut d = match &opts.defaults {
        Some(base) => merge(base, &d),
        None => d,
    };
    // A --name column the template does not know (a "file" column of a spreadsheet) names
    // the file and is not template data.
    let name_value = opts.name_field.as_deref().and_then(|f| field_text(&d, f));
    if let Some(f) = opts.name_field.as_deref() {
        if !f.contains('.') && !template.schema.fields.iter().any(|(n, _)| n == f) {
            if let Some(obj) = d.as_object_mut() {
                obj.remove(f);
            }
        }
    }
    coerce(&template.schema.fields, &mut d);
    (d, name_value)
}

/// A record's problems as the batch will find them (after defaults and number cells),
/// for a front end that shows every row's validation before rendering.
pub fn problems(template: &crate::generate::Template, opts: &Options, data: &Value) -> Vec<Problem> {
    let (d, _) = ready(template, opts, data.clone());
    template.schema.validate(&d)
}

/// The record made ready, the schema checked, and a unique file name.
fn prepare(template: &crate::generate::Template, opts: &Options, r: Record, used: &mut HashSet<String>) -> Prepared {
    let (d, mut name_value) = ready(template, opts, r.data?);
    let problems = template.schema.validate(&d);
    if !problems.is_empty() {
        return Err(crate::generate::schema::sentences(&problems));
    }
    let base =
        name_value.take().map(|n| sanitize(&n)).filter(|n| n != "record").unwrap_or_else(|| format!("{:05}", r.row));
    let mut name = base.clone();
    let mut k = 2;
    // Case-insensitive: two names differing in case collide on some file systems.
    while used.contains(&name.to_lowercase()) || name.eq_ignore_ascii_case("manifest") {
        name = format!("{base}-{k}");
        k += 1;
    }
    used.insert(name.to_lowercase());
    Ok((d, name))
}

fn one(
    reg: &Registry,
    template: &crate::generate::Template,
    data: &Value,
    name: &str,
    row: usize,
    opts: &Options,
    previous: &HashMap<usize, Outcome>,
) -> Outcome {
    let record_sha256 = format!("{:x}", Sha256::digest(serde_json::to_vec(data).unwrap_or_default()));
    let files: Vec<String> = opts.formats.iter().map(|f| format!("{name}.{}", f.ext())).collect();
    // --resume: the same record rendered to the same files, still on disk and unchanged.
    if let Some(p) = previous.get(&row) {
        if p.status != "failed" && p.record_sha256 == record_sha256 && p.files == files {
            let same = files.iter().zip(&p.sha256).all(|(f, sha)| {
                crate::io::read(&opts.out.join(f)).is_ok_and(|b| format!("{:x}", Sha256::digest(&b)) == *sha)
            });
            if same {
                let markdown = if opts.combine.is_some() { reg.render(&template.name, data, "").ok() } else { None };
                return Outcome {
                    row,
                    files,
                    sha256: p.sha256.clone(),
                    status: "kept",
                    error: String::new(),
                    record_sha256,
                    markdown,
                };
            }
        }
    }
    let record = format!("{} row {row}", opts.source);
    let result = (|| -> Result<(Vec<String>, String)> {
        let md = reg.render(&template.name, data, &record)?;
        let title = template.title_for(data);
        let mut shas = Vec::new();
        for (f, file) in opts.formats.iter().zip(&files) {
            let bytes = crate::render::render(&md, &title, *f)?;
            shas.push(format!("{:x}", Sha256::digest(&bytes)));
            crate::io::write_atomic(&opts.out.join(file), &bytes)?;
        }
        Ok((shas, md))
    })();
    match result {
        Ok((sha256, md)) => Outcome {
            row,
            files,
            sha256,
            status: "ok",
            error: String::new(),
            record_sha256,
            markdown: opts.combine.is_some().then_some(md),
        },
        Err(e) => Outcome {
            row,
            files: vec![],
            sha256: vec![],
            status: "failed",
            error: e.message,
            record_sha256,
            markdown: None,
        },
    }
}

const MANIFEST_HEADER: [&str; 6] = ["row", "file", "sha256", "status", "error", "record_sha256"];

/// A previous manifest, by row (empty if there is none or it cannot be read).
fn read_manifest(path: &Path) -> HashMap<usize, Outcome> {
    let Ok(bytes) = crate::io::read(path) else { return HashMap::new() };
    let mut rdr = csv::Reader::from_reader(&bytes[..]);
    let mut out = HashMap::new();
    for rec in rdr.records().flatten() {
        let get = |i: usize| rec.get(i).unwrap_or("").to_string();
        let Ok(row) = get(0).parse::<usize>() else { continue };
        let split =
            |s: String| if s.is_empty() { vec![] } else { s.split(';').map(str::to_string).collect::<Vec<_>>() };
        let status = if get(3) == "failed" { "failed" } else { "ok" };
        out.insert(
            row,
            Outcome {
                row,
                files: split(get(1)),
                sha256: split(get(2)),
                status,
                error: get(4),
                record_sha256: get(5),
                markdown: None,
            },
        );
    }
    out
}

/// Set up the worker pool: `jobs` threads (default: all cores). Typst's layout recurses
/// deeply, so workers get 32 MB stacks (rayon's default 2 MB overflows). Only the first
/// call configures the pool.
pub fn configure_threads(jobs: Option<usize>) -> Result<()> {
    if jobs == Some(0) {
        return Err(Error::usage("--jobs must be at least 1"));
    }
    let b = rayon::ThreadPoolBuilder::new().stack_size(32 << 20).num_threads(jobs.unwrap_or(0));
    let _ = b.build_global();
    Ok(())
}

/// Peak resident memory of this process in bytes (Linux), for the benchmark.
pub fn peak_rss() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_and_are_unique_safe() {
        for hostile in ["../../etc/passwd", "..", "/abs/path", "a\\b", "con\u{7}trol", "  .hidden", "", "x/../../y"] {
            let s = sanitize(hostile);
            assert!(
                !s.contains('/') && !s.contains('\\') && !s.contains("..") && !s.starts_with('.') && !s.is_empty(),
                "{hostile:?} → {s:?}"
            );
            assert!(!s.chars().any(char::is_control));
        }
        assert_eq!(sanitize("Тараз қаласы № 12 мектеп"), "Тараз қаласы № 12 мектеп");
    }

    #[test]
    fn defaults_merge_under_records() {
        let d = serde_json::json!({"a": 1, "s": {"x": 1, "y": 2}});
        assert_eq!(merge(&d, &serde_json::json!({"s": {"y": 3}})), serde_json::json!({"a": 1, "s": {"x": 1, "y": 3}}));
    }
}
