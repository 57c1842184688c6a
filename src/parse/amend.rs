//! Amendment notes and repealed units of laws: the acts they name.
//!
//! A note names its amending acts by date and number, grouped before the kind word that
//! covers them: "ҚР 2001.04.25 N 179, 2001.12.24 N 276 (…) Заңдарымен" is two laws. A
//! repealed unit says so where its text would be: "алып тасталды - ҚР 03.07.2013 № 124-V
//! Заңымен", or its article holds only a note "16-бап алып тасталды - …".

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::date::find;
use crate::model::{ActRef, Note, Unit, UnitKind};

/// After a date: "ж." or "жылғы", then "№" or "N", then the number ("124-V", "262-VІ").
static NUMBER_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\.?\s*(?:ж\.|жылғы)?\s*(?:№|N)\s*([0-9][0-9\p{L}./-]*[0-9\p{L}]|[0-9])").unwrap());

/// A word of the act-kind table ([`ACT_KINDS`]).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}+").unwrap());

/// (every inflected form, lowercase → kind), from `data/act-kinds.txt`.
static ACT_KINDS: LazyLock<rustc_hash::FxHashMap<String, &'static str>> = LazyLock::new(|| {
    use crate::lang::{inflect, Form};
    let mut m = rustc_hash::FxHashMap::default();
    for line in include_str!("../../data/act-kinds.txt").lines() {
        let Some((noun, kind)) = line.split_once(' ').filter(|_| !line.starts_with('#')) else { continue };
        for f in Form::all() {
            m.insert(inflect(noun, f).to_lowercase(), kind);
        }
    }
    m
});

/// The dictionary word of a kind ("law" → "заң"), from `data/act-kinds.txt`.
pub fn kind_noun(kind: &str) -> Option<&'static str> {
    include_str!("../../data/act-kinds.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.split_once(' ').filter(|(_, k)| *k == kind).map(|(n, _)| n))
}

/// The kind of act a word names in any form ("Заңдарымен" → law), if it names one.
pub fn act_kind(word: &str) -> Option<&'static str> {
    ACT_KINDS.get(&word.to_lowercase()).copied()
}

/// Every act a text names by date and number, in order, each with the kind word that
/// follows its group.
pub fn acts_in(text: &str) -> Vec<ActRef> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(f) = find(&text[at..]) {
        let end = at + f.range.end;
        if let Some(c) = NUMBER_AFTER.captures(&text[end..]) {
            let number = c[1].to_string();
            let after = end + c.get(0).unwrap().end();
            out.push(ActRef { date: Some(f.date.iso()), number: Some(number), kind: kind_after(&text[after..]) });
            at = after;
        } else {
            at = end;
        }
    }
    out
}

/// The first act-kind word after a reference, outside brackets ("(… қолданысқа
/// енгізіледі)" is the entry into force, not the act).
fn kind_after(text: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut from = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '(' => {
                if depth == 0 {
                    if let Some(k) = kind_in(&text[from..i]) {
                        return Some(k);
                    }
                }
                depth += 1;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                from = i + 1;
            }
            _ => {}
        }
    }
    if depth == 0 {
        kind_in(&text[from..])
    } else {
        None
    }
}

fn kind_in(text: &str) -> Option<String> {
    WORD.find_iter(text).find_map(|w| act_kind(w.as_str())).map(str::to_string)
}

/// A note with its acts.
pub fn note(text: String) -> Note {
    Note { acts: acts_in(&text), text }
}

/// Whether a unit's own text says it was repealed: it is "алып тасталды" or "күші
/// жойылды" (after the label), alone or followed by the act ("- ҚР … Заңымен"). "Күші
/// жойылды деп тануға жататын актілер …" is a sentence about repeal, not a repealed unit.
fn says_repealed(text: &str) -> bool {
    // (Only the head matters: lower-casing a whole article's text cost 7% of an import.)
    let head: String = text.trim_start_matches(['-', '–', '—', ' ']).chars().take(20).collect();
    let t = head.to_lowercase();
    let rest = t.strip_prefix("алып тасталды").or_else(|| t.strip_prefix("күші жойылды"));
    rest.is_some_and(|r| r.trim_start().is_empty() || r.trim_start().starts_with(['-', '–', '—', '.', ';', ',', '(']))
}

