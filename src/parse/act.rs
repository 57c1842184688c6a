//! Acts (decisions, resolutions, orders) and what they approve.
//!
//! Zones, in order: header (title, requisites, registration, notes) → preamble and
//! enacting formula → operative clauses → signatures → for each attachment: approval
//! stamp, title, body. What fits no zone goes to `residue`.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, BlockKind};
use super::labels::*;
use super::units::UnitBuilder;
use super::Doc;
use crate::model::*;

static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    // The closed set of enacting verbs, in capitals (a colon optional) or in any letter
    // case before a colon: ШЕШІМ ҚАБЫЛДАДЫ / ЕТЕДІ / ЕТТІ / ЕТЕМІН, ШЕШТІ, ҚАУЛЫ ЕТЕДІ / ЕТТІ /
    // ҚАБЫЛДАДЫ, БҰЙЫРАМЫН / БҰЙЫРАМЫЗ. (A number displaced into the formula by PDF
    // extraction, "ҚАУЛЫ№ 590 ЕТЕДІ", is group 2.)
    Regex::new(r"(?:^|\s)((?:ШЕШІМ\s+(?:ҚАБЫЛДАДЫ|ЕТЕДІ|ЕТТІ|ЕТЕМІН)|ШЕШТІ|ҚАУЛЫ(\s*№\s*\d+)?\s+(?:ЕТЕДІ|ЕТТІ|ҚАБЫЛДАДЫ)|БҰЙЫРАМЫН|БҰЙЫРАМЫЗ)\s*:?|(?i:шешім\s+(?:қабылдады|етеді|етті|етемін)|шешті|қаулы\s+(?:етеді|етті|қабылдады)|бұйырамын|бұйырамыз)\s*:|[Шш]ешім\s+етеді)\s*$").unwrap()
});
// No `\b` in these patterns: a Unicode word boundary forces the slow PikeVM on
// Cyrillic text; an explicit delimiter keeps them on the fast DFA.
static REQUISITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<issuer>.+?)\s+(?P<date>\d{4}\s+жылғы\s+\d{1,2}\s+\p{L}+)\s+(?:(?:№|N)\s*(?P<n1>[\w./-]+)\s+|(?P<n2>\d[\w./-]*)\s+)?(?P<type>шешімі|қаулысы|бұйрығы|Жарлығы|өкімі|Заңы)(?:[\s.,;:]|$)").unwrap()
});
static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\.\s+)(?P<auth>[^.]+?)\s+(?P<date>\d{4}\s+жылғы\s+\d{1,2}\s+\p{L}+)\s+(?:№|N)\s*(?P<num>[\w/-]+)\s+(?:болып\s+)?тіркелді").unwrap()
});
static STAMP_END: LazyLock<Regex> = LazyLock::new(|| {
    let (app, form) = (nominative("қосымша"), nominative("нысан"));
    Regex::new(&format!(
        r"(?i)(бекітілген|бекітілді|мақұлданған|мақұлданды|{app})\s*(\d+)?(\s+(?:{form})(\s+\d+)?)?[^\w)]*$"
    ))
    .unwrap()
});
static STAMP_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<issuer>.*?)\s*(?P<date>\d{4}\s+жылғы\s+\d{1,2}\s+\p{L}+)?(?:\s+(?P<session>[IVXLCХІ]+\s+сессиясының))?\s*(?:№\s*(?P<num>\d[\w./-]*?))?\s*(?P<type>шешім|қаулы|бұйрығ|бұйрық|жарлығ|өкім)\p{L}*\s+(?:бекітілген|бекітілді|мақұлданған|мақұлданды|қосымша)").unwrap()
});
static APPENDIX_END: LazyLock<Regex> = LazyLock::new(|| {
    let (app, form) = (nominative("қосымша"), nominative("нысан"));
    Regex::new(&format!(r"(?i)\d+\s*-\s*(?:{app})(\s+(?:{form})(\s+\d+)?)?[^\w)]*$")).unwrap()
});
/// "1-қосымша" alone on its line: the end of an appendix stamp whose parent's name is
/// the line before.
static APPENDIX_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?i:(\d+\s*-\s*)?(?:{}))$", nominative("қосымша"))).unwrap());
/// The word before "N-қосымша": whose appendix it is ("Қағидаларына", "тәртібіне").
static APPENDIX_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let (app, form) = (nominative("қосымша"), nominative("нысан"));
    Regex::new(&format!(r"(\p{{L}}+)\s+\d+\s*-\s*(?:{app})(?:\s+(?i:{form})(?:\s+\d+)?)?\W*$")).unwrap()
});
/// "Нысан", "НЫСАН", "Нысан 2": the marker of a form.
static FORM_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?i:{})(\s+\d+)?\.?$", nominative("нысан"))).unwrap());

