//! Synthetic inputs for the check benchmark: a corpus of many acts made from the bundled
//! ones, and a long draft that cites them.

use crate::corpus::Corpus;
use crate::lang::date::{phrase, Date, DateForm};
use crate::lang::{inflect, Case, Form};

/// `n` acts: the bundled acts (letters aside) copied with new numbers and dates.
pub(super) fn corpus(n: usize) -> Corpus {
    let base = Corpus::bundled();
    let seeds: Vec<_> =
        // (The bundled laws stay out: the benchmark measures the same corpus of decisions,
        // resolutions and orders as before they were bundled.)
        base.acts()
            .filter(|a| !matches!(a.meta.act_type.as_deref(), Some("letter" | "law" | "code" | "constitution")))
            .filter(|a| a.meta.number.is_some())
            .collect();
    let mut c = Corpus::default();
    for i in 0..n {
        let mut act = seeds[i % seeds.len()].clone();
        let d = date_of(i);
        act.meta.number = Some(format!("{}", 1000 + i));
        act.meta.date = Some(d.iso());
        act.id = format!("synthetic-{i}");
        c.add(act);
    }
    c
}

fn date_of(i: usize) -> Date {
    Date::new(2000 + (i % 26) as u32, 1 + (i / 26 % 12) as u32, 1 + (i / 312 % 28) as u32).unwrap()
}

/// A draft of about `pages` pages (3,000 characters each) with ten references a page to
/// acts of the synthetic corpus: full references, short forms, lists, some broken.
pub(super) fn draft(corpus: &Corpus, pages: usize) -> String {
    let mut out = String::from("# Шешімнің жобасы\n\n");
    let filler = "Кеңес мүшелері аудандағы құқық бұзушылықтың алдын алу жөніндегі жұмыстың барысын қарап, мемлекеттік органдардың өзара іс-қимылын күшейту қажет деп санайды. ";
    let mut clause = 1;
    for p in 0..pages {
        for r in 0..10 {
            let i = (p * 37 + r * 101) % corpus.len();
            let act = corpus.act(i);
            let word = act.meta.act_type_kk.clone().unwrap_or_else(|| "шешім".into());
            let d = Date::from_iso(act.meta.date.as_deref().unwrap()).unwrap();
            let short = act.parts.iter().find_map(|p| p.short_name.clone()).unwrap_or_else(|| "Ереже".into());
            let clause_no = if r == 9 { 99 } else { 1 + (p + r) % 10 };
            out.push_str(&format!(
                "{clause}. {filler}{} № {} {} бекітілген {} {}-{} сәйкес, {} {} және {}-{} назар аударылсын. {filler}\n\n",
                phrase(d, DateForm::Attr),
                act.meta.number.as_deref().unwrap(),
                inflect(&word, Form::case(Case::Ins).px3()),
                inflect(&short, Form::case(Case::Gen)),
                clause_no,
                inflect("тармақ", Form::case(Case::Dat).px3()),
                inflect(&short, Form::case(Case::Gen)),
                if r % 2 == 0 { "1" } else { "2" },
                1 + r % 3,
                inflect("тармақ", Form::case(Case::Dat).plural().px3()),
            ));
            clause += 1;
        }
    }
    out
}
