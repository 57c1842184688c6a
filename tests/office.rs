//! Issue 15: Word documents, read back by independent readers. python-docx reads qujat's
//! DOCX (page, margins, footer, text); LibreOffice converts it to PDF and saves it again as
//! an edited draft that `qujat check` reads; a DOCX made with python-docx using Word's own
//! numbering parses to the same clauses as the same text in Markdown. `.ci/run` installs
//! python3-docx, LibreOffice and poppler-utils.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, LazyLock};

use qujat::corpus::Corpus;
use qujat::generate::Registry;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TEMPLATES: [&str; 4] = ["council-decision", "ombudsman-recommendation", "official-letter", "akimat-resolution"];

static REG: LazyLock<Registry> = LazyLock::new(|| Registry::bundled(Arc::new(Corpus::bundled())));

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qujat-office-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn markdown(name: &str) -> String {
    let data = qujat::records::read_one(Path::new(&format!("{ROOT}/templates/{name}/example.yaml"))).unwrap();
    REG.render(name, &data, "test").unwrap()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (.ci/run installs it)"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pdftotext(pdf: &Path) -> String {
    run(Command::new("pdftotext").arg(pdf).arg("-"))
}

/// The words of a text, sorted, without bare page numbers: what must be equal between
/// two renderings whose line breaks and reading order of table cells differ.
fn words(text: &str) -> Vec<String> {
    // pdftotext may drop the narrow space after "№" in a right-aligned cell, and joins a
    // word broken at its hyphen over two lines ("ата-" / "анасы" → "атаанасы").
    let text = text.replace('\u{a0}', " ").replace("№ ", "№").replace('-', "");
    let mut w: Vec<String> =
        text.split_whitespace().filter(|w| !w.chars().all(|c| c.is_ascii_digit())).map(str::to_string).collect();
    w.sort();
    w
}

fn soffice(args: &[&str], dir: &Path) {
    // A profile of its own: LibreOffice refuses to run twice on one profile.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    run(Command::new("soffice").arg(profile).args(["--headless", "--norestore"]).args(args).current_dir(dir));
}

/// Every unit of a parsed file as "part/id text" (a heading when it has no text).
fn units(path: &Path) -> Vec<String> {
    let act = qujat::parse::parse_file(path, "x", false).unwrap().act;
    let mut out = Vec::new();
    for p in &act.parts {
        qujat::model::walk(&p.units, &mut |path| {
            let u = path[path.len() - 1];
            out.push(format!("{}/{} {}", p.id, u.id, u.text.clone().or(u.heading.clone()).unwrap_or_default()));
            qujat::model::Walk::Continue
        });
    }
    out
}

/// Every example as DOCX: A4, 30/10/20/20 mm, a PAGE field in the footer, and the same
/// words as qujat's PDF, read by python-docx and by pdftotext; LibreOffice's PDF of the
/// DOCX holds the same words too.
#[test]
fn docx_reads_back_as_the_pdf() {
    let dir = tmp("docx");
    for name in TEMPLATES {
        let md = markdown(name);
        let docx = dir.join(format!("{name}.docx"));
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&docx, qujat::render::docx(&md, name).unwrap()).unwrap();
        std::fs::write(&pdf, qujat::render::pdf(&md, name).unwrap()).unwrap();
        assert_eq!(
            qujat::render::docx(&md, name).unwrap(),
            std::fs::read(&docx).unwrap(),
            "{name}: DOCX not reproducible"
        );
        let read = run(Command::new("/usr/bin/python3").arg(format!("{ROOT}/tests/tools/docx_text.py")).arg(&docx));
        let mut lines = read.lines();
        assert_eq!(lines.next(), Some("#page 210x297 margins 30/10/20/20"), "{name}");
        assert_eq!(lines.next(), Some("#footer PAGE"), "{name}");
        let docx_text: String = lines.collect::<Vec<_>>().join("\n");
        let pdf_text = pdftotext(&pdf);
        assert_eq!(words(&docx_text), words(&pdf_text), "{name}: DOCX and PDF words differ");
        soffice(&["--convert-to", "pdf", "--outdir", "lo", docx.to_str().unwrap()], &dir);
        let lo = pdftotext(&dir.join("lo").join(format!("{name}.pdf")));
        assert_eq!(words(&lo), words(&pdf_text), "{name}: LibreOffice's PDF of the DOCX differs in words");
    }
}

/// Done when: a council decision goes out as DOCX, is edited in LibreOffice (saved again
/// as Word 2007 XML, which rewrites every part) and comes back through `qujat check` with
/// its references resolved, at paragraphs.
#[test]
fn a_decision_edited_in_libreoffice_checks() {
    let dir = tmp("edit");
    let docx = dir.join("decision.docx");
    std::fs::write(&docx, qujat::render::docx(&markdown("council-decision"), "d").unwrap()).unwrap();
    soffice(&["--convert-to", "docx:MS Word 2007 XML", "--outdir", "edited", docx.to_str().unwrap()], &dir);
    let edited = dir.join("edited").join("decision.docx");
    let out = Command::new(env!("CARGO_BIN_EXE_qujat")).arg("check").arg(&edited).output().unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{human}");
    assert!(human.contains("1 references, 1 resolved; 0 errors"), "{human}");
    assert!(
        human.contains(": paragraph 9, column")
            && human.contains("→ atyrau-zhylyoi-maslikhaty-2003-09-09-32-2/att1/p11"),
        "{human}"
    );
    let out =
        Command::new(env!("CARGO_BIN_EXE_qujat")).args(["check", "--format", "json"]).arg(&edited).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["citations"][0]["paragraph"], 9, "{v}");
}

