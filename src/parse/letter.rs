//! Official letters (seed 003): a chain of letters, each forwarding the one after it,
//! and the document they send (a programme) at the end.
//!
//! A letter: letterhead (Kazakh and Russian, address, phones) → outgoing number and
//! date → addressees (dative) and copies ("көшірме:") → body → "Қосымша: N бет." →
//! position and name of the signatory → executor and phone → maybe an incoming stamp
//! ("КІРІС № 121 8.05.2026 ж.") that the receiving office put on it.

use std::sync::LazyLock;

use regex::Regex;

use super::act::{short_name, signatories};
use super::blocks::{Block, BlockKind};
use super::labels::*;
use super::units::UnitBuilder;
use super::Doc;
use crate::model::*;

static ATTACH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Қосымша\s*:\s*(.+?)\.?$").unwrap());
static EXECUTOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:орын|исп)\.?\s*:?\s*(.+)$").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"тел\.?:?\s*([\d][\d\s()-]*\d)").unwrap());
static OUT_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^№\s*(\S+)").unwrap());
static RECEIVED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"КІРІС\s*№\s*(\S+)").unwrap());
/// "хаты", "хатына", "хатын", "хаттарына"…: the letter noun in the forms that refer to a
/// letter ("… № 5 хатына сәйкес"), made by the language layer.
fn letter_forms() -> String {
    use crate::lang::{Case, Form};
    let forms = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Loc, Case::Abl, Case::Ins]
        .into_iter()
        .flat_map(|c| [Form::case(c).px3(), Form::case(c).plural().px3()]);
    let mut v: Vec<String> = forms.map(|f| crate::lang::inflect("хат", f)).collect();
    // Longest first, so that the alternation takes a whole form.
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.dedup();
    v.join("|")
}

static LETTER_REF: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(r"(?P<date>\d{{4}}\s+жылғы\s+\d{{1,2}}\s+\p{{L}}+)\s+№\s*(?P<num>\S+)\s+(?:{})", letter_forms());
    Regex::new(&re).unwrap()
});
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^\d{6},|тел\.|факс|e-mail|электрондық мекенжай|электронный адрес|^20\s*[\\_]+)").unwrap()
});

/// Does the text look like a chain of letters rather than an act?
pub fn looks_like_letters(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| b.text.starts_with("Қосымша") && ATTACH.is_match(&b.flat()))
        && blocks.iter().any(|b| b.text.len() < 400 && (is_caps(&b.flat()) || CONTACT.is_match(&b.flat())))
}

#[derive(PartialEq, PartialOrd, Clone, Copy)]
enum Phase {
    Head,
    Body,
    Tail,
}

/// Ends in a word in the dative (an addressee: "…мектеп директорларына").
fn is_dative(s: &str) -> bool {
    let w = s.trim_end_matches(['!', '.', ',', ' ']).split_whitespace().last().unwrap_or("");
    crate::lang::noun::has_case(w.trim_matches(|c: char| !c.is_alphabetic()), crate::lang::Case::Dat)
}

fn is_russian_caps(s: &str) -> bool {
    is_caps(s) && !s.chars().any(|c| "ӘҒҚҢӨҰҮҺІәғқңөұүһі".contains(c))
}

