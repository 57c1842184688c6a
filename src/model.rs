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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enacting_formula: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<LetterMeta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Section,
    Chapter,
    Article,
    Part,
    Clause,
    Subclause,
    Item,
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
    pub notes: Vec<String>,
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
        serde_yaml::to_string(self).expect("the model always serializes")
    }
    pub fn from_yaml(s: &str) -> Result<Act, serde_yaml::Error> {
        serde_yaml::from_str(s)
    }
}

impl Unit {
    /// Depth-first walk over this unit and all below it.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Unit)) {
        f(self);
        for u in &self.units {
            u.walk(f);
        }
    }
}

impl Part {
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Unit)) {
        for u in &self.units {
            u.walk(f);
        }
    }
}
