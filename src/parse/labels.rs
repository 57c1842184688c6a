//! Recognizers for the pieces of a Kazakh act: unit labels, dates, act-type words,
//! names and roles; and the few case changes the parser needs to name things in the
//! nominative (issuer "Мәслихаттың" → "Мәслихаты", authority "басқармасында" → "басқармасы").

use std::sync::LazyLock;

use regex::Regex;

/// What a block's label says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Section(String),
    Chapter(String),
    /// "1-параграф"
    Subsection(String),
    Article(String),
    /// "12." — тармақ
    Clause(String),
    /// "3)" — тармақша
    Subclause(String),
    /// "5.1." or "а)" — a sub-numbered or lettered item
    Dotted(String),
    /// "-", "•"
    Bullet,
    /// "Ескерту." — an editorial note
    Note,
    None,
}

/// Split a block's text into its label and the rest, with the one label scanner
/// ([`crate::text::label`]). A Roman-numbered heading is a chapter; a lettered `а)` item
/// and a sub-numbered `5.1.` one are items with their number.
pub fn label(text: &str) -> (Label, &str) {
    use crate::text::label::{scan, LabelKind as K};
    let t = text.trim();
    let Some(l) = scan(t) else { return (Label::None, t) };
    let num = l.num.to_string();
    let lab = match l.kind {
        K::Section => Label::Section(num),
        K::Chapter | K::Roman => Label::Chapter(num),
        K::Subsection => Label::Subsection(num),
        K::Article => Label::Article(num),
        K::Clause => Label::Clause(num),
        K::Subclause => Label::Subclause(num),
        K::Dotted | K::Letter => Label::Dotted(num),
        K::Bullet => Label::Bullet,
        K::Note => Label::Note,
    };
    (lab, l.rest)
}

/// Ends like a finished sentence or a lead-in (".", ";", ":"): the same test the
/// normalizer uses to decide paragraph joins.
pub use crate::text::normalize::terminated;

// ---------------------------------------------------------------------------------------
// Dates

pub use crate::lang::date::find_date;

// ---------------------------------------------------------------------------------------
// Act types

/// The act-type word of a requisites line or stamp, in any case form → (act_type, word).
pub fn act_type(word: &str) -> Option<(&'static str, &'static str)> {
    let w = word.to_lowercase();
    let table: [(&str, &str, &str); 9] = [
        ("шешім", "decision", "шешім"),
        ("қаулы", "resolution", "қаулы"),
        ("бұйрық", "order", "бұйрық"),
        ("бұйрығ", "order", "бұйрық"),
        ("жарлы", "other", "жарлық"),
        ("өкім", "other", "өкім"),
        ("заң", "law", "заң"),
        ("хат", "letter", "хат"),
        ("бағдарлама", "program", "бағдарлама"),
    ];
    table.iter().find(|(stem, _, _)| w.starts_with(stem)).map(|(_, t, kk)| (*t, *kk))
}

// ---------------------------------------------------------------------------------------
// Names and roles

static RE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)((?:[А-ЯӘҒҚҢӨҰҮҺІ]\.\s?){1,2}[А-ЯӘҒҚҢӨҰҮҺІ](?:[а-яәғқңөұүһі]+|[А-ЯӘҒҚҢӨҰҮҺІ]+)(?:-[А-ЯӘҒҚҢӨҰҮҺІ](?:[а-яәғқңөұүһі]+|[А-ЯӘҒҚҢӨҰҮҺІ]+))?|[А-ЯӘҒҚҢӨҰҮҺІ](?:[а-яәғқңөұүһі]+|[А-ЯӘҒҚҢӨҰҮҺІ]+)\s(?:[А-ЯӘҒҚҢӨҰҮҺІ]\.\s?){1,2})[,.]?$").unwrap()
});