pub fn parse_letters(blocks: &[Block], doc: &mut Doc) {
    let n = blocks.len();
    // The document they send starts at its own heading.
    let end = blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading(_))).unwrap_or(n);
    let mut letters: Vec<Part> = Vec::new();
    let mut cur = LetterMeta::default();
    let mut body = UnitBuilder::new();
    let mut phase = Phase::Head;
    let mut sig_blocks: Vec<Block> = Vec::new();

    let finish = |cur: &mut LetterMeta, body: &mut UnitBuilder, sig: &mut Vec<Block>, letters: &mut Vec<Part>| {
        let mut meta = std::mem::take(cur);
        meta.signatories = signatories(sig);
        if meta.sender.is_none() {
            // No letterhead: the signatory's position names the office ("... бөлімі басшысының м.а").
            meta.sender = meta.signatories.first().and_then(|s| s.role.as_deref()).map(office_of_role);
        }
        sig.clear();
        let units = std::mem::take(body).finish();
        letters.push(Part {
            id: format!("letter{}", letters.len() + 1),
            kind: PartKind::Letter,
            meta: Some(meta),
            units,
            ..Default::default()
        });
    };

    let mut i = 0;
    while i < end {
        let b = &blocks[i];
        let t = b.flat();
        // A new letterhead after a letter's body or tail starts the next letter.
        let head_like = ((is_caps(&t) && !t.contains("КІРІС")) || CONTACT.is_match(&t)) && !EXECUTOR.is_match(&t);
        if head_like && phase > Phase::Head {
            finish(&mut cur, &mut body, &mut sig_blocks, &mut letters);
            phase = Phase::Head;
        }
        if t.contains("КІРІС") {
            // An incoming stamp belongs to the letter it was put on: the one just ended
            // (or being ended).
            let received = Received {
                text: t.to_string(),
                by: Some(t[..t.find("КІРІС").unwrap()].trim().to_string()).filter(|s| !s.is_empty()),
                number: RECEIVED.captures(&t).map(|c| c[1].to_string()),
                date: find_date(&t).map(|d| d.0),
            };
            let slot = if phase == Phase::Head && !letters.is_empty() && cur == LetterMeta::default() {
                &mut letters.last_mut().unwrap().meta.as_mut().unwrap().received
            } else {
                &mut cur.received
            };
            if slot.is_none() {
                *slot = Some(received);
            } else {
                // A second stamp on the same letter: keep it, say so.
                doc.act.residue.push(Residue {
                    line: b.line,
                    text: t.to_string(),
                    reason: "a second incoming stamp on one letter".into(),
                });
                doc.act.warnings.push(format!("line {}: a second incoming stamp on one letter", b.line));
            }
            i += 1;
            continue;
        }
        match phase {
            Phase::Head => {
                if head_like {
                    if is_caps(&t) && !is_russian_caps(&t) {
                        // The most specific Kazakh name in the letterhead is the sender; a
                        // quoted name is the office itself.
                        let name = match (t.find('«'), t.find('»')) {
                            (Some(a), Some(z)) if z > a => t[a + '«'.len_utf8()..z].to_string(),
                            _ => without_legal_form(&t).to_string(),
                        };
                        cur.sender = Some(sentence_case(name.trim()));
                    }
                    cur.letterhead.push(t.into_owned());
                } else if let Some(c) = OUT_NUMBER.captures(&t).filter(|_| t.chars().count() < 60) {
                    let num = c[1].to_string();
                    if num.chars().all(|c| c == '\\' || c == '_') {
                        cur.letterhead.push(t.to_string());
                    } else {
                        cur.number = Some(num);
                        cur.date = find_date(&t).map(|d| d.0);
                        // The line as printed, too: it may hold more than number and date.
                        cur.letterhead.push(t.to_string());
                    }
                } else if t.trim_end_matches(':').eq_ignore_ascii_case("көшірме") {
                    phase = Phase::Head;
                    // Copies follow; mark with an empty entry then fill.
                    cur.copies.push(String::new());
                } else if t.chars().count() <= 160 && is_dative(&t) && !terminated(t.trim_end_matches('!')) {
                    let a = t.trim_end_matches('!').trim().to_string();
                    if cur.copies.last().is_some_and(|c| c.is_empty()) {
                        *cur.copies.last_mut().unwrap() = a;
                    } else if !cur.copies.is_empty() {
                        cur.copies.push(a);
                    } else {
                        cur.addressees.push(a);
                    }
                } else {
                    phase = Phase::Body;
                    continue;
                }
            }
            Phase::Body => {
                if let Some(c) = ATTACH.captures(&t) {
                    cur.attachments = Some(c[1].trim().to_string());
                    phase = Phase::Tail;
                } else if t.len() < 220
                    && (trailing_name(&t).is_some() && t.chars().count() < 60
                        || !terminated(&t) && t.chars().count() < 110 && has_role_word(&t))
                {
                    phase = Phase::Tail;
                    continue;
                } else {
                    if t.contains("хат") {
                        cur.refers_to.extend(letter_refs(&t));
                    }
                    body.item(None, t.into_owned(), b.line);
                }
            }
            Phase::Tail => {
                if let Some(ex) = executor(&t) {
                    cur.executor = Some(ex);
                } else if trailing_name(&t).is_some() || has_role_word(&t) && !terminated(&t) {
                    // Position and name may share a block with the executor ("Ж.Атенов орын. ...").
                    if let Some(pos) = t.find(" орын.") {
                        sig_blocks.push(Block { text: t[..pos].to_string(), ..b.clone() });
                        cur.executor = executor(&t[pos + 1..]);
                    } else {
                        sig_blocks.push(b.clone());
                    }
                } else if t.chars().all(|c| c.is_ascii_digit()) {
                    doc.act.residue.push(Residue {
                        line: b.line,
                        text: t.to_string(),
                        reason: "a bare number after the signature (outgoing or incoming number?)".into(),
                    });
                    doc.act
                        .warnings
                        .push(format!("line {}: bare number '{}' after a letter's signature: not placed", b.line, t));
                } else {
                    // Another addressee block after a signature: a new letter without letterhead.
                    finish(&mut cur, &mut body, &mut sig_blocks, &mut letters);
                    phase = Phase::Head;
                    continue;
                }
            }
        }
        i += 1;
    }
    if phase > Phase::Head || cur != LetterMeta::default() {
        finish(&mut cur, &mut body, &mut sig_blocks, &mut letters);
    }

    // Document-level meta: the first letter is the document as received.
    let first = letters.first().and_then(|l| l.meta.clone()).unwrap_or_default();
    doc.act.meta.act_type = Some("letter".into());
    doc.act.meta.act_type_kk = Some("хат".into());
    doc.act.meta.issuer = first.sender.clone();
    doc.act.meta.date = first.date.clone();
    doc.act.meta.number = first.number.clone();
    doc.act.meta.signatories = first.signatories.clone();
    doc.act.parts.extend(letters);

    // The enclosed document.
    if end < n {
        let mut part = Part { id: "att1".into(), kind: PartKind::Attachment, ..Default::default() };
        let mut i = end;
        part.title = Some(blocks[i].flat().into_owned());
        i += 1;
        while i < n
            && blocks[i].kind == BlockKind::Para
            && label(&blocks[i].flat()).0 == Label::None
            && !terminated(&blocks[i].flat())
        {
            let t = blocks[i].flat();
            part.subtitle = Some(match part.subtitle.take() {
                Some(s) => format!("{s} {t}"),
                None => t.into_owned(),
            });
            i += 1;
        }
        part.short_name = part.title.as_deref().and_then(short_name);
        let mut ub = UnitBuilder::new();
        while i < n {
            ub.add(&blocks[i], &blocks[i + 1..]);
            i += 1;
        }
        part.notes.append(&mut ub.part_notes);
        part.units = ub.finish();
        doc.act.parts.push(part);
    }
}

