//! A corpus folder on disk, as `qujat corpus import` writes it and `--corpus DIR` reads it:
//!
//! ```text
//! DIR/corpus.yaml                       schema: qujat/corpus/1, as_of: DATE
//! DIR/index.tsv                         one line per act version (the lazy index)
//! DIR/acts/<id>/<version_date>.json     clause YAML of each version, in its JSON form
//! ```
//!
//! The index holds what the checker needs to find an act (type, date, number,
//! registration, title, short names) so that start-up reads one file, not 100,000;
//! an act's YAML is read the first time a reference resolves to it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Act;

pub const CORPUS_SCHEMA: &str = "qujat/corpus/1";
pub const INDEX: &str = "index.tsv";
pub const HEADER: &str = "corpus.yaml";
const COLUMNS: &str = "# id\tversion_date\tact_type\tact_type_kk\tdate\tnumber\tregistration\tlost_force\ttitle\tattachment_titles\tshort_names\tfile";

/// `corpus.yaml`: what the folder is, and the day its newest texts were known current.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// One act version as the index knows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub id: String,
    pub version_date: Option<String>,
    pub act_type: Option<String>,
    pub act_type_kk: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub registration: Option<String>,
    /// When the act lost force: the ending act's date, and "+N" for its stated delay in
    /// days ("2025-12-30+60").
    pub lost_force: Option<String>,
    pub title: Option<String>,
    pub attachment_titles: Vec<String>,
    /// (short name, part index): "Ереже" of part 1.
    pub short_names: Vec<(String, usize)>,
    /// The YAML, relative to the corpus folder.
    pub file: String,
}

impl Row {
    /// The row of an act written to `file`.
    pub fn of(act: &Act, file: String) -> Row {
        let m = &act.meta;
        let attachments = act.parts.iter().filter(|p| p.kind == crate::model::PartKind::Attachment);
        Row {
            id: act.id.clone(),
            version_date: m.version_date.clone(),
            act_type: m.act_type.clone(),
            act_type_kk: m.act_type_kk.clone(),
            date: m.date.clone(),
            number: m.number.clone(),
            registration: m.registration.as_ref().and_then(|r| r.number.clone()),
            lost_force: m.lost_force.as_ref().and_then(|l| {
                let d = l.date.clone()?;
                Some(match l.delay_days {
                    Some(n) => format!("{d}+{n}"),
                    None => d,
                })
            }),
            title: m.title.clone(),
            attachment_titles: attachments.filter_map(|p| p.title.clone()).collect(),
            short_names: act
                .parts
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.short_name.clone().map(|s| (s, i)))
                .collect(),
            file,
        }
    }

    fn line(&self) -> String {
        let o = |v: &Option<String>| clean(v.as_deref().unwrap_or(""));
        let mut s = String::new();
        let shorts: Vec<String> = self.short_names.iter().map(|(n, i)| format!("{}={i}", clean(n))).collect();
        let titles: Vec<String> = self.attachment_titles.iter().map(|t| clean(t)).collect();
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&self.id),
            o(&self.version_date),
            o(&self.act_type),
            o(&self.act_type_kk),
            o(&self.date),
            o(&self.number),
            o(&self.registration),
            o(&self.lost_force),
            o(&self.title),
            titles.join("\u{1f}"),
            shorts.join("\u{1f}"),
            clean(&self.file)
        );
        s
    }

    fn parse(line: &str) -> Option<Row> {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 12 {
            return None;
        }
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let list = |s: &str| s.split('\u{1f}').filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let shorts = list(f[10])
            .into_iter()
            .filter_map(|x| x.rsplit_once('=').and_then(|(n, i)| Some((n.to_string(), i.parse().ok()?))))
            .collect();
        Some(Row {
            id: f[0].to_string(),
            version_date: o(f[1]),
            act_type: o(f[2]),
            act_type_kk: o(f[3]),
            date: o(f[4]),
            number: o(f[5]),
            registration: o(f[6]),
            lost_force: o(f[7]),
            title: o(f[8]),
            attachment_titles: list(f[9]),
            short_names: shorts,
            file: f[11].to_string(),
        })
    }
}

/// Tabs, newlines and the list separator never reach the index.
fn clean(s: &str) -> String {
    if s.contains(['\t', '\n', '\r', '\u{1f}']) {
        s.replace(['\t', '\n', '\r', '\u{1f}'], " ")
    } else {
        s.to_string()
    }
}

