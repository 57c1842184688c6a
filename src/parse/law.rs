//! Laws and codes (Заң, кодекс): title → preamble → sections, chapters, параграфs and
//! articles (бап) → signatures. A law has no enacting formula; its structure is the
//! article sequence. The corpus prints a table of contents (the chapter and article
//! headings, no body) before the title: it is skipped, not parsed as units.

use super::blocks::{Block, BlockKind};
use super::labels::{label, Label};
use super::units::UnitBuilder;
use super::Doc;
use crate::model::*;

/// Whether the blocks are a law's: no enacting formula (the caller checks), and articles
/// ("N-бап") carry the structure: at least three, and at least half as many as chapters.
pub fn looks_like_law(blocks: &[Block]) -> bool {
    let (mut articles, mut chapters) = (0, 0);
    for b in blocks {
        // (A label starts with a digit: most blocks are told by their first byte.)
        if !b.text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            continue;
        }
        match label(b.text.split('\n').next().unwrap_or("")).0 {
            Label::Article(_) => articles += 1,
            Label::Chapter(_) => chapters += 1,
            _ => {}
        }
    }
    articles >= 3 && articles * 2 >= chapters
}

fn is_article(b: &Block) -> bool {
    matches!(label(b.text.split('\n').next().unwrap_or("")).0, Label::Article(_))
}

fn is_heading_label(b: &Block) -> bool {
    let first = b.text.split('\n').next().unwrap_or("");
    matches!(label(first).0, Label::Article(_) | Label::Chapter(_) | Label::Section(_) | Label::Subsection(_))
        || super::units::is_code_part(first)
}

/// Where the law proper starts: at the `#` title in Markdown; in plain text, after the
/// table of contents (a run of heading lines with no body, ended by the title).
fn title_at(blocks: &[Block]) -> usize {
    if let Some(i) = blocks.iter().position(|b| b.kind == BlockKind::Heading(1)) {
        return i;
    }
    // The first article's label printed twice: the first time in the contents.
    let first = blocks.iter().position(is_article);
    let Some(first) = first else { return 0 };
    let num = label(&blocks[first].flat()).0;
    let Some(again) = (first + 1..blocks.len()).find(|&j| label(&blocks[j].flat()).0 == num) else { return 0 };
    // The headings that open the law proper (section, chapter) before the second printing.
    let mut k = again;
    while k > first && is_heading_label(&blocks[k - 1]) {
        k -= 1;
    }
    // The contents: heading lines, and the pieces of a heading broken over two lines (a
    // short unfinished line followed by the next heading). The title is the first block
    // after them.
    let mut t = first;
    while t < k && (is_heading_label(&blocks[t]) || is_broken_heading(blocks, t, k)) {
        t += 1;
    }
    let title = if t < k { t } else { walk_back_to_title(blocks, first, k) };
    // Only a run of headings with no body is a table of contents (an amending law quotes
    // "1-бап. …" of the law it amends): otherwise the law starts at its first block.
    // (A contents lists every article: three at least, since a law has three.)
    let toc = &blocks[first..title];
    let headings = toc.iter().filter(|b| is_heading_label(b)).count();
    if headings * 10 >= toc.len() * 9 && toc.iter().filter(|b| is_article(b)).count() >= 3 {
        title
    } else {
        0
    }
}

/// A line of the contents that continues the heading above it: short, unfinished, not a
/// note, followed by another heading of the contents (before the law proper at `end`).
fn is_broken_heading(blocks: &[Block], i: usize, end: usize) -> bool {
    let t = blocks[i].flat();
    i + 1 < end
        && t.chars().count() <= 120
        && !super::labels::terminated(&t)
        && label(&t).0 == Label::None
        && is_heading_label(&blocks[i + 1])
}

/// Back from the law proper over the preamble's sentences and the notes, to the
/// unfinished line before them.
fn walk_back_to_title(blocks: &[Block], first: usize, mut k: usize) -> usize {
    while k > first + 1 && {
        let t = blocks[k - 1].flat();
        super::labels::terminated(&t) || label(&t).0 == Label::Note
    } {
        k -= 1;
    }
    k.saturating_sub(1).max(first)
}

