//! Bytes → text. Offices send UTF-8 (with or without BOM), UTF-16 from Word's
//! "Unicode text" export, and Windows-1251 from old systems; anything else is rejected
//! with a sentence that says what was found.

use std::path::Path;

use crate::error::{Error, Result};

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Each line is a paragraph of a Word document ("paragraph 12" in diagnostics).
    pub paragraphs: bool,
}

/// Decode `bytes` read from `path` (the path only names the file in errors).
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::input(path, "empty file: nothing to parse"));
    }
    if super::docx::is_zip(bytes) {
        let text = super::docx::read(bytes, path)?;
        return Ok(Decoded { text, encoding: "docx", paragraphs: true });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, path, "utf-8-bom");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, path, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, path, false);
    }
    // UTF-16 without a BOM: in Cyrillic and ASCII text the high byte of every code unit
    // is 0x00 or 0x04, and a NUL byte appears on that side.
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) && bytes.contains(&0) {
        let high_like = |skip: usize| bytes.iter().skip(skip).step_by(2).filter(|&&b| b == 0 || b == 4).count();
        let half = bytes.len() / 2;
        if high_like(1) * 10 >= half * 9 {
            return utf16(bytes, path, true);
        }
        if high_like(0) * 10 >= half * 9 {
            return utf16(bytes, path, false);
        }
    }
    if bytes.contains(&0) {
        return Err(Error::input(path, "binary file (contains NUL bytes): not a text document"));
    }
    // simdutf8 validates Cyrillic text several times faster than std; on failure, std
    // tells where the bad byte is.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return checked(s.to_string(), path, "utf-8");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => checked(s.to_string(), path, "utf-8"),
        Err(e) => {
            // Windows-1251: the Cyrillic letters live in 0xC0..=0xFF, plus Ё/ё and the
            // Kazakh letters in 0x80..=0xBF. Accept only when the high bytes look like text.
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            let cyr = bytes.iter().filter(|&&b| b >= 0xC0).count();
            // Broken UTF-8 (lead byte 0xD0/0xD1 then a continuation byte) is not 1251 text.
            let utf8_pairs =
                bytes.windows(2).filter(|w| matches!(w[0], 0xD0 | 0xD1) && (0x80..0xC0).contains(&w[1])).count();
            let looks_1251 = high > 0 && cyr * 10 >= high * 6 && utf8_pairs * 10 < high;
            if looks_1251 {
                let (text, _, had_errors) = encoding_rs::WINDOWS_1251.decode(bytes);
                // Real text in 1251 is letters; garbage decodes to symbols and rare letters.
                let non_ascii: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
                let letters = non_ascii
                    .iter()
                    .filter(|c| {
                        matches!(**c, 'А'..='я' | 'Ё' | 'ё' | 'І' | 'і' | '№' | '«' | '»' | '–' | '—' | '\u{a0}')
                    })
                    .count();
                if !had_errors && letters * 10 >= non_ascii.len() * 9 {
                    return checked(text.into_owned(), path, "windows-1251");
                }
            }
            let at = e.valid_up_to();
            Err(Error::input(
                path,
                format!(
                    "cannot decode: invalid UTF-8 at byte {} (0x{:02X}), and not UTF-16 or Windows-1251",
                    at, bytes[at]
                ),
            )
            .at_line(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()))
        }
    }
}

fn utf8(bytes: &[u8], path: &Path, name: &'static str) -> Result<Decoded> {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return checked(s.to_string(), path, name);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => checked(s.to_string(), path, name),
        Err(e) => {
            let at = e.valid_up_to();
            Err(Error::input(path, format!("cannot decode: invalid UTF-8 at byte {}", at))
                .at_line(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()))
        }
    }
}

fn utf16(bytes: &[u8], path: &Path, le: bool) -> Result<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::input(path, "cannot decode: UTF-16 text with an odd number of bytes"));
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
        .collect();
    match String::from_utf16(&units) {
        Ok(s) => checked(s, path, if le { "utf-16le" } else { "utf-16be" }),
        Err(_) => Err(Error::input(path, "cannot decode: invalid UTF-16 (unpaired surrogate)")),
    }
}

/// Reject text that decoded but is not a document (control characters of a binary file).
fn checked(text: String, path: &Path, encoding: &'static str) -> Result<Decoded> {
    let b = text.as_bytes();
    let total = b.len().max(1);
    // C0 controls but line breaks, tabs and form feeds, and DEL: counted in u8 lanes
    // over chunks of 255 bytes, which the compiler vectorizes.
    let controls: usize = b
        .chunks(255)
        .map(|chunk| {
            chunk.iter().fold(0u8, |c, &x| {
                let ctl = ((x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t') & (x != 0x0C)) | (x == 0x7F);
                c + u8::from(ctl)
            }) as usize
        })
        .sum();
    let nul = b.contains(&0);
    if controls * 100 > total || nul {
        return Err(Error::input(path, "binary file (control characters): not a text document"));
    }
    if text.trim().is_empty() {
        return Err(Error::input(path, "empty file: only white space"));
    }
    Ok(Decoded { text, encoding, paragraphs: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Ереже".as_bytes(), p()).unwrap().encoding, "utf-8");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend("Ереже".as_bytes());
        let d = decode(&b, p()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Ереже", "utf-8-bom"));
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let s = "Қағидалар 1-тармақ";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le, p()).unwrap().text, s);
        assert_eq!(decode(&be, p()).unwrap().text, s);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(decode(&bom, p()).unwrap().encoding, "utf-16le");
    }

    #[test]
    fn windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Решение маслихата от 19 февраля");
        let d = decode(&bytes, p()).unwrap();
        assert_eq!(d.text, "Решение маслихата от 19 февраля");
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn rejects_empty_binary_and_garbage() {
        assert!(decode(b"", p()).unwrap_err().message.contains("empty"));
        assert!(decode(b"   \n\n", p()).unwrap_err().message.contains("empty"));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", p()).unwrap_err().message.contains("binary"));
        let e = decode(b"abc\n\xFF\xFE\x80\x81 abc", p()).unwrap_err();
        assert!(e.message.contains("cannot decode"), "{}", e.message);
        assert_eq!(e.line, Some(2));
    }
}
