//! Properties of normalization and parsing, on generated legal-looking text with
//! artifacts: normalizing twice equals normalizing once, and no word is lost (every
//! word of the input is in the YAML or in the repair report).

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use qujat::parse::parse_bytes;
use qujat::text::normalize;

const WORDS: &[&str] = &[
    "Басқарма",
    "мемлекеттік",
    "органдардың",
    "жұмысын",
    "ұйымдастыру",
    "туралы",
    "Қазақстан",
    "Республикасының",
    "заңнамасына",
    "сәйкес",
    "жүзеге",
    "асырады",
    "кәмелетке",
    "толмағандардың",
    "құқықтарын",
    "қорғау",
    "және",
    "Кеңес",
    "шешім",
    "қабылдайды",
    "тармақшасына",
    "балалардың",
    "әкімдігі",
    "мүлкі",
    "іс-қимыл",
    "өзара",
];

/// One line of a generated document: a label, words, end punctuation, maybe damaged.
fn line() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just(String::new()),
            (1u8..30).prop_map(|n| format!("{n}. ")),
            (1u8..12).prop_map(|n| format!("{n}) ")),
            Just("- ".to_string()),
            (1u8..6).prop_map(|n| format!("{n}-тарау. "))
        ],
        prop::collection::vec(prop::sample::select(WORDS), 1..14),
        prop_oneof![Just(""), Just("."), Just(";"), Just(":"), Just(",")],
        0u8..12,
        0usize..6,
    )
        .prop_map(|(label, words, end, artifact, indent)| {
            let mut ws: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            match artifact {
                // letter-spaced run with double spaces between words
                0 if ws.len() >= 2 => {
                    let run: Vec<String> =
                        ws[..2].iter().map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" ")).collect();
                    ws.splice(..2, [run.join("  ")]);
                }
                // look-alike Latin letters
                1 => ws = ws.into_iter().map(|w| w.replacen('а', "a", 1).replacen('о', "o", 1)).collect(),
                // non-breaking spaces and tabs
                2 => return format!("{}{}{}\u{a0}{}", " ".repeat(indent), label, ws.join("\u{a0}"), end),
                3 => return format!("\t{}{}{}", label, ws.join(" "), end),
                // bookmark remnant
                4 => return format!("[bookmark: z{}]", ws.len()),
                // dangling punctuation on its own line
                5 if !end.is_empty() => return format!("{}{}{}\n{}", " ".repeat(indent), label, ws.join(" "), end),
                _ => {}
            }
            format!("{}{}{}{}", " ".repeat(indent), label, ws.join(" "), end)
        })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), 0u8..4), 1..25).prop_map(|lines| {
        let mut s = String::new();
        for (l, gap) in lines {
            s.push_str(&l);
            s.push('\n');
            // blank lines: paragraph breaks and page breaks
            for _ in 0..(gap.saturating_sub(1)) {
                s.push('\n');
            }
        }
        s
    })
}

/// Words, lowercased; a hyphenated word also counts its parts (іс-қимыл: іс, қимыл).
fn words_of(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in s
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| !w.is_empty())
    {
        if w.contains('-') {
            out.extend(w.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        }
        out.insert(w);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn normalizing_twice_equals_once(doc in document(), md in any::<bool>()) {
        let once = normalize(&doc, md).text();
        let twice = normalize(&once, md).text();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn no_word_is_lost(doc in prop_oneof![document(), adversarial()]) {
        let n = normalize(&doc, false);
        // Every input word is in the repaired text or named by a repair.
        let out = words_of(&n.text());
        let mut reported = BTreeSet::new();
        for r in &n.repairs {
            reported.extend(words_of(&r.before));
            reported.extend(words_of(&r.after));
        }
        // (A hyphenated word is checked through its parts, which words_of also lists.)
        for w in words_of(&doc).into_iter().filter(|w| !w.contains('-')) {
            prop_assert!(out.contains(&w) || reported.contains(&w), "{} lost", w);
        }
        // And every word of the repaired text is in the YAML.
        if let Ok(parsed) = parse_bytes(doc.as_bytes(), Path::new("gen.txt"), "gen.txt", false) {
            let yaml = words_of(&parsed.act.to_yaml());
            // HTML tags are markup (a converter's anchors), not words, when the text reads as Markdown.
            static TAGS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"<[^<>]*>").unwrap());
            let tags = &*TAGS;
            // (Compare with the parser's own normalization: it may have read the text as Markdown.)
            let pn = parsed.normalized.text();
            // Markdown inline markup (emphasis, code) sits inside words, so there each word
            // need only occur within the YAML's text; plain text is checked word for word.
            let md = parsed.normalized.markdown;
            let text = if md { tags.replace_all(&pn, " ").into_owned() } else { pn };
            let yaml_text = parsed.act.to_yaml().to_lowercase();
            let out = words_of(&text);
            for w in out {
                // "1-тарау" is structure: kind chapter, num "1"; a letter's field labels are
                // the fields received, attachments, executor (name, phone) and copies.
                static CHAPTER: std::sync::LazyLock<regex::Regex> =
                    std::sync::LazyLock::new(|| regex::Regex::new(r"^(?:\d+(?:-\d+)*-)?(?:тарау|бөлім|бап|параграф)(.*)$").unwrap());
                let chapter = &*CHAPTER;
                if let Some(c) = chapter.captures(&w) {
                    // The label is structure; what is glued after it must still be there.
                    prop_assert!(c[1].is_empty() || yaml_text.contains(&c[1]), "{} lost after a label", &c[1]);
                    continue;
                }
                let label = parsed.act.meta.act_type.as_deref() == Some("letter") && matches!(w.as_str(), "кіріс" | "қосымша" | "орын" | "тел" | "көшірме");
                let found = if md { w.split('-').all(|part| yaml_text.contains(part)) } else { yaml.contains(&w) };
                prop_assert!(label || found, "{} is in the text but not in the YAML", w);
            }
        }
    }
}

