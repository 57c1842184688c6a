//! The clause YAML model (`schema: qujat/act/1`, see `shared/spec/clause-yaml.md`).
//!
//! These types are the only thing every stage shares. Field order here is the order in
//! the YAML, so that files diff well.

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "qujat/act/1";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Act {
    pub schema: String,
    pub id: String,
    pub source: Source,
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<Definition>,
    pub parts: Vec<Part>,
    /// Text the parser could not place. Never dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residue: Vec<Residue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    /// Encoding the bytes were decoded from: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1251.
    pub encoding: String,
    /// plain or markdown
    pub format: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub act_type: Option<String>,
    pub act_type_kk: Option<String>,
    pub issuer: Option<String>,
    /// The session of a maslikhat that adopted the act ("XXXII сессиясы").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
    /// Laws and codes: how a numbered paragraph "N." of an article is cited. тармақ in a
    /// law, бөлік in a code ("41-бабының бірінші бөлігі"). Unset for other acts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause_noun: Option<String>,
    /// From the corpus's `meta.yaml` (acts imported by `qujat corpus import`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_ru: Option<String>,
    /// The corpus's form code (ЗАК: a law).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// The last amendment this text includes: the version's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_date: Option<String>,
    /// The act whose amendment made this version (`caused_by` in the corpus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_by: Option<ActRef>,
    /// When and by which act the whole act lost force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_force: Option<LostForce>,
}

/// Another act named by date and number: an amending act in a note, a repealing act.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// law, code, decree, resolution, order, decision (from `data/act-kinds.txt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The end of an act: the act that ended it and the delay it stated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LostForce {
    pub date: Option<String>,
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// "по истечении шестидесяти календарных дней после … опубликования": 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<u32>,
    /// The requisite's words, as the corpus wrote them.
    pub text: String,
}

/// An editorial note (`Ескерту. …`) and the amending acts it names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "NoteRepr")]
pub struct Note {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<ActRef>,
}

/// A note as read: a bare string (clause YAML written before issue 12) or the object.
#[derive(Deserialize)]
#[serde(untagged)]
enum NoteRepr {
    Text(String),
    Full {
        text: String,
        #[serde(default)]
        acts: Vec<ActRef>,
    },
}

