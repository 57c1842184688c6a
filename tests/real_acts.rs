//! Real acts the parser was not written for (tests/real/acts: collected from the public
//! kazakhstan-law repositories, see its README), scored against the structure that
//! `scripts/real_expected.py` derives from their Markdown, independently of qujat.
//!
//! Each act is parsed twice: the clean Markdown, and a damaged plain-text copy (what a
//! PDF or OCR gives: tests/common/pdf_damage.rs). A third of the acts (`set = heldout` in
//! sources.tsv) was not looked at while the parser was changed; both figures are
//! printed. Run with `-- --nocapture` to see the table:
//!
//!     cargo test --release --test real_acts -- --nocapture
//!
//! With `QUJAT_REAL_DETAILS=tune`, what went wrong in each act of the tuning set.

#[path = "common/pdf_damage.rs"]
mod pdf_damage;
#[path = "common/textcmp.rs"]
mod textcmp;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use qujat::model::{Act, Part, Unit, UnitKind};
use serde_json::Value;
use textcmp::{norm, pct};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real/acts")
}

/// (NN, set) from sources.tsv.
fn acts() -> Vec<(String, String)> {
    let tsv = std::fs::read_to_string(dir().join("sources.tsv")).unwrap();
    let mut lines = tsv.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (nn, set) = (col("NN"), col("set"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[nn].to_string(), f[set].to_string())
        })
        .collect()
}

/// A clause's whole text: its own and that of everything under it, in order, without labels.
fn full_text(u: &Unit) -> String {
    let mut parts = vec![u.text.clone().unwrap_or_default()];
    let mut stack: Vec<&Unit> = u.units.iter().rev().collect();
    while let Some(x) = stack.pop() {
        // An item keeps its printed label in the source's text ("а) …", "5.1. …"); a
        // subclause's number is compared apart, in the subclause lists.
        let label = match (&x.kind, x.num.as_deref()) {
            (UnitKind::Item, Some(n)) if n.chars().all(char::is_alphabetic) => format!("{n}) "),
            (UnitKind::Item, Some(n)) => format!("{n}. "),
            _ => String::new(),
        };
        parts.push(format!("{label}{}", x.text.clone().unwrap_or_default()));
        stack.extend(x.units.iter().rev());
    }
    norm(&parts.join(" "))
}

fn numbered_chapters(p: &Part) -> usize {
    let mut n = 0;
    p.walk(&mut |u| n += usize::from(u.kind == UnitKind::Chapter && u.num.is_some()));
    n
}

fn clauses(p: &Part) -> Vec<&Unit> {
    let mut v = Vec::new();
    p.walk(&mut |u| {
        if u.kind == UnitKind::Clause {
            v.push(u);
        }
    });
    v
}

#[derive(Default, Clone, Copy)]
struct Score {
    acts: usize,
    titles: usize,
    parts_right: usize,
    clauses: usize,
    found: usize,
    exact: usize,
    sub_lists: usize,
    sub_right: usize,
    chapters: usize,
    chapters_found: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.acts += o.acts;
        self.titles += o.titles;
        self.parts_right += o.parts_right;
        self.clauses += o.clauses;
        self.found += o.found;
        self.exact += o.exact;
        self.sub_lists += o.sub_lists;
        self.sub_right += o.sub_right;
        self.chapters += o.chapters;
        self.chapters_found += o.chapters_found;
    }
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {:.1}% | {}/{} | {:.1}% ({}/{}) | {:.1}% | {:.1}% | {:.1}% |",
            self.acts,
            pct(self.titles, self.acts),
            self.parts_right,
            self.acts,
            pct(self.found, self.clauses),
            self.found,
            self.clauses,
            pct(self.exact, self.clauses),
            pct(self.sub_right, self.sub_lists),
            pct(self.chapters_found, self.chapters),
        )
    }
}

