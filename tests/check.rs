//! `qujat check` on drafts written to exercise every reference form, valid and broken,
//! with the exact diagnostics expected; the seeds check clean; positions point into the
//! original file even when it needed repairs.

use std::process::Command;

use qujat::cite::{check, Checked, Severity};
use qujat::corpus::Corpus;

fn run(file: &str) -> Checked {
    let path = format!("{}/tests/drafts/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    check(&text, file, file.ends_with(".md"), &Corpus::bundled())
}

fn diags(c: &Checked) -> Vec<(&str, &str, usize, usize, &str)> {
    c.diagnostics
        .iter()
        .map(|d| {
            let sev = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            (sev, d.code, d.span.line, d.span.column, d.message.as_str())
        })
        .collect()
}

#[test]
fn valid_draft_resolves_every_form() {
    let c = run("valid.md");
    let cites: Vec<(usize, usize, &str, Option<&str>)> =
        c.citations.iter().map(|c| (c.span.line, c.span.column, c.text.as_str(), c.target.as_deref())).collect();
    let draft = "kukyk-buzushylyktyn-aldyn-alu-zhonindegi";
    let expected: Vec<(usize, usize, &str, Option<String>)> = vec![
        // A full reference: approving act by issuer, date and number; the attachment by its word.
        (4, 12, "Ереженің 13-тармағына", Some("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2/att1/p13".into())),
        // A short form pointing back to the act mentioned last; a hyphen-style list.
        (6, 21, "Ереженің 11 және 12-тармақтарында", Some("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2/att1/p11".into())),
        // A range.
        (8, 20, "Ереженің 3-7-тармақтарына", Some("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2/att1/p3".into())),
        // A short name the draft defines "(бұдан әрі – Қағидалар)"; a chain.
        (15, 4, "Қағидалардың 11-тармағының 6) тармақшасына", Some("kz-oku-agartu-2024-06-19-149/att1/p11.sp6".into())),
        (
            16,
            13,
            "Қағидалардың 11-тармағының 1), 5) және 6) тармақшаларында",
            Some("kz-oku-agartu-2024-06-19-149/att1/p11.sp1".into()),
        ),
        (
            19,
            4,
            "Қағидалардың 11-тармағының 1)-3) тармақшалары",
            Some("kz-oku-agartu-2024-06-19-149/att1/p11.sp1".into()),
        ),
        // An act found by its title in «».
        (22, 54, "бұйрықтың 3-тармағы", Some("kz-oku-agartu-2024-06-19-149/main/p3".into())),
        // Self references: the clause that holds the reference, and the draft.
        (25, 4, "Осы тармақтың 1) және 2) тармақшаларында", Some(format!("{draft}/main/p7.sp1"))),
        // A second full reference makes "Ереже" another act from here on.
        (30, 1, "Ереженің 2-тарауы", Some("kostanai-akimat-2026-01-05-2/att1/ch2".into())),
        (30, 31, "Ереженің 9-тармағында", Some("kostanai-akimat-2026-01-05-2/att1/p9".into())),
        (32, 4, "Осы шешімнің 7-тармағының", Some(format!("{draft}/main/p7"))),
        // Acts not in the corpus: a law by title (a part in words), a plan.
        (35, 1, "Заңының 7-2-бабының екінші бөлігі", None),
        (37, 16, "жоспарының 64-тармағы", None),
        // The state registration number; an attachment link; a chapter, then its clause;
        // a paragraph (абзац), verified down to its clause.
        (40, 32, "Қағидалардың 9-тармағы", Some("kz-oku-agartu-2024-06-19-149/att1/p9".into())),
        (
            43,
            1,
            "шешімінің 1-қосымшасының 12-тармағына",
            Some("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2/att1/p12".into()),
        ),
        (46, 1, "Ереженің 2-тарауының 14-тармағы", Some("kostanai-akimat-2026-01-05-2/att1/p14".into())),
        (46, 38, "Қағидалардың 11-тармағының екінші абзацы", Some("kz-oku-agartu-2024-06-19-149/att1/p11".into())),
    ];
    let expected: Vec<(usize, usize, &str, Option<&str>)> =
        expected.iter().map(|(l, c, t, g)| (*l, *c, *t, g.as_deref())).collect();
    assert_eq!(cites, expected);
    // Lists and ranges name every unit.
    assert_eq!(c.citations[2].targets.len(), 5);
    assert_eq!(
        c.citations[4].targets.iter().map(|t| t.rsplit('/').next().unwrap()).collect::<Vec<_>>(),
        ["p11.sp1", "p11.sp5", "p11.sp6"]
    );
    assert_eq!(
        diags(&c),
        vec![
            // The bundled law's text is its 2024-01-01 version, and the draft is undated
            // (today): the second part may have come with a later amendment, so a warning.
            (
                "warning",
                "missing-unit",
                35,
                1,
                "Заңының 7-2-бабының екінші бөлігі 2024-01-01 редакциясында жоқ; кейінгі өзгерістер корпуста жоқ",
            ),
            ("warning", "unknown-act", 37, 16, "жоспары («Іс-шаралар жоспары») корпуста жоқ: сілтеме тексерілмеді"),
        ]
    );
}

#[test]
fn broken_draft_reports_every_missing_unit() {
    let c = run("broken.md");
    assert_eq!(
        diags(&c),
        vec![
            ("error", "missing-unit", 4, 12, "Ереженің 15-тармағы жоқ: 1–14-тармақтар бар"),
            ("error", "missing-unit", 6, 4, "Ереженің 15-20-тармақтары жоқ: 1–14-тармақтар бар"),
            ("error", "missing-unit", 11, 8, "Қағидалардың 11-тармағының 9) тармақшасы жоқ: 1)–7) тармақшалар бар"),
            ("error", "missing-unit", 13, 4, "Қағидалардың 11-тармағының 12) тармақшасы жоқ: 1)–7) тармақшалар бар"),
            ("error", "missing-unit", 14, 1, "Қағидалардың 40-тармағы жоқ: 1–13-тармақтар бар"),
            ("error", "missing-unit", 16, 4, "осы тармақтың 3) тармақшасы жоқ: 1), 2) тармақшалар бар"),
            ("error", "missing-unit", 20, 4, "осы шешімнің 19-тармағы жоқ: 1–9-тармақтар бар"),
            (
                "warning",
                "unknown-act",
                22,
                56,
                "бұйрық бекіткен Қағидалар (2024-06-19, № 150) корпуста жоқ: сілтеме тексерілмеді"
            ),
            ("warning", "unknown-act", 24, 4, "Кодекс: қай акт екені көрсетілмеген, сілтеме тексерілмеді"),
            ("error", "missing-unit", 27, 1, "Ереженің 2-тарауының 20-тармағы жоқ: 13–15-тармақтар бар"),
            // "… және 3-бөлімі" shares the owner of the reference before it.
            ("error", "missing-unit", 27, 38, "Ереженің 3-бөлімі жоқ: бөлімдер жоқ"),
            ("error", "missing-unit", 30, 1, "шешімінің 2-қосымшасы жоқ: 1-қосымша бар"),
        ]
    );
    assert!(c.citations.iter().all(|c| !c.resolved));
}

/// An act found by its state registration number alone.
#[test]
fn registration_number_identifies_an_act() {
    let text = "Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 34535 болып тіркелген бұйрықпен бекітілген Қағидалардың 9-тармағы ескерілсін.\n";
    let c = check(text, "draft.txt", false, &Corpus::bundled());
    assert_eq!(c.citations[0].target.as_deref(), Some("kz-oku-agartu-2024-06-19-149/att1/p9"), "{:?}", c.diagnostics);
    let c = check(&text.replace("34535", "34536"), "draft.txt", false, &Corpus::bundled());
    assert_eq!(diags(&c)[0].1, "unknown-act");
}

#[test]
fn a_short_form_with_no_context_is_ambiguous() {
    let c = run("ambiguous.txt");
    assert_eq!(
        diags(&c),
        vec![("note", "ambiguous", 1, 1, "«Ереже» корпуста 3 актіде бар: қайсысы екені белгісіз, тексерілмеді")]
    );
    assert!(c.diagnostics[0].notes[0].contains("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2"));
}

/// Every seed checks without errors, and seed 004's self reference resolves.
#[test]
fn seeds_check_clean() {
    let corpus = Corpus::bundled();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/raw")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = qujat::text::decode(&bytes, &path).unwrap().text;
        let c = check(&text, &path.display().to_string(), false, &corpus);
        assert_eq!(c.errors(), 0, "{}: {:?}", path.display(), c.diagnostics);
        if path.to_string_lossy().contains("004_") {
            let r = c.citations.iter().find(|c| c.text.contains("осы тармақтың")).unwrap();
            assert_eq!(
                r.targets,
                ["kz-oku-agartu-2024-06-19-149/main/p2.sp1", "kz-oku-agartu-2024-06-19-149/main/p2.sp2"]
            );
        }
        if path.to_string_lossy().contains("000_") {
            // "… жергілікті мемлекеттік басқару туралы" Заңының 6 бабына: the bundled law
            // (cited by its 2001 date and title, without a number), article 6.
            let r = c.citations.iter().find(|c| c.text.contains("Заңының 6 бабына")).unwrap();
            assert_eq!(r.target.as_deref(), Some("law-2001-01-23-148/main/art6"));
        }
    }
}

