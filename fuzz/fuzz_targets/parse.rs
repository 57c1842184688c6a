//! decode + normalize + parse of arbitrary bytes: any input gives YAML or an error, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.txt");
    if let Ok(p) = qujat::parse::parse_bytes(data, path, "fuzz.txt", false) {
        std::hint::black_box(p.act.to_yaml());
    }
    // The same bytes as Markdown take the other block reader.
    let _ = qujat::parse::parse_bytes(data, std::path::Path::new("fuzz.md"), "fuzz.md", true);
});
