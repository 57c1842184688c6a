//! The one label scanner: what kind of unit a line or paragraph starts with. The
//! normalizer asks it where a new unit begins (so it never joins across one), the parser
//! what the unit is. Hand-written, with no allocation: it runs on every line.
//!
//! Labels: `1.` and `7-1.` (тармақ); `1)` and `12-3)` (тармақша); `а)` (a lettered item);
//! `1.1.` (a sub-numbered item); Roman `IV.`; `N-тарау`, `N тарау`, `ТАРАУ N` (тарау);
//! `N-бөлім` (бөлім); `N-параграф`; `N-бап`, `7-2-бап` (бап); bullets `-`, `–`, `•`;
//! `Ескерту.` (a note).

/// What kind of label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// `1-бөлім`
    Section,
    /// `1-тарау`, `1 тарау`, `ТАРАУ 1`
    Chapter,
    /// `7-2-бап`
    Article,
    /// `1-параграф`: a group of articles or clauses inside a chapter.
    Subsection,
    /// `12.`, `7-1.`
    Clause,
    /// `3)`, `12-3)`
    Subclause,
    /// `а)`
    Letter,
    /// `5.1.`, `5.1`
    Dotted,
    /// `IV.`
    Roman,
    /// `-`, `–`, `•`
    Bullet,
    /// `Ескерту.`: an editorial (amendment) note.
    Note,
}

impl LabelKind {
    /// A heading-level unit (chapter, section, article, Roman-numbered part).
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            LabelKind::Section | LabelKind::Chapter | LabelKind::Subsection | LabelKind::Article | LabelKind::Roman
        )
    }
}

/// A label: its kind, its number as written ("7-2", "IV", "а"; empty for bullets and
/// notes) and the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    pub kind: LabelKind,
    pub num: &'a str,
    pub rest: &'a str,
}

/// The label `text` starts with (leading spaces ignored), if any.
pub fn scan(text: &str) -> Option<Label<'_>> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    if first.is_ascii_digit() {
        return numbered(t);
    }
    if "-–—•·*+".contains(first) {
        let inner = t[first.len_utf8()..].trim_start();
        if !t[first.len_utf8()..].starts_with(char::is_whitespace) {
            return None;
        }
        // A bullet that holds a numbered unit ("- 1) …", "- 5.1. …") is that unit.
        return match scan(inner) {
            Some(l) if matches!(l.kind, LabelKind::Subclause | LabelKind::Dotted | LabelKind::Clause) => Some(l),
            _ => Some(Label { kind: LabelKind::Bullet, num: "", rest: inner.trim_end() }),
        };
    }
    // (Cheap tests on the first bytes before any Unicode class lookup: this runs on
    // every line.)
    if b"IVXLC".contains(&t.as_bytes()[0]) {
        if let Some(l) = roman(t) {
            return Some(l);
        }
    }
    if t.starts_with(['т', 'Т']) {
        if let Some(l) = chapter_word_first(t) {
            return Some(l);
        }
    }
    if let Some(after) = t[first.len_utf8()..].strip_prefix(')') {
        if first.is_lowercase() && after.starts_with(char::is_whitespace) {
            return Some(label(LabelKind::Letter, &t[..first.len_utf8()], after));
        }
        return None;
    }
    // The editorial notes of the national registry ("РҚАО-ның ескертпесі!") are notes too.
    if t.starts_with("РҚАО") {
        return Some(Label { kind: LabelKind::Note, num: "", rest: t.trim_end() });
    }
    if let Some(after) = t.strip_prefix("Ескерту") {
        if !after.starts_with(char::is_alphabetic) {
            return Some(Label { kind: LabelKind::Note, num: "", rest: t.trim_end() });
        }
    }
    None
}

fn label<'a>(kind: LabelKind, num: &'a str, rest: &'a str) -> Label<'a> {
    Label { kind, num, rest: rest.trim() }
}

