//! An act folder's two files from arbitrary bytes: `meta.yaml` (before the first NUL) and
//! `kaz.md` (after it), read and parsed as `corpus import` does. Any input gives an act
//! or an error, never a panic; the act's JSON reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qujat::corpus::import::{act_of, Source};

fuzz_target!(|data: &[u8]| {
    let (meta, kaz) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&[][..], data),
    };
    let path = std::path::Path::new("fuzz/meta.yaml");
    let meta = match std::str::from_utf8(meta) {
        Ok(m) if !m.is_empty() => match qujat::corpus::meta::read(m, path) {
            Ok(m) => Some(m),
            Err(_) => return,
        },
        _ => None,
    };
    let src = Source { kaz: String::from_utf8_lossy(kaz).into_owned(), meta };
    if let Ok(act) = act_of(&src, std::path::Path::new("fuzz/kaz.md"), "fuzz/kaz.md") {
        let json = act.to_json();
        qujat::model::Act::from_json(&json, std::path::Path::new("fuzz.json")).expect("our JSON reads back");
    }
});
