//! Issue 13: references to laws and codes, checked with care. Drafts in tests/drafts:
//! a law that lost force, a repealed subclause, a unit the bundled version lacks, the
//! forms real acts write (nominative owners, codes by name, the Constitution, defined
//! abbreviations, "осы хаттаманың"). The Labour Code is imported from
//! tests/fixtures/split-code for the codes.

use std::path::Path;

use qujat::cite::{check, Checked, Severity};
use qujat::corpus::Corpus;

fn draft(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts").join(name)).unwrap()
}

fn diags(c: &Checked) -> Vec<(Severity, &str, &str)> {
    c.diagnostics.iter().map(|d| (d.severity, d.code, d.message.as_str())).collect()
}

#[test]
fn a_law_that_lost_force_is_an_error_naming_the_act_that_ended_it() {
    let c = check(&draft("lost-force-law.txt"), "lost.txt", false, &Corpus::bundled());
    assert_eq!(
        diags(&c),
        [(
            Severity::Error,
            "lost-force",
            "«Құқық бұзушылық профилактикасы туралы» Заңы 2026-02-28 бастап күшін жойған (2025-12-30 № 245-VIII заңымен); құжат күні 2026-03-15"
        )]
    );
    // Cited before the loss of force, the same law is fine.
    let before = draft("lost-force-law.txt").replace("2026 жылғы 15 наурыздағы", "2025 жылғы 15 наурыздағы");
    assert_eq!(check(&before, "before.txt", false, &Corpus::bundled()).errors(), 0);
}

#[test]
fn a_repealed_subclause_is_an_error_naming_the_repealing_act() {
    let c = check(&draft("repealed-subclause.txt"), "repealed.txt", false, &Corpus::bundled());
    assert_eq!(
        diags(&c),
        [(
            Severity::Error,
            "repealed-unit",
            "Заңының 5-бабының 2) тармақшасы алып тасталған (2013-07-03 № 124-V заңымен)"
        )]
    );
}

#[test]
fn a_unit_missing_from_an_older_version_is_a_warning_naming_the_version() {
    let c = check(&draft("later-version.txt"), "later.txt", false, &Corpus::bundled());
    assert_eq!(
        diags(&c),
        [(
            Severity::Warning,
            "missing-unit",
            "Заңының 7-2-бабының екінші бөлігі 2024-01-01 редакциясында жоқ; кейінгі өзгерістер корпуста жоқ"
        )]
    );
}

/// The bundled corpus and the Labour Code, imported.
fn with_labour_code() -> Corpus {
    let out = std::env::temp_dir().join(format!("qujat-check-laws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split-code");
    qujat::corpus::import::import(&[src], &out, None, &|_, _| {}).unwrap();
    let mut c = Corpus::default();
    c.add_dir(&out).unwrap();
    for a in qujat::corpus::bundled_acts() {
        c.add_unless_newer(a.clone());
    }
    c
}

#[test]
fn references_as_real_acts_write_them() {
    let corpus = with_labour_code();
    let c = check(&draft("real-forms.txt"), "forms.txt", false, &corpus);
    let targets: Vec<(&str, Option<&str>)> =
        c.citations.iter().map(|c| (c.text.as_str(), c.target.as_deref())).collect();
    let want = [
        // «X туралы» DATE Қазақстан Республикасы Заңы 6-бабының …: the owner in the nominative.
        ("Заңы 6-бабының 1-тармағына", Some("law-2001-01-23-148/main/art6.p1")),
        // A code by name, without quotes.
        ("кодексінің 22-бабына", Some("code-2015-11-23-414-v/main/art22")),
        // The Constitution is not in the corpus: a warning.
        ("Конституциясының 33-бабына", None),
        // A code with a defined abbreviation, and the abbreviation.
        ("кодексінің (бұдан әрі – ҚР ЕК) 23-бабының 1-тармағы", Some("code-2015-11-23-414-v/main/art23.p1")),
        ("ҚР ЕК-нің 24-бабы", Some("code-2015-11-23-414-v/main/art24")),
        // Қазақстан Республикасының «X туралы» Заңының 27-бабы 3-тармағына: a bare possessive.
        ("Заңының 27-бабы 3-тармағына", Some("law-2016-04-06-480-v/main/art27.p3")),
        // "осы" with any document noun.
        ("Осы хаттаманың 1-тармағында", Some("atyrau-zhylyoi-maslikhaty-2026-03-15-5-2/main/p1")),
        // A code not in the corpus, its abbreviation, then a reference by it: warnings.
        ("кодексінің (бұдан әрі – ҚР ҚК) 73-бабына", None),
        ("ҚР ҚК-нің 74-бабына", None),
    ];
    assert_eq!(targets, want, "{:#?}", c.diagnostics);
    assert_eq!(c.errors(), 0, "{:#?}", c.diagnostics);
    // What is cited, in words: the human report and `target_text`.
    let t = c.citations[1].target_text.as_deref().unwrap();
    assert!(t.starts_with("22-бап. Жұмыскердің негізгі құқықтары мен міндеттері: 1."), "{t}");
}
