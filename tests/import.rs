//! `qujat corpus import` on folders in the kazakhstan-law layout, built here from the
//! bundled laws: year folders nested in a tier folder, a large act split into
//! `kaz/sec*.md` with a `kaz.md` index (as the corpus splits them: the contents and title
//! in kaz.md, a table of links, pieces that begin with a link back), two versions of one
//! act, and an act whose meta.yaml is broken.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use qujat::model::{Act, Unit, UnitKind};

fn qujat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn law(name: &str, file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/laws").join(name).join(file)).unwrap()
}

fn write(p: &Path, s: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, s).unwrap();
}

/// A law split as the corpus splits large acts: kaz.md holds what comes before the first
/// section, then a table linking the pieces; each piece is one section with a back link.
fn write_split(dir: &Path, kaz: &str) {
    let starts: Vec<usize> = kaz
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .filter(|&i| kaz[i..].starts_with("## ") && kaz[i..i + 40].to_lowercase().contains("бөлім"))
        .collect();
    assert!(starts.len() >= 3, "the law has its sections");
    let mut index = kaz[..starts[0]].to_string();
    index.push_str("## Части документа\n\n| Часть | Заголовок |\n|---|---|\n");
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(kaz.len());
        let name = format!("sec{:03}.md", k + 1);
        index.push_str(&format!("| [`{}`](kaz/{name}) | {} |\n", &name[..6], kaz[s..].lines().next().unwrap()));
        write(&dir.join("kaz").join(&name), &format!("↑ [Редакцияның толық мәтіні](../kaz.md)\n\n{}", &kaz[s..end]));
    }
    write(&dir.join("kaz.md"), &index);
}

fn layout(root: &Path) -> (PathBuf, PathBuf) {
    let _ = std::fs::remove_dir_all(root);
    let first = root.join("codes");
    let laws = first.join("03-laws");
    // A whole act, and a split one.
    let mestnoe = laws.join("2001/0123-o-mestnom-gosudarstvennom-upravlenii-i-samoupravlenii-v-respubli-7966");
    write(&mestnoe.join("kaz.md"), &law("mestnoe-upravlenie-2001", "kaz.md"));
    write(&mestnoe.join("meta.yaml"), &law("mestnoe-upravlenie-2001", "meta.yaml"));
    let pravovye = laws.join("2016/0406-o-pravovykh-aktakh-100890");
    write_split(&pravovye, &law("pravovye-akty-2016", "kaz.md"));
    write(&pravovye.join("meta.yaml"), &law("pravovye-akty-2016", "meta.yaml"));
    write(&pravovye.join("rus.md"), "# О правовых актах\n");
    // A broken meta.yaml: reported with its line, skipped.
    let broken = laws.join("2009/1204-o-profilaktike-bytovogo-nasiliia-49212");
    write(&broken.join("kaz.md"), &law("profilaktika-bytovogo-nasiliia-2009", "kaz.md"));
    write(&broken.join("meta.yaml"), "act_code: '49212'\ntitle:\n  kaz: [unclosed\nform: ЗАК\n");
    // Not act folders: skipped without a word.
    write(&first.join(".github/workflows/checks.yml"), "on: push\n");
    // The same law a year later: another version, with article 6's heading changed.
    let second = root.join("codes-2015");
    let later = second.join("03-laws/2001/0123-o-mestnom-gosudarstvennom-upravlenii-i-samoupravlenii-v-respubli-7966");
    let kaz = law("mestnoe-upravlenie-2001", "kaz.md")
        .replace("### 6-бап. Мәслихаттардың құзыретi", "### 6-бап. Мәслихаттардың құзыреті мен өкілеттігі"); // (the corpus has a Latin i);
    assert!(kaz.contains("құзыреті мен өкілеттігі"));
    write(&later.join("kaz.md"), &kaz);
    let meta = law("mestnoe-upravlenie-2001", "meta.yaml").replace("2014-11-07", "2015-03-01");
    write(&later.join("meta.yaml"), &meta);
    (first, second)
}

