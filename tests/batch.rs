//! `qujat batch`: the same records from CSV, XLSX and YAML; bad rows reported with row and
//! reason while all good ones are written; hostile names stay inside --out; a complete
//! manifest; --resume; --combine; 10,000 records.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn qujat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(ROOT).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qujat-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn manifest(dir: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(dir.join("manifest.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["row", "file", "sha256", "status", "error", "record_sha256"]
    );
    r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect()
}

fn run(data: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "official-letter",
        "--data",
        data,
        "--defaults",
        "tests/fixtures/batch/defaults.yaml",
        "--out",
        out.to_str().unwrap(),
        "--name",
        "file",
    ];
    args.extend_from_slice(extra);
    qujat(&args)
}

#[test]
fn csv_xlsx_and_yaml_give_the_same_letters() {
    let mut files_by_format = Vec::new();
    for (ext, first_row) in [("csv", 2), ("xlsx", 2), ("yaml", 1)] {
        let out = tmp(ext);
        let o = run(&format!("tests/fixtures/batch/letters.{ext}"), &out, &["--format", "md,html"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{ext}: some records are bad: {err}");
        // Rows as the file numbers them: the header is row 1 of a spreadsheet.
        let r = |i: usize| first_row + i;
        for (i, reason) in [
            (3, "field 'date' must be a date YYYY-MM-DD"),
            (6, "field 'signatory.name' is missing"),
            (9, "field 'attachment_pages' must be a whole number"),
            (10, "field 'addressees' is missing"),
        ] {
            assert!(err.contains(&format!("letters.{ext} row {}: {reason}", r(i))), "{ext} row {}: {err}", r(i));
        }
        let m = manifest(&out);
        assert_eq!(m.len(), 12, "one manifest row per record");
        assert_eq!(m.iter().filter(|x| x[3] == "ok").count(), 8);
        assert_eq!(m.iter().filter(|x| x[3] == "failed").count(), 4);
        for row in m.iter().filter(|x| x[3] == "ok") {
            for (file, sha) in row[1].split(';').zip(row[2].split(';')) {
                let bytes = std::fs::read(out.join(file)).unwrap();
                assert_eq!(format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes)), sha);
            }
        }
        // Hostile names stay inside --out; duplicates get a suffix.
        let mut names: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for n in &names {
            assert!(!n.starts_with('.') && !n.contains(".."), "{n}");
        }
        assert!(
            names.contains(&"Мектеп № 1.md".to_string()) && names.contains(&"Мектеп № 1-2.md".to_string()),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n.contains("etc_passwd")), "{names:?}");
        assert!(!Path::new("/tmp/etc/passwd.md").exists());
        let letter = std::fs::read_to_string(out.join("Колледж.md")).unwrap();
        assert!(
            letter.contains("> № 8 мектептің директорына")
                && letter.contains("Полиция департаментінің 2026 жылғы 7 сәуірдегі"),
            "{letter}"
        );
        // Files named by the record (a record with no name is named by its row, which
        // differs between a spreadsheet and a list), with their hashes.
        let hash = |p: PathBuf| format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(std::fs::read(p).unwrap()));
        files_by_format.push(
            names
                .into_iter()
                .filter(|n| n != "manifest.csv" && !n.starts_with("000"))
                .map(|n| (n.clone(), hash(out.join(&n))))
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(files_by_format[0].len(), 14, "{:?}", files_by_format[0]);
    assert!(files_by_format[0] == files_by_format[1], "CSV and XLSX give the same files");
    assert!(files_by_format[0] == files_by_format[2], "CSV and YAML give the same files");
}

