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
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::generate::schema::{Field, Type};
use crate::generate::Registry;
use crate::render::Format;

/// One input record: its row (1-based: the list item, or the spreadsheet row with the
/// header as row 1) and its data, or why it could not be read.
#[derive(Clone, Debug)]
pub struct Record {
    pub row: usize,
    pub data: std::result::Result<Value, String>,
}

/// Read records from a YAML/JSON, CSV or XLSX file (by extension).
pub fn load(path: &Path) -> Result<Vec<Record>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    match ext.as_str() {
        "csv" => load_csv(path),
        "xlsx" | "xlsm" | "xls" | "ods" => load_sheet(path),
        _ => load_yaml(path),
    }
}

fn load_yaml(path: &Path) -> Result<Vec<Record>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    // JSON straight into values (YAML's parser would build a second, larger tree first).
    let v: Value = if json {
        serde_json::from_str(&text).map_err(|e| Error::input(path, format!("not JSON: {e}")).at_line(e.line()))?
    } else {
        let y: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
            let err = Error::input(path, format!("not YAML or JSON: {e}"));
            match e.location() {
                Some(l) => err.at_line(l.line()),
                None => err,
            }
        })?;
        serde_json::to_value(y).map_err(|e| Error::input(path, e.to_string()))?
    };
    let items = match v {
        Value::Array(items) => items,
        Value::Object(m) => match m.get("records") {
            Some(Value::Array(items)) => items.clone(),
            _ => return Err(Error::input(path, "expected a list of records (or a mapping with `records:`)")),
        },
        _ => return Err(Error::input(path, "expected a list of records")),
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, it)| Record {
            row: i + 1,
            data: if it.is_object() { Ok(it) } else { Err("the record is not a mapping of fields".into()) },
        })
        .collect())
}

fn load_csv(path: &Path) -> Result<Vec<Record>> {
    let mut rdr =
        csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| Error::input(path, e.to_string()))?;
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::input(path, e.to_string()))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let data = match rec {
            Ok(r) if r.len() > headers.len() => {
                Err(format!("{} cells but {} columns in the header", r.len(), headers.len()))
            }
            Ok(r) => nest(headers.iter().map(String::as_str).zip(r.iter().map(|c| c.to_string()))),
            Err(e) => Err(e.to_string()),
        };
        out.push(Record { row, data });
    }
    Ok(out)
}

fn load_sheet(path: &Path) -> Result<Vec<Record>> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(path).map_err(|e| Error::input(path, format!("not a spreadsheet: {e}")))?;
    let sheet = wb.sheet_names().first().cloned().ok_or_else(|| Error::input(path, "the workbook has no sheet"))?;
    let range = wb.worksheet_range(&sheet).map_err(|e| Error::input(path, e.to_string()))?;
    let mut rows = range.rows();
    let cell = |c: &Data| -> String {
        match c {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            // Excel keeps dates as day numbers: give them back as YYYY-MM-DD.
            Data::DateTime(d) => excel_date(d.as_f64()),
            Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
            Data::DurationIso(s) => s.clone(),
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    let headers: Vec<String> =
        rows.next().map(|r| r.iter().map(|c| cell(c).trim().to_string()).collect()).unwrap_or_default();
    let start = range.start().map_or(0, |(r, _)| r as usize);
    let mut out = Vec::new();
    for (i, r) in rows.enumerate() {
        let cells: Vec<String> = r.iter().map(cell).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank row between records
        }
        out.push(Record { row: start + i + 2, data: nest(headers.iter().map(String::as_str).zip(cells)) });
    }
    Ok(out)
}

/// Columns → a nested mapping: `signer.name` → {signer: {name}}, `addressees.2` → the
/// second item of a list. Empty cells are left out (an optional field stays absent).
fn nest<'a>(cols: impl Iterator<Item = (&'a str, String)>) -> std::result::Result<Value, String> {
    let mut root = Map::new();
    for (name, value) in cols {
        if name.is_empty() || value.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = name.split('.').collect();
        insert(&mut root, &parts, value.trim().to_string())
            .map_err(|_| format!("column '{name}' conflicts with another column"))?;
    }
    Ok(lists(Value::Object(root)))
}

fn insert(m: &mut Map<String, Value>, parts: &[&str], value: String) -> std::result::Result<(), ()> {
    match parts {
        [last] => {
            m.insert((*last).to_string(), Value::String(value));
            Ok(())
        }
        [first, rest @ ..] => match m.entry((*first).to_string()).or_insert_with(|| Value::Object(Map::new())) {
            Value::Object(inner) => insert(inner, rest, value),
            _ => Err(()),
        },
        [] => Ok(()),
    }
}

