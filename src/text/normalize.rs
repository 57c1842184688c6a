//! Repair the artifacts that PDF, DOCX and OCR leave in Kazakh legal text, and report
//! every repair with the source line it was made on.
//!
//! The output is a list of paragraphs. Plain text comes out one paragraph per line with
//! a blank line between paragraphs; Markdown keeps its line structure (headings, lists,
//! hard breaks) and only has its damage repaired.
//!
//! Joins are idempotent by construction: a join across blank lines is decided by
//! [`joins_across_blank`], which looks only at the text of the two paragraphs; every join
//! rule for adjacent lines includes that rule, so a second pass (which sees only
//! blank-separated paragraphs) never joins what the first pass kept apart. For the other
//! repairs, `normalize(normalize(x)) == normalize(x)` is checked by property tests.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::lexicon::lexicon;

/// What kind of repair was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RepairKind {
    /// Text was not in Unicode NFC.
    Nfc,
    /// Soft hyphens, zero-width spaces, byte-order marks inside the text.
    Invisible,
    /// Tabs, non-breaking and other special spaces, runs of spaces.
    Whitespace,
    /// A `[bookmark: z4]` remnant of a DOCX conversion (removed).
    Bookmark,
    /// A site footer such as `© 2012. ... ШЖҚ РМК` (removed).
    Footer,
    /// Latin letters that look like Cyrillic inside a Cyrillic word.
    Lookalike,
    /// `к е ң е с т е р` → `кеңестер`.
    LetterSpacing,
    /// A hard line wrap inside a paragraph (joined).
    Unwrap,
    /// Blank lines of a page break inside a sentence (joined).
    PageBreak,
    /// A lone punctuation line attached to the previous word; or punctuation at the start
    /// of a line, before a label ("; 2) …"), moved back to the line before.
    DanglingPunctuation,
    /// A page number on its own line inside a sentence cut by a page break (removed).
    PageNumber,
    /// A word hyphenated at a line end (joined).
    Hyphenation,
    /// Emphasis markers around a whole paragraph of plain text.
    Emphasis,
    /// Words out of place from PDF extraction: kept as they are, flagged for a person.
    Displaced,
}

impl RepairKind {
    pub fn name(self) -> &'static str {
        match self {
            RepairKind::Nfc => "nfc",
            RepairKind::Invisible => "invisible",
            RepairKind::Whitespace => "whitespace",
            RepairKind::Bookmark => "bookmark",
            RepairKind::Footer => "footer",
            RepairKind::Lookalike => "lookalike",
            RepairKind::LetterSpacing => "letter-spacing",
            RepairKind::Unwrap => "unwrap",
            RepairKind::PageBreak => "page-break",
            RepairKind::DanglingPunctuation => "dangling-punctuation",
            RepairKind::PageNumber => "page-number",
            RepairKind::Hyphenation => "hyphenation",
            RepairKind::Emphasis => "emphasis",
            RepairKind::Displaced => "displaced",
        }
    }
}

/// One repair: what, where (1-based source line), and the text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub line: usize,
    pub before: String,
    pub after: String,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == RepairKind::Displaced {
            write!(f, "{}\t{}\t{}\t(kept as is)", self.line, self.kind.name(), self.before)
        } else {
            write!(f, "{}\t{}\t{} → {}", self.line, self.kind.name(), self.before, self.after)
        }
    }
}

/// A paragraph of normalized text (in Markdown mode: one logical line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    /// Source line where the paragraph starts (1-based).
    pub line: usize,
    /// Leading spaces in the source (kept in Markdown mode, where they mean nesting).
    pub indent: usize,
    /// A blank line came before this paragraph in the source.
    pub blank_before: bool,
    /// Markdown hard line break at its end (two spaces or a backslash).
    pub hard_break: bool,
    /// Byte offset in `text` where each joined source line starts, with that line.
    pub pieces: Vec<(usize, usize)>,
}

impl Para {
    /// Source line of a byte offset in this paragraph's text.
    pub fn line_at(&self, offset: usize) -> usize {
        self.pieces.iter().rev().find(|(o, _)| *o <= offset).map(|p| p.1).unwrap_or(self.line)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub paras: Vec<Para>,
    pub repairs: Vec<Repair>,
    pub markdown: bool,
}

impl Normalized {
    /// The repaired text as `qujat normalize` prints it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.paras.iter().enumerate() {
            if i > 0 {
                out.push('\n');
                if !self.markdown || p.blank_before {
                    out.push('\n');
                }
            }
            if self.markdown {
                out.extend(std::iter::repeat_n(' ', p.indent));
            }
            out.push_str(&p.text);
            if self.markdown && p.hard_break {
                out.push_str("  ");
            }
        }
        out.push('\n');
        out
    }
}

/// A site footer: "© 2012. ... ШЖҚ РМК".
static FOOTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*©\s*\d{4}").unwrap());

/// Read the input as Markdown? When asked to, for `.md` files, or when the text looks
/// like Markdown.
pub fn is_markdown(path: &std::path::Path, text: &str, forced: bool) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    // A Word document or a PDF is read as paragraphs, never as Markdown syntax.
    if matches!(ext.as_deref(), Some("docx" | "pdf")) && !forced {
        return false;
    }
    forced || matches!(ext.as_deref(), Some("md" | "markdown")) || looks_like_markdown(text)
}

/// Does the text look like Markdown (headings, fences, quotes, bold lines)?
pub fn looks_like_markdown(text: &str) -> bool {
    static MD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^(#{1,6} \S|```|> \S|\*\*\S.*\*\*\s*$)").unwrap());
    MD.is_match(text)
}

/// Normalize decoded text. `markdown` chooses Markdown mode (line structure is kept).
pub fn normalize(text: &str, markdown: bool) -> Normalized {
    let mut repairs = Vec::new();
    let doc = Doc(text);
    let lines = clean_lines(text, markdown, &mut repairs);
    let style = if markdown { Style::BlankSeparated } else { detect_style(&lines) };
    let mut paras = join_lines(lines, markdown, style, &mut repairs);
    // A letter-spaced run can also form only where lines were joined ("а" ⏎ "а а").
    for p in paras.iter_mut().filter(|p| p.pieces.len() > 1) {
        // Joining puts new words next to a kept double space: apply the space rule again.
        if has_double_space(&p.text) {
            let fixed = collapse_spaces(&p.text);
            if fixed != p.text {
                repairs.push(Repair {
                    kind: RepairKind::Whitespace,
                    line: p.line,
                    before: clip(&p.text),
                    after: clip(&fixed),
                });
                clamp_pieces(&mut p.pieces, &fixed);
                p.text = fixed;
            }
        }
        if prescan(&p.text).maybe_spaced {
            let (fixed, _, _) = unspace_line(&p.text, doc);
            if fixed != p.text {
                repairs.push(Repair {
                    kind: RepairKind::LetterSpacing,
                    line: p.line,
                    before: p.text.clone(),
                    after: fixed.clone(),
                });
                clamp_pieces(&mut p.pieces, &fixed);
                p.text = fixed;
            }
        }
        // A word joined across a hyphenated line end ("x-⏎а") can be a mixed word only
        // now: the look-alike rule again, on the joined text.
        let mut text = Cow::Borrowed(p.text.as_str());
        lookalike_repair(&mut text, p.line, &mut repairs);
        if let Cow::Owned(fixed) = text {
            clamp_pieces(&mut p.pieces, &fixed);
            p.text = fixed;
        }
    }
    // A footer can also be a "©" line joined to the year on the next one. Where one is
    // removed, what follows starts after a break (as after a page's end).
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if p.text.starts_with('©') && FOOTER.is_match(&p.text) {
            repairs.push(Repair {
                kind: RepairKind::Footer,
                line: p.line,
                before: p.text.clone(),
                after: String::new(),
            });
            paras.remove(i);
            if let Some(next) = paras.get_mut(i) {
                next.blank_before = true;
            }
        } else {
            i += 1;
        }
    }
    if !markdown {
        strip_emphasis(&mut paras, doc, &mut repairs);
    }
    flag_displaced(&paras, &mut repairs);
    repairs.sort_by_key(|r| r.line);
    Normalized { paras, repairs, markdown }
}

// ---------------------------------------------------------------------------------------
// Per-line repairs