/// A noun's nominative forms, bare and possessive ("қосымша", "қосымшасы"), as a regex
/// alternation, longest first: made by `lang`.
fn nominative(noun: &str) -> String {
    use crate::lang::{inflect, Case, Form};
    let bare = Form::case(Case::Nom);
    format!("{}|{}", inflect(noun, bare.px3()), inflect(noun, bare))
}
/// A title with the first chapter's heading run into it: "(title) 1. (heading)".
static MERGED_CHAPTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.*\S)\s+1\.\s+(\S.{0,80})$").unwrap());
/// «КЕЛІСІЛДІ» (with the body after it, or alone), "Келісілген:" or "Келісімді:" (act 948) alone on its line: a
/// visa of a body that agreed the attachment.
static AGREED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[«\x22]?КЕЛІСІЛДІ[»\x22]?[:.]?(\s+|$)|[«\x22]?(?i:келісілді|келісілген|келісімді)[»\x22]?[:.]?$)")
        .unwrap()
});

/// The enacting formula ends its paragraph: search only the paragraph's tail.
fn formula_in(b: &Block) -> bool {
    let t = &b.text;
    // The tail rules out almost every paragraph; a candidate is confirmed on the whole.
    FORMULA.is_match(&t[tail_start(t)..].replace('\n', " ")) && FORMULA.is_match(&b.flat())
}

/// Where the last 120 bytes (at a character boundary) of a text begin.
fn tail_start(t: &str) -> usize {
    let mut start = t.len().saturating_sub(120);
    while !t.is_char_boundary(start) {
        start -= 1;
    }
    start
}

pub fn formula_at(blocks: &[Block]) -> Option<usize> {
    blocks.iter().position(formula_in)
}

