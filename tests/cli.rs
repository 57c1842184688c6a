//! The command line as a user meets it: outputs, bad input, exit codes
//! (0 ok, 1 input problem, 2 usage).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qujat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qujat-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const SEED: &str = "corpus/raw/004_cdf7a4bbe1e63bde.txt";

#[test]
fn parse_prints_clause_yaml() {
    let o = qujat(&["parse", SEED]);
    assert!(o.status.success(), "{}", stderr(&o));
    let y = String::from_utf8(o.stdout).unwrap();
    assert!(y.starts_with("schema: qujat/act/1\n"));
    assert!(y.contains("id: p11.sp6"));
}

#[test]
fn normalize_and_its_report() {
    let o = qujat(&["normalize", "corpus/raw/000_ab8a6cd225d4f463.txt"]);
    assert!(o.status.success());
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("кеңестер туралы Ереженің жобасын"));
    let o = qujat(&["normalize", "--report", "corpus/raw/000_ab8a6cd225d4f463.txt"]);
    let r = String::from_utf8(o.stdout).unwrap();
    // line, kind, before → after
    assert!(
        r.lines().any(|l| l.starts_with("11\tletter-spacing\tк е ң е с т е р  т у р а л ы → кеңестер туралы")),
        "{r}"
    );
    assert!(r.lines().any(|l| l.contains("\tunwrap\t")));
    assert!(r.lines().any(|l| l.contains("\tpage-break\t")));
    let o = qujat(&["normalize", "--report", "corpus/raw/002_f7d9a25fec1f6e56.txt"]);
    let r = String::from_utf8(o.stdout).unwrap();
    assert!(r.lines().any(|l| l.starts_with("3\tbookmark\t[bookmark: z4]")), "{r}");
    assert!(r.lines().any(|l| l.contains("\twhitespace\t⍽")));
}