fn digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Labels that start with a digit.
fn numbered(t: &str) -> Option<Label<'_>> {
    let b = t.as_bytes();
    let gap_at = |j: usize| j >= b.len() || t[j..].starts_with(char::is_whitespace);
    let simple_end = digits(b, 0);
    let mut i = simple_end;
    while i + 1 < b.len() && b[i] == b'-' && b[i + 1].is_ascii_digit() {
        i = digits(b, i + 1);
    }
    let num = &t[..i];
    match b.get(i) {
        Some(b')') => return Some(label(LabelKind::Subclause, num, &t[i + 1..])),
        Some(b'.') if gap_at(i + 1) => return Some(label(LabelKind::Clause, num, &t[i + 1..])),
        // "2 . Комиссияның міндеттері": the dot typed after a space.
        Some(b' ') if b.get(i + 1) == Some(&b'.') && b.get(i + 2) == Some(&b' ') => {
            return Some(label(LabelKind::Clause, num, &t[i + 2..]));
        }
        _ => {}
    }
    // 5.1. / 5.1: dotted numbers start with a plain number.
    if b.get(simple_end) == Some(&b'.') && b.get(simple_end + 1).is_some_and(u8::is_ascii_digit) {
        let mut j = simple_end;
        while j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            j = digits(b, j + 1);
        }
        let end = if b.get(j) == Some(&b'.') { j + 1 } else { j };
        // "12.02.2010 жылғы": a date, not a sub-numbered item.
        let groups: Vec<&str> = t[..j].split('.').collect();
        let month = groups.get(1).is_some_and(|m| m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)));
        // ("16.10. 2009 жылғы": the year after a space.)
        let year_follows = || {
            let r = t[end..].trim_start().as_bytes();
            r.len() >= 4 && r[..4].iter().all(u8::is_ascii_digit) && r.get(4).is_none_or(|c| !c.is_ascii_digit())
        };
        if month && (groups.len() == 3 && groups[2].len() == 4 || groups.len() == 2 && year_follows()) {
            return None;
        }
        return gap_at(end).then(|| label(LabelKind::Dotted, &t[..j], &t[end..]));
    }
    // N-тарау, N тарау, N-бөлім, N-бап (the word whole, in any letter case).
    let sep = *b.get(i)?;
    if sep != b'-' && sep != b' ' {
        return None;
    }
    let simple = i == simple_end;
    let mut after = &t[i + 1..];
    // "1 – тарау", "2 - бөлім", "2- тарау": the hyphen typed as a spaced dash.
    let dash = if sep == b' ' {
        ["– ", "- ", "— "].iter().find_map(|d| after.strip_prefix(d))
    } else {
        after.strip_prefix(' ')
    };
    if let Some(rest) =
        dash.filter(|r| ["тарау", "Тарау", "ТАРАУ", "бөлім", "Бөлім", "БӨЛІМ"].iter().any(|w| r.starts_with(w)))
    {
        i += after.len() - rest.len();
        after = rest;
    }
    // The word whole, in any letter case; compared by prefix, so that an ordinary line
    // ("2026 жылғы …") costs a byte or two.
    let (kind, len) = match () {
        _ if simple && word_is(after, "тарау").is_some() => (LabelKind::Chapter, word_is(after, "тарау")),
        _ if simple && word_is(after, "бөлім").is_some() => (LabelKind::Section, word_is(after, "бөлім")),
        _ if sep == b'-' && word_is(after, "бап").is_some() => (LabelKind::Article, word_is(after, "бап")),
        _ if simple && word_is(after, "параграф").is_some() => {
            (LabelKind::Subsection, word_is(after, "параграф"))
        }
        _ => return None,
    };
    let mut end = i + 1 + len.unwrap_or(0);
    if t[end..].starts_with('.') {
        end += 1;
    }
    Some(label(kind, num, &t[end..]))
}

/// Does `t` start with the word `lower` (in any letter case) standing whole? Its length
/// in bytes. The first byte decides most lines before any case folding.
fn word_is(t: &str, lower: &str) -> Option<usize> {
    let first = lower.chars().next()?;
    let c = t.chars().next()?;
    if c != first && c.to_lowercase().next() != Some(first) {
        return None;
    }
    let mut len = 0;
    let mut chars = t.chars();
    for want in lower.chars() {
        let got = chars.next()?;
        if got != want && got.to_lowercase().next() != Some(want) {
            return None;
        }
        len += got.len_utf8();
    }
    (!t[len..].starts_with(char::is_alphabetic)).then_some(len)
}

/// `IV. …`: Roman numerals (ASCII), a dot, a space. A single letter other than I, V, X
/// is an initial ("C. Иванов"), not a number.
fn roman(t: &str) -> Option<Label<'_>> {
    let n = t.bytes().take_while(|x| b"IVXLC".contains(x)).count();
    if n == 0 || (n == 1 && !b"IVX".contains(&t.as_bytes()[0])) {
        return None;
    }
    let after = &t[n..];
    (after.starts_with('.') && after[1..].starts_with(char::is_whitespace))
        .then(|| label(LabelKind::Roman, &t[..n], &after[1..]))
}