impl From<NoteRepr> for Note {
    fn from(r: NoteRepr) -> Note {
        match r {
            NoteRepr::Text(text) => Note { text, acts: Vec::new() },
            NoteRepr::Full { text, acts } => Note { text, acts },
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Registration {
    pub authority: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    pub role: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub term: String,
    pub means: String,
    pub at: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    #[default]
    Act,
    Attachment,
    Letter,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub id: String,
    pub kind: PartKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Bodies that agreed the attachment ("«КЕЛІСІЛДІ» ... министрлігі").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<String>,
    /// The approval stamp above an attachment ("... № 2 қаулысымен бекітілген").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// An appendix ("…Қағидаларына 1-қосымша"): the id of the part it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// A form (its stamp or heading says "Нысан"): its text is a blank to fill in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub form: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enacting_formula: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<LetterMeta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    pub units: Vec<Unit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LetterMeta {
    pub sender: Option<String>,
    /// Letterhead lines (Kazakh and Russian name, address, phones) as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letterhead: Vec<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub addressees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<LetterRef>,
    pub attachments: Option<String>,
    pub signatories: Vec<Signatory>,
    pub executor: Option<Executor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LetterRef {
    pub sender: Option<String>,
    pub date: Option<String>,
    pub number: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Executor {
    /// The line as printed.
    pub text: String,
    pub name: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The stamp as printed.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
}

/// A kind of unit: of the unit tree, or of what a citation can name. The Kazakh nouns
/// that name them are in [`crate::lang::cite`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// бөлім
    Section,
    /// тарау
    Chapter,
    /// параграф: a group of articles or clauses inside a chapter ("1-параграф"); a
    /// code's division. (Written `subsection` before issue 12; still read.)
    #[serde(alias = "subsection")]
    Division,
    /// бап
    Article,
    /// бөлік, of an article (cited in words: "екінші бөлігі")
    Part,
    /// тармақ
    Clause,
    /// тармақша, "6)"
    Subclause,
    /// An unnumbered list item ("-", "–", "•"); a citation names it as an абзац.
    Item,
    /// абзац: a paragraph of a unit's text, counted in words ("үшінші абзацы").
    /// Citation-only: the tree has no paragraph nodes.
    Paragraph,
    /// қосымша: an attachment. Citation-only: in the model an attachment is a [`Part`] of
    /// the act, never a unit.
    Attachment,
}

impl UnitKind {
    /// Can a unit of the tree have this kind? (Not абзац or қосымша.)
    pub fn in_tree(self) -> bool {
        !matches!(self, UnitKind::Paragraph | UnitKind::Attachment)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Line in the source file where the unit starts.
    pub line: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// A repealed unit ("алып тасталды - ҚР 03.07.2013 № 124-V Заңымен"): the repealing
    /// act (empty when the text does not name it). The label and text are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed: Option<ActRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Residue {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

impl Act {
    pub fn to_yaml(&self) -> String {
        crate::yaml::to_string(self)
    }

    /// Clause YAML in its JSON form (what a corpus folder stores: the same fields, read
    /// and written many times faster).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes to JSON")
    }

    /// Read clause YAML in its JSON form; errors name `file` and the line.
    pub fn from_json(text: &str, file: &std::path::Path) -> crate::error::Result<Act> {
        let act: Act = serde_json::from_str(text).map_err(|e| {
            crate::error::Error::input(file, format!("not clause JSON: {e}")).at_line(e.line()).with_source(e)
        })?;
        Self::checked(act, file)
    }

    /// Read clause YAML; errors name `file` and the line. Units of the citation-only
    /// kinds (paragraph, attachment) are refused: the tree never holds them.
    pub fn from_yaml(text: &str, file: &std::path::Path) -> crate::error::Result<Act> {
        let act: Act = crate::yaml::from_str(text, file, "clause YAML")?;
        Self::checked(act, file)
    }

    fn checked(act: Act, file: &std::path::Path) -> crate::error::Result<Act> {
        for p in &act.parts {
            let mut bad = None;
            walk(&p.units, &mut |path| {
                let u = path[path.len() - 1];
                if u.kind.in_tree() {
                    return Walk::Continue;
                }
                bad = Some(u);
                Walk::Stop
            });
            if let Some(u) = bad {
                let kind = format!("{:?}", u.kind).to_lowercase();
                let msg = format!("unit {}/{} has kind {kind}, which only citations use", p.id, u.id);
                return Err(crate::error::Error::input(file, msg));
            }
        }
        Ok(act)
    }

    /// How many units of each kind, in all parts.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for p in &self.parts {
            p.walk(&mut |u| c.add(u.kind));
        }
        c
    }
}

/// What a [`walk`] visitor wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// Go on, into this unit's children.
    Continue,
    /// Go on, but not into this unit's children.
    Skip,
    /// End the walk.
    Stop,
}

/// Visit every unit under `units` depth-first, in document order. The visitor gets the
/// path from the top: its last element is the unit being visited.
pub fn walk<'a>(units: &'a [Unit], f: &mut dyn FnMut(&[&'a Unit]) -> Walk) {
    fn go<'a>(units: &'a [Unit], path: &mut Vec<&'a Unit>, f: &mut dyn FnMut(&[&'a Unit]) -> Walk) -> bool {
        for u in units {
            path.push(u);
            let next = f(path);
            let stop = next == Walk::Stop || (next == Walk::Continue && !go(&u.units, path, f));
            path.pop();
            if stop {
                return false;
            }
        }
        true
    }
    go(units, &mut Vec::new(), f);
}

impl Part {
    /// Depth-first walk over every unit of the part.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Unit)) {
        walk(&self.units, &mut |path| {
            f(path[path.len() - 1]);
            Walk::Continue
        });
    }
}

/// Units of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sections: usize,
    pub chapters: usize,
    pub divisions: usize,
    pub articles: usize,
    pub parts: usize,
    pub clauses: usize,
    pub subclauses: usize,
    pub items: usize,
}

impl Counts {
    fn add(&mut self, kind: UnitKind) {
        let n = match kind {
            UnitKind::Section => &mut self.sections,
            UnitKind::Chapter => &mut self.chapters,
            UnitKind::Division => &mut self.divisions,
            UnitKind::Article => &mut self.articles,
            UnitKind::Part => &mut self.parts,
            UnitKind::Clause => &mut self.clauses,
            UnitKind::Subclause => &mut self.subclauses,
            UnitKind::Item => &mut self.items,
            UnitKind::Paragraph | UnitKind::Attachment => return,
        };
        *n += 1;
    }

    /// The counts of one part.
    pub fn of(part: &Part) -> Counts {
        let mut c = Counts::default();
        part.walk(&mut |u| c.add(u.kind));
        c
    }
}