#[test]
fn resume_skips_unchanged_records_and_output_is_reproducible() {
    let out = tmp("resume");
    let data = "tests/fixtures/batch/letters.csv";
    run(data, &out, &["--format", "md,pdf"]);
    let first = manifest(&out);
    let o = run(data, &out, &["--format", "md,pdf", "--resume"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("0 written, 8 kept (unchanged), 4 failed"), "{err}");
    let second = manifest(&out);
    let strip = |m: &[Vec<String>]| m.iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect::<Vec<_>>();
    assert_eq!(strip(&first), strip(&second));
    // Change a file on disk: --resume renders that record again, with the same bytes.
    let victim = out.join("Колледж.pdf");
    std::fs::write(&victim, b"broken").unwrap();
    let o = run(data, &out, &["--format", "md,pdf", "--resume"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 written, 7 kept"));
    assert_eq!(strip(&manifest(&out)), strip(&first), "a re-render gives byte-identical files");
}

#[test]
fn combine_writes_one_pdf_of_all_letters() {
    let out = tmp("combine");
    let combined = out.join("all.pdf");
    let o =
        run("tests/fixtures/batch/letters.yaml", &out, &["--format", "pdf", "--combine", combined.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = Command::new("pdftotext").arg(&combined).arg("-").output().unwrap().stdout;
    let text = String::from_utf8_lossy(&text);
    // Eight good letters, each on its own page (pdftotext separates pages with a form feed).
    assert_eq!(text.matches('\u{c}').count(), 8, "{text}");
    for n in ["03-2600", "03-2607", "03-2611"] {
        assert!(text.contains(n), "{n}");
    }
}

#[test]
fn ten_thousand_records_from_csv() {
    let out = tmp("10k");
    std::fs::create_dir_all(&out).unwrap();
    let data = out.join("many.csv");
    let mut w = csv::Writer::from_path(&data).unwrap();
    w.write_record(["number", "date", "addressees.1", "body", "signatory.position", "signatory.name", "file"]).unwrap();
    for i in 0..10_000 {
        let bad = i % 1000 == 999;
        w.write_record([
            format!("03-{i}"),
            if bad { "2026-13-01".into() } else { "2026-05-05".into() },
            format!("№ {} мектептің директоры", i + 1),
            "хабарлаймыз.".into(),
            "Басшы".into(),
            "А. Нұрланов".into(),
            format!("school-{}", i % 5000),
        ])
        .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let docs = out.join("docs");
    let o = run(data.to_str().unwrap(), &docs, &["--format", "md"]);
    assert_eq!(o.status.code(), Some(1));
    let m = manifest(&docs);
    assert_eq!(m.len(), 10_000);
    assert_eq!(m.iter().filter(|r| r[3] == "failed").count(), 10);
    assert_eq!(
        std::fs::read_dir(&docs).unwrap().count(),
        9_990 + 1,
        "every good letter has its own file (names collide twice each: suffixes)"
    );
}

#[test]
fn usage_and_input_errors() {
    let out = tmp("usage");
    assert_eq!(
        qujat(&["batch", "official-letter", "--data", "no/such.csv", "--out", out.to_str().unwrap()]).status.code(),
        Some(1)
    );
    assert_eq!(
        qujat(&["batch", "no-such", "--data", "tests/fixtures/batch/letters.csv", "--out", out.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    // Usage errors: an unknown format, no worker threads.
    for extra in [["--format", "odt"], ["--jobs", "0"]] {
        let data = "tests/fixtures/batch/letters.csv";
        let args = [&["batch", "official-letter", "--data", data, "--out", out.to_str().unwrap()][..], &extra].concat();
        assert_eq!(qujat(&args).status.code(), Some(2), "{extra:?}");
    }
}

/// Issue 15: CSVs as Excel saves them (scripts/make-batch-fixtures.py): ";" in
/// Windows-1251, ";" in UTF-8 with a BOM, tab-separated; each with a column no template
/// has. All run: the extra column is one warning, the bad rows are the same four.
#[test]
fn excel_csvs_run_a_batch() {
    for f in ["letters-excel-1251", "letters-excel-bom", "letters-excel-tab"] {
        let out = tmp(f);
        let o = run(&format!("tests/fixtures/batch/{f}.csv"), &out, &["--format", "md"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{f}: {err}");
        assert_eq!(
            err.matches("columns not in the template 'official-letter', ignored: note").count(),
            1,
            "{f}: {err}"
        );
        let m = manifest(&out);
        let failed: Vec<&str> = m.iter().filter(|r| r[3] == "failed").map(|r| r[0].as_str()).collect();
        assert_eq!(failed, ["5", "8", "11", "12"], "{f}: {err}");
        let letter = std::fs::read_to_string(out.join("Колледж.md")).unwrap();
        assert!(letter.contains("хабарлаймыз, 8-хат."), "{f}: {letter}");
    }
    // The Windows-1251 file: a Kazakh letter 1251 lacks came out of Excel as "?".
    let letter = std::fs::read_to_string(
        tmp("x").parent().unwrap().join(format!("qujat-batch-letters-excel-1251-{}/Колледж.md", std::process::id())),
    )
    .unwrap();
    assert!(letter.contains("Н?рланов"), "{letter}");
}

/// A field --name names that no record has is a usage error before anything is written;
/// a header-only file and an empty one are input errors (exit 1) that say which; a problem of every row
/// is reported once, with its rows.
#[test]
fn table_problems_are_reported_once() {
    let out = tmp("name");
    let data = "tests/fixtures/batch/letters-excel-tab.csv";
    let o = qujat(&["batch", "official-letter", "--data", data, "--out", out.to_str().unwrap(), "--name", "nosuch"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--name nosuch: no record of"));
    assert!(!out.join("manifest.csv").exists());
    let dir = tmp("tables");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("header.csv"), "date;number\r\n").unwrap();
    std::fs::write(dir.join("empty.csv"), "").unwrap();
    let q = |data: &Path| {
        qujat(&["batch", "official-letter", "--data", data.to_str().unwrap(), "--out", dir.join("o").to_str().unwrap()])
    };
    let o = q(&dir.join("header.csv"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a header and no records"));
    let o = q(&dir.join("empty.csv"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("empty file"));
    // Without --defaults every row lacks the letterhead: said once, with the 12 rows.
    let o = q(Path::new("tests/fixtures/batch/letters-excel-tab.csv"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("field 'sender' is missing").count(), 1, "{err}");
    assert!(err.contains("rows 2–13 (12 rows): field 'sender' is missing"), "{err}");
}