#[test]
fn seeds_and_real_acts_are_fixed_points() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["corpus/raw", "tests/real"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let md = p.extension().unwrap() == "md" || qujat::text::looks_like_markdown(&text);
            let once = normalize(&text, md).text();
            assert_eq!(normalize(&once, md).text(), once, "{}", p.display());
        }
    }
}

/// Text made of the characters the parser reacts to: digits, labels, punctuation,
/// Markdown syntax, Cyrillic and Latin letters, odd spaces, line and page breaks.
fn adversarial() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1",
        "12",
        "7-2",
        ".",
        ")",
        "-",
        "–",
        "—",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\u{0C}",
        "\t",
        "\u{a0}",
        "\u{ad}",
        "#",
        "## ",
        "> ",
        "*",
        "**",
        "`",
        "```",
        "[bookmark: z4]",
        "©",
        "№",
        ":",
        ";",
        ",",
        "«",
        "»",
        "\"",
        "(",
        "бұдан әрі – ",
        "тарау",
        "бап",
        "Қағидалар",
        "ШЕШІМ ҚАБЫЛДАДЫ:",
        "БҰЙЫРАМЫН:",
        "ҚАУЛЫ ЕТЕДІ:",
        "бекітілген",
        "БЕКІТІЛГЕН",
        "қосымша",
        "1-қосымша",
        "Қағидаларына 2-қосымша",
        "Нысан",
        "КЕЛІСІЛДІ",
        "«КЕЛІСІЛДІ»",
        "Ескерту. ",
        "Ескерту. 3-тармақ жаңа редакцияда - ҚР 03.07.2013 № 124-V Заңымен.",
        "алып тасталды",
        "1-параграф",
        "ТАРАУ 2",
        "IV. ",
        "а) ",
        "; 7) ",
        "20__ жылғы « »",
        "№____",
        "_____",
        "асы-",
        "о л",
        "2\n\n",
        "министрі",
        "вице-министрі",
        "туралы\n",
        "2026 жылғы 5 қаңтардағы",
        "05.05.2026",
        "Қосымша: 3 бет.",
        "КІРІС № 1",
        "орын.",
        "тел. 43-88-23",
        "Е. Оспан",
        "хатына",
        "а",
        "б",
        "ә",
        "і",
        "x",
        "I",
        "ə",
        "\u{301}",
        "ӏ",
        "\r\n",
        "\\",
        "<a id=\"p1\"></a>",
        "- 1) ",
        "5.1. ",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// Whatever the bytes, the pipeline answers with a result or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_bytes(&bytes, Path::new("x.txt"), "x.txt", false);
        let _ = parse_bytes(&bytes, Path::new("x.md"), "x.md", true);
    }

    #[test]
    fn adversarial_text_never_panics_and_stays_idempotent(doc in adversarial(), md in any::<bool>()) {
        let _ = parse_bytes(doc.as_bytes(), Path::new("x.txt"), "x.txt", md);
        let once = normalize(&doc, md).text();
        prop_assert_eq!(normalize(&once, md).text(), once);
    }
}

mod lang {
    use proptest::prelude::*;
    use qujat::lang::date::{self, Date, DateForm};
    use qujat::lang::number::{cardinal, ordinal, parse_words};
    use qujat::lang::{inflect, Case, Form};

