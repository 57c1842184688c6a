//! Build the unit tree of one part from its body blocks.
//!
//! Rules (checked against the seeds and the real acts):
//! - `N-тарау`, `N тарау`, a numbered Markdown heading, or (seed 000) a bare `N. Title`
//!   that has no final punctuation and is followed by a clause: a chapter.
//! - `N.` a clause (тармақ); numbers run through the part, so `pN` is unique; when a
//!   converter restarted the numbering, the repeated one is qualified by its chapter.
//! - `N)` a subclause (тармақша) of the current clause.
//! - `-` bullets and unnumbered paragraphs: items of the current clause, or of the
//!   current subclause when that subclause ends with ":" (it introduces them).
//! - `Ескерту. ...` an editorial note of the unit before it.

use std::collections::{HashMap, HashSet};

use super::blocks::{Block, BlockKind};
use super::labels::{label, terminated, Label};
use crate::model::{Note, Unit, UnitKind};

struct Node {
    unit: Unit,
    parent: Option<usize>,
}

pub struct UnitBuilder {
    nodes: Vec<Node>,
    /// The unit clauses go into: a chapter, or a параграф inside one.
    chapter: Option<usize>,
    /// The current chapter itself (the parent of a параграф).
    top: Option<usize>,
    /// In a law: the current section (бөлім), parent of its chapters, and the unit
    /// articles go into (a section, chapter or параграф).
    section: Option<usize>,
    container: Option<usize>,
    /// Parsing a law or code: бөлім is a section above chapters, not a chapter.
    law: bool,
    /// The number of the last clause (its first part: 7 of 7-1), for the sequence.
    last_clause: Option<u32>,
    clause: Option<usize>,
    sub: Option<usize>,
    last: Option<usize>,
    /// Every id so far, and how many items each parent has (kept so that a huge input
    /// stays linear).
    all_ids: HashSet<String>,
    items_of: HashMap<Option<usize>, usize>,
    repeats: HashMap<String, usize>,
    unnumbered_chapters: usize,
    unnumbered_sections: usize,
    /// Notes that come before any unit (they belong to the part).
    pub part_notes: Vec<Note>,
}

impl Default for UnitBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl UnitBuilder {
    pub fn new() -> Self {
        UnitBuilder {
            nodes: Vec::new(),
            chapter: None,
            top: None,
            section: None,
            container: None,
            law: false,
            last_clause: None,
            clause: None,
            sub: None,
            last: None,
            all_ids: HashSet::new(),
            items_of: HashMap::new(),
            repeats: HashMap::new(),
            unnumbered_chapters: 0,
            unnumbered_sections: 0,
            part_notes: Vec::new(),
        }
    }

    fn id_of(&self, i: Option<usize>) -> Option<&str> {
        i.map(|i| self.nodes[i].unit.id.as_str())
    }

    fn push(&mut self, mut unit: Unit, parent: Option<usize>) -> usize {
        if !self.all_ids.insert(unit.id.clone()) {
            // A repeated number (a converter's or a typist's doing): keep both, apart.
            let k = self.repeats.entry(unit.id.clone()).or_insert(1);
            loop {
                *k += 1;
                let id = format!("{}-{}", unit.id, k);
                if self.all_ids.insert(id.clone()) {
                    unit.id = id;
                    break;
                }
            }
        }
        self.nodes.push(Node { unit, parent });
        let i = self.nodes.len() - 1;
        self.last = Some(i);
        i
    }

    fn unit(id: String, kind: UnitKind, num: Option<String>, text: Option<String>, line: usize) -> Unit {
        Unit { id, kind, num, heading: None, text, line, notes: Vec::new(), repealed: None, units: Vec::new() }
    }

    pub fn chapter(&mut self, num: Option<String>, heading: String, line: usize) {
        let id = match &num {
            Some(n) => format!("ch{n}"),
            None => {
                self.unnumbered_chapters += 1;
                format!("h{}", self.unnumbered_chapters)
            }
        };
        let mut u = Self::unit(id, UnitKind::Chapter, num, None, line);
        u.heading = Some(heading).filter(|h| !h.is_empty());
        let i = self.push(u, self.section);
        self.chapter = Some(i);
        self.top = Some(i);
        self.container = Some(i);
        self.clause = None;
        self.sub = None;
    }