#[derive(Debug, Clone)]
struct CleanLine<'a> {
    /// Borrowed from the input unless a repair changed the line.
    text: Cow<'a, str>,
    src: usize,
    indent: usize,
    blank: bool,
    hard_break: bool,
    /// Line length in the source (before letter-spacing repair): wraps are long lines.
    raw_len: usize,
    starts_spaced: bool,
    ends_spaced: bool,
    /// Inside a fenced code block (Markdown): never joined.
    fenced: bool,
}

impl<'a> CleanLine<'a> {
    /// A blank line at source line `src`.
    fn blank(src: usize, fenced: bool) -> Self {
        CleanLine {
            text: Cow::Borrowed(""),
            src,
            indent: 0,
            blank: true,
            hard_break: false,
            raw_len: 0,
            starts_spaced: false,
            ends_spaced: false,
            fenced,
        }
    }

    /// What a line is replaced with once it has been taken out of the list.
    fn placeholder() -> Self {
        Self::blank(0, false)
    }
}

fn is_special_space(c: char) -> bool {
    matches!(c, '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The first `n` characters of `s`, as a slice.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn clip(s: &str) -> String {
    const MAX: usize = 90;
    let p = prefix(s, MAX);
    if p.len() == s.len() {
        s.to_string()
    } else {
        format!("{p}…")
    }
}

fn clean_lines<'a>(text: &'a str, markdown: bool, repairs: &mut Vec<Repair>) -> Vec<CleanLine<'a>> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // Form feeds are rare: look for them once, not on every line.
    let form_feeds = memchr::memchr(0x0C, text.as_bytes()).is_some();
    let mut start = 0;
    // memchr's SIMD search beats `str::split` on the short lines of legal text.
    for (i, end) in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())).enumerate() {
        let src = i + 1;
        let raw = &text[start..end];
        start = end + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if form_feeds && raw.contains('\u{0C}') {
            // Form feeds are page breaks: a blank line where each stands.
            for (k, seg) in raw.split('\u{0C}').enumerate() {
                if k > 0 {
                    out.push(CleanLine::blank(src, in_fence));
                }
                clean_line(seg, src, markdown, Doc(text), &mut in_fence, repairs, &mut out);
            }
        } else {
            clean_line(raw, src, markdown, Doc(text), &mut in_fence, repairs, &mut out);
        }
    }
    out
}

fn clean_line<'a>(
    raw: &'a str,
    src: usize,
    markdown: bool,
    doc: Doc,
    in_fence: &mut bool,
    repairs: &mut Vec<Repair>,
    out: &mut Vec<CleanLine<'a>>,
) {
    static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[bookmark:[^\]]*\]").unwrap());
    static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\S) {2,}(\S)").unwrap());
    {
        let scan = prescan(raw);
        let (mut combining, mut invisible, mut special, mut latin) = (false, false, scan.tab, scan.latin);
        let mut rescan = false;
        if scan.suspect {
            // A byte that may start a rare character: look at the characters themselves.
            for c in raw.chars().filter(|c| {
                !c.is_ascii() && !matches!(c, '\u{400}'..='\u{482}' | '\u{48A}'..='\u{4CE}' | '\u{4D0}'..='\u{4FF}')
            }) {
                combining |= matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{1AB0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}');
                invisible |= is_invisible(c);
                special |= is_special_space(c);
                latin |= lookalike(c).is_some();
            }
        }
        let mut line: Cow<'a, str> = Cow::Borrowed(raw);
        if invisible {
            let fixed: String = line.chars().filter(|&c| !is_invisible(c)).collect();
            // Whole lines: removing an invisible character can join two words.
            repairs.push(Repair {
                kind: RepairKind::Invisible,
                line: src,
                before: show_all_invisible(&line),
                after: fixed.clone(),
            });
            line = fixed.into();
        }
        let raw_len = line.trim().chars().count();
        // Markdown hard break: two trailing spaces or a backslash.
        // Two trailing spaces (a backslash break is judged on the repaired line, below).
        let two_spaces = markdown && line.ends_with("  ");
        if special {
            let trimmed_before = line.trim_end_matches(|c: char| c == ' ' || is_special_space(c));
            let interior = trimmed_before.trim_start_matches(|c: char| c == ' ' || is_special_space(c));
            if interior.chars().any(is_special_space)
                || trimmed_before.len() != line.trim_end().len()
                || trimmed_before.starts_with(is_special_space)
            {
                let fixed: String = line.chars().map(|c| if is_special_space(c) { ' ' } else { c }).collect();
                repairs.push(Repair {
                    kind: RepairKind::Whitespace,
                    line: src,
                    before: clip(&show_invisible(line.trim_end())),
                    after: clip(fixed.trim()),
                });
                line = fixed.into();
            }
        }
        let indent = line.chars().take_while(|&c| c == ' ').count();
        let mut body: Cow<'a, str> = match line {
            Cow::Borrowed(l) => Cow::Borrowed(l.trim()),
            Cow::Owned(l) => Cow::Owned(l.trim().to_string()),
        };
        if body.is_empty() {
            out.push(CleanLine::blank(src, *in_fence));
            return;
        }
        if body.as_bytes().contains(&b'[') && BOOKMARK.is_match(&body) {
            let fixed = BOOKMARK.replace_all(&body, "").trim().to_string();
            // Name what was removed with the words around it (removal can join two words).
            for m in BOOKMARK.find_iter(&body) {
                let start = body[..m.start()].rfind(' ').map_or(0, |i| i + 1);
                let end = body[m.end()..].find(' ').map_or(body.len(), |i| m.end() + i);
                let after = format!("{}{}", &body[start..m.start()], &body[m.end()..end]);
                repairs.push(Repair {
                    kind: RepairKind::Bookmark,
                    line: src,
                    before: body[start..end].to_string(),
                    after: BOOKMARK.replace_all(&after, "").trim().to_string(),
                });
            }
            if fixed.is_empty() {
                // The line was only a bookmark: it is gone, not a paragraph break.
                return;
            }
            body = Cow::Owned(fixed);
            // What the bookmark hid is scanned again (a spaced word may stand after it).
            rescan = true;
        }
        // Fences are judged on the repaired line (a bookmark may stand before one).
        if markdown && body.starts_with("```") {
            *in_fence = !*in_fence;
            out.push(CleanLine {
                text: body,
                src,
                indent,
                blank: false,
                hard_break: false,
                raw_len,
                starts_spaced: false,
                ends_spaced: false,
                fenced: true,
            });
            return;
        }
        if memchr::memmem::find(body.as_bytes(), "©".as_bytes()).is_some() && FOOTER.is_match(&body) {
            // Removed text is reported whole: nothing is dropped silently.
            repairs.push(Repair {
                kind: RepairKind::Footer,
                line: src,
                before: body.to_string(),
                after: String::new(),
            });
            return;
        }
        // NFC after the removals (which can bring a letter and its combining mark together)
        // and before the look-alike map (composition changes where words end).
        if combining && !is_nfc(&body) {
            let fixed: String = body.nfc().collect();
            repairs.push(Repair { kind: RepairKind::Nfc, line: src, before: body.to_string(), after: fixed.clone() });
            body = Cow::Owned(fixed);
        }
        if latin {
            lookalike_repair(&mut body, src, repairs);
        }
        let (mut starts_spaced, mut ends_spaced) = (false, false);
        // Runs spaced with tabs or non-breaking spaces show only after the whitespace repair.
        // (Any repair before this one — a bookmark or an invisible character removed, a
        // special space — may have uncovered a run: a changed line is scanned again.)
        if scan.maybe_spaced || ((special || rescan || invisible) && prescan(&body).maybe_spaced) {
            let (unspaced, s, e) = unspace_line(&body, doc);
            if unspaced != body {
                repairs.push(Repair {
                    kind: RepairKind::LetterSpacing,
                    line: src,
                    before: body.to_string(),
                    after: unspaced.clone(),
                });
                body = Cow::Owned(unspaced);
                (starts_spaced, ends_spaced) = (s, e);
                // Joining letters can make a new word of Cyrillic and Latin look-alikes.
                if latin {
                    lookalike_repair(&mut body, src, repairs);
                }
            }
        }
        if !*in_fence && has_double_space(&body) && SPACES.is_match(&body) {
            let fixed = collapse_spaces(&body);
            if fixed != body {
                repairs.push(Repair {
                    kind: RepairKind::Whitespace,
                    line: src,
                    before: clip(&body),
                    after: clip(&fixed),
                });
                body = Cow::Owned(fixed);
            }
        }
        let hard_break = two_spaces || (markdown && body.ends_with('\\') && !body.ends_with("\\\\"));
        out.push(CleanLine {
            text: body,
            src,
            indent,
            blank: false,
            hard_break,
            raw_len,
            starts_spaced,
            ends_spaced,
            fenced: *in_fence,
        });
    }
}

