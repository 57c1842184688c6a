//! Find clause references in a paragraph of normalized text.
//!
//! A reference is a chain of unit phrases ("11-тармағының 6) тармақшасына") with an
//! owner before it: an act ("Қағидалардың", "…№ 149 бұйрығымен бекітілген Қағидалардың",
//! "«…» Заңының"), the text itself ("осы шешімнің", "осы тармақтың") or nothing (a unit
//! of the text being read). Unit nouns and act-type words are recognised in every case
//! form by generating those forms with the language layer, not by regexes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::cite::{Numbers, UnitKind};
use crate::lang::date::{self, Date};
use crate::lang::noun::{inflect, Case, Form, Number, Possessive};
use crate::lang::number::parse_words;

/// What a reference's chain hangs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// No owner: a unit of the text being read ("2-тармағына сәйкес").
    Implicit,
    /// "осы шешімнің", "осы Қағидалардың": the text itself, or its part so named.
    ThisAct { type_word: String },
    /// "осы тармақтың": the unit of the text that contains the reference.
    ThisUnit { kind: UnitKind },
    /// An act named by its type word and what identifies it.
    Act(ActRef),
    /// A genitive noun that is not a known act type ("жоспарының"): an act we cannot look up.
    Unknown { word: String },
    /// An abbreviation ("ҚР ҚК-нің", "ӘҚБтК"): an act the text named by it, if it did
    /// ("(бұдан әрі – ҚР ҚК)").
    Abbrev { name: String },
}

/// An act as a text names it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ActRef {
    /// The type word's dictionary form, lower case: "ереже", "қағидалар", "заң", "бұйрық".
    pub type_word: String,
    /// The type word as printed ("Қағидаларының").
    pub printed: String,
    /// Was the type word possessive ("Заңының", "Ережесінің")?
    pub possessive: bool,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub number: Option<String>,
    /// The state registration number ("… тізілімінде № 34535 болып тіркелген").
    pub registration: Option<String>,
    /// The approving act's type word when the text says "…бекітілген Ереже".
    pub approved_by: Option<String>,
}

impl ActRef {
    pub fn has_identity(&self) -> bool {
        self.title.is_some() || self.date.is_some() || self.number.is_some() || self.registration.is_some()
    }
}

/// One link of a chain, with where it is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: UnitKind,
    pub numbers: Numbers,
    pub form: Form,
    pub range: Range<usize>,
}

/// A reference found in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub owner: Owner,
    pub links: Vec<Link>,
    /// Byte range in the paragraph: from the owner word (or the first number) to the end
    /// of the last unit noun.
    pub range: Range<usize>,
}

/// An act named without a chain ("…№ 149 бұйрығымен бекітілген Қағидаларына"), which a
/// later short form or a definition can point back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub act: ActRef,
    pub range: Range<usize>,
}

/// "(бұдан әрі – Қағидалар)": a short name the text defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub name: String,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub references: Vec<Reference>,
    pub mentions: Vec<Mention>,
    pub definitions: Vec<Definition>,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    /// The token without surrounding punctuation.
    core: &'a str,
    start: usize,
    end: usize,
    /// A comma or semicolon right after it.
    comma: bool,
    /// A full stop right after it ("8." of a label).
    dot: bool,
}

fn tokens(t: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in t.split(|c: char| c.is_whitespace()) {
        let start = pos;
        pos += raw.len() + 1;
        if raw.is_empty() {
            continue;
        }
        // Keep a closing ")" of "6)" and "10)-12)"; drop other punctuation around.
        let lead = raw.len() - raw.trim_start_matches(['(', '«', '"', '“', '„', '[']).len();
        let mut core = &raw[lead..];
        let before = core.len();
        core = core.trim_end_matches(['.', ',', ';', ':', '!', '?', '»', '"', '”', ']']);
        let comma = raw[lead + core.len()..].contains([',', ';']) && before != core.len();
        if core.ends_with(')') && !core[..core.len() - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit()) {
            core = &core[..core.len() - 1];
        }
        if core.is_empty() {
            continue;
        }
        let dot = raw[lead + core.len()..].starts_with('.');
        out.push(Tok { core, start: start + lead, end: start + lead + core.len(), comma, dot });
    }
    out
}

