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
    if super::pdf::is_pdf(bytes) {
        let text = super::pdf::read(bytes, path)?;
        return Ok(Decoded { text, encoding: "pdf", paragraphs: false });
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
            if looks_1251 && is_kz1048(bytes) {
                return checked(kz1048(bytes), path, "kz-1048");
            }
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
                    "cannot decode: invalid UTF-8 at byte {} (0x{:02X}), and not UTF-16, Windows-1251 or KZ-1048",
                    at, bytes[at]
                ),
            )
            .at_line(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()))
        }
    }
}

/// KZ-1048 (STRK1048-2002), the Kazakh Windows code page: bytes 0x80–0xFF. It is
/// Windows-1251 with the Kazakh letters in place of the Serbian, Macedonian and Ukrainian
/// ones. From the code page's published mapping (unicode.org
/// MAPPINGS/VENDORS/MISC/KZ1048.TXT, as Python's `kz1048` codec has it); 0x98 is not
/// assigned.
const KZ1048: [char; 128] = [
    '\u{0402}', '\u{0403}', '\u{201A}', '\u{0453}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{20AC}',
    '\u{2030}', '\u{0409}', '\u{2039}', '\u{040A}', '\u{049A}', '\u{04BA}', '\u{040F}', '\u{0452}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{FFFD}', '\u{2122}', '\u{0459}',
    '\u{203A}', '\u{045A}', '\u{049B}', '\u{04BB}', '\u{045F}', '\u{00A0}', '\u{04B0}', '\u{04B1}', '\u{04D8}',
    '\u{00A4}', '\u{04E8}', '\u{00A6}', '\u{00A7}', '\u{0401}', '\u{00A9}', '\u{0492}', '\u{00AB}', '\u{00AC}',
    '\u{00AD}', '\u{00AE}', '\u{04AE}', '\u{00B0}', '\u{00B1}', '\u{0406}', '\u{0456}', '\u{04E9}', '\u{00B5}',
    '\u{00B6}', '\u{00B7}', '\u{0451}', '\u{2116}', '\u{0493}', '\u{00BB}', '\u{04D9}', '\u{04A2}', '\u{04A3}',
    '\u{04AF}', '\u{0410}', '\u{0411}', '\u{0412}', '\u{0413}', '\u{0414}', '\u{0415}', '\u{0416}', '\u{0417}',
    '\u{0418}', '\u{0419}', '\u{041A}', '\u{041B}', '\u{041C}', '\u{041D}', '\u{041E}', '\u{041F}', '\u{0420}',
    '\u{0421}', '\u{0422}', '\u{0423}', '\u{0424}', '\u{0425}', '\u{0426}', '\u{0427}', '\u{0428}', '\u{0429}',
    '\u{042A}', '\u{042B}', '\u{042C}', '\u{042D}', '\u{042E}', '\u{042F}', '\u{0430}', '\u{0431}', '\u{0432}',
    '\u{0433}', '\u{0434}', '\u{0435}', '\u{0436}', '\u{0437}', '\u{0438}', '\u{0439}', '\u{043A}', '\u{043B}',
    '\u{043C}', '\u{043D}', '\u{043E}', '\u{043F}', '\u{0440}', '\u{0441}', '\u{0442}', '\u{0443}', '\u{0444}',
    '\u{0445}', '\u{0446}', '\u{0447}', '\u{0448}', '\u{0449}', '\u{044A}', '\u{044B}', '\u{044C}', '\u{044D}',
    '\u{044E}', '\u{044F}',
];

/// The bytes where KZ-1048 puts Kazakh letters and Windows-1251 rare Serbian and
/// Ukrainian ones (Қ for Ќ, Ә for Ј, …).
const KZ1048_KAZAKH: [u8; 16] =
    [0x8D, 0x8E, 0x9D, 0x9E, 0xA1, 0xA2, 0xA3, 0xA5, 0xAA, 0xAF, 0xB4, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF];

/// Single-byte Cyrillic text whose Kazakh-letter bytes sit inside words is KZ-1048: a
/// Kazakh text cannot be written in Windows-1251 at all.
fn is_kz1048(bytes: &[u8]) -> bool {
    let letter = |b: u8| b >= 0xC0 || KZ1048_KAZAKH.contains(&b);
    bytes
        .windows(2)
        .any(|w| (KZ1048_KAZAKH.contains(&w[0]) && letter(w[1])) || (letter(w[0]) && KZ1048_KAZAKH.contains(&w[1])))
}

fn kz1048(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { KZ1048[usize::from(b - 0x80)] }).collect()
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

    /// Every Kazakh letter at its byte in the published KZ-1048 table (unicode.org
    /// KZ1048.TXT), and a text Python's `kz1048` codec encoded (tests/fixtures/encodings).
    #[test]
    fn kz_1048() {
        let letters = [
            (0xA3, 'Ә'),
            (0xBC, 'ә'),
            (0xAA, 'Ғ'),
            (0xBA, 'ғ'),
            (0x8D, 'Қ'),
            (0x9D, 'қ'),
            (0xBD, 'Ң'),
            (0xBE, 'ң'),
            (0xA5, 'Ө'),
            (0xB4, 'ө'),
            (0xA1, 'Ұ'),
            (0xA2, 'ұ'),
            (0xAF, 'Ү'),
            (0xBF, 'ү'),
            (0x8E, 'Һ'),
            (0x9E, 'һ'),
            (0xB2, 'І'),
            (0xB3, 'і'),
            (0xC0, 'А'),
            (0xFF, 'я'),
            (0xA8, 'Ё'),
            (0xB8, 'ё'),
            (0xB9, '№'),
        ];
        for (byte, letter) in letters {
            // "а<letter>а": the letter inside a word, as text has it.
            let d = decode(&[0xE0, byte, 0xE0, b' ', 0xE0, 0x9D, 0xE0], p()).unwrap();
            assert_eq!(d.text.chars().nth(1), Some(letter), "0x{byte:02X}");
            assert_eq!(d.encoding, "kz-1048");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings");
        let bytes = std::fs::read(format!("{dir}/kz1048.txt")).unwrap();
        let want = std::fs::read_to_string(format!("{dir}/kz1048.utf8.txt")).unwrap();
        let d = decode(&bytes, p()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (want.as_str(), "kz-1048"));
        // Russian text in Windows-1251 stays Windows-1251.
        let (ru, _, _) = encoding_rs::WINDOWS_1251.encode("Ёлка и ёжик на улице № 5 — «Решение»");
        assert_eq!(decode(&ru, p()).unwrap().encoding, "windows-1251");
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
