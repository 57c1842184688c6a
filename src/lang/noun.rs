//! Nouns and noun phrases: case, plural and third-person possessive.
//!
//! A Kazakh noun form is stem + plural + possessive + case, in that order. Each suffix
//! has variants chosen by
//! - vowel harmony: the last vowel of what comes before decides back (а о ұ ы я ю ё)
//!   or front (ә ө ү і е и э); a final у does not decide (тіркеу is front);
//! - the last sound: a vowel, р й у и, л, м н ң, ж з, or a voiceless consonant
//!   (б в г д count as voiceless: loans end in them and are read devoiced).
//!
//! Before the vowel-initial possessive -ы/-і, final к қ п become г ғ б after a vowel
//! (тармақ → тармағы, бап → бабы). A small lexicon holds what rules cannot know:
//! dropped vowels (халық → халқы), loans read with a final і (акт → актісі),
//! lexicalised possessives (отбасы → отбасына).

use std::fmt;

/// The seven cases (септік).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Case {
    /// атау септік
    Nom,
    /// ілік септік: -ның/-нің, -дың/-дің, -тың/-тің
    Gen,
    /// барыс септік: -ға/-ге, -қа/-ке
    Dat,
    /// табыс септік: -ны/-ні, -ды/-ді, -ты/-ті
    Acc,
    /// жатыс септік: -да/-де, -та/-те
    Loc,
    /// шығыс септік: -дан/-ден, -нан/-нен, -тан/-тен
    Abl,
    /// көмектес септік: -мен, -бен, -пен
    Ins,
}

impl Case {
    pub const ALL: [Case; 7] = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Loc, Case::Abl, Case::Ins];

    /// The short English name used on the command line and in fixtures.
    pub fn code(self) -> &'static str {
        match self {
            Case::Nom => "nom",
            Case::Gen => "gen",
            Case::Dat => "dat",
            Case::Acc => "acc",
            Case::Loc => "loc",
            Case::Abl => "abl",
            Case::Ins => "ins",
        }
    }

    /// Reads `nom`…`ins`, the full English names and the Kazakh names (атау, ілік, …).
    pub fn parse(s: &str) -> Option<Case> {
        Some(match s.trim().to_lowercase().as_str() {
            "nom" | "nominative" | "атау" => Case::Nom,
            "gen" | "genitive" | "ілік" => Case::Gen,
            "dat" | "dative" | "барыс" => Case::Dat,
            "acc" | "accusative" | "табыс" => Case::Acc,
            "loc" | "locative" | "жатыс" => Case::Loc,
            "abl" | "ablative" | "шығыс" => Case::Abl,
            "ins" | "instrumental" | "көмектес" => Case::Ins,
            _ => return None,
        })
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Grammatical number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Number {
    #[default]
    Sg,
    Pl,
}

/// Possessive: none, or third person (тәуелдік жалғау, -ы/-і, -сы/-сі).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Possessive {
    #[default]
    None,
    Px3,
}

/// One cell of the paradigm: number, possessive, case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Form {
    pub number: Number,
    pub possessive: Possessive,
    pub case: Case,
}

impl Form {
    pub const fn case(case: Case) -> Form {
        Form { number: Number::Sg, possessive: Possessive::None, case }
    }
    pub const fn plural(self) -> Form {
        Form { number: Number::Pl, ..self }
    }
    pub const fn px3(self) -> Form {
        Form { possessive: Possessive::Px3, ..self }
    }

    /// All 28 cells: singular/plural × none/px3 × seven cases.
    pub fn all() -> impl Iterator<Item = Form> {
        [Number::Sg, Number::Pl].into_iter().flat_map(|number| {
            [Possessive::None, Possessive::Px3]
                .into_iter()
                .flat_map(move |possessive| Case::ALL.into_iter().map(move |case| Form { number, possessive, case }))
        })
    }
}

/// What the last sound of a stem is, as far as suffixes care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sound {
    Vowel,
    /// р й у и: like a vowel for the plural (-лар), like a consonant elsewhere (-дың).
    Glide,
    L,
    /// м н ң
    Nasal,
    /// ж з
    Sibilant,
    /// п к қ т с ш щ ф х һ ц ч, and б в г ғ д at the end of loans.
    Voiceless,
}

fn is_back_vowel(c: char) -> bool {
    matches!(c, 'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ю' | 'ё' | 'А' | 'О' | 'Ұ' | 'Ы' | 'Я' | 'Ю' | 'Ё')
}

fn is_front_vowel(c: char) -> bool {
    matches!(c, 'ә' | 'ө' | 'ү' | 'і' | 'е' | 'и' | 'э' | 'Ә' | 'Ө' | 'Ү' | 'І' | 'Е' | 'И' | 'Э')
}

/// Back harmony? The last vowel decides. A final у does not (тіркеу is front: it is a
/// glide there); inside a word it is the vowel u of a loan (нотариус, клуб: back).
/// A word without a decisive vowel is back, as such Kazakh stems are (су, ту).
fn is_back(stem: &str) -> bool {
    if let Some(back) = harmony_override(stem) {
        return back;
    }
    let mut chars = stem.chars().rev().peekable();
    while chars.peek().is_some_and(|c| matches!(c, 'у' | 'У' | 'ь' | 'ъ')) {
        chars.next();
    }
    for c in chars {
        if is_back_vowel(c) || c == 'у' || c == 'У' {
            return true;
        }
        if is_front_vowel(c) {
            return false;
        }
    }
    true
}

