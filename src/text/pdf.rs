//! PDF → text, through pdf-extract. The letter-spaced runs, hard wraps and page breaks
//! the normalizer repairs are what this step leaves; page numbers and the running
//! headers and footers repeated on every page are removed here, where the pages are
//! still known.

use std::path::Path;

use crate::error::{Error, Result};

/// Whether the bytes are a PDF.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The text of a PDF's pages, without page numbers and running headers and footers.
pub fn read(bytes: &[u8], path: &Path) -> Result<String> {
    // pdf-extract panics on some damaged files (a missing object: the fuzzer found one,
    // tests/regressions): a bad PDF is an input error, not a crash.
    let pages = quietly(|| -> std::result::Result<Vec<String>, String> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            return Err("it is encrypted (save it without a password)".into());
        }
        let mut lines = Lines::default();
        pdf_extract::output_doc(&doc, &mut lines).map_err(|e| e.to_string())?;
        Ok(lines.pages)
    })
    .map_err(|_| Error::input(path, "the PDF cannot be read (damaged or unsupported)"))?
    .map_err(|e| Error::input(path, format!("the PDF cannot be read: {e}")))?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(Error::input(
            path,
            format!(
                "a scanned PDF: its {} page(s) have no text layer. Run OCR first (for example `ocrmypdf --language kaz+rus in.pdf out.pdf`) and give qujat the result",
                pages.len()
            ),
        ));
    }
    Ok(strip_running_lines(&pages).join("\n"))
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the compressed streams of a PDF inflate to at most `cap` bytes together;
/// returns the bytes they inflate to. After every `stream` keyword the data is inflated
/// as the PDF reader would (zlib, and raw deflate from byte 2 when zlib fails, as lopdf
/// retries) through readers that stop at the cap; a deflate stream ends itself, so no
/// `/Length` or `endstream` is trusted. Filters that are not measured here (LZW,
/// ASCII85, ASCIIHex, RunLength: rare in PDFs of text) make the PDF refused.
pub fn within(bytes: &[u8], cap: u64) -> std::result::Result<u64, String> {
    for filter in ["/LZWDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode"] {
        if memchr::memmem::find(bytes, filter.as_bytes()).is_some() {
            return Err(format!("it uses the {} filter, which qujat does not read from uploads", &filter[1..]));
        }
    }
    let mut left = cap;
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    let mut streams = 0;
    while let Some(start) = memchr::memmem::find(&bytes[at..], b"stream").map(|i| at + i + b"stream".len()) {
        at = start;
        if bytes[..start - b"stream".len()].ends_with(b"end") {
            continue;
        }
        streams += 1;
        if streams > 50_000 {
            return Err("it has more than 50,000 streams".into());
        }
        let body = bytes[start..].strip_prefix(b"\r").unwrap_or(&bytes[start..]);
        let body = body.strip_prefix(b"\n").unwrap_or(body);
        let (mut n, ok) = inflated_size(flate2::read::ZlibDecoder::new(body), left + 1, &mut buf);
        if !ok && n <= left {
            let raw = body.get(2..).unwrap_or_default();
            n = n.max(inflated_size(flate2::read::DeflateDecoder::new(raw), left + 1, &mut buf).0);
        }
        if n > left {
            return Err(format!("its streams expand to more than {} MB", cap >> 20));
        }
        left -= n;
    }
    Ok(cap - left)
}

/// How many bytes a decoder gives, counting up to `limit` (what came out before an
/// error counts too: a reader may keep it), and whether it ended cleanly.
fn inflated_size(mut z: impl std::io::Read, limit: u64, buf: &mut [u8]) -> (u64, bool) {
    let mut n = 0u64;
    while n < limit {
        match z.read(buf) {
            Ok(0) => return (n, true),
            Ok(k) => n += k as u64,
            Err(_) => return (n, false),
        }
    }
    (n, true)
}

/// Run `f`, turning a panic into Err without the panic message on stderr: the hook
/// installed once stays silent on this thread while `f` runs, and otherwise does what
/// the previous hook did (another thread's panic is still reported).
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(false));
    result
}

