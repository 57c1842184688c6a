//! Records for templates: one mapping of fields (`render --data`), or many (`batch --data`)
//! from YAML or JSON (a list of mappings), CSV (a header row; dotted column names such as
//! `signer.name` make nested fields, `addressees.1` list items) or XLSX (the first sheet,
//! its first row the header). A record that cannot be read keeps its row and the reason,
//! so that a batch never loses the good ones.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Read one record: a YAML or JSON mapping, from a file or standard input (`-`).
pub fn read_one(path: &Path) -> Result<Value> {
    let input = crate::io::read_input(path)?;
    let text =
        String::from_utf8(input.bytes).map_err(|e| Error::input(&input.path, "not UTF-8 text").with_source(e))?;
    let v: Value = crate::yaml::from_str(&text, &input.path, "YAML or JSON")?;
    if !v.is_object() {
        return Err(Error::input(&input.path, "must be a mapping of fields (name: value)"));
    }
    Ok(v)
}

/// One input record: its row (1-based: the list item, or the spreadsheet row with the
/// header as row 1) and its data, or why it could not be read.
#[derive(Clone, Debug)]
pub struct Record {
    pub row: usize,
    pub data: std::result::Result<Value, String>,
}

/// Records read from a file, and the columns of a table (CSV, spreadsheet).
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    /// The header's top-level names (`signer` for `signer.name`), in order; empty for
    /// YAML and JSON.
    pub columns: Vec<String>,
}

/// Read records from a YAML/JSON, CSV or XLSX file (by extension).
pub fn load(path: &Path) -> Result<Loaded> {
    load_at_most(path, usize::MAX)
}

/// [`load`], refusing a table of more than `limit` records as soon as it is seen (a
/// table read for a web page must not fill the memory first).
pub fn load_at_most(path: &Path, limit: usize) -> Result<Loaded> {
    if crate::io::is_stdin(path) {
        return Err(Error::usage("--data -: a batch reads a file, whose extension tells its format (.csv, .xlsx, .yaml, .json), not standard input"));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let (records, headers) = match ext.as_str() {
        "csv" | "tsv" | "txt" => load_csv(path, limit)?,
        "xlsx" | "xlsm" | "xls" | "ods" => load_sheet(path, limit)?,
        _ => (load_yaml(path)?, Vec::new()),
    };
    if records.len() > limit {
        return Err(too_many(path, limit));
    }
    let mut columns: Vec<String> = Vec::new();
    for h in &headers {
        let top = h.split('.').next().unwrap_or("").to_string();
        if !top.is_empty() && !columns.contains(&top) {
            columns.push(top);
        }
    }
    Ok(Loaded { records, columns })
}

fn load_yaml(path: &Path) -> Result<Vec<Record>> {
    let text = crate::io::read_text(path)?;
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    // JSON straight into values (YAML's parser would build a second, larger tree first).
    let v: Value = if json {
        serde_json::from_str(&text)
            .map_err(|e| Error::input(path, format!("not JSON: {e}")).at_line(e.line()).with_source(e))?
    } else {
        crate::yaml::from_str(&text, path, "YAML or JSON")?
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

fn too_many(path: &Path, limit: usize) -> Error {
    Error::input(path, format!("more than {limit} records: too many for one batch here"))
}

/// A CSV as Excel saves it: `;`, `,` or tab between cells (whichever the header line
/// uses most, outside quotes), in UTF-8 with or without a BOM, UTF-16, Windows-1251 or
/// KZ-1048 (text::decode tells which).
fn load_csv(path: &Path, limit: usize) -> Result<(Vec<Record>, Vec<String>)> {
    let bytes = crate::io::read(path)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::input(path, "empty file: no header and no records"));
    }
    let text = crate::text::decode(&bytes, path)?.text;
    let sep = separator(text.lines().next().unwrap_or(""));
    let mut rdr = csv::ReaderBuilder::new().delimiter(sep).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::input(path, e.to_string()).at_line(1))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut out = Vec::new();
    // A row is the spreadsheet's: the header is row 1, and blank rows count.
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        if out.len() == limit {
            return Err(too_many(path, limit));
        }
        let data = match rec {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(r) if r.len() > headers.len() => {
                Err(format!("{} cells but {} columns in the header", r.len(), headers.len()))
            }
            Ok(r) => nest(headers.iter().map(String::as_str).zip(r.iter().map(|c| c.to_string()))),
            Err(e) => Err(e.to_string()),
        };
        out.push(Record { row, data });
    }
    Ok((out, headers))
}

/// The cell separator of a header line: the most frequent of `;`, tab and `,` outside
/// quotes (Excel in a Kazakh or Russian locale saves `;`).
fn separator(header: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b';', b'\t', b','];
    let best = (0..3).max_by_key(|&i| (counts[i], i == 2)).unwrap_or(2);
    if counts[best] == 0 {
        b','
    } else {
        seps[best]
    }
}