pub fn parse_act(blocks: &[Block], formula_at: Option<usize>, doc: &mut Doc) {
    let n = blocks.len();
    let mut main = Part { id: "main".into(), kind: PartKind::Act, ..Default::default() };

    // Header: everything before the formula block (or before the first unit or stamp).
    let header_end = formula_at
        .unwrap_or_else(|| (0..n).find(|&i| is_unit_start(&blocks[i]) || stamp_at(blocks, i).is_some()).unwrap_or(n));
    let mut preamble_parts: Vec<String> = Vec::new();
    let mut title_parts: Vec<String> = Vec::new();
    // Title: what comes before the requisites line; without one, the first block.
    let requisites_at = blocks[..header_end].iter().position(|b| REQUISITES.is_match(&b.flat()));
    for (i, b) in blocks[..header_end].iter().enumerate() {
        let t = b.flat();
        if label(&t).0 == Label::Note {
            main.notes.push(super::amend::note(t.into_owned()));
        } else if Some(i) == requisites_at {
            read_requisites(&t, doc);
        } else if requisites_at.map_or(title_parts.is_empty(), |r| i < r) {
            title_parts.push(t.into_owned());
        } else {
            preamble_parts.push(t.into_owned());
        }
    }
    if !title_parts.is_empty() {
        doc.act.meta.title = Some(title_parts.join(" "));
        main.title = doc.act.meta.title.clone();
    }

    let mut i = header_end;
    if let Some(f) = formula_at {
        // Capture from the tail (a capturing search over a long preamble is slow); the
        // formula always ends its paragraph. `captures_at` keeps `^` at the text's start.
        let t = blocks[f].flat().into_owned();
        let cut = tail_start(&t);
        let m = FORMULA.captures_at(&t, cut).or_else(|| FORMULA.captures(&t)).unwrap();
        let whole = m.get(1).unwrap();
        let before = t[..whole.start()].trim().to_string();
        if !before.is_empty() {
            preamble_parts.push(before);
        }
        let formula = whole.as_str().trim_end().trim_end_matches(':');
        if let Some(displaced) = m.get(2) {
            // "ҚАУЛЫ№ 590 ЕТЕДІ:" (seed 001): the number belongs elsewhere; keep it, flag it.
            doc.act.residue.push(Residue {
                line: blocks[f].line,
                text: displaced.as_str().trim().to_string(),
                reason: "displaced inside the enacting formula by PDF extraction".into(),
            });
            doc.act.warnings.push(format!(
                "line {}: '{}' displaced inside the enacting formula",
                blocks[f].line,
                displaced.as_str().trim()
            ));
        }
        let formula = match m.get(2) {
            Some(d) => formula.replace(d.as_str(), " "),
            None => formula.to_string(),
        };
        main.enacting_formula = Some(formula.split_whitespace().collect::<Vec<_>>().join(" "));
        i = f + 1;
    }
    if !preamble_parts.is_empty() {
        let p = preamble_parts.join("\n");
        doc.act.meta.legal_basis = legal_basis(&p);
        main.preamble = Some(p);
    }

    // Operative part.
    let mut ub = UnitBuilder::new();
    while i < n {
        let b = &blocks[i];
        if b.kind != BlockKind::Para || stamp_at(blocks, i).is_some() || is_signature_line(b) && !is_unit_start(b) {
            break;
        }
        ub.add(b, &blocks[i + 1..]);
        i += 1;
    }
    main.notes.append(&mut ub.part_notes);
    main.units = ub.finish();

    // Signatures.
    let sig_start = i;
    while i < n && is_signature_line(&blocks[i]) && stamp_at(blocks, i).is_none() && !is_attachment_title(blocks, i) {
        i += 1;
    }
    main.signatories = signatories(&blocks[sig_start..i]);
    doc.act.meta.signatories = main.signatories.clone();
    doc.act.parts.push(main);

    // Attachments.
    let mut k = 0;
    while i < n {
        let mut part = Part { kind: PartKind::Attachment, ..Default::default() };
        let agreed_from = i;
        // A note before the stamp is about what it stamps ("Ескерту. … келісімінің мәтіні
        // ресми болып табылмайды").
        while i < n && label(&blocks[i].flat()).0 == Label::Note {
            part.notes.push(super::amend::note(blocks[i].flat().into_owned()));
            i += 1;
        }
        while let Some(body) = blocks.get(i).and_then(visa_head) {
            let line = blocks[i].flat();
            i += 1;
            // The bodies that agreed follow (position, name, date each), in the short lines
            // up to the approval stamp, or in one block; the first may share «КЕЛІСІЛДІ»'s block.
            let short_lines = |b: &Block| b.text.split('\n').all(|l| l.chars().count() <= 100);
            // (A body's lines joined by a wrap: no sentence, no stop.)
            let unfinished = |b: &Block| b.text.chars().nth(300).is_none() && !terminated(&b.flat());
            let mut end = i;
            if i < n && stamp_at(blocks, i).is_none() && !is_unit_start(&blocks[i]) {
                let visa_end = (i..n.min(i + 80))
                    .take_while(|&j| {
                        !is_unit_start(&blocks[j])
                            && (short_lines(&blocks[j]) || visa_end(&blocks[j]).is_some() || unfinished(&blocks[j]))
                    })
                    .find(|&j| stamp_at(blocks, j).is_some());
                end = visa_end.unwrap_or(if body.is_empty() { i + 1 } else { i });
            }
            let mut bodies = if body.is_empty() { Vec::new() } else { vec![body] };
            bodies.extend(visa_bodies(&blocks[i..end]));
            i = end;
            // (With no body to name, the visa is kept as printed.)
            if bodies.is_empty() {
                bodies.push(line.trim().to_string());
            }
            part.agreed.append(&mut bodies);
        }
        if let Some((stamp, end)) = stamp_at(blocks, i) {
            read_stamp(&stamp, doc);
            part.parent = appendix_parent(&stamp, &doc.act.parts);
            part.form = stamp.split_whitespace().last().is_some_and(|w| FORM_MARK.is_match(w));
            part.approved_by = Some(stamp);
            i = end;
        }
        // Title: the first block, unless it is already a unit.
        let mut first_chapter = None;
        // (An appendix stamp right after another with a different number: the appendix
        // between them was only a table. Other stamps in a row stamp one attachment.)
        let appendix_no =
            |s: &str| APPENDIX_END.find(s).map(|m| m.as_str().split('-').next().unwrap_or("").trim().to_string());
        let next_is_stamp = part
            .approved_by
            .as_deref()
            .and_then(appendix_no)
            .is_some_and(|a| stamp_at(blocks, i).and_then(|(s, _)| appendix_no(&s)).is_some_and(|b| a != b));
        if i < n && !is_unit_start(&blocks[i]) && label(&blocks[i].flat()).0 != Label::Note && !next_is_stamp {
            let title = blocks[i].flat().into_owned();
            // "… ереже 1. Жалпы ережелер": a converter ran the first chapter's heading into
            // the title line; a clause 1 follows.
            let next_is_clause = blocks.get(i + 1).is_some_and(|b| matches!(label(&b.flat()).0, Label::Clause(_)));
            part.title = Some(match MERGED_CHAPTER.captures(&title).filter(|_| next_is_clause) {
                Some(c) => {
                    first_chapter = Some((c[2].to_string(), blocks[i].line));
                    c[1].to_string()
                }
                None => title,
            });
            i += 1;
            // A subtitle: unnumbered, unfinished lines before the body starts.
            while i < n
                && blocks[i].kind == BlockKind::Para
                && !is_unit_start(&blocks[i])
                && label(&blocks[i].flat()).0 == Label::None
                && !terminated(&blocks[i].flat())
                && stamp_at(blocks, i).is_none()
                && !is_signature_line(&blocks[i])
            {
                let t = blocks[i].flat();
                part.subtitle = Some(match part.subtitle.take() {
                    Some(s) => format!("{s} {t}"),
                    None => t.into_owned(),
                });
                i += 1;
            }
        }
        if part.approved_by.is_none() && part.title.is_none() {
            // Nothing that starts an attachment: the rest (with any «КЕЛІСІЛДІ» stamps just
            // read) cannot be placed, and is kept as residue.
            let from = agreed_from.min(i);
            for b in &blocks[from..] {
                doc.act.residue.push(Residue {
                    line: b.line,
                    text: b.flat().into_owned(),
                    reason: "after the act, not part of an attachment".into(),
                });
            }
            doc.act.warnings.push(format!(
                "line {}: text after the act could not be placed ({} blocks in residue)",
                blocks[from].line,
                n - from
            ));
            break;
        }
        k += 1;
        part.id = format!("att{k}");
        part.short_name = part.title.as_deref().and_then(short_name);
        let mut ub = UnitBuilder::new();
        if let Some((heading, line)) = first_chapter {
            ub.chapter(Some("1".into()), heading, line);
        }
        // (The part has consumed its stamp or title: a stamp right after it starts the
        // next part, and the body is empty — an appendix that is only a table.)
        // (A `#` heading in Markdown is a document of its own, as the act's title is: a
        // form printed in a second language, "НАГРАДНОЙ ЛИСТ".)
        // (Not when the part's title is a plain line and no unit has been read yet: then the
        // heading is the part's real title, under the form's corner lines.)
        let title_was_heading = part.title.is_some() && i > 0 && blocks[i - 1].kind == BlockKind::Heading(1);
        let body_start = i;
        while i < n
            && stamp_at(blocks, i).is_none()
            && !(blocks[i].kind == BlockKind::Heading(1)
                && (title_was_heading || blocks[body_start..i].iter().any(is_unit_start)))
        {
            // Trailing signatures of the attachment (seed 000 ends with one).
            if is_signature_line(&blocks[i])
                && !is_unit_start(&blocks[i])
                && (i + 1..n).all(|j| is_signature_line(&blocks[j]) || stamp_at(blocks, j).is_some())
                && blocks[i..].iter().any(|b| has_role_word(&b.flat()) || trailing_name(&b.flat()).is_some())
            {
                let end = (i..n).find(|&j| stamp_at(blocks, j).is_some()).unwrap_or(n);
                part.signatories = signatories(&blocks[i..end]);
                i = end;
                break;
            }
            ub.add(&blocks[i], &blocks[i + 1..]);
            i += 1;
        }
        part.notes.append(&mut ub.part_notes);
        part.units = ub.finish();
        doc.act.parts.push(part);
    }
}