/// Damage the valid draft (non-breaking spaces, a bookmark line, a letter-spaced word,
/// a hard wrap moved): the same references resolve to the same targets, and every line and
/// column points at the reference in the damaged file itself.
#[test]
fn positions_point_into_the_original_file() {
    let clean = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/drafts/valid.md")).unwrap();
    let damaged = clean
        .replace("Кеңес ШЕШІМ", "Кеңес\u{a0}ШЕШІМ")
        .replace("1. Кеңес отырыстары", "[bookmark: z4]\n1. Кеңес  отырыстары")
        .replace("өткізілсін", "ө т к і з і л с і н")
        .replace("сәйкес мемлекеттік органдарға", "сәйкес\u{a0}мемлекеттік органдарға")
        .replace("Ереженің 2-тарауы ескерілсін;", "Ереженің 2-тарауы\nескерілсін;");
    let corpus = Corpus::bundled();
    let a = check(&clean, "valid.md", true, &corpus);
    let b = check(&damaged, "damaged.md", true, &corpus);
    let targets = |c: &Checked| c.citations.iter().map(|c| c.target.clone()).collect::<Vec<_>>();
    assert_eq!(targets(&a), targets(&b));
    let lines: Vec<&str> = damaged.lines().collect();
    for c in &b.citations {
        let line = lines[c.span.line - 1];
        let at: String = line.chars().skip(c.span.column - 1).take(4).collect();
        let want: String = c.text.chars().take(4).collect();
        assert_eq!(at, want, "{c:?}");
        assert_eq!(&damaged[c.span.bytes.clone()].chars().take(4).collect::<String>(), &want);
    }
}

