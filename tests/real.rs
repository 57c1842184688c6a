//! Real acts (clean Markdown from ../shared/real, copied to tests/real): they parse, and
//! a damaged copy — letter-spaced runs, hard wraps, page breaks inside sentences,
//! bookmarks, dangling punctuation, look-alike Latin letters — parses to the same
//! clauses with the same text.

use std::path::{Path, PathBuf};

use qujat::lexicon::lexicon;
use qujat::model::Act;
use qujat::parse::parse_bytes;

fn real_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

/// A small deterministic generator, so that every run damages the same way.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A line of running text (not Markdown structure) that damage may touch.
fn prose(line: &str) -> bool {
    let t = line.trim_start();
    !(t.is_empty() || t.starts_with(['#', '>', '<', '|', '*', '`', '_']) || t.contains("\\") || t.ends_with("  "))
}

fn looks_like_label(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit() || "-–—•*+#>".contains(c))
}

fn spaced(word: &str) -> String {
    word.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Copy)]
struct Damage {
    letter_spacing: bool,
    lost_gaps: bool,
    wraps: bool,
    page_breaks: bool,
    bookmarks: bool,
    dangling: bool,
    lookalikes: bool,
}

const ALL: Damage = Damage {
    letter_spacing: true,
    lost_gaps: true,
    wraps: true,
    page_breaks: true,
    bookmarks: true,
    dangling: true,
    lookalikes: true,
};

/// Damage a clean Markdown text the way PDF and OCR do.
fn damage(text: &str, seed: u64, d: Damage) -> String {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            out.push(line.to_string());
            continue;
        }
        if in_code || !prose(line) {
            out.push(line.to_string());
            if d.bookmarks && line.trim().is_empty() && rng.chance(8) {
                out.push(format!("[bookmark: z{}]", rng.next() % 1000));
            }
            continue;
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        // Look-alike Latin letters inside Cyrillic words.
        if d.lookalikes {
            for w in words.iter_mut().skip(1) {
                if w.chars().count() > 3 && rng.chance(10) {
                    *w = w.replacen('о', "o", 1).replacen('а', "a", 1).replacen('е', "e", 1).replacen('і', "i", 1);
                }
            }
        }
        // Letter-spaced runs of two or three plain words (double space between words).
        let mut spaced_at = vec![false; words.len()];
        if d.letter_spacing && words.len() > 4 && rng.chance(35) {
            let start = 1 + (rng.next() as usize) % (words.len() - 3);
            let len = 2 + (rng.next() as usize) % 2;
            let end = (start + len).min(words.len());
            let run: Vec<String> = words[start..end].to_vec();
            let plain =
                run.iter().all(|w| w.chars().all(|c| c.is_alphabetic() && !c.is_ascii()) && w.chars().count() >= 2);
            // Where the double space is lost, the words can be told apart only when the
            // lexicon knows them and no two neighbours also read as one word
            // ("тәртібі мен" / "тәртібімен" cannot be decided from letters alone).
            let lose = d.lost_gaps
                && rng.chance(30)
                && run.iter().all(|w| lexicon().contains(w))
                && run.windows(2).all(|p| !lexicon().contains(&format!("{}{}", p[0], p[1])));
            if plain {
                let gap = if lose { " " } else { "  " };
                let joined = run.iter().map(|w| spaced(w)).collect::<Vec<_>>().join(gap);
                words.splice(start..end, [joined]);
                spaced_at = vec![false; words.len()];
                spaced_at[start] = true;
            }
        }
        // Build the line back, inserting wraps and page breaks before lower-case words.
        let mut s = indent.clone();
        let mut col = 0;
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                let lower = w.starts_with(char::is_lowercase) && !spaced_at[i];
                if d.page_breaks && lower && col > 40 && rng.chance(3) {
                    s.push_str("\n\n\n");
                    col = 0;
                } else if d.wraps && col > 60 && !looks_like_label(w) && !spaced_at[i] && rng.chance(50) {
                    s.push('\n');
                    col = 0;
                } else {
                    s.push(' ');
                }
            }
            s.push_str(w);
            col += w.chars().count() + 1;
        }
        // Punctuation pushed to its own line.
        if d.dangling && (s.ends_with(';') || s.ends_with('.')) && !s.ends_with("..") && rng.chance(25) {
            let p = s.pop().unwrap();
            s.push('\n');
            s.push(p);
        }
        out.push(s);
    }
    out.join("\n") + "\n"
}

/// Everything a citation can reach: every unit's address, kind, number, text and heading.
fn units(act: &Act) -> Vec<String> {
    let mut v = Vec::new();
    for p in &act.parts {
        p.walk(&mut |u| {
            v.push(format!("{}/{} {:?} {:?} {:?} {:?}", p.id, u.id, u.kind, u.num, u.heading, u.text));
        });
    }
    v
}

fn parse_md(text: &str, name: &str) -> Act {
    parse_bytes(text.as_bytes(), Path::new(name), name, true).unwrap_or_else(|e| panic!("{name}: {e}")).act
}

#[test]
fn real_acts_parse_with_structure() {
    for f in real_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let act = parse_md(&text, f.to_str().unwrap());
        let n = units(&act).len();
        assert!(n >= 15, "{}: only {n} units", f.display());
        assert!(act.meta.title.is_some(), "{}: no title", f.display());
        assert!(act.parts.len() >= 2, "{}: the approved attachment was not found", f.display());
        assert!(act.residue.is_empty(), "{}: residue {:?}", f.display(), act.residue);
    }
}

#[test]
fn damaged_copies_parse_to_the_same_clauses() {
    let mut checked = 0;
    for f in real_files() {
        let clean = std::fs::read_to_string(&f).unwrap();
        let expected = units(&parse_md(&clean, "clean.md"));
        for seed in 1..=6u64 {
            let damaged = damage(&clean, seed * 7919 + checked as u64, ALL);
            assert_ne!(damaged, clean);
            let got = units(&parse_md(&damaged, "damaged.md"));
            let diff: Vec<String> = expected
                .iter()
                .zip(&got)
                .filter(|(a, b)| a != b)
                .map(|(a, b)| format!("- {a}\n+ {b}"))
                .take(3)
                .collect();
            assert!(
                expected.len() == got.len() && diff.is_empty(),
                "{} (seed {seed}): {} units clean, {} damaged\n{}",
                f.display(),
                expected.len(),
                got.len(),
                diff.join("\n")
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8 * 6);
}

#[test]
fn each_kind_of_damage_alone_is_repaired() {
    let kinds = [
        Damage { letter_spacing: true, ..NONE },
        Damage { letter_spacing: true, lost_gaps: true, ..NONE },
        Damage { wraps: true, ..NONE },
        Damage { page_breaks: true, ..NONE },
        Damage { bookmarks: true, ..NONE },
        Damage { dangling: true, ..NONE },
        Damage { lookalikes: true, ..NONE },
    ];
    for f in real_files() {
        let clean = std::fs::read_to_string(&f).unwrap();
        let expected = units(&parse_md(&clean, "clean.md"));
        for (k, d) in kinds.iter().enumerate() {
            let damaged = damage(&clean, 1234 + k as u64, *d);
            assert_eq!(units(&parse_md(&damaged, "damaged.md")), expected, "{} damage kind {k}", f.display());
        }
    }
}

const NONE: Damage = Damage {
    letter_spacing: false,
    lost_gaps: false,
    wraps: false,
    page_breaks: false,
    bookmarks: false,
    dangling: false,
    lookalikes: false,
};