/// A person's name at the end of a line ("Қ. Ақсақалов", "Ж.Атенов", "С. ІЗІМБЕТОВ"):
/// (start byte, name).
pub fn trailing_name(s: &str) -> Option<(usize, String)> {
    let t = s.trim_end_matches([',', ' ']);
    RE_NAME.captures(t).map(|c| {
        let m = c.get(1).unwrap();
        (m.start(), m.as_str().trim().trim_end_matches(',').to_string())
    })
}

/// Every form of the position nouns of `data/positions.txt` (its header says where they
/// come from), lowercase: made by the language layer, never listed by hand.
// (FxHash: every word of every short line is looked up here; SipHash cost 5% of parsing.)
static POSITIONS: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    let mut set = rustc_hash::FxHashSet::default();
    for w in include_str!("../../data/positions.txt").lines().map(str::trim) {
        if w.is_empty() || w.starts_with('#') {
            continue;
        }
        if w.contains('.') {
            // An abbreviation ("м.а." — міндетін атқарушы): as written.
            set.insert(w.to_string());
            continue;
        }
        for form in crate::lang::Form::all().map(|f| crate::lang::inflect(w, f).to_lowercase()) {
            // As printed: lower case, a capital first, or all capitals (looked up without
            // changing the word's case: this runs on every word of a block).
            let mut cs = form.chars();
            let capital: String = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
            set.insert(form.to_uppercase());
            set.insert(capital);
            set.insert(form);
        }
    }
    set
});

/// The nominative (bare or possessive) forms of the office nouns of
/// `data/office-nouns.txt`, lowercase: "басқармасы", "бөлімі", "департамент".
static OFFICES: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| nominative_forms(include_str!("../../data/office-nouns.txt")));

/// The entries of a noun list (one dictionary form per line, `#` comments): the word, and
/// whether it is marked `pl` after it (named in the plural: "қағида pl").
fn noun_entries(list: &str) -> impl Iterator<Item = (&str, bool)> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| {
        let mut words = l.split_whitespace();
        let w = words.next().unwrap_or(l);
        (w, words.any(|m| m == "pl"))
    })
}

/// The nominative forms (bare, possessive, plural possessive), lowercase, of the nouns of
/// a word list (one dictionary form per line, `#` comments): made by `lang`.
pub(super) fn nominative_forms(list: &str) -> std::collections::HashSet<String> {
    use crate::lang::{Case, Form};
    let mut set = std::collections::HashSet::new();
    for (w, _) in noun_entries(list) {
        for f in [Form::case(Case::Nom), Form::case(Case::Nom).px3(), Form::case(Case::Nom).plural().px3()] {
            set.insert(crate::lang::inflect(w, f).to_lowercase());
        }
    }
    set
}

/// The name of the document whose head noun is `word` in the nominative, or `None` when
/// it is not the head noun of an approved document (`data/document-nouns.txt`):
/// "ережесі" → "Ереже", "Қағидалары" → "Қағидалар", "нұсқаулығы" → "Нұсқаулық". The
/// possessive goes, the number stays: a document refers to itself by it ("осы Ереженің"),
/// except for the nouns marked `pl` in the list ("… қағидасы" calls itself "осы Қағидалар").
pub fn document_name(word: &str) -> Option<String> {
    use crate::lang::{Case, Form};
    static NAMES: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
        let mut map = std::collections::HashMap::new();
        let list = include_str!("../../data/document-nouns.txt");
        for (w, always_plural) in noun_entries(list) {
            for number in [Form::case(Case::Nom), Form::case(Case::Nom).plural()] {
                let name = crate::lang::inflect(w, if always_plural { number.plural() } else { number });
                for f in [number, number.px3()] {
                    map.entry(crate::lang::inflect(w, f).to_lowercase()).or_insert_with(|| capitalized(&name));
                }
            }
        }
        map
    });
    NAMES.get(&word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()).cloned()
}

