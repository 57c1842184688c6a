//! Stage 2: normalized text → [`Act`] (clause YAML).
//!
//! Entry points: [`parse`] for text already read, [`parse_file`] for a path.

mod act;
pub mod amend;
pub mod blocks;
pub mod labels;
mod law;
mod letter;
mod titles;
mod units;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::*;
use crate::text::{self, Normalized};

/// The act being built, shared by the zone parsers.
pub struct Doc {
    pub act: Act,
}

/// Everything a parse produces: the act and the normalization it was made from.
pub struct Parsed {
    pub act: Act,
    pub normalized: Normalized,
}

/// Read, decode, normalize and parse one file. `display` is the path written into
/// `source.file` (so that YAML does not depend on where the corpus was checked out).
pub fn parse_file(path: &Path, display: &str, force_markdown: bool) -> Result<Parsed> {
    parse_bytes(&crate::io::read(path)?, path, display, force_markdown)
}

/// Parse text already decoded (a draft being checked, a web form): `name` is written
/// into `source.file`. Never fails: text without structure gives an act without units.
pub fn parse_text(text: &str, name: &str, markdown: bool) -> Parsed {
    let normalized = text::normalize(text, markdown);
    let source = Source {
        file: name.to_string(),
        sha256: hex(&Sha256::digest(text.as_bytes())),
        encoding: "utf-8".into(),
        format: if markdown { "markdown" } else { "plain" }.into(),
    };
    Parsed { act: parse(&normalized, source), normalized }
}

pub fn parse_bytes(bytes: &[u8], path: &Path, display: &str, force_markdown: bool) -> Result<Parsed> {
    let decoded = text::decode(bytes, path)?;
    let markdown = text::is_markdown(path, &decoded.text, force_markdown);
    let normalized = text::normalize(&decoded.text, markdown);
    let source = Source {
        file: display.to_string(),
        sha256: hex(&Sha256::digest(bytes)),
        encoding: decoded.encoding.to_string(),
        format: if markdown { "markdown" } else { "plain" }.to_string(),
    };
    let act = parse(&normalized, source);
    let no_units = act.parts.iter().all(|p| p.units.is_empty() && p.meta.is_none());
    if no_units && act.meta.act_type.is_none() && act.meta.date.is_none() {
        return Err(Error::input(path, "no recognizable structure: no title, clauses, chapters or letters found"));
    }
    Ok(Parsed { act, normalized })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parse normalized text into an act.
pub fn parse(n: &Normalized, source: Source) -> Act {
    let blocks = act::split_stamp_tails(blocks::blocks(n));
    let mut doc = Doc { act: Act { schema: SCHEMA.to_string(), source, ..Default::default() } };
    let formula = act::formula_at(&blocks);
    if formula.is_none() && law::looks_like_law(&blocks) {
        law::parse_law(&blocks, &mut doc);
    } else if formula.is_none() && letter::looks_like_letters(&blocks) {
        letter::parse_letters(&blocks, &mut doc);
    } else {
        act::parse_act(&blocks, formula, &mut doc);
        let warnings = titles::check(&doc.act);
        doc.act.warnings.extend(warnings);
    }
    let mut act = doc.act;
    act.definitions = definitions(&act);
    act.id = act_id(&act);
    act
}

/// A stable id: issuer, date and number, as a lowercase ASCII slug. A law or code has no
/// issuer line: its type stands first ("law-2001-01-23-148").
pub fn act_id(act: &Act) -> String {
    let m = &act.meta;
    let mut parts = Vec::new();
    if let Some(i) = &m.issuer {
        parts.push(labels::issuer_slug(i));
    } else if let Some(t) = m.act_type.as_deref().filter(|t| matches!(*t, "law" | "code" | "constitution")) {
        parts.push(t.to_string());
    }
    if m.act_type.as_deref() == Some("letter") {
        parts.push("letter".to_string());
    }
    let letter_meta = act.parts.iter().filter_map(|p| p.meta.as_ref()).find(|l| l.date.is_some() || l.number.is_some());
    let date = m.date.clone().or_else(|| letter_meta.and_then(|l| l.date.clone()));
    let number = m.number.clone().or_else(|| letter_meta.and_then(|l| l.number.clone()));
    if let Some(d) = date {
        parts.push(d);
    }
    if let Some(n) = number {
        parts.push(labels::translit(&n));
    }
    if parts.iter().all(|p| p.is_empty()) {
        parts.push(labels::translit(&m.title.clone().unwrap_or_default()).chars().take(40).collect());
    }
    let id = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if id.is_empty() {
        format!("act-{}", act.source.sha256.get(..12).unwrap_or("unnamed"))
    } else {
        id
    }
}

static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?:бұдан\s+әрі|әрі\s+қарай)\s*[-–—]?\s*([^)]+)\)").unwrap());