/// Words whose harmony the letters do not tell: и is front (би → биге) but ми is back
/// (миға); loans closed by a cluster are read front (Ұлттық Банкі, Банкке; пункті).
/// (куә is back despite ә: куәлар, куәға, as in куәландыру; issue 14.)
const HARMONY: &[(&str, bool)] = &[("ми", true), ("банк", false), ("пункт", false), ("куә", true)];

fn harmony_override(stem: &str) -> Option<bool> {
    // Only the bare word: once a suffix is added, its own vowel decides.
    HARMONY
        .iter()
        .find(|(w, _)| stem.len() == w.len() && stem.chars().flat_map(char::to_lowercase).eq(w.chars()))
        .map(|(_, b)| *b)
}

fn sound_of(stem: &str) -> Sound {
    let mut chars = stem.chars().rev();
    let mut c = chars.next().unwrap_or('а');
    if matches!(c, 'ь' | 'ъ' | 'Ь' | 'Ъ') {
        c = chars.next().unwrap_or('а');
    }
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        // (A final ю is й + у, a glide: жою → жоюдың, жоюы, жоюға.)
        'а' | 'ә' | 'е' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'я' | 'ё' => Sound::Vowel,
        'ю' => Sound::Glide,
        'р' | 'й' | 'у' | 'и' => Sound::Glide,
        'л' => Sound::L,
        'м' | 'н' | 'ң' => Sound::Nasal,
        'ж' | 'з' => Sound::Sibilant,
        _ => Sound::Voiceless,
    }
}

/// The case suffix after a stem whose last sound and harmony are given.
fn case_suffix(case: Case, sound: Sound, back: bool) -> &'static str {
    use Sound::*;
    let pick = |b: &'static str, f: &'static str| if back { b } else { f };
    match case {
        Case::Nom => "",
        Case::Gen => match sound {
            Vowel | Nasal => pick("ның", "нің"),
            Glide | L | Sibilant => pick("дың", "дің"),
            Voiceless => pick("тың", "тің"),
        },
        Case::Dat => match sound {
            Voiceless => pick("қа", "ке"),
            _ => pick("ға", "ге"),
        },
        Case::Acc => match sound {
            Vowel => pick("ны", "ні"),
            Voiceless => pick("ты", "ті"),
            _ => pick("ды", "ді"),
        },
        Case::Loc => match sound {
            Voiceless => pick("та", "те"),
            _ => pick("да", "де"),
        },
        Case::Abl => match sound {
            Nasal => pick("нан", "нен"),
            Voiceless => pick("тан", "тен"),
            _ => pick("дан", "ден"),
        },
        Case::Ins => match sound {
            Sibilant => "бен",
            Voiceless => "пен",
            _ => "мен",
        },
    }
}

/// Case endings after the third-person possessive (the pronominal н): тармағына, бабының.
fn case_after_px3(case: Case, back: bool) -> &'static str {
    let pick = |b: &'static str, f: &'static str| if back { b } else { f };
    match case {
        Case::Nom => "",
        Case::Gen => pick("ның", "нің"),
        Case::Dat => pick("на", "не"),
        Case::Acc => "н",
        Case::Loc => pick("нда", "нде"),
        Case::Abl => pick("нан", "нен"),
        Case::Ins => "мен",
    }
}

fn plural_suffix(sound: Sound, back: bool) -> &'static str {
    match (sound, back) {
        (Sound::Vowel | Sound::Glide, true) => "лар",
        (Sound::Vowel | Sound::Glide, false) => "лер",
        (Sound::L | Sound::Nasal | Sound::Sibilant, true) => "дар",
        (Sound::L | Sound::Nasal | Sound::Sibilant, false) => "дер",
        (Sound::Voiceless, true) => "тар",
        (Sound::Voiceless, false) => "тер",
    }
}

/// Derivational suffixes that make new words of a noun and that text repairs must see
/// through (a letter-spaced "в е т е р и н а р и я л ы қ" is one word, not "ветеринария
/// лық").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// -лық/-лік, -дық/-дік, -тық/-тік: ветеринариялық, азаматтық.
    Lyq,
    /// -шы/-ші: қатысушы (after a verb stem too), жұмысшы.
    Shy,
    /// -сыз/-сіз: құқықсыз.
    Syz,
    /// -лы/-лі, -ды/-ді, -ты/-ті: білімді, салалы.
    Ly,
    /// The participle -атын/-етін (-йтын/-йтін after a vowel) of a verb stem: айдалатын.
    Atyn,
    /// The participle -ған/-ген (-қан/-кен after a voiceless consonant): берілген.
    Gan,
}

const DERIVATIONS: [Derivation; 6] =
    [Derivation::Lyq, Derivation::Shy, Derivation::Syz, Derivation::Ly, Derivation::Atyn, Derivation::Gan];