fn qujat(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

#[test]
fn cli_human_json_and_exit_codes() {
    let o = qujat(&["check", "tests/drafts/broken.md"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("error[missing-unit]: Ереженің 15-тармағы жоқ: 1–14-тармақтар бар"), "{out}");
    assert!(out.contains("┌─ tests/drafts/broken.md:4:12"), "{out}");
    assert!(out.contains("4 │ бекітілген Ереженің 15-тармағына сәйкес, Кеңес ШЕШІМ ҚАБЫЛДАДЫ:"), "{out}");
    assert!(out.contains("^^^^^^^^^^^^^^^^^^^^^"), "{out}");

    let o = qujat(&["check", "--format", "json", "tests/drafts/valid.md"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    for key in ["severity", "code", "message", "line", "column"] {
        assert!(!d[key].is_null(), "{key} in {d}");
    }
    let c = &v["citations"][3];
    assert_eq!(c["line"], 15);
    assert_eq!(c["column"], 4);
    assert_eq!(c["text"], "Қағидалардың 11-тармағының 6) тармақшасына");
    assert_eq!(c["resolved"], true);
    assert_eq!(c["target"], "kz-oku-agartu-2024-06-19-149/att1/p11.sp6");

    // Adding the bundled acts again replaces them (same ids): nothing turns ambiguous.
    let acts = std::env::temp_dir().join(format!("qujat-check-bundled-{}", std::process::id()));
    assert!(qujat(&["corpus", "-o", acts.to_str().unwrap()]).status.success());
    let o = qujat(&["check", "--format", "json", "--corpus", acts.to_str().unwrap(), "tests/drafts/valid.md"]);
    let again: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(again, v);

    // A missing draft or corpus folder is an input problem (1), as in every command; a
    // wrong flag is usage (2).
    assert_eq!(qujat(&["check", "no/such/draft.md"]).status.code(), Some(1));
    assert_eq!(qujat(&["check", "--corpus", "no/such/dir", "tests/drafts/valid.md"]).status.code(), Some(1));
    assert_eq!(qujat(&["check", "--format", "xml", "tests/drafts/valid.md"]).status.code(), Some(2));
}

/// `--corpus DIR` adds acts: a draft citing an act only there resolves.
#[test]
fn an_added_corpus_folder_is_used() {
    let dir = std::env::temp_dir().join(format!("qujat-check-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(["parse", "tests/real/12.kaz.md", "-o"])
        .arg(&dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = dir.join("12.kaz.yaml");
    let act = qujat::model::Act::from_yaml(&std::fs::read_to_string(&yaml).unwrap(), &yaml).unwrap();
    let (date, number) = (act.meta.date.clone().unwrap(), act.meta.number.clone().unwrap());
    let d = qujat::lang::date::Date::from_iso(&date).unwrap();
    let word = act.meta.act_type_kk.clone().unwrap();
    let draft = format!(
        "{} № {number} {} 1-тармағына сәйкес.\n",
        qujat::lang::date::phrase(d, qujat::lang::date::DateForm::Attr),
        qujat::lang::inflect(&word, qujat::lang::Form::case(qujat::lang::Case::Gen).px3())
    );
    let draft_path = dir.join("draft.txt");
    std::fs::write(&draft_path, &draft).unwrap();
    let o = qujat(&["check", "--format", "json", draft_path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["citations"][0]["resolved"], false, "{draft}");
    let o = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(["check", "--format", "json", "--corpus"])
        .arg(&dir)
        .arg(&draft_path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["citations"][0]["resolved"], true, "{draft}: {v}");
    assert_eq!(v["citations"][0]["target"], format!("{}/main/p1", act.id));
}