/// A clipped rendering of a line with its invisible characters shown.
fn show_invisible(s: &str) -> String {
    show_all_invisible(prefix(s, 91))
}

/// A line with its invisible characters shown.
fn show_all_invisible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\t' => out.push('⇥'),
            '\u{A0}' => out.push('⍽'),
            c if is_special_space(c) || is_invisible(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// After a repair of a joined paragraph, its pieces' offsets shift: keep them inside the
/// new text, on character boundaries and in order (line numbers stay approximate there).
fn clamp_pieces(pieces: &mut [(usize, usize)], text: &str) {
    for piece in pieces {
        let mut o = piece.0.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        piece.0 = o;
    }
}

/// Map look-alike letters in a line, reporting exactly the words that changed (the map
/// keeps every space in place).
fn lookalike_repair(body: &mut Cow<'_, str>, line: usize, repairs: &mut Vec<Repair>) {
    let mapped = map_lookalikes(body);
    if mapped != **body {
        let (before, after): (Vec<&str>, Vec<&str>) =
            body.split(' ').zip(mapped.split(' ')).filter(|(a, b)| a != b).unzip();
        repairs.push(Repair { kind: RepairKind::Lookalike, line, before: before.join(" "), after: after.join(" ") });
        *body = Cow::Owned(mapped);
    }
}

/// Runs of spaces → one space, except between two one-letter tokens: there a double
/// space is the word gap of a letter-spaced run that could not be read (collapsing it
/// would make a run for the next pass to find).
fn collapse_spaces(s: &str) -> String {
    let tokens: Vec<&str> = s.split(' ').collect();
    // One letter, maybe with punctuation after it (as in a letter-spaced run).
    let one_letter = |t: &str| {
        let mut cs = t.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.all(|d| ".,;:!?)»".contains(d))
    };
    let mut out = String::with_capacity(s.len());
    let mut gap = 0usize;
    let mut last: Option<&str> = None;
    for t in tokens {
        if t.is_empty() {
            gap += 1;
            continue;
        }
        if let Some(prev) = last {
            let keep = gap >= 1 && one_letter(prev) && one_letter(t);
            out.push_str(if keep { "  " } else { " " });
        } else {
            out.extend(std::iter::repeat_n(' ', gap));
        }
        out.push_str(t);
        last = Some(t);
        gap = 0;
    }
    out.extend(std::iter::repeat_n(' ', gap));
    out
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// Latin (and IPA) letters that OCR puts for Kazakh Cyrillic ones.
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'h' => 'һ',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'ə' => 'ә',
        'Ə' => 'Ә',
        'ɵ' => 'ө',
        'Ɵ' => 'Ө',
        'ӏ' => 'і',
        _ => return None,
    })
}

/// Map look-alike letters inside words that are otherwise Cyrillic. Words that are all
/// Latin (names, e-mail, Roman numerals such as XXXII or VIIІ) are left alone.
pub fn map_lookalikes(s: &str) -> String {
    // Fast path: most lines have no Latin or IPA letter at all.
    if s.is_ascii() || !s.chars().any(|c| c.is_ascii_alphabetic() || lookalike(c).is_some()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            // IPA letters (ə ɵ) and the palochka are never English: map them first, then
            // decide about Latin look-alikes on the result, so that one pass is final.
            let w: String = word.chars().map(|c| if c.is_ascii() { c } else { lookalike(c).unwrap_or(c) }).collect();
            let has_cyr = w.chars().any(|c| is_cyrillic(c) && !is_roman_lookalike(c));
            let latin_ok = w.chars().all(|c| !c.is_ascii_alphabetic() || lookalike(c).is_some());
            let roman = w.chars().all(|c| "IVXLCDMІХ".contains(c));
            if has_cyr && latin_ok && !roman {
                out.extend(w.chars().map(|c| lookalike(c).unwrap_or(c)));
            } else {
                out.push_str(&w);
            }
            word.clear();
        }
    };
    for c in s.chars() {
        if is_alpha(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// `char::is_alphabetic`, answered at once for ASCII and the Cyrillic block (its letters:
/// all but ҂ and the combining marks U+0483–U+0489), which are nearly every character
/// here; the general lookup is slow for non-ASCII.
fn is_alpha(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        0x400..=0x481 | 0x48a..=0x4ff => true,
        _ => c.is_alphabetic(),
    }
}

fn is_roman_lookalike(c: char) -> bool {
    matches!(c, 'І' | 'Х')
}

const SPACED_PUNCT: &str = ".,;:!?-–—()\"«»";

/// What one pass over a line's bytes tells: which repairs it can need at all.
struct Scan {
    latin: bool,
    tab: bool,
    /// A byte that may start a rare character (special space, invisible, combining
    /// mark, IPA look-alike): worth a look at the characters.
    suspect: bool,
    /// Three one-character tokens in a row: maybe a letter-spaced run.
    maybe_spaced: bool,
}

/// Byte classes for [`prescan`]: 0 nothing to note (most bytes: continuation bytes,
/// ASCII punctuation and digits, Cyrillic leads D0/D1), 1 space, 2 ASCII letter, 3 tab,
/// 4 lead byte of a rare character, 5 and 6 the Cyrillic leads D2 and D3 (which also
/// start the combining titlos and the palochka).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let x = i as u8;
        t[i] = match x {
            b' ' => 1,
            b'\t' => 3,
            b'a'..=b'z' | b'A'..=b'Z' => 2,
            0xD0 | 0xD1 => 0,
            0xD2 => 5,
            0xD3 => 6,
            0xC0..=0xFF => 4,
            _ => 0,
        };
        i += 1;
    }
    t
};

fn single_char_token(b: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    len == 1 || (len == 2 && (0xC0..0xE0).contains(&b[start])) || (len == 3 && (0xE0..0xF0).contains(&b[start]))
}

fn prescan(line: &str) -> Scan {
    let b = line.as_bytes();
    // Flags: a branch-free fold over the byte classes (a per-byte branch mispredicts).
    let flags = b.iter().fold(0u8, |acc, &x| acc | (1 << CLASS[x as usize]));
    let mut s = Scan { latin: flags & 4 != 0, tab: flags & 8 != 0, suspect: flags & 16 != 0, maybe_spaced: false };
    if !s.suspect && flags & 0b110_0000 != 0 {
        // Cyrillic leads D2/D3 are common (ғ қ ң ү ұ һ ә ө); only the titlos and the palochka are rare.
        s.suspect = b.iter().zip(&b[1.min(b.len())..]).fold(false, |acc, (&x, &y)| {
            acc | ((x == 0xD2) & (y.wrapping_sub(0x83) <= 6)) | ((x == 0xD3) & (y == 0x8F))
        });
    }
    // Letter-spaced runs: three one-character tokens in a row. Each such token sits between
    // spaces two or three bytes apart; most lines have none, which a fold (vectorized) tells
    // without walking the spaces one memchr call at a time.
    let n = b.len();
    if n < 5 {
        return s;
    }
    let near = b[..n - 3]
        .iter()
        .zip(&b[2..n - 1])
        .zip(&b[3..])
        .fold(false, |acc, ((&x, &y), &z)| acc | ((x == b' ') & ((y == b' ') | (z == b' '))));
    let first_single = single_char_token(b, 0, b.iter().position(|&c| c == b' ').unwrap_or(n));
    if !near && !first_single {
        return s;
    }
    // Walk the tokens (tokens are short: a plain loop beats a memchr call per space).
    // Three one-character tokens, or two Cyrillic letters ("о л": a spaced short word).
    let mut run = 0u32;
    let mut letters = 0u32;
    let mut start = 0usize;
    for i in 0..=n {
        if i == n || b[i] == b' ' {
            if i > start {
                run = if single_char_token(b, start, i) { run + 1 } else { 0 };
                letters = if i - start == 2 && (0xD0..=0xD3).contains(&b[start]) { letters + 1 } else { 0 };
                if run >= 3 || letters >= 2 {
                    s.maybe_spaced = true;
                    return s;
                }
            }
            start = i + 1;
        }
    }
    s
}