    /// "1-параграф. …": a group inside the current chapter; clauses after it go into it.
    pub fn subsection(&mut self, num: String, heading: String, line: usize) {
        let id = match self.id_of(self.top) {
            Some(ch) => format!("{ch}.par{num}"),
            None => format!("par{num}"),
        };
        let mut u = Self::unit(id, UnitKind::Division, Some(num), None, line);
        u.heading = Some(heading).filter(|h| !h.is_empty());
        let i = self.push(u, self.top);
        self.chapter = Some(i);
        self.container = Some(i);
        self.clause = None;
        self.sub = None;
    }

    /// A builder for a law or code (sections above chapters).
    pub fn for_law() -> Self {
        UnitBuilder { law: true, ..Self::new() }
    }

    fn section_or_chapter(&mut self, num: String, heading: String, line: usize) {
        if self.law {
            self.section(Some(num), heading, line);
        } else {
            self.chapter(Some(num), heading, line);
        }
    }

    /// "1-БӨЛІМ", "ЖАЛПЫ БӨЛІМ" in a law or code: the chapters after it go into it.
    pub fn section(&mut self, num: Option<String>, heading: String, line: usize) {
        let id = match &num {
            Some(n) => format!("sec{n}"),
            None => {
                // An unnumbered part of a code ("ЖАЛПЫ БӨЛІК"): hsec1, hsec2, as unnumbered
                // chapters are h1, h2.
                self.unnumbered_sections += 1;
                format!("hsec{}", self.unnumbered_sections)
            }
        };
        let mut u = Self::unit(id, UnitKind::Section, num, None, line);
        u.heading = Some(heading).filter(|h| !h.is_empty());
        let i = self.push(u, None);
        self.section = Some(i);
        self.container = Some(i);
        self.chapter = Some(i);
        self.top = None;
        self.clause = None;
        self.sub = None;
    }

    /// "7-2-бап. Heading": an article of a law, in the current section, chapter or
    /// параграф; its clauses ("1.", numbered afresh in each article) are `art7-2.p1`.
    pub fn article(&mut self, num: String, heading: String, line: usize) {
        let mut u = Self::unit(format!("art{num}"), UnitKind::Article, Some(num), None, line);
        u.heading = Some(heading).filter(|h| !h.is_empty());
        let i = self.push(u, self.container);
        self.chapter = Some(i);
        self.clause = None;
        self.sub = None;
        self.last_clause = None;
    }

    pub fn clause(&mut self, num: String, text: String, line: usize) {
        self.last_clause = num.split('-').next().and_then(|d| d.parse().ok());
        let mut id = format!("p{num}");
        let in_article = self.chapter.is_some_and(|c| self.nodes[c].unit.kind == UnitKind::Article);
        if in_article || self.all_ids.contains(&id) {
            // Numbering restarted (a converter's doing): qualify by chapter.
            if let Some(ch) = self.id_of(self.chapter) {
                id = format!("{ch}.p{num}");
            }
        }
        let i = self.push(Self::unit(id, UnitKind::Clause, Some(num), Some(text), line), self.chapter);
        self.clause = Some(i);
        self.sub = None;
    }

    pub fn subclause(&mut self, num: String, text: String, line: usize) {
        let parent = self.clause.or(self.chapter);
        let id = match self.id_of(parent) {
            Some(p) => format!("{p}.sp{num}"),
            None => format!("sp{num}"),
        };
        let i = self.push(Self::unit(id, UnitKind::Subclause, Some(num), Some(text), line), parent);
        self.sub = Some(i);
    }

    /// A bullet, an unnumbered paragraph, or a sub-numbered "5.1." line.
    pub fn item(&mut self, num: Option<String>, text: String, line: usize) {
        let sub_introduces =
            self.sub.is_some_and(|s| self.nodes[s].unit.text.as_deref().is_some_and(|t| t.trim_end().ends_with(':')));
        let parent = if sub_introduces { self.sub } else { self.clause.or(self.chapter) };
        let k = {
            let c = self.items_of.entry(parent).or_insert(0);
            *c += 1;
            *c
        };
        let id = match self.id_of(parent) {
            Some(p) => format!("{p}.i{k}"),
            None => format!("i{k}"),
        };
        self.push(Self::unit(id, UnitKind::Item, num, Some(text), line), parent);
    }

