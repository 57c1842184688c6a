//! The corpus: acts in clause YAML, bundled in the binary or read from a folder, and
//! indexed by what a citation can name — type + date + number, title, short name.

pub mod import;
pub mod meta;
pub mod store;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::Result;
use crate::model::{walk, Act, Part, Unit, UnitKind, Walk};

include!(concat!(env!("OUT_DIR"), "/bundled_raw.rs"));
include!(concat!(env!("OUT_DIR"), "/bundled_laws.rs"));

/// A raw text bundled in the binary (corpus/raw).
#[derive(Clone, Copy)]
pub struct BundledText {
    /// The file name: `000_ab8a6cd225d4f463.txt`.
    pub name: &'static str,
    pub bytes: &'static [u8],
}

impl BundledText {
    /// The name written into `source.file`: `corpus/raw/<name>`, wherever qujat runs.
    pub fn display(&self) -> String {
        format!("corpus/raw/{}", self.name)
    }
}

/// The raw texts of the bundled corpus, in file-name order.
pub fn bundled_texts() -> impl Iterator<Item = BundledText> {
    BUNDLED_RAW.iter().map(|&(name, bytes)| BundledText { name, bytes })
}

/// Lower case, quotes dropped, spaces collapsed: how titles are compared.
pub fn title_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in
        s.split(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '“' | '”' | '„')).filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The dictionary form of a short name or act-type word: "Қағидалар", "Ереже".
pub fn name_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The laws bundled in the binary (corpus/laws): (folder name, kaz.md, meta.yaml).
pub fn bundled_laws() -> impl Iterator<Item = (&'static str, &'static [u8], &'static str)> {
    BUNDLED_LAWS.iter().copied()
}

/// Acts and their indexes. An act read from a corpus folder's index is loaded the first
/// time it is asked for ([`Corpus::act`]); the index holds what finding it needs.
#[derive(Default)]
pub struct Corpus {
    entries: Vec<Entry>,
    by_date_number: HashMap<(String, String), Vec<usize>>,
    by_date: HashMap<String, Vec<usize>>,
    by_title: HashMap<String, Vec<usize>>,
    by_registration: HashMap<String, Vec<usize>>,
    by_short_name: HashMap<String, Vec<(usize, usize)>>,
    by_id: HashMap<String, usize>,
}

/// One act of the corpus: its newest version (loaded now, or on first use) and the
/// index rows of every version.
struct Entry {
    row: store::Row,
    act: OnceLock<Act>,
    /// Where to load the act from (None: it was added loaded).
    file: Option<PathBuf>,
    versions: Vec<Version>,
}

/// A version of an act in the corpus: the date it is valid from, and its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub version_date: Option<String>,
    pub file: Option<PathBuf>,
    /// The day the corpus knew this text to be current (`--as-of` of the import).
    pub as_of: Option<String>,
}

/// What `qujat corpus list` prints of an act.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub id: String,
    pub act_type: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    pub version: Option<String>,
    pub versions: usize,
    pub lost_force: Option<String>,
    pub title: Option<String>,
}

impl Corpus {
    /// The acts bundled with qujat: the texts of corpus/raw and the laws of corpus/laws,
    /// built into the binary and parsed on first use (a few milliseconds), so the bundled
    /// corpus is always what the parser makes of them.
    pub fn bundled() -> Corpus {
        static ACTS: OnceLock<Vec<Act>> = OnceLock::new();
        let acts = ACTS.get_or_init(|| {
            let mut acts: Vec<Act> = bundled_texts()
                .map(|t| {
                    // The golden tests parse every bundled text; a failure here is a build bug.
                    let parsed = crate::parse::parse_bytes(t.bytes, Path::new(t.name), &t.display(), false);
                    parsed.unwrap_or_else(|e| panic!("bundled corpus/raw/{}: {e}", t.name)).act
                })
                .collect();
            for law in BUNDLED_LAWS {
                let act = import::bundled_law(law.0, law.1, law.2);
                acts.push(act.unwrap_or_else(|e| panic!("bundled corpus/laws/{}: {e}", law.0)));
            }
            acts
        });
        let mut c = Corpus::default();
        for act in acts {
            c.add(act.clone());
        }
        c
    }

