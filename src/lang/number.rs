//! Numbers: in words, as ordinals, and the suffixes written after digits.
//!
//! A suffix after digits follows how the number is read, by its last word: 5 is read
//! бес (5-і, 5-ке), 6 алты (6-сы, 6-ға), 13 он үш (13-ке), 40 қырық (40-қа), 100 жүз
//! (100-ге). Compound numbers (7-2, 1-1) are read by their last part.

use super::noun::{self, Case, Form};

const UNITS: [&str; 10] = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"];
const TENS: [&str; 10] = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"];
const SCALES: [(u64, &str); 4] =
    [(1_000_000_000_000, "триллион"), (1_000_000_000, "миллиард"), (1_000_000, "миллион"), (1_000, "мың")];

/// The number in words: 25 → "жиырма бес", 2026 → "екі мың жиырма алты".
/// 100 and 1000 are "жүз" and "мың" (without бір), as they are read.
pub fn cardinal(n: u64) -> String {
    if n == 0 {
        return "нөл".into();
    }
    let mut out = Vec::new();
    let mut rest = n;
    for (scale, name) in SCALES {
        if rest >= scale {
            let count = rest / scale;
            rest %= scale;
            // "мың" alone for one thousand; "бір миллион" for the larger scales.
            if count > 1 || scale > 1_000 {
                out.push(cardinal(count));
            }
            out.push(name.to_string());
        }
    }
    below_thousand(rest, &mut out);
    out.join(" ")
}

fn below_thousand(n: u64, out: &mut Vec<String>) {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    if h > 0 {
        if h > 1 {
            out.push(UNITS[h as usize].into());
        }
        out.push("жүз".into());
    }
    if t > 0 {
        out.push(TENS[t as usize].into());
    }
    if u > 0 {
        out.push(UNITS[u as usize].into());
    }
}

/// The word a number is read with last, which its suffixes follow.
pub fn last_word(n: u64) -> &'static str {
    if n == 0 {
        "нөл"
    } else if !n.is_multiple_of(10) {
        UNITS[(n % 10) as usize]
    } else if !n.is_multiple_of(100) {
        TENS[((n / 10) % 10) as usize]
    } else if !n.is_multiple_of(1000) {
        "жүз"
    } else if !n.is_multiple_of(1_000_000) {
        "мың"
    } else if !n.is_multiple_of(1_000_000_000) {
        "миллион"
    } else if !n.is_multiple_of(1_000_000_000_000) {
        "миллиард"
    } else {
        "триллион"
    }
}

/// The ordinal suffix after a word: -ыншы/-інші after a consonant, -ншы/-нші after a vowel.
fn ordinal_suffix(word: &str) -> &'static str {
    let back = noun::inflect(word, Form::case(Case::Dat)).ends_with('а');
    let vowel = word.ends_with(['а', 'ә', 'е', 'о', 'ө', 'ұ', 'ү', 'ы', 'і']);
    match (vowel, back) {
        (true, true) => "ншы",
        (true, false) => "нші",
        (false, true) => "ыншы",
        (false, false) => "інші",
    }
}

/// The ordinal in words: 2 → "екінші", 13 → "он үшінші", 40 → "қырқыншы".
pub fn ordinal(n: u64) -> String {
    let words = cardinal(n);
    let (head, last) = words.rsplit_once(' ').map_or(("", words.as_str()), |(h, l)| (h, l));
    let last_ord = match last {
        // The vowel drops before the suffix, as in the possessive (қырық → қырқы).
        "қырық" => "қырқыншы".to_string(),
        "жиырма" => "жиырмасыншы".to_string(),
        w => format!("{w}{}", ordinal_suffix(w)),
    };
    if head.is_empty() {
        last_ord
    } else {
        format!("{head} {last_ord}")
    }
}

/// The ordinal in digits: 13 → "13-інші", 2 → "2-нші" (the suffix of the spoken
/// ordinal after the hyphen). In legal text a bare hyphen before a noun also means
/// the ordinal ("13-тармақ"); this is the form that stands alone.
pub fn ordinal_digits(n: u64) -> String {
    let w = last_word(n);
    let suffix = if w == "жиырма" { "сыншы" } else { ordinal_suffix(w) };
    format!("{n}-{suffix}")
}

/// Parse a number written in words ("жиырма бес", "екінші", "он үшінші").
/// Returns the value and whether it was an ordinal.
pub fn parse_words(s: &str) -> Option<(u64, bool)> {
    let mut total = 0u64;
    let mut group = 0u64;
    let mut ordinal = false;
    let mut any = false;
    for raw in s.split_whitespace() {
        let w = raw.to_lowercase();
        if ordinal {
            return None; // an ordinal word ends the number
        }
        let (word, ord) = strip_ordinal(&w);
        ordinal = ord;
        if let Some(u) = UNITS.iter().position(|x| !x.is_empty() && *x == word) {
            group += u as u64;
        } else if let Some(t) = TENS.iter().position(|x| !x.is_empty() && *x == word) {
            group += 10 * t as u64;
        } else if word == "жүз" {
            group = group.max(1) * 100;
        } else if let Some((scale, _)) = SCALES.iter().find(|(_, name)| *name == word) {
            total += group.max(1) * scale;
            group = 0;
        } else if word == "нөл" {
        } else {
            return None;
        }
        any = true;
    }
    any.then_some((total + group, ordinal))
}

