//! Print the blocks the parser sees in a file, one per line (line, kind, flags, text):
//! `cargo run --release --example blocks_dump -- act.md`.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a file"));
    let bytes = std::fs::read(&path).expect("readable");
    let decoded = qujat::text::decode(&bytes, &path).expect("decodable");
    let md = qujat::text::is_markdown(&path, &decoded.text, false);
    let n = qujat::text::normalize(&decoded.text, md);
    for b in qujat::parse::blocks::blocks(&n) {
        let flags = format!(
            "{}{}{}",
            if b.quote { "q" } else { "" },
            if b.code { "c" } else { "" },
            if b.bold { "b" } else { "" }
        );
        let t: String = b.flat().chars().take(110).collect();
        println!("{:>5} {:?} {flags:3} i{} {t}", b.line, b.kind, b.indent);
    }
}