fn load_sheet(path: &Path, limit: usize) -> Result<(Vec<Record>, Vec<String>)> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};
    let bytes = crate::io::read(path)?;
    if limit < usize::MAX {
        sheet_fits(&bytes, path, limit)?;
    }
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input(path, format!("not a spreadsheet: {e}")))?;
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
        if out.len() == limit {
            return Err(too_many(path, limit));
        }
        out.push(Record { row: start + i + 2, data: nest(headers.iter().map(String::as_str).zip(cells)) });
    }
    Ok((out, headers))
}

/// A limited read (a web upload): the sheet's cells are streamed first, and a sheet
/// reaching beyond `limit` records or 1,000 columns is refused before its reader builds
/// the whole rectangle (two cells, A1 and XFD1048576, would make 17 billion).
fn sheet_fits(bytes: &[u8], path: &Path, limit: usize) -> Result<()> {
    use calamine::Reader;
    let bad = |e: &dyn std::fmt::Display| Error::input(path, format!("not a spreadsheet: {e}"));
    let Ok(mut wb) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) else {
        return Err(Error::input(path, "a table here is an .xlsx workbook, a CSV, YAML or JSON"));
    };
    let sheet = wb.sheet_names().first().cloned().ok_or_else(|| Error::input(path, "the workbook has no sheet"))?;
    let mut cells = wb.worksheet_cells_reader(&sheet).map_err(|e| bad(&e))?;
    while let Some(cell) = cells.next_cell().map_err(|e| bad(&e))? {
        let (row, col) = cell.get_position();
        if row as usize > limit {
            return Err(too_many(path, limit));
        }
        if col >= 1000 {
            return Err(Error::input(path, "a cell beyond the 1,000th column: not a table of records"));
        }
    }
    Ok(())
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
    // Days since 1970-01-01 (serial 25,569). Excel's dates run from 1900 to 9999 (serial
    // 2,958,465): clamp what cannot be a date.
    let days = serial.clamp(0.0, 2_958_465.0).floor() as i64 - 25569;
    let (y, m, d) = crate::lang::date::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Records as a CSV table, the inverse of reading one: a column per leaf field, named
/// as the reader names them (`signatory.name`, `addressees.2`, `basis.1.units.1`), in
/// the order `rank` gives their first name (the schema's order, say), then as they
/// first appear; `;`-separated behind a UTF-8 byte-order mark, which is how Excel in a
/// Kazakh or Russian locale opens Cyrillic text.
pub fn to_csv(records: &[Value], rank: impl Fn(&str) -> usize) -> String {
    let rows: Vec<Vec<(String, String)>> = records
        .iter()
        .map(|r| {
            let mut cells = Vec::new();
            flatten(r, "", &mut cells);
            cells
        })
        .collect();
    let mut columns: Vec<&str> = Vec::new();
    for (name, _) in rows.iter().flatten() {
        if !columns.contains(&name.as_str()) {
            columns.push(name);
        }
    }
    columns.sort_by_key(|c| rank(c.split('.').next().unwrap_or(c)));
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let _ = w.write_record(&columns);
    for row in &rows {
        let cell = |c: &str| row.iter().find(|(n, _)| n == c).map_or("", |(_, v)| v.as_str());
        let _ = w.write_record(columns.iter().map(|c| cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

fn flatten(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    let name = |k: &str| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") };
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| flatten(x, &name(k), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| flatten(x, &name(&(i + 1).to_string()), out)),
        Value::Null => {}
        Value::String(s) => out.push((at.to_string(), s.clone())),
        other => out.push((at.to_string(), other.to_string())),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A record written as a CSV row and read back is the same record (its numbers and
    /// booleans as text, which the batch turns back by the schema).
    #[test]
    fn a_table_reads_back() {
        let rec = serde_json::json!({
            "number": "03-1", "pages": 2, "signatory": {"name": "А. Б.; В."},
            "addressees": ["бір", "екі \"үш\""], "basis": [{"act": "x", "units": ["att1/p1", "att1/p2"]}],
            "body": "бірінші абзац\n\nекінші абзац"
        });
        let order = ["number", "pages", "signatory", "addressees", "basis", "body"];
        let csv = to_csv(std::slice::from_ref(&rec), |c| order.iter().position(|o| *o == c).unwrap_or(99));
        let header = "\u{feff}number;pages;signatory.name;addressees.1;addressees.2;basis.1.act;basis.1.units.1;basis.1.units.2;body\n";
        assert!(csv.starts_with(header), "{csv}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, csv).unwrap();
        let loaded = load(&path).unwrap();
        let mut want = rec.clone();
        want["pages"] = "2".into();
        assert_eq!(loaded.records[0].data.as_ref().unwrap(), &want);
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
        assert_eq!(excel_date(46027.0), "2026-01-05");
        assert_eq!(excel_date(36526.0), "2000-01-01");
    }

    #[test]
    fn separators_of_excel() {
        assert_eq!(separator("date;number;sender.kk"), b';');
        assert_eq!(separator("date\tnumber\tbody"), b'\t');
        assert_eq!(separator("date,number,\"a;b\""), b',');
        assert_eq!(separator("\"x,y\";z"), b';');
        assert_eq!(separator("single"), b',');
    }
}