/// Every form of the unit nouns → (kind, form).
static UNIT_FORMS: LazyLock<HashMap<String, (UnitKind, Form)>> = LazyLock::new(|| {
    let kinds = [
        UnitKind::Section,
        UnitKind::Chapter,
        UnitKind::Article,
        UnitKind::Part,
        UnitKind::Clause,
        UnitKind::Subclause,
        UnitKind::Paragraph,
        UnitKind::Attachment,
    ];
    let mut m = HashMap::new();
    for k in kinds {
        for f in Form::all() {
            m.entry(inflect(k.noun(), f)).or_insert((k, f));
        }
    }
    m
});

/// Act-type and document words, dictionary forms: the act kinds (`data/act-kinds.txt`),
/// the documents acts approve (`data/document-nouns.txt`), and other cited documents
/// (`data/cited-documents.txt`).
static TYPE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let files = [
        include_str!("../../data/act-kinds.txt"),
        include_str!("../../data/document-nouns.txt"),
        include_str!("../../data/cited-documents.txt"),
    ];
    let mut v: Vec<&'static str> = Vec::new();
    for f in files {
        for line in f.lines().filter(|l| !l.starts_with('#')) {
            if let Some(w) = line.split_whitespace().next() {
                if !v.contains(&w) {
                    v.push(w);
                }
            }
        }
    }
    v
});

/// Every form of the act-type words → (dictionary form, form).
static TYPE_FORMS: LazyLock<HashMap<String, (&'static str, Form)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for w in TYPE_WORDS.iter() {
        for f in Form::all() {
            // "қағида" in the plural is "қағидалар": keep the plural dictionary form.
            let lemma = if *w == "қағида" { "қағидалар" } else { w };
            m.entry(inflect(w, f)).or_insert((lemma, f));
        }
    }
    m
});

/// Look a word up in a form table, lower-casing only when it has capitals (most words do
/// not, and this runs for every token of a draft).
fn lookup<T: Copy>(table: &HashMap<String, T>, word: &str) -> Option<T> {
    // The tables hold Cyrillic words only: their first byte is a Cyrillic lead (D0–D3).
    if word.len() > 48 || !matches!(word.as_bytes().first(), Some(0xD0..=0xD3)) {
        return None;
    }
    // Capitals stand first (Ереженің) or everywhere (ЕРЕЖЕНІҢ); testing two characters
    // is enough to know whether to lower-case.
    let mut chars = word.chars();
    let (a, b) = (chars.next().unwrap_or('а'), chars.next().unwrap_or('а'));
    if a.is_uppercase() || b.is_uppercase() {
        table.get(&word.to_lowercase()).copied()
    } else {
        table.get(word).copied()
    }
}

fn unit_form(word: &str) -> Option<(UnitKind, Form)> {
    lookup(&UNIT_FORMS, word)
}

/// An act-type word in any form: (dictionary form, form).
pub fn type_form(word: &str) -> Option<(&'static str, Form)> {
    lookup(&TYPE_FORMS, word)
}