/// A DOCX whose clause numbers come from Word's numbering (tests/tools/make_numbered_docx.py:
/// "1." over "1)" over "а)", a second list restarting, a tracked insertion and deletion, a
/// header) parses to the same clauses as the same text in Markdown.
#[test]
fn word_numbering_parses_as_markdown() {
    let dir = tmp("numbering");
    let (docx, md) = (dir.join("n.docx"), dir.join("n.md"));
    run(Command::new("/usr/bin/python3").arg(format!("{ROOT}/tests/tools/make_numbered_docx.py")).arg(&docx).arg(&md));
    let (from_docx, from_md) = (units(&docx), units(&md));
    assert_eq!(from_docx, from_md);
    assert!(from_docx.contains(&"main/p1.sp2.i2 колледждерде.".to_string()), "{from_docx:?}");
    assert!(
        from_docx
            .iter()
            .any(|u| u.starts_with("main/p2 ") && u.ends_with("(жаңа редакция)") && !u.contains("әлсірету")),
        "{from_docx:?}"
    );
    assert!(from_docx.contains(&"att1/p2 Екінші тармақ.".to_string()), "{from_docx:?}");
    let text = qujat::text::decode(&std::fs::read(&docx).unwrap(), &docx).unwrap().text;
    assert!(!text.contains("header: not text"), "{text}");
}

/// A PDF qujat rendered parses back to the same clauses, ids and texts, as its Markdown
/// (the page number of page 2 and the line wraps are the reader's to undo).
#[test]
fn rendered_pdfs_parse_back() {
    let dir = tmp("pdf");
    for name in ["council-decision", "ombudsman-recommendation", "akimat-resolution"] {
        let md = markdown(name);
        let (m, p) = (dir.join(format!("{name}.md")), dir.join(format!("{name}.pdf")));
        std::fs::write(&m, &md).unwrap();
        std::fs::write(&p, qujat::render::pdf(&md, name).unwrap()).unwrap();
        let (from_md, from_pdf) = (units(&m), units(&p));
        assert!(from_md.len() >= 4, "{name}: {from_md:?}");
        assert_eq!(from_pdf, from_md, "{name}");
    }
}

/// A scanned PDF (an image, no text layer) is refused with a sentence that says so and
/// what to do; PDFs qujat writes pass pdfinfo and qpdf --check without a complaint.
#[test]
fn scanned_pdfs_are_named_and_ours_are_clean() {
    let dir = tmp("scan");
    let pdf = dir.join("letter.pdf");
    std::fs::write(&pdf, qujat::render::pdf(&markdown("official-letter"), "l").unwrap()).unwrap();
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    assert!(info.status.success() && info.stderr.is_empty(), "{}", String::from_utf8_lossy(&info.stderr));
    assert!(String::from_utf8_lossy(&info.stdout).contains("Tagged:          yes"));
    run(Command::new("qpdf").arg("--check").arg(&pdf));
    run(Command::new("pdftoppm").args(["-r", "40", "-png", "-singlefile"]).arg(&pdf).arg(dir.join("scan")));
    // The scan: the page as an image, printed to PDF by Chromium.
    std::fs::write(dir.join("scan.html"), "<!DOCTYPE html><img src=\"scan.png\" style=\"width:100%\">").unwrap();
    let scanned = dir.join("scan.pdf");
    run(Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", scanned.display()))
        .arg(format!("file://{}", dir.join("scan.html").display())));
    let out = Command::new(env!("CARGO_BIN_EXE_qujat")).arg("check").arg(&scanned).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a scanned PDF") && err.contains("no text layer") && err.contains("OCR"), "{err}");
}

/// The HTML printed by headless Chromium: A4 pages (its @page style) with the words of
/// qujat's own PDF.
#[test]
fn html_prints_in_chromium_as_the_pdf() {
    let dir = tmp("chromium");
    for name in TEMPLATES {
        let md = markdown(name);
        let html = dir.join(format!("{name}.html"));
        std::fs::write(&html, qujat::render::html(&md, name)).unwrap();
        std::fs::write(dir.join(format!("{name}.pdf")), qujat::render::pdf(&md, name).unwrap()).unwrap();
        let printed = dir.join(format!("{name}-chromium.pdf"));
        run(Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
            .arg(format!("--print-to-pdf={}", printed.display()))
            .arg(format!("file://{}", html.display())));
        let info = run(Command::new("pdfinfo").arg(&printed));
        assert!(info.contains("(A4)"), "{name}: {info}");
        assert_eq!(words(&pdftotext(&printed)), words(&pdftotext(&dir.join(format!("{name}.pdf")))), "{name}");
    }
}