    pub fn note(&mut self, text: String) {
        let text = super::amend::note(text);
        match self.last {
            Some(i) => self.nodes[i].unit.notes.push(text),
            None => self.part_notes.push(text),
        }
    }

    /// Add one body block; `following` are the blocks after it (a bare chapter heading is
    /// recognized by the clause that follows it).
    pub fn add(&mut self, b: &Block, following: &[Block]) {
        let next = following.first();
        let flat = b.flat();
        if crate::text::is_rule(&flat) {
            // A drawn line (underscores, dashes) between parts of a text: no unit.
            return;
        }
        let (lab, rest) = label(&flat);
        let rest = rest.to_string();
        if self.law && lab == Label::None && is_code_part(&flat) {
            self.section(None, flat.trim().to_string(), b.line);
            return;
        }
        if let BlockKind::Heading(_) = b.kind {
            match lab {
                Label::Chapter(n) => self.chapter(Some(n), rest, b.line),
                Label::Section(n) => self.section_or_chapter(n, rest, b.line),
                Label::Article(n) => self.article(n, rest, b.line),
                Label::Subsection(n) => self.subsection(n, rest, b.line),
                Label::Clause(n) if terminated(&rest) => self.clause(n, rest, b.line),
                Label::Clause(n) => self.chapter(Some(n), rest, b.line),
                Label::Dotted(n) => self.item(Some(n), rest, b.line),
                Label::Subclause(n) => self.subclause(n, rest, b.line),
                Label::Note => self.note(rest),
                _ => self.chapter(None, rest, b.line),
            }
            return;
        }
        match lab {
            Label::Chapter(n) => self.chapter(Some(n), rest, b.line),
            Label::Section(n) => self.section_or_chapter(n, rest, b.line),
            Label::Subsection(n) => self.subsection(n, rest, b.line),
            Label::Article(n) => self.article(n, rest, b.line),
            Label::Clause(n) => {
                // (In a law a chapter has its label: "N." is always a clause of its article.)
                if !self.law
                    && (self.is_bare_chapter(b, &n, &rest, next)
                        || self.is_chapter_before_lead(&n, &rest, following)
                        || self.is_chapter_of_subclauses(&n, &rest, following))
                {
                    self.chapter(Some(n), rest, b.line);
                } else {
                    self.clause(n, rest, b.line);
                }
            }
            Label::Subclause(n) => self.subclause(n, rest, b.line),
            Label::Dotted(n) => self.item(Some(n), rest, b.line),
            Label::Bullet => self.item(None, rest, b.line),
            Label::Note => self.note(rest),
            Label::None => {
                // A short unfinished line followed by a clause, inside a body: a heading
                // without a number (seed 003: "Жауапты орындаушылар").
                let next_is_clause = next.is_some_and(|n| matches!(label(&n.flat()).0, Label::Clause(_)));
                if !self.law
                    && !terminated(&rest)
                    && rest.chars().count() <= 80
                    && next_is_clause
                    && self.clause.is_some()
                    && rest.chars().next().is_some_and(|c| c.is_uppercase())
                {
                    self.chapter(None, rest, b.line);
                } else {
                    self.item(None, rest, b.line);
                }
            }
        }
    }

    /// "1. Жалпы ережелер", an unnumbered lead paragraph, then clause 1: a clause would not
    /// be followed by a clause with its own number, so this is the chapter's heading.
    fn is_chapter_before_lead(&self, n: &str, rest: &str, following: &[Block]) -> bool {
        let heading_like =
            !terminated(rest) && rest.chars().count() <= 120 && rest.chars().next().is_some_and(char::is_uppercase);
        let [lead, after, ..] = following else { return false };
        if !heading_like || label(&lead.flat()).0 != Label::None || lead.kind != BlockKind::Para {
            return false;
        }
        let Label::Clause(next_n) = label(&after.flat()).0 else { return false };
        let expected_chapter = self
            .top
            .and_then(|c| self.nodes[c].unit.num.as_deref().and_then(|x| x.parse::<u32>().ok()))
            .map_or(1, |x| x + 1);
        n.parse::<u32>().ok() == Some(expected_chapter)
            && (next_n == n || self.last_clause.is_some_and(|l| next_n.parse::<u32>().ok() == Some(l + 1)))
    }