fn strip_ordinal(w: &str) -> (String, bool) {
    match w {
        "қырқыншы" => return ("қырық".into(), true),
        "жиырмасыншы" | "жиырманшы" => return ("жиырма".into(), true),
        _ => {}
    }
    for suf in ["ыншы", "інші", "ншы", "нші"] {
        if let Some(stem) = w.strip_suffix(suf) {
            if UNITS.contains(&stem)
                || TENS.contains(&stem)
                || stem == "жүз"
                || stem == "нөл"
                || SCALES.iter().any(|(_, n)| *n == stem)
            {
                return (stem.into(), true);
            }
        }
    }
    (w.into(), false)
}

/// Write digits with the suffix of `form` after a hyphen: ("13", dat) → "13-ке",
/// ("5", px3) → "5-і", ("7-2", dat) → "7-2-ге". The nominative adds nothing.
pub fn inflect_digits_into(digits: &str, form: Form, out: &mut String) {
    out.push_str(digits);
    if form == Form::case(Case::Nom) {
        return;
    }
    let last_group = digits.rsplit(['-', '.']).find(|g| !g.is_empty()).unwrap_or("0");
    let n: u64 = last_group.parse().unwrap_or(0);
    let word = last_word(n);
    out.push('-');
    out.push_str(&suffix_only(word, form));
}

/// The suffixes of `form` as they follow `word`, without changing the word itself
/// (a number written in digits cannot voice or drop a vowel: 40-ы, not 40-қы).
pub fn suffix_only(word: &str, form: Form) -> String {
    let full = noun::inflect(word, form);
    if let Some(s) = full.strip_prefix(word) {
        return s.to_string();
    }
    // The stem changed (қырық → қырқы): inflect a stand-in with the same last sound and
    // harmony but no alternation.
    let stand_in = match word {
        "қырық" => "тұрыс",
        _ => word,
    };
    let full = noun::inflect(stand_in, form);
    full.strip_prefix(stand_in).unwrap_or("").to_string()
}

/// Convenience: inflect digits to a new string.
pub fn inflect_digits(digits: &str, form: Form) -> String {
    let mut s = String::new();
    inflect_digits_into(digits, form, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(cardinal(5), "бес");
        assert_eq!(cardinal(10), "он");
        assert_eq!(cardinal(25), "жиырма бес");
        assert_eq!(cardinal(100), "жүз");
        assert_eq!(cardinal(149), "жүз қырық тоғыз");
        assert_eq!(cardinal(1000), "мың");
        assert_eq!(cardinal(2026), "екі мың жиырма алты");
        assert_eq!(cardinal(1_500_000), "бір миллион бес жүз мың");
        for n in [0, 1, 7, 13, 40, 99, 100, 101, 999, 1000, 1001, 2026, 34535, 1_000_000, 1_234_567] {
            assert_eq!(parse_words(&cardinal(n)), Some((n, false)), "{n}");
            assert_eq!(parse_words(&ordinal(n)).map(|p| p.0), Some(n), "{n}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "бірінші");
        assert_eq!(ordinal(2), "екінші");
        assert_eq!(ordinal(6), "алтыншы");
        assert_eq!(ordinal(10), "оныншы");
        assert_eq!(ordinal(13), "он үшінші");
        assert_eq!(ordinal(40), "қырқыншы");
        assert_eq!(ordinal(50), "елуінші");
        assert_eq!(ordinal_digits(13), "13-інші");
        assert_eq!(ordinal_digits(2), "2-нші");
    }

    #[test]
    fn digits() {
        let px3 = Form::case(Case::Nom).px3();
        assert_eq!(inflect_digits("5", px3), "5-і");
        assert_eq!(inflect_digits("6", px3), "6-сы");
        assert_eq!(inflect_digits("13", Form::case(Case::Dat)), "13-ке");
        assert_eq!(inflect_digits("7-2", Form::case(Case::Dat)), "7-2-ге");
        assert_eq!(inflect_digits("1-1", Form::case(Case::Gen)), "1-1-дің");
        assert_eq!(inflect_digits("40", px3), "40-ы");
        assert_eq!(inflect_digits("40", Form::case(Case::Dat)), "40-қа");
        assert_eq!(inflect_digits("100", Form::case(Case::Loc)), "100-де");
        assert_eq!(inflect_digits("2026", Form::case(Case::Nom)), "2026");
        assert_eq!(inflect_digits("30", Form::case(Case::Dat)), "30-ға");
        assert_eq!(inflect_digits("10", Form::case(Case::Dat).px3()), "10-ына");
    }
}