/// Two spaces in a row (a byte loop: `str::contains` with a two-byte needle is slow).
fn has_double_space(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().zip(&b[1.min(b.len())..]).fold(false, |acc, (&x, &y)| acc | ((x == b' ') & (y == b' ')))
}

/// Repair letter-spaced runs on one line. Returns the line and whether it starts and
/// ends inside such a run (a line break there is a word boundary).
fn unspace_line(line: &str, doc: Doc) -> (String, bool, bool) {
    // Tokens with the width of the gap before each.
    let mut toks: Vec<(usize, &str)> = Vec::new();
    let mut gap = 0;
    for t in line.split(' ') {
        if t.is_empty() {
            gap += 1;
        } else {
            toks.push((gap + usize::from(!toks.is_empty()), t));
            gap = 0;
        }
    }
    // One letter or punctuation mark, maybe with punctuation glued after it ("ы.", "у;").
    let single = |t: &str| {
        let mut cs = t.chars();
        let c = cs.next().unwrap();
        (c.is_alphabetic() || SPACED_PUNCT.contains(c)) && cs.all(|d| ".,;:!?)»".contains(d))
    };
    let letter = |t: &str| t.chars().count() == 1 && t.chars().next().unwrap().is_alphabetic();
    let n = toks.len();
    let mut i = 0;
    let mut out: Vec<String> = Vec::new();
    let mut starts = false;
    let mut ends = false;
    let mut changed = false;
    while i < n {
        // A run: single-character tokens, with at least three letters in a row joined by
        // single spaces somewhere in it.
        let mut j = i;
        while j < n && single(toks[j].1) && (j == i || toks[j].0 <= 3) {
            j += 1;
        }
        let mut triple = false;
        for k in i..j.saturating_sub(2) {
            if letter(toks[k].1)
                && letter(toks[k + 1].1)
                && letter(toks[k + 2].1)
                && toks[k + 1].0 == 1
                && toks[k + 2].0 == 1
            {
                triple = true;
            }
        }
        // Two lowercase letters alone, one space apart, that make a word of running text:
        // "о л" → "ол", "б ұ" → "бұ" is no word and stays. Alone: a wider gap or a longer
        // token on each side ("о л  о л" is two such words).
        let pair = !triple
            && i + 1 < n
            && letter(toks[i].1)
            && letter(toks[i + 1].1)
            && toks[i + 1].0 == 1
            && (i + 2 >= n || toks[i + 2].0 >= 2 || !single(toks[i + 2].1))
            && (i == 0 || toks[i].0 >= 2 || !single(toks[i - 1].1))
            && {
                let w = format!("{}{}", toks[i].1, toks[i + 1].1);
                // Lowercase and a word of running text, or any case and a word the
                // document itself prints unspaced ("ТЖ", "үй").
                w.chars().all(char::is_lowercase) && lexicon().attested(&w) || doc.has_word(&w)
            };
        if pair {
            out.push(format!("{}{}", toks[i].1, toks[i + 1].1));
            changed = true;
            i += 2;
            continue;
        }
        if j > i && triple {
            // Leading punctuation that belongs to the previous word stays there.
            let mut start = i;
            while start < j && !letter(toks[start].1) {
                out.push(toks[start].1.to_string());
                start += 1;
            }
            if start == 0 {
                starts = true;
            }
            if j == n {
                ends = true;
            }
            let has_gaps = (start + 1..j).any(|k| toks[k].0 >= 2);
            let mut group = String::new();
            let mut groups = Vec::new();
            for (k, tok) in toks.iter().enumerate().take(j).skip(start) {
                // A dash is a word of its own ("n – Э Ы Д Ұ"); only "-" joins a compound.
                let dash = matches!(tok.1, "–" | "—");
                if k > start && (tok.0 >= 2 || dash) {
                    groups.push(std::mem::take(&mut group));
                }
                group.push_str(tok.1);
                if dash {
                    groups.push(std::mem::take(&mut group));
                }
            }
            groups.push(group);
            groups.retain(|g| !g.is_empty());
            // A hyphen that ends the run is a dash before the next word ("ү ш і н - Республикалық").
            if j < n {
                if let Some(g) = groups.pop() {
                    match g.strip_suffix('-') {
                        Some(word) if !word.is_empty() => groups.extend([word.to_string(), "-".to_string()]),
                        _ => groups.push(g),
                    }
                }
            }
            for g in groups {
                if has_gaps {
                    out.push(g);
                } else {
                    out.extend(segment_group(&g, doc));
                }
            }
            changed = true;
            i = j;
        } else {
            out.push(toks[i].1.to_string());
            i += 1;
        }
    }
    if !changed {
        return (line.to_string(), false, false);
    }
    // Punctuation tokens attach to the word before them.
    let mut s = String::new();
    for w in out {
        let attach = !s.is_empty() && w.chars().all(|c| ".,;:!?)»".contains(c));
        if !s.is_empty() && !attach {
            s.push(' ');
        }
        s.push_str(&w);
    }
    (s, starts, ends)
}

/// The text being repaired, as evidence of its own words: a spaced run is one word when the
/// document prints that word unspaced elsewhere ("т а ғ ы л ы м д а м а д а н" in an act
/// that says "тағылымдамадан" a hundred times), whatever the dictionary lacks.
#[derive(Clone, Copy)]
struct Doc<'a>(&'a str);