    /// "1. Негізгі ұғымдар", then subclauses "1) …", and later "2. Жалпы ережелер" with
    /// clause "1." under it: the chapter sequence goes on where the clause sequence
    /// restarts, so "1. …" was the first chapter's heading, its definitions right under it.
    fn is_chapter_of_subclauses(&self, n: &str, rest: &str, following: &[Block]) -> bool {
        let heading_like = |t: &str| {
            !terminated(t)
                && t.chars().count() <= 80
                && t.chars().next().is_some_and(char::is_uppercase)
                && !t.contains([',', ';', ':'])
        };
        // (The cheap tests first: this runs for every clause.)
        if self.top.is_some() || n != "1" || !heading_like(rest) {
            return false;
        }
        if following.first().map(|b| label(&b.flat()).0) != Some(Label::Subclause("1".into())) {
            return false;
        }
        let clause_at = |k: usize| match label(&following[k].flat()) {
            (Label::Clause(c), t) => Some((c, heading_like(t))),
            _ => None,
        };
        let Some(k) = (0..following.len().min(200)).find(|&k| clause_at(k).is_some()) else { return false };
        let next_is_clause_1 = following.get(k + 1).is_some_and(|b| label(&b.flat()).0 == Label::Clause("1".into()));
        clause_at(k) == Some(("2".into(), true)) && next_is_clause_1
    }

    fn is_bare_chapter(&self, b: &Block, n: &str, rest: &str, next: Option<&Block>) -> bool {
        if terminated(rest) || rest.chars().count() > 400 || rest.is_empty() {
            return false;
        }
        let Some(next) = next else { return false };
        let Label::Clause(next_n) = label(&next.flat()).0 else { return false };
        let first = |x: &str| x.split('-').next().and_then(|d| d.parse::<u32>().ok());
        // Chapters count 1, 2, 3 … on their own.
        let expected_chapter = self
            .top
            .and_then(|c| self.nodes[c].unit.num.as_deref().and_then(|x| x.parse::<u32>().ok()))
            .map_or(1, |x| x + 1);
        let is_next_chapter = n.parse::<u32>().ok() == Some(expected_chapter);
        // The next clause continues the clause sequence (…, 2 | "2. Heading" | 3): this
        // number is not a clause's.
        let (this, following) = (first(n), first(&next_n));
        let continues = self.last_clause.zip(following).is_some_and(|(l, f)| f == l + 1) && this != following;
        if is_next_chapter && continues && this.is_some_and(|t| Some(t) != self.last_clause.map(|l| l + 1)) {
            return true;
        }
        // If this were a clause, the next clause would carry the next number.
        if let (Some(a), Some(b2)) = (this, following) {
            if b2 == a + 1 {
                return false;
            }
        }
        b.indent <= next.indent && is_next_chapter
    }

    /// Assemble the tree.
    pub fn finish(self) -> Vec<Unit> {
        let UnitBuilder { nodes, .. } = self;
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut roots = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            match n.parent {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let mut units: Vec<Option<Unit>> = nodes.into_iter().map(|n| Some(n.unit)).collect();
        fn build(i: usize, units: &mut Vec<Option<Unit>>, children: &[Vec<usize>]) -> Unit {
            let mut u = units[i].take().expect("each node is built once");
            u.units = children[i].iter().map(|&c| build(c, units, children)).collect();
            u
        }
        roots.iter().map(|&r| build(r, &mut units, &children)).collect()
    }
}

/// "ЖАЛПЫ БӨЛІК", "ЕРЕКШЕ БӨЛІМ": an unnumbered part of a code, above its numbered
/// sections, on a line of its own in capitals: one word, then бөлік or бөлім.
pub fn is_code_part(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [first, noun] = words[..] else { return false };
    let caps = |w: &str| w.chars().all(|c| c.is_uppercase()) && w.chars().count() >= 3;
    caps(first) && matches!(noun, "БӨЛІК" | "БӨЛІМ")
}
