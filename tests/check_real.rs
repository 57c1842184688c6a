//! `qujat check` on every real act of tests/real (the 8 of ../shared/real and the 415
//! of tests/real/acts, from the public kazakhstan-law corpus) and the seeds: published acts
//! almost never cite wrongly, so every error must be one of the genuine ones listed, with
//! the reason, in tests/real/check-genuine.tsv. And the references to the bundled
//! local-government law resolve to the right unit.

use std::path::Path;

use qujat::cite::check;
use qujat::corpus::Corpus;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files() -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for dir in ["tests/real", "tests/real/acts", "corpus/raw"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".kaz.md") || dir == "corpus/raw" {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn real_acts_check_without_false_errors() {
    let corpus = Corpus::bundled();
    let genuine: Vec<(String, usize, String)> = std::fs::read_to_string(root().join("tests/real/check-genuine.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].parse().unwrap(), f[2].to_string())
        })
        .collect();
    let (mut refs, mut resolved, mut errors) = (0, 0, Vec::new());
    let files = files();
    assert!(files.len() >= 420, "{} files", files.len());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = qujat::text::decode(&bytes, path).unwrap().text;
        let name = path.strip_prefix(root().join("tests/real")).unwrap_or(path).to_string_lossy().to_string();
        let c = check(&text, &name, name.ends_with(".md"), &corpus);
        refs += c.citations.len();
        resolved += c.citations.iter().filter(|c| c.resolved).count();
        for d in c.diagnostics.iter().filter(|d| d.severity == qujat::cite::Severity::Error) {
            errors.push((name.clone(), d.span.line, d.message.clone()));
        }
    }
    println!("{} files, {refs} references, {resolved} resolved, {} errors", files.len(), errors.len());
    let unexpected: Vec<_> = errors.iter().filter(|e| !genuine.contains(e)).collect();
    assert!(unexpected.is_empty(), "false errors: {unexpected:#?}");
    let stale: Vec<_> = genuine.iter().filter(|g| !errors.contains(g)).collect();
    assert!(stale.is_empty(), "listed as genuine but no longer reported: {stale:#?}");
}

/// The references of 03, 09 and 34 to the Law on local government resolve to the cited
/// units of the bundled law.
#[test]
fn references_to_the_local_government_law() {
    let corpus = Corpus::bundled();
    let want = [
        ("03.kaz.md", "Заңының 25-бабына", "law-2001-01-23-148/main/art25"),
        ("09.kaz.md", "Заңының 6-бабының 1-тармағының 12-3) тармақшасына", "law-2001-01-23-148/main/art6.p1.sp12-3"),
        ("34.kaz.md", "Заңның 24-бабына", "law-2001-01-23-148/main/art24"),
    ];
    for (file, text, target) in want {
        let path = root().join("tests/real").join(file);
        let c = check(&std::fs::read_to_string(&path).unwrap(), file, true, &corpus);
        let hit =
            c.citations.iter().find(|c| c.text.contains(text)).unwrap_or_else(|| panic!("{file}: {text} not found"));
        assert_eq!(hit.target.as_deref(), Some(target), "{file}: {text}");
    }
}