fn articles(units: &[Unit], out: &mut Vec<(String, Option<String>, usize)>) {
    for u in units {
        if u.kind == UnitKind::Article {
            out.push((u.id.clone(), u.heading.clone(), u.units.len()));
        }
        articles(&u.units, out);
    }
}

fn read(p: &Path) -> Act {
    Act::from_json(&std::fs::read_to_string(p).unwrap(), p).unwrap()
}

#[test]
fn import_the_corpus_layout_with_versions() {
    let root = std::env::temp_dir().join(format!("qujat-import-{}", std::process::id()));
    let (first, second) = layout(&root);
    let out = root.join("corpus");
    let (first_s, second_s, out_s) = (first.to_str().unwrap(), second.to_str().unwrap(), out.to_str().unwrap());

    // (--as-of far ahead: the undated draft below is checked as of today, whenever the
    // test runs, and the corpus must be known current on that day.)
    let o = qujat(&["corpus", "import", first_s, "-o", out_s, "--as-of", "2999-12-31", "--quiet"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "a bad act folder makes the exit code 1: {err}");
    assert!(err.contains("1204-o-profilaktike-bytovogo-nasiliia-49212/meta.yaml:3"), "names the file and line: {err}");
    let summary = text(&o.stdout);
    assert!(summary.contains("3 act folders: 2 imported, 1 skipped"), "{summary}");

    // The split act is the same law as the whole file.
    let split = read(&out.join("acts/law-2016-04-06-480-v/2020-01-01.json"));
    let whole =
        qujat::parse::parse_bytes(law("pravovye-akty-2016", "kaz.md").as_bytes(), Path::new("kaz.md"), "kaz.md", true)
            .unwrap()
            .act;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for p in &split.parts {
        articles(&p.units, &mut a);
    }
    for p in &whole.parts {
        articles(&p.units, &mut b);
    }
    assert_eq!(a.len(), 68);
    assert_eq!(a, b, "the pieces joined in order give the whole law");
    assert_eq!(split.meta.title.as_deref(), Some("Құқықтық актілер туралы"));
    assert_eq!(split.meta.title_ru.as_deref(), Some("О правовых актах"));
    assert_eq!(split.meta.act_code.as_deref(), Some("100890"));
    assert_eq!(split.meta.version_date.as_deref(), Some("2020-01-01"));
    assert_eq!(split.meta.amended_by.as_ref().and_then(|r| r.number.as_deref()), Some("262-VІ"));

    // A second import adds the later version; the first is kept.
    let o = qujat(&["corpus", "import", second_s, "-o", out_s, "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(out.join("acts/law-2001-01-23-148/2014-11-07.json").is_file());
    assert!(out.join("acts/law-2001-01-23-148/2015-03-01.json").is_file());
    let index = std::fs::read_to_string(out.join("index.tsv")).unwrap();
    assert_eq!(index.lines().filter(|l| l.starts_with("law-2001-01-23-148\t")).count(), 2);
    let header = std::fs::read_to_string(out.join("corpus.yaml")).unwrap();
    assert!(header.contains("as_of: 2999-12-31"), "a later import without --as-of keeps it: {header}");

    let o = qujat(&["corpus", "list", "--corpus", out_s]);
    let list = text(&o.stdout);
    let row = list.lines().find(|l| l.starts_with("law-2001-01-23-148 ")).unwrap();
    assert!(row.contains("2015-03-01") && row.contains("   2  "), "newest version, two versions: {row}");

    // References resolve against the newest version.
    let corpus = {
        let mut c = qujat::corpus::Corpus::default();
        c.add_dir(&out).unwrap();
        c
    };
    let i = corpus.index_of("law-2001-01-23-148").unwrap();
    assert_eq!(corpus.versions(i).len(), 2);
    let mut heads = Vec::new();
    for p in &corpus.act(i).parts {
        articles(&p.units, &mut heads);
    }
    let art6 = heads.iter().find(|(id, _, _)| id == "art6").unwrap();
    assert_eq!(art6.1.as_deref(), Some("Мәслихаттардың құзыреті мен өкілеттігі"));

    let draft = root.join("draft.txt");
    std::fs::write(
        &draft,
        "1. Қазақстан Республикасының 2016 жылғы 6 сәуірдегі № 480-V Заңының 27-бабына сәйкес.\n\n\
         2. Қазақстан Республикасының 2016 жылғы 6 сәуірдегі № 480-V Заңының 99-бабына сәйкес.\n",
    )
    .unwrap();
    let o = qujat(&["check", draft.to_str().unwrap(), "--corpus", out_s, "--format", "json"]);
    let json = text(&o.stdout);
    assert!(json.contains("law-2016-04-06-480-v/main/art27"), "resolved into the imported law: {json}");
    // Known current (--as-of): a missing article is an error.
    assert_eq!(o.status.code(), Some(1), "{json}");
    assert!(json.contains("\"severity\":\"error\"") || json.contains("\"severity\": \"error\""), "{json}");
    // The bundled copy of the same law has no --as-of: only a warning.
    let o = qujat(&["check", draft.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("missing-unit"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn import_refuses_what_is_not_a_folder() {
    let o = qujat(&["corpus", "import", "Cargo.toml", "-o", "/tmp/qujat-never"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("Cargo.toml: is a file, not a folder"), "{}", text(&o.stderr));
    let o = qujat(&["corpus", "import", "corpus/laws"]);
    assert_eq!(o.status.code(), Some(2), "-o is required");
    let o = qujat(&["corpus", "import", "corpus/laws", "-o", "/tmp/x", "--as-of", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2), "a bad date is a usage error");
}

/// A real split act: the Labour Code, stored as kaz.md (index) + kaz/sec001–005.md. Its
/// articles are those the pieces mark with `<a id="stN">` anchors, in order; it is a code,
/// so its numbered paragraphs are бөлік.
#[test]
fn import_a_real_split_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split-code");
    let out = std::env::temp_dir().join(format!("qujat-import-code-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = qujat(&["corpus", "import", src.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let act = read(&out.join("acts/code-2015-11-23-414-v/2021-03-31.json"));
    assert_eq!(act.meta.act_type.as_deref(), Some("code"));
    assert_eq!(act.meta.clause_noun.as_deref(), Some("бөлік"));
    assert_eq!(act.meta.title.as_deref(), Some("Қазақстан Республикасының Еңбек Кодексі"));
    assert!(act.parts[0].preamble.is_none(), "the index's table is not text: {:?}", act.parts[0].preamble);
    let mut want = Vec::new();
    let dir = src.join("1123-trudovoi-kodeks-respubliki-kazakhstan-95666/kaz");
    for k in 1..=5 {
        let piece = std::fs::read_to_string(dir.join(format!("sec{k:03}.md"))).unwrap();
        for (i, _) in piece.match_indices("<a id=\"st") {
            let id = &piece[i + 9..];
            want.push(format!("art{}", &id[..id.find('"').unwrap()]));
        }
    }
    let mut got = Vec::new();
    for p in &act.parts {
        articles(&p.units, &mut got);
    }
    let got: Vec<String> = got.into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(got.len(), 216);
    assert_eq!(got, want, "every article, in the order of the pieces");
    let tops: Vec<&str> = act.parts[0].units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        tops,
        ["hsec1", "sec1", "hsec2", "sec2", "sec3", "sec4", "sec5"],
        "ЖАЛПЫ БӨЛІК, 1-БӨЛІМ, ЕРЕКШЕ БӨЛІК, …"
    );
    std::fs::remove_dir_all(&out).unwrap();
}
