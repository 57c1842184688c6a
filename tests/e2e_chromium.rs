//! `qujat serve` end to end in Debian's Chromium (tests/e2e/check.mjs, playwright-core
//! from npm with executablePath /usr/bin/chromium): the broken draft pasted into
//! `#draft` shows its error diagnostics, no request leaves the server, no page error.
//! `.ci/run` installs Node, npm's playwright-core (tests/e2e/package-lock.json) and
//! Chromium. Screenshots go to the temporary folder, not the repository.

use std::process::Command;

#[test]
fn the_check_page_shows_the_errors_of_a_pasted_draft() {
    let root = env!("CARGO_MANIFEST_DIR");
    let shots = std::env::temp_dir().join(format!("qujat-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&shots).unwrap();
    let out = Command::new("node")
        .arg(format!("{root}/tests/e2e/check.mjs"))
        .arg(env!("CARGO_BIN_EXE_qujat"))
        .arg(format!("{root}/tests/drafts/broken.md"))
        .arg(&shots)
        .current_dir(format!("{root}/tests/e2e"))
        .output()
        .expect("node is installed (.ci/run installs it)");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("error diagnostics"), "{stdout}");
    assert!(shots.join("check.png").is_file());
}