/// "13-тармағына" → ("13", "тармағына"); "7-2-бабының" → ("7-2", "бабының").
fn split_numbered(core: &str) -> Option<(&str, &str)> {
    let i = core.rfind('-')?;
    let (num, noun) = (&core[..i], &core[i + 1..]);
    (is_number(num) && !noun.is_empty()).then_some((num, noun))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.split('-').all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A number token in the style of the noun: "6)" for subclauses, "15" or an ordinal word
/// otherwise. A range "10)-12)" comes back as two numbers.
fn number_token(core: &str, kind: UnitKind) -> Option<NumTok> {
    if kind == UnitKind::Subclause {
        if let Some((a, b)) = core.split_once(")-") {
            let b = b.strip_suffix(')')?;
            return (is_number(a) && is_number(b)).then(|| NumTok::Range(a.to_string(), b.to_string()));
        }
        let n = core.strip_suffix(')')?;
        return is_number(n).then(|| NumTok::One(n.to_string()));
    }
    if is_number(core) {
        return Some(NumTok::One(core.to_string()));
    }
    match parse_words(core) {
        Some((n, true)) => Some(NumTok::One(n.to_string())),
        _ => None,
    }
}

enum NumTok {
    One(String),
    Range(String, String),
}

fn is_conjunction(core: &str) -> bool {
    matches!(core, "және" | "мен" | "немесе" | "бен" | "пен")
}

/// Unit phrases of a paragraph, in order: (link, index of its first token, index of its noun token).
fn unit_phrases(toks: &[Tok]) -> Vec<(Link, usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let (inline, noun) = match split_numbered(t.core) {
            Some((n, noun)) => (Some(n), noun),
            None => (None, t.core),
        };
        let Some((kind, form)) = unit_form(noun) else { continue };
        let plural = form.number == Number::Pl;
        let mut nums: Vec<String> = Vec::new();
        let mut range: Option<(String, String)> = None;
        let mut first = i;
        if let Some(n) = inline {
            // "3-7-тармақтары" is a range; "7-2-бабы" one compound number.
            match n.split_once('-') {
                Some((a, b)) if plural && !b.contains('-') && kind != UnitKind::Subclause => {
                    range = Some((a.into(), b.into()))
                }
                _ => nums.push(n.into()),
            }
        }
        // Numbers before the noun (or before the inline number): "1), 5) және 12)",
        // "10)-12)", "15 және", "екінші".
        let mut j = i;
        let mut need_number = inline.is_none();
        while j > 0 {
            let p = &toks[j - 1];
            // "8. Қосымшалары бар …": a clause's label before a noun, not its number.
            if p.dot {
                break;
            }
            if is_conjunction(p.core) && !need_number && j >= 2 {
                // A conjunction joins only when a number stands before it.
                if number_token(toks[j - 2].core, kind).is_some() {
                    j -= 1;
                    need_number = true;
                    continue;
                }
                break;
            }
            if !need_number && !p.comma {
                break;
            }
            match number_token(p.core, kind) {
                // "1-4 қосымшаларға": a range before a plural noun.
                Some(NumTok::One(n))
                    if plural
                        && nums.is_empty()
                        && range.is_none()
                        && kind != UnitKind::Subclause
                        && n.matches('-').count() == 1 =>
                {
                    let (a, b) = n.split_once('-').unwrap();
                    range = Some((a.to_string(), b.to_string()));
                    j -= 1;
                    first = j;
                    need_number = false;
                }
                Some(NumTok::One(n)) => {
                    nums.insert(0, n);
                    j -= 1;
                    first = j;
                    need_number = false;
                }
                Some(NumTok::Range(a, b)) if range.is_none() && nums.is_empty() => {
                    range = Some((a, b));
                    j -= 1;
                    first = j;
                    need_number = false;
                }
                _ => break,
            }
        }
        let numbers = match (range, nums.len()) {
            (Some((a, b)), 0) => Numbers::Range(a, b),
            (_, 0) => {
                // A bare noun: only "осы тармақтың" style (the owner decides), kept as no number.
                Numbers::List(Vec::new())
            }
            (_, 1) => Numbers::One(nums.remove(0)),
            _ => Numbers::List(nums),
        };
        let start = toks[first].start;
        out.push((Link { kind, numbers, form, range: start..t.end }, first, i));
    }
    out
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"«([^«»]+)»|"([^"]+)"|“([^”]+)”"#).unwrap());
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"№\s*([\p{L}\d][\p{L}\d\-/.]*[\p{L}\d]|[\p{L}\d])").unwrap());
static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*бұдан\s+әрі\s*[–—-]\s*([^()]+?)\s*\)").unwrap());

static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"№\s*(\d+)\s+болып\s+тіркел").unwrap());

/// Identity of an act from the text before its type word (same sentence): title, date,
/// number, registration number, the approving act's type word.
/// The type word and its form are left for the caller to fill.
fn identity(window: &str) -> ActRef {
    let title = TITLE
        .captures_iter(window)
        .last()
        .map(|c| c.iter().skip(1).flatten().next().unwrap().as_str().trim().to_string());
    let mut date = None;
    let mut rest = window;
    let mut offset = 0;
    while let Some(f) = date::find(rest) {
        date = Some(f.date);
        offset += f.range.end;
        rest = &window[offset..];
    }
    // "№ 34535 болып тіркелген" is the registration, not the act's number.
    let number = NUMBER
        .captures_iter(window)
        .filter(|c| !window[c.get(0).unwrap().end()..].trim_start().starts_with("болып"))
        .last()
        .map(|c| c[1].trim_end_matches('.').to_string());
    // "…шешімімен бекітілген Ереже": the approving act's type word, in the instrumental.
    let approved_by = if window.contains("бекітілген") || window.contains("бекiтiлген") {
        window
            .split_whitespace()
            .filter_map(|w| type_form(w.trim_matches(|c: char| !c.is_alphabetic())))
            .rfind(|(_, f)| f.case == Case::Ins)
            .map(|(w, _)| w.to_string())
    } else {
        None
    };
    let registration = REGISTRATION.captures_iter(window).last().map(|c| c[1].to_string());
    ActRef { title, date, number, registration, approved_by, ..Default::default() }
}