fn capitalized(w: &str) -> String {
    let mut cs = w.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

/// Is the word an office's head noun in the nominative ("басқармасы", "бөлімі")?
pub fn is_office_nominative(w: &str) -> bool {
    OFFICES.contains(&w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
}

/// An office's name without the legal form that closes it in a letterhead ("… білім
/// бөлімі коммуналдық мемлекеттік мекемесі" → "… білім бөлімі"): the forms are data
/// (`data/legal-forms.txt`).
pub fn without_legal_form(name: &str) -> &str {
    static FORMS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut v: Vec<String> = include_str!("../../data/legal-forms.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        // Longest first: "коммуналдық мемлекеттік мекемесі" before "мемлекеттік мекемесі".
        v.sort_by_key(|f| std::cmp::Reverse(f.len()));
        v
    });
    let t = name.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    for f in FORMS.iter() {
        let n = f.split_whitespace().count();
        if words.len() > n {
            let tail = words[words.len() - n..].join(" ").to_lowercase();
            if tail == *f {
                let cut = t.len() - words[words.len() - n..].join(" ").len();
                // (The tail is the same words with single spaces: find where it starts.)
                let start = t.rfind(words[words.len() - n]).unwrap_or(cut);
                return t[..start].trim_end();
            }
        }
    }
    t
}

/// Does a line name a signing official's position?
pub fn has_role_word(s: &str) -> bool {
    s.split_whitespace().any(is_role_word)
}

/// Ends with the head word of a position (so a name, if any, comes next).
pub fn ends_with_role_word(s: &str) -> bool {
    s.split_whitespace().last().is_some_and(is_role_word)
}

/// Compared case-insensitively: this runs on every word of a block.
pub fn is_role_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| c == ',' || c == '*');
    POSITIONS.contains(w)
}

// ---------------------------------------------------------------------------------------
// Names in the nominative, through the language layer's analysis (lang::noun).

fn replace_last_word(phrase: &str, f: impl Fn(&str) -> Option<String>) -> String {
    let t = phrase.trim();
    let (head, last) = match t.rfind(' ') {
        Some(i) => (&t[..=i], &t[i + 1..]),
        None => ("", t),
    };
    match f(last) {
        Some(n) => format!("{head}{n}"),
        None => t.to_string(),
    }
}

/// "әкімдігінің" → "әкімдігі", "Мәслихаттың" → "Мәслихаты" (a body's name is possessive),
/// "департаментінің" → "департаменті". Other words are left as they are.
pub fn genitive_to_nominative(phrase: &str) -> String {
    replace_last_word(phrase, |w| crate::lang::noun::to_nominative(w, crate::lang::Case::Gen))
}

/// "басқармасында" → "басқармасы", "министрлігінде" → "министрлігі".
pub fn locative_to_nominative(phrase: &str) -> String {
    replace_last_word(phrase, |w| crate::lang::noun::to_nominative(w, crate::lang::Case::Loc))
}

/// "ЖАМБЫЛ ОБЛЫСЫ ӘКІМДІГІНІҢ" → "Жамбыл облысы әкімдігінің" (letterheads are in capitals).
pub fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Mostly capital letters (a letterhead or a stamp).
pub fn is_caps(s: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_lowercase() {
            letters += 1;
            // More than a fifth lower case already: not capitals (most text stops here).
            if (letters - upper) * 5 > letters.max(20) {
                return false;
            }
        } else if c.is_uppercase() {
            letters += 1;
            upper += 1;
        }
    }
    letters >= 4 && upper * 10 >= letters * 8
}

// ---------------------------------------------------------------------------------------
// Ids