    /// Add a corpus folder: one written by `qujat corpus import` (its index is read, its
    /// acts on first use), or any folder of clause YAML files (each read now). A file that
    /// is not clause YAML is an error naming it.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        if store::is_store(dir) {
            let (header, rows) = store::read(dir)?;
            let n = rows.len();
            for row in rows {
                let file = store::path_of(dir, &row);
                self.add_row(row, Some(file), header.as_of.clone(), None);
            }
            return Ok(n);
        }
        let files = crate::io::files_in(dir, &["yaml", "yml"])?;
        for f in &files {
            let act = Act::from_yaml(&crate::io::read_text(f)?, f)?;
            self.add(act);
        }
        Ok(files.len())
    }

    /// Add an act. An act with the id of one already there is another version of it: the
    /// newest version (by `version_date`; the one added last if equal) is the one
    /// references resolve to, and every version is kept in [`Corpus::versions`]. (A
    /// `--corpus` folder may hold a newer parse of a bundled act: it replaces it.)
    pub fn add(&mut self, act: Act) {
        let row = store::Row::of(&act, String::new());
        self.add_row(row, None, None, Some(act));
    }

    fn add_row(&mut self, row: store::Row, file: Option<PathBuf>, as_of: Option<String>, act: Option<Act>) {
        let version = Version { version_date: row.version_date.clone(), file: file.clone(), as_of };
        let i = match self.by_id.get(&row.id) {
            Some(&i) => {
                let e = &mut self.entries[i];
                e.versions.retain(|v| v.version_date != version.version_date);
                e.versions.push(version);
                e.versions.sort_by(|a, b| a.version_date.cmp(&b.version_date));
                if e.row.version_date > row.version_date {
                    return; // an older version: kept in the list, not resolved to
                }
                self.unindex(i);
                let e = &mut self.entries[i];
                e.row = row;
                e.file = file;
                e.act = OnceLock::new();
                if let Some(a) = act {
                    let _ = e.act.set(a);
                }
                i
            }
            None => {
                let i = self.entries.len();
                self.by_id.insert(row.id.clone(), i);
                let cell = OnceLock::new();
                if let Some(a) = act {
                    let _ = cell.set(a);
                }
                self.entries.push(Entry { row, act: cell, file, versions: vec![version] });
                i
            }
        };
        self.index(i);
    }

    fn keys(row: &store::Row) -> (Option<(String, String)>, Vec<String>, Option<String>) {
        let dn = row.date.clone().zip(row.number.as_ref().map(|n| n.to_lowercase()));
        let mut titles: Vec<String> = row.title.iter().map(|t| title_key(t)).collect();
        titles.extend(row.attachment_titles.iter().map(|t| title_key(t)));
        (dn, titles, row.registration.clone())
    }

    fn index(&mut self, i: usize) {
        let (dn, titles, reg) = Self::keys(&self.entries[i].row);
        let push = |v: &mut Vec<usize>| {
            if !v.contains(&i) {
                v.push(i);
            }
        };
        if let Some(d) = &self.entries[i].row.date {
            let v = self.by_date.entry(d.clone()).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
        if let Some(k) = dn {
            push(self.by_date_number.entry(k).or_default());
        }
        for t in titles {
            push(self.by_title.entry(t).or_default());
        }
        if let Some(r) = reg {
            push(self.by_registration.entry(r).or_default());
        }
        for (s, j) in self.entries[i].row.short_names.clone() {
            let v = self.by_short_name.entry(name_key(&s)).or_default();
            if !v.contains(&(i, j)) {
                v.push((i, j));
            }
        }
    }

    /// Take an entry out of the indexes (before a newer version replaces it).
    fn unindex(&mut self, i: usize) {
        let (dn, titles, reg) = Self::keys(&self.entries[i].row);
        if let Some(d) = self.entries[i].row.date.clone() {
            self.by_date.entry(d).or_default().retain(|&x| x != i);
        }
        if let Some(k) = dn {
            self.by_date_number.entry(k).or_default().retain(|&x| x != i);
        }
        for t in titles {
            self.by_title.entry(t).or_default().retain(|&x| x != i);
        }
        if let Some(r) = reg {
            self.by_registration.entry(r).or_default().retain(|&x| x != i);
        }
        for (s, _) in self.entries[i].row.short_names.clone() {
            self.by_short_name.entry(name_key(&s)).or_default().retain(|&(x, _)| x != i);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The act at index `i` (its newest version), read from its file on first use. An
    /// act whose file has become unreadable since the import is reported once on stderr
    /// and stands as an act without units, so nothing is claimed about it.
    pub fn act(&self, i: usize) -> &Act {
        let e = &self.entries[i];
        e.act.get_or_init(|| {
            let file = e.file.as_deref().expect("an act added without a file is loaded");
            match store::read_act(file) {
                Ok(a) => a,
                Err(err) => {
                    eprintln!("qujat: {err}");
                    let mut a = Act { id: e.row.id.clone(), ..Default::default() };
                    a.meta.title = e.row.title.clone();
                    a.warnings.push(format!("unreadable: {err}"));
                    a
                }
            }
        })
    }

    /// The act type word ("заң", "бұйрық") of act `i`, from the index (no loading).
    pub fn type_word(&self, i: usize) -> Option<&str> {
        self.entries[i].row.act_type_kk.as_deref()
    }

    /// The id of act `i`, from the index.
    pub fn id(&self, i: usize) -> &str {
        &self.entries[i].row.id
    }

    /// Every act, loaded (for listings and benchmarks, not for checking).
    pub fn acts(&self) -> impl Iterator<Item = &Act> {
        (0..self.len()).map(|i| self.act(i))
    }

    /// Every version of act `i`, oldest first.
    pub fn versions(&self, i: usize) -> &[Version] {
        &self.entries[i].versions
    }

    /// The listing of every act, sorted by id (`qujat corpus list`), from the index alone.
    pub fn listing(&self) -> Vec<Listing> {
        let mut v: Vec<Listing> = self
            .entries
            .iter()
            .map(|e| Listing {
                id: e.row.id.clone(),
                act_type: e.row.act_type.clone(),
                date: e.row.date.clone(),
                number: e.row.number.clone(),
                version: e.row.version_date.clone(),
                versions: e.versions.len(),
                lost_force: e.row.lost_force.clone(),
                title: e.row.title.clone(),
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Acts of this date (YYYY-MM-DD).
    pub fn by_date(&self, date: &str) -> &[usize] {
        self.by_date.get(date).map_or(&[], Vec::as_slice)
    }

    /// The title of act `i`, from the index.
    pub fn title(&self, i: usize) -> Option<&str> {
        self.entries[i].row.title.as_deref()
    }

    /// Acts with this date (YYYY-MM-DD) and number.
    pub fn by_date_number(&self, date: &str, number: &str) -> &[usize] {
        self.by_date_number.get(&(date.to_string(), number.to_lowercase())).map_or(&[], Vec::as_slice)
    }

    /// Acts whose title (or an attachment's title) is this one.
    pub fn by_title(&self, title: &str) -> &[usize] {
        self.by_title.get(&title_key(title)).map_or(&[], Vec::as_slice)
    }

    /// The act with this id.
    pub fn by_id(&self, id: &str) -> Option<&Act> {
        self.by_id.get(id).map(|&i| self.act(i))
    }

    /// The index of the act with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Acts with this state registration number.
    pub fn by_registration(&self, number: &str) -> &[usize] {
        self.by_registration.get(number).map_or(&[], Vec::as_slice)
    }

    /// (act, part) pairs whose attachment has this short name (Ереже, Қағидалар).
    pub fn by_short_name(&self, name: &str) -> &[(usize, usize)] {
        self.by_short_name.get(&name_key(name)).map_or(&[], Vec::as_slice)
    }
}

/// Units of a kind with a number, anywhere under `units` (clauses sit under chapters).
/// A subclause is not looked for inside another subclause, nor a part inside a part.
pub fn find_units<'a>(units: &'a [Unit], kind: UnitKind, num: &str, out: &mut Vec<&'a Unit>) {
    walk(units, &mut |path| {
        let u = path[path.len() - 1];
        if u.kind == kind && u.num.as_deref() == Some(num) {
            out.push(u);
            Walk::Skip
        } else if u.kind == kind && matches!(kind, UnitKind::Subclause | UnitKind::Part) {
            Walk::Skip
        } else {
            Walk::Continue
        }
    });
}

/// The parts (бөлік) of an article, in order: its numbered clauses when it has any ("2."
/// is the second part, in a code as in a law), else its unnumbered paragraphs (the
/// subclauses that follow a paragraph belong to it, so "7-2-бабының екінші бөлігі" is the
/// second paragraph, not the second subclause).
pub fn article_parts(article: &Unit) -> Vec<&Unit> {
    let clauses: Vec<&Unit> = article.units.iter().filter(|u| u.kind == UnitKind::Clause).collect();
    if !clauses.is_empty() {
        return clauses;
    }
    article.units.iter().filter(|u| u.kind == UnitKind::Item || u.kind == UnitKind::Part).collect()
}

/// The numbers of the units of a kind directly reachable under `units`, in order.
pub fn numbers_of(units: &[Unit], kind: UnitKind, out: &mut Vec<String>) {
    walk(units, &mut |path| {
        let u = path[path.len() - 1];
        if u.kind != kind {
            return Walk::Continue;
        }
        out.extend(u.num.clone());
        Walk::Skip
    });
}

/// A part by id.
pub fn part<'a>(act: &'a Act, id: &str) -> Option<&'a Part> {
    act.parts.iter().find(|p| p.id == id)
}