/// Score one parse against the expected structure; `why` collects what went wrong.
fn score(act: &Act, want: &Value, why: &mut Vec<String>) -> Score {
    let mut s = Score { acts: 1, ..Default::default() };
    let title = norm(want["title"].as_str().unwrap_or(""));
    if act.meta.title.as_deref().map(norm).as_deref() == Some(&title) {
        s.titles = 1;
    } else {
        why.push(format!("title: {:?} ≠ {title:?}", act.meta.title));
    }
    let parts = want["parts"].as_array().unwrap();
    if act.parts.len() == parts.len() {
        s.parts_right = 1;
    } else {
        why.push(format!("parts: {} ≠ {}", act.parts.len(), parts.len()));
    }
    for (i, wp) in parts.iter().enumerate() {
        let got: Vec<&Unit> = act.parts.get(i).map(clauses).unwrap_or_default();
        // A number printed twice (a drafting slip: two clauses 8) is matched in order.
        let mut by_num: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
        for u in got.iter().rev() {
            by_num.entry(u.num.as_deref().unwrap_or("")).or_default().push(u);
        }
        for wc in wp["clauses"].as_array().unwrap() {
            s.clauses += 1;
            let num = wc["num"].as_str().unwrap();
            let Some(u) = by_num.get_mut(num).and_then(|v| if v.len() > 1 { v.pop() } else { v.last().copied() })
            else {
                why.push(format!("part {i}: clause {num} not found"));
                continue;
            };
            s.found += 1;
            let want_text = norm(wc["text"].as_str().unwrap());
            if full_text(u) == want_text {
                s.exact += 1;
            } else {
                why.push(format!("part {i} clause {num} text:\n      got  {}\n      want {want_text}", full_text(u)));
            }
            let want_subs: Vec<&str> =
                wc["subclauses"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
            if !want_subs.is_empty() {
                s.sub_lists += 1;
                let got_subs: Vec<&str> =
                    u.units.iter().filter(|x| x.kind == UnitKind::Subclause).filter_map(|x| x.num.as_deref()).collect();
                if got_subs == want_subs {
                    s.sub_right += 1;
                } else {
                    why.push(format!("part {i} clause {num} subclauses {got_subs:?} ≠ {want_subs:?}"));
                }
            }
        }
        let want_ch = wp["chapters"].as_array().map_or(0, Vec::len);
        s.chapters += want_ch;
        // Chapters are numbered (N-тарау, a numbered section heading); an unnumbered
        // heading ("1-мысал.", "Ескертпе:") is a subheading on both sides.
        let got_ch = act.parts.get(i).map_or(0, numbered_chapters);
        s.chapters_found += got_ch.min(want_ch);
        if got_ch != want_ch {
            why.push(format!("part {i}: {got_ch} chapters ≠ {want_ch}"));
        }
    }
    s
}

fn parse(text: &str, name: &str, markdown: bool) -> Option<Act> {
    qujat::parse::parse_bytes(text.as_bytes(), Path::new(name), name, markdown).ok().map(|p| p.act)
}

#[test]
fn real_acts_scored_against_their_markdown() {
    let mut table: BTreeMap<(String, &str), Score> = BTreeMap::new();
    let mut report = String::new();
    for (nn, set) in acts() {
        let md = std::fs::read_to_string(dir().join(format!("{nn}.kaz.md"))).unwrap();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{nn}.expected.json"))).unwrap()).unwrap();
        // QUJAT_REAL_SEED=K damages with another seed (to look for failures on the tuning
        // set); the table is made with the default.
        let extra: u64 = std::env::var("QUJAT_REAL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        let damaged = pdf_damage::damage(&md, nn.parse::<u64>().unwrap() * 7919 + extra * 104_729);
        // QUJAT_REAL_DUMP=DIR writes the damaged copies of the tuning set there, to look at.
        if let (Some(d), "tune") = (std::env::var_os("QUJAT_REAL_DUMP"), set.as_str()) {
            std::fs::write(Path::new(&d).join(format!("{nn}.damaged.txt")), &damaged).unwrap();
        }
        for (copy, text, markdown) in [("clean", md.as_str(), true), ("damaged", damaged.as_str(), false)] {
            let mut why = Vec::new();
            let s = match parse(text, &format!("{nn}.{copy}"), markdown) {
                Some(act) => score(&act, &want, &mut why),
                None => {
                    why.push("does not parse".into());
                    Score { acts: 1, clauses: 1, ..Default::default() }
                }
            };
            table.entry((set.clone(), copy)).or_default().add(&s);
            // Details only for the set asked for (QUJAT_REAL_DETAILS=tune): the held-out
            // third stays unseen while the parser is tuned.
            let details = std::env::var("QUJAT_REAL_DETAILS").ok();
            if !why.is_empty() && details.as_deref() == Some(set.as_str()) {
                let _ = writeln!(report, "{nn} {copy} ({set}):");
                for w in why.iter().take(6) {
                    let _ = writeln!(report, "    {w}");
                }
            }
        }
    }
    print!("{report}");
    println!(
        "| set, copy | acts | titles | parts right | clauses found | clause text exact | subclause lists | chapters |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for ((set, copy), s) in &table {
        println!("{}", s.row(&format!("{set}, {copy}")));
    }
    // Regression floor: the figures when this test was written (the README has the
    // current ones). A change that makes the parser worse on real acts fails here.
    for ((set, copy), s) in &table {
        assert!(pct(s.found, s.clauses) >= FLOOR_FOUND, "{set} {copy}: clauses found fell");
        assert!(pct(s.exact, s.clauses) >= FLOOR_EXACT, "{set} {copy}: exact clause text fell");
    }
}

const FLOOR_FOUND: f64 = 95.0;
const FLOOR_EXACT: f64 = 93.0;
