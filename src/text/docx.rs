//! DOCX → text: one line per Word paragraph, so that a line number is a paragraph number
//! and diagnostics can say "paragraph 12, column 30".
//!
//! - Paragraphs and tables in reading order (a table row by row, each cell's paragraphs).
//! - Word's automatic numbering is rebuilt from `numbering.xml` ("1.", "1)", "а)",
//!   several levels, restarts): drafts made in Word carry their clause numbers there,
//!   not in the text.
//! - Tracked changes read as the current text: insertions kept, deletions dropped.
//! - Comments, headers, footers and footnotes live in other parts and are left out.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};

/// Whether the bytes are a ZIP package (a DOCX is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a DOCX, a line per paragraph.
pub fn read(bytes: &[u8], path: &Path) -> Result<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input(path, format!("not a readable DOCX (ZIP) file: {e}")))?;
    let mut part = |name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let document = part("word/document.xml").ok_or_else(|| {
        Error::input(path, "a ZIP file without word/document.xml: not a Word document (save it as .docx)")
    })?;
    let numbering = part("word/numbering.xml").map(|x| Numbering::parse(&x)).unwrap_or_default();
    body(&document, numbering).map_err(|e| Error::input(path, format!("word/document.xml: {e}")))
}

/// One level of a list: its number format, its text ("%1.", "%1.%2)") and start.
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numbering.xml: abstract lists by id, and the concrete lists (numId) that use them.
#[derive(Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let (mut abs, mut num, mut lvl): (Option<String>, Option<String>, Option<u8>) = (None, None, None);
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let v = || attr(&e, b"w:val");
                    match e.name().as_ref() {
                        b"w:abstractNum" => abs = attr(&e, b"w:abstractNumId"),
                        b"w:num" => num = attr(&e, b"w:numId"),
                        b"w:lvl" | b"w:lvlOverride" => lvl = attr(&e, b"w:ilvl").and_then(|x| x.parse().ok()),
                        b"w:abstractNumId" => {
                            if let (Some(id), Some(a)) = (&num, v()) {
                                n.nums.entry(id.clone()).or_default().0 = a;
                            }
                        }
                        b"w:startOverride" => {
                            if let (Some(id), Some(l), Some(s)) = (&num, lvl, v().and_then(|x| x.parse().ok())) {
                                n.nums.entry(id.clone()).or_default().1.insert(l, s);
                            }
                        }
                        tag @ (b"w:start" | b"w:numFmt" | b"w:lvlText") if num.is_none() => {
                            if let (Some(a), Some(l)) = (&abs, lvl) {
                                let level = n.abstracts.entry(a.clone()).or_default().entry(l).or_default();
                                let val = v().unwrap_or_default();
                                match tag {
                                    b"w:start" => level.start = val.parse().unwrap_or(1),
                                    b"w:numFmt" => level.format = val,
                                    _ => level.text = val,
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    b"w:abstractNum" => abs = None,
                    b"w:num" => num = None,
                    b"w:lvl" | b"w:lvlOverride" => lvl = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }
}

/// Counters of the lists as the document goes: a level counts on, and a deeper level
/// starts again when a shallower one moves.
struct Counters<'a> {
    numbering: &'a Numbering,
    counts: HashMap<String, [u32; 9]>,
}

impl Counters<'_> {
    /// The label of the next paragraph of list `num` at `level` ("3.", "2)", "а)"), or
    /// None for a bullet or an unknown list.
    fn next(&mut self, num: &str, level: u8) -> Option<String> {
        let (abs, overrides) = self.numbering.nums.get(num)?;
        let levels = self.numbering.abstracts.get(abs)?;
        let l = usize::from(level.min(8));
        let start =
            |i: usize| overrides.get(&(i as u8)).copied().or(levels.get(&(i as u8)).map(|x| x.start)).unwrap_or(1);
        let counts = self.counts.entry(num.to_string()).or_insert([0; 9]);
        for (i, c) in counts.iter_mut().enumerate().take(l) {
            if *c == 0 {
                *c = start(i);
            }
        }
        counts[l] = if counts[l] == 0 { start(l) } else { counts[l] + 1 };
        for c in counts.iter_mut().skip(l + 1) {
            *c = 0;
        }
        let this = levels.get(&level)?;
        if this.format == "bullet" || this.format == "none" {
            return None;
        }
        let mut label = this.text.clone();
        for (i, count) in counts.iter().enumerate().take(l + 1) {
            let f = levels.get(&(i as u8)).map_or("decimal", |x| x.format.as_str());
            label = label.replace(&format!("%{}", i + 1), &format_number(*count, f));
        }
        Some(label)
    }
}

/// A list number in Word's format: decimal, letters (Latin or Cyrillic), Roman.
fn format_number(n: u32, format: &str) -> String {
    // Word's Cyrillic letter lists skip ё, й, ъ, ы, ь (а б в г д е ж з и к …).
    const RUSSIAN: &str = "абвгдежзиклмнопрстуфхцчшщэюя";
    let letters = |alphabet: &str| {
        let a: Vec<char> = alphabet.chars().collect();
        let i = (n.max(1) - 1) as usize;
        a[i % a.len()].to_string().repeat(i / a.len() + 1)
    };
    match format {
        "lowerLetter" => letters("abcdefghijklmnopqrstuvwxyz"),
        "upperLetter" => letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        "russianLower" => letters(RUSSIAN),
        "russianUpper" => letters(RUSSIAN).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The paragraphs of document.xml, a line each.
fn body(xml: &str, numbering: Numbering) -> std::result::Result<String, String> {
    let mut r = Reader::from_str(xml);
    let mut counters = Counters { numbering: &numbering, counts: HashMap::new() };
    let mut out = String::new();
    let mut para = String::new();
    let (mut num, mut level): (Option<String>, u8) = (None, 0);
    // Depths of the elements whose text is not current text: deletions, field codes.
    let (mut deleted, mut in_text) = (0usize, false);
    loop {
        let ev = r.read_event().map_err(|e| format!("at byte {}: {e}", r.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:del" | b"w:moveFrom" => deleted += 1,
                b"w:t" => in_text = true,
                b"w:p" => {
                    para.clear();
                    num = None;
                    level = 0;
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:numId" => num = attr(&e, b"w:val").filter(|v| v != "0"),
                b"w:ilvl" => level = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                b"w:tab" if deleted == 0 => para.push('\t'),
                b"w:br" | b"w:cr" if deleted == 0 => para.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => {
                para.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(g) if in_text && deleted == 0 => {
                let name = g.decode().map_err(|e| e.to_string())?;
                para.push_str(&entity(&name));
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:del" | b"w:moveFrom" => deleted = deleted.saturating_sub(1),
                b"w:t" => in_text = false,
                b"w:p" => {
                    let label = num.as_deref().and_then(|n| counters.next(n, level));
                    if let Some(l) = label {
                        out.push_str(&l);
                        out.push(' ');
                    }
                    // A paragraph is one line: a soft line break inside it is a space.
                    out.push_str(para.replace(['\n', '\r'], " ").trim_end());
                    out.push('\n');
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// The five XML entities and numeric character references.
fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        n => {
            let code = n
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| n.strip_prefix('#').map(str::parse));
            code.and_then(|c| c.ok()).and_then(char::from_u32).map(String::from).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_formats() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "russianLower"), "б");
        assert_eq!(format_number(10, "russianLower"), "к");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
    }
}