/// Kazakh Cyrillic → lowercase ASCII for ids.
pub fn translit(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let r = match c {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' => "i",
            'к' | 'қ' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' => "u",
            'ф' => "f",
            'х' => "kh",
            'һ' => "h",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(r);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    slug
}

/// A short slug for an issuer: its distinctive words, transliterated.
pub fn issuer_slug(issuer: &str) -> String {
    const GENERIC: [&str; 22] = [
        "облысы",
        "облысының",
        "облыстық",
        "аудандық",
        "ауданының",
        "қалалық",
        "қаласының",
        "республикасы",
        "республикасының",
        "коммуналдық",
        "мемлекеттік",
        "мекемесі",
        "м.а.",
        "м.а",
        "министрінің",
        "министрлігі",
        "министрі",
        "министрлігінің",
        "міндетін",
        "атқарушы",
        "әкімдігінің",
        "білім",
    ];
    let words: Vec<String> = issuer
        .split_whitespace()
        .filter(|w| !GENERIC.contains(&w.to_lowercase().as_str()))
        .map(|w| {
            let lw = w.to_lowercase();
            match lw.as_str() {
                "қазақстан" => "kz".to_string(),
                "әкімдігі" => "akimat".to_string(),
                _ => translit(w),
            }
        })
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label("1-тарау. Жалпы ережелер"), (Label::Chapter("1".into()), "Жалпы ережелер"));
        assert_eq!(label("1 тарау. Жалпы ережелер").0, Label::Chapter("1".into()));
        assert_eq!(label("7-2-бап. Уәкіл").0, Label::Article("7-2".into()));
        assert_eq!(label("12. Басқармаға").0, Label::Clause("12".into()));
        assert_eq!(label("2-8) тармақша").0, Label::Subclause("2-8".into()));
        assert_eq!(label("5.1. Диагностикалық бағыт"), (Label::Dotted("5.1".into()), "Диагностикалық бағыт"));
        assert_eq!(label("- құқық бұзушылық"), (Label::Bullet, "құқық бұзушылық"));
        assert_eq!(label("2026 жылғы 5 қаңтардағы").0, Label::None);
    }

    #[test]
    fn nominative_forms() {
        assert_eq!(genitive_to_nominative("Қостанай облысы әкімдігінің"), "Қостанай облысы әкімдігі");
        assert_eq!(
            genitive_to_nominative("Атырау облысы Жылыой аудандық Мәслихаттың"),
            "Атырау облысы Жылыой аудандық Мәслихаты"
        );
        assert_eq!(
            genitive_to_nominative("Жамбыл облыстық Полиция департаментінің"),
            "Жамбыл облыстық Полиция департаменті"
        );
        assert_eq!(locative_to_nominative("Атырау облыстық әділет басқармасында"), "Атырау облыстық әділет басқармасы");
        assert_eq!(
            locative_to_nominative("Қазақстан Республикасының Әділет министрлігінде"),
            "Қазақстан Республикасының Әділет министрлігі"
        );
    }

    #[test]
    fn document_names_keep_number_not_possessive() {
        assert_eq!(document_name("ережесі").as_deref(), Some("Ереже"));
        assert_eq!(document_name("Нұсқаулығы").as_deref(), Some("Нұсқаулық"));
        assert_eq!(document_name("тізімдері,").as_deref(), Some("Тізімдер"));
        // Rules call themselves "осы Қағидалар" whatever the title's number.
        assert_eq!(document_name("қағидасы").as_deref(), Some("Қағидалар"));
        assert_eq!(document_name("ҚАҒИДАЛАРЫ").as_deref(), Some("Қағидалар"));
        assert_eq!(document_name("басқармасы"), None);
        assert_eq!(document_name("қағидаларын"), None);
    }

    #[test]
    fn names_and_slugs() {
        assert_eq!(trailing_name("Облыс әкімі Қ. Ақсақалов").unwrap().1, "Қ. Ақсақалов");
        assert_eq!(trailing_name("Ж.Атенов").unwrap().1, "Ж.Атенов");
        assert_eq!(trailing_name("Орын.: А. Пирматов,").unwrap().1, "А. Пирматов");
        assert!(trailing_name("Аудандық Мәслихат хатшысы").is_none());
        assert_eq!(translit("Жылыой Мәслихаты"), "zhylyoi-maslikhaty");
        assert_eq!(issuer_slug("Атырау облысы Жылыой аудандық Мәслихаты"), "atyrau-zhylyoi-maslikhaty");
    }
}