/// A quoted stamp that runs on into its form ("> …қағидаларына" / "> 1-қосымша" /
/// "> Нысан" / "> Кімге:____" in one block quote) ends at its last stamp line: what
/// follows is the form's first block.
pub(super) fn split_stamp_tails(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match stamp_tail_at(&b) {
            Some(at) => {
                let (head, tail) = b.text.split_at(at);
                let line = b.line + head.matches('\n').count();
                out.push(Block { text: head.trim_end().to_string(), ..b.clone() });
                out.push(Block { text: tail.trim_start().to_string(), line, ..b });
            }
            None => out.push(b),
        }
    }
    out
}

/// Where the text after a quoted stamp starts in its block, if anything follows it.
fn stamp_tail_at(b: &Block) -> Option<usize> {
    if !b.quote || !b.text.contains('\n') {
        return None;
    }
    let lines: Vec<&str> = b.text.split('\n').collect();
    let is_end = |l: &str| STAMP_END.is_match(l.trim()) || FORM_MARK.is_match(l.trim());
    let last_end = lines.iter().rposition(|l| is_end(l))?;
    let end = lines[..=last_end].join(" ");
    let tail = &lines[last_end + 1..];
    // (A stamp is short: a long quote is a note or a clause that cites one.)
    let stamp_like = end.chars().count() <= 400 && (APPENDIX_END.is_match(&end) || has_act_ref(&end));
    if tail.is_empty() || !stamp_like || label(&end).0 == Label::Note {
        return None;
    }
    Some(lines[..=last_end].iter().map(|l| l.len() + 1).sum())
}