/// The titles of a list right before a plural type word: "«A», «B» және «C»" (each in
/// quotes, joined by commas or a conjunction, nothing else between).
fn titles_listed(window: &str) -> Vec<String> {
    let caps: Vec<regex::Captures> = TITLE.captures_iter(window).collect();
    let mut out = Vec::new();
    // "… «C» Қазақстан Республикасының Заңдарына": the state's name may stand between.
    let trimmed = window.trim_end();
    let state = ["Қазақстан Республикасының", "Қазақстан Республикасы"].iter().find_map(|w| trimmed.strip_suffix(w));
    let mut end = state.unwrap_or(trimmed).trim_end().len();
    for c in caps.iter().rev() {
        let m = c.get(0).unwrap();
        let between = window[m.end()..end].trim();
        if !(between.is_empty() || between == "," || is_conjunction(between.trim_matches(','))) {
            break;
        }
        out.push(c.iter().skip(1).flatten().next().unwrap().as_str().trim().to_string());
        end = m.start();
    }
    out.reverse();
    out
}

/// Where the sentence holding byte `at` begins (after ". ", "; " or the paragraph start).
fn sentence_start(t: &str, at: usize) -> usize {
    // Look back at most 1,000 bytes: an act's name and requisites fit in that.
    let mut from = at.saturating_sub(1000);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let head = &t[from..at];
    [". ", "; ", ": "].iter().filter_map(|s| head.rfind(s).map(|i| from + i + s.len())).max().unwrap_or(from)
}