/// A stem with a derivational suffix, by the same harmony and consonant rules as the
/// plural (the suffix's first consonant: л after vowels and р й у, д after л м н ң ж з,
/// т after voiceless consonants).
pub fn derive(stem: &str, d: Derivation) -> String {
    let back = is_back(stem);
    let consonant = || plural_suffix(sound_of(stem), back).chars().next().unwrap_or('л');
    let mut out = stem.to_string();
    match d {
        Derivation::Lyq => {
            out.push(consonant());
            out.push_str(if back { "ық" } else { "ік" });
        }
        Derivation::Shy => out.push_str(if back { "шы" } else { "ші" }),
        Derivation::Syz => out.push_str(if back { "сыз" } else { "сіз" }),
        Derivation::Ly => {
            out.push(consonant());
            out.push(if back { 'ы' } else { 'і' });
        }
        Derivation::Atyn => {
            let vowel = sound_of(stem) == Sound::Vowel;
            out.push_str(match (vowel, back) {
                (true, true) => "йтын",
                (true, false) => "йтін",
                (false, true) => "атын",
                (false, false) => "етін",
            });
        }
        Derivation::Gan => {
            let voiceless = sound_of(stem) == Sound::Voiceless;
            out.push_str(match (voiceless, back) {
                (true, true) => "қан",
                (true, false) => "кен",
                (false, true) => "ған",
                (false, false) => "ген",
            });
        }
    }
    out
}

/// Can `word` be read as a form of a word that `known` knows: a stem of three letters or
/// more with an inflection (case, plural, possessive), a derivational suffix, or both
/// ("қойнау" → қойнауын, "ветеринария" → ветеринариялық)? Lowercase letters only.
pub fn is_form_of_known(word: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(3).collect();
    let mut buf = String::new();
    for &k in &bounds {
        let stem = &word[..k];
        if !known(stem) {
            continue;
        }
        let mut derived: Vec<String> = DERIVATIONS.iter().map(|&d| derive(stem, d)).collect();
        derived.push(stem.to_string());
        for base in derived.iter().filter(|b| word.starts_with(b.as_str())) {
            if base == word {
                return true;
            }
            for f in Form::all() {
                buf.clear();
                inflect_into(base, f, &mut buf);
                if buf == word {
                    return true;
                }
            }
        }
    }
    false
}

/// The endings each form can have, gathered by inflecting stems of every sound and
/// harmony (so the table follows the rules above and is never written by hand).
fn endings() -> &'static [(Form, Vec<String>)] {
    static ENDINGS: std::sync::OnceLock<Vec<(Form, Vec<String>)>> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| {
        const PROBES: [&str; 14] =
            ["бала", "кеше", "тау", "үй", "ауыл", "гүл", "заң", "сөз", "тас", "кеш", "тармақ", "бөлік", "бап", "ми"];
        Form::all()
            .map(|f| {
                let mut v: Vec<String> = Vec::new();
                for p in PROBES {
                    let w = inflect(p, f);
                    // The stem may change at its end (тармақ → тармағы): keep what follows the
                    // part of the probe that stayed.
                    let keep = p.chars().count() - 1;
                    let prefix: String = p.chars().take(keep).collect();
                    if let Some(rest) = w.strip_prefix(prefix.as_str()) {
                        let tail: String = rest.chars().skip(1).collect();
                        if !v.contains(&tail) {
                            v.push(tail);
                        }
                    }
                }
                (f, v)
            })
            .collect()
    })
}

/// The readings of a word as a form of a stem: every (stem, form) with
/// `inflect(stem, form) == word` (letter case ignored), found by the endings each form
/// can have. "Мәслихатының" → (Мәслихат, genitive px3), (Мәслихаты, genitive), …
pub fn analyse(word: &str) -> Vec<(String, Form)> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 || !lower.chars().all(is_letter) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut buf = String::new();
    for (f, ends) in endings() {
        for e in ends {
            let Some(stem_lower) = lower.strip_suffix(e.as_str()) else { continue };
            if stem_lower.chars().count() < 2 {
                continue;
            }
            // The stem as written, and with its last consonant unvoiced (тармағ → тармақ).
            let stem: String = word.chars().take(stem_lower.chars().count()).collect();
            for cand in [stem.clone(), devoice(&stem)] {
                buf.clear();
                inflect_into(&cand, *f, &mut buf);
                if buf.to_lowercase() == lower && !out.iter().any(|(s, g): &(String, Form)| *s == cand && g == f) {
                    out.push((cand, *f));
                }
            }
        }
    }
    out
}

/// Can the word be read in this case (any number, with or without the possessive)?
pub fn has_case(word: &str, case: Case) -> bool {
    analyse(word).iter().any(|(_, f)| f.case == case)
}

/// A body's name in the nominative from one of its case forms: "әкімдігінің" → "әкімдігі",
/// "Мәслихаттың" → "Мәслихаты" (a body's name is possessive), "басқармасында" →
/// "басқармасы", "Департаментте" → "Департамент". `case` is the case the word is in.
pub fn to_nominative(word: &str, case: Case) -> Option<String> {
    let readings: Vec<(String, Form)> = analyse(word).into_iter().filter(|(_, f)| f.case == case).collect();
    let px3 = readings.iter().filter(|(_, f)| f.possessive == Possessive::Px3).min_by_key(|(s, _)| s.len());
    if let Some((stem, f)) = px3 {
        return Some(inflect(stem, Form { case: Case::Nom, ..*f }));
    }
    let (stem, f) = readings.iter().min_by_key(|(s, _)| s.len())?;
    // The genitive of a body's name without the possessive ("Мәслихаттың") still names
    // the body itself: "Мәслихаты".
    let possessive = if case == Case::Gen { Possessive::Px3 } else { f.possessive };
    Some(inflect(stem, Form { case: Case::Nom, possessive, ..*f }))
}

