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
        out.push(Tok { core, start: start + lead, end: start + lead + core.len(), comma });
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

/// Act-type words: dictionary form → what the form table generates from.
const TYPE_WORDS: &[&str] = &[
    "заң",
    "кодекс",
    "жарлық",
    "қаулы",
    "бұйрық",
    "шешім",
    "ереже",
    "қағидалар",
    "қағида",
    "бағдарлама",
    "жоспар",
    "тұжырымдама",
    "конституция",
    "хат",
    "нұсқаулық",
];

/// Every form of the act-type words → (dictionary form, form).
static TYPE_FORMS: LazyLock<HashMap<String, (&'static str, Form)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for w in TYPE_WORDS {
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
        if act.has_identity() {
            found.mentions.push(Mention { act, range: tok.start..tok.end });
        }
    }
    found
}

/// Does a chain go on after this link? Genitive links do ("11-тармағының 6) …"); so does
/// a bare possessive ("27-бабы 1-тармағының …").
fn links_on(l: &Link) -> bool {
    l.form.case == Case::Gen || (l.form.case == Case::Nom && l.form.possessive == Possessive::Px3)
}

/// The owner of a chain whose first number token is `first`: what stands right before it.
fn owner_before(t: &str, toks: &[Tok], first: usize, link: &Link, floor: usize) -> (Owner, usize) {
    let bare = matches!(&link.numbers, Numbers::List(v) if v.is_empty());
    let prev = first.checked_sub(1).map(|p| &toks[p]).filter(|p| p.end >= floor && !p.comma);
    let Some(prev) = prev else { return (Owner::Implicit, link.range.start) };
    if bare {
        // "осы тармақтың …"
        if prev.core.eq_ignore_ascii_case("осы") || prev.core == "Осы" {
            return (Owner::ThisUnit { kind: link.kind }, prev.start);
        }
        return (Owner::Implicit, link.range.start);
    }
    if let Some((lemma, form)) = type_form(prev.core) {
        if form.case == Case::Gen {
            let before = first.checked_sub(2).map(|p| &toks[p]);
            if before.is_some_and(|b| b.core.to_lowercase() == "осы") {
                return (Owner::ThisAct { type_word: lemma.to_string() }, before.unwrap().start);
            }
            let win_start = sentence_start(t, prev.start).max(floor);
            let act = ActRef {
                type_word: lemma.to_string(),
                printed: prev.core.to_string(),
                possessive: form.possessive == Possessive::Px3,
                ..identity(&t[win_start..prev.start])
            };
            return (Owner::Act(act), prev.start);
        }
    }
    if prev.core.chars().count() > 4 && crate::lang::noun::has_case(prev.core, Case::Gen) {
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
        let f = extract("мемлекеттік стандарттың 5-тармағына");
        assert_eq!(one(&f).owner, Owner::Unknown { word: "стандарттың".into() });
        let f = extract("2-тармағына сәйкес");
        assert_eq!(one(&f).owner, Owner::Implicit);

        let f = extract("№ 149 бұйрығымен бекітілген Қағидаларына (бұдан әрі – Қағидалар) сәйкес");
        assert_eq!(f.definitions[0].name, "Қағидалар");
        assert_eq!(f.mentions.len(), 2, "{f:?}");
    }

    #[test]
    fn not_references() {
        assert!(extract("мамандандырылған бөлімшесінің жұмысы").references.is_empty());
        assert!(extract("осы тармақ күшіне енеді").references.is_empty());
        assert!(extract("2026 жылғы 5 қаңтардағы № 2 қаулысы").references.is_empty());
    }
}