/// Find references, act mentions and definitions in one paragraph.
pub fn extract(t: &str) -> Found {
    let toks = tokens(t);
    let phrases = unit_phrases(&toks);
    let mut found = Found::default();
    let mut last_end = 0usize;
    let mut k = 0;
    let mut chain_nouns: Vec<usize> = Vec::new();
    while k < phrases.len() {
        // A chain: phrases one right after another, all but the last genitive (or a bare
        // possessive in the nominative).
        let mut end = k;
        while end + 1 < phrases.len() && phrases[end + 1].1 == phrases[end].2 + 1 && links_on(&phrases[end].0) {
            end += 1;
        }
        let links: Vec<Link> = phrases[k..=end].iter().map(|p| p.0.clone()).collect();
        let first_tok = phrases[k].1;
        let (mut owner, start) = owner_before(t, &toks, first_tok, &links[0], last_end);
        // "Ереженің 2-тарауының 20-тармағы және 3-бөлімі": a possessive unit joined to the
        // reference before it by a conjunction shares that reference's owner.
        if owner == Owner::Implicit && links[0].form.possessive == Possessive::Px3 && first_tok > 0 {
            if let Some(prev) = found.references.last() {
                let between = &t[prev.range.end..links[0].range.start];
                if matches!(between.trim().trim_matches(','), "және" | "мен" | "" | "немесе") {
                    owner = prev.owner.clone();
                }
            }
        }
        // Otherwise the nearest act named before it in the same sentence owns it ("«X туралы»
        // Заңының 6-бабына сәйкес, … 7-бабында"): the text itself only when none is.
        // (Not a bare "5-қосымшаға сәйкес нысан": that is the text's own form.)
        if owner == Owner::Implicit && links[0].kind != UnitKind::Attachment {
            if let Some(prev) =
                found.references.last().filter(|p| matches!(p.owner, Owner::Act(_) | Owner::Abbrev { .. }))
            {
                let between = &t[prev.range.end..links[0].range.start];
                if !between.contains(". ") && !between.contains("; ") && !between.contains(": ") {
                    owner = prev.owner.clone();
                }
            }
        }
        // A bare unit noun with no number needs "осы" before it; otherwise it is not a
        // reference ("тармақ" in running text).
        let numbered = links.iter().all(|l| !matches!(&l.numbers, Numbers::List(v) if v.is_empty()));
        // "1-тарау. Жалпы ережелер" opening a paragraph is a heading, not a reference.
        let heading = owner == Owner::Implicit
            && links[0].form == Form::case(Case::Nom)
            && t[..links[0].range.start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_'))
                .is_empty();
        if heading {
            k = end + 1;
            continue;
        }
        let self_unit = matches!(owner, Owner::ThisUnit { .. });
        if numbered || (self_unit && links.len() > 1) {
            let links = if self_unit { links[1..].to_vec() } else { links };
            if links.iter().all(|l| !matches!(&l.numbers, Numbers::List(v) if v.is_empty())) {
                let range = start..phrases[end].0.range.end;
                last_end = range.end;
                chain_nouns.extend(phrases[k..=end].iter().map(|p| p.2));
                found.references.push(Reference { owner, links, range });
            }
        }
        k = end + 1;
    }
    for c in DEFINITION.captures_iter(t) {
        let m = c.get(1).unwrap();
        found.definitions.push(Definition {
            name: m.as_str().trim_matches(['«', '»', '"']).trim().to_string(),
            range: c.get(0).unwrap().range(),
        });
    }
    // Act mentions: a type word with an identity in its sentence that is not the owner of
    // a chain, not inside a definition and not "осы …".
    for (i, tok) in toks.iter().enumerate() {
        let Some((lemma, form)) = type_form(tok.core) else { continue };
        let inside = |r: &Range<usize>| r.start <= tok.start && tok.end <= r.end;
        if found.references.iter().any(|r| inside(&r.range)) || found.definitions.iter().any(|d| inside(&d.range)) {
            continue;
        }
        if i > 0 && toks[i - 1].core.to_lowercase() == "осы" {
            continue;
        }
        let win_start = sentence_start(t, tok.start);
        let act = ActRef {
            type_word: lemma.to_string(),
            printed: tok.core.to_string(),
            possessive: form.possessive == Possessive::Px3,
            ..identity(&t[win_start..tok.start])
        };
        // "«A», «B» Заңдарына": a plural type word after a list of titles names each act.
        let titles = if form.number == Number::Pl { titles_listed(&t[win_start..tok.start]) } else { Vec::new() };
        if titles.len() >= 2 {
            for title in titles {
                let one = ActRef { title: Some(title), date: None, number: None, ..act.clone() };
                found.mentions.push(Mention { act: one, range: tok.start..tok.end });
            }
        } else if act.has_identity() {
            found.mentions.push(Mention { act, range: tok.start..tok.end });
        }
    }
    found
}

/// The name of a document printed without quotes before its type word (token `at`): the
/// words back to a capitalized one, at most six, not crossing a comma, a number, a date
/// or "Республикасы(ның)". None when no capitalized word starts them.
fn name_before(toks: &[Tok], at: usize, floor: usize, reach: usize) -> Option<String> {
    let mut start = None;
    let mut k = at;
    while k > 0 && at - k < reach {
        let tk = &toks[k - 1];
        let w = tk.core;
        let stop = tk.start < floor
            || tk.comma
            || w.chars().any(|c| c.is_ascii_digit() || c == '№')
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
            || w.to_lowercase().starts_with("республика")
            || w.to_lowercase() == "осы";
        if stop {
            break;
        }
        k -= 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            start = Some(k);
        }
    }
    let s = start?;
    Some(toks[s..at].iter().map(|t| t.core).collect::<Vec<_>>().join(" "))
}

/// The token index before a bracketed group that ends right before token `first`
/// ("(бұдан әрі – Заң)"), or `first` when there is none.
fn before_bracket(t: &str, toks: &[Tok], first: usize, floor: usize) -> usize {
    let Some(prev) = first.checked_sub(1).map(|p| &toks[p]) else { return first };
    let raw_end = t[prev.end..].chars().next();
    let closes = raw_end == Some(')') || prev.core.ends_with(')') && !prev.core.ends_with("))");
    if !closes || prev.start < floor {
        return first;
    }
    // Back to the token that opens the bracket, within 12 tokens.
    for k in (first.saturating_sub(12)..first).rev() {
        let tk = &toks[k];
        if tk.start < floor {
            break;
        }
        if t[..tk.start].ends_with('(') || t[tk.start..tk.end].starts_with('(') {
            return k;
        }
    }
    first
}