/// Words whose stem before the possessive -ы/-і loses its last vowel (халық → халқы).
/// Consonant-initial suffixes keep the full stem (халықтың, халыққа).
const DROPPED_VOWEL: &[(&str, &str)] = &[
    ("халық", "халқ"),
    ("мүлік", "мүлк"),
    ("қауіп", "қауп"),
    ("орын", "орн"),
    ("кәсіпорын", "кәсіпорн"),
    ("ерін", "ерн"),
    ("мұрын", "мұрн"),
    ("ауыз", "ауз"),
    ("мойын", "мойн"),
    ("қойын", "қойн"),
    ("нарық", "нарқ"),
    ("ырық", "ырқ"),
    ("құлық", "құлқ"),
    ("көрік", "көрк"),
    ("бөрік", "бөрк"),
    ("қарын", "қарн"),
    ("әріп", "әрп"),
    ("ерік", "ерк"),
    ("құлып", "құлп"),
];

/// Loans read with a final і before every suffix (акт → актісі, актіге, актілер).
const READ_WITH_I: &[&str] = &["акт", "пакт", "факт", "тракт", "контракт"];

/// Words that are already third-person possessive in their dictionary form: their
/// singular takes the pronominal н (отбасы → отбасына, отбасының).
const LEXICAL_PX3: &[&str] = &["отбасы", "ата-анасы", "қолбасы"];

fn lookup<'a>(table: &'a [(&str, &str)], word: &str) -> Option<&'a str> {
    table.iter().find(|(w, _)| *w == word).map(|(_, s)| *s)
}

/// `char::is_alphabetic` with the Cyrillic block answered directly (every code point of
/// U+0400–U+04FF is a letter but the thousands sign and the combining marks
/// U+0482–U+0489); the general lookup is slow and inflection asks for every letter.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{400}'..='\u{4ff}').contains(&c) {
        !('\u{482}'..='\u{489}').contains(&c)
    } else {
        c.is_alphabetic()
    }
}

/// Written in capitals (ШЕШІМ → ШЕШІМГЕ): two or more letters, all upper case.
fn all_caps(word: &str) -> bool {
    let mut n = 0;
    for c in word.chars().filter(|&c| is_letter(c)) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n > 1
}

/// Inflect one word (a noun, a hyphenated compound such as ата-ана, a surname,
/// an abbreviation or a number written in digits).
pub fn inflect(word: &str, form: Form) -> String {
    let mut out = String::with_capacity(word.len() + 24);
    inflect_into(word, form, &mut out);
    out
}

/// [`inflect`] writing into a buffer (no allocation when it has room).
pub fn inflect_into(word: &str, form: Form, out: &mut String) {
    if word.is_empty() {
        return;
    }
    // Leading and trailing punctuation («…», quotes) stays around the inflected letters.
    let start = word.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    let end = word
        .rfind(|c: char| c.is_alphanumeric())
        .map_or(word.len(), |i| i + word[i..].chars().next().map_or(1, char::len_utf8));
    let (lead, core, trail) = (&word[..start], &word[start..end], &word[end..]);
    out.push_str(lead);
    if core.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && core.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        super::number::inflect_digits_into(core, form, out);
    } else if let Some(reading) = abbreviation_reading(core) {
        out.push_str(core);
        let inflected = inflect(&reading, form);
        if form != Form::case(Case::Nom) {
            // What the reading gained: everything after the part it kept (its last sound
            // may have changed, so the cut is at the first differing character).
            let kept = reading.chars().zip(inflected.chars()).take_while(|(a, b)| a == b).count();
            out.push('-');
            out.extend(inflected.chars().skip(kept));
        }
    } else {
        inflect_core(core, form, out);
    }
    out.push_str(trail);
}

