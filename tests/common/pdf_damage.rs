//! A clean Markdown act → the plain text a PDF or OCR would give of it, damaged the way
//! the seeds are: no Markdown, titles without a blank line after them, letter-spaced runs
//! (also of one- and two-letter words), lost word gaps, hard wraps, words hyphenated at a
//! line end, page breaks with a page number inside sentences, bookmarks, punctuation
//! pushed to the next line (also before a label: "; 7)"), look-alike Latin letters.
//!
//! Deterministic: the same text and seed give the same copy. Only damage that the text
//! itself lets a careful reader undo is made (a lost gap only between words the lexicon
//! knows and that do not also read as one word; a hyphen only inside a known word).

use qujat::lexicon::lexicon;

/// A small xorshift generator, so that every run damages the same way.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Markdown → plain lines: markers, emphasis, escapes and fences dropped, the line
/// structure kept.
pub fn plain(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("<a id=") {
            continue;
        }
        let indent = t.len() - t.trim_start().len();
        let mut s = t.trim_start();
        while let Some(r) = s.strip_prefix('>') {
            s = r.trim_start();
        }
        let s = s.trim_start_matches('#').trim_start();
        let s = s.replace(['*', '\\'], "");
        out.push(format!("{}{}", " ".repeat(indent.min(3)), s.trim_end()));
    }
    out
}

fn is_label(w: &str) -> bool {
    qujat::text::label::scan(w).is_some()
}

fn spaced(word: &str) -> String {
    word.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

fn cyrillic_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
}

/// The damaged plain text of a clean Markdown act.
pub fn damage(md: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut lines = plain(md);
    // The title runs straight into what follows, as in many PDFs.
    if lines.len() > 2 && lines[1].trim().is_empty() && rng.chance(50) {
        lines.remove(1);
    }
    dangling_before_labels(&mut lines, &mut rng);
    let mut out = String::new();
    let mut page = 1;
    for line in &lines {
        if line.trim().is_empty() {
            out.push('\n');
            if rng.chance(6) {
                out.push_str(&format!("[bookmark: z{}]\n", rng.next() % 1000));
            }
            continue;
        }
        out.push_str(&damage_line(line, &mut rng, &mut page));
        out.push('\n');
    }
    out
}

/// "тіркеуді;" + "2) осы…" → "тіркеуді" + "; 2) осы…": the punctuation slides to the next
/// line, before its label.
fn dangling_before_labels(lines: &mut [String], rng: &mut Rng) {
    for i in 1..lines.len() {
        let next_is_label = is_label(lines[i].trim_start());
        let Some(prev) = (0..i).rev().find(|&j| !lines[j].trim().is_empty()) else { continue };
        // (Only after a word: "тастау) ;" with its space is left as printed.)
        if next_is_label && lines[prev].ends_with(';') && !lines[prev].ends_with(" ;") && rng.chance(20) {
            lines[prev].pop();
            let t = lines[i].trim_start().to_string();
            lines[i] = format!("; {t}");
        }
    }
}

fn damage_line(line: &str, rng: &mut Rng, page: &mut usize) -> String {
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    for w in words.iter_mut().skip(1) {
        if w.chars().count() > 3 && rng.chance(8) {
            *w = w.replacen('о', "o", 1).replacen('а', "a", 1).replacen('е', "e", 1).replacen('і', "i", 1);
        }
    }
    let mut spaced_at = vec![false; words.len()];
    if words.len() > 3 && rng.chance(30) {
        let start = 1 + (rng.next() as usize) % (words.len() - 2);
        let len = 1 + (rng.next() as usize) % 3;
        let end = (start + len).min(words.len());
        let run: Vec<String> = words[start..end].to_vec();
        if run.iter().all(|w| cyrillic_word(w)) {
            let lose = rng.chance(25)
                && run.iter().all(|w| w.chars().count() >= 3 && lexicon().contains(w))
                && run.windows(2).all(|p| !lexicon().contains(&format!("{}{}", p[0], p[1])));
            let gap = if lose { " " } else { "  " };
            let joined = run.iter().map(|w| spaced(w)).collect::<Vec<_>>().join(gap);
            words.splice(start..end, [joined]);
            spaced_at = vec![false; words.len()];
            spaced_at[start] = true;
        }
    }
    let mut s = indent;
    let mut col = 0;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let lower = w.starts_with(char::is_lowercase) && !spaced_at[i];
            if lower && col > 40 && rng.chance(3) {
                *page += 1;
                s.push_str(&format!("\n\n{page}\n\n"));
                col = 0;
            } else if col > 60 && !is_label(w) && !spaced_at[i] && rng.chance(50) {
                match hyphenate(w, rng) {
                    Some((a, b)) => {
                        s.push(' ');
                        s.push_str(&a);
                        s.push_str("-\n");
                        s.push_str(&b);
                        col = b.chars().count() + 1;
                        continue;
                    }
                    None => s.push('\n'),
                }
                col = 0;
            } else {
                s.push(' ');
            }
        }
        s.push_str(w);
        col += w.chars().count() + 1;
    }
    if (s.ends_with(';') || s.ends_with('.')) && !s.ends_with("..") && rng.chance(20) {
        let p = s.pop().unwrap();
        s.push('\n');
        s.push(p);
    }
    s
}

/// Split a known lowercase word of 8 letters or more at a line end: ("асы", "рылады").
fn hyphenate(w: &str, rng: &mut Rng) -> Option<(String, String)> {
    let chars: Vec<char> = w.chars().collect();
    let known = chars.len() >= 8 && cyrillic_word(w) && w.starts_with(char::is_lowercase) && lexicon().contains(w);
    if !known || !rng.chance(40) {
        return None;
    }
    let at = 3 + (rng.next() as usize) % (chars.len() - 5);
    Some((chars[..at].iter().collect(), chars[at..].iter().collect()))
}