#[test]
fn encodings_are_detected() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    let reference = String::from_utf8(qujat(&["parse", SEED]).stdout).unwrap();
    let body = |y: &str| y.lines().skip_while(|l| !l.starts_with("meta:")).collect::<Vec<_>>().join("\n");
    for (name, bytes) in [("u16.txt", utf16), ("bom.txt", bom)] {
        let p = tmp(name, &bytes);
        let o = qujat(&["parse", p.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert_eq!(body(&String::from_utf8(o.stdout).unwrap()), body(&reference), "{name}");
    }
}

#[test]
fn windows_1251_russian_act() {
    // "1. Утвердить положение." in Windows-1251
    let bytes: Vec<u8> = vec![
        0xCF, 0xEE, 0xF1, 0xF2, 0xE0, 0xED, 0xEE, 0xE2, 0xEB, 0xE5, 0xED, 0xE8, 0xE5, b'\n', b'\n', b'1', b'.', b' ',
        0xD3, 0xF2, 0xE2, 0xE5, 0xF0, 0xE4, 0xE8, 0xF2, 0xFC, b'.', b'\n',
    ];
    let p = tmp("cp1251.txt", &bytes);
    let o = qujat(&["parse", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let y = String::from_utf8(o.stdout).unwrap();
    assert!(y.contains("encoding: windows-1251") && y.contains("Утвердить"), "{y}");
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_1() {
    let cases: Vec<(PathBuf, &str)> = vec![
        (tmp("empty.txt", b""), "empty file"),
        (tmp("blank.txt", b"  \n\n \n"), "empty file"),
        (tmp("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"), "binary file"),
        (tmp("garbage.txt", b"1. \xD0\xB1\xD0\n\xFF\xFE\xFD\x80 text"), "cannot decode"),
        (tmp("noise.txt", b"hello world\nlorem ipsum\n"), "no recognizable structure"),
        (PathBuf::from("/nonexistent/act.txt"), "no such file"),
    ];
    for (p, want) in cases {
        let o = qujat(&["parse", p.to_str().unwrap()]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {e}", p.display());
        assert!(e.contains(want) && e.contains(p.file_name().unwrap().to_str().unwrap()), "{}: {e}", p.display());
        assert_eq!(e.lines().count(), 1, "one line: {e}");
        assert!(!e.contains("panicked"));
    }
}

#[test]
fn a_bad_file_does_not_stop_the_good_ones() {
    let out = std::env::temp_dir().join(format!("qujat-cli-out-{}", std::process::id()));
    let bad = tmp("bad.txt", b"");
    let o = qujat(&[
        "parse",
        SEED,
        bad.to_str().unwrap(),
        "corpus/raw/000_ab8a6cd225d4f463.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.join("004_cdf7a4bbe1e63bde.yaml").exists() && out.join("000_ab8a6cd225d4f463.yaml").exists());
    assert!(stderr(&o).contains("bad.txt: empty file"));
}

#[test]
fn a_50_mb_file_parses() {
    let seed = std::fs::read(SEED).unwrap();
    let big: Vec<u8> = seed.iter().copied().cycle().take(50 * 1024 * 1024 / seed.len() * seed.len()).collect();
    let p = tmp("big.txt", &big);
    let out = std::env::temp_dir().join(format!("qujat-cli-big-{}", std::process::id()));
    let o = qujat(&["parse", p.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::metadata(out.join("big.yaml")).unwrap().len() > 10_000_000);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(qujat(&["parse"]).status.code(), Some(2));
    assert_eq!(qujat(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(qujat(&["parse", SEED, "corpus/raw/000_ab8a6cd225d4f463.txt"]).status.code(), Some(2));
    assert!(Path::new(env!("CARGO_BIN_EXE_qujat")).exists());
}

fn qujat_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qujat"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn inflect_and_date_commands() {
    let o = qujat(&["inflect", "тармақ", "--case", "dat", "--possessive", "3"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "тармағына\n");
    let o = qujat(&["inflect", "Тараз қаласы", "--case", "dat"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Тараз қаласына\n");
    let o = qujat(&["inflect", "бап", "--case", "gen", "--plural"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "баптардың\n");
    let o = qujat(&["date", "2026-01-05"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2026 жылғы 5 қаңтардағы\n");
    let o = qujat(&["date", "2026-01-05", "--case", "dat"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2026 жылғы 5 қаңтарға\n");
    let o = qujat(&["date", "2026-05-05", "--short"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "05.05.2026 ж.\n");
    // Usage errors: exit 2 with a sentence.
    for args in [
        &["date", "2026-02-31"][..],
        &["inflect", "бап", "--case", "dative2"],
        &["inflect", "бап", "--possessive", "1"],
    ] {
        let o = qujat(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&o).is_empty());
    }
}

#[test]
fn inflect_tsv_keeps_good_lines_and_reports_bad_ones() {
    let input = "тармақ\tsg\tpx3\tdat\n13\tsg\t-\tdat\nбап\tdual\t-\tgen\n\nхалық\tsg\tpx3\tnom\nқұжат\tpl\t-\n";
    let o = qujat_stdin(&["inflect", "--tsv"], input);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "тармақ\tsg\tpx3\tdat\tтармағына\n13\tsg\t-\tdat\t13-ке\n\nхалық\tsg\tpx3\tnom\tхалқы\n"
    );
    let err = stderr(&o);
    assert!(err.contains("<stdin>:3: column 2 (number) is 'dual'"), "{err}");
    assert!(err.contains("<stdin>:6: expected 4 tab-separated columns"), "{err}");
    let o = qujat_stdin(&["inflect", "--tsv"], "бала\tpl\t-\tdat\r\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "бала\tpl\t-\tdat\tбалаларға\n");
}

/// The same mistake gets the same exit code and words in every command that reads files.
#[test]
fn the_same_mistake_gets_the_same_code_everywhere() {
    let dir = std::env::temp_dir();
    let dir = dir.to_str().unwrap();
    let cases: [&[&str]; 4] = [&["parse"], &["normalize"], &["check"], &["render", "official-letter", "--data"]];
    for cmd in cases {
        for (path, words) in [("/nonexistent/x.txt", "no such file"), (dir, "is a folder, not a file")] {
            let o = qujat(&[cmd, &[path]].concat());
            let e = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{cmd:?} {path}: {e}");
            assert!(e.contains(words) && e.contains(path), "{cmd:?} {path}: {e}");
            assert!(!e.contains("os error"), "raw OS text leaked: {e}");
        }
    }
    let out = std::env::temp_dir().join(format!("qujat-cli-mistake-{}", std::process::id()));
    let out = out.to_str().unwrap();
    for data in ["/nonexistent/x.csv", "/nonexistent/x.xlsx", "/nonexistent/x.yaml"] {
        let o = qujat(&["batch", "official-letter", "--data", data, "--out", out]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{e}");
        assert!(e.contains("no such file") && !e.contains("os error"), "{e}");
    }
    // Folders: the same words for --corpus, --templates and corpus RAW.
    for args in [
        &["corpus", SEED][..],
        &["check", "--corpus", SEED, "tests/drafts/valid.md"],
        &["templates", "--templates", SEED],
    ] {
        let o = qujat(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains("is a file, not a folder"), "{args:?}: {}", stderr(&o));
    }
    // An output folder that is a file.
    let o = qujat(&["parse", SEED, "-o", SEED]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a file, not a folder"), "{}", stderr(&o));
    // An -o extension that is no format is a usage error, never a silent Markdown file.
    let data = "templates/official-letter/example.yaml";
    let o = qujat(&["render", "official-letter", "--data", data, "-o", &format!("{out}/letter.odt")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// One unreadable text in a corpus folder is reported; the others are still parsed.
#[test]
fn a_corpus_run_survives_an_unreadable_file() {
    let dir = std::env::temp_dir().join(format!("qujat-cli-corpus-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("folder.txt")).unwrap();
    std::fs::copy(SEED, dir.join("good.txt")).unwrap();
    let o = qujat(&["corpus", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("folder.txt: is a folder, not a file"), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("good.txt"));
    let empty = std::env::temp_dir().join(format!("qujat-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    for args in [&["corpus", empty.to_str().unwrap()][..], &["bench", empty.to_str().unwrap()]] {
        assert_eq!(qujat(args).status.code(), Some(1), "{args:?}: an empty folder is an input problem");
    }
}

/// `-` is standard input for normalize, parse and check, and for render's --data;
/// messages and `source.file` then name `<stdin>`.
#[test]
fn dash_reads_standard_input() {
    let text = std::fs::read_to_string("corpus/raw/000_ab8a6cd225d4f463.txt").unwrap();
    let from_file = String::from_utf8(qujat(&["parse", "corpus/raw/000_ab8a6cd225d4f463.txt"]).stdout).unwrap();
    let o = qujat_stdin(&["parse", "-"], &text);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_stdin = String::from_utf8(o.stdout).unwrap();
    let expected = from_file.replace("file: corpus/raw/000_ab8a6cd225d4f463.txt", "file: <stdin>");
    assert_ne!(expected, from_file, "the YAML names its source");
    assert_eq!(from_stdin, expected);

    let from_file = qujat(&["normalize", "corpus/raw/000_ab8a6cd225d4f463.txt"]).stdout;
    assert_eq!(qujat_stdin(&["normalize", "-"], &text).stdout, from_file);

    let draft = std::fs::read_to_string("tests/drafts/broken.md").unwrap();
    let o = qujat_stdin(&["check", "-"], &draft);
    assert_eq!(o.status.code(), Some(1), "the broken draft has errors");
    assert!(String::from_utf8_lossy(&o.stdout).contains("<stdin>:"));

    let record = std::fs::read_to_string("templates/official-letter/example.yaml").unwrap();
    let o = qujat_stdin(&["render", "official-letter", "--data", "-"], &record);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_file = qujat(&["render", "official-letter", "--data", "templates/official-letter/example.yaml"]);
    assert_eq!(o.stdout, from_file.stdout);

    let o = qujat_stdin(&["parse", "-"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("qujat: <stdin>: empty file"), "{}", stderr(&o));
}

/// The commands work from any folder: their default inputs are bundled in the binary.
#[test]
fn commands_work_outside_the_repository() {
    let cwd = std::env::temp_dir().join(format!("qujat-cli-cwd-{}", std::process::id()));
    std::fs::create_dir_all(&cwd).unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_qujat")).args(args).current_dir(&cwd).output().unwrap();
    let o = run(&["corpus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("10 files of the bundled corpus"));
    for args in [&["bench", "--seconds", "0.1"][..], &["bench", "inflect", "--seconds", "0.1"]] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains("throughput:"), "{args:?}");
    }
    let o = run(&["bench", "check", "--acts", "50", "--pages", "2", "--seconds", "0.1"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn digest_of_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.into_iter().filter(|p| p.is_file()).map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}

/// `build` writes only under its -o folder: never the golden files it could hide a change in.
#[test]
fn build_writes_only_under_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let golden = [root.join("tests/golden/parse"), root.join("tests/golden/render"), root.join("corpus/raw")];
    let before: Vec<_> = golden.iter().map(|d| digest_of_dir(d)).collect();
    let out = std::env::temp_dir().join(format!("qujat-cli-build-{}", std::process::id()));
    let o = qujat(&["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(golden.iter().map(|d| digest_of_dir(d)).collect::<Vec<_>>(), before);
    assert!(!root.join("corpus/acts").exists(), "nothing writes into the repository");
    // OUT/acts holds exactly the golden YAML.
    for (path, bytes) in &before[0] {
        let built = std::fs::read(out.join("acts").join(path.file_name().unwrap())).unwrap();
        assert!(built == *bytes, "{} differs from the build's", path.display());
    }
    for t in ["council-decision", "official-letter", "ombudsman-recommendation"] {
        for ext in ["md", "html", "pdf"] {
            assert!(out.join(format!("{t}.{ext}")).is_file(), "{t}.{ext}");
        }
    }
}

/// Every flag the README lists for a command is in that command's --help, and every
/// positional argument there has help text.
#[test]
fn help_lists_what_the_readme_lists() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme.split("## Commands").nth(1).unwrap().split("```").nth(1).unwrap();
    let mut checked = 0;
    for line in block.lines().filter(|l| l.starts_with("qujat ")) {
        let usage = line.split('#').next().unwrap();
        let words: Vec<&str> = usage.split_whitespace().skip(1).collect();
        // The command path: `bench`, or `bench inflect` for a named benchmark.
        let mut cmd: Vec<&str> = vec![words[0]];
        if words[0] == "bench" && words.get(1).is_some_and(|w| ["inflect", "check", "batch", "corpus"].contains(w)) {
            cmd.push(words[1]);
        }
        if words[0] == "corpus" && words.get(1).is_some_and(|w| ["import", "list"].contains(w)) {
            cmd.push(words[1]);
        }
        let o = qujat(&[&cmd[..], &["--help"]].concat());
        assert!(o.status.success(), "{cmd:?} --help");
        let help = String::from_utf8_lossy(&o.stdout).to_string();
        for flag in usage.split(|c: char| c.is_whitespace() || "[]|".contains(c)).filter(|w| w.starts_with('-')) {
            let flag = flag.split('=').next().unwrap();
            if flag != "-" {
                assert!(help.contains(flag), "`qujat {}` --help lacks {flag}", cmd.join(" "));
            }
        }
        // Positional arguments: each entry under "Arguments:" is followed by its help,
        // on its line or indented deeper below it.
        if let Some(args) = help.split("Arguments:\n").nth(1) {
            let section = args.split("\nOptions:").next().unwrap();
            let lines: Vec<&str> = section.lines().collect();
            for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with(['<', '['])) {
                let next = lines.get(i + 1).copied().unwrap_or("");
                let indent = |s: &str| s.len() - s.trim_start().len();
                let inline = l.trim().split_once(['>', ']']).is_some_and(|(_, rest)| !rest.trim().is_empty());
                let below = !next.trim().is_empty() && indent(next) > indent(l);
                assert!(inline || below, "`qujat {}`: {l} has no help", cmd.join(" "));
            }
        }
        checked += 1;
    }
    assert!(checked >= 15, "README commands checked: {checked}");
    let o = qujat(&["bench", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for b in ["inflect", "check", "batch", "corpus", "normalize + parse"] {
        assert!(help.contains(b), "bench --help names {b}");
    }
}