/// An abbreviation right before token `first` that names an act: "ҚК-нің", "ӘҚБтК",
/// "ҚР ҚК-нің" (with the words before it that are abbreviations too). Capitals, two or
/// more of them, at most a lower-case letter inside; a case ending after a hyphen.
/// (name as defined, start byte).
fn abbreviation(toks: &[Tok], first: usize) -> Option<(String, usize)> {
    let is_abbr = |w: &str| {
        let (letters, ending) = match w.split_once('-') {
            Some((l, e)) => (l, Some(e)),
            None => (w, None),
        };
        let caps = letters.chars().filter(|c| c.is_uppercase()).count();
        let lower = letters.chars().filter(|c| c.is_lowercase()).count();
        caps >= 2
            && lower <= 1
            && letters.chars().all(char::is_alphabetic)
            && letters.chars().count() <= 8
            && ending.is_none_or(|e| e.chars().all(|c| c.is_lowercase()) && e.chars().count() <= 4)
    };
    let last = first.checked_sub(1)?;
    if !is_abbr(toks[last].core) || toks[last].comma {
        return None;
    }
    let mut from = last;
    while from > 0
        && from + 3 > last
        && is_abbr(toks[from - 1].core)
        && !toks[from - 1].core.contains('-')
        && !toks[from - 1].comma
    {
        from -= 1;
    }
    let mut words: Vec<&str> = toks[from..=last].iter().map(|t| t.core).collect();
    let tail = words.pop()?;
    words.push(tail.split('-').next().unwrap_or(tail));
    Some((words.join(" "), toks[from].start))
}

/// Does a chain go on after this link? Genitive links do ("11-тармағының 6) …"); so does
/// a bare possessive ("27-бабы 1-тармағының …").
fn links_on(l: &Link) -> bool {
    l.form.case == Case::Gen || (l.form.case == Case::Nom && l.form.possessive == Possessive::Px3)
}