/// `ТАРАУ 1` / `Тарау 1.`: the word before its number.
fn chapter_word_first(t: &str) -> Option<Label<'_>> {
    let word_len = word_is(t, "тарау")?;
    if !t[word_len..].starts_with(' ') {
        return None;
    }
    let rest = &t[word_len + 1..];
    let b = rest.as_bytes();
    let n = digits(b, 0);
    let n = if n == 0 { rest.bytes().take_while(|x| b"IVXLC".contains(x)).count() } else { n };
    if n == 0 || !(n == rest.len() || rest[n..].starts_with(['.', ' '])) {
        return None;
    }
    let after = rest[n..].strip_prefix('.').unwrap_or(&rest[n..]);
    Some(label(LabelKind::Chapter, &rest[..n], after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_num(s: &str) -> Option<(LabelKind, &str, &str)> {
        scan(s).map(|l| (l.kind, l.num, l.rest))
    }

    #[test]
    fn every_label_kind() {
        use LabelKind::*;
        assert_eq!(kind_num("1. Бекітілсін."), Some((Clause, "1", "Бекітілсін.")));
        assert_eq!(kind_num("7-1. Енгізілсін"), Some((Clause, "7-1", "Енгізілсін")));
        assert_eq!(kind_num("1) тіркеуді;"), Some((Subclause, "1", "тіркеуді;")));
        assert_eq!(kind_num("12-3) алып тасталды"), Some((Subclause, "12-3", "алып тасталды")));
        assert_eq!(kind_num("а) бірінші"), Some((Letter, "а", "бірінші")));
        assert_eq!(kind_num("1.1. Жалпы"), Some((Dotted, "1.1", "Жалпы")));
        assert_eq!(kind_num("IV. Қорытынды"), Some((Roman, "IV", "Қорытынды")));
        assert_eq!(kind_num("1-тарау. Жалпы ережелер"), Some((Chapter, "1", "Жалпы ережелер")));
        assert_eq!(kind_num("2 тарау Құрылымы"), Some((Chapter, "2", "Құрылымы")));
        assert_eq!(kind_num("2 – тарау. Құрылымы"), Some((Chapter, "2", "Құрылымы")));
        assert_eq!(kind_num("2- тарау. Құрылымы"), Some((Chapter, "2", "Құрылымы")));
        assert_eq!(kind_num("2- бап"), None);
        assert_eq!(kind_num("12.02.2010 жылғы № 4С-20-12 шешімімен"), None);
        assert_eq!(kind_num("16.10. 2009 жылғы"), None);
        assert_eq!(kind_num("5.1. Комиссия 2009 жылы құрылды"), Some((Dotted, "5.1", "Комиссия 2009 жылы құрылды")));
        assert_eq!(kind_num("2 . Комиссияның міндеттері"), Some((Clause, "2", "Комиссияның міндеттері")));
        assert_eq!(kind_num("ТАРАУ 3. Өкілеттігі"), Some((Chapter, "3", "Өкілеттігі")));
        assert_eq!(kind_num("1-БӨЛІМ ЖАЛПЫ"), Some((Section, "1", "ЖАЛПЫ")));
        assert_eq!(kind_num("7-2-бап. Мәслихаттың"), Some((Article, "7-2", "Мәслихаттың")));
        assert_eq!(kind_num("1-параграф. Айдауды ұйымдастыру"), Some((Subsection, "1", "Айдауды ұйымдастыру")));
        assert_eq!(kind_num("- тармақ"), Some((Bullet, "", "тармақ")));
        assert_eq!(kind_num("• тармақ"), Some((Bullet, "", "тармақ")));
        assert_eq!(kind_num("- 1) тармақша"), Some((Subclause, "1", "тармақша")));
        assert_eq!(kind_num("Ескерту. 3-тармақ өзгертілді"), Some((Note, "", "Ескерту. 3-тармақ өзгертілді")));
    }

    #[test]
    fn what_is_not_a_label() {
        for s in [
            "2026 жылғы 5 қаңтар",
            "7-бабына сәйкес",
            "1 тараудың",
            "C. Иванов",
            "Ескертпеде",
            "-тармақ",
            "ТАРАУЛАР",
            "12%",
            "",
        ] {
            assert_eq!(scan(s), None, "{s:?}");
        }
    }
}
