//! `qujat check` on arbitrary text against the bundled corpus: diagnostics, never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use qujat::corpus::Corpus;

static CORPUS: LazyLock<Corpus> = LazyLock::new(Corpus::bundled);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let checked = qujat::cite::check(text, "fuzz.md", data.first() == Some(&b'#'), &CORPUS);
    std::hint::black_box(qujat::cite::report::human(&checked, "fuzz.md", text));
});