fn inflect_core(word: &str, form: Form, out: &mut String) {
    let caps = all_caps(word);
    let mark = out.len();
    let lower_buf;
    let lower: &str = if word.chars().any(char::is_uppercase) {
        lower_buf = word.to_lowercase();
        &lower_buf
    } else {
        word
    };
    let lexical_px3 = LEXICAL_PX3.contains(&lower);
    let mut stem = word;
    // Loans with a doubled final consonant write it once before a suffix (процесс → процесі).
    // (And every loan in -кт, by rule: субъект → субъектісі, объектілер.)
    let read_with_i = READ_WITH_I.contains(&lower) || (lower.ends_with("кт") && lower.chars().count() > 3);
    let doubled = {
        let mut it = lower.chars().rev();
        matches!((it.next(), it.next()), (Some(a), Some(b)) if a == b && !is_back_vowel(a) && !is_front_vowel(a))
    };
    if form == Form::case(Case::Nom) {
        out.push_str(word);
        return;
    }
    if doubled {
        let last = word.chars().next_back().map_or(0, char::len_utf8);
        stem = &word[..word.len() - last];
    }
    // A surname in -ов/-ев takes the harmony of the Kazakh stem before it (Салемовке,
    // Құнанбаевқа): the suffix is read with the stem, not with the Russian ending.
    let surname_stem_back = surname_harmony(word);

    out.push_str(stem);
    if read_with_i {
        out.push('і');
    }
    // From here on `out[mark..]` is the growing form.
    // A loan whose letters do not settle its harmony takes the one running text attests
    // (округ → округтің, педагог → педагогке): for the bare stem only, as a suffix's own
    // vowel decides after it.
    let attested = if read_with_i || surname_stem_back.is_some() { None } else { attested_harmony(lower) };
    let bare_len = out.len() - mark;
    let back_of =
        |s: &str| surname_stem_back.or(attested.filter(|_| s.len() == bare_len)).unwrap_or_else(|| is_back(s));
    if form.number == Number::Pl {
        let s = &out[mark..];
        let suf = plural_suffix(sound_of(s), back_of(s));
        out.push_str(suf);
    }
    let mut possessed = lexical_px3 && form.number == Number::Sg;
    if form.possessive == Possessive::Px3 && !possessed {
        let back = back_of(&out[mark..]);
        if sound_of(&out[mark..]) == Sound::Vowel {
            out.push_str(if back { "сы" } else { "сі" });
        } else {
            // The alternations happen only at the stem itself, not after the plural.
            if form.number == Number::Sg && !read_with_i {
                if let Some(alt) = lookup(DROPPED_VOWEL, lower).map(str::to_string).or_else(|| attested_drop(lower)) {
                    out.truncate(mark);
                    push_like(word, &alt, out);
                } else {
                    voice_final(out, mark);
                }
            }
            // Harmony is the stem's, even when the vowel that set it dropped (қауіп → қаупі).
            out.push(if back { 'ы' } else { 'і' });
        }
        possessed = true;
    }
    let s = &out[mark..];
    let back = back_of(s);
    let suf = if possessed { case_after_px3(form.case, back) } else { case_suffix(form.case, sound_of(s), back) };
    out.push_str(suf);
    if caps {
        let upper = out[mark..].to_uppercase();
        out.truncate(mark);
        out.push_str(&upper);
    }
}

/// Loans (a Russian letter, or a final б в г д that Kazakh words do not end in) whose
/// harmony running text settles: the corpus counts of their plural, genitive and dative
/// read back and read front; the side with forms, when the other has none (or a third as
/// many). None: the letters decide. Cached: this runs once per stem.
fn attested_harmony(stem: &str) -> Option<bool> {
    let loan = stem.chars().any(|c| "вфцчщъьёэюя".contains(c)) || stem.ends_with(['б', 'в', 'г', 'д']);
    if !loan || stem.chars().count() < 3 || harmony_override(stem).is_some() {
        return None;
    }
    cached(&HARMONY_CACHE, stem, || {
        let lex = crate::lexicon::lexicon();
        let sound = sound_of(stem);
        let count = |back: bool| -> u64 {
            [plural_suffix(sound, back), case_suffix(Case::Gen, sound, back), case_suffix(Case::Dat, sound, back)]
                .iter()
                .map(|suf| lex.corpus_count(&format!("{stem}{suf}")))
                .sum()
        };
        let (b, f) = (count(true), count(false));
        match (b, f) {
            (0, 0) => None,
            (b, f) if b >= 3 * f.max(1) || f == 0 => Some(true),
            (b, f) if f >= 3 * b.max(1) || b == 0 => Some(false),
            _ => None,
        }
    })
}

/// A stem whose last vowel drops before the possessive in running text (қалып → қалпы,
/// қалпына) though the table does not list it: the corpus counts of the dropped form
/// against the kept one (қалыбы). The lexicon's attested forms decide, not a list.
fn attested_drop(stem: &str) -> Option<String> {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    if n < 4
        || !matches!(chars[n - 2], 'ы' | 'і' | 'ұ' | 'ү')
        || is_back_vowel(chars[n - 1])
        || is_front_vowel(chars[n - 1])
    {
        return None;
    }
    if is_back_vowel(chars[n - 3]) || is_front_vowel(chars[n - 3]) {
        return None;
    }
    cached(&DROP_CACHE, stem, || {
        let lex = crate::lexicon::lexicon();
        let dropped: String = chars[..n - 2].iter().chain(&chars[n - 1..]).collect();
        let back = is_back(stem);
        let y = if back { "ы" } else { "і" };
        let na = if back { "на" } else { "не" };
        let mut kept = stem.to_string();
        let mark = 0;
        voice_final(&mut kept, mark);
        let count = |s: &str| lex.corpus_count(&format!("{s}{y}")) + lex.corpus_count(&format!("{s}{y}{na}"));
        let (d, k) = (count(&dropped), count(&kept));
        (d > 0 && d >= 3 * k.max(1)).then_some(dropped)
    })
}

type Cache<T> = std::sync::LazyLock<std::sync::Mutex<rustc_hash::FxHashMap<String, T>>>;
static HARMONY_CACHE: Cache<Option<bool>> = std::sync::LazyLock::new(Default::default);
static DROP_CACHE: Cache<Option<String>> = std::sync::LazyLock::new(Default::default);

fn cached<T: Clone>(cache: &Cache<T>, key: &str, make: impl FnOnce() -> T) -> T {
    if let Some(v) = cache.lock().unwrap().get(key) {
        return v.clone();
    }
    let v = make();
    cache.lock().unwrap().insert(key.to_string(), v.clone());
    v
}

