//! The corpus: acts in clause YAML, bundled in the binary or read from a folder, and
//! indexed by what a citation can name — type + date + number, title, short name.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Act, Part, Unit, UnitKind};

include!(concat!(env!("OUT_DIR"), "/bundled_acts.rs"));

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
    /// The acts bundled with qujat (corpus/acts).
    pub fn bundled() -> Corpus {
        let mut c = Corpus::default();
        for (name, yaml) in BUNDLED {
            // The bundled files are checked by the golden tests; a broken one is a build bug.
            let act = Act::from_yaml(yaml).unwrap_or_else(|e| panic!("bundled corpus/acts/{name}: {e}"));
            c.add(act);
        }
        c
    }

    /// Add every `.yaml` of a folder. A file that is not clause YAML is an error naming it.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        for f in &files {
            let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, &e))?;
            let act = Act::from_yaml(&text).map_err(|e| {
                let err = Error::input(f, format!("not clause YAML: {e}"));
                match e.location() {
                    Some(loc) => err.at_line(loc.line()),
                    None => err,
                }
            })?;
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
pub fn find_units<'a>(units: &'a [Unit], kind: UnitKind, num: &str, out: &mut Vec<&'a Unit>) {
    for u in units {
        if u.kind == kind && u.num.as_deref() == Some(num) {
            out.push(u);
        } else if !(u.kind == kind && matches!(kind, UnitKind::Subclause | UnitKind::Part)) {
            // Do not look for a subclause inside another subclause of the same kind.
            find_units(&u.units, kind, num, out);
        }
    }
}

/// The numbers of the units of a kind directly reachable under `units`, in order.
pub fn numbers_of(units: &[Unit], kind: UnitKind, out: &mut Vec<String>) {
    for u in units {
        if u.kind == kind {
            if let Some(n) = &u.num {
                out.push(n.clone());
            }
        } else {
            numbers_of(&u.units, kind, out);
        }
    }
}

/// A part by id.
pub fn part<'a>(act: &'a Act, id: &str) -> Option<&'a Part> {
    act.parts.iter().find(|p| p.id == id)
}