/// Parse a law or code into `doc.act`.
pub fn parse_law(blocks: &[Block], doc: &mut Doc) {
    let start = title_at(blocks);
    let mut main = Part { id: "main".into(), kind: PartKind::Act, ..Default::default() };
    let title = blocks.get(start).map(|b| b.flat().trim().to_string()).filter(|t| !t.is_empty());
    doc.act.meta.act_type = title.as_deref().map(|t| act_type_of(t).to_string());
    // A code cites its numbered paragraphs as бөлік ("1-бөлігі"); a law, as тармақ.
    let noun = if doc.act.meta.act_type.as_deref() == Some("code") { "бөлік" } else { "тармақ" };
    doc.act.meta.clause_noun = Some(noun.to_string());
    doc.act.meta.act_type_kk = doc.act.meta.act_type.as_deref().map(|t| match t {
        "code" => "кодекс".to_string(),
        "constitution" => "конституция".to_string(),
        _ => "заң".to_string(),
    });
    doc.act.meta.title = title.clone();
    main.title = title;
    let body = &blocks[(start + 1).min(blocks.len())..];
    // Preamble: the paragraphs before the first section, chapter or article.
    let first_unit = body.iter().position(is_heading_label).unwrap_or(body.len());
    let mut ub = UnitBuilder::for_law();
    let mut preamble = Vec::new();
    for b in &body[..first_unit] {
        match label(&b.flat()).0 {
            Label::Note => main.notes.push(super::amend::note(b.flat().into_owned())),
            _ => preamble.push(b.flat().into_owned()),
        }
    }
    if !preamble.is_empty() {
        let p = preamble.join("\n");
        doc.act.meta.legal_basis = super::act::legal_basis(&p);
        main.preamble = Some(p);
    }
    // Signatures: the short lines after the last unit's text ("Қазақстан Республикасының
    // Президенті", "Н. Назарбаев").
    let sig_from = signature_start(body).max(first_unit);
    let mut k = first_unit;
    while k < sig_from {
        if is_remark(&body[k].flat()) {
            // The database's remark and the paragraph it introduces: a note, whatever
            // that paragraph looks like ("4) тармақшаға өзгеріс енгізу көзделген …").
            let said = body.get(k + 1).filter(|_| k + 1 < sig_from).map(|b| b.flat().into_owned());
            let head = body[k].flat().into_owned();
            ub.note(match said {
                Some(s) => format!("{head} {s}"),
                None => head,
            });
            k += 2;
            continue;
        }
        ub.add(&body[k], &body[k + 1..]);
        k += 1;
    }
    main.notes.append(&mut ub.part_notes);
    main.units = ub.finish();
    super::amend::mark_repealed(&mut main.units);
    main.signatories = super::act::signatories(&body[sig_from..]);
    doc.act.meta.signatories = main.signatories.clone();
    doc.act.parts.push(main);
}

/// An editorial remark of the legal database, on its own line: "РҚАО-ның ескертпесі!"
/// (the Republican Centre of Legal Information's note), "Ескертпе!". Its word is a form
/// of ескертпе (a note), told by the language layer.
fn is_remark(text: &str) -> bool {
    let t = text.trim().trim_matches('*').trim();
    let Some(body) = t.strip_suffix('!') else { return false };
    let words: Vec<&str> = body.split_whitespace().collect();
    let Some(last) = words.last().filter(|_| words.len() <= 3) else { return false };
    let last = last.to_lowercase();
    last == "ескертпе" || crate::lang::noun::analyse(&last).iter().any(|(stem, _)| stem == "ескертпе")
}

/// "… кодексі" is a code, "Конституциясы" the constitution, anything else a law. (A
/// qualifier in brackets after the head noun is not it: "… Азаматтық кодексі (Жалпы
/// бөлім)".)
fn act_type_of(title: &str) -> &'static str {
    let head = match title.trim_end().strip_suffix(')').and_then(|t| t.rfind('(').map(|i| &t[..i])) {
        Some(t) => t,
        None => title,
    };
    let last = head.split_whitespace().last().unwrap_or("").to_lowercase();
    if last.starts_with("кодекс") {
        "code"
    } else if last.starts_with("конституция") {
        "constitution"
    } else {
        "law"
    }
}

/// The index where the trailing signature lines start (`body.len()` when there are none):
/// short unfinished lines at the very end, one of them naming the President or a name.
fn signature_start(body: &[Block]) -> usize {
    let mut k = body.len();
    while k > 0 {
        let t = body[k - 1].flat();
        let short = t.chars().count() <= 80 && !super::labels::terminated(&t) && !is_heading_label(&body[k - 1]);
        if !short || label(&t).0 != Label::None {
            break;
        }
        k -= 1;
    }
    let names = body[k..]
        .iter()
        .any(|b| super::labels::has_role_word(&b.flat()) || super::labels::trailing_name(&b.flat()).is_some());
    if names {
        k
    } else {
        body.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remarks() {
        assert!(is_remark("РҚАО-ның ескертпесі!"));
        assert!(is_remark("*Ескертпе!*"));
        assert!(!is_remark("Ескерту. 6-бапқа өзгеріс енгізілді"));
        assert!(!is_remark("Осы Заңның ескертпесі бар!"));
    }

    #[test]
    fn act_types_from_the_title() {
        assert_eq!(act_type_of("Қазақстан Республикасының Азаматтық кодексі (Жалпы бөлім)"), "code");
        assert_eq!(act_type_of("Қазақстан Республикасының Салық кодексі"), "code");
        assert_eq!(act_type_of("Қазақстан Республикасының Конституциясы"), "constitution");
        assert_eq!(act_type_of("Құқықтық актілер туралы"), "law");
    }
}
