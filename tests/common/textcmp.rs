//! How the real-text tests compare texts: look-alike Latin letters inside Cyrillic words
//! read as Cyrillic, markup and lone dashes dropped, no space before a stop or comma.

/// Whitespace collapsed, markup and bullet marks dropped, Latin look-alikes inside
/// Cyrillic words read as the Cyrillic letters (the corpus Markdown itself has "iс-шаралар"
/// with a Latin i, which the normalizer rightly repairs), no space before a stop or comma
/// (the corpus prints "реттеледі ." and "(қысқарту) ;", which the normalizer rightly
/// closes up): how texts are compared.
pub fn norm(s: &str) -> String {
    let words: Vec<String> = s
        .replace(['*', '\\'], "")
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–" | "—" | "•"))
        .map(fold_lookalikes)
        .collect();
    let mut out = String::with_capacity(s.len());
    for w in words {
        let glued = w.chars().all(|c| ".,;:".contains(c));
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

pub fn fold_lookalikes(w: &str) -> String {
    if !w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        return w.to_string();
    }
    const PAIRS: [(char, char); 24] = [
        ('a', 'а'),
        ('c', 'с'),
        ('e', 'е'),
        ('i', 'і'),
        ('k', 'к'),
        ('o', 'о'),
        ('p', 'р'),
        ('x', 'х'),
        ('y', 'у'),
        ('A', 'А'),
        ('B', 'В'),
        ('C', 'С'),
        ('E', 'Е'),
        ('H', 'Н'),
        ('I', 'І'),
        ('K', 'К'),
        ('M', 'М'),
        ('O', 'О'),
        ('P', 'Р'),
        ('T', 'Т'),
        ('X', 'Х'),
        ('Y', 'У'),
        ('ə', 'ә'),
        ('Ə', 'Ә'),
    ];
    w.chars().map(|c| PAIRS.iter().find(|p| p.0 == c).map_or(c, |p| p.1)).collect()
}

/// `a` of `b` in percent (100 when there is nothing to count).
pub fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