/// The owner of a chain whose first number token is `first`: what stands right before it.
fn owner_before(t: &str, toks: &[Tok], first: usize, link: &Link, floor: usize) -> (Owner, usize) {
    let bare = matches!(&link.numbers, Numbers::List(v) if v.is_empty());
    // "Заңының (бұдан әрі – Заң) 15-бабының", "Кодексінің (Салық кодексі) 11-бабына": the
    // owner stands before the bracket.
    let first = if bare { first } else { before_bracket(t, toks, first, floor) };
    let prev = first.checked_sub(1).map(|p| &toks[p]).filter(|p| p.end >= floor && !p.comma);
    let Some(prev) = prev else { return (Owner::Implicit, link.range.start) };
    if bare {
        // "осы тармақтың …"
        if prev.core.eq_ignore_ascii_case("осы") || prev.core == "Осы" {
            return (Owner::ThisUnit { kind: link.kind }, prev.start);
        }
        return (Owner::Implicit, link.range.start);
    }
    if let Some(name) = abbreviation(toks, first) {
        return (Owner::Abbrev { name: name.0 }, name.1);
    }
    if let Some((lemma, form)) = type_form(prev.core) {
        // The owner in the genitive ("Заңының 6-бабы"), or a bare possessive in the
        // nominative ("… Заңы 12-бабының", "Кодексі 16-бабының").
        let nominative_px3 = form.case == Case::Nom && form.possessive == Possessive::Px3;
        // "Қағидаларға 3-қосымша", "шешімге 1, 2 қосымшалар": an appendix is "to" its act.
        let to_act = form.case == Case::Dat && link.kind == UnitKind::Attachment;
        if form.case == Case::Gen || nominative_px3 || to_act {
            let before = first.checked_sub(2).map(|p| &toks[p]);
            if before.is_some_and(|b| b.core.to_lowercase() == "осы") {
                return (Owner::ThisAct { type_word: lemma.to_string() }, before.unwrap().start);
            }
            let win_start = sentence_start(t, prev.start).max(floor);
            let mut act = ActRef {
                type_word: lemma.to_string(),
                printed: prev.core.to_string(),
                possessive: form.possessive == Possessive::Px3,
                ..identity(&t[win_start..prev.start])
            };
            if act.title.is_none() {
                // "Әскери қызмет өткеру қағидаларының", "Қазақстан Республикасы Кәсіпкерлік
                // кодексінің": a document named by the words before its type word, which is
                // then in lower case: a short name is capitalized. (Before a capitalized one, "Кеңес отырыстары Ереженің …", the words are the
                // sentence's, not a name.)
                let lower = prev.core.chars().next().is_some_and(char::is_lowercase);
                if lower {
                    act.title = name_before(toks, first - 1, win_start, 12)
                        .map(|n| format!("{n} {}", inflect(lemma, Form::case(Case::Nom).px3())));
                }
            }
            return (Owner::Act(act), prev.start);
        }
    }
    if prev.core.chars().count() > 4 && crate::lang::noun::has_case(prev.core, Case::Gen) {
        return (Owner::Unknown { word: prev.core.to_string() }, prev.start);
    }
    // "Стандартқа 4-қосымша", "келісімге 3-қосымша": the appendix of a document we do not
    // know by that word.
    if link.kind == UnitKind::Attachment
        && prev.core.chars().count() > 4
        && prev.core.chars().next().is_some_and(char::is_alphabetic)
        && crate::lang::noun::has_case(prev.core, Case::Dat)
    {
        return (Owner::Unknown { word: prev.core.to_string() }, prev.start);
    }
    (Owner::Implicit, link.range.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(found: &Found) -> &Reference {
        assert_eq!(found.references.len(), 1, "{found:?}");
        &found.references[0]
    }

    fn nums(r: &Reference) -> Vec<(UnitKind, Numbers)> {
        r.links.iter().map(|l| (l.kind, l.numbers.clone())).collect()
    }

    #[test]
    fn chains_lists_and_ranges() {
        let t = "Қағидалардың 11-тармағының 6) тармақшасына сәйкес";
        let r = extract(t);
        let r = one(&r);
        assert_eq!(&t[r.range.clone()], "Қағидалардың 11-тармағының 6) тармақшасына");
        assert!(matches!(&r.owner, Owner::Act(a) if a.type_word == "қағидалар"));
        assert_eq!(
            nums(r),
            vec![(UnitKind::Clause, Numbers::One("11".into())), (UnitKind::Subclause, Numbers::One("6".into()))]
        );

        let f = extract("осы тармақтың 1) және 2) тармақшаларында қарастырылған");
        let r = one(&f);
        assert_eq!(r.owner, Owner::ThisUnit { kind: UnitKind::Clause });
        assert_eq!(nums(r), vec![(UnitKind::Subclause, Numbers::List(vec!["1".into(), "2".into()]))]);

        let f = extract("Заңының 7-2-бабының екінші бөлігіне сәйкес");
        assert_eq!(
            nums(one(&f)),
            vec![(UnitKind::Article, Numbers::One("7-2".into())), (UnitKind::Part, Numbers::One("2".into()))]
        );

        let f = extract("Ереженің 3-7-тармақтарына");
        assert_eq!(nums(one(&f)), vec![(UnitKind::Clause, Numbers::Range("3".into(), "7".into()))]);
        let f = extract("осы тармақтың 10)-12) тармақшалары");
        assert_eq!(nums(one(&f)), vec![(UnitKind::Subclause, Numbers::Range("10".into(), "12".into()))]);
        let f = extract("Кодекстің 15 және 16-тарауларына");
        assert_eq!(nums(one(&f)), vec![(UnitKind::Chapter, Numbers::List(vec!["15".into(), "16".into()]))]);
        let f = extract("Қағидалардың 1), 5) және 12) тармақшаларында");
        assert_eq!(
            nums(one(&f)),
            vec![(UnitKind::Subclause, Numbers::List(vec!["1".into(), "5".into(), "12".into()]))]
        );
        let f = extract("Кодексінің 27-бабы 1-тармағының 1-16) тармақшасына");
        assert_eq!(nums(one(&f)).len(), 3);
    }

    #[test]
    fn owners_and_identity() {
        let t = "Қазақстан Республикасы Оқу-ағарту министрінің 2024 жылғы 19 маусымдағы № 149 бұйрығымен бекітілген Қағидалардың 13-тармағына";
        let f = extract(t);
        let Owner::Act(a) = &one(&f).owner else { panic!() };
        assert_eq!(a.type_word, "қағидалар");
        assert_eq!(a.date, Date::new(2024, 6, 19));
        assert_eq!(a.number.as_deref(), Some("149"));
        assert_eq!(a.approved_by.as_deref(), Some("бұйрық"));

        let f = extract("«Білім туралы» Қазақстан Республикасының Заңының 5-бабына");
        let Owner::Act(a) = &one(&f).owner else { panic!() };
        assert_eq!(a.title.as_deref(), Some("Білім туралы"));
        assert!(a.possessive);

        let f = extract("осы шешімнің 2-тармағы");
        assert_eq!(one(&f).owner, Owner::ThisAct { type_word: "шешім".into() });
        let f = extract("іс-шаралар жоспарының 64-тармағын орындау");
        assert!(matches!(&one(&f).owner, Owner::Act(a) if a.type_word == "жоспар" && !a.has_identity()));
        // (стандарт is a document noun: an act with no identity, as жоспар above.)
        let f = extract("мемлекеттік стандарттың 5-тармағына");
        assert!(matches!(&one(&f).owner, Owner::Act(a) if a.type_word == "стандарт" && !a.has_identity()));
        let f = extract("денсаулық сақтау саласындағы басшылардың 5-тармағына");
        assert_eq!(one(&f).owner, Owner::Unknown { word: "басшылардың".into() });
        // Owners as real acts write them.
        let f = extract(
            "«Мәдениет туралы» Қазақстан Республикасының 2006 жылғы 15 желтоқсандағы Заңы 6-бабының 6) тармақшасына",
        );
        assert!(
            matches!(&one(&f).owner, Owner::Act(a) if a.type_word == "заң" && a.title.as_deref() == Some("Мәдениет туралы"))
        );
        let f = extract("«Нотариат туралы» Заңының (бұдан әрі – Заң) 15-бабының 4-тармағына");
        assert!(matches!(&one(&f).owner, Owner::Act(a) if a.title.as_deref() == Some("Нотариат туралы")));
        let f = extract("ҚР ҚК-нің 73-бабына сәйкес");
        assert_eq!(one(&f).owner, Owner::Abbrev { name: "ҚР ҚК".into() });
        let f = extract("Қазақстан Республикасы Кәсіпкерлік кодексінің 94-бабының 2-тармағы");
        assert!(matches!(&one(&f).owner, Owner::Act(a) if a.title.as_deref() == Some("Кәсіпкерлік кодексі")));
        let f = extract("осы хаттаманың 2-тармағында");
        assert_eq!(one(&f).owner, Owner::ThisAct { type_word: "хаттама".into() });
        let f = extract("осы Қағидаларға 3-қосымшаға сәйкес");
        assert_eq!(one(&f).owner, Owner::ThisAct { type_word: "қағидалар".into() });
        let f = extract("2-тармағына сәйкес");
        assert_eq!(one(&f).owner, Owner::Implicit);

        let f = extract("№ 149 бұйрығымен бекітілген Қағидаларына (бұдан әрі – Қағидалар) сәйкес");
        assert_eq!(f.definitions[0].name, "Қағидалар");
        assert_eq!(f.mentions.len(), 2, "{f:?}");
    }

    #[test]
    fn the_nearest_act_in_the_sentence_owns_a_bare_chain() {
        let f = extract("«Білім туралы» Заңының 5-бабына сәйкес, 7-бабында көзделген тәртіппен");
        assert_eq!(f.references.len(), 2);
        assert!(matches!(&f.references[1].owner, Owner::Act(a) if a.title.as_deref() == Some("Білім туралы")));
        let f = extract("«Білім туралы» Заңының 5-бабына сәйкес. 7-тармақта көзделген тәртіппен");
        assert_eq!(f.references[1].owner, Owner::Implicit, "a new sentence: the text's own clause");
    }

    #[test]
    fn lists_of_titles() {
        let f =
            extract("«Білім туралы», «Ғылым туралы» және «Мәдениет туралы» Қазақстан Республикасының Заңдарына сәйкес");
        let titles: Vec<&str> = f.mentions.iter().filter_map(|m| m.act.title.as_deref()).collect();
        assert_eq!(titles, ["Білім туралы", "Ғылым туралы", "Мәдениет туралы"]);
    }

    #[test]
    fn not_references() {
        assert!(extract("мамандандырылған бөлімшесінің жұмысы").references.is_empty());
        assert!(extract("осы тармақ күшіне енеді").references.is_empty());
        assert!(extract("2026 жылғы 5 қаңтардағы № 2 қаулысы").references.is_empty());
    }
}