impl Doc<'_> {
    /// Whether the word occurs as a whole word, as printed or capitalized or lowercased.
    /// (Searched only for the rare spaced runs: a substring search, no word index.)
    fn has_word(self, w: &str) -> bool {
        if w.chars().count() < 2 {
            return false;
        }
        let lower = w.to_lowercase();
        let mut cap = String::with_capacity(lower.len());
        let mut cs = lower.chars();
        cap.extend(cs.next().into_iter().flat_map(char::to_uppercase));
        cap.push_str(cs.as_str());
        [w, lower.as_str(), cap.as_str()].iter().any(|v| self.whole_word(v))
    }

    fn whole_word(self, w: &str) -> bool {
        let t = self.0;
        memchr::memmem::find_iter(t.as_bytes(), w.as_bytes()).any(|at| {
            let before = t[..at].chars().next_back();
            let after = t[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
    }
}

/// Split a group of letters (maybe with punctuation and hyphens) with the lexicon;
/// keep it whole unless every piece is a known word.
fn segment_group(g: &str, doc: Doc) -> Vec<String> {
    let core: &str = g.trim_end_matches(|c: char| !c.is_alphabetic());
    let tail = &g[core.len()..];
    if core.is_empty() || core.contains('-') || lexicon().contains(core) {
        return vec![g.to_string()];
    }
    // A known word with a suffix is one word, although the dictionary lacks that form.
    let lower = core.to_lowercase();
    if crate::lang::noun::is_form_of_known(&lower, &|w| lexicon().contains(w)) {
        return vec![g.to_string()];
    }
    let words = lexicon().segment(core);
    // Every piece a word, and one of fewer than six letters a word of running text (the
    // bundled corpus) or of this document: the dictionary's expansion also holds
    // suffix-like strings ("тін", "ғышта", "жайында"), so "өндір іле тін", "тасы ғышта" and
    // "мұра жайында" would pass for words. Such a run stays one word (the usual case: one
    // emphasized word, "т а с ы ғ ы ш т а").
    let word =
        |w: &String| lexicon().contains(w) && (w.chars().count() >= 6 || lexicon().attested(w)) || doc.has_word(w);
    // (The document is searched last: only a run about to be split pays for it.)
    if words.len() < 2 || !words.iter().all(word) || doc.has_word(core) {
        return vec![g.to_string()];
    }
    let mut words = words;
    if let Some(last) = words.last_mut() {
        last.push_str(tail);
    }
    words
}

// ---------------------------------------------------------------------------------------
// Joining lines into paragraphs

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Paragraphs start with an indent (000, 001, 002): an unindented line continues.
    Indented,
    /// Paragraphs are separated by blank lines (004, Markdown): adjacent lines continue.
    BlankSeparated,
    /// Neither: only content decides.
    Flat,
}

fn detect_style(lines: &[CleanLine]) -> Style {
    let text: Vec<&CleanLine> = lines.iter().filter(|l| !l.blank).collect();
    let n = text.len().max(1);
    let indented = text.iter().filter(|l| l.indent >= 2).count();
    let after_blank = lines.windows(2).filter(|w| w[0].blank && !w[1].blank).count();
    if indented * 10 >= n && (n - indented) * 10 >= n {
        Style::Indented
    } else if after_blank * 10 >= n * 3 {
        Style::BlankSeparated
    } else {
        Style::Flat
    }
}

static MD_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6}(\s|$)|>|[-*+](\s|$)|\d+[.)](\s|$)|```|~~~|<|\||\*\*|\*\S|_\S)").unwrap());

/// What kind of label a line starts with, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineLabel {
    None,
    /// `N-тарау`, `N тарау`, `N-бөлім`, `N-бап`, a Roman `IV.`: a heading-level unit.
    Chapter,
    /// Clause, subclause, item, bullet, note.
    Unit,
}

/// What a line starts with, from the one label scanner ([`super::label`]).
fn line_label(s: &str) -> LineLabel {
    match super::label::scan(s) {
        None => LineLabel::None,
        Some(l) if l.kind.is_heading() => LineLabel::Chapter,
        Some(_) => LineLabel::Unit,
    }
}

/// A line that begins a unit of structure (clause, subclause, item, chapter, note).
pub fn starts_with_label(s: &str) -> bool {
    line_label(s) != LineLabel::None
}

/// A drawn line: only underscores, dashes, equals signs or dots, three or more (a
/// separator under a text, a rule above a stamp). Never joined to its neighbours.
pub fn is_rule(s: &str) -> bool {
    // (The character test first: it stops at the first letter of a paragraph.)
    let t = s.trim();
    t.chars().all(|c| matches!(c, '_' | '-' | '–' | '—' | '=' | '.' | '*' | ' ')) && t.chars().nth(2).is_some()
}

/// Ends like a finished sentence or a lead-in (".", ";", ":").
pub fn terminated(s: &str) -> bool {
    let t = s.trim_end_matches(['*', '»', '"', '”', '_', ' ', '/']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// The one rule for joining across blank lines (page breaks), from content alone:
/// the paragraph before is unfinished, and the next one is not a new unit and either
/// starts in lower case or continues a numbered unit (a clause never ends without
/// punctuation; a heading, title or signature may).
fn joins_across_blank(a: &str, b: &str, markdown: bool) -> bool {
    if terminated(a)
        || is_rule(a)
        || is_rule(b)
        || starts_with_label(b)
        || is_form_mark(a)
        || is_form_mark(b)
        || (markdown && (MD_BLOCK.is_match(b) || MD_BLOCK.is_match(a) && !starts_with_label(a)))
    {
        return false;
    }
    // A short line (a name, a stamp line) is not a sentence cut by a page.
    // (Plain text loses emphasis markers after joining: look through them.)
    // An unfinished clause goes on across a page break, even in capitals ("… Қазақстан" /
    // "Республикасының …"), unless what follows starts like a signature ("Министр Қ.
    // Қасымов", "Қ. Қасымов") after a clause printed without its full stop. (Only how the
    // line starts decides: a second pass sees the same start.)
    static SIGNATURE_START: LazyLock<Regex> = LazyLock::new(|| {
        // (A punctuation mark may follow the name: the dangling-punctuation repair of a first
        // pass attaches a lone ":" to it, and a second pass must decide the same.)
        Regex::new(r"^(?:[\p{Lu}][\p{Ll}-]+\s+){0,3}(?:[\p{Lu}]\.\s?){1,2}[\p{Lu}][\p{Ll}]+(?:\s|$|\p{P})").unwrap()
    });
    let lower = starts_lower(b.trim_start_matches(['*', '_']));
    // (A short numbered line of plain words before a capital is a heading, "1. Жалпы
    // ережелер" ⏎⏎ "Осы …", not a clause cut by a page; a clause's first line has its
    // commas and brackets, "1. Осы Қағидалар (бұдан әрі – Қағидалар) Қазақстан".)
    let heading = !lower && a.chars().nth(60).is_none() && !a.contains(['(', ',', ';', ':', '«', '"']);
    (lower && cut_sentence(a))
        || (line_label(a) == LineLabel::Unit && !heading && !is_note(a) && !SIGNATURE_START.is_match(b))
}

/// An amendment note ("Ескерту. …"): printed without its full stop, it still ends before
/// a line in capitals (a stamp follows it, not the rest of a sentence).
fn is_note(a: &str) -> bool {
    super::label::scan(a).is_some_and(|l| l.kind == super::label::LabelKind::Note)
}

/// Whether an unfinished paragraph can be a sentence cut by a page: 30 characters, or 20
/// and three words ending in a lower-case one ("1-тармақ мынадай редакцияда" ⏎ 2 ⏎
/// "жазылсын:").
/// A name, a position or a stamp line is shorter or ends otherwise.
fn cut_sentence(a: &str) -> bool {
    a.chars().nth(29).is_some()
        || a.chars().nth(19).is_some()
            && a.split_whitespace().nth(2).is_some()
            && a.split_whitespace().last().is_some_and(starts_lower)
}

fn join_lines(lines: Vec<CleanLine>, markdown: bool, style: Style, repairs: &mut Vec<Repair>) -> Vec<Para> {
    let width = {
        let mut lens: Vec<usize> = lines.iter().filter(|l| !l.blank && l.raw_len > 20).map(|l| l.raw_len).collect();
        lens.sort_unstable();
        if lens.is_empty() {
            80
        } else {
            lens[lens.len() * 8 / 10]
        }
    };
    let mut paras: Vec<Para> = Vec::new();
    // State of the paragraph being built.
    let mut last_raw_len = 0usize;
    let mut last_ends_spaced = false;
    let mut last_fenced = false;
    let mut lines_in_para = 0usize;
    let mut blanks = 0usize;
    let mut first_blank_line = 0usize;

    let mut last_page: Option<u32> = None;
    let mut lines = lines;
    for i in 0..lines.len() {
        let mut l = std::mem::replace(&mut lines[i], CleanLine::placeholder());
        if l.blank {
            if blanks == 0 {
                first_blank_line = l.src;
            }
            blanks += 1;
            continue;
        }
        let had_blank = blanks > 0;
        if let Some(n) = page_number(&l, paras.last(), &lines[i + 1..], last_page) {
            // The blank lines around it stay counted: the sentence joins across the page.
            repairs.push(Repair {
                kind: RepairKind::PageNumber,
                line: l.src,
                before: l.text.to_string(),
                after: String::new(),
            });
            last_page = Some(n);
            continue;
        }
        blanks = 0;
        if let Some(prev) = paras.last_mut() {
            move_leading_punctuation(prev, &mut l, markdown, repairs);
        }
        let is_first = paras.len() == 1;
        let Some(prev) = paras.last_mut() else {
            last_raw_len = l.raw_len;
            last_ends_spaced = l.ends_spaced;
            last_fenced = l.fenced;
            lines_in_para = 1;
            paras.push(new_para(&l, had_blank));
            continue;
        };
        // A lone punctuation line belongs to the word before it.
        // (Unless that would change what the paragraph starts with: "1" + "." is a label,
        // "-" + ":" is no longer a list marker.)
        let keeps_kind = || {
            let joined = format!("{}{}", prev.text, l.text);
            line_label(&prev.text) == line_label(&joined)
                && (!markdown || MD_BLOCK.is_match(&prev.text) == MD_BLOCK.is_match(&joined))
        };
        if !l.fenced && !last_fenced && l.text.chars().all(|c| ".,;:!?)»".contains(c)) && keeps_kind() {
            repairs.push(Repair {
                kind: RepairKind::DanglingPunctuation,
                line: l.src,
                before: format!("…{}⏎{}", tail(&prev.text), l.text),
                after: format!("…{}{}", tail(&prev.text), l.text),
            });
            prev.text.push_str(&l.text);
            continue;
        }
        let join = !l.fenced
            && !last_fenced
            && if had_blank {
                joins_across_blank(&prev.text, &l.text, markdown)
            } else if markdown && prev.hard_break {
                // A Markdown hard break is a line boundary the author meant (letterheads, stamps).
                false
            } else {
                joins_across_blank(&prev.text, &l.text, markdown)
                    || joins_adjacent(prev, is_first, &l, markdown, style, last_raw_len, width, lines_in_para)
            };
        if join {
            let before = join_context(&prev.text, &l.text, had_blank);
            let offset = append(prev, &l, last_ends_spaced, repairs);
            prev.pieces.push((offset, l.src));
            prev.hard_break = l.hard_break;
            repairs.push(Repair {
                kind: if had_blank { RepairKind::PageBreak } else { RepairKind::Unwrap },
                line: if had_blank { first_blank_line } else { l.src },
                before,
                after: around(&prev.text, offset),
            });
            last_raw_len = l.raw_len;
            last_ends_spaced = l.ends_spaced;
            lines_in_para += 1;
        } else {
            last_raw_len = l.raw_len;
            last_ends_spaced = l.ends_spaced;
            last_fenced = l.fenced;
            lines_in_para = 1;
            paras.push(new_para(&l, had_blank));
        }
    }
    paras
}

/// A page number: a line of one to four digits alone, inside a
/// sentence (the paragraph before is unfinished and the text after goes on in lower case),
/// or the next number after such a page number. A bare number elsewhere (a registration
/// number under a stamp) is text.
fn page_number(l: &CleanLine, prev: Option<&Para>, rest: &[CleanLine], last: Option<u32>) -> Option<u32> {
    // (Whether blank lines stand around it does not decide: the repaired text puts them
    // around every paragraph, and a second pass must decide the same.)
    let t = l.text.trim();
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) || l.fenced {
        return None;
    }
    let n: u32 = t.parse().ok()?;
    let next = rest.iter().find(|x| !x.blank)?;
    let prev = prev?;
    // (A sentence: a short line before it — a name, another number — is no sentence cut
    // by a page, as for the page-break join.)
    let mid_sentence = !terminated(&prev.text)
        && cut_sentence(&prev.text)
        && starts_lower(&next.text)
        && !starts_with_label(&next.text);
    (mid_sentence || last.is_some_and(|p| n == p + 1)).then_some(n)
}

/// "; 2) …" after "…тіркелуін": the punctuation ends the line before; the label starts
/// its own line.
fn move_leading_punctuation(prev: &mut Para, l: &mut CleanLine, markdown: bool, repairs: &mut Vec<Repair>) {
    let t = l.text.as_ref();
    let Some(p) = t.chars().next().filter(|c| ";.,:".contains(*c)) else { return };
    let rest = t[1..].trim_start();
    // (Numbered labels only: "; 7)". A bullet's dash may be a dash of the sentence, and
    // whether "- " starts a label can change once the next line is joined.)
    use super::label::{scan, LabelKind as K};
    let numbered = scan(rest).is_some_and(|lab| matches!(lab.kind, K::Clause | K::Subclause | K::Letter | K::Dotted));
    if rest.len() == t.len() - 1 || !numbered || terminated(&prev.text) || l.fenced {
        return;
    }
    // (Not when the mark would change what the paragraph before starts with: "1.1" reads
    // as a label, "1.1;" does not.)
    let joined = format!("{}{p}", prev.text);
    if line_label(&prev.text) != line_label(&joined) || (markdown && MD_BLOCK.is_match(&prev.text)) {
        return;
    }
    repairs.push(Repair {
        kind: RepairKind::DanglingPunctuation,
        line: l.src,
        before: format!("…{}⏎{}", tail(&prev.text), head(t)),
        after: format!("…{}{p}⏎{}", tail(&prev.text), head(rest)),
    });
    prev.text.push(p);
    let rest = rest.to_string();
    l.indent = 0;
    l.text = Cow::Owned(rest);
}

/// "Нысан", "нысан", "НЫСАН 2": the marker under a form's stamp, a line of its own.
fn is_form_mark(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    let word = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    word.len() == "нысан".len() && word.to_lowercase() == "нысан"
}

#[allow(clippy::too_many_arguments)]
fn joins_adjacent(
    prev: &Para,
    is_first: bool,
    l: &CleanLine,
    markdown: bool,
    style: Style,
    last_raw_len: usize,
    width: usize,
    lines_in_para: usize,
) -> bool {
    if starts_with_label(&l.text)
        || prev.hard_break
        || is_rule(&l.text)
        || is_rule(&prev.text)
        || is_form_mark(&l.text)
        || is_form_mark(&prev.text)
    {
        return false;
    }
    if markdown {
        // CommonMark lazy continuation: a line that starts no block continues the paragraph.
        return !MD_BLOCK.is_match(&l.text)
            && !prev.text.starts_with('#')
            && !prev.text.starts_with('<')
            && !prev.text.starts_with('|');
    }
    // An act's title (the first paragraph) ends in "туралы"; what follows in capitals
    // is the requisites line.
    // (Or with a quote or a date: «…» Заңына сәйкес, 2024 жылғы …; a title goes on only
    // in lower case.)
    // (A title in quotes as a whole ends in "туралы»"; one that only quotes an act's
    // title inside it goes on after the quote.)
    let quoted = prev.text.starts_with(['"', '«', '“']);
    let t = if quoted { prev.text.trim_end_matches(['"', '»', '”']) } else { prev.text.as_str() };
    // ("… грамотасымен наградтау туралы" ⏎ "Ережені бекіту туралы": a line that itself ends
    // the title goes on; requisites and preambles do not end in "туралы".)
    let ends_title = l.text.ends_with(" туралы") && !l.text.contains(|c: char| c.is_ascii_digit());
    if is_first && t.ends_with(" туралы") && !starts_lower(&l.text) {
        return ends_title;
    }
    let long = last_raw_len * 10 >= width * 6;
    match style {
        Style::BlankSeparated => true,
        Style::Indented => {
            l.indent < 2 && (long || starts_lower(&l.text) || (lines_in_para >= 2 && !terminated(&prev.text)))
        }
        Style::Flat => starts_lower(&l.text) || (long && !terminated(&prev.text)),
    }
}

fn new_para(l: &CleanLine, blank_before: bool) -> Para {
    Para {
        text: l.text.to_string(),
        line: l.src,
        indent: l.indent,
        blank_before,
        hard_break: l.hard_break,
        pieces: vec![(0, l.src)],
    }
}

/// Append a line to a paragraph: a space, or nothing after a line-end hyphen that splits
/// one word. Returns the byte offset where the line's text begins.
fn append(p: &mut Para, l: &CleanLine, prev_ends_spaced: bool, repairs: &mut Vec<Repair>) -> usize {
    static HYPHEN_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}+|\d+)-$").unwrap());
    // Only the paragraph's last word matters (the paragraph grows with every line).
    let last_word_at = p.text.rfind(' ').map_or(0, |i| i + 1);
    if let Some(m) = p.text.ends_with('-').then(|| HYPHEN_END.captures(&p.text[last_word_at..])).flatten() {
        let left = m.get(1).unwrap().as_str().to_string();
        let right: String = l.text.chars().take_while(|c| c.is_alphabetic()).collect();
        if starts_lower(&l.text) && !right.is_empty() {
            let joined = format!("{left}{right}");
            let hyphenated = format!("{left}-{right}");
            let lex = lexicon();
            // "13-⏎тармағына": a number's suffix keeps its hyphen. A word is joined when the
            // lexicon knows the whole, or when neither half is a word on its own ("асы-⏎рылады");
            // a compound whose halves are both words keeps it ("күтіп-⏎ұстау").
            let number = left.starts_with(|c: char| c.is_ascii_digit());
            let drop_hyphen = !number
                && !lex.contains(&hyphenated)
                && (lex.contains(&joined) || !lex.contains(&left) && !lex.contains(&right));
            let before = format!("{left}-⏎{right}");
            p.text.pop();
            if !drop_hyphen {
                p.text.push('-');
            }
            let offset = p.text.len();
            p.text.push_str(&l.text);
            repairs.push(Repair {
                kind: RepairKind::Hyphenation,
                line: l.src,
                before,
                after: if drop_hyphen { joined } else { hyphenated },
            });
            return offset;
        }
    }
    // A letter-spaced word cut by the line break: join the halves when only the whole is a word.
    if prev_ends_spaced && l.starts_spaced {
        let left: String =
            p.text.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
        let right: String = l.text.chars().take_while(|c| c.is_alphabetic()).collect();
        let lex = lexicon();
        let halves_are_words = lex.contains(&left) && lex.contains(&right);
        if !left.is_empty() && !right.is_empty() && !halves_are_words && lex.contains(&format!("{left}{right}")) {
            let offset = p.text.len();
            p.text.push_str(&l.text);
            return offset;
        }
    }
    p.text.push(' ');
    let offset = p.text.len();
    p.text.push_str(&l.text);
    offset
}

/// The last 24 characters (found from the end: paragraphs grow long).
fn tail(s: &str) -> &str {
    let start = s.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    &s[start..]
}

fn head(s: &str) -> &str {
    prefix(s, 24)
}

/// "…<end of the paragraph>⏎[⏎]<start of the line>…": what a join saw. Built by
/// pushing slices (it runs for every joined line).
fn join_context(a: &str, b: &str, blank: bool) -> String {
    let mut out = String::with_capacity(128);
    out.push('…');
    out.push_str(tail(a));
    out.push('⏎');
    if blank {
        out.push('⏎');
    }
    out.push_str(head(b));
    out.push('…');
    out
}

/// "…<text around a byte offset>…": what a join made.
fn around(s: &str, offset: usize) -> String {
    let mut out = String::with_capacity(128);
    out.push('…');
    out.push_str(tail(&s[..offset]));
    out.push_str(head(&s[offset..]));
    out.push('…');
    out
}

/// `*text*` or `**text**` around a whole paragraph of plain text: a converter's emphasis.
fn strip_emphasis(paras: &mut [Para], doc: Doc, repairs: &mut Vec<Repair>) {
    for p in paras {
        let t = p.text.as_str();
        for m in ["**", "*"] {
            // Emphasis, as in Markdown: text right inside the markers, no space there.
            let marked = t.len() > 2 * m.len() && t.starts_with(m) && t.ends_with(m);
            let inside = if marked { &t[m.len()..t.len() - m.len()] } else { "" };
            // (Not when the text inside would read as a label: "*- 1*" is no bullet.)
            if inside.chars().any(char::is_alphanumeric)
                && inside.trim() == inside
                && !inside.contains('*')
                && line_label(inside) == line_label(t)
            {
                let mut inner = inside.to_string();
                repairs.push(Repair { kind: RepairKind::Emphasis, line: p.line, before: clip(t), after: clip(&inner) });
                // The markers hid a spaced word ("*о л*"): repair it now, as a second pass would.
                if prescan(&inner).maybe_spaced {
                    let (unspaced, _, _) = unspace_line(&inner, doc);
                    if unspaced != inner {
                        let (before, after) = (inner.clone(), unspaced.clone());
                        repairs.push(Repair { kind: RepairKind::LetterSpacing, line: p.line, before, after });
                        inner = unspaced;
                    }
                }
                // Offsets of joined pieces move left by the opening marker.
                for piece in p.pieces.iter_mut().skip(1) {
                    piece.0 = piece.0.saturating_sub(m.len());
                }
                p.text = inner;
                clamp_pieces(&mut p.pieces, &p.text);
                break;
            }
        }
    }
}

/// Flag (never fix) words that PDF extraction put out of place: punctuation glued
/// between words (`бекітілсін:ереже`), a number sign glued to a word (`ҚАУЛЫ№ 590`), a
/// comma after a space (`Заңының , "164-бабына`).
fn flag_displaced(paras: &[Para], repairs: &mut Vec<Repair>) {
    static DISPLACED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{L}[:;]\p{L}|\p{L}№|\p{L} ,\s|\p{Ll}\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{4,}\s*№|\p{L} \.\p{L}").unwrap()
    });
    for p in paras {
        // Cheap byte test first: ":" or ";" with no space after, " ," or " .", or "№"
        // (E2 84 96) with no space before; the regex decides.
        // (`str::contains('№')` would scan for its last byte, which half of Cyrillic shares;
        // memmem looks for the rare first byte.)
        let b = p.text.as_bytes();
        // Folds without early exit over byte pairs: they vectorize, `windows().any()` does not.
        let suspect = b.iter().zip(&b[1.min(b.len())..]).fold(false, |acc, (&x, &y)| {
            let glued = (x == b':') | (x == b';');
            let letter = y.is_ascii_alphabetic() | (y >= 0xC0);
            acc | (glued & letter) | ((x == b' ') & ((y == b',') | (y == b'.')))
        }) || memchr::memmem::find_iter(b, "№".as_bytes()).any(|i| i > 0 && b[i - 1] != b' ');
        if !suspect {
            continue;
        }
        for m in DISPLACED.find_iter(&p.text) {
            let start = p.text[..m.start()].rfind(' ').map(|i| i + 1).unwrap_or(0);
            let end = p.text[m.end()..].find(' ').map(|i| m.end() + i).unwrap_or(p.text.len());
            let ctx = p.text[start..end].to_string();
            repairs.push(Repair {
                kind: RepairKind::Displaced,
                line: p.line_at(m.start()),
                before: ctx.clone(),
                after: ctx,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s, false).text()
    }

    /// The hand-written label scanner agrees with the regex it replaced.
    #[test]
    fn label_scanner_matches_the_regex_oracle() {
        // The definitions of `label.rs`, as regexes.
        let heading = r"\d+(-|\s)(?i:тарау|бөлім)([^\p{L}]|$)|\d+(-\d+)*-(?i:бап)([^\p{L}]|$)|([IVX]|[IVXLC]{2,})\.\s|(?i:тарау) (\d+|[IVXLC]+)(\.|\s|$)";
        let label = Regex::new(&format!(r"^({heading}|\d+(-\d+)*[.)](\s|$)|\d+(-\d+)*\)|\d+(\.\d+)+\.?(\s|$)|[-–—•·*+]\s|\p{{Ll}}\)\s|Ескерту([^\p{{L}}]|$))")).unwrap();
        let chapter = Regex::new(&format!("^({heading})")).unwrap();
        let mut cases = vec![
            "1. Жалпы",
            "12.",
            "2-8) тармақ",
            "7-2-бап. Уәкіл",
            "1-тарау. Жалпы",
            "1 тарау. Жалпы",
            "3-бөлім",
            "5.1. Диагностикалық",
            "5.1 бағыт",
            "5.1.",
            "05.05.2026 ж.",
            "2026 жылғы",
            "- құқық",
            "– тире",
            "• нүкте",
            "-құқық",
            "IV. Бөлім",
            "XXXII сессиясы",
            "а) тармақша",
            "ә) тармақша",
            "б)",
            "Ескерту. 25-тармақ",
            "Ескертулер",
            "1) ішкі",
            "1)ішкі",
            "10)-12) тармақшалары",
            "3-7-тармақтары",
            "N 1638",
            "№ 2",
            "",
            "1.2.3. x",
            "1-1) x",
            "1.",
            "1.x",
            "*x*",
            "* x",
            "+ x",
            "12-тарауда",
            "2 тарау",
            "ТАРАУ 3. Өкілеттігі",
            "1-ТАРАУ",
            "7-бабы",
            "C. Иванов",
            "V. Петров",
        ];
        let generated: Vec<String> = (0..400)
            .map(|i| {
                let parts = [
                    "1",
                    "2",
                    "-",
                    ".",
                    ")",
                    " ",
                    "тарау",
                    "бап",
                    "бөлім",
                    "а",
                    "IV",
                    "x",
                    "5",
                    "Ескерту",
                    "—",
                    "ТАРАУ",
                ];
                (0..4).map(|k| parts[(i * 7 + k * 13 + i / 3) % parts.len()]).collect::<String>()
            })
            .collect();
        cases.extend(generated.iter().map(String::as_str));
        // (A date "05.05.2026 ж." is no sub-numbered item: the oracle predates that rule.)
        let date = Regex::new(r"^\d{1,2}\.(0?[1-9]|1[0-2])\.\d{4}(\D|$)").unwrap();
        for c in cases {
            let want = if chapter.is_match(c) {
                LineLabel::Chapter
            } else if label.is_match(c) && !date.is_match(c) {
                LineLabel::Unit
            } else {
                LineLabel::None
            };
            let got = line_label(c);
            assert_eq!(got != LineLabel::None, want != LineLabel::None, "{c:?}");
            if want == LineLabel::Chapter {
                assert_eq!(got, LineLabel::Chapter, "{c:?}");
            }
        }
    }

    #[test]
    fn letter_spacing_with_double_spaces() {
        assert_eq!(unspace_line("к е ң е с т е р  т у р а л ы", Doc("")).0, "кеңестер туралы");
        assert_eq!(unspace_line("ж ү р г і з у ;", Doc("")).0, "жүргізу;");
        assert_eq!(unspace_line("д а й ы н д а й д ы .", Doc("")).0, "дайындайды.");
        assert_eq!(
            unspace_line("т ұ р м ы с т ы қ  о р н а л а с т ы р у ғ а ,  с о н ы м е н", Doc("")).0,
            "тұрмыстық орналастыруға, сонымен"
        );
        assert_eq!(unspace_line("і с - қ и м ы л ы н  ұ й ы м д а с т ы р у ;", Doc("")).0, "іс-қимылын ұйымдастыру;");
        // A dash at the run's end or an en dash inside it is a word of its own.
        assert_eq!(unspace_line("нотариустар ү ш і н - Республикалық", Doc("")).0, "нотариустар үшін - Республикалық");
        assert_eq!(unspace_line("n – Э Ы Д Ұ  е л д е р і н і ң саны.", Doc("")).0, "n – ЭЫДҰ елдерінің саны.");
        // The document's own words decide a run the dictionary cannot.
        let doc = Doc("Тағылымдамадан өту. Отбасының үй көмегі.");
        assert_eq!(unspace_line("және т а ғ ы л ы м д а м а д а н өту", doc).0, "және тағылымдамадан өту");
        assert_eq!(unspace_line("тұрғын ү й көмегін", doc).0, "тұрғын үй көмегін");
        assert_eq!(unspace_line("мен діни  к е ң е с т е р", Doc("")).0, "мен діни кеңестер");
    }

    #[test]
    fn letter_spacing_with_special_spaces() {
        let t = normalize(
            "1. к\u{a0}е\u{a0}ң\u{a0}е\u{a0}с\u{a0}т\u{a0}е\u{a0}р\u{a0}\u{a0}т\u{a0}у\u{a0}р\u{a0}а\u{a0}л\u{a0}ы.\n",
            false,
        )
        .text();
        assert_eq!(t, "1. кеңестер туралы.\n");
    }

    #[test]
    fn letter_spacing_without_double_spaces_uses_the_lexicon() {
        assert_eq!(unspace_line("к е ң е с т е р т у р а л ы", Doc("")).0, "кеңестер туралы");
        assert_eq!(unspace_line("б о с т а н д ы қ т а р ы н қ о р ғ а у", Doc("")).0, "бостандықтарын қорғау");
    }

    #[test]
    fn ordinary_text_is_not_unspaced() {
        for s in ["және т .б)  жөніндегі", "И.В. Лепехаға және Қ.Ә. Сұлтанбаев", "5) а б", "Т. Рысқұлов ауданының"]
        {
            assert_eq!(unspace_line(s, Doc("")).0, s);
        }
    }

    #[test]
    fn spaced_run_cut_by_line_break() {
        let t = norm("      - бас бостандығынан айыру орындарынан әлеуметтік байланыстарын\nб е й і м д е у г е  қ а т ы с т ы  о р г а н д а р д ы ң\nж ұ м ы с ы н  ұ й ы м д а с т ы р у ;\n      - келесі;\n");
        assert!(t.contains("байланыстарын бейімдеуге қатысты органдардың жұмысын ұйымдастыру;"), "{t}");
        let t = norm("      11. мекеме, ұйым\nб а с ш ы л а р ы ,  с о н ы м е н  қ а т а р  қ о ғ а м д ы қ\nбірлестік өкілдері шақырылады.\n");
        assert!(t.contains("ұйым басшылары, сонымен қатар қоғамдық бірлестік өкілдері"), "{t}");
    }

    #[test]
    fn lookalikes_only_inside_cyrillic_words() {
        assert_eq!(map_lookalikes("Kазақстан Peспубликасы"), "Қазақстан Республикасы".replace('Қ', "К"));
        assert_eq!(
            map_lookalikes("XXXII сессиясы, E-mail: bilim@yandex.kz, VIIІ"),
            "XXXII сессиясы, E-mail: bilim@yandex.kz, VIIІ"
        );
        assert_eq!(map_lookalikes("əкімдігі ɵкілі"), "әкімдігі өкілі");
        assert_eq!(map_lookalikes("бiлiм"), "білім");
    }

    #[test]
    fn page_break_inside_clause_is_joined() {
        let t = norm("1. Осы Қағидалар (бұдан әрі – Қағидалар) Қазақстан\n\nРеспубликасының Заңына сәйкес әзірленді.\n\n2. Екінші.\n");
        assert_eq!(t, "1. Осы Қағидалар (бұдан әрі – Қағидалар) Қазақстан Республикасының Заңына сәйкес әзірленді.\n\n2. Екінші.\n");
    }

    #[test]
    fn title_and_requisites_stay_apart() {
        let t = norm("Қағидаларын бекіту туралы\n\nҚазақстан Республикасы министрінің 2024 жылғы 19 маусымдағы № 149 бұйрығы\n\n1. Бекітілсін.\n");
        assert_eq!(t.matches("\n\n").count(), 2, "{t}");
        // A title whose second line ends it too ("… туралы" ⏎ "Ережені бекіту туралы").
        let t = norm("Грамотамен наградтау туралы\nЕрежені бекіту туралы\nҚазақстан Республикасының Заңына сәйкес ШЕШІМ ҚАБЫЛДАДЫ:\n");
        assert!(t.starts_with("Грамотамен наградтау туралы Ережені бекіту туралы\n\n"), "{t}");
    }

    #[test]
    fn dangling_punctuation_and_bookmarks() {
        let n = normalize(
            "      4) орталықтардың жұмыс істеуін қамтамасыз ету\n;\n[bookmark: z4]\n      5) келесі.\n",
            false,
        );
        assert_eq!(n.text(), "4) орталықтардың жұмыс істеуін қамтамасыз ету;\n\n5) келесі.\n");
        let kinds: Vec<_> = n.repairs.iter().map(|r| r.kind).collect();
        assert!(kinds.contains(&RepairKind::DanglingPunctuation) && kinds.contains(&RepairKind::Bookmark));
    }

    #[test]
    fn hyphenated_word_at_line_end() {
        let t = norm("1. Басқарма қызметін жүзеге асы-\nрады және іс-\nқимыл жасайды.\n");
        assert_eq!(t, "1. Басқарма қызметін жүзеге асырады және іс-қимыл жасайды.\n");
        // A number's suffix keeps its hyphen; a compound of two words keeps it too.
        let t = norm("1. Қағидалардың 13-\nтармағына және күтіп-\nұстау ережесіне сәйкес.\n");
        assert_eq!(t, "1. Қағидалардың 13-тармағына және күтіп-ұстау ережесіне сәйкес.\n");
    }

    #[test]
    fn form_feed_is_a_page_break_and_keeps_line_numbers() {
        let n = normalize("1. Бірінші.\u{0C}2. Екінші.\n3. Үшінші.\n", false);
        assert_eq!(n.text(), "1. Бірінші.\n\n2. Екінші.\n\n3. Үшінші.\n");
        let lines: Vec<usize> = n.paras.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 1, 2]);
    }

    #[test]
    fn footer_and_nbsp() {
        let n = normalize(
            "\u{a0}\u{a0}1.\u{a0}Бекітілсін.\n© 2012. Қазақстан Республикасы Әділет министрлігінің институты ШЖҚ РМК\n",
            false,
        );
        assert_eq!(n.text(), "1. Бекітілсін.\n");
        assert!(n.repairs.iter().any(|r| r.kind == RepairKind::Footer));
    }

    #[test]
    fn displaced_words_are_flagged_not_changed() {
        let n = normalize("      1. Қоса беріліп отырған ереже туралы  бекітілсін:ереже\n", false);
        assert!(n.text().contains("бекітілсін:ереже"));
        assert!(n.repairs.iter().any(|r| r.kind == RepairKind::Displaced && r.before.contains("бекітілсін:ереже")));
    }
}