/// "орын. М.Керімбеков тел. 43-88-23" → the executor's name and phone.
fn executor(t: &str) -> Option<Executor> {
    let rest = EXECUTOR.captures(t)?.get(1)?.as_str();
    let phone = PHONE.captures(rest).map(|p| p[1].trim().to_string());
    let name = PHONE.find(rest).map_or(rest, |m| &rest[..m.start()]).trim().trim_end_matches(',').trim();
    Some(Executor { text: t.trim().to_string(), name: Some(name.to_string()).filter(|s| !s.is_empty()), phone })
}

/// The letters a body refers to, in order: "<sender> <date> №<number> хатына" or, with no
/// date and number, "<sender> хатына".
fn letter_refs(t: &str) -> Vec<LetterRef> {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?:^|\s)(?:{})(?:\s|[,.]|$)", letter_forms())).unwrap());
    let dated: Vec<_> = LETTER_REF.captures_iter(t).collect();
    let mut out = Vec::new();
    for m in WORD.find_iter(t) {
        match dated.iter().find(|c| c.get(0).unwrap().end() > m.start() && c.get(0).unwrap().start() < m.start()) {
            Some(c) => out.push(LetterRef {
                sender: letter_sender(&t[..c.get(0).unwrap().start()]),
                date: find_date(&c["date"]).map(|d| d.0),
                number: Some(c["num"].to_string()),
            }),
            None => {
                // "хатына" after a word in the genitive names a letter ("басқармасының
                // хатына"); anything else is prose.
                let prev = t[..m.start()].split_whitespace().last().unwrap_or("");
                if crate::lang::noun::has_case(prev.trim_matches(|c: char| !c.is_alphabetic()), crate::lang::Case::Gen)
                {
                    out.push(LetterRef { sender: letter_sender(&t[..m.start()]), date: None, number: None });
                }
            }
        }
    }
    out
}

/// The sender named just before a letter's date: up to five words, in the nominative.
fn letter_sender(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut picked = Vec::new();
    for w in words.iter().rev() {
        let lw = w.to_lowercase();
        if picked.len() == 5
            || matches!(lw.as_str(), "және" | "сәйкес" | "сәйкес,")
            // An office named in the nominative ends the name before it (a previous sender).
            || (!picked.is_empty() && is_office_nominative(w))
            || w.ends_with(',')
            || w.ends_with('.')
        {
            break;
        }
        picked.push(*w);
    }
    picked.reverse();
    (!picked.is_empty()).then(|| genitive_to_nominative(&picked.join(" ")))
}

/// "Т.Рысқұлов ауданының білім бөлімі басшысының м.а" → "Т.Рысқұлов ауданының білім бөлімі".
fn office_of_role(role: &str) -> String {
    let mut words: Vec<&str> = role.split_whitespace().collect();
    while let Some(w) = words.last() {
        let lw = w.to_lowercase();
        // The position at the end of a role (any form of data/positions.txt) and the
        // "міндетін" of "міндетін атқарушы".
        if is_role_word(&lw) || lw == "міндетін" {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}