/// Write `alt` (lower case) with the capitalisation of `word`'s first letter.
fn push_like(word: &str, alt: &str, out: &mut String) {
    let mut chars = alt.chars();
    if word.chars().next().is_some_and(char::is_uppercase) {
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
        }
    }
    out.push_str(chars.as_str());
}

/// к қ п → г ғ б at the end of `out` when a vowel precedes (тармақ → тармағ-ы).
fn voice_final(out: &mut String, mark: usize) {
    let s = &out[mark..];
    let mut it = s.chars().rev();
    let (Some(last), Some(prev)) = (it.next(), it.next()) else { return };
    let voiced = match last {
        'к' => 'г',
        'қ' => 'ғ',
        'п' => 'б',
        'К' => 'Г',
        'Қ' => 'Ғ',
        'П' => 'Б',
        _ => return,
    };
    if is_back_vowel(prev) || is_front_vowel(prev) {
        out.truncate(out.len() - last.len_utf8());
        out.push(voiced);
    }
}

/// For a capitalised word in -ов/-ев/-ёв (a surname), the harmony of the stem before it.
fn surname_harmony(word: &str) -> Option<bool> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let stem = word.strip_suffix("ов").or_else(|| word.strip_suffix("ев")).or_else(|| word.strip_suffix("ёв"))?;
    // "Ов" alone, or a stem with no vowel, is not a surname.
    stem.chars().any(|c| is_back_vowel(c) || is_front_vowel(c)).then(|| is_back(stem))
}

/// Short words that titles write in capitals; not abbreviations.
const SHORT_WORDS: &[&str] = &["заң", "заңы", "акт", "іс", "ол", "бап", "баб", "ереже"];

