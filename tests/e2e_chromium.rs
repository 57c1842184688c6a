//! `qujat serve` end to end in Debian's Chromium, driven by playwright-core from npm
//! with executablePath /usr/bin/chromium (tests/e2e/*.mjs; lib.mjs starts the server,
//! fails on any request that leaves it and on any page error). `.ci/run` installs Node,
//! npm's playwright-core (tests/e2e/package-lock.json) and Chromium. Screenshots of
//! each page go to the temporary folder, not the repository.

use std::path::PathBuf;
use std::process::Command;

/// One browser at a time: four Chromiums and their servers on two cores would measure
/// the machine, not the pages.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Run one scenario; returns what it printed.
fn scenario(script: &str, args: &[&str]) -> String {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let root = env!("CARGO_MANIFEST_DIR");
    assert!(
        PathBuf::from(root).join("tests/e2e/node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: `npm ci --prefix tests/e2e` (.ci/run does it)"
    );
    let shots = std::env::temp_dir().join(format!("qujat-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&shots).unwrap();
    let out = Command::new("node")
        .arg(format!("{root}/tests/e2e/{script}"))
        .arg(env!("CARGO_BIN_EXE_qujat"))
        .arg(&shots)
        .args(args.iter().map(|a| PathBuf::from(root).join(a)))
        .current_dir(format!("{root}/tests/e2e"))
        .output()
        .expect("node is installed (.ci/run installs it)");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{script}:\n{stdout}\n{stderr}");
    let shot = script.replace(".mjs", ".png").replace("letter", "generate");
    assert!(shots.join(&shot).is_file(), "{script}: no screenshot {shot}");
    stdout.into_owned()
}

#[test]
fn the_check_page_shows_the_errors_of_a_pasted_draft() {
    let saw = scenario("check.mjs", &["tests/drafts/broken.md"]);
    assert!(saw.contains("error diagnostics, underlined"), "{saw}");
}

#[test]
fn a_letter_filled_in_the_form_downloads_as_a_pdf_naming_its_addressee() {
    let saw = scenario("letter.mjs", &[]);
    assert!(saw.contains("names the addressee"), "{saw}");
}

/// The "done when": from an empty page to a checked, downloaded council decision.
#[test]
fn a_council_decision_is_filled_checked_and_downloaded_in_the_browser() {
    let saw = scenario("council.mjs", &["tests/tools/docx_text.py"]);
    assert!(saw.contains("(1 ✓); 0 қате") && saw.contains("the DOCX cites"), "{saw}");
}

#[test]
fn a_batch_of_20_rows_with_one_bad_gives_19_documents() {
    let saw = scenario("batch.mjs", &["tests/fixtures/batch/letters-20.csv"]);
    assert!(saw.contains("19 documents, row 13 reported"), "{saw}");
}

#[test]
fn a_citation_phrase_is_copied_from_the_corpus_page() {
    let saw = scenario("corpus.mjs", &[]);
    assert!(saw.contains("copied \"Қағидалардың 11-тармағының 6) тармақшасына\""), "{saw}");
}
