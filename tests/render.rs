//! Templates → Markdown, HTML, PDF: golden files for each example, grammar on data
//! variants, markup in data kept as text, bad data rejected with clear messages,
//! byte-for-byte reproducible output.

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, LazyLock};

use qujat::corpus::Corpus;
use qujat::generate::Registry;
use qujat::render::{html, pdf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TEMPLATES: [&str; 4] = ["council-decision", "ombudsman-recommendation", "official-letter", "akimat-resolution"];

static REG: LazyLock<Registry> = LazyLock::new(|| Registry::bundled(Arc::new(Corpus::bundled())));

fn example(name: &str) -> serde_json::Value {
    qujat::records::read_one(std::path::Path::new(&format!("{ROOT}/templates/{name}/example.yaml"))).unwrap()
}

fn md(name: &str, data: &serde_json::Value) -> String {
    REG.render(name, data, "test").unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The text of a PDF as `pdftotext` extracts it (poppler-utils; `.ci/run` installs it).
fn pdf_text(bytes: &[u8]) -> String {
    let dir =
        std::env::temp_dir().join(format!("qujat-render-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("x.pdf");
    std::fs::write(&p, bytes).unwrap();
    let out = Command::new("pdftotext").arg(&p).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    // Join the lines: a phrase may wrap.
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Golden Markdown and HTML for every example (tests/golden/render/<name>.{md,html}).
/// Set QUJAT_BLESS=1 to rewrite them after a deliberate change, then review the diff.
#[test]
fn examples_match_golden_md_and_html() {
    for name in TEMPLATES {
        let data = example(name);
        let m = md(name, &data);
        let h = html(&m, name);
        for (ext, got) in [("md", &m), ("html", &h)] {
            let path = format!("{ROOT}/tests/golden/render/{name}.{ext}");
            if std::env::var_os("QUJAT_BLESS").is_some() {
                std::fs::create_dir_all(Path::new(&path).parent().unwrap()).unwrap();
                std::fs::write(&path, got).unwrap();
            }
            let want =
                std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} missing (QUJAT_BLESS=1 writes it)"));
            assert_eq!(got, &want, "{name}.{ext} differs from its golden file");
        }
    }
}

/// Units picked out of order, or twice, are cited once each in the act's order, as legal
/// text lists them ("11 және 13-тармақтарын", not "13 және 11").
#[test]
fn units_are_cited_in_the_acts_order() {
    let mut data = example("council-decision");
    data["basis"][0]["units"] = serde_json::json!(["att1/p13", "att1/p11", "att1/p13"]);
    let m = md("council-decision", &data);
    assert!(m.contains("ереженің 11 және 13-тармақтарын басшылыққа"), "{m}");
    data["basis"][0]["units"] = serde_json::json!(["p13", "att1/p11"]);
    assert!(md("council-decision", &data).contains("ереженің 11 және 13-тармақтарын"), "a unit without its part");
}

/// The PDFs: key phrases extract as text; the same input gives the same bytes.
#[test]
fn pdfs_carry_the_text_and_are_reproducible() {
    let phrases: [(&str, &[&str]); 4] = [
        (
            "council-decision",
            &[
                // (The line may break inside "13-тармағын": issue 15 keeps such words whole.)
                "шешімімен бекітілген Құқық бұзушылықтың әлеуметтік алдын-алу",
                "Кеңес туралы ереженің 11 және 13-тармақтарын басшылыққа",
                "басшылыққа ала отырып, Кеңес ШЕШІМ ҚАБЫЛДАДЫ:",
                "Жылыой аудандық білім бөліміне 2026 жылғы 1 сәуірге дейін",
                "Шешімнің орындалуын бақылау Кеңес хатшысына жүктелсін.",
            ],
        ),
        (
            "ombudsman-recommendation",
            &[
                "Қағидалардың 11-тармағының 6) тармақшасына сәйкес Өңірлік",
                "Жамбыл облысы әкімдігінің білім басқармасына",
                "басшысы Н.А. Оршыбековке",
                "2026 жылғы 20 мамырға дейін",
            ],
        ),
        (
            "official-letter",
            &[
                "Жамбыл облыстық Полиция департаментінің 2026 жылғы 7 сәуірдегі № 5/1-5-42/515-И хатына сәйкес,",
                "Тараз қаласы мен аудандық білім бөлімдерінің басшыларына",
                "Қосымша: 10 бет.",
                "КОММУНАЛЬНОЕ ГОСУДАРСТВЕННОЕ УЧРЕЖДЕНИЕ",
                "05.05.2026 ж.",
            ],
        ),
        (
            "akimat-resolution",
            &[
                "Қостанай облысы әкімдігінің 2026 жылғы 5 қаңтардағы № 2 қаулысы",
                "«Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңының 27 және 37-баптарына сәйкес Қостанай облысы әкімдігі ҚАУЛЫ ЕТЕДІ:",
                "1. Қоса беріліп отырған «Қостанай облысы әкімдігінің балалардың",
                "Қостанай облысы бойынша филиалына ресми жариялау",
                "4. Осы қаулының орындалуын бақылау Қостанай облысы әкімінің жетекшілік ететін орынбасарына жүктелсін.",
                "5. Осы қаулы оның алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі.",
                "Облыс әкімі Қ. Ақсақалов",
                "№ 2 қаулысымен бекітілген",
                "1-тарау. Жалпы ережелер",
                "4. Басқарманың міндеті",
            ],
        ),
    ];
    for (name, want) in phrases {
        let m = md(name, &example(name));
        let a = pdf(&m, name).unwrap();
        let b = pdf(&m, name).unwrap();
        assert!(a == b, "{name}: two renders differ");
        assert!(a.starts_with(b"%PDF-"));
        let text = pdf_text(&a);
        keeps_numbers_whole(name, &a);
        for w in want {
            assert!(text.contains(w), "{name}: '{w}' not in the PDF text:\n{text}");
        }
        // Issue 14: no sentence says "сәйкес" twice (read from the PDF's text, not from
        // what the template meant to write).
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for sentence in flat.split(['.', '!', '?']) {
            assert!(sentence.matches("сәйкес").count() <= 1, "{name}: two «сәйкес» in one sentence: {sentence}");
        }
        short_names_follow_their_definition(name, &flat);
    }
}

/// Issue 15: no line of the PDF breaks inside a number with its sign ("№" / "5/1-…"), a
/// digit and its suffix ("7-" / "сынып", "2026" / "жылғы") or initials and a surname.
fn keeps_numbers_whole(doc: &str, pdf: &[u8]) {
    let dir =
        std::env::temp_dir().join(format!("qujat-lines-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("x.pdf"), pdf).unwrap();
    let out = Command::new("pdftotext").arg(dir.join("x.pdf")).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    for (i, l) in lines.iter().enumerate() {
        let last = l.split_whitespace().last().unwrap_or("");
        let initial = last.chars().count() == 2 && last.ends_with('.') && last.starts_with(char::is_uppercase);
        let digit_hyphen = last.ends_with('-') && last.chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit());
        let next_starts_year =
            lines.get(i + 1).is_some_and(|n| n.starts_with("жылғы")) && last.chars().all(|c| c.is_ascii_digit());
        assert!(
            !(last == "№" || initial || digit_hyphen || next_starts_year),
            "{doc}: line {} breaks a unit: {l:?} / {:?}",
            i + 1,
            lines.get(i + 1)
        );
    }
}

/// Each short name appears only after the act is named in full with "(бұдан әрі – X)":
/// before the definition, the name's stem is printed only as the last word of the full
/// name it defines ("… Заңының (бұдан әрі – Заң)").
fn short_names_follow_their_definition(doc: &str, flat: &str) {
    for (at, _) in flat.match_indices("(бұдан әрі – ") {
        let name: String = flat[at + "(бұдан әрі – ".len()..].chars().take_while(|c| *c != ')').collect();
        let stem: String = name.chars().take(name.chars().count().saturating_sub(2).max(3)).collect();
        let last_word = flat[..at].trim_end().rfind(' ').map_or(0, |i| i + 1);
        if let Some(i) = flat[..last_word].find(stem.as_str()) {
            panic!("{doc}: «{stem}…» printed at {i}, before it is defined at {at}:\n{flat}");
        }
    }
}

/// Grammar on variants: addressees and bodies of every ending in the dative, dates of
/// other months, surnames and abbreviations.
#[test]
fn variants_are_grammatical() {
    let mut d = example("council-decision");
    d["date"] = "2026-09-01".into();
    d["recommendations"] = serde_json::json!([
        {"body": "Жылыой ауданының әкімі", "text": "ұсынылсын", "deadline": "2026-10-15"},
        {"body": "ІІМ", "text": "ұсынылсын", "deadline": "2026-12-31"},
        {"body": "Облыстық денсаулық сақтау басқармасы", "text": "ұсынылсын", "deadline": "2026-07-01"},
        {"body": "Аудандық мәслихат", "text": "ұсынылсын", "deadline": "2026-02-28"},
    ]);
    d["control"] = "аудан әкімінің орынбасары".into();
    let m = md("council-decision", &d);
    for w in [
        "2026 жылғы 1 қыркүйек",
        "1. Жылыой ауданының әкіміне 2026 жылғы 15 қазанға дейін",
        "2. ІІМ-ге 2026 жылғы 31 желтоқсанға дейін",
        "3. Облыстық денсаулық сақтау басқармасына 2026 жылғы 1 шілдеге дейін",
        "4. Аудандық мәслихатқа 2026 жылғы 28 ақпанға дейін",
        "бақылау аудан әкімінің орынбасарына жүктелсін",
    ] {
        assert!(m.contains(w), "'{w}' not in:\n{m}");
    }

    let mut l = example("official-letter");
    l["addressees"] = serde_json::json!([
        "Жамбыл облысы әкімінің орынбасары С.Ж. Салемов",
        "Аудан әкімдері",
        "Қазақстан Республикасы Оқу-ағарту министрлігі"
    ]);
    l["answers"] = serde_json::json!({"date": "2026-03-18", "number": "12-04/77"});
    l["date"] = "2026-11-02".into();
    let m = md("official-letter", &l);
    for w in [
        "> Жамбыл облысы әкімінің орынбасары С.Ж. Салемовке",
        "> Аудан әкімдеріне",
        "> Қазақстан Республикасы Оқу-ағарту министрлігіне",
        "2026 жылғы 18 наурыздағы № 12-04/77 хатына сәйкес, ",
        "02.11.2026 ж.",
    ] {
        assert!(m.contains(w), "'{w}' not in:\n{m}");
    }

    let mut o = example("ombudsman-recommendation");
    o["addressee"] = serde_json::json!({"body": "Тараз қаласының әкімдігі", "official": "әкімі Б.Б. Орынбаев"});
    o["reply_deadline"] = "2026-08-10".into();
    let m = md("ombudsman-recommendation", &o);
    for w in [
        "> Тараз қаласының әкімдігіне",
        "> әкімі Б.Б. Орынбаевқа",
        "2026 жылғы 10 тамызға дейін",
        "(бұдан әрі – Қағидалар) 10-тармағына сәйкес",
    ] {
        assert!(m.contains(w), "'{w}' not in:\n{m}");
    }
}

/// Typst, HTML, Markdown and Tera markup in data comes out as the same text.
#[test]
fn markup_in_data_stays_text() {
    let hostile = [
        "#set page(fill: red)",
        "<script>alert(1)</script>",
        "*x*",
        "{{ 7*7 }}",
        "[link](http://x)",
        "1. not a list",
        "- not a bullet",
        "| a | b |",
        "$x$ `code` \\",
    ];
    let mut d = example("official-letter");
    d["body"] = hostile.join("\n\n").into();
    d["signatory"]["name"] = "*А.* <b>Нұрланов</b> #strong[x]".into();
    let m = md("official-letter", &d);
    let h = html(&m, "t");
    assert!(!h.contains("<script>") && h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
    assert!(
        !h.contains("<em>x</em>")
            && !h.contains("<a ")
            && !h.contains("<b>")
            && !h.contains("<ol")
            && !h.contains("<code>"),
        "{h}"
    );
    assert!(h.contains("{{ 7*7 }}") && !h.contains("49"), "{h}");
    // Compared without spaces: pdftotext guesses word gaps from glyph positions and
    // drops some around "|"; every character must be there, in order.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&pdf_text(&pdf(&m, "t").unwrap()));
    for w in hostile.iter().chain(["*А.* <b>Нұрланов</b> #strong[x]"].iter()) {
        assert!(text.contains(&squeeze(w)), "'{w}' not literal in the PDF text:\n{text}");
    }
    // The page stays white: "#set page(fill: red)" was not obeyed.
    assert!(white_corner(&pdf(&m, "t").unwrap()));
}

/// The top-left pixel of page 1, rendered by pdftoppm, is white.
fn white_corner(bytes: &[u8]) -> bool {
    let dir = std::env::temp_dir().join(format!("qujat-px-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("p.pdf"), bytes).unwrap();
    let ok = Command::new("pdftoppm")
        .args(["-r", "10", "-f", "1", "-l", "1", "-singlefile"])
        .arg(dir.join("p.pdf"))
        .arg(dir.join("p"))
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let ppm = std::fs::read(dir.join("p.ppm")).unwrap();
    // P6 header: magic, width, height, maxval, then RGB bytes.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        while !ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    i += 1;
    ppm[i..i + 3] == [255, 255, 255]
}

#[test]
fn bad_data_is_rejected_with_the_field_and_the_record() {
    let mut d = example("council-decision");
    d.as_object_mut().unwrap().remove("chair");
    d["recommendations"][1]["deadline"] = "2026-02-30".into();
    let e = REG.render("council-decision", &d, "decisions.yaml").unwrap_err().to_string();
    assert!(e.starts_with("decisions.yaml: "), "{e}");
    assert!(e.contains("field 'chair' is missing"), "{e}");
    assert!(e.contains("field 'recommendations[2].deadline' must be a date YYYY-MM-DD, not '2026-02-30'"), "{e}");
}

#[test]
fn an_unknown_clause_id_names_the_template_line_and_what_exists() {
    let dir = std::env::temp_dir().join(format!("qujat-tpl-{}", std::process::id()));
    let t = dir.join("my-decision");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("schema.yaml"), "title: Тест\nfields:\n  date: {type: date}\n").unwrap();
    std::fs::write(t.join("template.md.tera"), "# Шешім\n\n{{ cite(act=\"atyrau-zhylyoi-maslikhaty-2003-09-09-32-2\", unit=\"att1/p15\", case=\"dat\") }} сәйкес\n").unwrap();
    let mut reg = Registry::bundled(Arc::new(Corpus::bundled()));
    reg.add_dir(&dir).unwrap();
    let e = reg.render("my-decision", &serde_json::json!({"date": "2026-01-05"}), "d.yaml").unwrap_err().to_string();
    assert!(e.contains("my-decision/template.md.tera:3:"), "{e}");
    assert!(e.contains("no unit 'att1/p15'") && e.contains("att1 has p1–p14"), "{e}");
    // The CLI: exit 1 and the same message; a user's template folder works like a bundled one.
    std::fs::write(dir.join("d.yaml"), "date: 2026-01-05\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(["render", "my-decision", "--templates"])
        .arg(&dir)
        .arg("--data")
        .arg(dir.join("d.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("att1 has p1–p14"));
}

#[test]
fn cli_render_templates_and_formats() {
    let dir = std::env::temp_dir().join(format!("qujat-cli-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let q = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(ROOT).output().unwrap();
    let data = "templates/official-letter/example.yaml";
    // Format from the extension, and from --format.
    for ext in ["md", "html", "pdf"] {
        let out = dir.join(format!("l.{ext}"));
        let o = q(&["render", "official-letter", "--data", data, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        let o = q(&["render", "official-letter", "--data", data, "--format", ext]);
        assert_eq!(o.stdout, bytes, "{ext}: -o and stdout differ");
    }
    assert_eq!(
        q(&["render", "official-letter", "--data", data, "--format", "pdf", "-o", "x.html"]).status.code(),
        Some(2)
    );
    assert_eq!(q(&["render", "no-such", "--data", data]).status.code(), Some(2));
    assert_eq!(q(&["render", "official-letter", "--data", "no/such.yaml"]).status.code(), Some(1));
    let o = q(&["templates"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for t in TEMPLATES {
        assert!(s.contains(t), "{s}");
    }
    assert!(s.contains("recommendations: list of object") && s.contains("deadline: date"), "{s}");
    let v: serde_json::Value = serde_json::from_slice(&q(&["templates", "--format", "json"]).stdout).unwrap();
    let all = v["templates"].as_array().unwrap();
    assert_eq!(all.len(), 4);
    let council = all.iter().find(|t| t["name"] == "council-decision").unwrap();
    assert_eq!(council["fields"][0]["name"], "date");
}

/// Issue 14: every template cites whatever acts its data names, the bundled laws too.
/// Read back two ways: pdftotext's text of the PDF names each law in full, with one
/// «сәйкес» a sentence, and the checker resolves every reference of the Markdown to the
/// unit the data named.
#[test]
fn templates_cite_the_bundled_laws() {
    let law = "law-2001-01-23-148";
    let title = "«Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңының";
    let mut council = example("council-decision");
    council["basis"] = serde_json::json!([
        {"act": law, "units": ["art6.p1.sp4"]},
        {"act": "atyrau-zhylyoi-maslikhaty-2003-09-09-32-2", "units": ["att1/p11", "att1/p13"]},
    ]);
    let mut ombudsman = example("ombudsman-recommendation");
    ombudsman["basis"] = serde_json::json!({"act": law, "measures": "art27.p1", "recommendations": "art37.p1"});
    let mut letter = example("official-letter");
    letter["basis"] = serde_json::json!([{"act": "law-2016-04-06-480-v", "units": ["art27"]}]);
    let akimat = example("akimat-resolution");
    let cases = [
        ("council-decision", council, vec![law, "atyrau-zhylyoi-maslikhaty-2003-09-09-32-2"], "6-бабының 1-тармағының 4) тармақшасын және Атырау облысы"),
        ("ombudsman-recommendation", ombudsman, vec![law], "(бұдан әрі – Заң) 27-бабының 1-тармағына сәйкес"),
        ("official-letter", letter, vec!["law-2016-04-06-480-v"], "хатына және Қазақстан Республикасының 2016 жылғы 6 сәуірдегі «Құқықтық актілер туралы» Заңының 27-бабына сәйкес,"),
        ("akimat-resolution", akimat, vec![law], "Заңының 27 және 37-баптарына сәйкес"),
    ];
    for (name, data, acts, phrase) in cases {
        let m = md(name, &data);
        let text = pdf_text(&pdf(&m, name).unwrap());
        assert!(text.contains(phrase), "{name}: '{phrase}' not in the PDF text:\n{text}");
        if acts.contains(&law) {
            assert!(text.contains(title), "{name}: the law is not named in full:\n{text}");
        }
        for sentence in text.split(['.', '!', '?']) {
            assert!(sentence.matches("сәйкес").count() <= 1, "{name}: two «сәйкес» in one sentence: {sentence}");
        }
        short_names_follow_their_definition(name, &text);
        let checked = qujat::cite::check(&m, name, true, REG.corpus());
        assert_eq!(checked.errors(), 0, "{name}: {:?}", checked.diagnostics);
        assert!(!checked.citations.is_empty(), "{name}: no citation found");
        for c in &checked.citations {
            let target = c.target.as_deref().unwrap_or_else(|| panic!("{name}: '{}' unresolved", c.text));
            assert!(acts.iter().any(|a| target.starts_with(a)), "{name}: '{}' → {target}", c.text);
        }
    }
}

/// A short name is defined only for an act cited again, and only once in a text: a
/// second law is named in full each time, so that "Заң" means one law.
#[test]
fn short_names_are_defined_once_and_only_when_used() {
    let dir = std::env::temp_dir().join(format!("qujat-mention-{}", std::process::id()));
    let t = dir.join("two-laws");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("schema.yaml"), "fields: {}\n").unwrap();
    let cite = |act: &str, unit: &str| format!("{{{{ cite(act=\"{act}\", unit=\"{unit}\", case=\"dat\") }}}}");
    let src = [
        cite("law-2001-01-23-148", "art6"),
        cite("law-2016-04-06-480-v", "art27"),
        cite("law-2001-01-23-148", "art27"),
        cite("law-2016-04-06-480-v", "art37"),
        cite("law-2002-08-08-345", "art27"),
    ]
    .join("\n\n");
    std::fs::write(t.join("template.md.tera"), src).unwrap();
    let mut reg = Registry::bundled(Arc::new(Corpus::bundled()));
    reg.add_dir(&dir).unwrap();
    let out = reg.render("two-laws", &serde_json::json!({}), "d.yaml").unwrap();
    let lines: Vec<&str> = out.split("\n\n").collect();
    assert!(lines[0].ends_with("өзін-өзі басқару туралы» Заңының (бұдан әрі – Заң) 6-бабына"), "{out}");
    assert_eq!(
        lines[1],
        "Қазақстан Республикасының 2016 жылғы 6 сәуірдегі «Құқықтық актілер туралы» Заңының 27-бабына"
    );
    assert_eq!(lines[2], "Заңның 27-бабына");
    assert!(lines[3].starts_with("Қазақстан Республикасының 2016 жылғы 6 сәуірдегі"), "{out}");
    assert!(!lines[4].contains("бұдан әрі"), "cited once: no short name\n{out}");
    // The same render twice gives the same text (the first-mention state is per render).
    assert_eq!(reg.render("two-laws", &serde_json::json!({}), "d.yaml").unwrap(), out);
}

/// The akimat resolution parses back: its clauses, the closing clauses it was given, and
/// the attachment it approves with chapters numbered through; fewer closing clauses
/// renumber the rest.
#[test]
fn akimat_resolution_parses_back() {
    let parse = |m: &str| qujat::parse::parse_text(m, "r.md", true).act;
    let mut d = example("akimat-resolution");
    let act = parse(&md("akimat-resolution", &d));
    assert_eq!(act.meta.act_type.as_deref(), Some("resolution"));
    assert_eq!((act.meta.date.as_deref(), act.meta.number.as_deref()), (Some("2026-01-05"), Some("2")));
    assert_eq!(act.meta.issuer.as_deref(), Some("Қостанай облысы әкімдігі"));
    let ids = |units: &[qujat::model::Unit]| units.iter().map(|u| u.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&act.parts[0].units), ["p1", "p2", "p3", "p4", "p5"]);
    assert_eq!(ids(&act.parts[0].units[2].units), ["p3.sp1", "p3.sp2"]);
    assert_eq!(ids(&act.parts[1].units), ["ch1", "ch2"]);
    assert_eq!(ids(&act.parts[1].units[1].units), ["p4", "p5"]);
    d["closing"] = serde_json::json!({"control": "облыс әкімінің орынбасары", "entry_into_force": "signing"});
    d.as_object_mut().unwrap().remove("attachment");
    let m = md("akimat-resolution", &d);
    assert!(m.contains("1. «Қостанай облысы әкімдігінің білім басқармасы»"), "{m}");
    assert!(m.contains("2. Осы қаулының орындалуын бақылау облыс әкімінің орынбасарына жүктелсін."), "{m}");
    assert!(m.contains("3. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі."), "{m}");
    assert!(!m.contains("бекітілген"), "{m}");
    assert_eq!(parse(&m).parts.len(), 1);
    d["closing"]["entry_into_force"] = "tomorrow".into();
    let e = REG.render("akimat-resolution", &d, "r.yaml").unwrap_err().to_string();
    assert!(
        e.contains("closing.entry_into_force' must be one of: signing, publication, ten-days, not 'tomorrow'"),
        "{e}"
    );
}

/// Review of issue 14: an act named by its requisites is named so every time (never a
/// bare "қаулының"); full=false at a first mention leaves the act to be introduced later.
#[test]
fn acts_by_requisites_and_deferred_introductions() {
    let dir = std::env::temp_dir().join(format!("qujat-requisites-{}", std::process::id()));
    let t = dir.join("req");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("schema.yaml"), "fields: {}\n").unwrap();
    let src = "{{ cite(act=\"kostanai-akimat-2026-01-05-2\", unit=\"main/p2\", case=\"dat\") }}\n\n{{ cite(act=\"kostanai-akimat-2026-01-05-2\", unit=\"main/p3\", case=\"dat\") }}\n\n{{ cite(act=\"law-2001-01-23-148\", unit=\"art6\", case=\"dat\", full=false) }}\n\n{{ cite(act=\"law-2001-01-23-148\", unit=\"art27\", case=\"dat\") }}";
    std::fs::write(t.join("template.md.tera"), src).unwrap();
    let mut reg = Registry::bundled(Arc::new(Corpus::bundled()));
    reg.add_dir(&dir).unwrap();
    let out = reg.render("req", &serde_json::json!({}), "d.yaml").unwrap();
    let p: Vec<&str> = out.split("\n\n").collect();
    assert_eq!(p[0], "Қостанай облысы әкімдігінің 2026 жылғы 5 қаңтардағы № 2 қаулысының 2-тармағына");
    assert_eq!(p[1], "Қостанай облысы әкімдігінің 2026 жылғы 5 қаңтардағы № 2 қаулысының 3-тармағына");
    assert_eq!(p[2], "Заңның 6-бабына");
    assert!(p[3].starts_with("Қазақстан Республикасының 2001 жылғы 23 қаңтардағы «"), "{out}");
}

/// The akimat resolution's closing clauses: one step is folded into its clause; a state
/// registration counts publication from the registration and refuses entry into force on
/// signing; registration without who sees to it is an error, not a clause dropped.
#[test]
fn akimat_closing_clauses() {
    let mut d = example("akimat-resolution");
    d.as_object_mut().unwrap().remove("attachment");
    d["closing"] = serde_json::json!({"responsible": "Білім басқармасы", "registration": "Қостанай облысының Әділет департаменті", "entry_into_force": "ten-days"});
    let m = md("akimat-resolution", &d);
    assert!(m.contains("2. Білім басқармасы Қазақстан Республикасының заңнамасында белгіленген тәртіппен осы қаулының Қостанай облысының Әділет департаментінде мемлекеттік тіркелуін қамтамасыз етсін."), "{m}");
    assert!(!m.contains("1) осы"), "{m}");
    d["closing"]["publication"] = true.into();
    let m = md("akimat-resolution", &d);
    assert!(m.contains("2) осы қаулы мемлекеттік тіркелген күнінен бастап күнтізбелік он күн ішінде"), "{m}");
    d["closing"]["entry_into_force"] = "signing".into();
    let e = REG.render("akimat-resolution", &d, "r.yaml").unwrap_err().to_string();
    assert!(e.contains("takes effect after its publication"), "{e}");
    d["closing"]["entry_into_force"] = 10.into();
    let e = REG.render("akimat-resolution", &d, "r.yaml").unwrap_err().to_string();
    assert!(e.contains("must be one of: signing, publication, ten-days, not 10"), "{e}");
    d["closing"] = serde_json::json!({"registration": "Әділет департаменті"});
    let e = REG.render("akimat-resolution", &d, "r.yaml").unwrap_err().to_string();
    assert!(e.contains("closing.responsible is missing"), "{e}");
}
