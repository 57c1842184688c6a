//! The language layer against data: forms printed in the corpus, and an independent
//! inflector's paradigms (tests/fixtures/inflection, see its README).

use std::collections::HashMap;

use qujat::lang::date::{self, Date, DateForm};
use qujat::lang::noun::parse_tsv_line;
use qujat::lang::{inflect_phrase, Case};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/inflection");

fn rows(file: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(format!("{DIR}/{file}"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn form_of(cols: &[String]) -> String {
    let line = cols[..4].join("\t");
    let (lemma, form) = parse_tsv_line(&line).unwrap().unwrap();
    inflect_phrase(lemma, form)
}

/// Every form in real-forms.tsv is printed in the file it names, and we make it
/// (or, where real texts disagree with each other, the decided form).
#[test]
fn real_forms_from_the_corpus() {
    let table = rows("real-forms.tsv");
    assert!(table.len() >= 80, "{} real forms", table.len());
    let mut texts: HashMap<String, String> = HashMap::new();
    for cols in &table {
        let (printed, file) = (&cols[4], &cols[5]);
        let text = texts
            .entry(file.clone())
            .or_insert_with(|| std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap());
        let found = text.match_indices(printed.as_str()).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + printed.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        assert!(found, "{printed} is not printed in {file}");
        let expected = cols.get(6).unwrap_or(printed);
        assert_eq!(&form_of(cols), expected, "{}", cols.join(" "));
    }
}

/// Agreement with qazaq-inflector on the fixture: ≥ 99.5% on the regular lemmas, and every
/// disagreement (exception lemmas included) is in decisions.tsv with the form we make.
#[test]
fn agreement_with_the_independent_inflector() {
    let lemmas_txt = std::fs::read_to_string(format!("{DIR}/lemmas.txt")).unwrap();
    let exceptions: Vec<&str> = lemmas_txt.split("# exceptions\n").nth(1).unwrap().split_whitespace().collect();
    let decisions: HashMap<String, (String, String)> =
        rows("decisions.tsv").into_iter().map(|c| (c[..4].join("\t"), (c[4].clone(), c[5].clone()))).collect();
    let reference = rows("reference.tsv");
    let lemmas: std::collections::BTreeSet<&str> = reference.iter().map(|c| c[0].as_str()).collect();
    assert!(lemmas.len() - exceptions.len() >= 200, "{} regular lemmas", lemmas.len() - exceptions.len());
    assert_eq!(reference.len(), lemmas.len() * 28);
    let (mut regular, mut regular_agree, mut undecided) = (0, 0, Vec::new());
    let mut decided_used = 0;
    for cols in &reference {
        let ours = form_of(cols);
        let key = cols[..4].join("\t");
        let is_exception = exceptions.contains(&cols[0].as_str());
        if !is_exception {
            regular += 1;
            regular_agree += usize::from(ours == cols[4]);
        }
        if ours != cols[4] {
            match decisions.get(&key) {
                Some((theirs, decided)) if theirs == &cols[4] && decided == &ours => decided_used += 1,
                _ => undecided.push(format!("{key}\treference {}\tours {ours}", cols[4])),
            }
        }
    }
    let rate = regular_agree as f64 / regular as f64;
    eprintln!(
        "agreement: {regular_agree}/{regular} regular forms ({:.2}%), {decided_used} decided disagreements",
        rate * 100.0
    );
    assert!(undecided.is_empty(), "disagreements not decided in decisions.tsv:\n{}", undecided.join("\n"));
    assert_eq!(decided_used, decisions.len(), "decisions.tsv lists disagreements that no longer occur");
    assert!(rate >= 0.995, "agreement {:.2}% < 99.5%", rate * 100.0);
}

/// Date phrases of the corpus parse back to the date and the form they are in.
#[test]
fn corpus_dates_parse_back() {
    let cases = [
        ("2003 жылғы 9 қыркүйектегі", (2003, 9, 9), DateForm::Attr),
        ("2026 жылғы 5 қаңтардағы", (2026, 1, 5), DateForm::Attr),
        ("2024 жылғы 21 маусымда", (2024, 6, 21), DateForm::Case(Case::Loc)),
        ("2026 жылғы 7 сәуірдегі", (2026, 4, 7), DateForm::Attr),
        ("05.05.2026 ж.", (2026, 5, 5), DateForm::Case(Case::Nom)),
    ];
    for (text, (y, m, d), form) in cases {
        let f = date::parse(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((f.date, f.form), (Date::new(y, m, d).unwrap(), form), "{text}");
        if form != DateForm::Case(Case::Nom) {
            assert_eq!(date::phrase(f.date, f.form), text);
        } else {
            assert_eq!(date::short(f.date), text);
        }
    }
}

/// Agreement on held-out nouns (heldout.tsv, see the README): 294 lemmas of legal text
/// chosen by a script, none in the first fixture or in `src/lang`; the `aside` third was
/// never tuned on. A form agrees when it is the reference's, or when the two sources the
/// language layer never reads (heldout-attested.tsv: hunspell-kk's expansion and the
/// held-out laws' text) decide for ours: for that lemma, our differing forms are attested
/// and the reference's are not (when both are, form by form).
#[test]
fn agreement_on_held_out_nouns() {
    // lemma → word → its sources ("h" hunspell-kk, "l" the held-out laws).
    let mut attested: HashMap<String, HashMap<String, String>> = HashMap::new();
    for cols in rows("heldout-attested.tsv") {
        attested.entry(cols[0].clone()).or_default().insert(cols[1].clone(), cols[2].clone());
    }
    let table = rows("heldout.tsv");
    let ours: Vec<String> = table.iter().map(|c| form_of(c)).collect();
    let seen_in = |src: char, lemma: &str, form: &str| {
        attested.get(lemma).and_then(|w| w.get(form)).is_some_and(|s| s.contains(src))
    };
    // For each lemma, the source that speaks: the laws' running text when it prints any
    // differing form, else hunspell-kk (which expands some loans in both harmonies).
    let mut counts: HashMap<&str, [(usize, usize); 2]> = HashMap::new();
    for (cols, ours) in table.iter().zip(&ours) {
        if *ours != cols[4] {
            let e = counts.entry(cols[0].as_str()).or_default();
            for (i, src) in ['l', 'h'].into_iter().enumerate() {
                e[i].0 += usize::from(seen_in(src, &cols[0], ours));
                e[i].1 += usize::from(seen_in(src, &cols[0], &cols[4]));
            }
        }
    }
    let by_lemma: HashMap<&str, (char, usize, usize)> = counts
        .into_iter()
        .map(|(l, [(la, lb), (ha, hb)])| (l, if la + lb > 0 { ('l', la, lb) } else { ('h', ha, hb) }))
        .collect();
    let seen = |src: char, lemma: &str, form: &str| seen_in(src, lemma, form);
    let mut tally: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    let mut misses = Vec::new();
    for (cols, ours) in table.iter().zip(&ours) {
        let exact = *ours == cols[4];
        let (src, a, b) = by_lemma.get(cols[0].as_str()).copied().unwrap_or(('l', 0, 0));
        let attested = !exact
            && match (a, b) {
                (0, _) => false,
                (_, 0) => true,
                _ => seen(src, &cols[0], ours) && !seen(src, &cols[0], &cols[4]),
            };
        let t = tally.entry(cols[5].as_str()).or_default();
        t.0 += 1;
        t.1 += usize::from(exact);
        t.2 += usize::from(exact || attested);
        if !exact && !attested {
            misses.push(format!("{}\t{}\treference {}\tours {ours}", cols[5], cols[..4].join(" "), cols[4]));
        }
    }
    for (set, (n, exact, agree)) in &tally {
        eprintln!(
            "{set}: {agree}/{n} agree ({:.2}%); {exact} exactly as the reference ({:.2}%)",
            *agree as f64 * 100.0 / *n as f64,
            *exact as f64 * 100.0 / *n as f64
        );
    }
    eprintln!("{}", misses.join("\n"));
    for (set, (n, _, agree)) in &tally {
        // The target is on the aside third; the tune set keeps the bar of the first fixture.
        let bar = if *set == "aside" { 0.997 } else { 0.995 };
        assert!(*agree as f64 >= bar * *n as f64, "{set}: {agree}/{n} < {}%", bar * 100.0);
    }
    assert_eq!(tally.len(), 2, "sets: {:?}", tally.keys());
}
