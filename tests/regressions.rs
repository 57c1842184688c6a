//! Inputs that once crashed or lost text: every file in tests/regressions/ (each fuzzer
//! crash is kept there) goes through decode + normalize + parse and check without a panic,
//! and a text that parses keeps every word in its YAML.

use std::path::{Path, PathBuf};

use qujat::corpus::Corpus;

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn no_regression_panics_or_loses_words() {
    let corpus = Corpus::bundled();
    let cases = cases();
    assert!(!cases.is_empty());
    for path in cases {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // Errors are fine (empty, binary, no structure); a panic fails the test.
        if let Ok(p) = qujat::parse::parse_bytes(&bytes, &path, &name, false) {
            let yaml = p.act.to_yaml();
            let text = String::from_utf8_lossy(&bytes);
            for w in text.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)) {
                assert!(yaml.contains(w), "{name}: «{w}» lost from the YAML");
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            qujat::cite::check(text, &name, false, &corpus);
        }
    }
}
