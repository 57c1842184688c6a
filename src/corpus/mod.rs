//! The corpus: acts in clause YAML, bundled in the binary or read from a folder, and
//! indexed by what a citation can name — type + date + number, title, short name.

pub mod import;
pub mod meta;
pub mod store;

/// (FxHash: 100,000 acts are indexed at every start; SipHash was a tenth of that.)
type Map<K, V> = rustc_hash::FxHashMap<K, V>;
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
///
/// The lookup tables are keyed by hashes of the keys, and a candidate is confirmed on its
/// index row: 100,000 acts are indexed at every start, and owned keys cost more memory
/// (and time to zero it) than the rest of a check.
#[derive(Default)]
pub struct Corpus {
    entries: Vec<Entry>,
    /// Corpus folders added with their index: (folder, as_of).
    dirs: Vec<(PathBuf, Option<String>)>,
    by_date_number: Map<u64, Ids>,
    by_date: Map<u32, Ids>,
    by_title: Map<u64, Ids>,
    by_registration: Map<u64, Ids>,
    by_short_name: Map<String, Vec<(usize, usize)>>,
    by_id: Map<u64, Ids>,
    /// Acts by their Kazakh type word ("кодекс"), for codes cited by name.
    by_type: Map<u64, Ids>,
}

/// The acts under one key: nearly always one.
#[derive(Debug, Clone)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn push(&mut self, i: u32) {
        match self {
            Ids::One(x) if *x == i => {}
            Ids::One(x) => *self = Ids::Many(vec![*x, i]),
            Ids::Many(v) if v.contains(&i) => {}
            Ids::Many(v) => v.push(i),
        }
    }

    fn remove(&mut self, i: u32) {
        if let Ids::Many(v) = self {
            v.retain(|&x| x != i);
        } else if matches!(self, Ids::One(x) if *x == i) {
            *self = Ids::Many(Vec::new());
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (one, many) = match self {
            Ids::One(x) => (Some(*x as usize), &[][..]),
            Ids::Many(v) => (None, v.as_slice()),
        };
        one.into_iter().chain(many.iter().map(|&x| x as usize))
    }
}

fn hash_of<T: std::hash::Hash + ?Sized>(t: &T) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(t)
}

/// "2001-01-23" → 20010123.
fn date_key(d: &str) -> Option<u32> {
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

fn add_to<K: std::hash::Hash + Eq>(map: &mut Map<K, Ids>, k: K, i: usize) {
    match map.get_mut(&k) {
        Some(ids) => ids.push(i as u32),
        None => {
            map.insert(k, Ids::One(i as u32));
        }
    }
}

/// One act of the corpus: its newest version (loaded now, or on first use), and the
/// older versions it has.
struct Entry {
    row: store::Row,
    /// (Boxed: an act inline is a kilobyte, and 100,000 entries are mostly never loaded.)
    act: OnceLock<Box<Act>>,
    /// The corpus folder the row came from (an index into `dirs`); None: added loaded.
    dir: Option<u32>,
    /// The older versions, oldest first, each with its act once loaded.
    older: Vec<(Version, OnceLock<Box<Act>>)>,
}

/// The version of an act that applies on a day, as [`Corpus::act_on`] picks it.
pub struct Chosen<'a> {
    pub act: &'a Act,
    pub version_date: Option<String>,
    /// A later version is in the corpus: this one's text is known to have held until then.
    pub later: bool,
    /// The day the corpus knew its newest version to be current (`--as-of`).
    pub as_of: Option<String>,
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

/// The kind of act a word names, as `act_type` writes it: a Kazakh kind word in any form
/// ("бұйрық", "шешімдері"; `data/act-kinds.txt`) or a Russian one ("приказ").
pub fn kind_named(word: &str) -> Option<&'static str> {
    crate::parse::amend::act_kind(word).or_else(|| meta::kind_ru(word))
}

impl Corpus {
    /// The acts bundled with qujat: the texts of corpus/raw and the laws of corpus/laws,
    /// built into the binary and parsed on first use (a few milliseconds), so the bundled
    /// corpus is always what the parser makes of them.
    pub fn bundled() -> Corpus {
        let mut c = Corpus::default();
        for act in bundled_acts() {
            c.add(act.clone());
        }
        c
    }

    /// Add an act unless the corpus has a version of it at least as new (the bundled
    /// acts, added after the folders that may hold newer parses of them).
    pub fn add_unless_newer(&mut self, act: Act) {
        let have = self.index_of(&act.id).map(|i| self.entries[i].row.version_date.clone());
        match have {
            Some(v) if v >= act.meta.version_date => {}
            _ => self.add(act),
        }
    }
}

/// The acts bundled with qujat, parsed once per process.
pub fn bundled_acts() -> &'static [Act] {
    static ACTS: OnceLock<Vec<Act>> = OnceLock::new();
    ACTS.get_or_init(|| {
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
    })
}

