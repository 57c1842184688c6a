//! Arbitrary bytes as a user's file: `text::decode` tells a DOCX (ZIP), a PDF, UTF-8/16,
//! Windows-1251 or KZ-1048, and reads it. Any input gives text or an input error, never a
//! panic; text that decodes also normalizes and parses. A ZIP or PDF is also measured as
//! the server measures uploads (`io::zip_within`, `text::pdf::within`), which must never
//! panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz/draft");
    if qujat::text::docx::is_zip(data) {
        let _ = qujat::io::zip_within(data, 1 << 20);
    }
    if qujat::text::pdf::is_pdf(data) {
        let _ = qujat::text::pdf::within(data, 1 << 20);
    }
    if let Ok(d) = qujat::text::decode(data, path) {
        let _ = qujat::parse::parse_text(&d.text, "fuzz", false);
    }
});