/// A clause, subclause, chapter or bullet label, or a Markdown heading.
fn is_unit_start(b: &Block) -> bool {
    // A label sits at the start: the first line tells, with no copy and no allocation.
    let first_line = b.text.split('\n').next().unwrap_or("");
    crate::text::label::scan(first_line).is_some_and(|l| l.kind != crate::text::label::LabelKind::Note)
}

/// A short unfinished unnumbered line: a position, a name, or both.
fn is_signature_line(b: &Block) -> bool {
    let t = b.flat();
    let len = t.chars().count();
    if len > 110 || visa_head(b).is_some() {
        return false;
    }
    b.kind == BlockKind::Para
        && !is_unit_start(b)
        && (!terminated(&t) || t.ends_with("м.а.") || trailing_name(&t).is_some())
        && (has_role_word(&t) || trailing_name(&t).is_some() || len <= 60)
}

fn is_attachment_title(blocks: &[Block], i: usize) -> bool {
    let t = blocks[i].flat();
    t.split_whitespace().last().and_then(document_name).is_some() && t.chars().count() > 20 && !has_role_word(&t)
        || blocks.get(i + 1).is_some_and(|n| matches!(label(&n.flat()).0, Label::Chapter(_) | Label::Section(_)))
}

/// An approval stamp starting at block `i`: one block, or a run of short lines ending in
/// "бекітілген" / "қосымша". Returns its text and the index after it.
fn stamp_at(blocks: &[Block], i: usize) -> Option<(String, usize)> {
    let mut parts = Vec::new();
    for (j, b) in blocks.iter().enumerate().skip(i).take(14) {
        // (Most blocks are clauses: the cheap test first, on every block of every loop.)
        if is_unit_start(b) {
            return None;
        }
        let t = b.flat();
        let len = t.chars().count();
        // A form's signature field ("Кандидат ____ (қолы)") ends the form, never starts a stamp;
        // nor does a table's markup ("<td>…</td>", kept as text in plain input).
        if t.contains("(қолы") || t.starts_with('<') {
            return None;
        }
        // A date alone ends a signature or a visa ("5 мамыр 2016 жыл"); a stamp names its
        // issuer first.
        if j == i && len <= 40 && is_date_line(&t) {
            return None;
        }
        // A stamp starts with its issuer or its parent's name, in capitals: a line in
        // brackets or in lower case is a form's caption ("(… Т.А.Ә. көрсетіледі)").
        if j == i && t.starts_with(|c: char| c == '(' || c.is_lowercase()) {
            return None;
        }
        // "…Қағидаларына 1-қосымша": an appendix stamp names its whole parent, however long
        // and however its lines were joined. (Looked for only when a block is long.)
        let long = len > 300 || (j > i && len > 80);
        if long && !appendix_ahead(&blocks[j..]) {
            return None;
        }
        if trailing_name(&t).is_some() && !STAMP_END.is_match(&t) {
            return None;
        }
        if matches!(b.kind, BlockKind::Heading(_)) && !STAMP_END.is_match(&t) {
            return None;
        }
        parts.push(t.clone());
        if STAMP_END.is_match(&t) {
            let all = parts.join(" ");
            if !has_act_ref(&all) {
                return None;
            }
            return Some(stamp_marks(blocks, all, j + 1));
        }
        if terminated(&t) {
            return None;
        }
    }
    None
}