/// Is `dir` a corpus folder written by import (it has an index)?
pub fn is_store(dir: &Path) -> bool {
    dir.join(INDEX).is_file()
}

/// Read a corpus folder's header and index. A bad line is an error naming the file and
/// line: the index is written by qujat, so a bad one means the folder was damaged.
pub fn read(dir: &Path) -> Result<(Header, Vec<Row>)> {
    let mut rows = Vec::new();
    let header = read_each(dir, &mut |r| rows.push(r))?;
    Ok((header, rows))
}

/// Read a corpus folder's index row by row into `each` (no list of rows in between: at
/// 100,000 acts that list alone was a fifth of a check's memory); the header is returned.
pub fn read_each(dir: &Path, each: &mut dyn FnMut(Row)) -> Result<Header> {
    let hpath = dir.join(HEADER);
    let header: Header = if hpath.is_file() {
        crate::yaml::from_str(&crate::io::read_text(&hpath)?, &hpath, "a qujat corpus header")?
    } else {
        Header { schema: CORPUS_SCHEMA.into(), as_of: None }
    };
    let ipath = dir.join(INDEX);
    let text = crate::io::read_text(&ipath)?;
    for (k, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let row = Row::parse(line).ok_or_else(|| {
            Error::input(&ipath, "not a qujat corpus index line (12 tab-separated columns)").at_line(k + 1)
        })?;
        each(row);
    }
    Ok(header)
}

/// How many rows an index has, about (from its size), to size the tables once.
pub fn rows_in(dir: &Path) -> usize {
    std::fs::metadata(dir.join(INDEX)).map_or(0, |m| (m.len() / 150) as usize)
}

/// Write the header and index (rows sorted by id and version, so the file is the same
/// for the same acts, whatever order they were imported in).
pub fn write(dir: &Path, header: &Header, rows: &mut [Row]) -> Result<()> {
    rows.sort_by(|a, b| (&a.id, &a.version_date, &a.file).cmp(&(&b.id, &b.version_date, &b.file)));
    let mut text = String::with_capacity(rows.len() * 200);
    text.push_str(COLUMNS);
    text.push('\n');
    for r in rows.iter() {
        text.push_str(&r.line());
    }
    write_file(&dir.join(HEADER), crate::yaml::to_string(header).as_bytes())?;
    write_file(&dir.join(INDEX), text.as_bytes())
}

/// Where a version goes: `acts/<id>/<version_date>.json` (`current` when the act has no
/// version date), clause YAML in its JSON form.
pub fn act_file(act: &Act) -> String {
    let version = act.meta.version_date.as_deref().unwrap_or("current");
    format!("acts/{}/{}.json", safe(&act.id), safe(version))
}

/// Read a version written by [`act_file`] (JSON), or a clause YAML file put there by hand.
pub fn read_act(path: &Path) -> Result<Act> {
    let text = crate::io::read_text(path)?;
    if path.extension().is_some_and(|e| e == "json") {
        Act::from_json(&text, path)
    } else {
        Act::from_yaml(&text, path)
    }
}

/// A path component from an id: ASCII letters, digits, `-`, `_`, `.` only.
fn safe(s: &str) -> String {
    let t: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    let t = t.trim_start_matches('.').to_string();
    if t.is_empty() {
        "_".into()
    } else {
        t
    }
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::io::write_atomic(path, bytes)
}

/// The full path of a row's YAML.
pub fn path_of(dir: &Path, row: &Row) -> PathBuf {
    dir.join(&row.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip() {
        let r = Row {
            id: "law-2001-01-23-148".into(),
            version_date: Some("2014-11-07".into()),
            act_type: Some("law".into()),
            title: Some("Қазақстан\tРеспубликасындағы".into()),
            short_names: vec![("Ереже".into(), 1)],
            attachment_titles: vec!["A".into(), "B".into()],
            file: "acts/x/2014-11-07.yaml".into(),
            ..Default::default()
        };
        let back = Row::parse(r.line().trim_end_matches('\n')).unwrap();
        assert_eq!(back.title.as_deref(), Some("Қазақстан Республикасындағы"));
        assert_eq!(back.short_names, r.short_names);
        assert_eq!(back.attachment_titles, r.attachment_titles);
        assert_eq!(back.version_date, r.version_date);
        assert_eq!(safe("../a/b"), "_a_b");
    }
}
