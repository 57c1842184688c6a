//! `qujat corpus import`: act folders of the kazakhstan-law layout → a corpus folder
//! ([`super::store`]).
//!
//! The layout: act folders nested in tier, issuer and year folders
//! (`03-laws/2001/0123-…-7966/`), each with `kaz.md`, `rus.md` and `meta.yaml`. A large
//! act's `kaz.md` is only its contents, title and a table of links to the pieces in
//! `kaz/` (`sec001.md`, `sec002-ch001.md`, …), which hold the text and begin with a link
//! back to `../kaz.md`. Older builds have no `meta.yaml` and open `kaz.md` with a YAML
//! front matter instead. A version is a state of the folder: importing the folder as it
//! was on another date adds that version.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use super::meta::{self, CorpusMeta};
use super::store::{self, Header, Row};
use crate::error::{Error, Result};
use crate::model::Act;

/// An act folder's Kazakh text (pieces joined) and its meta.
pub struct Source {
    pub kaz: String,
    pub meta: Option<CorpusMeta>,
}

/// Is `dir` an act folder (it has the act's text or meta)?
fn is_act_folder(dir: &Path) -> bool {
    dir.join("meta.yaml").is_file() || dir.join("kaz.md").is_file() || dir.join("rus.md").is_file()
}

/// Every act folder under `src` (or `src` itself), sorted. Hidden folders (`.git`,
/// `.github`) are skipped, and an act folder's own `kaz/` and `rus/` are not searched.
pub fn act_folders(src: &Path) -> Result<Vec<PathBuf>> {
    if !src.is_dir() {
        return Err(match src.exists() {
            true => Error::input(src, "is a file, not a folder: give the corpus folder (or an act folder)"),
            false => Error::input(src, "no such folder"),
        });
    }
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(d) = stack.pop() {
        if is_act_folder(&d) {
            out.push(d);
            continue;
        }
        for sub in crate::io::dirs_in(&d)? {
            let hidden = sub.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if !hidden {
                stack.push(sub);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read an act folder: `meta.yaml` (an error names its line), and the Kazakh text from
/// `kaz.md` and the pieces in `kaz/`, joined in the order `kaz.md` links them.
pub fn read_folder(dir: &Path) -> Result<Source> {
    let meta_path = dir.join("meta.yaml");
    let mut meta = match meta_path.is_file() {
        true => Some(meta::read(&crate::io::read_text(&meta_path)?, &meta_path)?),
        false => None,
    };
    let kaz_path = dir.join("kaz.md");
    let pieces_dir = dir.join("kaz");
    if !kaz_path.is_file() && !pieces_dir.is_dir() {
        let msg = if dir.join("rus.md").is_file() { "only a Russian text (rus.md): no kaz.md" } else { "no kaz.md" };
        return Err(Error::input(dir, msg));
    }
    let head = if kaz_path.is_file() { crate::io::read_text(&kaz_path)? } else { String::new() };
    let (front, head) = front_matter(&head);
    if meta.is_none() {
        if let Some(f) = front {
            meta = Some(meta::read(f, &kaz_path)?);
        }
    }
    let kaz = if pieces_dir.is_dir() { join_pieces(head, &pieces_dir)? } else { head.to_string() };
    if kaz.trim().is_empty() {
        return Err(Error::input(&kaz_path, "the Kazakh text is empty"));
    }
    Ok(Source { kaz, meta })
}

/// A YAML front matter (`---` … `---`) at the start of a file, and the text after it.
fn front_matter(text: &str) -> (Option<&str>, &str) {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else { return (None, text) };
    match rest.find("\n---") {
        Some(i) => {
            let after = &rest[i + 4..];
            (Some(&rest[..i]), after.strip_prefix('\n').or_else(|| after.strip_prefix("\r\n")).unwrap_or(after))
        }
        None => (None, text),
    }
}

/// `kaz.md` (contents and title) without its table of links, then every piece of
/// `kaz/` without its link back: in the order the table lists them, then any piece it
/// does not list, in name order.
fn join_pieces(head: &str, dir: &Path) -> Result<String> {
    let lines: Vec<&str> = head.lines().collect();
    let names: Vec<String> = lines.iter().flat_map(|l| piece_links(l)).collect();
    // The table of links and what introduces it (the builder's heading and note in
    // Russian, "Части документа …"): from the last heading after the title before the
    // first link, to the last link. The title and contents stay.
    let first = lines.iter().position(|l| !piece_links(l).is_empty());
    let last = lines.iter().rposition(|l| !piece_links(l).is_empty());
    let kept: Vec<&str> = match first.zip(last) {
        Some((f, l)) => {
            let title = lines[..f].iter().rposition(|x| x.starts_with("# ")).map_or(0, |t| t + 1);
            let from = lines[title..f].iter().rposition(|x| x.trim_start().starts_with("##")).map_or(f, |h| title + h);
            lines[..from].iter().chain(&lines[l + 1..]).copied().collect()
        }
        None => lines,
    };
    let mut files = crate::io::files_in(dir, &["md"])?;
    files.sort_by_key(|f| natural_key(&f.file_name().unwrap_or_default().to_string_lossy()));
    let listed = |f: &PathBuf| names.iter().position(|n| f.file_name().is_some_and(|x| x.to_string_lossy() == *n));
    files.sort_by_key(|f| listed(f).unwrap_or(usize::MAX));
    let mut out = kept.join("\n");
    out.push_str("\n\n");
    for f in files {
        let text = crate::io::read_text(&f)?;
        for line in text.lines().filter(|l| !is_back_link(l)) {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

/// The piece files a table line of `kaz.md` links to: "| [`sec001`](kaz/sec001.md) | …".
fn piece_links(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("](kaz/") {
        let tail = &rest[i + 6..];
        let end = tail.find(')').unwrap_or(tail.len());
        out.push(tail[..end].to_string());
        rest = &tail[end..];
    }
    out
}

/// "↑ [Редакцияның толық мәтіні](../kaz.md)": a piece's link back to the index.
fn is_back_link(line: &str) -> bool {
    let t = line.trim();
    t.ends_with("(../kaz.md)") && t.len() < 200
}

/// "sec010" after "sec009", "ch009-1" after "ch009": digits compared as numbers.
fn natural_key(name: &str) -> Vec<(String, u64)> {
    let name = name.strip_suffix(".md").unwrap_or(name);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut num: Option<u64> = None;
    for c in name.chars() {
        match (c.to_digit(10), num) {
            (Some(d), Some(n)) => num = Some(n.saturating_mul(10).saturating_add(d as u64)),
            (Some(d), None) => num = Some(d as u64),
            (None, Some(n)) => {
                out.push((std::mem::take(&mut text), n));
                num = None;
                text.push(c);
            }
            (None, None) => text.push(c),
        }
    }
    out.push((text, num.unwrap_or(0)));
    out
}

/// Parse an act's text and fill its meta from the corpus's: the act, with its id made
/// from the completed meta.
pub fn act_of(src: &Source, path: &Path, display: &str) -> Result<Act> {
    let mut act = crate::parse::parse_bytes(src.kaz.as_bytes(), path, display, true)?.act;
    if let Some(m) = &src.meta {
        m.apply(&mut act.meta);
        if let Some(main) = act.parts.first_mut() {
            if main.title.is_none() {
                main.title = act.meta.title.clone();
            }
        }
        act.id = crate::parse::act_id(&act);
    }
    Ok(act)
}

/// A law bundled in the binary (corpus/laws/<name>): its kaz.md and meta.yaml.
pub fn bundled_law(name: &str, kaz: &[u8], meta_yaml: &str) -> Result<Act> {
    let display = format!("corpus/laws/{name}/kaz.md");
    let meta = meta::read(meta_yaml, Path::new(&format!("corpus/laws/{name}/meta.yaml")))?;
    let kaz = String::from_utf8_lossy(kaz).into_owned();
    act_of(&Source { kaz, meta: Some(meta) }, Path::new(&display), &display)
}

/// One act version written by an import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub id: String,
    pub act_type: Option<String>,
    pub version: Option<String>,
    /// A version the corpus folder did not have before.
    pub new: bool,
    pub bytes: u64,
}

/// What an import did.
pub struct ImportRun {
    pub imported: Vec<Imported>,
    /// Act folders that could not be imported, each with its path and reason.
    pub failures: Vec<Error>,
    pub folders: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub acts_in_corpus: usize,
    pub versions_in_corpus: usize,
    pub out: PathBuf,
}

/// Import every act folder under `srcs` into the corpus folder `out` (made if missing;
/// versions already there are kept). `progress(done, total)` is called as folders are
/// done. A bad folder is reported in `failures` and skipped.
pub fn import(
    srcs: &[PathBuf],
    out: &Path,
    as_of: Option<String>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<ImportRun> {
    let started = Instant::now();
    let mut folders = Vec::new();
    for s in srcs {
        folders.extend(act_folders(s)?.into_iter().map(|f| (s.clone(), f)));
    }
    crate::io::create_dir(out)?;
    let (mut header, old_rows) = match store::is_store(out) {
        true => store::read(out)?,
        false => (Header { schema: store::CORPUS_SCHEMA.into(), as_of: None }, Vec::new()),
    };
    let total = folders.len() as u64;
    let done = AtomicU64::new(0);
    let failures = Mutex::new(Vec::new());
    let results: Vec<(Row, u64)> = folders
        .par_iter()
        .filter_map(|(root, dir)| {
            let r = import_one(root, dir, out);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            r.map_err(|e| failures.lock().unwrap().push(e)).ok()
        })
        .collect();
    let mut failures = failures.into_inner().unwrap();
    failures.sort_by_key(|e| e.to_string());
    let key = |r: &Row| (r.id.clone(), r.version_date.clone());
    let old: std::collections::HashSet<_> = old_rows.iter().map(key).collect();
    let mut imported = Vec::new();
    let mut rows: std::collections::BTreeMap<(String, Option<String>), Row> =
        old_rows.into_iter().map(|r| (key(&r), r)).collect();
    let mut bytes = 0;
    for (row, n) in results {
        bytes += n;
        imported.push(Imported {
            id: row.id.clone(),
            act_type: row.act_type.clone(),
            version: row.version_date.clone(),
            new: !old.contains(&key(&row)),
            bytes: n,
        });
        rows.insert(key(&row), row);
    }
    if as_of.is_some() {
        header.as_of = as_of;
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    store::write(out, &header, &mut rows)?;
    let acts: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    imported.sort_by(|a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
    Ok(ImportRun {
        acts_in_corpus: acts.len(),
        versions_in_corpus: rows.len(),
        imported,
        failures,
        folders: folders.len(),
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        out: out.to_path_buf(),
    })
}

/// Read, parse and write one act folder: its index row and the bytes of text read.
fn import_one(root: &Path, dir: &Path, out: &Path) -> Result<(Row, u64)> {
    let src = read_folder(dir)?;
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let base = root.file_name().map(PathBuf::from).unwrap_or_default();
    let display = base.join(rel).join("kaz.md").to_string_lossy().replace('\\', "/");
    let act = act_of(&src, &dir.join("kaz.md"), &display)?;
    let file = store::act_file(&act);
    store::write_file(&out.join(&file), act.to_json().as_bytes())?;
    Ok((Row::of(&act, file), src.kaz.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_and_front_matter() {
        assert_eq!(piece_links("| [`sec001`](kaz/sec001.md) | ЖАЛПЫ БӨЛІК |"), vec!["sec001.md"]);
        assert!(is_back_link("↑ [Редакцияның толық мәтіні](../kaz.md)"));
        let mut names = vec!["sec010.md", "sec002-ch001.md", "sec002.md", "sec009.md"];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(names, vec!["sec002.md", "sec002-ch001.md", "sec009.md", "sec010.md"]);
        let (f, rest) = front_matter("---\nsource: x\n---\n# Title\n");
        assert_eq!((f, rest), (Some("source: x"), "# Title\n"));
        assert_eq!(front_matter("# Title\n"), (None, "# Title\n"));
    }
}