/// Mark repealed units, in the whole tree: a unit whose text says so, and an article
/// whose body is only a note "N-бап алып тасталды …" of its own number.
pub fn mark_repealed(units: &mut [Unit]) {
    for u in units {
        if u.text.as_deref().is_some_and(says_repealed) {
            u.repealed = Some(acts_in(u.text.as_deref().unwrap_or("")).into_iter().next().unwrap_or_default());
        } else if u.kind == UnitKind::Article && u.units.is_empty() && u.text.is_none() {
            let own = u.num.as_deref().map(|n| format!("{n}-бап "));
            let note = u.notes.iter().find(|n| own.as_ref().is_some_and(|o| repeals(&n.text, o)));
            if let Some(n) = note {
                u.repealed = Some(n.acts.first().cloned().unwrap_or_default());
            }
        }
        mark_repealed(&mut u.units);
    }
}

/// "Ескерту. 16-бап алып тасталды - …" for `own` = "16-бап ".
fn repeals(note: &str, own: &str) -> bool {
    let Some(i) = note.find(own) else { return false };
    let head = note[..i].trim().trim_end_matches(['.', ':']);
    head.ends_with("Ескерту") && says_repealed(&note[i + own.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(date: &str, number: &str, kind: Option<&str>) -> ActRef {
        ActRef { date: Some(date.into()), number: Some(number.into()), kind: kind.map(str::to_string) }
    }

    #[test]
    fn acts_of_a_note() {
        let t = "Ескерту. 27-бапқа өзгерістер енгізілді - ҚР 2001.04.25 N 179, 2001.12.24 N 276, \
                 2004.05.11 N 552 (қолданысқа енгізілу тәртібін 2-баптан қараңыз), 2004.12.21 N 15 \
                 (2005.01.01 бастап қолданысқа енгізіледі) Заңдарымен.";
        let law = Some("law");
        assert_eq!(
            acts_in(t),
            vec![
                r("2001-04-25", "179", law),
                r("2001-12-24", "276", law),
                r("2004-05-11", "552", law),
                r("2004-12-21", "15", law)
            ]
        );
        let t = "Ескерту. 53-бап жаңа редакцияда - ҚР 19.04.2023 № 223-VII (алғашқы ресми жарияланған \
                 күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) Заңымен.";
        assert_eq!(acts_in(t), vec![r("2023-04-19", "223-VII", law)]);
        let t = "ҚР Президентінің 2010.03.25 № 962 Жарлығымен; 2011.01.10 N 383-IV Заңымен";
        assert_eq!(acts_in(t), vec![r("2010-03-25", "962", Some("decree")), r("2011-01-10", "383-IV", law)]);
    }

    #[test]
    fn repealed_units() {
        let mut u = vec![Unit {
            id: "art16".into(),
            kind: UnitKind::Article,
            num: Some("16".into()),
            heading: Some("Мәслихаттың тексеру комиссиясы".into()),
            text: None,
            line: 1,
            notes: vec![note("Ескерту. 16-бап алып тасталды - ҚР 2011.07.21 N 465-IV (…) Заңымен.".into())],
            repealed: None,
            units: vec![],
        }];
        mark_repealed(&mut u);
        assert_eq!(u[0].repealed, Some(r("2011-07-21", "465-IV", Some("law"))));
        assert!(says_repealed("алып тасталды - ҚР 03.07.2013 № 124-V Заңымен"));
        assert!(!says_repealed("тасталды"));
        assert!(!says_repealed("Күші жойылды деп тануға жататын нормативтік құқықтық актілер"));
        assert!(says_repealed("алып тасталды;"));
    }
}