impl Corpus {
    /// Add a corpus folder: one written by `qujat corpus import` (its index is read, its
    /// acts on first use), or any folder of clause YAML files (each read now). A file that
    /// is not clause YAML is an error naming it.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        if store::is_store(dir) {
            let d = self.dirs.len() as u32;
            // (as_of is in the header, returned once the rows are read.)
            self.dirs.push((dir.to_path_buf(), None));
            let guess = store::rows_in(dir);
            self.entries.reserve(guess);
            self.by_id.reserve(guess);
            self.by_date_number.reserve(guess);
            self.by_title.reserve(guess);
            let mut n = 0;
            let header = store::read_each(dir, &mut |row| {
                n += 1;
                self.add_row(row, Some(d), None);
            })?;
            self.dirs[d as usize].1 = header.as_of;
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
        self.add_row(row, None, Some(act));
    }

    /// The version an entry's current row stands for.
    fn current(&self, e: &Entry) -> Version {
        let (file, as_of) = match e.dir {
            Some(d) => {
                let (dir, as_of) = &self.dirs[d as usize];
                (Some(store::path_of(dir, &e.row)), as_of.clone())
            }
            None => (None, None),
        };
        Version { version_date: e.row.version_date.clone(), file, as_of }
    }

    fn add_row(&mut self, row: store::Row, dir: Option<u32>, act: Option<Act>) {
        let cell = OnceLock::new();
        if let Some(a) = act {
            let _ = cell.set(Box::new(a));
        }
        let entry = Entry { row, act: cell, dir, older: Vec::new() };
        let i = match self.index_of(&entry.row.id) {
            Some(i) => {
                let old = &self.entries[i];
                if old.row.version_date > entry.row.version_date {
                    // An older version: kept in the list, not resolved to.
                    let v = self.current(&entry);
                    let e = &mut self.entries[i];
                    e.older.retain(|o| o.0.version_date != v.version_date);
                    e.older.push((v, entry.act));
                    e.older.sort_by(|a, b| a.0.version_date.cmp(&b.0.version_date));
                    return;
                }
                let same = old.row.version_date == entry.row.version_date;
                let previous = self.current(old);
                self.unindex(i);
                let old = std::mem::replace(&mut self.entries[i], entry);
                let mut older = old.older;
                if !same {
                    older.push((previous, old.act));
                }
                let vd = self.entries[i].row.version_date.clone();
                older.retain(|o| o.0.version_date != vd);
                self.entries[i].older = older;
                i
            }
            None => {
                let i = self.entries.len();
                add_to(&mut self.by_id, hash_of(entry.row.id.as_str()), i);
                self.entries.push(entry);
                i
            }
        };
        self.index(i);
    }

    /// The hashed keys of a row: date + number, titles, registration.
    fn keys(row: &store::Row) -> (Option<u64>, Vec<u64>, Option<u64>) {
        let dn = row.date.as_ref().zip(row.number.as_ref()).map(|(d, n)| hash_of(&(d.as_str(), n.to_lowercase())));
        let mut titles: Vec<u64> = row.title.iter().map(|t| hash_of(&title_key(t))).collect();
        titles.extend(row.attachment_titles.iter().map(|t| hash_of(&title_key(t))));
        (dn, titles, row.registration.as_deref().map(hash_of))
    }

    fn index(&mut self, i: usize) {
        let (dn, titles, reg) = Self::keys(&self.entries[i].row);
        if let Some(d) = self.entries[i].row.date.as_deref().and_then(date_key) {
            add_to(&mut self.by_date, d, i);
        }
        if let Some(k) = dn {
            add_to(&mut self.by_date_number, k, i);
        }
        if let Some(t) = self.entries[i].row.act_type_kk.as_deref() {
            add_to(&mut self.by_type, hash_of(t), i);
        }
        for t in titles {
            add_to(&mut self.by_title, t, i);
        }
        if let Some(r) = reg {
            add_to(&mut self.by_registration, r, i);
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
        fn drop_from<K: std::hash::Hash + Eq>(map: &mut Map<K, Ids>, k: &K, i: usize) {
            if let Some(ids) = map.get_mut(k) {
                ids.remove(i as u32);
            }
        }
        let (dn, titles, reg) = Self::keys(&self.entries[i].row);
        if let Some(d) = self.entries[i].row.date.as_deref().and_then(date_key) {
            drop_from(&mut self.by_date, &d, i);
        }
        if let Some(k) = dn {
            drop_from(&mut self.by_date_number, &k, i);
        }
        if let Some(t) = self.entries[i].row.act_type_kk.clone() {
            drop_from(&mut self.by_type, &hash_of(t.as_str()), i);
        }
        for t in titles {
            drop_from(&mut self.by_title, &t, i);
        }
        if let Some(r) = reg {
            drop_from(&mut self.by_registration, &r, i);
        }
        for (s, _) in self.entries[i].row.short_names.clone() {
            self.by_short_name.entry(name_key(&s)).or_default().retain(|&(x, _)| x != i);
        }
    }

    /// The acts under a hashed key whose row passes `fits`.
    fn lookup<K: std::hash::Hash + Eq>(
        &self,
        map: &Map<K, Ids>,
        k: &K,
        fits: impl Fn(&store::Row) -> bool,
    ) -> Vec<usize> {
        map.get(k).map_or_else(Vec::new, |ids| ids.iter().filter(|&i| fits(&self.entries[i].row)).collect())
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
        e.act.get_or_init(|| Box::new(load(self.current(e).file.as_deref(), &e.row)))
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

    /// Every version of act `i`, oldest first (the last is the one references resolve to).
    pub fn versions(&self, i: usize) -> Vec<Version> {
        let e = &self.entries[i];
        let mut v: Vec<Version> = e.older.iter().map(|o| o.0.clone()).collect();
        v.push(self.current(e));
        v
    }

    /// The version of act `i` in force on `date` (YYYY-MM-DD): the newest one dated on or
    /// before it, else the oldest. Its act is read on first use.
    pub fn act_on(&self, i: usize, date: &str) -> Chosen<'_> {
        let e = &self.entries[i];
        let current = self.current(e);
        let fits = |v: &Version| v.version_date.as_deref().is_none_or(|d| d <= date);
        let k = match fits(&current) {
            true => e.older.len(),
            false => e.older.iter().rposition(|o| fits(&o.0)).unwrap_or(0).min(e.older.len()),
        };
        let as_of = current.as_of.clone();
        if k == e.older.len() {
            return Chosen { act: self.act(i), version_date: current.version_date, later: false, as_of };
        }
        let (v, cell) = &e.older[k];
        let act = cell.get_or_init(|| Box::new(load(v.file.as_deref(), &e.row)));
        Chosen { act, version_date: v.version_date.clone(), later: true, as_of }
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
                versions: e.older.len() + 1,
                lost_force: e.row.lost_force.clone(),
                title: e.row.title.clone(),
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Acts of this date (YYYY-MM-DD).
    pub fn by_date(&self, date: &str) -> Vec<usize> {
        date_key(date).map_or_else(Vec::new, |d| self.lookup(&self.by_date, &d, |r| r.date.as_deref() == Some(date)))
    }

    /// Acts whose Kazakh type word is this one ("кодекс", "конституция").
    pub fn by_type(&self, word: &str) -> Vec<usize> {
        self.lookup(&self.by_type, &hash_of(word), |r| r.act_type_kk.as_deref() == Some(word))
    }

    /// The title of act `i`, from the index.
    pub fn title(&self, i: usize) -> Option<&str> {
        self.entries[i].row.title.as_deref()
    }

    /// Acts with this date (YYYY-MM-DD) and number.
    pub fn by_date_number(&self, date: &str, number: &str) -> Vec<usize> {
        let n = number.to_lowercase();
        let fits = |r: &store::Row| {
            r.date.as_deref() == Some(date) && r.number.as_ref().is_some_and(|x| x.to_lowercase() == n)
        };
        self.lookup(&self.by_date_number, &hash_of(&(date, n.clone())), fits)
    }

    /// Acts whose title (or an attachment's title) is this one.
    pub fn by_title(&self, title: &str) -> Vec<usize> {
        let key = title_key(title);
        let fits = |r: &store::Row| r.title.iter().chain(&r.attachment_titles).any(|t| title_key(t) == key);
        self.lookup(&self.by_title, &hash_of(&key), fits)
    }

    /// The act with this id.
    pub fn by_id(&self, id: &str) -> Option<&Act> {
        self.index_of(id).map(|i| self.act(i))
    }

    /// The index of the act with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.lookup(&self.by_id, &hash_of(id), |r| r.id == id).first().copied()
    }

    /// Acts with this state registration number.
    pub fn by_registration(&self, number: &str) -> Vec<usize> {
        self.lookup(&self.by_registration, &hash_of(number), |r| r.registration.as_deref() == Some(number))
    }

    /// (act, part) pairs whose attachment has this short name (Ереже, Қағидалар).
    pub fn by_short_name(&self, name: &str) -> &[(usize, usize)] {
        self.by_short_name.get(&name_key(name)).map_or(&[], Vec::as_slice)
    }
}

/// Read an act version's file. One that has become unreadable since the import is
/// reported once on stderr and stands as an act without units, so nothing is claimed
/// about it.
fn load(file: Option<&Path>, row: &store::Row) -> Act {
    let result = match file {
        Some(f) => store::read_act(f),
        None => Err(crate::error::Error::input(Path::new(&row.id), "an act version with no file")),
    };
    result.unwrap_or_else(|err| {
        eprintln!("qujat: {err}");
        let mut a = Act { id: row.id.clone(), ..Default::default() };
        a.meta.title = row.title.clone();
        a.warnings.push(format!("unreadable: {err}"));
        a
    })
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
        // (A number printed twice, as codes do for an inserted article, is listed once.)
        if let Some(n) = &u.num {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
        Walk::Skip
    });
}

/// A part by id.
pub fn part<'a>(act: &'a Act, id: &str) -> Option<&'a Part> {
    act.parts.iter().find(|p| p.id == id)
}