/// "(бұдан әрі – Басқарма)": the term, what it stands for, and the unit where it is defined.
fn definitions(act: &Act) -> Vec<Definition> {
    let mut out = Vec::new();
    for part in &act.parts {
        // (unit id, text); the address "<part>/<unit>" is built only for a match.
        let mut texts: Vec<(Option<&str>, &str)> = Vec::new();
        if let Some(p) = &part.preamble {
            texts.push((None, p));
        }
        part.walk(&mut |u| {
            if let Some(t) = &u.text {
                texts.push((Some(&u.id), t));
            }
        });
        for (unit, t) in texts {
            if !t.contains("әрі") {
                continue;
            }
            for c in DEFINITION.captures_iter(t) {
                let term = c[1].trim().trim_matches(|ch: char| "«»\"".contains(ch)).trim();
                let term = term.trim_start_matches(['-', '–', '—']).trim().to_string();
                let before = &t[..c.get(0).unwrap().start()];
                let at = match unit {
                    Some(u) => format!("{}/{}", part.id, u),
                    None => part.id.clone(),
                };
                out.push(Definition { means: defined_phrase(before, &term), term, at });
            }
        }
    }
    out
}

/// What a short name stands for: the words just before the parenthesis. An acronym takes
/// as many words as it has letters when their initials match (ӘПК ← Әкімшілік полиция
/// комитетінде); a quoted name is taken from its opening quote; otherwise back to the
/// start of the clause, "Осы", or a comma.
fn defined_phrase(before: &str, term: &str) -> String {
    let before = before.trim_end();
    let words: Vec<&str> = before.split_whitespace().collect();
    let letters: Vec<char> = term.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2
        && letters.len() <= 6
        && term.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        && words.len() >= letters.len()
    {
        let tail = &words[words.len() - letters.len()..];
        let initials_match =
            tail.iter().zip(&letters).all(|(w, l)| w.chars().next().and_then(|c| c.to_uppercase().next()) == Some(*l));
        if initials_match {
            return tail.join(" ");
        }
    }
    // A quoted name and what follows it ("«…» коммуналдық мемлекеттік мекемесі"); else
    // from the start of the sentence (or the end of an earlier parenthesis), unless that
    // is long: then from the last comma.
    let start = {
        let sentence_start = before.rfind(". ").map(|i| i + 2).unwrap_or(0);
        let paren = before.rfind(')').map(|i| i + 1).unwrap_or(0);
        let s0 = sentence_start.max(paren);
        match before[s0..].find(['"', '«']).map(|i| i + s0) {
            Some(q) => q,
            None if before[s0..].split_whitespace().count() > 20 => {
                before.rfind(", ").map(|i| i + 2).unwrap_or(s0).max(s0)
            }
            None => s0,
        }
    };
    let phrase = before[start..].trim();
    let phrase = phrase.strip_prefix("Осы ").unwrap_or(phrase);
    phrase.to_string()
}
