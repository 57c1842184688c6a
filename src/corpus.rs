//! The corpus: acts in clause YAML, bundled in the binary or read from a folder, and
//! indexed by what a citation can name — type + date + number, title, short name.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::error::Result;
use crate::model::{walk, Act, Part, Unit, UnitKind, Walk};

include!(concat!(env!("OUT_DIR"), "/bundled_raw.rs"));

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

/// Acts and their indexes.
#[derive(Default)]
pub struct Corpus {
    pub acts: Vec<Act>,
    by_date_number: HashMap<(String, String), Vec<usize>>,
    by_title: HashMap<String, Vec<usize>>,
    by_registration: HashMap<String, Vec<usize>>,
    by_short_name: HashMap<String, Vec<(usize, usize)>>,
    by_id: HashMap<String, usize>,
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

impl Corpus {
    /// The acts bundled with qujat: the texts of corpus/raw, built into the binary and
    /// parsed on first use (a few milliseconds), so the bundled corpus is always what the
    /// parser makes of them.
    pub fn bundled() -> Corpus {
        static ACTS: OnceLock<Vec<Act>> = OnceLock::new();
        let acts = ACTS.get_or_init(|| {
            bundled_texts()
                .map(|t| {
                    // The golden tests parse every bundled text; a failure here is a build bug.
                    let parsed = crate::parse::parse_bytes(t.bytes, Path::new(t.name), &t.display(), false);
                    parsed.unwrap_or_else(|e| panic!("bundled corpus/raw/{}: {e}", t.name)).act
                })
                .collect()
        });
        let mut c = Corpus::default();
        for act in acts {
            c.add(act.clone());
        }
        c
    }

    /// Add every `.yaml` of a folder. A file that is not clause YAML is an error naming it.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        let files = crate::io::files_in(dir, &["yaml", "yml"])?;
        for f in &files {
            let act = Act::from_yaml(&crate::io::read_text(f)?, f)?;
            self.add(act);
        }
        Ok(files.len())
    }

    /// Add an act. An act with the id of one already there replaces it (a `--corpus`
    /// folder may hold a newer parse of a bundled act), so no reference turns ambiguous.
    pub fn add(&mut self, act: Act) {
        let i = match self.by_id.get(&act.id) {
            Some(&i) => i,
            None => {
                self.by_id.insert(act.id.clone(), self.acts.len());
                self.acts.len()
            }
        };
        let push = |v: &mut Vec<usize>| {
            if !v.contains(&i) {
                v.push(i);
            }
        };
        if let (Some(d), Some(n)) = (&act.meta.date, &act.meta.number) {
            push(self.by_date_number.entry((d.clone(), n.to_lowercase())).or_default());
        }
        if let Some(t) = &act.meta.title {
            push(self.by_title.entry(title_key(t)).or_default());
        }
        if let Some(n) = act.meta.registration.as_ref().and_then(|r| r.number.as_ref()) {
            push(self.by_registration.entry(n.clone()).or_default());
        }
        for (j, p) in act.parts.iter().enumerate() {
            if let Some(t) = &p.title {
                if p.kind == crate::model::PartKind::Attachment {
                    push(self.by_title.entry(title_key(t)).or_default());
                }
            }
            if let Some(s) = &p.short_name {
                let v = self.by_short_name.entry(name_key(s)).or_default();
                if !v.contains(&(i, j)) {
                    v.push((i, j));
                }
            }
        }
        if i == self.acts.len() {
            self.acts.push(act);
        } else {
            self.acts[i] = act;
        }
    }

    pub fn len(&self) -> usize {
        self.acts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.acts.is_empty()
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
        self.by_id.get(id).map(|&i| &self.acts[i])
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