/// How an abbreviation is read, when `word` is one: the suffix follows the reading.
///
/// An all-capitals word of two to four letters (ІІМ, ПД, ЖОБ) is read letter by
/// letter. A vowel letter is read as itself; a consonant letter as the consonant plus
/// ы or і: і after a front vowel letter earlier in the abbreviation, and for К and Г
/// (front velars); ы otherwise. So ІІМ reads і-і-мі (ІІМ-ге, ІІМ-нің), ПД пы-ды
/// (ПД-ға), ӘПК ә-пі-кі (ӘПК-ге), ІІО і-і-о (ІІО-да). A word with capitals inside
/// (ҚазҰУ) is read as a word and takes a hyphen too.
fn abbreviation_reading(word: &str) -> Option<String> {
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 2 || !letters.iter().all(|&c| is_letter(c) || c == '-') {
        return None;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if upper == letters.len() {
        let lower = word.to_lowercase();
        // Abbreviations are short; a longer word in capitals is a word (ШЕШІМ, ҚАУЛЫ),
        // and so are a few short ones of titles. (The lexicon cannot decide: its corpus
        // counts include abbreviations.)
        if letters.len() > 4 || SHORT_WORDS.contains(&lower.as_str()) {
            return None;
        }
        let mut reading = String::with_capacity(lower.len() * 2);
        let mut front = false;
        for c in lower.chars() {
            reading.push(c);
            if is_back_vowel(c) || is_front_vowel(c) {
                front = is_front_vowel(c);
            } else if c != '-' {
                reading.push(if front || matches!(c, 'к' | 'г') { 'і' } else { 'ы' });
            }
        }
        return Some(reading);
    }
    // Capitals inside a word (ҚазҰУ): read as a word, suffix after a hyphen.
    if upper >= 2 && letters[1..].iter().any(|c| c.is_uppercase()) {
        return Some(word.to_lowercase());
    }
    None
}

/// Inflect a noun phrase: the last word takes the suffixes, the rest stays as written
/// ("Тараз қаласы мен аудандық білім бөлімдерінің басшылары" → "…басшыларына").
///
/// In a phrase of two or more words, a last word in -ы/-і (-сы/-сі) whose stem is a
/// dictionary word is taken as already possessive (Тараз қаласы → Тараз қаласына,
/// Республикасының Заңы → Заңының); a one-word input never is (қаулы → қаулыға).
pub fn inflect_phrase(phrase: &str, form: Form) -> String {
    let phrase = phrase.trim();
    let Some(split) = phrase.rfind(char::is_whitespace) else {
        return inflect(phrase, form);
    };
    let (head, last) = (&phrase[..split + 1], &phrase[split + 1..]);
    let mut out = String::with_capacity(phrase.len() + 24);
    out.push_str(head);
    if form.possessive == Possessive::None && is_possessed(last) {
        inflect_possessed(last, form, &mut out);
        return out;
    }
    inflect_into(last, form, &mut out);
    out
}

/// Is `word` a possessive form (stem + -ы/-і/-сы/-сі, plural stems included) of a
/// dictionary word?
fn is_possessed(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lex = crate::lexicon::lexicon();
    if LEXICAL_PX3.contains(&lower.as_str()) {
        return true;
    }
    let Some(base) = lower.strip_suffix('ы').or_else(|| lower.strip_suffix('і')) else { return false };
    let candidates = [
        base.strip_suffix('с').filter(|b| sound_of(b) == Sound::Vowel).map(str::to_string),
        Some(devoice(base)),
        Some(base.to_string()),
    ];
    candidates.into_iter().flatten().any(|stem| stem.chars().count() > 1 && lex.contains(&stem))
}

/// Undo the voicing of a possessive stem: тармағ → тармақ, баб → бап.
fn devoice(stem: &str) -> String {
    let mut s = stem.to_string();
    let last = s.pop();
    match last {
        Some('ғ') => s.push('қ'),
        Some('г') => s.push('к'),
        Some('б') => s.push('п'),
        Some(c) => s.push(c),
        None => {}
    }
    s
}

/// A word already in the possessive (басшылары): add the case after the pronominal н.
fn inflect_possessed(word: &str, form: Form, out: &mut String) {
    if form.number == Number::Pl {
        // Plural of a possessed head is rare in generated text; inflect it as a plain word.
        inflect_into(word, form, out);
        return;
    }
    out.push_str(word);
    let suf = case_after_px3(form.case, is_back(word));
    if all_caps(word) {
        out.push_str(&suf.to_uppercase());
    } else {
        out.push_str(suf);
    }
}

/// One line of the TSV interface: `lemma<TAB>number<TAB>possessive<TAB>case` with number
/// `sg`|`pl`, possessive `-`|`px3`, case `nom`…`ins`. A blank line or a `#` comment is
/// `Ok(None)`; anything else wrong is an error message naming the column.
pub fn parse_tsv_line(line: &str) -> Result<Option<(&str, Form)>, String> {
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 4 {
        return Err(format!(
            "expected 4 tab-separated columns (lemma, number, possessive, case), found {}",
            cols.len()
        ));
    }
    let lemma = cols[0].trim();
    if lemma.is_empty() {
        return Err("column 1 (lemma) is empty".into());
    }
    let number = match cols[1].trim() {
        "sg" => Number::Sg,
        "pl" => Number::Pl,
        other => return Err(format!("column 2 (number) is '{other}', expected sg or pl")),
    };
    let possessive = match cols[2].trim() {
        "-" => Possessive::None,
        "px3" => Possessive::Px3,
        other => return Err(format!("column 3 (possessive) is '{other}', expected - or px3")),
    };
    let case = Case::parse(cols[3]).ok_or_else(|| {
        format!("column 4 (case) is '{}', expected nom, gen, dat, acc, loc, abl or ins", cols[3].trim())
    })?;
    Ok(Some((lemma, Form { number, possessive, case })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(case: Case) -> Form {
        Form::case(case)
    }

    #[test]
    fn is_letter_agrees_with_is_alphabetic() {
        for c in ('\0'..='\u{2fff}').chain(['\u{1f600}', '\u{10ffff}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn analysis_reads_case_forms_back() {
        assert_eq!(to_nominative("әкімдігінің", Case::Gen).as_deref(), Some("әкімдігі"));
        assert_eq!(to_nominative("Мәслихатының", Case::Gen).as_deref(), Some("Мәслихаты"));
        assert_eq!(to_nominative("Мәслихаттың", Case::Gen).as_deref(), Some("Мәслихаты"));
        assert_eq!(to_nominative("басқармасында", Case::Loc).as_deref(), Some("басқармасы"));
        assert_eq!(to_nominative("министрлігінде", Case::Loc).as_deref(), Some("министрлігі"));
        assert_eq!(to_nominative("Департаментте", Case::Loc).as_deref(), Some("Департамент"));
        assert!(
            has_case("Заңына", Case::Dat) && has_case("тармағына", Case::Dat) && has_case("басшыларына", Case::Dat)
        );
        assert!(has_case("бабының", Case::Gen) && !has_case("бабына", Case::Gen));
        assert!(!has_case("Алматы", Case::Dat));
    }

    #[test]
    fn derivations_and_forms_of_known_stems() {
        assert_eq!(derive("ветеринария", Derivation::Lyq), "ветеринариялық");
        assert_eq!(derive("азамат", Derivation::Lyq), "азаматтық");
        assert_eq!(derive("адам", Derivation::Lyq), "адамдық");
        assert_eq!(derive("білім", Derivation::Ly), "білімді");
        assert_eq!(derive("құқық", Derivation::Syz), "құқықсыз");
        assert_eq!(derive("айдал", Derivation::Atyn), "айдалатын");
        assert_eq!(derive("жина", Derivation::Atyn), "жинайтын");
        assert_eq!(derive("беріл", Derivation::Gan), "берілген");
        assert_eq!(derive("айт", Derivation::Gan), "айтқан");
        let known = |w: &str| ["ветеринария", "қойнау", "бала", "азамат"].contains(&w);
        for w in ["ветеринариялық", "қойнауын", "балаларға", "азаматтықтың"]
        {
            assert!(is_form_of_known(w, &known), "{w}");
        }
        for w in ["ветеринарияжоқ", "қойнаумен бірге", "бал"] {
            assert!(!is_form_of_known(w, &known), "{w}");
        }
    }

    #[test]
    fn suffix_tables_of_the_spec() {
        // One stem per column of the table in spec/kazakh.md.
        let rows: [(&str, [&str; 6]); 6] = [
            ("бала", ["баланың", "баланы", "балаға", "балада", "баладан", "баламен"]),
            ("ауыл", ["ауылдың", "ауылды", "ауылға", "ауылда", "ауылдан", "ауылмен"]),
            ("заң", ["заңның", "заңды", "заңға", "заңда", "заңнан", "заңмен"]),
            ("сөз", ["сөздің", "сөзді", "сөзге", "сөзде", "сөзден", "сөзбен"]),
            ("мектеп", ["мектептің", "мектепті", "мектепке", "мектепте", "мектептен", "мектеппен"]),
            ("тіркеу", ["тіркеудің", "тіркеуді", "тіркеуге", "тіркеуде", "тіркеуден", "тіркеумен"]),
        ];
        for (w, forms) in rows {
            let got: Vec<String> = [Case::Gen, Case::Acc, Case::Dat, Case::Loc, Case::Abl, Case::Ins]
                .iter()
                .map(|&c| inflect(w, f(c)))
                .collect();
            assert_eq!(got, forms, "{w}");
        }
    }

    #[test]
    fn plural_and_possessive() {
        assert_eq!(inflect("тармақ", f(Case::Dat).px3()), "тармағына");
        assert_eq!(inflect("бап", f(Case::Gen).px3()), "бабының");
        assert_eq!(inflect("Жарлық", f(Case::Ins).px3()), "Жарлығымен");
        assert_eq!(inflect("тармақша", f(Case::Loc).plural().px3()), "тармақшаларында");
        assert_eq!(inflect("бала", f(Case::Dat).plural()), "балаларға");
        assert_eq!(inflect("ауыл", f(Case::Nom).plural()), "ауылдар");
        assert_eq!(inflect("мектеп", f(Case::Nom).plural()), "мектептер");
        assert_eq!(inflect("үй", f(Case::Nom).plural()), "үйлер");
        assert_eq!(inflect("тармақ", f(Case::Acc).px3()), "тармағын");
    }

    #[test]
    fn exceptions() {
        assert_eq!(inflect("халық", f(Case::Nom).px3()), "халқы");
        assert_eq!(inflect("халық", f(Case::Gen)), "халықтың");
        assert_eq!(inflect("мүлік", f(Case::Nom).px3()), "мүлкі");
        assert_eq!(inflect("қауіп", f(Case::Nom).px3()), "қаупі");
        assert_eq!(inflect("орын", f(Case::Dat).px3()), "орнына");
        assert_eq!(inflect("акт", f(Case::Nom).px3()), "актісі");
        assert_eq!(inflect("акт", f(Case::Dat)), "актіге");
        // Issue 14: loans in -кт by rule, harmony attested by running text, final ю, a
        // vowel drop the corpus attests, куә.
        assert_eq!(inflect("субъект", f(Case::Gen).px3()), "субъектісінің");
        assert_eq!(inflect("субъект", f(Case::Nom).plural()), "субъектілер");
        assert_eq!(inflect("объект", f(Case::Nom).px3()), "объектісі");
        assert_eq!(inflect("округ", f(Case::Gen)), "округтің");
        assert_eq!(inflect("округ", f(Case::Dat).px3()), "округіне");
        assert_eq!(inflect("округ", f(Case::Nom).plural()), "округтер");
        assert_eq!(inflect("педагог", f(Case::Gen)), "педагогтің");
        assert_eq!(inflect("педагог", f(Case::Nom).plural()), "педагогтер");
        assert_eq!(inflect("жою", f(Case::Gen)), "жоюдың");
        assert_eq!(inflect("жою", f(Case::Nom).px3()), "жоюы");
        assert_eq!(inflect("жою", f(Case::Dat)), "жоюға");
        assert_eq!(inflect("қалып", f(Case::Nom).px3()), "қалпы");
        assert_eq!(inflect("қалып", f(Case::Dat).px3()), "қалпына");
        assert_eq!(inflect("куә", f(Case::Nom).plural()), "куәлар");
        assert_eq!(inflect("куә", f(Case::Dat)), "куәға");
        assert_eq!(inflect("процесс", f(Case::Nom).px3()), "процесі");
        assert_eq!(inflect("процесс", f(Case::Nom)), "процесс");
        assert_eq!(inflect("отбасы", f(Case::Dat)), "отбасына");
        assert_eq!(inflect("отбасы", f(Case::Gen)), "отбасының");
    }

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(inflect("Салемов", f(Case::Dat)), "Салемовке");
        assert_eq!(inflect("Құнанбаев", f(Case::Dat)), "Құнанбаевқа");
        assert_eq!(inflect_phrase("С.Ж. Салемов", f(Case::Dat)), "С.Ж. Салемовке");
        assert_eq!(inflect("ІІМ", f(Case::Dat)), "ІІМ-ге");
        assert_eq!(inflect("ПД", f(Case::Dat)), "ПД-ға");
        assert_eq!(inflect("ІІО", f(Case::Loc)), "ІІО-да");
        assert_eq!(inflect("ӘПК", f(Case::Dat)), "ӘПК-ге");
        assert_eq!(inflect("ЗАҢ", f(Case::Dat)), "ЗАҢҒА");
    }

    #[test]
    fn phrases() {
        assert_eq!(
            inflect_phrase("Тараз қаласы мен аудандық білім бөлімдерінің басшылары", f(Case::Dat)),
            "Тараз қаласы мен аудандық білім бөлімдерінің басшыларына"
        );
        assert_eq!(inflect_phrase("Тараз қаласы", f(Case::Dat)), "Тараз қаласына");
        assert_eq!(inflect_phrase("аудандық мәслихат", f(Case::Gen)), "аудандық мәслихаттың");
        assert_eq!(inflect_phrase("қаулы", f(Case::Dat)), "қаулыға");
    }
}