    proptest! {
        /// Numbers in words read back to the same number, cardinal and ordinal.
        #[test]
        fn numbers_in_words_round_trip(n in 0u64..10_000_000_000_000) {
            prop_assert_eq!(parse_words(&cardinal(n)), Some((n, false)));
            prop_assert_eq!(parse_words(&ordinal(n)), Some((n, true)));
        }

        /// Every date phrase, in every form, parses back to its date and form.
        #[test]
        fn date_phrases_round_trip(y in 1900u32..2100, m in 1u32..=12, d in 1u32..=31, k in 0usize..8) {
            if let Some(date) = Date::new(y, m, d) {
                let form = if k == 7 { DateForm::Attr } else { DateForm::Case(Case::ALL[k]) };
                let p = date::phrase(date, form);
                let found = date::parse(&p).unwrap();
                prop_assert_eq!((found.date, found.form), (date, form));
                prop_assert_eq!(date::parse(&date::short(date)).unwrap().date, date);
            }
        }

        /// For a word made of Kazakh syllables: the nominative is the word, and every form
        /// keeps the word but for its last letter (voicing) and adds only lower-case letters.
        /// Only the possessive may also drop the last vowel (ырық → ырқы, халық → халқы).
        #[test]
        fn forms_extend_the_stem(word in "[бдгжзйклмнңпрстшқғ]?[аәеоөұүыі][бдгжзйклмнңпрстшқғ]{1,2}[аәеоөұүыі][йклмнңпрстшқз]?") {
            let stem: String = word.chars().take(word.chars().count() - 1).collect();
            for form in Form::all() {
                let f = inflect(&word, form);
                if form == Form::case(Case::Nom) {
                    prop_assert_eq!(&f, &word);
                }
                let keep = if form.possessive == qujat::lang::Possessive::Px3 && !f.starts_with(&stem) {
                    stem.chars().take(stem.chars().count() - 1).collect::<String>()
                } else {
                    stem.clone()
                };
                prop_assert!(f.starts_with(&keep), "{} → {}", word, f);
                prop_assert!(f[keep.len()..].chars().all(|c| c.is_lowercase() && c.is_alphabetic()), "{} → {}", word, f);
            }
        }
    }
}

mod check {
    use proptest::prelude::*;
    use qujat::cite::check;
    use qujat::corpus::Corpus;

    const PIECES: &[&str] = &[
        "Ереженің",
        "13-тармағына",
        "осы",
        "тармақтың",
        "1)",
        "және",
        "2)",
        "тармақшаларында",
        "Қағидалардың",
        "11-тармағының",
        "6) тармақшасына",
        "№ 149",
        "2024 жылғы 19 маусымдағы",
        "бұйрығымен",
        "бекітілген",
        "(бұдан әрі – Қағидалар)",
        "«",
        "»",
        "3-7-тармақтарына",
        "10)-12)",
        "екінші бөлігіне",
        "7-2-бабының",
        ",",
        ".",
        "\n",
        "\n\n",
        "1.",
        "шешімнің",
        "\u{a0}",
        // Issue 13's forms: owners in the nominative and before brackets, abbreviations,
        // codes by name, appendices "to" a document, amending verbs, notes.
        "Заңы",
        "Кодексінің",
        "(бұдан әрі – ҚР ҚК)",
        "ҚР",
        "ҚК-нің",
        "ӘҚБтК",
        "Еңбек",
        "кодексінің",
        "Конституциясының",
        "осы хаттаманың",
        "Қағидаларға",
        "3-қосымшаға",
        "1-4",
        "қосымшаларға",
        "толықтырылсын",
        "> *Ескерту.",
        "(Салық кодексі)",
        "2001 жылғы 23 қаңтардағы",
        "«Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы»",
        "6-бабының",
        "12-3)",
        "1-7)",
    ];

    proptest! {
        /// Any arrangement of reference pieces (and any text) checks without a panic, and
        /// every span lies inside the text with a line and column that match it.
        #[test]
        fn check_never_panics(words in prop::collection::vec(prop::sample::select(PIECES), 0..60), noise in ".{0,40}") {
            let text = format!("{}{noise}", words.join(" "));
            let corpus = Corpus::bundled();
            let c = check(&text, "p.txt", false, &corpus);
            for d in &c.diagnostics {
                prop_assert!(d.span.bytes.end <= text.len() && text.is_char_boundary(d.span.bytes.start));
                let line_start = text[..d.span.bytes.start].rfind('\n').map_or(0, |i| i + 1);
                prop_assert_eq!(d.span.column, text[line_start..d.span.bytes.start].chars().count() + 1);
            }
        }

        /// Any text at all, as plain text and as Markdown: no panic, and every span of a
        /// diagnostic or a citation lies inside the text, on a character boundary.
        #[test]
        fn any_text_checks_with_spans_inside(text in "\\PC{0,300}", markdown in any::<bool>()) {
            let corpus = Corpus::bundled();
            let c = check(&text, "any.txt", markdown, &corpus);
            let spans = c.diagnostics.iter().map(|d| &d.span).chain(c.citations.iter().map(|c| &c.span));
            for s in spans {
                prop_assert!(s.bytes.start <= s.bytes.end && s.bytes.end <= text.len());
                prop_assert!(text.is_char_boundary(s.bytes.start) && text.is_char_boundary(s.bytes.end));
                prop_assert!(s.line >= 1 && s.line <= text.lines().count().max(1));
            }
        }
    }
}

/// Found by the property above (session 8): a Latin letter joined to a Cyrillic one
/// across a hyphenated line end became a mixed word only after the join, so a second
/// normalization changed it.
#[test]
fn a_lookalike_joined_across_a_line_end_is_repaired_at_once() {
    for md in [false, true] {
        let once = normalize("бұдан әрі – Ескерту. x-\nа", md).text();
        assert_eq!(normalize(&once, md).text(), once, "markdown: {md}");
        assert!(once.contains("ха"), "{once}");
    }
}