/// pdf-extract's characters as lines: a new line wherever the baseline moves by half a
/// letter's height (its own text output joins an indented line to a short one above it,
/// "ҚАУЛЫ ЕТЕДІ: 1. Қоса …"), a space wherever a gap opens between letters.
#[derive(Default)]
struct Lines {
    pages: Vec<String>,
    page: String,
    last: Option<(f64, f64)>,
}

type Extract<T> = std::result::Result<T, pdf_extract::OutputError>;

impl pdf_extract::OutputDev for Lines {
    fn begin_page(&mut self, _: u32, _: &pdf_extract::MediaBox, _: Option<(f64, f64, f64, f64)>) -> Extract<()> {
        self.page.clear();
        self.last = None;
        Ok(())
    }
    fn end_page(&mut self) -> Extract<()> {
        self.pages.push(std::mem::take(&mut self.page));
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _: f64,
        size: f64,
        c: &str,
    ) -> Extract<()> {
        let size = (size * trm.m11 * size * trm.m22).abs().sqrt().max(1.0);
        let (x, y) = (trm.m31, trm.m32);
        if let Some((last_y, last_end)) = self.last {
            if (y - last_y).abs() > size * 0.5 {
                self.page.push('\n');
            } else if x > last_end + size * 0.1
                && !self.page.ends_with(' ')
                && c != " "
                // A gap before closing punctuation is the layout's, not a space.
                && !matches!(c, "." | "," | ";" | ":" | ")" | "»")
            {
                self.page.push(' ');
            }
        }
        self.page.push_str(c);
        self.last = Some((y, x + width * size));
        Ok(())
    }
    fn begin_word(&mut self) -> Extract<()> {
        Ok(())
    }
    fn end_word(&mut self) -> Extract<()> {
        Ok(())
    }
    fn end_line(&mut self) -> Extract<()> {
        Ok(())
    }
}

/// Each page's lines less its page number and the lines repeated at the top or the
/// bottom of most pages (a header, a footer, a registration stamp).
fn strip_running_lines(pages: &[String]) -> Vec<String> {
    let lines: Vec<Vec<&str>> =
        pages.iter().map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect()).collect();
    let edge = |first: bool| -> Vec<String> {
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for p in &lines {
            // The first (last) line that is not a page number.
            let mut it: Box<dyn Iterator<Item = &&str>> =
                if first { Box::new(p.iter()) } else { Box::new(p.iter().rev()) };
            if let Some(l) = it.find(|l| !is_page_number(l)) {
                *counts.entry(l).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .filter(|(_, n)| pages.len() >= 3 && *n * 2 > pages.len())
            .map(|(l, _)| l.to_string())
            .collect()
    };
    let (heads, feet) = (edge(true), edge(false));
    lines
        .iter()
        .map(|p| {
            let mut p: &[&str] = p;
            while p.first().is_some_and(|l| is_page_number(l) || heads.iter().any(|h| h == l)) {
                p = &p[1..];
            }
            while p.last().is_some_and(|l| is_page_number(l) || feet.iter().any(|f| f == l)) {
                p = &p[..p.len() - 1];
            }
            p.join("\n")
        })
        .collect()
}

/// "2", "- 2 -", "2 бет", "Страница 2" alone on a line.
fn is_page_number(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.trim_end_matches("бет").trim_start_matches("Страница").trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_running_lines_go() {
        let pages: Vec<String> = (1..=4)
            .map(|i| format!("{i}\nМәслихат шешімі\nмәтін {i}\nЖоба\n"))
            .map(|p| p.replace("1\nМәслихат", "Мәслихат"))
            .collect();
        let out = strip_running_lines(&pages);
        assert_eq!(out, ["мәтін 1", "мәтін 2", "мәтін 3", "мәтін 4"]);
        assert!(is_page_number("- 12 -") && is_page_number("3 бет") && !is_page_number("12-бап"));
    }
}
