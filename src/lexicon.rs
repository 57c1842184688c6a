//! A Kazakh word-frequency lexicon: a resource, not a stage. Normalization uses it to split
//! letter-spaced runs whose word gaps were lost (`к е ң е с т е р т у р а л ы` →
//! `кеңестер туралы`) and to decide whether a word hyphenated at a line end is one word;
//! the language layer uses it to tell lexicalised possessives and loans.
//!
//! `data/lexicon.fst` maps lowercase words to 1 + their count in the bundled corpus
//! (seeds and real acts). Its vocabulary is the corpus plus every form that the
//! hunspell-kk dictionary (MPL-1.1 / LGPL / GPL, `data/LICENSE-hunspell-kk.txt`)
//! expands to; `scripts/build-lexicon.sh` rebuilds it.

use std::sync::OnceLock;

use fst::{Map, MapBuilder};

static BYTES: &[u8] = include_bytes!("../data/lexicon.fst");

pub struct Lexicon {
    map: Map<&'static [u8]>,
    /// ln of the total count, for log-probabilities.
    ln_total: f64,
}

/// The bundled lexicon, loaded once (no decoding: the FST is read in place).
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let map = Map::new(BYTES).expect("data/lexicon.fst is a valid FST map");
        // The total is stored under a key no word can have.
        let total = map.get("\u{1}total").unwrap_or(1).max(1);
        Lexicon { map, ln_total: (total as f64).ln() }
    })
}

/// Longest word the segmenter will consider (Kazakh word forms run long).
const MAX_WORD: usize = 32;

impl Lexicon {
    /// How often the word occurs in the bundled corpus (0 for dictionary-only forms).
    pub fn corpus_count(&self, word: &str) -> u64 {
        self.map.get(word.to_lowercase()).map_or(0, |f| f.saturating_sub(1))
    }

    /// Is the word attested in running text (the bundled corpus), not only in the
    /// dictionary's expansion? Short dictionary-only "words" are often suffixes ("лық").
    pub fn attested(&self, word: &str) -> bool {
        self.map.get(word.to_lowercase()).is_some_and(|f| f > 1)
    }

    pub fn contains(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.map.contains_key(&lower)
    }

    /// Cost (negative log-probability) of a word; unknown words cost more the longer
    /// they are, so that a split into known words wins over one long unknown word.
    fn cost(&self, lower: &str, chars: usize) -> f64 {
        match self.map.get(lower) {
            Some(f) => self.ln_total - (f as f64).ln(),
            None => 40.0 + 4.0 * chars as f64,
        }
    }

    /// Split a run of letters with no word gaps into the most probable words.
    /// Case is kept; lookup is lowercase.
    pub fn segment(&self, letters: &str) -> Vec<String> {
        let chars: Vec<char> = letters.chars().collect();
        let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
        if lower.len() != chars.len() {
            return vec![letters.to_string()];
        }
        let n = chars.len();
        let mut best = vec![f64::INFINITY; n + 1];
        let mut back = vec![0usize; n + 1];
        best[0] = 0.0;
        let mut buf = String::new();
        for end in 1..=n {
            let start_min = end.saturating_sub(MAX_WORD);
            for start in start_min..end {
                if !best[start].is_finite() {
                    continue;
                }
                buf.clear();
                buf.extend(&lower[start..end]);
                let c = best[start] + self.cost(&buf, end - start);
                if c < best[end] {
                    best[end] = c;
                    back[end] = start;
                }
            }
        }
        let mut words = Vec::new();
        let mut end = n;
        while end > 0 {
            let start = back[end];
            words.push(chars[start..end].iter().collect::<String>());
            end = start;
        }
        words.reverse();
        words
    }
}

/// Words of a text for counting: runs of letters (with inner hyphens), lowercased.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.to_lowercase())
}

/// Build the FST bytes from a hunspell word list (one form per line) and corpus texts.
pub fn build(wordlist: &str, corpus_texts: &[String]) -> Vec<u8> {
    let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for line in wordlist.lines() {
        let w = line.trim().trim_start_matches('\u{feff}');
        let w = w.split('/').next().unwrap_or("");
        if w.chars().count() >= 1 && w.chars().all(|c| c.is_alphabetic() || c == '-') {
            counts.entry(w.to_lowercase()).or_insert(1);
        }
    }
    for text in corpus_texts {
        for w in words(text) {
            *counts.entry(w.clone()).or_insert(1) += 1;
            // Hyphenated compounds also count their halves (іс-қимыл → іс, қимыл).
            if w.contains('-') {
                for part in w.split('-').filter(|p| p.chars().count() >= 2) {
                    *counts.entry(part.to_string()).or_insert(1) += 1;
                }
            }
        }
    }
    let total: u64 = counts.values().sum();
    counts.insert("\u{1}total".to_string(), total);
    let mut b = MapBuilder::memory();
    for (k, v) in &counts {
        b.insert(k, *v).expect("keys are sorted and unique");
    }
    b.into_inner().expect("in-memory FST")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_real_words() {
        let lex = lexicon();
        for w in ["кеңестер", "туралы", "органдардың", "жұмысын", "ұйымдастыру", "Қазақстан"]
        {
            assert!(lex.contains(w), "{w}");
        }
        assert!(!lex.contains("кеңестертуралы"));
    }

    #[test]
    fn segments_runs_without_gaps() {
        let lex = lexicon();
        assert_eq!(lex.segment("кеңестертуралы"), ["кеңестер", "туралы"]);
        assert_eq!(lex.segment("органдардыңжұмысын"), ["органдардың", "жұмысын"]);
        assert_eq!(lex.segment("АудандықМәслихаттың"), ["Аудандық", "Мәслихаттың"]);
        assert_eq!(lex.segment("бостандықтарынқорғаушараларыналу"), ["бостандықтарын", "қорғау", "шараларын", "алу"]);
    }
}