/// The marks under a stamp that belong to it: an appendix number under "…бекітілген"
/// ("№ 2 - қосымша") and a form's marker ("Нысан"). Returns the stamp and the index after it.
fn stamp_marks(blocks: &[Block], mut stamp: String, mut next: usize) -> (String, usize) {
    let mark = |k: usize| blocks.get(k).map(|b| b.flat().trim().to_string());
    if let Some(m) = mark(next).filter(|m| !APPENDIX_END.is_match(&stamp) && is_appendix_mark(m)) {
        stamp = format!("{stamp} {m}");
        next += 1;
    }
    if let Some(m) = mark(next).filter(|m| FORM_MARK.is_match(m)) {
        stamp = format!("{stamp} {m}");
        next += 1;
    }
    (stamp, next)
}

fn is_appendix_mark(t: &str) -> bool {
    APPENDIX_MARK.is_match(t.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether a stamp's text names what approves it: a date, a number, an act, or an
/// appendix mark.
fn has_act_ref(all: &str) -> bool {
    let lower = all.to_lowercase();
    find_date(all).is_some()
        || all.contains('№')
        || lower.contains("шешім")
        || lower.contains("қаулы")
        || APPENDIX_END.is_match(all)
        || STAMP_END.captures(&lower).is_some_and(|c| c[1].starts_with("қосымша"))
}

/// Whether the stamp going on at `blocks[0]` ends, within a few short blocks, as an
/// appendix stamp ("… ережесіне" ⏎ "1-қосымша", "… сипаттамасына қосымша").
fn appendix_ahead(blocks: &[Block]) -> bool {
    let mark = |b: &Block| is_appendix_mark(&b.flat());
    for (k, b) in blocks.iter().take(3).enumerate() {
        let t = b.flat();
        let tail = &t[tail_start(&t)..];
        if APPENDIX_END.is_match(tail)
            || STAMP_END.captures(tail).is_some_and(|c| c[1].to_lowercase().starts_with("қосымша"))
            || blocks.get(k + 1).is_some_and(mark)
        {
            return true;
        }
        if k > 0 && (is_unit_start(b) || t.chars().nth(80).is_some()) || STAMP_END.is_match(tail) {
            return false;
        }
    }
    false
}

/// A «КЕЛІСІЛДІ» visa starting this block: the body after the word (maybe empty). The
/// word in capitals may share its line with the body; "«Келісілді»" in any case stands
/// on its own line.
fn visa_head(b: &Block) -> Option<String> {
    // (Most blocks do not start with the word: one look at the first letter tells.)
    let first = b.text.trim_start_matches(['«', '"', ' ']).chars().next();
    if !matches!(first, Some('К' | 'к')) {
        return None;
    }
    let flat = b.flat();
    if AGREED.is_match(&flat) {
        return Some(AGREED.replace(&flat, "").trim().to_string());
    }
    let (first, rest) = b.text.split_once('\n')?;
    AGREED.is_match(first.trim()).then(|| rest.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
}

/// The bodies of one «КЕЛІСІЛДІ» stamp: position, name and date each, so a date ends one
/// body (a signature does when no date follows it).
fn visa_bodies(blocks: &[Block]) -> Vec<String> {
    let mut bodies = vec![String::new()];
    for (k, b) in blocks.iter().enumerate() {
        // (Another «Келісілді» starts a body of its own and is not part of it.)
        let head = visa_head(b);
        if head.is_some() && !bodies.last().unwrap().is_empty() {
            bodies.push(String::new());
        }
        let last = bodies.last_mut().unwrap();
        if !last.is_empty() {
            last.push(' ');
        }
        last.push_str(&head.unwrap_or_else(|| b.flat().into_owned()));
        let dated_next = || blocks.get(k + 1).is_some_and(|n| is_date_line(n.text.split('\n').next().unwrap_or("")));
        match visa_end(b) {
            Some(VisaEnd::Date) => bodies.push(String::new()),
            Some(VisaEnd::Signature) if !dated_next() => bodies.push(String::new()),
            _ => {}
        }
    }
    bodies.retain(|b| !b.is_empty());
    bodies
}

enum VisaEnd {
    Date,
    Signature,
}

/// How a block ends if it ends a visa body, whatever its line lengths (plain text joins a
/// body's lines): with a date, blank or not, or with "_____ Н. Ноғайбаев".
fn visa_end(b: &Block) -> Option<VisaEnd> {
    let t = b.flat();
    let tail = &t[tail_start(&t)..];
    let last_line = b.text.rsplit('\n').next().unwrap_or("");
    if BLANK_DATE.is_match(tail)
        || is_date_line(last_line)
        || find_date(tail).is_some_and(|(_, r)| r.end + 12 >= tail.len())
    {
        Some(VisaEnd::Date)
    } else if tail.contains("__") && trailing_name(tail).is_some() {
        Some(VisaEnd::Signature)
    } else {
        None
    }
}

/// A date to be filled in, at the end of a text: "20__ жылғы «___» _________".
static BLANK_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:19|20)[\d_]*\s*ж(?:ылғы|\.)?\s*[«"][\s_]*[»"]\s*_*\s*(?:ж\.?)?$"#).unwrap());

/// A line that is only a date ("5 мамыр 2016 жыл", "2016 жылғы 3 мамыр"), or a date to be
/// filled in.
fn is_date_line(t: &str) -> bool {
    let t = t.trim();
    // (Every date has its year in digits: most lines are told by one byte scan.)
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    BLANK_DATE.find(t).is_some_and(|m| m.start() == 0)
        || find_date(t).is_some_and(|(_, r)| {
            let rest = format!("{} {}", &t[..r.start], &t[r.end..]);
            rest.split_whitespace()
                .all(|w| matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "" | "жыл" | "жылы" | "ж"))
        })
}

/// The part an appendix stamp names: "…жүргізу қағидаларына 1-қосымша" belongs to the
/// last attachment before it whose short name is that word ("Қағидалар").
fn appendix_parent(stamp: &str, parts: &[Part]) -> Option<String> {
    let m = APPENDIX_WORD.captures(stamp)?;
    let word = m.get(1)?.as_str();
    let name = [crate::lang::Case::Dat, crate::lang::Case::Gen]
        .iter()
        .find_map(|&c| crate::lang::noun::to_nominative(word, c))
        .and_then(|n| short_name(&n))?;
    parts
        .iter()
        .rev()
        .find(|p| p.kind == PartKind::Attachment && p.parent.is_none() && p.short_name.as_deref() == Some(&name))
        .map(|p| p.id.clone())
}

/// The requisites line: "<issuer> <date> № <number> <act type>", maybe followed by
/// the registration sentence. Fills meta.
fn read_requisites(t: &str, doc: &mut Doc) {
    let Some(c) = REQUISITES.captures(t) else { return };
    let meta = &mut doc.act.meta;
    let mut issuer = c["issuer"].trim().to_string();
    // "…Мәслихаттың XXXII сессиясының": the session adopted it; the issuer is the maslikhat.
    static SESSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+((?:кезектен тыс\s+)?[IVXLCХІ]+\s+сессиясының)$").unwrap());
    if let Some(s) = SESSION.captures(&issuer.clone()) {
        meta.session = Some(genitive_to_nominative(&s[1]));
        issuer = issuer[..s.get(0).unwrap().start()].to_string();
    }
    meta.issuer = Some(genitive_to_nominative(&issuer));
    meta.date = find_date(&c["date"]).map(|d| d.0);
    meta.number = c.name("n1").or(c.name("n2")).map(|m| m.as_str().trim_end_matches('.').to_string());
    if let Some((ty, kk)) = act_type(&c["type"]) {
        meta.act_type = Some(ty.into());
        meta.act_type_kk = Some(kk.into());
    }
    if let Some(r) = t.contains("тіркелді").then(|| REGISTRATION.captures(t)).flatten() {
        meta.registration = Some(Registration {
            authority: Some(locative_to_nominative(r["auth"].trim())),
            date: find_date(&r["date"]).map(|d| d.0),
            number: Some(r["num"].to_string()),
        });
    }
}

/// Fill missing meta from an approval stamp ("… 2023 жылғы 14 маусымдағы № 482 бұйрығымен бекітілген").
fn read_stamp(stamp: &str, doc: &mut Doc) {
    let meta = &mut doc.act.meta;
    let Some(c) = STAMP_ACT.captures(stamp) else { return };
    if meta.date.is_none() {
        meta.date = c.name("date").and_then(|d| find_date(d.as_str())).map(|d| d.0);
    }
    if meta.number.is_none() {
        meta.number = c.name("num").map(|m| m.as_str().trim_end_matches('.').to_string());
    }
    if meta.act_type.is_none() {
        if let Some((ty, kk)) = act_type(&c["type"]) {
            meta.act_type = Some(ty.into());
            meta.act_type_kk = Some(kk.into());
        }
    }
    if meta.session.is_none() {
        meta.session = c.name("session").map(|s| genitive_to_nominative(s.as_str()));
    }
    if meta.issuer.is_none() {
        // A stamp with blanks ("2021 жылғы « » № қаулысымен") names no date: drop the stub.
        static STUB: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\d{4}\s+жылғы\s*«?\s*»?\s*№?\s*$").unwrap());
        let issuer = STUB.replace(c["issuer"].trim(), "").to_string();
        let issuer = issuer.trim();
        if !issuer.is_empty() && issuer.chars().any(char::is_uppercase) {
            meta.issuer = Some(genitive_to_nominative(issuer));
        }
    }
}

/// "Ереже", "Қағидалар", "Бағдарлама": how other texts refer to an attachment, from the
/// last word of its title.
pub(super) fn short_name(title: &str) -> Option<String> {
    document_name(title.trim_end_matches(|c: char| !c.is_alphabetic()).split_whitespace().last()?)
}

/// Position lines and names → signatories. A line without the head word of a position
/// continues the next one ("Аудандық Мәслихаттың кезектен тыс" + "XXXII сессиясының төрайымы").
pub fn signatories(blocks: &[Block]) -> Vec<Signatory> {
    let mut out = Vec::new();
    let mut role: Vec<String> = Vec::new();
    for b in blocks {
        for line in b.text.split('\n') {
            let t = line.trim().trim_matches('*').trim();
            if t.is_empty() {
                continue;
            }
            if let Some((at, name)) = trailing_name(t) {
                let r = t[..at].trim();
                if !r.is_empty() {
                    role.push(r.to_string());
                }
                out.push(Signatory { role: (!role.is_empty()).then(|| role.join(" ")), name: Some(name) });
                role.clear();
                continue;
            }
            if !role.is_empty()
                && ends_with_role_word(role.last().unwrap())
                && has_role_word(t)
                && !t.starts_with(char::is_lowercase)
            {
                out.push(Signatory { role: Some(role.join(" ")), name: None });
                role.clear();
            }
            role.push(t.to_string());
        }
    }
    if !role.is_empty() {
        out.push(Signatory { role: Some(role.join(" ")), name: None });
    }
    out
}

/// The references of a preamble, each ending in its dative word ("… Заңының 6 бабына").
pub fn legal_basis(preamble: &str) -> Vec<Citation> {
    const STEMS: [&str; 16] = [
        "бап",
        "баб",
        "тармағ",
        "тармақ",
        "бөліг",
        "заң",
        "кодекс",
        "жарлығ",
        "қаулы",
        "бұйрығ",
        "шешім",
        "ереже",
        "регламент",
        "конституция",
        "қағида",
        "жоспар",
    ];
    let text = preamble.replace('\n', " ");
    let head = ["сәйкес", "негізінде", "орай"]
        .iter()
        .filter_map(|w| text.rfind(&format!(" {w}")))
        .max()
        .map(|i| &text[..i])
        .unwrap_or("");
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in head.split_whitespace() {
        if cur.is_empty() && (w == "және" || w == ",") {
            continue;
        }
        cur.push(w);
        let core = w.trim_end_matches([',', ';']).to_lowercase();
        let core = core.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '"' || c == '«');
        if STEMS.iter().any(|s| core.starts_with(s)) && crate::lang::noun::has_case(core, crate::lang::Case::Dat) {
            let t = cur.join(" ");
            out.push(Citation { text: t.trim_end_matches([',', ';']).to_string() });
            cur.clear();
        }
    }
    out
}