/// An Excel date serial (days since 1899-12-30) as YYYY-MM-DD.
fn excel_date(serial: f64) -> String {
    // Days since 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25569 + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Mappings whose keys are all numbers become lists, in order.
fn lists(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let numeric = !m.is_empty() && m.keys().all(|k| k.parse::<usize>().is_ok());
            if numeric {
                let mut items: Vec<(usize, Value)> =
                    m.into_iter().map(|(k, v)| (k.parse().unwrap(), lists(v))).collect();
                items.sort_by_key(|i| i.0);
                Value::Array(items.into_iter().map(|i| i.1).collect())
            } else {
                Value::Object(m.into_iter().map(|(k, v)| (k, lists(v))).collect())
            }
        }
        other => other,
    }
}

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
    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, &e))?;
    let template = reg.get(&opts.template)?;
    let manifest_path = opts.out.join("manifest.csv");
    let previous = if opts.resume { read_manifest(&manifest_path) } else { HashMap::new() };
    // The manifest is written as the batch goes, then renamed into place.
    let tmp = opts.out.join(format!("manifest.csv.{}.tmp", std::process::id()));
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    let mut manifest = csv::Writer::from_writer(std::io::BufWriter::new(file));
    let csv_err = |e: csv::Error| Error::input(&tmp, e.to_string());
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
    let inner = manifest.into_inner().map_err(|e| Error::input(&tmp, e.to_string()))?;
    inner.into_inner().map_err(|e| Error::io(&tmp, e.error()))?.sync_all().map_err(|e| Error::io(&tmp, &e))?;
    std::fs::rename(&tmp, &manifest_path).map_err(|e| Error::io(&manifest_path, &e))?;

    if let Some(path) = &opts.combine {
        if !combined.is_empty() {
            write_atomic(path, &crate::render::pdf_many(&combined)?)?;
        }
    }
    Ok(summary)
}

/// A record ready to render (its data and file name), or why it is not.
type Prepared = std::result::Result<(Value, String), String>;

/// Defaults under the record, text cells made numbers where the schema says so, the
/// schema checked, and a unique file name.
fn prepare(template: &crate::generate::Template, opts: &Options, r: Record, used: &mut HashSet<String>) -> Prepared {
    let d = r.data?;
    let mut d = match &opts.defaults {
        Some(base) => merge(base, &d),
        None => d,
    };
    // A --name column the template does not know (a "file" column of a spreadsheet) names
    // the file and is not template data.
    let mut name_value = opts.name_field.as_deref().and_then(|f| field_text(&d, f));
    if let Some(f) = opts.name_field.as_deref() {
        if !f.contains('.') && !template.schema.fields.iter().any(|(n, _)| n == f) {
            if let Some(obj) = d.as_object_mut() {
                obj.remove(f);
            }
        }
    }
    coerce(&template.schema.fields, &mut d);
    let problems = template.schema.validate(&d);
    if !problems.is_empty() {
        return Err(problems.join("; "));
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
                std::fs::read(opts.out.join(f)).is_ok_and(|b| format!("{:x}", Sha256::digest(&b)) == *sha)
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
            write_atomic(&opts.out.join(file), &bytes)?;
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

/// Write through a temporary file and a rename: a crash never leaves half a file.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, &e))?;
    std::fs::rename(&tmp, target).map_err(|e| Error::io(target, &e))
}

const MANIFEST_HEADER: [&str; 6] = ["row", "file", "sha256", "status", "error", "record_sha256"];

/// A previous manifest, by row (empty if there is none or it cannot be read).
fn read_manifest(path: &Path) -> HashMap<usize, Outcome> {
    let Ok(mut rdr) = csv::Reader::from_path(path) else { return HashMap::new() };
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
    fn columns_nest() {
        let v = nest(
            [
                ("signatory.name", "А. Б.".to_string()),
                ("addressees.2", "екі".into()),
                ("addressees.1", "бір".into()),
                ("empty", "".into()),
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(v, serde_json::json!({"signatory": {"name": "А. Б."}, "addressees": ["бір", "екі"]}));
        let d = serde_json::json!({"a": 1, "s": {"x": 1, "y": 2}});
        assert_eq!(merge(&d, &serde_json::json!({"s": {"y": 3}})), serde_json::json!({"a": 1, "s": {"x": 1, "y": 3}}));
        assert_eq!(excel_date(46027.0), "2026-01-05");
        assert_eq!(excel_date(36526.0), "2000-01-01");
    }
}
